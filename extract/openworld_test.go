package extract

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"treatyline/internal/gold"
	"treatyline/kb"
)

// TestOpenWorldEntities reads the fixture folders of documents about
// treaty systems the bundled knowledge base does not hold
// (cmd/treatyline/testdata/open) with no known entity at all, and scores
// the gold file's same_entity groups as eval does: each form, at its
// first occurrence, must be a mention of the entity its group's forms
// link to most. Every name here is discovered; the forms of a group come
// from several languages and scripts. Accuracy must be 0.9 at least; and
// what is read must be the same on a second reading of the documents by
// a new extractor (candidate ids are deterministic).
func TestOpenWorldEntities(t *testing.T) {
	dirs, _ := filepath.Glob("../cmd/treatyline/testdata/open/*")
	if len(dirs) < 2 {
		t.Fatal("want two fixture folders")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			seeds, err := gold.Load(filepath.Join(dir, "gold.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
			sort.Strings(files)
			read := func() (map[string]Result, map[string]string) {
				x := NewExtractor(nil, nil)
				results, texts := map[string]Result{}, map[string]string{}
				for _, f := range files {
					b, err := os.ReadFile(f)
					if err != nil {
						t.Fatal(err)
					}
					id := strings.TrimSuffix(filepath.Base(f), ".txt")
					text := string(b)
					results[id] = x.Extract(kb.Source{ID: id, Text: text, Language: DetectLanguage(text), SHA256: kb.HashText(text)})
					texts[id] = text
				}
				return results, texts
			}
			results, texts := read()
			ids := make([]string, 0, len(texts))
			for id := range texts {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			link := func(form string) string {
				for _, id := range ids {
					i := strings.Index(texts[id], form)
					if i < 0 {
						continue
					}
					start := utf8.RuneCountInString(texts[id][:i])
					end := start + utf8.RuneCountInString(form)
					for _, m := range results[id].Entities {
						if m.Start == start && m.End == end {
							return m.Entity
						}
					}
				}
				return ""
			}
			right, total := 0, 0
			for g, forms := range seeds.SameEntity {
				votes := map[string]int{}
				links := map[string]string{}
				for _, f := range forms {
					links[f] = link(f)
					if links[f] != "" {
						votes[links[f]]++
					}
				}
				best := ""
				for e, n := range votes {
					if best == "" || n > votes[best] || n == votes[best] && e < best {
						best = e
					}
				}
				for _, f := range forms {
					total++
					if links[f] == best && best != "" {
						right++
					} else {
						t.Logf("%s: %q linked to %q, the group to %q", g, f, links[f], best)
					}
				}
			}
			acc := float64(right) / float64(total)
			t.Logf("entity accuracy %.3f over %d forms", acc, total)
			if acc < 0.9 {
				t.Errorf("entity accuracy %.3f < 0.9", acc)
			}
			again, _ := read()
			for id, r := range results {
				var a, b []string
				for _, c := range r.NewEntities {
					a = append(a, c.ID)
				}
				for _, c := range again[id].NewEntities {
					b = append(b, c.ID)
				}
				if strings.Join(a, " ") != strings.Join(b, " ") {
					t.Errorf("%s: a second reading proposes other candidates:\n%v\n%v", id, a, b)
				}
			}
		})
	}
}
