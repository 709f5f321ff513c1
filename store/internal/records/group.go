package records

import (
	"fmt"

	"treatyline/kb"
)

// Group is kb.Group over a store's transaction, the same for both stores:
// each unit under a savepoint, undone alone when it fails. Exec runs a
// statement in the transaction, Apply writes a batch as the store's Apply
// does, StoredEntity and Meta read in the transaction. Broken, once set,
// is an error that left the transaction unusable (a savepoint that could
// not be undone): every later unit fails with it, and the store's
// ApplyGroup returns it.
type Group struct {
	Exec         func(query string) error
	Apply        func(kb.Batch) error
	StoredEntity func(id string) (kb.Entity, bool, error)
	ReadMeta     func(key string) (string, error)
	Broken       error
}

// Run hands the group to fill, and gives fill's error, or else the error
// that left the transaction unusable, or else what done says (the
// context's end): nil when the group may be committed.
func (g *Group) Run(fill func(kb.Group) error, done func() error) error {
	if err := fill(g); err != nil {
		return err
	}
	if g.Broken != nil {
		return g.Broken
	}
	return done()
}

// Unit writes one document (see kb.Store.ApplyGroup).
func (g *Group) Unit(fill func(apply func(kb.Batch) error) error) error {
	if g.Broken != nil {
		return g.Broken
	}
	if err := g.Exec(`SAVEPOINT apply_unit`); err != nil {
		g.Broken = err
		return err
	}
	err := fill(g.Apply)
	if err != nil {
		if e := g.Exec(`ROLLBACK TO SAVEPOINT apply_unit`); e != nil {
			g.Broken = e
			return e
		}
		if kb.ErrorCode(err) == kb.EINTERNAL {
			err = fmt.Errorf("apply: %w", err)
		}
	}
	if e := g.Exec(`RELEASE SAVEPOINT apply_unit`); e != nil {
		g.Broken = e
		return e
	}
	return err
}

// Entity reads an entity in the transaction (ENOTFOUND when none).
func (g *Group) Entity(id string) (kb.Entity, error) {
	e, found, err := g.StoredEntity(id)
	if err == nil && !found {
		err = kb.Errorf(kb.ENOTFOUND, "no entity %q", id)
	}
	return e, err
}

// Meta reads a fact about the store in the transaction.
func (g *Group) Meta(key string) (string, error) { return g.ReadMeta(key) }
