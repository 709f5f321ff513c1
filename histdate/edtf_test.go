package histdate

import (
	"testing"

	"github.com/sfomuseum/go-edtf/parser"
)

func edtfValid(s string) bool { return parser.IsValid(s) }

func TestEDTFRoundTrip(t *testing.T) {
	for _, s := range []string{
		"1858-05-28", "1858-05", "1858", "185X", "18XX", "1850/1864", "1871/..", "../1858",
		"1858~", "1858-05-28?", "1858%", "-0043", "1858-05-13/1858-06-12", "[1667,1668,1670..1672]",
		"1630-21",
	} {
		t.Run(s, func(t *testing.T) {
			d, err := ParseEDTF(s)
			if err != nil {
				t.Fatalf("ParseEDTF: %v", err)
			}
			out := d.EDTF()
			if !edtfValid(out) {
				t.Fatalf("EDTF() = %q, not valid EDTF", out)
			}
			back, err := ParseEDTF(out)
			if err != nil {
				t.Fatalf("ParseEDTF(%q): %v", out, err)
			}
			if back.Earliest() != d.Earliest() || back.Latest() != d.Latest() || back.Qualifiers != d.Qualifiers {
				t.Errorf("%q -> %q: bounds %d..%d %v, then %d..%d %v", s, out, d.Earliest(), d.Latest(), d.Qualifiers.Names(), back.Earliest(), back.Latest(), back.Qualifiers.Names())
			}
		})
	}
}

func TestEDTFOfJulianDates(t *testing.T) {
	// EDTF is Gregorian: a Julian date is written by its Gregorian days.
	for _, c := range []struct{ in, want string }{
		{"16 May 1858 O.S.", "1858-05-28"},
		{"May 1858 O.S.", "1858-05-13/1858-06-12"},
		{"1858 O.S.", "1858-01-13/1859-01-12"},
	} {
		d, err := Parse(c.in, Options{})
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.in, err)
		}
		if got := d.EDTF(); got != c.want {
			t.Errorf("EDTF(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseEDTFErrors(t *testing.T) {
	for _, s := range []string{"", "1858-13-01", "hello", "1858-02-30", "../.."} {
		if _, err := ParseEDTF(s); err == nil {
			t.Errorf("ParseEDTF(%q) succeeded, want an error", s)
		}
	}
}
