package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"treatyline/data"
	"treatyline/kb"
	"treatyline/store/sqlite"
)

// defaultDB is the store file used when neither --db nor TREATYLINE_DB
// names one: in the working directory, created on first use.
const defaultDB = "treatyline.db"

// dbFlag adds --db to a command's flags.
func dbFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("TREATYLINE_DB")
	if def == "" {
		def = defaultDB
	}
	return fs.String("db", def, "store file (SQLite; created and loaded with the bundled knowledge base on first use; env TREATYLINE_DB)")
}

// bundleHashKey is the store meta key that records which bundled knowledge
// base the store holds.
const bundleHashKey = "bundle_hash"

// openStore opens the store and makes sure it holds the bundled knowledge
// base: loaded on first use, and again (as new versions of what changed)
// when the binary's bundle differs from the one the store last took.
func openStore(ctx context.Context, path string) (kb.Store, error) {
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if err := loadBundled(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func loadBundled(ctx context.Context, st kb.Store) error {
	want, err := kb.BundleHash(data.FS)
	if err != nil {
		return err
	}
	have, err := st.Meta(ctx, bundleHashKey)
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
	batch.Meta = map[string]string{bundleHashKey: b.Hash}
	if err := st.Apply(ctx, batch); err != nil {
		return fmt.Errorf("load the bundled knowledge base: %w", err)
	}
	return nil
}

// domainError turns the store's domain errors into exit statuses: not
// found and invalid input are the user's input (status 2).
func domainError(err error) error {
	switch kb.ErrorCode(err) {
	case kb.ENOTFOUND, kb.EINVALID, kb.ECONFLICT:
		var e *kb.Error
		errors.As(err, &e)
		return &inputError{err}
	}
	return err
}
