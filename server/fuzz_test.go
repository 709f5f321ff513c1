package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"treatyline/internal/testkb"
	"treatyline/server"
)

// fuzzServer is a server over a bundled store, for the fuzz targets.
func fuzzServer(f *testing.F) http.Handler {
	h, err := server.New(testkb.Bundled(f), server.Config{Token: token})
	if err != nil {
		f.Fatal(err)
	}
	return h
}

// answer sends a request to the handler and checks what every answer
// must be: no 5xx, and JSON.
func answer(t *testing.T, h http.Handler, method, target, body string) int {
	t.Helper()
	req := httptest.NewRequest(method, "http://127.0.0.1"+target, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code >= 500 {
		t.Fatalf("%s %s %q: %d %s", method, target, body, rec.Code, rec.Body.String())
	}
	if !json.Valid(rec.Body.Bytes()) {
		t.Fatalf("%s %s %q: %d, not JSON: %q", method, target, body, rec.Code, rec.Body.String())
	}
	return rec.Code
}

// FuzzRequestBodies sends fuzzed bodies to every route that reads one:
// registering a source (with ingest), accepting, rejecting, correcting.
func FuzzRequestBodies(f *testing.F) {
	h := fuzzServer(f)
	for _, s := range []string{
		`{"id": "f1", "text": "The Treaty of Aigun was signed on 16 May 1858.", "ingest": true}`,
		`{"id": "f2", "title": "x", "language": "nl", "origin": "o", "text": "Het Verdrag van Aigun, 28 mei 1858."}`,
		`{"by": "ada", "note": "checked", "expect": 1}`,
		`{"by": "ada", "date": "16 May 1858", "calendar": "julian"}`,
		`{"by": "ada", "quantity": "600,000 km²"}`,
		`{"by": "ada", "entity": "polity/qing"}`,
		`{"text": 1}`, `[]`, `null`, `{"id": "../x", "text": "y"}`, `{"expect": -3}`, "",
	} {
		for route := range 4 {
			f.Add(uint8(route), s)
		}
	}
	routes := []string{"/api/v1/sources", "/api/v1/candidates/provision/aigun-1858/border-trade/accept",
		"/api/v1/candidates/provision/aigun-1858/border-trade/reject", "/api/v1/candidates/claim/none/correct"}
	f.Fuzz(func(t *testing.T, route uint8, body string) {
		if len(body) > 1<<14 {
			return
		}
		answer(t, h, "POST", routes[int(route)%len(routes)], body)
	})
}

// FuzzSearch sends fuzzed queries to the search and the other routes that
// read a query text.
func FuzzSearch(f *testing.F) {
	h := fuzzServer(f)
	for _, q := range []string{"Muraviev", "Муравьёв", "璦琿", "aigun", "", " ", "\x00", "%", strings.Repeat("a", 1001), "Nertschinsk"} {
		f.Add(q, "")
		f.Add(q, "treaty")
	}
	f.Fuzz(func(t *testing.T, q, kind string) {
		v := url.Values{"q": {q}, "kind": {kind}, "limit": {"5"}}
		answer(t, h, "GET", "/api/v1/search?"+v.Encode(), "")
		answer(t, h, "GET", "/api/v1/date?"+url.Values{"q": {q}}.Encode(), "")
		answer(t, h, "GET", "/api/v1/conflicts?"+url.Values{"class": {kind}, "cursor": {q}}.Encode(), "")
	})
}

// FuzzEntityDecision sends any body to the entity curation routes of a
// server over a real (empty) project: every answer is JSON, 2xx or 4xx;
// never a 5xx, never a panic.
func FuzzEntityDecision(f *testing.F) {
	for _, s := range []string{
		`{"entity": {"id": "territory/a", "kind": "territory", "labels": {"en": "A"}}}`,
		`{"labels": {"en": "B"}}`, `{"aliases": [{"text": "C", "lang": "de", "script": "Latn"}]}`,
		`{"into": "territory/a"}`, `{"point": "1,2"}`, `{"geojson": {"type": "Point", "coordinates": [1, 2]}}`,
		`{"entity": {"id": "territory/b"}, "aliases": [{"text": "A"}], "claims": ["x"]}`, `{"min_confidence": 0.5}`, `[]`, `null`, ``,
	} {
		for _, path := range []string{"/api/v1/entities", "/api/v1/entities/territory/a/rename", "/api/v1/entities/territory/a/alias",
			"/api/v1/entities/territory/a/merge", "/api/v1/entities/territory/a/split", "/api/v1/entities/territory/a/place",
			"/api/v1/entities/territory/a/reject", "/api/v1/review/accept-all"} {
			f.Add(path, s)
		}
	}
	// One server for every input: a store per input would measure SQLite,
	// not the routes.
	h, err := server.New(testkb.Empty(f), server.Config{Token: token})
	if err != nil {
		f.Fatal(err)
	}
	ts := httptest.NewServer(h)
	f.Cleanup(ts.Close)
	f.Fuzz(func(t *testing.T, path, body string) {
		if !strings.HasPrefix(path, "/api/v1/") || strings.ContainsAny(path, " ?#%\x00") {
			return
		}
		req, err := http.NewRequest("POST", ts.URL+path, strings.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var v any
		if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
			t.Fatalf("POST %s %q: %d, not JSON: %v", path, body, resp.StatusCode, err)
		}
		if resp.StatusCode >= 500 {
			t.Fatalf("POST %s %q: %d %v", path, body, resp.StatusCode, v)
		}
	})
}

// FuzzAsofQuestion sends fuzzed questions to GET /asof: sets of ids, a
// list with its limit and cursor, all and pretty. Every answer is JSON and
// no 5xx; a 200 has the sections asked for.
func FuzzAsofQuestion(f *testing.F) {
	h := fuzzServer(f)
	for _, s := range [][5]string{
		{"territory/ussuri-sea", "", "", "", ""},
		{"territory/ussuri-sea,territory/amur-left-bank", "treaty/aigun-1858", "", "", "1"},
		{"", "", "territories", "2", "true"},
		{"", "", "rights", "-1", "maybe"},
		{",,,", "", "", "", ""},
		{"", "", "treaties", "99999999999999999999", "0"},
		{"x\x00", "", "planets", "", ""},
	} {
		f.Add(s[0], s[1], s[2], s[3], s[4])
	}
	f.Fuzz(func(t *testing.T, territory, treaty, list, cursor, flag string) {
		v := url.Values{"date": {"1861-01-01"}}
		for k, x := range map[string]string{"territory": territory, "treaty": treaty, "list": list, "cursor": cursor, "all": flag, "pretty": flag} {
			if x != "" {
				v.Set(k, x)
			}
		}
		answer(t, h, "GET", "/api/v1/asof?"+v.Encode(), "")
	})
}
