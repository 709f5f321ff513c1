// Package gold reads gold files: what a careful reader finds in a corpus
// (name variants, dates, quantities, disagreements, as-of answers), used to
// test and score treatyline. The form is that of shared/gold/seeds.yaml.
package gold

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Seeds is a whole gold file.
type Seeds struct {
	Sources    map[string]Source   `yaml:"sources"`
	SameEntity map[string][]string `yaml:"same_entity"`
	Dates      []Date              `yaml:"dates"`
	Quantities []Quantity          `yaml:"quantities"`
	Reconcile  Reconcile           `yaml:"reconcile"`
	Asof       []Asof              `yaml:"asof"`
}

// Source describes one corpus document.
type Source struct {
	Language string `yaml:"language"`
	About    string `yaml:"about"`
}

// Date is a date as written in a source and what it means.
type Date struct {
	Source    string `yaml:"source"`
	About     string `yaml:"about"`
	Written   string `yaml:"written"`
	Value     string `yaml:"value"`
	Calendar  string `yaml:"calendar"`
	Gregorian string `yaml:"gregorian"`
	Note      string `yaml:"note"`
}

// Quantity is an amount as written in a source and what it means.
type Quantity struct {
	Source  string `yaml:"source"`
	About   string `yaml:"about"`
	Written string `yaml:"written"`
	Value   string `yaml:"value"`
	Note    string `yaml:"note"`
}

// Reconcile lists what reconciliation must report.
type Reconcile struct {
	AgreeAfterNormalisation []Expectation `yaml:"agree_after_normalisation"`
	Compatible              []Expectation `yaml:"compatible"`
	Conflict                []Expectation `yaml:"conflict"`
	Integrity               []Integrity   `yaml:"integrity"`
}

// Expectation is one group of claims and how they must be classed.
type Expectation struct {
	Claim  string   `yaml:"claim"`
	Values []string `yaml:"values"`
	Why    string   `yaml:"why"`
}

// Integrity is an integrity finding that must be reported.
type Integrity struct {
	Rule    string `yaml:"rule"`
	Finding string `yaml:"finding"`
}

// Asof is one answer the point-in-time engine must give.
type Asof struct {
	Date      string   `yaml:"date"`
	Territory string   `yaml:"territory"`
	Right     string   `yaml:"right"`
	Holder    string   `yaml:"holder"`
	Holders   []string `yaml:"holders"`
	Exclusive bool     `yaml:"exclusive"`
	Basis     string   `yaml:"basis"`
	Note      string   `yaml:"note"`
	// Mode is how the territory is held (sole, joint, occupied, disputed,
	// uncertain); when empty it is read from Holder's words ("jointly",
	// "(occupation ...)") or the number of holders.
	Mode string `yaml:"mode"`
	// Perspective is the party whose view the answer is in (a same_entity
	// key or a name; empty for the consensus view).
	Perspective string `yaml:"perspective"`
}

// Load reads a gold file.
func Load(path string) (*Seeds, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read gold file: %w", err)
	}
	return Parse(b, path)
}

// Parse reads a gold file's bytes; errors name the file as name.
func Parse(b []byte, name string) (*Seeds, error) {
	var s Seeds
	if err := yaml.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &s, nil
}

// ErrNoShared is returned when the shared folder cannot be found.
var ErrNoShared = errors.New("shared folder not found: set TREATYLINE_SHARED or place shared/ beside the repository")

// SharedDir finds the shared folder: $TREATYLINE_SHARED, or "shared"
// beside the repository that holds the working directory.
func SharedDir() (string, error) {
	if d := os.Getenv("TREATYLINE_SHARED"); d != "" {
		return d, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			s := filepath.Join(dir, "..", "shared")
			if _, err := os.Stat(filepath.Join(s, "gold", "seeds.yaml")); err == nil {
				return s, nil
			}
			return "", ErrNoShared
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrNoShared
		}
		dir = parent
	}
}

// Corpus is the text of the documents of a corpus folder, by source id
// (the file name without ".txt").
type Corpus map[string]string

// LoadCorpus reads every .txt file of a folder.
func LoadCorpus(dir string) (Corpus, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no .txt documents", dir)
	}
	c := Corpus{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		c[strings.TrimSuffix(filepath.Base(f), ".txt")] = string(b)
	}
	return c, nil
}

// Span gives the code-point offsets of the first occurrence of written in
// a source.
func (c Corpus) Span(source, written string) (start, end int, err error) {
	text, ok := c[source]
	if !ok {
		return 0, 0, fmt.Errorf("no source %q in the corpus", source)
	}
	i := strings.Index(text, written)
	if i < 0 {
		return 0, 0, fmt.Errorf("source %s does not contain %q", source, written)
	}
	start = utf8.RuneCountInString(text[:i])
	return start, start + utf8.RuneCountInString(written), nil
}
