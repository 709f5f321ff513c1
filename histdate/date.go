package histdate

import (
	"fmt"
	"math"
	"strings"

	"treatyline/histdate/internal/lunisolar"
)

// Precision says how finely a date is known.
type Precision int

// Precisions, finest first.
const (
	Day Precision = iota + 1
	Month
	Year
	Decade
	Century
)

var precisionNames = map[Precision]string{Day: "day", Month: "month", Year: "year", Decade: "decade", Century: "century"}

// String gives the precision's name ("day", "month", ...).
func (p Precision) String() string {
	if s, ok := precisionNames[p]; ok {
		return s
	}
	return "unknown"
}

// Qualifiers mark a date as uncertain (the source doubts it: "1727?") or
// approximate (the source says "about": "c. 1630", "mid-19th century").
type Qualifiers uint8

// The qualifiers, as in EDTF ('?' and '~'; both together are '%').
const (
	Uncertain Qualifiers = 1 << iota
	Approximate
)

// Names lists the qualifiers by name.
func (q Qualifiers) Names() []string {
	out := []string{}
	if q&Uncertain != 0 {
		out = append(out, "uncertain")
	}
	if q&Approximate != 0 {
		out = append(out, "approximate")
	}
	return out
}

// Open ends of an interval ("after 1858", "1860/..") lie at these day
// numbers, far outside any date a source writes.
const (
	MinJDN JDN = math.MinInt32
	MaxJDN JDN = math.MaxInt32
)

// Point is one end of a date: figures in the date's calendar at some
// precision, and the first and last day they can mean.
type Point struct {
	Precision Precision
	// Year is astronomical (0 = 1 BC). For a decade it is the decade's first
	// year (1630 for "the 1630s"); for a century the first year of its
	// hundred (1600 for "the 17th century").
	Year  int
	Month int // 1..12, 0 when coarser than a month
	Day   int // 1..31, 0 when coarser than a day
	// Earliest and Latest bound the days the figures can mean. They may be
	// narrower than the precision says, as for "early May" or "the second
	// half of the 17th century".
	Earliest, Latest JDN
	// Open marks an open end of an interval: nothing is known past it.
	Open bool
}

// Date is a historical date: what a source wrote, and what it means. A
// single date has From only; an interval ("1862–77", "From 1850 to 1864")
// has From and To.
type Date struct {
	Written  string   // the text as written
	Lang     string   // language of the text, when known ("en", "nl", ...)
	Calendar Calendar // calendar of the figures in From and To
	// CalendarNote says why the calendar was chosen: "marked O.S.",
	// "dual dating", "given by the caller", "default".
	CalendarNote string
	From, To     Point
	Interval     bool
	Qualifiers   Qualifiers
	// Alternate is the same date as the source also wrote it in the other
	// calendar, for dual dating such as "12/24 February 1881".
	Alternate *Date
	// ChineseText is the date in Chinese reckoning ("咸豐八年四月十六日")
	// when the source wrote it that way.
	ChineseText string
	// JapaneseText is the date in Japanese era reckoning ("明治22年2月11日")
	// when the source wrote it that way, in characters or romanised.
	JapaneseText string
	// OtherReading is the same figures read in the other calendar, for a
	// date whose style the text leaves open and that may be Old Style (see
	// StyleOpen); OtherReadingWhy says why it may be meant. Nothing sets it
	// but a caller that knows the document: histdate does not guess.
	OtherReading    *Date
	OtherReadingWhy string
	// YearFromContext is set when the year was not written with the date
	// but taken from the context: the dates before it, or the caller.
	YearFromContext bool
	// Context says where a date completed or reckoned from the narrative
	// took what it lacked: "year from 1939, earlier in the paragraph", "1
	// year after 12 March 1938, in an earlier paragraph".
	Context string
	// Pivot is the date a "before" or "after" interval is bounded by, as
	// written: 2011 in "after 2011" (which runs from 1 January 2012).
	Pivot *Point
	// DayPart is the part of the day a date was written with: 1 morning,
	// 2 afternoon, 3 evening, 4 night ("the night of 8 February 1904").
	DayPart int
	// Season is the season a date was written as (1 spring, 2 summer, 3
	// autumn, 4 winter; 0 when none): "spring 1860", "that summer".
	Season int
}

// Earliest is the first day the date can mean.
func (d Date) Earliest() JDN { return d.From.Earliest }

// Latest is the last day the date can mean.
func (d Date) Latest() JDN {
	if d.Interval {
		return d.To.Latest
	}
	return d.From.Latest
}

// Precision is the precision of the date, the coarser end for an interval.
func (d Date) Precision() Precision {
	if d.Interval && !d.To.Open && d.To.Precision > d.From.Precision {
		return d.To.Precision
	}
	return d.From.Precision
}

// IsDay reports whether the date names exactly one day.
func (d Date) IsDay() bool {
	return !d.Interval && d.From.Precision == Day && d.From.Earliest == d.From.Latest
}

// pointBounds computes the days a point's figures cover in a calendar.
func pointBounds(cal Calendar, p Point) (JDN, JDN) {
	switch p.Precision {
	case Day:
		j := ToJDN(cal, p.Year, p.Month, p.Day)
		return j, j
	case Month:
		return ToJDN(cal, p.Year, p.Month, 1), ToJDN(cal, p.Year, p.Month, DaysIn(cal, p.Year, p.Month))
	case Year:
		return ToJDN(cal, p.Year, 1, 1), ToJDN(cal, p.Year, 12, 31)
	case Decade:
		return ToJDN(cal, p.Year, 1, 1), ToJDN(cal, p.Year+9, 12, 31)
	case Century:
		return ToJDN(cal, p.Year, 1, 1), ToJDN(cal, p.Year+99, 12, 31)
	}
	return MinJDN, MaxJDN
}

// NewDay makes a point for one day in a calendar.
func NewDay(cal Calendar, y, m, d int) Point {
	p := Point{Precision: Day, Year: y, Month: m, Day: d}
	p.Earliest, p.Latest = pointBounds(cal, p)
	return p
}

// NewMonth makes a point for a month.
func NewMonth(cal Calendar, y, m int) Point {
	p := Point{Precision: Month, Year: y, Month: m}
	p.Earliest, p.Latest = pointBounds(cal, p)
	return p
}

// NewYear makes a point for a year.
func NewYear(cal Calendar, y int) Point {
	p := Point{Precision: Year, Year: y}
	p.Earliest, p.Latest = pointBounds(cal, p)
	return p
}

// NewDecade makes a point for the decade starting in year y.
func NewDecade(cal Calendar, y int) Point {
	p := Point{Precision: Decade, Year: y}
	p.Earliest, p.Latest = pointBounds(cal, p)
	return p
}

// NewCentury makes a point for an ordinal century (18 is 1700–1799).
func NewCentury(cal Calendar, ordinal int) Point {
	p := Point{Precision: Century, Year: (ordinal - 1) * 100}
	if ordinal <= 0 { // centuries BC: the 1st century BC is -99..0
		p.Year = ordinal*100 + 1
	}
	p.Earliest, p.Latest = pointBounds(cal, p)
	return p
}

// OnDay makes a single-day date in a calendar.
func OnDay(cal Calendar, y, m, d int) Date {
	return Date{Calendar: cal, From: NewDay(cal, y, m, d)}
}

// FromJDNDay makes a single-day Gregorian date for a day number.
func FromJDNDay(j JDN) Date {
	y, m, d := JDNToGregorian(j)
	return OnDay(Gregorian, y, m, d)
}

// InCalendar gives the same date written in another calendar (Gregorian or
// Julian). A day stays a day; a month or year whose edges no longer fall on
// month or year edges becomes an interval of days.
func (d Date) InCalendar(cal Calendar) Date {
	if cal == d.Calendar || (cal != Gregorian && cal != Julian) {
		return d
	}
	out := d
	out.Calendar = cal
	out.Alternate = nil
	out.CalendarNote = "converted from " + string(d.Calendar)
	if !d.Interval {
		if p, ok := pointFor(cal, d.From.Earliest, d.From.Latest); ok {
			out.From = p
		} else {
			out.Interval = true
			out.From = dayPoint(cal, d.From.Earliest)
			out.To = dayPoint(cal, d.From.Latest)
		}
		return out
	}
	if !d.From.Open {
		if p, ok := pointFor(cal, d.From.Earliest, d.From.Latest); ok {
			out.From = p
		} else {
			out.From = dayPoint(cal, d.From.Earliest)
		}
	}
	if !d.To.Open {
		if p, ok := pointFor(cal, d.To.Earliest, d.To.Latest); ok {
			out.To = p
		} else {
			out.To = dayPoint(cal, d.To.Latest)
		}
	}
	return out
}

// pointFor names the days from a to b as one day, month or year of a
// calendar, if they are one.
func pointFor(cal Calendar, a, b JDN) (Point, bool) {
	y1, m1, d1 := FromJDN(cal, a)
	y2, m2, d2 := FromJDN(cal, b)
	switch {
	case a == b:
		return NewDay(cal, y1, m1, d1), true
	case y1 == y2 && m1 == m2 && d1 == 1 && d2 == DaysIn(cal, y2, m2):
		return NewMonth(cal, y1, m1), true
	case y1 == y2 && m1 == 1 && d1 == 1 && m2 == 12 && d2 == 31:
		return NewYear(cal, y1), true
	}
	return Point{}, false
}

func dayPoint(cal Calendar, j JDN) Point {
	y, m, d := FromJDN(cal, j)
	return NewDay(cal, y, m, d)
}

// ISO formats a day number as an ISO 8601 calendar date in a calendar
// ("1858-05-28"; years outside 0..9999 get a sign, as ISO 8601 extended
// years do).
func ISO(cal Calendar, j JDN) string {
	y, m, d := FromJDN(cal, j)
	return fmt.Sprintf("%s-%02d-%02d", isoYear(y), m, d)
}

func isoYear(y int) string {
	switch {
	case y < 0:
		return fmt.Sprintf("-%04d", -y)
	case y > 9999:
		return fmt.Sprintf("+%d", y)
	}
	return fmt.Sprintf("%04d", y)
}

// String formats the date in its own calendar, compactly: "1858-05-16
// (julian)", "1850/1864", "1630s", "17th century".
func (d Date) String() string {
	if d.Calendar == Chinese && d.ChineseText != "" {
		return d.ChineseText
	}
	if d.Calendar == Japanese && d.JapaneseText != "" {
		return d.JapaneseText
	}
	s := d.From.figures()
	if d.Interval {
		s += "/" + d.To.figures()
	}
	if d.Calendar != Gregorian && d.Calendar != "" {
		s += " (" + string(d.Calendar) + ")"
	}
	return s
}

func (p Point) figures() string {
	if p.Open {
		return ".."
	}
	switch p.Precision {
	case Day:
		return fmt.Sprintf("%s-%02d-%02d", isoYear(p.Year), p.Month, p.Day)
	case Month:
		return fmt.Sprintf("%s-%02d", isoYear(p.Year), p.Month)
	case Year:
		return isoYear(p.Year)
	case Decade:
		return isoYear(p.Year) + "s"
	case Century:
		return lunisolar.Ordinal(p.Year/100+1) + " century"
	}
	return "?"
}

// fold lower-cases and trims a word for lexicon look-ups.
func fold(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}

// NoteDefault is the CalendarNote of a date whose calendar nothing in
// its text or its caller chose: the Gregorian, by default.
const NoteDefault = "default"

// CalendarByDefault reports whether the date's calendar was assumed, not
// read or given: such a date may be Old Style where other sources say so.
func (d Date) CalendarByDefault() bool { return d.CalendarNote == NoteDefault }
