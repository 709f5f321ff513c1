// Package records holds what the stores share in how they keep records:
// the digest that tells a new version from the same content again, and
// the JSON form of an entity's state in its history.
package records

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"time"

	"treatyline/kb"
)

// ClaimDigest identifies a claim's content: what it says and its review
// state, not who recorded it when, nor the version, decided flag and
// record time a store read it with. No evidence is no evidence, whether
// nil or empty.
func ClaimDigest(c kb.Claim) (string, error) {
	c.RecordedAt, c.RecordedBy = time.Time{}, ""
	c.Version, c.Decided, c.StoredAt = 0, false, time.Time{}
	if len(c.Evidence) == 0 {
		c.Evidence = nil
	}
	return digestOf(c)
}

// ProvisionDigest identifies a provision's content, as ClaimDigest a
// claim's.
func ProvisionDigest(p kb.Provision) (string, error) {
	p.RecordedBy, p.Version, p.Decided, p.StoredAt = "", 0, false, time.Time{}
	if len(p.Evidence) == 0 {
		p.Evidence = nil
	}
	return digestOf(p)
}

// digestOf hashes a record's JSON (json.Marshal's bytes), which is
// canonical enough here: encoding/json writes struct fields in order and
// map keys sorted. The JSON is written into the hash as it is made, not
// gathered in a slice first (a store writes a digest a record).
func digestOf(v any) (string, error) {
	h := sha256.New()
	if err := json.NewEncoder(lineHash{h}).Encode(v); err != nil {
		return "", fmt.Errorf("digest: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// lineHash hashes what an Encoder writes but the newline that ends it:
// json.Marshal's bytes.
type lineHash struct{ h hash.Hash }

func (w lineHash) Write(p []byte) (int, error) {
	w.h.Write(bytes.TrimSuffix(p, []byte{'\n'}))
	return len(p), nil
}

// Entity is an entity's state as a store's entity history keeps it, in
// JSON: every field of kb.Entity but its id, the GeoJSON kept as a string,
// byte for byte.
type Entity struct {
	Kind         kb.Kind           `json:"kind"`
	Labels       map[string]string `json:"labels"`
	Aliases      []kb.Alias        `json:"aliases"`
	Description  string            `json:"description"`
	Wikidata     string            `json:"wikidata"`
	GeoJSON      *string           `json:"geojson"`
	Approximate  bool              `json:"approximate"`
	GeometryNote string            `json:"geometry_note"`
	Status       kb.Status         `json:"status"`
	Confidence   float64           `json:"confidence"`
	Evidence     []kb.Evidence     `json:"evidence"`
	Note         string            `json:"note"`
	MergedInto   string            `json:"merged_into"`
}

// FromEntity gives an entity's state. An entity without a status is
// accepted, as the stores keep it.
func FromEntity(e kb.Entity) Entity {
	r := Entity{Kind: e.Kind, Labels: e.Labels, Aliases: e.Aliases, Description: e.Description, Wikidata: e.Wikidata,
		Status: e.Status, Confidence: e.Confidence, Evidence: e.Evidence, Note: e.Note, MergedInto: e.MergedInto}
	if r.Labels == nil {
		r.Labels = map[string]string{}
	}
	if r.Aliases == nil {
		r.Aliases = []kb.Alias{}
	}
	if r.Evidence == nil {
		r.Evidence = []kb.Evidence{}
	}
	if r.Status == "" {
		r.Status = kb.Accepted
	}
	if g := e.Geometry; g != nil {
		s := string(g.GeoJSON)
		r.GeoJSON, r.Approximate, r.GeometryNote = &s, g.Approximate, g.Note
	}
	return r
}

// Entity gives the entity of a state.
func (r Entity) Entity(id string) kb.Entity {
	e := kb.Entity{ID: id, Kind: r.Kind, Labels: r.Labels, Aliases: r.Aliases, Description: r.Description, Wikidata: r.Wikidata,
		Status: r.Status, Confidence: r.Confidence, Evidence: r.Evidence, Note: r.Note, MergedInto: r.MergedInto}
	if r.GeoJSON != nil {
		e.Geometry = &kb.Geometry{GeoJSON: []byte(*r.GeoJSON), Approximate: r.Approximate, Note: r.GeometryNote}
	}
	return e
}

// Same reports whether two JSON texts of an entity state hold the same
// value, whatever their spacing and key order.
func Same(a, b string) bool {
	if a == b {
		return true
	}
	var x, y Entity
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	return string(xa) == string(yb)
}

// Mode says how a version of a claim or a provision is written.
type Mode int

const (
	// Propose: ingest or the bundle, which never replaces a reviewer's
	// decision and records nothing for the same content again.
	Propose Mode = iota
	// Decide: a reviewer's decision, always appended, decided.
	Decide
	// Rewrite: a version a curator's decision on an entity makes (a
	// merge's new reference), always appended, decided as the current
	// version was, so that a decision it carries stays one.
	Rewrite
)

// Next tells whether a version is written in mode m over the current one
// (found: there is one; wasDecided: it is a decision; same: it has the
// new version's digest), and whether the new version is a decision. This
// is the rule by which no ingest or bundle undoes a reviewer's decision.
func Next(m Mode, found, wasDecided, same bool) (write, decided bool) {
	if found && m == Propose && (wasDecided || same) {
		return false, false
	}
	return true, m == Decide || m == Rewrite && wasDecided
}
