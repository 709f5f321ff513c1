package histdate

import "testing"

func mustParse(t *testing.T, s string, opts Options) Date {
	t.Helper()
	d, err := Parse(s, opts)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return d
}

func TestCompare(t *testing.T) {
	for _, c := range []struct {
		a, b   string
		ao     Options
		want   Relation
		offset int
		gap    int
		text   string
	}{
		{a: "May 28, 1858", b: "16 mei 1858", ao: Options{}, want: SameDayCalendar, offset: 12, text: "the same day in two calendars (Julian vs Gregorian, 12 days)"},
		{a: "November 1860", b: "2 november 1860", want: Contains, text: "contains"},
		{a: "1727", b: "1728", want: Before, gap: 1, text: "ends the day before the other begins"},
		{a: "1850-1864", b: "1862–77", want: Overlaps},
		{a: "1858", b: "1858", want: Equal},
		{a: "May 28, 1858", b: "the 19th century", want: Within},
		{a: "1881", b: "1879", want: After, gap: 367, text: "begins 367 days after the other ends"},
		{a: "May 28, 1858", b: "June 1, 1858", want: Before, gap: 4, text: "before by 4 days"},
		{a: "May 29, 1858", b: "May 28, 1858", want: After, gap: 1, text: "after by 1 day"},
	} {
		bo := Options{}
		if c.want == SameDayCalendar {
			bo.Calendar = Julian
		}
		got := Compare(mustParse(t, c.a, c.ao), mustParse(t, c.b, bo))
		if got.Relation != c.want || got.OffsetDays != c.offset || got.GapDays != c.gap {
			t.Errorf("Compare(%q, %q) = %+v, want %s offset %d gap %d", c.a, c.b, got, c.want, c.offset, c.gap)
		}
		if c.text != "" && got.String() != c.text {
			t.Errorf("Compare(%q, %q).String() = %q, want %q", c.a, c.b, got.String(), c.text)
		}
	}
}

func TestDualReading(t *testing.T) {
	a := mustParse(t, "16 mei 1858", Options{})
	b := mustParse(t, "May 28, 1858", Options{})
	off, julian, ok := DualReading(a, b)
	if !ok || off != 12 || julian != "a" {
		t.Errorf("DualReading = %d %q %v, want 12 a true", off, julian, ok)
	}
	if off, julian, ok = DualReading(b, a); !ok || julian != "b" {
		t.Errorf("reversed: %d %q %v", off, julian, ok)
	}
	c := mustParse(t, "17 mei 1858", Options{})
	if _, _, ok := DualReading(c, b); ok {
		t.Error("17 and 28 May are not one day in two calendars")
	}
	if _, _, ok := DualReading(mustParse(t, "May 1858", Options{}), b); ok {
		t.Error("a month is not a day")
	}
}
