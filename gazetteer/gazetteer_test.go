package gazetteer

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"strings"
	"testing"

	"treatyline/kb"
)

func TestFind(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		ok      bool
		name    string
		typ     string
		country string
	}
	for _, tc := range []struct {
		name string
		e    kb.Entity
		want want
	}{
		{"a city by its English name", kb.Entity{Kind: kb.KindCity, Labels: map[string]string{"en": "Shimonoseki"}}, want{true, "Shimonoseki", "Point", "JP"}},
		{"a port, case and diacritics folded", kb.Entity{Kind: kb.KindPort, Labels: map[string]string{"en": "KEELUNG"}}, want{true, "Keelung", "Point", "TW"}},
		{"an alias when the label is unknown", kb.Entity{Kind: kb.KindCity, Labels: map[string]string{"en": "Bakan"}, Aliases: []kb.Alias{{Text: "Shimonoseki"}}}, want{true, "Shimonoseki", "Point", "JP"}},
		{"a territory that is a country today", kb.Entity{Kind: kb.KindTerritory, Labels: map[string]string{"en": "Taiwan"}}, want{true, "Taiwan", "MultiPolygon", ""}},
		{"an abbreviation written out", kb.Entity{Kind: kb.KindTerritory, Labels: map[string]string{"en": "Solomon Islands"}}, want{true, "Solomon Is.", "MultiPolygon", ""}},
		{"a territory with no country of its name is placed at its town", kb.Entity{Kind: kb.KindTerritory, Labels: map[string]string{"en": "Heligoland"}, Aliases: []kb.Alias{{Text: "Helgoland", Lang: "de"}}}, want{true, "Helgoland", "Point", "DE"}},
		{"a region is not a city of its name", kb.Entity{Kind: kb.KindRegion, Labels: map[string]string{"en": "Keelung"}}, want{}},
		{"a city is not a country of its name", kb.Entity{Kind: kb.KindCity, Labels: map[string]string{"en": "Japan"}}, want{}},
		{"a river is not placed", kb.Entity{Kind: kb.KindRiver, Labels: map[string]string{"en": "Taiwan"}}, want{}},
		{"an unknown name", kb.Entity{Kind: kb.KindCity, Labels: map[string]string{"en": "Xyzzyville"}}, want{}},
		// Two large cities of one name: neither is chosen.
		{"an ambiguous name", kb.Entity{Kind: kb.KindCity, Labels: map[string]string{"en": "Valencia"}}, want{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, ok := g.Find(tc.e)
			var typ struct{ Type string }
			if ok {
				json.Unmarshal(m.Geometry, &typ)
			}
			got := want{ok, m.Name, typ.Type, m.Country}
			if ok && typ.Type == "Polygon" && tc.want.typ == "MultiPolygon" {
				got.typ = "MultiPolygon" // either is a shape
			}
			if got != tc.want {
				t.Errorf("Find = %+v; want %+v", got, tc.want)
			}
			if ok && !strings.Contains(m.Note, "placed by its name") {
				t.Errorf("note %q does not say how it was placed", m.Note)
			}
		})
	}
}

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func TestLoadErrors(t *testing.T) {
	countries := gz(`{"type":"FeatureCollection","features":[]}`)
	for _, tc := range []struct {
		name, places, want string
	}{
		{"fields", "Aigun\tCN\tPPL\t100\t127.4\n", "line 1: 5 fields"},
		{"number", "Aigun\tCN\tPPL\tmany\t127.4\t50.2\n", "line 1: bad number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(gz(tc.places), countries)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load = %v; want an error with %q", err, tc.want)
			}
		})
	}
	if _, err := Load([]byte("not gzip"), countries); err == nil {
		t.Error("Load(not gzip) = nil error")
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(placesGz, countriesGz); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCountries reads the countries alone, as a project whose places
// are all countries does.
func BenchmarkCountries(b *testing.B) {
	for b.Loop() {
		if _, err := loadCountries(countriesGz); err != nil {
			b.Fatal(err)
		}
	}
}

// TestConcurrentFind: lookups from several goroutines share one load.
func TestConcurrentFind(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan bool)
	for range 4 {
		go func() {
			_, ok := g.Find(kb.Entity{Kind: kb.KindCity, Labels: map[string]string{"en": "Shimonoseki"}})
			done <- ok
		}()
	}
	for range 4 {
		if !<-done {
			t.Error("Find(Shimonoseki) failed")
		}
	}
}
