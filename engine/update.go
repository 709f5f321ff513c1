package engine

import (
	"maps"
	"slices"
	"sort"
	"sync/atomic"

	"treatyline/kb"
)

// Update gives an engine for the knowledge base with these claims and
// provisions written over it: each replaces the record of its id, or is
// added. The engine it is called on is left as it was, and answers as
// before to whoever holds it. The perspectives compiled in it are
// carried over, recompiled only for what the records touch: the treaties
// they are about or name, with every treaty linked to those by a
// relation (confirms, supersedes, reverses), and the territories their
// provisions and claims move, with the territories that lie in them.
// Entities cannot change this way: a changed entity needs New.
func (e *Engine) Update(claims []kb.Claim, provisions []kb.Provision) *Engine {
	n := &Engine{entities: e.entities, claims: e.claims, provisions: e.provisions, idx: e.idx}
	if len(claims) == 0 && len(provisions) == 0 {
		return e
	}
	n.claims = slices.Clone(e.claims)
	n.provisions = slices.Clone(e.provisions)
	rebuild := false
	treaties := map[string]bool{}
	territories := map[string]bool{}
	changed := map[int32]bool{} // provisions written, by position
	touchClaim := func(c *kb.Claim) {
		treaties[c.Subject] = true
		territories[c.Subject] = true
		if relations[c.Property] {
			treaties[c.Value.Entity] = true
		}
	}
	touchProvision := func(p *kb.Provision) {
		treaties[p.Treaty] = true
		for _, obj := range p.Objects {
			territories[obj] = true
		}
	}
	for i := range claims {
		c := &claims[i]
		touchClaim(c)
		if pos, ok := e.idx.claimPos[c.ID]; ok {
			touchClaim(e.claims[pos])
			rebuild = rebuild || !claimKeys(e.claims[pos], c)
			n.claims[pos] = c
		} else {
			n.claims = append(n.claims, c)
			rebuild = true
		}
	}
	for i := range provisions {
		p := &provisions[i]
		touchProvision(p)
		if pos, ok := e.idx.provPos[p.ID]; ok {
			touchProvision(e.provisions[pos])
			rebuild = rebuild || !provisionKeys(e.provisions[pos], p)
			n.provisions[pos] = p
			changed[pos] = true
		} else {
			n.provisions = append(n.provisions, p)
			rebuild = true
		}
	}
	if rebuild {
		n.idx = buildIndex(n)
		for i := range provisions {
			changed[n.idx.provPos[provisions[i].ID]] = true
		}
	}
	// The treaties touched, with every treaty linked to them: a treaty's
	// answers read those of the treaties that confirm or succeed it.
	var ids []string
	queue := make([]string, 0, len(treaties))
	seen := map[string]bool{}
	for id := range treaties {
		if en, ok := n.entities[id]; ok && en.Kind == kb.KindTreaty {
			queue = append(queue, id)
			seen[id] = true
		}
	}
	for len(queue) > 0 {
		id := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		ids = append(ids, id)
		visit := func(other string) {
			if !seen[other] {
				if en, ok := n.entities[other]; ok && en.Kind == kb.KindTreaty {
					seen[other] = true
					queue = append(queue, other)
				}
			}
		}
		for _, pos := range n.idx.bySubject[id] {
			if c := n.claims[pos]; relations[c.Property] {
				visit(c.Value.Entity)
			}
		}
		for _, pos := range n.idx.related[id] {
			visit(n.claims[pos].Subject)
		}
	}
	sort.Strings(ids)
	// The territories their provisions move, and those that lie in them.
	for _, id := range ids {
		for _, pos := range n.idx.byTreaty[id] {
			for _, obj := range n.provisions[pos].Objects {
				territories[obj] = true
			}
			changed[pos] = true
		}
	}
	stack := make([]string, 0, len(territories))
	for id := range territories {
		stack = append(stack, id)
	}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, child := range n.idx.children[id] {
			if !territories[child] {
				territories[child] = true
				stack = append(stack, child)
			}
		}
	}

	if m := e.compiled.Load(); m != nil {
		next := make(map[string]*compiled, len(*m))
		for k, c := range *m {
			if c.sourceSet {
				continue // compiled again when asked for
			}
			nc := &compiled{sys: c.sys.update(n, ids, territories, changed, rebuild), sourceSet: c.sourceSet}
			nc.used.Store(c.used.Load())
			next[k] = nc
		}
		n.compiled.Store(&next)
	}
	n.uses.Store(e.uses.Load())
	return n
}

// update gives the system compiled over n, sharing what the change did
// not touch: the treaties of ids are compiled afresh, the territories
// given and the rights of the provisions changed on first use.
func (s *system) update(n *Engine, ids []string, territories map[string]bool, changed map[int32]bool, rebuild bool) *system {
	ns := &system{e: n, p: s.p, treaties: maps.Clone(s.treaties), treatyIDs: n.idx.treatyIDs, territoryIDs: n.idx.territoryIDs,
		timelines: make([]atomic.Pointer[timeline], len(n.idx.territoryIDs))}
	ns.compileTreaties(ids)
	for i, id := range ns.territoryIDs {
		if !territories[id] {
			ns.timelines[i].Store(s.timelines[i].Load())
		}
	}
	old := s.rights.Load()
	if old == nil {
		return ns
	}
	if rebuild {
		// Positions may have moved: the rights are listed again on
		// first use.
		return ns
	}
	var remove, add []right
	for pos := range changed {
		if int(pos) < len(s.e.provisions) {
			if r, ok := s.rightOf(pos); ok {
				remove = append(remove, r)
			}
		}
		if r, ok := ns.rightOf(pos); ok {
			add = append(add, r)
		}
	}
	ns.rights.Store(old.with(remove, add))

	return ns
}
