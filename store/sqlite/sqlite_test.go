package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"treatyline/histdate"
	"treatyline/kb"
	"treatyline/store/storetest"
)

// openTemp opens a store in a new file of the test's temporary directory.
func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) kb.Store { return openTemp(t) })
}

func TestPragmas(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	ctx := context.Background()
	// Each connection of the pool must have them: hold several at once.
	var conns []*sql.Conn
	for range 3 {
		c, err := db.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		for pragma, want := range map[string]string{
			"foreign_keys": "1", "journal_mode": "wal", "busy_timeout": fmt.Sprint(busyTimeout.Milliseconds()),
			"application_id": fmt.Sprint(applicationID),
		} {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("connection %d: PRAGMA %s = %s; want %s", i, pragma, got, want)
			}
		}
		c.Close()
	}
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := db.SchemaVersion(ctx); err != nil || v != len(migrations) {
		t.Errorf("SchemaVersion = %d, %v; want %d", v, err, len(migrations))
	}
	if err := db.SetMeta(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	t.Run("reopen", func(t *testing.T) {
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("reopen: %v", err)
		}
		defer db.Close()
		if v, _ := db.Meta(ctx, "k"); v != "v" {
			t.Errorf("Meta after reopening = %q; want v", v)
		}
		var n int
		db.db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n)
		if n != len(migrations) {
			t.Errorf("schema_migrations has %d rows; want %d (one per step, applied once)", n, len(migrations))
		}
	})

	t.Run("newer", func(t *testing.T) {
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.db.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, 'later')`, len(migrations)+1); err != nil {
			t.Fatal(err)
		}
		db.Close()
		_, err = Open(ctx, path)
		if !errors.Is(err, ErrNewerSchema) {
			t.Fatalf("Open(newer file) = %v; want ErrNewerSchema", err)
		}
		for _, w := range []string{path, fmt.Sprintf("version %d", len(migrations)+1), "newer treatyline"} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("error %q does not name %q", err, w)
			}
		}
	})

	t.Run("failed step", func(t *testing.T) {
		// A step that fails leaves the file at the version before it.
		db, err := Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		steps := append(slices.Clone(migrations),
			`CREATE TABLE extra (x TEXT) STRICT`,
			`CREATE TABLE half (x TEXT) STRICT; INSERT INTO nowhere VALUES (1)`)
		if err := db.init(ctx, steps); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("version %d", len(migrations)+2)) {
			t.Fatalf("init(bad step) = %v; want an error naming version %d", err, len(migrations)+2)
		}
		if v, _ := db.SchemaVersion(ctx); v != len(migrations)+1 {
			t.Errorf("SchemaVersion = %d; want %d, the last good step", v, len(migrations)+1)
		}
		var n int
		db.db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'half'`).Scan(&n)
		if n != 0 {
			t.Errorf("the failed step's table exists")
		}
	})

	t.Run("not a store", func(t *testing.T) {
		other := filepath.Join(t.TempDir(), "other.db")
		sqldb, err := sql.Open("sqlite", other)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sqldb.Exec(`CREATE TABLE photos (id INTEGER)`); err != nil {
			t.Fatal(err)
		}
		sqldb.Close()
		if _, err := Open(ctx, other); err == nil || !strings.Contains(err.Error(), "not a treatyline store") {
			t.Errorf("Open(another database) = %v; want not a treatyline store", err)
		}
		text := filepath.Join(t.TempDir(), "notes.txt")
		os.WriteFile(text, []byte(strings.Repeat("not a database\n", 100)), 0o644)
		if _, err := Open(ctx, text); err == nil {
			t.Errorf("Open(a text file) succeeded")
		}
		if _, err := Open(ctx, ":memory:"); err == nil {
			t.Errorf("Open(:memory:) succeeded")
		}
	})

	t.Run("odd path", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "a?b#c d%20.db")
		db, err := Open(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		if _, err := os.Stat(p); err != nil {
			t.Errorf("the file is not where asked: %v", err)
		}
	})
}

// dumpSQL gives every row of every table and the schema, to compare a file
// before and after a write that must not change it.
func dumpSQL(t *testing.T, db *DB) string {
	t.Helper()
	var b strings.Builder
	rows, err := db.db.Query(`SELECT type, name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var typ, name, text string
		rows.Scan(&typ, &name, &text)
		fmt.Fprintf(&b, "%s %s: %s\n", typ, name, text)
		if typ == "table" {
			tables = append(tables, name)
		}
	}
	rows.Close()
	for _, table := range tables {
		rows, err := db.db.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, fmt.Sprintf("%s %q", table, vals))
		}
		rows.Close()
		slices.Sort(lines)
		b.WriteString(strings.Join(lines, "\n"))
		b.WriteString("\n")
	}
	return b.String()
}

// TestFailedApplyLeavesFile checks at the level of the file what the
// contract checks through the interface: a failed write changes no row.
func TestFailedApplyLeavesFile(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	if err := db.Apply(ctx, sample(10)); err != nil {
		t.Fatal(err)
	}
	before := dumpSQL(t, db)
	if !strings.Contains(before, "claim/0009") {
		t.Fatalf("the dump does not hold the claims:\n%s", before)
	}
	bad := []kb.Batch{
		// Good records, and a last claim with a dangling subject.
		func() kb.Batch {
			b := sample(20)
			b.Sources = append(b.Sources, kb.Source{ID: "source/new", Text: "new"})
			b.Meta = map[string]string{"k": "v"}
			b.Claims[len(b.Claims)-1].Subject = "person/nobody"
			return b
		}(),
		// A changed source among good records.
		func() kb.Batch {
			b := sample(20)
			b.Sources[0].Text += "!"
			b.Sources[0].SHA256 = ""
			return b
		}(),
		// A provision naming no treaty that exists.
		{Provisions: []kb.Provision{{ID: "p", Treaty: "treaty/none", Type: "cession", Status: kb.Candidate, Rank: kb.Normal,
			Evidence: []kb.Evidence{{Source: "source/bench", Quote: kb.TextQuoteSelector{Exact: "x"}}}}}},
	}
	for i, b := range bad {
		if err := db.Apply(ctx, b); err == nil {
			t.Fatalf("bad batch %d applied", i)
		}
		if diff := cmp.Diff(before, dumpSQL(t, db)); diff != "" {
			t.Errorf("bad batch %d changed the file (-before +after):\n%s", i, diff)
		}
	}
}

// TestAppendOnly checks that the schema itself refuses to rewrite history,
// whatever code runs against it.
func TestAppendOnly(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	if err := db.Apply(ctx, sample(2)); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		`UPDATE claim_versions SET note = 'x'`,
		`DELETE FROM claim_versions`,
		`UPDATE claim_evidence SET exact = 'x'`,
		`DELETE FROM claim_qualifiers`,
		`UPDATE sources SET sha256 = 'x'`,
		`UPDATE sources SET text = 'another text'`,
		`DELETE FROM sources`,
		`DELETE FROM entities`,
	} {
		if _, err := db.db.Exec(stmt); err == nil {
			t.Errorf("%s: succeeded; want it refused", stmt)
		}
	}
}

// TestNow checks that the injected clock is what the store records.
func TestNow(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	at := time.Date(1858, 5, 28, 12, 0, 0, 1, time.FixedZone("Aigun", 8*3600))
	db.Now = func() time.Time { return at }
	b := sample(1)
	b.Claims[0].RecordedAt = time.Time{}
	b.Sources[0].Added = time.Time{}
	if err := db.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	cs, err := db.Claims(ctx, kb.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if !cs[0].RecordedAt.Equal(at) {
		t.Errorf("RecordedAt = %v; want the injected %v", cs[0].RecordedAt, at)
	}
	s, err := db.Source(ctx, b.Sources[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Added.Equal(at) {
		t.Errorf("Added = %v; want the injected %v", s.Added, at)
	}
	if err := db.SetStatus(ctx, cs[0].ID, kb.Rejected, "r", time.Time{}); err != nil {
		t.Fatal(err)
	}
	h, _ := db.ClaimHistory(ctx, cs[0].ID)
	if !h[1].RecordedAt.Equal(at) {
		t.Errorf("SetStatus recorded %v; want the injected %v", h[1].RecordedAt, at)
	}
}

func TestProvisionHistory(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { at = at.Add(time.Second); return at }
	b := sample(1)
	p := kb.Provision{ID: "provision/1", Treaty: "treaty/bench", Type: "cession", Objects: []string{"polity/bench"},
		Evidence: b.Claims[0].Evidence, Status: kb.Candidate, Rank: kb.Normal}
	b.Provisions = []kb.Provision{p}
	if err := db.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	p2 := p
	p2.Status = kb.Accepted
	for range 2 { // the second is the same content: no version
		if err := db.Apply(ctx, kb.Batch{Provisions: []kb.Provision{p2}}); err != nil {
			t.Fatal(err)
		}
	}
	h, err := db.ProvisionHistory(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []kb.Status
	for _, v := range h {
		got = append(got, v.Status)
	}
	if diff := cmp.Diff([]kb.Status{kb.Candidate, kb.Accepted}, got); diff != "" {
		t.Errorf("ProvisionHistory statuses (-want +got):\n%s", diff)
	}
	if !h[1].StoredAt.After(h[0].StoredAt) {
		t.Errorf("versions stored at %v, %v; want increasing", h[0].StoredAt, h[1].StoredAt)
	}
	if _, err := db.ProvisionHistory(ctx, "provision/none"); kb.ErrorCode(err) != kb.ENOTFOUND {
		t.Errorf("ProvisionHistory(none) = %v; want ENOTFOUND", err)
	}
}

// TestQueryPlans checks that every ClaimFilter field is answered from an
// index rather than by reading every claim.
func TestQueryPlans(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	if err := db.Apply(ctx, sample(200)); err != nil {
		t.Fatal(err)
	}
	// No ANALYZE: the store never runs one before its first Close, and
	// the plans must be good without statistics.
	for _, f := range []kb.ClaimFilter{
		{Subject: "x"}, {Property: "x"}, {Status: kb.Accepted}, {Source: "x"}, {Entity: "x"},
		{Subject: "x", Property: "y"}, {Entity: "x", Status: kb.Accepted}, {Source: "x", Subject: "y"},
	} {
		where, args := claimWhere(f, "h.id")
		for i, query := range claimQueries(currentClaims+where, claimOrder) {
			rows, err := db.db.QueryContext(ctx, `EXPLAIN QUERY PLAN `+query, args...)
			if err != nil {
				t.Fatal(err)
			}
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				rows.Scan(&id, &parent, &unused, &detail)
				plan = append(plan, detail)
			}
			rows.Close()
			text := strings.Join(plan, "; ")
			t.Logf("%+v query %d: %s", f, i, text)
			if strings.Contains(text, "SCAN") {
				t.Errorf("Claims(%+v) query %d plan %q reads a whole table", f, i, text)
			}
		}
	}
}

// sample makes a batch of n claims on a few entities, each with a date,
// a qualifier and evidence, as an extraction of a long text would.
func sample(n int) kb.Batch {
	text := strings.Repeat("The treaty was signed on 16 May 1858 at Aigun. ", 20)
	b := kb.Batch{
		Sources: []kb.Source{{ID: "source/bench", Title: "bench", Language: "en", Text: text}},
		Entities: []kb.Entity{
			{ID: "treaty/bench", Kind: kb.KindTreaty, Labels: map[string]string{"en": "Bench treaty", "ru": "Договор", "zh": "條約"}},
			{ID: "polity/bench", Kind: kb.KindPolity, Labels: map[string]string{"en": "Bench polity"}},
		},
	}
	for i := range n {
		subject := fmt.Sprintf("person/%03d", i%50)
		b.Entities = append(b.Entities, kb.Entity{ID: subject, Kind: kb.KindPerson, Labels: map[string]string{"en": subject}})
		b.Claims = append(b.Claims, kb.Claim{
			ID: fmt.Sprintf("claim/%04d", i), Subject: subject, Property: "represented",
			Value:      kb.EntityValue("polity/bench"),
			Qualifiers: map[string]kb.Value{"point_in_time": kb.DateValue("16 May 1858", histdate.Julian, "en")},
			Evidence: []kb.Evidence{{Source: "source/bench",
				Quote:    kb.TextQuoteSelector{Exact: "16 May 1858", Prefix: "signed on ", Suffix: " at Aigun"},
				Position: kb.TextPositionSelector{Start: 25, End: 36}}},
			Status: kb.Accepted, Rank: kb.Normal, RecordedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), RecordedBy: "bench",
		})
	}
	// Entities named twice are given once.
	slices.SortStableFunc(b.Entities, func(a, c kb.Entity) int { return strings.Compare(a.ID, c.ID) })
	b.Entities = slices.CompactFunc(b.Entities, func(a, c kb.Entity) bool { return a.ID == c.ID })
	return b
}

// TestMigrateEntityStatus: a store written before entities had a review
// state (schema 1) opens with its entities accepted and its claims intact.
func TestMigrateEntityStatus(t *testing.T) {
	ctx := context.Background()
	path := oldStore(t, 1,
		`INSERT INTO entities (id, kind) VALUES ('polity/qing', 'polity')`,
		`INSERT INTO entity_aliases (entity, seq, text, lang) VALUES ('polity/qing', 0, 'China', 'en')`)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Entity(ctx, "polity/qing")
	if err != nil {
		t.Fatal(err)
	}
	want := kb.Entity{ID: "polity/qing", Kind: kb.KindPolity, Aliases: []kb.Alias{{Text: "China", Lang: "en"}}, Status: kb.Accepted}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("entity after migration (-want +got):\n%s", diff)
	}
}

// TestMigrateRecordTime opens a file written at schema version 1 and
// checks what steps 2 to 4 make of it (step 4: record time): every version keeps its content and
// takes the time it says it was recorded as its record time, entities
// are known from the beginning, and nothing is lost.
func TestMigrateRecordTime(t *testing.T) {
	ctx := context.Background()
	const at = "2024-05-01T10:00:00.000000000Z"
	path := oldStore(t, 1,
		`INSERT INTO entities (id, kind, description, geojson) VALUES ('treaty/t', 'treaty', 'a treaty', '{"type": "Point", "coordinates": [1, 2]}')`,
		`INSERT INTO entity_labels (entity, lang, label) VALUES ('treaty/t', 'en', 'The treaty')`,
		`INSERT INTO entity_aliases (entity, seq, text, lang) VALUES ('treaty/t', 0, 'T', 'en'), ('treaty/t', 1, 'Трактат', 'ru')`,
		`INSERT INTO sources (id, sha256, text, added) VALUES ('s', '`+kb.HashText("text")+`', 'text', '`+at+`')`,
		`INSERT INTO claim_versions (claim, version, subject, property, value_type, value_text, status, rank, recorded_at, recorded_by, digest)
			VALUES ('claim/c', 1, 'treaty/t', 'signed', 'date', '1858', 'candidate', 'normal', '`+at+`', 'old', 'd')`,
		`INSERT INTO claims (id, version, subject, property, status) VALUES ('claim/c', 1, 'treaty/t', 'signed', 'candidate')`)

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(ctx); v != len(migrations) {
		t.Errorf("SchemaVersion = %d; want %d", v, len(migrations))
	}
	h, err := db.ClaimHistory(ctx, "claim/c")
	if err != nil || len(h) != 1 {
		t.Fatalf("ClaimHistory = %v, %v", h, err)
	}
	want, _ := parseTime(at)
	if !h[0].StoredAt.Equal(want) || h[0].Version != 1 || h[0].RecordedBy != "old" {
		t.Errorf("migrated claim: version %d recorded %v by %q; want 1, %v, old", h[0].Version, h[0].StoredAt, h[0].RecordedBy, want)
	}
	e, err := db.Entity(ctx, "treaty/t")
	if err != nil {
		t.Fatal(err)
	}
	then, err := db.AsRecorded(ctx, want.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	got, err := then.Entity(ctx, "treaty/t")
	if err != nil {
		t.Fatalf("the entity before the claim's record time: %v; want it known from the beginning", err)
	}
	if diff := cmp.Diff(e, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("the entity's migrated history differs from it (-current +history):\n%s", diff)
	}
	if cs, err := then.Claims(ctx, kb.ClaimFilter{}); err != nil || len(cs) != 0 {
		t.Errorf("claims before their record time: %d, %v; want none", len(cs), err)
	}
	if _, err := then.Source(ctx, "s"); kb.ErrorCode(err) != kb.ENOTFOUND {
		t.Errorf("a source before it was added: %v; want ENOTFOUND", err)
	}
	// The entity written again unchanged adds no version; changed, one.
	if err := db.Apply(ctx, kb.Batch{Entities: []kb.Entity{e}}); err != nil {
		t.Fatal(err)
	}
	e.Description = "changed"
	if err := db.Apply(ctx, kb.Batch{Entities: []kb.Entity{e}}); err != nil {
		t.Fatal(err)
	}
	var n int
	db.db.QueryRow(`SELECT count(*) FROM entity_versions WHERE entity = 'treaty/t'`).Scan(&n)
	if n != 2 {
		t.Errorf("entity_versions has %d versions of the entity; want 2 (the migrated one, the change)", n)
	}
}

// TestMigrateDecisions: a store written before decided versions existed
// keeps its reviewers' decisions through the upgrade: they are taken for
// decisions, and a later ingest or bundle does not replace them.
func TestMigrateDecisions(t *testing.T) {
	ctx := context.Background()
	const at = "2026-01-01T00:00:00.000000000Z"
	path := oldStore(t, 2,
		`INSERT INTO entities (id, kind) VALUES ('treaty/aigun-1858', 'treaty')`,
		`INSERT INTO claim_versions (claim, version, subject, property, value_type, value_text, status, rank, note, recorded_at, recorded_by, digest)
			VALUES ('candidate/x', 1, 'treaty/aigun-1858', 'described_as', 'text', 'a treaty', 'candidate', 'normal', 'confidence 0.50', '`+at+`', 'treatyline ingest', 'd1')`,
		`INSERT INTO claim_versions (claim, version, subject, property, value_type, value_text, status, rank, note, recorded_at, recorded_by, digest)
			VALUES ('candidate/x', 2, 'treaty/aigun-1858', 'described_as', 'text', 'a treaty', 'rejected', 'normal', 'confidence 0.50', '`+at+`', 'ada', 'd2')`,
		`INSERT INTO claims (id, version, subject, property, status) VALUES ('candidate/x', 2, 'treaty/aigun-1858', 'described_as', 'rejected')`,
		`INSERT INTO provision_versions (provision, version, treaty, type, status, rank, note, recorded_at, digest)
			VALUES ('provision/p', 1, 'treaty/aigun-1858', 'trade_right', 'accepted', 'normal', 'item 4', '`+at+`', 'p1')`,
		`INSERT INTO provision_versions (provision, version, treaty, type, status, rank, note, recorded_at, digest)
			VALUES ('provision/p', 2, 'treaty/aigun-1858', 'trade_right', 'rejected', 'normal', 'rejected by ada; item 4', '`+at+`', 'p2')`,
		`INSERT INTO provisions (id, version, treaty) VALUES ('provision/p', 2, 'treaty/aigun-1858')`)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	h, err := db.ClaimHistory(ctx, "candidate/x")
	if err != nil {
		t.Fatal(err)
	}
	if h[0].Decided || !h[1].Decided {
		t.Errorf("claim versions after the upgrade: decided %v, %v; want false, true", h[0].Decided, h[1].Decided)
	}
	ph, err := db.ProvisionHistory(ctx, "provision/p")
	if err != nil {
		t.Fatal(err)
	}
	if ph[0].Decided || !ph[1].Decided {
		t.Errorf("provision versions after the upgrade: decided %v, %v; want false, true", ph[0].Decided, ph[1].Decided)
	}
	// Ingest and the bundle propose the records again: the decisions stay.
	c := h[0]
	c.Note = "confidence 0.60"
	p := ph[0]
	p.Note = "item 4 (new bundle)"
	src := kb.Source{ID: "s", Text: "a treaty"}
	ev := kb.Evidence{Source: "s", Quote: kb.TextQuoteSelector{Exact: "a treaty"}, Position: kb.TextPositionSelector{Start: 0, End: 8}}
	c.Evidence, p.Evidence = []kb.Evidence{ev}, []kb.Evidence{ev}
	if err := db.Apply(ctx, kb.Batch{Sources: []kb.Source{src}, Claims: []kb.Claim{c}, Provisions: []kb.Provision{p}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.ClaimHistory(ctx, "candidate/x"); len(got) != 2 || got[1].Status != kb.Rejected {
		t.Errorf("after a re-ingest over an upgraded store: %d versions, current %s; want the decision kept", len(got), got[len(got)-1].Status)
	}
	if got, _ := db.ProvisionHistory(ctx, "provision/p"); len(got) != 2 || got[1].Status != kb.Rejected {
		t.Errorf("after a new bundle over an upgraded store: %d versions, current %s; want the decision kept", len(got), got[len(got)-1].Status)
	}
}

// oldStore makes a store file at an earlier schema version, with the rows
// the statements insert, for a test of the upgrade to open.
func oldStore(t *testing.T, version int, stmts ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	sqldb, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	defer sqldb.Close()
	old := &DB{db: sqldb, path: path, Now: time.Now}
	if err := old.init(context.Background(), migrations[:version]); err != nil {
		t.Fatal(err)
	}
	for _, q := range stmts {
		if _, err := sqldb.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return path
}
