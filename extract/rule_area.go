package extract

import (
	"treatyline/kb"
	"treatyline/quantity"
)

// readAreaCeded reads the area a treaty moved: an area and a word of
// cession in one sentence.
func readAreaCeded(d *docReader, c *sentCtx) {
	s := c.s
	if _, ok := hasCue(s, relationCues["ceded"]); !ok {
		return
	}
	for _, k := range s.quantities {
		q := d.r.Quantities[k]
		if quantity.Dimension(q.Quantity.Unit) == "area" {
			conf, why := c.unsure(0.7, "an area and a word of cession in one sentence")
			d.claim(c.subject, kb.PropAreaCeded, kb.QuantityValue(d.text(q.Start, q.End), d.r.Lang), q.Start, q.End, conf, why, nil)
		}
	}
}
