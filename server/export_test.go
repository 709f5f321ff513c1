package server_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/paulmach/orb/geojson"

	"treatyline/server"
)

func TestExportRoute(t *testing.T) {
	f := newFixture(t, server.Config{})
	status, h, body := f.do("GET", "/api/v1/export?format=geojson&on=1859-01-01", "", nil)
	if status != 200 || h.Get("Content-Type") != "application/geo+json" {
		t.Fatalf("geojson: %d %s", status, h.Get("Content-Type"))
	}
	fc, err := geojson.UnmarshalFeatureCollection(body)
	if err != nil || len(fc.Features) == 0 {
		t.Fatalf("geojson: %v, %d features", err, len(fc.Features))
	}
	status, h, body = f.do("GET", "/api/v1/export?format=csv&table=entities", "", nil)
	if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") || !strings.Contains(h.Get("Content-Disposition"), "treatyline.csv") {
		t.Fatalf("csv: %d %v", status, h)
	}
	if recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll(); err != nil || len(recs) < 20 {
		t.Errorf("csv: %d records, %v", len(recs), err)
	}
	for _, q := range []string{"format=xml", "format=csv&table=rows", "sources=nosuch", "on=someday"} {
		status, h, body := f.do("GET", "/api/v1/export?"+q, "", nil)
		var e struct{ Error struct{ Code string } }
		if status != http.StatusBadRequest || json.Unmarshal(body, &e) != nil || e.Error.Code != "EINVALID" {
			t.Errorf("%s: %d %s %s", q, status, h.Get("Content-Type"), body)
		}
	}
}
