package kbsnap

import (
	"encoding/binary"
	"fmt"
	"math"
	"time"
	"unsafe"

	"treatyline/histdate"
	"treatyline/kb"
)

// decoder reads a body (see the layout in encode.go) from b at off. Its
// error is sticky: the first one stops it, and every read after returns a
// zero value, so that the record loops check once per record and nothing
// reads out of bounds.
type decoder struct {
	b    []byte
	off  int
	err  error
	strs []string
	what string // the record being read, for the error
	// shared is set when b is never changed or freed (a mapped file kept
	// for good): the strings are then cut from b without a copy.
	shared bool

	// The arrays the records' slices are windows on, and what is left.
	evidence []kb.Evidence
	ids      []string
	aliases  []kb.Alias
	amounts  []kb.Value
	zones    map[zone]*time.Location
}

type zone struct {
	name   string
	offset int
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		msg := fmt.Sprintf(format, args...)
		if d.what != "" {
			msg = d.what + ": " + msg
		}
		d.err = fmt.Errorf("offset %d: %s", d.off, msg)
	}
	// Nothing after is read: every read finds no bytes left.
	d.off = len(d.b)
}

// uvarint, str and byte take the common case (one byte) first and leave
// the rest, and the errors, to functions of their own. (They are still
// over the inliner's budget: a call to them costs a few nanoseconds a
// field.)
func (d *decoder) uvarint() uint64 {
	if o := d.off; o < len(d.b) && d.b[o] < 0x80 {
		d.off = o + 1
		return uint64(d.b[o])
	}
	return d.uvarintSlow()
}

func (d *decoder) uvarintSlow() uint64 {
	x, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.fail("truncated or malformed number")
		return 0
	}
	d.off += n
	return x
}

func (d *decoder) varint() int64 {
	x, n := binary.Varint(d.b[d.off:])
	if n <= 0 {
		d.fail("truncated or malformed number")
		return 0
	}
	d.off += n
	return x
}

func (d *decoder) int(field string) int {
	x := d.varint()
	if int64(int(x)) != x {
		d.fail("%s %d out of range", field, x)
		return 0
	}
	return int(x)
}

func (d *decoder) byte() byte {
	if o := d.off; o < len(d.b) {
		d.off = o + 1
		return d.b[o]
	}
	d.fail("truncated")
	return 0
}

func (d *decoder) str() string {
	if o := d.off; o < len(d.b) {
		if c := d.b[o]; c < 0x80 && int(c) < len(d.strs) {
			d.off = o + 1
			return d.strs[c]
		}
	}
	return d.strSlow()
}

func (d *decoder) strSlow() string {
	i := d.uvarint()
	if i >= uint64(len(d.strs)) {
		if d.err == nil {
			d.fail("string %d not in the table of %d", i, len(d.strs))
		}
		return ""
	}
	return d.strs[i]
}

// length reads a slice's or map's length plus one: ok is false for nil.
// Each element takes at least min bytes, so that a count larger than the
// bytes left is refused before anything is allocated for it.
func (d *decoder) length(min int) (n int, ok bool) {
	x := d.uvarint()
	if x == 0 {
		return 0, false
	}
	if x-1 > uint64(len(d.b)-d.off)/uint64(min) {
		d.fail("length %d is more than the bytes left", x-1)
		return 0, false
	}
	return int(x - 1), true
}

func (d *decoder) float() float64 {
	if len(d.b)-d.off < 8 {
		d.fail("truncated number")
		return 0
	}
	f := math.Float64frombits(binary.LittleEndian.Uint64(d.b[d.off:]))
	d.off += 8
	return f
}

func (d *decoder) time() time.Time {
	switch k := d.byte(); k {
	case timeZero:
		return time.Time{}
	case timeUTC, timeZone:
		sec := d.varint()
		nsec := d.uvarint()
		if nsec >= 1e9 {
			d.fail("time: %d nanoseconds", nsec)
			return time.Time{}
		}
		t := time.Unix(sec, int64(nsec))
		if k == timeUTC {
			return t.UTC()
		}
		z := zone{d.str(), d.int("time zone offset")}
		loc := d.zones[z]
		if loc == nil {
			if d.zones == nil {
				d.zones = map[zone]*time.Location{}
			}
			loc = time.FixedZone(z.name, z.offset)
			d.zones[z] = loc
		}
		return t.In(loc)
	default:
		d.fail("unknown kind of time %d", k)
		return time.Time{}
	}
}

func (d *decoder) value(v *kb.Value) {
	v.Type = kb.ValueType(d.str())
	v.Entity = d.str()
	v.Text = d.str()
	v.Calendar = histdate.Calendar(d.str())
	v.Lang = d.str()
	switch d.byte() {
	case 0:
	case 1:
		v.Bool = true
	default:
		d.fail("value: truth value not 0 or 1")
	}
}

// minEvidence and the others are the fewest bytes a record or an element
// takes, to check counts against the bytes left.
const (
	minEvidence  = 7
	minAlias     = 3
	minValue     = 6
	minLabel     = 2
	minQualifier = 1 + minValue
	minEntity    = 11
	minClaim     = 13 + minValue
	minProvision = 18
)

func (d *decoder) evidenceList() []kb.Evidence {
	n, ok := d.length(minEvidence)
	if !ok {
		return nil
	}
	if n > len(d.evidence) {
		d.fail("more evidence than the counts say")
		return nil
	}
	ev := d.evidence[:n:n]
	d.evidence = d.evidence[n:]
	for i := range ev {
		x := &ev[i]
		x.Source = d.str()
		x.SHA256 = d.str()
		x.Quote.Exact = d.str()
		x.Quote.Prefix = d.str()
		x.Quote.Suffix = d.str()
		x.Position.Start = d.int("evidence start")
		x.Position.End = d.int("evidence end")
	}
	return ev
}

func (d *decoder) idList() []string {
	n, ok := d.length(1)
	if !ok {
		return nil
	}
	if n > len(d.ids) {
		d.fail("more ids than the counts say")
		return nil
	}
	ids := d.ids[:n:n]
	d.ids = d.ids[n:]
	for i := range ids {
		ids[i] = d.str()
	}
	return ids
}

func (d *decoder) entity(x *kb.Entity) {
	x.ID = d.str()
	x.Kind = kb.Kind(d.str())
	if n, ok := d.length(minLabel); ok {
		x.Labels = make(map[string]string, n)
		for range n {
			k := d.str()
			x.Labels[k] = d.str()
		}
		if len(x.Labels) != n && d.err == nil {
			d.fail("labels: a language twice")
		}
	}
	if n, ok := d.length(minAlias); ok {
		if n > len(d.aliases) {
			d.fail("more aliases than the counts say")
			return
		}
		x.Aliases = d.aliases[:n:n]
		d.aliases = d.aliases[n:]
		for i := range x.Aliases {
			a := &x.Aliases[i]
			a.Text, a.Lang, a.Script = d.str(), d.str(), d.str()
		}
	}
	x.Description = d.str()
	x.Wikidata = d.str()
	flags := d.byte()
	if flags&^eAll != 0 || flags&(eGeometry|eApproximate) == eApproximate {
		d.fail("unknown entity flags %#x", flags)
		return
	}
	if flags&eGeometry != 0 {
		g := &kb.Geometry{Approximate: flags&eApproximate != 0}
		if n, ok := d.length(1); ok {
			g.GeoJSON = append(make([]byte, 0, n), d.b[d.off:d.off+n]...)
			d.off += n
		}
		g.Note = d.str()
		x.Geometry = g
	}
	x.Status = kb.Status(d.str())
	if flags&eConfidence != 0 {
		x.Confidence = d.float()
	}
	x.Evidence = d.evidenceList()
	x.Note = d.str()
	x.MergedInto = d.str()
}

func (d *decoder) claim(x *kb.Claim) {
	x.ID = d.str()
	x.Subject = d.str()
	x.Property = d.str()
	d.value(&x.Value)
	if n, ok := d.length(minQualifier); ok {
		x.Qualifiers = make(map[string]kb.Value, n)
		for range n {
			k := d.str()
			var v kb.Value
			d.value(&v)
			x.Qualifiers[k] = v
		}
		if len(x.Qualifiers) != n && d.err == nil {
			d.fail("qualifiers: a qualifier twice")
		}
	}
	x.Evidence = d.evidenceList()
	x.Status = kb.Status(d.str())
	x.Rank = kb.Rank(d.str())
	x.Note = d.str()
	flags := d.byte()
	if flags&^cAll != 0 {
		d.fail("unknown claim flags %#x", flags)
		return
	}
	if flags&cConfidence != 0 {
		x.Confidence = d.float()
	}
	x.Decided = flags&cDecided != 0
	x.RecordedAt = d.time()
	x.RecordedBy = d.str()
	x.Version = d.int("version")
	x.StoredAt = d.time()
}

func (d *decoder) provision(x *kb.Provision) {
	x.ID = d.str()
	x.Treaty = d.str()
	x.Type = d.str()
	x.Article = d.str()
	x.Grantors = d.idList()
	x.Grantees = d.idList()
	x.Objects = d.idList()
	x.Excludes = d.idList()
	x.Limits = d.str()
	flags := d.byte()
	if flags&^pAll != 0 {
		d.fail("unknown provision flags %#x", flags)
		return
	}
	if flags&pAmount != 0 {
		if len(d.amounts) == 0 {
			d.fail("more amounts than the counts say")
			return
		}
		x.Amount = &d.amounts[0]
		d.amounts = d.amounts[1:]
		d.value(x.Amount)
	}
	x.Exclusive = flags&pExclusive != 0
	x.Decided = flags&pDecided != 0
	x.Evidence = d.evidenceList()
	x.Status = kb.Status(d.str())
	x.Rank = kb.Rank(d.str())
	x.Note = d.str()
	if flags&pConfidence != 0 {
		x.Confidence = d.float()
	}
	x.RecordedBy = d.str()
	x.Version = d.int("version")
	x.StoredAt = d.time()
}

// table reads the string table into one string, of which every entry is
// a part: one allocation, and records that name the same id share it.
func (d *decoder) table() {
	d.what = "string table"
	n, ok := d.length(1)
	if !ok {
		d.fail("no string table")
		return
	}
	// The lengths are read twice, to check them and then to cut the
	// strings, rather than kept in an array of their own.
	lensAt, total := d.off, 0
	for i := range n {
		l := d.uvarint()
		// The strings follow the last length: all of them must fit in
		// what is left after this one.
		if rest := len(d.b) - d.off; l > uint64(rest) || total+int(l) > rest {
			d.fail("string %d of %d bytes: the strings are longer than the file", i, l)
			return
		}
		total += int(l)
	}
	if d.err != nil {
		return
	}
	var all string
	if d.shared && total > 0 {
		// The bytes are a read-only mapping kept for the life of the
		// process: the strings are views on it, not copies.
		all = unsafe.String(&d.b[d.off], total)
	} else {
		all = string(d.b[d.off : d.off+total])
	}
	blobAt := d.off
	d.off = lensAt
	d.strs = make([]string, n)
	at := 0
	for i := range d.strs {
		l := int(d.uvarint())
		d.strs[i] = all[at : at+l]
		at += l
	}
	d.off = blobAt + total
}

// count reads one of the counts, each element taking at least min bytes.
func (d *decoder) count(what string, min int) int {
	d.what = "counts"
	x := d.uvarint()
	if x > uint64(len(d.b)-d.off)/uint64(min) {
		d.fail("%d %s is more than the bytes left hold", x, what)
		return 0
	}
	return int(x)
}

func (d *decoder) snapshot(s *Snapshot) error {
	d.table()
	d.what = "counts"
	nEnt, entOK := d.length(minEntity)
	nClaim, claimOK := d.length(minClaim)
	nProv, provOK := d.length(minProvision)
	nEvidence := d.count("pieces of evidence", minEvidence)
	nIDs := d.count("ids", 1)
	nAliases := d.count("aliases", minAlias)
	nAmounts := d.count("amounts", minValue)
	k := d.count("provisions before the split", 1)
	splitOff := d.count("bytes before the split", 1)
	splitEv, splitIDs, splitAm := d.count("evidence before the split", 1), d.count("ids before the split", 1), d.count("amounts before the split", 1)
	if d.err != nil {
		return d.err
	}
	records := d.off
	if k > 0 && (k >= nProv || splitOff > len(d.b)-records || splitEv > nEvidence || splitIDs > nIDs || splitAm > nAmounts) {
		d.fail("split at provision %d (of %d), byte %d, evidence %d, id %d, amount %d: past the records", k, nProv, splitOff, splitEv, splitIDs, splitAm)
		return d.err
	}
	// Every large array is allocated before any is filled: a collection
	// that an allocation sets off then finds them empty, rather than
	// following the pointers of those already filled (some fifteen
	// million at a million provisions). Filling them allocates little
	// more: the entities' labels and the claims' qualifiers.
	d.evidence = make([]kb.Evidence, nEvidence)
	d.ids = make([]string, nIDs)
	d.aliases = make([]kb.Alias, nAliases)
	d.amounts = make([]kb.Value, nAmounts)
	if entOK {
		s.Entities = make([]kb.Entity, nEnt)
	}
	if claimOK {
		s.Claims = make([]kb.Claim, nClaim)
	}
	if provOK {
		s.Provisions = make([]kb.Provision, nProv)
	}
	// Asked for huge pages while nothing is written in them (huge.go).
	hugePages(d.evidence)
	hugePages(d.ids)
	hugePages(d.aliases)
	hugePages(d.amounts)
	hugePages(s.Entities)
	hugePages(s.Claims)
	hugePages(s.Provisions)
	// The provisions after the split are read on another core, from their
	// own place in the records and in the arrays; this decoder stops at
	// the split.
	var second decoder
	done := make(chan error, 1)
	if k > 0 {
		second = decoder{b: d.b, off: records + splitOff, strs: d.strs, evidence: d.evidence[splitEv:], ids: d.ids[splitIDs:],
			amounts: d.amounts[splitAm:]}
		d.b = d.b[:records+splitOff]
		d.evidence, d.ids, d.amounts = d.evidence[:splitEv], d.ids[:splitIDs], d.amounts[:splitAm]
		go func() {
			for i := k; i < len(s.Provisions); i++ {
				second.provision(&s.Provisions[i])
				if second.err != nil {
					done <- fmt.Errorf("provision %d (%q): %w", i, s.Provisions[i].ID, second.err)
					return
				}
			}
			second.what = "end"
			if second.off != len(second.b) {
				second.fail("%d bytes after the last record", len(second.b)-second.off)
			} else if len(second.evidence)+len(second.ids)+len(second.amounts) != 0 {
				second.fail("the counts say more evidence, ids or amounts than the records hold")
			}
			done <- second.err
		}()
	} else {
		done <- nil
	}
	if err := d.records(s, k); err != nil {
		<-done
		return err
	}
	return <-done
}

// records reads the entities, the claims and the provisions before k (all
// when k is 0), to the end of d.b.
func (d *decoder) records(s *Snapshot, k int) error {
	last := len(s.Provisions)
	if k > 0 {
		last = k
	}
	// The records' errors are wrapped with the record's number and id
	// after the fact, to keep the loops free of formatting.
	d.what = ""
	for i := range s.Entities {
		d.entity(&s.Entities[i])
		if d.err != nil {
			return fmt.Errorf("entity %d (%q): %w", i, s.Entities[i].ID, d.err)
		}
	}
	for i := range s.Claims {
		d.claim(&s.Claims[i])
		if d.err != nil {
			return fmt.Errorf("claim %d (%q): %w", i, s.Claims[i].ID, d.err)
		}
	}
	for i := range s.Provisions[:last] {
		d.provision(&s.Provisions[i])
		if d.err != nil {
			return fmt.Errorf("provision %d (%q): %w", i, s.Provisions[i].ID, d.err)
		}
	}
	d.what = "end"
	switch {
	case d.off != len(d.b):
		d.fail("%d bytes after the last record", len(d.b)-d.off)
	case len(d.evidence)+len(d.ids)+len(d.aliases)+len(d.amounts) != 0:
		d.fail("the counts say more evidence, ids, aliases or amounts than the records hold")
	}
	return d.err
}
