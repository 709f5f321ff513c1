package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"treatyline/kb"
	"treatyline/store/internal/records"
)

// entityVersion appends the entity's state to its history, unless it is
// the state last recorded.
func (w *writer) entityVersion(e kb.Entity) error {
	data, err := json.Marshal(records.FromEntity(e))
	if err != nil {
		return err
	}
	var version int
	var last, stored string
	found, err := w.row(`SELECT version, data, stored_at FROM entity_versions WHERE entity = ? ORDER BY version DESC LIMIT 1`,
		[]any{e.ID}, &version, &last, &stored)
	if err != nil {
		return err
	}
	if found && records.Same(last, string(data)) {
		return nil
	}
	return w.exec(`INSERT INTO entity_versions (entity, version, stored_at, data) VALUES (?, ?, ?, ?)`,
		e.ID, version+1, w.storedAfter(stored), string(data))
}

// storedAfter gives the record time of a new version: the transaction's,
// or just after the previous version's when the clock has gone back, so
// that a record's versions are in the order of their record times.
func (w *writer) storedAfter(prev string) string {
	now := formatTime(w.clock)
	if prev >= now {
		p, err := parseTime(prev)
		if err == nil {
			return formatTime(p.Add(time.Microsecond))
		}
	}
	return now
}

// entitiesAt reads the entities as they stood at a record time: one id,
// or those of a kind, or all.
func entitiesAt(t *txn, at, id string, kind kb.Kind) ([]kb.Entity, error) {
	q := `SELECT x.entity, x.data FROM (SELECT entity, max(version) AS version FROM entity_versions
			WHERE stored_at <= ? GROUP BY entity) m
		JOIN entity_versions x ON x.entity = m.entity AND x.version = m.version WHERE 1`
	args := []any{at}
	if id != "" {
		q += ` AND x.entity = ?`
		args = append(args, id)
	}
	rows, err := t.query(q+` ORDER BY x.entity`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kb.Entity
	for rows.Next() {
		var id, data string
		if err := rows.Scan(&id, &data); err != nil {
			return nil, err
		}
		var r records.Entity
		if err := json.Unmarshal([]byte(data), &r); err != nil {
			return nil, fmt.Errorf("entity %q: stored version: %w", id, err)
		}
		// A list leaves out the entities merged into another then.
		if (kind == "" || r.Kind == kind) && (id != "" || r.MergedInto == "") {
			out = append(out, r.Entity(id))
		}
	}
	return out, rows.Err()
}

// AddToken records a reviewer's token by its hash.
func (db *DB) AddToken(ctx context.Context, tok kb.Token) error {
	if err := kb.ValidateToken(tok); err != nil {
		return err
	}
	if tok.Created.IsZero() {
		tok.Created = db.now()
	}
	err := db.write(ctx, func(t *txn) error {
		var one int
		if found, err := t.row(`SELECT 1 FROM tokens WHERE name = ? AND revoked IS NULL`, []any{tok.Name}, &one); err != nil {
			return err
		} else if found {
			return kb.Errorf(kb.ECONFLICT, "token %q: the reviewer has a valid token: revoke it first", tok.Name)
		}
		if found, err := t.row(`SELECT 1 FROM tokens WHERE hash = ?`, []any{tok.Hash}, &one); err != nil {
			return err
		} else if found {
			return kb.Errorf(kb.ECONFLICT, "token %q: this token is already stored", tok.Name)
		}
		return t.exec(`INSERT INTO tokens (name, hash, created) VALUES (?, ?, ?)`, tok.Name, tok.Hash, formatTime(tok.Created))
	})
	if err != nil && kb.ErrorCode(err) == kb.EINTERNAL {
		return fmt.Errorf("add token %q: %w", tok.Name, err)
	}
	return err
}

// Tokens lists the tokens, revoked ones included, by name and time.
func (db *DB) Tokens(ctx context.Context) ([]kb.Token, error) {
	var out []kb.Token
	err := db.read(ctx, func(t *txn) error {
		rows, err := t.query(`SELECT name, hash, created, coalesce(revoked, '') FROM tokens ORDER BY name, created, hash`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var tok kb.Token
			var created, revoked string
			if err := rows.Scan(&tok.Name, &tok.Hash, &created, &revoked); err != nil {
				return err
			}
			if tok.Created, err = parseTime(created); err != nil {
				return err
			}
			if revoked != "" {
				if tok.Revoked, err = parseTime(revoked); err != nil {
					return err
				}
			}
			out = append(out, tok)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("read tokens: %w", err)
	}
	return out, nil
}

// RevokeToken revokes the valid token of a name (ENOTFOUND when it has
// none).
func (db *DB) RevokeToken(ctx context.Context, name string, at time.Time) error {
	if at.IsZero() {
		at = db.now()
	}
	err := db.write(ctx, func(t *txn) error {
		s, err := t.stmt(`UPDATE tokens SET revoked = ? WHERE name = ? AND revoked IS NULL`)
		if err != nil {
			return err
		}
		res, err := s.ExecContext(t.run, formatTime(at), name)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return kb.Errorf(kb.ENOTFOUND, "no valid token for %q", name)
		}
		return nil
	})
	if err != nil && kb.ErrorCode(err) == kb.EINTERNAL {
		return fmt.Errorf("revoke token %q: %w", name, err)
	}
	return err
}

// Mark gives where the store stands: its generation, and the record time
// of the write that brought it there (kb.ChangeReader).
func (db *DB) Mark(ctx context.Context) (kb.Mark, error) {
	var m kb.Mark
	err := db.read(ctx, func(t *txn) (err error) {
		m, err = markOf(t)
		return err
	})
	if err != nil {
		return kb.Mark{}, fmt.Errorf("read the store's mark: %w", err)
	}
	return m, nil
}

func markOf(t *txn) (kb.Mark, error) {
	var m kb.Mark
	var at string
	if _, err := t.row(`SELECT n, stored_at FROM generation WHERE id = 1`, nil, &m.Generation, &at); err != nil {
		return kb.Mark{}, err
	}
	if at != "" {
		var err error
		if m.At, err = parseTime(at); err != nil {
			return kb.Mark{}, err
		}
	}
	return m, nil
}

// ChangesSince gives what was recorded after the mark m, as the store now
// holds it, in one read (kb.ChangeReader): each query finds the records
// by the index of their versions' record times. A mark without a record
// time, or ahead of the store (from another file), is EINVALID: read
// the store whole instead.
func (db *DB) ChangesSince(ctx context.Context, m kb.Mark) (kb.Changed, error) {
	at := formatTime(m.At)
	var c kb.Changed
	err := db.read(ctx, func(t *txn) (err error) {
		if c.Mark, err = markOf(t); err != nil {
			return err
		}
		if err := c.Mark.Reaches(m); err != nil || c.Mark.Same(m) {
			return err
		}
		if c.Entities, err = queryEntities(t, `x.entity IN (SELECT entity FROM entity_versions WHERE stored_at > ?)`,
			`e.id IN (SELECT entity FROM entity_versions WHERE stored_at > ?)`, at); err != nil {
			return err
		}
		if c.Claims, err = loadClaims(t, currentClaims+`h.id IN (SELECT claim FROM claim_versions WHERE stored_at > ?)`,
			`h.id`, at); err != nil {
			return err
		}
		if c.Provisions, err = loadProvisions(t, currentProvisions+`h.id IN (SELECT provision FROM provision_versions WHERE stored_at > ?)`,
			`h.id`, at); err != nil {
			return err
		}
		_, err = t.row(`SELECT EXISTS (SELECT 1 FROM sources WHERE stored_at > ?)`, []any{at}, &c.Sources)
		return err
	})
	if err != nil {
		return kb.Changed{}, fmt.Errorf("read the changes since generation %d: %w", m.Generation, err)
	}
	return c, nil
}
