package extract

import (
	"unicode/utf8"

	"treatyline/kb"
)

// readOccupation proposes that a polity occupied a land, without a
// treaty: "Russia occupied the Ili valley in 1871", "besetzte", "occupa",
// "заняла", "占領". The claim is the land's; the date of the sentence,
// when there is one, its start.
func readOccupation(d *docReader, c *sentCtx) {
	readLandRelation(d, c, "occupied", kb.PropOccupiedBy, 0.5, "a word of occupation, the land and the occupier in one sentence")
}

// readLandRelation proposes that a polity stands in a relation to a land
// that a cue word of relationCues[cue] names in the sentence: the land,
// read as a transfer's object, gets property with the polity as value,
// started by the sentence's date when there is one.
func readLandRelation(d *docReader, c *sentCtx, cue, property string, conf float64, why string) {
	s := c.s
	at, ok := hasCue(s, relationCues[cue])
	if !ok {
		return
	}
	pos := s.start + utf8.RuneCountInString(s.lower[:at])
	t := d.readTransfer(c, pos, false, c.lands())
	if t.object == "" || t.grantee == "" {
		return
	}
	var q map[string]kb.Value
	if k, ok := d.bestDate(s); ok {
		dt := d.r.Dates[k]
		q = map[string]kb.Value{"start_time": kb.DateValue(d.text(dt.Start, dt.End), "", d.r.Lang)}
		if _, err := q["start_time"].Date(); err != nil {
			q = nil
		}
	}
	d.claim(t.object, property, kb.EntityValue(t.grantee), s.start, s.end, conf, why, q)
}
