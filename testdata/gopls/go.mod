module example.com/acmgopls

go 1.26
