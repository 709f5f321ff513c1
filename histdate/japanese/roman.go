package japanese

import (
	"strings"
	"unicode"

	"treatyline/lang"
)

// Romanised and Cyrillic dates are read from words around the era name.
// The words are those of package lang (the year unit, the ordinals and
// their endings, the glue and genitive words, the kinds of era, the lead
// words) in every language it reads fully; only the romanised Japanese
// words (jidai, gannen) and the leap-month words of the lunisolar calendar
// are this package's.
var (
	// yearWords name a year: "the 22nd year of", "la 22e année de", "im 22.
	// Jahr", "het 22e jaar van", "22-й год".
	yearWords = map[string]bool{}
	// yearNoun is the first form of each language's year (year, jaar,
	// Jahr, an, год): after a cardinal only it makes a year of an era ("22
	// год Мэйдзи"); "22 years of Meiji" is a duration.
	yearNoun = map[string]bool{}
	// joinWords may stand between the year word and the era name: "of the
	// Meiji era", "de l'ère Meiji", "der Ära Meiji", "van het
	// Meiji-tijdperk", "эпохи Мэйдзи".
	joinWords = map[string]bool{}
	// afterWords may follow the era name as its kind: "Meiji era", "Meiji
	// period", "Meiji-Zeit", "Meiji-tijdperk", "Meiji jidai".
	afterWords = set("jidai")
	// firstWords are the ordinal "first": the first year of an era is 元年.
	firstWords = map[string]bool{}
	// monthWords and dayWords follow an ordinal in "2nd month, 11th day".
	monthWords = map[string]bool{}
	dayWords   = map[string]bool{}
	// ordinalSuffix lists the endings that make a figure an ordinal.
	ordinalSuffix = map[string]bool{}
	// articles may begin a year phrase: "the 22nd year", "la 22e année".
	articles = map[string]bool{}
	// leadWords may stand before a date given to Parse: "in Meiji 22",
	// "im 22. Jahr Meiji", "в 22-м году Мэйдзи".
	leadWords = set("during")

	leapWords = set("leap", "intercalary", "intercalaire", "schalt", "schrikkel", "високосный", "високосного", "вставной", "вставного")
	gannen    = set("gannen", "gan-nen", "gan'nen")
)

func init() {
	for _, l := range lang.All() {
		if l.Level != lang.Full {
			continue
		}
		d := &l.Dates
		add(yearWords, d.Relative.Units["year"])
		add(yearNoun, d.Relative.Units["year"][:1])
		add(monthWords, d.Relative.Units["month"])
		add(dayWords, d.Relative.Units["day"])
		add(firstWords, d.Ordinals[1])
		add(ordinalSuffix, d.OrdinalSuffixes)
		add(joinWords, d.Glue, l.Quantities.Of, d.EraKinds, l.Quantities.Determiners)
		add(afterWords, d.EraKinds)
		add(articles, l.Quantities.Determiners)
		add(leadWords, d.Lead)
	}
	// German "22. Jahr", Dutch "22e", French "l'an": the elided article is
	// a word of its own (see tokens).
	add(joinWords, []string{"l'", "d'"})
	add(articles, []string{"l'"})
}

func add(m map[string]bool, lists ...[]string) {
	for _, ws := range lists {
		for _, w := range ws {
			m[w] = true
		}
	}
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

type tokKind uint8

const (
	tWord tokKind = iota + 1
	tNum
	tPunct
)

// tok is a word, a number or a punctuation mark of a romanised date.
type tok struct {
	kind   tokKind
	s      string // a word in lower case; the mark
	n      int    // a number's value
	ord    bool   // a number written as an ordinal: 22nd, 22e, 22-й
	r0, r1 int    // span in the text, in code points
	upper  bool   // a word that begins with a capital
}

// tokens splits r[lo:hi] into tokens; line ends stop a date and are kept as
// "\n" marks.
func tokens(r []rune, lo, hi int) []tok {
	var out []tok
	for i := lo; i < hi; {
		c := r[i]
		switch {
		case c == '\n':
			out = append(out, tok{kind: tPunct, s: "\n", r0: i, r1: i + 1})
			i++
		case unicode.IsSpace(c):
			i++
		case c >= '0' && c <= '9':
			j, n := i, 0
			for j < hi && r[j] >= '0' && r[j] <= '9' && j-i < 5 {
				n = n*10 + int(r[j]-'0')
				j++
			}
			t := tok{kind: tNum, n: n, r0: i}
			// An ordinal ending, attached or after a hyphen (22-й).
			k := j
			if k < hi && r[k] == '-' {
				k++
			}
			e := k
			for e < hi && isLetter(r[e]) {
				e++
			}
			if e > k && ordinalSuffix[strings.ToLower(string(r[k:e]))] {
				t.ord, j = true, e
			}
			t.r1 = j
			out = append(out, t)
			i = j
		case isLetter(c):
			j := i
			for j < hi && (isLetter(r[j]) || isApostrophe(r[j]) && j+1 < hi && isLetter(r[j+1]) && j > i) {
				j++
			}
			w := strings.ReplaceAll(strings.ToLower(string(r[i:j])), "’", "'")
			if len(w) > 2 && w[1] == '\'' && (w[0] == 'l' || w[0] == 'd') {
				// French elision: "l'an", "l'ère", "d'Ansei".
				out = append(out, tok{kind: tWord, s: w[:2], r0: i, r1: i + 2})
				w, i = w[2:], i+2
				c = r[i]
			}
			out = append(out, tok{kind: tWord, s: w, r0: i, r1: j, upper: unicode.IsUpper(c)})
			i = j
		default:
			out = append(out, tok{kind: tPunct, s: string(c), r0: i, r1: i + 1})
			i++
		}
	}
	return out
}

func isApostrophe(c rune) bool { return c == '\'' || c == '’' }

// eraOfWord returns the era a word names, romanised or in Cyrillic.
func eraOfWord(w string) (int, bool) {
	if k := romanKey(w); k != "" {
		i, ok := romanEras[k]
		return i, ok
	}
	if k := cyrillicKey(w); k != "" {
		i, ok := romanEras[k]
		return i, ok
	}
	return 0, false
}

// romanAt reads a romanised or Cyrillic date around the era name that
// starts at r[i].
func (s *scanner) romanAt(i int) (d Date, start, end int, found bool, err *ParseError) {
	lo, hi := i-60, i+80
	if lo < 0 {
		lo = 0
	}
	if hi > len(s.r) {
		hi = len(s.r)
	}
	// Start the window at a word boundary.
	for lo > 0 && lo < i && isLetter(s.r[lo-1]) {
		lo++
	}
	ts := tokens(s.r, lo, hi)
	k := -1
	for x := range ts {
		if ts[x].r0 == i {
			k = x
			break
		}
	}
	if k < 0 || ts[k].kind != tWord {
		return d, 0, 0, false, nil
	}
	ei, ok := eraOfWord(ts[k].s)
	if !ok || s.strict && !ts[k].upper {
		return d, 0, 0, false, nil
	}
	d = Date{Era: eras[ei].name, EraRomaji: eras[ei].romaji, Precision: Year}
	// The era's kind after it: "Meiji era", "Meiji-Zeit".
	eraEnd := k + 1
	if x := eraEnd; x < len(ts) && ts[x].kind == tPunct && ts[x].s == "-" && x+1 < len(ts) && ts[x+1].kind == tWord && afterWords[ts[x+1].s] {
		eraEnd = x + 2
	} else if x < len(ts) && ts[x].kind == tWord && afterWords[ts[x].s] {
		eraEnd = x + 1
	}
	if y, first, ok := yearBefore(ts, k); ok {
		d.EraYear = y
		return d, ts[first].r0, ts[eraEnd-1].r1, true, check(d, ts[first].r0, ts[eraEnd-1].r1)
	}
	// The year after the era name: "Meiji 22", "Meiji gannen".
	x := eraEnd
	if x >= len(ts) {
		return d, 0, 0, false, nil
	}
	switch {
	case ts[x].kind == tNum && !ts[x].ord:
		d.EraYear = ts[x].n
	case ts[x].kind == tWord && gannen[ts[x].s]:
		d.EraYear = 1
	default:
		return d, 0, 0, false, nil
	}
	last := x
	if m, dd, leap, l, ok := monthDayAfter(ts, x+1); ok {
		d.Month, d.Day, d.Leap, last = m, dd, leap, l
		d.Precision = Month
		if dd > 0 {
			d.Precision = Day
		}
	}
	start, end = ts[k].r0, ts[last].r1
	return d, start, end, true, check(d, start, end)
}

// yearBefore reads the year written before the era name at ts[k]: "the
// 22nd year of", "la 22e année de l'ère", "im 22. Jahr der", "year 22 of",
// "l'an 22 de", "22-й год эпохи", "the first year of". It returns the year
// and the index of the date's first token.
func yearBefore(ts []tok, k int) (year, first int, ok bool) {
	j := k - 1
	for n := 0; j >= 0 && n < 4 && ts[j].kind == tWord && joinWords[ts[j].s]; n++ {
		j--
	}
	if j >= 0 && ts[j].kind == tNum && j >= 1 && ts[j-1].kind == tWord && yearWords[ts[j-1].s] {
		// "year 22 of Meiji", "l'an 22 de Meiji".
		first = j - 1
		if first > 0 && ts[first-1].kind == tWord && articles[ts[first-1].s] {
			first--
		}
		return ts[j].n, first, true
	}
	if j < 0 || ts[j].kind != tWord || !yearWords[ts[j].s] {
		return 0, 0, false
	}
	j--
	if j >= 0 && ts[j].kind == tPunct && ts[j].s == "." {
		j-- // "22. Jahr"
		if j < 0 || ts[j].kind != tNum {
			return 0, 0, false
		}
	}
	yw := ts[j+1].s
	if j+1 < len(ts) && ts[j+1].kind == tPunct {
		yw = ts[j+2].s
	}
	switch {
	case j >= 0 && ts[j].kind == tNum && (ts[j].ord || ts[j+1].kind == tPunct || yearNoun[yw]):
		year = ts[j].n
	case j >= 0 && ts[j].kind == tWord && firstWords[ts[j].s]:
		year = 1
	default:
		return 0, 0, false
	}
	if j > 0 && ts[j-1].kind == tWord && articles[ts[j-1].s] {
		j-- // "the 22nd year", "la 22e année", "het 22e jaar"
	}
	return year, j, true
}

// monthDayAfter reads a month and day after the year: "/2/11", ".2.11",
// "-2-11", ", 2nd month, 11th day", ", leap 5th month". It returns the
// index of the last token read.
func monthDayAfter(ts []tok, x int) (month, day int, leap bool, last int, ok bool) {
	if x+1 >= len(ts) || ts[x].kind != tPunct {
		return 0, 0, false, 0, false
	}
	sep := ts[x].s
	if sep == "/" || sep == "." || sep == "-" {
		if ts[x+1].kind != tNum || ts[x+1].ord || ts[x+1].r0 != ts[x].r1 {
			return 0, 0, false, 0, false
		}
		month, last = ts[x+1].n, x+1
		if x+3 < len(ts) && ts[x+2].kind == tPunct && ts[x+2].s == sep && ts[x+3].kind == tNum && !ts[x+3].ord && ts[x+3].r0 == ts[x+2].r1 {
			day, last = ts[x+3].n, x+3
		}
		return month, day, false, last, true
	}
	if sep != "," {
		return 0, 0, false, 0, false
	}
	y := x + 1
	if ts[y].kind == tWord && leapWords[ts[y].s] {
		leap, y = true, y+1
	}
	if y+1 >= len(ts) || ts[y].kind != tNum || !ts[y].ord || ts[y+1].kind != tWord || !monthWords[ts[y+1].s] {
		return 0, 0, false, 0, false
	}
	month, last = ts[y].n, y+1
	if y+4 < len(ts)+1 && y+3 < len(ts) && ts[y+2].kind == tPunct && ts[y+2].s == "," && ts[y+3].kind == tNum && ts[y+3].ord && y+4 < len(ts) && ts[y+4].kind == tWord && dayWords[ts[y+4].s] {
		day, last = ts[y+3].n, y+4
	}
	return month, day, leap, last, true
}
