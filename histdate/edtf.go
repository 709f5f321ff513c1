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
	bare := strings.NewReplacer("?", "", "~", "", "%", "").Replace(in)
	e, err := parser.ParseString(bare)
	if err != nil {
		if e, err = parser.ParseString(in); err != nil {
			return Date{}, &ParseError{Input: s, Msg: "EDTF: " + err.Error()}
		}
	}
	d := Date{Written: in, Calendar: Gregorian, CalendarNote: "EDTF is Gregorian", Qualifiers: q}
	lo, loOpen := edtfDay(e.Start, false)
	hi, hiOpen := edtfDay(e.End, true)
	if loOpen && hiOpen {
		return Date{}, &ParseError{Input: s, Msg: "EDTF: both ends open or unknown"}
	}
	from := boundPoint(lo, e.Start, false)
	to := boundPoint(hi, e.End, true)
	from.Open, to.Open = loOpen, hiOpen
	if loOpen {
		from.Earliest, from.Latest = MinJDN, MinJDN
	}
	if hiOpen {
		to.Earliest, to.Latest = MaxJDN, MaxJDN
	}
	single := !loOpen && !hiOpen && e.Start.EDTF == e.End.EDTF && !strings.ContainsAny(bare, "/[{")
	if single {
		from.Latest = hi
		if p, ok := pointFor(Gregorian, from.Earliest, from.Latest); ok {
			from = p
		} else if p, ok := decadeOrCentury(from.Earliest, from.Latest); ok {
			from = p
		}
		d.From = from
		return d, nil
	}
	d.From, d.To, d.Interval = from, to, true
	return d, nil
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

// boundPoint names one end of an EDTF interval as a point: a day, month
// or year when its range of days is one.
func boundPoint(j JDN, r *edtf.DateRange, upper bool) Point {
	if r == nil || r.Lower == nil || r.Upper == nil || r.Lower.YMD == nil || r.Upper.YMD == nil {
		return Point{Precision: Day, Earliest: j, Latest: j}
	}
	a := GregorianToJDN(r.Lower.YMD.Year, r.Lower.YMD.Month, r.Lower.YMD.Day)
	b := GregorianToJDN(r.Upper.YMD.Year, r.Upper.YMD.Month, r.Upper.YMD.Day)
	if p, ok := pointFor(Gregorian, a, b); ok {
		return p
	}
	if p, ok := decadeOrCentury(a, b); ok {
		return p
	}
	_ = upper
	y, m, d := JDNToGregorian(j)
	return NewDay(Gregorian, y, m, d)
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
