package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"treatyline/kb"
	"treatyline/store/internal/records"
)

// view reads the store as it stands (at zero) or as it stood at a record
// time. DB's read methods read it as it stands; AsRecorded gives the
// other.
type view struct {
	db *DB
	at time.Time
}

// AsRecorded gives the knowledge base as the store held it at record time
// at: every version recorded after it is invisible.
func (db *DB) AsRecorded(ctx context.Context, at time.Time) (kb.Reader, error) {
	if at.IsZero() {
		return nil, kb.Errorf(kb.EINVALID, "record time: zero")
	}
	return view{db: db, at: at.UTC()}, nil
}

func (db *DB) current() view { return view{db: db} }

// Source returns a source by id, with its text when stored (ENOTFOUND).
func (db *DB) Source(ctx context.Context, id string) (kb.Source, error) {
	return db.current().Source(ctx, id)
}

// Sources lists the sources, without their texts, ordered by id.
func (db *DB) Sources(ctx context.Context) ([]kb.Source, error) { return db.current().Sources(ctx) }

// Entity returns an entity by id (ENOTFOUND).
func (db *DB) Entity(ctx context.Context, id string) (kb.Entity, error) {
	return db.current().Entity(ctx, id)
}

// Entities lists the entities of a kind ("" for all), ordered by id.
func (db *DB) Entities(ctx context.Context, kind kb.Kind) ([]kb.Entity, error) {
	return db.current().Entities(ctx, kind)
}

// Claims lists the current claims that match the filter.
func (db *DB) Claims(ctx context.Context, f kb.ClaimFilter) ([]kb.Claim, error) {
	return db.current().Claims(ctx, f)
}

// ClaimHistory lists every version of a claim, oldest first (ENOTFOUND).
func (db *DB) ClaimHistory(ctx context.Context, id string) ([]kb.Claim, error) {
	return db.current().ClaimHistory(ctx, id)
}

// Provisions lists the current provisions of a treaty ("" for all).
func (db *DB) Provisions(ctx context.Context, treaty string) ([]kb.Provision, error) {
	return db.current().Provisions(ctx, treaty)
}

// ProvisionHistory lists every version of a provision, oldest first
// (ENOTFOUND).
func (db *DB) ProvisionHistory(ctx context.Context, id string) ([]kb.Provision, error) {
	return db.current().ProvisionHistory(ctx, id)
}

// Source returns a source by id, with its text when stored (ENOTFOUND).
func (v view) Source(ctx context.Context, id string) (kb.Source, error) {
	where, args := `WHERE id = $1`, []any{id}
	if !v.at.IsZero() {
		where, args = where+` AND stored_at <= $2`, append(args, v.at)
	}
	out, err := v.sources(ctx, true, where, args...)
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
	where, args := ``, []any(nil)
	if !v.at.IsZero() {
		where, args = `WHERE stored_at <= $1`, []any{v.at}
	}
	out, err := v.sources(ctx, false, where, args...)
	if err != nil {
		return nil, fmt.Errorf("read sources: %w", err)
	}
	return out, nil
}

func (v view) sources(ctx context.Context, withText bool, where string, args ...any) ([]kb.Source, error) {
	text := `''`
	if withText {
		text = `coalesce(text, '')`
	}
	rows, err := v.db.pool.Query(ctx, `SELECT id, title, language, origin, sha256, `+text+`, added
		FROM sources `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (kb.Source, error) {
		var s kb.Source
		err := r.Scan(&s.ID, &s.Title, &s.Language, &s.Origin, &s.SHA256, &s.Text, &s.Added)
		s.Added = s.Added.UTC()
		return s, err
	})
}

// Entity returns an entity by id (ENOTFOUND).
func (v view) Entity(ctx context.Context, id string) (kb.Entity, error) {
	out, err := v.entities(ctx, id, "")
	if err != nil {
		return kb.Entity{}, fmt.Errorf("read entity %q: %w", id, err)
	}
	if len(out) == 0 {
		return kb.Entity{}, kb.Errorf(kb.ENOTFOUND, "no entity %q", id)
	}
	return out[0], nil
}

// Entities lists the entities of a kind ("" for all), ordered by id
// (EINVALID for an unknown kind).
func (v view) Entities(ctx context.Context, kind kb.Kind) ([]kb.Entity, error) {
	if kind != "" && !kb.ValidKind(kind) {
		return nil, kb.Errorf(kb.EINVALID, "unknown kind %q (want one of %v)", kind, kb.Kinds)
	}
	out, err := v.entities(ctx, "", kind)
	if err != nil {
		return nil, fmt.Errorf("read entities: %w", err)
	}
	return out, nil
}

func (v view) entities(ctx context.Context, id string, kind kb.Kind) ([]kb.Entity, error) {
	var q conds
	var query string
	if v.at.IsZero() {
		query = `SELECT h.id, h.data FROM entities h`
		if id != "" {
			q.add(`h.id = `, id)
		} else {
			// A list leaves out the entities merged into another.
			q.list = append(q.list, `h.merged_into IS NULL`)
		}
		if kind != "" {
			q.add(`h.kind = `, string(kind))
		}
		query += q.where() + ` ORDER BY h.id`
	} else {
		query = `SELECT DISTINCT ON (x.entity) x.entity, x.data FROM entity_versions x WHERE x.stored_at <= ` + q.arg(v.at)
		if id != "" {
			query += ` AND x.entity = ` + q.arg(id)
		}
		query += ` ORDER BY x.entity, x.version DESC`
	}
	rows, err := v.db.pool.Query(ctx, query, q.args...)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, scanEntity)
	if err != nil {
		return nil, err
	}
	kept := out[:0]
	for _, e := range out {
		// At a record time, a list leaves out the entities merged into
		// another then.
		if (kind == "" || e.Kind == kind) && (id != "" || e.MergedInto == "") {
			kept = append(kept, e)
		}
	}
	return kept, nil
}

// scanEntity reads a row of an entity's id and its state.
func scanEntity(r pgx.CollectableRow) (kb.Entity, error) {
	var id, data string
	if err := r.Scan(&id, &data); err != nil {
		return kb.Entity{}, err
	}
	var rec records.Entity
	if err := json.Unmarshal([]byte(data), &rec); err != nil {
		return kb.Entity{}, fmt.Errorf("entity %q: stored state: %w", id, err)
	}
	return rec.Entity(id), nil
}

// conds builds a WHERE clause with numbered parameters.
type conds struct {
	list []string
	args []any
}

// arg adds an argument and gives its placeholder.
func (c *conds) arg(a any) string {
	c.args = append(c.args, a)
	return "$" + strconv.Itoa(len(c.args))
}

// add adds a condition: a prefix and its one argument.
func (c *conds) add(prefix string, a any) {
	c.list = append(c.list, prefix+c.arg(a))
}

func (c *conds) where() string {
	if len(c.list) == 0 {
		return ``
	}
	return ` WHERE ` + strings.Join(c.list, ` AND `)
}

// Claims lists the current version of the claims that match the filter,
// ordered by subject, property and id (EINVALID for an unknown status).
func (v view) Claims(ctx context.Context, f kb.ClaimFilter) ([]kb.Claim, error) {
	switch f.Status {
	case "", kb.Candidate, kb.Accepted, kb.Rejected:
	default:
		return nil, kb.Errorf(kb.EINVALID, "claim filter: status: unknown status %q (want candidate, accepted or rejected)", f.Status)
	}
	var q conds
	var from, id string
	if v.at.IsZero() {
		from, id = `FROM claims h JOIN claim_versions x ON x.claim = h.id AND x.version = h.version`, `h.id`
	} else {
		// The last version of each claim recorded by then.
		from, id = `FROM (SELECT DISTINCT ON (claim) claim, version, subject, property, status, value_entity
			FROM claim_versions WHERE stored_at <= `+q.arg(v.at)+` ORDER BY claim, version DESC) h
			JOIN claim_versions x ON x.claim = h.claim AND x.version = h.version`, `h.claim`
	}
	if f.Subject != "" {
		q.add(`h.subject = `, f.Subject)
	}
	if f.Property != "" {
		q.add(`h.property = `, f.Property)
	}
	if f.Status != "" {
		q.add(`h.status = `, string(f.Status))
	}
	if f.Entity != "" {
		e := q.arg(f.Entity)
		q.list = append(q.list, `(h.subject = `+e+` OR h.value_entity = `+e+`)`)
	}
	if f.Source != "" {
		// Evidence of the current version only.
		q.list = append(q.list, `EXISTS (SELECT 1 FROM claim_sources e WHERE e.claim = `+id+
			` AND e.version = h.version AND e.source = `+q.arg(f.Source)+`)`)
	}
	out, err := v.db.readClaims(ctx, from+q.where(), `h.subject, h.property, `+id, q.args...)
	if err != nil {
		return nil, fmt.Errorf("read claims: %w", err)
	}
	return out, nil
}

// ClaimHistory lists every version of a claim, oldest first (ENOTFOUND).
func (v view) ClaimHistory(ctx context.Context, id string) ([]kb.Claim, error) {
	from, args := `FROM claim_versions x WHERE x.claim = $1`, []any{id}
	if !v.at.IsZero() {
		from, args = from+` AND x.stored_at <= $2`, append(args, v.at)
	}
	out, err := v.db.readClaims(ctx, from, `x.version`, args...)
	if err != nil {
		return nil, fmt.Errorf("read history of claim %q: %w", id, err)
	}
	if len(out) == 0 {
		return nil, kb.Errorf(kb.ENOTFOUND, "no claim %q", id)
	}
	return out, nil
}

func (db *DB) readClaims(ctx context.Context, from, order string, args ...any) ([]kb.Claim, error) {
	var out []kb.Claim
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		out, err = loadClaims(ctx, tx, from, order, args...)
		return err
	})
	return out, err
}

// loadClaims reads claim versions: from is a FROM and WHERE clause in
// which x is claim_versions.
func loadClaims(ctx context.Context, tx pgx.Tx, from, order string, args ...any) ([]kb.Claim, error) {
	rows, err := tx.Query(ctx, `SELECT x.version, x.stored_at, x.decided, x.data `+from+` ORDER BY `+order, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (kb.Claim, error) {
		var c kb.Claim
		var version int
		var stored time.Time
		var decided bool
		var data string
		if err := r.Scan(&version, &stored, &decided, &data); err != nil {
			return c, err
		}
		if err := json.Unmarshal([]byte(data), &c); err != nil {
			return c, fmt.Errorf("stored claim: %w", err)
		}
		c.Version, c.StoredAt, c.Decided = version, stored.UTC(), decided
		c.RecordedAt = c.RecordedAt.UTC()
		return c, nil
	})
}

// Provisions lists the current provisions of a treaty ("" for all),
// ordered by treaty and id.
func (v view) Provisions(ctx context.Context, treaty string) ([]kb.Provision, error) {
	var q conds
	var from, id string
	if v.at.IsZero() {
		from, id = `FROM provisions h JOIN provision_versions x ON x.provision = h.id AND x.version = h.version`, `h.id`
	} else {
		from, id = `FROM (SELECT DISTINCT ON (provision) provision, version, treaty
			FROM provision_versions WHERE stored_at <= `+q.arg(v.at)+` ORDER BY provision, version DESC) h
			JOIN provision_versions x ON x.provision = h.provision AND x.version = h.version`, `h.provision`
	}
	if treaty != "" {
		q.add(`h.treaty = `, treaty)
	}
	out, err := v.db.readProvisions(ctx, from+q.where(), `h.treaty, `+id, q.args...)
	if err != nil {
		return nil, fmt.Errorf("read provisions: %w", err)
	}
	return out, nil
}

// ProvisionHistory lists every version of a provision, oldest first
// (ENOTFOUND).
func (v view) ProvisionHistory(ctx context.Context, id string) ([]kb.Provision, error) {
	from, args := `FROM provision_versions x WHERE x.provision = $1`, []any{id}
	if !v.at.IsZero() {
		from, args = from+` AND x.stored_at <= $2`, append(args, v.at)
	}
	out, err := v.db.readProvisions(ctx, from, `x.version`, args...)
	if err != nil {
		return nil, fmt.Errorf("read history of provision %q: %w", id, err)
	}
	if len(out) == 0 {
		return nil, kb.Errorf(kb.ENOTFOUND, "no provision %q", id)
	}
	return out, nil
}

func (db *DB) readProvisions(ctx context.Context, from, order string, args ...any) ([]kb.Provision, error) {
	var out []kb.Provision
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		out, err = loadProvisions(ctx, tx, from, order, args...)
		return err
	})
	return out, err
}

// loadProvisions reads provision versions: from is a FROM and WHERE
// clause in which x is provision_versions.
func loadProvisions(ctx context.Context, tx pgx.Tx, from, order string, args ...any) ([]kb.Provision, error) {
	rows, err := tx.Query(ctx, `SELECT x.version, x.stored_at, x.decided, x.data `+from+` ORDER BY `+order, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (kb.Provision, error) {
		var p kb.Provision
		var version int
		var stored time.Time
		var decided bool
		var data string
		if err := r.Scan(&version, &stored, &decided, &data); err != nil {
			return p, err
		}
		if err := json.Unmarshal([]byte(data), &p); err != nil {
			return p, fmt.Errorf("stored provision: %w", err)
		}
		p.Version, p.StoredAt, p.Decided = version, stored.UTC(), decided
		return p, nil
	})
}
