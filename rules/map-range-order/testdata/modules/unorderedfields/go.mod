module example.com/unorderedfields

go 1.22
