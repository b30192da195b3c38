module forktools

go 1.22
