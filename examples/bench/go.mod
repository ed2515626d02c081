module example.com/mapguard/bench

go 1.24
