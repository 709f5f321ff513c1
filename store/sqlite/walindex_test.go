package sqlite

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestGenerationSeesEveryCommit: the generation one handle on a store
// reads from the WAL index moves with every write another handle (and
// another process) commits, at once — never a stale count — and is
// answered from the index, without a query, while nothing commits.
func TestGenerationSeesEveryCommit(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	reader, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	if reader.wal.mem == nil {
		t.Fatal("the WAL index is not watched")
	}
	writer, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	gen := func(db *DB) int64 {
		t.Helper()
		g, err := db.Generation(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	for i := range 200 {
		before := gen(reader)
		if _, hit := reader.wal.cached(mustHeader(t, reader)); !hit {
			t.Fatalf("write %d: Generation with nothing committed since was not answered from the index", i)
		}
		if err := writer.SetMeta(ctx, "k", fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
		if got, want := gen(reader), gen(writer); got != want || got == before {
			t.Fatalf("write %d: the reader's generation is %d, the writer's %d, before %d", i, got, want, before)
		}
	}
	// Another process: the test binary run again as a writer.
	before := gen(reader)
	cmd := exec.Command(os.Args[0], "-test.run", "^TestHelperWriter$")
	cmd.Env = append(os.Environ(), "TREATYLINE_WAL_WRITER="+path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("writer process: %v\n%s", err, out)
	}
	if got := gen(reader); got != before+3 {
		t.Errorf("after another process's three writes: generation %d, want %d", got, before+3)
	}
}

func mustHeader(t *testing.T, db *DB) [walHeaderSize]byte {
	t.Helper()
	h, ok := db.wal.header()
	if !ok {
		t.Fatal("the WAL index header does not read")
	}
	return h
}

// TestHelperWriter writes three times to the store it is given, as another
// process; it does nothing in a normal run.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv("TREATYLINE_WAL_WRITER")
	if path == "" {
		t.Skip("run by TestGenerationSeesEveryCommit")
	}
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i := range 3 {
		if err := db.SetMeta(ctx, "other", fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Millisecond)
	}
}
