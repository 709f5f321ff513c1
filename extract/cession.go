package extract

import (
	"fmt"
	"strings"
	"unicode"

	"treatyline/kb"
	"treatyline/lang"
)

// Cessions are read from the verbs of giving and of receiving land and the
// words that mark who receives and who gives: "the Qing ceded the left
// bank to Russia", "Russia gained the left bank from China", "Китай
// уступил России левый берег Амура", "werd aan Rusland afgestaan". The
// lists are words of the languages, not phrases of any document.

// givingVerbs make the polity before them the grantor.
var givingVerbs = relationWordList(func(r *lang.RelationWords) []string { return r.Giving })

// receivingVerbs: the actor receives.
var receivingVerbs = relationWordList(func(r *lang.RelationWords) []string { return r.Receiving })

var (
	toMarks   = spacedMarks(func(r *lang.RelationWords) []string { return r.To })
	fromMarks = spacedMarks(func(r *lang.RelationWords) []string { return r.From })
	// agentMarks name the giver of a passive: "ceded by China", "door
	// China afgestaan", "par la Chine".
	agentMarks = spacedMarks(func(r *lang.RelationWords) []string { return r.Agent })
	// hanMarks are the marks of languages written without spaces, one
	// character each: "給" to, "從" from, "被" by.
	hanMarks = func() map[rune]string {
		m := map[rune]string{}
		for _, mk := range []struct {
			mark string
			get  func(*lang.RelationWords) []string
		}{{"to", func(r *lang.RelationWords) []string { return r.To }},
			{"from", func(r *lang.RelationWords) []string { return r.From }},
			{"by", func(r *lang.RelationWords) []string { return r.Agent }}} {
			for w := range relationWordSet(mk.get) {
				if r := []rune(w); len(r) == 1 && unicode.Is(unicode.Han, r[0]) {
					m[r[0]] = mk.mark
				}
			}
		}
		return m
	}()
)

// spacedMarks gathers the marks of languages written with spaces.
func spacedMarks(get func(*lang.RelationWords) []string) map[string]bool {
	m := map[string]bool{}
	for w := range relationWordSet(get) {
		if !startsHan(w) {
			m[w] = true
		}
	}
	return m
}

// markGap is what may stand between a mark and its name: spaces and the
// apostrophe of an elision ("à l'Empire").
func markGap(r rune) bool { return unicode.IsSpace(r) || r == '\'' || r == '’' }

// markBefore gives the word right before a mention, passing over one
// article, so that "to the Russian Empire", "aan het Russische rijk" and
// "de la Chine" show their marks. In Chinese, written without spaces, it
// is the character right before: 給 (to), 從 / 自 (from), 被 / 由 (by).
func (d *docReader) markBefore(start int) string {
	if start > 0 && unicode.Is(unicode.Han, d.runes[start-1]) {
		return hanMarks[d.runes[start-1]]
	}
	w, k := d.wordEnding(start, markGap)
	if articles[w] && !toMarks[w] && !fromMarks[w] {
		w, _ = d.wordEnding(k, markGap)
	}
	return w
}

// cession proposes a cession provision of treaty from a sentence with a
// verb of giving or receiving, a territory and the polities around them.
func (d *docReader) cession(s *sentence, treaty string, polities, territories []EntityMention) {
	if treaty == "" || len(polities) == 0 {
		return
	}
	at, giving := hasCue(s, givingVerbs)
	if !giving {
		var ok bool
		if at, ok = hasCue(s, receivingVerbs); !ok {
			return
		}
	}
	cue := s.start + len([]rune(s.lower[:at]))
	// The land is the territory named nearest the verb: "ceded the left
	// bank …", "… werd afgestaan", "黑龍江以北的土地割讓給俄國"; others in
	// the sentence belong to other clauses.
	object, best := "", 0
	for _, t := range territories {
		if t.Kind != kb.KindTerritory {
			continue
		}
		dist := t.Start - cue // after the verb: its object, counted from the verb
		if t.Start < cue {
			dist = cue - t.End + 1 // before it: a passive's or a topic's subject
		}
		if object == "" || dist < best {
			object, best = t.Entity, dist
		}
	}
	if object == "" {
		return
	}
	var grantor, grantee, actor, after string
	for _, p := range polities {
		switch mark := d.markBefore(p.Start); {
		case toMarks[mark] && grantee == "":
			grantee = p.Entity
		case fromMarks[mark] && grantor == "" && p.Start > cue, agentMarks[mark] && grantor == "" && giving:
			grantor = p.Entity
		case p.Start < cue:
			actor = p.Entity // the nearest before the verb
		case after == "":
			after = p.Entity
		}
	}
	// The actor gives with a verb of giving and receives with one of
	// receiving; the other side is the marked one, else the polity
	// after the verb ("Китай уступил России": the dative has no mark).
	if giving {
		if grantor == "" {
			grantor = actor
		}
		if grantee == "" && after != grantor {
			grantee = after
		}
	} else {
		// "Russia gained the left bank that had been assigned to China":
		// with a verb of receiving the actor receives, whatever "to" a
		// later clause has; the giver is the one marked "from".
		grantee = actor
	}
	if grantee == "" || grantee == grantor {
		return
	}
	p := kb.Provision{Treaty: treaty, Type: "cession", Grantees: []string{grantee}, Objects: []string{object},
		Status: kb.Candidate, Rank: kb.Normal, Evidence: []kb.Evidence{d.evidence(s.start, s.end)}}
	why := "a word of cession, the territory and the receiving party in one sentence"
	if grantor != "" {
		p.Grantors = []string{grantor}
		why = "a word of cession, the territory, the giving and the receiving party in one sentence"
	}
	p.ID = fmt.Sprintf("provision/%s/cession-%s-%d", strings.TrimPrefix(treaty, "treaty/"), d.src.ID, s.start)
	conf := 0.5
	if grantor == "" {
		conf = 0.4
	}
	d.r.Candidates = append(d.r.Candidates, Candidate{Provision: &p, Confidence: conf, Why: why})
}
