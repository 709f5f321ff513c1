package extract

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"treatyline/kb"
)

// readPortOpening proposes the opening of ports: a word of opening and
// the ports or cities named ("opened the ports of Shashi and Chongqing",
// "öffnete die Häfen", "開港"). The grantors are the polity that opens,
// the grantees the others named.
func readPortOpening(d *docReader, c *sentCtx) {
	s := c.s
	at, ok := hasCue(s, relationCues["port_opening"])
	if !ok || len(c.places) == 0 {
		return
	}
	if !s.has("port") && !s.has("ports") && !s.has("havens") && !s.has("haven") && !s.has("häfen") && !s.has("hafen") &&
		!s.has("порты") && !s.has("порт") && !strings.Contains(s.lower, "港") && !strings.Contains(s.lower, "口岸") {
		return
	}
	cue := s.start + utf8.RuneCountInString(s.lower[:at])
	opener, _ := d.party(s, c.polities, cue)
	var grantees []string
	for _, p := range d.partiesOf(c) {
		if p != opener {
			grantees = append(grantees, p)
		}
	}
	p := kb.Provision{Treaty: c.subject, Type: kb.ProvPortOpening, Grantees: grantees, Objects: uniqueIDs(c.places), Status: kb.Candidate, Rank: kb.Normal,
		Evidence: []kb.Evidence{d.evidence(s.start, s.end)}}
	if opener != "" {
		p.Grantors = []string{opener}
	}
	p.ID = fmt.Sprintf("provision/%s/%s-%s-%d", strings.TrimPrefix(c.subject, "treaty/"), kb.ProvPortOpening, d.src.ID, d.at(s.start))
	conf, why := c.unsure(0.45, "a word of opening, a word for ports and the ports named in one sentence")
	d.r.Candidates = append(d.r.Candidates, Candidate{Provision: &p, Confidence: conf, Why: why})
}
