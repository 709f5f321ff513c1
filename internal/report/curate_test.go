package report

import (
	"encoding/json"
	"strings"
	"testing"

	"treatyline/kb"
)

func TestParsePoint(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{"121.5,25.0", `{"coordinates":[121.5,25],"type":"Point"}`, ""},
		{" -7.9 , 54.18 ", `{"coordinates":[-7.9,54.18],"type":"Point"}`, ""},
		{"200,1", "", "longitude"},
		{"1,-91", "", "latitude"},
		{"1;2", "", "LON,LAT"},
		{"a,b", "", "LON,LAT"},
		{"", "", "LON,LAT"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			g, err := ParsePoint(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || kb.ErrorCode(err) != kb.EINVALID {
					t.Errorf("ParsePoint(%q) = %v; want EINVALID naming %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || string(g.GeoJSON) != tc.want || !g.Approximate {
				t.Errorf("ParsePoint(%q) = %s %v, %v; want %s, approximate", tc.in, g.GeoJSON, g.Approximate, err, tc.want)
			}
		})
	}
}

func TestParseShape(t *testing.T) {
	for _, tc := range []struct {
		name, in, want, err string
	}{
		{"polygon", `{"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}`, `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}`, ""},
		{"feature", `{"type":"Feature","properties":{"a":1},"geometry":{"type":"Point","coordinates":[1,2]}}`, `{"type":"Point","coordinates":[1,2]}`, ""},
		{"one-feature collection", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}}]}`, `{"type":"LineString","coordinates":[[1,2],[3,4]]}`, ""},
		{"geometry collection", `{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}]}`, `{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}]}`, ""},
		{"two features", `{"type":"FeatureCollection","features":[{},{}]}`, "", "2 features"},
		{"feature without geometry", `{"type":"Feature","geometry":null}`, "", "no geometry"},
		{"not a geometry", `{"type":"Circle","coordinates":[1,2]}`, "", "Circle"},
		{"off the globe", `{"type":"Point","coordinates":[181,0]}`, "", "off the globe"},
		{"a lone number", `{"type":"Point","coordinates":[1]}`, "", "longitude and a latitude"},
		{"no coordinates", `{"type":"Polygon"}`, "", "coordinates missing"},
		{"strings", `{"type":"Point","coordinates":["1","2"]}`, "", "positions"},
		{"not JSON", `{"type":`, "", "GeoJSON"},
		{"bad member", `{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[500,0]}]}`, "", "geometries[0]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := ParseShape([]byte(tc.in))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || kb.ErrorCode(err) != kb.EINVALID {
					t.Errorf("ParseShape = %v; want EINVALID naming %q", err, tc.err)
				}
				return
			}
			if err != nil || string(g.GeoJSON) != tc.want || !g.Approximate {
				t.Errorf("ParseShape = %s, %v; want %s", g.GeoJSON, err, tc.want)
			}
		})
	}
}

// FuzzParseShape: whatever the input, ParseShape gives a valid GeoJSON
// geometry with a type, or an EINVALID error; never a panic.
func FuzzParseShape(f *testing.F) {
	for _, s := range []string{`{"type":"Point","coordinates":[1,2]}`, `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[0,0]]]}}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[1,2]]}}]}`,
		`{"type":"GeometryCollection","geometries":[{"type":"GeometryCollection","geometries":[]}]}`, `[[[[[[1]]]]]]`, `{"type":"Point","coordinates":[[[[[[1,2]]]]]]}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		g, err := ParseShape([]byte(in))
		if err != nil {
			if kb.ErrorCode(err) != kb.EINVALID {
				t.Fatalf("ParseShape(%q): %v is not EINVALID", in, err)
			}
			return
		}
		if err := g.Validate(); err != nil || !json.Valid(g.GeoJSON) {
			t.Fatalf("ParseShape(%q) = %s: %v", in, g.GeoJSON, err)
		}
	})
}

// FuzzParsePoint: a point read is within the globe.
func FuzzParsePoint(f *testing.F) {
	for _, s := range []string{"1,2", "-180,90", "1e3,0", "NaN,0", "Inf,1", " 3 , 4 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		g, err := ParsePoint(in)
		if err != nil {
			return
		}
		var p struct{ Coordinates []float64 }
		if err := json.Unmarshal(g.GeoJSON, &p); err != nil || len(p.Coordinates) != 2 ||
			!(p.Coordinates[0] >= -180 && p.Coordinates[0] <= 180 && p.Coordinates[1] >= -90 && p.Coordinates[1] <= 90) {
			t.Fatalf("ParsePoint(%q) = %s", in, g.GeoJSON)
		}
	})
}
