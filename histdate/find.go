package histdate

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
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
	// Kind says what the mention is: a date (Date holds it), a date told
	// from another (Date holds it once reckoned), a duration or a
	// reference to the time of writing.
	Kind MentionKind
	Date Date
	// Incomplete marks a date whose year (or, for a relative date, whose
	// anchor) neither the text nor the caller gave; its bounds are open.
	Incomplete bool
	// Duration is a KindDuration's length in ISO 8601 ("P6Y", "P1.5M"); a
	// vague count is X ("PXY": "several years"), as TIMEX2 writes it.
	Duration string
	// Reference is a KindReference's direction, as TIMEX2 names it:
	// "PRESENT_REF" ("now", "currently"), "PAST_REF" ("recently",
	// "former"), "FUTURE_REF" ("the future").
	Reference string
	// Relation says how a KindRelative date stands to the date it is
	// reckoned from: "1 year after", "2 day before", "the same summer as".
	Relation string
}

// MentionKind is what a mention found in a text is.
type MentionKind uint8

// The kinds of mention.
const (
	KindDate      MentionKind = iota // a date written in the text, completed from context where it must be
	KindRelative                     // a date told from another: "the following year", "two days later"
	KindDuration                     // a stretch of time: "six years", "a month and a half"
	KindReference                    // the time of writing, or before or after it: "now", "recently"
	KindSet                          // a time that recurs: "daily", "every year"; Duration is its period
)

var kindNames = [...]string{"date", "relative", "duration", "reference", "set"}

// String names the kind: "date", "relative", "duration", "reference".
func (k MentionKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
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
// reading. Chinese reign-era dates are found too, and the dates of a
// narrative (see narrative.go): a day and month, a month or a season
// written alone take their year from the last date before them — in the
// sentence, the paragraph or an earlier paragraph, as Date.Context says —
// or else from opts.Year; relative dates are reckoned from the last date
// before them; durations and references to the time of writing are
// reported with their kinds.
func Find(text string, opts Options) []Mention {
	var r Reader
	return r.Find(text, opts)
}

// Reader finds the dates of a text given to it a part after another (a
// long document read a part at a time), reading each part in the light of
// the parts before it, as Find reads a whole text: a date written without
// its year takes it from a date in an earlier part. The zero Reader is
// ready; opts.Year counts for the first part only.
type Reader struct {
	c       carry
	started bool
}

// Find returns the date mentions of the next part of a text, as Find
// does; their positions count from the part's start.
func (r *Reader) Find(text string, opts Options) []Mention {
	opts = eraCalendarsByName(opts)
	// A long text is read a piece at a time (cut at paragraph, line or
	// sentence breaks), so that its tokens are held for one piece only;
	// the narrative — its anchors, sentences and paragraphs — is carried
	// from piece to piece, so that the pieces read as the whole would.
	pieces := chunk.Split(text, pieceSize)
	c := &r.c
	if !r.started && opts.Year != 0 {
		c.nar.coarse = anchor{ok: true, cal: Gregorian, prec: Year, y: opts.Year, caller: true, sent: -1, par: -1, tok: -1}
	}
	r.started = true
	if len(pieces) == 1 {
		return findIn(text, opts, c)
	}
	found := make([][]Mention, len(pieces))
	n := 0
	for k, p := range pieces {
		found[k] = findIn(p.Text, opts, c)
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

// pieceSize is the length Find cuts a long text at (a variable so that
// tests can cut short texts).
var pieceSize = chunk.Size

// carry is what one piece of a text leaves to the next: the narrative,
// its token positions counted back from the next piece's first token, and
// whether the piece ended with a full stop, so that a sentence break at
// the cut is seen.
type carry struct {
	nar  narrative
	stop bool
}

// findIn finds the mentions in one piece of a text, going on from the
// narrative c holds and leaving it for the next piece.
func findIn(text string, opts Options, c *carry) []Mention {
	tz := tokenizers.Get().(*tokenizer)
	defer tokenizers.Put(tz)
	toks := tz.tokenize(text)
	s := scan{toks: toks, lang: opts.Lang}
	// The mentions are gathered in the tokenizer's buffer, reused from
	// piece to piece, and copied out at their number: a text dense with
	// dates would otherwise leave a slice's doublings behind it.
	out := tz.found[:0]
	defer func() {
		clear(out) // not to keep the mentions' strings alive
		tz.found = out[:0]
	}()
	nar := c.nar
	defer func() {
		// Positions in this piece are counted back from the next.
		n := len(toks)
		nar.fine.tok -= n
		nar.coarse.tok -= n
		nar.sentTok -= n
		nar.lastEnd -= n
		c.nar = nar
		c.stop = false
		if n > 0 {
			l := toks[n-1]
			c.stop = l.kind == tPunct && (l.punct == '.' || l.punct == '!' || l.punct == '?')
		}
	}()
	// Sentences and paragraphs, counted as the scan passes them, for the
	// reasons given with dates completed from context.
	seen := 0
	pass := func(to int) {
		for ; seen <= to && seen < len(toks); seen++ {
			t := &toks[seen]
			stop := c.stop
			if seen > 0 {
				p := toks[seen-1]
				stop = p.kind == tPunct && (p.punct == '.' || p.punct == '!' || p.punct == '?')
			}
			if t.para {
				nar.par++
				nar.sent++
				nar.sentTok = seen
			} else if t.space && stop && (t.upper || t.kind != tWord) {
				nar.sent++
				nar.sentTok = seen
			}
		}
	}
	var cn []chineseFound
	for i := 0; i < len(toks); {
		t := &toks[i]
		pass(i)
		if t.kind == tHan || t.kind == tWord && (t.w.kind == wEraRoman ||
			t.w.kind == 0 && t.b1-t.b0 > t.r1-t.r0 && lookup([]byte(foldAccents(t.lower))).kind == wEraRoman) {
			if next, ok := findChinese(&cn, text, toks, i); ok {
				i = next
				continue
			}
		}
		if startsDate(toks, i) {
			if m, ok := s.at(i); ok {
				if mn, end, ok := s.dateMention(text, m, &nar, opts); ok {
					out = append(out, mn)
					i, nar.lastEnd = end, end
					continue
				}
			}
		}
		if t.kind == tNum && t.ndig == 3 {
			if mn, ok := s.eraYear(text, i, &nar); ok {
				out = append(out, mn)
				i, nar.lastEnd = i+1, i+1
				continue
			}
		}
		if s.mayStartNarrative(i) {
			if nm, ok := s.narrativeAt(i); ok {
				if nm.start < nar.lastEnd {
					nm.start = nar.lastEnd
				}
				out = append(out, s.narrMention(text, nm, &nar))
				i, nar.lastEnd = nm.end, nm.end
				continue
			}
		}
		i++
	}
	pass(len(toks) - 1) // the sentences and paragraphs after the last mention
	return slices.Clone(mergeJapanese(text, mergeChinese(out, cn)))
}

// dateMention settles a date written in the text: its year from the
// narrative when it has none ("on 9 November", "in September", "July 25 of
// that year"), and makes it the narrative's anchor.
func (s *scan) dateMention(text string, m match, nar *narrative, opts Options) (Mention, int, bool) {
	toks := s.toks
	year, reason := 0, ""
	// "August of that year", "July 25 of the following year": the year a
	// relative phrase names.
	var rel *narr
	if !m.from.hasYear && m.from.prec <= Month {
		// "Oktober desselben Jahres" has no word between.
		if k := s.glue(m.end); k > m.end || s.tok(k) != nil && s.tok(k).kind == tWord && s.tok(k).w.roles&(rSame|rNext|rPrev) != 0 {
			if nm, ok := s.narrativeAt(k); ok && nm.kind == KindRelative && nm.unit == uYear && !nm.ago {
				a := nar.pick(m.start)
				if d, ok := nm.reckon(a); ok {
					year, reason = d.From.Year, nm.relation()+" "+a.scope(nar.sent, nar.par)
					rel = &nm
				}
			}
		}
	}
	if rel == nil && !m.from.hasYear {
		a := nar.pick(m.start)
		if a.ok && (a.caller || a.prec <= Year) {
			year, reason = a.y, a.scope(nar.sent, nar.par)
			// A narrative runs forward: a month well before the anchor's
			// month ("December 1941 … in January") is in the next year.
			if mo := m.from.m; !m.from.hasYear && a.prec <= Month && mo != 0 && mo < a.m-3 && !a.ctx {
				year++
				reason = fmt.Sprintf("%d, the year after %s", year, reason)
			}
		}
	}
	d, incomplete, ok := s.finish(text, m, year, opts)
	if !ok {
		return Mention{}, 0, false
	}
	end := m.end
	if rel != nil {
		end = rel.end
		d.Written = text[toks[m.start].b0:toks[end-1].b1]
	}
	if d.YearFromContext {
		d.Context = "year from " + reason
	}
	start := m.start
	if part, k := s.dayPartBefore(start); part != 0 && d.From.Precision == Day && !d.Interval && k >= nar.lastEnd {
		// "the night of 8 February 1904", "the morning of 31 January".
		start, d.DayPart = k, part
		d.Written = text[toks[start].b0:toks[end-1].b1]
	}
	if t := toks[start]; t.kind == tWord && (t.w.kind == wPart || t.w.kind == wSeason) && articleBefore(s, start) && start > nar.lastEnd {
		// "the end of November", "the winter": the article is part of
		// the phrase.
		start--
		d.Written = text[toks[start].b0:toks[end-1].b1]
	}
	mn := Mention{Start: toks[start].r0, End: toks[end-1].r1, Date: d, Incomplete: incomplete}
	if !incomplete && !d.To.Open && !d.From.Open {
		nar.set(d, m.start)
	}
	return mn, end, true
}

// narrMention reckons a narrative mention and, when it is a date, makes it
// the anchor.
func (s *scan) narrMention(text string, nm narr, nar *narrative) Mention {
	toks := s.toks
	written := text[toks[nm.start].b0:toks[nm.end-1].b1]
	mn := Mention{Start: toks[nm.start].r0, End: toks[nm.end-1].r1, Kind: nm.kind}
	mn.Date.Written = written
	mn.Date.Lang = s.lang
	switch nm.kind {
	case KindReference:
		mn.Reference = nm.ref
	case KindDuration, KindSet:
		mn.Duration = duration(nm.count, nm.vague, nm.unit)
	case KindRelative:
		mn.Relation = nm.relation()
		a := nar.pick(nm.start)
		if d, ok := nm.reckon(a); ok {
			d.Written, d.Lang = written, s.lang
			d.Context = mn.Relation + " " + a.scope(nar.sent, nar.par)
			mn.Date = d
			nar.set(d, nm.start)
		} else {
			mn.Incomplete = true
			if nm.vague && !nm.ago {
				// "a few days later", "some years earlier": TIMEX2 marks a
				// vague shift as the future or the past.
				mn.Reference = map[bool]string{true: "FUTURE_REF", false: "PAST_REF"}[nm.dir > 0]
			}
			mn.Date.From = Point{Precision: Year, Earliest: MinJDN, Latest: MaxJDN}
			if nm.unit == uDay || nm.unit == uWeek {
				mn.Date.From.Precision = Day
			} else if nm.unit == uMonth || nm.month != 0 || nm.season != 0 {
				mn.Date.From.Precision = Month
			}
			mn.Date.Season = nm.season
			mn.Date.DayPart = nm.dayPart
		}
	}
	return mn
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
	if d, ok, err := parseJapanese(in); ok {
		return d, err
	}
	if d, ok, err := parseChinese(in, opts); ok {
		return d, err
	}
	opts = eraCalendarsByName(opts)
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
	if msg := isoNoSuchDay(in); msg != "" {
		return Date{}, &ParseError{Input: in, Start: 0, End: utf8.RuneCountInString(in), Msg: msg}
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
			if m.interval && !t.hasYear {
				// "from May to July", "during the winter": the second end
				// in the same year, or the next when its month comes first.
				t.y, t.hasYear = ctxYear, true
				if t.m < f.m {
					t.y++
				}
			}
		}
	}
	d.Season = f.season
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
		cal, note = Gregorian, NoteDefault
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
			pivot := d.From
			d.Pivot = &pivot
			y, mo, dd := FromJDN(cal, d.From.Earliest-1)
			d.From, d.To = Point{Open: true, Earliest: MinJDN, Latest: MinJDN}, NewDay(cal, y, mo, dd)
			return d, false, true
		case m.after:
			pivot := d.From
			d.Pivot = &pivot
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

// isoNoSuchDay explains an ISO date (YYYY-MM-DD, read as Gregorian) whose
// day the month does not have: "1700 has no 29 February in the Gregorian
// calendar; the Julian calendar has one". "" when the text is not such a
// date.
func isoNoSuchDay(in string) string {
	var y, m, d int
	if len(in) != 10 || in[4] != '-' || in[7] != '-' {
		return ""
	}
	if _, err := fmt.Sscanf(in, "%4d-%2d-%2d", &y, &m, &d); err != nil || m < 1 || m > 12 || d < 1 {
		return ""
	}
	g, j := DaysIn(Gregorian, y, m), DaysIn(Julian, y, m)
	if d <= g {
		return ""
	}
	month := time.Month(m).String()
	if d <= j {
		return fmt.Sprintf("no such day: %d has no %d %s in the Gregorian calendar (ISO dates are Gregorian); "+
			"the Julian calendar has one: write \"%d %s %d O.S.\" or give the calendar as julian", y, d, month, d, month, y)
	}
	return fmt.Sprintf("no such day: %s %d has %d days in the Gregorian calendar (%d in the Julian)", month, y, g, j)
}
