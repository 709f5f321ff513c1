package chinese

import (
	"os"
	"path/filepath"
	"strings"
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
	for _, tc := range knownDates {
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
		earliest, latest := d.JDNRange()
		if earliest > latest {
			t.Fatalf("Parse(%q).JDNRange() = %d, %d", s, earliest, latest)
		}
		// The first day names the same day in the conventional line of
		// eras; and when that line uses the same era, the same date.
		first, ok := FromJDN(earliest)
		if !ok {
			t.Fatalf("FromJDN(%d) from Parse(%q) not ok", earliest, s)
		}
		if e, l := first.JDNRange(); e != earliest || l != earliest {
			t.Fatalf("FromJDN(%d) = %v, whose range is %d-%d", earliest, first, e, l)
		}
		if d.Precision == Day && first.Era == d.Era && first != d {
			t.Fatalf("Parse(%q) = %+v, FromJDN(%d) = %+v", s, d, earliest, first)
		}
		// What String and Pinyin write, Parse reads back.
		for _, out := range []string{d.String(), d.Pinyin()} {
			back, err := Parse(out)
			if err != nil || back != d {
				t.Fatalf("Parse(%q) = %+v; Parse(%q) = %+v, %v", s, d, out, back, err)
			}
		}
	})
}

func FuzzFind(f *testing.F) {
	for _, tc := range parseTests {
		f.Add("On " + tc.in + ", it happened.")
	}
	for _, tc := range knownDates {
		f.Add(tc.in)
	}
	paths, _ := filepath.Glob("testdata/find/*.txt")
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(strings.NewReplacer("⟦", "", "⟧", "").Replace(string(b)))
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		n := utf8.RuneCountInString(text)
		r := []rune(text)
		prev := 0
		for _, m := range Find(text) {
			if m.Start < prev || m.End <= m.Start || m.End > n {
				t.Fatalf("Find(%q): mention %d-%d after %d, text of %d", text, m.Start, m.End, prev, n)
			}
			prev = m.End
			if err := m.Date.Validate(); err != nil {
				t.Fatalf("Find(%q): mention %q: %v", text, string(r[m.Start:m.End]), err)
			}
			// What Find reports alone, Parse reads the same.
			span := string(r[m.Start:m.End])
			if d, err := Parse(span); err != nil || d != m.Date {
				t.Fatalf("Find(%q) found %q as %+v; Parse gives %+v, %v", text, span, m.Date, d, err)
			}
		}
	})
}

func FuzzFromJDN(f *testing.F) {
	for _, tc := range knownDates {
		f.Add(tc.from.jdn())
	}
	f.Add(0)
	f.Add(-1 << 62)
	f.Add(1<<63 - 1)
	f.Fuzz(func(t *testing.T, jdn int) {
		d, ok := FromJDN(jdn)
		if !ok {
			return
		}
		if e, l := d.JDNRange(); e != jdn || l != jdn {
			t.Fatalf("FromJDN(%d) = %+v, whose range is %d-%d", jdn, d, e, l)
		}
	})
}

var benchText = func() string {
	var b strings.Builder
	paths, _ := filepath.Glob("testdata/find/*.txt")
	for _, p := range paths {
		raw, _ := os.ReadFile(p)
		b.Write(raw)
	}
	return strings.NewReplacer("⟦", "", "⟧", "").Replace(strings.Repeat(b.String(), 10))
}()

func BenchmarkFind(b *testing.B) {
	Find(benchText) // compute the lunar years once
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		Find(benchText)
	}
}

func BenchmarkParse(b *testing.B) {
	inputs := []string{"咸豐八年四月十六日", "Kangxi 28, leap 3rd month, 1st day", "光緒七年正月二十六日", "民國元年三月十日", "Hsien-feng 8/4/16"}
	for _, s := range inputs {
		if _, err := Parse(s); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range inputs {
			Parse(s)
		}
	}
}

func BenchmarkFromJDN(b *testing.B) {
	jdn := gregorianJDN(1858, 5, 28)
	FromJDN(jdn)
	b.ReportAllocs()
	for b.Loop() {
		FromJDN(jdn)
	}
}
