package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"treatyline/kb"
)

// EntityCard is an entity as the review queue and entities list show it:
// its names, review state, confidence, evidence, how many claims name it,
// and the entities it may be a duplicate of.
type EntityCard struct {
	ID         string            `json:"id"`
	Kind       kb.Kind           `json:"kind"`
	Label      string            `json:"label"`
	Labels     map[string]string `json:"labels"`
	Aliases    []kb.Alias        `json:"aliases"`
	Status     kb.Status         `json:"status"`
	Confidence float64           `json:"confidence"`
	Note       string            `json:"note,omitempty"`
	MergedInto string            `json:"merged_into,omitempty"`
	Geometry   *Geometry         `json:"geometry,omitempty"`
	Evidence   []Evidence        `json:"evidence"`
	Claims     int               `json:"claims"`
	// Duplicates are other entities of a like kind with a like name,
	// offered for merging, best first.
	Duplicates []Duplicate `json:"duplicates,omitempty"`
}

// Duplicate is an entity a candidate may be the same as, and why.
type Duplicate struct {
	ID    string  `json:"id"`
	Label string  `json:"label"`
	Score float64 `json:"score"`
	Why   string  `json:"why"`
}

// duplicateScore is the least name likeness offered as a duplicate: a
// transliteration variant or more (kb.Index scores the same name 1, a
// loose match 0.95).
const duplicateScore = 0.85

// FromEntity gives an entity's card, without counts or duplicates.
func FromEntity(e kb.Entity) EntityCard {
	c := EntityCard{ID: e.ID, Kind: e.Kind, Label: e.Label("en"), Labels: e.Labels, Aliases: e.Aliases, Status: e.Status,
		Confidence: e.Confidence, Note: e.Note, MergedInto: e.MergedInto, Geometry: FromGeometry(e.Geometry), Evidence: FromEvidence(e.Evidence)}
	if c.Labels == nil {
		c.Labels = map[string]string{}
	}
	if c.Aliases == nil {
		c.Aliases = []kb.Alias{}
	}
	return c
}

// EntityCards lists the entities with a status ("" for all) and a kind
// ("" for all), with the number of current claims that name each and, for
// candidates, the likely duplicates among the other entities.
func EntityCards(ctx context.Context, st kb.Store, status kb.Status, kind kb.Kind) ([]EntityCard, error) {
	all, err := st.Entities(ctx, "")
	if err != nil {
		return nil, err
	}
	claims, err := st.Claims(ctx, kb.ClaimFilter{})
	if err != nil {
		return nil, err
	}
	count := map[string]int{}
	for _, c := range claims {
		count[c.Subject]++
		if c.Value.Entity != "" && c.Value.Entity != c.Subject {
			count[c.Value.Entity]++
		}
	}
	var idx *kb.Index
	out := []EntityCard{}
	for _, e := range all {
		if (status != "" && e.Status != status) || (kind != "" && e.Kind != kind) {
			continue
		}
		c := FromEntity(e)
		c.Claims = count[e.ID]
		if e.Status == kb.Candidate {
			if idx == nil {
				idx = kb.NewIndex(all)
			}
			c.Duplicates = duplicates(idx, e)
			suggested, err := storedSuggestions(func(key string) (string, error) { return st.Meta(ctx, key) }, e.ID)
			if err != nil {
				return nil, err
			}
			c.Duplicates = withSuggestions(ctx, st, c.Duplicates, suggested, e.ID)
		}
		out = append(out, c)
	}
	return out, nil
}

// duplicates finds the entities of a like kind named like e.
func duplicates(idx *kb.Index, e kb.Entity) []Duplicate {
	best := map[string]Duplicate{}
	for _, n := range e.Names() {
		for _, r := range idx.Search(n.Text, 5) {
			if r.ID == e.ID || r.Score < duplicateScore || !likeKinds(r.Kind, e.Kind) {
				continue
			}
			why := fmt.Sprintf("same name: %q", r.Matched)
			if r.Matched != n.Text {
				why = fmt.Sprintf("%q and %q: the same name spelled otherwise", n.Text, r.Matched)
			}
			if d, ok := best[r.ID]; !ok || r.Score > d.Score {
				best[r.ID] = Duplicate{ID: r.ID, Label: r.Label, Score: r.Score, Why: why}
			}
		}
	}
	out := make([]Duplicate, 0, len(best))
	for _, d := range best {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// withSuggestions adds the merges ingest suggested (same treaty named by
// place and year, and the like) to the duplicates found by name, first,
// resolving an entity since merged to its survivor and leaving out
// rejected ones and the entity itself.
func withSuggestions(ctx context.Context, st kb.Store, byName, suggested []Duplicate, self string) []Duplicate {
	out := []Duplicate{}
	seen := map[string]bool{self: true}
	for _, d := range suggested {
		e, err := kb.ResolveEntity(ctx, st, d.ID)
		if err != nil || seen[e.ID] || e.Status == kb.Rejected {
			continue
		}
		seen[e.ID] = true
		out = append(out, Duplicate{ID: e.ID, Label: e.Label("en"), Score: d.Score, Why: d.Why})
	}
	for _, d := range byName {
		if !seen[d.ID] {
			seen[d.ID] = true
			out = append(out, d)
		}
	}
	return out
}

// places are the kinds of place: a candidate read as a region may be a
// territory already known.
var places = map[kb.Kind]bool{kb.KindTerritory: true, kb.KindRegion: true, kb.KindCity: true, kb.KindPort: true,
	kb.KindRiver: true, kb.KindSea: true, kb.KindRange: true}

func likeKinds(a, b kb.Kind) bool { return a == b || places[a] && places[b] }

// ParsePoint reads a point given as "LON,LAT" (decimal degrees) into a
// GeoJSON geometry. EINVALID names what is wrong.
func ParsePoint(s string) (kb.Geometry, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 2 {
		return kb.Geometry{}, kb.Errorf(kb.EINVALID, "point %q: want LON,LAT in decimal degrees, e.g. 121.5,25.0", s)
	}
	lon, err1 := strconv.ParseFloat(strings.TrimSpace(parts[0]), 64)
	lat, err2 := strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
	if err1 != nil || err2 != nil {
		return kb.Geometry{}, kb.Errorf(kb.EINVALID, "point %q: want LON,LAT in decimal degrees, e.g. 121.5,25.0", s)
	}
	if !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90) { // NaN fails too
		return kb.Geometry{}, kb.Errorf(kb.EINVALID, "point %q: longitude must be within ±180 and latitude within ±90", s)
	}
	g, _ := json.Marshal(map[string]any{"type": "Point", "coordinates": []float64{lon, lat}})
	return kb.Geometry{GeoJSON: g, Approximate: true}, nil
}

// geoTypes are the GeoJSON geometry types a place may have.
var geoTypes = map[string]bool{"Point": true, "MultiPoint": true, "LineString": true, "MultiLineString": true,
	"Polygon": true, "MultiPolygon": true, "GeometryCollection": true}

// ParseShape reads a GeoJSON geometry, or a Feature or a one-feature
// FeatureCollection holding one, as a user gives a place by hand. The
// coordinates are checked to be positions within the globe. EINVALID names
// what is wrong.
func ParseShape(raw []byte) (kb.Geometry, error) {
	var obj struct {
		Type       string            `json:"type"`
		Geometry   json.RawMessage   `json:"geometry"`
		Features   []json.RawMessage `json:"features"`
		Geometries []json.RawMessage `json:"geometries"`
		Coords     json.RawMessage   `json:"coordinates"`
	}
	if err := json.Unmarshal(raw, &obj); err != nil {
		return kb.Geometry{}, kb.Errorf(kb.EINVALID, "GeoJSON: %v", err)
	}
	switch obj.Type {
	case "Feature":
		if len(obj.Geometry) == 0 || string(obj.Geometry) == "null" {
			return kb.Geometry{}, kb.Errorf(kb.EINVALID, "GeoJSON: the Feature has no geometry")
		}
		return ParseShape(obj.Geometry)
	case "FeatureCollection":
		if len(obj.Features) != 1 {
			return kb.Geometry{}, kb.Errorf(kb.EINVALID, "GeoJSON: a FeatureCollection of %d features; give one place's shape", len(obj.Features))
		}
		return ParseShape(obj.Features[0])
	case "GeometryCollection":
		for i, g := range obj.Geometries {
			if _, err := ParseShape(g); err != nil {
				return kb.Geometry{}, kb.Errorf(kb.EINVALID, "geometries[%d]: %v", i, err)
			}
		}
	default:
		if !geoTypes[obj.Type] {
			return kb.Geometry{}, kb.Errorf(kb.EINVALID, "GeoJSON: type %q is not a geometry (want Point, LineString, Polygon, MultiPolygon, ...)", obj.Type)
		}
		var coords any
		if err := json.Unmarshal(obj.Coords, &coords); err != nil || coords == nil {
			return kb.Geometry{}, kb.Errorf(kb.EINVALID, "GeoJSON %s: coordinates missing", obj.Type)
		}
		if err := checkPositions(coords, 0); err != nil {
			return kb.Geometry{}, kb.Errorf(kb.EINVALID, "GeoJSON %s: coordinates: %v", obj.Type, err)
		}
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		return kb.Geometry{}, kb.Errorf(kb.EINVALID, "GeoJSON: %v", err)
	}
	return kb.Geometry{GeoJSON: compact.Bytes(), Approximate: true}, nil
}

// checkPositions checks nested coordinate arrays down to positions of
// longitude and latitude.
func checkPositions(v any, depth int) error {
	if depth > 4 {
		return fmt.Errorf("nested too deep")
	}
	arr, ok := v.([]any)
	if !ok || len(arr) == 0 {
		return fmt.Errorf("want arrays of [lon, lat] positions")
	}
	if lon, ok := arr[0].(float64); ok {
		lat, ok2 := arr[1%len(arr)].(float64)
		if len(arr) < 2 || !ok2 {
			return fmt.Errorf("a position needs a longitude and a latitude")
		}
		if !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90) {
			return fmt.Errorf("position [%v, %v] is off the globe", lon, lat)
		}
		return nil
	}
	for _, x := range arr {
		if err := checkPositions(x, depth+1); err != nil {
			return err
		}
	}
	return nil
}
