package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"treatyline/kb"
)

// entityRecord is an entity as entity_versions keeps it, as JSON: the
// GeoJSON stays JSON (kb.Geometry's bytes would be base64).
type entityRecord struct {
	Kind        kb.Kind           `json:"kind"`
	Labels      map[string]string `json:"labels"`
	Aliases     []kb.Alias        `json:"aliases"`
	Description string            `json:"description"`
	Wikidata    string            `json:"wikidata"`
	GeoJSON     json.RawMessage   `json:"geojson"`
	Approximate bool              `json:"approximate"`
	Note        string            `json:"note"`
}

func recordOf(e kb.Entity) entityRecord {
	r := entityRecord{Kind: e.Kind, Labels: e.Labels, Aliases: e.Aliases, Description: e.Description, Wikidata: e.Wikidata}
	if r.Labels == nil {
		r.Labels = map[string]string{}
	}
	if r.Aliases == nil {
		r.Aliases = []kb.Alias{}
	}
	if g := e.Geometry; g != nil {
		r.GeoJSON, r.Approximate, r.Note = json.RawMessage(g.GeoJSON), g.Approximate, g.Note
	}
	return r
}

func (r entityRecord) entity(id string) kb.Entity {
	e := kb.Entity{ID: id, Kind: r.Kind, Labels: r.Labels, Aliases: r.Aliases, Description: r.Description, Wikidata: r.Wikidata}
	if len(r.GeoJSON) > 0 && string(r.GeoJSON) != "null" {
		e.Geometry = &kb.Geometry{GeoJSON: []byte(r.GeoJSON), Approximate: r.Approximate, Note: r.Note}
	}
	return e
}

// entityVersion appends the entity's state to its history, unless it is
// the state last recorded.
func (w *writer) entityVersion(e kb.Entity) error {
	data, err := json.Marshal(recordOf(e))
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
	if found && sameJSON(last, data) {
		return nil
	}
	return w.exec(`INSERT INTO entity_versions (entity, version, stored_at, data) VALUES (?, ?, ?, ?)`,
		e.ID, version+1, w.storedAfter(stored), string(data))
}

// sameJSON reports whether two JSON texts hold the same value (SQLite's
// json_object writes what encoding/json would, but spacing may differ).
func sameJSON(a string, b []byte) bool {
	if a == string(b) {
		return true
	}
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	return string(xa) == string(yb)
}

// storedAfter gives the record time of a new version: the transaction's,
// or just after the previous version's when the clock has gone back, so
// that a record's versions are in the order of their record times.
func (w *writer) storedAfter(prev string) string {
	now := formatTime(w.now)
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
	q := `SELECT x.entity, x.data FROM entity_versions x WHERE x.stored_at <= ?
		AND x.version = (SELECT max(y.version) FROM entity_versions y WHERE y.entity = x.entity AND y.stored_at <= ?)`
	args := []any{at, at}
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
		var r entityRecord
		if err := json.Unmarshal([]byte(data), &r); err != nil {
			return nil, fmt.Errorf("entity %q: stored version: %w", id, err)
		}
		if kind == "" || r.Kind == kind {
			out = append(out, r.entity(id))
		}
	}
	return out, rows.Err()
}

// conflict is the ECONFLICT of a record written back over a version that
// is no longer current.
func conflict(what, id string, read, current int, status, by, at string) error {
	if current == 0 {
		return kb.Errorf(kb.ECONFLICT, "%s %q: version %d was read, but the store holds no such %s", what, id, read, what)
	}
	if by == "" {
		by = "(unnamed)"
	}
	return kb.Errorf(kb.ECONFLICT, "%s %q changed since version %d was read: version %d is now %s, recorded by %s at %s",
		what, id, read, current, status, by, at)
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
		res, err := s.ExecContext(t.ctx, formatTime(at), name)
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
