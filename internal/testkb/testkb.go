// Package testkb gives tests a real knowledge base: a SQLite file in the
// test's temporary folder, loaded with the bundled knowledge base and the
// texts of the shared corpus its evidence cites.
package testkb

import (
	"context"
	"path/filepath"
	"testing"

	"treatyline/internal/gold"
	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/store/sqlite"
)

// Bundled opens a fresh store in t.TempDir(), loads the bundled knowledge
// base, and fills in the corpus texts of its sources (every one must be
// found with its hash). The test is skipped, as gold.Shared does, when the
// shared folder is not beside the repository. The store is closed when
// the test ends.
func Bundled(t testing.TB) kb.Store {
	t.Helper()
	_, _, dir := gold.Shared(t)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "treatyline.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := report.LoadBundled(ctx, st); err != nil {
		t.Fatal(err)
	}
	n, err := report.FillTexts(ctx, st, filepath.Join(dir, "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	srcs, err := st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(srcs) {
		t.Fatalf("the texts of %d of %d bundled sources found in %s/corpus with their hashes", n, len(srcs), dir)
	}
	return st
}

// Empty opens a fresh empty project in t.TempDir(), as treatyline init
// --empty makes it: no entities, no claims, never the bundle. The store
// is closed when the test ends.
func Empty(t testing.TB) kb.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "treatyline.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := report.InitStore(ctx, st, true); err != nil {
		t.Fatal(err)
	}
	return st
}
