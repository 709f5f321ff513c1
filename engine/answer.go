package engine

import (
	"sort"

	"treatyline/histdate"
)

// at gives the territory's holder on a day: the last change on or before
// it; inside the window of a change known only roughly, uncertain.
func (tl *timeline) at(id string, day histdate.JDN) TerritoryState {
	st := TerritoryState{ID: id, Label: tl.label, Holders: []string{}, Mode: "unknown", Basis: []Basis{}}
	ch := tl.changes
	i := sort.Search(len(ch), func(i int) bool { return ch[i].day > day })
	if i > 0 {
		c := &ch[i-1]
		st.Holders, st.Mode, st.Since, st.Basis, st.Note, st.DisownedBy = c.holders, c.mode, c.since, c.basis, c.note, c.disownedBy
		st.SinceDay, st.Jurisdiction = dayString(c.sinceDay), c.jurisdiction
	}
	if i == len(ch) || ch[i].minEarliest > day {
		return st
	}
	// A later change whose window has opened: it may have happened. The
	// answer says so, names the window and cites the event that may have
	// happened beside what held before it.
	for k := i; k < len(ch); k++ {
		if ch[k].earliest <= day && day < ch[k].day {
			st.Window = &Window{Earliest: dayString(ch[k].earliest), Latest: dayString(ch[k].day)}
			st.Mode = "uncertain"
			st.Basis = append(append([]Basis{}, st.Basis...), ch[k].basis...)
			st.Note = joinNote("an event dated only roughly ("+ch[k].since+": "+st.Window.Earliest+" to "+st.Window.Latest+
				") may have changed the holder", st.Note)
			break
		}
	}
	return st
}

// rightsAt lists the rights in force on a day.
func (s *system) rightsAt(day histdate.JDN) []RightState {
	out := []RightState{}
	s.rightList().all(func(r *right) {
		if r.from <= day && day < r.till {
			out = append(out, r.state())
		}
	})
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// treatyAt gives a treaty's status on a day: only what had happened by
// that day is said or cited.
func (s *system) treatyAt(e *Engine, id string, day histdate.JDN) TreatyState {
	t := s.treaty(id)
	st := TreatyState{ID: id, Label: e.label(id), Basis: []Basis{}}
	if t == nil || !t.dated {
		// Nothing dates it: nothing that happened to it can be placed on a
		// day, so nothing is said of it beyond its being on record.
		st.Status = "undated"
		return st
	}
	st.Signed = t.sinceText()
	st.SignedDay = dayString(t.effect)
	if t.dateClaims > 1 {
		st.Chosen = &Choice{Claim: t.signedClaim.ID, Property: t.signedClaim.Property, Date: st.Signed, Why: t.chosenWhy, Of: t.dateClaims}
	}
	switch {
	case day < t.earliest:
		// Not yet signed: the signing is cited only once it has happened.
		st.Status = "not_yet_signed"
		st.Signed, st.SignedDay, st.Chosen = "", "", nil
		return st
	case day < t.effect:
		st.Status = "uncertain"
		st.Window = &Window{Earliest: dayString(t.earliest), Latest: dayString(t.effect)}
		st.Basis = append(st.Basis, t.signedBasis()...)
		return st
	}
	st.Basis = append(st.Basis, t.signedBasis()...)
	for _, d := range t.details {
		if d.from <= day {
			st.Details = append(st.Details, d.text)
			st.Basis = append(st.Basis, d.basis...)
		}
	}
	switch {
	case t.void.covers(day):
		st.Status = "void"
		st.Since = dayString(t.void.from)
		if t.void.from == t.effect {
			st.Since = t.sinceText()
		}
		st.Basis = append(st.Basis, t.void.basis...)
	case t.neverImpl != nil:
		st.Status = "never_implemented"
		st.Basis = append(st.Basis, claimBasis(*t.neverImpl)...)
	case day >= t.end:
		st.Status = t.endHow
		st.Since = dayString(t.end)
		st.Basis = append(st.Basis, t.endBasis...)
	default:
		st.Status = "in_force"
		st.Since = t.sinceText()
		if t.void != nil && t.void.till <= day {
			st.Since = dayString(t.void.till)
			st.Basis = append(st.Basis, t.void.endBasis...)
		}
	}
	if day >= t.end {
		st.Details = append(st.Details, t.endHow+" by "+t.endBy)
		if st.Status != t.endHow {
			st.Basis = append(st.Basis, t.endBasis...)
		}
	}
	return st
}
