package server

import (
	"encoding/json"
	"net/http"
	"strings"

	"treatyline/internal/report"
	"treatyline/kb"
)

// entityDecisionBody is the body of POST /entities and POST
// /entities/{id}/{action}: who decides, a note, and what the action reads.
type entityDecisionBody struct {
	By   string `json:"by"`
	Note string `json:"note"`
	// add: the entity; split: the new entity.
	Entity *kb.Entity `json:"entity"`
	// rename: the labels by language.
	Labels map[string]string `json:"labels"`
	// alias: the names to add; split: the aliases to move.
	Aliases []kb.Alias `json:"aliases"`
	// merge: the entity merged into.
	Into string `json:"into"`
	// split: the claims and provisions to move.
	Claims     []string `json:"claims"`
	Provisions []string `json:"provisions"`
	// place: a point "LON,LAT", or a GeoJSON geometry or Feature.
	Point   string          `json:"point"`
	GeoJSON json.RawMessage `json:"geojson"`
}

// addEntity answers POST /entities: a new entity, accepted (201), or
// ECONFLICT for an id that is taken.
func (s *Server) addEntity(w http.ResponseWriter, r *http.Request) {
	var body entityDecisionBody
	if err := readJSON(w, r, maxWriteBody, false, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	if body.Entity == nil {
		s.fail(w, r, invalid("entity: missing (want {\"entity\": {\"id\": ..., \"kind\": ..., \"labels\": {...}}})"))
		return
	}
	d := kb.EntityDecision{Action: kb.ActionAdd, Entity: body.Entity.ID, New: body.Entity, Note: body.Note,
		RecordedBy: orAPI(body.By), RecordedAt: s.now()}
	e, err := s.store.DecideEntity(r.Context(), d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/entities/"+e.ID)
	s.writeJSON(w, r, http.StatusCreated, "application/json", report.FromEntity(e))
}

// decideEntity answers POST /entities/{id}/{action}: rename, alias, merge,
// split, accept, reject or place. Entity ids have slashes, so the action
// is the path's last segment. It answers with the entity as it stands
// after (for merge, the entity merged into; for split, the new one).
func (s *Server) decideEntity(w http.ResponseWriter, r *http.Request) {
	path := r.PathValue("id")
	i := strings.LastIndex(path, "/")
	if i <= 0 {
		s.fail(w, r, errorf(http.StatusNotFound, "ENOTFOUND", "no route %s: want /api/v1/entities/{id}/{action}", r.URL.Path))
		return
	}
	id, action := path[:i], kb.EntityAction(path[i+1:])
	switch action {
	case kb.ActionRename, kb.ActionAlias, kb.ActionMerge, kb.ActionSplit, kb.ActionAccept, kb.ActionReject, kb.ActionPlace:
	default:
		s.fail(w, r, errorf(http.StatusNotFound, "ENOTFOUND", "no action %q: want rename, alias, merge, split, accept, reject or place", action))
		return
	}
	var body entityDecisionBody
	if err := readJSON(w, r, maxWriteBody, action == kb.ActionAccept || action == kb.ActionReject, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	d := kb.EntityDecision{Action: action, Entity: id, Into: body.Into, Labels: body.Labels, Aliases: body.Aliases,
		Claims: body.Claims, Provisions: body.Provisions, Note: body.Note, RecordedBy: orAPI(body.By), RecordedAt: s.now()}
	ctx := r.Context()
	switch action {
	case kb.ActionSplit:
		if body.Entity == nil {
			s.fail(w, r, invalid("entity: the new entity is missing"))
			return
		}
		n := *body.Entity
		if n.Kind == "" {
			old, err := s.store.Entity(ctx, id)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			n.Kind = old.Kind
		}
		d.New = &n
	case kb.ActionPlace:
		var g kb.Geometry
		var err error
		switch {
		case body.Point != "" && len(body.GeoJSON) > 0:
			err = invalid("give point or geojson, not both")
		case body.Point != "":
			g, err = report.ParsePoint(body.Point)
		case len(body.GeoJSON) > 0:
			g, err = report.ParseShape(body.GeoJSON)
		default:
			err = invalid("give point (\"LON,LAT\") or geojson")
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		g.Note = "given by hand by " + d.RecordedBy
		d.Geometry = &g
	}
	e, err := s.store.DecideEntity(ctx, d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.ok(w, r, report.FromEntity(e))
}

func orAPI(by string) string {
	if by == "" {
		return "api"
	}
	return by
}

// entityCandidates answers GET /review/entities: the candidate entities
// with their evidence, confidence and likely duplicates.
func (s *Server) entityCandidates(r *http.Request) (any, error) {
	return report.EntityCards(r.Context(), s.store, kb.Candidate, "")
}

// acceptAllBody is the body of POST /review/accept-all.
type acceptAllBody struct {
	By            string   `json:"by"`
	MinConfidence *float64 `json:"min_confidence"`
}

// acceptAll answers POST /review/accept-all: every candidate entity,
// claim and provision at or above the threshold accepted in one
// transaction, and the counts.
func (s *Server) acceptAll(w http.ResponseWriter, r *http.Request) {
	var body acceptAllBody
	if err := readJSON(w, r, maxWriteBody, true, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	min := kb.DefaultMinConfidence
	if body.MinConfidence != nil {
		min = *body.MinConfidence
	}
	n, err := s.store.AcceptAll(r.Context(), min, orAPI(body.By), s.now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.ok(w, r, n)
}
