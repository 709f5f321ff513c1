package report

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/extract"
	"treatyline/internal/gold"
	"treatyline/kb"
	"treatyline/store/sqlite"
	"treatyline/store/storetest"
)

// TestWholeAsParts: a document read whole is written in two steps (its
// source and entities, learned at once; then its claims, provisions and
// merge suggestions: Reading.Write), and the store holds exactly what
// writing each document's batch in one step (ingestParts, the path of
// long documents) leaves, document after document: the corpus and the
// extractor's fixtures, each stored twice (the second time over what the
// first stored).
func TestWholeAsParts(t *testing.T) {
	ctx := context.Background()
	var srcs []kb.Source
	_, corpus, _ := gold.Shared(t)
	texts := map[string]string{}
	for id, text := range corpus {
		texts[id] = text
	}
	paths, err := filepath.Glob(filepath.Join("..", "..", "extract", "testdata", "rules", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("fixtures: %v", err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts["fixture-"+strings.TrimSuffix(filepath.Base(p), ".txt")] = string(b)
	}
	ids := make([]string, 0, len(texts))
	for id := range texts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		src, err := NewSource(id, "", "", "", texts[id])
		if err != nil {
			t.Fatal(err)
		}
		if len(src.Text) > extract.WholeBytes {
			t.Fatalf("%s: %d bytes, read in parts", id, len(src.Text))
		}
		srcs = append(srcs, src)
	}
	dir := t.TempDir()
	run := func(name string, ingest func(kb.Group, *extract.Extractor, kb.Source, bool) (extract.Result, error)) kb.Store {
		st, err := sqlite.Open(ctx, filepath.Join(dir, name+".db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		x, err := NewExtractor(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		for _, src := range srcs {
			x.Preview(src)
		}
		for range 2 {
			for _, src := range srcs {
				if err := st.ApplyGroup(ctx, func(g kb.Group) error {
					_, err := ingest(g, x, src, true)
					return err
				}); err != nil {
					t.Fatalf("%s: %s: %v", name, src.ID, err)
				}
			}
		}
		return st
	}
	whole, parts := run("whole", IngestIn), run("parts", ingestParts)
	got, want := storetest.ContentsOf(t, whole, suggestionKey), storetest.ContentsOf(t, parts, suggestionKey)
	if len(want.Claims) == 0 || len(want.Entities) == 0 {
		t.Fatalf("%d claims, %d entities stored: want some", len(want.Claims), len(want.Entities))
	}
	if diff := cmp.Diff(want, got, storetest.WithoutTimes); diff != "" {
		t.Errorf("written in two steps (+) against in one (-):\n%s", diff)
	}
}
