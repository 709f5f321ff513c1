package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// TestPID: the postmaster's pid is the parent of a connection's backend.
func TestPID(t *testing.T) {
	srv := Get(t)
	pid, err := srv.PID()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, srv.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var backend int
	if err := conn.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&backend); err != nil {
		t.Fatal(err)
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", backend))
	if err != nil {
		t.Skipf("no /proc to read the backend's parent from: %v", err)
	}
	// pid (comm) state ppid ...: comm may hold spaces, so read after ")".
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	if len(fields) < 2 || fields[1] != strconv.Itoa(pid) {
		t.Errorf("backend %d's parent: %v; PID gave %d", backend, fields[1:2], pid)
	}
}

// TestSweep: a cluster left running by a test binary that died is stopped
// and removed by the next Start; one whose owner runs is left alone.
func TestSweep(t *testing.T) {
	ctx := context.Background()
	orphan, err := Start(ctx)
	if err != nil {
		if errors.Is(err, ErrMissing) && !Required() {
			t.Skip(err)
		}
		t.Fatal(err)
	}
	// A pid that no process has: the owner is gone.
	if err := os.WriteFile(filepath.Join(orphan.dir, "owner"), []byte("2147483646"), 0o644); err != nil {
		t.Fatal(err)
	}
	live, err := Start(ctx) // sweeps the orphan
	if err != nil {
		t.Fatal(err)
	}
	defer live.Stop()
	if _, err := os.Stat(orphan.dir); !os.IsNotExist(err) {
		t.Errorf("the orphaned cluster's folder is still there: %v", err)
		orphan.Stop()
	}
	if _, err := pgx.Connect(ctx, orphan.URL("postgres")); err == nil {
		t.Errorf("the orphaned cluster still answers")
	}
	if _, err := os.Stat(live.dir); err != nil {
		t.Errorf("the live cluster's folder: %v", err)
	}
}
