package extract

import (
	"slices"
	"strings"

	"treatyline/kb"
)

// Learn adds to what the extractor knows the entities stored since it was
// made — the candidates that earlier documents of the same run proposed —
// so that a later document finds their names as a later run, reading them
// from the store, would: ingesting a folder once or twice gives the same
// candidates. As in NewExtractor, a candidate is found by the registry
// (which holds the run's own candidates already), a curated entity by the
// gazetteer, and a rejected one not at all.
func (x *Extractor) Learn(es []kb.Entity) {
	curated := false
	for _, e := range es {
		switch {
		case e.MergedInto != "":
			continue
		case e.Status == kb.Rejected:
			// It may have been found by the gazetteer until now.
			if _, ok := x.entities[e.ID]; ok {
				curated = true
			}
			delete(x.entities, e.ID)
			x.reg.seed([]kb.Entity{e})
			continue
		case e.Status == kb.Candidate:
			if x.reg.byID[e.ID] == nil {
				x.reg.seed([]kb.Entity{e})
			}
		default:
			curated = true
		}
		x.entities[e.ID] = e
	}
	if !curated {
		return
	}
	var all []kb.Entity
	for _, e := range x.entities {
		if e.Status != kb.Candidate {
			all = append(all, e)
		}
	}
	slices.SortFunc(all, func(a, b kb.Entity) int { return strings.Compare(a.ID, b.ID) })
	x.gaz = NewGazetteer(all)
}
