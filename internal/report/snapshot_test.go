package report_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/data"
	"treatyline/engine"
	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/kb/kbsnap"
	"treatyline/store/sqlite"
	"treatyline/store/storetest"
)

// openBundled opens a SQLite store in a temporary directory holding the
// bundled knowledge base.
func openBundled(t *testing.T) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Apply(ctx, b.Batch()); err != nil {
		t.Fatal(err)
	}
	return st
}

// asOf is the consensus state on a day, as the engine answers it.
func asOf(t *testing.T, e *engine.Engine, day string) engine.State {
	t.Helper()
	d, err := report.ReadDay(day)
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.ParsePerspective("", nil)
	if err != nil {
		t.Fatal(err)
	}
	return e.AsOf(d, p)
}

// TestLoadEngineCached: the first start reads the store and writes the
// snapshot; the next reads the snapshot, with the store's records and the
// same answers; after a write to the store (a decision; a batch with new
// entities, a source and claims; a merge) the snapshot is brought up to
// the store by what it recorded since, with the store's records; a
// damaged file or another build sends it back to the store, which
// rewrites the snapshot; a snapshot that cannot be written leaves the
// engine built.
func TestLoadEngineCached(t *testing.T) {
	ctx := context.Background()
	st := openBundled(t)
	path := filepath.Join(t.TempDir(), "kb.snap")
	key, err := report.SnapshotKey(ctx, st, "test")
	if err != nil {
		t.Fatal(err)
	}
	if again, err := report.SnapshotKey(ctx, st, "test"); err != nil || again != key {
		t.Fatalf("SnapshotKey again = %q, %v; want %q: the key moved with no write to the store", again, err, key)
	}
	fromStore, err := report.LoadEngine(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	const day = "1860-11-14"
	want := asOf(t, fromStore, day)

	type step struct {
		name     string
		before   func(t *testing.T) // what happens before the start
		key      func(t *testing.T) string
		wantHit  bool
		wantMiss error // errors.Is of the miss
		caughtUp bool
	}
	sameKey := func(*testing.T) string { return key }
	newKey := func(t *testing.T) string {
		k, err := report.SnapshotKey(ctx, st, "test")
		if err != nil {
			t.Fatal(err)
		}
		if k == key {
			t.Fatalf("key %q did not change with a write to the store", k)
		}
		key = k
		return k
	}
	written := func(write func() error) func(t *testing.T) {
		return func(t *testing.T) {
			if err := write(); err != nil {
				t.Fatal(err)
			}
			want = asOf(t, mustLoad(t, st), day)
		}
	}
	src := kb.Source{ID: "snap-test", Text: "The Treaty of Kuldja was signed in 1851."}
	ev := []kb.Evidence{{Source: src.ID, Quote: kb.TextQuoteSelector{Exact: "Treaty of Kuldja"}, Position: kb.TextPositionSelector{Start: 4, End: 20}}}
	steps := []step{
		{"first start", nil, sameKey, false, fs.ErrNotExist, false},
		{"second start", nil, sameKey, true, nil, false},
		{"another build", nil, func(t *testing.T) string {
			k, err := report.SnapshotKey(ctx, st, "test2")
			if err != nil {
				t.Fatal(err)
			}
			return k
		}, false, kbsnap.ErrStale, false},
		{"back to the first build", nil, sameKey, false, kbsnap.ErrStale, false},
		{"damaged file", func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			b[len(b)/2] ^= 1
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}, sameKey, false, kbsnap.ErrCorrupt, false},
		{"after the damage", nil, sameKey, true, nil, false},
		{"after a decision", written(func() error {
			_, err := st.Decide(ctx, kb.Decision{ID: "provision/aigun-1858/left-bank", Status: kb.Rejected, By: "test"})
			return err
		}), newKey, false, kbsnap.ErrStale, true},
		{"after the decision, again", nil, sameKey, true, nil, false},
		{"after new entities, a source and claims", written(func() error {
			return st.Apply(ctx, kb.Batch{Sources: []kb.Source{src},
				Entities: []kb.Entity{{ID: "treaty/snap-kuldja", Kind: kb.KindTreaty, Labels: map[string]string{"en": "Treaty of Kuldja"}, Status: kb.Candidate},
					{ID: "treaty/snap-kuldja-2", Kind: kb.KindTreaty, Labels: map[string]string{"en": "Kuldja treaty"}, Status: kb.Candidate}},
				Claims: []kb.Claim{{ID: "claim/snap-kuldja-signed", Subject: "treaty/snap-kuldja-2", Property: "signed", Value: kb.DateValue("1851", "", "en"),
					Status: kb.Candidate, Rank: kb.Normal, Evidence: ev}}})
		}), newKey, false, kbsnap.ErrStale, true},
		{"after a merge", written(func() error {
			_, err := st.DecideEntity(ctx, kb.EntityDecision{Action: kb.ActionMerge, Entity: "treaty/snap-kuldja-2", Into: "treaty/snap-kuldja", RecordedBy: "test"})
			return err
		}), newKey, false, kbsnap.ErrStale, true},
		{"after the merge, again", nil, sameKey, true, nil, false},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if s.before != nil {
				s.before(t)
			}
			k := s.key(t)
			recs, use, err := report.LoadRecordsCached(ctx, st, path, k)
			if err != nil {
				t.Fatal(err)
			}
			if use.Hit != s.wantHit || !errors.Is(use.Miss, s.wantMiss) || (s.wantMiss == nil) != (use.Miss == nil) || use.CaughtUp != s.caughtUp {
				t.Errorf("use = %+v; want hit %v, miss %v, caught up %v", use, s.wantHit, s.wantMiss, s.caughtUp)
			}
			if use.WriteErr != nil {
				t.Errorf("writing the snapshot: %v", use.WriteErr)
			}
			if w := storetest.ContentsOf(t, st, nil); !reflect.DeepEqual(recs.Entities, w.Entities) ||
				!reflect.DeepEqual(recs.Claims, w.Claims) || !reflect.DeepEqual(recs.Provisions, w.Provisions) {
				t.Errorf("records differ from the store's (-store +got):\n%s", cmp.Diff(&kbsnap.Snapshot{Key: recs.Key, Entities: w.Entities, Claims: w.Claims, Provisions: w.Provisions}, recs))
			}
			e, _, err := report.LoadEngineCached(ctx, st, path, k)
			if err != nil {
				t.Fatal(err)
			}
			if got := asOf(t, e, day); !reflect.DeepEqual(got, want) {
				t.Errorf("as of %s (-store +snapshot):\n%s", day, cmp.Diff(want, got))
			}
		})
	}

	t.Run("unwritable", func(t *testing.T) {
		e, use, err := report.LoadEngineCached(ctx, st, filepath.Join(t.TempDir(), "no", "dir", "kb.snap"), key)
		if err != nil || e == nil {
			t.Fatalf("LoadEngineCached = %v, %v; want the engine", e, err)
		}
		if use.WriteErr == nil {
			t.Error("no WriteErr for a snapshot in a missing directory")
		}
	})
}

func mustLoad(t *testing.T, st kb.Reader) *engine.Engine {
	t.Helper()
	e, err := report.LoadEngine(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	return e
}
