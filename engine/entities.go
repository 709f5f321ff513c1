package engine

import (
	"iter"
	"maps"

	"treatyline/kb"
)

// entityTable is an engine's entities by id: a base shared by the engines
// updated from one another, and the entities written over it since, so
// that an update that adds or renames a few entities does not copy a
// hundred thousand. Never changed once made: with gives a new one.
type entityTable struct {
	base map[string]kb.Entity
	over map[string]kb.Entity // written over base; nil when none
}

func newEntityTable(entities []kb.Entity) entityTable {
	t := entityTable{base: make(map[string]kb.Entity, len(entities))}
	for _, en := range entities {
		t.base[en.ID] = en
	}
	return t
}

// get gives the entity of an id.
func (t entityTable) get(id string) (kb.Entity, bool) {
	if en, ok := t.over[id]; ok {
		return en, true
	}
	en, ok := t.base[id]
	return en, ok
}

// len gives the number of entities.
func (t entityTable) len() int {
	n := len(t.base)
	for id := range t.over {
		if _, ok := t.base[id]; !ok {
			n++
		}
	}
	return n
}

// all gives every entity by id, in no order.
func (t entityTable) all() iter.Seq2[string, kb.Entity] {
	return func(yield func(string, kb.Entity) bool) {
		for id, en := range t.base {
			if _, written := t.over[id]; written {
				continue
			}
			if !yield(id, en) {
				return
			}
		}
		for id, en := range t.over {
			if !yield(id, en) {
				return
			}
		}
	}
}

// with gives the table with these entities written over it. The entities
// written over the base are copied each time; once they are an eighth of
// it, they are folded into a new base.
func (t entityTable) with(entities []kb.Entity) entityTable {
	over := maps.Clone(t.over)
	if over == nil {
		over = make(map[string]kb.Entity, len(entities))
	}
	for _, en := range entities {
		over[en.ID] = en
	}
	if len(over) <= len(t.base)/8 {
		return entityTable{base: t.base, over: over}
	}
	base := maps.Clone(t.base)
	maps.Copy(base, over)
	return entityTable{base: base}
}
