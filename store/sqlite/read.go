package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"treatyline/histdate"
	"treatyline/kb"
)

// view reads the store as it stands (at == "") or as it stood at a record
// time (at, formatted by formatTime). DB's read methods read the view as
// it stands; AsRecorded gives the other.
type view struct {
	db *DB
	at string
}

// AsRecorded gives the knowledge base as the store held it at record time
// at: every version recorded after it is invisible.
func (db *DB) AsRecorded(ctx context.Context, at time.Time) (kb.Reader, error) {
	if at.IsZero() {
		return nil, kb.Errorf(kb.EINVALID, "record time: zero")
	}
	return view{db: db, at: formatTime(at)}, nil
}

func (db *DB) now0() view { return view{db: db} }

// Source returns a source by id, with its text when stored (ENOTFOUND).
func (db *DB) Source(ctx context.Context, id string) (kb.Source, error) {
	return db.now0().Source(ctx, id)
}

// Sources lists the sources, without their texts, ordered by id.
func (db *DB) Sources(ctx context.Context) ([]kb.Source, error) { return db.now0().Sources(ctx) }

// Entity returns an entity by id (ENOTFOUND).
func (db *DB) Entity(ctx context.Context, id string) (kb.Entity, error) {
	return db.now0().Entity(ctx, id)
}

// Entities lists the entities of a kind ("" for all), ordered by id.
func (db *DB) Entities(ctx context.Context, kind kb.Kind) ([]kb.Entity, error) {
	return db.now0().Entities(ctx, kind)
}

// Claims lists the current claims that match the filter.
func (db *DB) Claims(ctx context.Context, f kb.ClaimFilter) ([]kb.Claim, error) {
	return db.now0().Claims(ctx, f)
}

// ClaimHistory lists every version of a claim, oldest first (ENOTFOUND).
func (db *DB) ClaimHistory(ctx context.Context, id string) ([]kb.Claim, error) {
	return db.now0().ClaimHistory(ctx, id)
}

// Provisions lists the current provisions of a treaty ("" for all).
func (db *DB) Provisions(ctx context.Context, treaty string) ([]kb.Provision, error) {
	return db.now0().Provisions(ctx, treaty)
}

// ProvisionHistory lists every version of a provision, oldest first
// (ENOTFOUND).
func (db *DB) ProvisionHistory(ctx context.Context, id string) ([]kb.Provision, error) {
	return db.now0().ProvisionHistory(ctx, id)
}

// Source returns a source by id, with its text when stored (ENOTFOUND).
func (v view) Source(ctx context.Context, id string) (kb.Source, error) {
	var out []kb.Source
	err := v.db.read(ctx, func(t *txn) (err error) {
		if v.at != "" {
			out, err = querySources(t, true, `WHERE id = ? AND stored_at <= ?`, id, v.at)
		} else {
			out, err = querySources(t, true, `WHERE id = ?`, id)
		}
		return err
	})
	if err != nil {
		return kb.Source{}, fmt.Errorf("read source %q: %w", id, err)
	}
	if len(out) == 0 {
		return kb.Source{}, kb.Errorf(kb.ENOTFOUND, "no source %q", id)
	}
	return out[0], nil
}

// Sources lists the sources, without their texts, ordered by id.
func (v view) Sources(ctx context.Context) ([]kb.Source, error) {
	var out []kb.Source
	err := v.db.read(ctx, func(t *txn) (err error) {
		if v.at != "" {
			out, err = querySources(t, false, `WHERE stored_at <= ?`, v.at)
		} else {
			out, err = querySources(t, false, ``)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read sources: %w", err)
	}
	return out, nil
}

func querySources(t *txn, withText bool, where string, args ...any) ([]kb.Source, error) {
	text := `''`
	if withText {
		text = `coalesce(text, '')`
	}
	rows, err := t.query(`SELECT id, title, language, origin, sha256, `+text+`, added
		FROM sources `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kb.Source
	for rows.Next() {
		var s kb.Source
		var added string
		if err := rows.Scan(&s.ID, &s.Title, &s.Language, &s.Origin, &s.SHA256, &s.Text, &added); err != nil {
			return nil, err
		}
		if s.Added, err = parseTime(added); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Entity returns an entity by id (ENOTFOUND).
func (v view) Entity(ctx context.Context, id string) (kb.Entity, error) {
	var out []kb.Entity
	err := v.db.read(ctx, func(t *txn) (err error) {
		if v.at != "" {
			out, err = entitiesAt(t, v.at, id, "")
		} else {
			out, err = queryEntities(t, `x.entity = ?`, `e.id = ?`, id)
		}
		return err
	})
	if err != nil {
		return kb.Entity{}, fmt.Errorf("read entity %q: %w", id, err)
	}
	if len(out) == 0 {
		return kb.Entity{}, kb.Errorf(kb.ENOTFOUND, "no entity %q", id)
	}
	return out[0], nil
}

// Entities lists the entities of a kind ("" for all), ordered by id,
// leaving out those merged into another (EINVALID for an unknown kind,
// which is more likely a typo than a question).
func (v view) Entities(ctx context.Context, kind kb.Kind) ([]kb.Entity, error) {
	if kind != "" && !kb.ValidKind(kind) {
		return nil, kb.Errorf(kb.EINVALID, "unknown kind %q (want one of %v)", kind, kb.Kinds)
	}
	var out []kb.Entity
	err := v.db.read(ctx, func(t *txn) (err error) {
		if v.at != "" {
			out, err = entitiesAt(t, v.at, "", kind)
		} else if kind == "" {
			out, err = queryEntities(t, `x.entity IN (SELECT id FROM entities WHERE merged_into IS NULL)`, `e.merged_into IS NULL`)
		} else {
			out, err = queryEntities(t,
				`x.entity IN (SELECT id FROM entities WHERE kind = ? AND merged_into IS NULL)`, `e.kind = ? AND e.merged_into IS NULL`, string(kind))
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read entities: %w", err)
	}
	return out, nil
}

// queryEntities reads the entities that match where (on entities e), with
// their labels and aliases selected by partWhere (on x). Both conditions
// take the same args.
func queryEntities(t *txn, partWhere, where string, args ...any) ([]kb.Entity, error) {
	rows, err := t.query(`SELECT e.id, e.kind, e.description, e.wikidata, e.geojson, e.geometry_approximate, e.geometry_note,
			e.status, e.confidence, e.note, coalesce(e.merged_into, '')
		FROM entities e WHERE `+where+` ORDER BY e.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kb.Entity
	byID := map[string]int{}
	for rows.Next() {
		var e kb.Entity
		var geojson sql.NullString
		var approx bool
		var note string
		if err := rows.Scan(&e.ID, &e.Kind, &e.Description, &e.Wikidata, &geojson, &approx, &note,
			&e.Status, &e.Confidence, &e.Note, &e.MergedInto); err != nil {
			return nil, err
		}
		if geojson.Valid {
			e.Geometry = &kb.Geometry{GeoJSON: []byte(geojson.String), Approximate: approx, Note: note}
		}
		byID[e.ID] = len(out)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()

	rows, err = t.query(`SELECT x.entity, x.lang, x.label FROM entity_labels x WHERE `+partWhere, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, lang, label string
		if err := rows.Scan(&id, &lang, &label); err != nil {
			return nil, err
		}
		if i, ok := byID[id]; ok {
			if out[i].Labels == nil {
				out[i].Labels = map[string]string{}
			}
			out[i].Labels[lang] = label
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()

	rows, err = t.query(`SELECT x.entity, x.text, x.lang, x.script FROM entity_aliases x WHERE `+partWhere+` ORDER BY x.entity, x.seq`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var a kb.Alias
		if err := rows.Scan(&id, &a.Text, &a.Lang, &a.Script); err != nil {
			return nil, err
		}
		if i, ok := byID[id]; ok {
			out[i].Aliases = append(out[i].Aliases, a)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()

	rows, err = t.query(`SELECT x.entity, x.source, x.sha256, x.exact, x.prefix, x.suffix, x.pos_start, x.pos_end
		FROM entity_evidence x WHERE `+partWhere+` ORDER BY x.entity, x.seq`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var e kb.Evidence
		if err := rows.Scan(&id, &e.Source, &e.SHA256, &e.Quote.Exact, &e.Quote.Prefix, &e.Quote.Suffix, &e.Position.Start, &e.Position.End); err != nil {
			return nil, err
		}
		if i, ok := byID[id]; ok {
			out[i].Evidence = append(out[i].Evidence, e)
		}
	}
	return out, rows.Err()
}

// Claims lists the current version of the claims that match the filter,
// ordered by subject, property and id (EINVALID for an unknown status).
// Every condition runs in SQL on an index of the current claims.
func (v view) Claims(ctx context.Context, f kb.ClaimFilter) ([]kb.Claim, error) {
	switch f.Status {
	case "", kb.Candidate, kb.Accepted, kb.Rejected:
	default:
		return nil, kb.Errorf(kb.EINVALID, "claim filter: status: unknown status %q (want candidate, accepted or rejected)", f.Status)
	}
	var out []kb.Claim
	err := v.db.read(ctx, func(t *txn) (err error) {
		if v.at != "" {
			where, args := claimWhere(f, "h.claim")
			// The last version of each claim recorded by then.
			out, err = loadClaims(t, `FROM (SELECT claim, max(version) AS version FROM claim_versions
					WHERE stored_at <= ? GROUP BY claim) m
				JOIN claim_versions h ON h.claim = m.claim AND h.version = m.version
				JOIN %s x ON x.claim = h.claim AND x.version = h.version WHERE `+where,
				`h.subject, h.property, h.claim`, append([]any{v.at}, args...)...)
			return err
		}
		where, args := claimWhere(f, "h.id")
		out, err = queryClaims(t, where, args...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read claims: %w", err)
	}
	return out, nil
}

// claimWhere gives the condition on the head table h for a filter. Only
// the fields given become conditions: SQLite plans a statement once, so a
// catch-all condition that is true for an empty argument would keep it
// off the indexes.
func claimWhere(f kb.ClaimFilter, id string) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	if f.Subject != "" {
		add(`h.subject = ?`, f.Subject)
	}
	if f.Property != "" {
		add(`h.property = ?`, f.Property)
	}
	if f.Status != "" {
		add(`h.status = ?`, string(f.Status))
	}
	if f.Entity != "" {
		add(`(h.subject = ? OR h.value_entity = ?)`, f.Entity, f.Entity)
	}
	if f.Source != "" {
		// Evidence of the current version only: the claim's history may
		// cite sources it no longer does.
		add(`(`+id+`, h.version) IN (SELECT e.claim, e.version FROM claim_evidence e WHERE e.source = ?)`, f.Source)
	}
	if len(conds) == 0 {
		return `1`, nil
	}
	return strings.Join(conds, ` AND `), args
}

// ClaimHistory lists every version of a claim, oldest first (ENOTFOUND).
func (v view) ClaimHistory(ctx context.Context, id string) ([]kb.Claim, error) {
	var out []kb.Claim
	err := v.db.read(ctx, func(t *txn) (err error) {
		if v.at != "" {
			out, err = loadClaims(t, `FROM %s x WHERE x.claim = ? AND x.version IN
				(SELECT version FROM claim_versions WHERE claim = ? AND stored_at <= ?)`, `x.version`, id, id, v.at)
		} else {
			out, err = loadClaims(t, `FROM %s x WHERE x.claim = ?`, `x.version`, id)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read history of claim %q: %w", id, err)
	}
	if len(out) == 0 {
		return nil, kb.Errorf(kb.ENOTFOUND, "no claim %q", id)
	}
	return out, nil
}

// queryClaims reads the current claims that match where, a condition on
// the head table h.
func queryClaims(t *txn, where string, args ...any) ([]kb.Claim, error) {
	return loadClaims(t, currentClaims+where, claimOrder, args...)
}

// currentClaims and claimOrder select current claims for loadClaims.
const (
	currentClaims = `FROM claims h JOIN %s x ON x.claim = h.id AND x.version = h.version WHERE `
	claimOrder    = `h.subject, h.property, h.id`
)

// versionKey names one version of a claim or provision.
type versionKey struct {
	id      string
	version int
}

// loadClaims reads claim versions in three queries whatever their number:
// the versions, their qualifiers and their evidence. from is a FROM and
// WHERE clause in which %s stands for the table read, as x.
func loadClaims(t *txn, from, order string, args ...any) ([]kb.Claim, error) {
	queries := claimQueries(from, order)
	rows, err := t.query(queries[0], args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kb.Claim
	index := map[versionKey]int{}
	for rows.Next() {
		var c kb.Claim
		var version int
		var v value
		var at, stored string
		if err := rows.Scan(&c.ID, &version, &c.Subject, &c.Property,
			&v.typ, &v.entity, &v.text, &v.calendar, &v.lang, &v.bool,
			&c.Status, &c.Rank, &c.Note, &c.Confidence, &at, &c.RecordedBy, &stored, &c.Decided); err != nil {
			return nil, err
		}
		c.Value = v.value()
		if c.RecordedAt, err = parseTime(at); err != nil {
			return nil, err
		}
		if c.StoredAt, err = parseTime(stored); err != nil {
			return nil, err
		}
		c.Version = version
		index[versionKey{c.ID, version}] = len(out)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if len(out) == 0 {
		return nil, nil
	}

	rows, err = t.query(queries[1], args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k versionKey
		var name string
		var v value
		if err := rows.Scan(&k.id, &k.version, &name, &v.typ, &v.entity, &v.text, &v.calendar, &v.lang, &v.bool); err != nil {
			return nil, err
		}
		if i, ok := index[k]; ok {
			if out[i].Qualifiers == nil {
				out[i].Qualifiers = map[string]kb.Value{}
			}
			out[i].Qualifiers[name] = v.value()
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()

	err = loadEvidence(t, queries[2], args, func(k versionKey, e kb.Evidence) {
		if i, ok := index[k]; ok {
			out[i].Evidence = append(out[i].Evidence, e)
		}
	})
	return out, err
}

// claimQueries gives loadClaims' three queries: versions, qualifiers,
// evidence.
func claimQueries(from, order string) [3]string {
	return [3]string{
		`SELECT x.claim, x.version, x.subject, x.property,
			x.value_type, x.value_entity, x.value_text, x.value_calendar, x.value_lang, x.value_bool,
			x.status, x.rank, x.note, x.confidence, x.recorded_at, x.recorded_by, x.stored_at, x.decided
		` + fmt.Sprintf(from, "claim_versions") + ` ORDER BY ` + order,
		`SELECT x.claim, x.version, x.name,
			x.value_type, x.value_entity, x.value_text, x.value_calendar, x.value_lang, x.value_bool
		` + fmt.Sprintf(from, "claim_qualifiers"),
		evidenceQuery(`x.claim, x.version`, fmt.Sprintf(from, "claim_evidence")),
	}
}

// evidenceQuery reads evidence rows keyed by key, in order.
func evidenceQuery(key, from string) string {
	return `SELECT ` + key + `, x.source, x.sha256, x.exact, x.prefix, x.suffix, x.pos_start, x.pos_end
		` + from + ` ORDER BY ` + key + `, x.seq`
}

// loadEvidence runs an evidenceQuery and hands each row to add.
func loadEvidence(t *txn, query string, args []any, add func(versionKey, kb.Evidence)) error {
	rows, err := t.query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k versionKey
		var e kb.Evidence
		if err := rows.Scan(&k.id, &k.version, &e.Source, &e.SHA256, &e.Quote.Exact, &e.Quote.Prefix, &e.Quote.Suffix,
			&e.Position.Start, &e.Position.End); err != nil {
			return err
		}
		add(k, e)
	}
	return rows.Err()
}

// value is a kb.Value as its typed columns hold it.
type value struct {
	typ      sql.NullString // NULL for a provision without an amount
	entity   sql.NullString
	text     string
	calendar string
	lang     string
	bool     bool
}

func (v value) value() kb.Value {
	return kb.Value{Type: kb.ValueType(v.typ.String), Entity: v.entity.String, Text: v.text,
		Calendar: histdate.Calendar(v.calendar), Lang: v.lang, Bool: v.bool}
}

// Provisions lists the current provisions of a treaty ("" for all),
// ordered by treaty and id.
func (v view) Provisions(ctx context.Context, treaty string) ([]kb.Provision, error) {
	where, args := `1`, []any(nil)
	if treaty != "" {
		where, args = `h.treaty = ?`, []any{treaty}
	}
	var out []kb.Provision
	err := v.db.read(ctx, func(t *txn) (err error) {
		if v.at != "" {
			out, err = loadProvisions(t, `FROM (SELECT provision, max(version) AS version FROM provision_versions
					WHERE stored_at <= ? GROUP BY provision) m
				JOIN provision_versions h ON h.provision = m.provision AND h.version = m.version
				JOIN %s x ON x.provision = h.provision AND x.version = h.version WHERE `+where,
				`h.treaty, h.provision`, append([]any{v.at}, args...)...)
			return err
		}
		out, err = loadProvisions(t, currentProvisions+where, `h.treaty, h.id`, args...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read provisions: %w", err)
	}
	return out, nil
}

// currentProvisions selects current provisions for loadProvisions.
const currentProvisions = `FROM provisions h JOIN %s x ON x.provision = h.id AND x.version = h.version WHERE `

// ProvisionHistory lists every version of a provision, oldest first
// (ENOTFOUND).
func (v view) ProvisionHistory(ctx context.Context, id string) ([]kb.Provision, error) {
	var out []kb.Provision
	err := v.db.read(ctx, func(t *txn) (err error) {
		if v.at != "" {
			out, err = loadProvisions(t, `FROM %s x WHERE x.provision = ? AND x.version IN
				(SELECT version FROM provision_versions WHERE provision = ? AND stored_at <= ?)`, `x.version`, id, id, v.at)
		} else {
			out, err = loadProvisions(t, `FROM %s x WHERE x.provision = ?`, `x.version`, id)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read history of provision %q: %w", id, err)
	}
	if len(out) == 0 {
		return nil, kb.Errorf(kb.ENOTFOUND, "no provision %q", id)
	}
	return out, nil
}

// loadProvisions reads provision versions in three queries, as loadClaims
// reads claims.
func loadProvisions(t *txn, from, order string, args ...any) ([]kb.Provision, error) {
	rows, err := t.query(`SELECT x.provision, x.version, x.treaty, x.type, x.article, x.limits,
			x.amount_type, x.amount_entity, x.amount_text, x.amount_calendar, x.amount_lang, x.amount_bool,
			x.status, x.rank, x.note, x.exclusive, x.confidence, x.recorded_by, x.stored_at, x.decided
		`+fmt.Sprintf(from, "provision_versions")+` ORDER BY `+order, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kb.Provision
	index := map[versionKey]int{}
	for rows.Next() {
		var p kb.Provision
		var a value
		var stored string
		if err := rows.Scan(&p.ID, &p.Version, &p.Treaty, &p.Type, &p.Article, &p.Limits,
			&a.typ, &a.entity, &a.text, &a.calendar, &a.lang, &a.bool,
			&p.Status, &p.Rank, &p.Note, &p.Exclusive, &p.Confidence, &p.RecordedBy, &stored, &p.Decided); err != nil {
			return nil, err
		}
		if a.typ.Valid {
			v := a.value()
			p.Amount = &v
		}
		if p.StoredAt, err = parseTime(stored); err != nil {
			return nil, err
		}
		index[versionKey{p.ID, p.Version}] = len(out)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if len(out) == 0 {
		return nil, nil
	}

	rows, err = t.query(`SELECT x.provision, x.version, x.role, x.entity
		`+fmt.Sprintf(from, "provision_entities")+` ORDER BY x.provision, x.version, x.role, x.seq`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k versionKey
		var role, id string
		if err := rows.Scan(&k.id, &k.version, &role, &id); err != nil {
			return nil, err
		}
		i, ok := index[k]
		if !ok {
			continue
		}
		for _, r := range kb.ProvisionRoles {
			if r.Role == role {
				r.Set(&out[i], append(r.IDs(&out[i]), id))
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()

	err = loadEvidence(t, evidenceQuery(`x.provision, x.version`, fmt.Sprintf(from, "provision_evidence")), args, func(k versionKey, e kb.Evidence) {
		if i, ok := index[k]; ok {
			out[i].Evidence = append(out[i].Evidence, e)
		}
	})
	return out, err
}
