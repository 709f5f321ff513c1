package report

import (
	"treatyline/engine"
	"treatyline/histdate"
	"treatyline/kb"
)

// Question is what an as-of question asks about on a day: sets of
// territories, treaties, and rights (by the provision that grants them),
// or a page of one list, or the whole state. The API's GET /asof and the
// command line's asof read their parameters into one.
type Question struct {
	Territories []string
	Treaties    []string
	Rights      []string // provision ids
	// List is "territories", "treaties" or "rights" for a page of that
	// list (Offset, Limit), "" for none.
	List          string
	Offset, Limit int
	// All asks for the whole state.
	All bool
}

// Lists are the names Question.List takes.
var Lists = []string{"territories", "rights", "treaties"}

// Empty reports whether the question asks for nothing.
func (q Question) Empty() bool {
	return len(q.Territories) == 0 && len(q.Treaties) == 0 && len(q.Rights) == 0 && q.List == "" && !q.All
}

// Answer is the treaty system on a day, sized to its question: a section
// is there when the question asks for it (an empty list when nothing
// answers), absent when it does not. The whole state has every section,
// in the shape of engine.State.
type Answer struct {
	Date        string                  `json:"date"`
	Perspective string                  `json:"perspective"`
	Territories []engine.TerritoryState `json:"territories,omitzero"`
	Rights      []engine.RightState     `json:"rights,omitzero"`
	Treaties    []engine.TreatyState    `json:"treaties,omitzero"`
}

// Ask answers a question on a day from a perspective, doing the work of
// what it asks: one territory costs one territory's lookup. It gives the
// answer and, for a page, the length of the whole list (0 otherwise).
// ENOTFOUND for an id that is not a territory or treaty, or a provision
// that grants no right in the view; EINVALID for an unknown list or a
// question that mixes a page with anything else.
func Ask(eng *engine.Engine, day histdate.JDN, p engine.Perspective, q Question) (Answer, int, error) {
	a := Answer{Date: histdate.ISO(histdate.Gregorian, day), Perspective: p.Name()}
	switch {
	case q.All:
		if q.List != "" || len(q.Territories)+len(q.Treaties)+len(q.Rights) > 0 {
			return Answer{}, 0, kb.Errorf(kb.EINVALID, "the whole state is every territory, right and treaty: ask for it alone")
		}
		st := eng.AsOf(day, p)
		a.Territories, a.Rights, a.Treaties = st.Territories, st.Rights, st.Treaties
		return a, 0, nil
	case q.List != "":
		if len(q.Territories)+len(q.Treaties)+len(q.Rights) > 0 {
			return Answer{}, 0, kb.Errorf(kb.EINVALID, "a page of %s: ask for it alone, without ids", q.List)
		}
		var total int
		switch q.List {
		case "territories":
			a.Territories, total = eng.TerritoriesAt(day, p, q.Offset, q.Limit)
		case "rights":
			a.Rights, total = eng.RightsAt(day, p, q.Offset, q.Limit)
		case "treaties":
			a.Treaties, total = eng.TreatiesAt(day, p, q.Offset, q.Limit)
		default:
			return Answer{}, 0, kb.Errorf(kb.EINVALID, "unknown list %q (want territories, rights or treaties)", q.List)
		}
		return a, total, nil
	}
	if q.Territories != nil {
		a.Territories = make([]engine.TerritoryState, 0, len(q.Territories))
	}
	for _, id := range q.Territories {
		t, err := eng.Territory(id, day, p)
		if err != nil {
			return Answer{}, 0, err
		}
		a.Territories = append(a.Territories, t)
	}
	if q.Rights != nil {
		a.Rights = []engine.RightState{}
	}
	for _, id := range q.Rights {
		rs, err := eng.Right(id, day, p)
		if err != nil {
			return Answer{}, 0, err
		}
		a.Rights = append(a.Rights, rs...)
	}
	if q.Treaties != nil {
		a.Treaties = make([]engine.TreatyState, 0, len(q.Treaties))
	}
	for _, id := range q.Treaties {
		t, err := eng.Treaty(id, day, p)
		if err != nil {
			return Answer{}, 0, err
		}
		a.Treaties = append(a.Treaties, t)
	}
	return a, 0, nil
}
