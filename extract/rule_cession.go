package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"treatyline/kb"
	"treatyline/lang"
)

// givingVerbs make the polity before them the grantor;
// receivingVerbs the grantee.
var (
	givingVerbs    = relationWordList(func(r *lang.RelationWords) []string { return r.Giving })
	receivingVerbs = relationWordList(func(r *lang.RelationWords) []string { return r.Receiving })
)

// readCession proposes a cession of the sentence's treaty from a verb of
// giving or receiving, a land and the polities around them ("China
// ceded Taiwan to Japan", "Japan obtained the southern half of
// Sakhalin"). A sentence of exchange, return or lease is read by those
// rules instead.
func readCession(d *docReader, c *sentCtx) {
	s := c.s
	for _, other := range []string{"exchange", "returned", "leased"} {
		if _, ok := hasCue(s, relationCues[other]); ok {
			return
		}
	}
	// Every verb of giving or receiving, each in its clause: "Japan
	// ceded Sakhalin to Russia, and Russia gave the Kurils to Japan".
	for _, cue := range cessionCues(d, s) {
		cc := c.clause(d, cue.at)
		t := d.readTransfer(cc, cue.at, cue.giving, cc.lands())
		if t.object == "" || t.grantee == "" {
			continue
		}
		why := "a word of cession, the territory and the receiving party in one sentence"
		conf := 0.4
		if t.grantor != "" {
			why = "a word of cession, the territory, the giving and the receiving party in one sentence"
			conf = 0.5
		}
		d.propose(c, kb.ProvCession, t, conf, why, "")
	}
}

// cessionCue is a verb of giving or receiving at a code point.
type cessionCue struct {
	at     int
	giving bool
}

// separableVerbs are the verbs of separableGiving, in its order.
var separableVerbs = func() []string {
	out := make([]string, len(separableGiving))
	for i, sv := range separableGiving {
		out[i] = sv[0]
	}
	return out
}()

// cessionCues finds the verbs of giving and of receiving of a sentence.
func cessionCues(d *docReader, s *sentence) []cessionCue {
	var out []cessionCue
	add := func(words []string, giving bool) {
		if len(words) == 0 {
			return
		}
		cl := compiledCues(words)
		var found []string
		for _, w := range s.cueWords() {
			if _, ok := cl.rank[w]; ok && !containsString(found, w) {
				found = append(found, w)
			}
		}
		for _, k := range cl.inText {
			if w := words[k]; (cl.kinds[k] != cueHan || s.han) && strings.Contains(s.lower, w) {
				found = append(found, w)
			}
		}
		for _, w := range found {
			for off := 0; ; {
				i := strings.Index(s.lower[off:], w)
				if i < 0 {
					break
				}
				at := s.start + utf8.RuneCountInString(s.lower[:off+i])
				off += i + len(w)
				if !startsHan(w) && !wholeWordAt(d.runes, at, utf8.RuneCountInString(w)) {
					continue
				}
				out = append(out, cessionCue{at, giving})
			}
		}
	}
	add(givingVerbs, true)
	add(receivingVerbs, false)
	// A word of a sentence that is a verb of separableVerbs is one of
	// the list's cues: a sentence with none is not searched for each.
	if s.mayHave(compiledCues(separableVerbs)) {
		for k, sv := range separableGiving {
			if s.has(sv[0]) && s.has(sv[1]) {
				add(separableVerbs[k:k+1], true)
			}
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].at < out[b].at })
	return out
}

// wholeWordAt tells whether n code points at i are a whole word.
func wholeWordAt(runes []rune, i, n int) bool {
	return (i == 0 || !unicode.IsLetter(runes[i-1])) && (i+n >= len(runes) || !unicode.IsLetter(runes[i+n]))
}
