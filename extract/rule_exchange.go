package extract

import (
	"unicode/utf8"

	"treatyline/kb"
)

// readExchange proposes the two cessions of an exchange of lands: "Japan
// gave up Sakhalin in exchange for the Kuril Islands", "Russland tauschte
// die Kurilen gegen Sachalin", "Россия обменяла Курильские острова на
// Сахалин", "樺太を千島列島と交換". The actor gives the first land and
// receives the one after the mark of exchange; the other party the
// reverse. A land named in a Japanese topic (は) with と gives the same.
func readExchange(d *docReader, c *sentCtx) {
	s := c.s
	at, ok := hasCue(s, relationCues["exchange"])
	if !ok {
		return
	}
	// The ratifications "were exchanged": not lands.
	if _, rat := hasCue(s, relationCues["ratify"]); rat {
		return
	}
	lands := uniqueMentions(c.lands())
	if len(lands) < 2 {
		return
	}
	cue := s.start + utf8.RuneCountInString(s.lower[:at])
	// The land received follows a mark of exchange; the land given is
	// the other one nearest the verb.
	received := -1
	for i, l := range lands {
		w := d.wordBeforeLand(l.Start)
		if exchangeMarks[w] || l.End < len(d.runes) && d.runes[l.End] == 'と' {
			received = i
			if d.runes[min(l.End, len(d.runes)-1)] == 'と' {
				break
			}
		}
	}
	if received < 0 {
		return
	}
	given := -1
	for i, l := range lands {
		if i == received {
			continue
		}
		if given < 0 || abs(l.Start-cue) < abs(lands[given].Start-cue) {
			given = i
		}
	}
	parties := uniqueIDs(c.polities)
	var actor, other string
	for _, p := range c.polities {
		if m := d.markBefore(p); p.Start < cue && m != "to" && m != "object" || m == "actor" {
			actor = p.Entity
		}
	}
	for _, p := range parties {
		if p != actor {
			other = p
			break
		}
	}
	if actor == "" && len(parties) == 2 {
		actor, other = parties[0], parties[1]
	}
	why := "a word of exchange, two lands and two parties in one sentence"
	if actor != "" && other == "" {
		// "Japan exchanged Sakhalin for the Kurils": the other party is
		// the one the passage named last.
		for k := len(d.recent) - 1; k >= 0 && other == ""; k-- {
			if d.recent[k] != actor {
				other = d.recent[k]
			}
		}
		why = "a word of exchange, two lands and one party in one sentence; the other party is the one the passage named last"
	}
	if actor == "" || other == "" {
		return
	}
	note := "an exchange: " + lands[given].Text + " for " + lands[received].Text
	d.propose(c, kb.ProvCession, transfer{grantor: actor, grantee: other, object: lands[given].Entity}, 0.5, why, note)
	d.propose(c, kb.ProvCession, transfer{grantor: other, grantee: actor, object: lands[received].Entity}, 0.5, why, note)
}

// wordBeforeLand gives the word before a land's name, passing over the
// articles and the words for its kind ("gegen die Insel Sachalin",
// "contre les îles Kouriles").
func (d *docReader) wordBeforeLand(i int) string {
	for n := 0; n < 4; n++ {
		w, k := d.wordEnding(i, markGap)
		if _, kind := placeNouns[w]; !kind && !articles[w] && w != "des" {
			return w
		}
		if k == 0 {
			return w
		}
		i = k
	}
	return ""
}

func uniqueMentions(ms []EntityMention) []EntityMention {
	var out []EntityMention
	seen := map[string]bool{}
	for _, m := range ms {
		if !seen[m.Entity] {
			seen[m.Entity] = true
			out = append(out, m)
		}
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
