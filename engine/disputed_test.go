package engine_test

import (
	"slices"
	"strings"
	"testing"

	"treatyline/engine"
	"treatyline/histdate"
	"treatyline/kb"
)

// TestDisputedWhenStatementsDiffer: two sources that give a territory to
// different parties from the same time make it disputed between both, on
// the basis of each; a perspective of one source sees that source's
// holder alone.
func TestDisputedWhenStatementsDiffer(t *testing.T) {
	held := func(id, holder, source string) kb.Claim {
		return kb.Claim{ID: id, Subject: "territory/march", Property: "held_by", Value: kb.EntityValue(holder),
			Qualifiers: map[string]kb.Value{"start_time": kb.DateValue("1850", "", "en")},
			Evidence:   []kb.Evidence{{Source: source, Quote: kb.TextQuoteSelector{Exact: holder + " held the march"}}},
			Status:     kb.Accepted, Rank: kb.Normal}
	}
	e := engine.New([]kb.Entity{
		{ID: "territory/march", Kind: kb.KindTerritory, Labels: map[string]string{"en": "The march"}},
		{ID: "polity/a", Kind: kb.KindPolity, Labels: map[string]string{"en": "A"}},
		{ID: "polity/b", Kind: kb.KindPolity, Labels: map[string]string{"en": "B"}},
	}, []kb.Claim{held("c1", "polity/a", "s1"), held("c2", "polity/b", "s2")}, nil)
	day := histdate.NewDay(histdate.Gregorian, 1860, 1, 1).Earliest

	all, err := e.ParsePerspective("", nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := e.Territory("territory/march", day, all)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode != "disputed" || !slices.Equal(st.Holders, []string{"polity/a", "polity/b"}) || len(st.Basis) != 2 {
		t.Errorf("consensus: %s %v with %d basis, want disputed between a and b on both", st.Mode, st.Holders, len(st.Basis))
	}
	if !strings.Contains(st.Note, "sole polity/a") || !strings.Contains(st.Note, "sole polity/b") {
		t.Errorf("note %q does not give both views", st.Note)
	}

	one, err := e.ParsePerspective("", []string{"s2"})
	if err != nil {
		t.Fatal(err)
	}
	st, err = e.Territory("territory/march", day, one)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode != "sole" || !slices.Equal(st.Holders, []string{"polity/b"}) {
		t.Errorf("source s2: %s %v, want sole b", st.Mode, st.Holders)
	}
}
