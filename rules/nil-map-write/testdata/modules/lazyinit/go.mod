module example.com/lazyinit

go 1.22

require example.com/cache v0.3.0
