package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Treaties are named after the place of signing in the same few ways in
// every western European language: a treaty word and a preposition before
// the place ("Treaty of Nanking", "Verdrag van Nanking", "Vertrag von
// Nanking", "traité de Nanking"), or the place joined to the treaty word
// ("Nanking-verdrag", "Nanking Treaty"). A knowledge base rarely lists
// every language's form, so the gazetteer derives the others from any one
// it has. The place keeps its spelling: an exonym ("Nankin" in French) is
// a name of its own, to be listed as an alias.

// treatyWordForms are the words for one kind of instrument, by language.
type treatyWordForms struct {
	en, nl, de, fr string
}

var instrumentWords = []treatyWordForms{
	{en: "Treaty", nl: "Verdrag", de: "Vertrag", fr: "Traité"},
	{en: "Convention", nl: "Conventie", de: "Konvention", fr: "Convention"},
	{en: "Peace", nl: "Vrede", de: "Frieden", fr: "Paix"},
	{en: "Protocol", nl: "Protocol", de: "Protokoll", fr: "Protocole"},
}

// treatyPlace splits a treaty's name into its instrument words and the
// place it is named after: "Treaty of Nanking" gives (the treaty forms,
// "Nanking"); "Nanking-verdrag" and "Nanking Treaty" the same. ok is false
// for a name of another shape ("Айгунский договор", "Sino-Russian
// Convention of Peking" keeps only "Convention of Peking" when asked by its
// tail).
func treatyPlace(name string) (treatyWordForms, string, bool) {
	name = strings.TrimSpace(name)
	for _, w := range instrumentWords {
		for _, lead := range []string{w.en + " of ", w.nl + " van ", w.de + " von ", w.de + " zu ", w.fr + " de ", w.fr + " d'", w.fr + " d’"} {
			if len(name) > len(lead) && strings.EqualFold(name[:len(lead)], lead) {
				if place := name[len(lead):]; placeLike(place) {
					return w, place, true
				}
			}
		}
		for _, tail := range []string{"-" + w.nl, "-" + w.de, " " + w.en} {
			if len(name) > len(tail) && strings.EqualFold(name[len(name)-len(tail):], tail) {
				if place := name[:len(name)-len(tail)]; placeLike(place) {
					return w, place, true
				}
			}
		}
	}
	return treatyWordForms{}, "", false
}

// placeLike accepts a place name of one to three capitalised words
// ("Nanking", "St. Petersburg", "Paris (1856)" is not one: the date in
// brackets makes the name of one treaty among several of a place).
func placeLike(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		if strings.ContainsAny(w, "()[]0123456789") {
			return false
		}
	}
	return true
}

// treatyNameVariants gives the other languages' forms of a treaty's name
// (not the name itself).
func treatyNameVariants(name string) []string {
	w, place, ok := treatyPlace(name)
	if !ok {
		return nil
	}
	fr := w.fr + " de " + place
	if r, _ := utf8.DecodeRuneInString(place); strings.ContainsRune("AEIOUYÀÂÉÈÊÎÔÛ", unicode.ToUpper(r)) {
		fr = w.fr + " d'" + place
	}
	all := []string{
		w.en + " of " + place, place + " " + w.en,
		w.nl + " van " + place, place + "-" + strings.ToLower(w.nl),
		w.de + " von " + place, place + "-" + w.de,
		fr,
	}
	out := all[:0]
	for _, v := range all {
		if !strings.EqualFold(v, name) {
			out = append(out, v)
		}
	}
	return out
}
