package sqlite

import (
	"context"
	"fmt"
	"testing"

	"treatyline/kb"
)

// TestApplyEach: each batch is written or undone alone, as Apply would
// write or refuse it alone, and the written ones are one commit.
func TestApplyEach(t *testing.T) {
	claim := func(id, subject string) kb.Claim {
		return kb.Claim{ID: id, Subject: subject, Property: "represented", Value: kb.EntityValue("polity/bench"),
			Status: kb.Candidate, Rank: kb.Normal, RecordedBy: "treatyline ingest"}
	}
	good := func(id string) kb.Batch { return kb.Batch{Claims: []kb.Claim{claim(id, "person/000")}} }
	for _, tc := range []struct {
		name    string
		batches []kb.Batch
		want    []string // per batch: "" for written
	}{
		{"all written", []kb.Batch{good("c/1"), good("c/2")}, []string{"", ""}},
		{"an unknown subject undone alone", []kb.Batch{good("c/1"), {Claims: []kb.Claim{claim("c/2", "person/none")}}, good("c/3")},
			[]string{"", kb.EINVALID, ""}},
		{"a batch's own records all undone", []kb.Batch{{Claims: []kb.Claim{claim("c/1", "person/000"), claim("c/2", "person/none")}}, good("c/3")},
			[]string{kb.EINVALID, ""}},
		{"the same id twice in one batch", []kb.Batch{{Claims: []kb.Claim{claim("c/1", "person/000"), claim("c/1", "person/001")}}},
			[]string{kb.EINVALID}},
		{"a later batch sees an earlier one", []kb.Batch{good("c/1"), {Claims: []kb.Claim{{ID: "c/2", Subject: "person/000", Property: "represented",
			Value: kb.EntityValue("person/new"), Status: kb.Candidate, Rank: kb.Normal}},
			Entities: []kb.Entity{{ID: "person/new", Kind: kb.KindPerson}}}, good("c/3")}, []string{"", "", ""}},
		// The test's trigger refuses claim c/fail when it is written,
		// after the batch's entity: the savepoint undoes the entity.
		{"a failure while writing undone alone", []kb.Batch{good("c/1"),
			{Entities: []kb.Entity{{ID: "person/undone", Kind: kb.KindPerson}}, Claims: []kb.Claim{claim("c/fail", "person/undone")}},
			good("c/3")}, []string{"", kb.EINTERNAL, ""}},
		{"none", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db := openTemp(t)
			defer db.Close()
			base := sample(2)
			base.Claims = nil
			if err := db.Apply(ctx, base); err != nil {
				t.Fatal(err)
			}
			if _, err := db.db.ExecContext(ctx, `CREATE TRIGGER test_refuse BEFORE INSERT ON claim_versions
				WHEN NEW.claim = 'c/fail' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`); err != nil {
				t.Fatal(err)
			}
			gen0, err := db.Generation(ctx)
			if err != nil {
				t.Fatal(err)
			}
			errs, err := db.ApplyEach(ctx, tc.batches)
			if err != nil {
				t.Fatal(err)
			}
			if len(errs) != len(tc.batches) {
				t.Fatalf("%d errors for %d batches", len(errs), len(tc.batches))
			}
			for i, b := range tc.batches {
				code := ""
				if errs[i] != nil {
					code = kb.ErrorCode(errs[i])
				}
				if code != tc.want[i] {
					t.Errorf("batch %d: error %v (%s); want %q", i, errs[i], code, tc.want[i])
				}
				// A batch written is all there; a batch refused, none of it.
				for _, e := range b.Entities {
					_, err := db.Entity(ctx, e.ID)
					if found := err == nil; found != (tc.want[i] == "") {
						t.Errorf("batch %d: entity %s stored = %v (%v)", i, e.ID, found, err)
					}
				}
				for _, c := range b.Claims {
					cs, err := db.Claims(ctx, kb.ClaimFilter{Subject: c.Subject})
					if err != nil {
						t.Fatal(err)
					}
					found := false
					for _, got := range cs {
						found = found || got.ID == c.ID && got.Value == c.Value
					}
					if found != (tc.want[i] == "") {
						t.Errorf("batch %d: claim %s stored = %v", i, c.ID, found)
					}
				}
			}
			gen, err := db.Generation(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if gen != gen0+1 {
				t.Errorf("generation %d after %d; want one commit more", gen, gen0)
			}
		})
	}
}

// TestApplyEachKeepsDecisions: a decided claim is not replaced by a
// candidate written with ApplyEach (records.Next, as with Apply).
func TestApplyEachKeepsDecisions(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	b := sample(1)
	b.Claims[0].Status = kb.Candidate
	if err := db.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	id := b.Claims[0].ID
	if _, err := db.Decide(ctx, kb.Decision{ID: id, Status: kb.Accepted, By: "reviewer"}); err != nil {
		t.Fatal(err)
	}
	again := b
	again.Claims = []kb.Claim{b.Claims[0]}
	again.Claims[0].Note = "found again"
	errs, err := db.ApplyEach(ctx, []kb.Batch{again, again})
	if err != nil || errs[0] != nil || errs[1] != nil {
		t.Fatalf("ApplyEach = %v, %v", errs, err)
	}
	cs, err := db.Claims(ctx, kb.ClaimFilter{Subject: b.Claims[0].Subject})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.ID == id && c.Status != kb.Accepted {
			t.Errorf("claim %s: status %s after ApplyEach; want the decision (accepted) kept", id, c.Status)
		}
	}
}

// TestApplyEachCancelled: a context done before the commit stores nothing
// of any batch.
func TestApplyEachCancelled(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	ctx, cancel := context.WithCancel(context.Background())
	base := sample(2)
	if err := db.Apply(ctx, base); err != nil {
		t.Fatal(err)
	}
	var batches []kb.Batch
	for i := range 3 {
		c := base.Claims[0]
		c.ID = fmt.Sprintf("c/%d", i)
		batches = append(batches, kb.Batch{Claims: []kb.Claim{c}})
	}
	cancel()
	if _, err := db.ApplyEach(ctx, batches); err == nil {
		t.Fatal("ApplyEach with a cancelled context: no error")
	}
	cs, err := db.Claims(context.Background(), kb.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != len(base.Claims) {
		t.Errorf("%d claims stored; want the %d of before", len(cs), len(base.Claims))
	}
}
