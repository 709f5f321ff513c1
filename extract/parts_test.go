package extract

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/data"
	"treatyline/internal/chunk"
	"treatyline/internal/gold"
	"treatyline/kb"
)

// readParts reads documents as ingest reads a run, every document cut in
// parts of size bytes: an extractor over the bundled knowledge base
// previews them all, then extracts each in order.
func readParts(t *testing.T, docs []kb.Source, size int) []Result {
	t.Helper()
	whole, part := WholeBytes, PartBytes
	WholeBytes, PartBytes = size, size
	defer func() { WholeBytes, PartBytes = whole, part }()
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	x := NewExtractor(b.Entities, b.Claims)
	for _, d := range docs {
		x.Preview(d)
	}
	var out []Result
	for _, d := range docs {
		r := x.Extract(d)
		x.Learn(r.Batch(d).Entities)
		out = append(out, r)
	}
	return out
}

func corpusDocs(t *testing.T) []kb.Source {
	_, corpus, _ := gold.Shared(t)
	var docs []kb.Source
	for _, id := range slices.Sorted(maps.Keys(corpus)) {
		text := corpus[id]
		docs = append(docs, kb.Source{ID: id, Text: text, Language: DetectLanguage(text), SHA256: kb.HashText(text)})
	}
	return docs
}

// withoutOtherReadings gives the candidates with no other_reading
// qualifiers, and the ids of the claims that had one.
func withoutOtherReadings(cs []Candidate) ([]Candidate, map[string]bool) {
	had := map[string]bool{}
	out := make([]Candidate, len(cs))
	for i, c := range cs {
		out[i] = c
		if c.Claim == nil {
			continue
		}
		if _, ok := c.Claim.Qualifiers["other_reading"]; !ok {
			continue
		}
		had[c.Claim.ID] = true
		cl := *c.Claim
		cl.Qualifiers = maps.Clone(cl.Qualifiers)
		delete(cl.Qualifiers, "other_reading")
		delete(cl.Qualifiers, "other_reading_why")
		if len(cl.Qualifiers) == 0 {
			cl.Qualifiers = nil
		}
		out[i].Claim = &cl
	}
	return out, had
}

// TestPartsAsWhole reads documents whole and cut into parts of 1 and 4
// kB: the parts propose the same claims and provisions, with the same
// ids, evidence and reasons, and find the same dates and names at the same
// places, except that a reason to read unmarked dates as Old Style reaches
// only the parts from the one it is given in on. (A candidate entity's
// bare name before the part that first names it is the other difference
// the parts make, see parts.go; these documents have none.)
func TestPartsAsWhole(t *testing.T) {
	docs := partsDocs(t)
	whole := readParts(t, docs, 1<<30)
	for _, size := range []int{1 << 10, 4 << 10} {
		parts := readParts(t, docs, size)
		for i, d := range docs {
			if len(d.Text) > 2*size {
				if n := len(chunk.Split(d.Text, size)); n < 2 {
					t.Fatalf("%s: %d part at %d bytes", d.ID, n, size)
				}
			}
			w, p := whole[i], parts[i]
			wc, wOld := withoutOtherReadings(w.Candidates)
			pc, pOld := withoutOtherReadings(p.Candidates)
			if diff := cmp.Diff(wc, pc); diff != "" {
				t.Errorf("%s at %d bytes: candidates (-whole +parts):\n%s", d.ID, size, diff)
			}
			for id := range pOld {
				if !wOld[id] {
					t.Errorf("%s at %d bytes: %s has another reading read in parts only", d.ID, size, id)
				}
			}
			if diff := cmp.Diff(datesAt(w.Dates), datesAt(p.Dates)); diff != "" {
				t.Errorf("%s at %d bytes: dates (-whole +parts):\n%s", d.ID, size, diff)
			}
			if diff := cmp.Diff(w.Entities, p.Entities); diff != "" {
				t.Errorf("%s at %d bytes: names (-whole +parts):\n%s", d.ID, size, diff)
			}
			// A candidate entity keeps a few quotes of each reading that
			// names it (up to six in all): a document read in parts may
			// give one more, and a later document then none.
			wn, pn := w.Count(), p.Count()
			wn.NewEntities, pn.NewEntities = 0, 0
			if wn != pn {
				t.Errorf("%s at %d bytes: counted %+v whole, %+v in parts", d.ID, size, wn, pn)
			}
		}
	}
}

// partsDocs are the corpus and a long document of each folder of
// fixtures.
func partsDocs(t *testing.T) []kb.Source {
	docs := corpusDocs(t)
	// A long document of each folder of fixtures, in order.
	for _, dir := range []string{"testdata/rules", "testdata/gazetteer", "../cmd/treatyline/testdata/kiel",
		"../cmd/treatyline/testdata/open/sakhalin", "../cmd/treatyline/testdata/open/shimonoseki"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		sort.Strings(files)
		var long strings.Builder
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			long.Write(raw)
			long.WriteString("\n\n")
		}
		text := long.String()
		docs = append(docs, kb.Source{ID: filepath.Base(dir), Text: text, Language: DetectLanguage(text), SHA256: kb.HashText(text)})
	}
	return docs
}

func datesAt(ds []DateReading) []string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%d-%d %s %s", d.Start, d.End, d.Date.Written, d.Date.EDTF()))
	}
	return out
}
