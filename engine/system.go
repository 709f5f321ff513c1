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
	// signed is the most precise signing date; effect is the day the
	// treaty's provisions take effect (the latest possible day of entry
	// into force, else of signature); earliest is the first day it may
	// have.
	signed          *histdate.Date
	signedClaim     *kb.Claim
	effect          histdate.JDN
	earliest        histdate.JDN
	dated           bool
	end             histdate.JDN // the successor's effect, or MaxJDN
	endBy           string
	endHow          string // "superseded", "reversed"
	endBasis        []Basis
	signedB         []Basis // the basis of signedClaim, made once
	neverImpl       *kb.Claim
	void            bool // in this perspective's party view
	voidBasis       []Basis
	voidedClauses   map[string]kb.Claim // provision id -> the disowning claim
	details         []string
	detailBasis     []Basis
	ratified        map[string]kb.Claim
	refused         map[string]kb.Claim
	disowningClaims []kb.Claim
}

// change is one event in a territory's timeline.
type change struct {
	day, earliest histdate.JDN
	// minEarliest is the least earliest of this change and all after it:
	// a lookup past the last change before its day need not scan for an
	// open window when minEarliest shows there is none.
	minEarliest histdate.JDN
	since       string // day, formatted once
	holders     []string
	mode        string
	basis       []Basis
	note        string
	disownedBy  []string // the parties that disown the provision behind it
}

// right is a right-granting provision with the days it holds.
type right struct {
	p          *kb.Provision // in Engine.provisions: the struct is large, and rights are many
	index      int           // of p in Engine.provisions
	from, till histdate.JDN
	basis      []Basis
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

func compile(e *Engine, p Perspective) *system {
	s := &system{treaties: map[string]*treaty{}}
	for id, en := range e.entities {
		switch en.Kind {
		case kb.KindTreaty:
			s.treaties[id] = &treaty{id: id, end: histdate.MaxJDN, effect: histdate.MaxJDN, earliest: histdate.MaxJDN,
				ratified: map[string]kb.Claim{}, refused: map[string]kb.Claim{}, voidedClauses: map[string]kb.Claim{}}
			s.treatyIDs = append(s.treatyIDs, id)
		case kb.KindTerritory:
			s.territoryIDs = append(s.territoryIDs, id)
		}
	}
	sort.Strings(s.treatyIDs)
	sort.Strings(s.territoryIDs)
	changes := make(map[string][]change, len(s.territoryIDs))

	// The claims that count, preferred ones alone where a subject and
	// property has any.
	claims := make([]kb.Claim, 0, len(e.claims))
	preferred := map[string]bool{}
	for _, c := range e.claims {
		if counts(p, c.Status, c.Rank, c.Evidence) && c.Rank == kb.Preferred {
			preferred[c.Subject+"\x00"+c.Property] = true
		}
	}
	for _, c := range e.claims {
		if counts(p, c.Status, c.Rank, c.Evidence) && (c.Rank == kb.Preferred || !preferred[c.Subject+"\x00"+c.Property]) {
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
		case "signed", "in_force":
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
		case "ratified", "ratification_refused":
			party := c.Qualifiers["party"].Entity
			if c.Property == "ratified" && (c.Value.Type == kb.TDate || c.Value.Bool) {
				t.ratified[party] = c
			}
			if c.Property == "ratification_refused" && (c.Value.Type == kb.TDate || c.Value.Bool) {
				t.refused[party] = c
			}
		case "disowned_by":
			t.disowningClaims = append(t.disowningClaims, c)
		}
	}
	for _, c := range claims {
		var from, to, how string
		switch c.Property {
		case "superseded_by", "reversed_by":
			from, to, how = c.Subject, c.Value.Entity, map[string]string{"superseded_by": "superseded", "reversed_by": "reversed"}[c.Property]
		case "supersedes", "reverses":
			from, to, how = c.Value.Entity, c.Subject, map[string]string{"supersedes": "superseded", "reverses": "reversed"}[c.Property]
		case "confirmed_by", "confirms":
			t, by := c.Subject, c.Value.Entity
			if c.Property == "confirms" {
				t, by = by, t
			}
			if tr := s.treaties[t]; tr != nil {
				tr.details = dedupe(append(tr.details, "confirmed by "+by))
				tr.detailBasis = append(tr.detailBasis, claimBasis(c)...)
			}
			continue
		default:
			continue
		}
		t, succ := s.treaties[from], s.treaties[to]
		if t == nil || succ == nil || !succ.dated {
			continue
		}
		if succ.effect < t.end {
			t.end, t.endBy, t.endHow = succ.effect, to, how
			t.endBasis = append(claimBasis(c), succ.signedBasis()...)
		}
	}
	// A party's own acts, honoured in its perspective.
	for _, t := range s.treaties {
		for party, c := range t.refused {
			t.details = append(t.details, "ratification refused by "+party)
			t.detailBasis = append(t.detailBasis, claimBasis(c)...)
			if party == p.Party {
				if _, also := t.ratified[party]; !also {
					t.void = true
					t.voidBasis = append(t.voidBasis, claimBasis(c)...)
				}
			}
		}
		for party, c := range t.ratified {
			t.details = append(t.details, "ratified by "+party)
			t.detailBasis = append(t.detailBasis, claimBasis(c)...)
		}
		for _, c := range t.disowningClaims {
			clause := c.Qualifiers["clause"].Entity
			what := "disowned by " + c.Value.Entity
			if clause != "" {
				what += " (" + clause + ")"
			}
			t.details = append(t.details, what)
			t.detailBasis = append(t.detailBasis, claimBasis(c)...)
			if c.Value.Entity == p.Party {
				if clause != "" {
					t.voidedClauses[clause] = c
				} else {
					t.void = true
					t.voidBasis = append(t.voidBasis, claimBasis(c)...)
				}
			}
		}
		t.details = dedupe(t.details)
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
				nChanges[obj]++
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
		typ := kb.ProvisionTypes[pr.Type]
		signed := t.signedBasis()
		basis := make([]Basis, 0, len(pr.Evidence)+len(signed))
		basis = append(appendEvidenceBasis(basis, pr.Evidence, Basis{Provision: pr.ID}), signed...)
		if disown, ok := t.voidedClauses[pr.ID]; ok || t.void {
			if typ.Moves {
				// The party that disowns the clause holds to what it had:
				// it asserts its own hold on the territory.
				vb := t.voidBasis
				if ok {
					vb = claimBasis(disown)
				}
				for _, obj := range pr.Objects {
					if contains(pr.Grantors, p.Party) {
						changes[obj] = append(changes[obj], change{day: t.effect, earliest: t.earliest, holders: []string{p.Party},
							mode: "sole", basis: slices.Concat(vb, basis), note: fmt.Sprintf("%s does not recognise %s", p.Party, pr.ID),
							disownedBy: []string{p.Party}})
					}
				}
			}
			continue
		}
		switch {
		case typ.Moves:
			holders, mode := pr.Grantees, "sole"
			if pr.Type == "condominium" {
				holders, mode = union(pr.Grantors, pr.Grantees), "joint"
			}
			note := ""
			var disownedBy []string
			if p.Party == "" {
				for _, c := range t.disowningClaims {
					if c.Qualifiers["clause"].Entity == pr.ID || c.Qualifiers["clause"].Entity == "" {
						note = fmt.Sprintf("%s disowned this (%s); from its perspective it does not hold", c.Value.Entity, pr.ID)
						disownedBy = union(disownedBy, []string{c.Value.Entity})
					}
				}
			}
			for _, obj := range pr.Objects {
				changes[obj] = append(changes[obj], change{day: t.effect, earliest: t.earliest, holders: holders, mode: mode, basis: basis, note: note,
					disownedBy: disownedBy})
			}
		case typ.Right:
			s.rights = append(s.rights, right{p: pr, index: i, from: t.effect, till: t.end, basis: basis})
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
		start, ok := c.Qualifiers["start_time"]
		if !ok {
			continue
		}
		d, err := start.Date()
		if err != nil {
			continue
		}
		mode := "sole"
		if c.Property == "occupied_by" {
			mode = "occupied"
		}
		changes[c.Subject] = append(changes[c.Subject], change{day: d.Latest(), earliest: d.Earliest(),
			holders: []string{c.Value.Entity}, mode: mode, basis: claimBasis(c), note: c.Note})
	}
	s.territories = make(map[string]*timeline, len(s.territoryIDs))
	for _, id := range s.territoryIDs {
		ch := changes[id]
		slices.SortStableFunc(ch, func(a, b change) int { return cmp.Compare(a.day, b.day) })
		ch = mergeRepeats(foldDisputes(ch))
		least := histdate.MaxJDN
		for k := len(ch) - 1; k >= 0; k-- {
			least = min(least, ch[k].earliest)
			ch[k].minEarliest, ch[k].since = least, dayString(ch[k].day)
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

// considerDate keeps the most precise signing date (entry into force
// beats signature).
func (t *treaty) considerDate(c kb.Claim, d histdate.Date) {
	if d.Latest() == histdate.MaxJDN || d.Earliest() == histdate.MinJDN {
		return
	}
	width := d.Latest() - d.Earliest()
	better := !t.dated
	if t.dated {
		curWidth := t.signed.Latest() - t.signed.Earliest()
		inForce := c.Property == "in_force" && t.signedClaim.Property != "in_force"
		better = inForce || c.Property == t.signedClaim.Property && width < curWidth
	}
	if !better {
		return
	}
	dd, cc := d, c
	t.signed, t.signedClaim, t.dated = &dd, &cc, true
	t.signedB = claimBasis(c)
	t.effect, t.earliest = d.Latest(), d.Earliest()
}

// signedBasis gives the basis of the signing date. It is shared: append
// to a copy.
func (t *treaty) signedBasis() []Basis { return t.signedB }

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

// dedupe sorts a list and drops repeats: two sources saying the same
// thing give one detail and two pieces of basis.
func dedupe(list []string) []string {
	sort.Strings(list)
	out := list[:0]
	for i, x := range list {
		if i == 0 || x != list[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// foldDisputes makes one change of the changes that fall on one day and
// disagree on who holds the land: two sources, or two statements, that
// give it to different parties at once. The land is disputed between all
// they name, on the basis of each.
func foldDisputes(ch []change) []change {
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
			if v := c.mode + " " + strings.Join(c.holders, ", "); !contains(views, v) {
				views = append(views, v)
			}
		}
		d.note = "the statements differ: " + strings.Join(views, "; ")
		out = append(out, d)
		i = j
	}
	return out
}

// mergeRepeats folds a change that leaves holders and mode as they were
// into the one before it: a later statement that Russia held the land it
// had just been ceded adds evidence, not a new beginning.
func mergeRepeats(ch []change) []change {
	out := ch[:0]
	for _, c := range ch {
		if n := len(out); n > 0 && out[n-1].mode == c.mode && sameSet(out[n-1].holders, c.holders) {
			out[n-1].basis = append(append([]Basis{}, out[n-1].basis...), c.basis...)
			if len(c.disownedBy) > 0 {
				out[n-1].disownedBy = union(out[n-1].disownedBy, c.disownedBy)
			}
			if out[n-1].note == "" {
				out[n-1].note = c.note
			}
			continue
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
