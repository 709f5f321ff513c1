package engine

import (
	"slices"
	"sort"
)

// rightChunkSize is the length rights are kept in: an update copies the
// chunks it changes rather than a list of hundreds of thousands.
const rightChunkSize = 1024

// rightList is a view's rights in order (compareRights), in chunks. It is
// never changed once made: with gives a new one.
type rightList struct {
	chunks [][]right
	n      int
}

func newRightList(sorted []right) *rightList {
	l := &rightList{n: len(sorted)}
	for i := 0; i < len(sorted); i += rightChunkSize {
		j := min(i+rightChunkSize, len(sorted))
		l.chunks = append(l.chunks, sorted[i:j:j])
	}
	return l
}

// all calls fn on every right in order.
func (l *rightList) all(fn func(r *right)) {
	l.each(func(r *right) bool { fn(r); return true })
}

// each calls fn on the rights in order until it returns false.
func (l *rightList) each(fn func(r *right) bool) {
	for _, c := range l.chunks {
		for i := range c {
			if !fn(&c[i]) {
				return
			}
		}
	}
}

// with gives the list without the rights of remove and with those of add.
// A right to remove that the list does not hold is passed over.
func (l *rightList) with(remove, add []right) *rightList {
	out := &rightList{chunks: slices.Clone(l.chunks), n: l.n}
	owned := map[int]bool{} // chunks already copied by this update
	own := func(ci int) {
		if !owned[ci] {
			out.chunks[ci] = slices.Clone(out.chunks[ci])
			owned[ci] = true
		}
	}
	// find gives the chunk where r belongs: the first whose last right
	// does not come before it.
	find := func(r right) int {
		return sort.Search(len(out.chunks), func(i int) bool {
			c := out.chunks[i]
			return compareRights(c[len(c)-1], r) >= 0
		})
	}
	for _, r := range remove {
		ci := find(r)
		if ci == len(out.chunks) {
			continue
		}
		c := out.chunks[ci]
		k, found := slices.BinarySearchFunc(c, r, compareRights)
		if !found {
			continue
		}
		own(ci)
		out.chunks[ci] = slices.Delete(out.chunks[ci], k, k+1)
		out.n--
		if len(out.chunks[ci]) == 0 {
			out.chunks = slices.Delete(out.chunks, ci, ci+1)
			owned = shift(owned, ci, -1)
		}
	}
	for _, r := range add {
		ci := find(r)
		if ci == len(out.chunks) {
			if ci > 0 {
				ci--
			} else {
				out.chunks = append(out.chunks, nil)
				owned[ci] = true
			}
		}
		own(ci)
		c := out.chunks[ci]
		k, _ := slices.BinarySearchFunc(c, r, compareRights)
		out.chunks[ci] = slices.Insert(c, k, r)
		out.n++
		if c := out.chunks[ci]; len(c) > 2*rightChunkSize {
			half := len(c) / 2
			lo, hi := slices.Clone(c[:half]), slices.Clone(c[half:])
			out.chunks = slices.Insert(out.chunks, ci+1, hi)
			out.chunks[ci] = lo
			owned = shift(owned, ci+1, 1)
			owned[ci], owned[ci+1] = true, true
		}
	}
	return out
}

// shift moves the marks of chunks at or after from by d, after a chunk
// was removed (d = -1) or inserted (d = 1) at from.
func shift(owned map[int]bool, from, d int) map[int]bool {
	out := make(map[int]bool, len(owned))
	for ci := range owned {
		switch {
		case ci < from:
			out[ci] = true
		case d < 0 && ci == from:
			// the removed chunk
		default:
			out[ci+d] = true
		}
	}
	return out
}
