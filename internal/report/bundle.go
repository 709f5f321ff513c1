package report

import (
	"context"
	"fmt"

	"treatyline/data"
	"treatyline/kb"
)

// BundleHashKey is the store meta key that records which bundled
// knowledge base the store holds.
const BundleHashKey = "bundle_hash"

// ProjectKey is the store meta key that says what a project started from;
// ProjectEmpty marks a store made empty (treatyline init --empty), into
// which the bundled knowledge base is never loaded.
const (
	ProjectKey   = "project"
	ProjectEmpty = "empty"
)

// InitStore makes a new project in a store that holds nothing yet:
// marked empty, or loaded with the bundled knowledge base. ECONFLICT for a
// store that holds anything already.
func InitStore(ctx context.Context, st kb.Store, empty bool) error {
	if p, err := st.Meta(ctx, ProjectKey); err != nil {
		return err
	} else if p != "" {
		return kb.Errorf(kb.ECONFLICT, "the store is a project already (%s)", p)
	}
	if h, err := st.Meta(ctx, BundleHashKey); err != nil {
		return err
	} else if h != "" {
		return kb.Errorf(kb.ECONFLICT, "the store holds the bundled knowledge base already")
	}
	if ss, err := st.Sources(ctx); err != nil {
		return err
	} else if len(ss) > 0 {
		return kb.Errorf(kb.ECONFLICT, "the store holds %d sources already", len(ss))
	}
	if empty {
		return st.SetMeta(ctx, ProjectKey, ProjectEmpty)
	}
	if err := st.SetMeta(ctx, ProjectKey, "bundled"); err != nil {
		return err
	}
	return LoadBundled(ctx, st)
}

// LoadBundled makes sure the store holds the bundled knowledge base:
// loaded on first use, and again (as new versions of what changed) when
// the binary's bundle differs from the one the store last took. A claim a
// user has reviewed since keeps the review.
func LoadBundled(ctx context.Context, st kb.Store) error {
	if p, err := st.Meta(ctx, ProjectKey); err != nil {
		return err
	} else if p == ProjectEmpty {
		return nil
	}
	want, err := kb.BundleHash(data.FS)
	if err != nil {
		return err
	}
	have, err := st.Meta(ctx, BundleHashKey)
	if err != nil {
		return err
	}
	if have == want {
		return nil
	}
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		return fmt.Errorf("the bundled knowledge base does not load: %w", err)
	}
	// A claim or provision a reviewer has decided on keeps the decision:
	// the store's Apply never replaces a decided version.
	batch := b.Batch()
	batch.Meta = map[string]string{BundleHashKey: b.Hash}
	if err := st.Apply(ctx, batch); err != nil {
		return fmt.Errorf("load the bundled knowledge base: %w", err)
	}
	return nil
}
