// Command datefinder measures treatyline's prose date finder,
// histdate.Find, in two ways:
//
//   - throughput: the text files given are repeated, in order, until they
//     make at least -mb megabytes (10^6 bytes of UTF-8), and Find reads
//     each copy of each file in its own call, as treatyline reads one
//     document at a time; with -whole-mb, Find also reads a text of that
//     size (the copies joined by blank lines) in one call. The best of
//     -runs timed runs is reported in MB/s, on one core.
//   - recall: Find reads each file alone, and each gold date of -gold
//     (seeds.yaml) counts as found when a mention has the gold span and
//     the gold value as written (exact), or overlaps the gold span with
//     that value (overlap).
//
// Usage:
//
//	datefinder [-corpus dir] [-gold seeds.yaml] [-gold-out gold.json]
//	           [-mb 20] [-whole-mb 0] [-runs 5] [-json] [file.txt ...]
//
// bench/dates.sh runs it beside bench/chrono/run.mjs, which measures
// chrono-node on the same text with the same rules; -gold-out hands that
// script the gold dates with their spans, so that both are scored against
// one reading of seeds.yaml.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"treatyline/histdate"
)

func main() {
	// One core: chrono-node runs on Node's single JavaScript thread, so
	// Find (and the garbage collector working for it) may not spread over
	// more, or the MB/s would not compare.
	runtime.GOMAXPROCS(1)
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return // the flag set has printed the usage
		}
		fmt.Fprintln(os.Stderr, "datefinder:", err)
		os.Exit(2)
	}
}

// report is what datefinder prints with -json. bench/chrono/run.mjs prints
// the same fields, so that dates.sh can set the two side by side.
type report struct {
	Finder     string  `json:"finder"`
	Files      int     `json:"files"`
	Throughput []speed `json:"throughput"`
	Recall     *recall `json:"recall,omitempty"`
}

// speed is one throughput measure.
type speed struct {
	// Call is "document" (one call per copy of a file) or "whole" (one
	// call on all the copies joined).
	Call  string `json:"call"`
	Calls int    `json:"calls"` // calls per run
	Bytes int    `json:"bytes"` // read per run
	// SHA256 is of the copies joined by blank lines, whichever way they
	// were read: the same figure in both reports shows that both finders
	// read the same text.
	SHA256      string  `json:"sha256"`
	Runs        int     `json:"runs"`
	BestSeconds float64 `json:"best_seconds"`
	MBPerSec    float64 `json:"mb_per_s"`
	Mentions    int     `json:"mentions"` // found by one run
}

type recall struct {
	Gold    int `json:"gold"`
	Exact   int `json:"exact"`
	Overlap int `json:"overlap"`
	// ExactCalendar counts the exact finds whose calendar is the gold's
	// too, as seeds.yaml asks ("with the right value and calendar").
	ExactCalendar int    `json:"exact_calendar"`
	Skipped       int    `json:"skipped,omitempty"` // gold dates of sources not given
	Items         []item `json:"items"`
}

// item is one gold date and what the finder reported at its span.
type item struct {
	goldDate
	Exact         bool    `json:"exact"`
	Overlap       bool    `json:"overlap"`
	ExactCalendar bool    `json:"exact_calendar"`
	Got           []found `json:"got"` // mentions overlapping the gold span
}

type found struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Values are the figures as written, in the form of the gold values;
	// a dual dating has two.
	Values []string `json:"values"`
	// Calendar is "gregorian", "julian", or "dual" for a dual dating.
	Calendar string `json:"calendar"`
	Read     string `json:"read"` // histdate's own rendering, with the calendar
}

// goldDate is one entry of seeds.yaml's dates list, with the span of its
// first occurrence in its source counted in code points.
type goldDate struct {
	Source    string `json:"source" yaml:"source"`
	Written   string `json:"written" yaml:"written"`
	Value     string `json:"value" yaml:"value"`
	Calendar  string `json:"calendar,omitempty" yaml:"calendar"`
	Gregorian string `json:"gregorian,omitempty" yaml:"gregorian"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Line      int    `json:"line"` // in seeds.yaml, for messages
}

// goldSet is seeds.yaml reduced to what the benchmark scores, and what
// -gold-out writes for the chrono script, which has no YAML reader.
type goldSet struct {
	Languages map[string]string `json:"languages"` // source id -> language
	Dates     []goldDate        `json:"dates"`
}

type source struct {
	id, path, text string
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("datefinder", flag.ContinueOnError)
	corpus := fs.String("corpus", "", "read every *.txt in `dir` as well as the files named")
	goldPath := fs.String("gold", "", "score recall against the dates of this seeds.yaml `file`")
	goldOut := fs.String("gold-out", "", "write the gold dates with their spans as JSON to `file`")
	mb := fs.Float64("mb", 20, "repeat the texts to at least this many `megabytes`, read a document per call")
	wholeMB := fs.Float64("whole-mb", 0, "also time one call on a text of at least this many `megabytes` (0: don't)")
	runs := fs.Int("runs", 5, "timed runs; the best counts")
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *runs < 1 {
		return errors.New("-runs must be at least 1")
	}
	paths := fs.Args()
	if *corpus != "" {
		more, err := filepath.Glob(filepath.Join(*corpus, "*.txt"))
		if err != nil {
			return err
		}
		sort.Strings(more)
		paths = append(paths, more...)
	}
	if len(paths) == 0 {
		return errors.New("no texts: name .txt files or give -corpus dir")
	}
	if *goldOut != "" && *goldPath == "" {
		return errors.New("-gold-out needs -gold")
	}
	srcs, err := readSources(paths)
	if err != nil {
		return err
	}

	// The gold first: a mistake in it should not wait for the timing.
	rep := report{Finder: "treatyline/histdate", Files: len(srcs)}
	if *goldPath != "" {
		gold, err := readGold(*goldPath, srcs)
		if err != nil {
			return err
		}
		if *goldOut != "" {
			b, err := json.MarshalIndent(gold, "", "  ")
			if err != nil {
				return err
			}
			if err := os.WriteFile(*goldOut, append(b, '\n'), 0o644); err != nil {
				return fmt.Errorf("write gold: %w", err)
			}
		}
		rep.Recall = score(srcs, gold)
	}

	docs := copies(srcs, int(*mb*1e6))
	rep.Throughput = append(rep.Throughput, timeFind("document", docs, *runs))
	if *wholeMB > 0 {
		whole := []string{strings.Join(copies(srcs, int(*wholeMB*1e6)), "\n\n")}
		rep.Throughput = append(rep.Throughput, timeFind("whole", whole, *runs))
	}

	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	printTable(stdout, rep)
	return nil
}

func readSources(paths []string) ([]source, error) {
	var srcs []source
	seen := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read text: %w", err)
		}
		if !utf8.Valid(b) {
			// Node would read such bytes as U+FFFD and time another text.
			return nil, fmt.Errorf("%s: not UTF-8", p)
		}
		id := strings.TrimSuffix(filepath.Base(p), ".txt")
		if prev, dup := seen[id]; dup {
			return nil, fmt.Errorf("%s: source id %q already read from %s", p, id, prev)
		}
		seen[id] = p
		srcs = append(srcs, source{id: id, path: p, text: string(b)})
	}
	return srcs, nil
}

// copies repeats the texts, all of them in order each round, until the
// copies joined by blank lines hold at least min bytes. run.mjs makes the
// same copies; the SHA-256 in both reports shows it.
func copies(srcs []source, min int) []string {
	var out []string
	n := 0
	for n < min || len(out) == 0 {
		for _, s := range srcs {
			if len(out) > 0 {
				n += 2 // the blank line that joins two copies
			}
			out = append(out, s.text)
			n += len(s.text)
		}
		if n == 0 {
			break // empty files: no size would ever be reached
		}
	}
	return out
}

// timeFind reads the texts once to warm up (the tokenizer pool, the
// lexicon, the pages of the texts), then times -runs more readings and
// keeps the fastest, as run.mjs does for chrono: the fastest run is the
// one least disturbed by the rest of the machine.
func timeFind(call string, texts []string, runs int) speed {
	sp := speed{Call: call, Calls: len(texts), Runs: runs}
	h := sha256.New()
	for i, t := range texts {
		if i > 0 {
			io.WriteString(h, "\n\n")
		}
		io.WriteString(h, t)
		sp.Bytes += len(t)
	}
	sp.SHA256 = hex.EncodeToString(h.Sum(nil))
	readAll := func() int {
		n := 0
		for _, t := range texts {
			n += len(histdate.Find(t, histdate.Options{}))
		}
		return n
	}
	readAll()
	var best time.Duration
	for i := 0; i < runs; i++ {
		// Start each run with a clean heap, so that one run does not pay
		// for the garbage of the one before.
		runtime.GC()
		t0 := time.Now()
		n := readAll()
		d := time.Since(t0)
		if i == 0 || d < best {
			best = d
		}
		sp.Mentions = n
	}
	sp.BestSeconds = best.Seconds()
	sp.MBPerSec = float64(sp.Bytes) / 1e6 / best.Seconds()
	return sp
}

// readGold reads the dates list of seeds.yaml and finds each written form
// in its source. Dates of sources not given are left out (the caller may
// time one file alone); a written form its source does not hold is an
// error in the gold file.
func readGold(path string, srcs []source) (goldSet, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return goldSet{}, fmt.Errorf("read gold: %w", err)
	}
	var doc struct {
		Sources map[string]struct {
			Language string `yaml:"language"`
		} `yaml:"sources"`
		// Nodes, not structs, to keep each entry's line for messages.
		Dates []yaml.Node `yaml:"dates"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return goldSet{}, fmt.Errorf("%s: %w", path, err)
	}
	byID := map[string]source{}
	for _, s := range srcs {
		byID[s.id] = s
	}
	gold := goldSet{Languages: map[string]string{}}
	for id, s := range doc.Sources {
		gold.Languages[id] = s.Language
	}
	for _, n := range doc.Dates {
		var g goldDate
		if err := n.Decode(&g); err != nil {
			return goldSet{}, fmt.Errorf("%s:%d: %w", path, n.Line, err)
		}
		g.Line = n.Line
		if g.Written == "" || g.Value == "" {
			return goldSet{}, fmt.Errorf("%s:%d: a date needs written and value", path, n.Line)
		}
		s, ok := byID[g.Source]
		if !ok {
			g.Start, g.End = -1, -1 // not scored: see recall.Skipped
			gold.Dates = append(gold.Dates, g)
			continue
		}
		i := strings.Index(s.text, g.Written)
		if i < 0 {
			return goldSet{}, fmt.Errorf("%s:%d: %q is not in %s", path, n.Line, g.Written, s.path)
		}
		g.Start = utf8.RuneCountInString(s.text[:i])
		g.End = g.Start + utf8.RuneCountInString(g.Written)
		gold.Dates = append(gold.Dates, g)
	}
	return gold, nil
}

// score runs Find on each source alone, in the source's language, and
// checks every gold date against the mentions.
func score(srcs []source, gold goldSet) *recall {
	type read struct {
		runes []rune
		ms    []histdate.Mention
	}
	reads := map[string]read{}
	for _, s := range srcs {
		ms := histdate.Find(s.text, histdate.Options{Lang: gold.Languages[s.id]})
		reads[s.id] = read{[]rune(s.text), ms}
	}
	r := &recall{}
	for _, g := range gold.Dates {
		rd, ok := reads[g.Source]
		if !ok {
			r.Skipped++
			continue
		}
		r.Gold++
		it := item{goldDate: g, Got: []found{}}
		for _, m := range rd.ms {
			if m.Start >= g.End || g.Start >= m.End {
				continue
			}
			f := found{Start: m.Start, End: m.End, Text: string(rd.runes[m.Start:m.End]),
				Values: valuesOf(m), Calendar: calendarOf(m.Date), Read: m.Date.String()}
			it.Got = append(it.Got, f)
			if !contains(f.Values, g.Value) {
				continue
			}
			it.Overlap = true
			if m.Start == g.Start && m.End == g.End {
				it.Exact = true
				if f.Calendar == goldCalendar(g) {
					it.ExactCalendar = true
				}
			}
		}
		if it.Exact {
			r.Exact++
		}
		if it.ExactCalendar {
			r.ExactCalendar++
		}
		if it.Overlap {
			r.Overlap++
		}
		r.Items = append(r.Items, it)
	}
	return r
}

// valuesOf gives the values a mention says as written, first the figures
// of its own calendar. A dual dating ("February 12 (February 24, New
// Style calendar)") wrote two sets of figures for one day, and either
// matches. No calendar conversion happens here: the gold values are the
// figures a source wrote, and chrono-node, scored by the same rule, knows
// no calendar but the Gregorian.
func valuesOf(m histdate.Mention) []string {
	d := m.Date
	v := figures(d.From, m.Incomplete)
	if d.Interval {
		v += "/" + figures(d.To, false)
	}
	vals := []string{v}
	if d.Alternate != nil {
		vals = append(vals, figures(d.Alternate.From, false))
	}
	return vals
}

// goldCalendar reads a gold date's calendar field: none means Gregorian
// (seeds.yaml: "Dates are ISO (Gregorian) unless a calendar is named"),
// and "dual: julian ... = gregorian ..." is a dual dating.
func goldCalendar(g goldDate) string {
	switch c := strings.ToLower(g.Calendar); {
	case c == "":
		return "gregorian"
	case strings.HasPrefix(c, "dual"):
		return "dual"
	default:
		return c
	}
}

func calendarOf(d histdate.Date) string {
	if d.Alternate != nil {
		return "dual"
	}
	return string(d.Calendar)
}

// figures writes a point as the gold file does: "1858-05-28", "1860-11",
// "1850"; without a year, ISO 8601's "--05-28".
func figures(p histdate.Point, noYear bool) string {
	if p.Open {
		return ".."
	}
	y := fmt.Sprintf("%04d", p.Year)
	if noYear {
		y = "-"
	}
	switch p.Precision {
	case histdate.Day:
		return fmt.Sprintf("%s-%02d-%02d", y, p.Month, p.Day)
	case histdate.Month:
		return fmt.Sprintf("%s-%02d", y, p.Month)
	case histdate.Year:
		return y
	case histdate.Decade:
		return y + "s"
	case histdate.Century:
		// A label no gold value has the form of: the gold lists no
		// centuries, and "1700/1799" would pass for an interval of years.
		return fmt.Sprintf("century:%d", p.Year/100+1)
	}
	return "?"
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func printTable(w io.Writer, rep report) {
	fmt.Fprintf(w, "%s, %d files repeated, on one core:\n", rep.Finder, rep.Files)
	for _, sp := range rep.Throughput {
		fmt.Fprintf(w, "  %-8s %d calls, %.1f MB in %.3f s (best of %d) = %.1f MB/s, %d mentions\n",
			sp.Call, sp.Calls, float64(sp.Bytes)/1e6, sp.BestSeconds, sp.Runs, sp.MBPerSec, sp.Mentions)
	}
	r := rep.Recall
	if r == nil {
		return
	}
	fmt.Fprintf(w, "recall: exact span %d/%d, overlap %d/%d, exact span and calendar %d/%d",
		r.Exact, r.Gold, r.Overlap, r.Gold, r.ExactCalendar, r.Gold)
	if r.Skipped > 0 {
		fmt.Fprintf(w, " (%d gold dates of sources not given)", r.Skipped)
	}
	fmt.Fprintln(w)
	for _, it := range r.Items {
		mark := "ok     "
		switch {
		case !it.Overlap:
			mark = "MISSED "
		case !it.Exact:
			mark = "overlap"
		case !it.ExactCalendar:
			mark = "ok, cal"
		}
		want := it.Value
		if it.Calendar != "" {
			want += " (" + it.Calendar + ")"
		}
		fmt.Fprintf(w, "  %s %s %q [%d,%d) want %s", mark, it.Source, it.Written, it.Start, it.End, want)
		if len(it.Got) == 0 {
			fmt.Fprint(w, "; got nothing there")
		}
		// What was read is shown for hits too: the value rule ignores
		// the calendar, and the reading shows whether it was right.
		for _, f := range it.Got {
			fmt.Fprintf(w, "; got %q [%d,%d) = %s %s, read %s", f.Text, f.Start, f.End, strings.Join(f.Values, " = "), f.Calendar, f.Read)
		}
		fmt.Fprintln(w)
	}
}
