package histdate

import (
	"fmt"
	"strconv"
	"strings"

	"treatyline/lang"
)

// Narrative dates: a history is told from date to date. Besides the dates
// written in full, Find reads
//
//   - a month or a season written alone in a date's place ("in September",
//     "by early October", "during the winter"), which take their year from
//     the dates before them;
//   - relative dates ("the following year", "that summer", "two days
//     later", "a year earlier"), reckoned from the last date before them
//     when that date is precise enough, and otherwise kept with their
//     relation;
//   - durations ("six years", "for three months", "a month and a half"),
//     as ISO 8601 durations;
//   - words that point at the time of writing or away from it ("now",
//     "currently", "recently", "former", "the future"), as TIMEX2 marks
//     them.
//
// The words are each language's (package lang); the rules are the
// language's grammar of such phrases, not any text's sentences.

// Roles of words in narrative dates.
const (
	rNext    uint32 = 1 << iota // "following", "next": one period on
	rPrev                       // "previous", "preceding": one period back
	rSame                       // "that", "this", "same": the period named before
	rLater                      // "later": after a count of units, on from the anchor
	rEarlier                    // "earlier": after a count, back from the anchor
	rAgo                        // "ago": after a count, back from the time of writing
	rUnit                       // a period: day, week, month, year, decade, century
	rCount                      // a number word; count holds it
	rFew                        // "several", "a few": a vague count
	rContext                    // a word that makes a month or season alone a date
	rPhrase                     // the first word of a phrase of several words
	rPresent                    // "now", "currently"
	rPastRef                    // "recently", "former"
	rFuture                     // "future"
	rVague                      // "time", "period": a stretch with no unit
	rPlural                     // a unit in the plural: "days", "jaren"
	rAge                        // "old", "of age": after a duration that is an age
	rSet                        // "daily", "every year": a recurring time; unit says which
	rBound                      // "over", "almost", "about": before a count
	rDayPart                    // "morning", "night": unit holds 1 morning .. 4 night
	rFor                        // "for", "during": before a duration
	rWeekday                    // "Monday": unit holds 1 Monday .. 7 Sunday
	rFeast                      // "Christmas": unit holds the month, count the day
)

// Units of narrative dates, in the order of lang.PeriodUnits.
const (
	uDay = iota + 1
	uWeek
	uMonth
	uYear
	uDecade
	uCentury
	uHour
	uMinute
)

// phrase is a narrative phrase of several words ("a few", "at present",
// "plus tard", "and a half").
type phrase struct {
	words []string
	role  uint32
	unit  uint8 // the unit of a set: "every year"
}

// phrases are the phrases of several words, by first word: the word's
// ph indexes phraseLists (0: none), and phraseRoles holds the roles of a
// list's phrases, so that most words are passed over without a look.
var (
	phrases     = map[string][]phrase{}
	phraseLists = [][]phrase{nil}
	phraseRoles = []uint32{0}
)

// vagueUnits name a stretch of time with no unit; they make a relative
// mention only after "that", "this", "the same".
var vagueUnits = map[string][]string{"en": {"time", "period"}, "nl": {"tijd", "periode"},
	"de": {"zeit", "zeitpunkt", "periode"}, "fr": {"époque", "période", "moment"}, "ru": {"время", "период"}}

func setRole(f string, role uint32, unit uint8, count int16) {
	w := lexicon[f]
	w.roles |= role
	if unit != 0 {
		w.unit = unit
	}
	if role == rCount {
		w.count = count
	}
	lexicon[f] = w
}

// addNarrative gives the words of narrative dates their roles.
func addNarrative(all []*lang.Language) {
	put := func(role uint32, forms []string) {
		for _, f := range forms {
			if ws := strings.Fields(f); len(ws) > 1 {
				phrases[ws[0]] = append(phrases[ws[0]], phrase{words: ws, role: role})
				setRole(ws[0], rPhrase, 0, 0)
				continue
			}
			setRole(f, role, 0, 0)
		}
	}
	for _, l := range all {
		r := &l.Dates.Relative
		put(rNext, r.Next)
		put(rPrev, r.Previous)
		put(rSame, r.Same)
		put(rLater, r.Later)
		put(rEarlier, r.Earlier)
		put(rAgo, r.Ago)
		put(rFew, r.Few)
		put(rPresent, r.Present)
		put(rPastRef, r.Past)
		put(rFuture, r.Future)
		put(rContext, l.Dates.Context)
		for _, f := range r.AndAHalf {
			ws := strings.Fields(f)
			phrases[ws[0]] = append(phrases[ws[0]], phrase{words: ws, role: rCount})
			setRole(ws[0], rPhrase, 0, 0)
		}
		li := langIndex(string(l.Code))
		for i, u := range lang.PeriodUnits {
			for _, f := range r.Units[u] {
				setRole(f, rUnit, uint8(i+1), 0)
				w := lexicon[f]
				if w.ulang == 0 || w.ulang == li {
					w.ulang = li
				} else {
					w.ulang = anyLang
				}
				lexicon[f] = w
			}
		}
		for _, n := range l.Numbers {
			if (n.Kind == lang.Small || n.Kind == lang.Article) && n.Value == float64(int(n.Value)) && n.Value <= 100 {
				for _, f := range n.Forms {
					setRole(f, rCount, 0, int16(n.Value))
				}
			}
		}
		put(rVague, vagueUnits[string(l.Code)])
		put(rAge, r.Age)
		for md, forms := range l.Dates.Feasts {
			var mo, dd int
			fmt.Sscanf(md, "%d-%d", &mo, &dd)
			for _, f := range forms {
				w := lexicon[f]
				w.roles |= rFeast
				w.unit, w.count = uint8(mo), int16(dd)
				lexicon[f] = w
			}
		}
		for i, forms := range l.Dates.Weekdays {
			if len(forms) > 0 {
				setRole(forms[0], rWeekday, uint8(i+1), 0)
			}
		}
		for i, forms := range l.Dates.DayParts {
			for _, f := range forms {
				setRole(f, rDayPart, uint8(i+1), 0)
			}
		}
		for i, u := range lang.PeriodUnits {
			for _, f := range r.Plurals[u] {
				setRole(f, rPlural, 0, 0)
			}
			for _, f := range r.Sets[u] {
				if ws := strings.Fields(f); len(ws) > 1 {
					phrases[ws[0]] = append(phrases[ws[0]], phrase{words: ws, role: rSet, unit: uint8(i + 1)})
					setRole(ws[0], rPhrase, 0, 0)
					continue
				}
				setRole(f, rSet, uint8(i+1), 0)
			}
		}
		for b, forms := range l.Quantities.Bounds {
			if b != lang.Additive {
				put(rBound, forms)
			}
		}
	}
	for _, f := range lang.Common().Quantities.Bounds[lang.About] {
		if f != "" && isLetter([]rune(f)[0]) && !strings.Contains(f, ".") {
			put(rBound, []string{f})
		}
	}
	for _, l := range all {
		for _, f := range l.Dates.Relative.For {
			if !strings.Contains(f, " ") {
				setRole(f, rFor, 0, 0)
			}
		}
	}
	for first, ps := range phrases {
		w := lexicon[first]
		w.ph = uint16(len(phraseLists))
		var roles uint32
		for _, p := range ps {
			roles |= p.role
		}
		phraseLists = append(phraseLists, ps)
		phraseRoles = append(phraseRoles, roles)
		lexicon[first] = w
	}
}

// hasPhrase reports the role of a phrase of several words that starts at
// token i and where it ends, when one does.
func (s *scan) hasPhrase(i int, role uint32) (int, bool) {
	t := s.tok(i)
	if t == nil || t.kind != tWord || phraseRoles[t.w.ph]&role == 0 {
		return i, false
	}
	for _, p := range phraseLists[t.w.ph] {
		if p.role&role == 0 {
			continue
		}
		k, ok := i+1, true
		for _, w := range p.words[1:] {
			// An elided word ("l'avenir", "aujourd'hui") is split at the
			// apostrophe by the tokenizer.
			if s.punct(k, '\'', '’') && s.adjacent(k) {
				k++
			}
			n := s.tok(k)
			if n == nil || n.kind != tWord || n.lower != w || n.nl && n.para {
				ok = false
				break
			}
			k++
		}
		if ok {
			return k, true
		}
	}
	return i, false
}

// setAt reads a recurring time at token i: "daily", "every year".
func (s *scan) setAt(i int) (unit, next int, ok bool) {
	t := s.tok(i)
	if t == nil || t.kind != tWord {
		return 0, i, false
	}
	if t.w.roles&rSet != 0 && t.w.unit != 0 {
		return int(t.w.unit), i + 1, true
	}
	if phraseRoles[t.w.ph]&rSet == 0 {
		return 0, i, false
	}
	for _, p := range phraseLists[t.w.ph] {
		if p.role != rSet {
			continue
		}
		k, ok := i+1, true
		for _, w := range p.words[1:] {
			n := s.tok(k)
			if n == nil || n.kind != tWord || n.lower != w {
				ok = false
				break
			}
			k++
		}
		if ok {
			return int(p.unit), k, true
		}
	}
	return 0, i, false
}

// role reports whether token i is a word of the role, alone or as the
// start of a phrase of it, and where the word or phrase ends.
func (s *scan) role(i int, role uint32) (int, bool) {
	t := s.tok(i)
	if t == nil || t.kind != tWord {
		return i, false
	}
	if k, ok := s.hasPhrase(i, role); ok {
		return k, true
	}
	if t.w.roles&role != 0 {
		return i + 1, true
	}
	return i, false
}

// narr is a narrative mention as read, before it is reckoned.
type narr struct {
	start, end int
	kind       MentionKind
	ref        string
	dir        int     // +1 on, -1 back, 0 the same period
	count      float64 // units counted: 1 for "the following year"
	vague      bool    // a vague count: "several years", "a few days later"
	unit       int     // uDay ... ; 0 with season or month
	season     int     // 1 spring .. 4 winter
	month      int
	ago        bool // counted back from the time of writing
	part       int  // partEarly ...: "the end of the year"
	dayPart    int  // 1 morning .. 4 night: "that morning"
	weekday    int  // 1 Monday .. 7 Sunday: "on Thursday"
	noUnit     bool // "that time": no unit to reckon with
}

// countAt reads a count before a unit: figures ("14"), a number word
// ("two", "a"), a vague count ("several", "a few"), with "and a half"
// ("two and a half").
func (s *scan) countAt(i int) (n float64, vague bool, next int, ok bool) {
	t := s.tok(i)
	if t == nil {
		return 0, false, i, false
	}
	switch {
	case t.kind == tNum && t.ndig <= 3 && t.num > 0 && !s.numberPart(i):
		n, next = float64(t.num), i+1
		// "22.8 years"
		if s.punct(next, '.') && s.adjacent(next) && s.adjacent(next+1) {
			if f := s.tok(next + 1); f != nil && f.kind == tNum && f.ndig <= 2 && s.unitAt(next+2) {
				n += float64(f.num) / float64([3]int{1, 10, 100}[f.ndig])
				next += 2
			}
		}
	case t.kind == tWord:
		if k, ok := s.role(i, rFew); ok {
			return 0, true, k, true
		}
		if t.w.roles&rCount == 0 {
			return 0, false, i, false
		}
		n, next = float64(t.w.count), i+1
	default:
		return 0, false, i, false
	}
	if k, ok := s.hasPhrase(next, rCount); ok { // "two and a half years"
		if s.unitAt(k) {
			n, next = n+0.5, k
		}
	}
	return n, false, next, true
}

// starters are the roles of words that may begin a narrative mention.
const starters = rNext | rPrev | rSame | rLater | rEarlier | rAgo | rUnit | rCount | rFew | rPresent | rPastRef | rFuture | rSet | rBound

// mayStartNarrative is the cheap test Find applies before narrativeAt:
// most words of a text begin no narrative mention.
func (s *scan) mayStartNarrative(i int) bool {
	t := &s.toks[i]
	switch t.kind {
	case tNum:
		// "14 months", "2 and a half years"
		n := s.tok(i + 1)
		return n != nil && (n.kind == tWord && (n.w.roles&rUnit != 0 || n.w.ph != 0 || n.w.roles == 0) || n.kind == tPunct && (n.punct == '.' || n.punct == '-'))
	case tWord:
		if t.w.roles&(starters|rDayPart|rWeekday) != 0 || phraseRoles[t.w.ph]&starters != 0 || t.w.kind == wPart {
			return true
		}
		if t.w.kind == wOf {
			// "the following year", "l'année suivante"
			n := s.tok(i + 1)
			return n != nil && n.kind == tWord && n.w.roles&(rNext|rPrev|rSame|rUnit) != 0
		}
	}
	return false
}

// narrativeAt reads a relative date, a duration or a reference to the
// time of writing at token i.
func (s *scan) narrativeAt(i int) (nm narr, ok bool) {
	t := s.tok(i)
	if t == nil || t.kind != tWord && t.kind != tNum {
		return nm, false
	}
	nm.start = i
	// "now", "at present", "the future", "former".
	for _, r := range []struct {
		role uint32
		ref  string
	}{{rPresent, "PRESENT_REF"}, {rPastRef, "PAST_REF"}, {rFuture, "FUTURE_REF"}} {
		if k, ok := s.role(i, r.role); ok {
			nm.kind, nm.ref, nm.end = KindReference, r.ref, k
			return nm, true
		}
	}
	if u, k, ok := s.setAt(i); ok {
		nm.kind, nm.unit, nm.count, nm.end = KindSet, u, 1, k
		return nm, true
	}
	// "later that month", "earlier that year".
	if t.kind == tWord && t.w.roles&(rLater|rEarlier) != 0 {
		if x, ok := s.narrativeAt(i + 1); ok && x.kind == KindRelative && x.dir == 0 {
			x.start = i
			return x, true
		}
	}
	// "over nine months", "almost two decades earlier", "about a year".
	if k, ok := s.role(i, rBound); ok {
		if x, ok := s.narrativeAt(k); ok && (x.kind == KindDuration || x.kind == KindRelative && x.count != 0 && x.unit != 0) && x.start == k {
			if _, _, _, ok := s.countAt(k); ok {
				x.start = i
				return x, true
			}
		}
	}
	// "vor zwei Jahren", "il y a deux ans": ago before the count;
	// "через два месяца", "спустя два дня": later before it.
	for _, r := range []uint32{rAgo, rLater} {
		if k, ok := s.role(i, r); ok && k > i {
			if x, ok := s.narrativeAt(k); ok && x.kind == KindDuration && x.start == k && !x.vague {
				x.kind, x.start, x.dir, x.ago = KindRelative, i, 1, r == rAgo
				if r == rAgo {
					x.dir = -1
				}
				return x, true
			}
		}
	}
	// "l'année suivante", "le mois précédent", "het jaar daarna": the
	// word of order after the unit.
	if s.unitAt(i) && t.w.roles&rPlural == 0 {
		if x := s.tok(i + 1); x != nil && x.kind == tWord && x.w.roles&(rNext|rPrev) != 0 && x.w.roles&rUnit == 0 && !x.nl {
			nm.kind, nm.unit, nm.count, nm.end = KindRelative, int(t.w.unit), 1, i+2
			nm.dir = 1
			if x.w.roles&rPrev != 0 {
				nm.dir = -1
			}
			if s.punct(i-1, '\'', '’') && s.adjacent(i) && articleBefore(s, i-1) {
				nm.start = i - 2 // "l'année"
			} else if articleBefore(s, i) {
				nm.start = i - 1
			}
			return nm, true
		}
	}
	// "for months", "years of war": a unit in the plural alone.
	if s.unitAt(i) && t.w.roles&rPlural != 0 && !(s.tok(i-1) != nil && s.tok(i-1).kind == tWord && s.tok(i-1).w.roles&rDayPart != 0) {
		nm.kind, nm.vague, nm.unit, nm.end = KindDuration, true, int(t.w.unit), i+1
		return nm, true
	}
	// "the end of the year", "early that month", "later in the year": a
	// part of the period the narrative stands in.
	if t.kind == tWord && (t.w.kind == wPart && t.w.val != partFirstHalf && t.w.val != partSecondHalf || t.w.roles&(rLater|rEarlier) != 0) {
		j := i + 1
		if s.dash(j) && s.adjacent(j) {
			j++
		}
		for n := 0; n < 3 && j < len(s.toks); n++ {
			x := &s.toks[j]
			if x.kind != tWord || x.w.kind != wOf && x.w.roles&rContext == 0 || x.w.roles&(rSame|rNext|rPrev) != 0 {
				break
			}
			j++
		}
		if x, ok := s.narrativeAt(j); ok && x.kind == KindRelative && x.season == 0 && x.month == 0 && x.dayPart == 0 &&
			(x.unit == uYear || x.unit == uMonth) && x.count <= 1 {
			x.start = i
			if articleBefore(s, i) {
				x.start = i - 1
			}
			switch {
			case t.w.kind == wPart:
				x.part = int(t.w.val)
			case t.w.roles&rLater != 0:
				x.part = partLate
			default:
				x.part = partEarly
			}
			return x, true
		}
		// "the year", "the month" after a part: the narrative's own.
		if u := s.tok(j); u != nil && j > i+1 && s.unitAt(j) && u.w.roles&rPlural == 0 && (u.w.unit == uYear || u.w.unit == uMonth) && (articleBefore(s, j) || s.wordKind(j-1, wOf)) {
			x := narr{start: i, end: j + 1, kind: KindRelative, unit: int(u.w.unit), part: int(t.w.val)}
			if t.w.kind != wPart {
				x.part = partLate
				if t.w.roles&rEarlier != 0 {
					x.part = partEarly
				}
			}
			if articleBefore(s, i) {
				x.start = i - 1
			}
			return x, true
		}
	}
	// "on Thursday": the day of that name nearest the narrative's day. A
	// weekday before a date ("Monday, 9 November 1939") is left to it.
	if t.kind == tWord && t.w.roles&rWeekday != 0 && (t.upper || s.lang != "" && s.lang != "en" && s.lang != "de" && !strings.HasPrefix(s.lang, "en-")) {
		k := i + 1
		if s.punct(k, ',') {
			k++
		}
		if k >= len(s.toks) || !startsDate(s.toks, k) {
			nm.kind, nm.unit, nm.weekday, nm.end = KindRelative, uDay, int(t.w.unit), i+1
			return nm, true
		}
	}
	// "at night", "during the night", "in the morning": a part of a day
	// the narrative does not date.
	if t.kind == tWord && t.w.roles&rDayPart != 0 && !s.dayPartOf(i) && (articleBefore(s, i) || s.tok(i-1) != nil && s.tok(i-1).kind == tWord && s.tok(i-1).w.roles&rContext != 0) {
		nm.kind, nm.unit, nm.dayPart, nm.end, nm.noUnit = KindRelative, uDay, int(t.w.unit), i+1, true
		if articleBefore(s, i) {
			nm.start = i - 1
		}
		return nm, true
	}
	j := i
	if t.kind == tWord && t.w.kind == wOf && t.w.roles&(rSame|rNext|rPrev) == 0 {
		if !articles[t.lower] {
			return nm, false // "im selben Monat": the preposition stays out
		}
		j++ // "the following year": the article belongs to the phrase
	}
	if x := s.tok(j); x != nil && x.kind == tWord && x.w.roles&(rNext|rPrev|rSame) != 0 {
		switch {
		case x.w.roles&rNext != 0:
			nm.dir, nm.count = 1, 1
		case x.w.roles&rPrev != 0:
			nm.dir, nm.count = -1, 1
		}
		k := j + 1
		if y := s.tok(k); y != nil && y.kind == tWord && y.w.roles&rSame != 0 && x.w.roles&rSame != 0 {
			k++ // "that same year"
		}
		// "the next three months": a duration.
		if n, vague, k2, ok := s.countAt(k); ok && (n > 1 || vague) {
			if u := s.tok(k2); s.unitAt(k2) {
				nm.kind, nm.count, nm.vague, nm.unit, nm.end = KindDuration, n, vague, int(u.w.unit), k2+1
				return nm, true
			}
		}
		u := s.tok(k)
		if u == nil || u.kind != tWord || u.nl {
			return nm, false
		}
		switch {
		case s.unitAt(k) && u.w.roles&rPlural != 0 && x.w.roles&rSame == 0:
			// "the following days", "the previous weeks": a stretch of
			// some units.
			nm.kind, nm.vague, nm.unit, nm.end = KindDuration, true, int(u.w.unit), k+1
			return nm, true
		case s.unitAt(k):
			nm.unit = int(u.w.unit)
		case u.w.roles&rDayPart != 0:
			nm.unit, nm.dayPart = uDay, int(u.w.unit) // "that morning", "the next night"
		case u.w.kind == wSeason:
			nm.season = int(u.w.val)
		case u.w.kind == wMonth && s.monthAlone(k):
			nm.month = int(u.w.val)
		case u.w.roles&rVague != 0 && x.w.roles&rSame != 0:
			nm.noUnit = true
		default:
			return nm, false
		}
		nm.kind, nm.end = KindRelative, k+1
		return nm, true
	}
	// "two days later", "a year earlier", "ten years ago", "six years",
	// "a month and a half".
	n, vague, k, ok := s.countAt(i)
	if !ok {
		return nm, false
	}
	if !vague && s.dash(k) && s.adjacent(k) && s.adjacent(k+1) && s.unitAt(k+1) {
		k++ // "a ten-day siege", "the 46-day campaign"
	} else if a := s.tok(k); a != nil && a.kind == tWord && a.w.kind == 0 && a.w.roles == 0 && !a.upper && s.unitAt(k+1) && s.tok(k+1).w.roles&rPlural != 0 {
		k++ // "two full days", "two bloody weeks"
	}
	u := s.tok(k)
	if !s.unitAt(k) {
		return nm, false
	}
	nm.count, nm.vague, nm.unit = n, vague, int(u.w.unit)
	k++
	if k2, ok := s.hasPhrase(k, rCount); ok && !vague { // "a month and a half"
		nm.count += 0.5
		k = k2
	}
	switch {
	case s.isRole(k, rLater):
		nm.kind, nm.dir, nm.end = KindRelative, 1, s.roleEnd(k, rLater)
	case s.isRole(k, rEarlier):
		nm.kind, nm.dir, nm.end = KindRelative, -1, s.roleEnd(k, rEarlier)
	case s.isRole(k, rAgo):
		nm.kind, nm.dir, nm.ago, nm.end = KindRelative, -1, true, s.roleEnd(k, rAgo)
	default:
		nm.kind, nm.end = KindDuration, k
		if k2, ok := s.role(k, rAge); ok { // "26 years old", "26 years of age"
			nm.end = k2
		}
	}
	return nm, true
}

func (s *scan) isRole(i int, role uint32) bool { _, ok := s.role(i, role); return ok }

func (s *scan) roleEnd(i int, role uint32) int { k, _ := s.role(i, role); return k }

// afterFor reports whether a duration word ("for", "during") stands right
// before token i.
func (s *scan) afterFor(i int) bool {
	p := s.tok(i - 1)
	return p != nil && p.kind == tWord && p.w.roles&rFor != 0
}

// fullMonth reports whether token i is a month's name written out (not an
// abbreviation such as "Mar" or "Jan", which are names and words too).
func (s *scan) fullMonth(i int) bool {
	t := s.tok(i)
	return t != nil && t.kind == tWord && t.w.kind == wMonth && !t.dotted && (len([]rune(t.lower)) >= 4 || t.w.val == 5)
}

// unitAt reports whether token i is a unit of time in the text's
// language (any language's when the text's is not known): French "an"
// is no unit in English.
func (s *scan) unitAt(i int) bool {
	t := s.tok(i)
	if t == nil || t.kind != tWord || t.w.roles&rUnit == 0 {
		return false
	}
	if t.w.ulang == anyLang || s.lang == "" {
		return true
	}
	l := langs[t.w.ulang]
	return strings.HasPrefix(s.lang, l) && (len(s.lang) == len(l) || s.lang[len(l)] == '-' || s.lang[len(l)] == '_')
}

// monthAlone reports whether token i may be a month written alone: its
// name in full, and capitalised in English and German ("May", not "may").
func (s *scan) monthAlone(i int) bool {
	t := s.tok(i)
	if !s.fullMonth(i) {
		return false
	}
	return t.upper || !(s.lang == "" || s.lang == "en" || s.lang == "de" || strings.HasPrefix(s.lang, "en-"))
}

// bareContext reports whether a month or season at token i, written
// without a year, stands where the narrative puts a date: after "in",
// "by", "until", "early", "the end of", … (lang.DateWords.Context), with
// articles between. An English or German month must be capitalised ("in
// May", not "it may").
func (s *scan) bareContext(i int) bool {
	t := s.tok(i)
	if t.w.kind == wMonth && !s.monthAlone(i) {
		return false
	}
	// "mid-September", "Anfang-Mai": a part joined by a hyphen.
	if s.dash(i-1) && s.adjacent(i) && s.adjacent(i-1) && s.wordKind(i-2, wPart) {
		return true
	}
	if t.w.kind == wSeason && (articleBefore(s, i) || seasonsAlone[t.lower]) {
		return true // "the winter", "the summer"; "осенью"
	}
	for j, n := i-1, 0; j >= 0 && n < 3; j, n = j-1, n+1 {
		p := s.tok(j)
		if p.kind != tWord || s.tok(j+1).para {
			return false
		}
		switch {
		case p.w.roles&rContext != 0, p.w.kind == wPart, p.w.kind == wRangeFrom, p.w.kind == wRangeTo,
			p.w.kind == wSince, p.w.kind == wBefore, p.w.kind == wAfter, p.w.kind == wBetween:
			return true
		case p.w.kind == wAnd || conjunctions[p.lower]:
			// "in May and June": a month or figures just before.
			q := s.tok(j - 1)
			return q != nil && (q.kind == tNum || q.kind == tWord && q.w.kind == wMonth)
		case p.w.kind == wOf:
			continue // "the end of the", "au début de la"
		}
		return false
	}
	return false
}

// anchor is the date the narrative stands at: the last date read.
type anchor struct {
	ok        bool
	cal       Calendar
	prec      Precision
	y, m, d   int
	written   string
	tok       int  // the token where its mention started
	sent, par int  // its sentence and paragraph
	lead      bool // it stands at the head of its sentence
	ctx       bool // its year was itself taken from the narrative
	caller    bool
}

// scope says where an anchor stands from a mention.
func (a anchor) scope(sent, par int) string {
	switch {
	case a.caller:
		return "the year given by the caller"
	case a.sent == sent:
		return fmt.Sprintf("%s, earlier in the sentence", a.written)
	case a.par == par:
		return fmt.Sprintf("%s, earlier in the paragraph", a.written)
	}
	return fmt.Sprintf("%s, in an earlier paragraph", a.written)
}

// narrative is what the scan knows of the narrative: its sentences and
// paragraphs so far, and the dates that anchor what follows. A date
// written to the day or month (fine) sets the time of the narrative; a
// year alone (coarse) sets it only when it leads its sentence ("In 1965,
// …") or stands in a later paragraph than the last fine date, since a
// year in passing ("a campaign planned for 1976") does not move the story.
type narrative struct {
	fine, coarse anchor
	sent, par    int
	sentTok      int // the token that starts the current sentence
	lastEnd      int // the token after the last mention found
}

// pick gives the anchor for a mention at token i.
func (n *narrative) pick(i int) anchor {
	f, c := n.fine, n.coarse
	switch {
	case !f.ok:
		return c
	case !c.ok:
		return f
	case c.tok > f.tok && (c.lead || c.par != f.par):
		return c
	}
	return f
}

// set makes a date an anchor.
func (n *narrative) set(d Date, tok int) {
	p := d.From
	if d.Interval {
		if d.To.Open {
			return
		}
		p = d.To
	}
	if p.Open || p.Precision > Year {
		return // "the 1930s" dates nothing finer than its years
	}
	a := anchor{ok: true, cal: d.Calendar, prec: p.Precision, y: p.Year, m: p.Month, d: p.Day, written: d.Written,
		tok: tok, sent: n.sent, par: n.par, lead: tok-n.sentTok <= 2, ctx: d.YearFromContext || d.Context != ""}
	if d.YearFromContext && p.Precision <= Month {
		a.written += " (" + strconv.Itoa(p.Year) + ")"
	}
	if p.Precision <= Month {
		n.fine = a
	} else {
		n.coarse = a
	}
}

var unitNames = [...]string{"", "day", "week", "month", "year", "decade", "century", "hour", "minute"}
var seasonCodes = [...]string{"", "SP", "SU", "FA", "WI"}

// duration writes a count of a unit as ISO 8601: "P6Y", "P1.5M", "P3W";
// a vague count is X ("PXY"), as TIMEX2 writes it.
func duration(n float64, vague bool, unit int) string {
	c := strconv.FormatFloat(n, 'f', -1, 64)
	if vague {
		c = "X"
	}
	switch unit {
	case uDay:
		return "P" + c + "D"
	case uWeek:
		return "P" + c + "W"
	case uMonth:
		return "P" + c + "M"
	case uYear:
		return "P" + c + "Y"
	case uDecade:
		if vague {
			return "PXDE"
		}
		return "P" + strconv.FormatFloat(10*n, 'f', -1, 64) + "Y"
	case uCentury:
		if vague {
			return "PXCE"
		}
		return "P" + strconv.FormatFloat(100*n, 'f', -1, 64) + "Y"
	case uHour:
		return "PT" + c + "H"
	case uMinute:
		return "PT" + c + "M"
	}
	return ""
}

// reckon resolves a relative mention from the anchor. ok is false when
// the anchor is missing or too coarse: the mention keeps its relation.
func (nm narr) reckon(a anchor) (d Date, ok bool) {
	if !a.ok || nm.ago || nm.vague || nm.noUnit || a.caller && nm.unit != uYear || nm.kind != KindRelative {
		return d, false
	}
	cal := a.cal
	if cal == "" || cal == Chinese {
		cal = Gregorian
	}
	n := int(nm.count)
	if float64(n) != nm.count {
		return d, false
	}
	off := nm.dir * n
	d.Calendar, d.CalendarNote = cal, "as the date it is reckoned from"
	switch {
	case nm.season != 0:
		first := [5]int{0, 3, 6, 9, 12}[nm.season]
		y := a.y
		if nm.dir > 0 && (a.prec == Year || a.m >= first) {
			y++
		} else if nm.dir < 0 && (a.prec == Year || a.m <= first+2) {
			y--
		}
		last, ly := first+2, y
		if last > 12 {
			last, ly = last-12, y+1
		}
		d.From, d.To, d.Interval, d.Season = NewMonth(cal, y, first), NewMonth(cal, ly, last), true, nm.season
		d.Qualifiers |= Approximate
	case nm.month != 0:
		y := a.y
		if nm.dir > 0 && (a.prec == Year || a.m >= nm.month) {
			y++
		} else if nm.dir < 0 && (a.prec == Year || a.m <= nm.month) {
			y--
		}
		d.From = NewMonth(cal, y, nm.month)
	case nm.unit == uYear:
		d.From = NewYear(cal, a.y+off)
	case nm.unit == uDecade:
		d.From = NewDecade(cal, a.y-a.y%10+10*off)
	case nm.unit == uCentury:
		d.From = NewCentury(cal, (a.y+100*off)/100+1)
	case nm.unit == uMonth:
		if a.prec > Month {
			return d, false
		}
		mm := a.y*12 + a.m - 1 + off
		d.From = NewMonth(cal, mm/12, mm%12+1)
	case nm.weekday != 0:
		if a.prec != Day {
			return d, false
		}
		// The day of that name within three days of the anchor.
		j := ToJDN(cal, a.y, a.m, a.d)
		delta := (nm.weekday - 1 - int(j%7) + 7) % 7
		if delta > 3 {
			delta -= 7
		}
		y, m, dd := FromJDN(cal, j+JDN(delta))
		d.From = NewDay(cal, y, m, dd)
	case nm.unit == uDay || nm.unit == uWeek:
		if a.prec != Day {
			return d, false
		}
		if nm.unit == uWeek {
			off *= 7
		}
		y, m, dd := FromJDN(cal, ToJDN(cal, a.y, a.m, a.d)+JDN(off))
		d.From = NewDay(cal, y, m, dd)
	default:
		return d, false
	}
	if nm.part != 0 && !d.Interval {
		d.From.Earliest, d.From.Latest = narrow(cal, d.From, nm.part)
		if nm.part != partFirstHalf && nm.part != partSecondHalf {
			d.Qualifiers |= Approximate
		}
	}
	d.DayPart = nm.dayPart
	return d, true
}

// relation describes a relative mention in words: "1 year after",
// "the same year as", "the following spring".
func (nm narr) relation() string {
	what := unitNames[nm.unit]
	switch {
	case nm.season != 0:
		what = [...]string{"", "spring", "summer", "autumn", "winter"}[nm.season]
	case nm.month != 0:
		what = fmt.Sprintf("month %d", nm.month)
	case nm.noUnit:
		what = "time"
	case nm.weekday != 0:
		what = [...]string{"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}[nm.weekday]
		return "the " + what + " nearest"
	}
	count := strconv.FormatFloat(nm.count, 'f', -1, 64)
	if nm.vague {
		count = "some"
	}
	if nm.count > 1 && !nm.noUnit && nm.season == 0 && nm.month == 0 {
		what += "s"
	}
	switch {
	case nm.ago:
		return count + " " + what + " before the time of writing"
	case nm.dir == 0:
		return "the same " + what + " as"
	case nm.dir > 0:
		return count + " " + what + " after"
	}
	return count + " " + what + " before"
}

// articles are the articles of every language: "the", "de", "die", "le".
var articles = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range lang.All() {
		for _, w := range l.Text.Articles {
			m[w] = true
		}
	}
	return m
}()

// seasonsAlone are the forms of seasons that are a date by themselves:
// "осенью" (in autumn).
var seasonsAlone = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range lang.All() {
		for _, w := range l.Dates.SeasonsAlone {
			m[w] = true
		}
	}
	return m
}()

// conjunctions are the words that join two of a kind: "or", "oder".
var conjunctions = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range lang.All() {
		for _, w := range l.Text.Conjunctions {
			m[w] = true
		}
	}
	return m
}()

// articleBefore reports whether an article stands right before token i,
// on the same line.
func articleBefore(s *scan, i int) bool {
	p := s.tok(i - 1)
	return p != nil && p.kind == tWord && articles[p.lower] && !s.tok(i).nl
}

// dayPartBefore reads a part of the day before the date at token i: "the
// night of", "the early morning of", "in der Nacht vom". It gives the part
// (1 morning .. 4 night) and the token where the phrase starts.
func (s *scan) dayPartBefore(i int) (part, start int) {
	j := i - 1
	if p := s.tok(j); p == nil || p.kind != tWord || p.w.kind != wOf && p.w.kind != wRangeFrom {
		return 0, i
	}
	if s.unitAt(j-1) && s.tok(j-1).w.unit == uHour {
		j-- // "the early morning hours of 30 April"
	}
	p := s.tok(j - 1)
	if p == nil || p.kind != tWord || p.w.roles&rDayPart == 0 {
		return 0, i
	}
	k := j - 1
	if q := s.tok(k - 1); q != nil && q.kind == tWord && q.w.kind == wPart {
		k-- // "the early morning of"
	}
	if articleBefore(s, k) {
		k--
	}
	return int(p.w.unit), k
}

// eraYear reads a year of three figures in a narrative of years before
// Christ: "in 480, the Persians …" after "490 BC" is 480 BC. Only after a
// word of time ("in", "by", "until") and before punctuation, so that
// amounts ("in 300 ships") stay amounts.
func (s *scan) eraYear(text string, i int, nar *narrative) (Mention, bool) {
	t := s.tok(i)
	a := nar.pick(i)
	if !a.ok || a.y > 0 || a.caller || t.num < 100 {
		return Mention{}, false
	}
	p := s.tok(i - 1)
	if p == nil || p.kind != tWord || p.w.roles&rContext == 0 && p.w.kind != wRangeFrom && p.w.kind != wRangeTo && p.w.kind != wSince && p.w.kind != wBetween && p.w.kind != wAnd {
		return Mention{}, false
	}
	if n := s.tok(i + 1); n != nil && !(n.kind == tPunct && n.punct != '%' && n.punct != '$') {
		return Mention{}, false
	}
	y := 1 - t.num
	d := Date{Written: text[t.b0:t.b1], Lang: s.lang, Calendar: Julian, CalendarNote: "before the Gregorian reform of 1582",
		From: NewYear(Julian, y), Context: "before Christ, as " + a.scope(nar.sent, nar.par)}
	nar.set(d, i)
	return Mention{Start: t.r0, End: t.r1, Date: d}, true
}

// dayPartOf reports whether a part of the day at token i is followed by
// "of" (with "hours" between): "the morning of 31 January" is read with
// its date.
func (s *scan) dayPartOf(i int) bool {
	k := i + 1
	if s.unitAt(k) && s.tok(k).w.unit == uHour {
		k++
	}
	return s.wordKind(k, wOf) || s.wordKind(k, wRangeFrom)
}
