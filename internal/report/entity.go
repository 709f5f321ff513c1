package report

import (
	"context"
	"encoding/json"
	"strings"

	"treatyline/kb"
	"treatyline/reconcile"
)

// Entity is an entity as show prints it: labels, aliases, every claim
// about it with its evidence, and for a treaty its provisions.
type Entity struct {
	ID          string            `json:"id"`
	Kind        kb.Kind           `json:"kind"`
	Labels      map[string]string `json:"labels"`
	Aliases     []string          `json:"aliases"`
	Description string            `json:"description"`
	Wikidata    string            `json:"wikidata,omitempty"`
	Geometry    *Geometry         `json:"geometry,omitempty"`
	Claims      []Claim           `json:"claims"`
	Status      kb.Status         `json:"status"`
	Confidence  float64           `json:"confidence,omitempty"`
	Note        string            `json:"note,omitempty"`
	// Evidence is where the entity was found named.
	Evidence []Evidence `json:"evidence,omitempty"`
	// ResolvedFrom is the id asked for when it was merged into this one.
	ResolvedFrom string `json:"resolved_from,omitempty"`
	// Provisions are a treaty's terms; absent for other kinds and for a
	// treaty without any.
	Provisions []Provision `json:"provisions,omitempty"`
	// Findings are the integrity findings that concern a treaty (a
	// successor dated to its predecessor's day, a ratification before the
	// signing): what check reports, shown with the treaty.
	Findings []reconcile.Finding `json:"findings,omitempty"`
}

// Geometry is an entity's place on the map: a GeoJSON geometry object,
// whether it is approximate, and how it was drawn.
type Geometry struct {
	GeoJSON     json.RawMessage `json:"geojson"`
	Approximate bool            `json:"approximate"`
	Note        string          `json:"note"`
}

// Show gives an entity with its claims and provisions (ENOTFOUND for an
// unknown id); an id merged into another gives that one.
func Show(ctx context.Context, st kb.Store, id string) (Entity, error) {
	e, err := kb.ResolveEntity(ctx, st, id)
	if err != nil {
		return Entity{}, err
	}
	claims, err := st.Claims(ctx, kb.ClaimFilter{Subject: e.ID})
	if err != nil {
		return Entity{}, err
	}
	out := Entity{ID: e.ID, Kind: e.Kind, Labels: e.Labels, Aliases: AliasTexts(e.Aliases), Description: e.Description,
		Wikidata: e.Wikidata, Geometry: FromGeometry(e.Geometry), Claims: Claims(claims),
		Status: e.Status, Confidence: e.Confidence, Note: e.Note}
	if len(e.Evidence) > 0 {
		out.Evidence = FromEvidence(e.Evidence)
	}
	if e.ID != id {
		out.ResolvedFrom = id
	}
	if e.Kind == kb.KindTreaty {
		provs, err := st.Provisions(ctx, e.ID)
		if err != nil {
			return Entity{}, err
		}
		if len(provs) > 0 {
			out.Provisions = Provisions(provs)
		}
		if out.Findings, err = treatyFindings(ctx, st, e.ID, claims); err != nil {
			return Entity{}, err
		}
	}
	return out, nil
}

// treatyFindings runs the integrity rules over a treaty's claims, the
// claims that name it, and the claims of the treaties and people they
// name, and keeps the findings that concern it.
func treatyFindings(ctx context.Context, st kb.Store, id string, own []kb.Claim) ([]reconcile.Finding, error) {
	naming, err := st.Claims(ctx, kb.ClaimFilter{Entity: id})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var all []kb.Claim
	add := func(cs []kb.Claim) {
		for _, c := range cs {
			if !seen[c.ID] && c.Status == kb.Accepted {
				seen[c.ID] = true
				all = append(all, c)
			}
		}
	}
	add(own)
	add(naming)
	related := map[string]bool{}
	for _, c := range append(append([]kb.Claim{}, own...), naming...) {
		for _, x := range []string{c.Subject, c.Value.Entity} {
			if x != "" && x != id {
				related[x] = true
			}
		}
	}
	for x := range related {
		cs, err := st.Claims(ctx, kb.ClaimFilter{Subject: x})
		if err != nil {
			return nil, err
		}
		add(cs)
	}
	var out []reconcile.Finding
	for _, f := range reconcile.Integrity(all) {
		if f.Subject == id || strings.Contains(f.Message, id) {
			out = append(out, f)
		}
	}
	return out, nil
}

// FromGeometry reports a geometry; nil for none.
func FromGeometry(g *kb.Geometry) *Geometry {
	if g == nil {
		return nil
	}
	return &Geometry{GeoJSON: json.RawMessage(g.GeoJSON), Approximate: g.Approximate, Note: g.Note}
}

// AliasTexts lists the texts of aliases; never nil.
func AliasTexts(as []kb.Alias) []string {
	out := make([]string, 0, len(as))
	for _, a := range as {
		out = append(out, a.Text)
	}
	return out
}

// Search finds entities by name, best first: at most limit results (0 for
// all), only of a kind when kind is not "". Never nil.
func Search(idx *kb.Index, text string, kind kb.Kind, limit int) []kb.SearchResult {
	n := limit
	if kind != "" {
		n = 0
	}
	out := []kb.SearchResult{}
	for _, r := range idx.Search(text, n) {
		if kind != "" && r.Kind != kind {
			continue
		}
		if limit > 0 && len(out) == limit {
			break
		}
		out = append(out, r)
	}
	return out
}

// ParseKind reads an entity kind ("" for any); EINVALID names the kinds.
func ParseKind(s string) (kb.Kind, error) {
	k := kb.Kind(s)
	if s == "" || kb.ValidKind(k) {
		return k, nil
	}
	names := make([]string, len(kb.Kinds))
	for i, k := range kb.Kinds {
		names[i] = string(k)
	}
	return "", kb.Errorf(kb.EINVALID, "%v", kb.UnknownTerm("kind", s, names))
}
