package extract

import "treatyline/kb"

// readTroops reads the troops a person led: a count of troops in a
// sentence about the person.
func readTroops(d *docReader, c *sentCtx) {
	for _, k := range c.s.quantities {
		q := d.r.Quantities[k]
		if q.Quantity.Unit != "troops" {
			continue
		}
		who := d.lastPerson
		if len(c.people) > 0 {
			who = c.people[0].Entity
		}
		if who != "" {
			d.claim(who, kb.PropTroops, kb.QuantityValue(d.text(q.Start, q.End), d.r.Lang), q.Start, q.End, 0.5,
				"troops in a sentence about the person who led them", nil)
		}
	}
}
