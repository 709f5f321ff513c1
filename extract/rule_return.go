package extract

import (
	"unicode/utf8"

	"treatyline/kb"
)

// readRetrocession proposes the return of a land to an earlier holder:
// "Japan returned the Liaodong Peninsula to China", "gaf … terug aan",
// "gab … an China zurück", "rétrocéda à la Chine", "вернула Китаю",
// "遼東半島を清国に還付". The actor gives; the one marked "to" (or
// named after the verb) receives.
func readRetrocession(d *docReader, c *sentCtx) {
	s := c.s
	at, ok := hasCue(s, relationCues["returned"])
	if !ok {
		return
	}
	cue := s.start + utf8.RuneCountInString(s.lower[:at])
	t := d.readTransfer(c, cue, true, c.lands())
	if t.object == "" || t.grantee == "" {
		return
	}
	d.propose(c, kb.ProvRetrocession, t, 0.5, "a word of return, the land and the party it went back to in one sentence", "")
}
