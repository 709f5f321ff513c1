package quantity

import "testing"

// A nationality may stand between a figure and a count of people or ships.
func TestNationalityBeforeCount(t *testing.T) {
	for _, c := range []struct {
		in   string
		unit string
		val  float64
	}{
		{"some 7,000 British troops", "troops", 7000},
		{"20.000 Russische soldaten", "troops", 20000},
		{"12 French ships", "ships", 12},
	} {
		q, err := Parse(c.in, Options{})
		if err != nil || q.Unit != c.unit || q.Value != c.val {
			t.Errorf("Parse(%q) = %v %q, %v; want %v %s", c.in, q.Value, q.Unit, err, c.val, c.unit)
		}
	}
	if _, err := Parse("12 French kilometres", Options{}); err == nil {
		t.Error("a nationality before a unit of length should not read")
	}
}
