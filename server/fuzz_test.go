package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"treatyline/internal/testkb"
	"treatyline/server"
)

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
