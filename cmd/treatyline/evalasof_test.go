package main

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/internal/gold"
	"treatyline/internal/testkb"
	"treatyline/kb"
)

func TestReadHolder(t *testing.T) {
	for _, tc := range []struct {
		line  gold.Asof
		names []string
		mode  string
	}{
		{gold.Asof{Holder: "russia"}, []string{"russia"}, "sole"},
		{gold.Asof{Holder: "russia + qing jointly (condominium)"}, []string{"russia", "qing"}, "joint"},
		{gold.Asof{Holder: "russia (occupation since 1871)"}, []string{"russia"}, "occupied"},
		{gold.Asof{Holder: "Denmark and Sweden"}, []string{"Denmark", "Sweden"}, "joint"},
		{gold.Asof{Holders: []string{"a", "b"}, Mode: "disputed"}, []string{"a", "b"}, "disputed"},
		{gold.Asof{Holder: "britain", Mode: "occupied"}, []string{"britain"}, "occupied"},
	} {
		t.Run(tc.line.Holder, func(t *testing.T) {
			names, mode := readHolder(tc.line)
			if diff := cmp.Diff(tc.names, names); diff != "" || mode != tc.mode {
				t.Errorf("readHolder = %v %s; want %v %s (-want +got names):\n%s", names, mode, tc.names, tc.mode, diff)
			}
		})
	}
}

// TestScoreAsof scores asof: lines against a small project made by hand
// (what ingest would propose, as candidates): right lines count, and each
// wrong one says why.
func TestScoreAsof(t *testing.T) {
	ctx := context.Background()
	st := testkb.Empty(t)
	text := "The Treaty of Kiel was signed on 14 January 1814. By the treaty Denmark ceded Norway to Sweden."
	src := kb.Source{ID: "kiel-en", Language: "en", Text: text, SHA256: kb.HashText(text)}
	ev := func(exact string) []kb.Evidence {
		i := strings.Index(text, exact)
		return []kb.Evidence{{Source: src.ID, Quote: kb.TextQuoteSelector{Exact: exact}, Position: kb.TextPositionSelector{Start: i, End: i + len(exact)}}}
	}
	cand := func(id string, k kb.Kind, label string) kb.Entity {
		return kb.Entity{ID: id, Kind: k, Labels: map[string]string{"en": label}, Status: kb.Candidate, Confidence: 0.8, Evidence: ev(label)}
	}
	b := kb.Batch{
		Sources: []kb.Source{src},
		Entities: []kb.Entity{cand("treaty/kiel", kb.KindTreaty, "Treaty of Kiel"), cand("polity/denmark", kb.KindPolity, "Denmark"),
			cand("polity/sweden", kb.KindPolity, "Sweden"), cand("territory/norway", kb.KindTerritory, "Norway")},
		Claims: []kb.Claim{{ID: "c/kiel-signed", Subject: "treaty/kiel", Property: "signed", Value: kb.DateValue("14 January 1814", "", "en"),
			Evidence: ev("signed on 14 January 1814"), Status: kb.Candidate, Rank: kb.Normal, Confidence: 0.8}},
		Provisions: []kb.Provision{{ID: "p/kiel-norway", Treaty: "treaty/kiel", Type: "cession", Grantors: []string{"polity/denmark"},
			Grantees: []string{"polity/sweden"}, Objects: []string{"territory/norway"}, Evidence: ev("Denmark ceded Norway to Sweden"),
			Status: kb.Candidate, Rank: kb.Normal, Confidence: 0.8}},
	}
	if err := st.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	seeds := &gold.Seeds{Asof: []gold.Asof{
		{Date: "1815-01-01", Territory: "Norway", Holder: "sweden", Basis: "treaty_kiel"},
		{Date: "1815-01-01", Territory: "Norway (the kingdom)", Holder: "Sweden", Basis: "kiel"},
		{Date: "1815-01-01", Territory: "Norway", Holder: "denmark", Basis: "kiel"},
		{Date: "1815-01-01", Territory: "Norway", Holder: "sweden", Basis: "occupation, no treaty"},
		{Date: "1815-01-01", Territory: "Norway", Holder: "sweden", Mode: "joint"},
		{Date: "1815-01-01", Territory: "Iceland", Holder: "denmark"},
		{Date: "1815-01-01", Right: "navigation on the Baltic", Holders: []string{"sweden"}}, // a right: not scored
	}}
	got, err := scoreAsof(ctx, st, seeds, map[string]string{"kiel": "treaty/kiel", "sweden": "polity/sweden"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Expected != 6 || got.Right != 2 || got.Accepted.Provisions != 1 || got.Accepted.Entities != 4 {
		t.Errorf("scoreAsof = %d of %d right, accepted %+v; want 2 of 6, 4 entities and 1 provision", got.Right, got.Expected, got.Accepted)
	}
	wants := []string{"held by [polity/sweden], want [polity/denmark]", "want no treaty", "held sole, want joint", "no entity of the store is named so"}
	if len(got.Wrong) != len(wants) {
		t.Fatalf("wrong = %q", got.Wrong)
	}
	for i, w := range wants {
		if !strings.Contains(got.Wrong[i], w) {
			t.Errorf("wrong[%d] = %q; want it to say %q", i, got.Wrong[i], w)
		}
	}
}
