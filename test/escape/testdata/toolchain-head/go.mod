module example.com/registry

go 1.99.0

toolchain go1.99.0

require example.com/dep v1.0.0
