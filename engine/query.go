package engine

import (
	"treatyline/histdate"
	"treatyline/kb"
)

// Questions sized to what they ask: a page of the territories, treaties or
// rights on a day, or the rights one provision grants, each costing the
// work of what it gives (and, for the rights, a count of those in force)
// rather than the whole state AsOf computes.

// TerritoriesAt gives the states on a day of at most limit territories
// from offset, in the order AsOf lists them, and how many territories
// there are.
func (e *Engine) TerritoriesAt(day histdate.JDN, p Perspective, offset, limit int) ([]TerritoryState, int) {
	sys := e.system(p)
	start := min(max(offset, 0), len(sys.territoryIDs))
	ids := window(sys.territoryIDs, offset, limit)
	out := make([]TerritoryState, 0, len(ids))
	for i, id := range ids {
		out = append(out, sys.timelineAt(start+i).at(id, day))
	}
	return out, len(sys.territoryIDs)
}

// TreatiesAt gives the status on a day of at most limit treaties from
// offset, in the order AsOf lists them, and how many treaties there are.
func (e *Engine) TreatiesAt(day histdate.JDN, p Perspective, offset, limit int) ([]TreatyState, int) {
	sys := e.system(p)
	ids := window(sys.treatyIDs, offset, limit)
	out := make([]TreatyState, 0, len(ids))
	for _, id := range ids {
		out = append(out, sys.treatyAt(e, id, day))
	}
	return out, len(sys.treatyIDs)
}

// RightsAt gives at most limit of the rights in force on a day from
// offset, in the order AsOf lists them, and how many are in force. The
// count reads every right that began by the day (two numbers each); only
// the page's rights are built.
func (e *Engine) RightsAt(day histdate.JDN, p Perspective, offset, limit int) ([]RightState, int) {
	out := []RightState{}
	n := 0
	// The rights are sorted by their first day: those after the day are
	// not read.
	e.system(p).rightList().each(func(r *right) bool {
		if r.from > day {
			return false
		}
		if day < r.till {
			if n >= offset && len(out) < limit {
				out = append(out, r.state())
			}
			n++
		}
		return true
	})
	return out, n
}

// Right gives the rights a provision grants that are in force on a day
// (none when it is not in force then). ENOTFOUND when the provision
// grants no right in the perspective on any day. It computes the one
// provision's right, not the list of rights.
func (e *Engine) Right(provision string, day histdate.JDN, p Perspective) ([]RightState, error) {
	pos, ok := e.idx.updating(e).provPos[provision]
	var r right
	if ok {
		r, ok = e.system(p).rightOf(pos)
	}
	if !ok {
		return nil, kb.Errorf(kb.ENOTFOUND, "no right granted by %q in the %s view", provision, p.Name())
	}
	out := []RightState{}
	if r.from <= day && day < r.till {
		out = append(out, r.state())
	}
	return out, nil
}

// state is the right as an answer gives it.
func (r *right) state() RightState {
	limits := r.p.Limits
	if r.hideLimits {
		limits = ""
	}
	return RightState{Type: r.p.Type, Provision: r.p.ID, Treaty: r.p.Treaty, Holders: nonNil(r.p.Grantees),
		Grantor: nonNil(r.p.Grantors), Object: nonNil(r.p.Objects), Exclusive: r.p.Exclusive || len(r.p.Excludes) > 0,
		Excludes: r.p.Excludes, Limits: limits, Since: r.since, Basis: r.basis}
}

// window gives at most limit items of a list from offset.
func window[T any](all []T, offset, limit int) []T {
	start := min(max(offset, 0), len(all))
	return all[start:min(start+max(limit, 0), len(all))]
}
