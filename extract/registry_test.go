package extract

import (
	"strings"
	"testing"

	"treatyline/kb"
)

// TestCandidateResolution: later mentions of a candidate entity, in other
// documents, languages, scripts and transliterations, resolve to it; a
// treaty named otherwise in another language is offered for merging.
// The texts are written for the test.
func TestCandidateResolution(t *testing.T) {
	x := NewExtractor(nil, nil)
	docs := []struct{ id, lang, text string }{
		{"en", "en", "The Treaty of Portsmouth was signed on 5 September 1905. Russia ceded the southern half of Sakhalin Island to Japan."},
		{"ru", "ru", "Портсмутский мирный договор был подписан в 1905 году. Россия уступила Японии южную часть Сахалина."},
		{"de", "de", "Der Vertrag von Portsmouth gab Japan die südliche Hälfte der Insel Sachalin."},
		{"ja", "ja", "ポーツマス条約は1905年9月5日に調印された。"},
	}
	mentions := map[string][]string{}
	var merges []MergeSuggestion
	for _, d := range docs {
		r := x.Extract(kb.Source{ID: d.id, Language: d.lang, Text: d.text, SHA256: kb.HashText(d.text)})
		for _, m := range r.Entities {
			mentions[m.Entity] = append(mentions[m.Entity], m.Text)
		}
		merges = append(merges, r.Merges...)
	}
	for id, want := range map[string][]string{
		"treaty/portsmouth":           {"Treaty of Portsmouth", "Портсмутский мирный договор", "Vertrag von Portsmouth"},
		"territory/south-of-sakhalin": {"the southern half of Sakhalin Island", "южную часть Сахалина", "die südliche Hälfte der Insel Sachalin"},
		"polity/japan":                {"Japan", "Японии"},
	} {
		for _, w := range want {
			found := false
			for _, m := range mentions[id] {
				found = found || m == w
			}
			if !found {
				t.Errorf("%q not resolved to %s; mentions: %v", w, id, mentions)
			}
		}
	}
	found := false
	for _, m := range merges {
		if m.Entities == [2]string{"treaty/portsmouth", "treaty/potsumasu"} && strings.Contains(m.Reason, "place and year") {
			found = true
		}
	}
	if !found {
		t.Errorf("no merge offered for the Chinese name of the treaty: %+v", merges)
	}
}
