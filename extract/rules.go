package extract

import (
	"strings"
	"unicode"

	"treatyline/kb"
)

// Relations are read by rules, one to a file (rule_*.go), each with an
// annotated fixture under testdata/rules: a rule reads one sentence, with
// the names in it sorted by kind and the treaty the sentence is about,
// and proposes claims and provisions.

// sentCtx is a sentence as the rules read it.
type sentCtx struct {
	s *sentence
	// subject is the treaty the sentence is about: one it names, else
	// the one the passage or the document is about ("" when none).
	subject string
	// named tells that the sentence names its subject; when it does not,
	// what a rule proposes about it is less sure, and says so.
	named bool
	// prior is the treaty the passage was about before this sentence.
	prior                                                   string
	treaties, polities, people, places, territories, rivers []EntityMention
}

// rule is one relation read from sentences.
type rule struct {
	name string
	// needsTreaty: the rule proposes something about the sentence's
	// treaty, and does not run without one.
	needsTreaty bool
	// dates: the rule proposes dated claims (docReader.dated), which a
	// preview gathers; a preview runs these rules alone (the others only
	// add candidates, which a preview lets go).
	dates bool
	read  func(d *docReader, c *sentCtx)
}

// relationRules run in this order on every sentence.
var relationRules = []rule{
	{"treaty-date", false, true, readTreatyDates},
	{"signed", true, true, readSigned},
	{"ratified", true, true, readRatified},
	{"in-force", true, true, readInForce},
	{"area-ceded", true, false, readAreaCeded},
	{"troops", true, false, readTroops},
	{"succession", true, false, readSuccession},
	{"rights", true, false, readRights},
	{"port-opening", true, false, readPortOpening},
	{"exchange", true, false, readExchange},
	{"retrocession", true, false, readRetrocession},
	{"lease", true, false, readLease},
	{"cession", true, false, readCession},
	{"occupation", false, false, readOccupation},
	{"territorial-claim", false, false, readTerritorialClaim},
}

// unsure lowers the confidence of what is proposed about a treaty the
// sentence does not name, and says why.
func (c *sentCtx) unsure(conf float64, why string) (float64, string) {
	if c.named {
		return conf, why
	}
	return conf * 0.6, why + "; the sentence does not name the treaty: taken to be " + c.subject + ", the one the passage is about"
}

// lands are the sentence's territories and regions.
func (c *sentCtx) lands() []EntityMention {
	var out []EntityMention
	for _, t := range c.territories {
		if t.Kind == kb.KindTerritory || t.Kind == kb.KindRegion {
			out = append(out, t)
		}
	}
	return out
}

// clause gives the context of the clause holding code point at: the
// sentence's names within it.
func (c *sentCtx) clause(d *docReader, at int) *sentCtx {
	lo, hi := c.s.start, c.s.end
	for i := at - 1; i > lo; i-- {
		if d.runes[i] == ';' || d.runes[i] == ',' && clauseJoins[d.wordAfterCue(i+1)] && d.wordAfterCue(i+1) != "" {
			lo = i
			break
		}
	}
	for i := at; i < hi; i++ {
		if d.runes[i] == ';' || d.runes[i] == ',' && clauseJoins[strings.ToLower(wordFrom(d.runes, i+1))] {
			hi = i
			break
		}
	}
	in := func(ms []EntityMention) []EntityMention {
		var out []EntityMention
		for _, m := range ms {
			if m.Start >= lo && m.End <= hi {
				out = append(out, m)
			}
		}
		return out
	}
	cc := *c
	cc.polities, cc.territories, cc.places, cc.rivers, cc.people = in(c.polities), in(c.territories), in(c.places), in(c.rivers), in(c.people)
	return &cc
}

// wordFrom gives the word that starts at or after code point i.
func wordFrom(runes []rune, i int) string {
	for i < len(runes) && !unicode.IsLetter(runes[i]) {
		i++
	}
	j := i
	for j < len(runes) && unicode.IsLetter(runes[j]) {
		j++
	}
	return string(runes[i:j])
}
