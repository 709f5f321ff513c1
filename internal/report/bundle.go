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
	batch := b.Batch()
	// A claim a user has reviewed since (its current version recorded by
	// someone else) keeps the review: the bundle does not overwrite it.
	current, err := st.Claims(ctx, kb.ClaimFilter{})
	if err != nil {
		return err
	}
	reviewed := map[string]bool{}
	for _, c := range current {
		if c.RecordedBy != kb.BundleRecorder {
			reviewed[c.ID] = true
		}
	}
	claims := batch.Claims[:0:0]
	for _, c := range batch.Claims {
		if !reviewed[c.ID] {
			claims = append(claims, c)
		}
	}
	batch.Claims = claims
	batch.Meta = map[string]string{BundleHashKey: b.Hash}
	if err := st.Apply(ctx, batch); err != nil {
		return fmt.Errorf("load the bundled knowledge base: %w", err)
	}
	return nil
}
