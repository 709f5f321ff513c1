package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"time"

	"treatyline/kb"
	"treatyline/store/internal/records"
)

// Apply writes a batch in one transaction: all of it, or, when a record is
// invalid or refers to what neither the store nor the batch holds, none of
// it (EINVALID, naming the record and field). A source stored with another
// hash is ECONFLICT; the same source again is a no-op, except that it may
// bring the text of a source stored without one. An entity is replaced. A
// claim or provision is appended as a new version unless its content
// (everything but RecordedAt and RecordedBy) equals the current version's,
// so that applying the same batch twice records nothing new, and unless
// its current version is a reviewer's decision, which Apply never
// replaces (the batch's version is left out: re-ingest and a new bundle
// keep every decision). A claim
// without RecordedAt, a source without Added and every provision version
// are recorded at db.Now().
func (db *DB) Apply(ctx context.Context, b kb.Batch) error {
	b = copyBatch(b)
	err := db.write(ctx, func(t *txn) error {
		w := &writer{txn: t, now: db.now()}
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

// resolveBatch writes the references of a batch's claims and provisions
// to merged entities as references to the entities they were merged into.
func (w *writer) resolveBatch(b kb.Batch) (kb.Batch, error) {
	if len(b.Claims) == 0 && len(b.Provisions) == 0 {
		return b, nil
	}
	var merged int
	if _, err := w.row(`SELECT count(*) FROM entities WHERE merged_into IS NOT NULL`, nil, &merged); err != nil || merged == 0 {
		return b, err
	}
	seen := map[string]string{}
	var failed error
	re := func(id string) string {
		if to, ok := seen[id]; ok {
			return to
		}
		to, err := w.resolve(id)
		if err != nil && failed == nil {
			failed = err
		}
		seen[id] = to
		return to
	}
	b = kb.RenameEntities(b, re)
	return b, failed
}

// copyBatch copies the slices checkBatch fills in, so that the caller's
// batch is left as it was.
func copyBatch(b kb.Batch) kb.Batch {
	b.Sources = append([]kb.Source(nil), b.Sources...)
	b.Entities = append([]kb.Entity(nil), b.Entities...)
	b.Claims = append([]kb.Claim(nil), b.Claims...)
	b.Provisions = append([]kb.Provision(nil), b.Provisions...)
	return b
}

// SetStatus records a review decision on a claim as a new version: status
// s, decided by the reviewer named by, at time at (db.Now() when zero). It
// is Decide with no note, no correction and no expected version.
func (db *DB) SetStatus(ctx context.Context, id string, s kb.Status, by string, at time.Time) error {
	_, err := db.Decide(ctx, kb.Decision{ID: id, Status: s, By: by, At: at})
	return err
}

// Decide records a reviewer's decision as a new, decided version of a
// claim or a provision, reading the current version and writing the next
// in one transaction (BEGIN IMMEDIATE: no other write comes between). It
// always adds a version (identical decisions by two reviewers are two
// decisions); with d.Expect it first checks that the current version is
// the one the reviewer saw (ECONFLICT otherwise, naming the current
// version and its state). See kb.Store.
func (db *DB) Decide(ctx context.Context, d kb.Decision) (kb.Decided, error) {
	if err := d.Check(); err != nil {
		return kb.Decided{}, err
	}
	at := d.At
	if at.IsZero() {
		at = db.now()
	}
	at = at.UTC().Round(0)
	var out kb.Decided
	err := db.write(ctx, func(t *txn) error {
		w := &writer{txn: t, now: at}
		ps, err := loadProvisions(t, currentProvisions+`h.id = ?`, `h.id`, d.ID)
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
		cs, err := queryClaims(t, `h.id = ?`, d.ID)
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

func (w *writer) decideClaim(c kb.Claim, d kb.Decision, at time.Time) (kb.Claim, error) {
	var base string
	if _, err := w.row(`SELECT note FROM claim_versions WHERE claim = ? AND decided = 0 ORDER BY version DESC LIMIT 1`,
		[]any{c.ID}, &base); err != nil {
		return kb.Claim{}, err
	}
	c, err := d.OnClaim(c, base, at)
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
	if _, err := w.claim(c, decide); err != nil {
		return kb.Claim{}, err
	}
	// The record as it now stands, with its number and record time.
	cs, err := queryClaims(w.txn, `h.id = ?`, c.ID)
	if err != nil {
		return kb.Claim{}, err
	}
	return cs[0], nil
}

func (w *writer) decideProvision(p kb.Provision, d kb.Decision) (kb.Provision, error) {
	var base string
	if _, err := w.row(`SELECT note FROM provision_versions WHERE provision = ? AND decided = 0 ORDER BY version DESC LIMIT 1`,
		[]any{p.ID}, &base); err != nil {
		return kb.Provision{}, err
	}
	p, err := d.OnProvision(p, base)
	if err != nil {
		return kb.Provision{}, err
	}
	if _, err := w.provision(p, d.By, decide); err != nil {
		return kb.Provision{}, err
	}
	ps, err := loadProvisions(w.txn, currentProvisions+`h.id = ?`, `h.id`, p.ID)
	if err != nil {
		return kb.Provision{}, err
	}
	return ps[0], nil
}

// Generation gives the count of committed writes (see kb.Store).
func (db *DB) Generation(ctx context.Context) (int64, error) {
	var n int64
	s, err := db.prepared(ctx, `SELECT n FROM generation WHERE id = 1`)
	if err == nil {
		err = s.QueryRowContext(ctx).Scan(&n)
	}
	if err != nil {
		return 0, fmt.Errorf("read the store's generation: %w", err)
	}
	return n, nil
}

// bump counts a write, in its transaction.
func (t *txn) bump() error {
	return t.exec(`UPDATE generation SET n = n + 1 WHERE id = 1`)
}

// writer writes the records of one transaction; it also answers
// checkBatch's lookups in the same transaction, so that what is checked is
// what is written against.
type writer struct {
	*txn
	now time.Time // for records that bring no time of their own
}

func (w *writer) SourceHash(id string) (string, error) {
	var h string
	_, err := w.row(`SELECT sha256 FROM sources WHERE id = ?`, []any{id}, &h)
	return h, err
}

func (w *writer) EntityExists(id string) (bool, error) {
	var one int
	return w.row(`SELECT 1 FROM entities WHERE id = ?`, []any{id}, &one)
}

func (w *writer) ProvisionExists(id string) (bool, error) {
	var one int
	return w.row(`SELECT 1 FROM provisions WHERE id = ?`, []any{id}, &one)
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
		if _, err := w.provision(p, "", propose); err != nil {
			return fmt.Errorf("provision %q: %w", p.ID, err)
		}
	}
	for _, c := range b.Claims {
		if c.RecordedAt.IsZero() {
			c.RecordedAt = w.now
		}
		if _, err := w.claim(c, propose); err != nil {
			return fmt.Errorf("claim %q: %w", c.ID, err)
		}
	}
	for _, k := range sortedKeys(b.Meta) {
		if err := w.exec(`INSERT INTO meta (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, b.Meta[k]); err != nil {
			return fmt.Errorf("meta %q: %w", k, err)
		}
	}
	return nil
}

// source inserts a new source, or fills in the text of one stored without
// it; checkBatch has made sure that a stored one has the same hash.
func (w *writer) source(s kb.Source) error {
	var hasText bool
	found, err := w.row(`SELECT text IS NOT NULL FROM sources WHERE id = ?`, []any{s.ID}, &hasText)
	if err != nil {
		return err
	}
	if found {
		if hasText || s.Text == "" {
			return nil
		}
		return w.exec(`UPDATE sources SET text = ? WHERE id = ?`, s.Text, s.ID)
	}
	added := s.Added
	if added.IsZero() {
		added = w.now
	}
	return w.exec(`INSERT INTO sources (id, title, language, origin, sha256, text, added, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.Title, s.Language, s.Origin, s.SHA256, nullString(s.Text), formatTime(added), formatTime(w.clock))
}

// entity writes an entity of a batch: replaced, unless a curator's
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
	decided, err := w.decided(e.ID)
	if err != nil {
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
	es, err := queryEntities(w.txn, `x.entity = ?`, `e.id = ?`, id)
	if err != nil || len(es) == 0 {
		return kb.Entity{}, false, err
	}
	return es[0], true, nil
}

// decided reports whether a curator has recorded a decision on an entity.
func (w *writer) decided(id string) (bool, error) {
	var one int
	return w.row(`SELECT 1 FROM entity_decisions WHERE entity = ? OR other = ? LIMIT 1`, []any{id, id}, &one)
}

// resolve follows merges from an id to the entity it names now; an id not
// stored is given back as it is.
func (w *writer) resolve(id string) (string, error) {
	for range 32 {
		var into sql.NullString
		found, err := w.row(`SELECT merged_into FROM entities WHERE id = ?`, []any{id}, &into)
		if err != nil {
			return "", err
		}
		if !found || !into.Valid {
			return id, nil
		}
		id = into.String
	}
	return "", fmt.Errorf("entity %q: too many merges to follow", id)
}

// entity inserts or replaces an entity with its labels, aliases and
// evidence.
func (w *writer) WriteEntity(e kb.Entity) error {
	var geojson any
	var approx bool
	var note string
	if g := e.Geometry; g != nil {
		geojson, approx, note = string(g.GeoJSON), g.Approximate, g.Note
	}
	status := e.Status
	if status == "" {
		status = kb.Accepted
	}
	err := w.exec(`INSERT INTO entities (id, kind, description, wikidata, geojson, geometry_approximate, geometry_note,
			status, confidence, note, merged_into)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, description = excluded.description,
			wikidata = excluded.wikidata, geojson = excluded.geojson,
			geometry_approximate = excluded.geometry_approximate, geometry_note = excluded.geometry_note,
			status = excluded.status, confidence = excluded.confidence, note = excluded.note,
			merged_into = excluded.merged_into`,
		e.ID, string(e.Kind), e.Description, e.Wikidata, geojson, approx, note,
		string(status), e.Confidence, e.Note, nullString(e.MergedInto))
	if err != nil {
		return err
	}
	for _, table := range []string{`entity_labels`, `entity_aliases`, `entity_evidence`} {
		if err := w.exec(`DELETE FROM `+table+` WHERE entity = ?`, e.ID); err != nil {
			return err
		}
	}
	for _, lang := range sortedKeys(e.Labels) {
		if err := w.exec(`INSERT INTO entity_labels (entity, lang, label) VALUES (?, ?, ?)`, e.ID, lang, e.Labels[lang]); err != nil {
			return err
		}
	}
	for i, a := range e.Aliases {
		if err := w.exec(`INSERT INTO entity_aliases (entity, seq, text, lang, script) VALUES (?, ?, ?, ?, ?)`, e.ID, i, a.Text, a.Lang, a.Script); err != nil {
			return err
		}
	}
	for i, ev := range e.Evidence {
		err := w.exec(`INSERT INTO entity_evidence (entity, seq, source, sha256, exact, prefix, suffix, pos_start, pos_end)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.ID, i, ev.Source, ev.SHA256, ev.Quote.Exact, ev.Quote.Prefix, ev.Quote.Suffix, ev.Position.Start, ev.Position.End)
		if err != nil {
			return err
		}
	}
	return w.entityVersion(e)
}

// The ways a version is written (records.Mode).
const (
	propose = records.Propose
	decide  = records.Decide
	rewrite = records.Rewrite
)

// claim appends a version of a claim and makes it current, and gives the
// current version's number (see writeMode).
func (w *writer) claim(c kb.Claim, mode records.Mode) (int, error) {
	digest, err := records.ClaimDigest(c)
	if err != nil {
		return 0, err
	}
	var version int
	var current, stored string
	var wasDecided bool
	found, err := w.row(`SELECT h.version, v.digest, v.decided, v.stored_at FROM claims h
		JOIN claim_versions v ON v.claim = h.id AND v.version = h.version
		WHERE h.id = ?`, []any{c.ID}, &version, &current, &wasDecided, &stored)
	if err != nil {
		return 0, err
	}
	write, decided := records.Next(mode, found, wasDecided, current == digest)
	if !write {
		return version, nil
	}
	version++
	v := c.Value
	err = w.exec(`INSERT INTO claim_versions (claim, version, subject, property,
			value_type, value_entity, value_text, value_calendar, value_lang, value_bool,
			status, rank, note, confidence, recorded_at, recorded_by, digest, decided, stored_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, version, c.Subject, c.Property,
		string(v.Type), nullString(v.Entity), v.Text, string(v.Calendar), v.Lang, v.Bool,
		string(c.Status), string(c.Rank), c.Note, c.Confidence, formatTime(c.RecordedAt), c.RecordedBy, digest, decided, w.storedAfter(stored))
	if err != nil {
		return 0, err
	}
	for _, name := range sortedKeys(c.Qualifiers) {
		q := c.Qualifiers[name]
		err := w.exec(`INSERT INTO claim_qualifiers (claim, version, name,
				value_type, value_entity, value_text, value_calendar, value_lang, value_bool)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, version, name, string(q.Type), nullString(q.Entity), q.Text, string(q.Calendar), q.Lang, q.Bool)
		if err != nil {
			return 0, err
		}
	}
	for i, e := range c.Evidence {
		err := w.exec(`INSERT INTO claim_evidence (claim, version, seq, source, sha256, exact, prefix, suffix, pos_start, pos_end)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, version, i, e.Source, e.SHA256, e.Quote.Exact, e.Quote.Prefix, e.Quote.Suffix, e.Position.Start, e.Position.End)
		if err != nil {
			return 0, err
		}
	}
	return version, w.exec(`INSERT INTO claims (id, version, subject, property, status, value_entity) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET version = excluded.version, subject = excluded.subject,
			property = excluded.property, status = excluded.status, value_entity = excluded.value_entity`,
		c.ID, version, c.Subject, c.Property, string(c.Status), nullString(v.Entity))
}

// provision appends a version of a provision, recorded by by
// (p.RecordedBy when empty), and makes it current, as claim does a
// claim's.
func (w *writer) provision(p kb.Provision, by string, mode records.Mode) (int, error) {
	if by == "" {
		by = p.RecordedBy
	}
	digest, err := records.ProvisionDigest(p)
	if err != nil {
		return 0, err
	}
	var version int
	var current, stored string
	var wasDecided bool
	found, err := w.row(`SELECT h.version, v.digest, v.decided, v.stored_at FROM provisions h
		JOIN provision_versions v ON v.provision = h.id AND v.version = h.version
		WHERE h.id = ?`, []any{p.ID}, &version, &current, &wasDecided, &stored)
	if err != nil {
		return 0, err
	}
	write, decided := records.Next(mode, found, wasDecided, current == digest)
	if !write {
		return version, nil
	}
	version++
	var a kb.Value
	var amountType any // NULL: no amount
	if p.Amount != nil {
		a, amountType = *p.Amount, string(p.Amount.Type)
	}
	err = w.exec(`INSERT INTO provision_versions (provision, version, treaty, type, article, limits,
			amount_type, amount_entity, amount_text, amount_calendar, amount_lang, amount_bool,
			status, rank, note, exclusive, confidence, recorded_at, recorded_by, digest, decided, stored_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, version, p.Treaty, p.Type, p.Article, p.Limits,
		amountType, nullString(a.Entity), a.Text, string(a.Calendar), a.Lang, a.Bool,
		string(p.Status), string(p.Rank), p.Note, p.Exclusive, p.Confidence, formatTime(w.now), by, digest, decided, w.storedAfter(stored))
	if err != nil {
		return 0, err
	}
	for _, role := range kb.ProvisionRoles {
		for i, id := range role.IDs(&p) {
			if err := w.exec(`INSERT INTO provision_entities (provision, version, role, seq, entity) VALUES (?, ?, ?, ?, ?)`,
				p.ID, version, role.Role, i, id); err != nil {
				return 0, err
			}
		}
	}
	for i, e := range p.Evidence {
		err := w.exec(`INSERT INTO provision_evidence (provision, version, seq, source, sha256, exact, prefix, suffix, pos_start, pos_end)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.ID, version, i, e.Source, e.SHA256, e.Quote.Exact, e.Quote.Prefix, e.Quote.Suffix, e.Position.Start, e.Position.End)
		if err != nil {
			return 0, err
		}
	}
	return version, w.exec(`INSERT INTO provisions (id, version, treaty) VALUES (?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET version = excluded.version, treaty = excluded.treaty`,
		p.ID, version, p.Treaty)
}

// nullString stores "" as NULL, for columns where NULL means "none" and
// a foreign key must not see an empty id.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// sortedKeys gives a map's keys in order, so that writes go through
// qualifiers and labels the same way every time.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
