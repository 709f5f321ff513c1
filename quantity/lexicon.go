package quantity

import (
	"strings"
	"unicode/utf8"

	"treatyline/lang"
)

// langMask is a set of languages a lexicon entry belongs to.
type langMask uint8

const (
	langEN langMask = 1 << iota
	langNL
	langDE
	langFR
	langRU
	langAll = langEN | langNL | langDE | langFR | langRU
)

// langsFor maps Options.Lang to the languages whose rules apply. It accepts
// ISO 639-1 and 639-2 codes and BCP 47 tags ("en-GB"); anything else, and
// a language whose amounts are not read, means every language.
func langsFor(tag string) langMask {
	c, _ := lang.Parse(tag)
	if m := maskOf(c); m != 0 {
		return m
	}
	return langAll
}

// maskOf is the bit of a language whose amounts are read; 0 for others.
func maskOf(c lang.Code) langMask {
	switch c {
	case lang.English:
		return langEN
	case lang.Dutch:
		return langNL
	case lang.German:
		return langDE
	case lang.French:
		return langFR
	case lang.Russian:
		return langRU
	}
	return 0
}

// numKind is the role a word plays in a number written in words.
type numKind uint8

const (
	nkNone      numKind = iota
	nkSmall             // 1..99 and fractions such as "anderhalf"
	nkArticle           // "a", "een", "ein", "un": one, but only before hundred, thousand, ...
	nkHundred           // multiplies the group before it by 100
	nkDozen             // multiplies the group before it by 12
	nkScale             // thousand, million, ...: closes a group
	nkCompound          // a Dutch or German compound word such as "tweehonderdvijftig"
	nkConnector         // "and" in "one hundred and five", "et" in "vingt et un"
)

// prefixKind is what a word or phrase before a number does to it.
type prefixKind uint8

const (
	pkNone     prefixKind = iota
	pkAdditive            // "an additional", "a further": no change to the figure
	pkMoreThan
	pkAtLeast
	pkLessThan
	pkAtMost
	pkAbout
	pkNearly
	pkRangeStart // "between", "tussen", "from": a range must follow
)

// Phrase categories.
const (
	catPrefix = iota // bound words, additive words, range openers
	catFew           // "several", "a few", "enkele"
	catHalf          // "half a", "een half"
	catConn          // range connectors: "-", "to", "tot", "bis", "à"
	catUnit          // unit names
	catOf            // "of" in "thousands of troops"
	nCat
)

// lexEntry is everything the lexicon knows about one lower-cased word or
// one symbol. Each role carries the languages it holds in.
type lexEntry struct {
	key string

	numKind  numKind
	numVal   float64
	numLangs langMask

	// plural multiplier words: "thousands", "duizenden", "milliers".
	pluralBase  float64
	pluralMinF  float64
	pluralMaxF  float64
	pluralLangs langMask

	detLangs   langMask // definite determiners: "the", "de", "die", "les"
	monthLangs langMask // month names, to keep day numbers out
	vagueArt   langMask // French "des" in "des milliers de"
	startLangs langMask // can this entry begin a quantity (precomputed)

	phrases [nCat][]*phrase
}

// phrase is a sequence of lexicon entries with a meaning. Elements marked
// optional are abbreviation points: "sq. mi." also matches "sq mi".
type phrase struct {
	elems []*lexEntry
	opt   []bool
	langs langMask

	prefix prefixKind
	conns  []*phrase // range openers: the connectors that close them
	unit   *unitDef
	val    float64
}

// lexicon is the word and symbol table, built once.
type lexicon struct {
	words map[string]*lexEntry
	syms  map[rune]*lexEntry
	// signs are the currency signs written before the figure ("£5",
	// "$21 million"), with their units.
	signs map[*lexEntry]*unitDef
	open  *lexEntry // "("
	close *lexEntry // ")"
	slash *lexEntry

	// filter has a bit set for the length, first and last byte of every
	// word, so that most words of a text skip the map lookup.
	filter [1 << 16 / 64]uint64
}

func filterBit(w []byte) uint32 {
	return (uint32(len(w))<<10 ^ uint32(w[0])<<5 ^ uint32(w[len(w)-1])) & 0xffff
}

// mayHold reports whether w may be a word of the lexicon.
func (l *lexicon) mayHold(w []byte) bool {
	if len(w) == 0 {
		return false
	}
	b := filterBit(w)
	return l.filter[b>>6]&(1<<(b&63)) != 0
}

var lex = buildLexicon()

func (l *lexicon) word(key string) *lexEntry {
	if e := l.words[key]; e != nil {
		return e
	}
	e := &lexEntry{key: key}
	l.words[key] = e
	return e
}

func (l *lexicon) sym(r rune) *lexEntry {
	if e := l.syms[r]; e != nil {
		return e
	}
	e := &lexEntry{key: string(r)}
	l.syms[r] = e
	return e
}

// parsePhrase splits a phrase as the tokenizer splits text: words (letters,
// digits, superscripts) and single symbols; "." is an optional element.
func (l *lexicon) parsePhrase(s string, langs langMask) *phrase {
	p := &phrase{langs: langs}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isSpace(r):
			i += size
		case isWordRune(r):
			j := i + size
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r2) && !isDigitRune(r2) && !isSuperscript(r2) {
					break
				}
				j += sz
			}
			var buf [maxWord]byte
			n, _ := lowerInto(&buf, s[i:j])
			p.elems = append(p.elems, l.word(string(buf[:n])))
			p.opt = append(p.opt, false)
			i = j
		default:
			r = normSym(r)
			p.elems = append(p.elems, l.sym(r))
			p.opt = append(p.opt, r == '.')
			i += size
		}
	}
	if len(p.elems) == 0 || p.opt[0] {
		panic("quantity: bad lexicon phrase " + s)
	}
	return p
}

func (l *lexicon) addPhrases(cat int, langs langMask, list string, fill func(*phrase)) {
	for _, s := range strings.Split(list, "|") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		p := l.parsePhrase(s, langs)
		fill(p)
		first := p.elems[0]
		first.phrases[cat] = append(first.phrases[cat], p)
	}
}

func (l *lexicon) addNum(langs langMask, kind numKind, val float64, list string) {
	for _, w := range strings.Split(list, "|") {
		e := l.word(w)
		if e.numKind != nkNone && (e.numKind != kind || e.numVal != val) {
			panic("quantity: conflicting number word " + w)
		}
		e.numKind, e.numVal = kind, val
		e.numLangs |= langs
	}
}

func (l *lexicon) addPlural(langs langMask, base, minF, maxF float64, list string) {
	for _, w := range strings.Split(list, "|") {
		e := l.word(w)
		e.pluralBase, e.pluralMinF, e.pluralMaxF = base, minF, maxF
		e.pluralLangs |= langs
	}
}

func (l *lexicon) mark(list string, langs langMask, set func(*lexEntry, langMask)) {
	for _, w := range strings.Split(list, "|") {
		set(l.word(w), langs)
	}
}

func buildLexicon() *lexicon {
	buildTables()
	l := &lexicon{words: map[string]*lexEntry{}, syms: map[rune]*lexEntry{}}
	l.signs = map[*lexEntry]*unitDef{}
	for r, code := range map[rune]string{'£': "GBP", '$': "dollar", '¥': "yen"} {
		e := l.sym(r)
		e.startLangs = langAll
		l.signs[e] = unitByCode[code]
	}
	l.open = l.sym('(')
	l.close = l.sym(')')
	l.slash = l.sym('/')

	// Number words. Dutch and German compounds ("tweehonderdvijftig")
	// are read by compound.go; the simple ones are listed for speed.
	for _, nw := range numberWords {
		l.addNum(nw.langs, nw.kind, nw.val, nw.words)
	}
	for _, pw := range pluralWords {
		l.addPlural(pw.langs, pw.base, pw.minF, pw.maxF, pw.words)
	}

	for _, b := range prefixWords {
		kind := b.kind
		l.addPhrases(catPrefix, b.langs, b.words, func(p *phrase) { p.prefix = kind })
	}
	for _, r := range rangeOpeners {
		var conns []*phrase
		for _, c := range strings.Split(r.conns, "|") {
			conns = append(conns, l.parsePhrase(c, r.langs))
		}
		l.addPhrases(catPrefix, r.langs, r.open, func(p *phrase) {
			p.prefix = pkRangeStart
			p.conns = conns
		})
	}
	for _, c := range rangeConnectors {
		l.addPhrases(catConn, c.langs, c.words, func(*phrase) {})
	}
	for _, f := range fewWords {
		l.addPhrases(catFew, f.langs, f.words, func(*phrase) {})
	}
	for _, h := range halfWords {
		l.addPhrases(catHalf, h.langs, h.words, func(p *phrase) { p.val = 0.5 })
	}
	for i := range unitNames {
		un := &unitNames[i]
		u := unitByCode[un.code]
		if u == nil {
			panic("quantity: unit names for unknown unit " + un.code)
		}
		l.addPhrases(catUnit, un.langs, un.words, func(p *phrase) { p.unit = u })
	}
	for _, o := range ofWords {
		l.addPhrases(catOf, o.langs, o.words, func(*phrase) {})
	}
	for _, d := range determiners {
		l.mark(d.words, d.langs, func(e *lexEntry, m langMask) { e.detLangs |= m })
	}
	for _, mo := range months {
		l.mark(mo.words, mo.langs, func(e *lexEntry, m langMask) { e.monthLangs |= m })
	}
	for _, lg := range lang.All() {
		for _, w := range lg.Quantities.VagueArticles {
			l.word(w).vagueArt |= maskOf(lg.Code)
		}
	}

	// Which entries can open a quantity.
	for key, e := range l.words {
		e.startLangs = e.openers()
		b := filterBit([]byte(key))
		l.filter[b>>6] |= 1 << (b & 63)
	}
	for _, e := range l.syms {
		e.startLangs = e.openers()
	}
	for e := range l.signs {
		e.startLangs = langAll
	}
	return l
}

func (e *lexEntry) openers() langMask {
	var m langMask
	if e.numKind != nkNone && e.numKind != nkConnector {
		m |= e.numLangs
	}
	m |= e.pluralLangs | e.vagueArt
	for _, cat := range []int{catPrefix, catFew, catHalf} {
		for _, p := range e.phrases[cat] {
			m |= p.langs
		}
	}
	return m
}

type wordList struct {
	langs langMask
	words string
}

// The word tables, built from the words of each language (package lang)
// and of every language (lang.Common, held by langAll).
var (
	numberWords                                                        []numberWord
	pluralWords                                                        []pluralWord
	prefixWords                                                        []prefixWord
	rangeOpeners                                                       []rangeOpener
	rangeConnectors, fewWords, halfWords, ofWords, determiners, months []wordList
	unitNames                                                          []unitName
)

type numberWord struct {
	langs langMask
	kind  numKind
	val   float64
	words string
}

type pluralWord struct {
	langs            langMask
	base, minF, maxF float64
	words            string
}

type prefixWord struct {
	langs langMask
	kind  prefixKind
	words string
}

type rangeOpener struct {
	langs       langMask
	open, conns string
}

type unitName struct {
	code  string
	langs langMask
	words string
}

var numKinds = map[lang.NumberKind]numKind{lang.Small: nkSmall, lang.Article: nkArticle, lang.Hundred: nkHundred,
	lang.Dozen: nkDozen, lang.Scale: nkScale, lang.Connector: nkConnector}

var bounds = []struct {
	b lang.Bound
	k prefixKind
}{{lang.Additive, pkAdditive}, {lang.MoreThan, pkMoreThan}, {lang.AtLeast, pkAtLeast}, {lang.LessThan, pkLessThan},
	{lang.AtMost, pkAtMost}, {lang.About, pkAbout}, {lang.Nearly, pkNearly}}

// buildTables gathers the word tables from package lang.
func buildTables() {
	type held struct {
		m langMask
		l *lang.Language
	}
	ls := []held{{langAll, lang.Common()}}
	for _, l := range lang.All() {
		if m := maskOf(l.Code); m != 0 {
			ls = append(ls, held{m, l})
		}
	}
	join := func(ws []string) string { return strings.Join(ws, "|") }
	list := func(dst *[]wordList, m langMask, ws []string) {
		if len(ws) > 0 {
			*dst = append(*dst, wordList{m, join(ws)})
		}
	}
	for _, h := range ls {
		q := &h.l.Quantities
		for _, n := range h.l.Numbers {
			numberWords = append(numberWords, numberWord{h.m, numKinds[n.Kind], n.Value, join(n.Forms)})
		}
		for _, p := range h.l.Plurals {
			pluralWords = append(pluralWords, pluralWord{h.m, p.Base, p.MinFactor, p.MaxFactor, join(p.Forms)})
		}
		for _, b := range bounds {
			if ws := q.Bounds[b.b]; len(ws) > 0 {
				prefixWords = append(prefixWords, prefixWord{h.m, b.k, join(ws)})
			}
		}
		for _, r := range q.RangeOpeners {
			rangeOpeners = append(rangeOpeners, rangeOpener{h.m, r.Open, join(r.Conns)})
		}
		list(&rangeConnectors, h.m, q.RangeConnectors)
		list(&fewWords, h.m, q.Few)
		list(&halfWords, h.m, q.HalfA)
		list(&ofWords, h.m, q.Of)
		list(&determiners, h.m, q.Determiners)
		for _, mo := range h.l.Dates.Months {
			list(&months, h.m, mo)
		}
		for _, u := range q.Units {
			unitNames = append(unitNames, unitName{u.Unit, h.m, join(u.Forms)})
		}
	}
}
