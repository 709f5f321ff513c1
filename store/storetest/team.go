package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"treatyline/kb"
)

// This file holds the rules a store keeps for a team: versions read and
// written back (optimistic concurrency), record time, reviewers' tokens.

// current reads the current version of a claim.
func current(t *testing.T, st kb.Reader, id string) kb.Claim {
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

func (s suite) optimistic(t *testing.T) {
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

	read := current(t, st, id)
	// A decision on the version read is recorded, even when it changes
	// nothing but who decided: it is a decision.
	first := read
	first.Status, first.RecordedBy, first.RecordedAt = kb.Accepted, "alice", t2
	if err := st.Apply(ctx, kb.Batch{Claims: []kb.Claim{first}}); err != nil {
		t.Fatalf("Apply(decision on version %d): %v", read.Version, err)
	}
	same := current(t, st, id)
	same.RecordedBy = "carol"
	if err := st.Apply(ctx, kb.Batch{Claims: []kb.Claim{same}}); err != nil {
		t.Fatalf("Apply(agreement on version %d): %v", same.Version, err)
	}
	if got := current(t, st, id); got.Version != 3 || got.RecordedBy != "carol" {
		t.Errorf("after two decisions: version %d by %q; want 3 by carol", got.Version, got.RecordedBy)
	}

	t.Run("stale", func(t *testing.T) {
		before := dump(t, st)
		// A second reviewer who read the same version as alice: refused,
		// with what the claim now is; the rest of the batch is not written.
		second := read
		second.Status, second.RecordedBy, second.RecordedAt = kb.Rejected, "bob", t2
		other := kb.Claim{ID: "claim/optimistic-other", Subject: aigun, Property: "negotiator",
			Value: kb.EntityValue(muravyov), Status: kb.Candidate, Rank: kb.Normal, RecordedAt: t0}
		err := st.Apply(ctx, kb.Batch{Claims: []kb.Claim{other, second}})
		wantError(t, err, kb.ECONFLICT, id, "version 1", "version 3", "accepted", "carol")
		// A version that was never stored, and a claim that is not stored.
		future := current(t, st, id)
		future.Version = 9
		wantError(t, st.Apply(ctx, kb.Batch{Claims: []kb.Claim{future}}), kb.ECONFLICT, id, "version 9")
		ghost := other
		ghost.ID, ghost.Version = "claim/never-stored", 1
		wantError(t, st.Apply(ctx, kb.Batch{Claims: []kb.Claim{ghost}}), kb.ECONFLICT, "claim/never-stored")
		if diff := cmp.Diff(before, dump(t, st)); diff != "" {
			t.Errorf("a refused write changed the store (-before +after):\n%s", diff)
		}
	})

	t.Run("provision", func(t *testing.T) {
		p := currentProvision(t, st, provNavigation)
		decided := p
		decided.Status, decided.RecordedBy = kb.Accepted, "alice"
		if err := st.Apply(ctx, kb.Batch{Provisions: []kb.Provision{decided}}); err != nil {
			t.Fatal(err)
		}
		got := currentProvision(t, st, provNavigation)
		if got.Version != 2 || got.RecordedBy != "alice" || got.Status != kb.Accepted || !got.StoredAt.After(p.StoredAt) {
			t.Errorf("after a decision: version %d by %q, %s, recorded %v (before %v); want 2 by alice, accepted, later",
				got.Version, got.RecordedBy, got.Status, got.StoredAt, p.StoredAt)
		}
		stale := p
		stale.Status, stale.RecordedBy = kb.Rejected, "bob"
		wantError(t, st.Apply(ctx, kb.Batch{Provisions: []kb.Provision{stale}}), kb.ECONFLICT, provNavigation, "version 1", "version 2", "alice")
		// Without a version, the same content again is no new version.
		again := got
		again.Version, again.RecordedBy = 0, "loader"
		if err := st.Apply(ctx, kb.Batch{Provisions: []kb.Provision{again}}); err != nil {
			t.Fatal(err)
		}
		if h, err := st.ProvisionHistory(ctx, provNavigation); err != nil || len(h) != 2 {
			t.Errorf("ProvisionHistory = %d versions, %v; want 2", len(h), err)
		}
	})
}

// concurrentReviewers: reviewers who read the same version and decide at
// once: exactly one decision is recorded, every other one is refused with
// ECONFLICT; nothing is lost or doubled.
func (s suite) concurrentReviewers(t *testing.T) {
	ctx, st := s.withWorld(t)
	for _, id := range []string{"claim/aigun-area-km2", provPekingCede} {
		t.Run(id, func(t *testing.T) {
			const n = 12
			var read kb.Claim
			var readP kb.Provision
			isClaim := id != provPekingCede
			if isClaim {
				read = current(t, st, id)
			} else {
				readP = currentProvision(t, st, id)
			}
			var wg sync.WaitGroup
			var mu sync.Mutex
			var won []string
			conflicts := 0
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					who := fmt.Sprintf("reviewer %d", i)
					status := []kb.Status{kb.Accepted, kb.Rejected}[i%2]
					var b kb.Batch
					if isClaim {
						c := read
						c.Status, c.RecordedBy, c.RecordedAt = status, who, t2
						b.Claims = []kb.Claim{c}
					} else {
						p := readP
						p.Status, p.RecordedBy = status, who
						b.Provisions = []kb.Provision{p}
					}
					err := st.Apply(ctx, b)
					mu.Lock()
					defer mu.Unlock()
					switch kb.ErrorCode(err) {
					case "":
						won = append(won, who)
					case kb.ECONFLICT:
						conflicts++
					default:
						t.Errorf("%s: %v; want success or ECONFLICT", who, err)
					}
				}()
			}
			wg.Wait()
			if len(won) != 1 || conflicts != n-1 {
				t.Fatalf("%d decisions recorded (%v), %d conflicts; want 1 and %d", len(won), won, conflicts, n-1)
			}
			var versions int
			var by string
			if isClaim {
				h, err := st.ClaimHistory(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				versions, by = len(h), h[len(h)-1].RecordedBy
			} else {
				h, err := st.ProvisionHistory(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				versions, by = len(h), h[len(h)-1].RecordedBy
			}
			if versions != 2 || by != won[0] {
				t.Errorf("history: %d versions, the last by %q; want 2, the last by the winner %q", versions, by, won[0])
			}
		})
	}
}

// recordTime: the store read as it stood at a record time shows nothing
// recorded after it: claims, reviews, corrections, provisions, entities,
// sources.
func (s suite) recordTime(t *testing.T) {
	ctx, st := s.withWorld(t)
	const id = "claim/aigun-refused-qing"
	before := current(t, st, id)
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

	// Then: a review, a correction, a new claim, a provision decided, an
	// entity renamed, a new source.
	review := before
	review.Status, review.RecordedBy = kb.Accepted, "alice"
	corrected := current(t, st, "claim/aigun-area-km2")
	corrected.Value, corrected.Status, corrected.RecordedBy = kb.QuantityValue("about 600,000 square kilometres", "en"), kb.Accepted, "bob"
	added := kb.Claim{ID: "claim/record-time-new", Subject: aigun, Property: "negotiator",
		Value: kb.EntityValue(muravyov), Status: kb.Candidate, Rank: kb.Normal}
	p := currentProvision(t, st, provPekingCede)
	p.Status, p.RecordedBy = kb.Rejected, "carol"
	renamed := stored(world()).Entities[0]
	renamed.Labels = map[string]string{"en": "Renamed after the record time"}
	newSource := kb.Source{ID: "source/record-time", Title: "later", Text: "A later text."}
	if err := st.Apply(ctx, kb.Batch{Sources: []kb.Source{newSource}, Entities: []kb.Entity{renamed},
		Claims: []kb.Claim{review, corrected, added}, Provisions: []kb.Provision{p}}); err != nil {
		t.Fatal(err)
	}
	after := current(t, st, id)
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
