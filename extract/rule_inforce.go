package extract

import "treatyline/kb"

// readInForce reads a treaty's entry into force: "came into force on",
// "trat am … in Kraft", "entra en vigueur le", "вступил в силу",
// "発効", "生效".
func readInForce(d *docReader, c *sentCtx) {
	if _, ok := hasCue(c.s, relationCues["in_force"]); !ok {
		return
	}
	if k, ok := d.bestDate(c.s); ok {
		conf, why := c.unsure(0.7, "words of entry into force and a date in one sentence")
		d.dated(c.subject, kb.PropInForce, k, conf, why, nil)
	}
}
