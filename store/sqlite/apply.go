package sqlite

import (
	"context"
	"database/sql"
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

// ApplyEach applies batches as Apply does each, in one group
// (ApplyGroup): a batch that fails is undone alone (its error is errs[i],
// nil for the batches written), and every batch written is committed at
// once, when ApplyEach returns. err is for the transaction as a whole
// (the context done, the commit failed): then nothing of any batch is
// stored, whatever errs says.
func (db *DB) ApplyEach(ctx context.Context, batches []kb.Batch) (errs []error, err error) {
	errs = make([]error, len(batches))
	err = db.ApplyGroup(ctx, func(g kb.Group) error {
		for i, b := range batches {
			errs[i] = g.Unit(func(apply func(kb.Batch) error) error { return apply(b) })
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	return errs, err
}

// ApplyGroup writes documents in one transaction, each under a savepoint
// (see kb.Store). A commit writes every page its transaction changed to
// the WAL and syncs it, so that a document of a dozen records costs about
// a hundred pages written: one commit for several documents writes the
// pages they share once.
func (db *DB) ApplyGroup(ctx context.Context, fill func(g kb.Group) error) error {
	err := db.write(ctx, func(t *txn) error {
		g := records.Group{
			Exec:         func(q string) error { return t.exec(q) },
			Apply:        t.apply,
			StoredEntity: (&writer{txn: t}).StoredEntity,
			ReadMeta: func(key string) (string, error) {
				var v string
				_, err := t.row(`SELECT value FROM meta WHERE key = ?`, []any{key}, &v)
				return v, err
			},
		}
		return g.Run(fill, t.check)
	})
	if err != nil && kb.ErrorCode(err) == kb.EINTERNAL {
		return fmt.Errorf("apply: %w", err)
	}
	return err
}

// apply writes a batch in the transaction (see Apply).
func (t *txn) apply(b kb.Batch) error {
	if err := t.check(); err != nil {
		return err
	}
	b = copyBatch(b)
	w := &writer{txn: t, now: t.db.now()}
	var err error
	if b, err = w.resolveBatch(b); err != nil {
		return err
	}
	if err := w.prefetch(b); err != nil {
		return err
	}
	err = kb.CheckBatch(&b, w)
	w.known = nil // the check's answers; the writes change them
	if err != nil {
		return err
	}
	return w.batch(b)
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

// Generation gives the count of committed writes (see kb.Store). While no
// transaction has committed since it was last read, by this process or
// any other, it is answered from the WAL index without a query (see
// walWatch): a server asks it before every answer.
func (db *DB) Generation(ctx context.Context) (int64, error) {
	key, watched := db.wal.header()
	if watched {
		if n, ok := db.wal.cached(key); ok {
			return n, nil
		}
	}
	var n int64
	s, err := db.prepared(ctx, `SELECT n FROM generation WHERE id = 1`)
	if err == nil {
		err = s.QueryRowContext(ctx).Scan(&n)
	}
	if err != nil {
		return 0, fmt.Errorf("read the store's generation: %w", err)
	}
	if watched {
		db.wal.remember(key, n)
	}
	return n, nil
}

// bump counts a write, in its transaction.
func (t *txn) bump() error {
	return t.exec(`UPDATE generation SET n = n + 1, stored_at = ? WHERE id = 1`, formatTime(t.clock))
}

// writer writes the records of one transaction; it also answers
// checkBatch's lookups in the same transaction, so that what is checked is
// what is written against.
type writer struct {
	*txn
	now time.Time // for records that bring no time of their own
	// known answers EntityExists for the entities a batch names, read a
	// chunk a query by prefetch; nil outside kb.CheckBatch.
	known map[string]bool
}

// prefetch reads which of the entities a batch's claims and provisions
// name are stored, so that kb.CheckBatch's lookups need no query each.
func (w *writer) prefetch(b kb.Batch) error {
	seen := map[string]bool{}
	var ids []string
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, c := range b.Claims {
		add(c.Subject)
		add(c.Value.Entity)
		for _, q := range c.Qualifiers {
			add(q.Entity)
		}
	}
	for i := range b.Provisions {
		p := &b.Provisions[i]
		add(p.Treaty)
		for _, role := range kb.ProvisionRoles {
			for _, id := range role.IDs(p) {
				add(id)
			}
		}
		if p.Amount != nil {
			add(p.Amount.Entity)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	found, err := w.existing(`SELECT id FROM entities WHERE id IN (SELECT value FROM json_each(?))`, ids)
	if err != nil {
		return err
	}
	w.known = make(map[string]bool, len(ids))
	for _, id := range ids {
		w.known[id] = found[id]
	}
	return nil
}

func (w *writer) SourceHash(id string) (string, error) {
	var h string
	_, err := w.row(`SELECT sha256 FROM sources WHERE id = ?`, []any{id}, &h)
	return h, err
}

func (w *writer) EntityExists(id string) (bool, error) {
	if ok, seen := w.known[id]; seen {
		return ok, nil
	}
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
	if err := w.entities(b.Entities); err != nil {
		return err
	}
	if _, err := w.provisions(b.Provisions, "", propose); err != nil {
		return err
	}
	claims := b.Claims // copyBatch's copy: Apply's own
	for i := range claims {
		if claims[i].RecordedAt.IsZero() {
			claims[i].RecordedAt = w.now
		}
	}
	if _, err := w.claims(claims, propose); err != nil {
		return err
	}
	for _, k := range slices.Sorted(maps.Keys(b.Meta)) {
		if err := w.exec(`INSERT INTO meta (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, b.Meta[k]); err != nil {
			return fmt.Errorf("meta %q: %w", k, err)
		}
	}
	return nil
}

// entities writes the entities of a batch: those stored already one at a
// time (batchEntity), the new ones many rows to a statement.
func (w *writer) entities(es []kb.Entity) error {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.ID
	}
	stored, err := w.existing(`SELECT id FROM entities WHERE id IN (SELECT value FROM json_each(?))`, ids)
	if err != nil {
		return err
	}
	ins := newEntityInserts()
	for _, e := range es {
		if stored[e.ID] {
			if err := w.batchEntity(e); err != nil {
				return fmt.Errorf("entity %q: %w", e.ID, err)
			}
			continue
		}
		if err := w.newEntity(ins, e); err != nil {
			return fmt.Errorf("entity %q: %w", e.ID, err)
		}
	}
	return ins.flush(w.txn)
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

// entityColumns are the columns of the entities table that entityRow
// fills.
const entityColumns = `id, kind, description, wikidata, geojson, geometry_approximate, geometry_note,
	status, confidence, note, merged_into`

// entityRow gives an entity's row of the entities table.
func entityRow(e kb.Entity) []any {
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
	return []any{e.ID, string(e.Kind), e.Description, e.Wikidata, geojson, approx, note,
		string(status), e.Confidence, e.Note, nullString(e.MergedInto)}
}

// WriteEntity inserts or replaces an entity with its labels, aliases and
// evidence.
func (w *writer) WriteEntity(e kb.Entity) error {
	err := w.exec(`INSERT INTO entities (`+entityColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, description = excluded.description,
			wikidata = excluded.wikidata, geojson = excluded.geojson,
			geometry_approximate = excluded.geometry_approximate, geometry_note = excluded.geometry_note,
			status = excluded.status, confidence = excluded.confidence, note = excluded.note,
			merged_into = excluded.merged_into`,
		entityRow(e)...)
	if err != nil {
		return err
	}
	for _, table := range []string{`entity_labels`, `entity_aliases`, `entity_evidence`} {
		if err := w.exec(`DELETE FROM `+table+` WHERE entity = ?`, e.ID); err != nil {
			return err
		}
	}
	ins := newEntityInserts()
	ins.names(e)
	if err := flushAll(w.txn, ins.labels, ins.aliases, ins.evidence); err != nil {
		return err
	}
	return w.entityVersion(e)
}

// entityInserts are the rows of new entities.
type entityInserts struct {
	entities, labels, aliases, evidence, versions *inserts
}

func newEntityInserts() *entityInserts {
	return &entityInserts{
		entities: newInserts(`entities`, entityColumns, ``),
		labels:   newInserts(`entity_labels`, `entity, lang, label`, ``),
		aliases:  newInserts(`entity_aliases`, `entity, seq, text, lang, script`, ``),
		evidence: newInserts(`entity_evidence`, `entity, seq, source, sha256, exact, prefix, suffix, pos_start, pos_end`, ``),
		versions: newInserts(`entity_versions`, `entity, version, stored_at, data`, ``),
	}
}

// names buffers an entity's labels, aliases and evidence.
func (ins *entityInserts) names(e kb.Entity) {
	for _, lang := range slices.Sorted(maps.Keys(e.Labels)) {
		ins.labels.add(e.ID, lang, e.Labels[lang])
	}
	for i, a := range e.Aliases {
		ins.aliases.add(e.ID, i, a.Text, a.Lang, a.Script)
	}
	for i, ev := range e.Evidence {
		ins.evidence.add(e.ID, i, ev.Source, ev.SHA256, ev.Quote.Exact, ev.Quote.Prefix, ev.Quote.Suffix, ev.Position.Start, ev.Position.End)
	}
}

func (ins *entityInserts) flush(t *txn) error {
	return flushAll(t, ins.entities, ins.labels, ins.aliases, ins.evidence, ins.versions)
}

// newEntity buffers an entity that is not stored, with the first state of
// its history: what WriteEntity writes for it, without reading first.
func (w *writer) newEntity(ins *entityInserts, e kb.Entity) error {
	data, err := json.Marshal(records.FromEntity(e))
	if err != nil {
		return err
	}
	ins.entities.add(entityRow(e)...)
	ins.names(e)
	ins.versions.add(e.ID, 1, w.storedAfter(""), string(data))
	return nil
}

// The ways a version is written (records.Mode).
const (
	propose = records.Propose
	decide  = records.Decide
	rewrite = records.Rewrite
)

// claim appends a version of a claim and makes it current, and gives the
// current version's number (see claims).
func (w *writer) claim(c kb.Claim, mode records.Mode) (int, error) {
	vs, err := w.claims([]kb.Claim{c}, mode)
	if err != nil {
		return 0, err
	}
	return vs[0], nil
}

// claims appends a version of each claim, in order, and makes it current,
// unless records.Next says that mode writes none over the current version;
// it gives each claim's current version number. The current versions are
// read a chunk of ids a query, and the rows are written many to a
// statement, versions before what refers to them.
func (w *writer) claims(cs []kb.Claim, mode records.Mode) ([]int, error) {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	heads, err := w.heads(`SELECT h.id, h.version, v.digest, v.decided, v.stored_at FROM claims h
		JOIN claim_versions v ON v.claim = h.id AND v.version = h.version
		WHERE h.id IN (SELECT value FROM json_each(?))`, ids)
	if err != nil {
		return nil, err
	}
	versions := make([]int, len(cs))
	vs := newInserts(`claim_versions`, `claim, version, subject, property,
			value_type, value_entity, value_text, value_calendar, value_lang, value_bool,
			status, rank, note, confidence, recorded_at, recorded_by, digest, decided, stored_at`, ``)
	qs := newInserts(`claim_qualifiers`, `claim, version, name,
			value_type, value_entity, value_text, value_calendar, value_lang, value_bool`, ``)
	evs := newInserts(`claim_evidence`, `claim, version, seq, source, sha256, exact, prefix, suffix, pos_start, pos_end`, ``)
	hs := newInserts(`claims`, `id, version, subject, property, status, value_entity`,
		` ON CONFLICT (id) DO UPDATE SET version = excluded.version, subject = excluded.subject,
			property = excluded.property, status = excluded.status, value_entity = excluded.value_entity`)
	vs.reserve(len(cs))
	evs.reserve(len(cs))
	hs.reserve(len(cs))
	for i, c := range cs {
		digest, err := records.ClaimDigest(c)
		if err != nil {
			return nil, fmt.Errorf("claim %q: %w", c.ID, err)
		}
		h, found := heads[c.ID]
		write, decided := records.Next(mode, found, h.decided, h.digest == digest)
		if !write {
			versions[i] = h.version
			continue
		}
		// The head as this version leaves it, for a later version of the
		// same claim in the same call.
		h = head{version: h.version + 1, digest: digest, decided: decided, stored: w.storedAfter(h.stored)}
		heads[c.ID], versions[i] = h, h.version
		v := c.Value
		vs.add(c.ID, h.version, c.Subject, c.Property,
			string(v.Type), nullString(v.Entity), v.Text, string(v.Calendar), v.Lang, v.Bool,
			string(c.Status), string(c.Rank), c.Note, c.Confidence, formatTime(c.RecordedAt), c.RecordedBy, digest, decided, h.stored)
		for _, name := range slices.Sorted(maps.Keys(c.Qualifiers)) {
			q := c.Qualifiers[name]
			qs.add(c.ID, h.version, name, string(q.Type), nullString(q.Entity), q.Text, string(q.Calendar), q.Lang, q.Bool)
		}
		for j, e := range c.Evidence {
			evs.add(c.ID, h.version, j, e.Source, e.SHA256, e.Quote.Exact, e.Quote.Prefix, e.Quote.Suffix, e.Position.Start, e.Position.End)
		}
		hs.add(c.ID, h.version, c.Subject, c.Property, string(c.Status), nullString(v.Entity))
	}
	return versions, flushAll(w.txn, vs, qs, evs, hs)
}

// provision appends a version of a provision, recorded by by
// (p.RecordedBy when empty), and makes it current, as claim does a
// claim's.
func (w *writer) provision(p kb.Provision, by string, mode records.Mode) (int, error) {
	vs, err := w.provisions([]kb.Provision{p}, by, mode)
	if err != nil {
		return 0, err
	}
	return vs[0], nil
}

// provisions writes provisions as claims does claims, each version
// recorded by by (the provision's RecordedBy when empty).
func (w *writer) provisions(ps []kb.Provision, by string, mode records.Mode) ([]int, error) {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	heads, err := w.heads(`SELECT h.id, h.version, v.digest, v.decided, v.stored_at FROM provisions h
		JOIN provision_versions v ON v.provision = h.id AND v.version = h.version
		WHERE h.id IN (SELECT value FROM json_each(?))`, ids)
	if err != nil {
		return nil, err
	}
	versions := make([]int, len(ps))
	vs := newInserts(`provision_versions`, `provision, version, treaty, type, article, limits,
			amount_type, amount_entity, amount_text, amount_calendar, amount_lang, amount_bool,
			status, rank, note, exclusive, confidence, recorded_at, recorded_by, digest, decided, stored_at`, ``)
	es := newInserts(`provision_entities`, `provision, version, role, seq, entity`, ``)
	evs := newInserts(`provision_evidence`, `provision, version, seq, source, sha256, exact, prefix, suffix, pos_start, pos_end`, ``)
	hs := newInserts(`provisions`, `id, version, treaty`,
		` ON CONFLICT (id) DO UPDATE SET version = excluded.version, treaty = excluded.treaty`)
	recordedAt := formatTime(w.now)
	for i, p := range ps {
		digest, err := records.ProvisionDigest(p)
		if err != nil {
			return nil, fmt.Errorf("provision %q: %w", p.ID, err)
		}
		h, found := heads[p.ID]
		write, decided := records.Next(mode, found, h.decided, h.digest == digest)
		if !write {
			versions[i] = h.version
			continue
		}
		h = head{version: h.version + 1, digest: digest, decided: decided, stored: w.storedAfter(h.stored)}
		heads[p.ID], versions[i] = h, h.version
		recordedBy := by
		if recordedBy == "" {
			recordedBy = p.RecordedBy
		}
		var a kb.Value
		var amountType any // NULL: no amount
		if p.Amount != nil {
			a, amountType = *p.Amount, string(p.Amount.Type)
		}
		vs.add(p.ID, h.version, p.Treaty, p.Type, p.Article, p.Limits,
			amountType, nullString(a.Entity), a.Text, string(a.Calendar), a.Lang, a.Bool,
			string(p.Status), string(p.Rank), p.Note, p.Exclusive, p.Confidence, recordedAt, recordedBy, digest, decided, h.stored)
		for _, role := range kb.ProvisionRoles {
			for j, id := range role.IDs(&p) {
				es.add(p.ID, h.version, role.Role, j, id)
			}
		}
		for j, e := range p.Evidence {
			evs.add(p.ID, h.version, j, e.Source, e.SHA256, e.Quote.Exact, e.Quote.Prefix, e.Quote.Suffix, e.Position.Start, e.Position.End)
		}
		hs.add(p.ID, h.version, p.Treaty)
	}
	return versions, flushAll(w.txn, vs, es, evs, hs)
}

// nullString stores "" as NULL, for columns where NULL means "none" and
// a foreign key must not see an empty id.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
