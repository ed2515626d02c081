module example.com/iter

go 1.23
