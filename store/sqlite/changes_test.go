package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"treatyline/kb"
)

// TestChangesSince: what a store recorded after a mark is read back as
// it now stands — the entities, claims, provisions and sources written
// after it, and nothing written before — with the mark the store has now;
// a mark from the future or without a record time is refused.
func TestChangesSince(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	clock := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return clock }
	ev := func(src string) []kb.Evidence {
		return []kb.Evidence{{Source: src, Quote: kb.TextQuoteSelector{Exact: "a treaty"}, Position: kb.TextPositionSelector{Start: 0, End: 8}}}
	}
	batch := func(n string) kb.Batch {
		src := "s" + n
		return kb.Batch{
			Sources:  []kb.Source{{ID: src, Text: "a treaty " + n}},
			Entities: []kb.Entity{{ID: "treaty/t" + n, Kind: kb.KindTreaty, Labels: map[string]string{"en": "Treaty " + n}}},
			Claims: []kb.Claim{{ID: "claim/c" + n, Subject: "treaty/t" + n, Property: "described_as",
				Value: kb.Value{Type: kb.TText, Text: "a treaty"}, Status: kb.Candidate, Rank: kb.Normal, Evidence: ev(src)}},
			Provisions: []kb.Provision{{ID: "provision/p" + n, Treaty: "treaty/t" + n, Type: "trade_right", Status: kb.Candidate, Rank: kb.Normal, Evidence: ev(src)}},
		}
	}
	if err := db.Apply(ctx, batch("1")); err != nil {
		t.Fatal(err)
	}
	m1, err := db.Mark(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !m1.At.Equal(clock) || m1.Generation == 0 {
		t.Fatalf("mark after the first write: %+v, want generation > 0 at %s", m1, clock)
	}
	same, err := db.ChangesSince(ctx, m1)
	if err != nil || same.Mark != m1 || len(same.Entities)+len(same.Claims)+len(same.Provisions) > 0 || same.Sources {
		t.Fatalf("changes since the store's own mark: %+v, %v; want none", same, err)
	}

	// The clock stands still: the next write is recorded just after.
	if err := db.Apply(ctx, batch("2")); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Decide(ctx, kb.Decision{ID: "claim/c1", Status: kb.Accepted, By: "ada"}); err != nil {
		t.Fatal(err)
	}
	ch, err := db.ChangesSince(ctx, m1)
	if err != nil {
		t.Fatal(err)
	}
	if ch.Mark.Generation != m1.Generation+2 || !ch.Mark.At.After(m1.At) {
		t.Errorf("mark after two writes: %+v, want generation %d after %s", ch.Mark, m1.Generation+2, m1.At)
	}
	ids := func(n int, id func(int) string) []string {
		var out []string
		for i := range n {
			out = append(out, id(i))
		}
		return out
	}
	got := map[string][]string{
		"entities":   ids(len(ch.Entities), func(i int) string { return ch.Entities[i].ID }),
		"claims":     ids(len(ch.Claims), func(i int) string { return ch.Claims[i].ID }),
		"provisions": ids(len(ch.Provisions), func(i int) string { return ch.Provisions[i].ID }),
	}
	want := map[string][]string{
		"entities":   {"treaty/t2"},
		"claims":     {"claim/c1", "claim/c2"},
		"provisions": {"provision/p2"},
	}
	for k := range want {
		if !slices.Equal(got[k], want[k]) {
			t.Errorf("%s changed since the mark: %v, want %v", k, got[k], want[k])
		}
	}
	if !ch.Sources {
		t.Error("a source stored after the mark is not told")
	}
	if c := ch.Claims[0]; c.Status != kb.Accepted || c.Version != 2 || len(c.Evidence) != 1 {
		t.Errorf("claim/c1 as it now stands: %s, version %d, %d evidence; want accepted, 2, 1", c.Status, c.Version, len(c.Evidence))
	}

	for _, bad := range []kb.Mark{{Generation: m1.Generation}, {Generation: ch.Mark.Generation + 1, At: ch.Mark.At}, {Generation: m1.Generation, At: ch.Mark.At.Add(time.Hour)}} {
		if _, err := db.ChangesSince(ctx, bad); kb.ErrorCode(err) != kb.EINVALID {
			t.Errorf("changes since %+v: %v, want EINVALID", bad, err)
		}
	}
}

// TestMigrateMark: a store made before the generation noted its record
// time takes, as it is opened, the last record time it holds, so that
// catching up from a mark taken then finds every later write.
func TestMigrateMark(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	sqldb, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	old := &DB{db: sqldb, path: path, Now: time.Now}
	if err := old.init(ctx, migrations[:4]); err != nil {
		t.Fatal(err)
	}
	const last = "2026-03-01T00:00:00.000000000Z"
	for _, q := range []string{
		`INSERT INTO entities (id, kind) VALUES ('treaty/x', 'treaty')`,
		`INSERT INTO entity_versions (entity, version, stored_at, data) VALUES ('treaty/x', 1, '2026-02-01T00:00:00.000000000Z', '{}')`,
		`INSERT INTO sources (id, sha256, added, stored_at) VALUES ('s', '` + strings.Repeat("a", 64) + `', '` + last + `', '` + last + `')`,
	} {
		if _, err := sqldb.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	sqldb.Close()
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
