package extract

import (
	"strings"
	"unicode/utf8"

	"treatyline/kb"
)

// readSuccession reads one treaty superseding, reversing or confirming
// another: "superseded by the Treaty of X", "It reversed the Treaty of
// Nerchinsk".
func readSuccession(d *docReader, c *sentCtx) {
	s := c.s
	for _, rel := range []string{kb.PropSupersededBy, kb.PropReversedBy, kb.PropConfirmedBy} {
		at, ok := hasCue(s, relationCues[rel])
		if !ok {
			continue
		}
		cue := s.start + utf8.RuneCountInString(s.lower[:at])
		for _, t := range c.treaties {
			if t.Start < cue || t.Entity == c.subject {
				continue
			}
			word := d.wordAfterCue(cue)
			prop, subj, val := rel, c.subject, t.Entity
			if !passiveMarks[word] {
				// "It reversed the Treaty of Nerchinsk": the named treaty
				// is the earlier one.
				prop, subj, val = rel, t.Entity, c.subject
			}
			d.claim(subj, prop, kb.EntityValue(val), cue, t.End, 0.6, "a word of "+strings.TrimSuffix(rel, "_by")+" before a treaty's name", nil)
			break
		}
	}
}
