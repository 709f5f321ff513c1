package japanese

import (
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	for _, tc := range parseTests {
		f.Add(tc.in)
	}
	for _, tc := range parseErrorTests {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			pe, ok := err.(*ParseError)
			if !ok {
				t.Fatalf("Parse(%q) error %T", s, err)
			}
			if n := utf8.RuneCountInString(s); pe.Start < 0 || pe.Start > pe.End || pe.End > n {
				t.Fatalf("Parse(%q): error span %d-%d outside 0-%d", s, pe.Start, pe.End, n)
			}
			_ = pe.Error()
			return
		}
		if err := d.Validate(); err != nil {
			t.Fatalf("Parse(%q) = %+v, which does not validate: %v", s, d, err)
		}
		lo, hi := d.JDNRange()
		if lo > hi {
			t.Fatalf("Parse(%q).JDNRange() = %d, %d", s, lo, hi)
		}
		// The date written back reads as the same days.
		for _, w := range []string{d.String(), d.Romaji()} {
			d2, err := Parse(w)
			if err != nil {
				t.Fatalf("Parse(%q) = %v; Parse(%q): %v", s, d, w, err)
			}
			if lo2, hi2 := d2.JDNRange(); lo2 != lo || hi2 != hi {
				t.Fatalf("Parse(%q) = %d..%d but Parse(%q) = %d..%d", s, lo, hi, w, lo2, hi2)
			}
		}
		if d.Precision == Day {
			back, ok := FromJDN(lo)
			if !ok {
				t.Fatalf("FromJDN(%d) of %q not ok", lo, s)
			}
			if a, b := back.JDNRange(); a != lo || b != lo && !(back.MayBeDayLater() && b == lo+1) {
				t.Fatalf("FromJDN(%d) = %v, which is %d..%d", lo, back, a, b)
			}
		}
	})
}

func FuzzFind(f *testing.F) {
	for _, tc := range parseTests {
		f.Add("In " + tc.in + ", as the records say.")
	}
	f.Add("大政奉還は慶応3年10月14日(1867年11月9日)、憲法は明治二十二年二月十一日。")
	f.Add("the 3rd year of Keiō and Meiji 22/2/11; в 22-м году эпохи Мэйдзи")
	f.Fuzz(func(t *testing.T, s string) {
		ms := Find(s)
		n := utf8.RuneCountInString(s)
		r := []rune(s)
		last := 0
		for _, m := range ms {
			if m.Start < last || m.End <= m.Start || m.End > n {
				t.Fatalf("Find(%q): mention %d-%d after %d, text of %d", s, m.Start, m.End, last, n)
			}
			last = m.End
			if err := m.Date.Validate(); err != nil {
				t.Fatalf("Find(%q): %v does not validate: %v", s, m.Date, err)
			}
			// The mention's text, alone, reads as the same date.
			d, err := Parse(string(r[m.Start:m.End]))
			if err != nil {
				t.Fatalf("Find(%q) found %q, which Parse refuses: %v", s, string(r[m.Start:m.End]), err)
			}
			lo, hi := m.Date.JDNRange()
			if lo2, hi2 := d.JDNRange(); lo2 != lo || hi2 != hi {
				t.Fatalf("Find(%q): %q is %d..%d in text, %d..%d alone", s, string(r[m.Start:m.End]), lo, hi, lo2, hi2)
			}
		}
	})
}
