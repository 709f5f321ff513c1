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
	}
	if i == len(ch) || ch[i].minEarliest > day {
		return st
	}
	// A later change whose window has opened: it may have happened.
	for k := i; k < len(ch); k++ {
		if ch[k].earliest <= day && day < ch[k].day {
			st.Window = &Window{Earliest: dayString(ch[k].earliest), Latest: dayString(ch[k].day)}
			st.Mode = "uncertain"
			st.Basis = append(append([]Basis{}, st.Basis...), ch[k].basis...)
			st.Note = "an event known only roughly (" + st.Window.Earliest + " to " + st.Window.Latest + ") may have changed the holder"
			break
		}
	}
	return st
}

// rightsAt lists the rights in force on a day.
func (s *system) rightsAt(day histdate.JDN) []RightState {
	out := []RightState{}
	for _, r := range s.rights {
		if r.from > day || day >= r.till {
			continue
		}
		out = append(out, RightState{Type: r.p.Type, Provision: r.p.ID, Treaty: r.p.Treaty, Holders: nonNil(r.p.Grantees),
			Grantor: nonNil(r.p.Grantors), Object: nonNil(r.p.Objects), Exclusive: r.p.Exclusive || len(r.p.Excludes) > 0,
			Excludes: r.p.Excludes, Limits: r.p.Limits, Since: dayString(r.from), Basis: r.basis})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// treatyAt gives a treaty's status on a day.
func (s *system) treatyAt(e *Engine, id string, day histdate.JDN) TreatyState {
	t := s.treaties[id]
	st := TreatyState{ID: id, Label: e.label(id), Basis: []Basis{}}
	if t == nil || !t.dated {
		st.Status = "undated"
		st.Details = t.detailsOrNil()
		if t != nil {
			st.Basis = append(st.Basis, t.detailBasis...)
		}
		return st
	}
	st.Signed = dayString(t.effect)
	if t.signed.Calendar != histdate.Gregorian {
		st.Signed += " (" + t.signed.String() + ")"
	}
	st.Basis = append(st.Basis, t.signedBasis()...)
	switch {
	case day < t.earliest:
		st.Status = "not_yet_signed"
		return st
	case day < t.effect:
		st.Status = "uncertain"
		st.Window = &Window{Earliest: dayString(t.earliest), Latest: dayString(t.effect)}
		return st
	}
	st.Details = t.detailsOrNil()
	st.Basis = append(st.Basis, t.detailBasis...)
	switch {
	case t.void:
		st.Status = "void"
		st.Basis = append(st.Basis, t.voidBasis...)
	case t.neverImpl != nil:
		st.Status = "never_implemented"
		st.Basis = append(st.Basis, claimBasis(*t.neverImpl)...)
	case day >= t.end:
		st.Status = t.endHow
		st.Details = append(st.Details, t.endHow+" by "+t.endBy)
		st.Since = dayString(t.end)
		st.Basis = append(st.Basis, t.endBasis...)
	default:
		st.Status = "in_force"
		st.Since = dayString(t.effect)
	}
	if t.neverImpl != nil && day >= t.end {
		st.Details = append(st.Details, t.endHow+" by "+t.endBy)
		st.Basis = append(st.Basis, t.endBasis...)
	}
	return st
}

func (t *treaty) detailsOrNil() []string {
	if t == nil || len(t.details) == 0 {
		return nil
	}
	return append([]string{}, t.details...)
}
