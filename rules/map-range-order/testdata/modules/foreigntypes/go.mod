module example.com/foreigntypes

go 1.22

require example.com/labels v1.2.0
