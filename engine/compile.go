package engine

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync/atomic"

	"treatyline/histdate"
	"treatyline/kb"
)

// maxSourceSets bounds the compiled perspectives that name a set of
// sources: there are as many such sets as a client cares to ask for, so
// the least recently used are compiled again when asked for after they
// were dropped. Consensus and party perspectives, a handful, stay.
const maxSourceSets = 16

// compiled is a perspective's system and when it was last asked for.
type compiled struct {
	sys       *system
	used      atomic.Uint64
	sourceSet bool
}

// system gives the perspective's compiled system. A perspective compiled
// before is found without a lock; a new one is compiled under the
// engine's lock and published by replacing the map of compiled
// perspectives, so that a reader never sees one half made.
func (e *Engine) system(p Perspective) *system {
	n := e.uses.Add(1)
	key := p.key()
	if m := e.compiled.Load(); m != nil {
		if c, ok := (*m)[key]; ok {
			c.used.Store(n)
			return c.sys
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	var next map[string]*compiled
	if m := e.compiled.Load(); m != nil {
		if c, ok := (*m)[key]; ok {
			c.used.Store(n)
			return c.sys
		}
		next = maps.Clone(*m)
	} else {
		next = map[string]*compiled{}
	}
	if len(p.Sources) > 0 {
		count, oldest, oldestKey := 0, n, ""
		for k, c := range next {
			if c.sourceSet {
				count++
				if u := c.used.Load(); u < oldest {
					oldest, oldestKey = u, k
				}
			}
		}
		if count >= maxSourceSets {
			delete(next, oldestKey)
		}
	}
	s := compile(e, p)
	c := &compiled{sys: s, sourceSet: len(p.Sources) > 0}
	c.used.Store(n)
	next[key] = c
	e.compiled.Store(&next)
	return s
}

// counts reports whether a claim or provision counts in a perspective.
func counts(p Perspective, status kb.Status, rank kb.Rank, ev []kb.Evidence) bool {
	if status != kb.Accepted || rank == kb.Deprecated {
		return false
	}
	if p.Sources == nil {
		return true
	}
	for _, x := range ev {
		if p.Sources[x.Source] {
			return true
		}
	}
	return false
}

// viewEvidence keeps the evidence from the perspective's sources: a view
// of chosen sources cites only them.
func viewEvidence(p Perspective, ev []kb.Evidence) []kb.Evidence {
	if p.Sources == nil {
		return ev
	}
	out := make([]kb.Evidence, 0, len(ev))
	for _, x := range ev {
		if p.Sources[x.Source] {
			out = append(out, x)
		}
	}
	return out
}

// actDay is the day a claim's act happened, when the claim dates it: its
// value for a date-valued act, else its point_in_time or start_time.
func actDay(c kb.Claim) (histdate.Date, bool) {
	if c.Value.Type == kb.TDate {
		if d, err := c.Value.Date(); err == nil {
			return d, true
		}
	}
	for _, q := range []string{"point_in_time", "start_time"} {
		if v, ok := c.Qualifiers[q]; ok {
			if d, err := v.Date(); err == nil {
				return d, true
			}
		}
	}
	return histdate.Date{}, false
}

// counted is a claim that counts in a perspective, with the evidence of
// the view's sources only, and its place in the knowledge base.
type counted struct {
	pos int32
	c   kb.Claim
}

// countedAbout gives the claims about a subject that count in the
// system's perspective, in the knowledge base's order: the preferred ones
// alone where a property has any, each with the evidence of the view's
// sources only.
func (s *system) countedAbout(subject string) []counted {
	list := s.e.idx.bySubject.get(subject)
	if len(list) == 0 {
		return nil
	}
	var preferred map[string]bool
	for _, pos := range list {
		c := s.e.claims.at(pos)
		if c.Rank == kb.Preferred && counts(s.p, c.Status, c.Rank, c.Evidence) {
			if preferred == nil {
				preferred = map[string]bool{}
			}
			preferred[c.Property] = true
		}
	}
	out := make([]counted, 0, len(list))
	for _, pos := range list {
		c := *s.e.claims.at(pos)
		if !counts(s.p, c.Status, c.Rank, c.Evidence) || c.Rank != kb.Preferred && preferred[c.Property] {
			continue
		}
		all := len(c.Evidence)
		c.Evidence = viewEvidence(s.p, c.Evidence)
		if len(c.Evidence) < all {
			// The claim's note may draw on sources outside the view:
			// the view gives its own sources' quotes, not that note.
			c.Note = ""
		}
		out = append(out, counted{pos, c})
	}
	return out
}

// compile makes a perspective's system: every treaty now, territories and
// rights on first use.
func compile(e *Engine, p Perspective) *system {
	return &system{e: e, p: p, treaties: make([]atomic.Pointer[treaty], len(e.idx.treatyIDs)), treatyIDs: e.idx.treatyIDs,
		territoryIDs: e.idx.territoryIDs, timelines: make([]atomic.Pointer[timeline], len(e.idx.territoryIDs))}
}

// treaty gives a treaty's record in the view, compiled on first use with
// every treaty linked to it; nil for an id that is not a treaty. Two
// readers may compile one at once: both get the same records.
func (s *system) treaty(id string) *treaty {
	i, ok := s.e.idx.treatyOrd[id]
	if !ok {
		return nil
	}
	if t := s.treaties[i].Load(); t != nil {
		return t
	}
	recs := s.compileTreaties(s.e.component(id))
	for tid, t := range recs {
		s.treaties[s.e.idx.treatyOrd[tid]].CompareAndSwap(nil, t)
	}
	return s.treaties[i].Load()
}

func newTreaty(id string) *treaty {
	return &treaty{id: id, end: histdate.MaxJDN, effect: histdate.MaxJDN, earliest: histdate.MaxJDN,
		parties: map[string]bool{}, ratified: map[string]kb.Claim{}, refused: map[string]kb.Claim{},
		voidedClauses: map[string]*disown{}}
}

// compileTreaties compiles the treaties of ids (sorted), which must hold
// every treaty linked to one of them by a relation: each step reads the
// steps before it of the treaties it names.
func (s *system) compileTreaties(ids []string) map[string]*treaty {
	recs := make(map[string]*treaty, len(ids))
	// Each treaty's claims, and the claims of other treaties that name it
	// by a relation, both in the knowledge base's order.
	own := make(map[string][]counted, len(ids))
	named := make(map[string][]counted)
	about := func(subject string) []counted {
		if l, ok := own[subject]; ok {
			return l
		}
		l := s.countedAbout(subject)
		own[subject] = l
		return l
	}
	for _, id := range ids {
		recs[id] = newTreaty(id)
		about(id)
		var rel []counted
		seen := map[string]bool{}
		for _, pos := range s.e.idx.related[id] {
			subj := s.e.claims.at(pos).Subject
			if seen[subj] {
				continue
			}
			seen[subj] = true
			for _, x := range about(subj) {
				if x.c.Value.Entity == id && relations[x.c.Property] {
					rel = append(rel, x)
				}
			}
		}
		slices.SortFunc(rel, func(a, b counted) int { return cmp.Compare(a.pos, b.pos) })
		named[id] = rel
	}
	// both gives a treaty's own claims and the claims naming it, in the
	// knowledge base's order.
	both := func(id string) []counted {
		a, b := own[id], named[id]
		out := make([]counted, 0, len(a)+len(b))
		i, j := 0, 0
		for i < len(a) || j < len(b) {
			switch {
			case j == len(b) || i < len(a) && a[i].pos < b[j].pos:
				out = append(out, a[i])
				i++
			case i < len(a) && a[i].pos == b[j].pos:
				out = append(out, a[i])
				i, j = i+1, j+1
			default:
				out = append(out, b[j])
				j++
			}
		}
		return out
	}

	// Lifecycle: dates first, then the relations that need them.
	for _, id := range ids {
		t := recs[id]
		for _, x := range own[id] {
			c := x.c
			switch c.Property {
			case "signed", "in_force", "negotiated":
				d, err := c.Value.Date()
				if err != nil {
					continue
				}
				t.considerDate(c, d)
			case "never_implemented":
				if c.Value.Bool {
					cc := c
					t.neverImpl = &cc
				}
			case "party":
				t.parties[c.Value.Entity] = true
			case "ratified", "ratification_refused":
				party := c.Qualifiers["party"].Entity
				if c.Property == "ratified" && (c.Value.Type == kb.TDate || c.Value.Bool) {
					t.ratified[party] = c
				}
				if c.Property == "ratification_refused" && (c.Value.Type == kb.TDate || c.Value.Bool) {
					t.refused[party] = c
				}
			case "disowned_by":
				t.disowning = append(t.disowning, c)
			}
		}
		t.chooseDate()
	}
	for _, id := range ids {
		tr := recs[id]
		for _, x := range both(id) {
			c := x.c
			var t, by string
			switch c.Property {
			case "confirmed_by":
				t, by = c.Subject, c.Value.Entity
			case "confirms":
				t, by = c.Value.Entity, c.Subject
			default:
				continue
			}
			if t != id {
				continue
			}
			if conf := recs[by]; conf != nil {
				tr.confirmedBy = append(tr.confirmedBy, relation{treaty: by, claim: c})
			}
		}
	}
	// A party's own acts: a refusal to ratify or a disowning holds from
	// the treaty's effect (or the act's date) until the party signs or
	// ratifies a treaty that confirms this one. Honoured in the party's
	// view; recorded in every other.
	for _, id := range ids {
		t := recs[id]
		if !t.dated {
			continue
		}
		var acts []*disown
		for party, c := range t.refused {
			if _, also := t.ratified[party]; also {
				continue // the sources disagree: recorded in details, honoured by none
			}
			acts = append(acts, disowning(recs, t, c, party, "", true))
		}
		for _, c := range t.disowning {
			acts = append(acts, disowning(recs, t, c, c.Value.Entity, c.Qualifiers["clause"].Entity, false))
		}
		slices.SortFunc(acts, func(a, b *disown) int {
			return cmp.Or(strings.Compare(a.party, b.party), strings.Compare(a.clause, b.clause), cmp.Compare(a.from, b.from))
		})
		t.disowns = acts
		for _, d := range acts {
			if d.party != s.p.Party || s.p.Party == "" {
				continue
			}
			if d.clause == "" {
				if t.void == nil {
					t.void = d
				} else {
					t.void = mergeDisown(t.void, d)
				}
			} else if old := t.voidedClauses[d.clause]; old != nil {
				t.voidedClauses[d.clause] = mergeDisown(old, d)
			} else {
				t.voidedClauses[d.clause] = d
			}
		}
	}
	// Supersession and reversal: from the successor's effect, or from the
	// day this view stops holding the successor void.
	for _, id := range ids {
		for _, x := range both(id) {
			c := x.c
			var from, to, how string
			switch c.Property {
			case "superseded_by", "reversed_by":
				from, to, how = c.Subject, c.Value.Entity, map[string]string{"superseded_by": "superseded", "reversed_by": "reversed"}[c.Property]
			case "supersedes", "reverses":
				from, to, how = c.Value.Entity, c.Subject, map[string]string{"supersedes": "superseded", "reverses": "reversed"}[c.Property]
			default:
				continue
			}
			if from != id {
				continue
			}
			t, succ := recs[from], recs[to]
			if t == nil || succ == nil || !succ.dated {
				continue
			}
			at := succ.effect
			basis := append(claimBasis(c), succ.signedBasis()...)
			if succ.void.covers(at) {
				if succ.void.till == histdate.MaxJDN {
					continue
				}
				at = succ.void.till
				basis = append(basis, succ.void.endBasis...)
			}
			if at < t.end {
				t.end, t.endBy, t.endHow, t.endBasis = at, to, how, basis
			}
		}
	}
	// The details, each from the day it is true.
	for _, id := range ids {
		t := recs[id]
		for _, party := range slices.Sorted(maps.Keys(t.refused)) {
			c := t.refused[party]
			t.details = append(t.details, actDetail(t, c, "ratification refused by "+party))
		}
		for _, party := range slices.Sorted(maps.Keys(t.ratified)) {
			c := t.ratified[party]
			t.details = append(t.details, actDetail(t, c, "ratified by "+party))
		}
		for _, r := range t.confirmedBy {
			conf := recs[r.treaty]
			if !conf.dated {
				continue
			}
			t.details = append(t.details, detail{text: "confirmed by " + r.treaty, from: conf.effect,
				basis: append(claimBasis(r.claim), conf.signedBasis()...)})
		}
		for _, d := range t.disowns {
			if d.refusal {
				continue
			}
			what := "disowned by " + d.party
			if d.clause != "" {
				what += " (" + d.clause + ")"
			}
			if d.dated {
				what += " from " + dayString(d.from)
			} else {
				what += " (date not given: from the treaty's effect)"
			}
			t.details = append(t.details, detail{text: what, from: d.from, basis: d.basis})
			if d.till != histdate.MaxJDN {
				what := fmt.Sprintf("%s recognised it by %s", d.party, d.by)
				if d.clause != "" {
					what = fmt.Sprintf("%s recognised %s by %s", d.party, d.clause, d.by)
				}
				t.details = append(t.details, detail{text: what, from: d.till, basis: d.endBasis})
			}
		}
		slices.SortStableFunc(t.details, func(a, b detail) int { return strings.Compare(a.text, b.text) })
		// Two sources saying the same thing give one detail and the basis
		// of both.
		out := t.details[:0]
		for _, d := range t.details {
			if n := len(out); n > 0 && out[n-1].text == d.text {
				out[n-1].from = min(out[n-1].from, d.from)
				out[n-1].basis = slices.Concat(out[n-1].basis, d.basis)
				continue
			}
			out = append(out, d)
		}
		t.details = out
	}
	return recs
}

// effective gives a provision's treaty when the provision counts in the
// view and its treaty gives it effect: dated, implemented, and not
// superseded or reversed by the time it took effect (its successor's
// terms are then the ones that hold).
func (s *system) effective(pr *kb.Provision) *treaty {
	if !counts(s.p, pr.Status, pr.Rank, pr.Evidence) {
		return nil
	}
	t := s.treaty(pr.Treaty)
	if t == nil || !t.dated || t.neverImpl != nil || t.end <= t.effect {
		return nil
	}
	return t
}

// provisionBasis is a provision's evidence in the view and its treaty's
// signing.
func (s *system) provisionBasis(pr *kb.Provision, t *treaty) []Basis {
	signed := t.signedBasis()
	basis := make([]Basis, 0, len(pr.Evidence)+len(signed))
	return append(appendEvidenceBasis(basis, viewEvidence(s.p, pr.Evidence), Basis{Provision: pr.ID}), signed...)
}

// ownDisowning gives the window in which the view's party disowns the
// whole treaty or this clause, nil for none.
func ownDisowning(t *treaty, pr *kb.Provision) *disown {
	own := t.void
	if d := t.voidedClauses[pr.ID]; d != nil {
		own = d
	}
	return own
}

// rightOf gives the right a right-granting provision gives in the view,
// and whether it gives one.
func (s *system) rightOf(pos int32) (right, bool) {
	pr := s.e.provisions.at(pos)
	if !kb.ProvisionTypes[pr.Type].Right {
		return right{}, false
	}
	t := s.effective(pr)
	if t == nil {
		return right{}, false
	}
	basis := s.provisionBasis(pr, t)
	own := ownDisowning(t, pr)
	from := t.effect
	if own.covers(t.effect) {
		if own.till == histdate.MaxJDN {
			return right{}, false
		}
		from = own.till
		basis = slices.Concat(basis, own.endBasis)
	}
	if from >= t.end {
		return right{}, false
	}
	since := t.sinceText()
	if from != t.effect {
		since = dayString(from)
	}
	return right{p: pr, index: int(pos), from: from, till: t.end, basis: basis, since: since,
		hideLimits: len(viewEvidence(s.p, pr.Evidence)) < len(pr.Evidence)}, true
}

// compareRights orders rights by their first day, then provision id; the
// order in the knowledge base breaks what ties remain.
func compareRights(a, b right) int {
	if a.from != b.from {
		return cmp.Compare(a.from, b.from)
	}
	if a.p.ID != b.p.ID {
		return strings.Compare(a.p.ID, b.p.ID)
	}
	return cmp.Compare(a.index, b.index)
}

// rightList gives the rights of the view, computed on first use.
func (s *system) rightList() *rightList {
	if r := s.rights.Load(); r != nil {
		return r
	}
	s.rightsMu.Lock()
	defer s.rightsMu.Unlock()
	if r := s.rights.Load(); r != nil {
		return r
	}
	n := 0
	for _, pr := range s.e.provisions.all() {
		if kb.ProvisionTypes[pr.Type].Right {
			n++
		}
	}
	out := make([]right, 0, n)
	for pos := range s.e.provisions.all() {
		if r, ok := s.rightOf(pos); ok {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, compareRights)
	l := newRightList(out)
	s.rights.Store(l)
	return l
}

// timelineAt gives the timeline of the i-th territory, computed on first
// use. Two readers may compute it at once; both get the same answer and
// one is kept.
func (s *system) timelineAt(i int) *timeline {
	if tl := s.timelines[i].Load(); tl != nil {
		return tl
	}
	tl := s.timeline(s.territoryIDs[i])
	if s.timelines[i].CompareAndSwap(nil, tl) {
		return tl
	}
	return s.timelines[i].Load()
}

// direct gives the changes of a territory's holder that the view's
// provisions and claims about it (own, its counted claims) make, in the
// knowledge base's order: the provisions first, then the holdings
// without a treaty (occupation, recorded holders).
func (s *system) direct(id string, own []counted) []change {
	var out []change
	p := s.p
	for _, pos := range s.e.idx.byObject.get(id) {
		pr := s.e.provisions.at(pos)
		typ := kb.ProvisionTypes[pr.Type]
		if !typ.Moves {
			continue
		}
		t := s.effective(pr)
		if t == nil {
			continue
		}
		basis := s.provisionBasis(pr, t)
		own := ownDisowning(t, pr)
		holders, mode := pr.Grantees, "sole"
		if pr.Type == "condominium" {
			holders, mode = union(pr.Grantors, pr.Grantees), "joint"
		}
		var others []*disown // other parties' disowning of this clause, noted
		for _, d := range t.disowns {
			if (d.clause == pr.ID || d.clause == "") && d.party != p.Party {
				others = append(others, d)
			}
		}
		for _, obj := range pr.Objects {
			if obj != id {
				continue
			}
			start := t.effect
			if own.covers(t.effect) {
				if contains(pr.Grantors, p.Party) {
					// The party that disowns the clause holds to what it had.
					out = append(out, change{day: own.from, earliest: min(t.earliest, own.from), holders: []string{p.Party},
						mode: "sole", basis: slices.Concat(own.basis, basis), note: fmt.Sprintf("%s does not recognise %s", p.Party, pr.ID),
						disownedBy: []string{p.Party}, since: t.sinceText()})
				}
				if own.till == histdate.MaxJDN {
					continue
				}
				start = own.till
				c := change{day: start, earliest: start, holders: holders, mode: mode, basis: slices.Concat(basis, own.endBasis),
					note: fmt.Sprintf("%s recognised %s by %s", p.Party, pr.ID, own.by), weak: true}
				out = append(out, c)
				continue
			}
			c := change{day: start, earliest: t.earliest, holders: holders, mode: mode, basis: basis, since: t.sinceText()}
			var ends []*disown
			for _, d := range others {
				c.disownedBy = union(c.disownedBy, []string{d.party})
				c.note = joinNote(c.note, fmt.Sprintf("%s disowned this (%s); from its perspective it does not hold", d.party, pr.ID))
				c.basis = slices.Concat(c.basis, d.basis)
				if d.till != histdate.MaxJDN {
					ends = append(ends, d)
				}
			}
			out = append(out, c)
			for _, d := range ends {
				out = append(out, change{day: d.till, earliest: d.till, holders: holders, mode: mode,
					basis: slices.Concat(basis, d.endBasis), note: fmt.Sprintf("%s recognised %s by %s", d.party, pr.ID, d.by), weak: true})
			}
		}
	}
	// Holdings without a treaty: occupation and recorded holders.
	for _, x := range own {
		c := x.c
		if c.Property != "occupied_by" && c.Property != "held_by" {
			continue
		}
		mode := "sole"
		if c.Property == "occupied_by" {
			mode = "occupied"
		}
		if start, ok := c.Qualifiers["start_time"]; ok {
			d, err := start.Date()
			if err != nil || d.Latest() == histdate.MaxJDN {
				continue
			}
			out = append(out, change{day: d.Latest(), earliest: d.Earliest(),
				holders: []string{c.Value.Entity}, mode: mode, basis: claimBasis(c), note: c.Note, since: writtenDate(d)})
			continue
		}
		// A holding attested at a time (point_in_time), its start not on
		// record: the holder from the first day of that time, said so.
		at, ok := c.Qualifiers["point_in_time"]
		if !ok {
			continue
		}
		d, err := at.Date()
		if err != nil || d.Earliest() == histdate.MinJDN {
			continue
		}
		out = append(out, change{day: d.Earliest(), earliest: d.Earliest(),
			holders: []string{c.Value.Entity}, mode: mode, basis: claimBasis(c), since: writtenDate(d),
			note: joinNote(c.Note, "held in "+writtenDate(d)+" as the source attests; since when is not on record")})
	}
	return out
}

// parent gives the territory a territory lies in (the last located_in
// claim among its counted claims naming a territory) with that claim's
// basis.
func (s *system) parent(own []counted) (string, []Basis, bool) {
	var par string
	var basis []Basis
	for _, x := range own {
		if x.c.Property != "located_in" {
			continue
		}
		if en, ok := s.e.entities.get(x.c.Value.Entity); ok && en.Kind == kb.KindTerritory {
			par, basis = x.c.Value.Entity, claimBasis(x.c)
		}
	}
	return par, basis, par != ""
}

// inherited gives a territory's changes: its own, or, when it has none,
// those of the land it lies in, said so. The land's changes are its own,
// and its inherited ones only when its id sorts before this one's: the
// rule the engine has always followed, kept so that answers do not move.
func (s *system) inherited(id string, own []counted, ch []change) []change {
	if len(ch) > 0 {
		return ch
	}
	par, pbasis, ok := s.parent(own)
	if !ok {
		return ch
	}
	parOwn := s.countedAbout(par)
	pch := s.direct(par, parOwn)
	if par < id {
		pch = s.inherited(par, parOwn, pch)
	}
	for _, pc := range pch {
		pc.basis = slices.Concat(pc.basis, pbasis)
		pc.note = joinNote(pc.note, "as part of "+s.e.label(par))
		ch = append(ch, pc)
	}
	return ch
}

// timeline computes a territory's timeline in the view.
func (s *system) timeline(id string) *timeline {
	own := s.countedAbout(id)
	ch := s.inherited(id, own, s.direct(id, own))
	// Rights kept by jurisdiction: a residence right under the grantees'
	// jurisdiction splits a territory's holding from the treaty's effect.
	for _, pos := range s.e.idx.byObject.get(id) {
		if s.e.provisions.at(pos).Type != "residence_right" {
			continue
		}
		r, ok := s.rightOf(pos)
		if !ok {
			continue
		}
		for _, obj := range r.p.Objects {
			if obj == id {
				ch = splitJurisdiction(ch, jurisdictionGrant{from: r.from, till: r.till, holders: r.p.Grantees, basis: r.basis, provision: r.p.ID}, s.e)
			}
		}
	}
	slices.SortStableFunc(ch, func(a, b change) int { return cmp.Compare(a.day, b.day) })
	ch = mergeRepeats(foldDisputes(ch))
	least := histdate.MaxJDN
	for k := len(ch) - 1; k >= 0; k-- {
		least = min(least, ch[k].earliest)
		ch[k].minEarliest = least
		if ch[k].since == "" {
			ch[k].since = dayString(ch[k].sinceDay)
		}
	}
	return &timeline{label: s.e.label(id), changes: ch}
}
