package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/internal/gold"
	"treatyline/kb"
	"treatyline/store/storetest"
)

// groupCorpus copies the corpus and the extractor's fixture documents into
// one folder, three times over (each copy a source of its own): more
// documents than a group holds.
func groupCorpus(t *testing.T) []File {
	t.Helper()
	dir := t.TempDir()
	_, corpus, _ := gold.Shared(t)
	texts := map[string]string{}
	for id, text := range corpus {
		texts[id] = text
	}
	for _, sub := range []string{"rules", "gazetteer"} {
		paths, err := filepath.Glob(filepath.Join("..", "extract", "testdata", sub, "*.txt"))
		if err != nil || len(paths) == 0 {
			t.Fatalf("fixtures of %s: %v", sub, err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			texts[strings.TrimSuffix(filepath.Base(p), ".txt")] = string(b)
		}
	}
	for id, text := range texts {
		for c := range 3 {
			name := id
			if c > 0 {
				name, text = fmt.Sprintf("%s-copy%d", id, c), fmt.Sprintf("%s\n\n(Copy %d.)\n", text, c)
			}
			if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	paths, errs := Walk([]string{dir})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(paths) <= groupFiles {
		t.Fatalf("%d documents: want more than a group's %d", len(paths), groupFiles)
	}
	files := make([]File, len(paths))
	for i, p := range paths {
		files[i] = File{Path: p}
	}
	return files
}

// contentsOf is what a store holds, with the merges ingest suggested.
func contentsOf(t *testing.T, st kb.Store) storetest.Contents {
	t.Helper()
	return storetest.ContentsOf(t, st, func(id string) string { return "merge_suggestions/" + id })
}

var withoutTimes = storetest.WithoutTimes

// storeOneByOne stores the files in a new store holding the bundled
// knowledge base as a run of them does, but each document in a
// transaction of its own (Ingester.Store), after previewing them all; the
// file at index skip (-1: none) is previewed and not stored.
func storeOneByOne(t *testing.T, path string, files []File, skip int) kb.Store {
	t.Helper()
	ctx := context.Background()
	st := openBundled(t, path)
	one, err := New(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	srcs := make([]kb.Source, len(files))
	for i, f := range files {
		if srcs[i], err = ReadSource(f); err != nil {
			t.Fatal(err)
		}
		one.Preview(srcs[i])
	}
	for i, src := range srcs {
		if i == skip {
			continue
		}
		if _, err := one.Store(ctx, src, true); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// TestGroupsAsOneByOne: a run stored a group of documents a commit holds
// what the same run stores a document a commit (Ingester.Store, each in
// its own transaction): the documents of a group read those before them
// as stored (their candidate entities, their merge suggestions).
func TestGroupsAsOneByOne(t *testing.T) {
	ctx := context.Background()
	files := groupCorpus(t)
	dir := t.TempDir()

	grouped := openBundled(t, filepath.Join(dir, "grouped.db"))
	in, err := New(ctx, grouped)
	if err != nil {
		t.Fatal(err)
	}
	var reported []string
	if err := in.Files(ctx, files, false, func(r Report) error {
		reported = append(reported, r.File.Path)
		return r.Err
	}); err != nil {
		t.Fatal(err)
	}
	if len(reported) != len(files) {
		t.Errorf("%d files reported; want %d", len(reported), len(files))
	}
	// Every step of a run of documents read whole is timed; none is read
	// in parts.
	if tm := in.Times; tm.Preview <= 0 || tm.Read <= 0 || tm.Entities <= 0 || tm.Wait <= 0 || tm.Commit <= 0 || tm.Parts != 0 {
		t.Errorf("times of the run: %+v; want every step but Parts timed", tm)
	}

	single := storeOneByOne(t, filepath.Join(dir, "single.db"), files, -1)

	got, want := contentsOf(t, grouped), contentsOf(t, single)
	if len(want.Claims) == 0 || len(want.Entities) == 0 {
		t.Fatalf("the run stored %d claims, %d entities: want some", len(want.Claims), len(want.Entities))
	}
	if diff := cmp.Diff(want, got, withoutTimes); diff != "" {
		t.Errorf("stored a group a commit (+) against a document a commit (-):\n%s", diff)
	}
}

// TestGroupFailureAlone: a document of a group that cannot be stored (its
// id is a stored source's, with another text) is undone alone: with
// keepGoing the others are stored and reported in order — those after it
// too, though they name what it named (copies of its text: what reading
// it left in the extractor is forgotten); without, those before it are
// stored and the run ends with its error.
func TestGroupFailureAlone(t *testing.T) {
	ctx := context.Background()
	// Six fixture documents, not the corpus's: the bundled knowledge base
	// holds the corpus's sources.
	var files []File
	for _, f := range groupCorpus(t) {
		if b := filepath.Base(f.Path); b[0] >= 'a' && b[0] <= 'z' && len(files) < 6 {
			files = append(files, f)
		}
	}
	clash := 3
	bad, err := ReadSource(files[clash])
	if err != nil {
		t.Fatal(err)
	}
	for _, keepGoing := range []bool{true, false} {
		st := openBundled(t, filepath.Join(t.TempDir(), "kb.db"))
		other := kb.Source{ID: bad.ID, Title: "another text", Text: "Another text under the same id."}
		other.SHA256 = kb.HashText(other.Text)
		if err := st.Apply(ctx, kb.Batch{Sources: []kb.Source{other}}); err != nil {
			t.Fatal(err)
		}
		in, err := New(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		var reported []string
		runErr := in.Files(ctx, files, keepGoing, func(r Report) error {
			s := filepath.Base(r.File.Path)
			if r.Err != nil {
				s += " failed"
			}
			reported = append(reported, s)
			return nil
		})
		if kb.ErrorCode(runErr) != kb.ECONFLICT || !strings.Contains(runErr.Error(), files[clash].Path) {
			t.Errorf("keepGoing=%v: Files = %v; want ECONFLICT naming %s", keepGoing, runErr, files[clash].Path)
		}
		var want []string
		for i, f := range files {
			if !keepGoing && i > clash {
				break
			}
			s := filepath.Base(f.Path)
			if i == clash {
				s += " failed"
			}
			want = append(want, s)
		}
		if !cmp.Equal(reported, want) {
			t.Errorf("keepGoing=%v: reported %q; want %q", keepGoing, reported, want)
		}
		for i, f := range files {
			src, _ := ReadSource(f)
			stored, err := st.Source(ctx, src.ID)
			switch {
			case i == clash:
				if err != nil || stored.SHA256 != other.SHA256 {
					t.Errorf("keepGoing=%v: the clashing source: %v, %v; want the one stored before", keepGoing, stored.SHA256, err)
				}
				if cs, _ := st.Claims(ctx, kb.ClaimFilter{Source: src.ID}); len(cs) > 0 {
					t.Errorf("keepGoing=%v: %d claims of the document that failed", keepGoing, len(cs))
				}
			case keepGoing || i < clash:
				if err != nil {
					t.Errorf("keepGoing=%v: %s not stored: %v", keepGoing, src.ID, err)
				}
			default:
				if kb.ErrorCode(err) != kb.ENOTFOUND {
					t.Errorf("keepGoing=%v: %s stored after the run ended: %v", keepGoing, src.ID, err)
				}
			}
		}
	}
}

// TestPreviewsOnEveryCore: the files of a run are previewed on several
// cores at once (previewAll), and what each preview found reaches every
// other document as if they had been previewed in turn: a signing dated
// in the first file 12 days before the second file dates it is read as
// Old Style, though the second file is read after it.
func TestPreviewsOnEveryCore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	texts := map[string]string{
		"a-chronicle.txt": "The Treaty of Kelmarsk was signed on 1 May 1850 by Russia and China.\n",
		"b-history.txt":   "The Treaty of Kelmarsk was signed on 13 May 1850 by Russia and China.\n",
	}
	var files []File
	for _, name := range []string{"a-chronicle.txt", "b-history.txt"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(texts[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Path: path})
	}
	if runtime.GOMAXPROCS(0) < 2 {
		t.Log("one core: the files are previewed in turn")
	}
	st := openBundled(t, filepath.Join(dir, "kb.db"))
	in, err := New(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if err := in.Files(ctx, files, false, nil); err != nil {
		t.Fatal(err)
	}
	cs, err := st.Claims(ctx, kb.ClaimFilter{Source: "a-chronicle", Property: kb.PropSigned})
	if err != nil || len(cs) != 1 {
		t.Fatalf("signed claims of a-chronicle: %v, %v; want one", cs, err)
	}
	if got := cs[0].Value; got.Calendar != "julian" || !strings.Contains(cs[0].Note, "b-history") {
		t.Errorf("a-chronicle's signing: %+v, %q; want Old Style (julian), because of b-history", got, cs[0].Note)
	}
}

// TestNothingToStoreWritesNothing: a run whose files all fail to be read
// writes nothing to the store (not even an empty commit, which would make
// a server on the store read it again).
func TestNothingToStoreWritesNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var files []File
	for _, name := range []string{"a.txt", "b.txt"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, nil, 0o644); err != nil { // empty: refused
			t.Fatal(err)
		}
		files = append(files, File{Path: path})
	}
	st := openBundled(t, filepath.Join(dir, "kb.db"))
	before, err := st.Generation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	in, err := New(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if err := in.Files(ctx, files, true, nil); kb.ErrorCode(err) != kb.EINVALID {
		t.Errorf("Files of empty files = %v; want EINVALID", err)
	}
	if after, err := st.Generation(ctx); err != nil || after != before {
		t.Errorf("the store's generation went from %d to %d (%v); want no write", before, after, err)
	}
}

// failAfterEntities is a store whose documents of one source fail after
// their source and candidate entities are written: the write of their
// claims and provisions is refused (a fault the real store would give,
// say, for a clash found only there), and the document's unit is undone.
type failAfterEntities struct {
	kb.Store
	source string
}

func (f failAfterEntities) ApplyGroup(ctx context.Context, fill func(kb.Group) error) error {
	return f.Store.ApplyGroup(ctx, func(g kb.Group) error { return fill(failingGroup{g, f.source}) })
}

type failingGroup struct {
	kb.Group
	source string
}

func (g failingGroup) Unit(fill func(apply func(kb.Batch) error) error) error {
	return g.Group.Unit(func(apply func(kb.Batch) error) error {
		return fill(func(b kb.Batch) error {
			for _, c := range b.Claims {
				for _, e := range c.Evidence {
					if e.Source == g.source {
						return kb.Errorf(kb.ECONFLICT, "refused: claims of %s", g.source)
					}
				}
			}
			return apply(b)
		})
	})
}

// TestFailureAfterEntitiesLearned: the candidate entities of a document
// read whole are learned as soon as they are written, and the next
// document read meanwhile; when the rest of the document then fails, it
// is undone alone, and the documents after it (copies of its text, which
// name its candidates) are read again without them: the store holds what
// a run that stored every document but that one, one at a time, holds.
func TestFailureAfterEntitiesLearned(t *testing.T) {
	ctx := context.Background()
	files := groupCorpus(t)
	// The first copy of a fixture whose candidate entities its other
	// copies name again.
	bad := -1
	probe, err := New(ctx, openBundled(t, filepath.Join(t.TempDir(), "probe.db")))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		if !strings.HasSuffix(f.Path, "-copy1.txt") {
			continue
		}
		src, err := ReadSource(f)
		if err != nil {
			t.Fatal(err)
		}
		if r := probe.x.Extract(src); len(r.NewEntities) > 0 && len(r.Candidates) > 0 {
			bad = i
			break
		}
	}
	if bad < 0 {
		t.Fatal("no fixture proposes candidate entities")
	}
	badSrc, err := ReadSource(files[bad])
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()

	failing := openBundled(t, filepath.Join(dir, "failing.db"))
	in, err := New(ctx, failAfterEntities{failing, badSrc.ID})
	if err != nil {
		t.Fatal(err)
	}
	var failed []string
	runErr := in.Files(ctx, files, true, func(r Report) error {
		if r.Err != nil {
			failed = append(failed, r.File.Path)
		}
		return nil
	})
	if kb.ErrorCode(runErr) != kb.ECONFLICT || !cmp.Equal(failed, []string{files[bad].Path}) {
		t.Fatalf("Files = %v, failed %q; want ECONFLICT, %s alone", runErr, failed, files[bad].Path)
	}
	if _, err := failing.Source(ctx, badSrc.ID); kb.ErrorCode(err) != kb.ENOTFOUND {
		t.Errorf("the failed document's source: %v; want not stored", err)
	}

	single := storeOneByOne(t, filepath.Join(dir, "single.db"), files, bad)
	got, want := contentsOf(t, failing), contentsOf(t, single)
	if diff := cmp.Diff(want, got, withoutTimes); diff != "" {
		t.Errorf("a run whose document failed after its entities were written (+) against one without it (-):\n%s", diff)
	}
}
