package engine

import (
	"slices"

	"treatyline/kb"
)

// index finds, for a territory or a treaty, the records that bear on it,
// so that one of them is compiled from its own records and a change to
// the knowledge base reaches exactly what it touches. It holds positions
// in Engine.claims and Engine.provisions, in their order.
type index struct {
	treatyIDs    []string // sorted
	territoryIDs []string // sorted
	territoryOrd map[string]int
	claimPos     map[string]int32
	provPos      map[string]int32
	// bySubject are the claims about an entity.
	bySubject map[string][]int32
	// related are the claims that name a treaty as the value of a
	// relation between treaties (confirms, supersedes, ...).
	related map[string][]int32
	// byObject are the provisions with a territory among their objects;
	// byTreaty a treaty's provisions.
	byObject map[string][]int32
	byTreaty map[string][]int32
	// children are the territories that lie in a territory (located_in).
	children map[string][]string
}

// relations are the properties that link one treaty to another: a change
// to one treaty can change what the others linked to it answer.
var relations = map[string]bool{
	"confirmed_by": true, "confirms": true, "superseded_by": true, "supersedes": true,
	"reversed_by": true, "reverses": true,
}

func buildIndex(e *Engine) *index {
	x := &index{territoryOrd: map[string]int{}, claimPos: make(map[string]int32, len(e.claims)),
		provPos: make(map[string]int32, len(e.provisions)), bySubject: map[string][]int32{}, related: map[string][]int32{},
		byObject: map[string][]int32{}, byTreaty: map[string][]int32{}, children: map[string][]string{}}
	for id, en := range e.entities {
		switch en.Kind {
		case kb.KindTreaty:
			x.treatyIDs = append(x.treatyIDs, id)
		case kb.KindTerritory:
			x.territoryIDs = append(x.territoryIDs, id)
		}
	}
	slices.Sort(x.treatyIDs)
	slices.Sort(x.territoryIDs)
	for i, id := range x.territoryIDs {
		x.territoryOrd[id] = i
	}
	for i, c := range e.claims {
		pos := int32(i)
		x.claimPos[c.ID] = pos
		x.bySubject[c.Subject] = append(x.bySubject[c.Subject], pos)
		if relations[c.Property] && c.Value.Entity != "" {
			x.related[c.Value.Entity] = append(x.related[c.Value.Entity], pos)
		}
		if c.Property == "located_in" && c.Value.Entity != "" && !slices.Contains(x.children[c.Value.Entity], c.Subject) {
			x.children[c.Value.Entity] = append(x.children[c.Value.Entity], c.Subject)
		}
	}
	for i, p := range e.provisions {
		pos := int32(i)
		x.provPos[p.ID] = pos
		x.byTreaty[p.Treaty] = append(x.byTreaty[p.Treaty], pos)
		for _, obj := range p.Objects {
			if l := x.byObject[obj]; len(l) == 0 || l[len(l)-1] != pos {
				x.byObject[obj] = append(l, pos)
			}
		}
	}
	return x
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
