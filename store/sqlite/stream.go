package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"treatyline/kb"
)

// streamPage is how many claims or provisions a stream reads at a time:
// what a stream holds in memory, whatever the size of the store.
var streamPage = 1000

// EachClaim hands the current claims that match the filter to fn one at a
// time, ordered by id, reading them a page at a time inside one read
// transaction (one consistent state of the store). fn's error stops the
// stream and is returned.
func (db *DB) EachClaim(ctx context.Context, f kb.ClaimFilter, fn func(kb.Claim) error) error {
	switch f.Status {
	case "", kb.Candidate, kb.Accepted, kb.Rejected:
	default:
		return kb.Errorf(kb.EINVALID, "claim filter: status: unknown status %q (want candidate, accepted or rejected)", f.Status)
	}
	where, args := claimWhere(f)
	return db.read(ctx, func(t *txn) error {
		return pages(ctx, t, `SELECT h.id FROM claims h WHERE `+where, args, func(cond string, pargs []any) error {
			cs, err := loadClaims(t, currentClaims+where+cond, `h.id`, pargs...)
			if err != nil {
				return err
			}
			for _, c := range cs {
				if err := fn(c); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// EachProvision hands the current provisions to fn one at a time, ordered
// by id, as EachClaim does claims.
func (db *DB) EachProvision(ctx context.Context, fn func(kb.Provision) error) error {
	return db.read(ctx, func(t *txn) error {
		return pages(ctx, t, `SELECT h.id FROM provisions h WHERE 1`, nil, func(cond string, pargs []any) error {
			ps, _, err := loadProvisions(t, `FROM provisions h JOIN %s x ON x.provision = h.id AND x.version = h.version WHERE 1`+cond,
				`h.id`, pargs...)
			if err != nil {
				return err
			}
			for _, p := range ps {
				if err := fn(p); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// pages walks the ids that ids (a SELECT of h.id with its WHERE) gives, a
// page at a time by keyset: page is called with a condition on h.id to
// append to its WHERE and the arguments with the condition's.
func pages(ctx context.Context, t *txn, ids string, args []any, page func(cond string, args []any) error) error {
	after := ""
	for first := true; ; first = false {
		if err := ctx.Err(); err != nil {
			return err
		}
		// The last id of this page, if the page is full.
		q := ids
		qargs := append([]any{}, args...)
		if !first {
			q += ` AND h.id > ?`
			qargs = append(qargs, after)
		}
		q += fmt.Sprintf(` ORDER BY h.id LIMIT 1 OFFSET %d`, streamPage-1)
		var last string
		found, err := t.row(q, qargs, &last)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		cond, pargs := "", append([]any{}, args...)
		if !first {
			cond += ` AND h.id > ?`
			pargs = append(pargs, after)
		}
		if found {
			cond += ` AND h.id <= ?`
			pargs = append(pargs, last)
		}
		if err := page(cond, pargs); err != nil {
			return err
		}
		if !found {
			return nil
		}
		after = last
	}
}

// EachEntity hands the entities of a kind ("" for all), leaving out those
// merged into another, to fn one at a time, ordered by id, a page at a
// time inside one read transaction.
func (db *DB) EachEntity(ctx context.Context, kind kb.Kind, fn func(kb.Entity) error) error {
	if kind != "" && !kb.ValidKind(kind) {
		return kb.Errorf(kb.EINVALID, "unknown kind %q (want one of %v)", kind, kb.Kinds)
	}
	// The unary + keeps SQLite off the merged_into and kind indexes, so
	// that it walks the id index a page at a time: on those indexes every
	// page would scan every entity.
	where, args := `+h.merged_into IS NULL`, []any(nil)
	if kind != "" {
		where, args = `+h.merged_into IS NULL AND +h.kind = ?`, []any{string(kind)}
	}
	return db.read(ctx, func(t *txn) error {
		return pages(ctx, t, `SELECT h.id FROM entities h WHERE `+where, args, func(cond string, pargs []any) error {
			es, err := queryEntities(t, `x.entity IN (SELECT h.id FROM entities h WHERE `+where+cond+`)`,
				strings.ReplaceAll(where+cond, "h.", "e."), pargs...)
			if err != nil {
				return err
			}
			for _, e := range es {
				if err := fn(e); err != nil {
					return err
				}
			}
			return nil
		})
	})
}
