module example.com/importers

go 1.22
