package extract

import (
	"slices"
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

// TestLearnCandidateByRegistry: a candidate learnt from an earlier
// document of the run is found as a later run finds it, by the registry,
// so that a longer name of it in the next document is kept as a name of
// it (the gazetteer would match the place alone and drop the rest).
func TestLearnCandidateByRegistry(t *testing.T) {
	x := NewExtractor(nil, nil)
	x.Learn([]kb.Entity{{ID: "treaty/shimonoseki", Kind: kb.KindTreaty, Labels: map[string]string{"de": "Friede von Shimonoseki"},
		Aliases: []kb.Alias{{Text: "Vertrag von Shimonoseki", Lang: "de"}}, Status: kb.Candidate, Confidence: 0.8}})
	src := kb.Source{ID: "en", Language: "en", Text: "The Treaty of Shimonoseki was signed at Shimonoseki on 17 April 1895."}
	r := x.Extract(src)
	var names []string
	for _, c := range r.NewEntities {
		if c.ID != "treaty/shimonoseki" {
			continue
		}
		for _, a := range append(c.Aliases, kb.Alias{Text: c.Label}) {
			names = append(names, a.Text)
		}
	}
	if !slices.Contains(names, "Treaty of Shimonoseki") {
		t.Errorf("the learnt candidate's names after the next document: %q; want %q among them", names, "Treaty of Shimonoseki")
	}
}
