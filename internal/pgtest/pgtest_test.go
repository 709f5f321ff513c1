package pgtest

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

func TestServer(t *testing.T) {
	srv := Get(t)
	ctx := context.Background()
	urls := map[string]bool{}
	for range 2 {
		url := srv.NewDatabase(t)
		if urls[url] {
			t.Fatalf("NewDatabase gave %s twice", url)
		}
		urls[url] = true
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("a new database has %d tables; want none", n)
		}
		conn.Close(ctx)
	}
}
