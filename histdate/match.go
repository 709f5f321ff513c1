package histdate

import "treatyline/lang"

// The grammar of dates in prose. The matcher walks the token stream; each
// rule reads from a token index and returns where it stopped. Rules are
// written for the conventions of historians' prose in the languages of the
// lexicon (day-month-year either way round, months with and without years,
// ranges, decades, centuries and their parts, dual dating and style
// markers), never for particular sentences.

// raw is a date as read, before its year is settled and its bounds are
// computed.
type raw struct {
	prec    Precision
	y, m, d int
	hasYear bool
	part    int // partEarly ...: a stretch of the period
	style   Calendar
	qual    Qualifiers
	lang    string
	century int // ordinal century, for Century precision
	season  int // 1 spring .. 4 winter, for a date written as a season
}

// match is one date mention found in the tokens [start, end).
type match struct {
	start, end int
	from, to   raw
	interval   bool
	openEnd    bool
	// before and after: "before 1700" is the open interval up to the
	// day before 1700 begins, "after 1860" from the day after it ends.
	before, after bool
	alt           *raw // the same day as also written in the other calendar
	altMarked     bool // alt carried its own style marker
}

type scan struct {
	toks []token
	lang string
}

func (s *scan) tok(i int) *token {
	if i < 0 || i >= len(s.toks) {
		return nil
	}
	return &s.toks[i]
}

func (s *scan) punct(i int, rs ...rune) bool {
	t := s.tok(i)
	if t == nil || t.kind != tPunct {
		return false
	}
	for _, r := range rs {
		if t.punct == r {
			return true
		}
	}
	return false
}

func (s *scan) dash(i int) bool { return s.punct(i, '-', '–', '—', '‒', '−') }

func (s *scan) wordKind(i int, k wordKind) bool {
	t := s.tok(i)
	return t != nil && t.kind == tWord && t.w.kind == k
}

// adjacent reports whether token i follows the one before with no space.
func (s *scan) adjacent(i int) bool {
	t := s.tok(i)
	return t != nil && !t.space
}

// dot consumes a '.' straight after token i-1, if there is one.
func (s *scan) dot(i int) int {
	if s.punct(i, '.') && s.adjacent(i) {
		return i + 1
	}
	return i
}

// glue skips words that may stand inside a date phrase ("of", "de", "the").
func (s *scan) glue(i int) int {
	for n := 0; n < 3; n++ {
		t := s.tok(i)
		if t == nil || t.kind != tWord || !(t.w.kind == wOf || t.lower == "van" || t.lower == "von" || t.lower == "du") {
			return i
		}
		i++
	}
	return i
}

// numberPart reports whether the digits at i belong to a larger number
// written with separators ("600,000", "185.000", "1 200").
func (s *scan) numberPart(i int) bool {
	if s.punct(i+1, ',', '.') && s.adjacent(i+1) {
		if n := s.tok(i + 2); n != nil && n.kind == tNum && n.ndig == 3 && !n.space {
			return true
		}
	}
	if s.punct(i-1, ',', '.') && s.adjacent(i) && s.adjacent(i-1) {
		if p := s.tok(i - 2); p != nil && p.kind == tNum {
			return true
		}
	}
	return false
}

// monthAt reads a month name.
func (s *scan) monthAt(i int, first bool) (m int, lang string, next int, ok bool) {
	t := s.tok(i)
	if t == nil || t.kind != tWord || t.w.kind != wMonth {
		return 0, "", i, false
	}
	// "may" is a verb too: at the head of a date it must be capitalised.
	if first && t.lower == "may" && !t.upper {
		return 0, "", i, false
	}
	next = i + 1
	if (len(t.lower) <= 5 || t.lower == "sept") && !fullMonthNames[t.lower] {
		next = s.dot(next) // "Feb.", "sept.", but not the full stop after "June."
	}
	return int(t.w.val), t.w.Lang(), next, true
}

// dayAt reads a day of the month: "16", "28th", "1er", "28.".
func (s *scan) dayAt(i int) (d, next int, ok bool) {
	t := s.tok(i)
	if t == nil || t.kind != tNum || t.ndig > 2 || t.num < 1 || t.num > 31 || s.numberPart(i) {
		return 0, i, false
	}
	next = i + 1
	if n := s.tok(next); n != nil && n.kind == tWord && !n.space && ordSuffixes[n.lower] {
		next++
	} else if s.punct(next, '.') && s.adjacent(next) {
		if _, _, _, isMonth := s.monthAt(next+1, false); isMonth {
			next++
		}
	}
	return t.num, next, true
}

// yearAt reads a year. A bare number is a year only with four digits in a
// plausible range; with an era marker ("44 BC", "AD 862") any number is.
// strong says the context already expects a year (after a month).
func (s *scan) yearAt(i int, strong bool) (y, next int, ok bool) {
	j := i
	ad := false
	if s.wordKind(j, wEraAD) || s.wordKind(j, wYearWord) && s.tok(j).lower == "anno" {
		ad = true
		j = s.dot(j + 1)
	}
	t := s.tok(j)
	if t == nil || t.kind != tNum || t.ndig > 4 || s.numberPart(j) {
		return 0, i, false
	}
	y, next = t.num, j+1
	era := 0
	if s.wordKind(next, wEraBC) || s.wordKind(next, wEraAD) {
		era = -1
		if s.wordKind(next, wEraAD) {
			era = 1
		}
		// "44 B.C." ends with the abbreviation's dot; after "44 BC." the
		// dot is the sentence's.
		if s.tok(next).dotted {
			next = s.dot(next + 1)
		} else {
			next++
		}
	}
	switch {
	case era != 0 || ad:
		if y == 0 {
			return 0, i, false
		}
	case strong:
		if t.ndig < 3 {
			return 0, i, false
		}
	default:
		if t.ndig != 4 || y < 1000 || y > 2199 {
			return 0, i, false
		}
	}
	if era < 0 {
		y = 1 - y // astronomical numbering: 1 BC is year 0
	}
	if n := s.tok(next); n != nil && n.kind == tWord && n.w.kind == wCountNoun {
		return 0, i, false
	}
	if s.wordKind(next, wYearWord) && s.tok(next).lower != "anno" {
		next++
		if len([]rune(s.tok(next-1).lower)) <= 2 {
			next = s.dot(next) // "1858 г.", but not the full stop after "1858 году."
		}
	}
	return y, next, true
}

// styleAt reads a style marker: "O.S.", "Old Style", "(N.S.)", "oude stijl",
// "New Style calendar", "по старому стилю", "Julian".
func (s *scan) styleAt(i int) (cal Calendar, next int, ok bool) {
	j := i
	if t := s.tok(j); t != nil && t.kind == tWord && t.lower == "по" {
		j++
	} else if t != nil && t.kind == tWord && t.w.kind == wOf {
		// "(29th of May of the Russian calendar)"
		if g := s.glue(j); g > j && (s.wordKind(g, wOldStyle) || s.wordKind(g, wNewStyle)) {
			j = g
		}
	}
	t := s.tok(j)
	if cal, k, ok := s.spacedStyle(j); ok {
		return cal, k, true
	}
	if t == nil || t.kind != tWord || (t.w.kind != wOldStyle && t.w.kind != wNewStyle) {
		return "", i, false
	}
	cal = Gregorian
	if t.w.kind == wOldStyle {
		cal = Julian
	}
	k := j + 1
	styled := false
	for s.wordKind(k, wStyleWord) {
		k++
		styled = true
	}
	switch {
	case t.dotted || t.lower == "os" || t.lower == "ns":
		if !t.dotted && !t.upper {
			return "", i, false
		}
		k = s.dot(k)
	case t.lower == "julian" || t.lower == "gregorian" || t.lower == "juliaanse" || t.lower == "gregoriaanse" ||
		t.lower == "juliaans" || t.lower == "gregoriaans" || t.lower == "julien" || t.lower == "grégorien" ||
		t.lower == "gregorien" || t.lower == "julianisch" || t.lower == "gregorianisch":
	default:
		if !styled {
			return "", i, false // "old" or "new" alone is no marker
		}
	}
	return cal, k, true
}

// spacedStyle reads an abbreviated style marker written with a space after
// its first dot: "a. St." (alter Stil), "n. st." (nouveau style), "ст. ст."
// (старого стиля), "O. S.". Both parts are one or two letters, each with
// its dot.
func (s *scan) spacedStyle(j int) (Calendar, int, bool) {
	a, b := s.tok(j), s.tok(j+2)
	if a == nil || b == nil || a.kind != tWord || b.kind != tWord || a.dotted || b.dotted ||
		a.r1-a.r0 > 2 || b.r1-b.r0 > 2 || !s.punct(j+1, '.') || !s.adjacent(j+1) || !s.punct(j+3, '.') || !s.adjacent(j+3) {
		return "", j, false
	}
	w := lookup([]byte(a.lower + "." + b.lower))
	switch w.kind {
	case wOldStyle:
		return Julian, j + 4, true
	case wNewStyle:
		return Gregorian, j + 4, true
	}
	return "", j, false
}

// bracketStyle reads a style marker in brackets or after a comma.
func (s *scan) bracketStyle(i int) (Calendar, int, bool) {
	if s.punct(i, '(', '[') {
		if cal, k, ok := s.styleAt(i + 1); ok && s.punct(k, ')', ']') {
			return cal, k + 1, true
		}
		return "", i, false
	}
	if s.punct(i, ',') {
		if cal, k, ok := s.styleAt(i + 1); ok {
			return cal, k, true
		}
	}
	return s.styleAt(i)
}

// romanValue reads a Roman numeral ("xviii", "xviiie" with a French
// ordinal ending), 0 when it is none.
func romanValue(w string) int {
	for _, suf := range []string{"ème", "eme", "e"} {
		if len(w) > len(suf) && w[len(w)-len(suf):] == suf {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	if len(w) == 0 || len(w) > 9 {
		return 0
	}
	total, prev := 0, 0
	for k := len(w) - 1; k >= 0; k-- {
		v := 0
		switch w[k] {
		case 'i':
			v = 1
		case 'v':
			v = 5
		case 'x':
			v = 10
		case 'l':
			v = 50
		case 'c':
			v = 100
		default:
			return 0
		}
		if v < prev {
			total -= v
		} else {
			total += v
			prev = v
		}
	}
	return total
}

// centuryAt reads a century: "18th century", "17e eeuw", "18.
// Jahrhundert", "XVIIIe siècle", "XVIII век", "seventeenth century",
// "19th-century".
func (s *scan) centuryAt(i int) (r raw, next int, ok bool) {
	t := s.tok(i)
	if t == nil {
		return r, i, false
	}
	n, j := 0, i+1
	switch {
	case t.kind == tNum && t.ndig <= 2 && t.num >= 1 && t.num <= 30:
		n = t.num
		if x := s.tok(j); x != nil && x.kind == tWord && !x.space && ordSuffixes[x.lower] {
			j++
		} else if s.punct(j, '.') && s.adjacent(j) {
			j++
		}
	case t.kind == tWord && t.w.kind == wOrdinalWord:
		n = int(t.w.val)
	case t.kind == tWord && t.upper:
		n = romanValue(t.lower)
		if n < 1 || n > 30 {
			return r, i, false
		}
	default:
		return r, i, false
	}
	if s.dash(j) && s.adjacent(j) {
		j++ // "19th-century"
	}
	c := s.tok(j)
	if c == nil || c.kind != tWord || c.w.kind != wCentury {
		return r, i, false
	}
	if c.lower == "в" && !s.punct(j+1, '.') {
		return r, i, false // Russian "в." is the abbreviation; bare "в" is "in"
	}
	j = s.dot(j + 1)
	era := 0
	if s.wordKind(j, wEraBC) {
		era, j = -1, s.dot(j+1)
	} else if s.wordKind(j, wEraAD) {
		j = s.dot(j + 1)
	}
	r = raw{prec: Century, century: n, hasYear: true, lang: c.w.Lang()}
	if era < 0 {
		r.century = 1 - n // the 1st century BC is ordinal 0
	}
	return r, j, true
}

// decadeAt reads a decade: "1630s", "1680's", "de jaren 1630", "les années
// 1630", "1630er Jahre", "1630-е годы".
func (s *scan) decadeAt(i int) (r raw, next int, ok bool) {
	j := i
	word := false
	if s.wordKind(j, wDecadeWord) {
		word = true
		j++
	}
	t := s.tok(j)
	if t == nil || t.kind != tNum || t.ndig < 3 || t.ndig > 4 || t.num%10 != 0 || s.numberPart(j) {
		return r, i, false
	}
	k := j + 1
	suffixed := false
	if s.punct(k, '\'', '’') && s.adjacent(k) {
		k++
	}
	if s.dash(k) && s.adjacent(k) {
		if x := s.tok(k + 1); x != nil && x.kind == tWord && !x.space && decadeSuffixes[x.lower] {
			k++
		}
	}
	if x := s.tok(k); x != nil && x.kind == tWord && !x.space && decadeSuffixes[x.lower] {
		suffixed = true
		k++
		if x := s.tok(k); x != nil && x.kind == tWord && decadeTail[x.lower] {
			k++
		}
	}
	if !suffixed && !word {
		return r, i, false
	}
	if !suffixed {
		k = j + 1
	}
	return raw{prec: Decade, y: t.num, hasYear: true}, k, true
}

// dayMonthAt reads a day before its month, "16 mei", "28th of May",
// "16 de mayo", and dual days "12/24 February", "12 (24) февраля".
func (s *scan) dayMonthAt(i int) (r raw, alt *raw, next int, ok bool) {
	d, j, ok := s.dayAt(i)
	if !ok {
		return r, nil, i, false
	}
	d2 := 0
	if s.punct(j, '.') && s.adjacent(j) && s.punct(j+1, '/') && s.adjacent(j+1) {
		j++ // German ordinal days: "12./24. Februar 1881"
	}
	switch {
	case s.punct(j, '/'):
		if x, k, ok2 := s.dayAt(j + 1); ok2 {
			d2, j = x, k
		}
	case s.punct(j, '('):
		if x, k, ok2 := s.dayAt(j + 1); ok2 && s.punct(k, ')') {
			d2, j = x, k+1
		}
	}
	k := s.glue(j)
	m, lang, k, ok := s.monthAt(k, false)
	if !ok {
		return r, nil, i, false
	}
	r = raw{prec: Day, d: d, m: m, lang: lang}
	if d2 != 0 {
		a := raw{prec: Day, d: d2, m: m, lang: lang}
		if d2 < d { // "20/2 October": the first figure is in the month before
			r.m = m - 1
			if r.m == 0 {
				r.m = 12
			}
		}
		alt = &a
	}
	return r, alt, k, true
}

// monthDayAt reads a month before its day: "May 28", "February 12th",
// "February 12/24".
func (s *scan) monthDayAt(i int) (r raw, alt *raw, next int, ok bool) {
	m, lang, j, ok := s.monthAt(i, true)
	if !ok {
		return r, nil, i, false
	}
	d, k, ok := s.dayAt(j)
	if !ok {
		return r, nil, i, false
	}
	// "May 1858" is a month and a year, not a day.
	if t := s.tok(j); t.ndig > 2 {
		return r, nil, i, false
	}
	r = raw{prec: Day, d: d, m: m, lang: lang}
	if s.punct(k, '/') {
		if d2, k2, ok2 := s.dayAt(k + 1); ok2 {
			a := raw{prec: Day, d: d2, m: m, lang: lang}
			if d2 < d {
				a.m = m%12 + 1
			}
			alt, k = &a, k2
		}
	}
	return r, alt, k, true
}

// yearAfter reads a year that completes a day-month or a month: "May 28,
// 1858", "16 mei 1858", "16 de mayo de 1858", "May of 1858".
func (s *scan) yearAfter(i int) (y, next int, ok bool) {
	j := i
	if s.punct(j, ',') {
		j++
	} else {
		j = s.glue(j)
	}
	return s.yearAt(j, true)
}

// numericAt reads all-figure dates: ISO "1858-05-28" and "1858-05",
// "28.05.1858", "28/05/1858", "28.V.1858".
func (s *scan) numericAt(i int) (r raw, next int, ok bool) {
	t := s.tok(i)
	if t == nil || t.kind != tNum {
		return r, i, false
	}
	// Year first with dots or slashes: "1999.12.31", "1861/03/03".
	if t.ndig == 4 && s.punct(i+1, '.', '/') && s.adjacent(i+1) && s.adjacent(i+2) {
		sep := s.tok(i + 1).punct
		mt, dt := s.tok(i+2), s.tok(i+4)
		if mt != nil && mt.kind == tNum && mt.ndig <= 2 && s.punct(i+3, sep) && s.adjacent(i+3) && s.adjacent(i+4) &&
			dt != nil && dt.kind == tNum && dt.ndig <= 2 && (ValidDay(Gregorian, t.num, mt.num, dt.num) || ValidDay(Julian, t.num, mt.num, dt.num)) {
			if n := s.tok(i + 5); n == nil || !(n.kind == tNum && !n.space) && !(s.punct(i+5, sep) && s.adjacent(i+5)) {
				return raw{prec: Day, y: t.num, m: mt.num, d: dt.num, hasYear: true}, i + 5, true
			}
		}
	}
	// ISO: year first, hyphens, no spaces.
	if t.ndig == 4 && s.punct(i+1, '-') && s.adjacent(i+1) && s.adjacent(i+2) {
		mt := s.tok(i + 2)
		if mt != nil && mt.kind == tNum && mt.ndig == 2 && mt.num >= 1 && mt.num <= 12 {
			if s.punct(i+3, '-') && s.adjacent(i+3) && s.adjacent(i+4) {
				if dt := s.tok(i + 4); dt != nil && dt.kind == tNum && dt.ndig == 2 && ValidDay(Gregorian, t.num, mt.num, dt.num) {
					return raw{prec: Day, y: t.num, m: mt.num, d: dt.num, hasYear: true}, i + 5, true
				}
			}
			// "1858-05" is a month unless it reads better as a range
			// ("1810-11" is 1810 to 1811).
			if t.num%100 >= mt.num && !(s.punct(i+3, '-') && s.adjacent(i+3)) {
				return raw{prec: Month, y: t.num, m: mt.num, hasYear: true}, i + 3, true
			}
		}
		return r, i, false
	}
	// "16 V 1858": a day, a Roman month and a year, with spaces, as
	// Central European and Russian historians write them.
	if t.ndig <= 2 {
		if mt, yt := s.tok(i+1), s.tok(i+2); mt != nil && yt != nil && mt.kind == tWord && mt.upper && mt.space &&
			yt.kind == tNum && yt.ndig == 4 && yt.space {
			if m := romanValue(mt.lower); m >= 1 && m <= 12 && (ValidDay(Gregorian, yt.num, m, t.num) || ValidDay(Julian, yt.num, m, t.num)) {
				return raw{prec: Day, y: yt.num, m: m, d: t.num, hasYear: true}, i + 3, true
			}
		}
	}
	// Day first: d.m.y, d/m/y, d-m-y, with a Roman month allowed.
	if t.ndig > 2 || !s.punct(i+1, '.', '/', '-') || !s.adjacent(i+1) || !s.adjacent(i+2) {
		return r, i, false
	}
	sep := s.tok(i + 1).punct
	mt := s.tok(i + 2)
	m := 0
	switch {
	case mt == nil:
		return r, i, false
	case mt.kind == tNum && mt.ndig <= 2:
		m = mt.num
	case mt.kind == tWord && mt.upper:
		m = romanValue(mt.lower)
	}
	if m < 1 || m > 12 || !s.punct(i+3, sep) || !s.adjacent(i+3) || !s.adjacent(i+4) {
		return r, i, false
	}
	yt := s.tok(i + 4)
	if yt == nil || yt.kind != tNum || yt.ndig != 4 {
		return r, i, false
	}
	d := t.num
	if mt.kind == tNum && m <= 12 && d <= 12 && sep == '/' && s.lang == "en-us" {
		d, m = m, d
	} else if mt.kind == tNum && m > 12 && d <= 12 {
		d, m = m, d
	}
	if !ValidDay(Gregorian, yt.num, m, d) && !ValidDay(Julian, yt.num, m, d) {
		return r, i, false
	}
	if n := s.tok(i + 5); n != nil && (n.kind == tNum || n.kind == tWord) && n.space == false {
		return r, i, false
	}
	return raw{prec: Day, y: yt.num, m: m, d: d, hasYear: true}, i + 5, true
}

// core reads one date without range, qualifier or marker around it.
func (s *scan) core(i int) (m match, ok bool) {
	m.start = i
	t := s.tok(i)
	if t == nil {
		return m, false
	}
	if t.kind == tWord && t.w.kind == wPart {
		return s.partAt(i)
	}
	if r, k, ok := s.centuryAt(i); ok {
		m.from, m.end = r, k
		return m, true
	}
	if r, k, ok := s.decadeAt(i); ok {
		m.from, m.end = r, k
		return m, true
	}
	if r, k, ok := s.numericAt(i); ok {
		m.from, m.end = r, k
		return m, true
	}
	if r, alt, k, ok := s.dayMonthAt(i); ok {
		m.from, m.alt, m.end = r, alt, k
		// "2 October [O.S. 20 September] 1879": a dual reading in brackets
		// before the year; "19 Feb. (O.S.) 1861": a marker.
		k = s.bracketDual(&m, k)
		if s.punct(k, '(', '[') {
			if st, k2, ok := s.bracketStyle(k); ok {
				m.from.style, k = st, k2
			}
		}
		if !m.from.hasYear && s.punct(k, '/') {
			// "19 February / 3 March 1861": the year once, after the
			// other calendar's day.
			if k2 := s.slashDual(&m, k); k2 > k {
				m.end = k2
				return m, true
			}
		}
		if y, k2, ok := s.yearAfter(k); ok {
			m.from.y, m.from.hasYear, k = y, true, k2
			k = s.doubleYear(&m.from, k)
		}
		k = s.bracketDual(&m, k)
		m.end = s.slashDual(&m, k)
		return m, true
	}
	if r, alt, k, ok := s.monthDayAt(i); ok {
		m.from, m.alt, m.end = r, alt, k
		// "February 19 (March 3), 1861": the other calendar's day in
		// brackets, the year once after both.
		if k2 := s.bracketDual(&m, k); k2 > k {
			if y, k3, ok := s.yearAfter(k2); ok {
				m.from.y, m.from.hasYear, m.end = y, true, k3
				return m, true
			}
			m.end = k2
			return m, true
		}
		if y, k2, ok := s.yearAfter(k); ok {
			m.from.y, m.from.hasYear, m.end = y, true, k2
			m.end = s.doubleYear(&m.from, m.end)
		}
		m.end = s.bracketDual(&m, m.end)
		return m, true
	}
	if t.kind == tWord && t.w.roles&rFeast != 0 && t.w.unit != 0 {
		// "Christmas 1963", "Weihnachten 1914"; alone where a date
		// stands ("by Christmas"), the narrative's year.
		r := raw{prec: Day, m: int(t.w.unit), d: int(t.w.count)}
		if y, k, ok := s.yearAfter(i + 1); ok {
			r.y, r.hasYear = y, true
			m.from, m.end = r, k
			return m, true
		}
		if (t.upper || s.lang != "en" && s.lang != "de") && s.bareContext(i) {
			m.from, m.end = r, i+1
			return m, true
		}
		return m, false
	}
	if t.kind == tWord && t.w.kind == wSeason {
		// "spring 1860", "the winter of 1858", "весной 1858 года": the
		// season's months (winter: December to February), approximate,
		// since writers bound seasons loosely. Alone in a date's place
		// ("in the spring", "during the winter") a season takes its year
		// from the narrative.
		first := [5]int{0, 3, 6, 9, 12}[int(t.w.val)]
		y, k, ok := s.yearAfter(i + 1)
		if !ok {
			if !s.bareContext(i) || s.wordKind(i+1, wOf) && !s.tok(i+1).upper && s.tok(i+1).lower != "the" && s.tok(i+1).lower != "de" {
				return m, false // "the fall of Saigon"
			}
			k = i + 1
		}
		m.from = raw{prec: Month, m: first, y: y, hasYear: ok, qual: Approximate, season: int(t.w.val)}
		last, ly := first+2, y
		if last > 12 {
			last, ly = last-12, y+1
		}
		m.to = raw{prec: Month, m: last, y: ly, hasYear: ok, qual: Approximate}
		m.interval, m.end = true, k
		if yw := s.tok(k); ok && yw != nil && yw.kind == tWord && yw.w.kind == wYearWord {
			m.end = k + 1
			if len([]rune(yw.lower)) <= 2 {
				m.end = s.dot(k + 1)
			}
		}
		return m, true
	}
	if mo, lang, k, ok := s.monthAt(i, true); ok {
		if y, k2, ok := s.yearAfter(k); ok {
			m.from = raw{prec: Month, m: mo, y: y, hasYear: true, lang: lang}
			m.end = k2
			return m, true
		}
		// "in September", "by early October": a month alone in a date's
		// place takes its year from the narrative.
		if s.bareContext(i) {
			m.from = raw{prec: Month, m: mo, lang: lang}
			m.end = k
			return m, true
		}
		return m, false
	}
	if y, k, ok := s.yearAt(i, false); ok {
		m.from = raw{prec: Year, y: y, hasYear: true}
		m.end = k
		// "1861, 19 февр.": the year first, then the day and month, as
		// archives and Russian letters date.
		if s.punct(k, ',') {
			if r, _, k2, ok := s.dayMonthAt(k + 1); ok && !r.hasYear && r.prec == Day {
				r.y, r.hasYear = y, true
				m.from, m.end = r, k2
			}
		}
		return m, true
	}
	return m, false
}

// bracketDual reads "(February 24, New Style calendar)", "[O.S. 20
// September]" or "(16 May O.S.)" after a day: the same day in the other
// calendar. It records the reading in m and returns where it stopped.
func (s *scan) bracketDual(m *match, i int) int {
	if m.alt != nil || m.from.prec != Day || !s.punct(i, '(', '[') {
		return i
	}
	closer := ')'
	if s.tok(i).punct == '[' {
		closer = ']'
	}
	j := i + 1
	style, j2, marked := s.styleAt(j)
	if marked {
		j = j2
	}
	var a raw
	var ok bool
	if a, _, j, ok = s.dayMonthAt(j); !ok {
		if a, _, j, ok = s.monthDayAt(j); !ok {
			return i
		}
	}
	if y, k, ok := s.yearAfter(j); ok {
		a.y, a.hasYear, j = y, true, k
	}
	if !marked {
		if st, k, ok := s.bracketStyle(j); ok {
			style, marked, j = st, true, k
		}
	}
	if !s.punct(j, closer) {
		return i
	}
	a.style = style
	m.alt, m.altMarked = &a, marked
	return j + 1
}

// slashDual reads "/ 10 January 1700" after "31 December 1699": the same
// day written in full in the other calendar.
func (s *scan) slashDual(m *match, i int) int {
	if m.alt != nil || m.from.prec != Day || !s.punct(i, '/') {
		return i
	}
	a, _, j, ok := s.dayMonthAt(i + 1)
	if !ok {
		if a, _, j, ok = s.monthDayAt(i + 1); !ok {
			return i
		}
	}
	y, j, ok := s.yearAfter(j)
	if !ok {
		return i
	}
	a.y, a.hasYear = y, true
	if !m.from.hasYear {
		// "19 December / 1 January 1862": the first day in the year
		// before when its month comes later.
		m.from.y, m.from.hasYear = y, true
		if m.from.m > a.m+6 {
			m.from.y--
		}
	}
	if st, k, ok := s.bracketStyle(j); ok {
		a.style, j = st, k
	}
	m.alt = &a
	return j
}

// doubleYear reads the English double year of dates between 1 January
// and 24 March before 1752, when the civil year began on 25 March:
// "11 February 1731/32" is 11 February 1732 (Old Style) with the year
// counted from 1 January.
func (s *scan) doubleYear(r *raw, i int) int {
	if !s.punct(i, '/') || !s.adjacent(i) || !s.adjacent(i+1) || r.m > 3 {
		return i
	}
	t := s.tok(i + 1)
	if t == nil || t.kind != tNum {
		return i
	}
	next := r.y + 1
	if !(t.ndig == 4 && t.num == next || t.ndig == 2 && t.num == next%100 || t.ndig == 1 && t.num == next%10) {
		return i
	}
	r.y = next
	if r.style == "" {
		r.style = Julian
	}
	return i + 2
}

// partAt reads a stretch of a period: "early 1850", "mid-19th century",
// "late 1840s", "begin mei 1858", "in de tweede helft van de 17e eeuw",
// "the first half of the 18th century".
func (s *scan) partAt(i int) (m match, ok bool) {
	t := s.tok(i)
	part := int(t.w.val)
	j := i + 1
	if part == partFirstHalf || part == partSecondHalf {
		x := s.tok(j)
		if x == nil || x.kind != tWord || !halfWords[x.lower] {
			return m, false
		}
		j++
	} else if s.dash(j) && s.adjacent(j) {
		j++ // "mid-19th century"
	}
	j = s.glue(j)
	inner, ok := s.core(j)
	if !ok || inner.interval || inner.alt != nil || inner.from.prec == Day || inner.from.part != 0 || !inner.from.hasYear && inner.from.prec != Month {
		return m, false
	}
	inner.start = i
	inner.from.part = part
	if part != partFirstHalf && part != partSecondHalf {
		inner.from.qual |= Approximate
	}
	return inner, true
}

// single reads one date with the qualifiers and markers around it.
func (s *scan) single(i int) (m match, ok bool) {
	j := i
	var qual Qualifiers
	if t := s.tok(j); t != nil && t.kind == tWord && t.w.kind == wApprox {
		k := j + 1
		if s.punct(k, '.') && s.adjacent(k) {
			k++
		} else if t.lower == "c" {
			return m, false // "c" alone is a letter, "c." is circa
		}
		qual |= Approximate
		j = k
	}
	var style Calendar
	if st, k, ok := s.styleAt(j); ok {
		style, j = st, k
	}
	m, ok = s.core(j)
	if !ok {
		return m, false
	}
	m.start = i
	m.from.qual |= qual
	if style == "" {
		if st, k, ok := s.bracketStyle(m.end); ok {
			style, m.end = st, k
		}
	}
	if style != "" {
		m.from.style = style
	}
	m.end = s.uncertainty(&m.from, m.end)
	return m, true
}

// uncertainty reads "?" or "(?)" after a date.
func (s *scan) uncertainty(r *raw, i int) int {
	if s.punct(i, '?') && s.adjacent(i) {
		r.qual |= Uncertain
		return i + 1
	}
	if s.punct(i, '(') && s.punct(i+1, '?') && s.punct(i+2, ')') {
		r.qual |= Uncertain
		return i + 3
	}
	return i
}

// partial reads the first end of a range, which may leave out what the
// second end supplies: "12–14 May 1858", "16 May – 3 June 1858",
// "May–June 1858", "May 12–14, 1858".
func (s *scan) partial(i int) (m match, ok bool) {
	if m, ok := s.single(i); ok {
		return m, true
	}
	m.start = i
	if d, k, ok := s.dayAt(i); ok && s.dash(k) {
		m.from, m.end = raw{prec: Day, d: d}, k
		return m, true
	}
	if mo, lang, k, ok := s.monthAt(i, true); ok {
		m.from, m.end = raw{prec: Month, m: mo, lang: lang}, k
		return m, true
	}
	return m, false
}

// rangeAt reads an interval: "1862–77", "From 1850 to 1864", "between
// 1727 and 1728", "van 1850 tot 1864", "12–14 May 1858", "since 1871".
func (s *scan) rangeAt(i int) (m match, ok bool) {
	t := s.tok(i)
	if t == nil {
		return m, false
	}
	j := i
	opener := wordKind(0)
	if t.kind == tWord && (t.w.kind == wRangeFrom || t.w.kind == wBetween || t.w.kind == wSince || t.w.kind == wBefore || t.w.kind == wAfter) {
		opener = t.w.kind
		j = s.glue(j + 1) // "since the 1850s", "nach dem 12. Februar"
	}
	a, ok := s.partial(j)
	if !ok {
		return m, false
	}
	if opener == wSince || opener == wBefore || opener == wAfter {
		if !a.from.hasYear || a.interval || a.alt != nil {
			return m, false
		}
		a.start, a.interval = i, true
		switch opener {
		case wSince:
			a.openEnd = true
		case wBefore:
			a.before = true
		case wAfter:
			a.after = true
		}
		return a, true
	}
	if a.interval || a.alt != nil {
		return m, false
	}
	k := a.end
	conn := s.tok(k)
	switch {
	case conn == nil:
		return m, false
	case s.dash(k) || s.punct(k, '/') && opener == 0 && a.from.prec == Year:
	case opener == wRangeFrom && conn.kind == tWord && conn.w.kind == wRangeTo:
	case opener == wBetween && conn.kind == tWord && conn.w.kind == wAnd:
	default:
		return m, false
	}
	if opener != 0 && s.dash(k) {
		// "van 1686-1687": a dash makes the range by itself, and the word
		// before it may mean "of".
		i = j
	}
	k++
	// A year followed by a short year: "1862–77", "1858–60".
	if a.from.prec == Year && a.from.hasYear {
		if n := s.tok(k); n != nil && n.kind == tNum && n.ndig <= 2 && !s.numberPart(k) {
			if _, _, _, isMonth := s.monthAt(k+1, false); !isMonth {
				base := 10
				if n.ndig == 2 {
					base = 100
				}
				y := a.from.y - a.from.y%base + n.num
				if y > a.from.y {
					m = a
					m.start, m.interval, m.end = i, true, k+1
					m.to = raw{prec: Year, y: y, hasYear: true}
					m.end = s.uncertainty(&m.to, m.end)
					return m, true
				}
			}
		}
	}
	if opener != 0 {
		k = s.glue(k) // "from the 1850s to the 1860s"
	}
	b, ok := s.single(k)
	if !ok || b.interval {
		// "May 12–14, 1858": the second end is a day and a year.
		if a.from.prec == Day && a.from.m != 0 && !a.from.hasYear {
			if d, k2, ok := s.dayAt(k); ok {
				if y, k3, ok := s.yearAfter(k2); ok {
					b = match{start: k, end: k3, from: raw{prec: Day, d: d, m: a.from.m, y: y, hasYear: true, lang: a.from.lang}}
					return s.joinRange(i, a, b)
				}
			}
		}
		return m, false
	}
	return s.joinRange(i, a, b)
}

// joinRange completes the first end of a range from the second and checks
// their order.
func (s *scan) joinRange(i int, a, b match) (match, bool) {
	f, t := a.from, b.from
	if !f.hasYear && !t.hasYear && f.prec == Month && t.prec == Month && f.m < t.m {
		// "from May to July", "between March and June": both take the
		// year of the narrative.
		return match{start: i, end: b.end, from: f, to: t, interval: true}, true
	}
	if !f.hasYear {
		if !t.hasYear || t.prec > Month {
			return match{}, false
		}
		f.y, f.hasYear = t.y, true
		if f.prec == Day && f.m == 0 {
			if t.prec != Day {
				return match{}, false
			}
			f.m = t.m
		}
		if f.style == "" {
			f.style = t.style
		}
	}
	if t.style == "" {
		t.style = f.style
	}
	m := match{start: i, end: b.end, from: f, to: t, interval: true}
	if !before(f, t) {
		return match{}, false
	}
	return m, true
}

// before reports whether raw date a does not start after b (on figures).
func before(a, b raw) bool {
	ka := [3]int{a.y, a.m, a.d}
	kb := [3]int{b.y, b.m, b.d}
	if a.prec == Century {
		ka = [3]int{(a.century - 1) * 100}
	}
	if b.prec == Century {
		kb = [3]int{(b.century-1)*100 + 99, 12, 31}
	}
	for n := 0; n < 3; n++ {
		if ka[n] != kb[n] {
			return ka[n] < kb[n]
		}
	}
	return true
}

// at reads the longest date mention that starts at token i.
func (s *scan) at(i int) (match, bool) {
	if m, ok := s.rangeAt(i); ok {
		return m, true
	}
	return s.single(i)
}

// startsDate is a cheap test of whether a date can start at token i.
func startsDate(toks []token, i int) bool {
	t := &toks[i]
	switch t.kind {
	case tNum:
		return true
	case tWord:
		switch t.w.kind {
		case wMonth, wOrdinalWord:
			return true
		case wSeason:
			return true
		case 0:
			if t.w.roles&rFeast != 0 {
				return true
			}
		case wApprox, wPart, wRangeFrom, wBetween, wSince, wBefore, wAfter, wDecadeWord, wOldStyle, wNewStyle, wEraAD, wYearWord:
			// These words lead a date only when figures or a month soon
			// follow ("from 1850", "the first half of the 18th century").
			for k := i + 1; k < len(toks) && k <= i+6; k++ {
				n := &toks[k]
				if n.kind == tNum || n.kind == tWord && (n.w.kind == wMonth || n.w.kind == wOrdinalWord || n.w.kind == wCentury) {
					return true
				}
			}
			return false
		}
		// A Roman century: "XVIIIe siècle", "XVIII век".
		return t.upper && i+1 < len(toks) && toks[i+1].w.kind == wCentury && romanValue(t.lower) > 0
	}
	return false
}

// fullMonthNames are the months' names written out (each language's first
// form): a full stop after one ends the sentence, not an abbreviation.
var fullMonthNames = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range lang.All() {
		for _, forms := range l.Dates.Months {
			if len(forms) > 0 {
				m[forms[0]] = true
			}
		}
	}
	return m
}()
