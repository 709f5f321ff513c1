package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"treatyline/internal/pgtest"
	"treatyline/kb"
	"treatyline/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// openTest opens a store in a new database of the test server.
func openTest(t testing.TB) *DB {
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

// wantErr checks that an error names every want.
func wantErr(t *testing.T, err error, wants ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one naming %q", wants)
	}
	for _, w := range wants {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not name %q", err, w)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Get(t)
	t.Run("connection string", func(t *testing.T) {
		_, err := Open(ctx, "postgres://user:hunter2@127.0.0.1:notaport/db")
		wantErr(t, err, "connection string does not read")
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("the error shows the password: %v", err)
		}
	})
	t.Run("server down", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		l.Close() // nothing listens there now
		_, err = Open(ctx, fmt.Sprintf("postgres://u:hunter2@127.0.0.1:%d/db?sslmode=disable", port))
		wantErr(t, err, "cannot reach the PostgreSQL server", fmt.Sprint(port), "refused")
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("the error shows the password: %v", err)
		}
	})
	t.Run("no database", func(t *testing.T) {
		_, err := Open(ctx, srv.URL("nosuchdb"))
		wantErr(t, err, "cannot reach the PostgreSQL server", `"nosuchdb" does not exist`)
	})
	t.Run("not a store", func(t *testing.T) {
		url := srv.NewDatabase(t)
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		conn.Exec(ctx, `CREATE TABLE photos (id INTEGER)`)
		conn.Close(ctx)
		_, err = Open(ctx, url)
		wantErr(t, err, "not a treatyline store", "photos")
	})
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	url := pgtest.Get(t).NewDatabase(t)
	db, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := db.SchemaVersion(ctx); err != nil || v != len(migrations) {
		t.Errorf("SchemaVersion = %d, %v; want %d", v, err, len(migrations))
	}
	db.Close()

	t.Run("reopen", func(t *testing.T) {
		db, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var n int
		db.pool.QueryRow(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n)
		if n != len(migrations) {
			t.Errorf("schema_migrations has %d rows; want %d", n, len(migrations))
		}
	})
	t.Run("concurrent opens", func(t *testing.T) {
		// Programs opening a new database at once apply each step once.
		url := pgtest.Get(t).NewDatabase(t)
		errs := make(chan error, 4)
		for range 4 {
			go func() {
				db, err := Open(ctx, url)
				if err == nil {
					db.Close()
				}
				errs <- err
			}()
		}
		for range 4 {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
	})
	t.Run("failed step", func(t *testing.T) {
		db, err := Open(ctx, pgtest.Get(t).NewDatabase(t))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		steps := append(slices.Clone(migrations),
			`CREATE TABLE extra (x TEXT)`,
			`CREATE TABLE half (x TEXT); INSERT INTO nowhere VALUES (1)`)
		err = db.migrate(ctx, steps)
		wantErr(t, err, fmt.Sprintf("version %d", len(migrations)+2), "nowhere")
		if v, _ := db.SchemaVersion(ctx); v != len(migrations)+1 {
			t.Errorf("SchemaVersion = %d; want %d, the last good step", v, len(migrations)+1)
		}
		var half bool
		db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'half')`).Scan(&half)
		if half {
			t.Errorf("the failed step's table exists")
		}
	})
	t.Run("failed first step", func(t *testing.T) {
		// Nothing of a first schema that fails is left: not even the
		// bookkeeping table.
		db, err := Open(ctx, pgtest.Get(t).NewDatabase(t))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		url := pgtest.Get(t).NewDatabase(t)
		fresh, err := pgxpool.New(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer fresh.Close()
		bad := &DB{pool: fresh}
		err = bad.migrate(ctx, []string{migrations[0] + `; INSERT INTO nowhere VALUES (1)`})
		wantErr(t, err, "version 1", "nowhere")
		var n int
		fresh.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()`).Scan(&n)
		if n != 0 {
			t.Errorf("%d tables left by a failed first step; want none", n)
		}
	})
	t.Run("newer", func(t *testing.T) {
		db, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.pool.Exec(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, len(migrations)+1); err != nil {
			t.Fatal(err)
		}
		db.Close()
		_, err = Open(ctx, url)
		if !errors.Is(err, ErrNewerSchema) {
			t.Fatalf("Open(newer database) = %v; want ErrNewerSchema", err)
		}
		wantErr(t, err, fmt.Sprintf("version %d", len(migrations)+1), "newer treatyline", "127.0.0.1")
	})
}

// TestAppendOnly: the database itself refuses to change history, whatever
// program writes to it.
func TestAppendOnly(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	defer db.Close()
	if err := db.Apply(ctx, kb.Batch{
		Entities: []kb.Entity{{ID: "treaty/t", Kind: kb.KindTreaty, Labels: map[string]string{"en": "T"}}},
		Claims: []kb.Claim{{ID: "claim/c", Subject: "treaty/t", Property: "signed", Value: kb.DateValue("1858", "", "en"),
			Status: kb.Candidate, Rank: kb.Normal}},
	}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE claim_versions SET status = 'accepted'`,
		`DELETE FROM claim_versions`,
		`UPDATE entity_versions SET data = '{}'`,
		`DELETE FROM entities`,
	} {
		if _, err := db.pool.Exec(ctx, q); err == nil || !strings.Contains(err.Error(), "never") && !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v; want it refused", q, err)
		}
	}
}

// TestGeneration: every committed write, from any connection, moves the
// generation on; reads and failed writes do not.
func TestGeneration(t *testing.T) {
	ctx := context.Background()
	url := pgtest.Get(t).NewDatabase(t)
	db, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	other, err := Open(ctx, url) // another program on the same database
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	g0, err := db.Generation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := other.SetMeta(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}
	g1, _ := db.Generation(ctx)
	if g1 <= g0 {
		t.Errorf("generation %d after another program's write, %d before; want it to grow", g1, g0)
	}
	other.Meta(ctx, "k")
	if err := other.Apply(ctx, kb.Batch{Claims: []kb.Claim{{ID: "claim/bad"}}}); err == nil {
		t.Fatal("an invalid batch was applied")
	}
	if g2, _ := db.Generation(ctx); g2 != g1 {
		t.Errorf("generation %d after a read and a failed write; want %d", g2, g1)
	}
}
