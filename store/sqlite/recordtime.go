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
