package extract

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"treatyline/data"
	"treatyline/kb"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestGoldenCandidates keeps what extraction proposes for the fixture
// documents of the repository exactly as it was: every candidate claim
// and provision with its evidence, confidence and reason, every candidate
// entity and every merge offered, in order, as JSON lines. It is the
// guard of changes meant to make extraction faster and nothing else;
// refresh the files with -update only for a change meant to alter what is
// proposed, and read the diff.
//
// The documents of a folder are read as treatyline ingest reads a folder:
// an extractor over the bundled knowledge base previews them all, then
// extracts each in order, learning the candidate entities each proposes.
func TestGoldenCandidates(t *testing.T) {
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, dir string }{
		{"rules", "testdata/rules"},
		{"gazetteer", "testdata/gazetteer"},
		{"kiel", "../cmd/treatyline/testdata/kiel"},
		{"sakhalin", "../cmd/treatyline/testdata/open/sakhalin"},
		{"shimonoseki", "../cmd/treatyline/testdata/open/shimonoseki"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs := folderDocs(t, tc.dir)
			x := NewExtractor(b.Entities, b.Claims)
			for _, d := range docs {
				x.Preview(d)
			}
			var got bytes.Buffer
			enc := json.NewEncoder(&got)
			for _, d := range docs {
				r := x.Extract(d)
				if err := enc.Encode(struct {
					Source      string            `json:"source"`
					Candidates  []Candidate       `json:"candidates"`
					NewEntities []EntityCandidate `json:"new_entities"`
					Merges      []MergeSuggestion `json:"merges,omitempty"`
				}{d.ID, r.Candidates, r.NewEntities, r.Merges}); err != nil {
					t.Fatalf("%s: %v", d.ID, err)
				}
				x.Learn(r.Batch(d).Entities)
			}
			golden := filepath.Join("testdata", "golden", tc.name+".jsonl")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (write it with -update)", err)
			}
			if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(got.String(), "\n")); diff != "" {
				t.Errorf("what %s proposes changed (-%s +got); if meant, run go test -run TestGoldenCandidates -update and read the diff:\n%s", tc.dir, golden, diff)
			}
		})
	}
}

// TestLeanPreview: a preview reads no amounts and runs the rules of dated
// claims alone (leanPreview); what it finds, the signings every document
// is then read in the light of, is what a preview running every reader
// and every rule finds, for each document of the fixture folders and the
// corpus.
func TestLeanPreview(t *testing.T) {
	b, docs := fixtureDocs(t)
	previews := func() map[string][]signing {
		x := NewExtractor(b.Entities, b.Claims)
		out := map[string][]signing{}
		found := 0
		for _, d := range docs {
			ss := signings(x, x.preview(d))
			out[d.ID] = ss
			found += len(ss)
		}
		if found == 0 {
			t.Fatal("no signing previewed")
		}
		return out
	}
	lean := previews()
	leanPreview = false
	defer func() { leanPreview = true }()
	full := previews()
	if diff := cmp.Diff(full, lean); diff != "" {
		t.Errorf("lean previews (+) against full ones (-):\n%s", diff)
	}
}

// TestPreviewerAsPreview: documents previewed by Previewers, two at once
// (each reading with its copy of the registry it seeded once), and kept
// in order, leave the extractor as previewing them in turn does: the
// same signings found in each, and the same readings after.
func TestPreviewerAsPreview(t *testing.T) {
	b, docs := fixtureDocs(t)
	inTurn := NewExtractor(b.Entities, b.Claims)
	want := map[string][]signing{}
	for _, d := range docs {
		found := inTurn.preview(d)
		want[d.ID] = signings(inTurn, found)
		inTurn.keepPreview(d.ID, found)
	}

	x := NewExtractor(b.Entities, b.Claims)
	pvs := make([]Previewed, len(docs))
	var wg sync.WaitGroup
	for w := range 2 {
		p := x.Previewer()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(docs); i += 2 {
				pvs[i] = p.Preview(docs[i])
			}
		}()
	}
	wg.Wait()
	got := map[string][]signing{}
	for i, d := range docs {
		x.KeepPreview(pvs[i]) // the names now the extractor's
		got[d.ID] = signings(x, pvs[i].found)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("signings previewed by Previewers (+) against in turn (-):\n%s", diff)
	}
	for _, d := range docs {
		a, c := inTurn.Extract(d), x.Extract(d)
		ja, _ := json.Marshal(a)
		jc, _ := json.Marshal(c)
		if !bytes.Equal(ja, jc) {
			t.Errorf("%s: read differently after Previewers' previews", d.ID)
		}
		inTurn.Learn(a.Batch(d).Entities)
		x.Learn(c.Batch(d).Entities)
	}
}

// TestResultsOutliveBuffers: what the extractor gave for a document is
// the same after it has read others, its buffers reused (runeBuf,
// sentBuf, the words of discovery).
func TestResultsOutliveBuffers(t *testing.T) {
	b, docs := fixtureDocs(t)
	// A copy through gob (JSON refuses a mention's infinite score) keeps
	// every exported field as it was when the document was read.
	copyOf := func(r Result) Result {
		var buf bytes.Buffer
		var c Result
		if err := gob.NewEncoder(&buf).Encode(r); err != nil {
			t.Fatal(err)
		}
		if err := gob.NewDecoder(&buf).Decode(&c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	x := NewExtractor(b.Entities, b.Claims)
	results := make([]Result, len(docs))
	first := make([]Result, len(docs))
	for i, d := range docs {
		results[i] = x.Extract(d)
		first[i] = copyOf(results[i])
	}
	all := cmp.Exporter(func(reflect.Type) bool { return true }) // the copies' unexported fields are all zero
	for i, d := range docs {
		if diff := cmp.Diff(first[i], copyOf(results[i]), all, cmpopts.EquateNaNs(), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: its result changed as later documents were read (-then +now):\n%s", d.ID, diff)
		}
	}
}

// fixtureDocs gives the bundled knowledge base and the documents of the
// fixture folders and the corpus, in order.
func fixtureDocs(t *testing.T) (*kb.Bundle, []kb.Source) {
	t.Helper()
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	var docs []kb.Source
	for _, dir := range []string{"testdata/rules", "testdata/gazetteer", "../cmd/treatyline/testdata/kiel",
		"../cmd/treatyline/testdata/open/sakhalin", "../cmd/treatyline/testdata/open/shimonoseki", "../../shared/corpus"} {
		docs = append(docs, folderDocs(t, dir)...)
	}
	return b, docs
}

// signing is a dated claim a preview found, with the names it has in the
// extractor's table.
type signing struct {
	Claim, Subject, Property, Source string
	Year                             int32
	Month, Day                       uint8
}

func signings(x *Extractor, found []foundDate) []signing {
	var out []signing
	for _, f := range found {
		k := f.c.k
		out = append(out, signing{f.id, x.strs.str(k.subject), x.strs.str(k.property), x.strs.str(k.source), k.year, k.month, k.day})
	}
	return out
}

// folderDocs reads the .txt documents of a folder, in the order of their
// names, each a source named by its file.
func folderDocs(t *testing.T, dir string) []kb.Source {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no documents in %s (%v)", dir, err)
	}
	sort.Strings(files)
	var docs []kb.Source
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		id := strings.TrimSuffix(filepath.Base(f), ".txt")
		docs = append(docs, kb.Source{ID: id, Title: id, Text: text, Language: DetectLanguage(text), SHA256: kb.HashText(text)})
	}
	return docs
}
