package report

import (
	"cmp"
	"slices"
	"strings"

	"treatyline/kb"
	"treatyline/kb/kbsnap"
)

// The orders a store lists its records in (kb.Reader): entities by id,
// claims by subject, property and id, provisions by treaty and id, each
// by the bytes of the ids.

// EntityOrder orders entities as a store lists them.
func EntityOrder(a, b *kb.Entity) int { return strings.Compare(a.ID, b.ID) }

// ClaimOrder orders claims as a store lists them.
func ClaimOrder(a, b *kb.Claim) int {
	return cmp.Or(strings.Compare(a.Subject, b.Subject), strings.Compare(a.Property, b.Property), strings.Compare(a.ID, b.ID))
}

// ProvisionOrder orders provisions as a store lists them.
func ProvisionOrder(a, b *kb.Provision) int {
	return cmp.Or(strings.Compare(a.Treaty, b.Treaty), strings.Compare(a.ID, b.ID))
}

// Unmerged tells an entity that a store lists (not merged into another).
func Unmerged(e *kb.Entity) bool { return e.MergedInto == "" }

// MergeChanged gives the records of old, ordered by order, with those of
// changed written over the ones of the same id and the others of changed
// added, each in its place (keep, when not nil, false for a changed
// record to leave out). old in order already (as a store lists its
// records) is merged with the changed records in one pass: sorting a
// million records anew would take seconds.
func MergeChanged[T any](old, changed []T, id func(*T) string, order func(a, b *T) int, keep func(*T) bool) []T {
	drop := make(map[string]bool, len(changed))
	add := make([]T, 0, len(changed))
	for i := range changed {
		drop[id(&changed[i])] = true
		if keep == nil || keep(&changed[i]) {
			add = append(add, changed[i])
		}
	}
	slices.SortFunc(add, func(a, b T) int { return order(&a, &b) })
	out := make([]T, 0, len(old)+len(add))
	inOrder := true
	for i := 1; i < len(old) && inOrder; i++ {
		inOrder = order(&old[i-1], &old[i]) <= 0
	}
	if !inOrder {
		for i := range old {
			if !drop[id(&old[i])] {
				out = append(out, old[i])
			}
		}
		out = append(out, add...)
		slices.SortFunc(out, func(a, b T) int { return order(&a, &b) })
		return out
	}
	j := 0
	for i := range old {
		if drop[id(&old[i])] {
			continue
		}
		for j < len(add) && order(&add[j], &old[i]) < 0 {
			out = append(out, add[j])
			j++
		}
		out = append(out, old[i])
	}
	return append(out, add[j:]...)
}

// CaughtUp gives the records of a snapshot with what the store recorded
// since written over them (MergeChanged), in the store's order: the
// records a read of the whole store gives.
func CaughtUp(s *kbsnap.Snapshot, ch kb.Changed) *kbsnap.Snapshot {
	return &kbsnap.Snapshot{
		Key:        s.Key,
		Entities:   MergeChanged(s.Entities, ch.Entities, func(e *kb.Entity) string { return e.ID }, EntityOrder, Unmerged),
		Claims:     MergeChanged(s.Claims, ch.Claims, func(c *kb.Claim) string { return c.ID }, ClaimOrder, nil),
		Provisions: MergeChanged(s.Provisions, ch.Provisions, func(p *kb.Provision) string { return p.ID }, ProvisionOrder, nil),
	}
}

// InStoreOrder puts a snapshot's claims and provisions in the order the
// store lists them, as an engine that added records (Engine.Records,
// inOrder false) holds them out of it: the records added after the
// others are merged into their places.
func InStoreOrder(s *kbsnap.Snapshot) {
	s.Claims = inOrder(s.Claims, func(c *kb.Claim) string { return c.ID }, ClaimOrder)
	s.Provisions = inOrder(s.Provisions, func(p *kb.Provision) string { return p.ID }, ProvisionOrder)
	slices.SortFunc(s.Entities, func(a, b kb.Entity) int { return EntityOrder(&a, &b) })
}

// inOrder gives xs in order: the records after its longest ordered start
// merged into it.
func inOrder[T any](xs []T, id func(*T) string, order func(a, b *T) int) []T {
	k := 1
	for k < len(xs) && order(&xs[k-1], &xs[k]) <= 0 {
		k++
	}
	if k >= len(xs) {
		return xs
	}
	return MergeChanged(xs[:k], xs[k:], id, order, nil)
}
