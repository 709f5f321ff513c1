package quantity

import (
	"strings"
	"unicode/utf8"
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
// ISO 639-1 and 639-2 codes and BCP 47 tags ("en-GB"); anything else means
// every language.
func langsFor(lang string) langMask {
	l := strings.ToLower(lang)
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		l = l[:i]
	}
	switch l {
	case "en", "eng":
		return langEN
	case "nl", "nld", "dut":
		return langNL
	case "de", "deu", "ger":
		return langDE
	case "fr", "fra", "fre":
		return langFR
	case "ru", "rus":
		return langRU
	}
	return langAll
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
	l.word("des").vagueArt |= langFR

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

var numberWords = []struct {
	langs langMask
	kind  numKind
	val   float64
	words string
}{
	{langEN, nkArticle, 1, "a|an"},
	{langEN, nkSmall, 1, "one"},
	{langEN | langFR, nkSmall, 6, "six"},
	{langEN, nkSmall, 2, "two"}, {langEN, nkSmall, 3, "three"}, {langEN, nkSmall, 4, "four"},
	{langEN, nkSmall, 5, "five"}, {langEN, nkSmall, 7, "seven"},
	{langEN, nkSmall, 8, "eight"}, {langEN, nkSmall, 9, "nine"}, {langEN, nkSmall, 10, "ten"},
	{langEN, nkSmall, 11, "eleven"}, {langEN, nkSmall, 12, "twelve"}, {langEN, nkSmall, 13, "thirteen"},
	{langEN, nkSmall, 14, "fourteen"}, {langEN, nkSmall, 15, "fifteen"}, {langEN, nkSmall, 16, "sixteen"},
	{langEN, nkSmall, 17, "seventeen"}, {langEN, nkSmall, 18, "eighteen"}, {langEN, nkSmall, 19, "nineteen"},
	{langEN, nkSmall, 20, "twenty"}, {langEN, nkSmall, 30, "thirty"}, {langEN, nkSmall, 40, "forty"},
	{langEN, nkSmall, 50, "fifty"}, {langEN, nkSmall, 60, "sixty"}, {langEN, nkSmall, 70, "seventy"},
	{langEN, nkSmall, 80, "eighty"}, {langEN, nkSmall, 90, "ninety"},
	{langEN, nkHundred, 100, "hundred"},
	{langEN, nkDozen, 12, "dozen"},
	{langEN, nkScale, 1e3, "thousand"},
	{langEN | langFR, nkScale, 1e6, "million"},
	{langEN, nkScale, 1e9, "billion"},
	{langEN, nkConnector, 0, "and"},

	// Russian: figures are the rule; the scale words and their
	// abbreviations ("600 тыс.", "5 млн") follow them in every case.
	{langRU, nkScale, 1e3, "тыс|тысяча|тысячи|тысяч|тысячу"},
	{langRU, nkScale, 1e6, "млн|миллион|миллиона|миллионов"},
	{langRU, nkScale, 1e9, "млрд|миллиард|миллиарда|миллиардов"},
	{langRU, nkHundred, 100, "сто"},
	{langRU, nkSmall, 1, "один|одна|одно"}, {langRU, nkSmall, 2, "два|две"}, {langRU, nkSmall, 3, "три"},
	{langRU, nkSmall, 4, "четыре"}, {langRU, nkSmall, 5, "пять"}, {langRU, nkSmall, 6, "шесть"},
	{langRU, nkSmall, 7, "семь"}, {langRU, nkSmall, 8, "восемь"}, {langRU, nkSmall, 9, "девять"},
	{langRU, nkSmall, 10, "десять"}, {langRU, nkSmall, 12, "двенадцать"}, {langRU, nkSmall, 20, "двадцать"},

	{langNL, nkArticle, 1, "een"},
	{langNL, nkSmall, 1, "één|eén"},
	{langNL, nkSmall, 2, "twee"}, {langNL, nkSmall, 3, "drie"}, {langNL | langDE, nkSmall, 4, "vier"},
	{langNL, nkSmall, 5, "vijf"}, {langNL, nkSmall, 6, "zes"}, {langNL, nkSmall, 7, "zeven"},
	{langNL | langDE, nkSmall, 8, "acht"}, {langNL, nkSmall, 9, "negen"}, {langNL, nkSmall, 10, "tien"},
	{langNL | langDE, nkSmall, 11, "elf"}, {langNL, nkSmall, 12, "twaalf"}, {langNL, nkSmall, 13, "dertien"},
	{langNL, nkSmall, 14, "veertien"}, {langNL, nkSmall, 15, "vijftien"}, {langNL, nkSmall, 16, "zestien"},
	{langNL, nkSmall, 17, "zeventien"}, {langNL, nkSmall, 18, "achttien"}, {langNL, nkSmall, 19, "negentien"},
	{langNL, nkSmall, 20, "twintig"}, {langNL, nkSmall, 30, "dertig"}, {langNL, nkSmall, 40, "veertig"},
	{langNL, nkSmall, 50, "vijftig"}, {langNL, nkSmall, 60, "zestig"}, {langNL, nkSmall, 70, "zeventig"},
	{langNL, nkSmall, 80, "tachtig"}, {langNL, nkSmall, 90, "negentig"},
	{langNL, nkSmall, 1.5, "anderhalf|anderhalve"},
	{langNL, nkHundred, 100, "honderd"},
	{langNL, nkScale, 1e3, "duizend"},
	{langNL, nkScale, 1e6, "miljoen"},
	{langNL, nkScale, 1e9, "miljard"},

	{langDE, nkArticle, 1, "ein|eine|einer|einen"},
	{langDE, nkSmall, 1, "eins"},
	{langDE, nkSmall, 2, "zwei"}, {langDE, nkSmall, 3, "drei"}, {langDE, nkSmall, 5, "fünf"},
	{langDE, nkSmall, 6, "sechs"}, {langDE, nkSmall, 7, "sieben"}, {langDE, nkSmall, 9, "neun"},
	{langDE, nkSmall, 10, "zehn"}, {langDE, nkSmall, 12, "zwölf"}, {langDE, nkSmall, 13, "dreizehn"},
	{langDE, nkSmall, 14, "vierzehn"}, {langDE, nkSmall, 15, "fünfzehn"}, {langDE, nkSmall, 16, "sechzehn"},
	{langDE, nkSmall, 17, "siebzehn"}, {langDE, nkSmall, 18, "achtzehn"}, {langDE, nkSmall, 19, "neunzehn"},
	{langDE, nkSmall, 20, "zwanzig"}, {langDE, nkSmall, 30, "dreißig|dreissig"}, {langDE, nkSmall, 40, "vierzig"},
	{langDE, nkSmall, 50, "fünfzig"}, {langDE, nkSmall, 60, "sechzig"}, {langDE, nkSmall, 70, "siebzig"},
	{langDE, nkSmall, 80, "achtzig"}, {langDE, nkSmall, 90, "neunzig"},
	{langDE, nkSmall, 1.5, "anderthalb|eineinhalb"},
	{langDE, nkHundred, 100, "hundert"},
	{langDE, nkScale, 1e3, "tausend"},
	{langDE | langFR, nkScale, 1e6, "millionen|millions"},
	{langDE, nkScale, 1e9, "milliarde|milliarden"},

	{langFR, nkArticle, 1, "un|une"},
	{langFR, nkSmall, 2, "deux"}, {langFR, nkSmall, 3, "trois"}, {langFR, nkSmall, 4, "quatre"},
	{langFR, nkSmall, 5, "cinq"}, {langFR, nkSmall, 7, "sept"}, {langFR, nkSmall, 8, "huit"},
	{langFR, nkSmall, 9, "neuf"}, {langFR, nkSmall, 10, "dix"}, {langFR, nkSmall, 11, "onze"},
	{langFR, nkSmall, 12, "douze"}, {langFR, nkSmall, 13, "treize"}, {langFR, nkSmall, 14, "quatorze"},
	{langFR, nkSmall, 15, "quinze"}, {langFR, nkSmall, 16, "seize"}, {langFR, nkSmall, 20, "vingt|vingts"},
	{langFR, nkSmall, 30, "trente"}, {langFR, nkSmall, 40, "quarante"}, {langFR, nkSmall, 50, "cinquante"},
	{langFR, nkSmall, 60, "soixante"},
	{langFR, nkHundred, 100, "cent|cents"},
	{langFR, nkScale, 1e3, "mille"},
	{langFR, nkScale, 1e9, "milliard|milliards"},
	{langFR, nkConnector, 0, "et"},
}

// pluralWords are the plural multiplier words of vague amounts: "thousands"
// spans 1000..9999 (minimum factor 1, maximum factor 10 of the base).
var pluralWords = []struct {
	langs            langMask
	base, minF, maxF float64
	words            string
}{
	{langEN, 10, 1, 10, "tens"},
	{langEN, 100, 1, 10, "hundreds"},
	{langEN, 1e3, 1, 10, "thousands"},
	{langEN | langFR, 1e6, 1, 10, "millions"},
	{langEN, 1e9, 1, 10, "billions"},
	{langEN, 12, 2, 12, "dozens"},
	{langRU, 1e3, 1, 10, "тысячи|тысячами"},
	{langRU, 10, 1, 10, "десятки"},
	{langRU, 100, 1, 10, "сотни"},
	{langNL, 10, 1, 10, "tientallen"},
	{langNL, 100, 1, 10, "honderden"},
	{langNL, 1e3, 1, 10, "duizenden"},
	{langNL, 1e6, 1, 10, "miljoenen"},
	{langNL, 1e9, 1, 10, "miljarden"},
	{langDE, 12, 2, 12, "dutzende"},
	{langDE, 100, 1, 10, "hunderte"},
	{langDE, 1e3, 1, 10, "tausende"},
	{langDE, 1e6, 1, 10, "millionen"},
	{langDE, 1e9, 1, 10, "milliarden"},
	{langFR, 10, 1, 10, "dizaines"},
	{langFR, 12, 2, 12, "douzaines"},
	{langFR, 100, 1, 10, "centaines"},
	{langFR, 1e3, 1, 10, "milliers"},
	{langFR, 1e9, 1, 10, "milliards"},
}

var prefixWords = []struct {
	langs langMask
	kind  prefixKind
	words string
}{
	{langEN, pkAdditive, "an additional|additional|a further|another|a total of|an extra|an estimated additional"},
	{langNL, pkAdditive, "nog eens|een extra|in totaal|nog|een aanvullende"},
	{langDE, pkAdditive, "weitere|insgesamt|zusätzlich"},
	{langFR, pkAdditive, "encore|au total"},

	{langEN, pkMoreThan, "more than|over|in excess of|upwards of|above|greater than|well over|just over|well above|slightly more than|a little more than|a little over|somewhat more than"},
	{langNL, pkMoreThan, "meer dan|ruim|ruimschoots|boven de"},
	{langDE, pkMoreThan, "mehr als|über|weit über|gut über"},
	{langFR, pkMoreThan, "plus de|plus d'|au-delà de|au delà de|bien plus de"},
	{langRU, pkMoreThan, "более|свыше|больше|более чем|свыше чем"},

	{langEN, pkAtLeast, "at least|no fewer than|no less than|not less than|not fewer than|a minimum of|at the least"},
	{langNL, pkAtLeast, "ten minste|tenminste|minstens|minimaal|niet minder dan|op zijn minst"},
	{langDE, pkAtLeast, "mindestens|wenigstens|zumindest|nicht weniger als"},
	{langFR, pkAtLeast, "au moins|pas moins de|au minimum"},
	{langRU, pkAtLeast, "не менее|не меньше|по меньшей мере|как минимум"},

	{langEN, pkLessThan, "less than|fewer than|under|below|well under|well below"},
	{langNL, pkLessThan, "minder dan|onder de|beneden de"},
	{langDE, pkLessThan, "weniger als|unter"},
	{langFR, pkLessThan, "moins de|moins d'"},
	{langRU, pkLessThan, "менее|меньше|менее чем"},

	{langEN, pkAtMost, "up to|at most|no more than|not more than|a maximum of|at the most"},
	{langNL, pkAtMost, "hooguit|hoogstens|maximaal|ten hoogste|niet meer dan|tot maximaal|op zijn hoogst"},
	{langDE, pkAtMost, "höchstens|bis zu|maximal|nicht mehr als"},
	{langFR, pkAtMost, "au plus|au maximum|jusqu'à|pas plus de"},
	{langRU, pkAtMost, "не более|не больше|до|максимум"},

	{langAll, pkAbout, "circa|ca.|c.|~|≈"},
	{langEN, pkAbout, "about|around|approximately|approx.|roughly|some|an estimated|estimated|in the region of|on the order of|of the order of|something like"},
	{langNL, pkAbout, "ongeveer|zo'n|rond de|rond|omstreeks|pakweg|ruwweg|zowat|plusminus|om en nabij de|om en nabij|naar schatting|grofweg"},
	{langDE, pkAbout, "etwa|ungefähr|rund|zirka|annähernd|schätzungsweise|gegen"},
	{langFR, pkAbout, "environ|à peu près|approximativement|quelque|autour de|aux alentours de"},
	{langRU, pkAbout, "около|примерно|приблизительно|порядка|ок."},

	{langEN, pkNearly, "nearly|almost|close to|just under|not quite|just below|well-nigh"},
	{langNL, pkNearly, "bijna|nagenoeg|vrijwel|bijkans|een kleine|haast|krap"},
	{langDE, pkNearly, "fast|beinahe|knapp|nahezu"},
	{langRU, pkNearly, "почти|едва ли не"},
	{langFR, pkNearly, "près de|presque|quasiment|pas loin de|près d'"},
}

var rangeOpeners = []struct {
	langs       langMask
	open, conns string
}{
	{langEN, "between", "and|-"},
	{langEN, "from", "to|-"},
	{langNL, "tussen", "en|-"},
	{langNL, "van", "tot|tot en met|-"},
	{langDE, "zwischen", "und|-"},
	{langDE, "von", "bis|-"},
	{langFR, "entre", "et|-"},
	{langFR, "de", "à|-"},
	{langRU, "от", "до|-"},
	{langRU, "между", "и|-"},
}

var rangeConnectors = []wordList{
	{langAll, "-"},
	{langEN, "to"},
	{langNL, "tot|tot en met|à"},
	{langDE, "bis"},
	{langFR, "à"},
	{langRU, "до"},
}

var fewWords = []wordList{
	{langEN, "several|a few|few|some|many|a couple of"},
	{langNL, "enkele|enige|verscheidene|meerdere|vele|een paar|een aantal|enkel"},
	{langDE, "einige|mehrere|viele|ein paar|etliche|einigen"},
	{langFR, "quelques|plusieurs|de nombreux|de nombreuses|maints|maintes"},
	{langRU, "несколько|много"},
}

var halfWords = []wordList{
	{langEN, "half a"},
	{langNL, "een half|een halve"},
	{langDE, "eine halbe|ein halbes"},
	{langFR, "un demi|un demi-"},
}

var ofWords = []wordList{
	{langEN, "of"},
	{langNL, "van"},
	{langDE, "von"},
	{langFR, "de|d'"},
}

var determiners = []wordList{
	{langEN, "the|these|those|both"},
	{langNL, "de|het|die|deze|beide"},
	{langDE, "die|der|den|dem|des|diese|beiden|beide"},
	{langFR, "les|ces|le|la"},
}

var months = []wordList{
	{langEN, "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"},
	{langNL, "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"},
	{langDE, "januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember"},
	{langFR, "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|janv|févr|avr|juil|sept|oct|nov|déc"},
}
