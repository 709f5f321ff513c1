package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"treatyline/kb"
)

// Mark gives where the store stands: its generation, and the record time
// of the write that brought it there (kb.ChangeReader). Writes take the
// record clock under the write lock, so record times grow with the
// generation.
func (db *DB) Mark(ctx context.Context) (kb.Mark, error) {
	var m kb.Mark
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		m, err = markOf(ctx, tx)
		return err
	})
	if err != nil {
		return kb.Mark{}, fmt.Errorf("read the store's mark: %w", err)
	}
	return m, nil
}

func markOf(ctx context.Context, tx pgx.Tx) (kb.Mark, error) {
	var m kb.Mark
	var at *time.Time // NULL before the first write ('-infinity')
	if err := tx.QueryRow(ctx, `SELECT generation, CASE WHEN last = '-infinity' THEN NULL ELSE last END FROM record_clock`).Scan(&m.Generation, &at); err != nil {
		return kb.Mark{}, err
	}
	if at != nil {
		m.At = at.UTC()
	}
	return m, nil
}

// ChangesSince gives what was recorded after the mark m, as the store now
// holds it, in one read (kb.ChangeReader), each kind of record found by
// the index of its versions' record times. A mark without a record time,
// or ahead of the store (from another database), is EINVALID: read the
// store whole instead.
func (db *DB) ChangesSince(ctx context.Context, m kb.Mark) (kb.Changed, error) {
	at := m.At.UTC()
	var c kb.Changed
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		if c.Mark, err = markOf(ctx, tx); err != nil {
			return err
		}
		if err := c.Mark.Reaches(m); err != nil || c.Mark.Same(m) {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT h.id, h.data FROM entities h
			WHERE h.id IN (SELECT entity FROM entity_versions WHERE stored_at > $1) ORDER BY h.id`, at)
		if err != nil {
			return err
		}
		if c.Entities, err = pgx.CollectRows(rows, scanEntity); err != nil {
			return err
		}
		if c.Claims, err = loadClaims(ctx, tx, `FROM claims h JOIN claim_versions x ON x.claim = h.id AND x.version = h.version
			WHERE h.id IN (SELECT claim FROM claim_versions WHERE stored_at > $1)`, `h.id`, at); err != nil {
			return err
		}
		if c.Provisions, err = loadProvisions(ctx, tx, `FROM provisions h JOIN provision_versions x ON x.provision = h.id AND x.version = h.version
			WHERE h.id IN (SELECT provision FROM provision_versions WHERE stored_at > $1)`, `h.id`, at); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM sources WHERE stored_at > $1)`, at).Scan(&c.Sources)
	})
	if err != nil {
		return kb.Changed{}, fmt.Errorf("read the changes since generation %d: %w", m.Generation, err)
	}
	return c, nil
}
