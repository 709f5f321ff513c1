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
}

var regionNamesOnce sync.Once
var regionByNormal map[string][]regionName // kb.NormalName → names
var regionHan []regionName                 // names in Han or kana, for texts without spaces

// regionLanguages are the languages whose country names are read.
var regionLanguages = []string{"en", "nl", "de", "fr", "ru", "ja", "zh", "zh-Hant"}

func loadRegionNames() {
	regionByNormal = map[string][]regionName{}
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
				rn := regionName{region: english, text: name, lang: lang}
				if hasHanOrKana(name) {
					regionHan = append(regionHan, rn)
					continue
				}
				n := kb.NormalName(name)
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

// hanRegionNames lists the country names written in Han or kana.
func hanRegionNames() []regionName {
	regionNamesOnce.Do(loadRegionNames)
	return regionHan
}
