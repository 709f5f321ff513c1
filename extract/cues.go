package extract

import (
	"treatyline/kb"
	"treatyline/lang"
)

// The cue words come from each language's words (package lang):
// kind cues (lang.RelationWords.KindCues), the function words that may
// stand between a cue and the name ("Treaty of the", "rivier de",
// "Vertrag von", "traité de") and the conjunctions that join names of one
// kind ("the Treaties of Nerchinsk and Kiakhta").
//
// A kind cue is a word that, beside a name, says what kind of thing it
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
var (
	kindCues = func() map[string]map[kb.Kind][]string {
		m := map[string]map[kb.Kind][]string{}
		for _, l := range lang.All() {
			if len(l.Relations.KindCues) == 0 {
				continue
			}
			byKind := map[kb.Kind][]string{}
			for k, ws := range l.Relations.KindCues {
				byKind[kb.Kind(k)] = ws
			}
			m[string(l.Code)] = byKind
		}
		return m
	}()
	functionWords = textWordSet(func(t *lang.TextWords) []string { return t.FunctionWords })
	conjunctions  = textWordSet(func(t *lang.TextWords) []string { return t.Conjunctions })
)

// textWordSet gathers one category of text words of every language.
func textWordSet(get func(*lang.TextWords) []string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lang.All() {
		for _, w := range get(&l.Text) {
			m[w] = true
		}
	}
	return m
}

// relationWordSet gathers one category of relation words of every
// language.
func relationWordSet(get func(*lang.RelationWords) []string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lang.All() {
		for _, w := range get(&l.Relations) {
			m[w] = true
		}
	}
	return m
}

// relationWordList gathers one category of relation words of every
// language, in the order of the languages, each word once.
func relationWordList(get func(*lang.RelationWords) []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range lang.All() {
		for _, w := range get(&l.Relations) {
			if !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	return out
}

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
