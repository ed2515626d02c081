module example.com/mapguard-examples

go 1.23
