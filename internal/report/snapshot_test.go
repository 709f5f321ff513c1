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
// same answers; a write to the store, a damaged file or another build
// sends it back to the store, which rewrites the snapshot; a snapshot
// that cannot be written leaves the engine built.
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
	}
	sameKey := func(*testing.T) string { return key }
	steps := []step{
		{"first start", nil, sameKey, false, fs.ErrNotExist},
		{"second start", nil, sameKey, true, nil},
		{"another build", nil, func(t *testing.T) string {
			k, err := report.SnapshotKey(ctx, st, "test2")
			if err != nil {
				t.Fatal(err)
			}
			return k
		}, false, kbsnap.ErrStale},
		{"back to the first build", nil, sameKey, false, kbsnap.ErrStale},
		{"damaged file", func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			b[len(b)/2] ^= 1
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}, sameKey, false, kbsnap.ErrCorrupt},
		{"after the damage", nil, sameKey, true, nil},
		{"after a write to the store", func(t *testing.T) {
			if _, err := st.Decide(ctx, kb.Decision{ID: "provision/aigun-1858/left-bank", Status: kb.Rejected, By: "test"}); err != nil {
				t.Fatal(err)
			}
			want = asOf(t, mustLoad(t, st), day)
		}, func(t *testing.T) string {
			k, err := report.SnapshotKey(ctx, st, "test")
			if err != nil {
				t.Fatal(err)
			}
			if k == key {
				t.Fatalf("key %q did not change with a write to the store", k)
			}
			key = k
			return k
		}, false, kbsnap.ErrStale},
		{"after the write, again", nil, sameKey, true, nil},
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
			if use.Hit != s.wantHit || !errors.Is(use.Miss, s.wantMiss) || (s.wantMiss == nil) != (use.Miss == nil) {
				t.Errorf("use = %+v; want hit %v, miss %v", use, s.wantHit, s.wantMiss)
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
