package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"treatyline/engine"
	"treatyline/histdate"
	"treatyline/kb"
)

// This file is the OpenRefine reconciliation service (Reconciliation
// Service API 0.2) at /api/v1/reconcile: the manifest on GET, queries and
// data extension POSTed (form-encoded queries= or extend= as OpenRefine
// sends them, or a JSON body), preview, suggest for entities, types and
// properties, and property proposals. It only reads. See
// docs/reconcile-api.md.

// Bounds on a request's work.
const (
	maxReconcileBody    = 1 << 20
	maxReconcileQueries = 500
	maxReconcileLimit   = 100
	maxExtendIDs        = 1000
)

// reconcileType is a type of the service: one or several kinds of entity.
type reconcileType struct {
	ID, Name, Description string
	Kinds                 []kb.Kind
}

var reconcileTypes = []reconcileType{
	{"treaty", "Treaty", "a treaty, convention or agreement", []kb.Kind{kb.KindTreaty}},
	{"polity", "Polity", "a state, empire or other polity", []kb.Kind{kb.KindPolity}},
	{"person", "Person", "a person: a negotiator, signatory, ruler", []kb.Kind{kb.KindPerson}},
	{"place", "Place", "a territory, city, port, river, region, mountain range or sea",
		[]kb.Kind{kb.KindTerritory, kb.KindCity, kb.KindPort, kb.KindRiver, kb.KindRegion, kb.KindRange, kb.KindSea}},
}

func typeOfKind(k kb.Kind) reconcileType {
	for _, t := range reconcileTypes {
		for _, x := range t.Kinds {
			if x == k {
				return t
			}
		}
	}
	return reconcileType{ID: string(k), Name: string(k)}
}

// reconcileProperty is a property a query can match on, or an extension
// can fetch.
type reconcileProperty struct {
	ID, Name, Description string
	Types                 []string // the types that have it
	Match                 bool     // usable in reconciliation queries
}

var reconcileProperties = []reconcileProperty{
	{"signed", "signing date", "when the treaty was signed; in a query, a year or a date it must fall on", []string{"treaty"}, true},
	{"party", "parties", "the polities bound by the treaty; in a query, a name or id", []string{"treaty"}, true},
	{"holder", "holder", "who held the territory; in a query, a name or id of a holder at any time; in an extension, on the day of the setting 'on' (else the last holder)", []string{"place"}, true},
	{"wikidata", "Wikidata item", "the entity's Wikidata Q-id", []string{"treaty", "polity", "person", "place"}, true},
	{"kind", "kind", "the kind of entity: treaty, polity, person, territory, city, port, river, region, range, sea", []string{"treaty", "polity", "person", "place"}, false},
}

func findProperty(id string) (reconcileProperty, bool) {
	for _, p := range reconcileProperties {
		if p.ID == id {
			return p, true
		}
	}
	return reconcileProperty{}, false
}

// serviceBase gives the URL the service is reached at, for the manifest's
// links.
func serviceBase(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/api/v1/reconcile"
}

// reconcile answers /api/v1/reconcile: the manifest, or queries or an
// extension given as parameters or in the body.
func (s *Server) reconcile(w http.ResponseWriter, r *http.Request) {
	queries, extend, err := reconcileInput(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	switch {
	case queries != nil:
		v, err := s.reconcileQueries(r, queries)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.ok(w, r, v)
	case extend != nil:
		v, err := s.extendData(r, extend)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.ok(w, r, v)
	case r.Method == http.MethodGet || r.Method == http.MethodHead:
		s.ok(w, r, s.manifest(r))
	default:
		s.fail(w, r, invalid("body: want queries= or extend= (form-encoded), or a JSON query batch or extension query"))
	}
}

// reconcileInput finds the queries or the extension query of a request:
// the parameters queries= or extend= (in the URL or a form body), or a
// JSON body that is a query batch or, with ids and properties, an
// extension query.
func reconcileInput(w http.ResponseWriter, r *http.Request) (queries, extend []byte, err error) {
	q := r.URL.Query()
	if r.Method == http.MethodPost {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxReconcileBody))
		if err != nil {
			return nil, nil, errorf(http.StatusRequestEntityTooLarge, "ETOOLARGE", "body: more than %d bytes", maxReconcileBody)
		}
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		switch ct {
		case "application/json":
			var probe map[string]json.RawMessage
			if err := json.Unmarshal(body, &probe); err != nil {
				return nil, nil, invalid("body: malformed JSON: %v", err)
			}
			if ids, ok := probe["ids"]; ok && bytes.HasPrefix(bytes.TrimSpace(ids), []byte("[")) {
				return nil, body, nil
			}
			return body, nil, nil
		case "application/x-www-form-urlencoded", "":
			form, err := url.ParseQuery(string(body))
			if err != nil {
				return nil, nil, invalid("body: malformed form: %v", err)
			}
			for k, v := range form {
				q[k] = v
			}
		default:
			return nil, nil, errorf(http.StatusUnsupportedMediaType, "EINVALID", "Content-Type %q: want application/x-www-form-urlencoded or application/json", ct)
		}
	}
	if _, has := q["queries"]; has {
		return []byte(q.Get("queries")), nil, nil
	}
	if _, has := q["extend"]; has {
		return nil, []byte(q.Get("extend")), nil
	}
	return nil, nil, nil
}

// manifest describes the service (manifest.json of the spec).
func (s *Server) manifest(r *http.Request) map[string]any {
	base := serviceBase(r)
	host := strings.TrimSuffix(base, "/api/v1/reconcile")
	var types []map[string]string
	for _, t := range reconcileTypes {
		types = append(types, map[string]string{"id": t.ID, "name": t.Name})
	}
	svc := func(path string) map[string]string {
		return map[string]string{"service_url": base, "service_path": path}
	}
	return map[string]any{
		"versions":        []string{"0.2"},
		"name":            "treatyline",
		"identifierSpace": "urn:treatyline:",
		"schemaSpace":     "urn:treatyline:vocab/",
		"documentation":   "https://github.com/treatyline/treatyline/blob/main/docs/reconcile-api.md",
		"view":            map[string]string{"url": host + "/api/v1/entities/{{id}}"},
		"preview":         map[string]any{"url": base + "/preview?id={{id}}", "width": 400, "height": 200},
		"defaultTypes":    types,
		"suggest":         map[string]any{"entity": svc("/suggest/entity"), "type": svc("/suggest/type"), "property": svc("/suggest/property")},
		"extend": map[string]any{
			"propose_properties": svc("/properties"),
			"property_settings": []map[string]any{{"type": "text", "name": "on", "label": "On (date)", "default": "",
				"help_text": "for holder: the day, in any form treatyline date reads (1859-01-01, 1 januari 1859)"}},
		},
	}
}

// query is one reconciliation query.
type query struct {
	Query      string          `json:"query"`
	Type       json.RawMessage `json:"type"`
	Limit      *float64        `json:"limit"`
	Properties []queryProperty `json:"properties"`
	TypeStrict string          `json:"type_strict"`
}

type queryProperty struct {
	PID string          `json:"pid"`
	V   json.RawMessage `json:"v"`
}

// decodeStrict decodes one JSON value, refusing unknown fields.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("more than one JSON value")
	}
	return nil
}

// candidate is one entity proposed for a query.
type candidate struct {
	ID          string           `json:"id"`
	Name        string           `json:"name"`
	Description string           `json:"description,omitempty"`
	Score       float64          `json:"score"`
	Match       bool             `json:"match"`
	Type        []map[string]any `json:"type"`
	Features    []map[string]any `json:"features"`
}

// reconcileQueries answers a query batch: for each query, the candidates
// best first. A name scores by kb's index (any language or script,
// transliterations); each property given is a feature that adds to the
// score when it holds and takes from it when it does not.
func (s *Server) reconcileQueries(r *http.Request, body []byte) (any, error) {
	var batch map[string]json.RawMessage
	if err := json.Unmarshal(body, &batch); err != nil {
		return nil, invalid("queries: malformed JSON: %v", err)
	}
	if batch == nil {
		return nil, invalid("queries: want a JSON object of queries by key")
	}
	if len(batch) > maxReconcileQueries {
		return nil, invalid("queries: %d queries, at most %d in a batch", len(batch), maxReconcileQueries)
	}
	keys := make([]string, 0, len(batch))
	qs := map[string]query{}
	for k, raw := range batch {
		var q query
		if err := decodeStrict(raw, &q); err != nil {
			return nil, invalid("queries: %s: %v", k, err)
		}
		if strings.TrimSpace(q.Query) == "" && len(q.Properties) == 0 {
			return nil, invalid("queries: %s: want a query or properties", k)
		}
		switch q.TypeStrict {
		case "", "any", "should", "all":
		default:
			return nil, invalid("queries: %s: type_strict: %q (want any, should or all)", k, q.TypeStrict)
		}
		if q.Limit != nil && (*q.Limit < 1 || *q.Limit != float64(int(*q.Limit))) {
			return nil, invalid("queries: %s: limit: want a whole number from 1", k)
		}
		for i, p := range q.Properties {
			if _, ok := findProperty(p.PID); !ok || !mustProperty(p.PID).Match {
				return nil, invalid("queries: %s: properties[%d].pid: unknown property %q (want signed, party, holder or wikidata)", k, i, p.PID)
			}
			if len(p.V) == 0 {
				return nil, invalid("queries: %s: properties[%d].v: missing", k, i)
			}
		}
		if _, err := queryTypes(q.Type); err != nil {
			return nil, invalid("queries: %s: %v", k, err)
		}
		keys = append(keys, k)
		qs[k] = q
	}
	sort.Strings(keys)
	snap, err := s.current(r.Context())
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	for _, k := range keys {
		if err := r.Context().Err(); err != nil {
			return nil, err
		}
		res, err := s.answer(r, snap, qs[k])
		if err != nil {
			return nil, err
		}
		out[k] = map[string]any{"result": res}
	}
	return out, nil
}

func mustProperty(id string) reconcileProperty { p, _ := findProperty(id); return p }

// queryTypes reads a query's type: one id or a list; nil for any.
func queryTypes(raw json.RawMessage) (map[kb.Kind]bool, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var ids []string
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		ids = []string{one}
	} else if err := json.Unmarshal(raw, &ids); err != nil {
		return nil, fmt.Errorf("type: want a type id or a list of them")
	}
	kinds := map[kb.Kind]bool{}
	for _, id := range ids {
		found := false
		for _, t := range reconcileTypes {
			if t.ID == id {
				found = true
				for _, k := range t.Kinds {
					kinds[k] = true
				}
			}
		}
		if !found {
			return nil, fmt.Errorf("type: unknown type %q (want treaty, polity, person or place)", id)
		}
	}
	return kinds, nil
}

// propertyValues reads a property's value or values as strings: text, a
// number, or an entity given by id.
func propertyValues(raw json.RawMessage) ([]string, error) {
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		list = []json.RawMessage{raw}
	}
	var out []string
	for _, v := range list {
		var s string
		var f float64
		var b bool
		var ref struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		}
		switch {
		case json.Unmarshal(v, &s) == nil:
			out = append(out, s)
		case json.Unmarshal(v, &f) == nil:
			out = append(out, strconv.FormatFloat(f, 'f', -1, 64))
		case json.Unmarshal(v, &b) == nil:
			out = append(out, strconv.FormatBool(b))
		case json.Unmarshal(v, &ref) == nil && ref.ID != "":
			out = append(out, ref.ID)
		default:
			return nil, fmt.Errorf("want text, a number, true or false, or {\"id\": …}")
		}
	}
	return out, nil
}

func (s *Server) answer(r *http.Request, snap *snapshot, q query) ([]candidate, error) {
	kinds, _ := queryTypes(q.Type)
	limit := 5
	if q.Limit != nil {
		limit = min(int(*q.Limit), maxReconcileLimit)
	}
	byID := map[string]*kb.Entity{}
	for i := range snap.entities {
		byID[snap.entities[i].ID] = &snap.entities[i]
	}
	type scored struct {
		e    *kb.Entity
		name float64
	}
	var pool []scored
	if strings.TrimSpace(q.Query) != "" {
		for _, res := range snap.nameIndex().Search(q.Query, 0) {
			if kinds != nil && !kinds[res.Kind] {
				continue
			}
			pool = append(pool, scored{byID[res.ID], res.Score})
		}
	} else {
		for i := range snap.entities {
			if kinds == nil || kinds[snap.entities[i].Kind] {
				pool = append(pool, scored{&snap.entities[i], 0})
			}
		}
	}
	// Each property's values, read once; names resolved to the entities
	// that bear them.
	wanted := make([]want, len(q.Properties))
	for i, prop := range q.Properties {
		vals, err := propertyValues(prop.V)
		if err != nil {
			return nil, invalid("properties: %s: v: %v", prop.PID, err)
		}
		wanted[i] = want{values: vals, ids: named(snap, vals)}
	}
	var out []candidate
	for _, p := range pool {
		if err := r.Context().Err(); err != nil {
			return nil, err
		}
		c := candidate{ID: p.e.ID, Name: p.e.Label("en"), Description: p.e.Description,
			Type: []map[string]any{{"id": typeOfKind(p.e.Kind).ID, "name": typeOfKind(p.e.Kind).Name}}}
		total, weight := 0.0, 0.0
		if strings.TrimSpace(q.Query) != "" {
			c.Features = append(c.Features, map[string]any{"id": "name", "value": p.name})
			total, weight = p.name, 1
		}
		for i, prop := range q.Properties {
			ok, err := s.propertyHolds(r, snap, p.e, prop.PID, wanted[i])
			if err != nil {
				return nil, err
			}
			c.Features = append(c.Features, map[string]any{"id": prop.PID, "value": ok})
			if ok {
				total++
			}
			weight++
		}
		if weight > 0 {
			c.Score = float64(int(1000*total/weight+0.5)) / 10
		}
		if len(q.Properties) > 0 && strings.TrimSpace(q.Query) == "" && c.Score == 0 {
			continue // a search by properties alone lists what fits
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	if len(out) > limit {
		out = out[:limit]
	}
	// A match: the best candidate scores full marks and no other does.
	if len(out) > 0 && out[0].Score >= 95 && (len(out) == 1 || out[1].Score < out[0].Score) {
		out[0].Match = true
	}
	if out == nil {
		out = []candidate{}
	}
	return out, nil
}

// want is what a query's property asks for: the values as given, and
// the entities they name (by id or by any name).
type want struct {
	values []string
	ids    map[string]bool
}

// named gives the ids of the entities that are, or bear the name of, one
// of the values (any label or alias, as kb folds names).
func named(snap *snapshot, vals []string) map[string]bool {
	ids := map[string]bool{}
	norms := map[string]bool{}
	for _, v := range vals {
		ids[v] = true
		if n := kb.NormalName(v); n != "" {
			norms[n] = true
		}
	}
	for _, e := range snap.entities {
		for _, n := range e.Names() {
			if norms[kb.NormalName(n.Text)] {
				ids[e.ID] = true
				break
			}
		}
	}
	return ids
}

// propertyHolds reports whether an entity has a property with one of the
// values asked for.
func (s *Server) propertyHolds(r *http.Request, snap *snapshot, e *kb.Entity, pid string, w want) (bool, error) {
	vals := w.values
	switch pid {
	case "wikidata":
		for _, v := range vals {
			if e.Wikidata != "" && strings.EqualFold(strings.TrimPrefix(v, "wd:"), e.Wikidata) {
				return true, nil
			}
		}
		return false, nil
	}
	prop := map[string]string{"signed": "signed", "party": "party", "holder": "held_by"}[pid]
	claims, err := s.store.Claims(r.Context(), kb.ClaimFilter{Subject: e.ID, Property: prop})
	if err != nil {
		return false, err
	}
	for _, c := range claims {
		if c.Status == kb.Rejected || c.Rank == kb.Deprecated {
			continue
		}
		if pid != "signed" {
			if c.Value.Entity != "" && w.ids[c.Value.Entity] {
				return true, nil
			}
			continue
		}
		for _, v := range vals {
			if dateFits(c.Value, v) {
				return true, nil
			}
		}
	}
	if pid == "holder" && snap.eng != nil {
		// Holders the provisions give.
		if hist, err := snap.eng.TerritoryHistory(e.ID, engineConsensus); err == nil {
			for _, h := range hist {
				for _, holder := range h.Holders {
					if w.ids[holder] {
						return true, nil
					}
				}
			}
		}
	}
	return false, nil
}

// dateFits reports whether a date claim can fall on the day, month or
// year a user gives.
func dateFits(v kb.Value, given string) bool {
	d, err := v.Date()
	if err != nil {
		return false
	}
	g, err := histdate.Parse(given, histdate.Options{})
	if err != nil {
		return false
	}
	return d.Earliest() <= g.Latest() && g.Earliest() <= d.Latest()
}

// preview answers GET /reconcile/preview?id=: a small HTML page of the
// entity.
func (s *Server) reconcilePreview(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	if id == "" {
		s.fail(w, r, invalid("id: missing (e.g. id=treaty/aigun-1858)"))
		return
	}
	e, err := s.store.Entity(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
	b.WriteString(html.EscapeString(e.Label("en")))
	b.WriteString("</title></head><body>\n<h1>")
	b.WriteString(html.EscapeString(e.Label("en")))
	fmt.Fprintf(&b, "</h1>\n<p>%s · <code>%s</code></p>\n", html.EscapeString(typeOfKind(e.Kind).Name), html.EscapeString(e.ID))
	if e.Description != "" {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(e.Description))
	}
	var names []string
	for _, n := range e.Names() {
		s := html.EscapeString(n.Text)
		if n.Lang != "" {
			s = fmt.Sprintf(`<span lang="%s">%s</span>`, html.EscapeString(n.Lang), s)
		}
		names = append(names, s)
	}
	sort.Strings(names)
	fmt.Fprintf(&b, "<p>%s</p>\n</body></html>\n", strings.Join(names, " · "))
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	io.WriteString(w, b.String())
}

// suggest answers GET /reconcile/suggest/{entity,type,property}?prefix=.
func (s *Server) reconcileSuggest(r *http.Request) (any, error) {
	prefix := strings.TrimSpace(r.URL.Query().Get("prefix"))
	if prefix == "" {
		return nil, invalid("prefix: missing (e.g. prefix=Aig)")
	}
	want := kb.NormalName(prefix)
	var result []map[string]any
	switch r.PathValue("kind") {
	case "entity":
		snap, err := s.current(r.Context())
		if err != nil {
			return nil, err
		}
		kinds, err := queryTypes(jsonOrNil(r.URL.Query().Get("type")))
		if err != nil {
			return nil, invalid("%v", err)
		}
		seen := map[string]bool{}
		add := func(e *kb.Entity) {
			if seen[e.ID] || len(result) >= 20 || (kinds != nil && !kinds[e.Kind]) {
				return
			}
			seen[e.ID] = true
			t := typeOfKind(e.Kind)
			m := map[string]any{"id": e.ID, "name": e.Label("en"), "notable": []map[string]string{{"id": t.ID, "name": t.Name}}}
			if e.Description != "" {
				m["description"] = e.Description
			}
			result = append(result, m)
		}
		for i := range snap.entities {
			e := &snap.entities[i]
			for _, n := range e.Names() {
				if nn := kb.NormalName(n.Text); strings.HasPrefix(nn, want) || strings.Contains(nn, " "+want) {
					add(e)
					break
				}
			}
		}
		byID := map[string]*kb.Entity{}
		for i := range snap.entities {
			byID[snap.entities[i].ID] = &snap.entities[i]
		}
		for _, res := range snap.nameIndex().Search(prefix, 20) {
			add(byID[res.ID])
		}
	case "type":
		for _, t := range reconcileTypes {
			if strings.HasPrefix(kb.NormalName(t.Name), want) || strings.HasPrefix(t.ID, want) {
				result = append(result, map[string]any{"id": t.ID, "name": t.Name, "description": t.Description})
			}
		}
	case "property":
		for _, p := range reconcileProperties {
			if strings.HasPrefix(kb.NormalName(p.Name), want) || strings.HasPrefix(p.ID, want) {
				result = append(result, map[string]any{"id": p.ID, "name": p.Name, "description": p.Description})
			}
		}
	default:
		return nil, errorf(http.StatusNotFound, "ENOTFOUND", "no suggest service %q (want entity, type or property)", r.PathValue("kind"))
	}
	if result == nil {
		result = []map[string]any{}
	}
	return map[string]any{"result": result}, nil
}

func jsonOrNil(s string) json.RawMessage {
	if s == "" {
		return nil
	}
	b, _ := json.Marshal(s)
	return b
}

// reconcileProposeProperties answers GET /reconcile/properties?type=: the
// properties an extension can fetch for a type.
func (s *Server) reconcileProposeProperties(r *http.Request) (any, error) {
	typ := r.URL.Query().Get("type")
	if typ != "" {
		if _, err := queryTypes(jsonOrNil(typ)); err != nil {
			return nil, invalid("%v", err)
		}
	}
	var props []map[string]string
	for _, p := range reconcileProperties {
		for _, t := range p.Types {
			if typ == "" || t == typ {
				props = append(props, map[string]string{"id": p.ID, "name": p.Name, "description": p.Description})
				break
			}
		}
	}
	out := map[string]any{"properties": props}
	if typ != "" {
		out["type"] = typ
	}
	if l := r.URL.Query().Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 0 {
			return nil, invalid("limit: %q is not a whole number from 0", l)
		}
		if n > 0 && n < len(props) {
			out["properties"] = props[:n]
		}
		out["limit"] = n
	}
	return out, nil
}

// extendQuery is a data extension query.
type extendQuery struct {
	IDs        []string `json:"ids"`
	Properties []struct {
		ID       string         `json:"id"`
		Settings map[string]any `json:"settings"`
	} `json:"properties"`
}

// extendData answers a data extension query: for each entity, the values
// of each property asked for — a treaty's signing date and parties, a
// territory's holder on a day (setting "on"), the Wikidata item, the kind.
func (s *Server) extendData(r *http.Request, body []byte) (any, error) {
	var q extendQuery
	if err := decodeStrict(body, &q); err != nil {
		return nil, invalid("extend: %v", err)
	}
	if q.IDs == nil || q.Properties == nil {
		return nil, invalid("extend: want ids and properties")
	}
	if len(q.IDs) > maxExtendIDs {
		return nil, invalid("extend: ids: %d, at most %d", len(q.IDs), maxExtendIDs)
	}
	type asked struct {
		p  reconcileProperty
		on histdate.JDN
	}
	var props []asked
	var meta []map[string]any
	for i, p := range q.Properties {
		rp, ok := findProperty(p.ID)
		if !ok {
			return nil, invalid("extend: properties[%d].id: unknown property %q (want signed, party, holder, wikidata or kind)", i, p.ID)
		}
		a := asked{p: rp}
		for k, v := range p.Settings {
			if k != "on" {
				return nil, invalid("extend: properties[%d].settings: unknown setting %q (want on)", i, k)
			}
			str, ok := v.(string)
			if !ok {
				return nil, invalid("extend: properties[%d].settings.on: want a date as text", i)
			}
			if str == "" {
				continue
			}
			d, err := histdate.Parse(str, histdate.Options{})
			if err != nil || d.Earliest() == histdate.MinJDN {
				return nil, invalid("extend: properties[%d].settings.on: %q is not a date", i, str)
			}
			a.on = d.Earliest()
		}
		props = append(props, a)
		m := map[string]any{"id": rp.ID, "name": rp.Name}
		if rp.ID == "party" || rp.ID == "holder" {
			m["type"] = map[string]string{"id": "polity", "name": "Polity"}
		}
		meta = append(meta, m)
	}
	snap, err := s.current(r.Context())
	if err != nil {
		return nil, err
	}
	label := map[string]string{}
	for _, e := range snap.entities {
		label[e.ID] = e.Label("en")
	}
	rows := map[string]any{}
	for _, id := range q.IDs {
		if err := r.Context().Err(); err != nil {
			return nil, err
		}
		row := map[string]any{}
		e, err := s.store.Entity(r.Context(), id)
		if kb.ErrorCode(err) == kb.ENOTFOUND {
			for _, a := range props {
				row[a.p.ID] = []any{}
			}
			rows[id] = row
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, a := range props {
			vals, err := s.extendValues(r, snap, e, a.p.ID, a.on, label)
			if err != nil {
				return nil, err
			}
			row[a.p.ID] = vals
		}
		rows[id] = row
	}
	return map[string]any{"meta": meta, "rows": rows}, nil
}

// engineConsensus is the engine's consensus view, in which extension and
// queries read holders.
var engineConsensus engine.Perspective

func (s *Server) extendValues(r *http.Request, snap *snapshot, e kb.Entity, pid string, on histdate.JDN, label map[string]string) ([]any, error) {
	out := []any{}
	ref := func(id string) map[string]string { return map[string]string{"id": id, "name": orID(label[id], id)} }
	switch pid {
	case "wikidata":
		if e.Wikidata != "" {
			out = append(out, map[string]string{"str": e.Wikidata})
		}
	case "kind":
		out = append(out, map[string]string{"str": string(e.Kind)})
	case "signed", "party":
		claims, err := s.store.Claims(r.Context(), kb.ClaimFilter{Subject: e.ID, Property: pid, Status: kb.Accepted})
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		for _, c := range claims {
			if c.Rank == kb.Deprecated {
				continue
			}
			if pid == "party" {
				if !seen[c.Value.Entity] {
					seen[c.Value.Entity] = true
					out = append(out, ref(c.Value.Entity))
				}
				continue
			}
			d, err := c.Value.Date()
			if err != nil {
				continue
			}
			v := map[string]string{"str": c.Value.Text}
			if d.IsDay() {
				v = map[string]string{"date": histdate.ISO(histdate.Gregorian, d.Earliest()) + "T00:00:00Z"}
			}
			key := fmt.Sprint(v)
			if !seen[key] {
				seen[key] = true
				out = append(out, v)
			}
		}
	case "holder":
		if e.Kind != kb.KindTerritory || snap.eng == nil {
			return out, nil
		}
		if on != 0 {
			st, err := snap.eng.Territory(e.ID, on, engineConsensus)
			if err != nil {
				return out, nil
			}
			for _, h := range st.Holders {
				out = append(out, ref(h))
			}
			return out, nil
		}
		hist, err := snap.eng.TerritoryHistory(e.ID, engineConsensus)
		if err != nil || len(hist) == 0 {
			return out, nil
		}
		for _, h := range hist[len(hist)-1].Holders {
			out = append(out, ref(h))
		}
	}
	return out, nil
}

func orID(s, id string) string {
	if s == "" {
		return id
	}
	return s
}
