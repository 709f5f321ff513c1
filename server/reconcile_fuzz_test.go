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

// FuzzReconcile: whatever OpenRefine or anyone posts as queries= or
// extend=, the service answers 200 or 400, with JSON, never a failure of
// its own.
func FuzzReconcile(f *testing.F) {
	for _, s := range []string{
		`{"q0": {"query": "Aigun", "type": "treaty"}}`,
		`{"q0": {"query": "x", "properties": [{"pid": "signed", "v": [1858, "1860"]}], "limit": 2}}`,
		`{"q0": {"properties": [{"pid": "party", "v": {"id": "polity/qing"}}]}}`,
		`{"q0": {}}`,
		`{"ids": ["treaty/aigun-1858"], "properties": [{"id": "holder", "settings": {"on": "1859"}}]}`,
		`[1,2]`,
		`{`,
	} {
		f.Add("queries", s)
		f.Add("extend", s)
	}
	db := testkb.Bundled(f)
	h, err := server.New(db, server.Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, key, body string) {
		if key != "queries" && key != "extend" {
			key = "queries"
		}
		req := httptest.NewRequest("POST", "http://127.0.0.1/api/v1/reconcile", strings.NewReader(url.Values{key: {body}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK && rec.Code != http.StatusBadRequest {
			t.Fatalf("%s=%s: status %d: %s", key, body, rec.Code, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s=%s: not JSON: %s", key, body, rec.Body)
		}
	})
}
