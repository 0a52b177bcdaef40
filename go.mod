module github.com/peermatch/peermatch

go 1.24.0

require (
	github.com/arran4/golang-ical v0.3.6
	github.com/rickar/cal/v2 v2.1.26
	github.com/stretchr/testify v1.12.1
	gonum.org/v1/gonum v0.17.0
)

require go.yaml.in/yaml/v3 v3.0.5 // indirect
