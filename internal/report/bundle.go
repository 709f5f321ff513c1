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

// LoadBundled makes sure the store holds the bundled knowledge base:
// loaded on first use, and again (as new versions of what changed) when
// the binary's bundle differs from the one the store last took. A claim a
// user has reviewed since keeps the review.
func LoadBundled(ctx context.Context, st kb.Store) error {
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
