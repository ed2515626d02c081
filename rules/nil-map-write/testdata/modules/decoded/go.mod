module example.com/decoded

go 1.22

require example.com/settings v1.4.0
