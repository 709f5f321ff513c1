package server

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"treatyline/engine"
	"treatyline/histdate"
	"treatyline/internal/report"
	"treatyline/kb"
)

// param gives a query parameter, refusing one longer than maxQueryText.
func param(r *http.Request, name string) (string, error) {
	v := strings.TrimSpace(queryOf(r).Get(name))
	if len(v) > maxQueryText {
		return "", invalid("%s: %d bytes, more than %d", name, len(v), maxQueryText)
	}
	return v, nil
}

// required gives a query parameter that must be there.
func required(r *http.Request, name, example string) (string, error) {
	v, err := param(r, name)
	if err == nil && v == "" {
		err = invalid("%s: missing (e.g. %s=%s)", name, name, example)
	}
	return v, err
}

// search answers GET /search?q=&kind=&limit=: entities by any name.
func (s *Server) search(r *http.Request) (any, error) {
	q, err := required(r, "q", "Muraviev")
	if err != nil {
		return nil, err
	}
	kind, err := report.ParseKind(queryOf(r).Get("kind"))
	if err != nil {
		return nil, invalid("kind: %v", err)
	}
	limit := 10
	if l := queryOf(r).Get("limit"); l != "" {
		if limit, err = strconv.Atoi(l); err != nil || limit < 0 {
			return nil, invalid("limit: %q is not a whole number from 0 (0: all)", l)
		}
	}
	snap, err := s.current(r.Context())
	if err != nil {
		return nil, err
	}
	return report.Search(snap.nameIndex(), q, kind, limit), nil
}

// entityItem is an entity in the list of GET /entities.
type entityItem struct {
	ID         string            `json:"id"`
	Kind       kb.Kind           `json:"kind"`
	Label      string            `json:"label"`
	Labels     map[string]string `json:"labels"`
	Aliases    []string          `json:"aliases"`
	Status     kb.Status         `json:"status"`
	Confidence float64           `json:"confidence,omitempty"`
}

// entities answers GET /entities?kind=: every entity, or those of a kind.
func (s *Server) entities(r *http.Request) (any, error) {
	kind, err := report.ParseKind(queryOf(r).Get("kind"))
	if err != nil {
		return nil, invalid("kind: %v", err)
	}
	status := kb.Status(queryOf(r).Get("status"))
	switch status {
	case "", kb.Candidate, kb.Accepted, kb.Rejected:
	default:
		return nil, invalid("status: unknown status %q (want candidate, accepted or rejected)", status)
	}
	snap, err := s.current(r.Context())
	if err != nil {
		return nil, err
	}
	out := []entityItem{}
	for _, e := range snap.entities {
		if (kind == "" || e.Kind == kind) && (status == "" || e.Status == status) {
			out = append(out, entityItem{ID: e.ID, Kind: e.Kind, Label: e.Label("en"), Labels: e.Labels, Aliases: report.AliasTexts(e.Aliases),
				Status: e.Status, Confidence: e.Confidence})
		}
	}
	return out, nil
}

// entity answers GET /entities/{id...}: as show --json.
func (s *Server) entity(r *http.Request) (any, error) {
	e, err := report.Show(r.Context(), s.store, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	return e, nil
}

// feature is a GeoJSON Feature of an entity with geometry.
type feature struct {
	Type       string          `json:"type"`
	ID         string          `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties featureProps    `json:"properties"`
}

type featureProps struct {
	ID          string  `json:"id"`
	Kind        kb.Kind `json:"kind"`
	Label       string  `json:"label"`
	Approximate bool    `json:"approximate"`
	Note        string  `json:"note"`
	// PlacedBy is "gazetteer" for a place found by its name in the
	// gazetteer that ships with treatyline, "" for the entity's own
	// geometry.
	PlacedBy string `json:"placed_by,omitempty"`
}

// featureCollection is a GeoJSON FeatureCollection (RFC 7946).
type featureCollection struct {
	Type     string    `json:"type"`
	Features []feature `json:"features"`
}

// geo answers GET /geo: every entity with geometry, as GeoJSON, and the
// places without one that the gazetteer finds by name (approximate).
func (s *Server) geo(w http.ResponseWriter, r *http.Request) {
	snap, err := s.current(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	placed, err := snap.places()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := featureCollection{Type: "FeatureCollection", Features: []feature{}}
	for _, e := range snap.entities {
		g := e.Geometry
		if m, ok := placed[e.ID]; ok && g == nil {
			out.Features = append(out.Features, feature{Type: "Feature", ID: e.ID, Geometry: m.Geometry,
				Properties: featureProps{ID: e.ID, Kind: e.Kind, Label: e.Label("en"), Approximate: true, Note: m.Note, PlacedBy: "gazetteer"}})
			continue
		}
		if g == nil || !json.Valid(g.GeoJSON) {
			continue
		}
		out.Features = append(out.Features, feature{Type: "Feature", ID: e.ID, Geometry: g.GeoJSON,
			Properties: featureProps{ID: e.ID, Kind: e.Kind, Label: e.Label("en"), Approximate: g.Approximate, Note: g.Note}})
	}
	s.writeJSON(w, r, http.StatusOK, "application/geo+json", out)
}

// sourceItem is a source as GET /sources lists it; Length counts code
// points, the unit of evidence positions.
type sourceItem struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Language string `json:"language"`
	Origin   string `json:"origin"`
	SHA256   string `json:"sha256"`
	Length   int    `json:"length"`
	HasText  bool   `json:"has_text"`
}

func itemOf(src kb.Source, length int, hasText bool) sourceItem {
	return sourceItem{ID: src.ID, Title: src.Title, Language: src.Language, Origin: src.Origin, SHA256: src.SHA256, Length: length, HasText: hasText}
}

// sources answers GET /sources.
func (s *Server) sources(r *http.Request) (any, error) {
	snap, err := s.current(r.Context())
	if err != nil {
		return nil, err
	}
	p, err := pageOf(r, snap.sources)
	if err != nil {
		return nil, err
	}
	srcs := p.items.([]kb.Source)
	out := make([]sourceItem, 0, len(srcs))
	for _, src := range srcs {
		if err := r.Context().Err(); err != nil {
			return nil, err
		}
		n, has, err := s.sourceLength(r, src.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, itemOf(src, n, has))
	}
	p.items = out
	return p, nil
}

// sourceLength gives the length of a source's text in code points, and
// whether its text is stored, remembered until the next write.
func (s *Server) sourceLength(r *http.Request, id string) (int, bool, error) {
	s.cacheMu.Lock()
	n, ok := s.lengths[id]
	gen := s.gen
	s.cacheMu.Unlock()
	if ok {
		return n, n >= 0, nil
	}
	src, err := s.store.Source(r.Context(), id)
	if err != nil {
		return 0, false, err
	}
	n = -1
	if src.Text != "" {
		n = utf8.RuneCountInString(src.Text)
	}
	s.cacheMu.Lock()
	if s.gen == gen {
		s.lengths[id] = n
	}
	s.cacheMu.Unlock()
	if n < 0 {
		return 0, false, nil
	}
	return n, true, nil
}

// span is one piece of evidence in a source, with what it is evidence
// for: a claim or a provision.
type span struct {
	Start     int       `json:"start"`
	End       int       `json:"end"`
	Quote     string    `json:"quote"`
	Claim     string    `json:"claim"`
	Provision string    `json:"provision"`
	Subject   string    `json:"subject"`
	Property  string    `json:"property"`
	ValueText string    `json:"value_text"`
	Status    kb.Status `json:"status"`
	Rank      kb.Rank   `json:"rank"`
}

// sourceText is a source with its text and every span of evidence in it.
type sourceText struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Language string `json:"language"`
	Origin   string `json:"origin"`
	SHA256   string `json:"sha256"`
	Length   int    `json:"length"`
	Text     string `json:"text"`
	Spans    []span `json:"spans"`
}

// source answers GET /sources/{id}: the text and its evidence spans.
func (s *Server) source(r *http.Request) (any, error) {
	ctx := r.Context()
	src, err := s.store.Source(ctx, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	claims, err := s.store.Claims(ctx, kb.ClaimFilter{Source: src.ID})
	if err != nil {
		return nil, err
	}
	snap, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	provSpans, err := snap.provisionSpans(ctx, s.store)
	if err != nil {
		return nil, err
	}
	out := sourceText{ID: src.ID, Title: src.Title, Language: src.Language, Origin: src.Origin, SHA256: src.SHA256,
		Length: utf8.RuneCountInString(src.Text), Text: src.Text, Spans: []span{}}
	for _, c := range claims {
		for _, e := range c.Evidence {
			if e.Source == src.ID {
				out.Spans = append(out.Spans, span{Start: e.Position.Start, End: e.Position.End, Quote: e.Quote.Exact, Claim: c.ID,
					Subject: c.Subject, Property: c.Property, ValueText: c.Value.String(), Status: c.Status, Rank: c.Rank})
			}
		}
	}
	out.Spans = append(out.Spans, provSpans[src.ID]...)
	sort.SliceStable(out.Spans, func(i, j int) bool {
		a, b := out.Spans[i], out.Spans[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End < b.End
	})
	return out, nil
}

// provisionText says in a line what a provision does: "polity/qing →
// polity/russia: territory/ussuri-sea".
func provisionText(p kb.Provision) string {
	t := strings.Join(p.Grantors, ", ") + " → " + strings.Join(p.Grantees, ", ")
	if len(p.Objects) > 0 {
		t += ": " + strings.Join(p.Objects, ", ")
	}
	return t
}

// question reads what every engine route shares: the perspective and
// sources parameters, over the current snapshot.
//
// With recorded_at, the question is asked of the knowledge base as it
// stood at that record time (report.ReadRecordTime).
func (s *Server) question(r *http.Request) (*snapshot, engine.Perspective, error) {
	recordedAt, err := param(r, "recorded_at")
	if err != nil {
		return nil, engine.Perspective{}, err
	}
	var snap *snapshot
	if recordedAt != "" {
		at, err := report.ReadRecordTime(recordedAt)
		if err != nil {
			return nil, engine.Perspective{}, invalid("recorded_at: %v", err)
		}
		snap, err = s.recorded(r.Context(), at)
		if err != nil {
			return nil, engine.Perspective{}, err
		}
	} else if snap, err = s.current(r.Context()); err != nil {
		return nil, engine.Perspective{}, err
	}
	party, err := param(r, "perspective")
	if err != nil {
		return nil, engine.Perspective{}, err
	}
	sources, err := param(r, "sources")
	if err != nil {
		return nil, engine.Perspective{}, err
	}
	p, err := report.Perspective(snap.eng, party, sources, snap.sources)
	if err != nil {
		if !strings.HasPrefix(err.Error(), "sources: ") {
			err = invalid("perspective: %v", err)
		}
		return nil, engine.Perspective{}, err
	}
	return snap, p, nil
}

// day reads a date parameter as asof does.
func day(r *http.Request, name, example string) (histdate.JDN, error) {
	text, err := required(r, name, example)
	if err != nil {
		return 0, err
	}
	d, err := report.ReadDay(text)
	if err != nil {
		return 0, invalid("%s: %v", name, err)
	}
	return d, nil
}

// asof answers GET /asof?date=&perspective=&sources=&recorded_at= with
// territory=, treaty=, right=, list= (limit, cursor) or all: as asof
// --json with the same flags. A page's headers are /conflicts'.
func (s *Server) asof(r *http.Request) (any, error) {
	d, err := day(r, "date", "1859-01-01")
	if err != nil {
		return nil, err
	}
	q, err := asofQuestion(r)
	if err != nil {
		return nil, err
	}
	snap, p, err := s.question(r)
	if err != nil {
		return nil, err
	}
	a, total, err := report.Ask(snap.eng, d, p, q)
	if err != nil {
		return nil, err
	}
	if q.List == "" {
		return a, nil
	}
	next := -1
	if n := q.Offset + q.Limit; n < total {
		next = n
	}
	return page{items: a, total: total, next: next}, nil
}

// history answers GET /history?territory=&perspective=&sources=: a
// territory's holders, one state per change.
func (s *Server) history(r *http.Request) (any, error) {
	territory, err := required(r, "territory", "territory/ussuri-sea")
	if err != nil {
		return nil, err
	}
	snap, p, err := s.question(r)
	if err != nil {
		return nil, err
	}
	h, err := snap.eng.TerritoryHistory(territory, p)
	if err != nil {
		return nil, err
	}
	return h, nil
}

// timeline answers GET /timeline?id=: as timeline --json.
func (s *Server) timeline(r *http.Request) (any, error) {
	id, err := param(r, "id")
	if err != nil {
		return nil, err
	}
	items, err := report.Timeline(r.Context(), s.store, id)
	if err != nil {
		return nil, err
	}
	return items, nil
}

// status answers GET /status?treaty=&on=&perspective=&sources=: as status
// --json.
func (s *Server) status(r *http.Request) (any, error) {
	treaty, err := required(r, "treaty", "treaty/aigun-1858")
	if err != nil {
		return nil, err
	}
	d, err := day(r, "on", "1859-01-01")
	if err != nil {
		return nil, err
	}
	snap, p, err := s.question(r)
	if err != nil {
		return nil, err
	}
	t, err := snap.eng.Treaty(treaty, d, p)
	if err != nil {
		return nil, err
	}
	return t, nil
}

// conflicts answers GET /conflicts?status=&class=: as conflicts --json.
func (s *Server) conflicts(r *http.Request) (any, error) {
	st, err := report.ConflictStatus(queryOf(r).Get("status"))
	if err != nil {
		return nil, invalid("status: %v", err)
	}
	class, err := report.ConflictClass(queryOf(r).Get("class"))
	if err != nil {
		return nil, invalid("class: %v", err)
	}
	snap, err := s.current(r.Context())
	if err != nil {
		return nil, err
	}
	groups, err := snap.conflictGroups(r.Context(), s.store, st)
	if err != nil {
		return nil, err
	}
	if class != "" {
		var some []report.Group
		for _, g := range groups {
			if g.Class == string(class) {
				some = append(some, g)
			}
		}
		groups = some
	}
	return pageOf(r, groups)
}

// date answers GET /date?q=&lang=&calendar=&year=: as date --json, with the
// day an as-of question takes.
func (s *Server) date(r *http.Request) (any, error) {
	q, err := required(r, "q", "16 mei 1858")
	if err != nil {
		return nil, err
	}
	opts := histdate.Options{Lang: queryOf(r).Get("lang")}
	if c := queryOf(r).Get("calendar"); c != "" {
		cal, err := histdate.ParseCalendar(c)
		if err != nil || cal == histdate.Chinese || cal == histdate.Japanese {
			return nil, invalid("calendar: %q (want gregorian or julian; Chinese and Japanese dates are known by their era names)", c)
		}
		opts.Calendar = cal
	}
	if y := queryOf(r).Get("year"); y != "" {
		if opts.Year, err = strconv.Atoi(y); err != nil {
			return nil, invalid("year: %q is not a year", y)
		}
	}
	d, err := report.ReadDate(q, opts)
	if err != nil {
		return nil, invalid("q: %v", err)
	}
	return d, nil
}

// candidates answers GET /candidates: as review list --json.
func (s *Server) candidates(r *http.Request) (any, error) {
	snap, err := s.current(r.Context())
	if err != nil {
		return nil, err
	}
	cs, err := snap.reviewQueue(r.Context(), s.store)
	if err != nil {
		return nil, err
	}
	return pageOf(r, cs)
}

// versions answers GET /versions?id=&recorded_at=: every version of a
// claim or provision, oldest first, as history --json; with recorded_at,
// those recorded by then.
func (s *Server) versions(r *http.Request) (any, error) {
	id, err := required(r, "id", "claim/aigun-signed")
	if err != nil {
		return nil, err
	}
	recordedAt, err := param(r, "recorded_at")
	if err != nil {
		return nil, err
	}
	rd, err := report.Reader(r.Context(), s.store, recordedAt)
	if err != nil {
		if kb.ErrorCode(err) == kb.EINVALID {
			err = invalid("recorded_at: %v", err)
		}
		return nil, err
	}
	return report.History(r.Context(), rd, id)
}
