package extract

import (
	"slices"
	"testing"

	"treatyline/kb"
)

func TestTreatyNameVariants(t *testing.T) {
	for _, c := range []struct {
		name string
		want []string // among the variants
		none bool
	}{
		{name: "Treaty of Nanking", want: []string{"Verdrag van Nanking", "Vertrag von Nanking", "Traité de Nanking", "Nanking-verdrag", "Nanking Treaty"}},
		{name: "Nanking-verdrag", want: []string{"Treaty of Nanking", "Vertrag von Nanking"}},
		{name: "Vertrag von Aigun", want: []string{"Treaty of Aigun", "Traité d'Aigun"}},
		{name: "Convention of Peking", want: []string{"Conventie van Peking", "Konvention von Peking", "Convention de Peking"}},
		{name: "Treaty of St. Petersburg", want: []string{"Verdrag van St. Petersburg"}},
		{name: "Peace of Westphalia", want: []string{"Vrede van Westphalia", "Frieden von Westphalia", "Paix de Westphalia"}},
		{name: "Treaty of Paris (1856)", none: true},
		{name: "Айгунский договор", none: true},
		{name: "Treaty of the three emperors and their heirs", none: true},
		{name: "Treaty", none: true},
	} {
		got := treatyNameVariants(c.name)
		if c.none {
			if len(got) > 0 {
				t.Errorf("%q: variants %q, want none", c.name, got)
			}
			continue
		}
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: variants %q lack %q", c.name, got, w)
			}
		}
		if slices.Contains(got, c.name) {
			t.Errorf("%q: the name itself among its variants", c.name)
		}
	}
}

// TestGazetteerTreatyInOtherLanguages: a treaty the knowledge base names
// in English only is found under its German, French and Dutch names.
func TestGazetteerTreatyInOtherLanguages(t *testing.T) {
	g := NewGazetteer([]kb.Entity{
		{ID: "treaty/nanking", Kind: kb.KindTreaty, Labels: map[string]string{"en": "Treaty of Nanking"}},
		{ID: "city/nanking", Kind: kb.KindCity, Labels: map[string]string{"en": "Nanking"}},
	})
	for _, text := range []string{
		"Der Vertrag von Nanking wurde 1842 geschlossen.",
		"Le traité de Nanking fut signé en 1842.",
		"Het Nanking-verdrag werd in 1842 getekend.",
	} {
		ms := g.Find(text)
		if len(ms) == 0 || ms[0].Entity != "treaty/nanking" {
			t.Errorf("Find(%q) = %v, want treaty/nanking first", text, mentionStrings(ms))
		}
	}
	if ms := g.Find("The city of Nanking lies on the Yangtze."); len(ms) != 1 || ms[0].Entity != "city/nanking" {
		t.Errorf("the city alone: %v", mentionStrings(ms))
	}
}
