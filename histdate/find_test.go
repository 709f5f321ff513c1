package histdate

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFindGoldDates(t *testing.T) {
	seeds, corpus := loadGold(t)
	found := 0
	for _, g := range seeds.Dates {
		t.Run(g.Source+"/"+g.Written, func(t *testing.T) {
			start, end, err := corpus.Span(g.Source, g.Written)
			if err != nil {
				t.Fatal(err)
			}
			opts := Options{Lang: seeds.Sources[g.Source].Language}
			if g.Calendar == "julian" {
				opts.Calendar = Julian // what the caller knows of the document
			}
			for _, m := range Find(corpus[g.Source], opts) {
				if m.Start == start && m.End == end {
					found++
					checkGoldReading(t, g, m.Date)
					return
				}
			}
			t.Errorf("no mention at %d-%d %q; found %v", start, end, g.Written, mentionsNear(corpus[g.Source], opts, start, end))
		})
	}
	t.Logf("recall on the gold dates: %d/%d", found, len(seeds.Dates))
}

func mentionsNear(text string, opts Options, start, end int) []string {
	var out []string
	r := []rune(text)
	for _, m := range Find(text, opts) {
		if m.End >= start-20 && m.Start <= end+20 {
			out = append(out, string(r[m.Start:m.End]))
		}
	}
	return out
}

// The finder on small annotated texts: each [[...]] marks a mention it
// must find, with its expected figures after a bar; nothing else may be
// found.
func TestFindAnnotated(t *testing.T) {
	for _, c := range []struct {
		name string
		opts Options
		doc  string
	}{
		{"english narrative", Options{Lang: "en"},
			"The Treaty of Nanking was signed on [[29 August 1842|1842-08-29]] aboard HMS Cornwallis. " +
				"The war lasted [[from 1839 to 1842|1839/1842]]. In [[1843|1843]] a supplementary treaty followed; " +
				"it ceded 32 square miles and 21 million dollars were paid."},
		{"context year", Options{Lang: "en"},
			"In [[1881|1881]], the treaty was signed on [[February 12 (February 24, New Style calendar)|1881-02-12]].\n" +
				"On [[March 3|1881-03-03]] the envoy left."},
		{"dutch", Options{Lang: "nl"},
			"In de [[jaren 1630|1630s]] trokken kolonisten oostwaarts. [[Begin mei 1858|1858-05]] vertrok de gouverneur; " +
				"het verdrag van [[16 mei 1858|1858-05-16]] bestond uit 12 artikelen en kostte 250 duizend roebel."},
		{"german and french", Options{},
			"Am [[16. Mai 1858|1858-05-16]] wurde unterzeichnet; le traité du [[2 novembre 1860|1860-11-02]] suivit."},
		{"numbers that are no dates", Options{Lang: "en"},
			"Russia received 600,000 square kilometres and 1,858 men, 2000 troops, and article 12."},
		{"short ranges", Options{Lang: "en"},
			"During the Dungan Revolt ([[1862–77|1862/1877]]) and [[between 1858 and 1860|1858/1860]]."},
	} {
		t.Run(c.name, func(t *testing.T) {
			text, want := annotated(c.doc)
			var got []string
			r := []rune(text)
			for _, m := range Find(text, c.opts) {
				reading := figures(m.Date)
				if m.Incomplete {
					reading = "incomplete"
				}
				got = append(got, string(r[m.Start:m.End])+"|"+reading)
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("found:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// annotated strips [[text|reading]] marks from a document, returning the
// text and the expected "text|reading" list.
func annotated(doc string) (string, []string) {
	var b strings.Builder
	var want []string
	for {
		i := strings.Index(doc, "[[")
		if i < 0 {
			b.WriteString(doc)
			return b.String(), want
		}
		j := strings.Index(doc[i:], "]]")
		b.WriteString(doc[:i])
		inner := doc[i+2 : i+j]
		want = append(want, inner)
		b.WriteString(inner[:strings.LastIndex(inner, "|")])
		doc = doc[i+j+2:]
	}
}

func TestFindSpansAreCodePoints(t *testing.T) {
	text := "Договор 璦琿條約 — signed 28 May 1858 ✓"
	ms := Find(text, Options{})
	if len(ms) != 1 {
		t.Fatalf("found %d mentions, want 1", len(ms))
	}
	r := []rune(text)
	if got := string(r[ms[0].Start:ms[0].End]); got != "28 May 1858" {
		t.Errorf("span %d-%d is %q", ms[0].Start, ms[0].End, got)
	}
	if ms[0].End > utf8.RuneCountInString(text) {
		t.Errorf("span past the end")
	}
}

func BenchmarkFind(b *testing.B) {
	_, corpus := loadGold(b)
	var text strings.Builder
	for _, doc := range corpus {
		text.WriteString(doc)
		text.WriteString("\n")
	}
	s := text.String()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Find(s, Options{})
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Parse("February 12 (February 24, New Style calendar)", Options{Year: 1881})
	}
}

// A run of Han characters may hold several dates, and text around them.
func TestFindChineseRun(t *testing.T) {
	text := "記咸豐八年四月十六日立約，咸豐九年換約。Xianfeng 10, 10th month, 2nd day."
	var got []string
	r := []rune(text)
	for _, m := range Find(text, Options{}) {
		got = append(got, string(r[m.Start:m.End])+"|"+span(Gregorian, m.Date))
	}
	want := []string{"咸豐八年四月十六日|1858-05-28", "咸豐九年|1859-02-03/1860-01-22", "Xianfeng 10, 10th month, 2nd day|1860-11-14"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("found:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
