package extract

import (
	"unicode/utf8"

	"treatyline/kb"
)

// readLease proposes a lease of land: "China leased Port Arthur to
// Russia", "Russland pachtete … von China", "loua à bail", "租借". A
// verb of leasing out makes the actor the grantor; "leased … from" the
// actor the grantee.
func readLease(d *docReader, c *sentCtx) {
	s := c.s
	at, ok := hasCue(s, relationCues["leased"])
	if !ok {
		return
	}
	cue := s.start + utf8.RuneCountInString(s.lower[:at])
	giving := true
	for _, p := range c.polities {
		if m := d.markBefore(p); fromMarks[m] && p.Start > cue {
			giving = false
		}
	}
	lands := append(c.lands(), c.places...)
	t := d.readTransfer(c, cue, giving, lands)
	if !giving {
		for _, p := range c.polities {
			if m := d.markBefore(p); fromMarks[m] && p.Start > cue {
				t.grantor = p.Entity
			}
		}
	}
	if t.object == "" || t.grantee == "" {
		return
	}
	d.propose(c, kb.ProvLease, t, 0.45, "a word of leasing, the land and the lessee in one sentence", "")
}
