package quantity

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

var seedsPath = filepath.Join("..", "..", "shared", "gold", "seeds.yaml")

// seeds is the part of the gold file this package is tested against.
type seeds struct {
	Sources map[string]struct {
		Language string `yaml:"language"`
	} `yaml:"sources"`
	Quantities []struct {
		Source  string `yaml:"source"`
		About   string `yaml:"about"`
		Written string `yaml:"written"`
		Value   string `yaml:"value"`
	} `yaml:"quantities"`
}

func loadSeeds(t *testing.T) *seeds {
	t.Helper()
	b, err := os.ReadFile(seedsPath)
	if err != nil {
		t.Skipf("gold file not found at %s: %v", seedsPath, err)
	}
	var s seeds
	if err := yaml.Unmarshal(b, &s); err != nil {
		t.Fatalf("%s: %v", seedsPath, err)
	}
	return &s
}

func corpusLangs(t *testing.T) map[string]string {
	t.Helper()
	m := map[string]string{}
	if b, err := os.ReadFile(seedsPath); err == nil {
		var s seeds
		if yaml.Unmarshal(b, &s) == nil {
			for id, src := range s.Sources {
				m[id] = src.Language
			}
		}
	}
	return m
}

// expectation is a gold value, read by ParseExpectation.
type expectation = Expectation

func parseExpectation(t *testing.T, s string) expectation {
	t.Helper()
	e, err := ParseExpectation(s)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestGold checks every quantity of the gold file: Parse reads what is
// written as the gold value, and Find reports it at exactly its span in
// the source document.
func TestGold(t *testing.T) {
	s := loadSeeds(t)
	if len(s.Quantities) == 0 {
		t.Fatal("gold file has no quantities")
	}
	for _, g := range s.Quantities {
		t.Run(g.Source+"/"+g.Written, func(t *testing.T) {
			want := parseExpectation(t, g.Value)
			lang := s.Sources[g.Source].Language
			for _, opts := range []Options{{Lang: lang}, {}} {
				q, err := Parse(g.Written, opts)
				if err != nil {
					t.Fatalf("Parse(%q, %+v): %v", g.Written, opts, err)
				}
				if msg := want.Check(q); msg != "" {
					t.Errorf("Parse(%q, %+v) = %s: wrong %s (gold %q)", g.Written, opts, q, msg, g.Value)
				}
			}

			path := filepath.Join(corpusDir, g.Source+".txt")
			src, err := os.ReadFile(path)
			if err != nil {
				t.Skipf("source not found: %v", err)
			}
			text := string(src)
			i := strings.Index(text, g.Written)
			if i < 0 {
				t.Fatalf("%q not in %s", g.Written, path)
			}
			start := utf8.RuneCountInString(text[:i])
			end := start + utf8.RuneCountInString(g.Written)
			for _, opts := range []Options{{Lang: lang}, {}} {
				var hit *Mention
				ms := Find(text, opts)
				for k := range ms {
					if ms[k].Start == start && ms[k].End == end {
						hit = &ms[k]
					}
				}
				if hit == nil {
					t.Errorf("Find(%s, %+v): no mention at %d-%d %q; found %v", g.Source, opts, start, end, g.Written, near(ms, start, end))
					continue
				}
				if msg := want.Check(hit.Quantity); msg != "" {
					t.Errorf("Find(%s, %+v) at %d-%d = %s: wrong %s (gold %q)", g.Source, opts, start, end, hit.Quantity, msg, g.Value)
				}
			}
		})
	}
}

func near(ms []Mention, start, end int) []string {
	var out []string
	for _, m := range ms {
		if m.End > start-20 && m.Start < end+20 {
			out = append(out, strconv.Itoa(m.Start)+"-"+strconv.Itoa(m.End)+" "+strconv.Quote(m.Quantity.Written))
		}
	}
	return out
}

// The two sources' figures for the area ceded at Aigun: 185,000 square
// miles is about 479,148 km², some 20 % less than 600,000 km².
func TestGoldAreaConversion(t *testing.T) {
	q, err := Parse("185,000 square miles", Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := q.Canonical()
	if c.Unit != "km2" || math.Abs(c.Value-479148) > 1 {
		t.Errorf("Canonical() = %v %s, want ≈ 479148 km2", c.Value, c.Unit)
	}
}

func TestExpectationParser(t *testing.T) {
	e := parseExpectation(t, "185000 mi2 (~479,000 km2)")
	if e.Value != 185000 || e.Unit != "mi2" || e.Canonical != 479000 || e.CanonUnit != "km2" || !e.CanonApprx {
		t.Errorf("parseExpectation = %+v", e)
	}
	e = parseExpectation(t, "10000..99999 troops")
	if e.Min != 10000 || e.Max != 99999 || e.Unit != "troops" || !math.IsNaN(e.Value) {
		t.Errorf("parseExpectation = %+v", e)
	}
	e = parseExpectation(t, ">600000 km2")
	if e.Bound != BoundMoreThan || e.Value != 600000 {
		t.Errorf("parseExpectation = %+v", e)
	}
}
