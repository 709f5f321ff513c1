package engine

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"treatyline/histdate"
	"treatyline/kb"
)

// system is the treaty system compiled for one perspective: per treaty
// its effective day and end, per territory a timeline of holders, and the
// rights with the days they hold.
type system struct {
	treaties     map[string]*treaty
	treatyIDs    []string
	territories  map[string]*timeline // the territory entities only
	territoryIDs []string
	rights       []right
}

// timeline is a territory's label and its changes, sorted by day: all a
// lookup needs, behind one map access.
type timeline struct {
	label   string
	changes []change
}

// treaty is what the engine knows of one treaty in a perspective.
type treaty struct {
	id string
	// signed is the chosen signing date (see considerDate); effect is the
	// day the treaty's provisions take effect (the latest possible day of
	// entry into force, else of signature); earliest is the first day it
	// may have.
	signed      *histdate.Date
	signedClaim *kb.Claim
	effect      histdate.JDN
	earliest    histdate.JDN
	dated       bool
	// chosenWhy says why signedClaim was chosen among the date claims.
	chosenWhy   string
	dateClaims  int
	cands       []dateCand
	end         histdate.JDN // the successor's effect, or MaxJDN
	endBy       string
	endHow      string // "superseded", "reversed"
	endBasis    []Basis
	signedB     []Basis // the basis of signedClaim, made once
	neverImpl   *kb.Claim
	parties     map[string]bool
	ratified    map[string]kb.Claim
	refused     map[string]kb.Claim
	disowning   []kb.Claim
	confirmedBy []relation // treaties that confirm this one
	details     []detail
	// void is the window in which the perspective's party holds the whole
	// treaty void (refused or disowned, until it signs a treaty that
	// confirms it); voidedClauses the same for single provisions.
	void          *disown
	voidedClauses map[string]*disown
	// disowns are every party's disowning acts, for the notes of the
	// consensus and other parties' views.
	disowns []*disown
}

// relation is a treaty named by a claim about another, with the claim.
type relation struct {
	treaty string
	claim  kb.Claim
}

// detail is a line of a treaty's details with the day from which it is
// true: nothing is said of an act before the day it happened.
type detail struct {
	text  string
	from  histdate.JDN
	basis []Basis
}

// disown is a party's act of not recognising a treaty or one of its
// clauses, with the days it holds: from the treaty's effect (or the
// act's own date, when later) until the party signs or ratifies a treaty
// that confirms the one it disowned.
type disown struct {
	party    string
	clause   string // a provision id, "" for the whole treaty
	from     histdate.JDN
	till     histdate.JDN // MaxJDN while nothing ends it
	by       string       // the confirming treaty that ends it
	basis    []Basis
	endBasis []Basis
	refusal  bool
	dated    bool // the claim dates the act
}

func (d *disown) covers(day histdate.JDN) bool { return d != nil && d.from <= day && day < d.till }

// change is one event in a territory's timeline.
type change struct {
	day, earliest histdate.JDN
	// minEarliest is the least earliest of this change and all after it:
	// a lookup past the last change before its day need not scan for an
	// open window when minEarliest shows there is none.
	minEarliest histdate.JDN
	sinceDay    histdate.JDN // the day the holding began: day, or an earlier change's for a repeat
	since       string       // the holding's start as its source dates it (EDTF), formatted once
	holders     []string
	mode        string
	basis       []Basis
	note        string
	disownedBy  []string // the parties that disown the provision behind it
	// jurisdiction is who keeps jurisdiction where it is not the holders'.
	jurisdiction []string
	repeat       bool // the holders and mode of the change before it, with more basis
	// weak marks a change that only restates a treaty's terms when a
	// party's disowning ends: another change on the same day (the
	// confirming treaty's own terms) prevails over it.
	weak bool
}

// right is a right-granting provision with the days it holds.
type right struct {
	p          *kb.Provision // in Engine.provisions: the struct is large, and rights are many
	index      int           // of p in Engine.provisions
	from, till histdate.JDN
	basis      []Basis
	since      string
	// hideLimits is set in a view of chosen sources when the provision's
	// words (limits) rest also on sources outside it: the view then gives
	// the quotes of its own sources, not words drawn from others.
	hideLimits bool
}

// maxSourceSets bounds the compiled perspectives that name a set of
// sources: there are as many such sets as a client cares to ask for, so
// the least recently used are compiled again when asked for after they
// were dropped. Consensus and party perspectives, a handful, stay.
const maxSourceSets = 16

func (e *Engine) system(p Perspective) *system {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.uses++
	key := p.key()
	if c, ok := e.compiled[key]; ok {
		c.used = e.uses
		return c.sys
	}
	if len(p.Sources) > 0 {
		n, oldest, oldestKey := 0, e.uses, ""
		for k, c := range e.compiled {
			if c.sourceSet {
				n++
				if c.used < oldest {
					oldest, oldestKey = c.used, k
				}
			}
		}
		if n >= maxSourceSets {
			delete(e.compiled, oldestKey)
		}
	}
	s := compile(e, p)
	e.compiled[key] = &compiled{sys: s, used: e.uses, sourceSet: len(p.Sources) > 0}
	return s
}

// compiled is a perspective's system and when it was last asked for.
type compiled struct {
	sys       *system
	used      uint64
	sourceSet bool
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

func compile(e *Engine, p Perspective) *system {
	s := &system{treaties: map[string]*treaty{}}
	for id, en := range e.entities {
		switch en.Kind {
		case kb.KindTreaty:
			s.treaties[id] = &treaty{id: id, end: histdate.MaxJDN, effect: histdate.MaxJDN, earliest: histdate.MaxJDN,
				parties: map[string]bool{}, ratified: map[string]kb.Claim{}, refused: map[string]kb.Claim{},
				voidedClauses: map[string]*disown{}}
			s.treatyIDs = append(s.treatyIDs, id)
		case kb.KindTerritory:
			s.territoryIDs = append(s.territoryIDs, id)
		}
	}
	sort.Strings(s.treatyIDs)
	sort.Strings(s.territoryIDs)
	changes := make(map[string][]change, len(s.territoryIDs))

	// The claims that count, preferred ones alone where a subject and
	// property has any; each with the evidence of the view's sources only.
	claims := make([]kb.Claim, 0, len(e.claims))
	preferred := map[string]bool{}
	for _, c := range e.claims {
		if counts(p, c.Status, c.Rank, c.Evidence) && c.Rank == kb.Preferred {
			preferred[c.Subject+"\x00"+c.Property] = true
		}
	}
	for _, c := range e.claims {
		if counts(p, c.Status, c.Rank, c.Evidence) && (c.Rank == kb.Preferred || !preferred[c.Subject+"\x00"+c.Property]) {
			all := len(c.Evidence)
			c.Evidence = viewEvidence(p, c.Evidence)
			if len(c.Evidence) < all {
				// The claim's note may draw on sources outside the view:
				// the view gives its own sources' quotes, not that note.
				c.Note = ""
			}
			claims = append(claims, c)
		}
	}

	// Lifecycle: dates first, then the relations that need them.
	for _, c := range claims {
		t := s.treaties[c.Subject]
		if t == nil {
			continue
		}
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
	for _, t := range s.treaties {
		t.chooseDate()
	}
	for _, c := range claims {
		switch c.Property {
		case "confirmed_by", "confirms":
			t, by := c.Subject, c.Value.Entity
			if c.Property == "confirms" {
				t, by = by, t
			}
			if tr, conf := s.treaties[t], s.treaties[by]; tr != nil && conf != nil {
				tr.confirmedBy = append(tr.confirmedBy, relation{treaty: by, claim: c})
			}
		}
	}
	// A party's own acts: a refusal to ratify or a disowning holds from
	// the treaty's effect (or the act's date) until the party signs or
	// ratifies a treaty that confirms this one. Honoured in the party's
	// view; recorded in every other.
	for _, id := range s.treatyIDs {
		t := s.treaties[id]
		if !t.dated {
			continue
		}
		var acts []*disown
		for party, c := range t.refused {
			if _, also := t.ratified[party]; also {
				continue // the sources disagree: recorded in details, honoured by none
			}
			acts = append(acts, s.disowning(t, c, party, "", true))
		}
		for _, c := range t.disowning {
			acts = append(acts, s.disowning(t, c, c.Value.Entity, c.Qualifiers["clause"].Entity, false))
		}
		slices.SortFunc(acts, func(a, b *disown) int {
			return cmp.Or(strings.Compare(a.party, b.party), strings.Compare(a.clause, b.clause), cmp.Compare(a.from, b.from))
		})
		t.disowns = acts
		for _, d := range acts {
			if d.party != p.Party || p.Party == "" {
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
	for _, c := range claims {
		var from, to, how string
		switch c.Property {
		case "superseded_by", "reversed_by":
			from, to, how = c.Subject, c.Value.Entity, map[string]string{"superseded_by": "superseded", "reversed_by": "reversed"}[c.Property]
		case "supersedes", "reverses":
			from, to, how = c.Value.Entity, c.Subject, map[string]string{"supersedes": "superseded", "reverses": "reversed"}[c.Property]
		default:
			continue
		}
		t, succ := s.treaties[from], s.treaties[to]
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
	// The details, each from the day it is true.
	for _, id := range s.treatyIDs {
		t := s.treaties[id]
		for _, party := range sortedKeys(t.refused) {
			c := t.refused[party]
			t.details = append(t.details, s.actDetail(t, c, "ratification refused by "+party))
		}
		for _, party := range sortedKeys(t.ratified) {
			c := t.ratified[party]
			t.details = append(t.details, s.actDetail(t, c, "ratified by "+party))
		}
		for _, r := range t.confirmedBy {
			conf := s.treaties[r.treaty]
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

	// Territories and rights from provisions. A first pass counts, at
	// most, the changes of each territory and the rights, so that the
	// slices are made once at their size: at a million provisions,
	// growing them is most of the build.
	nRights, nChanges := 0, map[string]int{}
	for i := range e.provisions {
		pr := &e.provisions[i]
		t := s.treaties[pr.Treaty]
		if t == nil || !t.dated || t.neverImpl != nil || !counts(p, pr.Status, pr.Rank, pr.Evidence) {
			continue
		}
		switch typ := kb.ProvisionTypes[pr.Type]; {
		case typ.Moves:
			for _, obj := range pr.Objects {
				nChanges[obj] += 2
			}
		case typ.Right:
			nRights++
		}
	}
	for obj, n := range nChanges {
		changes[obj] = slices.Grow(changes[obj], n)
	}
	s.rights = make([]right, 0, nRights)
	for i := range e.provisions {
		pr := &e.provisions[i]
		if !counts(p, pr.Status, pr.Rank, pr.Evidence) {
			continue
		}
		t := s.treaties[pr.Treaty]
		if t == nil || !t.dated || t.neverImpl != nil {
			continue
		}
		if t.end <= t.effect {
			// Superseded or reversed by the time it took effect: its
			// successor's terms are the ones that hold.
			continue
		}
		typ := kb.ProvisionTypes[pr.Type]
		signed := t.signedBasis()
		basis := make([]Basis, 0, len(pr.Evidence)+len(signed))
		basis = append(appendEvidenceBasis(basis, viewEvidence(p, pr.Evidence), Basis{Provision: pr.ID}), signed...)
		// The party of this view disowns the whole treaty or this clause.
		own := t.void
		if d := t.voidedClauses[pr.ID]; d != nil {
			own = d
		}
		switch {
		case typ.Moves:
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
				start := t.effect
				if own.covers(t.effect) {
					if contains(pr.Grantors, p.Party) {
						// The party that disowns the clause holds to what it had.
						changes[obj] = append(changes[obj], change{day: own.from, earliest: min(t.earliest, own.from), holders: []string{p.Party},
							mode: "sole", basis: slices.Concat(own.basis, basis), note: fmt.Sprintf("%s does not recognise %s", p.Party, pr.ID),
							disownedBy: []string{p.Party}, since: t.sinceText()})
					}
					if own.till == histdate.MaxJDN {
						continue
					}
					start = own.till
					c := change{day: start, earliest: start, holders: holders, mode: mode, basis: slices.Concat(basis, own.endBasis),
						note: fmt.Sprintf("%s recognised %s by %s", p.Party, pr.ID, own.by), weak: true}
					changes[obj] = append(changes[obj], c)
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
				changes[obj] = append(changes[obj], c)
				for _, d := range ends {
					changes[obj] = append(changes[obj], change{day: d.till, earliest: d.till, holders: holders, mode: mode,
						basis: slices.Concat(basis, d.endBasis), note: fmt.Sprintf("%s recognised %s by %s", d.party, pr.ID, d.by), weak: true})
				}
			}
		case typ.Right:
			from := t.effect
			if own.covers(t.effect) {
				if own.till == histdate.MaxJDN {
					continue
				}
				from = own.till
				basis = slices.Concat(basis, own.endBasis)
			}
			if from >= t.end {
				continue
			}
			since := t.sinceText()
			if from != t.effect {
				since = dayString(from)
			}
			s.rights = append(s.rights, right{p: pr, index: i, from: from, till: t.end, basis: basis, since: since,
				hideLimits: len(viewEvidence(p, pr.Evidence)) < len(pr.Evidence)})
		}
	}
	// Rights kept by jurisdiction: a residence right under the grantees'
	// jurisdiction splits a territory's holding from the treaty's effect.
	jur := map[string][]jurisdictionGrant{}
	for _, r := range s.rights {
		if r.p.Type != "residence_right" {
			continue
		}
		for _, obj := range r.p.Objects {
			jur[obj] = append(jur[obj], jurisdictionGrant{from: r.from, till: r.till, holders: r.p.Grantees, basis: r.basis, provision: r.p.ID})
		}
	}
	// Holdings without a treaty: occupation and recorded holders.
	for _, c := range claims {
		if c.Property != "occupied_by" && c.Property != "held_by" {
			continue
		}
		if en, ok := e.entities[c.Subject]; !ok || en.Kind != kb.KindTerritory {
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
			changes[c.Subject] = append(changes[c.Subject], change{day: d.Latest(), earliest: d.Earliest(),
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
		changes[c.Subject] = append(changes[c.Subject], change{day: d.Earliest(), earliest: d.Earliest(),
			holders: []string{c.Value.Entity}, mode: mode, basis: claimBasis(c), since: writtenDate(d),
			note: joinNote(c.Note, "held in "+writtenDate(d)+" as the source attests; since when is not on record")})
	}
	// A territory that lies in another (located_in) and has no holder of
	// its own on record follows the holder of the land it lies in.
	parentOf := map[string]change{}
	for _, c := range claims {
		if c.Property != "located_in" {
			continue
		}
		if en, ok := e.entities[c.Subject]; !ok || en.Kind != kb.KindTerritory {
			continue
		}
		if en, ok := e.entities[c.Value.Entity]; ok && en.Kind == kb.KindTerritory {
			parentOf[c.Subject] = change{holders: []string{c.Value.Entity}, basis: claimBasis(c)}
		}
	}
	for _, id := range s.territoryIDs {
		par, ok := parentOf[id]
		if !ok || len(changes[id]) > 0 {
			continue
		}
		for _, pc := range changes[par.holders[0]] {
			pc.basis = slices.Concat(pc.basis, par.basis)
			pc.note = joinNote(pc.note, "as part of "+e.label(par.holders[0]))
			changes[id] = append(changes[id], pc)
		}
	}
	s.territories = make(map[string]*timeline, len(s.territoryIDs))
	for _, id := range s.territoryIDs {
		ch := changes[id]
		for _, g := range jur[id] {
			ch = splitJurisdiction(ch, g, e)
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
		s.territories[id] = &timeline{label: e.label(id), changes: ch}
	}
	// Rights by their first day, then provision id; the order in the
	// knowledge base breaks what ties remain, as a stable sort would.
	slices.SortFunc(s.rights, func(a, b right) int {
		if a.from != b.from {
			return cmp.Compare(a.from, b.from)
		}
		if a.p.ID != b.p.ID {
			return strings.Compare(a.p.ID, b.p.ID)
		}
		return cmp.Compare(a.index, b.index)
	})
	return s
}

// jurisdictionGrant is a residence right under the grantees' jurisdiction
// over a territory, with its days.
type jurisdictionGrant struct {
	from, till histdate.JDN
	holders    []string
	basis      []Basis
	provision  string
}

// splitJurisdiction marks the holdings of a territory inside a
// jurisdiction grant as split: sovereignty with the holders, jurisdiction
// with the grant's holders. A change at the grant's start (and its end)
// is added so the split shows from its own day.
func splitJurisdiction(ch []change, g jurisdictionGrant, e *Engine) []change {
	slices.SortStableFunc(ch, func(a, b change) int { return cmp.Compare(a.day, b.day) })
	// The holding in force when the grant starts continues, split.
	var cur *change
	for k := range ch {
		if ch[k].day <= g.from {
			cur = &ch[k]
		}
	}
	out := ch
	if cur != nil && cur.day < g.from {
		c := *cur
		c.day, c.earliest, c.since = g.from, g.from, ""
		c.basis = slices.Concat(c.basis)
		out = append(out, c)
	}
	if g.till != histdate.MaxJDN {
		var last *change
		for k := range out {
			if out[k].day <= g.till {
				last = &out[k]
			}
		}
		if last != nil && last.day < g.till {
			c := *last
			c.day, c.earliest, c.since, c.jurisdiction = g.till, g.till, "", nil
			out = append(out, c)
		}
	}
	for k := range out {
		c := &out[k]
		if c.day < g.from || c.day >= g.till || sameSet(c.holders, g.holders) || c.mode == "disputed" {
			continue
		}
		c.jurisdiction = union(c.jurisdiction, g.holders)
		c.mode = "split"
		c.basis = slices.Concat(c.basis, g.basis)
		c.note = joinNote(c.note, fmt.Sprintf("sovereignty with %s; jurisdiction over the residents kept by %s (%s)",
			strings.Join(c.holders, ", "), strings.Join(g.holders, ", "), g.provision))
	}
	return out
}

// disowning makes a party's act of disowning (or refusing) a treaty or a
// clause, with its days: from the treaty's effect, or the act's own date
// when the claim gives a later one, never before the signing; until the
// effect of a treaty that confirms this one and that the party signed or
// ratified.
func (s *system) disowning(t *treaty, c kb.Claim, party, clause string, refusal bool) *disown {
	d := &disown{party: party, clause: clause, from: t.effect, till: histdate.MaxJDN, basis: claimBasis(c), refusal: refusal}
	if when, ok := actDay(c); ok && when.Latest() != histdate.MaxJDN {
		d.from, d.dated = max(d.from, when.Latest()), true
	}
	if v, ok := c.Qualifiers["end_time"]; ok {
		if when, err := v.Date(); err == nil && when.Latest() != histdate.MaxJDN {
			d.till = when.Latest()
		}
	}
	for _, r := range t.confirmedBy {
		conf := s.treaties[r.treaty]
		if !conf.dated {
			continue
		}
		_, ratified := conf.ratified[party]
		if !conf.parties[party] && !ratified {
			continue
		}
		at := max(conf.effect, d.from)
		if at < d.till {
			d.till, d.by = at, r.treaty
			d.endBasis = slices.Concat(claimBasis(r.claim), conf.signedBasis())
		}
	}
	return d
}

// mergeDisown joins two acts of one party against one treaty or clause:
// from the first start to the last end.
func mergeDisown(a, b *disown) *disown {
	out := *a
	out.from = min(a.from, b.from)
	if b.till > a.till {
		out.till, out.by, out.endBasis = b.till, b.by, b.endBasis
	}
	out.basis = slices.Concat(a.basis, b.basis)
	return &out
}

// actDetail makes the detail of a party's act on a treaty: from the act's
// own date, or, where the sources do not date it, from the treaty's
// effect, said to be undated.
func (s *system) actDetail(t *treaty, c kb.Claim, text string) detail {
	from := t.effect
	if when, ok := actDay(c); ok && when.Latest() != histdate.MaxJDN {
		from = max(from, when.Latest())
		text += " (" + writtenDate(when) + ")"
	} else {
		text += " (date not given)"
	}
	return detail{text: text, from: from, basis: claimBasis(c)}
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" || strings.Contains(a, b) {
		return a
	}
	return a + "; " + b
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// dateCand is a date claim of a treaty.
type dateCand struct {
	c kb.Claim
	d histdate.Date
}

// considerDate records a date claim of a treaty; chooseDate picks among
// them once all are in.
func (t *treaty) considerDate(c kb.Claim, d histdate.Date) {
	if d.Latest() == histdate.MaxJDN || d.Earliest() == histdate.MinJDN {
		return
	}
	t.cands = append(t.cands, dateCand{c, d})
}

// chooseDate picks one date among a treaty's date claims by the consensus
// rule of docs/engine.md: entry into force beats signature, which beats
// the negotiation (a view whose sources give only the negotiation that
// ended in the treaty, as 002 gives Aigun's May 1858); a claim whose
// span of days holds another's (a year that holds a day) refines into
// the finer one and is not a reading of its own; among the finest, the
// span the most sources state wins, then the one the most coarser claims
// hold, then the earliest. Rejected and candidate claims never reach here
// (see counts).
func (t *treaty) chooseDate() {
	if len(t.cands) == 0 {
		return
	}
	prop := "negotiated"
	for _, x := range t.cands {
		if x.c.Property == "in_force" || x.c.Property == "signed" && prop == "negotiated" {
			prop = x.c.Property
		}
	}
	var cs []dateCand
	for _, x := range t.cands {
		if x.c.Property == prop {
			cs = append(cs, x)
		}
	}
	t.dateClaims = len(cs)
	holds := func(a, b dateCand) bool { // a's span holds b's, strictly wider
		return a.d.Earliest() <= b.d.Earliest() && b.d.Latest() <= a.d.Latest() && a.d.Latest()-a.d.Earliest() > b.d.Latest()-b.d.Earliest()
	}
	var finest []dateCand
	for _, a := range cs {
		coarse := false
		for _, b := range cs {
			if holds(a, b) {
				coarse = true
				break
			}
		}
		if !coarse {
			finest = append(finest, a)
		}
	}
	sources := func(a dateCand, exact bool) int {
		seen := map[string]bool{}
		for _, b := range cs {
			same := b.d.Earliest() == a.d.Earliest() && b.d.Latest() == a.d.Latest()
			if same || !exact && holds(b, a) {
				for _, ev := range b.c.Evidence {
					seen[ev.Source] = true
				}
			}
		}
		return len(seen)
	}
	best := finest[0]
	why := "the only date claim in this view"
	if len(cs) > 1 {
		why = "the most precise of the date claims"
	}
	distinct := false
	for _, a := range finest[1:] {
		if a.d.Earliest() != best.d.Earliest() || a.d.Latest() != best.d.Latest() {
			distinct = true
		}
		sa, sb := sources(a, true), sources(best, true)
		ca, cb := sources(a, false), sources(best, false)
		switch {
		case sa != sb:
			if sa > sb {
				best = a
			}
		case ca != cb:
			if ca > cb {
				best = a
			}
		case a.d.Latest() != best.d.Latest():
			if a.d.Latest() < best.d.Latest() {
				best = a
			}
		case best.d.Calendar != histdate.Gregorian && a.d.Calendar == histdate.Gregorian,
			a.d.Calendar == best.d.Calendar && len(a.c.Evidence) > len(best.c.Evidence):
			// The same day: shown as a Gregorian source writes it, else
			// as the one with the most evidence.
			best = a
		}
	}
	if distinct {
		tie := false
		for _, a := range finest {
			if (a.d.Earliest() != best.d.Earliest() || a.d.Latest() != best.d.Latest()) &&
				sources(a, true) == sources(best, true) && sources(a, false) == sources(best, false) {
				tie = true
			}
		}
		why = fmt.Sprintf("the sources give different dates: this one is stated by %d source(s), more than any other", sources(best, true))
		if tie {
			why = fmt.Sprintf("the sources give different dates, each stated by as many sources (%d): the earliest is taken, the disagreement stands (see conflicts)", sources(best, true))
		}
	}
	switch {
	case prop == "in_force" && len(cs) < len(t.cands):
		why = "entry into force beats signature; " + why
	case prop == "negotiated":
		why = "the view's sources give no signing date: dated by the negotiation they give, which ended in the treaty; " + why
	}
	dd, cc := best.d, best.c
	t.signed, t.signedClaim, t.dated = &dd, &cc, true
	t.signedB = claimBasis(cc)
	t.effect, t.earliest = dd.Latest(), dd.Earliest()
	t.chosenWhy = why
}

// signedBasis gives the basis of the signing date. It is shared: append
// to a copy.
func (t *treaty) signedBasis() []Basis { return t.signedB }

// sinceText is the treaty's date at the precision its source gives.
func (t *treaty) sinceText() string {
	if t.signed == nil {
		return ""
	}
	return writtenDate(*t.signed)
}

// writtenDate gives a date at the precision its source gives, in EDTF
// (Gregorian): "1858-05-28", "1858-05", "1727"; a date written in another
// calendar has its own figures beside it: "1858-05-28 (1858-05-16
// julian)". Never a year's last day for a year.
func writtenDate(d histdate.Date) string {
	s := d.EDTF()
	if s == "" {
		s = d.String()
	}
	if d.Calendar != histdate.Gregorian && d.Calendar != "" && d.Calendar != histdate.Chinese {
		s += " (" + strings.TrimSuffix(d.String(), " ("+string(d.Calendar)+")") + " " + string(d.Calendar) + ")"
	} else if d.Calendar == histdate.Chinese {
		s += " (" + d.String() + ")"
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s && s != "" {
			return true
		}
	}
	return false
}

func union(a, b []string) []string {
	out := append([]string{}, a...)
	for _, x := range b {
		if !contains(out, x) {
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}

// foldDisputes makes one change of the changes that fall on one day and
// disagree on who holds the land: two sources, or two statements, that
// give it to different parties at once. The land is disputed between all
// they name, on the basis of each.
func foldDisputes(ch []change) []change {
	// A weak change gives way to any other on its day.
	strong := map[histdate.JDN]bool{}
	for _, c := range ch {
		if !c.weak {
			strong[c.day] = true
		}
	}
	kept := ch[:0]
	for _, c := range ch {
		if !c.weak || !strong[c.day] {
			kept = append(kept, c)
		}
	}
	ch = kept
	out := ch[:0]
	for i := 0; i < len(ch); {
		j := i + 1
		agree := true
		for j < len(ch) && ch[j].day == ch[i].day {
			agree = agree && ch[j].mode == ch[i].mode && sameSet(ch[j].holders, ch[i].holders)
			j++
		}
		if agree {
			out = append(out, ch[i:j]...)
			i = j
			continue
		}
		d := change{day: ch[i].day, earliest: ch[i].earliest, mode: "disputed"}
		var views []string
		for _, c := range ch[i:j] {
			d.earliest = min(d.earliest, c.earliest)
			d.holders = union(d.holders, c.holders)
			d.basis = append(d.basis, c.basis...)
			if len(c.disownedBy) > 0 {
				d.disownedBy = union(d.disownedBy, c.disownedBy)
			}
			v := c.mode + " " + strings.Join(c.holders, ", ")
			if len(c.jurisdiction) > 0 {
				v += " (jurisdiction " + strings.Join(c.jurisdiction, ", ") + ")"
			}
			if !contains(views, v) {
				views = append(views, v)
			}
		}
		d.note = "the statements differ: " + strings.Join(views, "; ")
		out = append(out, d)
		i = j
	}
	return out
}

// mergeRepeats marks a change that leaves holders and mode as they were:
// a later statement that Russia held the land it had just been ceded adds
// evidence from its own day on, not a new beginning. Its holding keeps
// the earlier start; its basis is the earlier basis and its own, and its
// notes and disowning are its own (a disowning that ended ends there).
// Changes on one day that agree are folded into one.
func mergeRepeats(ch []change) []change {
	out := ch[:0]
	for _, c := range ch {
		c.sinceDay = c.day
		n := len(out)
		if n == 0 || out[n-1].mode != c.mode || !sameSet(out[n-1].holders, c.holders) || !sameSet(out[n-1].jurisdiction, c.jurisdiction) {
			out = append(out, c)
			continue
		}
		prev := &out[n-1]
		if prev.day == c.day {
			prev.basis = append(append([]Basis{}, prev.basis...), c.basis...)
			prev.disownedBy = union(prev.disownedBy, c.disownedBy)
			if len(prev.disownedBy) == 0 {
				prev.disownedBy = nil
			}
			prev.note = joinNote(prev.note, c.note)
			prev.earliest = min(prev.earliest, c.earliest)
			continue
		}
		c.sinceDay, c.since, c.repeat = prev.sinceDay, prev.since, true
		c.earliest = c.day // the holder does not change: no window
		c.basis = appendNew(append([]Basis{}, prev.basis...), c.basis)
		if c.note == "" && len(prev.disownedBy) == 0 {
			c.note = prev.note
		}
		out = append(out, c)
	}
	return out
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !contains(b, x) {
			return false
		}
	}
	return true
}

// appendNew appends the basis entries not already in out.
func appendNew(out, more []Basis) []Basis {
	for _, b := range more {
		if !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	return out
}
