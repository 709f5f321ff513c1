package extract

import "treatyline/kb"

// kindCues are words that, beside a name, say what kind of thing it
// names: "the Treaty of Peking", "the city of Peking", "the Amur river",
// "de rivier de Amoer", "the Qing court", "Emperor Xianfeng". They decide
// between entities that share a name. Words are written as in the text
// and matched in normal form (lower case, without diacritics).
//
// A cue counts before a name, with function words between ("Treaty of",
// "rivier de"), or right after it ("Amur river"), except that a person's
// title counts only right before the name ("keizer Alexander", not
// "governor of Eastern Siberia") and words for states and events only
// after it ("the Qing court", "the Crimean war", not "the expedition of
// Putyatin").
var kindCues = map[string]map[kb.Kind][]string{
	"en": {
		kb.KindTreaty:    {"treaty", "treaties", "convention", "conventions", "agreement", "protocol", "peace"},
		kb.KindRiver:     {"river", "rivers", "tributary", "banks", "bank", "mouth", "upstream", "downstream", "basin", "valley"},
		kb.KindCity:      {"city", "town", "capital", "fort", "village", "settlement", "post"},
		kb.KindPort:      {"port", "harbour", "harbor", "city", "town"},
		kb.KindRegion:    {"province", "region", "district", "land", "territory", "lands"},
		kb.KindTerritory: {"province", "region", "district", "land", "territory", "lands"},
		kb.KindPerson:    {"emperor", "tsar", "czar", "prince", "count", "general", "governor", "admiral", "envoy", "minister", "mr", "lieutenant", "captain"},
		kb.KindPolity:    {"dynasty", "empire", "court", "government", "kingdom", "khanate", "state"},
		kb.KindEvent:     {"war", "rebellion", "revolt", "uprising", "siege", "expedition", "crisis"},
		kb.KindRange:     {"mountains", "range", "hills"},
		kb.KindSea:       {"sea", "ocean", "strait"},
	},
	"nl": {
		kb.KindTreaty:    {"verdrag", "verdragen", "overeenkomst", "conventie", "vrede", "protocol"},
		kb.KindRiver:     {"rivier", "rivieren", "stroom", "oever", "monding", "zijrivier", "stroomgebied", "vallei"},
		kb.KindCity:      {"stad", "hoofdstad", "dorp", "fort", "nederzetting", "post"},
		kb.KindPort:      {"haven", "havenstad", "stad"},
		kb.KindRegion:    {"provincie", "regio", "gebied", "grondgebied", "streek", "land"},
		kb.KindTerritory: {"provincie", "regio", "gebied", "grondgebied", "streek", "land"},
		kb.KindPerson:    {"keizer", "tsaar", "prins", "graaf", "generaal", "gouverneur", "admiraal", "gezant", "minister", "luitenant", "kapitein"},
		kb.KindPolity:    {"dynastie", "rijk", "keizerrijk", "hof", "regering", "koninkrijk", "staat"},
		kb.KindEvent:     {"oorlog", "opstand", "belegering", "expeditie", "crisis"},
		kb.KindRange:     {"gebergte", "bergen"},
		kb.KindSea:       {"zee", "oceaan", "zeestraat"},
	},
	"de": {
		kb.KindTreaty:    {"vertrag", "verträge", "abkommen", "konvention", "frieden"},
		kb.KindRiver:     {"fluss", "flusses", "strom", "ufer", "mündung", "becken", "tal"},
		kb.KindCity:      {"stadt", "hauptstadt", "dorf", "festung", "siedlung"},
		kb.KindPort:      {"hafen", "hafenstadt", "stadt"},
		kb.KindRegion:    {"provinz", "region", "gebiet", "territorium", "land"},
		kb.KindTerritory: {"provinz", "region", "gebiet", "territorium", "land"},
		kb.KindPerson:    {"kaiser", "zar", "prinz", "fürst", "graf", "general", "gouverneur", "admiral", "gesandter", "minister"},
		kb.KindPolity:    {"dynastie", "reich", "kaiserreich", "hof", "regierung", "königreich", "staat"},
		kb.KindEvent:     {"krieg", "aufstand", "belagerung", "expedition", "krise"},
		kb.KindRange:     {"gebirge", "berge"},
		kb.KindSea:       {"meer", "ozean", "see"},
	},
	"fr": {
		kb.KindTreaty:    {"traité", "traités", "convention", "accord", "paix"},
		kb.KindRiver:     {"fleuve", "rivière", "rive", "embouchure", "affluent", "bassin", "vallée"},
		kb.KindCity:      {"ville", "capitale", "village", "fort"},
		kb.KindPort:      {"port", "ville"},
		kb.KindRegion:    {"province", "région", "territoire", "terres"},
		kb.KindTerritory: {"province", "région", "territoire", "terres"},
		kb.KindPerson:    {"empereur", "tsar", "prince", "comte", "général", "gouverneur", "amiral", "envoyé", "ministre"},
		kb.KindPolity:    {"dynastie", "empire", "cour", "gouvernement", "royaume", "état"},
		kb.KindEvent:     {"guerre", "révolte", "rébellion", "siège", "expédition", "crise"},
		kb.KindRange:     {"montagnes", "monts", "chaîne"},
		kb.KindSea:       {"mer", "océan", "détroit"},
	},
}

// functionWords may stand between a cue and the name: "Treaty of the",
// "rivier de", "Vertrag von", "traité de".
var functionWords = map[string]bool{
	"of": true, "the": true, "a": true, "an": true, "at": true,
	"de": true, "het": true, "van": true, "der": true, "een": true, "te": true,
	"die": true, "das": true, "des": true, "dem": true, "den": true, "von": true, "vom": true, "zu": true,
	"du": true, "la": true, "le": true, "les": true, "l": true, "d": true,
}

// conjunctions join names of one kind: "the Treaties of Nerchinsk and
// Kiakhta".
var conjunctions = map[string]bool{"and": true, "or": true, "en": true, "und": true, "oder": true, "et": true, "ou": true}

// cueIndex maps a cue word's normal form to the kinds it suggests, by
// language; "" holds every language's.
var cueIndex = func() map[string]map[string][]kb.Kind {
	idx := map[string]map[string][]kb.Kind{"": {}}
	for lang, byKind := range kindCues {
		m := map[string][]kb.Kind{}
		idx[lang] = m
		for _, k := range kb.Kinds {
			for _, w := range byKind[k] {
				n := kb.NormalName(w)
				if !hasKind(m[n], k) {
					m[n] = append(m[n], k)
				}
				if !hasKind(idx[""][n], k) {
					idx[""][n] = append(idx[""][n], k)
				}
			}
		}
	}
	return idx
}()

// cueBefore tells whether a cue of kind k counts before a name, with
// skipped function words between.
func cueBefore(k kb.Kind, skipped int) bool {
	switch k {
	case kb.KindPerson:
		return skipped == 0
	case kb.KindPolity, kb.KindEvent:
		return false
	}
	return true
}

// cueAfter tells whether a cue of kind k counts right after a name.
func cueAfter(k kb.Kind) bool { return k != kb.KindPerson }

func hasKind(ks []kb.Kind, k kb.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}
