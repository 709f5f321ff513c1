package histdate

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"treatyline/lang"

	"treatyline/histdate/chinese"
)

// The words of dates in the languages treatyline reads. Every entry is
// lower-case; look-ups fold case first. Accented and unaccented spellings
// both appear, since OCR and transliteration drop accents freely.

// wordKind tells what a word does in a date.
type wordKind uint8

const (
	wMonth       wordKind = iota + 1 // a month name; val is 1..12
	wOldStyle                        // a marker that the figures are Julian
	wNewStyle                        // a marker that the figures are Gregorian
	wStyleWord                       // "style", "stijl", "calendar": completes a marker
	wCentury                         // "century", "eeuw"
	wDecadeWord                      // "jaren", "années": "de jaren 1630"
	wRangeFrom                       // "from", "van": opens a range
	wRangeTo                         // "to", "tot": closes a range
	wBetween                         // "between", "tussen"
	wAnd                             // "and", "en": closes a between-range
	wSince                           // "since", "sinds": an interval open at its end
	wApprox                          // "about", "circa", "omstreeks"
	wPart                            // "early", "mid", "late", halves: val says which
	wOf                              // "of", "van de", "des": glue inside a phrase
	wEraBC                           // "BC", "v.Chr."
	wEraAD                           // "AD", "n.Chr."
	wYearWord                        // "г.", "года": after a Russian year
	wOrdinalWord                     // "seventeenth": val is the number
	wCountNoun                       // a unit or count noun: a number before it is no year
	wEraRoman                        // the first word of a romanised Chinese era name
	wBefore                          // "before", "vóór", "avant": an interval open at its start, up to the day before
	wAfter                           // "after", "na", "après": an interval open at its end, from the day after
	wSeason                          // "spring", "zomer", "Herbst", "hiver": val is 1 spring .. 4 winter
)

// Parts of a period, for wPart: the value encodes which stretch.
const (
	partEarly = iota + 1
	partMid
	partLate
	partFirstHalf
	partSecondHalf
)

// word is a lexicon entry, kept small because every token carries one.
type word struct {
	kind wordKind
	lang uint8 // index into langs
	val  int16
	// roles are what the word does in narrative dates (rNext, rUnit, ...),
	// beside its kind; unit and count go with rUnit and rCount.
	roles uint32
	unit  uint8
	count int16
	ph    uint16 // index into phraseLists of the phrases this word starts
	ulang uint8  // the language of a unit word (index into langs); anyLang when several
}

// anyLang marks a unit word that several languages share.
const anyLang = 255

// langs names the languages of lexicon entries; index 0 is "unknown".
var langs = []string{""}

func langIndex(l string) uint8 {
	for i, x := range langs {
		if x == l {
			return uint8(i)
		}
	}
	langs = append(langs, l)
	return uint8(len(langs) - 1)
}

// Lang is the language of the entry, "" when it has none.
func (w word) Lang() string { return langs[w.lang] }

var lexicon = map[string]word{}

// shortLexicon holds the entries of eight bytes or fewer keyed by their
// bytes packed into an integer, in an open-addressing table: every word
// of a text is looked up, so this look-up is the finder's hottest path.
var shortLexicon struct {
	keys [1 << shortBits]uint64
	vals [1 << shortBits]word
}

const shortBits = 12

func shortSlot(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> (64 - shortBits) }

func shortPut(k uint64, w word) {
	for i := shortSlot(k); ; i = (i + 1) & (1<<shortBits - 1) {
		if shortLexicon.keys[i] == 0 || shortLexicon.keys[i] == k {
			shortLexicon.keys[i], shortLexicon.vals[i] = k, w
			return
		}
	}
}

func shortGet(k uint64) word {
	for i := shortSlot(k); ; i = (i + 1) & (1<<shortBits - 1) {
		switch shortLexicon.keys[i] {
		case k:
			return shortLexicon.vals[i]
		case 0:
			return word{}
		}
	}
}

func packWord(b []byte) (uint64, bool) {
	if len(b) > 8 {
		return 0, false
	}
	var k uint64
	for _, c := range b {
		k = k<<8 | uint64(c)
	}
	return k | uint64(len(b))<<60, true
}

// lookup finds a lower-cased word in the lexicon.
func lookup(b []byte) word {
	if k, ok := packWord(b); ok {
		return shortGet(k)
	}
	if longLexicon[b[0]]&(1<<(len(b)%64)) == 0 {
		return word{}
	}
	return lexicon[string(b)]
}

// longLexicon notes, by first byte, the lengths (modulo 64) of the
// entries longer than eight bytes: a longer word with another first byte
// or length is not in the lexicon, and is not looked up, which hashes it.
var longLexicon [256]uint64

// Suffixes and companion words of figures, gathered from the words of
// every language (package lang). ordSuffixes follow a number with no
// space between ("28th", "17e", "1er", "18-го"); decadeSuffixes turn a
// year ending in 0 into its decade ("1630s", "1630er Jahre", "1630-е
// годы"); decadeTail may follow a decade ("1630er Jahre"); halfWords
// follow "first" or "second" in "the first half of".
var (
	ordSuffixes    = dateWordSet(func(d *lang.DateWords) []string { return d.OrdinalSuffixes })
	decadeSuffixes = dateWordSet(func(d *lang.DateWords) []string { return d.DecadeSuffixes })
	decadeTail     = dateWordSet(func(d *lang.DateWords) []string { return d.DecadeTails })
	halfWords      = dateWordSet(func(d *lang.DateWords) []string { return d.Half })
)

// dateWordSet gathers one category of date words of every language.
func dateWordSet(get func(*lang.DateWords) []string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lang.All() {
		for _, w := range get(&l.Dates) {
			m[w] = true
		}
	}
	return m
}

func add(kind wordKind, val int, lang string, forms ...string) {
	for _, f := range forms {
		if _, dup := lexicon[f]; dup && kind == wMonth {
			continue // the first language listed keeps an ambiguous form
		}
		lexicon[f] = word{kind: kind, val: int16(val), lang: langIndex(lang)}
	}
}

func init() {
	all := lang.All()
	each := func(kind wordKind, get func(*lang.DateWords) []string) {
		for _, l := range all {
			add(kind, 0, string(l.Code), get(&l.Dates)...)
		}
	}
	for _, l := range all {
		for i, forms := range l.Dates.Months {
			add(wMonth, i+1, string(l.Code), forms...)
		}
	}

	// Style markers. Multi-word markers ("old style", "oude stijl") are a
	// first word followed by a wStyleWord; abbreviations ("o.s.") are read
	// as letters with dots by the matcher.
	for _, l := range all {
		add(wOldStyle, 0, string(l.Code), l.Dates.OldStyle...)
		add(wNewStyle, 0, string(l.Code), l.Dates.NewStyle...)
	}
	each(wStyleWord, func(d *lang.DateWords) []string { return d.StyleWords })
	each(wCentury, func(d *lang.DateWords) []string { return d.Century })
	each(wDecadeWord, func(d *lang.DateWords) []string { return d.Decade })
	each(wRangeFrom, func(d *lang.DateWords) []string { return d.From })
	each(wRangeTo, func(d *lang.DateWords) []string { return d.To })
	each(wBetween, func(d *lang.DateWords) []string { return d.Between })
	each(wAnd, func(d *lang.DateWords) []string { return d.And })
	each(wSince, func(d *lang.DateWords) []string { return d.Since })
	for _, l := range all {
		for i, forms := range l.Dates.Seasons {
			add(wSeason, i+1, string(l.Code), forms...)
		}
	}
	each(wBefore, func(d *lang.DateWords) []string { return d.Before })
	each(wAfter, func(d *lang.DateWords) []string { return d.After })
	each(wApprox, func(d *lang.DateWords) []string { return d.Approx })
	for _, l := range all {
		add(wPart, partEarly, string(l.Code), l.Dates.Early...)
		add(wPart, partMid, string(l.Code), l.Dates.Mid...)
		add(wPart, partLate, string(l.Code), l.Dates.Late...)
	}
	for _, l := range all {
		add(wPart, partFirstHalf, string(l.Code), l.Dates.FirstHalf...)
		add(wPart, partSecondHalf, string(l.Code), l.Dates.SecondHalf...)
	}
	// Glue words that may stand inside a date phrase: "the 18th century",
	// "in de tweede helft van de 17e eeuw", "le 16 mai", "16 de mayo de 1858".
	each(wOf, func(d *lang.DateWords) []string { return d.Glue })
	for _, l := range all {
		add(wEraBC, 0, string(l.Code), l.Dates.BC...)
		add(wEraAD, 0, string(l.Code), l.Dates.AD...)
	}
	each(wYearWord, func(d *lang.DateWords) []string { return d.YearWords })

	// Ordinal words ("seventeenth") carry no language: the first
	// language that spells one keeps it, and no other kind of word gives
	// way to one.
	for n := 1; n <= 100; n++ {
		for _, l := range all {
			for _, f := range l.Dates.Ordinals[n] {
				if _, taken := lexicon[f]; !taken {
					lexicon[f] = word{kind: wOrdinalWord, val: int16(n)}
				}
			}
		}
	}

	// Romanised Chinese era names ("Xianfeng", "Hsien-feng") tell the
	// finder that a text may hold reign-era dates.
	for _, name := range chinese.RomanNames() {
		key := foldAccents(strings.ToLower(name))
		whole := strings.Map(func(r rune) rune {
			if r == '-' || r == '\'' || r == '’' || r == ' ' {
				return -1
			}
			return r
		}, key)
		first := strings.FieldsFunc(key, func(r rune) bool { return r == '-' || r == '\'' || r == '’' || r == ' ' })[0]
		for _, k := range []string{whole, first} {
			if _, taken := lexicon[k]; !taken {
				lexicon[k] = word{kind: wEraRoman, lang: langIndex("zh")}
			}
		}
	}

	// Count nouns: a four-digit number before one of these is an amount,
	// not a year ("1500 troops", "1200 versts").
	for _, l := range append([]*lang.Language{lang.Common()}, all...) {
		add(wCountNoun, 0, "", l.Dates.CountNouns...)
	}
	addNarrative(all)
}

func init() {
	for k, w := range lexicon {
		if pk, ok := packWord([]byte(k)); ok {
			shortPut(pk, w)
		} else {
			longLexicon[k[0]] |= 1 << (len(k) % 64)
		}
	}
}

// foldAccents removes diacritics: "xiánfēng" becomes "xianfeng".
func foldAccents(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
