package main

import (
	"context"
	"errors"
	"flag"
	"os"

	"treatyline/internal/report"
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

// openStore opens the store and makes sure it holds the bundled knowledge
// base: loaded on first use, and again (as new versions of what changed)
// when the binary's bundle differs from the one the store last took.
func openStore(ctx context.Context, path string) (kb.Store, error) {
	db, err := sqlite.Open(ctx, path)
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
