package main

import (
	"strings"
	"testing"

	"treatyline/internal/report"
)

func TestConflictsFindTheGoldExpectations(t *testing.T) {
	db := tempDB(t)
	var groups []report.Group
	runJSON(t, &groups, "conflicts", "--db", db, "--json")
	for _, want := range []struct{ subject, property, class, why string }{
		{"treaty/aigun-1858", "signed", "agree_after_normalisation", "Julian vs Gregorian, 12 days"},
		{"treaty/peking-1860", "signed", "compatible", "month contains the day"},
		{"treaty/aigun-1858", "area_ceded", "conflict", "differ by"},
		{"treaty/aigun-1858", "ratified", "conflict", "contradictory"},
		{"treaty/kyakhta-1727", "signed", "conflict", "1727 vs 1728"},
		{"event/aigun-negotiations", "troops", "compatible", "overlap"},
	} {
		found := false
		for _, g := range groups {
			if g.Subject == want.subject && g.Property == want.property {
				found = true
				if g.Class != want.class || !strings.Contains(g.Why, want.why) {
					t.Errorf("%s %s: %s %q, want %s %q", want.subject, want.property, g.Class, g.Why, want.class, want.why)
				}
				sources := map[string]bool{}
				for _, c := range g.Claims {
					if c.Quote == "" || c.Source == "" {
						t.Errorf("%s %s: a claim without its quote: %+v", want.subject, want.property, c)
					}
					sources[c.Source] = true
				}
				if len(sources) < 2 {
					t.Errorf("%s %s: one source only", want.subject, want.property)
				}
			}
		}
		if !found {
			t.Errorf("no group %s %s", want.subject, want.property)
		}
	}
	code, _, errs := run(t, "conflicts", "--db", db, "--class", "war")
	if code != 2 || !strings.Contains(errs, "war") {
		t.Errorf("bad class: exit %d %q", code, errs)
	}
}
