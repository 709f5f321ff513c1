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
// invalid, refers to what neither the store nor the batch holds, or was
// read at a version that is no longer current, none of it. The rules are
// store/sqlite's (see kb.Store.Apply): the same batch twice records
// nothing new; a claim or provision written back with its Version always
// records a version, or is refused with ECONFLICT.
func (db *DB) Apply(ctx context.Context, b kb.Batch) error {
	b.Sources = slices.Clone(b.Sources)
	b.Entities = slices.Clone(b.Entities)
	b.Claims = slices.Clone(b.Claims)
	b.Provisions = slices.Clone(b.Provisions)
	err := db.write(ctx, func(t *txn) error {
		w := &writer{txn: t}
		var err error
		if b, err = w.resolveBatch(b); err != nil {
			return err
		}
		if err := kb.CheckBatch(&b, w); err != nil {
			return err
		}
		return w.batch(b)
	})
	if err != nil && kb.ErrorCode(err) == kb.EINTERNAL {
		return fmt.Errorf("apply: %w", err)
	}
	return err
}

// SetStatus records a review decision on a claim as a new version: status
// s, decided by the reviewer named by, at time at (the record time when
// zero). ENOTFOUND for an unknown claim, EINVALID for an unknown status or
// for accepting a claim that has no evidence.
func (db *DB) SetStatus(ctx context.Context, id string, s kb.Status, by string, at time.Time) error {
	switch s {
	case kb.Candidate, kb.Accepted, kb.Rejected:
	default:
		return kb.Errorf(kb.EINVALID, "claim %q: status: unknown status %q (want candidate, accepted or rejected)", id, s)
	}
	err := db.write(ctx, func(t *txn) error {
		cs, err := loadClaims(t.ctx, t.tx, `FROM claims h JOIN claim_versions x ON x.claim = h.id AND x.version = h.version WHERE h.id = $1`, `h.id`, id)
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			return kb.Errorf(kb.ENOTFOUND, "no claim %q", id)
		}
		c := cs[0]
		if s == kb.Accepted && len(c.Evidence) == 0 {
			return kb.Errorf(kb.EINVALID, "claim %q: status: an accepted claim needs evidence", id)
		}
		if at.IsZero() {
			at = t.now
		}
		c.Status, c.RecordedBy, c.RecordedAt = s, by, at
		return (&writer{txn: t}).claim(c, true)
	})
	if err != nil && kb.ErrorCode(err) == kb.EINTERNAL {
		return fmt.Errorf("set status of claim %q: %w", id, err)
	}
	return err
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
		if err := w.provision(p); err != nil {
			return fmt.Errorf("provision %q: %w", p.ID, err)
		}
	}
	for _, c := range b.Claims {
		if c.RecordedAt.IsZero() {
			c.RecordedAt = w.now
		}
		if err := w.claim(c, false); err != nil {
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
	stored, found, err := w.storedEntity(e.ID)
	if err != nil || !found {
		if err == nil {
			err = w.entity(e)
		}
		return err
	}
	if stored.MergedInto != "" {
		target, err := w.resolve(stored.MergedInto)
		if err != nil {
			return err
		}
		into, _, err := w.storedEntity(target)
		if err != nil {
			return err
		}
		return w.entity(kb.MergeNames(into, e))
	}
	var decided bool
	if _, err := w.row(`SELECT EXISTS (SELECT 1 FROM entity_decisions WHERE entity = $1 OR other = $1)`, []any{e.ID}, &decided); err != nil {
		return err
	}
	switch {
	case decided || (e.Status == kb.Candidate && stored.Status != kb.Candidate):
		return w.entity(kb.MergeNames(stored, e))
	case e.Status == kb.Candidate:
		// A candidate found again (another document, a later run): the
		// new record, keeping the names and evidence found before.
		return w.entity(kb.MergeNames(e, stored))
	}
	return w.entity(e)
}

// storedEntity reads an entity in the write transaction.
func (w *writer) storedEntity(id string) (kb.Entity, bool, error) {
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
func (w *writer) entity(e kb.Entity) error {
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

// claim appends a version of a claim and makes it current; unless always,
// a claim whose content equals the current version's is left alone. A
// claim that carries the Version it was read at is refused (ECONFLICT)
// when that is no longer the current one, and otherwise always recorded.
func (w *writer) claim(c kb.Claim, always bool) error {
	digest, err := records.ClaimDigest(c)
	if err != nil {
		return err
	}
	var version int
	var current, status, by string
	var at, stored time.Time
	found, err := w.row(`SELECT h.version, v.digest, v.status, v.recorded_by, v.recorded_at, v.stored_at FROM claims h
		JOIN claim_versions v ON v.claim = h.id AND v.version = h.version
		WHERE h.id = $1 FOR UPDATE OF h`, []any{c.ID}, &version, &current, &status, &by, &at, &stored)
	if err != nil {
		return err
	}
	if c.Version != 0 {
		if c.Version != version {
			return kb.VersionConflict("claim", c.ID, c.Version, version, status, by, at)
		}
		always = true
	}
	if found && current == digest && !always {
		return nil
	}
	version++
	c.Version, c.StoredAt = 0, time.Time{}
	if len(c.Evidence) == 0 {
		c.Evidence = nil
	}
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	err = w.exec(`INSERT INTO claim_versions (claim, version, subject, property, status, value_entity,
			recorded_at, recorded_by, digest, stored_at, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		c.ID, version, c.Subject, c.Property, string(c.Status), nullString(c.Value.Entity),
		c.RecordedAt, c.RecordedBy, digest, w.after(stored), string(data))
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

// provision appends a version of a provision and makes it current, unless
// its content equals the current version's; with a Version, as claim.
func (w *writer) provision(p kb.Provision) error {
	digest, err := records.ProvisionDigest(p)
	if err != nil {
		return err
	}
	var version int
	var current, status, by string
	var stored time.Time
	found, err := w.row(`SELECT h.version, v.digest, v.status, v.recorded_by, v.stored_at FROM provisions h
		JOIN provision_versions v ON v.provision = h.id AND v.version = h.version
		WHERE h.id = $1 FOR UPDATE OF h`, []any{p.ID}, &version, &current, &status, &by, &stored)
	if err != nil {
		return err
	}
	always := false
	if p.Version != 0 {
		if p.Version != version {
			return kb.VersionConflict("provision", p.ID, p.Version, version, status, by, stored)
		}
		always = true
	}
	if found && current == digest && !always {
		return nil
	}
	version++
	p.Version, p.StoredAt = 0, time.Time{}
	if len(p.Evidence) == 0 {
		p.Evidence = nil
	}
	data, err := json.Marshal(p)
	if err != nil {
		return err
	}
	err = w.exec(`INSERT INTO provision_versions (provision, version, treaty, status, recorded_by, digest, stored_at, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		p.ID, version, p.Treaty, string(p.Status), p.RecordedBy, digest, w.after(stored), string(data))
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
