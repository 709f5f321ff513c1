package kb

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// EntityAction is what a curator decides about an entity.
type EntityAction string

// The decisions on entities. Each is recorded, and no later write of a
// batch (a re-ingest, a reload of the bundled knowledge base) undoes it.
const (
	// ActionAdd creates an entity (New), accepted unless New says otherwise.
	ActionAdd EntityAction = "add"
	// ActionRename sets labels (Labels); a label replaced is kept as an
	// alias, so that the old name still finds the entity.
	ActionRename EntityAction = "rename"
	// ActionAlias adds names (Aliases) the entity does not have yet.
	ActionAlias EntityAction = "alias"
	// ActionMerge merges Entity into Into: every claim and provision that
	// names Entity names Into instead (as a new version), Into gains
	// Entity's labels, aliases and evidence, and Entity's id resolves to
	// Into from then on.
	ActionMerge EntityAction = "merge"
	// ActionSplit makes a new entity (New) out of Entity: the Aliases
	// given move to it, and so do the Claims and Provisions given (where
	// they named Entity, they name New).
	ActionSplit EntityAction = "split"
	// ActionAccept and ActionReject set the entity's review state.
	// Rejecting an entity rejects too the candidate claims about it (as
	// subject) and the candidate provisions of it (as treaty).
	ActionAccept EntityAction = "accept"
	ActionReject EntityAction = "reject"
	// ActionPlace gives the entity a place on the map (Geometry).
	ActionPlace EntityAction = "place"
)

// EntityActions lists the actions, for validation and documentation.
var EntityActions = []EntityAction{ActionAdd, ActionRename, ActionAlias, ActionMerge, ActionSplit, ActionAccept, ActionReject, ActionPlace}

// EntityDecision is a curator's decision on an entity, as a store records
// it. Which fields an action reads is said at each action.
type EntityDecision struct {
	Action     EntityAction      `json:"action"`
	Entity     string            `json:"entity"`
	Into       string            `json:"into,omitempty"`
	New        *Entity           `json:"new,omitempty"`
	Labels     map[string]string `json:"labels,omitempty"`
	Aliases    []Alias           `json:"aliases,omitempty"`
	Claims     []string          `json:"claims,omitempty"`
	Provisions []string          `json:"provisions,omitempty"`
	Geometry   *Geometry         `json:"geometry,omitempty"`
	Note       string            `json:"note,omitempty"`
	RecordedBy string            `json:"recorded_by"`
	RecordedAt time.Time         `json:"recorded_at"`
}

// Other names the second entity of a decision: the one merged into, or the
// one split off.
func (d EntityDecision) Other() string {
	switch d.Action {
	case ActionMerge:
		return d.Into
	case ActionSplit:
		if d.New != nil {
			return d.New.ID
		}
	}
	return ""
}

// Validate checks a decision's own fields (EINVALID, naming the field).
func (d EntityDecision) Validate() error {
	bad := func(format string, args ...any) error {
		return Errorf(EINVALID, "entity decision %s on %q: "+format, append([]any{d.Action, d.Entity}, args...)...)
	}
	if !slices.Contains(EntityActions, d.Action) {
		return Errorf(EINVALID, "entity decision: action: unknown action %q (want one of %v)", d.Action, EntityActions)
	}
	if d.Action == ActionAdd && d.New != nil && d.Entity == "" {
		d.Entity = d.New.ID
	}
	if d.Entity == "" {
		return bad("entity: empty")
	}
	switch d.Action {
	case ActionAdd, ActionSplit:
		if d.New == nil {
			return bad("new: the entity to make is missing")
		}
		if err := d.New.Validate(); err != nil {
			return bad("new: %v", err)
		}
		if d.Action == ActionAdd && d.New.ID != d.Entity {
			return bad("new: id %q is not the entity decided on", d.New.ID)
		}
		if d.Action == ActionSplit && d.New.ID == d.Entity {
			return bad("new: a split needs a new id")
		}
	case ActionRename:
		if len(d.Labels) == 0 {
			return bad("labels: give at least one")
		}
		for lang, l := range d.Labels {
			if lang == "" || strings.TrimSpace(l) == "" {
				return bad("labels: want a language and a label, got %q: %q", lang, l)
			}
		}
	case ActionAlias:
		if len(d.Aliases) == 0 {
			return bad("aliases: give at least one")
		}
	case ActionMerge:
		if d.Into == "" {
			return bad("into: empty")
		}
		if d.Into == d.Entity {
			return bad("into: an entity cannot be merged into itself")
		}
	case ActionPlace:
		if d.Geometry == nil {
			return bad("geometry: missing")
		}
		if err := d.Geometry.Validate(); err != nil {
			return bad("geometry: %v", err)
		}
	}
	for i, a := range d.Aliases {
		if strings.TrimSpace(a.Text) == "" {
			return bad("aliases[%d]: empty text", i)
		}
	}
	return nil
}

// Validate checks an entity's own fields: id, kind, labels, aliases,
// status, confidence and geometry.
func (e Entity) Validate() error {
	if e.ID == "" {
		return fmt.Errorf("id: empty")
	}
	if !ValidKind(e.Kind) {
		return fmt.Errorf("kind: unknown kind %q (want one of %v)", e.Kind, Kinds)
	}
	for lang, l := range e.Labels {
		if lang == "" || l == "" {
			return fmt.Errorf("labels: want a language and a label, got %q: %q", lang, l)
		}
	}
	for i, a := range e.Aliases {
		if strings.TrimSpace(a.Text) == "" {
			return fmt.Errorf("aliases[%d]: empty text", i)
		}
	}
	switch e.Status {
	case "", Candidate, Accepted, Rejected:
	default:
		return fmt.Errorf("status: unknown status %q (want candidate, accepted or rejected)", e.Status)
	}
	if err := validConfidence(e.Confidence); err != nil {
		return err
	}
	if e.Geometry != nil {
		if err := e.Geometry.Validate(); err != nil {
			return fmt.Errorf("geometry: %w", err)
		}
	}
	return nil
}

// Validate checks that a geometry is a GeoJSON object with a type.
func (g Geometry) Validate() error {
	var obj struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(g.GeoJSON, &obj); err != nil || obj.Type == "" {
		return fmt.Errorf("want a GeoJSON object with a type")
	}
	return nil
}

// Affected is what a decision on an entity touches, as stored: the entity,
// the other entity of a merge, and the current claims and provisions that
// name the entity anywhere (subject, value, qualifier; treaty, party,
// object, amount).
type Affected struct {
	Entity     Entity
	Into       *Entity // merge: the entity merged into
	Exists     bool    // add, split: whether the new id is taken
	Claims     []Claim
	Provisions []Provision
}

// Changes are the records a decision writes: entities replaced, new
// versions of claims and provisions.
type Changes struct {
	Entities   []Entity
	Claims     []Claim
	Provisions []Provision
}

// Plan works out what a decision writes, given what it touches as
// stored, so that every store makes the same records of it. It returns
// EINVALID for a decision that does not fit what is stored (a merged
// entity, an alias to move that the entity lacks) and ECONFLICT for an
// add or split onto an id that is taken.
func (d EntityDecision) Plan(a Affected) (Changes, error) {
	if err := d.Validate(); err != nil {
		return Changes{}, err
	}
	e := a.Entity
	if d.Action != ActionAdd && e.MergedInto != "" {
		return Changes{}, Errorf(EINVALID, "entity %q was merged into %q: decide on that one", e.ID, e.MergedInto)
	}
	var out Changes
	stamp := func(c *Claim) {
		c.RecordedBy, c.RecordedAt = d.RecordedBy, d.RecordedAt
	}
	switch d.Action {
	case ActionAdd:
		if a.Exists {
			return Changes{}, Errorf(ECONFLICT, "entity %q exists already", d.New.ID)
		}
		n := *d.New
		if n.Status == "" {
			n.Status = Accepted
		}
		out.Entities = append(out.Entities, n)
	case ActionRename:
		for lang, l := range d.Labels {
			if old, ok := e.Labels[lang]; ok && old != l {
				e.Aliases = addAlias(e.Aliases, Alias{Text: old, Lang: lang})
			}
			if e.Labels == nil {
				e.Labels = map[string]string{}
			}
			e.Labels[lang] = l
		}
		out.Entities = append(out.Entities, e)
	case ActionAlias:
		for _, al := range d.Aliases {
			if !hasName(e, al) {
				e.Aliases = addAlias(e.Aliases, al)
			}
		}
		out.Entities = append(out.Entities, e)
	case ActionAccept, ActionReject:
		e.Status = Accepted
		if d.Action == ActionReject {
			e.Status = Rejected
			for _, c := range a.Claims {
				if c.Subject == e.ID && c.Status == Candidate {
					c.Status = Rejected
					stamp(&c)
					out.Claims = append(out.Claims, c)
				}
			}
			for _, p := range a.Provisions {
				if p.Treaty == e.ID && p.Status == Candidate {
					p.Status = Rejected
					out.Provisions = append(out.Provisions, p)
				}
			}
		}
		if d.Note != "" {
			e.Note = joinNotes(fmt.Sprintf("%sed by %s: %s", d.Action, d.RecordedBy, d.Note), e.Note)
		}
		out.Entities = append(out.Entities, e)
	case ActionPlace:
		g := *d.Geometry
		e.Geometry = &g
		out.Entities = append(out.Entities, e)
	case ActionMerge:
		if a.Into == nil {
			return Changes{}, Errorf(ENOTFOUND, "no entity %q to merge into", d.Into)
		}
		into := *a.Into
		if into.MergedInto != "" {
			return Changes{}, Errorf(EINVALID, "entity %q was merged into %q: merge into that one", into.ID, into.MergedInto)
		}
		for _, n := range e.Names() {
			if !hasName(into, n) {
				into.Aliases = addAlias(into.Aliases, n)
			}
		}
		into.Evidence = addEvidence(into.Evidence, e.Evidence...)
		if statusOrder(e.Status) > statusOrder(into.Status) {
			into.Status = e.Status
		}
		if into.Geometry == nil && e.Geometry != nil {
			into.Geometry = e.Geometry
		}
		e.MergedInto = into.ID
		out.Entities = append(out.Entities, e, into)
		re := func(id string) string {
			if id == e.ID {
				return into.ID
			}
			return id
		}
		for _, c := range a.Claims {
			out.Claims = append(out.Claims, renameInClaim(c, re))
			stamp(&out.Claims[len(out.Claims)-1])
		}
		for _, p := range a.Provisions {
			out.Provisions = append(out.Provisions, renameInProvision(p, re))
		}
	case ActionSplit:
		if a.Exists {
			return Changes{}, Errorf(ECONFLICT, "entity %q exists already", d.New.ID)
		}
		n := *d.New
		if n.Status == "" {
			n.Status = Accepted
		}
		for i, al := range d.Aliases {
			j := slices.IndexFunc(e.Aliases, func(x Alias) bool { return x.Text == al.Text && (al.Lang == "" || x.Lang == al.Lang) })
			if j < 0 {
				return Changes{}, Errorf(EINVALID, "entity decision split on %q: aliases[%d]: %q is not an alias of %s", e.ID, i, al.Text, e.ID)
			}
			moved := e.Aliases[j]
			e.Aliases = slices.Delete(slices.Clone(e.Aliases), j, j+1)
			if !hasName(n, moved) {
				n.Aliases = addAlias(n.Aliases, moved)
			}
		}
		re := func(id string) string {
			if id == e.ID {
				return n.ID
			}
			return id
		}
		claims := map[string]Claim{}
		for _, c := range a.Claims {
			claims[c.ID] = c
		}
		for i, id := range d.Claims {
			c, ok := claims[id]
			if !ok {
				return Changes{}, Errorf(EINVALID, "entity decision split on %q: claims[%d]: no current claim %q names %s", e.ID, i, id, e.ID)
			}
			c = renameInClaim(c, re)
			stamp(&c)
			out.Claims = append(out.Claims, c)
		}
		provisions := map[string]Provision{}
		for _, p := range a.Provisions {
			provisions[p.ID] = p
		}
		for i, id := range d.Provisions {
			p, ok := provisions[id]
			if !ok {
				return Changes{}, Errorf(EINVALID, "entity decision split on %q: provisions[%d]: no current provision %q names %s", e.ID, i, id, e.ID)
			}
			out.Provisions = append(out.Provisions, renameInProvision(p, re))
		}
		out.Entities = append(out.Entities, n, e)
	}
	return out, nil
}

// statusOrder ranks review states for a merge: the merged entity is as
// accepted as the more accepted of the two.
func statusOrder(s Status) int {
	switch s {
	case Accepted, "":
		return 2
	case Candidate:
		return 1
	}
	return 0
}

// hasName reports whether an entity has a name already, as a label or an
// alias (an alias without a language matches any).
func hasName(e Entity, a Alias) bool {
	for _, n := range e.Names() {
		if n.Text == a.Text && (a.Lang == "" || n.Lang == "" || n.Lang == a.Lang) {
			return true
		}
	}
	return false
}

func addAlias(as []Alias, a Alias) []Alias {
	for _, x := range as {
		if x.Text == a.Text && x.Lang == a.Lang {
			return as
		}
	}
	return append(slices.Clone(as), a)
}

// addEvidence appends the evidence not already held (the same source and
// span).
func addEvidence(have []Evidence, more ...Evidence) []Evidence {
	out := slices.Clone(have)
	for _, m := range more {
		if !slices.ContainsFunc(out, func(x Evidence) bool {
			return x.Source == m.Source && x.Position == m.Position
		}) {
			out = append(out, m)
		}
	}
	return out
}

// MergeNames gives a stored entity with the names and evidence of a
// later record of it added: what a batch brings to an entity a curator
// has decided on, which the batch does not replace.
func MergeNames(stored, more Entity) Entity {
	for _, n := range more.Names() {
		if !hasName(stored, n) {
			stored.Aliases = addAlias(stored.Aliases, n)
		}
	}
	stored.Evidence = addEvidence(stored.Evidence, more.Evidence...)
	return stored
}

func joinNotes(a, b string) string {
	if b == "" {
		return a
	}
	return a + "; " + b
}

// renameInClaim gives a claim with every entity id passed through re.
func renameInClaim(c Claim, re func(string) string) Claim {
	c.Subject = re(c.Subject)
	if c.Value.Entity != "" {
		c.Value.Entity = re(c.Value.Entity)
	}
	if len(c.Qualifiers) > 0 {
		q := make(map[string]Value, len(c.Qualifiers))
		for k, v := range c.Qualifiers {
			if v.Entity != "" {
				v.Entity = re(v.Entity)
			}
			q[k] = v
		}
		c.Qualifiers = q
	}
	return c
}

// renameInProvision gives a provision with every entity id passed through
// re; a party or object named twice after it is named once.
func renameInProvision(p Provision, re func(string) string) Provision {
	p.Treaty = re(p.Treaty)
	list := func(ids []string) []string {
		if ids == nil {
			return nil
		}
		out := make([]string, 0, len(ids))
		for _, id := range ids {
			if id = re(id); !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
		return out
	}
	p.Grantors, p.Grantees, p.Objects, p.Excludes = list(p.Grantors), list(p.Grantees), list(p.Objects), list(p.Excludes)
	if p.Amount != nil && p.Amount.Entity != "" {
		a := *p.Amount
		a.Entity = re(a.Entity)
		p.Amount = &a
	}
	return p
}

// RenameEntities gives a batch with every reference to an entity passed
// through re: a store writes references to a merged entity as references
// to the entity it was merged into.
func RenameEntities(b Batch, re func(string) string) Batch {
	b.Claims = slices.Clone(b.Claims)
	for i := range b.Claims {
		b.Claims[i] = renameInClaim(b.Claims[i], re)
	}
	b.Provisions = slices.Clone(b.Provisions)
	for i := range b.Provisions {
		b.Provisions[i] = renameInProvision(b.Provisions[i], re)
	}
	return b
}

// maxMergeChain bounds the merges ResolveEntity follows.
const maxMergeChain = 32

// ResolveEntity returns the entity an id names now: the entity itself, or
// the one it was merged into (following merges of merges). ENOTFOUND for
// an unknown id.
func ResolveEntity(ctx context.Context, st Store, id string) (Entity, error) {
	for range maxMergeChain {
		e, err := st.Entity(ctx, id)
		if err != nil {
			return Entity{}, err
		}
		if e.MergedInto == "" {
			return e, nil
		}
		id = e.MergedInto
	}
	return Entity{}, Errorf(EINTERNAL, "entity %q: more than %d merges to follow", id, maxMergeChain)
}

// AcceptCounts is what an accept-all decided.
type AcceptCounts struct {
	Entities   int `json:"entities"`
	Claims     int `json:"claims"`
	Provisions int `json:"provisions"`
	// HeldBack counts the candidates at or above the threshold left
	// candidates because they name an entity that is neither accepted nor
	// accepted in the same pass, or have no evidence.
	HeldBack int `json:"held_back"`
}

// DefaultMinConfidence is the threshold review --accept-all uses when none
// is given.
const DefaultMinConfidence = 0.5

// PlanAcceptAll works out what accepting every candidate at or above min
// writes: candidate entities with Confidence >= min; candidate claims and
// provisions with Confidence >= min whose every entity is accepted (before
// or in this pass) and that have evidence. entity gives the stored entity
// of an id (false when unknown).
func PlanAcceptAll(min float64, entities []Entity, claims []Claim, provisions []Provision, by string, at time.Time) (Changes, AcceptCounts) {
	var out Changes
	var n AcceptCounts
	status := map[string]Status{}
	for _, e := range entities {
		status[e.ID] = e.Status
		if e.Status == Candidate && e.MergedInto == "" && e.Confidence >= min {
			e.Status = Accepted
			status[e.ID] = Accepted
			out.Entities = append(out.Entities, e)
			n.Entities++
		}
	}
	ok := func(id string) bool {
		s, known := status[id]
		// An entity not listed (merged, or outside the list given) is not
		// held against the record: the store resolves merged ids.
		return !known || s == Accepted || s == ""
	}
	for _, c := range claims {
		if c.Status != Candidate || c.Confidence < min {
			continue
		}
		fine := len(c.Evidence) > 0 && ok(c.Subject) && (c.Value.Entity == "" || ok(c.Value.Entity))
		for _, q := range c.Qualifiers {
			if q.Entity != "" && !ok(q.Entity) {
				fine = false
			}
		}
		if !fine {
			n.HeldBack++
			continue
		}
		c.Status, c.RecordedBy, c.RecordedAt = Accepted, by, at
		out.Claims = append(out.Claims, c)
		n.Claims++
	}
	for _, p := range provisions {
		if p.Status != Candidate || p.Confidence < min {
			continue
		}
		fine := len(p.Evidence) > 0 && ok(p.Treaty)
		for _, ids := range [][]string{p.Grantors, p.Grantees, p.Objects, p.Excludes} {
			for _, id := range ids {
				if !ok(id) {
					fine = false
				}
			}
		}
		if !fine {
			n.HeldBack++
			continue
		}
		p.Status = Accepted
		out.Provisions = append(out.Provisions, p)
		n.Provisions++
	}
	return out, n
}

// EntityTx is what a store's write transaction offers a curator's
// decision: the stored records it reads and the writes it makes. Each
// store's writer implements it, so that the steps of a decision are
// written once (ApplyEntityDecision) and every store takes them alike.
type EntityTx interface {
	// EntityExists tells whether an entity id is stored.
	EntityExists(id string) (bool, error)
	// StoredEntity returns an entity as stored, and whether it is.
	StoredEntity(id string) (Entity, bool, error)
	// Naming lists the current claims and provisions that name an entity.
	Naming(id string) ([]Claim, []Provision, error)
	// WriteEntity replaces or adds an entity.
	WriteEntity(e Entity) error
	// WriteChanges writes a plan's claims and provisions as new versions
	// that keep each record's decided state, provisions recorded by by.
	WriteChanges(ch Changes, by string) error
	// RecordDecision appends the decision to the entities' decision log.
	RecordDecision(d EntityDecision) error
}

// ApplyEntityDecision carries out a validated decision inside a store's
// transaction: it reads what the decision touches, plans the changes
// (Plan), writes entities before what names them, records the decision,
// and returns the entity as it stands after (for a merge the one merged
// into, for a split the new one). ENOTFOUND for an unknown entity.
func ApplyEntityDecision(tx EntityTx, d EntityDecision) (Entity, error) {
	var a Affected
	var err error
	if d.Action == ActionAdd {
		if a.Exists, err = tx.EntityExists(d.Entity); err != nil {
			return Entity{}, err
		}
	} else {
		var found bool
		if a.Entity, found, err = tx.StoredEntity(d.Entity); err != nil {
			return Entity{}, err
		}
		if !found {
			return Entity{}, Errorf(ENOTFOUND, "no entity %q", d.Entity)
		}
		if a.Claims, a.Provisions, err = tx.Naming(d.Entity); err != nil {
			return Entity{}, err
		}
	}
	switch d.Action {
	case ActionMerge:
		into, found, err := tx.StoredEntity(d.Into)
		if err != nil {
			return Entity{}, err
		}
		if found {
			a.Into = &into
		}
	case ActionSplit:
		if a.Exists, err = tx.EntityExists(d.New.ID); err != nil {
			return Entity{}, err
		}
	}
	ch, err := d.Plan(a)
	if err != nil {
		return Entity{}, err
	}
	// Entities first (a split's new one before the claims that name it),
	// then what names them.
	for _, e := range ch.Entities {
		if err := tx.WriteEntity(e); err != nil {
			return Entity{}, fmt.Errorf("entity %q: %w", e.ID, err)
		}
	}
	if err := tx.WriteChanges(ch, d.RecordedBy); err != nil {
		return Entity{}, err
	}
	if err := tx.RecordDecision(d); err != nil {
		return Entity{}, err
	}
	id := d.Entity
	switch d.Action {
	case ActionMerge:
		id = d.Into
	case ActionSplit:
		id = d.New.ID
	}
	out, _, err := tx.StoredEntity(id)
	return out, err
}
