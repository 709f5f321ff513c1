package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"treatyline/histdate"
	"treatyline/kb"
	"treatyline/lang"
	"treatyline/quantity"
)

// Relations are read sentence by sentence, from cue words of each
// language and the mentions around them: a treaty named in the sentence
// (or the treaty the passage is about), a date, an amount, the polities,
// people and places named. The cue lists are words of the languages, not
// phrases of any document.
var relationCues = func() map[string][]string {
	m := map[string][]string{}
	seen := map[string]map[string]bool{}
	for _, l := range lang.All() {
		for rel, ws := range l.Relations.Cues {
			if seen[rel] == nil {
				seen[rel] = map[string]bool{}
			}
			for _, w := range ws {
				if !seen[rel][w] {
					seen[rel][w] = true
					m[rel] = append(m[rel], w)
				}
			}
		}
	}
	return m
}()

// passiveMarks after a relation cue make the treaty after them the later
// one: "superseded by the Treaty of X", "confirmed in the Convention of Y".
var passiveMarks = relationWordSet(func(r *lang.RelationWords) []string { return r.Passive })

// objectMarks before a treaty's name make it the object of the sentence,
// not the treaty the passage is about: "reversed the Treaty of
// Nerchinsk", "as a result of the Treaty of X".
var objectMarks = relationWordSet(func(r *lang.RelationWords) []string { return r.Object })

// Candidate is a proposed claim or provision with a confidence from 0 to
// 1 and the reason it was proposed.
type Candidate struct {
	Claim      *kb.Claim     `json:"claim,omitempty"`
	Provision  *kb.Provision `json:"provision,omitempty"`
	Confidence float64       `json:"confidence"`
	Why        string        `json:"why"`
}

// Batch is what a document adds to a knowledge base: the source and the
// candidate claims and provisions found in it, to store in one
// transaction.
func (r Result) Batch(src kb.Source) kb.Batch {
	b := kb.Batch{Sources: []kb.Source{src}}
	for i := range r.NewEntities {
		b.Entities = append(b.Entities, r.NewEntities[i].Entity())
	}
	for _, c := range r.Candidates {
		if c.Claim != nil {
			cl := *c.Claim
			if cl.Confidence == 0 {
				cl.Confidence = c.Confidence
			}
			b.Claims = append(b.Claims, cl)
		}
		if c.Provision != nil {
			p := *c.Provision
			if p.Confidence == 0 {
				p.Confidence = c.Confidence
			}
			b.Provisions = append(b.Provisions, p)
		}
	}
	return b
}

// DateReading is a date found in a document, with the calendar proposed
// for it and why.
type DateReading struct {
	// The mention as Find gave it, shared (a date mention is some 240
	// bytes, and a long text has one every few dozen).
	*histdate.Mention
	Why string `json:"why,omitempty"`
}

// Result is what Extract finds in one document.
type Result struct {
	Source     string             `json:"source"`
	Lang       string             `json:"language"`
	Sentences  [][2]int           `json:"sentences"`
	Dates      []DateReading      `json:"dates"`
	Quantities []quantity.Mention `json:"quantities"`
	Entities   []EntityMention    `json:"entities"`
	Candidates []Candidate        `json:"candidates"`
	// NewEntities are the candidate entities the document names: those
	// it discovered, and earlier ones it names again.
	NewEntities []EntityCandidate `json:"new_entities"`
	// Merges are likely duplicates among the candidate entities, offered
	// for merging.
	Merges []MergeSuggestion `json:"merges,omitempty"`

	docCandidates []string
	// counted are what the parts of a long document let go held (see
	// Count), and newSeen the candidate entities among them.
	counted Counts
	newSeen map[string]bool
}

// Extractor proposes candidate claims from documents, each read in the
// light of the signing dates known elsewhere: the same signing written 12
// days earlier than elsewhere is proposed as Old Style. What is known is
// the claims it was given (the store's, not rejected) and what the
// documents read together propose, which Preview gathers before any is
// extracted: so what a document proposes does not depend on the order in
// which the documents are read, and reading the same documents again, in
// any order, proposes the same candidates with the same reasons.
type Extractor struct {
	gaz      *Gazetteer
	entities map[string]kb.Entity
	reg      *registry
	seeds    []kb.Entity // the entities reg was seeded with
	learned  []string    // the ids of the entities learned since (Learn), in order
	// seedKeys are the keys of the seeds' names, derived once for the
	// registry every Preview seeds afresh.
	seedKeys *seedMemo
	// seeded, for a Previewer, is a registry seeded with the seeds once:
	// each of its previews reads with a copy of it.
	seeded *registry
	known  knownDates // base and previewed, in a canonical order
	base   []baseDate // the signings given to NewExtractor, read once
	// previewed are the dated claims Preview found, by source; settled
	// says known has been built from them.
	previewed map[string]previewedDates
	settled   bool
	// strs holds the strings of the known dates.
	strs strTable
	// previewing gathers the signings a preview finds (nil when not
	// previewing).
	previewing *[]foundDate
	// adjStems are the polities' names their adjectives begin with, made
	// for adjCount names of proposed polities; normals caches words'
	// normal forms.
	adjStems map[string][]adjStem
	adjCount int
	normals  map[string]string
	// stems are the polities' names' stems party looks for (polityStems);
	// stemsMade is false when entities has changed since.
	stems     []polityStem
	stemsMade bool
	toks      []dtok       // discovery's buffer of words
	lowerBuf  []byte       // and of their lower case
	found     []discovered // and of the names it finds
	roles     []uint16     // and of their roles
	// runeBuf and sentBuf hold a document's characters and sentences
	// while it is read, reused from one document to the next.
	runeBuf []rune
	sentBuf []sentence
	// Recorder names who records the candidates.
	Recorder string
}

// knownDate is a dated claim the extractor knows, as the readers look it
// up and cite it: its event, the source of its first evidence (in the
// extractor's table of strings) and the figures of its date's first
// day, read once. It keeps no more, so that the tens of thousands of dates
// a chronology proposes cost little to remember.
type knownDate struct {
	subject, property, source name
	year                      int32
	month, day                uint8 // 0 when coarser
	isDay                     bool  // the date is one day
}

// asDate gives a known day as a date to compare with another.
func (k *knownDate) asDate() histdate.Date {
	return histdate.Date{From: histdate.Point{Precision: histdate.Day, Year: int(k.year), Month: int(k.month), Day: int(k.day)}}
}

// name is a string in a strTable.
type name int32

// strTable keeps each string of a set once, named by a small number.
type strTable struct {
	index map[string]name
	all   []string
}

// of gives the name of a string, adding it to the table.
func (t *strTable) of(s string) name {
	if n, ok := t.index[s]; ok {
		return n
	}
	if t.index == nil {
		t.index = map[string]name{}
	}
	n := name(len(t.all))
	t.all = append(t.all, s)
	t.index[s] = n
	return n
}

// find gives the name of a string, if the table has it.
func (t *strTable) find(s string) (name, bool) {
	n, ok := t.index[s]
	return n, ok
}

// str gives the string a name stands for.
func (t *strTable) str(n name) string { return t.all[n] }

// datedClaim is a dated claim read for knownDates.add, with what tells
// its date apart: its event, calendar and text, hashed.
type datedClaim struct {
	key uint64
	k   knownDate
}

// foundDate is a signing a preview found, with its claim's id.
type foundDate struct {
	c  *datedClaim
	id string
}

// baseDate is a signing given to NewExtractor, read once: its date, its
// id and whether it is a candidate (no reviewer has decided it).
type baseDate struct {
	dated     datedClaim
	id        string
	candidate bool
}

// previewedDates are the dated claims Preview found in a source, with
// their ids for settle's canonical order; once in that order, the ids are
// let go (nil), unless a claim of the store may have to be ordered among
// them (see Preview).
type previewedDates struct {
	dates []datedClaim
	ids   []string
}

// readDated reads a dated claim for knownDates; false when its value does
// not read as a date.
func (x *Extractor) readDated(c kb.Claim) (datedClaim, bool) {
	d, err := c.Value.Date()
	if err != nil {
		return datedClaim{}, false
	}
	h := fnv.New64a()
	for _, s := range []string{c.Subject, c.Property, string(c.Value.Calendar), c.Value.Text} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	source := ""
	if len(c.Evidence) > 0 {
		source = c.Evidence[0].Source
	}
	k := knownDate{subject: x.strs.of(c.Subject), property: x.strs.of(c.Property), source: x.strs.of(source),
		year: int32(d.From.Year), month: uint8(d.From.Month), day: uint8(d.From.Day), isDay: d.IsDay()}
	return datedClaim{key: h.Sum64(), k: k}, true
}

// knownDates are the dated claims an extractor has been given or has
// proposed, each once, indexed by what the readers look them up by: the
// event (subject and property), and the day and month. The dates are
// those of the datedClaims added, not copies.
type knownDates struct {
	all     []*knownDate
	seen    map[uint64]struct{} // the keys of datedClaim
	events  map[[2]name]int32
	byEvent [][]int32
	byDay   map[[2]int32][]int32
	// byDual indexes the dates of a day by event and by the day their
	// figures name read as Gregorian: an Old Style reading of figures F
	// looks up the event at the day F names read as Julian. It holds the
	// first date of each, and nextDual the date after each (-1 for none):
	// most events are dated once on a day, and a list each would cost
	// more than the date.
	byDual   map[dualKey]int32
	nextDual []int32
}

// dualKey is an event (its index in knownDates.byEvent) and a day (Julian
// day number), in one word.
type dualKey uint64

func dualOf(event int32, jdn histdate.JDN) dualKey {
	return dualKey(uint64(uint32(event))<<32 | uint64(uint32(int32(jdn))))
}

// has reports whether the same event with the same value is known.
func (k *knownDates) has(c *datedClaim) bool {
	_, ok := k.seen[c.key]
	return ok
}

// add records a dated claim, unless the same event with the same value is
// known already. The claim is kept (not copied): it must not change after.
func (k *knownDates) add(c *datedClaim) {
	if k.has(c) {
		return
	}
	if k.seen == nil {
		k.seen, k.events, k.byDay, k.byDual = map[uint64]struct{}{}, map[[2]name]int32{}, map[[2]int32][]int32{}, map[dualKey]int32{}
	}
	k.seen[c.key] = struct{}{}
	i := int32(len(k.all))
	d := &c.k
	k.all = append(k.all, d)
	k.nextDual = append(k.nextDual, -1)
	ev, ok := k.events[[2]name{d.subject, d.property}]
	if !ok {
		ev = int32(len(k.byEvent))
		k.events[[2]name{d.subject, d.property}] = ev
		k.byEvent = append(k.byEvent, nil)
	}
	k.byEvent[ev] = append(k.byEvent[ev], i)
	if d.day != 0 {
		day := [2]int32{int32(d.month), int32(d.day)}
		k.byDay[day] = append(k.byDay[day], i)
	}
	if d.isDay {
		dk := dualOf(ev, histdate.ToJDN(histdate.Gregorian, int(d.year), int(d.month), int(d.day)))
		if first, ok := k.byDual[dk]; !ok {
			k.byDual[dk] = i
		} else {
			last := first
			for k.nextDual[last] >= 0 {
				last = k.nextDual[last]
			}
			k.nextDual[last] = i
		}
	}
}

// knownDual lists the known dates of an event whose figures, read as
// Gregorian, name the day jdn: the extractor's, then the document's own.
func (d *docReader) knownDual(subject, property string, jdn histdate.JDN) []*knownDate {
	var out []*knownDate
	event, ok := d.x.eventOf(subject, property)
	if !ok {
		return nil // no date of the event is known
	}
	for _, k := range []*knownDates{&d.x.known, &d.local} {
		ev, ok := k.events[event]
		if !ok {
			continue
		}
		i, ok := k.byDual[dualOf(ev, jdn)]
		for ok && i >= 0 {
			out = append(out, k.all[i])
			i = k.nextDual[i]
		}
	}
	return out
}

// event lists the known dates of one event, in the order they were added.
func (x *Extractor) event(subject, property string) []int32 {
	if event, ok := x.eventOf(subject, property); ok {
		if ev, ok := x.known.events[event]; ok {
			return x.known.byEvent[ev]
		}
	}
	return nil
}

// eventOf names an event by its subject and property in the table of
// strings; false when either is not there (no date of it is known).
func (x *Extractor) eventOf(subject, property string) ([2]name, bool) {
	s, ok1 := x.strs.find(subject)
	p, ok2 := x.strs.find(property)
	return [2]name{s, p}, ok1 && ok2
}

// knownDay lists the known dates on a day of a month, the extractor's
// first.
func (d *docReader) knownDay(month, day int) []*knownDate {
	var out []*knownDate
	for _, k := range []*knownDates{&d.x.known, &d.local} {
		for _, i := range k.byDay[[2]int32{int32(month), int32(day)}] {
			out = append(out, k.all[i])
		}
	}
	return out
}

// NewExtractor makes an extractor over the entities of a knowledge base
// and the claims already known, of which it takes the signings that are
// not rejected.
func NewExtractor(entities []kb.Entity, known []kb.Claim) *Extractor {
	// A rejected entity is no entity: its names are not looked for. A
	// candidate's are found by the registry, as they were when it was
	// proposed, so that reading a document again reads it the same way.
	live := make([]kb.Entity, 0, len(entities))
	var curated []kb.Entity
	for _, e := range entities {
		if e.Status != kb.Rejected {
			live = append(live, e)
		}
		if e.Status != kb.Rejected && e.Status != kb.Candidate {
			curated = append(curated, e)
		}
	}
	x := &Extractor{gaz: NewGazetteer(curated), entities: map[string]kb.Entity{}, reg: newRegistry(), Recorder: "treatyline ingest",
		previewed: map[string]previewedDates{}}
	for _, e := range live {
		x.entities[e.ID] = e
	}
	x.seedKeys = &seedMemo{known: map[seedName]seedKeys{}}
	x.reg.seed(entities, x.seedKeys)
	x.seeds = entities
	for _, c := range known {
		if !knowable(c) {
			continue
		}
		if dc, ok := x.readDated(c); ok {
			x.base = append(x.base, baseDate{dated: dc, id: c.ID, candidate: c.Status == kb.Candidate})
		}
	}
	x.settle()
	return x
}

// knowable reports whether a claim is a dated signing an extractor reads
// other documents in the light of.
func knowable(c kb.Claim) bool {
	return c.Status != kb.Rejected && c.Value.Type == kb.TDate && c.Property == "signed"
}

// Preview reads a document for the signing dates it proposes, so that
// documents read together inform each other whatever their order: call it
// for each of them before extracting any. A stored candidate of a
// previewed source gives way to what the preview finds (the document is
// being read again). Previewing a source again replaces what its earlier
// preview found.
func (x *Extractor) Preview(src kb.Source) { x.keepPreview(src.ID, x.preview(src)) }

// leanPreview: a preview reads no amounts and runs the rules of dated
// claims alone (see rule); a test turns it off to compare.
var leanPreview = true

// lean tells that the extractor is previewing, and reads only what a
// preview needs (leanPreview).
func (x *Extractor) lean() bool { return x.previewing != nil && leanPreview }

// preview reads a document for the signings it proposes (see Preview) and
// gives them, ordered by their claims' ids.
func (x *Extractor) preview(src kb.Source) []foundDate {
	// A preview reads in the light of the decided claims alone, so that
	// what it finds does not depend on earlier runs' candidates; and it
	// leaves the registry of discovered entities as it was (a fresh one
	// serves it), so that it discovers nothing for the real reading.
	// The adjectives' stems are made for the registry's polities: the
	// fresh registry's are made afresh, and the real ones kept.
	reg, stems, n := x.reg, x.adjStems, x.adjCount
	x.reg, x.adjStems, x.adjCount = x.seededRegistry(), nil, 0
	defer func() { x.reg, x.adjStems, x.adjCount = reg, stems, n }()
	known := x.known
	x.known = knownDates{}
	for i := range x.base {
		if !x.base[i].candidate {
			x.known.add(&x.base[i].dated)
		}
	}
	// The document's dates are known as they are proposed (dated), after
	// the decided ones, and its signings gathered.
	var found []foundDate
	x.previewing = &found
	_ = x.parts(src, func(Result) error { return nil })
	x.previewing = nil
	x.known = known
	slices.SortStableFunc(found, func(a, b foundDate) int { return strings.Compare(a.id, b.id) })
	return found
}

// seededRegistry gives a registry seeded with the seeds alone, for a
// preview: a copy of the Previewer's, whose seeds do not change while it
// lives, or else seeded afresh.
func (x *Extractor) seededRegistry() *registry {
	if x.seeded != nil {
		return x.seeded.clone()
	}
	g := newRegistry()
	g.seed(x.seeds, x.seedKeys)
	return g
}

// keepPreview keeps the signings a preview of a source found, in order.
// settle orders what is known by source, then by id. Unless a claim of the
// store also cites this source first, the ids are needed for no more than
// ordering the preview's own dates: ordered now, they are let go (a
// chronology proposes tens of thousands).
func (x *Extractor) keepPreview(source string, found []foundDate) {
	kept := previewedDates{dates: make([]datedClaim, len(found))}
	for i, f := range found {
		kept.dates[i] = *f.c
	}
	if slices.ContainsFunc(x.base, func(b baseDate) bool { return x.strs.str(b.dated.k.source) == source }) {
		kept.ids = make([]string, len(found))
		for i, f := range found {
			kept.ids[i] = f.id
		}
	}
	x.previewed[source] = kept
	x.settled = false
}

// A Previewer previews documents for an extractor in a goroutine of its
// own, so that the documents of a run can be previewed on several cores
// at once: each preview reads in the light of the decided claims alone,
// in a registry of its own, and needs nothing of the others. It shares
// the extractor's tables, which previewing only reads, and has its own of
// everything a reading changes (its names, caches and buffers).
type Previewer struct {
	x      *Extractor
	shared int // the names below are the extractor's too
}

// Previewer gives a previewer over the extractor as it is. Several may
// preview at once, each in one goroutine; meanwhile the extractor may
// keep their previews (KeepPreview) but must not read, preview or learn.
func (x *Extractor) Previewer() *Previewer {
	w := *x
	w.strs = strTable{index: maps.Clone(x.strs.index), all: slices.Clip(x.strs.all)}
	w.seedKeys = &seedMemo{known: x.seedKeys.known, shared: true}
	w.previewed, w.previewing = nil, nil
	w.normals = nil
	w.stems, w.stemsMade = nil, false
	w.toks, w.lowerBuf, w.found, w.roles = nil, nil, nil, nil
	w.runeBuf, w.sentBuf = nil, nil
	w.seeded = newRegistry()
	w.seeded.seed(w.seeds, w.seedKeys)
	return &Previewer{x: &w, shared: len(x.strs.all)}
}

// Previewed is what a Previewer found in a document, for the extractor to
// keep (KeepPreview): the signings, and the strings of the names they
// have that the extractor's table had not when the previewer was made.
type Previewed struct {
	source string
	found  []foundDate
	shared int
	names  map[name]string
}

// Preview reads a document as Extractor.Preview does, and gives what it
// found.
func (p *Previewer) Preview(src kb.Source) Previewed {
	pv := Previewed{source: src.ID, found: p.x.preview(src), shared: p.shared}
	for _, f := range pv.found {
		for _, n := range [...]name{f.c.k.subject, f.c.k.property, f.c.k.source} {
			if int(n) >= p.shared {
				if pv.names == nil {
					pv.names = map[name]string{}
				}
				pv.names[n] = p.x.strs.str(n)
			}
		}
	}
	return pv
}

// KeepPreview keeps what a Previewer found, as Preview keeps what it
// finds: previews kept in the order their documents would have been
// previewed in leave the extractor as previewing them in turn does. Call
// it in the extractor's goroutine.
func (x *Extractor) KeepPreview(pv Previewed) {
	own := func(n name) name {
		if int(n) < pv.shared {
			return n
		}
		return x.strs.of(pv.names[n])
	}
	for _, f := range pv.found {
		f.c.k.subject, f.c.k.property, f.c.k.source = own(f.c.k.subject), own(f.c.k.property), own(f.c.k.source)
	}
	x.keepPreview(pv.source, pv.found)
}

// settle builds what is known from the base claims and the previews, in a
// canonical order (by the source of the first evidence, then by id), so
// that which claim an Old Style reason cites does not depend on the order
// the documents were read in.
func (x *Extractor) settle() {
	type entry struct {
		c  *datedClaim
		id string // "" for a preview's, in order already
	}
	var all []entry
	for i := range x.base {
		b := &x.base[i]
		if b.candidate {
			if _, again := x.previewed[x.strs.str(b.dated.k.source)]; again {
				continue
			}
		}
		all = append(all, entry{&b.dated, b.id})
	}
	for _, p := range x.previewed {
		for i := range p.dates {
			e := entry{c: &p.dates[i]}
			if p.ids != nil {
				e.id = p.ids[i]
			}
			all = append(all, e)
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := x.strs.str(all[i].c.k.source), x.strs.str(all[j].c.k.source)
		if a != b {
			return a < b
		}
		return all[i].id < all[j].id
	})
	x.known = knownDates{}
	for _, e := range all {
		x.known.add(e.c)
	}
	x.settled = true
}

// sentence is one sentence of a document with the mentions inside it.
type sentence struct {
	start, end int
	lower      string
	words      []string
	wordAt     []int           // where each word starts in lower
	hasWord    map[string]bool // the words, for a long sentence (see has)
	han        bool            // the sentence has Han or kana
	cues       []string        // its words that are cues (see cueWords)
	heads      []string        // and that begin phrases of cues
	lists      listSet         // the kept lists it may have a cue of (see cueWords)
	treatyWord bool            // it has a word of treatyWords (see cueWords)
	dates      []int           // indexes into Result.Dates
	quantities []int
	entities   []int
}

// Extract reads a registered source and proposes candidate claims, each
// with evidence in the source, in the light of what the extractor knows
// (see Preview).
func (x *Extractor) Extract(src kb.Source) Result {
	r, _ := x.Gather(src, true, nil)
	return r
}

// extract reads a document, or a part of one: w says where the part lies
// in its document, c what the parts before passed on (nil for a whole
// document).
func (x *Extractor) extract(src kb.Source, w excerpt, c *carried) Result {
	text := src.Text
	lang := src.Language
	if lang == "" {
		lang = DetectLanguage(text)
	}
	runes := appendRunes(x.runeBuf[:0], text)
	defer func() { x.runeBuf = runes[:0] }()
	r := Result{Source: src.ID, Lang: lang, Sentences: sentencesOf(runes, lang), Dates: []DateReading{}, Quantities: []quantity.Mention{}, Candidates: []Candidate{}}
	var ms []histdate.Mention
	if c != nil {
		ms = c.dates.Find(text, histdate.Options{Lang: lang})
	} else {
		ms = histdate.Find(text, histdate.Options{Lang: lang})
	}
	r.Dates = make([]DateReading, 0, len(ms))
	for i := range ms {
		// Claims rest on dates the text writes; relative dates, durations
		// and references to the time of writing are not offered as the
		// date of anything.
		if ms[i].Kind != histdate.KindDate {
			continue
		}
		r.Dates = append(r.Dates, DateReading{Mention: &ms[i]})
	}
	if !x.lean() {
		// Amounts are read by rules a preview does not run (see rule).
		r.Quantities = append(r.Quantities, quantity.Find(text, quantity.Options{Lang: lang})...)
	}
	r.Entities = x.gaz.FindLang(text, lang)
	if r.Entities == nil {
		r.Entities = []EntityMention{}
	}
	w.runes = runes
	x.discoverEntities(src, &w, &r)
	sents := slices.Grow(x.sentBuf[:0], len(r.Sentences))[:len(r.Sentences)]
	defer func() {
		clear(sents) // not to keep the text alive
		x.sentBuf = sents[:0]
	}()
	for i, sp := range r.Sentences {
		sents[i] = sentence{start: sp[0], end: sp[1]}
	}
	place := func(start int) int {
		k := sort.Search(len(sents), func(i int) bool { return sents[i].end > start })
		if k < len(sents) && sents[k].start <= start {
			return k
		}
		return -1
	}
	for i, d := range r.Dates {
		if k := place(d.Start); k >= 0 {
			sents[k].dates = append(sents[k].dates, i)
		}
	}
	for i, q := range r.Quantities {
		if k := place(q.Start); k >= 0 {
			sents[k].quantities = append(sents[k].quantities, i)
		}
	}
	for i, e := range r.Entities {
		if k := place(e.Start); k >= 0 {
			sents[k].entities = append(sents[k].entities, i)
		}
	}
	d := docReader{x: x, src: src, r: &r, runes: runes, win: &w, sents: sents}
	if c != nil {
		d.take(c)
	} else {
		d.main = mainTreaty(r.Entities, nil, "")
	}
	d.lower, d.lowerAt = lowerSpans(runes, sents)
	for i := range sents {
		d.sentence(i)
	}
	var reason string
	if x.previewing == nil {
		// Other readings are qualifiers of what is proposed; a preview
		// keeps only the signings' dates, which they do not change.
		reason = d.styleReadings(c)
	}
	x.finishEntities(&r)
	if c != nil {
		d.pass(c, reason)
		r.shift(w.base)
	}
	return r
}

// mainTreaty is the treaty a document names most often: what "the treaty"
// means when nothing nearer says. n counts the mentions of each treaty
// and best is the most named before ents (for the parts of a long
// document, those of the parts before; nil and "" for a whole document).
func mainTreaty(ents []EntityMention, n map[string]int, best string) string {
	if n == nil {
		n = map[string]int{}
	}
	for _, e := range ents {
		if e.Kind != kb.KindTreaty {
			continue
		}
		n[e.Entity]++
		if best == "" || n[e.Entity] > n[best] {
			best = e.Entity
		}
	}
	return best
}

// docReader walks one document's sentences, keeping track of the treaty
// and the person the passage is about.
type docReader struct {
	x          *Extractor
	src        kb.Source
	r          *Result
	runes      []rune
	win        *excerpt // where runes lie in the document
	sents      []sentence
	main       string
	topic      string // the treaty the passage is about
	topicAt    int    // the sentence it was last named in
	lastPerson string
	local      knownDates      // the dates this document has proposed
	proposed   map[string]bool // the ids of the claims proposed
	// recent are the polities named in the last sentences, latest last.
	recent []string
	// lower is the text in lower case, rune for rune (strings.ToLower);
	// lowerAt holds where each sentence starts and ends in it.
	lower   string
	lowerAt []int
	// words and wordAt are the buffers of the sentence being read.
	words  []string
	wordAt []int
	// kinds and ctx are the sentence's mentions by kind and what the
	// rules read of it (byKind, sentence), reused from one sentence to
	// the next.
	kinds []EntityMention
	ctx   sentCtx
}

// lowerSpans lower-cases the text once, as strings.ToLower does each
// sentence's (rune by rune, so that code points keep their places), and
// gives where each sentence's start and end fall in it.
func lowerSpans(runes []rune, sents []sentence) (string, []int) {
	// A builder's string is its bytes, not a copy of them.
	var b strings.Builder
	b.Grow(len(runes) + len(runes)/8)
	at := make([]int, 2*len(sents))
	// Sentences come in order and do not overlap: each mark is where the
	// lower-cased text has got to when the walk reaches it; a mark out of
	// order is counted from the top.
	k := 0 // the code point written up to
	for n := range at {
		want := sents[n/2].start
		if n%2 == 1 {
			want = sents[n/2].end
		}
		if want < k {
			off := 0
			for _, r := range runes[:want] {
				off += utf8.RuneLen(unicode.ToLower(r))
			}
			at[n] = off
			continue
		}
		writeLower(&b, runes[k:want])
		k = want
		at[n] = b.Len()
	}
	writeLower(&b, runes[k:])
	return b.String(), at
}

// writeLower writes the code points rs lower-cased one by one, as
// strings.ToLower does them.
func writeLower(b *strings.Builder, rs []rune) {
	for _, r := range rs {
		switch {
		case 'A' <= r && r <= 'Z':
			b.WriteByte(byte(r) + 'a' - 'A')
		case r < utf8.RuneSelf:
			b.WriteByte(byte(r))
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
}

func (d *docReader) text(start, end int) string { return string(d.runes[start:end]) }

// wordBefore gives the lower-case word just before code point i, passing
// over articles ("reversed the Treaty of …" gives "reversed").
func (d *docReader) wordBefore(i int) string {
	notLetter := func(r rune) bool { return !unicode.IsLetter(r) }
	for {
		w, k := d.wordEnding(i, notLetter)
		if !articles[w] || k == 0 {
			return w
		}
		i = k
	}
}

// firstWord tells whether the word before code point i (past articles)
// is the first word of the sentence.
func (d *docReader) firstWord(s *sentence, i int) bool {
	notLetter := func(r rune) bool { return !unicode.IsLetter(r) }
	for {
		w, k := d.wordEnding(i, notLetter)
		if w == "" {
			return false
		}
		if k < s.start {
			// The word is the last sentence's: nothing but articles and
			// gaps stand before i in this one.
			return true
		}
		if !articles[w] {
			// At the start of the sentence or of a clause after a comma:
			// "En 1905, par le traité de Portsmouth, la Russie céda".
			before := strings.TrimSpace(d.text(s.start, k))
			return before == "" || strings.HasSuffix(before, ",")
		}
		i = k
	}
}

// wordEnding gives the lower-case word that ends before code point i,
// with the characters gap passes over between, and where the word starts.
func (d *docReader) wordEnding(i int, gap func(rune) bool) (string, int) {
	j := i
	for j > 0 && gap(d.runes[j-1]) {
		j--
	}
	k := j
	for k > 0 && unicode.IsLetter(d.runes[k-1]) {
		k--
	}
	return strings.ToLower(string(d.runes[k:j])), k
}

// startsHan reports whether a word is written in Chinese characters.
func startsHan(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.Is(unicode.Han, r)
}

// articles are passed over when looking for the word before a name.
var articles = textWordSet(func(t *lang.TextWords) []string { return t.Articles })

func hasCue(s *sentence, cues []string) (int, bool) {
	if len(cues) == 0 {
		return -1, false
	}
	cl := compiledCues(cues)
	// Most sentences have no cue of a given list: neither one of its
	// words nor the first word of one of its phrases nor, without Han or
	// kana, a Han cue. Such a sentence is passed over without reading its
	// words or its text for the list's cues.
	if !s.mayHave(cl) {
		return -1, false
	}
	// The earliest cue of the list that the sentence has: its words by
	// their rank in the list, then the phrases and the words of scripts
	// written without spaces, found inside the sentence's text.
	best := -1
	for _, w := range s.cueWords() {
		if r, ok := cl.rank[w]; ok && (best < 0 || r < best) {
			best = r
		}
	}
	for _, k := range cl.inText {
		if best >= 0 && k > best {
			break
		}
		c := cues[k]
		if cl.kinds[k] == cueHan && !s.han || cl.kinds[k] == cuePhrase && !s.hasHead(cl, c[:strings.IndexByte(c, ' ')]) {
			continue
		}
		if strings.Contains(s.lower, c) {
			best = k
			break
		}
	}
	if best < 0 {
		return -1, false
	}
	return strings.Index(s.lower, cues[best]), true
}

// sentenceWords appends to words the words of a lower-case sentence (the
// runs of letters and hyphens, as strings.FieldsFunc gives them) and to at
// where each starts.
func sentenceWords(lower string, words []string, at []int) ([]string, []int) {
	start := -1
	for i := 0; i < len(lower); {
		c, size := rune(lower[i]), 1
		if c < utf8.RuneSelf {
			if sentenceWordByte[c] {
				if start < 0 {
					start = i
				}
				// The rest of the ASCII run at once.
				for i++; i < len(lower) && lower[i] < utf8.RuneSelf && sentenceWordByte[lower[i]]; i++ {
				}
				continue
			}
		} else {
			// A byte that does not begin a code point gives RuneError,
			// not a letter, as ranging over the string does.
			c, size = utf8.DecodeRuneInString(lower[i:])
			if unicode.IsLetter(c) {
				if start < 0 {
					start = i
				}
				i += size
				continue
			}
		}
		if start >= 0 {
			words, at = append(words, lower[start:i]), append(at, start)
			start = -1
		}
		i += size
	}
	if start >= 0 {
		words, at = append(words, lower[start:]), append(at, start)
	}
	return words, at
}

// sentenceWordByte marks the ASCII bytes of a sentence's words: letters
// and hyphens.
var sentenceWordByte = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || c == '-' || 'A' <= c && c <= 'Z'
	}
	return t
}()

// has reports whether the sentence has the word w: a short sentence's
// words are looked through, a long one's are put in a map once.
func (s *sentence) has(w string) bool {
	if len(s.words) <= 48 {
		for _, x := range s.words {
			if x == w {
				return true
			}
		}
		return false
	}
	if s.hasWord == nil {
		s.hasWord = make(map[string]bool, len(s.words))
		for _, x := range s.words {
			s.hasWord[x] = true
		}
	}
	return s.hasWord[w]
}

// cueWords lists the words of the sentence that are cues of some list;
// it notes the first words of phrases of cues too (see hasHead).
func (s *sentence) cueWords() []string {
	if s.cues == nil {
		s.cues = []string{}
		s.heads = s.heads[:0]
		s.lists = listSet{}
		if s.han {
			s.lists = hanCueLists
		}
		for _, w := range s.words {
			if !cueWordFilter.mayHave(w) {
				continue
			}
			k, ok := allCueWords[w]
			if !ok {
				continue
			}
			if k.marks&cueWordMark != 0 {
				s.cues = append(s.cues, w)
			}
			if k.marks&cueHeadMark != 0 {
				s.heads = append(s.heads, w)
			}
			if k.marks&treatyWordMark != 0 {
				s.treatyWord = true
			}
			s.lists.add(k.lists)
		}
	}
	return s.cues
}

// mayHave reports whether the sentence may have a cue of the list cl:
// false when cl is one of the package's lists and the sentence has none
// of its words, no first word of one of its phrases and, when cl has cues
// in Han or kana, no Han or kana.
func (s *sentence) mayHave(cl *cueList) bool {
	s.cueWords()
	return cl.bit < 0 || s.lists.has(cl.bit)
}

// hasTreatyWord reports whether the sentence has a word of treatyWords:
// without one it neither names nor speaks of an unnamed treaty.
func (s *sentence) hasTreatyWord() bool {
	s.cueWords()
	return s.treatyWord
}

// hasHead reports whether the sentence has the word w, the first word of
// a phrase of the cue list cl: looked for among the first words of
// phrases it has when cl is one of the package's lists, else among all
// its words.
func (s *sentence) hasHead(cl *cueList, w string) bool {
	if !cl.kept {
		return s.has(w)
	}
	s.cueWords()
	for _, x := range s.heads {
		if x == w {
			return true
		}
	}
	return false
}

// Kinds of cue: a word, a phrase of words, a word of a script written
// without spaces.
const (
	cueWord = iota
	cuePhrase
	cueHan
)

// cueList is a list of cues made ready: each cue's kind, the words by
// their rank, the others in order.
type cueList struct {
	kinds  []uint8
	rank   map[string]int
	inText []int
	kept   bool // one of the package's lists, made at init
	bit    int  // its place in a listSet, or -1 (not kept, or past the set's size)
}

// listSet is a set of the package's cue lists, by their bit.
type listSet [4]uint64

func (l *listSet) set(bit int)      { l[bit/64] |= 1 << (bit % 64) }
func (l *listSet) has(bit int) bool { return l[bit/64]&(1<<(bit%64)) != 0 }
func (l *listSet) add(o listSet) {
	for i := range l {
		l[i] |= o[i]
	}
}

// Marks of a word in allCueWords: a cue, the first word of a phrase.
const (
	cueWordMark = 1 << iota
	cueHeadMark
	treatyWordMark // a word of treatyWords, marked at init too
)

var (
	// cueLists holds the package's lists made ready at init, with their
	// first element; read only after. They are a few dozen, looked for
	// by every rule in every sentence: comparing pointers in a row is
	// quicker than hashing one.
	cueLists []keptCueList
	// allCueWords are the words of every list made ready at init, and
	// the first words of their phrases (cueWordMark, cueHeadMark), with
	// the lists each is a word of or begins a phrase of.
	allCueWords = map[string]cueWordInfo{}
	// cueWordFilter holds every word of allCueWords, to pass over most
	// other words without a look-up.
	cueWordFilter wordFilter
	// hanCueLists are the lists with a cue in Han or kana.
	hanCueLists listSet
	// keptLists counts the lists made ready at init.
	keptLists int
	initDone  bool
)

// keptCueList is one of the package's lists of cues, made ready, and the
// address of its first element, by which it is known.
type keptCueList struct {
	first *string
	cl    *cueList
}

// cueWordInfo is what a word is among the package's cues.
type cueWordInfo struct {
	marks uint8   // cueWordMark, cueHeadMark, treatyWordMark
	lists listSet // the lists it is a cue of or begins a phrase of
}

// markCue marks the word w in allCueWords, as a cue of the list whose
// bit is given (-1 for none).
func markCue(w string, mark uint8, bit int) {
	k := allCueWords[w]
	k.marks |= mark
	if bit >= 0 {
		k.lists.set(bit)
	}
	allCueWords[w] = k
	cueWordFilter.add(w)
}

// Every list of cues is made ready before any sentence is read, so that
// allCueWords holds all their words.
func init() {
	for _, k := range sortedCueKeys() {
		compiledCues(relationCues[k])
	}
	for _, l := range [][]string{givingVerbs, receivingVerbs, treatyByDateWords, separableVerbs} {
		if len(l) > 0 {
			compiledCues(l)
		}
	}
	for w := range treatyWords {
		markCue(w, treatyWordMark, -1)
	}
	initDone = true
}

func sortedCueKeys() []string {
	out := make([]string, 0, len(relationCues))
	for k := range relationCues {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// compiledCues makes a list of cues ready: at init for the package's
// lists, which are kept; later for any other, which is not.
func compiledCues(cues []string) *cueList {
	for _, k := range cueLists {
		if k.first == &cues[0] && len(k.cl.kinds) == len(cues) {
			return k.cl
		}
	}
	cl := &cueList{kinds: make([]uint8, len(cues)), rank: map[string]int{}, bit: -1}
	for i, c := range cues {
		switch {
		case startsHan(c):
			cl.kinds[i] = cueHan
			cl.inText = append(cl.inText, i)
		case strings.IndexByte(c, ' ') >= 0:
			cl.kinds[i] = cuePhrase
			cl.inText = append(cl.inText, i)
		default:
			if _, ok := cl.rank[c]; !ok {
				cl.rank[c] = i
			}
		}
	}
	if !initDone {
		cl.kept = true
		cueLists = append(cueLists, keptCueList{&cues[0], cl})
		if keptLists < 64*len(listSet{}) {
			cl.bit = keptLists
		}
		keptLists++
		for w := range cl.rank {
			markCue(w, cueWordMark, cl.bit)
		}
		for _, k := range cl.inText {
			if c := cues[k]; cl.kinds[k] == cuePhrase {
				markCue(c[:strings.IndexByte(c, ' ')], cueHeadMark, cl.bit)
			} else if cl.bit >= 0 {
				hanCueLists.set(cl.bit)
			}
		}
	}
	return cl
}

func (d *docReader) sentence(i int) {
	s := &d.sents[i]
	// A sentence's words are read when it is, and let go after: a long
	// document's words are not all held at once.
	// The document is lower-cased once (d.lower); a sentence's words are
	// pieces of it, kept in a buffer the next sentence reuses.
	s.lower = d.lower[d.lowerAt[2*i]:d.lowerAt[2*i+1]]
	d.words, d.wordAt = sentenceWords(s.lower, d.words[:0], d.wordAt[:0])
	s.words, s.wordAt = d.words, d.wordAt
	s.han = hasHanOrKana(s.lower)
	defer func() { s.lower, s.words, s.wordAt, s.hasWord, s.han = "", nil, nil, nil, false }()
	treaties, polities, people, places, territories, rivers := d.byKind(s)
	// The treaty the sentence is about: one it names not as an object, or
	// one it names by its date ("het verdrag van 16 mei"), or the one the
	// passage was about, or the document's.
	// The treaty the passage was about before this sentence: "the
	// treaty" in a clause of its own refers to it, even where the
	// sentence goes on to name another.
	prior := d.main
	if d.topic != "" && i-d.topicAt <= 3 {
		prior = d.topic
	}
	subject := ""
	for _, t := range treaties {
		// "By the Convention of Peking, Japan returned …": a mark at the
		// sentence's start frames the sentence; it names its treaty.
		if w := d.wordBefore(t.Start); !objectMarks[w] || d.firstWord(s, t.Start) {
			subject = t.Entity
			break
		}
	}
	if subject == "" {
		subject = d.treatyByDate(s)
	}
	named := subject != ""
	if subject != "" {
		d.topic, d.topicAt = subject, i
	} else if s.hasTreatyWord() && unnamedTreaty(s.words) {
		// "A supplementary treaty, signed on 8 October 1843": another
		// treaty, not named, so not the one the passage is about.
		subject = ""
	} else if d.topic != "" && i-d.topicAt <= 3 {
		subject = d.topic
		// "By the treaty Denmark ceded …": a definite "the treaty" a few
		// sentences after the treaty was named refers to it, as a reader
		// takes it; the sentence names its treaty by reference.
		named = s.hasTreatyWord() && definiteTreaty(s.words)
	} else {
		subject = d.main
		named = subject != "" && s.hasTreatyWord() && definiteTreaty(s.words)
	}
	if len(people) > 0 {
		defer func() { d.lastPerson = people[len(people)-1].Entity }()
	}
	defer func() {
		for _, p := range polities {
			d.recent = append(d.recent, p.Entity)
		}
		if len(d.recent) > 12 {
			d.recent = d.recent[len(d.recent)-12:]
		}
	}()
	d.ctx = sentCtx{s: s, subject: subject, named: named, prior: prior, treaties: treaties, polities: polities, people: people,
		places: places, territories: territories, rivers: rivers}
	c := &d.ctx // one for every sentence: the rules do not keep it
	lean := d.x.lean()
	for _, r := range relationRules {
		if r.needsTreaty && subject == "" || lean && !r.dates {
			continue
		}
		r.read(d, c)
	}
}

// Kinds of mention a sentence's rules read apart, in byKind's order.
const (
	groupTreaty = iota
	groupPolity
	groupPerson
	groupPlace
	groupTerritory
	groupRiver
	groups
)

// mentionGroup gives the group of byKind a kind of entity falls in, or
// -1.
func mentionGroup(k kb.Kind) int {
	switch k {
	case kb.KindTreaty:
		return groupTreaty
	case kb.KindPolity:
		return groupPolity
	case kb.KindPerson:
		return groupPerson
	case kb.KindCity, kb.KindPort:
		return groupPlace
	case kb.KindTerritory, kb.KindRegion:
		return groupTerritory
	case kb.KindRiver:
		return groupRiver
	}
	return -1
}

// byKind gives the sentence's mentions of treaties, polities, people,
// places (cities and ports), territories (and regions) and rivers, each
// in the order of the text. They share one array, counted first; each
// group's capacity is its length, so that appending to one copies it
// rather than writing over the next.
func (d *docReader) byKind(s *sentence) (treaties, polities, people, places, territories, rivers []EntityMention) {
	var n [groups + 1]int
	for _, k := range s.entities {
		if g := mentionGroup(d.r.Entities[k].Kind); g >= 0 {
			n[g+1]++
		}
	}
	for g := 1; g <= groups; g++ {
		n[g] += n[g-1] // n[g] is where group g starts
	}
	if n[groups] == 0 {
		return
	}
	// The groups are read while the sentence is: one buffer serves every
	// sentence (a group is cut to its length, so that appending to it
	// copies).
	all := slices.Grow(d.kinds[:0], n[groups])[:n[groups]]
	d.kinds = all
	at := n
	for _, k := range s.entities {
		e := &d.r.Entities[k]
		if g := mentionGroup(e.Kind); g >= 0 {
			all[at[g]] = *e
			at[g]++
		}
	}
	group := func(g int) []EntityMention {
		if n[g] == n[g+1] {
			return nil
		}
		return all[n[g]:n[g+1]:n[g+1]]
	}
	return group(groupTreaty), group(groupPolity), group(groupPerson), group(groupPlace), group(groupTerritory), group(groupRiver)
}

// treatyWords name a treaty in general.
var treatyWords = relationWordSet(func(r *lang.RelationWords) []string { return r.Treaty })

// indefinites introduce something not named before.
var indefinites = textWordSet(func(t *lang.TextWords) []string { return t.Indefinites })

// unnamedTreaty reports whether a sentence speaks of a treaty it does not
// name: an indefinite article a word or two before a treaty word.
func unnamedTreaty(words []string) bool {
	for i, w := range words {
		if !treatyWords[w] {
			continue
		}
		for k := max(0, i-2); k < i; k++ {
			if indefinites[words[k]] {
				return true
			}
		}
	}
	return false
}

// definiteTreaty reports whether a sentence speaks of "the treaty": a
// treaty word with no indefinite article a word or two before it.
func definiteTreaty(words []string) bool {
	for i, w := range words {
		if treatyWords[w] && !unnamedTreaty(words[max(0, i-2):i+1]) {
			return true
		}
	}
	return false
}

// namedAfter reports whether a treaty is named right after the word at
// code point i: "ratified the Treaty of Peking", not "ratified the treaty;
// later the Treaty of Peking …".
func (d *docReader) namedAfter(treaties []EntityMention, i int) bool {
	for _, t := range treaties {
		if t.Start <= i || t.Start-i > 30 {
			continue
		}
		if !strings.ContainsAny(d.text(i, t.Start), ",.;:()") {
			return true
		}
	}
	return false
}

// wordAfterCue gives the word after the cue word at code point i, skipping
// "the" and "het".
func (d *docReader) wordAfterCue(i int) string {
	j := i
	for j < len(d.runes) && unicode.IsLetter(d.runes[j]) {
		j++
	}
	for n := 0; n < 2; n++ {
		for j < len(d.runes) && !unicode.IsLetter(d.runes[j]) {
			j++
		}
		k := j
		for k < len(d.runes) && unicode.IsLetter(d.runes[k]) {
			k++
		}
		w := strings.ToLower(string(d.runes[j:k]))
		if w != "the" && w != "het" && w != "de" && w != "die" && w != "le" && w != "la" {
			return w
		}
		j = k
	}
	return ""
}

func uniqueIDs(ms []EntityMention) []string {
	var out []string
	for _, m := range ms {
		found := false
		for _, x := range out {
			found = found || x == m.Entity
		}
		if !found {
			out = append(out, m.Entity)
		}
	}
	return out
}

// party finds the polity that acts in a sentence: the one named, or
// named by an adjective ("the Chinese emperor": China), nearest before the
// verb at code point cue, else nearest after it.
func (d *docReader) party(s *sentence, polities []EntityMention, cue int) (string, [2]int) {
	type cand struct {
		id         string
		start, end int
	}
	var cands []cand
	for _, p := range polities {
		cands = append(cands, cand{p.Entity, p.Start, p.End})
	}
	for _, ps := range d.x.polityStems() {
		for j, w := range s.words {
			if strings.HasPrefix(w, ps.stem) && utf8.RuneCountInString(w) > 5 {
				start := s.start + utf8.RuneCountInString(s.lower[:s.wordAt[j]])
				cands = append(cands, cand{ps.id, start, start + utf8.RuneCountInString(w)})
			}
		}
	}
	best, bestDist := cand{}, -1
	for _, c := range cands {
		dist := cue - c.end
		if dist < 0 {
			dist = 10000 + c.start - cue // after the verb: a worse choice
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = c, dist
		}
	}
	return best.id, [2]int{best.start, best.end}
}

// polityStem is the first four letters of a name of a polity, in lower
// case, for a name of five letters or more without a space.
type polityStem struct{ id, stem string }

// polityStems gives the stems of the names of the known polities, in the
// order of their ids and then of their names; made again when the
// entities change (see Learn).
func (x *Extractor) polityStems() []polityStem {
	if x.stemsMade {
		return x.stems
	}
	x.stems = x.stems[:0]
	for _, id := range slices.Sorted(maps.Keys(x.entities)) {
		e := x.entities[id]
		if e.Kind != kb.KindPolity {
			continue
		}
		for _, n := range names(e) {
			name := []rune(strings.ToLower(n.Text))
			if len(name) < 5 || strings.ContainsRune(string(name), ' ') {
				continue
			}
			x.stems = append(x.stems, polityStem{id, string(name[:4])})
		}
	}
	x.stemsMade = true
	return x.stems
}

// bestDate picks the date of a sentence that most likely dates its event:
// the finest, then the first.
func (d *docReader) bestDate(s *sentence) (int, bool) {
	best := -1
	for _, k := range s.dates {
		dt := d.r.Dates[k]
		if dt.Incomplete || dt.Date.Interval {
			continue
		}
		if best < 0 || dt.Date.Precision() < d.r.Dates[best].Date.Precision() {
			best = k
		}
	}
	return best, best >= 0
}

// treatyByDateWords are the general words for a treaty.
var treatyByDateWords = []string{"treaty", "verdrag", "vertrag", "traité", "convention", "overeenkomst", "договор"}

// treatyByDate resolves "the treaty of 16 May": a treaty word and a date
// that a treaty's known signing matches.
func (d *docReader) treatyByDate(s *sentence) string {
	if _, ok := hasCue(s, treatyByDateWords); !ok {
		return ""
	}
	for _, k := range s.dates {
		dt := d.r.Dates[k]
		if dt.Date.From.Day == 0 {
			continue
		}
		found := ""
		for _, kn := range d.knownDay(dt.Date.From.Month, dt.Date.From.Day) {
			if dt.Incomplete || int32(dt.Date.From.Year) == kn.year {
				id := d.x.strs.str(kn.subject)
				if !d.x.knowsEntity(id) {
					// A signing a preview found, of a treaty the real
					// reading knows under another id, or not yet: which
					// treaty the date names cannot be told.
					return ""
				}
				if found == "" {
					found = id
				}
			}
		}
		if found != "" {
			return found
		}
	}
	return ""
}

// knowsEntity says whether id is an entity the extractor reads names of:
// the knowledge base's, or a candidate discovered in this run. A preview
// discovers its candidates in a registry of its own (Preview), so that a
// signing it found may be dated on an id the real reading gives another
// (its name matched to a candidate an earlier document of the run
// discovered): such an id is nobody's, and nothing is pinned on it.
func (x *Extractor) knowsEntity(id string) bool {
	return x.entities[id].ID != "" || x.reg.byID[id] != nil
}

// dated proposes a date claim on the date mention k, proposing the Old
// Style reading where the same event is dated exactly the calendar offset
// later elsewhere.
func (d *docReader) dated(subject, property string, k int, conf float64, why string, q map[string]kb.Value) {
	dt := &d.r.Dates[k]
	written := d.text(dt.Start, dt.End)
	var cal histdate.Calendar
	if dt.Date.IsDay() && dt.Date.CalendarByDefault() {
		f := dt.Date.From
		// Only a known date whose figures, read as Gregorian, name the
		// day these figures name read as Julian can be the dual reading.
		for _, kn := range d.knownDual(subject, property, histdate.ToJDN(histdate.Julian, f.Year, f.Month, f.Day)) {
			if off, julian, ok := histdate.DualReading(dt.Date, kn.asDate()); ok && julian == "a" {
				cal = histdate.Julian
				src := ""
				if source := d.x.strs.str(kn.source); source != "" {
					src = " in " + source
				}
				dt.Why = fmt.Sprintf("Old Style: the same %s of %s is dated %d days later%s", property, subject, off, src)
				if nd, err := histdate.Parse(written, histdate.Options{Lang: d.r.Lang, Calendar: histdate.Julian, Year: dt.Date.From.Year}); err == nil {
					nd.Written = dt.Date.Written
					dt.Date = nd
				}
				why += "; " + dt.Why
				break
			}
		}
	}
	v := kb.DateValue(written, cal, d.r.Lang)
	if dt.Date.YearFromContext {
		// The value must read alone: write the year the context gave.
		v.Text = written + ", " + fmt.Sprint(dt.Date.InCalendar(histdate.Gregorian).From.Year)
		if _, err := v.Date(); err != nil {
			return
		}
	}
	c := d.claim(subject, property, v, dt.Start, dt.End, conf, why, q)
	if c != nil {
		d.remember(c)
		if cand := d.x.reg.byID[subject]; cand != nil && property == kb.PropSigned {
			g := dt.Date.InCalendar(histdate.Gregorian)
			d.x.reg.addYear(cand, g.From.Year)
			if g.IsDay() {
				if day := histdate.ISO(histdate.Gregorian, g.Earliest()); !containsString(cand.Days, day) {
					cand.Days = append(cand.Days, day)
				}
			}
		}
	}
}

// remember keeps a date claim the document proposes for the Old Style
// reading of its later dates. A preview's dates join the decided ones
// (looked up after them, as the document's own would be) and its
// signings are gathered; otherwise a date the extractor knows already
// (the preview of this document found it) is found there first, and the
// document's own list need not hold it again.
func (d *docReader) remember(c *kb.Claim) {
	dc, ok := d.x.readDated(*c)
	if !ok {
		return
	}
	known := d.x.known.has(&dc)
	found := d.x.previewing
	switch {
	case found != nil && !known:
		d.x.known.add(&dc)
	case found == nil && !known:
		d.local.add(&dc)
	}
	if found != nil && knowable(*c) {
		*found = append(*found, foundDate{&dc, c.ID})
	}
}

// evidence makes the evidence of a span of the source.
func (d *docReader) evidence(start, end int) kb.Evidence { return d.win.evidence(d.src, start, end) }

// at gives where a position of the part read lies in the document.
func (d *docReader) at(i int) int { return d.win.base + i }

// claim proposes a candidate claim with evidence at start..end.
func (d *docReader) claim(subject, property string, v kb.Value, start, end int, conf float64, why string, q map[string]kb.Value) *kb.Claim {
	c := kb.Claim{Subject: subject, Property: property, Value: v, Qualifiers: q, Status: kb.Candidate, Rank: kb.Normal,
		Evidence: []kb.Evidence{d.evidence(start, end)}, Note: fmt.Sprintf("confidence %.2f: %s", conf, why), RecordedBy: d.x.Recorder}
	if c.Validate() != nil {
		return nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%d\x00%d", d.src.ID, subject, property, v.Entity, v.Text, d.at(start), d.at(end))
	c.ID = "candidate/" + hex.EncodeToString(h.Sum(nil))[:12]
	if d.proposed[c.ID] {
		return nil
	}
	if d.proposed == nil {
		d.proposed = map[string]bool{}
	}
	d.proposed[c.ID] = true
	d.r.Candidates = append(d.r.Candidates, Candidate{Claim: &c, Confidence: conf, Why: why})
	return &c
}
