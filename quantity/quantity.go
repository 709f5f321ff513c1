package quantity

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"treatyline/internal/chunk"
)

// Bound says how the figure of a Quantity relates to the true amount.
type Bound string

// The bounds a source can put on a figure.
const (
	BoundExact            Bound = "exact"
	BoundMoreThan         Bound = "more_than"
	BoundAtLeast          Bound = "at_least"
	BoundLessThan         Bound = "less_than"
	BoundAtMost           Bound = "at_most"
	BoundAbout            Bound = "about"
	BoundRange            Bound = "range"
	BoundOrderOfMagnitude Bound = "order_of_magnitude"
)

// ApproxTolerance is the relative half-width given to "about" figures, and
// the width below the figure given to "nearly" figures.
const ApproxTolerance = 0.1

// AlternateTolerance is the largest relative difference at which a
// parenthesised alternate reading still agrees with the main one.
const AlternateTolerance = 0.05

// Quantity is an amount as a source writes it, and what it means.
type Quantity struct {
	Written     string  // the text as written
	Value       float64 // the figure as written; the midpoint of a range; see the package doc for vague amounts
	Min, Max    float64 // bounds, Min ≤ Value ≤ Max; ±Inf for open ends
	Bound       Bound
	Unit        string // normalised unit code, "" for a bare number
	UnitWritten string // the unit as written
	Alternate   *Quantity
}

// Options tune how text is read.
type Options struct {
	// Lang is the language of the text: "en", "nl", "de", "fr" (or a
	// longer tag such as "en-GB"). "" or an unknown language uses the
	// rules of all of them.
	Lang string
}

// ParseError reports the part of the input that could not be read.
// Start and End are offsets in code points.
type ParseError struct {
	Input      string
	Start, End int
	Msg        string
}

// Error formats the error as `quantity "abc xyz": cannot read "xyz" at 4: msg`.
func (e *ParseError) Error() string {
	if e.Start == e.End {
		return fmt.Sprintf("quantity %q: at %d: %s", e.Input, e.Start, e.Msg)
	}
	return fmt.Sprintf("quantity %q: cannot read %q at %d: %s", e.Input, runeSlice(e.Input, e.Start, e.End), e.Start, e.Msg)
}

func runeSlice(s string, start, end int) string {
	i, r := 0, 0
	bs, be := len(s), len(s)
	for i < len(s) {
		if r == start {
			bs = i
		}
		if r == end {
			be = i
			break
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		r++
	}
	if bs > be {
		return ""
	}
	return s[bs:be]
}

func quote(s string) string { return strconv.Quote(s) }

// Parse reads s as exactly one quantity. It returns a *ParseError naming
// the part it could not read: an empty input, a word where a number
// should be, an unknown unit, or text after the quantity.
func Parse(s string, opts Options) (Quantity, error) {
	langs := langsFor(opts.Lang)
	tb := tokPool.Get().(*tokBuf)
	defer tokPool.Put(tb)
	tb.toks = tokenize(s, langs, tb.toks[:0])
	m := matcher{text: s, toks: tb.toks, langs: langs, parse: true}
	n := utf8.RuneCountInString(s)
	if len(m.toks) == 0 {
		return Quantity{}, &ParseError{Input: s, Start: 0, End: n, Msg: "empty input"}
	}
	r, f := m.match(0, false)
	if f.failed() {
		if f.at >= len(m.toks) {
			return Quantity{}, &ParseError{Input: s, Start: n, End: n, Msg: f.msg}
		}
		t := m.toks[f.at]
		msg := f.msg
		if msg == msgUnknownUnit {
			msg += " " + quote(s[t.start:t.end])
		}
		return Quantity{}, &ParseError{Input: s, Start: t.rstart, End: t.rend, Msg: msg}
	}
	if r.end < len(m.toks) {
		t := m.toks[r.end]
		if t.kind == tkWord && r.unit == nil && !r.a.vague {
			return Quantity{}, &ParseError{Input: s, Start: t.rstart, End: t.rend,
				Msg: msgUnknownUnit + " " + quote(s[t.start:t.end])}
		}
		last := m.toks[len(m.toks)-1]
		return Quantity{}, &ParseError{Input: s, Start: t.rstart, End: last.rend, Msg: "unexpected text after the quantity"}
	}
	q := m.quantity(&r, pkNone)
	q.Written = s
	return q, nil
}

// Mention is a quantity found in a text. Start and End are offsets in
// code points, as in a W3C Web Annotation TextPositionSelector.
type Mention struct {
	Start, End int
	Quantity   Quantity
}

// Find returns every quantity mention in text, in order and without
// overlaps. It tokenizes the text once and tries a match only where a
// quantity can begin; see the package doc for what it reports.
func Find(text string, opts Options) []Mention {
	// A long text is read a piece at a time (cut at paragraph, line or
	// sentence breaks), so that its tokens are held for one piece only.
	var out []Mention
	for _, p := range chunk.Split(text, chunk.Size) {
		ms := findIn(p.Text, opts)
		for i := range ms {
			ms[i].Start += p.Rune
			ms[i].End += p.Rune
		}
		out = append(out, ms...)
	}
	return out
}

func findIn(text string, opts Options) []Mention {
	langs := langsFor(opts.Lang)
	tb := tokPool.Get().(*tokBuf)
	defer tokPool.Put(tb)
	tb.toks = tokenize(text, langs, tb.toks[:0])
	m := matcher{text: text, toks: tb.toks, langs: langs}
	var out []Mention
	for i := 0; i < len(m.toks); {
		if !m.canStart(i) {
			i++
			continue
		}
		r, f := m.match(i, false)
		if f.failed() {
			i++
			continue
		}
		if m.reportable(&r) {
			out = append(out, Mention{
				Start:    m.toks[r.start].rstart,
				End:      m.toks[r.end-1].rend,
				Quantity: m.quantity(&r, pkNone),
			})
		}
		i = r.end
	}
	return out
}

// Canonical is a quantity in the canonical unit of its dimension: km2 for
// areas, km for lengths; counts and currencies keep their own unit.
type Canonical struct {
	Value, Min, Max float64
	Unit            string
	Approximate     bool // the conversion factor is itself approximate (the li)
}

// Canonical converts q to the canonical unit of its dimension.
func (q Quantity) Canonical() Canonical {
	u := unitByCode[q.Unit]
	if u == nil {
		return Canonical{Value: q.Value, Min: q.Min, Max: q.Max, Unit: q.Unit}
	}
	f := u.factor
	return Canonical{Value: q.Value * f, Min: q.Min * f, Max: q.Max * f, Unit: u.canonical, Approximate: u.approx}
}

// Dimension returns what a unit code measures: "area", "length", or the
// code itself for counts and currencies; "" for an unknown code.
func Dimension(unit string) string {
	if u := unitByCode[unit]; u != nil {
		return u.dim
	}
	return ""
}

// AlternateAgrees reports whether the parenthesised alternate reading, in
// canonical units, lies within AlternateTolerance of the main reading, and
// the relative difference |a−b|/max(a,b). Without an alternate it reports
// true and 0.
func (q Quantity) AlternateAgrees() (bool, float64) {
	if q.Alternate == nil {
		return true, 0
	}
	a, b := q.Canonical(), q.Alternate.Canonical()
	if a.Unit != b.Unit {
		return false, math.Inf(1)
	}
	hi := math.Max(math.Abs(a.Value), math.Abs(b.Value))
	if hi == 0 {
		return true, 0
	}
	d := math.Abs(a.Value-b.Value) / hi
	return d <= AlternateTolerance, d
}

// String writes q compactly: "600000 km2", ">600000 km2", ">=12", "<5",
// "<=5", "~20000 troops", "10000..99999 troops", with the alternate in
// parentheses.
func (q Quantity) String() string {
	var b strings.Builder
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	switch q.Bound {
	case BoundMoreThan:
		b.WriteString(">" + num(q.Value))
	case BoundAtLeast:
		b.WriteString(">=" + num(q.Value))
	case BoundLessThan:
		b.WriteString("<" + num(q.Value))
	case BoundAtMost:
		b.WriteString("<=" + num(q.Value))
	case BoundAbout:
		b.WriteString("~" + num(q.Value))
	case BoundRange, BoundOrderOfMagnitude:
		b.WriteString(num(q.Min) + ".." + num(q.Max))
	default:
		b.WriteString(num(q.Value))
	}
	if q.Unit != "" {
		b.WriteString(" " + q.Unit)
	}
	if q.Alternate != nil {
		b.WriteString(" (" + q.Alternate.String() + ")")
	}
	return b.String()
}

// Report is the JSON form of a Quantity. Infinite bounds are null.
type Report struct {
	Input           string          `json:"input"`
	Value           float64         `json:"value"`
	Min             *float64        `json:"min"`
	Max             *float64        `json:"max"`
	Bound           Bound           `json:"bound"`
	Unit            string          `json:"unit"`
	UnitWritten     string          `json:"unit_written"`
	Canonical       CanonicalReport `json:"canonical"`
	Alternate       *Report         `json:"alternate,omitempty"`
	AlternateAgrees *bool           `json:"alternate_agrees,omitempty"`
}

// CanonicalReport is the JSON form of a Canonical. Infinite bounds are null.
type CanonicalReport struct {
	Value       float64  `json:"value"`
	Min         *float64 `json:"min"`
	Max         *float64 `json:"max"`
	Unit        string   `json:"unit"`
	Approximate bool     `json:"approximate,omitempty"`
}

func finite(v float64) *float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return nil
	}
	return &v
}

// Report returns q in its JSON form.
func (q Quantity) Report() Report {
	c := q.Canonical()
	r := Report{
		Input:       q.Written,
		Value:       q.Value,
		Min:         finite(q.Min),
		Max:         finite(q.Max),
		Bound:       q.Bound,
		Unit:        q.Unit,
		UnitWritten: q.UnitWritten,
		Canonical:   CanonicalReport{Value: c.Value, Min: finite(c.Min), Max: finite(c.Max), Unit: c.Unit, Approximate: c.Approximate},
	}
	if q.Alternate != nil {
		alt := q.Alternate.Report()
		r.Alternate = &alt
		ok, _ := q.AlternateAgrees()
		r.AlternateAgrees = &ok
	}
	return r
}
