package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"treatyline/kb"
	"treatyline/store/internal/records"
)

// DecideEntity records a curator's decision on an entity, with the
// records it changes (kb.EntityDecision.Plan), in one transaction. It
// returns the entity as it stands after: for a split, the new entity.
func (db *DB) DecideEntity(ctx context.Context, d kb.EntityDecision) (kb.Entity, error) {
	if d.Action == kb.ActionAdd && d.Entity == "" && d.New != nil {
		d.Entity = d.New.ID
	}
	if err := d.Validate(); err != nil {
		return kb.Entity{}, err
	}
	if d.RecordedAt.IsZero() {
		d.RecordedAt = db.now()
	}
	d.RecordedAt = d.RecordedAt.UTC().Round(0)
	var out kb.Entity
	err := db.write(ctx, func(t *txn) error {
		w := &writer{txn: t, now: d.RecordedAt}
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

// changes writes the claims and provisions of a plan as new versions:
// decisions (accept-all), or rewrites that keep each record's decided
// state (an entity's merge, rename or split).
func (w *writer) changes(ch kb.Changes, by string, mode records.Mode) error {
	if _, err := w.provisions(ch.Provisions, by, mode); err != nil {
		return err
	}
	_, err := w.claims(ch.Claims, mode)
	return err
}

// naming reads the current claims and provisions that name an entity
// anywhere.
func (w *writer) Naming(id string) ([]kb.Claim, []kb.Provision, error) {
	cs, err := queryClaims(w.txn, `(h.subject = ? OR h.value_entity = ?
		OR (h.id, h.version) IN (SELECT q.claim, q.version FROM claim_qualifiers q WHERE q.value_entity = ?))`, id, id, id)
	if err != nil {
		return nil, nil, err
	}
	ps, err := loadProvisions(w.txn, `FROM provisions h JOIN %s x ON x.provision = h.id AND x.version = h.version
		WHERE (h.treaty = ?
		OR (h.id, h.version) IN (SELECT pe.provision, pe.version FROM provision_entities pe WHERE pe.entity = ?)
		OR (h.id, h.version) IN (SELECT pv.provision, pv.version FROM provision_versions pv WHERE pv.amount_entity = ?))`,
		`h.treaty, h.id`, id, id, id)
	return cs, ps, err
}

func (w *writer) RecordDecision(d kb.EntityDecision) error {
	detail, err := json.Marshal(d)
	if err != nil {
		return err
	}
	return w.exec(`INSERT INTO entity_decisions (entity, other, action, detail, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?)`,
		d.Entity, nullString(d.Other()), string(d.Action), string(detail), formatTime(d.RecordedAt), d.RecordedBy)
}

// EntityDecisions lists the decisions that name an entity, oldest first.
func (db *DB) EntityDecisions(ctx context.Context, id string) ([]kb.EntityDecision, error) {
	var out []kb.EntityDecision
	err := db.read(ctx, func(t *txn) error {
		rows, err := t.query(`SELECT detail FROM entity_decisions WHERE entity = ? OR other = ? ORDER BY seq`, id, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var detail string
			if err := rows.Scan(&detail); err != nil {
				return err
			}
			var d kb.EntityDecision
			if err := json.Unmarshal([]byte(detail), &d); err != nil {
				return fmt.Errorf("stored decision: %w", err)
			}
			out = append(out, d)
		}
		return rows.Err()
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
	if at.IsZero() {
		at = db.now()
	}
	at = at.UTC().Round(0)
	var n kb.AcceptCounts
	err := db.write(ctx, func(t *txn) error {
		w := &writer{txn: t, now: at}
		es, err := queryEntities(t, `x.entity IN (SELECT id FROM entities WHERE merged_into IS NULL)`, `e.merged_into IS NULL`)
		if err != nil {
			return err
		}
		cs, err := queryClaims(t, `h.status = ?`, string(kb.Candidate))
		if err != nil {
			return err
		}
		ps, err := loadProvisions(t, `FROM provisions h JOIN %s x ON x.provision = h.id AND x.version = h.version
			WHERE (h.id, h.version) IN (SELECT pv.provision, pv.version FROM provision_versions pv WHERE pv.status = ?)`, `h.treaty, h.id`, string(kb.Candidate))
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

// The writer carries out curators' decisions (kb.ApplyEntityDecision).
var _ kb.EntityTx = (*writer)(nil)
