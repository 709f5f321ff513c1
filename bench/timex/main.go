// Command timex scores treatyline's date finder (histdate.Find) on a
// folder of documents annotated inline with TIMEX2 (the WikiWars corpus
// and its like: `<TIMEX2 val="1939-09-01">September 1, 1939</TIMEX2>`),
// as HeidelTime's figures for WikiWars are scored:
//
//   - the tags are stripped to give the text and the gold expressions
//     (spans in code points of the stripped text, and the val attribute);
//     only the <TEXT> element is read when there is one;
//   - Find reads each text;
//   - lenient: a gold expression is found when a mention overlaps it;
//     precision is the share of mentions that overlap a gold expression;
//     strict: the same with exact spans;
//   - value: of the gold expressions found (lenient), the share that an
//     overlapping mention reads with the gold value;
//   - lenient+value and strict+value: recall counts the gold expressions
//     found with their value, precision the mentions that overlap (or
//     match exactly) a gold expression and read its value.
//
// A mention's values: a date at its precision in TIMEX2 form (1939-09-01,
// 1939-09, 1939, 193 a decade, 19 a century, BC0490 a year before Christ,
// 1979-SU a season), both ends of an interval, a duration's ISO 8601 value
// (TIMEX2's P2DE is P20Y), a reference's PRESENT_REF / PAST_REF /
// FUTURE_REF, a set's TIMEX2 value (daily: XXXX-XX-XX) and its period,
// and "" for a relative date that has no anchor. A season
// matches a month inside it, either way round.
//
// Usage:
//
//	go run ./bench/timex [-lang en] [-v] [-json] [-texts-out DIR2] [-found FILE] DIR
//
// -texts-out writes each document's stripped text to DIR2 (NAME.txt), for
// another finder; -found scores that finder's mentions (JSON: {"finder":
// name, "mentions": [{"doc", "start", "end", "values"}]}, spans in code
// points) instead of histdate.Find's. bench/timex.sh scores chrono-node so.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"treatyline/extract"
	"treatyline/histdate"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "timex:", err)
		os.Exit(2)
	}
}

// gold is one annotated expression.
type gold struct {
	Start, End int
	Val        string
	Text       string
}

// doc is one annotated document.
type doc struct {
	Name string
	Text string
	Gold []gold
}

// counts are the tallies of one measure.
type counts struct {
	GoldFound   int `json:"gold_found"`
	Gold        int `json:"gold"`
	MentionsHit int `json:"mentions_right"`
	Mentions    int `json:"mentions"`
}

// Score is precision, recall and F1 of one measure.
type Score struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	counts
}

func (c counts) score() Score {
	s := Score{counts: c}
	if c.Mentions > 0 {
		s.Precision = float64(c.MentionsHit) / float64(c.Mentions)
	}
	if c.Gold > 0 {
		s.Recall = float64(c.GoldFound) / float64(c.Gold)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// report is what timex prints with -json.
type report struct {
	Finder        string  `json:"finder"`
	Documents     int     `json:"documents"`
	Gold          int     `json:"gold"`
	Mentions      int     `json:"mentions"`
	Lenient       Score   `json:"lenient"`
	Strict        Score   `json:"strict"`
	Value         float64 `json:"value_accuracy"`
	LenientValue  Score   `json:"lenient_value"`
	StrictValue   Score   `json:"strict_value"`
	ValueRight    int     `json:"value_right"`
	ValueOfFound  int     `json:"value_of_found"`
	MissedExample []miss  `json:"-"`
}

type miss struct {
	doc, kind, text, want, got string
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("timex", flag.ContinueOnError)
	langFlag := fs.String("lang", "", "the documents' language (default: detected per document)")
	verbose := fs.Bool("v", false, "list the gold expressions missed or misread and the mentions that match none")
	asJSON := fs.Bool("json", false, "print the scores as JSON")
	textsOut := fs.String("texts-out", "", "write the stripped texts to this folder (NAME.txt)")
	foundPath := fs.String("found", "", "score the mentions in this JSON file instead of histdate.Find's")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: timex [-lang en] [-v] [-json] DIR\n\nScores histdate.Find on the TIMEX2-annotated documents (*.xml, *.sgm, *.tml) of DIR.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("give one folder")
	}
	docs, err := readDir(fs.Arg(0))
	if err != nil {
		return err
	}
	if *textsOut != "" {
		if err := os.MkdirAll(*textsOut, 0o755); err != nil {
			return err
		}
		for _, d := range docs {
			if err := os.WriteFile(filepath.Join(*textsOut, strings.TrimSuffix(d.Name, filepath.Ext(d.Name))+".txt"), []byte(d.Text), 0o644); err != nil {
				return err
			}
		}
	}
	finder := histdateFinder(*langFlag)
	name := "treatyline histdate.Find"
	if *foundPath != "" {
		raw, err := os.ReadFile(*foundPath)
		if err != nil {
			return err
		}
		var ext struct {
			Finder   string `json:"finder"`
			Mentions []struct {
				Doc    string   `json:"doc"`
				Start  int      `json:"start"`
				End    int      `json:"end"`
				Values []string `json:"values"`
			} `json:"mentions"`
		}
		if err := json.Unmarshal(raw, &ext); err != nil {
			return fmt.Errorf("%s: %w", *foundPath, err)
		}
		byDoc := map[string][]found{}
		for _, m := range ext.Mentions {
			byDoc[m.Doc] = append(byDoc[m.Doc], found{m.Start, m.End, m.Values})
		}
		finder = func(d doc) []found { return byDoc[strings.TrimSuffix(d.Name, filepath.Ext(d.Name))] }
		name = ext.Finder
	}
	rep := score(docs, finder)
	rep.Finder = name
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	fmt.Fprintf(stdout, "%s: %d documents, %d gold expressions, %d mentions found\n\n", rep.Finder, rep.Documents, rep.Gold, rep.Mentions)
	fmt.Fprintf(stdout, "%-14s %9s %7s %7s\n", "", "precision", "recall", "F1")
	for _, r := range []struct {
		name string
		s    Score
	}{{"lenient", rep.Lenient}, {"strict", rep.Strict}, {"lenient+value", rep.LenientValue}, {"strict+value", rep.StrictValue}} {
		fmt.Fprintf(stdout, "%-14s %9.3f %7.3f %7.3f\n", r.name, r.s.Precision, r.s.Recall, r.s.F1)
	}
	fmt.Fprintf(stdout, "%-14s %9.3f  (%d of %d found expressions read with the gold value)\n", "value", rep.Value, rep.ValueRight, rep.ValueOfFound)
	if *verbose {
		fmt.Fprintln(stdout)
		for _, m := range rep.MissedExample {
			fmt.Fprintf(stdout, "%s\t%s\t%q\twant %q\tgot %s\n", m.doc, m.kind, m.text, m.want, m.got)
		}
	}
	return nil
}

// readDir reads the annotated documents of a folder, in name order.
func readDir(dir string) ([]doc, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var docs []doc
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || ext != ".xml" && ext != ".sgm" && ext != ".tml" {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		d, err := parseDoc(string(raw))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		d.Name = e.Name()
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%s: no annotated documents (*.xml, *.sgm, *.tml)", dir)
	}
	return docs, nil
}

var entities = map[string]string{"amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"}

// parseDoc strips the tags of an inline-annotated document, keeping the
// TIMEX2 expressions with their spans (in code points of the stripped
// text) and values. Only the <TEXT> element is read when there is one.
func parseDoc(raw string) (doc, error) {
	if i := strings.Index(raw, "<TEXT>"); i >= 0 {
		if j := strings.LastIndex(raw, "</TEXT>"); j > i {
			raw = raw[i+len("<TEXT>") : j]
		}
	}
	var b strings.Builder
	var d doc
	var open []int // indexes into d.Gold of the open TIMEX2 tags
	n := 0         // code points written
	line := 1
	for i := 0; i < len(raw); {
		c := raw[i]
		switch c {
		case '<':
			j := strings.IndexByte(raw[i:], '>')
			if j < 0 {
				return d, fmt.Errorf("line %d: a tag is not closed", line)
			}
			tag := raw[i+1 : i+j]
			switch {
			case strings.HasPrefix(tag, "TIMEX2") && !strings.HasSuffix(tag, "/"):
				open = append(open, len(d.Gold))
				d.Gold = append(d.Gold, gold{Start: n, Val: attr(tag, "val")})
			case strings.HasPrefix(tag, "TIMEX2"):
				d.Gold = append(d.Gold, gold{Start: n, End: n, Val: attr(tag, "val")}) // empty element: no text
			case tag == "/TIMEX2":
				if len(open) == 0 {
					return d, fmt.Errorf("line %d: </TIMEX2> without <TIMEX2>", line)
				}
				d.Gold[open[len(open)-1]].End = n
				open = open[:len(open)-1]
			}
			line += strings.Count(raw[i:i+j], "\n")
			i += j + 1
		case '&':
			j := strings.IndexByte(raw[i:], ';')
			if j > 0 && j < 10 {
				name := raw[i+1 : i+j]
				rep, ok := entities[name]
				if !ok && strings.HasPrefix(name, "#") {
					v, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimPrefix(name, "#"), "x"), map[bool]int{true: 16, false: 10}[strings.HasPrefix(name, "#x")], 32)
					if err == nil {
						rep, ok = string(rune(v)), true
					}
				}
				if ok {
					b.WriteString(rep)
					n += utf8.RuneCountInString(rep)
					i += j + 1
					continue
				}
			}
			b.WriteByte(c)
			n++
			i++
		default:
			r, size := utf8.DecodeRuneInString(raw[i:])
			if r == '\n' {
				line++
			}
			b.WriteString(raw[i : i+size])
			n++
			i += size
		}
	}
	if len(open) > 0 {
		return d, fmt.Errorf("a <TIMEX2> is not closed")
	}
	d.Text = b.String()
	runes := []rune(d.Text)
	kept := d.Gold[:0]
	for _, g := range d.Gold {
		if g.End > g.Start {
			g.Text = string(runes[g.Start:g.End])
			kept = append(kept, g)
		}
	}
	d.Gold = kept
	return d, nil
}

// attr reads an attribute of a tag: val="1939-09-01".
func attr(tag, name string) string {
	for _, q := range []string{`"`, `'`} {
		k := " " + name + "=" + q
		if i := strings.Index(tag, k); i >= 0 {
			rest := tag[i+len(k):]
			if j := strings.Index(rest, q); j >= 0 {
				return rest[:j]
			}
		}
	}
	return ""
}

// found is a mention of some finder: its span in code points and values.
type found struct {
	Start, End int
	Values     []string
}

// histdateFinder reads a document with histdate.Find.
func histdateFinder(langTag string) func(doc) []found {
	return func(d doc) []found {
		l := langTag
		if l == "" {
			l = extract.DetectLanguage(d.Text)
		}
		var out []found
		for _, m := range histdate.Find(d.Text, histdate.Options{Lang: l}) {
			out = append(out, found{m.Start, m.End, values(m)})
		}
		return out
	}
}

func score(docs []doc, finder func(doc) []found) report {
	var rep report
	var len_, str, lenV, strV counts
	for _, d := range docs {
		ms := finder(d)
		runes := []rune(d.Text)
		vals := make([][]string, len(ms))
		for k, m := range ms {
			vals[k] = m.Values
		}
		rep.Documents++
		rep.Gold += len(d.Gold)
		rep.Mentions += len(ms)
		for _, g := range d.Gold {
			var lenient, strict, lv, sv bool
			var got []string
			for k, m := range ms {
				if m.Start >= g.End || m.End <= g.Start {
					continue
				}
				lenient = true
				exact := m.Start == g.Start && m.End == g.End
				right := valueMatches(vals[k], g.Val)
				strict = strict || exact
				lv = lv || right
				sv = sv || exact && right
				got = append(got, fmt.Sprintf("%q=%s", string(runes[m.Start:m.End]), strings.Join(vals[k], "|")))
			}
			count(&len_, lenient)
			count(&str, strict)
			count(&lenV, lv)
			count(&strV, sv)
			if lenient {
				rep.ValueOfFound++
				if lv {
					rep.ValueRight++
				}
			}
			switch {
			case !lenient:
				rep.MissedExample = append(rep.MissedExample, miss{d.Name, "missed", g.Text, g.Val, "nothing"})
			case !lv:
				rep.MissedExample = append(rep.MissedExample, miss{d.Name, "value", g.Text, g.Val, strings.Join(got, "; ")})
			case !strict:
				rep.MissedExample = append(rep.MissedExample, miss{d.Name, "span", g.Text, g.Val, strings.Join(got, "; ")})
			}
		}
		for k, m := range ms {
			var lenient, strict, lv, sv bool
			for _, g := range d.Gold {
				if m.Start >= g.End || m.End <= g.Start {
					continue
				}
				lenient = true
				exact := m.Start == g.Start && m.End == g.End
				right := valueMatches(vals[k], g.Val)
				strict = strict || exact
				lv = lv || right
				sv = sv || exact && right
			}
			mention(&len_, lenient)
			mention(&str, strict)
			mention(&lenV, lv)
			mention(&strV, sv)
			if !lenient {
				rep.MissedExample = append(rep.MissedExample, miss{d.Name, "spurious", string(runes[m.Start:m.End]), "", strings.Join(vals[k], "|")})
			}
		}
	}
	sort.SliceStable(rep.MissedExample, func(a, b int) bool { return rep.MissedExample[a].kind < rep.MissedExample[b].kind })
	rep.Lenient, rep.Strict, rep.LenientValue, rep.StrictValue = len_.score(), str.score(), lenV.score(), strV.score()
	if rep.ValueOfFound > 0 {
		rep.Value = float64(rep.ValueRight) / float64(rep.ValueOfFound)
	}
	return rep
}

func count(c *counts, found bool) {
	c.Gold++
	if found {
		c.GoldFound++
	}
}

func mention(c *counts, right bool) {
	c.Mentions++
	if right {
		c.MentionsHit++
	}
}

// values are the TIMEX2 values a mention reads.
func values(m histdate.Mention) []string {
	switch {
	case m.Kind == histdate.KindSet:
		return []string{map[string]string{"P1D": "XXXX-XX-XX", "P1W": "XXXX-WXX", "P1M": "XXXX-XX", "P1Y": "XXXX"}[m.Duration], m.Duration}
	case m.Kind == histdate.KindDuration:
		return []string{m.Duration}
	case m.Reference != "":
		return []string{m.Reference}
	case m.Incomplete && m.Date.DayPart != 0:
		return []string{"XXXX-XX-XXT" + [...]string{"", "MO", "AF", "EV", "NI"}[m.Date.DayPart]}
	case m.Incomplete:
		return []string{""}
	}
	d := m.Date
	var out []string
	if d.Season != 0 {
		out = append(out, pointValue(histdate.Point{Precision: histdate.Year, Year: d.From.Year})+"-"+[...]string{"", "SP", "SU", "FA", "WI"}[d.Season])
	}
	if d.Pivot != nil {
		out = append(out, pointValue(*d.Pivot)) // "after 2011": TIMEX2 gives 2011 with mod AFTER
	}
	if !d.From.Open {
		v := pointValue(d.From)
		if d.DayPart != 0 {
			v += "T" + [...]string{"", "MO", "AF", "EV", "NI"}[d.DayPart]
		}
		out = append(out, v)
	}
	if d.Interval && !d.To.Open {
		out = append(out, pointValue(d.To))
	}
	return out
}

// pointValue writes a point as TIMEX2 does.
func pointValue(p histdate.Point) string {
	year := func(y int) string {
		if y <= 0 {
			return fmt.Sprintf("BC%04d", 1-y)
		}
		return fmt.Sprintf("%04d", y)
	}
	switch p.Precision {
	case histdate.Day:
		return fmt.Sprintf("%s-%02d-%02d", year(p.Year), p.Month, p.Day)
	case histdate.Month:
		return fmt.Sprintf("%s-%02d", year(p.Year), p.Month)
	case histdate.Year:
		return year(p.Year)
	case histdate.Decade:
		y := year(p.Year)
		return y[:len(y)-1]
	case histdate.Century:
		y := year(p.Year)
		return y[:len(y)-2]
	}
	return ""
}

// seasonMonths are the months of TIMEX2's seasons.
var seasonMonths = map[string][3]string{"SP": {"03", "04", "05"}, "SU": {"06", "07", "08"}, "FA": {"09", "10", "11"}, "WI": {"12", "01", "02"}}

// normal writes a TIMEX2 value in the form values() gives: decades and
// centuries of a duration in years.
func normal(v string) string {
	if strings.HasPrefix(v, "P") {
		for unit, years := range map[string]float64{"DE": 10, "CE": 100} {
			if n, ok := strings.CutSuffix(v[1:], unit); ok {
				if f, err := strconv.ParseFloat(n, 64); err == nil {
					return "P" + strconv.FormatFloat(f*years, 'f', -1, 64) + "Y"
				}
				return "PX" + unit
			}
		}
	}
	return v
}

// valueMatches tells whether one of a mention's values is the gold value.
func valueMatches(vals []string, goldVal string) bool {
	g := normal(goldVal)
	for _, v := range vals {
		if v == g {
			return true
		}
		if inSeason(v, g) || inSeason(g, v) {
			return true
		}
	}
	return false
}

// inSeason tells whether month value m ("1979-07") lies in season value s
// ("1979-SU"); winter runs from December into the next year.
func inSeason(m, s string) bool {
	i := strings.LastIndexByte(s, '-')
	if i < 0 {
		return false
	}
	months, ok := seasonMonths[s[i+1:]]
	if !ok {
		return false
	}
	j := strings.LastIndexByte(m, '-')
	if j < 0 || len(m)-j != 3 {
		return false
	}
	for _, mo := range months {
		if m[j+1:] != mo {
			continue
		}
		y := s[:i]
		if mo == "01" || mo == "02" {
			if n, err := strconv.Atoi(y); err == nil {
				y = fmt.Sprintf("%04d", n+1)
			}
		}
		return m[:j] == y
	}
	return false
}
