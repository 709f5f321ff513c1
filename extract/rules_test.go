package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"treatyline/kb"
)

// The relation rules are tested on fixture documents under
// testdata/rules, written for the tests, with what must be read from
// each sentence in a comment after it, as go/parser's tests mark their
// errors:
//
//	China ceded Taiwan to Japan. /* cession treaty/x polity/china>polity/japan territory/taiwan */
//	... /* NOT claim treaty/nanking signed */
//
// A file is read as one document by an extractor that knows no entity at
// all (the open world): every name is discovered. Its name gives the
// language: cession.ja.txt. The forms of the keys:
//
//	claim SUBJECT PROPERTY VALUE     (VALUE: an entity's id or the value's text)
//	TYPE TREATY GRANTORS>GRANTEES OBJECTS   (a provision; lists joined by commas)
//	entity ID KIND                   (a candidate entity)
//	same ID "FORM"                   (the form is a name of the entity)
var ruleNote = regexp.MustCompile(`\s*/\*\s*(.*?)\s*\*/`)

// resultKeys writes what a result proposes in the annotations' form.
func resultKeys(r Result) []string {
	var out []string
	for _, c := range r.Candidates {
		if cl := c.Claim; cl != nil {
			v := cl.Value.Entity
			if v == "" {
				v = cl.Value.Text
			}
			if cl.Value.Type == kb.TBool {
				v = fmt.Sprint(cl.Value.Bool)
			}
			out = append(out, fmt.Sprintf("claim %s %s %s", cl.Subject, cl.Property, v))
		}
		if p := c.Provision; p != nil {
			out = append(out, strings.TrimSpace(fmt.Sprintf("%s %s %s>%s %s", p.Type, p.Treaty, strings.Join(p.Grantors, ","), strings.Join(p.Grantees, ","), strings.Join(p.Objects, ","))))
		}
	}
	for _, e := range r.NewEntities {
		out = append(out, fmt.Sprintf("entity %s %s", e.ID, e.Kind))
		for _, a := range e.Aliases {
			out = append(out, fmt.Sprintf("same %s %q", e.ID, a.Text))
		}
	}
	return out
}

func TestRuleFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/rules/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var want, not []string
			for _, m := range ruleNote.FindAllStringSubmatch(string(raw), -1) {
				if k, ok := strings.CutPrefix(m[1], "NOT "); ok {
					not = append(not, k)
				} else {
					want = append(want, m[1])
				}
			}
			text := ruleNote.ReplaceAllString(string(raw), "")
			parts := strings.Split(filepath.Base(f), ".")
			lang := parts[len(parts)-2]
			x := NewExtractor(nil, nil)
			r := x.Extract(kb.Source{ID: parts[0], Language: lang, Text: text, SHA256: kb.HashText(text)})
			got := resultKeys(r)
			for _, w := range want {
				if !slices.Contains(got, w) {
					t.Errorf("missing: %s", w)
				}
			}
			for _, n := range not {
				for _, g := range got {
					if strings.HasPrefix(g, n) {
						t.Errorf("unwanted: %s", g)
					}
				}
			}
			if t.Failed() {
				t.Logf("got:\n  %s", strings.Join(got, "\n  "))
			}
		})
	}
}
