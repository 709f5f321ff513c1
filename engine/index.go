package engine

import (
	"slices"
	"sync"

	"treatyline/kb"
)

// index finds, for a territory or a treaty, the records that bear on it,
// so that one of them is compiled from its own records and a change to
// the knowledge base reaches exactly what it touches. It holds positions
// in Engine.claims and Engine.provisions, in their order. What only an
// update needs is built on the first update.
type index struct {
	treatyIDs    []string // sorted
	territoryIDs []string // sorted
	treatyOrd    map[string]int
	territoryOrd map[string]int
	// bySubject are the claims about an entity.
	bySubject postings
	// related are the claims that name a treaty as the value of a
	// relation between treaties (confirms, supersedes, ...).
	related map[string][]int32
	// byObject are the provisions with a territory among their objects.
	byObject postings
	// children are the territories that lie in a territory (located_in).
	children map[string][]string

	forUpdate sync.Once
	claimPos  map[string]int32
	provPos   map[string]int32
	byTreaty  map[string][]int32 // a treaty's provisions
}

// postings are the positions of the records under each key, in order,
// kept in one flat slice.
type postings struct {
	slot  map[string]int32
	start []int32 // the positions of slot s are pos[start[s]:start[s+1]]
	pos   []int32
}

func (p *postings) get(key string) []int32 {
	s, ok := p.slot[key]
	if !ok {
		return nil
	}
	return p.pos[p.start[s]:p.start[s+1]]
}

// postingsBuilder gathers a postings' pairs of key and position, added
// in the order of positions.
type postingsBuilder struct {
	slot       map[string]int32
	slots, pos []int32
}

func newPostingsBuilder(n int) *postingsBuilder {
	return &postingsBuilder{slot: map[string]int32{}, slots: make([]int32, 0, n), pos: make([]int32, 0, n)}
}

func (b *postingsBuilder) add(key string, pos int32) {
	s, ok := b.slot[key]
	if !ok {
		s = int32(len(b.slot))
		b.slot[key] = s
	}
	b.slots = append(b.slots, s)
	b.pos = append(b.pos, pos)
}

// build sorts the pairs by key by counting, keeping the order of
// positions under each key.
func (b *postingsBuilder) build() postings {
	p := postings{slot: b.slot, start: make([]int32, len(b.slot)+1), pos: make([]int32, len(b.pos))}
	for _, s := range b.slots {
		p.start[s+1]++
	}
	for s := 1; s < len(p.start); s++ {
		p.start[s] += p.start[s-1]
	}
	next := slices.Clone(p.start[:len(p.start)-1])
	for i, s := range b.slots {
		p.pos[next[s]] = b.pos[i]
		next[s]++
	}
	return p
}

// relations are the properties that link one treaty to another: a change
// to one treaty can change what the others linked to it answer.
var relations = map[string]bool{
	"confirmed_by": true, "confirms": true, "superseded_by": true, "supersedes": true,
	"reversed_by": true, "reverses": true,
}

// buildIndex indexes an engine's records: the claims and the provisions
// at once, on two cores where there are two.
func buildIndex(e *Engine) *index {
	x := &index{treatyOrd: map[string]int{}, territoryOrd: map[string]int{}, related: map[string][]int32{}, children: map[string][]string{}}
	var wg sync.WaitGroup
	wg.Go(func() {
		b := newPostingsBuilder(e.claims.len())
		for pos, c := range e.claims.all() {
			b.add(c.Subject, pos)
			if relations[c.Property] && c.Value.Entity != "" {
				x.related[c.Value.Entity] = append(x.related[c.Value.Entity], pos)
			}
			if c.Property == "located_in" && c.Value.Entity != "" && !slices.Contains(x.children[c.Value.Entity], c.Subject) {
				x.children[c.Value.Entity] = append(x.children[c.Value.Entity], c.Subject)
			}
		}
		x.bySubject = b.build()
	})
	wg.Go(func() {
		b := newPostingsBuilder(e.provisions.len())
		for pos, p := range e.provisions.all() {
			for k, obj := range p.Objects {
				if !slices.Contains(p.Objects[:k], obj) {
					b.add(obj, pos)
				}
			}
		}
		x.byObject = b.build()
	})
	for id, en := range e.entities.all() {
		switch en.Kind {
		case kb.KindTreaty:
			x.treatyIDs = append(x.treatyIDs, id)
		case kb.KindTerritory:
			x.territoryIDs = append(x.territoryIDs, id)
		}
	}
	slices.Sort(x.treatyIDs)
	slices.Sort(x.territoryIDs)
	for i, id := range x.treatyIDs {
		x.treatyOrd[id] = i
	}
	for i, id := range x.territoryIDs {
		x.territoryOrd[id] = i
	}
	wg.Wait()
	return x
}

// updating builds what an update needs: each record's position by id,
// and each treaty's provisions.
func (x *index) updating(e *Engine) *index {
	x.forUpdate.Do(func() {
		x.claimPos = make(map[string]int32, e.claims.len())
		x.provPos = make(map[string]int32, e.provisions.len())
		x.byTreaty = map[string][]int32{}
		for pos, c := range e.claims.all() {
			x.claimPos[c.ID] = pos
		}
		for pos, p := range e.provisions.all() {
			x.provPos[p.ID] = pos
			x.byTreaty[p.Treaty] = append(x.byTreaty[p.Treaty], pos)
		}
	})
	return x
}

// component gives the treaties linked to these by relations, directly or
// through others, with them, sorted: a treaty's answers read those of
// the treaties that confirm or succeed it, so they are compiled together.
// Ids that are not treaties are left out.
func (e *Engine) component(start ...string) []string {
	var out, queue []string
	seen := map[string]bool{}
	visit := func(id string) {
		if _, ok := e.idx.treatyOrd[id]; ok && !seen[id] {
			seen[id] = true
			queue = append(queue, id)
		}
	}
	for _, id := range start {
		visit(id)
	}
	for len(queue) > 0 {
		id := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		out = append(out, id)
		for _, pos := range e.idx.bySubject.get(id) {
			if c := e.claims.at(pos); relations[c.Property] {
				visit(c.Value.Entity)
			}
		}
		for _, pos := range e.idx.related[id] {
			visit(e.claims.at(pos).Subject)
		}
	}
	slices.Sort(out)
	return out
}

// claimKeys tells whether two versions of a claim are indexed alike.
func claimKeys(a, b *kb.Claim) bool {
	return a.Subject == b.Subject && a.Property == b.Property && a.Value.Entity == b.Value.Entity
}

// provisionKeys tells whether two versions of a provision are indexed
// alike.
func provisionKeys(a, b *kb.Provision) bool {
	return a.Treaty == b.Treaty && slices.Equal(a.Objects, b.Objects)
}
