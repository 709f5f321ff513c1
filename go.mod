module treatyline

go 1.26.8

require (
	github.com/6tail/lunar-go v1.4.6
	github.com/google/go-cmp v0.7.0
	github.com/sfomuseum/go-edtf v1.2.1
	gopkg.in/yaml.v3 v3.0.1
)

require golang.org/x/text v0.43.0
