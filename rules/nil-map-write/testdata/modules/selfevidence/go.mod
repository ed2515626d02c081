module example.com/selfevidence

go 1.22

require example.com/plan v1.0.0
