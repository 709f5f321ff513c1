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
// candidates.
func (x *Extractor) Learn(es []kb.Entity) {
	changed := false
	for _, e := range es {
		if e.Status == kb.Rejected || e.MergedInto != "" {
			continue
		}
		x.entities[e.ID] = e
		changed = true
	}
	if !changed {
		return
	}
	all := make([]kb.Entity, 0, len(x.entities))
	for _, e := range x.entities {
		all = append(all, e)
	}
	slices.SortFunc(all, func(a, b kb.Entity) int { return strings.Compare(a.ID, b.ID) })
	x.gaz = NewGazetteer(all)
}
