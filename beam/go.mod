module github.com/csatkit/csat/beam

go 1.26.8
