package engine

import (
	"maps"
	"slices"
	"strings"

	"treatyline/kb"
)

// PrepareUpdates builds what the first Update needs (each record's
// position by id, each treaty's provisions), which Update otherwise
// builds itself: at a million provisions about a second. A server calls
// it in the background after it starts, so that the first review
// decision is not the one that waits.
func (e *Engine) PrepareUpdates() { e.idx.updating(e) }

// Update gives an engine for the knowledge base with these claims and
// provisions written over it: each replaces the record of its id, or is
// added. The engine it is called on is left as it was, and answers as
// before to whoever holds it. The perspectives compiled in it are
// carried over, recompiled only for what the records touch: the treaties
// they are about or name, with every treaty linked to those by a
// relation (confirms, supersedes, reverses), and the territories their
// provisions and claims move, with the territories that lie in them.
// Entities change with UpdateEntities.
func (e *Engine) Update(claims []kb.Claim, provisions []kb.Provision) *Engine {
	n, _ := e.UpdateEntities(nil, claims, provisions)
	return n
}

// UpdateEntities is Update with entities written over the engine's too:
// each replaces the entity of its id, or is added (an ingest's candidate
// entities, a renamed place). The treaty or territory an entity is, with
// the territories that lie in it (whose answers name it), is compiled
// again. It reports false, and gives no engine, when an entity's kind
// changes, which moves it between the engine's treaties and territories
// and changes how claims that name it read: build the engine anew (New)
// then. Entities merged into another are not the engine's to hold: leave
// them out, and give the claims and provisions that named them as they
// now stand.
func (e *Engine) UpdateEntities(entities []kb.Entity, claims []kb.Claim, provisions []kb.Provision) (*Engine, bool) {
	n := &Engine{entities: e.entities, claims: e.claims, provisions: e.provisions, idx: e.idx, added: e.added}
	if len(entities) == 0 && len(claims) == 0 && len(provisions) == 0 {
		return e, true
	}
	setClaims, setProvs := map[int32]*kb.Claim{}, map[int32]*kb.Provision{}
	var addClaims []*kb.Claim
	var addProvs []*kb.Provision
	rebuild := false
	treaties := map[string]bool{}
	territories := map[string]bool{}
	if len(entities) > 0 {
		for _, en := range entities {
			if old, ok := e.entities.get(en.ID); ok && old.Kind != en.Kind {
				return nil, false
			}
		}
		n.entities = e.entities.with(entities)
		for _, en := range entities {
			treaties[en.ID] = true
			territories[en.ID] = true
		}
		// The lists of treaties and territories, and the rights, are
		// made again.
		rebuild = true
	}
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
		if pos, ok := e.idx.updating(e).claimPos[c.ID]; ok {
			touchClaim(e.claims.at(pos))
			rebuild = rebuild || !claimKeys(e.claims.at(pos), c)
			setClaims[pos] = c
		} else {
			addClaims = append(addClaims, c)
			rebuild = true
		}
	}
	// The provisions each treaty has that the old engine's index does not
	// list under it: those added (appended, in order) and those that
	// changed treaty. The old lists and these are the new engine's, so
	// that its own positions need not be indexed now (at a million
	// provisions half a second; PrepareUpdates does it in the background).
	moved := map[string][]int32{}
	for i := range provisions {
		p := &provisions[i]
		touchProvision(p)
		if pos, ok := e.idx.updating(e).provPos[p.ID]; ok {
			old := e.provisions.at(pos)
			touchProvision(old)
			rebuild = rebuild || !provisionKeys(old, p)
			setProvs[pos] = p
			changed[pos] = true
			if old.Treaty != p.Treaty {
				moved[p.Treaty] = append(moved[p.Treaty], pos)
			}
		} else {
			pos := int32(e.provisions.len() + len(addProvs))
			addProvs = append(addProvs, p)
			changed[pos] = true
			moved[p.Treaty] = append(moved[p.Treaty], pos)
			rebuild = true
		}
	}
	n.added = n.added || len(addClaims) > 0 || len(addProvs) > 0
	n.claims = e.claims.with(setClaims, addClaims)
	n.provisions = e.provisions.with(setProvs, addProvs)
	if rebuild {
		n.idx = buildIndex(n)
	}
	// The treaties touched, with every treaty linked to them: a treaty's
	// answers read those of the treaties that confirm or succeed it.
	ids := n.component(slices.Collect(maps.Keys(treaties))...)
	// The territories their provisions move, and those that lie in them.
	for _, id := range ids {
		for _, list := range [][]int32{e.idx.updating(e).byTreaty[id], moved[id]} {
			for _, pos := range list {
				if p := n.provisions.at(pos); p.Treaty == id {
					for _, obj := range p.Objects {
						territories[obj] = true
					}
					changed[pos] = true
				}
			}
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
	return n, true
}

// update gives the system compiled over n, sharing what the change did
// not touch: the treaties of ids are compiled afresh, the territories
// given on first use, and the rights of the provisions changed at once
// when the old system had listed its rights.
func (s *system) update(n *Engine, ids []string, territories map[string]bool, changed map[int32]bool, rebuild bool) *system {
	ns := compile(n, s.p)
	touched := make(map[string]bool, len(ids))
	for _, id := range ids {
		touched[id] = true
	}
	// By place when the lists are the old ones; by id when the index was
	// made again (entities added move the others in the lists).
	sameLists := n.idx == s.e.idx
	for i, id := range ns.treatyIDs {
		j, ok := i, sameLists
		if !ok {
			j, ok = s.e.idx.treatyOrd[id]
		}
		if ok && !touched[id] {
			ns.treaties[i].Store(s.treaties[j].Load())
		}
	}
	for i, id := range ns.territoryIDs {
		j, ok := i, sameLists
		if !ok {
			j, ok = s.e.idx.territoryOrd[id]
		}
		if ok && !territories[id] {
			ns.timelines[i].Store(s.timelines[j].Load())
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
		if int(pos) < s.e.provisions.len() {
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

// Records gives the engine's knowledge base: its entities by id, and its
// claims and provisions in the engine's order, which is the order they
// were given to New when every update since wrote over records it had
// (the second result false when an update added records, which come
// last).
func (e *Engine) Records() (entities []kb.Entity, claims []kb.Claim, provisions []kb.Provision, inOrder bool) {
	entities = make([]kb.Entity, 0, e.entities.len())
	for _, en := range e.entities.all() {
		entities = append(entities, en)
	}
	slices.SortFunc(entities, func(a, b kb.Entity) int { return strings.Compare(a.ID, b.ID) })
	cs, ps := e.Refs()
	claims = make([]kb.Claim, len(cs))
	for i, c := range cs {
		claims[i] = *c
	}
	provisions = make([]kb.Provision, len(ps))
	for i, p := range ps {
		provisions[i] = *p
	}
	return entities, claims, provisions, !e.added
}

// Refs gives the engine's claims and provisions by reference, in its
// order (see Records), for NewShared: they are the engine's own,
// read-only.
func (e *Engine) Refs() (claims []*kb.Claim, provisions []*kb.Provision) {
	claims = make([]*kb.Claim, 0, e.claims.len())
	for _, c := range e.claims.all() {
		claims = append(claims, c)
	}
	provisions = make([]*kb.Provision, 0, e.provisions.len())
	for _, p := range e.provisions.all() {
		provisions = append(provisions, p)
	}
	return claims, provisions
}

// Warm computes, in a perspective, what the engine otherwise computes on
// first use — every treaty, every territory's timeline, the rights — so
// that later answers find it done: a server warms the consensus in the
// background after it answers its first question. It stops early when
// stop returns true (asked between territories), as when the engine has
// been replaced.
func (e *Engine) Warm(p Perspective, stop func() bool) {
	s := e.system(p)
	for i := range s.territoryIDs {
		if i%64 == 0 && stop() {
			return
		}
		s.timelineAt(i)
	}
	for i, id := range s.treatyIDs {
		if i%256 == 0 && stop() {
			return
		}
		s.treaty(id)
	}
	if !stop() {
		s.rightList()
	}
}
