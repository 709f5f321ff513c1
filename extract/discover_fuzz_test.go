package extract

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"treatyline/kb"
)

// FuzzDiscover reads any text with an extractor that knows no entity and
// checks what discovery proposes: no panic; every mention a span of the
// text that its Text is; every candidate entity with an id of its kind,
// a valid kind, at least one alias and evidence quoting the text; every
// claim valid; and the same text read again by a new extractor proposing
// the same candidates (ids are deterministic).
func FuzzDiscover(f *testing.F) {
	for _, g := range []string{"testdata/rules/*.txt", "../cmd/treatyline/testdata/open/*/*.txt"} {
		files, _ := filepath.Glob(g)
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(string(b))
			}
		}
	}
	f.Add("the Treaty of  of (1895) island of ( ) 樺太（ 下関条約（） Insel Sachalin-Halbinsel")
	f.Add("Симоносекского договора южную часть остров Сахалин за")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || len(text) > 1<<14 {
			return
		}
		read := func() Result {
			return NewExtractor(nil, nil).Extract(kb.Source{ID: "fuzz", Text: text, Language: DetectLanguage(text), SHA256: kb.HashText(text)})
		}
		r := read()
		runes := []rune(text)
		for _, m := range r.Entities {
			if m.Start < 0 || m.End > len(runes) || m.Start >= m.End || string(runes[m.Start:m.End]) != m.Text {
				t.Fatalf("mention %+v is not a span of the text", m)
			}
		}
		for _, c := range r.NewEntities {
			if !kb.ValidKind(c.Kind) || len(c.ID) <= len(c.Kind)+1 || c.ID[:len(c.Kind)+1] != string(c.Kind)+"/" {
				t.Fatalf("candidate %q of kind %q", c.ID, c.Kind)
			}
			if len(c.Aliases) == 0 || len(c.Evidence) == 0 {
				t.Fatalf("candidate %s without forms or evidence", c.ID)
			}
			for _, e := range c.Evidence {
				if string(runes[e.Position.Start:e.Position.End]) != e.Quote.Exact {
					t.Fatalf("evidence of %s does not quote the text", c.ID)
				}
			}
		}
		for _, c := range r.Candidates {
			if c.Claim != nil {
				if err := c.Claim.Validate(); err != nil {
					t.Fatalf("claim %+v: %v", c.Claim, err)
				}
			}
		}
		again := read()
		if len(again.NewEntities) != len(r.NewEntities) {
			t.Fatalf("a second reading proposes %d candidates, the first %d", len(again.NewEntities), len(r.NewEntities))
		}
		for i := range r.NewEntities {
			if r.NewEntities[i].ID != again.NewEntities[i].ID {
				t.Fatalf("a second reading proposes %s for %s", again.NewEntities[i].ID, r.NewEntities[i].ID)
			}
		}
	})
}
