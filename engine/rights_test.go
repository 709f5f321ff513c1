package engine

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"treatyline/engine/synth"
	"treatyline/histdate"
	"treatyline/kb"
)

// TestRightListWith: removing and adding rights to a chunked list, chunks
// emptied and split on the way, gives the list sorted afresh, and leaves
// the list it was made from as it was.
func TestRightListWith(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	provs := make([]*kb.Provision, 12000)
	for i := range provs {
		provs[i] = &kb.Provision{ID: "provision/p" + strconv.Itoa(rng.IntN(3000))}
	}
	mk := func(i int) right {
		return right{p: provs[i], index: i, from: histdate.JDN(2400000 + rng.IntN(50))}
	}
	flat := func(l *rightList) []right {
		var out []right
		l.all(func(r *right) { out = append(out, *r) })
		if len(out) != l.n {
			t.Fatalf("the list counts %d rights and holds %d", l.n, len(out))
		}
		return out
	}
	var want []right
	for i := 0; i < 3000; i++ {
		want = append(want, mk(i))
	}
	slices.SortFunc(want, compareRights)
	l := newRightList(slices.Clone(want))
	next := 3000
	for round := 0; round < 30; round++ {
		before := flat(l)
		var remove, add []right
		for k := 0; k < rng.IntN(400); k++ {
			if len(want) > 0 {
				remove = append(remove, want[rng.IntN(len(want))])
			}
		}
		// Many rights on one day in some rounds: a chunk must split.
		n := rng.IntN(300)
		if round%5 == 0 {
			n = 2500
		}
		for k := 0; k < n && next < len(provs); k++ {
			r := mk(next)
			if round%5 == 0 {
				r.from = 2400010
			}
			add = append(add, r)
			next++
		}
		if round == 20 {
			remove = slices.Clone(want) // every chunk emptied
		}
		slices.SortFunc(add, compareRights)
		nl := l.with(remove, add)
		want = slices.DeleteFunc(want, func(r right) bool {
			return slices.ContainsFunc(remove, func(x right) bool { return x.index == r.index })
		})
		want = append(want, add...)
		slices.SortFunc(want, compareRights)
		got := flat(nl)
		if !slices.EqualFunc(got, want, func(a, b right) bool { return a.index == b.index }) {
			t.Fatalf("round %d: the updated list is not the sorted list", round)
		}
		for _, c := range nl.chunks {
			if len(c) == 0 || len(c) > 2*rightChunkSize {
				t.Fatalf("round %d: a chunk of %d rights", round, len(c))
			}
		}
		if !slices.EqualFunc(flat(l), before, func(a, b right) bool { return a.index == b.index }) {
			t.Fatalf("round %d: the list updated from changed", round)
		}
		l = nl
	}
}

// TestWarm: warming computes every timeline, treaty and the rights of a
// perspective, and stops when asked to.
func TestWarm(t *testing.T) {
	ents, claims, provs := synth.Generate(synth.Config{Seed: 2, Polities: 4, Territories: 200, Treaties: 40, Provisions: 400})
	e := New(ents, claims, provs)
	e.Warm(Perspective{}, func() bool { return true })
	s := e.system(Perspective{})
	for i := range s.timelines {
		if s.timelines[i].Load() != nil {
			t.Fatal("a warm stopped at once computed a timeline")
		}
	}
	e.Warm(Perspective{}, func() bool { return false })
	for i := range s.timelines {
		if s.timelines[i].Load() == nil {
			t.Fatalf("territory %s not computed by a whole warm", s.territoryIDs[i])
		}
	}
	for i := range s.treaties {
		if s.treaties[i].Load() == nil {
			t.Fatalf("treaty %s not compiled by a whole warm", s.treatyIDs[i])
		}
	}
	if s.rights.Load() == nil {
		t.Error("rights not listed by a whole warm")
	}
}
