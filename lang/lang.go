// Package lang is the one home of each language's words: the names of
// months, weekdays and seasons, the marks of calendar style, the words of
// relative dates and durations, number words, the words of quantities and
// their units, the common words that tell a language apart, and the cue
// words of relations. histdate, quantity and extract read their words
// from here and nowhere else; each language is one file (en.go, nl.go,
// ...), and words that every language shares (symbols, Latin
// abbreviations) are in Common.
//
// Every word is written in lower case. Accented and unaccented spellings
// both appear where texts drop accents.
package lang

import "strings"

// Code is a language as ISO 639-1 names it: "en", "nl", "ru". The empty
// Code means "not known" (or, for Common, "every language").
type Code string

// The languages treatyline reads.
const (
	English    Code = "en"
	Dutch      Code = "nl"
	German     Code = "de"
	French     Code = "fr"
	Russian    Code = "ru"
	Chinese    Code = "zh"
	Japanese   Code = "ja"
	Spanish    Code = "es"
	Italian    Code = "it"
	Portuguese Code = "pt"
	Latin      Code = "la"
)

// Parse reads a language tag as users and files write it: ISO 639-1
// ("en"), ISO 639-2 ("eng", "dut", "ger"), or a BCP 47 tag ("en-GB",
// "zh_Hant"). It returns "" and false for anything it does not know.
func Parse(tag string) (Code, bool) {
	l := strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		l = l[:i]
	}
	switch l {
	case "en", "eng":
		return English, true
	case "nl", "nld", "dut":
		return Dutch, true
	case "de", "deu", "ger":
		return German, true
	case "fr", "fra", "fre":
		return French, true
	case "ru", "rus":
		return Russian, true
	case "zh", "zho", "chi":
		return Chinese, true
	case "ja", "jpn":
		return Japanese, true
	case "es", "spa":
		return Spanish, true
	case "it", "ita":
		return Italian, true
	case "pt", "por":
		return Portuguese, true
	case "la", "lat":
		return Latin, true
	}
	return "", false
}

// Level says how much of a language treatyline reads.
type Level uint8

const (
	// Names: month names only, so that a date written in the language is
	// read (Spanish, Italian, Portuguese, Latin).
	Names Level = iota + 1
	// Script: a language written without spaces in its own script
	// (Chinese, Japanese), whose dates histdate/chinese and the era
	// calendars read; it has relation cue words but no month names.
	Script
	// Full: dates, narrative dates, durations, numbers, quantities and
	// relations (English, Dutch, German, French, Russian).
	Full
)

// Language is everything treatyline knows of one language's words.
type Language struct {
	Code  Code
	Name  string // the English name
	Level Level
	Dates DateWords
	// Numbers are the number words: "two", "hundred", "тысяч".
	Numbers []NumberWord
	// Plurals are the plural multiplier words of vague amounts:
	// "thousands" spans 1000..9999.
	Plurals    []PluralWord
	Quantities QuantityWords
	Text       TextWords
	Relations  RelationWords
	// Names are the words that make a name the knowledge base does not
	// know read as an entity's.
	Names NameWords
}

// NameWords are the words by which a name the knowledge base does not
// know reads as the name of a treaty, a place, a person or a polity, and
// the marks of how a sentence joins names. extract's discovery reads
// them.
type NameWords struct {
	// Instruments are the words for a treaty that precede or follow the
	// place it is named after: "treaty" (Treaty of X), "verdrag"
	// (X-verdrag). Lowercase lists those written in small letters too.
	Instruments, Lowercase []string
	// Prepositions join an instrument word to its place: "of", "von".
	Prepositions []string
	// NotPlaces are capitalised words after an instrument word that name
	// its matter or begin a sentence: "Peace" (Treaty of Peace), "Article".
	NotPlaces []string
	// PlaceNouns are the words for a kind of place, by kind ("territory",
	// "river", "sea", "port", "city", "region"): "island", "Insel".
	PlaceNouns map[string][]string
	// PlaceNounsAfter are those that also follow the name: "Sakhalin
	// Island".
	PlaceNounsAfter []string
	// Directions name the part of a land, by direction ("north",
	// "south", "east", "west"): "southern", "südliche", "южная".
	Directions map[string][]string
	// Parts are the words for a part of a land: "half", "Hälfte", "часть".
	Parts []string
	// Beyond joins a land to the landmark it lies beyond: "beyond", "за".
	Beyond []string
	// Titles before a capitalised name make it a person's: "Count",
	// "граф".
	Titles []string
	// PolityHeads before a country's name make a polity of it: "Empire".
	PolityHeads []string
	// Openers begin place names of several words: "Saint", "Port".
	// Saints are those dropped when names are compared: Saint
	// Petersburg is Sankt-Peterburg.
	Openers, Saints []string
	// AdjectiveEndings end the adjectives of countries' names, in normal
	// form (kb.NormalName: Cyrillic transliterated): "ese" (Japanese),
	// "skii" (японский).
	AdjectiveEndings []string
	// ClauseJoins follow a comma that begins another clause: "and",
	// "while", "а".
	ClauseJoins []string
	// ListWords join the names of a list besides "and": "together with".
	ListWords []string
	// ExchangeMarks stand before the land received in an exchange: "for",
	// "gegen", "contre", "на".
	ExchangeMarks []string
	// Separable are verbs of giving whose particle ends the clause, as
	// "verb particle": "trat ab".
	Separable []string
	// InstrumentStems are the stems of the instrument words of a language
	// that declines them, with their nominative: "договор договор",
	// "конвенци конвенция".
	InstrumentStems []string
	// PlaceStems are the stems of its words for kinds of place, by kind:
	// "остров".
	PlaceStems map[string][]string
	// ScriptInstruments end the names of instruments in scripts written
	// without spaces: 条約. ScriptPlaces end the names of places, by
	// kind: 半島, 諸島; and of states: 国.
	ScriptInstruments []string
	ScriptPlaces      map[string][]string
	// GenericInstruments are words before 条約 that say what kind of
	// treaty it is, not which: 講和 (peace), 通商 (commerce).
	GenericInstruments []string
	// Stops end a name read backwards in a script without spaces:
	// particles, function words, verbs of signing and giving.
	Stops string
	// NotStates are characters before 国 that make no state's name: 三国,
	// 各国.
	NotStates string
	// Particles follow a name and mark its role, by role ("to", "from",
	// "actor", "object"): に, から, は, を.
	Particles map[string][]string
}

// DateWords are the words of dates.
type DateWords struct {
	// Months holds the forms of each month, January first; the first form
	// is the full name.
	Months [12][]string
	// Weekdays holds the forms of each day of the week, Monday first.
	Weekdays [7][]string
	// Feasts are the feasts of a fixed day, by month and day ("12-25":
	// "christmas"), each a single word.
	Feasts map[string][]string
	// DayParts holds morning, afternoon, evening and night.
	DayParts [4][]string
	// Seasons holds spring, summer, autumn and winter.
	Seasons [4][]string
	// SeasonsAlone are the forms of a season that are a date by
	// themselves, with no word before them: Russian "осенью" (in autumn).
	SeasonsAlone []string
	// Ordinals are ordinal numbers written as words, by value:
	// Ordinals[17] = "seventeenth".
	Ordinals map[int][]string
	// OrdinalSuffixes follow a figure with no space between: "28th", "17e".
	OrdinalSuffixes []string
	// DecadeSuffixes turn a year ending in 0 into its decade ("1630s");
	// DecadeTails may follow the decade ("1630er Jahre").
	DecadeSuffixes, DecadeTails []string
	// OldStyle and NewStyle mark the Julian and Gregorian calendars
	// ("old", "julian", "o.s"); StyleWords complete a marker ("style").
	OldStyle, NewStyle, StyleWords []string
	// Century and Decade are "century" and the plural "jaren" of "de
	// jaren 1630".
	Century, Decade []string
	// Range words: "from", "to", "between", "and", "since", "before",
	// "after".
	From, To, Between, And, Since, Before, After []string
	// Approx are "about", "circa".
	Approx []string
	// Parts of a period: "early", "mid", "late", "first (half)", "second
	// (half)", and the word for a half.
	Early, Mid, Late, FirstHalf, SecondHalf, Half []string
	// Glue may stand inside a date phrase: "the", "of", "de".
	Glue []string
	// BC and AD are the eras: "BC", "v.Chr.", "AD".
	BC, AD []string
	// EraKinds name an era as a kind of period, before or after its name:
	// "the Meiji era", "l'ère Meiji", "die Meiji-Zeit", "эпохи Мэйдзи".
	EraKinds []string
	// YearWords stand beside a year: "г.", "anno".
	YearWords []string
	// Lead words may stand before a date given alone: "in", "on", "op".
	Lead []string
	// Context words before a month or a season written alone make it a
	// date of the narrative: "in September", "by August", "until March",
	// "during the winter".
	Context []string
	// CountNouns follow a number that is an amount, not a year: "1500
	// troops".
	CountNouns []string
	// Relative words of narrative dates.
	Relative RelativeWords
}

// RelativeWords are the words of dates told from another date: "the
// following year", "two days later", "that summer", "the previous
// month". Units name the periods counted (also the duration units of
// quantities).
type RelativeWords struct {
	// Next: "the following day", "the next spring". Previous: "the
	// previous year", "the preceding month".
	Next, Previous []string
	// Later and Earlier follow a count of units: "two days later", "a
	// year earlier"; After and Before may follow it too ("three weeks
	// after"), and Ago ("ten years ago") counts back from the writing.
	Later, Earlier, Ago []string
	// Same points back to a period named before: "that summer", "the same
	// year", "this month".
	Same []string
	// For opens a duration: "for six years".
	For []string
	// Units names the periods: day, week, month, year, decade, century,
	// each with its forms (singular and plural, any case).
	Units map[string][]string
	// Present, Past and Future point at the time of writing or away from
	// it, as TIMEX2 marks them (PRESENT_REF, PAST_REF, FUTURE_REF): "now",
	// "currently", "at present"; "recently", "former"; "the future".
	Present, Past, Future []string
	// Few count units vaguely: "several years", "a few days".
	Few []string
	// Plurals are the plural forms of the units, by unit: "days",
	// "jaren". A plural alone after "for" or with "the following" is a
	// vague duration ("for months", "the following days").
	Plurals map[string][]string
	// Age follows a duration that is an age: "26 years old", "26 years of
	// age".
	Age []string
	// Sets are the words of recurring times, by the unit they recur in:
	// "daily", "every year", "annually".
	Sets map[string][]string
	// AndAHalf follows a count and its unit, or a count: "a month and a
	// half", "two and a half years".
	AndAHalf []string
}

// NumberKind is the role a word plays in a number written in words.
type NumberKind uint8

// The kinds of number word.
const (
	Small     NumberKind = iota + 1 // 1..99, and fractions such as "anderhalf"
	Article                         // "a", "een", "ein", "un": one, but only before hundred, thousand, ...
	Hundred                         // multiplies the group before it by 100
	Dozen                           // multiplies the group before it by 12
	Scale                           // thousand, million, ...: closes a group
	Connector                       // "and" in "one hundred and five"
)

// NumberWord is a number word and its value.
type NumberWord struct {
	Kind  NumberKind
	Value float64
	Forms []string
}

// PluralWord is a plural multiplier of vague amounts: "thousands" has Base
// 1000, MinFactor 1 and MaxFactor 10.
type PluralWord struct {
	Base, MinFactor, MaxFactor float64
	Forms                      []string
}

// Bound is what a word before a number does to it.
type Bound uint8

// The bounds.
const (
	Additive Bound = iota + 1 // "an additional": no change to the figure
	MoreThan
	AtLeast
	LessThan
	AtMost
	About
	Nearly
)

// RangeOpener opens a range of amounts ("between") that one of Conns
// closes ("and").
type RangeOpener struct {
	Open  string
	Conns []string
}

// UnitName is how a language writes a unit: Unit is the unit's code in
// package quantity ("km2", "RUB-silver", "year").
type UnitName struct {
	Unit  string
	Forms []string
}

// QuantityWords are the words of amounts.
type QuantityWords struct {
	// Bounds are the words and phrases before a number, by what they do.
	Bounds map[Bound][]string
	// RangeOpeners, RangeConnectors: "between … and", "-", "to".
	RangeOpeners    []RangeOpener
	RangeConnectors []string
	// Few are vague amounts: "several", "a few".
	Few []string
	// HalfA is "half a".
	HalfA []string
	// Of links a vague amount to its noun: "thousands of".
	Of []string
	// Determiners are definite determiners: "the", "de", "die".
	Determiners []string
	// VagueArticles stand before a plural multiplier: French "des".
	VagueArticles []string
	// Units are the names of units, in order.
	Units []UnitName
}

// TextWords are the words that tell a language and its sentences apart.
type TextWords struct {
	// Stopwords are the language's commonest short words.
	Stopwords []string
	// Abbreviations are words that a period follows without ending the
	// sentence, without their last period ("e.g", "v.chr").
	Abbreviations []string
	// OrdinalNouns follow an ordinal written as a figure and a period
	// ("am 3. Mai", "im 19. Jahrhundert"), so that the period ends no
	// sentence; month names count too.
	OrdinalNouns []string
	// Articles are passed over when looking for the word before a name.
	Articles []string
	// FunctionWords may stand between a cue word and a name: "Treaty of
	// the", "rivier de".
	FunctionWords []string
	// Conjunctions join names of one kind: "and", "or".
	Conjunctions []string
	// Indefinites introduce something not named before: "a", "another".
	Indefinites []string
}

// RelationWords are the cue words of the relations extract reads.
type RelationWords struct {
	// Cues are words and phrases of each relation ("signed", "ratified",
	// "ceded", ...), keyed by the relation.
	Cues map[string][]string
	// Giving and Receiving are the verbs of a cession, by who acts.
	Giving, Receiving []string
	// To, From and Agent mark who receives and who gives: "to", "from",
	// "by".
	To, From, Agent []string
	// Passive marks after a cue make the treaty after them the later one:
	// "superseded by".
	Passive []string
	// Object marks before a treaty's name make it the object: "reversed
	// the Treaty of".
	Object []string
	// Treaty are the general words for a treaty.
	Treaty []string
	// KindCues are words that say what kind of thing a name names, keyed
	// by the kind (kb.Kind: "treaty", "river", ...).
	KindCues map[string][]string
}

// registered holds every language, in the order their words take
// precedence when two languages spell a word alike (the first keeps an
// ambiguous month name).
var registered = []*Language{&en, &nl, &de, &fr, &ru, &es, &it, &pt, &la, &zh, &ja}

// All returns every language treatyline knows, in order of precedence.
func All() []*Language { return registered }

// Get returns a language by its code, or nil.
func Get(c Code) *Language {
	for _, l := range registered {
		if l.Code == c {
			return l
		}
	}
	return nil
}

// Common holds the words that every language shares: symbols and Latin
// abbreviations ("circa", "ca.", "km²").
func Common() *Language { return &common }

// PeriodUnits are the periods that relative dates and durations count,
// the keys of RelativeWords.Units.
var PeriodUnits = []string{"day", "week", "month", "year", "decade", "century", "hour", "minute"}
