// Package testkb gives tests a real knowledge base: a SQLite file in the
// test's temporary folder, loaded with the bundled knowledge base and the
// texts of the shared corpus its evidence cites.
package testkb

import (
	"context"
	"path/filepath"
	"testing"

	"treatyline/internal/gold"
	"treatyline/internal/pgtest"
	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/store/postgres"
	"treatyline/store/sqlite"
)

// Bundled opens a fresh store in t.TempDir(), loads the bundled knowledge
// base, and fills in the corpus texts of its sources (every one must be
// found with its hash). The test is skipped, as gold.Shared does, when the
// shared folder is not beside the repository. The store is closed when
// the test ends.
func Bundled(t testing.TB) kb.Store {
	t.Helper()
	_, _, _ = gold.Shared(t) // skips before anything is made
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "treatyline.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	load(t, st)
	return st
}

// BundledPostgres is Bundled in a new database of the test binary's
// PostgreSQL server (internal/pgtest: skipped without PostgreSQL unless
// TREATYLINE_REQUIRE_POSTGRES=1). Its connection string is given too, for
// tests that run treatyline with --db. A test package that uses it stops
// the server with pgtest.Main in its TestMain.
func BundledPostgres(t testing.TB) (kb.Store, string) {
	t.Helper()
	_, _, _ = gold.Shared(t)
	url := pgtest.Get(t).NewDatabase(t)
	st, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	load(t, st)
	return st, url
}

// load loads the bundled knowledge base into a store with the corpus
// texts of its sources.
func load(t testing.TB, st kb.Store) {
	t.Helper()
	_, _, dir := gold.Shared(t)
	ctx := context.Background()
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
