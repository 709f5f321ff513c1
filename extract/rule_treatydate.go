package extract

import (
	"strings"

	"treatyline/kb"
)

// readTreatyDates reads a treaty's date written with its name: "Treaty of
// Nerchinsk (1689)", "the Treaty of Beijing in November 1860", "het
// Verdrag van Tianjin van 1858".
func readTreatyDates(d *docReader, c *sentCtx) {
	s := c.s
	for _, t := range c.treaties {
		for _, k := range s.dates {
			dt := d.r.Dates[k]
			if dt.Start > t.End && dt.Start-t.End <= 2 && d.runes[dt.Start-1] == '(' && !dt.Incomplete {
				d.dated(t.Entity, kb.PropSigned, k, 0.7, "a date in brackets after the treaty's name", nil)
			}
		}
	}
	for _, t := range c.treaties {
		for _, k := range s.dates {
			dt := d.r.Dates[k]
			if dt.Incomplete || dt.Start <= t.End || dt.Start-t.End > 5 {
				continue
			}
			if w := strings.ToLower(strings.TrimSpace(d.text(t.End, dt.Start))); w == "in" || w == "of" || w == "van" || w == "op" || w == "von" || w == "du" || w == "de" || w == "from" {
				d.dated(t.Entity, kb.PropSigned, k, 0.6, "a date right after the treaty's name", nil)
			}
		}
	}
}
