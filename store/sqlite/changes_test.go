package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"treatyline/kb"
)

// TestRecordTimesGrow: each write is recorded after the one before, with
// a clock that stands still or goes back, so that what was written after
// a mark is told (the contract suite, storetest, checks what is told).
func TestRecordTimesGrow(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	clock := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return clock }
	if err := db.SetMeta(ctx, "k", "v"); err != nil { // a first write: a mark with a record time
		t.Fatal(err)
	}
	prev, err := db.Mark(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, step := range []time.Duration{0, 0, -time.Hour, time.Minute, -24 * time.Hour} {
		clock = clock.Add(step)
		id := fmt.Sprintf("treaty/t%d", i)
		if err := db.Apply(ctx, kb.Batch{Entities: []kb.Entity{{ID: id, Kind: kb.KindTreaty}}}); err != nil {
			t.Fatal(err)
		}
		ch, err := db.ChangesSince(ctx, prev)
		if err != nil {
			t.Fatal(err)
		}
		if ch.Mark.Generation != prev.Generation+1 || !ch.Mark.At.After(prev.At) {
			t.Errorf("write %d (clock %s): mark %+v, want generation %d after %s", i, clock, ch.Mark, prev.Generation+1, prev.At)
		}
		if len(ch.Entities) != 1 || ch.Entities[0].ID != id {
			t.Errorf("write %d: %d entities told, want %s", i, len(ch.Entities), id)
		}
		prev = ch.Mark
	}
}

// TestMigrateMark: a store made before the generation noted its record
// time takes, as it is opened, the last record time it holds (no later
// than now), so that catching up from a mark taken then finds every later
// write.
func TestMigrateMark(t *testing.T) {
	ctx := context.Background()
	const last = "2026-03-01T00:00:00.000000000Z"
	path := oldStore(t, 4,
		`INSERT INTO entities (id, kind) VALUES ('treaty/x', 'treaty')`,
		`INSERT INTO entity_versions (entity, version, stored_at, data) VALUES ('treaty/x', 1, '2026-02-01T00:00:00.000000000Z', '{}')`,
		`INSERT INTO sources (id, sha256, added, stored_at) VALUES ('s', '`+strings.Repeat("a", 64)+`', '`+last+`', '`+last+`')`)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m, err := db.Mark(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if formatTime(m.At) != last {
		t.Fatalf("mark after the upgrade: %s, want the last record time %s", formatTime(m.At), last)
	}
	future := oldStore(t, 4, `INSERT INTO sources (id, sha256, added, stored_at) VALUES ('s', '`+strings.Repeat("a", 64)+`', '2999-01-01T00:00:00.000000000Z', '2999-01-01T00:00:00.000000000Z')`)
	fdb, err := Open(ctx, future)
	if err != nil {
		t.Fatal(err)
	}
	defer fdb.Close()
	if fm, err := fdb.Mark(ctx); err != nil || fm.At.After(time.Now().Add(time.Minute)) {
		t.Errorf("mark after the upgrade of a file dated in the future: %+v, %v; want no later than now", fm, err)
	}
	db.Now = func() time.Time { return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) } // before it
	if err := db.Apply(ctx, kb.Batch{Entities: []kb.Entity{{ID: "treaty/y", Kind: kb.KindTreaty}}}); err != nil {
		t.Fatal(err)
	}
	ch, err := db.ChangesSince(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Entities) != 1 || ch.Entities[0].ID != "treaty/y" || !ch.Mark.At.After(m.At) {
		t.Errorf("changes since the upgrade's mark: %d entities, mark %s; want treaty/y, after %s", len(ch.Entities), ch.Mark.At, m.At)
	}
}
