package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"treatyline/engine"
	"treatyline/histdate"
	"treatyline/internal/gold"
	"treatyline/internal/pgtest"
	"treatyline/internal/report"
	"treatyline/internal/testkb"
	"treatyline/kb"
	"treatyline/store/postgres"
	"treatyline/store/sqlite"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// TestCatchUp: writes by another process on the same store (a second
// handle, as the command line's review and ingest open it) and the
// server's own writes that are not a single decision reach the next
// answer by what the store recorded since the server's snapshot, not by
// reading the store whole: a decision updates the engine (its entity
// views kept), an ingest, an entity added and one merged rebuild it from
// the snapshot's records with the changes written over them. After each,
// the server answers exactly as an engine built afresh from the store,
// and lists the store's entities and sources. On a SQLite file and on a
// PostgreSQL database.
func TestCatchUp(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		db, other := bundledFile(t)
		catchUp(t, db, other)
	})
	t.Run("postgres", func(t *testing.T) {
		db, url := testkb.BundledPostgres(t)
		other, err := postgres.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		catchUp(t, db, other)
	})
}

func catchUp(t *testing.T, db, other kb.Store) {
	ctx := context.Background()
	s, err := New(db, Config{Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()

	days := []histdate.JDN{histdate.GregorianToJDN(1700, 1, 1), histdate.GregorianToJDN(1859, 1, 1),
		histdate.GregorianToJDN(1862, 1, 1), histdate.GregorianToJDN(1885, 1, 1)}
	// check reads through the server as a request does, and compares with
	// the store read whole; it gives the snapshot read.
	check := func(what string) *snapshot {
		t.Helper()
		sn := answersAsStore(t, s, db, what, days, []engine.Perspective{{}, {Party: "polity/qing"}, {Party: "polity/russia"}})
		ents, err := db.Entities(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(ents, sn.entities); diff != "" {
			t.Fatalf("%s: the server's entities differ from the store's (-want +got):\n%s", what, diff)
		}
		srcs, err := db.Sources(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(srcs, sn.sources); diff != "" {
			t.Fatalf("%s: the server's sources differ from the store's (-want +got):\n%s", what, diff)
		}
		if m, err := db.(kb.ChangeReader).Mark(ctx); err != nil || sn.gen != m.Generation {
			t.Fatalf("%s: snapshot at generation %d, store at %+v (%v)", what, sn.gen, m, err)
		}
		return sn
	}
	first := check("the first read")
	reads := s.wholeReads
	caughtUp := func(what string, before *snapshot, sameEntities bool) *snapshot {
		t.Helper()
		sn := check(what)
		if s.wholeReads != reads {
			t.Fatalf("%s: the store was read whole (%d times since the first read)", what, s.wholeReads-reads)
		}
		if sn == before {
			t.Fatalf("%s: the snapshot was not brought up to the store", what)
		}
		if sameEntities != (sn.shared == before.shared) {
			t.Fatalf("%s: entity views shared %v, want %v (an update keeps them, a rebuild makes them anew)", what, sn.shared == before.shared, sameEntities)
		}
		return sn
	}

	// Another process decides: the engine is updated.
	cs, err := other.Claims(ctx, kb.ClaimFilter{Subject: "treaty/livadia-1879", Property: "superseded_by"})
	if err != nil || len(cs) != 1 {
		t.Fatalf("%v: %d claims", err, len(cs))
	}
	if _, err := other.Decide(ctx, kb.Decision{ID: cs[0].ID, Status: kb.Rejected, By: "cli"}); err != nil {
		t.Fatal(err)
	}
	sn := caughtUp("a decision by another process", first, true)

	// Another process ingests a document: sources, candidate entities,
	// claims and provisions.
	x, err := report.NewExtractor(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	src, err := report.NewSource("cu-1", "t", "", "test",
		"The Treaty of Aigun was signed on 16 May 1858. China ceded the left bank of the Amur to Russia. "+
			"The Treaty of Tarbagatai was signed at Chuguchak on 25 September 1864 by Zhang Tinghan and Ivan Babkov.")
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.Ingest(ctx, other, x, src, false)
	if err != nil {
		t.Fatal(err)
	}
	if n := r.Count(); n.Candidates == 0 || n.NewEntities == 0 {
		t.Fatalf("the document proposed %d candidates and %d new entities: nothing to catch up with", n.Candidates, n.NewEntities)
	}
	sn = caughtUp("an ingest by another process", sn, false)

	// Another process adds an entity, then merges it into another.
	add := kb.EntityDecision{Action: kb.ActionAdd, Entity: "person/cu-babkov", New: &kb.Entity{ID: "person/cu-babkov", Kind: kb.KindPerson,
		Labels: map[string]string{"en": "Ivan Babkov"}}, RecordedBy: "cli"}
	if _, err := other.DecideEntity(ctx, add); err != nil {
		t.Fatal(err)
	}
	sn = caughtUp("an entity added by another process", sn, false)
	var into string
	for _, e := range sn.entities {
		if e.Kind == kb.KindPerson && e.ID != "person/cu-babkov" {
			into = e.ID
			break
		}
	}
	if _, err := other.DecideEntity(ctx, kb.EntityDecision{Action: kb.ActionMerge, Entity: "person/cu-babkov", Into: into, RecordedBy: "cli"}); err != nil {
		t.Fatal(err)
	}
	sn = caughtUp("a merge by another process", sn, false)

	// The server's own ingest: the snapshot is kept, and the next read
	// catches up with it.
	doc, _ := json.Marshal(map[string]any{"id": "cu-2", "title": "t", "origin": "test", "ingest": true,
		"text": "The Treaty of Peking of 14 November 1860 ceded the Ussuri region to Russia."})
	req, _ := http.NewRequest("POST", ts.URL+"/api/v1/sources", strings.NewReader(string(doc)))
	req.Header.Set("Authorization", "Bearer t")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST /sources: %d", resp.StatusCode)
	}
	if s.snap.Load() != sn {
		t.Fatal("the server's ingest dropped or replaced the snapshot: the next read catches up with it")
	}
	caughtUp("the server's own ingest", sn, false)
}

// TestCatchUpClockBack: a write whose clock reads earlier than the last
// write's is recorded just after it, so that catching up from a mark
// taken between them finds it.
func TestCatchUpClockBack(t *testing.T) {
	ctx := context.Background()
	db, _ := bundledFile(t)
	s, err := New(db, Config{})
	if err != nil {
		t.Fatal(err)
	}
	before, err := s.current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC) } // long before the bundle's load
	cs, err := db.Claims(ctx, kb.ClaimFilter{Subject: "treaty/livadia-1879", Property: "superseded_by"})
	if err != nil || len(cs) != 1 {
		t.Fatalf("%v: %d claims", err, len(cs))
	}
	if _, err := db.Decide(ctx, kb.Decision{ID: cs[0].ID, Status: kb.Rejected, By: "cli"}); err != nil {
		t.Fatal(err)
	}
	after, err := s.current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after == before || s.wholeReads != 1 {
		t.Fatalf("the decision was not caught up with (read whole %d times)", s.wholeReads)
	}
	_, claims, _, _ := after.eng.Records()
	for _, c := range claims {
		if c.ID == cs[0].ID && c.Status != kb.Rejected {
			t.Fatalf("after the decision the engine has the claim %s, want it rejected", c.Status)
		}
	}
}

// TestCatchUpWhileWriting: while another process decides one candidate
// after another, the server answers throughout, each time from a whole
// state of the store, and ends as an engine built afresh from it.
func TestCatchUpWhileWriting(t *testing.T) {
	ctx := context.Background()
	db, other := bundledFile(t)
	s, err := New(db, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.current(ctx); err != nil {
		t.Fatal(err)
	}
	cs, err := other.Claims(ctx, kb.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		for i, c := range cs[:min(len(cs), 40)] {
			status := kb.Rejected
			if i%2 == 1 {
				status = kb.Accepted
			}
			if _, err := other.Decide(ctx, kb.Decision{ID: c.ID, Status: status, By: "cli"}); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	day := histdate.GregorianToJDN(1862, 1, 1)
	for reading := true; reading; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			reading = false
		default:
		}
		sn, err := s.current(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sn.eng.AsOf(day, engine.Perspective{})
	}
	answersAsStore(t, s, db, "after the writes", []histdate.JDN{day}, []engine.Perspective{{}, {Party: "polity/qing"}})
	if s.wholeReads != 1 {
		t.Errorf("the store was read whole %d times, want once (at the start)", s.wholeReads)
	}
}

// bundledFile makes a store file holding the bundled knowledge base and
// opens it twice: the server's handle, and another's, as a command line
// in another process opens the same file.
func bundledFile(t *testing.T) (db, other *sqlite.DB) {
	t.Helper()
	_, _, _ = gold.Shared(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "treatyline.db")
	open := func() *sqlite.DB {
		st, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	db = open()
	if err := report.InitStore(ctx, db, false); err != nil {
		t.Fatal(err)
	}
	return db, open()
}
