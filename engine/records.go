package engine

import (
	"iter"
	"slices"
)

// recordChunkBits sizes the chunks records are kept in (4,096 a chunk):
// an update copies the chunks it changes, not a million pointers.
const recordChunkBits = 12

// records are an engine's claims or provisions by position. They are
// never changed once made: with gives new records that share the chunks
// it did not change.
type records[T any] struct {
	chunks [][]*T
	n      int
}

func newRecords[T any](xs []T) records[T] {
	return chunked(len(xs), func(i int) *T { return &xs[i] })
}

// sharedRecords are records over records held elsewhere.
func sharedRecords[T any](xs []*T) records[T] {
	return chunked(len(xs), func(i int) *T { return xs[i] })
}

// chunked gives the n records that at gives, in chunks.
func chunked[T any](n int, at func(i int) *T) records[T] {
	r := records[T]{n: n}
	size := 1 << recordChunkBits
	for i := 0; i < n; i += size {
		j := min(i+size, n)
		c := make([]*T, j-i, size)
		for k := range c {
			c[k] = at(i + k)
		}
		r.chunks = append(r.chunks, c)
	}
	return r
}

// at gives the record at a position.
func (r records[T]) at(pos int32) *T {
	return r.chunks[pos>>recordChunkBits][pos&(1<<recordChunkBits-1)]
}

// len gives the number of records.
func (r records[T]) len() int { return r.n }

// all gives the records with their positions, in order.
func (r records[T]) all() iter.Seq2[int32, *T] {
	return func(yield func(int32, *T) bool) {
		for ci, c := range r.chunks {
			for k, x := range c {
				if !yield(int32(ci<<recordChunkBits+k), x) {
					return
				}
			}
		}
	}
}

// with gives the records with those of set written at their positions
// and add appended.
func (r records[T]) with(set map[int32]*T, add []*T) records[T] {
	out := records[T]{chunks: slices.Clone(r.chunks), n: r.n}
	owned := map[int]bool{}
	own := func(ci int) {
		if !owned[ci] {
			c := out.chunks[ci]
			nc := make([]*T, len(c), 1<<recordChunkBits)
			copy(nc, c)
			out.chunks[ci] = nc
			owned[ci] = true
		}
	}
	for pos, x := range set {
		ci := int(pos >> recordChunkBits)
		own(ci)
		out.chunks[ci][pos&(1<<recordChunkBits-1)] = x
	}
	for _, x := range add {
		ci := out.n >> recordChunkBits
		if ci == len(out.chunks) {
			out.chunks = append(out.chunks, make([]*T, 0, 1<<recordChunkBits))
			owned[ci] = true
		} else {
			own(ci)
		}
		out.chunks[ci] = append(out.chunks[ci], x)
		out.n++
	}
	return out
}
