package engine

import (
	"fmt"
	"maps"
	"testing"

	"treatyline/kb"
)

// TestEntityTable: entities written over a table, one update after
// another, read as a map of them all would, whether they are still
// written over the base or folded into a new one; the tables before are
// left as they were.
func TestEntityTable(t *testing.T) {
	var base []kb.Entity
	want := map[string]kb.Entity{}
	for i := range 40 {
		en := kb.Entity{ID: fmt.Sprintf("e/%d", i), Kind: kb.KindTerritory}
		base = append(base, en)
		want[en.ID] = en
	}
	tables := []entityTable{newEntityTable(base)}
	wants := []map[string]kb.Entity{maps.Clone(want)}
	for step := range 12 {
		// One renamed, one added.
		renamed := want[fmt.Sprintf("e/%d", step)]
		renamed.Labels = map[string]string{"en": fmt.Sprint("step ", step)}
		added := kb.Entity{ID: fmt.Sprintf("n/%d", step), Kind: kb.KindTreaty}
		want[renamed.ID], want[added.ID] = renamed, added
		tables = append(tables, tables[len(tables)-1].with([]kb.Entity{renamed, added}))
		wants = append(wants, maps.Clone(want))
	}
	folded := false
	for i, tb := range tables {
		folded = folded || (i > 0 && tb.over == nil)
		got := map[string]kb.Entity{}
		for id, en := range tb.all() {
			if _, twice := got[id]; twice {
				t.Fatalf("table %d: %s listed twice", i, id)
			}
			got[id] = en
		}
		if len(got) != len(wants[i]) || tb.len() != len(wants[i]) {
			t.Fatalf("table %d: %d entities listed, len %d; want %d", i, len(got), tb.len(), len(wants[i]))
		}
		for id, w := range wants[i] {
			if en, ok := tb.get(id); !ok || fmt.Sprint(en) != fmt.Sprint(w) || fmt.Sprint(got[id]) != fmt.Sprint(w) {
				t.Fatalf("table %d: %s = %v (%v), listed %v; want %v", i, id, en, ok, got[id], w)
			}
		}
	}
	if !folded {
		t.Error("the entities written over the base were never folded into it")
	}
}
