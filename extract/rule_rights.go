package extract

import (
	"fmt"
	"strings"

	"treatyline/kb"
)

// rightCues is a kind of right and its cues.
type rightCues struct {
	typ  string
	cues []string
}

// rightsCues are the kinds of right readRights reads, in its order, with
// their cues, looked up once.
var rightsCues = func() []rightCues {
	var out []rightCues
	for _, typ := range []string{kb.ProvCondominium, kb.ProvNavigationRight, kb.ProvTradeRight, kb.ProvExtraterritoriality, kb.ProvConsularJurisdiction} {
		out = append(out, rightCues{typ, relationCues[typ]})
	}
	return out
}()

// readRights proposes joint holding (condominium, "undivided", "held in
// common", mixed residence), navigation, trade, consular jurisdiction and
// extraterritoriality from their words in a sentence about the treaty,
// with the polities named as parties and the lands or rivers as objects.
func readRights(d *docReader, c *sentCtx) {
	s := c.s
	var parties []string
	read := false
	for _, rc := range rightsCues {
		typ := rc.typ
		if _, ok := hasCue(s, rc.cues); !ok {
			continue
		}
		if !read {
			parties, read = d.partiesOf(c), true
		}
		var objects []string
		switch typ {
		case kb.ProvCondominium:
			objects = uniqueIDs(c.lands())
		case kb.ProvNavigationRight:
			objects = uniqueIDs(c.rivers)
		}
		if typ == kb.ProvCondominium && (len(objects) == 0 || len(parties) < 2) || typ == kb.ProvNavigationRight && len(objects) == 0 {
			continue
		}
		p := kb.Provision{Treaty: c.subject, Type: typ, Grantees: parties, Objects: objects, Status: kb.Candidate, Rank: kb.Normal,
			Evidence: []kb.Evidence{d.evidence(s.start, s.end)}}
		if typ == kb.ProvCondominium {
			p.Grantors, p.Grantees = parties[:1], parties[1:]
		}
		p.ID = "provision/" + strings.TrimPrefix(c.subject, "treaty/") + "/" + typ + "-" + d.src.ID + "-" + fmt.Sprint(d.at(s.start))
		conf := 0.4
		if typ == kb.ProvCondominium {
			conf = 0.5 // a land and two parties named with the word
		}
		conf, why := c.unsure(conf, "a word of "+strings.ReplaceAll(typ, "_", " ")+" in a sentence about the treaty")
		d.r.Candidates = append(d.r.Candidates, Candidate{Provision: &p, Confidence: conf, Why: why})
	}
}
