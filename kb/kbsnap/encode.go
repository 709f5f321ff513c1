package kbsnap

import (
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"treatyline/kb"
)

// The layout of format version 1. Every count and index is a uvarint,
// every signed number a varint.
//
//	body      = table counts entity* claim* provision*
//	table     = n+1 len*n bytes                 (string i is the i-th len bytes)
//	counts    = entities claims provisions evidence ids aliases amounts
//	            (the first three as lengths, below) split
//	split     = k offset evidence ids amounts: the provisions from the k-th
//	            on start offset bytes into the records, after that many
//	            pieces of evidence, ids and amounts (k = 0: no split), so
//	            that two cores decode the two halves at once
//	entity    = ID Kind labels aliases Description Wikidata eflags
//	            [geojson Note] Status [confidence] evidence Note MergedInto
//	claim     = ID Subject Property value qualifiers evidence Status Rank Note
//	            cflags [confidence] RecordedAt RecordedBy Version StoredAt
//	provision = ID Treaty Type Article Grantors Grantees Objects Excludes Limits
//	            pflags [value] evidence Status Rank Note [confidence]
//	            RecordedBy Version StoredAt
//	value     = Type Entity Text Calendar Lang bool(1 byte)
//	evidence  = Source SHA256 Exact Prefix Suffix Start End
//	time      = 0 (zero) | 1 sec nsec (UTC) | 2 sec nsec name offset
//	confidence = 8 bytes, IEEE 754 little-endian
//
// A string field is an index into the table. A list, map or GeoJSON is
// its length plus one, 0 standing for nil, so that nil and empty survive
// the round trip; a map's entries are in key order. The counts are the
// records' and the totals of their evidence, ids (provisions' lists),
// aliases and amounts, so that the decoder allocates each once.

// Flags of an entity (eflags), a claim (cflags) and a provision (pflags).
const (
	eGeometry    = 1 << 0
	eApproximate = 1 << 1
	eConfidence  = 1 << 2
	eAll         = eGeometry | eApproximate | eConfidence

	cConfidence = 1 << 0
	cDecided    = 1 << 1
	cAll        = cConfidence | cDecided

	pAmount     = 1 << 0
	pExclusive  = 1 << 1
	pDecided    = 1 << 2
	pConfidence = 1 << 3
	pAll        = pAmount | pExclusive | pDecided | pConfidence
)

// The kinds of time.
const (
	timeZero = 0
	timeUTC  = 1
	timeZone = 2
)

// encoder writes the records into buf, interning strings into a table in
// the order they first appear (so the vocabulary, met first, takes the
// one-byte indices).
type encoder struct {
	buf    []byte
	index  map[string]uint32
	strs   []string
	counts []byte
	n      struct{ evidence, ids, aliases, amounts int }
	err    error
}

func (e *encoder) init(provisions int) {
	e.index = make(map[string]uint32, provisions+provisions/4+64)
	e.buf = make([]byte, 0, 64*provisions+4096)
	e.index[""] = 0 // index 0, the commonest
	e.strs = append(e.strs, "")
}

func (e *encoder) uvarint(x uint64) { e.buf = binary.AppendUvarint(e.buf, x) }
func (e *encoder) varint(x int64)   { e.buf = binary.AppendVarint(e.buf, x) }

func (e *encoder) str(s string) {
	i, ok := e.index[s]
	if !ok {
		if len(e.strs) == math.MaxUint32 {
			e.err = fmt.Errorf("snapshot: more than %d distinct strings", uint32(math.MaxUint32))
			return
		}
		i = uint32(len(e.strs))
		e.index[s] = i
		e.strs = append(e.strs, s)
	}
	e.uvarint(uint64(i))
}

// length writes a slice's or map's length, 0 for nil.
func (e *encoder) length(n int, isNil bool) {
	if isNil {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(n) + 1)
}

// lengthOf gives what length writes.
func (e *encoder) lengthOf(n int, isNil bool) int {
	if isNil {
		return 0
	}
	return n + 1
}

func (e *encoder) float(f float64) {
	e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(f))
}

func (e *encoder) time(t time.Time) {
	switch {
	case t == time.Time{}:
		e.buf = append(e.buf, timeZero)
	case t.Location() == time.UTC:
		e.buf = append(e.buf, timeUTC)
		e.varint(t.Unix())
		e.uvarint(uint64(t.Nanosecond()))
	default:
		// Another zone is kept as its name and offset: the instant and
		// how it reads survive, a time.Local becomes a fixed zone.
		name, offset := t.Zone()
		e.buf = append(e.buf, timeZone)
		e.varint(t.Unix())
		e.uvarint(uint64(t.Nanosecond()))
		e.str(name)
		e.varint(int64(offset))
	}
}

func (e *encoder) value(v *kb.Value) {
	e.str(string(v.Type))
	e.str(v.Entity)
	e.str(v.Text)
	e.str(string(v.Calendar))
	e.str(v.Lang)
	if v.Bool {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

func (e *encoder) evidence(ev []kb.Evidence) {
	e.length(len(ev), ev == nil)
	e.n.evidence += len(ev)
	for i := range ev {
		x := &ev[i]
		e.str(x.Source)
		e.str(x.SHA256)
		e.str(x.Quote.Exact)
		e.str(x.Quote.Prefix)
		e.str(x.Quote.Suffix)
		e.varint(int64(x.Position.Start))
		e.varint(int64(x.Position.End))
	}
}

func (e *encoder) ids(ids []string) {
	e.length(len(ids), ids == nil)
	e.n.ids += len(ids)
	for _, s := range ids {
		e.str(s)
	}
}

func (e *encoder) entity(x *kb.Entity) {
	e.str(x.ID)
	e.str(string(x.Kind))
	e.length(len(x.Labels), x.Labels == nil)
	for _, k := range slices.Sorted(maps.Keys(x.Labels)) {
		e.str(k)
		e.str(x.Labels[k])
	}
	e.length(len(x.Aliases), x.Aliases == nil)
	e.n.aliases += len(x.Aliases)
	for _, a := range x.Aliases {
		e.str(a.Text)
		e.str(a.Lang)
		e.str(a.Script)
	}
	e.str(x.Description)
	e.str(x.Wikidata)
	var flags byte
	if x.Geometry != nil {
		flags |= eGeometry
		if x.Geometry.Approximate {
			flags |= eApproximate
		}
	}
	if math.Float64bits(x.Confidence) != 0 {
		flags |= eConfidence
	}
	e.buf = append(e.buf, flags)
	if g := x.Geometry; g != nil {
		e.length(len(g.GeoJSON), g.GeoJSON == nil)
		e.buf = append(e.buf, g.GeoJSON...)
		e.str(g.Note)
	}
	e.str(string(x.Status))
	if flags&eConfidence != 0 {
		e.float(x.Confidence)
	}
	e.evidence(x.Evidence)
	e.str(x.Note)
	e.str(x.MergedInto)
}

func (e *encoder) claim(x *kb.Claim) {
	e.str(x.ID)
	e.str(x.Subject)
	e.str(x.Property)
	e.value(&x.Value)
	e.length(len(x.Qualifiers), x.Qualifiers == nil)
	for _, k := range slices.Sorted(maps.Keys(x.Qualifiers)) {
		e.str(k)
		v := x.Qualifiers[k]
		e.value(&v)
	}
	e.evidence(x.Evidence)
	e.str(string(x.Status))
	e.str(string(x.Rank))
	e.str(x.Note)
	var flags byte
	if math.Float64bits(x.Confidence) != 0 {
		flags |= cConfidence
	}
	if x.Decided {
		flags |= cDecided
	}
	e.buf = append(e.buf, flags)
	if flags&cConfidence != 0 {
		e.float(x.Confidence)
	}
	e.time(x.RecordedAt)
	e.str(x.RecordedBy)
	e.varint(int64(x.Version))
	e.time(x.StoredAt)
}

func (e *encoder) provision(x *kb.Provision) {
	e.str(x.ID)
	e.str(x.Treaty)
	e.str(x.Type)
	e.str(x.Article)
	e.ids(x.Grantors)
	e.ids(x.Grantees)
	e.ids(x.Objects)
	e.ids(x.Excludes)
	e.str(x.Limits)
	var flags byte
	if x.Amount != nil {
		flags |= pAmount
		e.n.amounts++
	}
	if x.Exclusive {
		flags |= pExclusive
	}
	if x.Decided {
		flags |= pDecided
	}
	if math.Float64bits(x.Confidence) != 0 {
		flags |= pConfidence
	}
	e.buf = append(e.buf, flags)
	if x.Amount != nil {
		e.value(x.Amount)
	}
	e.evidence(x.Evidence)
	e.str(string(x.Status))
	e.str(string(x.Rank))
	e.str(x.Note)
	if flags&pConfidence != 0 {
		e.float(x.Confidence)
	}
	e.str(x.RecordedBy)
	e.varint(int64(x.Version))
	e.time(x.StoredAt)
}

// splitMin is the fewest provisions a snapshot splits in two for
// decoding: below it one core is soon done.
const splitMin = 1 << 14

func (e *encoder) snapshot(s *Snapshot) {
	for i := range s.Entities {
		e.entity(&s.Entities[i])
	}
	for i := range s.Claims {
		e.claim(&s.Claims[i])
	}
	var split [5]int
	k := 0
	if len(s.Provisions) >= splitMin {
		k = len(s.Provisions) / 2
	}
	for i := range s.Provisions {
		if i == k && k > 0 {
			split = [5]int{k, len(e.buf), e.n.evidence, e.n.ids, e.n.amounts}
		}
		e.provision(&s.Provisions[i])
	}
	// The records' counts are lengths (0 for nil), the others counts.
	for _, n := range []int{e.lengthOf(len(s.Entities), s.Entities == nil), e.lengthOf(len(s.Claims), s.Claims == nil),
		e.lengthOf(len(s.Provisions), s.Provisions == nil), e.n.evidence, e.n.ids, e.n.aliases, e.n.amounts,
		split[0], split[1], split[2], split[3], split[4]} {
		e.counts = binary.AppendUvarint(e.counts, uint64(n))
	}
}

// tableSize is an upper bound of the table's encoded size.
func (e *encoder) tableSize() int {
	n := binary.MaxVarintLen64 * (len(e.strs) + 1)
	for _, s := range e.strs {
		n += len(s)
	}
	return n
}

func (e *encoder) appendTable(out []byte) []byte {
	out = binary.AppendUvarint(out, uint64(len(e.strs))+1) // a length: never nil
	for _, s := range e.strs {
		out = binary.AppendUvarint(out, uint64(len(s)))
	}
	for _, s := range e.strs {
		out = append(out, s...)
	}
	return out
}
