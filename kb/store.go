package kb

import (
	"context"
	"fmt"
	"time"
)

// Reader reads a knowledge base: a store as it stands, or as it stood at a
// record time (Store.AsRecorded).
type Reader interface {
	// Source returns a source by id, with its text when stored (ENOTFOUND).
	Source(ctx context.Context, id string) (Source, error)
	// Sources lists the sources, without their texts, ordered by id.
	Sources(ctx context.Context) ([]Source, error)

	// Entity returns an entity by id (ENOTFOUND), as stored: a merged
	// entity comes with MergedInto set (ResolveEntity follows it). An
	// entity stored with no status has status Accepted.
	Entity(ctx context.Context, id string) (Entity, error)
	// Entities lists the entities of a kind ("" for all), ordered by id,
	// leaving out those merged into another.
	Entities(ctx context.Context, kind Kind) ([]Entity, error)

	// Claims lists the current version of the claims that match the
	// filter, ordered by subject, property and id.
	Claims(ctx context.Context, f ClaimFilter) ([]Claim, error)
	// ClaimHistory lists every version of a claim, oldest first
	// (ENOTFOUND).
	ClaimHistory(ctx context.Context, id string) ([]Claim, error)

	// Provisions lists the current provisions of a treaty ("" for all),
	// ordered by treaty and id.
	Provisions(ctx context.Context, treaty string) ([]Provision, error)
	// ProvisionHistory lists every version of a provision, oldest first
	// (ENOTFOUND).
	ProvisionHistory(ctx context.Context, id string) ([]Provision, error)
}

// Store keeps a knowledge base. Implementations: store/sqlite (the
// embedded default) and store/postgres. Every write is one transaction:
// it is applied whole or not at all. Nothing is overwritten: a claim's,
// provision's or entity's earlier states stay in its history, each with
// the time the store recorded it, so that the knowledge base can be read
// as it stood at any earlier time (AsRecorded).
type Store interface {
	Reader

	// Apply writes a batch of sources, entities, claims and provisions in
	// one transaction. A source whose id is stored with another hash is an
	// ECONFLICT error; a claim or provision whose id is stored is a new
	// version of it (its history keeps the old one) unless its content
	// equals the current version's (then nothing is recorded), or unless
	// the current version is a reviewer's decision: a decided record is
	// never replaced by Apply (ingest, the bundle, an import), and the
	// batch's version of it is left out without error. A record's Version,
	// Decided and StoredAt are the store's to give and are ignored: a
	// reviewer's decision is written with Decide. An entity whose id is
	// stored is replaced (its earlier state kept for AsRecorded), except
	// that a curator's decisions stand: an entity with a decision recorded
	// on it, or a candidate arriving over an accepted or rejected one, only
	// gains the batch's new names and evidence (MergeNames), and an entity
	// merged into another passes them to that one. A candidate arriving
	// over a candidate replaces it but keeps the names and evidence it had.
	// Every reference to a merged entity in the batch's claims and
	// provisions is written as a reference to the entity it was merged
	// into. Apply returns EINVALID for records that do not validate.
	Apply(ctx context.Context, b Batch) error
	// ApplyStream writes, in one transaction, the batches fill hands to
	// apply, each as Apply writes a batch, as they come: a document too
	// long to hold all it proposes at once is stored a part at a time,
	// and all of it or none. A batch sees what the batches before it
	// wrote. An error of apply or of fill undoes every batch; fill
	// returns it (or its own), and ApplyStream returns it. The store is
	// held for writing while fill runs: other writers wait.
	ApplyStream(ctx context.Context, fill func(apply func(Batch) error) error) error
	// ApplyGroup writes several documents in one transaction, so that they
	// share one commit (the pages they have in common written and synced
	// once, not once a document). fill hands each document to g.Unit,
	// which writes what the document's own fill hands to apply as
	// ApplyStream does, under a savepoint: an error of that fill or of one
	// of its batches undoes that document alone, Unit returns it, and the
	// group goes on. g.Entity and g.Meta read as the transaction sees the
	// store, the documents written before included. Nothing of the group
	// is durable until ApplyGroup returns nil; an error of fill, of the
	// context or of the commit undoes every document of it, whatever Unit
	// returned.
	ApplyGroup(ctx context.Context, fill func(g Group) error) error

	// DecideEntity records a curator's decision on an entity (see
	// EntityAction) in one transaction: the records EntityDecision.Plan
	// gives, and the decision itself, recorded at d.RecordedAt (now when
	// zero). It returns the entity as it stands after (for a split, the new
	// one). ENOTFOUND for an unknown entity; EINVALID for a decision that
	// does not validate or fit; ECONFLICT for an add or split onto an id
	// that is taken.
	DecideEntity(ctx context.Context, d EntityDecision) (Entity, error)
	// EntityDecisions lists the decisions that name an entity (as Entity,
	// Into or New), oldest first; none for an unknown id.
	EntityDecisions(ctx context.Context, id string) ([]EntityDecision, error)
	// AcceptAll accepts, in one transaction, the candidates
	// PlanAcceptAll picks at threshold min, recorded by by at at (now when
	// zero), and counts them.
	AcceptAll(ctx context.Context, min float64, by string, at time.Time) (AcceptCounts, error)

	// SetStatus records a review decision on a claim as a new version
	// (ENOTFOUND; EINVALID for an unknown status). It is Decide with no
	// note, no correction and no expected version.
	SetStatus(ctx context.Context, id string, s Status, by string, at time.Time) error

	// Decide records a reviewer's decision on a claim or a provision as a
	// new, decided version, in one transaction that reads the current
	// version and writes the next, and returns the record as it now
	// stands. Every call that returns nil has recorded exactly one
	// version: a second reviewer's agreement is a decision worth
	// recording, so identical decisions are not merged. With
	// Decision.Expect set, a record whose current version is another is
	// ECONFLICT (the error names the current version, its state and who
	// recorded it when), and nothing is written: of two reviewers deciding
	// on the same version, one wins and the other is told. ENOTFOUND for
	// an unknown id; EINVALID for an unknown status, accepting a record
	// without evidence, or a correction of a provision.
	Decide(ctx context.Context, d Decision) (Decided, error)

	// Generation gives a number that grows with every committed write to
	// the store, by this process or another, so that a reader that keeps
	// what it computed (the server's snapshot) can tell it is stale. A
	// read or a failed write leaves it as it was.
	Generation(ctx context.Context) (int64, error)

	// AsRecorded gives the knowledge base as it stood at record time at:
	// the sources, entities, claims and provisions as the store held them
	// then; whatever was recorded after is invisible, histories included.
	AsRecorded(ctx context.Context, at time.Time) (Reader, error)

	// Meta and SetMeta keep small facts about the store, such as the hash
	// of the bundled knowledge base last loaded. Meta returns "" for an
	// unset key.
	Meta(ctx context.Context, key string) (string, error)
	SetMeta(ctx context.Context, key, value string) error

	// AddToken records a reviewer's token by its hash (TokenHash): an
	// ECONFLICT when the name has an unrevoked token or the hash is
	// stored, EINVALID for an empty name or a malformed hash.
	AddToken(ctx context.Context, t Token) error
	// Tokens lists the tokens, revoked ones included, by name and time.
	Tokens(ctx context.Context) ([]Token, error)
	// RevokeToken revokes the unrevoked token of a name at a time
	// (ENOTFOUND when it has none).
	RevokeToken(ctx context.Context, name string, at time.Time) error

	// Close releases the store.
	Close() error
}

// Batch is a set of records written together.
type Batch struct {
	Sources    []Source
	Entities   []Entity
	Claims     []Claim
	Provisions []Provision
	// Meta is written in the same transaction.
	Meta map[string]string
}

// Decision is a reviewer's decision on a claim or a provision.
type Decision struct {
	// ID is the claim's or the provision's id.
	ID     string
	Status Status
	// By names the reviewer; At is when (the store's clock when zero).
	By string
	At time.Time
	// Note is the reviewer's reason. A decided version's note is
	// DecisionNote of the decision and the note of the last version that
	// was not a decision, so that notes do not grow with each decision;
	// a claim decided without a reason keeps that note as it is (its
	// RecordedBy names the reviewer), a provision always carries the
	// decision in its note as well as in its RecordedBy.
	Note string
	// Value, when not nil, corrects a claim's value (EINVALID for a
	// provision, whose terms are corrected in the data files).
	Value *Value
	// Expect, when not 0, is the version the reviewer saw: ECONFLICT when
	// the current version is another.
	Expect int
}

// Decided is the record a decision made: its claim or its provision
// (exactly one is set), with Version, Decided and StoredAt filled in.
type Decided struct {
	Claim     *Claim
	Provision *Provision
}

// Version gives the version the decision recorded.
func (d Decided) Version() int {
	if d.Claim != nil {
		return d.Claim.Version
	}
	if d.Provision != nil {
		return d.Provision.Version
	}
	return 0
}

// DecisionNote writes a decision into a note: the decision and its reason
// before base, the note of the last version that was not a decision.
func DecisionNote(s Status, by, reason, base string) string {
	d := fmt.Sprintf("%s by %s", s, by)
	if reason != "" {
		d += ": " + reason
	}
	if base == "" {
		return d
	}
	return d + "; " + base
}

// Check validates a decision's own fields: a known status and an
// expected version that is a version number (EINVALID).
func (d Decision) Check() error {
	switch d.Status {
	case Candidate, Accepted, Rejected:
	default:
		return Errorf(EINVALID, "%q: status: unknown status %q (want candidate, accepted or rejected)", d.ID, d.Status)
	}
	if d.Expect < 0 {
		return Errorf(EINVALID, "%q: expected version %d: want a version number (1 or more)", d.ID, d.Expect)
	}
	return nil
}

// OnClaim gives the version of a claim a decision records, from its
// current version c, the note base of its last version that was not a
// decision, and the decision's time: ECONFLICT when Expect names another
// version; EINVALID for a corrected value that does not validate or an
// accepted claim without evidence. A corrected entity value must still be
// checked to exist by the store.
func (d Decision) OnClaim(c Claim, base string, at time.Time) (Claim, error) {
	if d.Expect != 0 && d.Expect != c.Version {
		return Claim{}, VersionConflict("claim", c.ID, d.Expect, c.Version, string(c.Status), c.RecordedBy, c.StoredAt)
	}
	if d.Value != nil {
		c.Value = *d.Value
		c.Note = DecisionNote("corrected", d.By, d.Note, base)
		if err := c.Value.Validate(); err != nil {
			return Claim{}, Errorf(EINVALID, "claim %q: value: %v", c.ID, err)
		}
	} else if d.Note != "" {
		c.Note = DecisionNote(d.Status, d.By, d.Note, base)
	} else {
		c.Note = base
	}
	c.Status, c.RecordedBy, c.RecordedAt = d.Status, d.By, at
	if d.Status == Accepted && len(c.Evidence) == 0 {
		return Claim{}, Errorf(EINVALID, "claim %q: status: an accepted claim needs evidence", c.ID)
	}
	if err := c.Validate(); err != nil {
		return Claim{}, Errorf(EINVALID, "claim %q: %v", c.ID, err)
	}
	return c, nil
}

// OnProvision gives the version of a provision a decision records, from
// its current version p and the note base of its last version that was
// not a decision: ECONFLICT when Expect names another version; EINVALID
// for a corrected value (a provision's terms are corrected in the data
// files) or an accepted provision without evidence.
func (d Decision) OnProvision(p Provision, base string) (Provision, error) {
	if d.Expect != 0 && d.Expect != p.Version {
		return Provision{}, VersionConflict("provision", p.ID, d.Expect, p.Version, string(p.Status), p.RecordedBy, p.StoredAt)
	}
	if d.Value != nil {
		return Provision{}, Errorf(EINVALID, "%s is a provision: accept or reject it; its terms are corrected in the data files", p.ID)
	}
	if d.Status == Accepted && len(p.Evidence) == 0 {
		return Provision{}, Errorf(EINVALID, "provision %q: status: an accepted provision needs evidence", p.ID)
	}
	p.Status, p.Note, p.RecordedBy = d.Status, DecisionNote(d.Status, d.By, d.Note, base), d.By
	if err := p.Validate(); err != nil {
		return Provision{}, Errorf(EINVALID, "provision %q: %v", p.ID, err)
	}
	return p, nil
}

// ClaimFilter selects claims. Empty fields match everything.
type ClaimFilter struct {
	Subject  string
	Property string
	Source   string // claims with evidence in this source
	Status   Status
	// Entity selects claims whose subject or entity value is this id.
	Entity string
}

// Streamer is a store that hands out claims and provisions one at a time,
// so that an export of any size holds a page of them in memory, not the
// store. store/sqlite implements it; a store that does not is read with
// Claims and Provisions.
type Streamer interface {
	// EachClaim calls fn for each current claim that matches the filter,
	// ordered by id, from one consistent state of the store; fn's error
	// stops it and is returned.
	EachClaim(ctx context.Context, f ClaimFilter, fn func(Claim) error) error
	// EachProvision calls fn for each current provision, ordered by id.
	EachProvision(ctx context.Context, fn func(Provision) error) error
	// EachEntity calls fn for each entity of a kind ("" for all), as
	// Entities lists them, ordered by id.
	EachEntity(ctx context.Context, kind Kind, fn func(Entity) error) error
}

// Mark is where a store stood: its generation (Store.Generation) and the
// record time of the write that brought it there (zero before any).
type Mark struct {
	Generation int64
	At         time.Time
}

// Same reports whether two marks name the same point.
func (m Mark) Same(o Mark) bool { return m.Generation == o.Generation && m.At.Equal(o.At) }

// Reaches checks that a store standing at m can tell what changed since
// the mark since: EINVALID for a mark with no record time (read the store
// whole instead) or one ahead of m (a mark of another store, or of this
// one before it was restored from a copy).
func (m Mark) Reaches(since Mark) error {
	if since.At.IsZero() {
		return Errorf(EINVALID, "changes since a mark with no record time: read the store whole")
	}
	if m.Generation < since.Generation || m.At.Before(since.At) {
		return Errorf(EINVALID, "mark (generation %d at %s) is ahead of the store (generation %d at %s)",
			since.Generation, since.At.UTC().Format(time.RFC3339Nano), m.Generation, m.At.UTC().Format(time.RFC3339Nano))
	}
	return nil
}

// Changed is what a store recorded after a mark (ChangeReader), as the
// store now holds it.
type Changed struct {
	// Mark is where the store stands now: the changes are those up to it.
	Mark Mark
	// Entities are the entities with a state recorded after the mark, as
	// they now stand, those merged into another included (MergedInto
	// set), ordered by id.
	Entities []Entity
	// Claims and Provisions are the current versions of the claims and
	// provisions with a version recorded after the mark, ordered by id.
	Claims     []Claim
	Provisions []Provision
	// Sources says that a source was stored after the mark.
	Sources bool
}

// ChangeReader is a store that tells what it recorded after a mark, so
// that a reader that keeps what it computed from the store (the server's
// engine) can bring it up to date by what changed, whoever wrote it,
// instead of reading everything again. Record times are the store's own
// and grow with every write, so nothing recorded after a mark is dated
// before it. store/sqlite and store/postgres implement it.
type ChangeReader interface {
	// Mark gives where the store stands now.
	Mark(ctx context.Context) (Mark, error)
	// ChangesSince gives what was recorded after m, read with the mark it
	// brings in one consistent state of the store.
	ChangesSince(ctx context.Context, m Mark) (Changed, error)
}

// Group is the transaction of Store.ApplyGroup: documents written one
// after another, each undone alone when it fails.
type Group interface {
	// Unit writes one document (see Store.ApplyGroup).
	Unit(fill func(apply func(Batch) error) error) error
	// Entity reads an entity as the group's transaction sees it
	// (ENOTFOUND when there is none).
	Entity(id string) (Entity, error)
	// Meta reads a fact about the store as the group's transaction sees
	// it ("" when there is none).
	Meta(key string) (string, error)
}
