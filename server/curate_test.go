package server_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"treatyline/internal/report"
	"treatyline/internal/testkb"
	"treatyline/kb"
	"treatyline/server"
)

// newEmptyFixture is a running server over an empty project.
func newEmptyFixture(t *testing.T, c server.Config) *fixture {
	t.Helper()
	db := testkb.Empty(t)
	if c.Now == nil {
		c.Now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	}
	h, err := server.New(db, c)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &fixture{t: t, url: ts.URL, store: db}
}

// post sends a write with the token and decodes a 2xx answer.
func (f *fixture) post(path, body string, wantStatus int, v any) {
	f.t.Helper()
	status, _, b := f.do("POST", path, "Bearer "+token, strings.NewReader(body))
	if status != wantStatus {
		f.t.Fatalf("POST %s: %d %s; want %d", path, status, b, wantStatus)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			f.t.Fatalf("POST %s: %v: %s", path, err, b)
		}
	}
}

// TestEmptyProject: every read route answers on a store with nothing in
// it.
func TestEmptyProject(t *testing.T) {
	f := newEmptyFixture(t, server.Config{})
	for _, path := range []string{"/api/v1/entities", "/api/v1/sources", "/api/v1/asof?date=1900-01-01&all=1", "/api/v1/asof?date=1900-01-01&list=territories", "/api/v1/geo",
		"/api/v1/candidates", "/api/v1/review/entities", "/api/v1/conflicts", "/api/v1/search?q=Taiwan", "/api/v1/timeline"} {
		var v any
		f.get(path, &v)
	}
	status, _, body := f.do("GET", "/", "", nil)
	if status != 200 || !strings.Contains(string(body), "<") {
		t.Errorf("GET / on an empty project: %d", status)
	}
}

// TestCurateEntities: add, alias, rename, merge, split, place, reject and
// accept-all through the API, each needing the token.
func TestCurateEntities(t *testing.T) {
	f := newEmptyFixture(t, server.Config{Token: token})
	ctx := context.Background()
	f.wantError("POST", "/api/v1/entities", "", `{"entity": {"id": "polity/japan", "kind": "polity"}}`, 401, "EUNAUTHORIZED")
	f.wantError("POST", "/api/v1/review/accept-all", "", `{}`, 401, "EUNAUTHORIZED")

	var card report.EntityCard
	f.post("/api/v1/entities", `{"entity": {"id": "polity/japan", "kind": "polity", "labels": {"en": "Japan", "ja": "日本"}}, "by": "ann"}`, 201, &card)
	if card.ID != "polity/japan" || card.Status != kb.Accepted {
		t.Errorf("POST /entities gave %+v", card)
	}
	f.wantError("POST", "/api/v1/entities", "Bearer "+token, `{"entity": {"id": "polity/japan", "kind": "polity"}}`, 409, "ECONFLICT")
	f.wantError("POST", "/api/v1/entities", "Bearer "+token, `{"entity": {"id": "polity/x", "kind": "planet"}}`, 400, "EINVALID")
	f.post("/api/v1/entities", `{"entity": {"id": "territory/formosa", "kind": "territory", "labels": {"en": "Formosa"}, "status": "candidate", "confidence": 0.7}}`, 201, nil)
	f.post("/api/v1/entities", `{"entity": {"id": "territory/taiwan", "kind": "territory", "labels": {"en": "Taiwan"}}}`, 201, nil)
	f.post("/api/v1/entities/territory/taiwan/alias", `{"aliases": [{"text": "台湾", "lang": "ja", "script": "Jpan"}]}`, 200, &card)
	if len(card.Aliases) != 1 || card.Aliases[0].Script != "Jpan" {
		t.Errorf("alias gave %+v", card.Aliases)
	}
	f.post("/api/v1/entities/territory/taiwan/rename", `{"labels": {"en": "Taiwan Island"}}`, 200, &card)
	if card.Label != "Taiwan Island" {
		t.Errorf("rename gave %q", card.Label)
	}
	f.post("/api/v1/entities/territory/formosa/merge", `{"into": "territory/taiwan", "note": "the old name"}`, 200, &card)
	if card.ID != "territory/taiwan" {
		t.Errorf("merge gave %s", card.ID)
	}
	var shown report.Entity
	f.get("/api/v1/entities/territory/formosa", &shown)
	if shown.ID != "territory/taiwan" || shown.ResolvedFrom != "territory/formosa" {
		t.Errorf("GET a merged id gave %s (from %q)", shown.ID, shown.ResolvedFrom)
	}
	f.post("/api/v1/entities/territory/taiwan/place", `{"geojson": {"type": "Polygon", "coordinates": [[[120,22],[122,22],[122,25.3],[120,25.3],[120,22]]]}}`, 200, &card)
	if card.Geometry == nil || !card.Geometry.Approximate || !strings.Contains(card.Geometry.Note, "by hand") {
		t.Errorf("place gave %+v", card.Geometry)
	}
	f.wantError("POST", "/api/v1/entities/territory/taiwan/place", "Bearer "+token, `{"point": "200,10"}`, 400, "EINVALID")
	f.wantError("POST", "/api/v1/entities/territory/taiwan/place", "Bearer "+token, `{"geojson": {"type": "Polygon", "coordinates": [[[500,0]]]}}`, 400, "EINVALID")
	f.wantError("POST", "/api/v1/entities/territory/taiwan/promote", "Bearer "+token, `{}`, 404, "ENOTFOUND")
	f.wantError("POST", "/api/v1/entities/territory/none/accept", "Bearer "+token, ``, 404, "ENOTFOUND")
	f.post("/api/v1/entities/territory/taiwan/split", `{"entity": {"id": "territory/taiwan-old", "labels": {"en": "Old Taiwan"}}, "aliases": [{"text": "Formosa"}]}`, 200, &card)
	if card.ID != "territory/taiwan-old" || card.Kind != kb.KindTerritory {
		t.Errorf("split gave %+v", card)
	}
	ds, err := f.store.EntityDecisions(ctx, "territory/taiwan")
	if err != nil || len(ds) != 6 {
		t.Errorf("decisions on taiwan = %d, %v; want add, alias, rename, merge, place, split (6 name it)", len(ds), err)
	}

	f.post("/api/v1/entities", `{"entity": {"id": "territory/penghu", "kind": "territory", "labels": {"en": "Penghu"}, "status": "candidate", "confidence": 0.9}}`, 201, nil)
	f.post("/api/v1/entities", `{"entity": {"id": "territory/maybe", "kind": "territory", "labels": {"en": "Maybe"}, "status": "candidate", "confidence": 0.2}}`, 201, nil)
	var cands []report.EntityCard
	f.get("/api/v1/review/entities", &cands)
	if len(cands) != 2 {
		t.Errorf("GET /review/entities = %d; want 2", len(cands))
	}
	var n kb.AcceptCounts
	f.post("/api/v1/review/accept-all", `{"min_confidence": 0.5, "by": "ann"}`, 200, &n)
	if n.Entities != 1 {
		t.Errorf("accept-all = %+v; want 1 entity", n)
	}
	f.wantError("POST", "/api/v1/review/accept-all", "Bearer "+token, `{"min_confidence": 2}`, 400, "EINVALID")
	f.post("/api/v1/entities/territory/maybe/reject", ``, 200, &card)
	if card.Status != kb.Rejected {
		t.Errorf("reject gave %s", card.Status)
	}
	var items []struct{ ID string }
	f.get("/api/v1/entities?status=rejected", &items)
	if len(items) != 1 || items[0].ID != "territory/maybe" {
		t.Errorf("GET /entities?status=rejected = %+v", items)
	}
}
