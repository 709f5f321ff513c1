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
// candidates. What it gives undoes it (Unlearn).
func (x *Extractor) Learn(es []kb.Entity) Learning {
	l := Learning{learned: len(x.learned), gaz: x.gaz, prev: make(map[string]*kb.Entity, len(es))}
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
		if _, kept := l.prev[e.ID]; !kept {
			if old, ok := x.entities[e.ID]; ok {
				l.prev[e.ID] = &old
			} else {
				l.prev[e.ID] = nil
			}
		}
		x.entities[e.ID] = e
		x.stemsMade = false
		if !slices.Contains(x.learned, e.ID) {
			x.learned = append(x.learned, e.ID)
		}
		if e.Status != kb.Candidate {
			changed = true
		} else if x.reg.byID[e.ID] == nil {
			x.reg.seed([]kb.Entity{e}, nil)
		}
	}
	if !changed {
		return l
	}
	curated := make([]kb.Entity, 0, len(x.entities))
	for _, e := range x.entities {
		if e.Status != kb.Candidate {
			curated = append(curated, e)
		}
	}
	slices.SortFunc(curated, func(a, b kb.Entity) int { return strings.Compare(a.ID, b.ID) })
	x.gaz = NewGazetteer(curated)
	return l
}

// Learning is what one call of Learn changed: the entities' earlier
// versions (nil for one the extractor did not know), how many it had
// learned before, and its gazetteer.
type Learning struct {
	prev    map[string]*kb.Entity
	learned int
	gaz     *Gazetteer
}

// Unlearn undoes what reading and storing a document taught the
// extractor, when the document was not stored after all: the Learn of its
// stored entities, if l is not nil (a document's entities are learned as
// soon as they are written, so that the next document can be read while
// the rest of it is; the rest can still fail), and then what reading it
// left (Forget). Only the last Learn may be undone.
func (x *Extractor) Unlearn(l *Learning) {
	if l != nil {
		for id, old := range l.prev {
			if old == nil {
				delete(x.entities, id)
			} else {
				x.entities[id] = *old
			}
		}
		x.learned = x.learned[:l.learned]
		x.gaz = l.gaz
	}
	x.Forget()
}

// Forget undoes what reading a document that could not be stored left in
// the extractor: the candidate entities it discovered, and the names and
// evidence it gave to others, which a later document would otherwise
// propose again as if they were stored (and fail with it, when the
// document's evidence names a source that is not stored). The registry of
// candidate entities is made again from the stored entities the extractor
// was made with and those it has learned since, as a later run reading
// them from the store would. Call it when a document's reading or storing
// failed.
func (x *Extractor) Forget() {
	x.reg = newRegistry()
	x.reg.seed(x.seeds, x.seedKeys)
	learned := make([]kb.Entity, 0, len(x.learned))
	for _, id := range x.learned {
		if e := x.entities[id]; e.Status == kb.Candidate {
			learned = append(learned, e)
		}
	}
	x.reg.seed(learned, nil)
	x.adjStems, x.adjCount = nil, 0
	x.stemsMade = false
}
