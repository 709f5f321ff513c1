package extract

import "treatyline/kb"

// readTerritorialClaim proposes that a polity claimed a land it did not
// hold: "Japan claimed the whole of Sakhalin", "beanspruchte",
// "revendiquait", "претендовала на", "主張". The claim is the land's.
func readTerritorialClaim(d *docReader, c *sentCtx) {
	s := c.s
	at, ok := hasCue(s, relationCues["claimed"])
	if !ok {
		return
	}
	cue := s.start + len([]rune(s.lower[:at]))
	t := d.readTransfer(c, cue, false, c.lands())
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
	d.claim(t.object, kb.PropClaimedBy, kb.EntityValue(t.grantee), s.start, s.end, 0.45, "a word of claiming, the land and the claimant in one sentence", q)
}
