package histdate

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStyleOpen(t *testing.T) {
	tests := []struct {
		in   string
		cal  Calendar
		open bool
		// other is the other reading as a Gregorian ISO day or span.
		other string
	}{
		{"2 November 1860", "", true, "1860-11-14"},
		{"November 1860", "", true, "1860-11-13/1860-12-12"},
		{"16 mei 1858", Julian, true, "1858-05-16"},
		{"1 February 1918", "", true, "1918-02-14"},
		{"14 February 1918", "", false, ""}, // Russia is New Style from this day
		{"1860", "", false, ""},             // a year: its edges only
		{"2 November 1860 O.S.", "", false, ""},
		{"16/28 May 1858", "", false, ""},
		{"12/24 February 1881", "", false, ""},
		{"5 May 1500", "", false, ""}, // before the reform both read Julian
		{"1862–77", "", false, ""},
		{"明治22年2月11日", "", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			d, err := Parse(tc.in, Options{Calendar: tc.cal})
			if err != nil {
				t.Fatal(err)
			}
			if got := d.StyleOpen(); got != tc.open {
				t.Fatalf("StyleOpen() = %v, want %v (%+v)", got, tc.open, d)
			}
			o, ok := d.OtherStyle()
			if ok != tc.open {
				t.Fatalf("OtherStyle ok = %v", ok)
			}
			if !ok {
				return
			}
			got := ISO(Gregorian, o.Earliest())
			if o.Earliest() != o.Latest() {
				got += "/" + ISO(Gregorian, o.Latest())
			}
			if got != tc.other {
				t.Errorf("OtherStyle() = %s, want %s", got, tc.other)
			}
			if o.Calendar == d.Calendar || o.From.Year != d.From.Year || o.From.Month != d.From.Month || o.From.Day != d.From.Day {
				t.Errorf("OtherStyle() = %v, want the same figures in the other calendar of %v", o, d)
			}
		})
	}
}

func TestWithOtherReading(t *testing.T) {
	d, err := Parse("2 november 1860", Options{Lang: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	d2, ok := d.WithOtherReading("the document dates other events Old Style")
	if !ok || d2.OtherReading == nil {
		t.Fatalf("WithOtherReading: %v %v", ok, d2)
	}
	r := d2.Report()
	if r.OtherReading == nil {
		t.Fatal("report without other_reading")
	}
	got := []string{string(r.Calendar), *r.Gregorian.Start, string(r.OtherReading.Calendar), *r.OtherReading.Gregorian.Start, r.OtherReadingWhy}
	want := []string{"gregorian", "1860-11-02", "julian", "1860-11-14", "the document dates other events Old Style"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	marked, _ := Parse("2 November 1860 O.S.", Options{})
	if m2, ok := marked.WithOtherReading("x"); ok || m2.OtherReading != nil {
		t.Errorf("a date marked Old Style got another reading: %v", m2)
	}
}
