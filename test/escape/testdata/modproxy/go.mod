module example.com/modproxy

go 1.22
