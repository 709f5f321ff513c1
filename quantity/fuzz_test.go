package quantity

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

var fuzzLangs = []string{"", "en", "nl", "de", "fr"}

// checkQuantity checks the invariants every parsed quantity keeps.
func checkQuantity(t *testing.T, what string, q Quantity) {
	t.Helper()
	for _, v := range []float64{q.Value, q.Min, q.Max} {
		if math.IsNaN(v) {
			t.Fatalf("%s: NaN in %+v", what, q)
		}
	}
	if math.IsInf(q.Value, 0) {
		t.Fatalf("%s: infinite Value in %+v", what, q)
	}
	if !(q.Min <= q.Value && q.Value <= q.Max) {
		t.Fatalf("%s: Min ≤ Value ≤ Max broken: %v %v %v", what, q.Min, q.Value, q.Max)
	}
	if q.Alternate != nil {
		checkQuantity(t, what+" (alternate)", *q.Alternate)
	}
	c := q.Canonical()
	if math.IsNaN(c.Value) || !(c.Min <= c.Value && c.Value <= c.Max) {
		t.Fatalf("%s: canonical bounds broken: %+v", what, c)
	}
	if _, err := json.Marshal(q.Report()); err != nil {
		t.Fatalf("%s: Report does not marshal: %v", what, err)
	}
}

func FuzzParse(f *testing.F) {
	for _, tc := range parseCases {
		f.Add(tc.in)
	}
	f.Add("")
	f.Add("12 florbs")
	f.Add("1862–77")
	f.Fuzz(func(t *testing.T, s string) {
		for _, lang := range fuzzLangs {
			q, err := Parse(s, Options{Lang: lang})
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("Parse(%q): error %T, want *ParseError", s, err)
				}
				n := utf8.RuneCountInString(s)
				if pe.Start < 0 || pe.Start > pe.End || pe.End > n {
					t.Fatalf("Parse(%q): error span %d-%d outside [0,%d]", s, pe.Start, pe.End, n)
				}
				_ = pe.Error()
				continue
			}
			if q.Written != s {
				t.Fatalf("Parse(%q).Written = %q", s, q.Written)
			}
			checkQuantity(t, "Parse("+s+")", q)
		}
	})
}

func FuzzFind(f *testing.F) {
	for _, tc := range parseCases {
		f.Add("In 1858 " + tc.in + ", 16 mei 1858.")
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "find", "*.txt"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		n := utf8.RuneCountInString(text)
		for _, lang := range fuzzLangs {
			opts := Options{Lang: lang}
			prev := 0
			for _, m := range Find(text, opts) {
				if m.Start < prev || m.End <= m.Start || m.End > n {
					t.Fatalf("Find(%q, %q): span %d-%d out of order or outside [%d,%d]", text, lang, m.Start, m.End, prev, n)
				}
				prev = m.End
				if span := runeSlice(text, m.Start, m.End); span != m.Quantity.Written {
					t.Fatalf("Find(%q, %q): span %d-%d is %q, Written %q", text, lang, m.Start, m.End, span, m.Quantity.Written)
				}
				checkQuantity(t, "Find", m.Quantity)
				q, err := Parse(m.Quantity.Written, opts)
				if err != nil {
					t.Fatalf("Find(%q, %q) found %q, which does not parse: %v", text, lang, m.Quantity.Written, err)
				}
				if q.Value != m.Quantity.Value {
					t.Fatalf("Find(%q, %q) found %q = %v, Parse gives %v", text, lang, m.Quantity.Written, m.Quantity.Value, q.Value)
				}
			}
		}
	})
}
