package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"treatyline/kb"
	"treatyline/store/internal/records"
)

// DecideEntity records a curator's decision on an entity, with the records
// it changes (kb.EntityDecision.Plan), in one transaction. It returns the
// entity as it stands after: for a split, the new entity.
func (db *DB) DecideEntity(ctx context.Context, d kb.EntityDecision) (kb.Entity, error) {
	if d.Action == kb.ActionAdd && d.Entity == "" && d.New != nil {
		d.Entity = d.New.ID
	}
	if err := d.Validate(); err != nil {
		return kb.Entity{}, err
	}
	var out kb.Entity
	err := db.write(ctx, func(t *txn) error {
		if d.RecordedAt.IsZero() {
			d.RecordedAt = t.now
		}
		d.RecordedAt = d.RecordedAt.UTC().Round(0)
		w := &writer{txn: t}
		var err error
		out, err = kb.ApplyEntityDecision(w, d)
		return err
	})
	if err != nil && kb.ErrorCode(err) == kb.EINTERNAL {
		return kb.Entity{}, fmt.Errorf("%s entity %q: %w", d.Action, d.Entity, err)
	}
	return out, err
}

// WriteChanges writes a plan's claims and provisions as rewrites that
// keep each record's decided state (kb.EntityTx).
func (w *writer) WriteChanges(ch kb.Changes, by string) error {
	return w.changes(ch, by, rewrite)
}

// changes writes the claims and provisions of a plan as new versions,
// the provisions recorded by by: decisions (accept-all), or rewrites that
// keep each record's decided state (an entity's merge, rename or split).
func (w *writer) changes(ch kb.Changes, by string, mode records.Mode) error {
	for _, p := range ch.Provisions {
		if by != "" {
			p.RecordedBy = by
		}
		if err := w.provision(p, mode); err != nil {
			return fmt.Errorf("provision %q: %w", p.ID, err)
		}
	}
	for _, c := range ch.Claims {
		if err := w.claim(c, mode); err != nil {
			return fmt.Errorf("claim %q: %w", c.ID, err)
		}
	}
	return nil
}

// naming reads the current claims and provisions that name an entity
// anywhere: as subject, value or qualifier; as treaty, party, object or
// amount.
func (w *writer) Naming(id string) ([]kb.Claim, []kb.Provision, error) {
	cs, err := loadClaims(w.ctx, w.tx, `FROM claims h JOIN claim_versions x ON x.claim = h.id AND x.version = h.version
		WHERE h.subject = $1 OR h.value_entity = $1
		OR EXISTS (SELECT 1 FROM jsonb_each(x.data::jsonb->'qualifiers') q WHERE q.value->>'entity' = $1)`,
		`h.subject, h.property, h.id`, id)
	if err != nil {
		return nil, nil, err
	}
	ps, err := loadProvisions(w.ctx, w.tx, `FROM provisions h JOIN provision_versions x ON x.provision = h.id AND x.version = h.version
		WHERE h.treaty = $1
		OR x.data::jsonb->'grantors' ? $1 OR x.data::jsonb->'grantees' ? $1
		OR x.data::jsonb->'objects' ? $1 OR x.data::jsonb->'excludes' ? $1
		OR x.data::jsonb->'amount'->>'entity' = $1`, `h.treaty, h.id`, id)
	return cs, ps, err
}

func (w *writer) RecordDecision(d kb.EntityDecision) error {
	detail, err := json.Marshal(d)
	if err != nil {
		return err
	}
	return w.exec(`INSERT INTO entity_decisions (entity, other, action, detail, recorded_at, recorded_by, stored_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		d.Entity, nullString(d.Other()), string(d.Action), string(detail), d.RecordedAt, d.RecordedBy, w.now)
}

// EntityDecisions lists the decisions that name an entity, oldest first.
func (db *DB) EntityDecisions(ctx context.Context, id string) ([]kb.EntityDecision, error) {
	rows, err := db.pool.Query(ctx, `SELECT detail FROM entity_decisions WHERE entity = $1 OR other = $1 ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("read decisions on entity %q: %w", id, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (kb.EntityDecision, error) {
		var detail string
		var d kb.EntityDecision
		if err := r.Scan(&detail); err != nil {
			return d, err
		}
		if err := json.Unmarshal([]byte(detail), &d); err != nil {
			return d, fmt.Errorf("stored decision: %w", err)
		}
		return d, nil
	})
	if err != nil {
		return nil, fmt.Errorf("read decisions on entity %q: %w", id, err)
	}
	return out, nil
}

// AcceptAll accepts, in one transaction, every candidate entity, claim and
// provision kb.PlanAcceptAll picks at threshold min.
func (db *DB) AcceptAll(ctx context.Context, min float64, by string, at time.Time) (kb.AcceptCounts, error) {
	if !(min >= 0 && min <= 1) {
		return kb.AcceptCounts{}, kb.Errorf(kb.EINVALID, "min confidence: %v is not between 0 and 1", min)
	}
	var n kb.AcceptCounts
	err := db.write(ctx, func(t *txn) error {
		if at.IsZero() {
			at = t.now
		}
		at = at.UTC().Round(0)
		w := &writer{txn: t}
		es, err := w.entitiesTx()
		if err != nil {
			return err
		}
		cs, err := loadClaims(t.ctx, t.tx, `FROM claims h JOIN claim_versions x ON x.claim = h.id AND x.version = h.version
			WHERE h.status = $1`, `h.subject, h.property, h.id`, string(kb.Candidate))
		if err != nil {
			return err
		}
		ps, err := loadProvisions(t.ctx, t.tx, `FROM provisions h JOIN provision_versions x ON x.provision = h.id AND x.version = h.version
			WHERE x.status = $1`, `h.treaty, h.id`, string(kb.Candidate))
		if err != nil {
			return err
		}
		var ch kb.Changes
		ch, n = kb.PlanAcceptAll(min, es, cs, ps, by, at)
		for _, e := range ch.Entities {
			if err := w.WriteEntity(e); err != nil {
				return fmt.Errorf("entity %q: %w", e.ID, err)
			}
			if err := w.RecordDecision(kb.EntityDecision{Action: kb.ActionAccept, Entity: e.ID,
				Note: fmt.Sprintf("accepted in bulk at confidence >= %g", min), RecordedBy: by, RecordedAt: at}); err != nil {
				return err
			}
		}
		return w.changes(ch, by, decide)
	})
	if err != nil && kb.ErrorCode(err) == kb.EINTERNAL {
		return kb.AcceptCounts{}, fmt.Errorf("accept all: %w", err)
	}
	return n, err
}

// entitiesTx reads the entities not merged into another, in the write
// transaction.
func (w *writer) entitiesTx() ([]kb.Entity, error) {
	rows, err := w.tx.Query(w.ctx, `SELECT id, data FROM entities WHERE merged_into IS NULL ORDER BY id`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, scanEntity)
}

// The writer carries out curators' decisions (kb.ApplyEntityDecision).
var _ kb.EntityTx = (*writer)(nil)
