// Package kb is treatyline's domain: sources, entities, claims with their
// evidence, treaty provisions and lifecycle events. It knows nothing of
// storage or HTTP; stores implement Store, and the curated knowledge base
// that ships with the binary is read by Load.
//
// Every statement is a Claim tied to the words of a Source by Evidence: a
// W3C Web Annotation quote selector (exact text with prefix and suffix) and
// position selector (start and end in Unicode code points). Sources are
// immutable: a changed text is a new source.
package kb

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// Source is an immutable document.
type Source struct {
	ID       string    `json:"id"`
	Title    string    `json:"title,omitempty"`
	Language string    `json:"language,omitempty"`
	Origin   string    `json:"origin,omitempty"` // where it came from: a file name, a URL, "corpus"
	SHA256   string    `json:"sha256"`
	Text     string    `json:"text,omitempty"` // empty when only the metadata is known
	Added    time.Time `json:"added,omitempty"`
}

// HashText gives the hex SHA-256 of a text, as Source.SHA256 holds it.
func HashText(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// Kind is what an entity is.
type Kind string

// The kinds of entity.
const (
	KindTreaty    Kind = "treaty"
	KindPolity    Kind = "polity"
	KindPerson    Kind = "person"
	KindTerritory Kind = "territory"
	KindRiver     Kind = "river"
	KindCity      Kind = "city"
	KindPort      Kind = "port"
	KindRegion    Kind = "region"
	KindEvent     Kind = "event"
	KindRange     Kind = "range" // a mountain range
	KindSea       Kind = "sea"
)

// Kinds lists every kind, for validation and documentation.
var Kinds = []Kind{KindTreaty, KindPolity, KindPerson, KindTerritory, KindRiver, KindCity, KindPort, KindRegion, KindEvent, KindRange, KindSea}

// ValidKind reports whether k is a known kind.
func ValidKind(k Kind) bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Alias is another name of an entity: a transliteration, a script, a
// historical or vernacular name.
type Alias struct {
	Text string `json:"text"`
	Lang string `json:"lang,omitempty"`
	// Script is the form's ISO 15924 script ("Latn", "Cyrl", "Hani",
	// "Jpan"), when it is not the usual one of Lang.
	Script string `json:"script,omitempty"`
}

// Geometry is an entity's place on the map: GeoJSON geometry, and whether
// it is approximate, with a note of how it was drawn.
type Geometry struct {
	GeoJSON     []byte `json:"geojson"` // a GeoJSON geometry object
	Approximate bool   `json:"approximate"`
	Note        string `json:"note,omitempty"`
}

// Entity is a treaty, polity, person, place or event.
type Entity struct {
	ID          string            `json:"id"` // stable: "treaty/aigun-1858"
	Kind        Kind              `json:"kind"`
	Labels      map[string]string `json:"labels"` // by language
	Aliases     []Alias           `json:"aliases,omitempty"`
	Description string            `json:"description,omitempty"`
	Wikidata    string            `json:"wikidata,omitempty"` // a Q-id, when known
	Geometry    *Geometry         `json:"geometry,omitempty"`

	// Status is the entity's review state, as a claim's: the curated
	// knowledge base's entities are accepted; those ingest discovers in
	// text are candidates until reviewed. Stores write "" as accepted.
	Status Status `json:"status,omitempty"`
	// Confidence is how sure ingest is that a candidate names an entity of
	// its kind (0 to 1; 0 when not given).
	Confidence float64 `json:"confidence,omitempty"`
	// Evidence is where the entity was found named.
	Evidence []Evidence `json:"evidence,omitempty"`
	// Note says why a candidate was proposed, or what a reviewer decided.
	Note string `json:"note,omitempty"`
	// MergedInto is the entity this one was merged into: its id resolves
	// to that one (see ResolveEntity). Set only by a merge decision.
	MergedInto string `json:"merged_into,omitempty"`
}

// Label gives the entity's label in a language, falling back to English
// and then to any label.
func (e Entity) Label(lang string) string {
	if l, ok := e.Labels[lang]; ok {
		return l
	}
	if l, ok := e.Labels["en"]; ok {
		return l
	}
	for _, l := range e.Labels {
		return l
	}
	return e.ID
}

// Names lists every label and alias of the entity.
func (e Entity) Names() []Alias {
	out := make([]Alias, 0, len(e.Labels)+len(e.Aliases))
	for lang, l := range e.Labels {
		out = append(out, Alias{Text: l, Lang: lang})
	}
	return append(out, e.Aliases...)
}

// TextQuoteSelector locates evidence by its words (W3C Web Annotation).
type TextQuoteSelector struct {
	Exact  string `json:"exact"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

// TextPositionSelector locates evidence by code-point offsets (W3C Web
// Annotation).
type TextPositionSelector struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Evidence is the span of a source that states a claim.
type Evidence struct {
	Source   string               `json:"source"`
	SHA256   string               `json:"sha256"` // of the source text the selectors were made on
	Quote    TextQuoteSelector    `json:"quote"`
	Position TextPositionSelector `json:"position"`
}

// Status is a claim's review state.
type Status string

// Review states.
const (
	Candidate Status = "candidate"
	Accepted  Status = "accepted"
	Rejected  Status = "rejected"
)

// Rank orders claims on the same subject and property, as Wikidata does.
type Rank string

// Ranks.
const (
	Preferred  Rank = "preferred"
	Normal     Rank = "normal"
	Deprecated Rank = "deprecated"
)

// Claim is one statement about an entity, backed by evidence.
type Claim struct {
	ID         string           `json:"id"`
	Subject    string           `json:"subject"`
	Property   string           `json:"property"`
	Value      Value            `json:"value"`
	Qualifiers map[string]Value `json:"qualifiers,omitempty"`
	Evidence   []Evidence       `json:"evidence"`
	Status     Status           `json:"status"`
	Rank       Rank             `json:"rank"`
	Note       string           `json:"note,omitempty"`
	// Confidence is how sure ingest is of a candidate (0 to 1; 0 when not
	// given), for review --accept-all --min-confidence.
	Confidence float64   `json:"confidence,omitempty"`
	RecordedAt time.Time `json:"recorded_at"`
	RecordedBy string    `json:"recorded_by"`
	// Version is the number of this version in the claim's history (1 for
	// the first), as a store gives it on reading; a store ignores it on
	// writing. A reviewer's decision names it as Decision.Expect.
	Version int `json:"version,omitempty"`
	// Decided says that this version is a reviewer's decision (written by
	// Store.Decide or Store.SetStatus), which Apply never replaces. A store
	// fills it in on reading and ignores it on writing.
	Decided bool `json:"decided,omitempty"`
	// StoredAt is when the store recorded this version, by its own clock:
	// the record time that Store.AsRecorded asks by. A store fills it in
	// on reading and ignores it on writing.
	StoredAt time.Time `json:"stored_at,omitzero"`
}

// Provision is a typed, machine-executable term of a treaty.
type Provision struct {
	ID        string     `json:"id"`
	Treaty    string     `json:"treaty"`
	Type      string     `json:"type"` // see ProvisionTypes
	Article   string     `json:"article,omitempty"`
	Grantors  []string   `json:"grantors,omitempty"` // entity ids: who grants or cedes
	Grantees  []string   `json:"grantees,omitempty"` // who receives
	Objects   []string   `json:"objects,omitempty"`  // territories, rivers, ports, cities concerned
	Excludes  []string   `json:"excludes,omitempty"` // parties excluded (third countries)
	Limits    string     `json:"limits,omitempty"`   // limits in words: "pending a future settlement"
	Amount    *Value     `json:"amount,omitempty"`   // an indemnity, an area
	Evidence  []Evidence `json:"evidence"`
	Status    Status     `json:"status"`
	Rank      Rank       `json:"rank"`
	Note      string     `json:"note,omitempty"`
	Exclusive bool       `json:"exclusive,omitempty"` // the right is the grantees' alone
	// Confidence is how sure ingest is of a candidate (0 to 1; 0 when not
	// given).
	Confidence float64 `json:"confidence,omitempty"`
	// RecordedBy is who recorded this version: a reviewer's decision
	// names the reviewer.
	RecordedBy string `json:"recorded_by,omitempty"`
	// Version, Decided and StoredAt are as for Claim: filled in by a store
	// on reading, ignored on writing.
	Version  int       `json:"version,omitempty"`
	Decided  bool      `json:"decided,omitempty"`
	StoredAt time.Time `json:"stored_at,omitzero"`
}

// Validate checks a claim's own fields against the vocabulary; references
// to other entities are checked by the knowledge base that holds it.
func (c Claim) Validate() error {
	if c.Subject == "" {
		return fmt.Errorf("claim has no subject")
	}
	p, ok := Properties[c.Property]
	if !ok {
		return fmt.Errorf("unknown property %q", c.Property)
	}
	if !p.accepts(c.Value.Type) {
		return fmt.Errorf("property %q takes %s values, not %s", c.Property, p.ValueTypes, c.Value.Type)
	}
	if err := c.Value.Validate(); err != nil {
		return fmt.Errorf("value: %w", err)
	}
	for q, v := range c.Qualifiers {
		qp, ok := Qualifiers[q]
		if !ok {
			return fmt.Errorf("unknown qualifier %q", q)
		}
		if !qp.accepts(v.Type) {
			return fmt.Errorf("qualifier %q takes %s values, not %s", q, qp.ValueTypes, v.Type)
		}
		if err := v.Validate(); err != nil {
			return fmt.Errorf("qualifier %q: %w", q, err)
		}
	}
	if err := validStatusRank(c.Status, c.Rank); err != nil {
		return err
	}
	if err := validConfidence(c.Confidence); err != nil {
		return err
	}
	if len(c.Evidence) == 0 && c.Status == Accepted {
		return fmt.Errorf("an accepted claim needs evidence")
	}
	return nil
}

func validStatusRank(s Status, r Rank) error {
	switch s {
	case Candidate, Accepted, Rejected:
	default:
		return fmt.Errorf("unknown status %q (want candidate, accepted or rejected)", s)
	}
	switch r {
	case Preferred, Normal, Deprecated:
	default:
		return fmt.Errorf("unknown rank %q (want preferred, normal or deprecated)", r)
	}
	return nil
}

// Validate checks a provision's own fields.
func (p Provision) Validate() error {
	if p.ID == "" || p.Treaty == "" {
		return fmt.Errorf("provision needs an id and a treaty")
	}
	if _, ok := ProvisionTypes[p.Type]; !ok {
		return fmt.Errorf("unknown provision type %q", p.Type)
	}
	if len(p.Evidence) == 0 {
		return fmt.Errorf("provision %s has no evidence", p.ID)
	}
	if err := validConfidence(p.Confidence); err != nil {
		return err
	}
	return validStatusRank(p.Status, p.Rank)
}

// validConfidence checks that a confidence is a number from 0 to 1.
func validConfidence(c float64) error {
	if !(c >= 0 && c <= 1) { // NaN fails too
		return fmt.Errorf("confidence: %v is not between 0 and 1", c)
	}
	return nil
}
