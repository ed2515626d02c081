module example.com/cap

go 1.22
