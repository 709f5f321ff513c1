package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/server"
	"treatyline/store/sqlite"
)

// decideAll sends n decisions on one record at once and gives the answers'
// statuses and the versions the successful ones recorded.
func decideAll(t *testing.T, f *fixture, id, action string, n int, body map[string]any) (statuses map[int]int, versions map[int]int) {
	t.Helper()
	statuses, versions = map[int]int{}, map[int]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Half the decisions are identical: each is still recorded.
			b := map[string]any{"by": fmt.Sprint("reviewer ", i%2)}
			for k, v := range body {
				b[k] = v
			}
			raw, _ := json.Marshal(b)
			req, _ := http.NewRequest("POST", f.url+"/api/v1/candidates/"+id+"/"+action, bytes.NewReader(raw))
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			var rec report.Claim
			json.NewDecoder(resp.Body).Decode(&rec)
			mu.Lock()
			defer mu.Unlock()
			statuses[resp.StatusCode]++
			if resp.StatusCode == http.StatusOK {
				versions[rec.Version]++
			}
		}()
	}
	wg.Wait()
	return statuses, versions
}

// currentVersion gives a claim's or provision's current version.
func currentVersion(t *testing.T, st kb.Store, id string) (int, kb.Status, string) {
	t.Helper()
	ctx := context.Background()
	ps, err := st.Provisions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.ID == id {
			return p.Version, p.Status, p.Note
		}
	}
	c, _ := claimStatus(t, st, id)
	return c.Version, c.Status, c.Note
}

// TestConcurrentDecisionsAllRecorded: N decisions at once on one claim or
// provision, with a note, each answered 200 with a version of its own, and
// the history grew by N; deciding on one version, exactly one is recorded
// and the others are 409.
func TestConcurrentDecisionsAllRecorded(t *testing.T) {
	f := newFixture(t, server.Config{Token: token})
	cs := candidatesAfterIngest(t, f)
	var claim string
	for _, c := range cs {
		if !strings.HasPrefix(c.ID, "provision/") {
			claim = c.ID
			break
		}
	}
	const n = 16
	for _, id := range []string{claim, "provision/aigun-1858/border-trade"} {
		t.Run(id, func(t *testing.T) {
			before, _, _ := currentVersion(t, f.store, id)
			statuses, versions := decideAll(t, f, id, "accept", n, map[string]any{"note": "checked against the map"})
			if statuses[http.StatusOK] != n || len(versions) != n {
				t.Errorf("%d accepts at once: statuses %v, %d distinct versions answered; want %d answered 200 with a version each", n, statuses, len(versions), n)
			}
			after, status, note := currentVersion(t, f.store, id)
			if after-before != n {
				t.Errorf("%d accepts answered 200, history grew by %d", n, after-before)
			}
			if status != kb.Accepted || strings.Count(note, "checked against the map") != 1 {
				t.Errorf("after the accepts: %s, note %q (want one decision in the note)", status, note)
			}
			statuses, _ = decideAll(t, f, id, "reject", n, map[string]any{"expect": after})
			if statuses[http.StatusOK] != 1 || statuses[http.StatusConflict] != n-1 {
				t.Errorf("%d rejects of version %d at once: statuses %v; want one 200 and %d 409", n, after, statuses, n-1)
			}
			if v, status, _ := currentVersion(t, f.store, id); v != after+1 || status != kb.Rejected {
				t.Errorf("after the rejects: version %d %s; want %d rejected", v, status, after+1)
			}
		})
	}
}

// TestReingestThroughTheAPIKeepsDecisions: POST /sources with ingest and
// the same text again replaces no decision and records nothing.
func TestReingestThroughTheAPIKeepsDecisions(t *testing.T) {
	f := newFixture(t, server.Config{Token: token})
	cs := candidatesAfterIngest(t, f)
	decided := map[string]int{}
	for i, c := range cs {
		action := "accept"
		if i%2 == 1 {
			action = "reject"
		}
		status, _, body := f.do("POST", "/api/v1/candidates/"+c.ID+"/"+action, "Bearer "+token, strings.NewReader(`{"by": "ada", "note": "read"}`))
		if status != http.StatusOK {
			t.Fatalf("%s %s: %d %s", action, c.ID, status, body)
		}
		decided[c.ID], _, _ = currentVersion(t, f.store, c.ID)
	}
	doc := map[string]any{"id": "test-aigun", "title": "A note on Aigun", "origin": "server_test", "ingest": true,
		"text": "The Treaty of Aigun was signed on 16 May 1858 by Nikolay Muravyov and Yishan. " +
			"China ceded some 600,000 square kilometres north of the Amur to Russia. " +
			"The Qing court refused to ratify the treaty."}
	b, _ := json.Marshal(doc)
	for range 2 {
		if status, _, body := f.do("POST", "/api/v1/sources", "Bearer "+token, bytes.NewReader(b)); status != http.StatusOK {
			t.Fatalf("POST /sources again: %d %s", status, body)
		}
	}
	for id, v := range decided {
		if got, status, _ := currentVersion(t, f.store, id); got != v || status == kb.Candidate {
			t.Errorf("%s after re-ingest: version %d %s; want version %d, the decision", id, got, status, v)
		}
	}
}

// TestCLIWriteSeenAtOnce: a write by another process on the same store
// file (the command line's review) is in the server's next answer.
func TestCLIWriteSeenAtOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := report.LoadBundled(ctx, st); err != nil {
		t.Fatal(err)
	}
	h, err := server.New(st, server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	defer ts.Close()
	f := &fixture{t: t, url: ts.URL, store: st}
	const id = "provision/aigun-1858/border-trade"
	spans := func() kb.Status {
		var src struct {
			Spans []struct {
				Provision string
				Status    kb.Status
			}
		}
		f.get("/api/v1/sources/001_edea92537101e3cc", &src)
		for _, s := range src.Spans {
			if s.Provision == id {
				return s.Status
			}
		}
		t.Fatalf("no span of %s", id)
		return ""
	}
	asof := func() string { return string(f.get("/api/v1/asof?date=1859-06-01&all=1", new(map[string]any))) }
	var srcs []map[string]any
	f.get("/api/v1/sources", &srcs)
	if got := spans(); got != kb.Accepted || !strings.Contains(asof(), id) {
		t.Fatalf("%s: %s before, or not in force in 1859", id, got)
	}
	// Another process: a second handle on the file, as treatyline review.
	other, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Decide(ctx, kb.Decision{ID: id, Status: kb.Rejected, By: "cli"}); err != nil {
		t.Fatal(err)
	}
	text := "The Treaty of Aigun was signed on 28 May 1858."
	if err := other.Apply(ctx, kb.Batch{Sources: []kb.Source{{ID: "cli-note", Text: text, SHA256: kb.HashText(text)}}}); err != nil {
		t.Fatal(err)
	}
	other.Close()
	if got := spans(); got != kb.Rejected {
		t.Errorf("%s after a write by another process: %s; want rejected at once", id, got)
	}
	if strings.Contains(asof(), id) {
		t.Errorf("the rejected %s is still in force in the next answer of /asof", id)
	}
	var after []map[string]any
	f.get("/api/v1/sources", &after)
	if len(after) != len(srcs)+1 {
		t.Errorf("/sources lists %d sources after another process added one to %d", len(after), len(srcs))
	}
}

// TestHostChecked: the Host header must be an address, localhost or a
// name the server was given (DNS rebinding).
func TestHostChecked(t *testing.T) {
	f := newFixture(t, server.Config{AllowedHosts: []string{"treaties.example"}})
	for _, tt := range []struct {
		host string
		want int
	}{
		{"127.0.0.1:8080", http.StatusOK},
		{"[::1]:8080", http.StatusOK},
		{"localhost:8080", http.StatusOK},
		{"treaties.example", http.StatusOK},
		{"TREATIES.example.:80", http.StatusOK},
		{"attacker.example", http.StatusMisdirectedRequest},
		{"attacker.example:8080", http.StatusMisdirectedRequest},
		{"localhost.attacker.example", http.StatusMisdirectedRequest},
	} {
		req, _ := http.NewRequest("GET", f.url+"/api/v1/sources", nil)
		req.Host = tt.host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("Host %q: %d; want %d", tt.host, resp.StatusCode, tt.want)
		}
	}
}

// TestNoFolderListings: the page's folders are not listed.
func TestNoFolderListings(t *testing.T) {
	f := newFixture(t, server.Config{})
	for path, want := range map[string]int{
		"/js/": http.StatusNotFound, "/vendor/": http.StatusNotFound, "/js": http.StatusNotFound,
		"/js/app.js": http.StatusOK, "/": http.StatusOK,
	} {
		req, _ := http.NewRequest("GET", f.url+path, nil)
		resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		got := resp.StatusCode
		if got == http.StatusMovedPermanently && path == "/js" {
			got = http.StatusNotFound // a redirect to /js/, which is not found
		}
		if got != want {
			t.Errorf("GET %s: %d; want %d", path, resp.StatusCode, want)
		}
	}
}

// TestPaging: conflicts, candidates and sources come a page at a time, and
// following the Link headers gives the whole list.
func TestPaging(t *testing.T) {
	f := newFixture(t, server.Config{Token: token})
	candidatesAfterIngest(t, f)
	for _, path := range []string{"/api/v1/conflicts", "/api/v1/candidates", "/api/v1/sources"} {
		t.Run(path, func(t *testing.T) {
			var all []json.RawMessage
			f.get(path, &all)
			if len(all) < 2 {
				t.Fatalf("%d items: too few to page", len(all))
			}
			var paged []json.RawMessage
			next := path + "?limit=1"
			pages := 0
			for next != "" {
				status, h, body := f.do("GET", next, "", nil)
				if status != http.StatusOK {
					t.Fatalf("GET %s: %d %s", next, status, body)
				}
				var items []json.RawMessage
				if err := json.Unmarshal(body, &items); err != nil || len(items) != 1 {
					t.Fatalf("GET %s: %d items, %v", next, len(items), err)
				}
				if h.Get("X-Total-Count") != fmt.Sprint(len(all)) {
					t.Errorf("GET %s: X-Total-Count %q; want %d", next, h.Get("X-Total-Count"), len(all))
				}
				paged = append(paged, items...)
				next = ""
				if l := h.Get("Link"); l != "" {
					next = strings.TrimPrefix(strings.Split(l, ">")[0], "<")
				}
				if pages++; pages > len(all) {
					t.Fatal("the pages do not end")
				}
			}
			if len(paged) != len(all) {
				t.Errorf("%d items in pages of one; %d in the whole list", len(paged), len(all))
			}
			for i := range all {
				if !bytes.Equal(all[i], paged[i]) {
					t.Errorf("item %d differs between the list and its pages", i)
					break
				}
			}
		})
	}
	f.wantError("GET", "/api/v1/conflicts?limit=0", "", "", http.StatusBadRequest, "EINVALID")
	f.wantError("GET", "/api/v1/conflicts?limit=100000", "", "", http.StatusBadRequest, "EINVALID")
	f.wantError("GET", "/api/v1/candidates?cursor=-1", "", "", http.StatusBadRequest, "EINVALID")
}

// TestClientGoneAndDeadline: a request whose client left is not logged as
// a server failure; one that outlives the request deadline is 503
// ETIMEOUT.
func TestClientGoneAndDeadline(t *testing.T) {
	var logged bytes.Buffer
	f := newFixture(t, server.Config{Log: log.New(&logged, "", 0)})
	h, err := server.New(f.store, server.Config{Log: log.New(&logged, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/v1/conflicts", "/api/v1/candidates", "/api/v1/asof?date=1860-11-20&all=1", "/api/v1/sources"} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // the client has gone
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", path, nil).WithContext(ctx)
		req.Host = "localhost"
		h.ServeHTTP(rec, req)
		if rec.Code != 499 {
			t.Errorf("GET %s, client gone: %d; want neither an answer nor a 500", path, rec.Code)
		}
	}
	if logged.Len() > 0 {
		t.Errorf("a client that left was logged:\n%s", logged.String())
	}
	slow, err := server.New(f.store, server.Config{RequestTimeout: time.Nanosecond, Log: log.New(&logged, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/api/v1/conflicts", nil)
	req.Host = "127.0.0.1:8080"
	slow.ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "ETIMEOUT") {
		t.Errorf("GET /conflicts past the deadline: %d %s; want 503 ETIMEOUT", rec.Code, rec.Body.String())
	}
}
