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

// expectation is a gold value such as ">600000 km2", "10000..99999
// troops", "185000 mi2 (~479,000 km2)" or "12".
type expectation struct {
	bound      Bound   // "" when the figure has no sign
	value      float64 // figure, or NaN for a range
	min, max   float64 // for "a..b"
	unit       string  // "" means: do not check the unit
	canonical  float64 // from "(~479,000 km2)", 0 if absent
	canonUnit  string
	canonApprx bool
}

func parseExpectation(t *testing.T, s string) expectation {
	t.Helper()
	e := expectation{value: math.NaN()}
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "("); i >= 0 {
		inner := strings.TrimSuffix(strings.TrimSpace(s[i+1:]), ")")
		s = strings.TrimSpace(s[:i])
		if strings.HasPrefix(inner, "~") {
			e.canonApprx = true
			inner = inner[1:]
		}
		f := strings.Fields(inner)
		if len(f) != 2 {
			t.Fatalf("bad canonical part in %q", inner)
		}
		e.canonical = num(t, f[0])
		e.canonUnit = f[1]
	}
	fields := strings.Fields(s)
	if len(fields) == 0 || len(fields) > 2 {
		t.Fatalf("bad expectation %q", s)
	}
	if len(fields) == 2 {
		e.unit = fields[1]
	}
	v := fields[0]
	for _, p := range []struct {
		sign  string
		bound Bound
	}{{">=", BoundAtLeast}, {"<=", BoundAtMost}, {">", BoundMoreThan}, {"<", BoundLessThan}, {"~", BoundAbout}} {
		if strings.HasPrefix(v, p.sign) {
			e.bound = p.bound
			v = v[len(p.sign):]
			break
		}
	}
	if lo, hi, ok := strings.Cut(v, ".."); ok {
		e.min, e.max = num(t, lo), num(t, hi)
		return e
	}
	e.value = num(t, v)
	return e
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		t.Fatalf("bad number %q in expectation", s)
	}
	return v
}

// check reports how q differs from the expectation, or "".
func (e expectation) check(q Quantity) string {
	var bad []string
	if !math.IsNaN(e.value) && q.Value != e.value {
		bad = append(bad, "value "+strconv.FormatFloat(q.Value, 'f', -1, 64))
	}
	if math.IsNaN(e.value) && (q.Min != e.min || q.Max != e.max) {
		bad = append(bad, "bounds "+q.String())
	}
	if e.bound != "" && q.Bound != e.bound {
		bad = append(bad, "bound "+string(q.Bound))
	}
	if e.bound == "" && !math.IsNaN(e.value) && q.Bound != BoundExact {
		bad = append(bad, "bound "+string(q.Bound))
	}
	if e.unit != "" && q.Unit != e.unit {
		bad = append(bad, "unit "+q.Unit)
	}
	if e.canonUnit != "" {
		c := q.Canonical()
		tol := 1e-9
		if e.canonApprx {
			tol = 0.01
		}
		if c.Unit != e.canonUnit || math.Abs(c.Value-e.canonical) > tol*e.canonical {
			bad = append(bad, "canonical "+strconv.FormatFloat(c.Value, 'f', -1, 64)+" "+c.Unit)
		}
	}
	return strings.Join(bad, ", ")
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
				if msg := want.check(q); msg != "" {
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
				if msg := want.check(hit.Quantity); msg != "" {
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
	if e.value != 185000 || e.unit != "mi2" || e.canonical != 479000 || e.canonUnit != "km2" || !e.canonApprx {
		t.Errorf("parseExpectation = %+v", e)
	}
	e = parseExpectation(t, "10000..99999 troops")
	if e.min != 10000 || e.max != 99999 || e.unit != "troops" || !math.IsNaN(e.value) {
		t.Errorf("parseExpectation = %+v", e)
	}
	e = parseExpectation(t, ">600000 km2")
	if e.bound != BoundMoreThan || e.value != 600000 {
		t.Errorf("parseExpectation = %+v", e)
	}
}
