package histdate

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

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
}

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
	return lexicon[string(b)]
}

// ordSuffixes follow a number with no space between: "28th", "17e",
// "1er", "18-го".
var ordSuffixes = map[string]bool{"st": true, "nd": true, "rd": true, "th": true,
	"e": true, "ste": true, "de": true, "er": true, "re": true, "ère": true, "ème": true,
	"eme": true, "го": true, "е": true, "й": true}

// decadeSuffixes turn a year ending in 0 into its decade: "1630s",
// "1630er Jahre", "1630-е годы".
var decadeSuffixes = map[string]bool{"s": true, "er": true, "ern": true, "erjahre": true,
	"erjahren": true, "е": true, "х": true, "ые": true, "ых": true}

// halfWords follow "first" or "second" in "the first half of".
var halfWords = map[string]bool{"half": true, "helft": true, "hälfte": true, "haelfte": true,
	"moitié": true, "moitie": true, "половина": true, "половине": true}

// decadeTail may follow a decade: "1630er Jahre", "1630-е годы".
var decadeTail = map[string]bool{"jahre": true, "jahren": true, "годы": true, "годах": true, "годов": true}

func add(kind wordKind, val int, lang string, forms ...string) {
	for _, f := range forms {
		if _, dup := lexicon[f]; dup && kind == wMonth {
			continue // the first language listed keeps an ambiguous form
		}
		lexicon[f] = word{kind: kind, val: int16(val), lang: langIndex(lang)}
	}
}

func init() {
	months := []struct {
		lang  string
		names [12][]string
	}{
		{"en", [12][]string{
			{"january", "jan"}, {"february", "feb", "febr"}, {"march", "mar"}, {"april", "apr"},
			{"may"}, {"june", "jun"}, {"july", "jul"}, {"august", "aug"},
			{"september", "sep", "sept"}, {"october", "oct"}, {"november", "nov"}, {"december", "dec"}}},
		{"nl", [12][]string{
			{"januari"}, {"februari"}, {"maart", "mrt"}, {"april"},
			{"mei"}, {"juni"}, {"juli"}, {"augustus"},
			{"september"}, {"oktober", "okt"}, {"november"}, {"december"}}},
		{"de", [12][]string{
			{"januar", "jänner", "jaenner"}, {"februar"}, {"märz", "maerz", "marz", "mrz"}, {"april"},
			{"mai"}, {"juni"}, {"juli"}, {"august"},
			{"september"}, {"oktober"}, {"november"}, {"dezember", "dez"}}},
		{"fr", [12][]string{
			{"janvier", "janv"}, {"février", "fevrier", "févr", "fevr"}, {"mars"}, {"avril", "avr"},
			{"mai"}, {"juin"}, {"juillet", "juil"}, {"août", "aout"},
			{"septembre"}, {"octobre"}, {"novembre"}, {"décembre", "decembre", "déc"}}},
		{"ru", [12][]string{
			{"январь", "января", "январе", "янв"}, {"февраль", "февраля", "феврале", "фев", "февр"},
			{"март", "марта", "марте"}, {"апрель", "апреля", "апреле", "апр"},
			{"май", "мая", "мае"}, {"июнь", "июня", "июне"}, {"июль", "июля", "июле"},
			{"август", "августа", "августе", "авг"}, {"сентябрь", "сентября", "сентябре", "сент"},
			{"октябрь", "октября", "октябре", "окт"}, {"ноябрь", "ноября", "ноябре", "нояб"},
			{"декабрь", "декабря", "декабре", "дек"}}},
		{"es", [12][]string{
			{"enero"}, {"febrero"}, {"marzo"}, {"abril"}, {"mayo"}, {"junio"}, {"julio"},
			{"agosto"}, {"septiembre", "setiembre"}, {"octubre"}, {"noviembre"}, {"diciembre"}}},
		{"it", [12][]string{
			{"gennaio"}, {"febbraio"}, {"marzo"}, {"aprile"}, {"maggio"}, {"giugno"}, {"luglio"},
			{"agosto"}, {"settembre"}, {"ottobre"}, {"novembre"}, {"dicembre"}}},
		{"pt", [12][]string{
			{"janeiro"}, {"fevereiro"}, {"março", "marco"}, {"abril"}, {"maio"}, {"junho"}, {"julho"},
			{"agosto"}, {"setembro"}, {"outubro"}, {"novembro"}, {"dezembro"}}},
		{"la", [12][]string{
			{"ianuarii", "januarii", "ianuarius"}, {"februarii", "februarius"}, {"martii", "martius"},
			{"aprilis"}, {"maii", "maius"}, {"iunii", "junii", "iunius"}, {"iulii", "julii", "iulius"},
			{"augusti", "augustus"}, {"septembris"}, {"octobris"}, {"novembris"}, {"decembris"}}},
	}
	for _, l := range months {
		for i, forms := range l.names {
			add(wMonth, i+1, l.lang, forms...)
		}
	}

	// Style markers. Multi-word markers ("old style", "oude stijl") are a
	// first word followed by a wStyleWord; abbreviations ("o.s.") are read
	// as letters with dots by the matcher.
	add(wOldStyle, 0, "en", "old", "julian", "o.s", "os")
	add(wNewStyle, 0, "en", "new", "gregorian", "n.s", "ns")
	add(wOldStyle, 0, "nl", "oude", "juliaanse", "juliaans", "o.s")
	add(wNewStyle, 0, "nl", "nieuwe", "gregoriaanse", "gregoriaans", "n.s")
	add(wOldStyle, 0, "de", "alten", "alter", "julianischen", "julianisch", "a.st")
	add(wNewStyle, 0, "de", "neuen", "neuer", "gregorianischen", "gregorianisch", "n.st")
	add(wOldStyle, 0, "fr", "ancien", "vieux", "julien", "a.s", "v.s", "a.st", "v.st")
	add(wNewStyle, 0, "fr", "nouveau", "grégorien", "gregorien", "n.s", "n.st")
	add(wOldStyle, 0, "ru", "ст.ст", "старому", "юлианскому")
	add(wNewStyle, 0, "ru", "нов.ст", "н.ст", "новому", "григорианскому")
	add(wStyleWord, 0, "en", "style", "calendar", "reckoning")
	add(wStyleWord, 0, "nl", "stijl", "kalender", "tijdrekening")
	add(wStyleWord, 0, "de", "stil", "stils", "stiles", "kalender", "kalenders")
	add(wStyleWord, 0, "fr", "style", "calendrier")
	add(wStyleWord, 0, "ru", "стилю", "стиль", "календарю")

	add(wCentury, 0, "en", "century", "centuries")
	add(wCentury, 0, "nl", "eeuw", "eeuwen")
	add(wCentury, 0, "de", "jahrhundert", "jahrhunderts", "jhd", "jh")
	add(wCentury, 0, "fr", "siècle", "siecle", "siècles")
	add(wCentury, 0, "ru", "век", "века", "веке", "в")
	add(wCentury, 0, "es", "siglo")
	add(wCentury, 0, "it", "secolo")

	add(wDecadeWord, 0, "nl", "jaren")
	add(wDecadeWord, 0, "fr", "années", "annees")
	add(wDecadeWord, 0, "es", "años", "anos")

	add(wRangeFrom, 0, "en", "from")
	add(wRangeFrom, 0, "nl", "van", "vanaf")
	add(wRangeFrom, 0, "de", "von", "vom")
	add(wRangeFrom, 0, "fr", "du")
	add(wRangeFrom, 0, "ru", "с")
	add(wRangeTo, 0, "en", "to", "till", "until", "through")
	add(wRangeTo, 0, "nl", "tot", "t/m")
	add(wRangeTo, 0, "de", "bis")
	add(wRangeTo, 0, "fr", "à", "au", "jusqu'à", "jusqu’à")
	add(wRangeTo, 0, "ru", "по", "до")
	add(wBetween, 0, "en", "between")
	add(wBetween, 0, "nl", "tussen")
	add(wBetween, 0, "de", "zwischen")
	add(wBetween, 0, "fr", "entre")
	add(wBetween, 0, "ru", "между")
	add(wAnd, 0, "en", "and")
	add(wAnd, 0, "nl", "en")
	add(wAnd, 0, "de", "und")
	add(wAnd, 0, "fr", "et")
	add(wAnd, 0, "ru", "и")
	add(wSince, 0, "en", "since")
	add(wSince, 0, "nl", "sinds", "sedert")
	add(wSince, 0, "de", "seit")
	add(wSince, 0, "fr", "depuis")
	for _, l := range []struct {
		lang    string
		seasons [4][]string
	}{
		{"en", [4][]string{{"spring"}, {"summer"}, {"autumn", "fall"}, {"winter"}}},
		{"nl", [4][]string{{"lente", "voorjaar"}, {"zomer"}, {"herfst", "najaar"}, {"winter"}}},
		{"de", [4][]string{{"frühling", "frühjahr"}, {"sommer"}, {"herbst"}, {"winter"}}},
		{"fr", [4][]string{{"printemps"}, {"été"}, {"automne"}, {"hiver"}}},
		{"ru", [4][]string{{"весна", "весной", "весны"}, {"лето", "летом"}, {"осень", "осенью", "осени"}, {"зима", "зимой", "зимы"}}},
	} {
		for i, forms := range l.seasons {
			add(wSeason, i+1, l.lang, forms...)
		}
	}
	add(wBefore, 0, "en", "before", "ante")
	add(wBefore, 0, "nl", "vóór", "voor")
	add(wBefore, 0, "de", "vor")
	add(wBefore, 0, "fr", "avant")
	add(wAfter, 0, "en", "after", "post")
	add(wAfter, 0, "nl", "na")
	add(wAfter, 0, "de", "nach")
	add(wAfter, 0, "fr", "après", "apres")

	add(wApprox, 0, "en", "c", "ca", "circa", "about", "around", "approximately", "approx")
	add(wApprox, 0, "nl", "omstreeks", "ongeveer", "rond", "rondom", "circa")
	add(wApprox, 0, "de", "um", "etwa", "gegen", "zirka")
	add(wApprox, 0, "fr", "vers", "environ")
	add(wApprox, 0, "ru", "около", "примерно", "ок")

	add(wPart, partEarly, "en", "early", "beginning", "start")
	add(wPart, partMid, "en", "mid", "middle")
	add(wPart, partLate, "en", "late", "end")
	add(wPart, partEarly, "nl", "begin", "vroeg", "vroege", "aanvang")
	add(wPart, partMid, "nl", "midden", "medio", "half")
	add(wPart, partLate, "nl", "eind", "einde", "laat", "late")
	add(wPart, partEarly, "de", "anfang", "beginn", "früh", "frühen")
	add(wPart, partMid, "de", "mitte")
	add(wPart, partLate, "de", "ende", "späten")
	add(wPart, partEarly, "fr", "début", "debut", "commencement")
	add(wPart, partMid, "fr", "milieu", "mi")
	add(wPart, partLate, "fr", "fin")
	add(wPart, partEarly, "ru", "начало", "начале")
	add(wPart, partMid, "ru", "середина", "середине")
	add(wPart, partLate, "ru", "конец", "конце")
	add(wPart, partFirstHalf, "en", "first")
	add(wPart, partSecondHalf, "en", "second", "latter")
	add(wPart, partFirstHalf, "nl", "eerste")
	add(wPart, partSecondHalf, "nl", "tweede")
	add(wPart, partFirstHalf, "de", "ersten", "erste")
	add(wPart, partSecondHalf, "de", "zweiten", "zweite")
	add(wPart, partFirstHalf, "fr", "première", "premiere")
	add(wPart, partSecondHalf, "fr", "seconde", "deuxième", "deuxieme")

	// Glue words that may stand inside a date phrase: "the 18th century",
	// "in de tweede helft van de 17e eeuw", "le 16 mai", "16 de mayo de 1858".
	add(wOf, 0, "en", "the", "of")
	add(wOf, 0, "nl", "de", "het", "der")
	add(wOf, 0, "de", "des", "der", "den", "dem", "im", "jahre", "jahren")
	add(wOf, 0, "fr", "le", "la", "les")
	add(wOf, 0, "es", "del")

	add(wEraBC, 0, "en", "bc", "b.c", "bce", "b.c.e")
	add(wEraAD, 0, "en", "ad", "a.d", "ce", "c.e")
	add(wEraBC, 0, "nl", "v.chr", "v.c")
	add(wEraAD, 0, "nl", "n.chr")
	add(wEraBC, 0, "de", "v.chr", "v.u.z")
	add(wEraAD, 0, "de", "n.chr", "u.z")
	add(wEraBC, 0, "fr", "av.j.-c", "av.j-c")
	add(wEraAD, 0, "fr", "apr.j.-c", "apr.j-c")
	add(wEraBC, 0, "ru", "до н.э")
	add(wEraAD, 0, "ru", "н.э")
	add(wYearWord, 0, "ru", "г", "года", "году", "год", "гг")
	add(wYearWord, 0, "en", "anno")

	ords := []struct {
		n     int
		forms []string
	}{
		{1, []string{"first", "eerste", "ersten", "premier"}},
		{2, []string{"second", "tweede", "zweiten"}},
		{3, []string{"third", "derde", "dritten"}},
		{4, []string{"fourth", "vierde", "vierten"}},
		{5, []string{"fifth", "vijfde", "fünften"}},
		{6, []string{"sixth", "zesde", "sechsten"}},
		{7, []string{"seventh", "zevende", "siebten"}},
		{8, []string{"eighth", "achtste", "achten"}},
		{9, []string{"ninth", "negende", "neunten"}},
		{10, []string{"tenth", "tiende", "zehnten"}},
		{11, []string{"eleventh", "elfde", "elften"}},
		{12, []string{"twelfth", "twaalfde", "zwölften"}},
		{13, []string{"thirteenth", "dertiende", "dreizehnten"}},
		{14, []string{"fourteenth", "veertiende", "vierzehnten"}},
		{15, []string{"fifteenth", "vijftiende", "fünfzehnten"}},
		{16, []string{"sixteenth", "zestiende", "sechzehnten"}},
		{17, []string{"seventeenth", "zeventiende", "siebzehnten"}},
		{18, []string{"eighteenth", "achttiende", "achtzehnten"}},
		{19, []string{"nineteenth", "negentiende", "neunzehnten"}},
		{20, []string{"twentieth", "twintigste", "zwanzigsten"}},
		{21, []string{"twenty-first", "eenentwintigste", "einundzwanzigsten"}},
	}
	for _, o := range ords {
		for _, f := range o.forms {
			if _, taken := lexicon[f]; !taken {
				lexicon[f] = word{kind: wOrdinalWord, val: int16(o.n)}
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
	add(wCountNoun, 0, "", "troops", "men", "soldiers", "soldaten", "troepen", "man", "mann",
		"km", "km²", "km2", "miles", "mile", "mijl", "versts", "verst", "li", "square", "sq",
		"vierkante", "roubles", "rubles", "roebel", "roebels", "taels", "tael", "pounds",
		"ships", "schepen", "people", "persons", "inhabitants", "inwoners", "families",
		"kilometres", "kilometers", "kilometer", "metres", "meters", "dollars", "francs",
		"артикул", "человек", "верст", "рублей", "per", "procent", "percent")
}

func init() {
	for k, w := range lexicon {
		if pk, ok := packWord([]byte(k)); ok {
			shortPut(pk, w)
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
