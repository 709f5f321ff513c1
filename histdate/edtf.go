package histdate

import (
	"fmt"
	"strings"

	edtf "github.com/sfomuseum/go-edtf"
	"github.com/sfomuseum/go-edtf/parser"
)

// EDTF (ISO 8601-2) writes Gregorian dates only. A Julian or Chinese date
// is given in EDTF by its Gregorian equivalent, and keeps its own calendar
// beside it in the Date.

// ParseEDTF reads an EDTF string of levels 0 to 2 through go-edtf. The
// bounds come from go-edtf's reading of the string without its qualifiers
// (which it applies to whole components); the qualifiers are kept as
// Uncertain and Approximate.
func ParseEDTF(s string) (Date, error) {
	in := strings.TrimSpace(s)
	if !parser.IsValid(in) {
		return Date{}, &ParseError{Input: s, Msg: "not a valid EDTF string"}
	}
	var q Qualifiers
	if strings.ContainsAny(in, "?%") {
		q |= Uncertain
	}
	if strings.ContainsAny(in, "~%") {
		q |= Approximate
	}
	d := Date{Written: in, Calendar: Gregorian, CalendarNote: "EDTF is Gregorian", Qualifiers: q}
	// An interval is read one end at a time: go-edtf misreads some open
	// intervals ("1858-05-28/.." ends in May 1858 there).
	if a, b, ok := strings.Cut(in, "/"); ok && !strings.ContainsAny(in, "[{") {
		from, err := edtfEnd(s, a, false)
		if err != nil {
			return Date{}, err
		}
		to, err := edtfEnd(s, b, true)
		if err != nil {
			return Date{}, err
		}
		if from.Open && to.Open {
			return Date{}, &ParseError{Input: s, Msg: "EDTF: both ends open or unknown"}
		}
		if !from.Open && !to.Open && from.Earliest > to.Latest {
			return Date{}, &ParseError{Input: s, Msg: "EDTF: the interval ends before it starts"}
		}
		d.From, d.To, d.Interval = from, to, true
		return d, nil
	}
	e, err := parser.ParseString(stripQualifiers(in))
	if err != nil {
		if e, err = parser.ParseString(in); err != nil {
			return Date{}, &ParseError{Input: s, Msg: "EDTF: " + err.Error()}
		}
	}
	lo, loOpen := edtfDay(e.Start, false)
	hi, hiOpen := edtfDay(e.End, true)
	if loOpen || hiOpen {
		return Date{}, &ParseError{Input: s, Msg: "EDTF: open or unknown ends are not supported in sets"}
	}
	if lo > hi {
		return Date{}, &ParseError{Input: s, Msg: "EDTF: the date ends before it starts"}
	}
	if strings.ContainsAny(in, "[{") {
		// A set ("one of", "all of") is read as the span from its first
		// to its last member.
		d.From, d.To, d.Interval = boundPoint(e.Start), boundPoint(e.End), true
		return d, nil
	}
	d.From = spanPoint(lo, hi)
	return d, nil
}

func stripQualifiers(s string) string {
	return strings.NewReplacer("?", "", "~", "", "%", "").Replace(s)
}

// edtfEnd reads one end of an EDTF interval: ".." (open), "" (unknown,
// taken as open) or a date.
func edtfEnd(input, s string, upper bool) (Point, error) {
	if s == ".." || s == "" {
		j := MinJDN
		if upper {
			j = MaxJDN
		}
		return Point{Open: true, Earliest: j, Latest: j}, nil
	}
	e, err := parser.ParseString(stripQualifiers(s))
	if err != nil {
		return Point{}, &ParseError{Input: input, Msg: "EDTF: " + err.Error()}
	}
	if _, open := edtfDay(e.Start, false); open {
		return Point{}, &ParseError{Input: input, Msg: "EDTF: cannot read " + s}
	}
	if _, open := edtfDay(e.End, true); open {
		return Point{}, &ParseError{Input: input, Msg: "EDTF: cannot read " + s}
	}
	lo, _ := edtfDay(e.Start, false)
	hi, _ := edtfDay(e.End, true)
	return spanPoint(lo, hi), nil
}

// edtfDay gives the first (or last) day of one end of an EDTF date.
func edtfDay(r *edtf.DateRange, upper bool) (JDN, bool) {
	if r == nil {
		return 0, true
	}
	dt := r.Lower
	if upper {
		dt = r.Upper
	}
	if dt == nil || dt.Open || dt.Unknown || dt.YMD == nil {
		return 0, true
	}
	return GregorianToJDN(dt.YMD.Year, dt.YMD.Month, dt.YMD.Day), false
}

// boundPoint names the days of one member of an EDTF set as a point.
func boundPoint(r *edtf.DateRange) Point {
	lo, _ := edtfDay(r, false)
	hi, _ := edtfDay(r, true)
	return spanPoint(lo, hi)
}

// spanPoint names Gregorian days lo..hi as a day, month, year, decade or
// century when they are one; otherwise (a season, say) as a point at the
// finest precision that holds them, with its figures those of lo.
func spanPoint(lo, hi JDN) Point {
	if p, ok := pointFor(Gregorian, lo, hi); ok {
		return p
	}
	if p, ok := decadeOrCentury(lo, hi); ok {
		return p
	}
	y, m, d := JDNToGregorian(lo)
	p := Point{Precision: Month, Year: y, Month: m, Day: d, Earliest: lo, Latest: hi}
	if hi-lo > 92 {
		p.Precision, p.Month, p.Day = Year, 0, 0
	}
	return p
}

func decadeOrCentury(a, b JDN) (Point, bool) {
	y1, m1, d1 := JDNToGregorian(a)
	y2, m2, d2 := JDNToGregorian(b)
	if m1 != 1 || d1 != 1 || m2 != 12 || d2 != 31 {
		return Point{}, false
	}
	switch {
	case y1%10 == 0 && y2 == y1+9:
		return NewDecade(Gregorian, y1), true
	case y1%100 == 0 && y2 == y1+99:
		return NewCentury(Gregorian, y1/100+1), true
	}
	return Point{}, false
}

// EDTF formats the date in EDTF, in the Gregorian calendar: "1858-05-28",
// "1858-05", "185X", "18XX", "1850/1864", "1871/..", "1630~". Dates whose
// days do not fall on whole Gregorian months or years (a Julian month, the
// early part of a decade) are written as intervals of days, months or
// years. An incomplete date gives "".
func (d Date) EDTF() string {
	if d.From.Earliest == MinJDN && d.From.Latest == MaxJDN {
		return ""
	}
	q := ""
	switch d.Qualifiers & (Uncertain | Approximate) {
	case Uncertain:
		q = "?"
	case Approximate:
		q = "~"
	case Uncertain | Approximate:
		q = "%"
	}
	g := d
	if d.Calendar != Gregorian {
		g = d.InCalendar(Gregorian)
	}
	if !g.Interval {
		if s, ok := g.From.edtfWhole(); ok {
			return s + q
		}
		return edtfEdge(g.From.Earliest, false) + q + "/" + edtfEdge(g.From.Latest, true) + q
	}
	from, to := "..", ".."
	if !g.From.Open {
		from = g.From.edtfFrom() + q
	}
	if !g.To.Open {
		to = g.To.edtfTo() + q
	}
	return from + "/" + to
}

// edtfWhole writes a point whose bounds are exactly its figures.
func (p Point) edtfWhole() (string, bool) {
	lo, hi := pointBounds(Gregorian, p)
	if lo != p.Earliest || hi != p.Latest {
		return "", false
	}
	switch p.Precision {
	case Day, Month, Year:
		return p.figures(), true
	case Decade:
		if p.Year >= 0 && p.Year%10 == 0 {
			return isoYear(p.Year)[:3] + "X", true
		}
	case Century:
		if p.Year >= 0 && p.Year%100 == 0 {
			return isoYear(p.Year)[:2] + "XX", true
		}
	}
	return "", false
}

func (p Point) edtfFrom() string {
	if s, ok := p.edtfWhole(); ok && p.Precision <= Year {
		return s
	}
	return edtfEdge(p.Earliest, false)
}

func (p Point) edtfTo() string {
	if s, ok := p.edtfWhole(); ok && p.Precision <= Year {
		return s
	}
	return edtfEdge(p.Latest, true)
}

// edtfEdge writes one end of an interval at the coarsest unit that starts
// (or ends) on that day: a year, a month, or the day itself.
func edtfEdge(j JDN, end bool) string {
	y, m, d := JDNToGregorian(j)
	if end {
		switch {
		case m == 12 && d == 31:
			return isoYear(y)
		case d == DaysIn(Gregorian, y, m):
			return fmt.Sprintf("%s-%02d", isoYear(y), m)
		}
	} else {
		switch {
		case m == 1 && d == 1:
			return isoYear(y)
		case d == 1:
			return fmt.Sprintf("%s-%02d", isoYear(y), m)
		}
	}
	return fmt.Sprintf("%s-%02d-%02d", isoYear(y), m, d)
}
