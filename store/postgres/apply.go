package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"treatyline/kb"
	"treatyline/store/internal/records"
)

// Apply writes a batch in one transaction: all of it, or, when a record is
// invalid or refers to what neither the store nor the batch holds, none of
// it. The rules are store/sqlite's (see kb.Store.Apply): the same batch
// twice records nothing new, and a claim or provision whose current
// version is a reviewer's decision is left as it is.
func (db *DB) Apply(ctx context.Context, b kb.Batch) error {
	return db.ApplyStream(ctx, func(apply func(kb.Batch) error) error { return apply(b) })
}

// ApplyStream writes the batches fill hands over in one transaction (see
// kb.Store).
func (db *DB) ApplyStream(ctx context.Context, fill func(apply func(kb.Batch) error) error) error {
	err := db.write(ctx, func(t *txn) error { return fill(t.apply) })
	if err != nil && kb.ErrorCode(err) == kb.EINTERNAL {
		return fmt.Errorf("apply: %w", err)
	}
	return err
}

// apply writes a batch in the transaction (see Apply).
func (t *txn) apply(b kb.Batch) error {
	if err := t.ctx.Err(); err != nil {
		return err
	}
	b.Sources = slices.Clone(b.Sources)
	b.Entities = slices.Clone(b.Entities)
	b.Claims = slices.Clone(b.Claims)
	b.Provisions = slices.Clone(b.Provisions)
	w := &writer{txn: t}
	var err error
	if b, err = w.resolveBatch(b); err != nil {
		return err
	}
	if err := kb.CheckBatch(&b, w); err != nil {
		return err
	}
	return w.batch(b)
}

// ApplyGroup writes documents in one transaction, each under a savepoint
// (see kb.Store): one commit for several documents.
func (db *DB) ApplyGroup(ctx context.Context, fill func(g kb.Group) error) error {
	err := db.write(ctx, func(t *txn) error {
		g := records.Group{
			Exec:         func(q string) error { return t.exec(q) },
			Apply:        t.apply,
			StoredEntity: (&writer{txn: t}).StoredEntity,
			ReadMeta: func(key string) (string, error) {
				var v string
				_, err := t.row(`SELECT value FROM meta WHERE key = $1`, []any{key}, &v)
				return v, err
			},
		}
		return g.Run(fill, ctx.Err)
	})
	if err != nil && kb.ErrorCode(err) == kb.EINTERNAL {
		return fmt.Errorf("apply: %w", err)
	}
	return err
}

// SetStatus records a review decision on a claim as a new version: status
// s, decided by the reviewer named by, at time at (the record time when
// zero). It is Decide with no note, no correction and no expected version.
func (db *DB) SetStatus(ctx context.Context, id string, s kb.Status, by string, at time.Time) error {
	_, err := db.Decide(ctx, kb.Decision{ID: id, Status: s, By: by, At: at})
	return err
}

// Decide records a reviewer's decision as a new, decided version of a
// claim or a provision, reading the current version and writing the next
// in one transaction under the write lock (no other write comes between).
// It always adds a version; with d.Expect it first checks that the
// current version is the one the reviewer saw (ECONFLICT otherwise,
// naming the current version, its state and who recorded it when). See
// kb.Store.
func (db *DB) Decide(ctx context.Context, d kb.Decision) (kb.Decided, error) {
	if err := d.Check(); err != nil {
		return kb.Decided{}, err
	}
	var out kb.Decided
	err := db.write(ctx, func(t *txn) error {
		w := &writer{txn: t}
		at := d.At
		if at.IsZero() {
			at = t.now
		}
		at = at.UTC().Round(0)
		ps, err := loadProvisions(t.ctx, t.tx, currentProvisions+` WHERE h.id = $1`, `h.id`, d.ID)
		if err != nil {
			return err
		}
		if len(ps) == 1 {
			p, err := w.decideProvision(ps[0], d)
			if err != nil {
				return err
			}
			out.Provision = &p
			return nil
		}
		cs, err := loadClaims(t.ctx, t.tx, currentClaims+` WHERE h.id = $1`, `h.id`, d.ID)
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			return kb.Errorf(kb.ENOTFOUND, "no claim or provision %q", d.ID)
		}
		c, err := w.decideClaim(cs[0], d, at)
		if err != nil {
			return err
		}
		out.Claim = &c
		return nil
	})
	if err != nil {
		if kb.ErrorCode(err) == kb.EINTERNAL {
			return kb.Decided{}, fmt.Errorf("decide on %q: %w", d.ID, err)
		}
		return kb.Decided{}, err
	}
	return out, nil
}

// currentClaims and currentProvisions select the current versions (x) by
// their head rows (h), for loadClaims and loadProvisions.
const (
	currentClaims     = `FROM claims h JOIN claim_versions x ON x.claim = h.id AND x.version = h.version`
	currentProvisions = `FROM provisions h JOIN provision_versions x ON x.provision = h.id AND x.version = h.version`
)

func (w *writer) decideClaim(c kb.Claim, d kb.Decision, at time.Time) (kb.Claim, error) {
	base, err := w.undecidedNote(`claim_versions`, `claim`, c.ID)
	if err != nil {
		return kb.Claim{}, err
	}
	c, err = d.OnClaim(c, base, at)
	if err != nil {
		return kb.Claim{}, err
	}
	if d.Value != nil && c.Value.Entity != "" {
		if ok, err := w.EntityExists(c.Value.Entity); err != nil {
			return kb.Claim{}, err
		} else if !ok {
			return kb.Claim{}, kb.Errorf(kb.EINVALID, "claim %q: value: no entity %q", c.ID, c.Value.Entity)
		}
	}
	if err := w.claim(c, decide); err != nil {
		return kb.Claim{}, err
	}
	// The record as it now stands, with its number and record time.
	cs, err := loadClaims(w.ctx, w.tx, currentClaims+` WHERE h.id = $1`, `h.id`, c.ID)
	if err != nil {
		return kb.Claim{}, err
	}
	return cs[0], nil
}

func (w *writer) decideProvision(p kb.Provision, d kb.Decision) (kb.Provision, error) {
	base, err := w.undecidedNote(`provision_versions`, `provision`, p.ID)
	if err != nil {
		return kb.Provision{}, err
	}
	p, err = d.OnProvision(p, base)
	if err != nil {
		return kb.Provision{}, err
	}
	if err := w.provision(p, decide); err != nil {
		return kb.Provision{}, err
	}
	ps, err := loadProvisions(w.ctx, w.tx, currentProvisions+` WHERE h.id = $1`, `h.id`, p.ID)
	if err != nil {
		return kb.Provision{}, err
	}
	return ps[0], nil
}

// undecidedNote gives the note of the last version of a record that was
// not a decision ("" when there is none), which a decision's note is
// written before, so that notes do not grow with each decision.
func (w *writer) undecidedNote(table, column, id string) (string, error) {
	var data string
	found, err := w.row(`SELECT data FROM `+table+` WHERE `+column+` = $1 AND NOT decided ORDER BY version DESC LIMIT 1`, []any{id}, &data)
	if err != nil || !found {
		return "", err
	}
	var rec struct {
		Note string `json:"note"`
	}
	if err := json.Unmarshal([]byte(data), &rec); err != nil {
		return "", fmt.Errorf("stored %s %q: %w", column, id, err)
	}
	return rec.Note, nil
}

// writer writes the records of one transaction and answers CheckBatch's
// lookups in it.
type writer struct {
	*txn
}

// SourceHash gives a stored source's hash, or "".
func (w *writer) SourceHash(id string) (string, error) {
	var h string
	_, err := w.row(`SELECT sha256 FROM sources WHERE id = $1`, []any{id}, &h)
	return h, err
}

// EntityExists reports whether an entity is stored.
func (w *writer) EntityExists(id string) (bool, error) {
	var one int
	return w.row(`SELECT 1 FROM entities WHERE id = $1`, []any{id}, &one)
}

// ProvisionExists reports whether a provision is stored.
func (w *writer) ProvisionExists(id string) (bool, error) {
	var one int
	return w.row(`SELECT 1 FROM provisions WHERE id = $1`, []any{id}, &one)
}

// batch writes a checked batch, in the order the foreign keys need.
func (w *writer) batch(b kb.Batch) error {
	for _, s := range b.Sources {
		if err := w.source(s); err != nil {
			return fmt.Errorf("source %q: %w", s.ID, err)
		}
	}
	for _, e := range b.Entities {
		if err := w.batchEntity(e); err != nil {
			return fmt.Errorf("entity %q: %w", e.ID, err)
		}
	}
	for _, p := range b.Provisions {
		if err := w.provision(p, propose); err != nil {
			return fmt.Errorf("provision %q: %w", p.ID, err)
		}
	}
	for _, c := range b.Claims {
		if c.RecordedAt.IsZero() {
			c.RecordedAt = w.now
		}
		if err := w.claim(c, propose); err != nil {
			return fmt.Errorf("claim %q: %w", c.ID, err)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(b.Meta)) {
		if err := setMeta(w.txn, k, b.Meta[k]); err != nil {
			return fmt.Errorf("meta %q: %w", k, err)
		}
	}
	return nil
}

// source inserts a new source, or fills in the text of one stored without
// it; CheckBatch has made sure that a stored one has the same hash.
func (w *writer) source(s kb.Source) error {
	var hasText bool
	found, err := w.row(`SELECT text IS NOT NULL FROM sources WHERE id = $1`, []any{s.ID}, &hasText)
	if err != nil {
		return err
	}
	if found {
		if hasText || s.Text == "" {
			return nil
		}
		return w.exec(`UPDATE sources SET text = $1 WHERE id = $2`, s.Text, s.ID)
	}
	added := s.Added
	if added.IsZero() {
		added = w.now
	}
	return w.exec(`INSERT INTO sources (id, title, language, origin, sha256, text, added, stored_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		s.ID, s.Title, s.Language, s.Origin, s.SHA256, nullString(s.Text), added, w.now)
}

// resolveBatch writes the references of a batch's claims and provisions
// to merged entities as references to the entities they were merged into.
func (w *writer) resolveBatch(b kb.Batch) (kb.Batch, error) {
	if len(b.Claims) == 0 && len(b.Provisions) == 0 {
		return b, nil
	}
	var merged bool
	if _, err := w.row(`SELECT EXISTS (SELECT 1 FROM entities WHERE merged_into IS NOT NULL)`, nil, &merged); err != nil || !merged {
		return b, err
	}
	seen := map[string]string{}
	var failed error
	b = kb.RenameEntities(b, func(id string) string {
		if to, ok := seen[id]; ok {
			return to
		}
		to, err := w.resolve(id)
		if err != nil && failed == nil {
			failed = err
		}
		seen[id] = to
		return to
	})
	return b, failed
}

// batchEntity writes an entity of a batch: replaced, unless a curator's
// decision stands on it (see kb.Store's Apply), when the stored one only
// gains the batch's new names and evidence.
func (w *writer) batchEntity(e kb.Entity) error {
	stored, found, err := w.StoredEntity(e.ID)
	if err != nil || !found {
		if err == nil {
			err = w.WriteEntity(e)
		}
		return err
	}
	if stored.MergedInto != "" {
		target, err := w.resolve(stored.MergedInto)
		if err != nil {
			return err
		}
		into, _, err := w.StoredEntity(target)
		if err != nil {
			return err
		}
		return w.WriteEntity(kb.MergeNames(into, e))
	}
	var decided bool
	if _, err := w.row(`SELECT EXISTS (SELECT 1 FROM entity_decisions WHERE entity = $1 OR other = $1)`, []any{e.ID}, &decided); err != nil {
		return err
	}
	switch {
	case decided || (e.Status == kb.Candidate && stored.Status != kb.Candidate):
		return w.WriteEntity(kb.MergeNames(stored, e))
	case e.Status == kb.Candidate:
		// A candidate found again (another document, a later run): the
		// new record, keeping the names and evidence found before.
		return w.WriteEntity(kb.MergeNames(e, stored))
	}
	return w.WriteEntity(e)
}

// StoredEntity reads an entity in the write transaction.
func (w *writer) StoredEntity(id string) (kb.Entity, bool, error) {
	var data string
	found, err := w.row(`SELECT data FROM entities WHERE id = $1`, []any{id}, &data)
	if err != nil || !found {
		return kb.Entity{}, false, err
	}
	var r records.Entity
	if err := json.Unmarshal([]byte(data), &r); err != nil {
		return kb.Entity{}, false, fmt.Errorf("entity %q: stored state: %w", id, err)
	}
	return r.Entity(id), true, nil
}

// resolve follows merges from an id to the entity it names now; an id not
// stored is given back as it is.
func (w *writer) resolve(id string) (string, error) {
	for range 32 {
		var into *string
		found, err := w.row(`SELECT merged_into FROM entities WHERE id = $1`, []any{id}, &into)
		if err != nil {
			return "", err
		}
		if !found || into == nil {
			return id, nil
		}
		id = *into
	}
	return "", fmt.Errorf("entity %q: too many merges to follow", id)
}

// entity makes an entity's state current and appends it to its history,
// unless it is the state last recorded.
func (w *writer) WriteEntity(e kb.Entity) error {
	data, err := json.Marshal(records.FromEntity(e))
	if err != nil {
		return err
	}
	var version int
	var last string
	var stored time.Time
	found, err := w.row(`SELECT v.version, v.data, v.stored_at FROM entities h
		JOIN entity_versions v ON v.entity = h.id AND v.version = h.version WHERE h.id = $1`,
		[]any{e.ID}, &version, &last, &stored)
	if err != nil {
		return err
	}
	if found && records.Same(last, string(data)) {
		return nil
	}
	version++
	status := e.Status
	if status == "" {
		status = kb.Accepted
	}
	if !found {
		// The head first, for the history's foreign key; it points at the
		// version inserted next, in the same transaction.
		if err := w.exec(`INSERT INTO entities (id, kind, status, merged_into, version, data) VALUES ($1, $2, $3, $4, $5, $6)`,
			e.ID, string(e.Kind), string(status), nullString(e.MergedInto), version, string(data)); err != nil {
			return err
		}
	} else if err := w.exec(`UPDATE entities SET kind = $1, status = $2, merged_into = $3, version = $4, data = $5 WHERE id = $6`,
		string(e.Kind), string(status), nullString(e.MergedInto), version, string(data), e.ID); err != nil {
		return err
	}
	return w.exec(`INSERT INTO entity_versions (entity, version, stored_at, data) VALUES ($1, $2, $3, $4)`,
		e.ID, version, w.after(stored), string(data))
}

// after gives the record time of a new version of a record whose last
// version was recorded at prev: the transaction's, which the record clock
// keeps later than every earlier one's.
func (w *writer) after(prev time.Time) time.Time {
	if !prev.IsZero() && !w.now.After(prev) {
		return prev.Add(time.Microsecond)
	}
	return w.now
}

// The ways a version is written (records.Mode).
const (
	propose = records.Propose
	decide  = records.Decide
	rewrite = records.Rewrite
)

// claim appends a version of a claim and makes it current (see
// writeMode).
func (w *writer) claim(c kb.Claim, mode records.Mode) error {
	digest, err := records.ClaimDigest(c)
	if err != nil {
		return err
	}
	var version int
	var current string
	var wasDecided bool
	var stored time.Time
	found, err := w.row(`SELECT h.version, v.digest, v.decided, v.stored_at FROM claims h
		JOIN claim_versions v ON v.claim = h.id AND v.version = h.version
		WHERE h.id = $1 FOR UPDATE OF h`, []any{c.ID}, &version, &current, &wasDecided, &stored)
	if err != nil {
		return err
	}
	write, decided := records.Next(mode, found, wasDecided, current == digest)
	if !write {
		return nil
	}
	version++
	c.Version, c.Decided, c.StoredAt = 0, false, time.Time{}
	if len(c.Evidence) == 0 {
		c.Evidence = nil
	}
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	err = w.exec(`INSERT INTO claim_versions (claim, version, subject, property, status, value_entity,
			recorded_at, recorded_by, digest, decided, stored_at, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		c.ID, version, c.Subject, c.Property, string(c.Status), nullString(c.Value.Entity),
		c.RecordedAt, c.RecordedBy, digest, decided, w.after(stored), string(data))
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, e := range c.Evidence {
		if seen[e.Source] {
			continue
		}
		seen[e.Source] = true
		if err := w.exec(`INSERT INTO claim_sources (claim, version, source) VALUES ($1, $2, $3)`, c.ID, version, e.Source); err != nil {
			return err
		}
	}
	return w.exec(`INSERT INTO claims (id, version, subject, property, status, value_entity) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (id) DO UPDATE SET version = excluded.version, subject = excluded.subject,
			property = excluded.property, status = excluded.status, value_entity = excluded.value_entity`,
		c.ID, version, c.Subject, c.Property, string(c.Status), nullString(c.Value.Entity))
}

// provision appends a version of a provision and makes it current, as
// claim does a claim's.
func (w *writer) provision(p kb.Provision, mode records.Mode) error {
	digest, err := records.ProvisionDigest(p)
	if err != nil {
		return err
	}
	var version int
	var current string
	var wasDecided bool
	var stored time.Time
	found, err := w.row(`SELECT h.version, v.digest, v.decided, v.stored_at FROM provisions h
		JOIN provision_versions v ON v.provision = h.id AND v.version = h.version
		WHERE h.id = $1 FOR UPDATE OF h`, []any{p.ID}, &version, &current, &wasDecided, &stored)
	if err != nil {
		return err
	}
	write, decided := records.Next(mode, found, wasDecided, current == digest)
	if !write {
		return nil
	}
	version++
	p.Version, p.Decided, p.StoredAt = 0, false, time.Time{}
	if len(p.Evidence) == 0 {
		p.Evidence = nil
	}
	data, err := json.Marshal(p)
	if err != nil {
		return err
	}
	err = w.exec(`INSERT INTO provision_versions (provision, version, treaty, status, recorded_by, digest, decided, stored_at, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		p.ID, version, p.Treaty, string(p.Status), p.RecordedBy, digest, decided, w.after(stored), string(data))
	if err != nil {
		return err
	}
	return w.exec(`INSERT INTO provisions (id, version, treaty) VALUES ($1, $2, $3)
		ON CONFLICT (id) DO UPDATE SET version = excluded.version, treaty = excluded.treaty`,
		p.ID, version, p.Treaty)
}

// nullString stores "" as NULL, for columns where NULL means "none" and a
// foreign key must not see an empty id.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
