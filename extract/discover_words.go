package extract

import (
	"strings"

	"treatyline/kb"
	"treatyline/lang"
)

// The words by which a name that the knowledge base does not know reads
// as the name of an entity — the words for a treaty, for islands,
// peninsulas and rivers, for the parts of a land, the titles of people —
// are the languages' (lang's NameWords), gathered here over every
// language, since a document names things in others' words too.

// nameWordSet gathers one category of name words of every language.
func nameWordSet(get func(*lang.NameWords) []string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lang.All() {
		for _, w := range get(&l.Names) {
			m[w] = true
		}
	}
	return m
}

// nameWordKinds gathers a category of words by kind.
func nameWordKinds(get func(*lang.NameWords) map[string][]string) map[string]kb.Kind {
	m := map[string]kb.Kind{}
	for _, l := range lang.All() {
		for kind, ws := range get(&l.Names) {
			for _, w := range ws {
				if _, ok := m[w]; !ok {
					m[w] = kb.Kind(kind)
				}
			}
		}
	}
	return m
}

var (
	// instrumentNouns name a kind of instrument: "Treaty of X", "Vertrag
	// von X", "traité de X", "X-verdrag"; lowercaseInstruments may be
	// written in small letters ("the treaty of Shimoda" is rare, "le
	// traité de Shimoda" usual).
	instrumentNouns      = nameWordSet(func(n *lang.NameWords) []string { return n.Instruments })
	lowercaseInstruments = nameWordSet(func(n *lang.NameWords) []string { return n.Lowercase })
	// namePrepositions join an instrument word to its place.
	namePrepositions = nameWordSet(func(n *lang.NameWords) []string { return n.Prepositions })
	// notPlaceWords are capitalised words that follow an instrument word
	// but name its matter, or begin a sentence.
	notPlaceWords = nameWordSet(func(n *lang.NameWords) []string { return n.NotPlaces })
	// placeNouns say what kind of place the name beside them is;
	// placeNounsAfter count right after a name too ("Sakhalin Island").
	placeNouns      = nameWordKinds(func(n *lang.NameWords) map[string][]string { return n.PlaceNouns })
	placeNounsAfter = nameWordSet(func(n *lang.NameWords) []string { return n.PlaceNounsAfter })
	// directionWords name the part of a land, partNouns the part.
	directionWords = func() map[string]string {
		m := map[string]string{}
		for w, k := range nameWordKinds(func(n *lang.NameWords) map[string][]string { return n.Directions }) {
			m[w] = string(k)
		}
		return m
	}()
	partNouns = nameWordSet(func(n *lang.NameWords) []string { return n.Parts })
	// beyondWords join a land to the landmark it lies beyond.
	beyondWords = nameWordSet(func(n *lang.NameWords) []string { return n.Beyond })
	// personTitles before a capitalised name make it a person's.
	personTitles = nameWordSet(func(n *lang.NameWords) []string { return n.Titles })
	// polityHeads before a country's name make a polity of it.
	polityHeads = nameWordSet(func(n *lang.NameWords) []string { return n.PolityHeads })
	// nameOpeners begin place names of several words.
	nameOpeners = nameWordSet(func(n *lang.NameWords) []string { return n.Openers })
	// saintWords begin a place's name and are dropped from its key; in
	// normal form (kb.NormalName), as keys are.
	saintWords = func() map[string]bool {
		m := map[string]bool{}
		for w := range nameWordSet(func(n *lang.NameWords) []string { return n.Saints }) {
			m[kb.NormalName(w)] = true
		}
		return m
	}()
	// adjectiveEndings end the adjectives of countries' names.
	adjectiveEndings = keys(nameWordSet(func(n *lang.NameWords) []string { return n.AdjectiveEndings }))
	// clauseJoins follow a comma that begins another clause; listWords
	// join the names of a list; exchangeMarks stand before the land
	// received in an exchange.
	clauseJoins   = nameWordSet(func(n *lang.NameWords) []string { return n.ClauseJoins })
	listWords     = nameWordSet(func(n *lang.NameWords) []string { return n.ListWords })
	exchangeMarks = nameWordSet(func(n *lang.NameWords) []string { return n.ExchangeMarks })
	// separableGiving are verbs of giving whose particle ends the clause.
	separableGiving = func() [][2]string {
		var out [][2]string
		for w := range nameWordSet(func(n *lang.NameWords) []string { return n.Separable }) {
			if v, p, ok := strings.Cut(w, " "); ok {
				out = append(out, [2]string{v, p})
			}
		}
		return out
	}()
	// russianInstrumentNominatives are the stems of the instrument words
	// of languages that decline them, with their nominative.
	russianInstrumentNominatives = func() []struct{ stem, nominative string } {
		var out []struct{ stem, nominative string }
		for _, l := range lang.All() {
			for _, w := range l.Names.InstrumentStems {
				if st, nom, ok := strings.Cut(w, " "); ok {
					out = append(out, struct{ stem, nominative string }{st, nom})
				}
			}
		}
		return out
	}()
	// russianPlaceNouns are the stems of the words for kinds of place.
	russianPlaceNouns = func() []struct {
		stem string
		kind kb.Kind
	} {
		var out []struct {
			stem string
			kind kb.Kind
		}
		for _, l := range lang.All() {
			for _, kind := range []string{"territory", "river", "sea", "region"} {
				for _, st := range l.Names.PlaceStems[kind] {
					out = append(out, struct {
						stem string
						kind kb.Kind
					}{st, kb.Kind(kind)})
				}
			}
		}
		return out
	}()
	// hanInstruments end the names of instruments in Chinese and
	// Japanese; hanPlaceSuffixes the names of places, the longest first.
	hanInstruments   = keys(nameWordSet(func(n *lang.NameWords) []string { return n.ScriptInstruments }))
	hanPlaceSuffixes = func() []struct {
		suffix string
		kind   kb.Kind
	} {
		var out []struct {
			suffix string
			kind   kb.Kind
		}
		for w, k := range nameWordKinds(func(n *lang.NameWords) map[string][]string { return n.ScriptPlaces }) {
			out = append(out, struct {
				suffix string
				kind   kb.Kind
			}{w, k})
		}
		// The longest first (諸島 before 島), then in order of the text.
		sortBy(out, func(a, b struct {
			suffix string
			kind   kb.Kind
		}) bool {
			if len(a.suffix) != len(b.suffix) {
				return len(a.suffix) > len(b.suffix)
			}
			return a.suffix < b.suffix
		})
		return out
	}()
	// hanGenericInstruments are words before 条約 that say what kind of
	// treaty it is, not which.
	hanGenericInstruments = nameWordSet(func(n *lang.NameWords) []string { return n.GenericInstruments })
	// hanStops end a name read backwards; hanNotStates before 国 make no
	// state's name.
	hanStops     = runeSet(func(n *lang.NameWords) string { return n.Stops })
	hanNotStates = runeSet(func(n *lang.NameWords) string { return n.NotStates })
	// kanaMarks follow a name in Japanese and mark its role.
	kanaMarks = func() map[string]string {
		m := map[string]string{}
		for _, l := range lang.All() {
			for role, ws := range l.Names.Particles {
				for _, w := range ws {
					m[w] = role
				}
			}
		}
		return m
	}()
)

func runeSet(get func(*lang.NameWords) string) map[rune]bool {
	m := map[rune]bool{}
	for _, l := range lang.All() {
		for _, r := range get(&l.Names) {
			m[r] = true
		}
	}
	return m
}

// keys lists a set's members, sorted.
func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sortBy(out, func(a, b string) bool { return a < b })
	return out
}

// sortBy sorts a slice by a less function.
func sortBy[T any](xs []T, less func(a, b T) bool) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && less(xs[j], xs[j-1]); j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// The roles a word may have in discovery, as bits.
const (
	roleInstrument uint16 = 1 << iota
	rolePlaceNoun
	roleDirection
	rolePart
	roleTitle
)

// wordRoles gives each word of the lists its roles: discovery looks a
// word up once, and goes on only for the words that have one.
var wordRoles = func() map[string]uint16 {
	m := map[string]uint16{}
	for w := range instrumentNouns {
		m[w] |= roleInstrument
	}
	for w := range placeNouns {
		m[w] |= rolePlaceNoun
	}
	for w := range directionWords {
		m[w] |= roleDirection
	}
	for w := range partNouns {
		m[w] |= rolePart
	}
	for w := range personTitles {
		m[w] |= roleTitle
	}
	// "острова за Урупом": the Russian plural of island before "beyond".
	m["острова"] |= rolePlaceNoun
	return m
}()

// wordRoleFilter holds the words of wordRoles, to pass over most other
// words without a look-up.
var wordRoleFilter = func() *wordFilter {
	f := &wordFilter{}
	for w := range wordRoles {
		f.add(w)
	}
	return f
}()

// placeNoun gives the kind of place the word w names, for a word whose
// roles say it is a noun of placeNouns; its look-up is spared for the
// others.
func placeNoun(roles uint16, w string) (kb.Kind, bool) {
	if roles&rolePlaceNoun == 0 {
		return "", false
	}
	kind, ok := placeNouns[w]
	return kind, ok
}
