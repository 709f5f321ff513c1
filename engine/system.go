package engine

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"treatyline/histdate"
	"treatyline/kb"
)

// system is the treaty system compiled for one perspective: per treaty
// its effective day and end, per territory a timeline of holders, and the
// rights with the days they hold. A treaty is compiled when it is first
// asked for (with the treaties linked to it), a territory's timeline
// likewise, and the rights when they are first listed, so that one
// territory's answer costs that territory's work. A system is never changed once a reader can see
// it, except to fill in what it computes on first use (each fill is
// atomic): readers take no lock.
type system struct {
	e *Engine // the knowledge base it was compiled from
	p Perspective
	// treaties are the treaties' records by their place in treatyIDs,
	// each compiled on first use with the treaties linked to it.
	treaties     []atomic.Pointer[treaty]
	treatyIDs    []string
	territoryIDs []string
	// timelines are the territories' timelines by their place in
	// territoryIDs, each computed on first use.
	timelines []atomic.Pointer[timeline]
	rightsMu  sync.Mutex // serialises computing the rights
	rights    atomic.Pointer[rightList]
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
func disowning(recs map[string]*treaty, t *treaty, c kb.Claim, party, clause string, refusal bool) *disown {
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
		conf := recs[r.treaty]
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
func actDetail(t *treaty, c kb.Claim, text string) detail {
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
