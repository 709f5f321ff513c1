package ingest

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"treatyline/extract"
	"treatyline/internal/gold"
	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/store/sqlite"
)

// longDocument writes the corpus's documents one after another into one
// file, and sets the parts small for the test, so that it is read in
// parts.
func longDocument(t *testing.T, dir string) string {
	t.Helper()
	// Parts of 2 kB past 4 kB, for the test: the corpus is some 36 kB.
	whole, part := extract.WholeBytes, extract.PartBytes
	extract.WholeBytes, extract.PartBytes = 4<<10, 2<<10
	t.Cleanup(func() { extract.WholeBytes, extract.PartBytes = whole, part })
	_, corpus, _ := gold.Shared(t)
	var b strings.Builder
	for _, id := range slices.Sorted(maps.Keys(corpus)) {
		b.WriteString(corpus[id])
		b.WriteString("\n\n")
	}
	path := filepath.Join(dir, "long.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func openBundled(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := report.LoadBundled(ctx, st); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestLongDocumentInParts ingests a document long enough to be read in
// parts: the store holds exactly the candidates the extractor proposes for
// it (read whole into one Result), the run's Result counts them without
// keeping them, and ingesting it again records nothing.
func TestLongDocumentInParts(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := longDocument(t, dir)

	// What the extractor proposes, every part kept.
	ref := openBundled(t, filepath.Join(dir, "ref.db"))
	src, err := ReadSource(File{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	x, err := report.NewExtractor(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	x.Preview(src)
	want := x.Extract(src)
	if len(want.Candidates) < 20 {
		t.Fatalf("only %d candidates in the corpus read as one document", len(want.Candidates))
	}

	st := openBundled(t, filepath.Join(dir, "kb.db"))
	in, err := New(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	var got extract.Result
	if err := in.Files(ctx, []File{{Path: path}}, false, func(r Report) error { got = r.Result; return r.Err }); err != nil {
		t.Fatal(err)
	}
	if in.Times.Parts <= 0 || in.Times.Read != 0 {
		t.Errorf("times of the run: %+v; want the document read in parts, none whole", in.Times)
	}
	if len(got.Candidates) != 0 || got.Count() != want.Count() {
		t.Errorf("the run's result holds %d candidates and counts %+v; want none held and %+v counted", len(got.Candidates), got.Count(), want.Count())
	}
	stored, err := st.Claims(ctx, kb.ClaimFilter{Source: src.ID})
	if err != nil {
		t.Fatal(err)
	}
	var wantIDs, gotIDs []string
	for _, c := range want.Candidates {
		if c.Claim != nil {
			wantIDs = append(wantIDs, c.Claim.ID)
		}
	}
	for _, c := range stored {
		gotIDs = append(gotIDs, c.ID)
	}
	slices.Sort(wantIDs)
	slices.Sort(gotIDs)
	if !slices.Equal(gotIDs, wantIDs) {
		t.Errorf("stored claims %v\nwant %v", gotIDs, wantIDs)
	}
	for _, c := range stored {
		ev := c.Evidence[0]
		if got := string([]rune(src.Text)[ev.Position.Start:ev.Position.End]); got != ev.Quote.Exact {
			t.Errorf("%s: evidence at %d..%d reads %q, quotes %q", c.ID, ev.Position.Start, ev.Position.End, got, ev.Quote.Exact)
		}
	}

	// Again: nothing new.
	before := len(stored)
	in, err = New(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if err := in.Files(ctx, []File{{Path: path}}, false, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range stored {
		h, err := st.ClaimHistory(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(h) != 1 {
			t.Errorf("%s: %d versions after ingesting the document again", c.ID, len(h))
		}
	}
	after, err := st.Claims(ctx, kb.ClaimFilter{Source: src.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != before {
		t.Errorf("%d claims after ingesting again, %d before", len(after), before)
	}
}

// TestLongDocumentAllOrNothing stops an ingest of a long document half
// way (its context cancelled while a later part is read): nothing of it
// is stored, the source neither.
func TestLongDocumentAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	path := longDocument(t, dir)
	st := openBundled(t, filepath.Join(dir, "kb.db"))
	src, err := ReadSource(File{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	x, err := report.NewExtractor(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	parts := 0
	err = st.ApplyStream(ctx, func(apply func(kb.Batch) error) error {
		return x.ExtractParts(src, func(r extract.Result) error {
			b := r.Batch(src)
			if parts > 0 {
				b.Sources = nil
			}
			parts++
			if parts == 3 {
				cancel()
			}
			return apply(b)
		})
	})
	if err == nil || parts != 3 {
		t.Fatalf("ApplyStream = %v after %d parts; want the cancellation at the third", err, parts)
	}
	if _, err := st.Source(context.Background(), src.ID); kb.ErrorCode(err) != kb.ENOTFOUND {
		t.Errorf("Source after a cancelled ingest: %v; want ENOTFOUND", err)
	}
	cs, err := st.Claims(context.Background(), kb.ClaimFilter{Source: src.ID})
	if err != nil || len(cs) != 0 {
		t.Errorf("claims after a cancelled ingest: %d (%v)", len(cs), err)
	}
}
