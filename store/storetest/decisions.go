package storetest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"treatyline/kb"
)

// The rules of a reviewer's decision, which every store keeps:
//
//   - a store numbers the versions of a claim or provision 1, 2, … and
//     gives the number (and whether the version is a decision) on reading;
//   - Decide reads the current version and writes the next in one
//     transaction, and every Decide that returns nil has recorded exactly
//     one version: identical decisions are not merged, so that no
//     acknowledged decision is ever missing from the history;
//   - with Decision.Expect, a decision on a version that is no longer
//     current is ECONFLICT and writes nothing;
//   - Apply (ingest, the bundle) never replaces a decided version: the
//     decision stays current, whatever the batch holds.

// current gives the current version of a claim or a provision by id.
func current(t *testing.T, st kb.Store, id string) (kb.Claim, kb.Provision) {
	t.Helper()
	ctx := context.Background()
	ps, err := st.Provisions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.ID == id {
			return kb.Claim{}, p
		}
	}
	cs, err := st.Claims(ctx, kb.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.ID == id {
			return c, kb.Provision{}
		}
	}
	t.Fatalf("no claim or provision %s", id)
	return kb.Claim{}, kb.Provision{}
}

func (s suite) versionNumbers(t *testing.T) {
	ctx, st := s.withWorld(t)
	const id = "claim/aigun-refused-qing"
	c, _ := current(t, st, id)
	if c.Version != 1 || c.Decided {
		t.Errorf("a claim applied once: version %d, decided %v; want 1, false", c.Version, c.Decided)
	}
	c.Note = "a second version"
	if err := st.Apply(ctx, kb.Batch{Claims: []kb.Claim{c}}); err != nil {
		t.Fatal(err)
	}
	h, err := st.ClaimHistory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, v := range h {
		got = append(got, v.Version)
	}
	if diff := cmp.Diff([]int{1, 2}, got); diff != "" {
		t.Errorf("ClaimHistory versions (-want +got):\n%s", diff)
	}
	_, p := current(t, st, provUssuri)
	if p.Version != 1 || p.Decided {
		t.Errorf("a provision applied once: version %d, decided %v; want 1, false", p.Version, p.Decided)
	}
}

func (s suite) decide(t *testing.T) {
	ctx, st := s.withWorld(t)
	t.Run("claim with a note", func(t *testing.T) {
		const id = "claim/aigun-area-km2"
		before, _ := current(t, st, id)
		d, err := st.Decide(ctx, kb.Decision{ID: id, Status: kb.Accepted, By: "ada", At: t2, Note: "the map agrees"})
		if err != nil {
			t.Fatal(err)
		}
		want := before
		want.Status, want.RecordedBy, want.RecordedAt = kb.Accepted, "ada", t2
		want.Note = "accepted by ada: the map agrees"
		want.Version, want.Decided = 2, true
		if d.Claim == nil || d.Provision != nil {
			t.Fatalf("Decide gave %+v; want a claim", d)
		}
		if diff := cmp.Diff(want, *d.Claim, decidedOpts); diff != "" {
			t.Errorf("Decide (-want +got):\n%s", diff)
		}
		if got, _ := current(t, st, id); !cmp.Equal(want, got, decidedOpts) {
			t.Errorf("stored after Decide:\n%s", cmp.Diff(want, got, decidedOpts))
		}
		// A second decision's note replaces the first's: notes do not grow.
		d, err = st.Decide(ctx, kb.Decision{ID: id, Status: kb.Rejected, By: "bo", At: t2.Add(time.Second), Note: "the map is wrong"})
		if err != nil {
			t.Fatal(err)
		}
		if d.Claim.Note != "rejected by bo: the map is wrong" || d.Version() != 3 {
			t.Errorf("second decision: note %q, version %d; want the second reason alone, version 3", d.Claim.Note, d.Version())
		}
	})
	t.Run("claim keeps its own note", func(t *testing.T) {
		const id = "claim/aigun-signed-zh"
		c, _ := current(t, st, id)
		c.Note = "confidence 0.80: a date in the text"
		if err := st.Apply(ctx, kb.Batch{Claims: []kb.Claim{c}}); err != nil {
			t.Fatal(err)
		}
		for i, reason := range []string{"", "checked", "checked again", ""} {
			d, err := st.Decide(ctx, kb.Decision{ID: id, Status: kb.Accepted, By: "ada", At: t2, Note: reason})
			if err != nil {
				t.Fatal(err)
			}
			want := c.Note
			if reason != "" {
				want = "accepted by ada: " + reason + "; " + c.Note
			}
			if d.Claim.Note != want {
				t.Errorf("decision %d: note %q; want %q", i, d.Claim.Note, want)
			}
		}
	})
	t.Run("correction", func(t *testing.T) {
		const id = "claim/aigun-signatory"
		v := kb.EntityValue(qing)
		d, err := st.Decide(ctx, kb.Decision{ID: id, Status: kb.Accepted, By: "ada", At: t2, Value: &v})
		if err != nil {
			t.Fatal(err)
		}
		if d.Claim.Value != v || !strings.HasPrefix(d.Claim.Note, "corrected by ada") || !d.Claim.Decided {
			t.Errorf("correction: %+v", d.Claim)
		}
		bad := kb.EntityValue("polity/atlantis")
		wantError(t, errOf(st.Decide(ctx, kb.Decision{ID: id, Status: kb.Accepted, By: "ada", Value: &bad})), kb.EINVALID, "polity/atlantis")
		wantError(t, errOf(st.Decide(ctx, kb.Decision{ID: provUssuri, Status: kb.Accepted, By: "ada", Value: &v})), kb.EINVALID, "provision")
	})
	t.Run("provision", func(t *testing.T) {
		_, before := current(t, st, provNavigation)
		for i, reason := range []string{"", "the text says so", ""} {
			d, err := st.Decide(ctx, kb.Decision{ID: provNavigation, Status: kb.Rejected, By: "ada", At: t2, Note: reason})
			if err != nil {
				t.Fatal(err)
			}
			want := before
			want.Status, want.Version, want.Decided, want.RecordedBy = kb.Rejected, 2+i, true, "ada"
			want.Note = "rejected by ada"
			if reason != "" {
				want.Note += ": " + reason
			}
			if d.Provision == nil {
				t.Fatalf("Decide gave %+v; want a provision", d)
			}
			if diff := cmp.Diff(want, *d.Provision, decidedOpts); diff != "" {
				t.Errorf("decision %d (-want +got):\n%s", i, diff)
			}
		}
		_, p := current(t, st, provUssuri)
		d, err := st.Decide(ctx, kb.Decision{ID: provUssuri, Status: kb.Accepted, By: "bo", At: t2})
		if err != nil {
			t.Fatal(err)
		}
		if want := "accepted by bo; " + p.Note; d.Provision.Note != want {
			t.Errorf("provision note %q; want %q", d.Provision.Note, want)
		}
	})
	t.Run("errors", func(t *testing.T) {
		before := dump(t, st)
		wantError(t, errOf(st.Decide(ctx, kb.Decision{ID: "claim/none", Status: kb.Accepted, By: "r"})), kb.ENOTFOUND, "claim/none")
		wantError(t, errOf(st.Decide(ctx, kb.Decision{ID: "provision/none", Status: kb.Accepted, By: "r"})), kb.ENOTFOUND, "provision/none")
		wantError(t, errOf(st.Decide(ctx, kb.Decision{ID: provUssuri, Status: "acepted", By: "r"})), kb.EINVALID, "acepted")
		wantError(t, errOf(st.Decide(ctx, kb.Decision{ID: "claim/muravyov-described", Status: kb.Accepted, By: "r"})), kb.EINVALID, "evidence")
		if diff := cmp.Diff(before, dump(t, st)); diff != "" {
			t.Errorf("a failed Decide changed the store (-before +after):\n%s", diff)
		}
	})
}

func errOf(_ kb.Decided, err error) error { return err }

// decidedOpts compare the record a decision made with the one expected:
// all of it (version and decided flag included) but the time the store
// recorded it, which the store gives and team.go checks.
var decidedOpts = cmp.Options{cmpopts.EquateEmpty(),
	cmpopts.IgnoreFields(kb.Claim{}, "StoredAt"),
	cmpopts.IgnoreFields(kb.Provision{}, "StoredAt")}

// decisionsKept: what ingest or the bundle applies again never replaces a
// reviewer's decision, on a claim or a provision, whatever it holds.
func (s suite) decisionsKept(t *testing.T) {
	ctx, st := s.withWorld(t)
	const claimID = "claim/aigun-refused-qing"
	decided := map[string]kb.Status{claimID: kb.Rejected, provNavigation: kb.Accepted, provUssuri: kb.Rejected}
	for _, id := range slices.Sorted(maps.Keys(decided)) {
		if _, err := st.Decide(ctx, kb.Decision{ID: id, Status: decided[id], By: "ada", At: t2, Note: "checked"}); err != nil {
			t.Fatal(err)
		}
	}
	// The same batch again (a re-ingest, the bundle reloaded) and a
	// changed one (a new bundle, another reading of the text).
	changed := world()
	for i := range changed.Claims {
		changed.Claims[i].Note += " (read again)"
		changed.Claims[i].RecordedBy = "treatyline ingest"
	}
	for i := range changed.Provisions {
		changed.Provisions[i].Note += " (new bundle)"
		changed.Provisions[i].Status = kb.Accepted
	}
	for _, b := range []kb.Batch{world(), changed} {
		if err := st.Apply(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	for id, status := range decided {
		c, p := current(t, st, id)
		got, ok, note := c.Status, c.Decided, c.Note
		if p.ID != "" {
			got, ok, note = p.Status, p.Decided, p.Note
		}
		if got != status || !ok || !strings.HasPrefix(note, string(status)+" by ada: checked") {
			t.Errorf("%s after re-applying: %s, decided %v, note %q; want the decision, %s", id, got, ok, note, status)
		}
	}
	h, err := st.ClaimHistory(ctx, claimID)
	if err != nil || len(h) != 2 {
		t.Errorf("ClaimHistory(%s) = %d versions, %v; want 2 (the first and the decision)", claimID, len(h), err)
	}
	// What was not decided takes the new versions.
	if c, _ := current(t, st, "claim/aigun-area-km2"); !strings.HasSuffix(c.Note, "(read again)") {
		t.Errorf("an undecided claim did not take the new version: note %q", c.Note)
	}
	if _, p := current(t, st, provLeftBank); !strings.HasSuffix(p.Note, "(new bundle)") {
		t.Errorf("an undecided provision did not take the new version: note %q", p.Note)
	}
}

// expectedVersion: a decision on a version that is no longer current is
// ECONFLICT, naming the current version, and writes nothing.
func (s suite) expectedVersion(t *testing.T) {
	ctx, st := s.withWorld(t)
	for _, id := range []string{"claim/aigun-refused-qing", provNavigation} {
		t.Run(id, func(t *testing.T) {
			d, err := st.Decide(ctx, kb.Decision{ID: id, Status: kb.Accepted, By: "ada", At: t2, Expect: 1})
			if err != nil {
				t.Fatal(err)
			}
			if d.Version() != 2 {
				t.Errorf("decision on version 1 recorded version %d; want 2", d.Version())
			}
			before := dump(t, st)
			wantError(t, errOf(st.Decide(ctx, kb.Decision{ID: id, Status: kb.Rejected, By: "bo", At: t2, Expect: 1})), kb.ECONFLICT, id, "version 2")
			if diff := cmp.Diff(before, dump(t, st)); diff != "" {
				t.Errorf("a stale decision changed the store (-before +after):\n%s", diff)
			}
			if _, err := st.Decide(ctx, kb.Decision{ID: id, Status: kb.Rejected, By: "bo", At: t2, Expect: 2}); err != nil {
				t.Errorf("decision on the current version: %v", err)
			}
		})
	}
}

// concurrentDecisions: N reviewers deciding on one record at once each get
// exactly one recorded version, or, deciding on the same version, one wins
// and the others get ECONFLICT: never an answer without a version.
func (s suite) concurrentDecisions(t *testing.T) {
	ctx, st := s.withWorld(t)
	const n = 16
	versions := func(id string) int {
		c, p := current(t, st, id)
		return max(c.Version, p.Version)
	}
	for _, id := range []string{"claim/aigun-area-km2", provPekingCede} {
		for _, expect := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s expect=%v", id, expect), func(t *testing.T) {
				start := versions(id)
				var wg sync.WaitGroup
				var mu sync.Mutex
				got := map[int]string{} // version recorded → by whom
				ok, conflicts := 0, 0
				for i := range n {
					wg.Add(1)
					go func() {
						defer wg.Done()
						d := kb.Decision{ID: id, Status: kb.Accepted, By: fmt.Sprint("reviewer ", i), At: t2, Note: "same note"}
						if expect {
							d.Expect = start
						}
						r, err := st.Decide(ctx, d)
						mu.Lock()
						defer mu.Unlock()
						switch {
						case err == nil:
							ok++
							if prev, dup := got[r.Version()]; dup {
								t.Errorf("version %d answered to %s and %s", r.Version(), prev, d.By)
							}
							got[r.Version()] = d.By
						case kb.ErrorCode(err) == kb.ECONFLICT && expect:
							conflicts++
						default:
							t.Errorf("Decide by %s: %v", d.By, err)
						}
					}()
				}
				wg.Wait()
				if expect && (ok != 1 || conflicts != n-1) {
					t.Errorf("%d decisions on version %d: %d recorded, %d conflicts; want 1 and %d", n, start, ok, conflicts, n-1)
				}
				if !expect && ok != n {
					t.Errorf("%d decisions: %d recorded; want all", n, ok)
				}
				if end := versions(id); end-start != ok {
					t.Errorf("%d decisions answered as recorded, but the history grew by %d", ok, end-start)
				}
				// Each version recorded names the reviewer it was answered to.
				type version struct {
					n  int
					by string
				}
				var recorded []version
				if strings.HasPrefix(id, "claim/") {
					h, err := st.ClaimHistory(ctx, id)
					if err != nil {
						t.Fatal(err)
					}
					for _, c := range h[start:] {
						recorded = append(recorded, version{c.Version, c.RecordedBy})
					}
				} else {
					h, err := st.ProvisionHistory(ctx, id)
					if err != nil {
						t.Fatal(err)
					}
					for _, p := range h[start:] {
						recorded = append(recorded, version{p.Version, p.RecordedBy})
					}
				}
				for _, v := range recorded {
					if got[v.n] != v.by {
						t.Errorf("version %d recorded by %q, answered to %q", v.n, v.by, got[v.n])
					}
				}
			})
		}
	}
}

// generation changes with every committed write and with nothing else.
func (s suite) generation(t *testing.T) {
	ctx := context.Background()
	st := s.open(t)
	g0, err := st.Generation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name  string
		write func() error
	}{
		{"Apply", func() error { return st.Apply(ctx, world()) }},
		{"Decide", func() error {
			return errOf(st.Decide(ctx, kb.Decision{ID: provUssuri, Status: kb.Rejected, By: "ada"}))
		}},
		{"SetStatus", func() error { return st.SetStatus(ctx, "claim/aigun-refused-qing", kb.Rejected, "ada", t2) }},
		{"SetMeta", func() error { return st.SetMeta(ctx, "k", "v") }},
	}
	prev := g0
	for _, step := range steps {
		if err := step.write(); err != nil {
			t.Fatal(err)
		}
		g, err := st.Generation(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if g == prev {
			t.Errorf("Generation after %s = %d, as before", step.name, g)
		}
		prev = g
	}
	if _, err := st.Claims(ctx, kb.ClaimFilter{}); err != nil {
		t.Fatal(err)
	}
	_ = st.Apply(ctx, kb.Batch{Claims: []kb.Claim{{ID: "claim/x"}}}) // invalid: nothing written
	if g, err := st.Generation(ctx); err != nil || g != prev {
		t.Errorf("Generation after a read and a failed write = %d, %v; want %d", g, err, prev)
	}
}
