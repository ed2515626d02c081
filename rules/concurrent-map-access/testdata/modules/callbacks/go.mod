module example.com/callbacks

go 1.22

require example.org/workpool v1.0.0
