package extract

import (
	"unicode/utf8"

	"treatyline/kb"
)

// readRatified reads a ratification or its refusal by a party: "the
// Qing refused to ratify the treaty", "Russland ratifizierte", "批准". A
// ratification is asserted by a verb in a past form; the infinitive and
// the noun count only with a word of refusal. With a date in the
// sentence, the ratification is dated.
func readRatified(d *docReader, c *sentCtx) {
	s := c.s
	_, refused := hasCue(s, relationCues["refused"])
	_, infinitive := hasCue(s, relationCues["ratify"])
	at, ok := hasCue(s, relationCues["ratified"])
	if !ok && !(refused && infinitive) {
		return
	}
	prop := kb.PropRatified
	if refused {
		prop = kb.PropRatificationRefused
	}
	if !ok {
		at, _ = hasCue(s, relationCues["ratify"])
	}
	cue := s.start + utf8.RuneCountInString(s.lower[:at])
	ratifiedTreaty := c.subject
	if treatyWords[d.wordAfterCue(cue)] && !d.namedAfter(c.treaties, cue) && c.prior != "" {
		ratifiedTreaty = c.prior // "refused to ratify the treaty, but … the Treaty of Peking …"
	}
	if party, span := d.party(s, c.polities, cue); party != "" {
		q := map[string]kb.Value{"party": kb.EntityValue(party)}
		if k, ok := d.bestDate(s); ok && ratifiedTreaty == c.subject {
			conf, why := c.unsure(0.6, "a word of ratification, the party and a date in one sentence")
			d.dated(ratifiedTreaty, prop, k, conf, why, q)
		} else {
			conf, why := c.unsure(0.6, "a word of ratification and the party before it in one sentence")
			d.claim(ratifiedTreaty, prop, kb.BoolValue(true), span[0], span[1], conf, why, q)
		}
	}
	// "The ratifications were exchanged at Chefoo on 8 May 1895."
	if _, ex := hasCue(s, relationCues["exchanged"]); ex && !refused {
		if k, ok := d.bestDate(s); ok {
			conf, why := c.unsure(0.7, "a word of ratification, of exchange and a date in one sentence")
			d.dated(ratifiedTreaty, kb.PropRatificationsExchanged, k, conf, why, nil)
		}
	}
}
