package engine

import (
	"fmt"
	"testing"
)

// TestSourceSetCacheBounded: asking for many source sets keeps at most
// maxSourceSets of them compiled, drops the least recently used, and
// keeps the consensus.
func TestSourceSetCacheBounded(t *testing.T) {
	e := New(nil, nil, nil)
	e.system(Perspective{})
	first := Perspective{Sources: map[string]bool{"s0": true}}
	e.system(first)
	for i := 1; i < 3*maxSourceSets; i++ {
		e.system(Perspective{Sources: map[string]bool{fmt.Sprint("s", i): true}})
		e.system(first) // kept in use
	}
	compiled := *e.compiled.Load()
	sets := 0
	for _, c := range compiled {
		if c.sourceSet {
			sets++
		}
	}
	if sets != maxSourceSets {
		t.Errorf("%d source sets compiled, want %d", sets, maxSourceSets)
	}
	if _, ok := compiled[Perspective{}.key()]; !ok {
		t.Error("the consensus was dropped")
	}
	if _, ok := compiled[first.key()]; !ok {
		t.Error("the source set in constant use was dropped")
	}
	if _, ok := compiled[Perspective{Sources: map[string]bool{"s1": true}}.key()]; ok {
		t.Error("the oldest source set is still there")
	}
}
