package extract

import "treatyline/kb"

// readSigned reads a signing: a word of signing and a date in one
// sentence ("was signed on 17 April 1895", "wurde am … unterzeichnet",
// "подписан 17 апреля 1895 года", "1895年4月17日に調印"), with the place
// ("at Shimonoseki") and the people named as signatories.
func readSigned(d *docReader, c *sentCtx) {
	s := c.s
	if _, ok := hasCue(s, relationCues["signed"]); !ok {
		return
	}
	k, ok := d.bestDate(s)
	if !ok {
		return
	}
	// A treaty the sentence does not name, whose signing is known to be
	// in another year: the sentence is about something else.
	if !c.named {
		if ys := d.x.knownYears(c.subject); len(ys) > 0 && !containsInt(ys, d.r.Dates[k].Date.From.Year) {
			return
		}
	}
	var q map[string]kb.Value
	for _, p := range c.places {
		if w := d.wordBefore(p.Start); w == "in" || w == "at" || w == "te" || w == "à" || w == "zu" {
			q = map[string]kb.Value{"place": kb.EntityValue(p.Entity)}
		}
	}
	conf, why := c.unsure(0.8, "a signing word and a date in one sentence")
	d.dated(c.subject, kb.PropSigned, k, conf, why, q)
	for _, p := range c.people {
		conf, why := c.unsure(0.5, "a person named in the sentence that says the treaty was signed")
		d.claim(c.subject, kb.PropSignatory, kb.EntityValue(p.Entity), p.Start, p.End, conf, why, nil)
	}
}
