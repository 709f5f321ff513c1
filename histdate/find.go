package histdate

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"treatyline/internal/chunk"
	"treatyline/lang"
)

// Options tell the date reader what the caller knows about a text.
type Options struct {
	// Lang is the language of the text ("en", "nl", ...), when known. It
	// decides the order of ambiguous all-figure dates ("en-us": month
	// first) and is recorded on the dates read.
	Lang string
	// Calendar is the calendar in which unmarked figures are read. Empty
	// means Gregorian from 15 October 1582 and Julian before it; a style
	// marker in the text ("O.S.") always wins.
	Calendar Calendar
	// Year completes a day and month written without a year ("February
	// 12") when the text itself names no year before it on the same line.
	// Zero means no such context: the date is incomplete.
	Year int
}

// Mention is a date found in a text. Start and End count Unicode code
// points from the start of the text, as the W3C Web Annotation
// TextPositionSelector does.
type Mention struct {
	Start, End int
	Date       Date
	// Incomplete marks a day and month whose year neither the text nor
	// the caller gave; its bounds are open.
	Incomplete bool
}

// ParseError says which part of an input could not be read as a date.
type ParseError struct {
	Input      string
	Start, End int // code points of the part not understood
	Msg        string
}

func (e *ParseError) Error() string {
	if e.End > e.Start {
		part := string([]rune(e.Input)[e.Start:e.End])
		return fmt.Sprintf("date %q: %s: %q at %d", e.Input, e.Msg, part, e.Start)
	}
	return fmt.Sprintf("date %q: %s", e.Input, e.Msg)
}

// leadWords may stand before a date given alone: "in 1858", "op 16 mei
// 1858", "on May 28, 1858".
var leadWords = dateWordSet(func(d *lang.DateWords) []string { return d.Lead })

var tokenizers = sync.Pool{New: func() any { return new(tokenizer) }}

// Find returns every date mention in text, in order, with its span and its
// reading. Chinese reign-era dates are found too.
func Find(text string, opts Options) []Mention {
	// A long text is read a piece at a time (cut at paragraph, line or
	// sentence breaks), so that its tokens are held for one piece only;
	// the year the context gives is carried from piece to piece.
	pieces := chunk.Split(text, chunk.Size)
	var c yearContext
	if len(pieces) == 1 {
		return findIn(text, opts, &c)
	}
	found := make([][]Mention, len(pieces))
	n := 0
	for k, p := range pieces {
		found[k] = findIn(p.Text, opts, &c)
		n += len(found[k])
	}
	out := make([]Mention, 0, n)
	for k, ms := range found {
		for _, m := range ms {
			m.Start += pieces[k].Rune
			m.End += pieces[k].Rune
			out = append(out, m)
		}
		found[k] = nil
	}
	return out
}

// yearContext is the year the last full date gave, while it holds.
type yearContext struct {
	year int
	ok   bool
}

func findIn(text string, opts Options, c *yearContext) []Mention {
	tz := tokenizers.Get().(*tokenizer)
	defer tokenizers.Put(tz)
	toks := tz.tokenize(text)
	s := scan{toks: toks, lang: opts.Lang}
	var out []Mention
	ctxYear, ctxOK := c.year, c.ok
	defer func() { c.year, c.ok = ctxYear, ctxOK }()
	var cn []chineseFound
	for i := 0; i < len(toks); {
		t := &toks[i]
		if t.nl {
			ctxOK = false
		}
		if t.kind == tHan || t.kind == tWord && (t.w.kind == wEraRoman ||
			t.w.kind == 0 && t.b1-t.b0 > t.r1-t.r0 && lookup([]byte(foldAccents(t.lower))).kind == wEraRoman) {
			if next, ok := findChinese(&cn, text, toks, i); ok {
				i = next
				continue
			}
		}
		if !startsDate(toks, i) {
			i++
			continue
		}
		m, ok := s.at(i)
		if !ok {
			i++
			continue
		}
		year := opts.Year
		if ctxOK {
			year = ctxYear
		}
		d, incomplete, ok := s.finish(text, m, year, opts)
		if !ok {
			i++
			continue
		}
		out = append(out, Mention{Start: toks[m.start].r0, End: toks[m.end-1].r1, Date: d, Incomplete: incomplete})
		for k := i + 1; k < m.end; k++ {
			if toks[k].nl {
				ctxOK = false
			}
		}
		if !incomplete && !d.YearFromContext && !d.To.Open {
			if y := d.InCalendar(Gregorian).lastYear(); y != 0 {
				ctxYear, ctxOK = y, true
			}
		}
		i = m.end
	}
	return mergeChinese(out, cn)
}

// lastYear is the year of the date's last figures, for context.
func (d Date) lastYear() int {
	p := d.From
	if d.Interval {
		p = d.To
	}
	if p.Precision > Year {
		return 0
	}
	return p.Year
}

// Parse reads one date as a person writes it: prose in the languages of
// the lexicon ("16 mei 1858", "February 12 (February 24, New Style
// calendar)", "1862–77", "the 1630s", "mid-19th century"), EDTF
// ("1858-05-28", "185X", "1850/1864", "1858~"), or a Chinese reign-era date
// ("咸豐八年四月十六日", "Xianfeng 8, 4th month, 16th day"). The whole
// input must be one date; a *ParseError names the part not understood.
func Parse(text string, opts Options) (Date, error) {
	in := strings.TrimSpace(text)
	if in == "" {
		return Date{}, &ParseError{Input: text, Msg: "empty input"}
	}
	if d, ok, err := parseChinese(in, opts); ok {
		return d, err
	}
	tz := tokenizers.Get().(*tokenizer)
	defer tokenizers.Put(tz)
	toks := tz.tokenize(in)
	s := scan{toks: toks, lang: opts.Lang}
	first := 0
	for first < len(toks)-1 && toks[first].kind == tWord && (toks[first].w.kind == wOf || leadWords[toks[first].lower]) {
		first++
	}
	m, ok := s.at(first)
	end := len(toks)
	if end > 0 && toks[end-1].kind == tPunct && toks[end-1].punct == '.' {
		end-- // a full stop after the date
	}
	if ok && m.end >= end {
		d, incomplete, ok := s.finish(in, m, opts.Year, opts)
		if !ok {
			return Date{}, &ParseError{Input: in, Start: 0, End: utf8.RuneCountInString(in), Msg: "no such day"}
		}
		if incomplete {
			return d, &ParseError{Input: in, Msg: "no year: the text gives a day and month only; give the year from context (--year)"}
		}
		d.Written = in
		return d, nil
	}
	if d, err := ParseEDTF(in); err == nil {
		d.Lang = opts.Lang
		return d, nil
	}
	switch {
	case ok:
		return Date{}, &ParseError{Input: in, Start: toks[m.end].r0, End: utf8.RuneCountInString(in), Msg: "cannot read the rest"}
	case len(toks) > 0:
		return Date{}, &ParseError{Input: in, Start: toks[first].r0, End: toks[first].r1, Msg: "not a date: cannot read"}
	}
	return Date{}, &ParseError{Input: in, Msg: "not a date"}
}

// finish settles a match's year and calendar and computes its bounds. It
// reports incomplete when no year could be found, and !ok when the figures
// name no real day (31 February).
func (s *scan) finish(text string, m match, ctxYear int, opts Options) (d Date, incomplete, ok bool) {
	toks := s.toks
	d.Written = text[toks[m.start].b0:toks[m.end-1].b1]
	d.Lang = m.from.lang
	if d.Lang == "" {
		d.Lang = opts.Lang
	}
	f, t := m.from, m.to
	if !f.hasYear {
		if ctxYear == 0 {
			incomplete = true
		} else {
			f.y, f.hasYear, d.YearFromContext = ctxYear, true, true
		}
	}
	d.Qualifiers = f.qual | t.qual

	// The calendar: a marker, a dual dating, the caller, or the default.
	cal, note := f.style, ""
	if cal == "" && m.interval {
		cal = t.style
	}
	switch {
	case cal != "":
		note = "marked " + styleName(cal)
	case opts.Calendar != "":
		cal, note = opts.Calendar, "given by the caller"
	case f.hasYear && f.startYear() < 1582:
		cal, note = Julian, "before the Gregorian reform of 1582"
	default:
		cal, note = Gregorian, "default"
	}
	var alt *Date
	if m.alt != nil && f.prec == Day {
		a := *m.alt
		if !a.hasYear {
			a.y = f.y
			// "31 December 1699 / 10 January": the other reading falls in
			// the next or the previous year.
			if a.m < f.m-6 {
				a.y++
			} else if a.m > f.m+6 {
				a.y--
			}
		}
		fc, ac := Julian, Gregorian
		switch {
		case f.style != "":
			fc = f.style
			ac = other(fc)
		case a.style != "":
			ac = a.style
			fc = other(ac)
		case !before(f, a):
			fc, ac = Gregorian, Julian
		}
		if !incomplete && ValidDay(fc, f.y, f.m, f.d) && ValidDay(ac, a.y, a.m, a.d) && ToJDN(fc, f.y, f.m, f.d) == ToJDN(ac, a.y, a.m, a.d) {
			cal, note = fc, "dual dating"
			ad := Date{Calendar: ac, From: NewDay(ac, a.y, a.m, a.d), CalendarNote: "dual dating", Lang: d.Lang}
			alt = &ad
		} else if !incomplete {
			note += "; the figures beside it do not name the same day in the other calendar"
			d.Qualifiers |= Uncertain
		}
	}
	d.Calendar, d.CalendarNote, d.Alternate = cal, note, alt
	if incomplete {
		d.From = Point{Precision: f.prec, Month: f.m, Day: f.d, Earliest: MinJDN, Latest: MaxJDN}
		return d, true, true
	}
	var okF, okT bool
	d.From, okF = pointOf(cal, f)
	if !okF {
		return d, false, false
	}
	if m.interval {
		d.Interval = true
		switch {
		case m.before:
			y, mo, dd := FromJDN(cal, d.From.Earliest-1)
			d.From, d.To = Point{Open: true, Earliest: MinJDN, Latest: MinJDN}, NewDay(cal, y, mo, dd)
			return d, false, true
		case m.after:
			y, mo, dd := FromJDN(cal, d.From.Latest+1)
			d.From, d.To = NewDay(cal, y, mo, dd), Point{Open: true, Earliest: MaxJDN, Latest: MaxJDN}
			return d, false, true
		}
		if m.openEnd {
			d.To = Point{Open: true, Earliest: MaxJDN, Latest: MaxJDN}
		} else if d.To, okT = pointOf(cal, t); !okT {
			return d, false, false
		}
	}
	return d, false, true
}

func other(c Calendar) Calendar {
	if c == Julian {
		return Gregorian
	}
	return Julian
}

func styleName(c Calendar) string {
	if c == Julian {
		return "Old Style (Julian)"
	}
	return "New Style (Gregorian)"
}

// pointOf computes a raw date's point in a calendar.
func pointOf(cal Calendar, r raw) (Point, bool) {
	var p Point
	switch r.prec {
	case Day:
		if !ValidDay(cal, r.y, r.m, r.d) {
			return p, false
		}
		p = NewDay(cal, r.y, r.m, r.d)
	case Month:
		if r.m < 1 || r.m > 12 {
			return p, false
		}
		p = NewMonth(cal, r.y, r.m)
	case Year:
		p = NewYear(cal, r.y)
	case Decade:
		p = NewDecade(cal, r.y)
	case Century:
		p = NewCentury(cal, r.century)
	default:
		return p, false
	}
	if r.part != 0 {
		p.Earliest, p.Latest = narrow(cal, p, r.part)
	}
	return p, true
}

// narrow gives the days of a stretch of a period: the first or last third
// for "early" and "late", the middle third for "mid", or a half. For a
// month the thirds are days 1–10, 11–20 and 21 to the end.
func narrow(cal Calendar, p Point, part int) (JDN, JDN) {
	switch p.Precision {
	case Month:
		last := DaysIn(cal, p.Year, p.Month)
		lo, hi := 1, last
		switch part {
		case partEarly:
			hi = 10
		case partMid:
			lo, hi = 11, 20
		case partLate:
			lo = 21
		case partFirstHalf:
			hi = 15
		case partSecondHalf:
			lo = 16
		}
		return ToJDN(cal, p.Year, p.Month, lo), ToJDN(cal, p.Year, p.Month, hi)
	case Year:
		lo, hi := 1, 12
		switch part {
		case partEarly:
			hi = 4
		case partMid:
			lo, hi = 5, 8
		case partLate:
			lo = 9
		case partFirstHalf:
			hi = 6
		case partSecondHalf:
			lo = 7
		}
		return ToJDN(cal, p.Year, lo, 1), ToJDN(cal, p.Year, hi, DaysIn(cal, p.Year, hi))
	case Decade, Century:
		span := 10
		if p.Precision == Century {
			span = 100
		}
		lo, hi := 0, span-1
		switch part {
		case partEarly:
			hi = span/3 - 1
		case partMid:
			lo, hi = span/3, span-span/3-1
		case partLate:
			lo = span - span/3
		case partFirstHalf:
			hi = span/2 - 1
		case partSecondHalf:
			lo = span / 2
		}
		return ToJDN(cal, p.Year+lo, 1, 1), ToJDN(cal, p.Year+hi, 12, 31)
	}
	return p.Earliest, p.Latest
}

// startYear is the first year a raw date can mean.
func (r raw) startYear() int {
	if r.prec == Century {
		return (r.century - 1) * 100
	}
	return r.y
}
