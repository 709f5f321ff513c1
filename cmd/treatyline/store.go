package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/store/postgres"
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
	return fs.String("db", def, "the store: a SQLite file, or a PostgreSQL database as postgres://user:password@host:port/database (created or migrated, and loaded with the bundled knowledge base, on first use; env TREATYLINE_DB)")
}

// recordedAtFlag adds --recorded-at to a command's flags.
func recordedAtFlag(fs *flag.FlagSet) *string {
	return fs.String("recorded-at", "", "answer from the knowledge base as it stood at this record time (2026-12-03T14:00:00Z, 2026-12-03 14:00 UTC, or a day for its end)")
}

// openDriver opens the store a --db value names: a PostgreSQL database for
// a postgres:// or postgresql:// URL, a SQLite file for anything else.
// Only this function chooses a driver.
func openDriver(ctx context.Context, db string) (kb.Store, error) {
	if postgres.IsURL(db) {
		st, err := postgres.Open(ctx, db)
		if err != nil {
			return nil, &inputError{fmt.Errorf("--db: %w", err)}
		}
		return st, nil
	}
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		return nil, err
	}
	return st, nil
}

// openStore opens the store and makes sure it holds the bundled knowledge
// base: loaded on first use, and again (as new versions of what changed)
// when the binary's bundle differs from the one the store last took.
func openStore(ctx context.Context, path string) (kb.Store, error) {
	db, err := openDriver(ctx, path)
	if err != nil {
		return nil, err
	}
	if err := report.LoadBundled(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
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
