package extract

import (
	"testing"

	"treatyline/kb"
)

// TestLearn: a name the extractor learns after it was made is found in the
// next document, as one it was made with would be; a rejected one is not.
func TestLearn(t *testing.T) {
	x := NewExtractor(nil, nil)
	src := kb.Source{ID: "doc", Language: "nl", Text: "Hongkong werd afgestaan."}
	found := func() bool {
		r := x.Extract(src)
		for _, m := range r.Entities {
			if m.Entity == "territory/hongkong" {
				return true
			}
		}
		for _, e := range r.NewEntities {
			if e.ID == "territory/hongkong" {
				return true
			}
		}
		return false
	}
	if found() {
		t.Fatal("found before it was learnt")
	}
	x.Learn([]kb.Entity{{ID: "territory/rejected", Kind: kb.KindTerritory, Labels: map[string]string{"nl": "Afgestaan"}, Status: kb.Rejected}})
	x.Learn([]kb.Entity{{ID: "territory/hongkong", Kind: kb.KindTerritory, Labels: map[string]string{"en": "Hong Kong"},
		Aliases: []kb.Alias{{Text: "Hongkong", Lang: "de"}}, Status: kb.Candidate}})
	if !found() {
		t.Error("a learnt name is not found")
	}
	for _, m := range x.Extract(src).Entities {
		if m.Entity == "territory/rejected" {
			t.Error("a rejected entity's name is found")
		}
	}
}
