package extract

import (
	"sync"
	"testing"
	"unicode/utf8"

	"treatyline/data"
	"treatyline/kb"
)

var (
	fuzzOnce sync.Once
	fuzzX    *Extractor
	fuzzErr  error
)

// fuzzExtractor is one extractor over the bundled knowledge base, made
// once (the gazetteer takes a while): previewing the fuzzed source under
// one id replaces its earlier preview, so each input is read afresh.
func fuzzExtractor(t testing.TB) *Extractor {
	fuzzOnce.Do(func() {
		b, err := kb.Load(data.FS, "data")
		if err != nil {
			fuzzErr = err
			return
		}
		fuzzX = NewExtractor(b.Entities, b.Claims)
	})
	if fuzzErr != nil {
		t.Fatal(fuzzErr)
	}
	return fuzzX
}

// FuzzExtract reads a whole document as ingest does (its text by
// PlainText, candidates by a previewed extractor over the bundled
// knowledge base) and checks that it does not panic, that every candidate
// validates and quotes its source exactly where its position says, that
// ids are unique, and that reading the document again proposes the same.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"The Treaty of Aigun was signed on 16 May 1858 by Nikolay Muravyov and Yishan. China ceded some 600,000 square kilometres north of the Amur to Russia. The Qing court refused to ratify the treaty.",
		"Het Verdrag van Aigun werd op 28 mei 1858 getekend. Alleen Russische en Chinese schepen mochten op de Amoer varen.",
		"Айгунский договор подписан 16 мая 1858 года.\n\n璦琿條約於咸豐八年四月十六日簽訂。",
		"<html><body><h1>Convention of Peking</h1><p>Signed on 2 November 1860 (Old Style) &amp; ratified.</p></body></html>",
		"# Treaty of 1818\n\nThe Convention of 1818 was signed on 20 October 1818; the Convention of 1818 was signed on 8 October 1818.",
		"",
		"16 May 1858, 28 May 1858\n1689; 1727 and 1881. 12/24 February 1881",
	} {
		f.Add([]byte(s), "doc.txt")
	}
	f.Fuzz(func(t *testing.T, raw []byte, name string) {
		if len(raw) > 1<<16 {
			return
		}
		text, err := PlainText(raw, name)
		if err != nil || text.Text == "" {
			return
		}
		x := fuzzExtractor(t)
		src := kb.Source{ID: "fuzz", Text: text.Text, SHA256: kb.HashText(text.Text)}
		read := func() Result {
			x.Preview(src)
			return x.Extract(src)
		}
		r := read()
		runes := []rune(text.Text)
		ids := map[string]bool{}
		for _, c := range r.Candidates {
			var ev []kb.Evidence
			var id string
			switch {
			case c.Claim != nil:
				if err := c.Claim.Validate(); err != nil {
					t.Errorf("candidate %s does not validate: %v", c.Claim.ID, err)
				}
				ev, id = c.Claim.Evidence, c.Claim.ID
			case c.Provision != nil:
				if err := c.Provision.Validate(); err != nil {
					t.Errorf("candidate %s does not validate: %v", c.Provision.ID, err)
				}
				ev, id = c.Provision.Evidence, c.Provision.ID
			default:
				t.Fatal("a candidate with neither claim nor provision")
			}
			if ids[id] {
				t.Errorf("candidate id %s proposed twice", id)
			}
			ids[id] = true
			for _, e := range ev {
				p := e.Position
				if p.Start < 0 || p.End > len(runes) || p.Start > p.End {
					t.Fatalf("%s: position %d-%d outside the text of %d code points", id, p.Start, p.End, len(runes))
				}
				if got := string(runes[p.Start:p.End]); got != e.Quote.Exact {
					t.Errorf("%s: quote %q, but the text at %d-%d is %q", id, e.Quote.Exact, p.Start, p.End, got)
				}
				if !utf8.ValidString(e.Quote.Prefix + e.Quote.Exact + e.Quote.Suffix) {
					t.Errorf("%s: quote not UTF-8", id)
				}
			}
		}
		again := read()
		if len(again.Candidates) != len(r.Candidates) {
			t.Fatalf("read again: %d candidates, then %d", len(r.Candidates), len(again.Candidates))
		}
		for i := range r.Candidates {
			a, b := r.Candidates[i], again.Candidates[i]
			if a.Claim != nil && (b.Claim == nil || a.Claim.ID != b.Claim.ID || a.Claim.Note != b.Claim.Note) {
				t.Errorf("read again: candidate %d differs", i)
			}
		}
	})
}
