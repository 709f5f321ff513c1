package report

import (
	"testing"

	"treatyline/histdate"
)

// slowDay is ReadDay without its fast path: histdate.Parse's day.
func slowDay(text string) (histdate.JDN, error) {
	d, err := histdate.Parse(text, histdate.Options{})
	if err != nil {
		return 0, err
	}
	return d.Earliest(), nil
}

// TestReadDayISO: isoDay reads what histdate.Parse reads, the same day,
// and leaves to it whatever is not a plain YYYY-MM-DD day.
func TestReadDayISO(t *testing.T) {
	for _, tc := range []struct {
		text string
		fast bool // isoDay reads it
	}{
		{"1858-05-28", true},
		{"1600-01-01", true},
		{"2000-02-29", true},
		{"1583-01-01", true},
		{"1582-12-31", false}, // histdate reads it as Julian
		{"9999-12-31", true},
		{"1582-10-10", false},
		{"1900-02-29", false},
		{"1858-02-30", false},
		{"1858-13-01", false},
		{"1858-00-10", false},
		{"1858-05-00", false},
		{"0999-05-28", false},
		{"1858-5-28", false},
		{"1858-05-28 ", false},
		{" 1858-05-28", false},
		{"1858/05/28", false},
		{"1858-05", false},
		{"28 May 1858", false},
		{"１８５８-05-28", false},
	} {
		t.Run(tc.text, func(t *testing.T) {
			day, ok := isoDay(tc.text)
			if ok != tc.fast {
				t.Fatalf("isoDay(%q): ok %v; want %v", tc.text, ok, tc.fast)
			}
			if !ok {
				return
			}
			want, err := slowDay(tc.text)
			if err != nil || day != want {
				t.Errorf("isoDay(%q) = %d; histdate.Parse: %d, %v", tc.text, day, want, err)
			}
		})
	}
	// Every day of four centuries, and the first of each month since 1583.
	for j := histdate.GregorianToJDN(1600, 1, 1); j <= histdate.GregorianToJDN(2000, 12, 31); j++ {
		checkISO(t, histdate.ISO(histdate.Gregorian, j))
	}
	for y := 1583; y <= 9999; y += 7 {
		for m := 1; m <= 12; m++ {
			checkISO(t, histdate.ISO(histdate.Gregorian, histdate.GregorianToJDN(y, m, 1)))
		}
	}
}

func checkISO(t *testing.T, text string) {
	t.Helper()
	day, ok := isoDay(text)
	want, err := slowDay(text)
	if !ok || err != nil || day != want {
		t.Fatalf("%s: isoDay %d, %v; histdate.Parse %d, %v", text, day, ok, want, err)
	}
}

// FuzzReadDay: whatever isoDay reads, histdate.Parse reads as the same
// day.
func FuzzReadDay(f *testing.F) {
	for _, s := range []string{"1858-05-28", "1900-02-29", "2000-02-29", "1582-12-31", "0999-01-01", "1858-13-01", "16 mei 1858"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		day, ok := isoDay(text)
		if !ok {
			return
		}
		want, err := slowDay(text)
		if err != nil || day != want {
			t.Errorf("%q: isoDay %d; histdate.Parse %d, %v", text, day, want, err)
		}
	})
}
