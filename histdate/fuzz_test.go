package histdate

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func seedTexts() []string {
	var seeds []string
	for _, c := range parseCases {
		seeds = append(seeds, c.in)
	}
	return append(seeds, "", "(", "16/", "12–", "between 1727 and", "1858/..", "the 0s", "31/31/1858",
		"1 January -4000", "Y-1000", "February 29, 1900 O.S.", "XXXXe siècle")
}

// FuzzParse checks that the prose reader never panics, that what it reads
// has ordered bounds, and that its EDTF is valid EDTF that reads back to
// the same days.
func FuzzParse(f *testing.F) {
	for _, s := range seedTexts() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s, Options{})
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("Parse(%q): error of type %T, want *ParseError", s, err)
			}
			return
		}
		if d.Earliest() > d.Latest() {
			t.Fatalf("Parse(%q): earliest %d after latest %d", s, d.Earliest(), d.Latest())
		}
		e := d.EDTF()
		if e == "" {
			return
		}
		y, _, _ := JDNToGregorian(d.Earliest())
		y2, _, _ := JDNToGregorian(d.Latest())
		if y <= 0 || y2 > 9999 || d.Earliest() == MinJDN {
			return // EDTF years outside 0..9999 need a notation go-edtf lacks
		}
		if !edtfValid(e) {
			t.Fatalf("Parse(%q): EDTF %q is not valid", s, e)
		}
		back, err := ParseEDTF(e)
		if err != nil {
			t.Fatalf("Parse(%q): EDTF %q does not read back: %v", s, e, err)
		}
		if back.Earliest() != d.Earliest() || back.Latest() != d.Latest() {
			t.Fatalf("Parse(%q): EDTF %q reads back as %d..%d, want %d..%d", s, e, back.Earliest(), back.Latest(), d.Earliest(), d.Latest())
		}
	})
}

// FuzzEDTF checks the bridge to go-edtf: no panic, ordered bounds, and a
// stable round trip through our own EDTF writer.
func FuzzEDTF(f *testing.F) {
	for _, s := range []string{"1858-05-28", "1858", "185X", "18XX", "1850/1864", "1871/..", "../1858",
		"1858~", "1858-05-28?", "1858%", "-0043", "[1667,1668,1670..1672]", "{1667,1668}", "1630-21",
		"2004-06-~11", "1858-05-13/1858-06-12", "Y-170000002", "1984?/2004~"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseEDTF(s)
		if err != nil {
			return
		}
		if d.Earliest() > d.Latest() {
			t.Fatalf("ParseEDTF(%q): earliest %d after latest %d", s, d.Earliest(), d.Latest())
		}
		e := d.EDTF()
		back, err := ParseEDTF(e)
		if err != nil {
			t.Fatalf("ParseEDTF(%q) -> %q does not read back: %v", s, e, err)
		}
		if back.Earliest() != d.Earliest() || back.Latest() != d.Latest() {
			t.Fatalf("ParseEDTF(%q) -> %q: bounds %d..%d, then %d..%d", s, e, d.Earliest(), d.Latest(), back.Earliest(), back.Latest())
		}
	})
}

// FuzzFind checks that the finder never panics, that its spans are in
// order, inside the text and do not overlap, and that every complete
// mention reads again, alone, as the same days.
func FuzzFind(f *testing.F) {
	for _, s := range seedTexts() {
		f.Add("Signed on " + s + ", then ratified.")
	}
	f.Add("In 1881, the treaty was signed on February 12 (February 24, New Style calendar).")
	for _, c := range narrativeCases {
		f.Add(c.doc)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		n := utf8.RuneCountInString(s)
		r := []rune(s)
		last := 0
		for _, m := range Find(s, Options{}) {
			if m.Start < last || m.End <= m.Start || m.End > n {
				t.Fatalf("Find(%q): bad span %d-%d after %d (len %d)", s, m.Start, m.End, last, n)
			}
			last = m.End
			switch m.Kind {
			case KindDuration, KindSet:
				if !strings.HasPrefix(m.Duration, "P") {
					t.Fatalf("Find(%q): duration %q is not ISO 8601", s, m.Duration)
				}
				continue
			case KindReference:
				if !strings.HasSuffix(m.Reference, "_REF") {
					t.Fatalf("Find(%q): reference %q", s, m.Reference)
				}
				continue
			case KindRelative:
				if m.Relation == "" {
					t.Fatalf("Find(%q): relative mention %q without its relation", s, string(r[m.Start:m.End]))
				}
			}
			if m.Incomplete || m.Date.YearFromContext || m.Date.ChineseText != "" {
				continue
			}
			if m.Date.Earliest() > m.Date.Latest() {
				t.Fatalf("Find(%q): %q has earliest after latest", s, string(r[m.Start:m.End]))
			}
		}
	})
}
