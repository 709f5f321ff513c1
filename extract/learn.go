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
	// Candidates are found by the registry, which already holds those this
	// run proposed (NewExtractor seeds it with the stored ones the same
	// way); only curated entities are looked for by the gazetteer, as
	// NewExtractor does, so that a document reads the same in this run as
	// in a later one.
	changed := false
	for _, e := range es {
		if e.Status == kb.Rejected || e.MergedInto != "" {
			continue
		}
		x.entities[e.ID] = e
		x.stemsMade = false
		if e.Status != kb.Candidate {
			changed = true
		} else if x.reg.byID[e.ID] == nil {
			x.reg.seed([]kb.Entity{e}, nil)
		}
	}
	if !changed {
		return
	}
	curated := make([]kb.Entity, 0, len(x.entities))
	for _, e := range x.entities {
		if e.Status != kb.Candidate {
			curated = append(curated, e)
		}
	}
	slices.SortFunc(curated, func(a, b kb.Entity) int { return strings.Compare(a.ID, b.ID) })
	x.gaz = NewGazetteer(curated)
}
