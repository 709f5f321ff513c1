package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"treatyline/kb"
)

// This file holds the rules a store keeps for a team: decisions by name
// on the version read, record time, reviewers' tokens.

// currentClaim reads the current version of a claim.
func currentClaim(t *testing.T, st kb.Reader, id string) kb.Claim {
	t.Helper()
	h, err := st.ClaimHistory(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return h[len(h)-1]
}

func currentProvision(t *testing.T, st kb.Reader, id string) kb.Provision {
	t.Helper()
	h, err := st.ProvisionHistory(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return h[len(h)-1]
}

// reviewers: every version is numbered and carries its record time; a
// decision names its reviewer, claim or provision; a decision on a version
// that is no longer current is refused with what the record now is (its
// version, state, reviewer) and writes nothing.
func (s suite) reviewers(t *testing.T) {
	ctx, st := s.withWorld(t)
	const id = "claim/aigun-refused-qing"

	t.Run("versions numbered", func(t *testing.T) {
		for _, c := range stored(world()).Claims {
			h, err := st.ClaimHistory(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(h) != 1 || h[0].Version != 1 || h[0].StoredAt.IsZero() {
				t.Errorf("ClaimHistory(%s) = %d versions, first numbered %d, recorded at %v; want one, numbered 1, with a record time",
					c.ID, len(h), h[0].Version, h[0].StoredAt)
			}
		}
		got, err := st.Claims(ctx, kb.ClaimFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range got {
			if c.Version != 1 || c.StoredAt.IsZero() {
				t.Errorf("Claims: %s at version %d recorded at %v; want 1 and a record time", c.ID, c.Version, c.StoredAt)
			}
		}
		ps, err := st.Provisions(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if p.Version != 1 || p.StoredAt.IsZero() {
				t.Errorf("Provisions: %s at version %d recorded at %v; want 1 and a record time", p.ID, p.Version, p.StoredAt)
			}
		}
	})

	// A decision on the version read is recorded, and so is a second
	// reviewer's agreement on the version the first made.
	read := currentClaim(t, st, id)
	if _, err := st.Decide(ctx, kb.Decision{ID: id, Status: kb.Accepted, By: "alice", At: t2, Expect: read.Version}); err != nil {
		t.Fatalf("decision on version %d: %v", read.Version, err)
	}
	d, err := st.Decide(ctx, kb.Decision{ID: id, Status: kb.Accepted, By: "carol", At: t2, Expect: read.Version + 1})
	if err != nil {
		t.Fatalf("agreement on version %d: %v", read.Version+1, err)
	}
	if got := currentClaim(t, st, id); got.Version != 3 || got.RecordedBy != "carol" || !got.Decided || !got.StoredAt.Equal(d.Claim.StoredAt) {
		t.Errorf("after two decisions: version %d by %q, decided %v, recorded %v (answered %v); want 3 by carol, decided, as answered",
			got.Version, got.RecordedBy, got.Decided, got.StoredAt, d.Claim.StoredAt)
	}

	t.Run("stale", func(t *testing.T) {
		before := dump(t, st)
		// A second reviewer who read the same version as alice: refused,
		// with what the claim now is and who made it so.
		err := errOf(st.Decide(ctx, kb.Decision{ID: id, Status: kb.Rejected, By: "bob", At: t2, Expect: read.Version}))
		wantError(t, err, kb.ECONFLICT, id, "version 1", "version 3", "accepted", "carol")
		// A version that was never stored, and a record that is not.
		wantError(t, errOf(st.Decide(ctx, kb.Decision{ID: id, Status: kb.Rejected, By: "bob", Expect: 9})), kb.ECONFLICT, id, "version 9")
		wantError(t, errOf(st.Decide(ctx, kb.Decision{ID: "claim/never-stored", Status: kb.Rejected, By: "bob", Expect: 1})), kb.ENOTFOUND, "claim/never-stored")
		if diff := cmp.Diff(before, dump(t, st)); diff != "" {
			t.Errorf("a refused decision changed the store (-before +after):\n%s", diff)
		}
	})

	t.Run("provision", func(t *testing.T) {
		p := currentProvision(t, st, provNavigation)
		if _, err := st.Decide(ctx, kb.Decision{ID: provNavigation, Status: kb.Accepted, By: "alice", Expect: p.Version}); err != nil {
			t.Fatal(err)
		}
		got := currentProvision(t, st, provNavigation)
		if got.Version != 2 || got.RecordedBy != "alice" || got.Status != kb.Accepted || !got.StoredAt.After(p.StoredAt) {
			t.Errorf("after a decision: version %d by %q, %s, recorded %v (before %v); want 2 by alice, accepted, later",
				got.Version, got.RecordedBy, got.Status, got.StoredAt, p.StoredAt)
		}
		err := errOf(st.Decide(ctx, kb.Decision{ID: provNavigation, Status: kb.Rejected, By: "bob", Expect: p.Version}))
		wantError(t, err, kb.ECONFLICT, provNavigation, "version 1", "version 2", "alice")
		// The bundle loaded again records nothing over the decision.
		again := got
		again.RecordedBy = "loader"
		if err := st.Apply(ctx, kb.Batch{Provisions: []kb.Provision{again}}); err != nil {
			t.Fatal(err)
		}
		if h, err := st.ProvisionHistory(ctx, provNavigation); err != nil || len(h) != 2 {
			t.Errorf("ProvisionHistory = %d versions, %v; want 2", len(h), err)
		}
	})
}

// recordTime: the store read as it stood at a record time shows nothing
// recorded after it: claims, reviews, corrections, provisions, entities,
// sources.
func (s suite) recordTime(t *testing.T) {
	ctx, st := s.withWorld(t)
	const id = "claim/aigun-refused-qing"
	before := currentClaim(t, st, id)
	at := before.StoredAt // the world's record time
	if at.IsZero() {
		t.Fatal("no record time on a stored claim")
	}
	wantClaims, err := st.Claims(ctx, kb.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	wantProvisions, err := st.Provisions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	wantEntities, err := st.Entities(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	wantSources, err := st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// Then: a review, a correction, a provision decided, a new claim, an
	// entity renamed, a new source.
	corrected := kb.QuantityValue("about 600,000 square kilometres", "en")
	for _, d := range []kb.Decision{
		{ID: id, Status: kb.Accepted, By: "alice"},
		{ID: "claim/aigun-area-km2", Status: kb.Accepted, By: "bob", Value: &corrected},
		{ID: provPekingCede, Status: kb.Rejected, By: "carol"},
	} {
		if _, err := st.Decide(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	added := kb.Claim{ID: "claim/record-time-new", Subject: aigun, Property: "negotiator",
		Value: kb.EntityValue(muravyov), Status: kb.Candidate, Rank: kb.Normal}
	renamed := stored(world()).Entities[0]
	renamed.Labels = map[string]string{"en": "Renamed after the record time"}
	newSource := kb.Source{ID: "source/record-time", Title: "later", Text: "A later text."}
	if err := st.Apply(ctx, kb.Batch{Sources: []kb.Source{newSource}, Entities: []kb.Entity{renamed},
		Claims: []kb.Claim{added}}); err != nil {
		t.Fatal(err)
	}
	after := currentClaim(t, st, added.ID)
	if !after.StoredAt.After(at) {
		t.Fatalf("the review is recorded at %v, not after %v", after.StoredAt, at)
	}

	then, err := st.AsRecorded(ctx, at)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("then", func(t *testing.T) {
		got, err := then.Claims(ctx, kb.ClaimFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantClaims, got); diff != "" {
			t.Errorf("Claims at the record time (-want +got):\n%s", diff)
		}
		gotP, err := then.Provisions(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantProvisions, gotP); diff != "" {
			t.Errorf("Provisions at the record time (-want +got):\n%s", diff)
		}
		gotE, err := then.Entities(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantEntities, gotE, opts); diff != "" {
			t.Errorf("Entities at the record time (-want +got):\n%s", diff)
		}
		e, err := then.Entity(ctx, renamed.ID)
		if err != nil || e.Labels["en"] == renamed.Labels["en"] {
			t.Errorf("Entity(%s) at the record time = %v, %v; want the label it had then", renamed.ID, e.Labels, err)
		}
		gotS, err := then.Sources(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantSources, gotS, opts); diff != "" {
			t.Errorf("Sources at the record time (-want +got):\n%s", diff)
		}
		wantError(t, func() error { _, err := then.Source(ctx, newSource.ID); return err }(), kb.ENOTFOUND, newSource.ID)
		wantError(t, func() error { _, err := then.ClaimHistory(ctx, added.ID); return err }(), kb.ENOTFOUND, added.ID)
		h, err := then.ClaimHistory(ctx, id)
		if err != nil || len(h) != 1 || h[0].Status != kb.Candidate {
			t.Errorf("ClaimHistory(%s) at the record time = %d versions, %v; want the one candidate", id, len(h), err)
		}
		hp, err := then.ProvisionHistory(ctx, provPekingCede)
		if err != nil || len(hp) != 1 {
			t.Errorf("ProvisionHistory(%s) at the record time = %d versions, %v; want 1", provPekingCede, len(hp), err)
		}
		// Filters apply to the versions current then.
		got, err = then.Claims(ctx, kb.ClaimFilter{Status: kb.Accepted, Property: "ratification_refused"})
		if err != nil || len(got) != 0 {
			t.Errorf("Claims(accepted) at the record time = %d, %v; want none (the review came later)", len(got), err)
		}
		got, err = then.Claims(ctx, kb.ClaimFilter{Status: kb.Candidate, Subject: aigun, Property: "ratification_refused"})
		if err != nil || len(got) != 1 {
			t.Errorf("Claims(candidate) at the record time = %d, %v; want the claim", len(got), err)
		}
	})
	t.Run("now", func(t *testing.T) {
		now, err := st.AsRecorded(ctx, after.StoredAt)
		if err != nil {
			t.Fatal(err)
		}
		got, err := now.Claims(ctx, kb.ClaimFilter{})
		if err != nil {
			t.Fatal(err)
		}
		want, err := st.Claims(ctx, kb.ClaimFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Claims at the last record time differ from the current ones (-want +got):\n%s", diff)
		}
		e, err := now.Entity(ctx, renamed.ID)
		if err != nil || e.Labels["en"] != renamed.Labels["en"] {
			t.Errorf("Entity(%s) at the last record time = %v, %v; want the new label", renamed.ID, e.Labels, err)
		}
	})
	t.Run("before", func(t *testing.T) {
		early, err := st.AsRecorded(ctx, at.Add(-time.Microsecond))
		if err != nil {
			t.Fatal(err)
		}
		cs, err := early.Claims(ctx, kb.ClaimFilter{})
		if err != nil || len(cs) != 0 {
			t.Errorf("Claims before anything was recorded = %d, %v; want none", len(cs), err)
		}
		es, err := early.Entities(ctx, "")
		if err != nil || len(es) != 0 {
			t.Errorf("Entities before anything was recorded = %d, %v; want none", len(es), err)
		}
		ss, err := early.Sources(ctx)
		if err != nil || len(ss) != 0 {
			t.Errorf("Sources before anything was recorded = %d, %v; want none", len(ss), err)
		}
	})
	t.Run("zero", func(t *testing.T) {
		_, err := st.AsRecorded(ctx, time.Time{})
		wantError(t, err, kb.EINVALID, "record time")
	})
	t.Run("nothing overwritten", func(t *testing.T) {
		h, err := st.ClaimHistory(ctx, "claim/aigun-area-km2")
		if err != nil || len(h) != 2 || h[0].Value.Text != "About 600,000 km²" {
			t.Errorf("ClaimHistory after a correction = %d versions, %v; want the original kept", len(h), err)
		}
		for i := 1; i < len(h); i++ {
			if h[i].Version != i+1 || !h[i].StoredAt.After(h[i-1].StoredAt) {
				t.Errorf("version %d numbered %d recorded %v after %v; want numbered in order and later", i+1, h[i].Version, h[i].StoredAt, h[i-1].StoredAt)
			}
		}
	})
}

// recordTimeMerge: a merge recorded after a record time is invisible at
// it: the merged entity is still listed, unmerged, and the claims that
// named it still do.
func (s suite) recordTimeMerge(t *testing.T) {
	ctx, st := s.withCandidates(t)
	h, err := st.ClaimHistory(ctx, "claim/cand-bank-held")
	if err != nil {
		t.Fatal(err)
	}
	at := h[len(h)-1].StoredAt
	wantClaims, err := st.Claims(ctx, kb.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	wantEntities, err := st.Entities(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DecideEntity(ctx, kb.EntityDecision{Action: kb.ActionMerge, Entity: candBank, Into: leftBank,
		RecordedBy: "curator", RecordedAt: t0}); err != nil { // a decision that says it is old is recorded now all the same
		t.Fatal(err)
	}
	if e, err := st.Entity(ctx, candBank); err != nil || e.MergedInto != leftBank {
		t.Fatalf("after the merge: %+v, %v", e, err)
	}
	then, err := st.AsRecorded(ctx, at)
	if err != nil {
		t.Fatal(err)
	}
	gotClaims, err := then.Claims(ctx, kb.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantClaims, gotClaims); diff != "" {
		t.Errorf("Claims at the record time, after a later merge (-want +got):\n%s", diff)
	}
	gotEntities, err := then.Entities(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantEntities, gotEntities, opts); diff != "" {
		t.Errorf("Entities at the record time, after a later merge (-want +got):\n%s", diff)
	}
	if e, err := then.Entity(ctx, candBank); err != nil || e.MergedInto != "" {
		t.Errorf("Entity(%s) at the record time = merged into %q, %v; want not merged", candBank, e.MergedInto, err)
	}
	// And now: the merged entity is left out of the list.
	now, err := st.Entities(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(now, func(e kb.Entity) bool { return e.ID == candBank }) {
		t.Errorf("Entities lists %s after its merge", candBank)
	}
}

func (s suite) tokens(t *testing.T) {
	ctx := context.Background()
	st := s.open(t)
	alice := kb.Token{Name: "alice", Hash: kb.TokenHash("alice's secret"), Created: t0}
	bob := kb.Token{Name: "Bob Ng", Hash: kb.TokenHash("bob's secret"), Created: t1}
	for _, tok := range []kb.Token{alice, bob} {
		if err := st.AddToken(ctx, tok); err != nil {
			t.Fatalf("AddToken(%s): %v", tok.Name, err)
		}
	}
	wantError(t, st.AddToken(ctx, kb.Token{Name: "alice", Hash: kb.TokenHash("another"), Created: t1}), kb.ECONFLICT, "alice")
	wantError(t, st.AddToken(ctx, kb.Token{Name: "carol", Hash: alice.Hash, Created: t1}), kb.ECONFLICT, "carol")
	wantError(t, st.AddToken(ctx, kb.Token{Name: "", Hash: kb.TokenHash("x")}), kb.EINVALID, "name")
	wantError(t, st.AddToken(ctx, kb.Token{Name: "dave\n", Hash: kb.TokenHash("x")}), kb.EINVALID, "name")
	wantError(t, st.AddToken(ctx, kb.Token{Name: "dave", Hash: "secret"}), kb.EINVALID, "hash")

	got, err := st.Tokens(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]kb.Token{bob, alice}, got); diff != "" { // "B" before "a"
		t.Errorf("Tokens (-want +got):\n%s", diff)
	}
	if err := st.RevokeToken(ctx, "alice", t2); err != nil {
		t.Fatal(err)
	}
	wantError(t, st.RevokeToken(ctx, "alice", t2), kb.ENOTFOUND, "alice")
	wantError(t, st.RevokeToken(ctx, "nobody", t2), kb.ENOTFOUND, "nobody")
	// A new token for the name, once the old one is revoked.
	alice2 := kb.Token{Name: "alice", Hash: kb.TokenHash("alice's new secret"), Created: t2}
	if err := st.AddToken(ctx, alice2); err != nil {
		t.Fatal(err)
	}
	got, err = st.Tokens(ctx)
	if err != nil {
		t.Fatal(err)
	}
	revoked := alice
	revoked.Revoked = t2
	if diff := cmp.Diff([]kb.Token{bob, revoked, alice2}, got); diff != "" {
		t.Errorf("Tokens after a revocation (-want +got):\n%s", diff)
	}
	valid := slices.DeleteFunc(got, func(t kb.Token) bool { return !t.Valid() })
	if len(valid) != 2 {
		t.Errorf("%d valid tokens; want 2", len(valid))
	}
}
