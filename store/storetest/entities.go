package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/kb"
)

// Ids of the candidate entities of the curation tests.
const (
	candBank  = "territory/cand-left-bank" // a duplicate of leftBank, found in text
	candTown  = "city/cand-aihun"          // a candidate town, likely
	candGuess = "person/cand-yishan"       // a candidate person, unsure
)

// candidates is a batch as ingest would make it: candidate entities with
// their forms and evidence, and candidate claims and a provision about
// them.
func candidates() kb.Batch {
	return kb.Batch{
		Entities: []kb.Entity{
			{ID: candBank, Kind: kb.KindTerritory, Labels: map[string]string{"en": "the left bank of the Amur"},
				Aliases: []kb.Alias{{Text: "левый берег Амура", Lang: "ru", Script: "Cyrl"}},
				Status:  kb.Candidate, Confidence: 0.8, Note: "a part of a river named after a cession verb",
				Evidence: []kb.Evidence{ev(srcEN, "the left bank of the Amur", false)}},
			{ID: candTown, Kind: kb.KindCity, Labels: map[string]string{"en": "Aihun"},
				Aliases: []kb.Alias{{Text: "璦琿", Lang: "zh", Script: "Hant"}},
				Status:  kb.Candidate, Confidence: 0.7, Evidence: []kb.Evidence{ev(srcZH, "璦琿", false)}},
			{ID: candGuess, Kind: kb.KindPerson, Labels: map[string]string{"en": "Yishan"},
				Status: kb.Candidate, Confidence: 0.3, Note: "the subject is unclear"},
		},
		Claims: []kb.Claim{
			{ID: "claim/cand-bank-held", Subject: candBank, Property: "held_by", Value: kb.EntityValue(russia),
				Evidence: []kb.Evidence{ev(srcEN, "gave Russia the left bank of the Amur", false)},
				Status:   kb.Candidate, Rank: kb.Normal, Confidence: 0.9, RecordedAt: t1, RecordedBy: "extract"},
			{ID: "claim/cand-signed-at", Subject: aigun, Property: "signed", Value: kb.DateValue("16 May 1858", "julian", "en"),
				Qualifiers: map[string]kb.Value{"place": kb.EntityValue(candTown)},
				Evidence:   []kb.Evidence{ev(srcEN, "at Aigun", false)},
				Status:     kb.Candidate, Rank: kb.Normal, Confidence: 0.8, RecordedAt: t1, RecordedBy: "extract"},
			{ID: "claim/cand-yishan-signatory", Subject: aigun, Property: "signatory", Value: kb.EntityValue(candGuess),
				Evidence: []kb.Evidence{ev(srcEN, "Yishan for the Qing", false)},
				Status:   kb.Candidate, Rank: kb.Normal, Confidence: 0.9, RecordedAt: t1, RecordedBy: "extract"},
			{ID: "claim/cand-weak", Subject: candBank, Property: "described_as", Value: kb.TextValue("left bank"),
				Evidence: []kb.Evidence{ev(srcEN, "left bank", false)},
				Status:   kb.Candidate, Rank: kb.Normal, Confidence: 0.2, RecordedAt: t1, RecordedBy: "extract"},
		},
		Provisions: []kb.Provision{
			{ID: "provision/cand-bank", Treaty: aigun, Type: "cession", Grantors: []string{qing}, Grantees: []string{russia},
				Objects:  []string{candBank, leftBank},
				Evidence: []kb.Evidence{ev(srcEN, "gave Russia the left bank of the Amur", false)},
				Status:   kb.Candidate, Rank: kb.Normal, Confidence: 0.6},
		},
	}
}

// withCandidates opens a store holding the fixture and the candidates.
func (s suite) withCandidates(t *testing.T) (context.Context, kb.Store) {
	t.Helper()
	ctx, st := s.withWorld(t)
	if err := st.Apply(ctx, candidates()); err != nil {
		t.Fatalf("Apply(candidates): %v", err)
	}
	return ctx, st
}

// candidateEntities: a candidate entity keeps its state, confidence,
// forms with their scripts, note and evidence (with its source's hash).
func (s suite) candidateEntities(t *testing.T) {
	ctx, st := s.withCandidates(t)
	want := stored(kb.Batch{Sources: sources(), Entities: candidates().Entities})
	for _, w := range want.Entities {
		got, err := st.Entity(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(w, got, opts); diff != "" {
			t.Errorf("Entity(%s) (-want +got):\n%s", w.ID, diff)
		}
	}
	cs, err := st.Claims(ctx, kb.ClaimFilter{Subject: candBank})
	if err != nil {
		t.Fatal(err)
	}
	if got := confidences(cs); !slices.Equal(got, []float64{0.2, 0.9}) {
		t.Errorf("confidences of the claims on %s = %v; want [0.2 0.9]", candBank, got)
	}
	ps, err := st.Provisions(ctx, aigun)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.ID == "provision/cand-bank" && p.Confidence != 0.6 {
			t.Errorf("provision confidence = %v; want 0.6", p.Confidence)
		}
	}

	before := dump(t, st)
	for _, tc := range []struct {
		name  string
		e     kb.Entity
		wants []string
	}{
		{"status", kb.Entity{ID: "polity/x", Kind: kb.KindPolity, Status: "maybe"}, []string{"polity/x", "status"}},
		{"confidence", kb.Entity{ID: "polity/x", Kind: kb.KindPolity, Confidence: 1.5}, []string{"polity/x", "confidence"}},
		{"merged_into", kb.Entity{ID: "polity/x", Kind: kb.KindPolity, MergedInto: qing}, []string{"polity/x", "merged_into"}},
		{"evidence", kb.Entity{ID: "polity/x", Kind: kb.KindPolity, Evidence: []kb.Evidence{ev(srcEN, "Aigun", false)}},
			nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := tc.e
			if tc.name == "evidence" {
				e.Evidence[0].Source = "source/missing"
				tc.wants = []string{"polity/x", "evidence[0].source", "source/missing"}
			}
			wantError(t, st.Apply(ctx, kb.Batch{Entities: []kb.Entity{e}}), kb.EINVALID, tc.wants...)
		})
	}
	if diff := cmp.Diff(before, dump(t, st)); diff != "" {
		t.Errorf("an invalid entity changed the store (-before +after):\n%s", diff)
	}
}

// candidateAgain: a candidate entity found again, in another document,
// keeps the names and evidence found before and takes the new record's.
func (s suite) candidateAgain(t *testing.T) {
	ctx, st := s.withCandidates(t)
	again := kb.Entity{ID: candTown, Kind: kb.KindCity, Labels: map[string]string{"en": "Aigun", "nl": "Aigun"},
		Status: kb.Candidate, Confidence: 0.9, Evidence: []kb.Evidence{ev(srcNL, "Amoer", false)}}
	if err := st.Apply(ctx, kb.Batch{Entities: []kb.Entity{again}}); err != nil {
		t.Fatal(err)
	}
	got, err := st.Entity(ctx, candTown)
	if err != nil {
		t.Fatal(err)
	}
	if got.Label("en") != "Aigun" || got.Confidence != 0.9 || got.Status != kb.Candidate {
		t.Errorf("candidate found again: %+v; want the new label, confidence and status", got)
	}
	for _, n := range []string{"Aihun", "璦琿"} {
		if !hasAlias(got, n) {
			t.Errorf("candidate found again lost the name %q: %v", n, got.Names())
		}
	}
	if len(got.Evidence) != 2 {
		t.Errorf("candidate found again has %d pieces of evidence; want both documents' 2", len(got.Evidence))
	}
}

func confidences(cs []kb.Claim) []float64 {
	var out []float64
	for _, c := range cs {
		out = append(out, c.Confidence)
	}
	slices.Sort(out)
	return out
}

// merge: merging a candidate into the entity it duplicates keeps every
// claim, provision and name; the old id resolves to the survivor; and
// writing the ingest's batch again undoes none of it.
func (s suite) merge(t *testing.T) {
	ctx, st := s.withCandidates(t)
	allBefore, err := st.Claims(ctx, kb.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	provsBefore, err := st.Provisions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.DecideEntity(ctx, kb.EntityDecision{Action: kb.ActionMerge, Entity: candBank, Into: leftBank,
		Note: "the same land", RecordedBy: "curator", RecordedAt: t2})
	if err != nil {
		t.Fatalf("merge: %v", err)
	}
	if got.ID != leftBank {
		t.Errorf("merge returned %s; want %s", got.ID, leftBank)
	}
	check := func(t *testing.T) {
		t.Helper()
		allAfter, err := st.Claims(ctx, kb.ClaimFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(idsOf(claimOrder(allBefore), claimID), idsOf(claimOrder(allAfter), claimID), sortStrings); diff != "" {
			t.Errorf("claims after merge (-before +after):\n%s", diff)
		}
		for _, c := range allAfter {
			if c.Subject == candBank || c.Value.Entity == candBank {
				t.Errorf("claim %s still names %s", c.ID, candBank)
			}
		}
		held, err := st.Claims(ctx, kb.ClaimFilter{Subject: leftBank})
		if err != nil {
			t.Fatal(err)
		}
		if ids := idsOf(held, claimID); !slices.Contains(ids, "claim/cand-bank-held") || !slices.Contains(ids, "claim/amur-held-qing") {
			t.Errorf("claims on %s = %v; want the merged one and its own", leftBank, ids)
		}
		provsAfter, err := st.Provisions(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(provsAfter) != len(provsBefore) {
			t.Errorf("%d provisions after merge; want %d", len(provsAfter), len(provsBefore))
		}
		for _, p := range provsAfter {
			if p.ID == "provision/cand-bank" && !slices.Equal(p.Objects, []string{leftBank}) {
				t.Errorf("merged provision objects = %v; want [%s] once", p.Objects, leftBank)
			}
		}
		e, err := kb.ResolveEntity(ctx, st, candBank)
		if err != nil || e.ID != leftBank {
			t.Errorf("ResolveEntity(%s) = %s, %v; want %s", candBank, e.ID, err, leftBank)
		}
		for _, n := range []string{"the left bank of the Amur", "левый берег Амура", "Left bank of the Amur"} {
			if !slices.ContainsFunc(e.Names(), func(a kb.Alias) bool { return a.Text == n }) {
				t.Errorf("merged entity lacks the name %q: %v", n, e.Names())
			}
		}
		if len(e.Evidence) != 1 {
			t.Errorf("merged entity evidence = %d; want the candidate's 1", len(e.Evidence))
		}
		old, err := st.Entity(ctx, candBank)
		if err != nil || old.MergedInto != leftBank {
			t.Errorf("Entity(%s) = merged into %q, %v; want %s", candBank, old.MergedInto, err, leftBank)
		}
		list, err := st.Entities(ctx, kb.KindTerritory)
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(idsOf(list, entityID), candBank) {
			t.Errorf("Entities lists the merged %s", candBank)
		}
		ds, err := st.EntityDecisions(ctx, candBank)
		if err != nil || len(ds) != 1 || ds[0].Action != kb.ActionMerge || ds[0].Into != leftBank || ds[0].RecordedBy != "curator" {
			t.Errorf("EntityDecisions(%s) = %+v, %v; want the merge", candBank, ds, err)
		}
	}
	check(t)
	h, err := st.ClaimHistory(ctx, "claim/cand-bank-held")
	if err != nil {
		t.Fatal(err)
	}
	// Ingest again: the same batch, naming the old id.
	if err := st.Apply(ctx, candidates()); err != nil {
		t.Fatalf("Apply(candidates) again: %v", err)
	}
	t.Run("AfterReingest", check)
	h2, err := st.ClaimHistory(ctx, "claim/cand-bank-held")
	if err != nil {
		t.Fatal(err)
	}
	if len(h2) != len(h) {
		t.Errorf("re-ingest added %d versions to a merged claim", len(h2)-len(h))
	}

	wantError(t, func() error {
		_, err := st.DecideEntity(ctx, kb.EntityDecision{Action: kb.ActionAlias, Entity: candBank, Aliases: []kb.Alias{{Text: "x"}}})
		return err
	}(), kb.EINVALID, candBank, leftBank)
	wantError(t, func() error {
		_, err := st.DecideEntity(ctx, kb.EntityDecision{Action: kb.ActionMerge, Entity: qing, Into: qing})
		return err
	}(), kb.EINVALID, "into")
	wantError(t, func() error {
		_, err := st.DecideEntity(ctx, kb.EntityDecision{Action: kb.ActionMerge, Entity: qing, Into: "polity/none"})
		return err
	}(), kb.ENOTFOUND, "polity/none")
}

func claimID(c kb.Claim) string   { return c.ID }
func entityID(e kb.Entity) string { return e.ID }

var sortStrings = cmp.Transformer("sort", func(in []string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return out
})

// curate: add, rename, alias, split, place, accept and reject, each
// recorded; a later batch does not undo them.
func (s suite) curate(t *testing.T) {
	ctx, st := s.withCandidates(t)
	decide := func(d kb.EntityDecision) kb.Entity {
		t.Helper()
		d.RecordedBy, d.RecordedAt = "curator", t2
		e, err := st.DecideEntity(ctx, d)
		if err != nil {
			t.Fatalf("%s %s: %v", d.Action, d.Entity, err)
		}
		return e
	}

	// add, and an add onto a taken id.
	japan := kb.Entity{ID: "polity/japan", Kind: kb.KindPolity, Labels: map[string]string{"en": "Japan", "ja": "日本"}}
	if e := decide(kb.EntityDecision{Action: kb.ActionAdd, New: &japan}); e.Status != kb.Accepted || e.Label("ja") != "日本" {
		t.Errorf("add gave %+v", e)
	}
	_, err := st.DecideEntity(ctx, kb.EntityDecision{Action: kb.ActionAdd, New: &japan})
	wantError(t, err, kb.ECONFLICT, "polity/japan")

	// rename keeps the old label as an alias; alias adds a form once.
	e := decide(kb.EntityDecision{Action: kb.ActionRename, Entity: qing, Labels: map[string]string{"en": "Great Qing"}})
	if e.Label("en") != "Great Qing" || !hasAlias(e, "Qing China") {
		t.Errorf("rename gave %+v", e)
	}
	e = decide(kb.EntityDecision{Action: kb.ActionAlias, Entity: qing, Aliases: []kb.Alias{{Text: "Ch'ing", Lang: "en"}, {Text: "China"}}})
	if n := countAlias(e, "China"); n != 1 || !hasAlias(e, "Ch'ing") {
		t.Errorf("alias gave %+v", e.Aliases)
	}
	// The bundle's version of the entity arrives again: the decisions stand.
	if err := st.Apply(ctx, kb.Batch{Entities: entities()}); err != nil {
		t.Fatal(err)
	}
	if e, _ = st.Entity(ctx, qing); e.Label("en") != "Great Qing" || !hasAlias(e, "Ch'ing") {
		t.Errorf("a later batch undid a rename or an alias: %+v", e)
	}

	// split: a new person from Muravyov, with a form and a claim.
	split := kb.Entity{ID: "person/muravyov-other", Kind: kb.KindPerson, Labels: map[string]string{"en": "Another Muravyov"}}
	e = decide(kb.EntityDecision{Action: kb.ActionSplit, Entity: muravyov, New: &split,
		Aliases: []kb.Alias{{Text: "Muraviev"}}, Claims: []string{"claim/muravyov-described"}})
	if e.ID != split.ID || !hasAlias(e, "Muraviev") {
		t.Errorf("split gave %+v", e)
	}
	if old, _ := st.Entity(ctx, muravyov); hasAlias(old, "Muraviev") {
		t.Errorf("split left the moved alias on %s", muravyov)
	}
	if cs, _ := st.Claims(ctx, kb.ClaimFilter{Subject: split.ID}); len(cs) != 1 {
		t.Errorf("claims on the split entity = %d; want 1", len(cs))
	}
	_, err = st.DecideEntity(ctx, kb.EntityDecision{Action: kb.ActionSplit, Entity: muravyov, New: &kb.Entity{ID: "person/x", Kind: kb.KindPerson},
		Aliases: []kb.Alias{{Text: "not a name of his"}}})
	wantError(t, err, kb.EINVALID, "aliases[0]")

	// place.
	g := kb.Geometry{GeoJSON: []byte(`{"type":"Point","coordinates":[127.5,50.2]}`), Approximate: true, Note: "given by hand"}
	if e = decide(kb.EntityDecision{Action: kb.ActionPlace, Entity: candTown, Geometry: &g}); e.Geometry == nil || !e.Geometry.Approximate {
		t.Errorf("place gave %+v", e.Geometry)
	}

	// reject rejects the candidate claims about the entity.
	e = decide(kb.EntityDecision{Action: kb.ActionReject, Entity: candBank, Note: "not a place"})
	if e.Status != kb.Rejected {
		t.Errorf("reject gave status %s", e.Status)
	}
	cs, err := st.Claims(ctx, kb.ClaimFilter{Subject: candBank})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Status != kb.Rejected || c.RecordedBy != "curator" {
			t.Errorf("claim %s after rejecting its subject: %s by %s", c.ID, c.Status, c.RecordedBy)
		}
	}
	// A candidate arriving over a decided entity does not bring it back.
	if err := st.Apply(ctx, candidates()); err != nil {
		t.Fatal(err)
	}
	if e, _ = st.Entity(ctx, candBank); e.Status != kb.Rejected {
		t.Errorf("re-ingest undid a rejection: %s", e.Status)
	}
	e = decide(kb.EntityDecision{Action: kb.ActionAccept, Entity: candGuess})
	if e.Status != kb.Accepted {
		t.Errorf("accept gave status %s", e.Status)
	}
	ds, err := st.EntityDecisions(ctx, muravyov)
	if err != nil || len(ds) != 1 || ds[0].Action != kb.ActionSplit || ds[0].New == nil || ds[0].New.ID != split.ID || !ds[0].RecordedAt.Equal(t2) {
		t.Errorf("EntityDecisions(%s) = %+v, %v", muravyov, ds, err)
	}
	if ds, _ := st.EntityDecisions(ctx, split.ID); len(ds) != 1 {
		t.Errorf("EntityDecisions(new) = %d; want the split", len(ds))
	}
	_, err = st.DecideEntity(ctx, kb.EntityDecision{Action: kb.ActionAccept, Entity: "polity/none"})
	wantError(t, err, kb.ENOTFOUND, "polity/none")
	_, err = st.DecideEntity(ctx, kb.EntityDecision{Action: "promote", Entity: qing})
	wantError(t, err, kb.EINVALID, "promote")
}

func hasAlias(e kb.Entity, text string) bool { return countAlias(e, text) > 0 }

func countAlias(e kb.Entity, text string) int {
	n := 0
	for _, a := range e.Names() {
		if a.Text == text {
			n++
		}
	}
	return n
}

// acceptAll accepts in one pass the candidates at or above the threshold,
// holding back those that name an entity left a candidate.
func (s suite) acceptAll(t *testing.T) {
	ctx, st := s.withCandidates(t)
	_, err := st.AcceptAll(ctx, 1.5, "curator", t2)
	wantError(t, err, kb.EINVALID, "1.5")
	n, err := st.AcceptAll(ctx, 0.5, "curator", t2)
	if err != nil {
		t.Fatal(err)
	}
	// Entities: candBank 0.8 and candTown 0.7 (not candGuess 0.3).
	// Claims: cand-bank-held 0.9, cand-signed-at 0.8; held back:
	// cand-yishan-signatory (names candGuess). Provisions: cand-bank 0.6.
	// The fixture's own candidates have no confidence.
	want := kb.AcceptCounts{Entities: 2, Claims: 2, Provisions: 1, HeldBack: 1}
	if diff := cmp.Diff(want, n); diff != "" {
		t.Errorf("AcceptAll (-want +got):\n%s", diff)
	}
	status := func(id string) kb.Status {
		t.Helper()
		h, err := st.ClaimHistory(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return h[len(h)-1].Status
	}
	for id, want := range map[string]kb.Status{"claim/cand-bank-held": kb.Accepted, "claim/cand-signed-at": kb.Accepted,
		"claim/cand-yishan-signatory": kb.Candidate, "claim/cand-weak": kb.Candidate, "claim/aigun-signed-zh": kb.Candidate} {
		if got := status(id); got != want {
			t.Errorf("%s: %s; want %s", id, got, want)
		}
	}
	for id, want := range map[string]kb.Status{candBank: kb.Accepted, candTown: kb.Accepted, candGuess: kb.Candidate} {
		if e, _ := st.Entity(ctx, id); e.Status != want {
			t.Errorf("%s: %s; want %s", id, e.Status, want)
		}
	}
	// Again: nothing left to accept.
	n, err = st.AcceptAll(ctx, 0.5, "curator", t2)
	if err != nil || n != (kb.AcceptCounts{HeldBack: 1}) {
		t.Errorf("AcceptAll again = %+v, %v", n, err)
	}
}
