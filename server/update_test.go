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
	"treatyline/internal/report"
	"treatyline/internal/testkb"
	"treatyline/kb"
	"treatyline/kb/kbsnap"
	"treatyline/store/storetest"
)

// TestDecisionsUpdateTheEngine: a review decision through the API
// updates the server's engine for the record it decided, without a
// rebuild from the store, and the updated engine answers exactly as one
// built afresh from the store; a CLI write beside it (another process)
// reaches the next read too (TestCatchUp).
func TestDecisionsUpdateTheEngine(t *testing.T) {
	db := testkb.Bundled(t)
	ctx := context.Background()
	s, err := New(db, Config{Token: "t", Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	post := func(path, body string) int {
		req, _ := http.NewRequest("POST", ts.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer t")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	doc, _ := json.Marshal(map[string]any{"id": "upd", "title": "t", "origin": "test", "ingest": true,
		"text": "The Treaty of Aigun was signed on 16 May 1858. China ceded the left bank of the Amur to Russia. " +
			"The Treaty of Peking of 14 November 1860 ceded the Ussuri region to Russia."})
	if code := post("/api/v1/sources", string(doc)); code != http.StatusCreated {
		t.Fatalf("POST /sources: %d", code)
	}
	days := []histdate.JDN{histdate.GregorianToJDN(1850, 1, 1), histdate.GregorianToJDN(1859, 1, 1), histdate.GregorianToJDN(1862, 1, 1), histdate.GregorianToJDN(1885, 1, 1)}
	check := func(what string) {
		t.Helper()
		answersAsStore(t, s, db, what, days, []engine.Perspective{{}, {Party: "polity/qing"}})
	}
	check("after the ingest")
	var decided int
	for _, id := range candidates(t, db) {
		before := s.snap.Load()
		if before == nil {
			t.Fatal("no snapshot before a decision")
		}
		action := "accept"
		if decided%3 == 2 {
			action = "reject"
		}
		if code := post("/api/v1/candidates/"+id+"/"+action, `{"by": "tester"}`); code != http.StatusOK {
			t.Fatalf("%s %s: %d", action, id, code)
		}
		after := s.snap.Load()
		if after == nil || after == before || after.entities == nil {
			t.Fatalf("%s %s: the snapshot was dropped, not updated", action, id)
		}
		check(action + " " + id)
		decided++
	}
	if decided < 3 {
		t.Fatalf("only %d candidates to decide", decided)
	}
	// A bundled claim rejected and accepted again.
	cs, err := db.Claims(ctx, kb.ClaimFilter{Subject: "treaty/livadia-1879", Property: "superseded_by"})
	if err != nil || len(cs) != 1 {
		t.Fatalf("%v: %d claims", err, len(cs))
	}
	for _, action := range []string{"reject", "accept"} {
		if code := post("/api/v1/candidates/"+cs[0].ID+"/"+action, `{"by": "tester"}`); code != http.StatusOK {
			t.Fatalf("%s: %d", action, code)
		}
		check(action + " " + cs[0].ID)
	}
	// Another process decides: the next read catches up with it.
	old := s.snap.Load()
	if _, err := db.Decide(ctx, kb.Decision{ID: cs[0].ID, Status: kb.Rejected, By: "cli", At: time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	check("a decision by another process")
	if s.snap.Load() == old {
		t.Error("the snapshot was not brought up to the store after another process wrote")
	}
}

// candidates gives the ids of the candidate claims and provisions.
func candidates(t *testing.T, db kb.Store) []string {
	t.Helper()
	ctx := context.Background()
	cs, err := db.Claims(ctx, kb.ClaimFilter{Status: kb.Candidate})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	ps, err := db.Provisions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Status == kb.Candidate {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

// TestSnapshotFile: a server that keeps a snapshot file writes it when it
// first reads the store, and again as it stops after a decision; the next
// server on the store reads the file instead of the store (the file is
// not written again) and answers as an engine built afresh from the
// store. A write by another process outdates the file.
func TestSnapshotFile(t *testing.T) {
	db := testkb.Bundled(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.snapshot")
	start := func() *Server {
		s, err := New(db, Config{Token: "t", Snapshot: path, Build: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.current(ctx); err != nil {
			t.Fatal(err)
		}
		return s
	}
	modTime := func() time.Time {
		t.Helper()
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return info.ModTime()
	}
	same := func(s *Server, what string) {
		t.Helper()
		answersAsStore(t, s, db, what,
			[]histdate.JDN{histdate.GregorianToJDN(1700, 1, 1), histdate.GregorianToJDN(1862, 1, 1), histdate.GregorianToJDN(1885, 1, 1)},
			[]engine.Perspective{{}})
	}
	s := start()
	s.current(ctx) // the first start wrote the store's id: the next read builds once more
	first := modTime()
	same(s, "first start")
	// A decision through the API, then the server stops. (The pauses
	// keep the files' times apart.)
	time.Sleep(20 * time.Millisecond)
	ts := httptest.NewServer(s)
	cs, err := db.Claims(ctx, kb.ClaimFilter{Subject: "treaty/livadia-1879", Property: "superseded_by"})
	if err != nil || len(cs) != 1 {
		t.Fatalf("%v: %d claims", err, len(cs))
	}
	req, _ := http.NewRequest("POST", ts.URL+"/api/v1/candidates/"+cs[0].ID+"/reject", strings.NewReader(`{"by": "tester"}`))
	req.Header.Set("Authorization", "Bearer t")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("reject: %v %v", err, resp)
	}
	resp.Body.Close()
	ts.Close()
	if err := s.SaveSnapshot(ctx); err != nil {
		t.Fatal(err)
	}
	saved := modTime()
	if !saved.After(first) {
		t.Fatal("the snapshot was not written as the server stopped after a decision")
	}
	s2 := start()
	if !modTime().Equal(saved) {
		t.Error("the next start wrote the snapshot again: it did not read it")
	}
	same(s2, "a start from the snapshot")
	// Another process writes: the file is stale, read past and rewritten.
	time.Sleep(20 * time.Millisecond)
	if _, err := db.Decide(ctx, kb.Decision{ID: cs[0].ID, Status: kb.Accepted, By: "cli", At: time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	s3 := start()
	same(s3, "a start after another process wrote")
	if modTime().Equal(saved) {
		t.Error("a stale snapshot was not written again")
	}
	// Another process ingests (records added, and entities): the server
	// catches up, and as it stops writes the file with the store's
	// records in the store's order, which the next start reads as it is.
	x, err := report.NewExtractor(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	src, err := report.NewSource("snap-ingest", "t", "", "test", "The Treaty of Tarbagatai was signed at Chuguchak on 25 September 1864 by Zhang Tinghan and Ivan Babkov.")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := report.Ingest(ctx, db, x, src, false); err != nil {
		t.Fatal(err)
	}
	same(s3, "after an ingest by another process")
	time.Sleep(20 * time.Millisecond)
	if err := s3.SaveSnapshot(ctx); err != nil {
		t.Fatal(err)
	}
	key, err := report.SnapshotKey(ctx, db, "test")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := kbsnap.ReadFile(path, key)
	if err != nil {
		t.Fatalf("the snapshot as the server stopped after an ingest: %v", err)
	}
	whole := storetest.ContentsOf(t, db, nil)
	if diff := cmp.Diff(&kbsnap.Snapshot{Key: key, Entities: whole.Entities, Claims: whole.Claims, Provisions: whole.Provisions}, recs); diff != "" {
		t.Errorf("the snapshot written after an ingest differs from the store's records (-store +file):\n%s", diff)
	}
	written := modTime()
	same(start(), "a start after the ingest")
	if !modTime().Equal(written) {
		t.Error("the start after the ingest did not read the snapshot as it was")
	}
}

// answersAsStore reads the server's snapshot as a request does and checks
// that it answers, on each day and from each perspective, as an engine
// built afresh from the store; it gives the snapshot.
func answersAsStore(t *testing.T, s *Server, db kb.Reader, what string, days []histdate.JDN, ps []engine.Perspective) *snapshot {
	t.Helper()
	ctx := context.Background()
	sn, err := s.current(ctx)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	want, err := report.LoadEngine(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range days {
		for _, p := range ps {
			if diff := cmp.Diff(want.AsOf(d, p), sn.eng.AsOf(d, p)); diff != "" {
				t.Fatalf("%s: the server's engine differs from one built afresh (-want +got):\n%s", what, diff)
			}
		}
	}
	return sn
}
