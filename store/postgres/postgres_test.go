package postgres

import (
	"context"
	"os"
	"testing"

	"treatyline/internal/pgtest"
	"treatyline/kb"
	"treatyline/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// openTest opens a store in a new database of the test server.
func openTest(t *testing.T) *DB {
	t.Helper()
	url := pgtest.Get(t).NewDatabase(t)
	db, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) kb.Store { return openTest(t) })
}
