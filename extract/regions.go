package extract

import (
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"treatyline/kb"
)

// The names of countries in the languages ingest reads come from the
// Unicode CLDR (golang.org/x/text/language/display): "Japan", "Japon",
// "Япония", "日本" are one country whatever the language of the text, so a
// polity the knowledge base does not know is still one candidate across
// documents and scripts. Some of CLDR's regions are territories rather
// than states (Taiwan); the words around a name tell which it is.

// regionName is a country's name in one language.
type regionName struct {
	region string // the English name, which the candidate's id is made of
	text   string // as CLDR writes it
	lang   string
	key    string // the normal form of the English name: a candidate's key
}

var regionNamesOnce sync.Once
var regionByNormal map[string][]regionName // kb.NormalName → names
var regionHanFirst map[rune][]regionName   // those by their first character
var regionHanLeast rune                    // and the least of those characters: no code point below it is looked up
var regionFirst map[string]bool            // the first words of the names, lower case and in normal form
var regionFirstFilter wordFilter           // and a filter of them, to pass over most words without a look-up
var regionMultiFirst map[string]bool       // the first words of the names of several words, lower case
var regionNames map[string][]string        // the English name → every language's name, in normal form
var regionByPrefix map[string][]regionName // the first three letters of a name in normal form → the names

// regionLanguages are the languages whose country names are read.
var regionLanguages = []string{"en", "nl", "de", "fr", "ru", "ja", "zh", "zh-Hant"}

func loadRegionNames() {
	regionByNormal = map[string][]regionName{}
	regionHanFirst = map[rune][]regionName{}
	regionFirst = map[string]bool{}
	regionMultiFirst = map[string]bool{}
	regionNames = map[string][]string{}
	regionByPrefix = map[string][]regionName{}
	en := display.Regions(language.English)
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			reg, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !reg.IsCountry() {
				continue
			}
			english := en.Name(reg)
			if english == "" || strings.ContainsAny(english, "&()") {
				continue
			}
			for _, l := range regionLanguages {
				tag := language.MustParse(l)
				name := display.Regions(tag).Name(reg)
				if name == "" || strings.ContainsAny(name, "()") {
					continue
				}
				lang := strings.TrimSuffix(l, "-Hant")
				rn := regionName{region: english, text: name, lang: lang, key: kb.NormalName(english)}
				if hasHanOrKana(name) {
					first := []rune(name)[0]
					regionHanFirst[first] = append(regionHanFirst[first], rn)
					if regionHanLeast == 0 || first < regionHanLeast {
						regionHanLeast = first
					}
					continue
				}
				n := kb.NormalName(name)
				regionNames[english] = append(regionNames[english], n)
				if len(n) >= 4 && !strings.Contains(n, " ") {
					p := n[:3]
					regionByPrefix[p] = append(regionByPrefix[p], regionName{region: english, text: n, lang: lang})
				}
				if f := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == ' ' || r == '-' }); len(f) > 1 {
					regionMultiFirst[f[0]] = true
				}
				if f := strings.Fields(strings.ToLower(name)); len(f) > 0 {
					regionFirst[strings.TrimRight(f[0], "-")] = true
					regionFirst[strings.Split(f[0], "-")[0]] = true
				}
				if f := strings.Fields(n); len(f) > 0 {
					regionFirst[f[0]] = true
				}
				dup := false
				for _, x := range regionByNormal[n] {
					dup = dup || x.region == english
				}
				if !dup {
					regionByNormal[n] = append(regionByNormal[n], rn)
				}
			}
		}
	}
	for w := range regionFirst {
		regionFirstFilter.add(w)
	}
}

// regionNamed gives the country a name in normal form names, if one
// alone.
func regionNamed(normal string) (regionName, bool) {
	regionNamesOnce.Do(loadRegionNames)
	rs := regionByNormal[normal]
	if len(rs) != 1 {
		return regionName{}, false
	}
	return rs[0], true
}

// mayBeRegion tells whether a lower-case word may begin a country's
// name: a quick test before the normal form is made.
func mayBeRegion(lower string) bool {
	regionNamesOnce.Do(loadRegionNames)
	return regionFirstFilter.mayHave(lower) && regionFirst[lower]
}
