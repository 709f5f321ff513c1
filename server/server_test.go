package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"treatyline/internal/gold"
	"treatyline/internal/report"
	"treatyline/internal/testkb"
	"treatyline/kb"
	"treatyline/server"
)

const token = "test-token"

// fixture is a running server over a real SQLite store in a temp dir,
// loaded with the bundled knowledge base and the corpus texts.
type fixture struct {
	t     *testing.T
	url   string
	store kb.Store
}

func newFixture(t *testing.T, c server.Config) *fixture {
	t.Helper()
	db := testkb.Bundled(t)
	if c.Now == nil {
		c.Now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	}
	h, err := server.New(db, c)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &fixture{t: t, url: ts.URL, store: db}
}

// do sends a request and returns the status, the content type and the
// body.
func (f *fixture) do(method, path, auth string, body io.Reader) (int, http.Header, []byte) {
	f.t.Helper()
	req, err := http.NewRequest(method, f.url+path, body)
	if err != nil {
		f.t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// get fetches a path that must answer 200 with JSON, and decodes it.
func (f *fixture) get(path string, v any) []byte {
	f.t.Helper()
	status, h, body := f.do("GET", path, "", nil)
	if status != http.StatusOK {
		f.t.Fatalf("GET %s: %d %s", path, status, body)
	}
	checkJSONHeaders(f.t, "GET "+path, h)
	if err := json.Unmarshal(body, v); err != nil {
		f.t.Fatalf("GET %s: not JSON: %v\n%s", path, err, body)
	}
	return body
}

func checkJSONHeaders(t *testing.T, what string, h http.Header) {
	t.Helper()
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") && !strings.HasPrefix(ct, "application/geo+json") {
		t.Errorf("%s: Content-Type %q, want application/json", what, ct)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("%s: no X-Content-Type-Options: nosniff", what)
	}
}

// apiError is the JSON of an error answer.
type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// wantError checks an answer is a JSON error with a status and code.
func (f *fixture) wantError(method, path, auth, body string, status int, code string) apiError {
	f.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	got, h, b := f.do(method, path, auth, rd)
	var e apiError
	if err := json.Unmarshal(b, &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
		f.t.Errorf("%s %s: not a JSON error (%v): %s", method, path, err, b)
	}
	if got != status || e.Error.Code != code {
		f.t.Errorf("%s %s: %d %s (%s), want %d %s", method, path, got, e.Error.Code, e.Error.Message, status, code)
	}
	checkJSONHeaders(f.t, method+" "+path, h)
	return e
}

type basis struct {
	Provision, Event, Source, Quote string
	Start, End                      int
}

type territoryState struct {
	ID      string
	Holders []string
	Mode    string
	Since   string
	Basis   []basis
	Note    string
}

type state struct {
	Date        string
	Perspective string
	Territories []territoryState
	Treaties    []struct{ ID, Status string }
}

func TestAsOf(t *testing.T) {
	f := newFixture(t, server.Config{})
	for _, c := range []struct {
		name, query     string
		date, persp     string
		territory, mode string
		holders         []string
		quote           string // in a basis, with the provision or event
	}{
		{"peking", "date=1861-01-01", "1861-01-01", "consensus", "territory/ussuri-sea", "sole", []string{"polity/russia"}, "peking-1860"},
		{"aigun joint", "date=1859-01-01", "1859-01-01", "consensus", "territory/ussuri-sea", "joint", []string{"polity/qing", "polity/russia"}, "aigun-1858"},
		{"dutch date, qing", "date=1+januari+1859&perspective=qing&territory=territory/ussuri-sea", "1859-01-01", "polity/qing", "territory/ussuri-sea", "sole", []string{"polity/qing"}, ""},
		{"reign year", "date=" + "%E5%92%B8%E8%B1%90%E4%B9%9D%E5%B9%B4", "1859-02-03", "consensus", "territory/ussuri-sea", "joint", []string{"polity/qing", "polity/russia"}, "aigun-1858"},
		{"one source", "date=1861-01-01&sources=002_83b40dc56342f948", "1861-01-01", "sources 002_83b40dc56342f948", "territory/ussuri-sea", "sole", []string{"polity/russia"}, "peking-1860"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var s state
			q := c.query
			if !strings.Contains(q, "territory=") {
				q += "&all=1" // the whole state, asked for
			}
			f.get("/api/v1/asof?"+q, &s)
			if s.Date != c.date || s.Perspective != c.persp {
				t.Errorf("date %s perspective %s, want %s %s", s.Date, s.Perspective, c.date, c.persp)
			}
			var ts *territoryState
			for i := range s.Territories {
				if s.Territories[i].ID == c.territory {
					ts = &s.Territories[i]
				}
			}
			if ts == nil {
				t.Fatalf("no %s in %+v", c.territory, s.Territories)
			}
			if ts.Mode != c.mode || strings.Join(ts.Holders, " ") != strings.Join(c.holders, " ") {
				t.Errorf("%s: %s %v, want %s %v", c.territory, ts.Mode, ts.Holders, c.mode, c.holders)
			}
			if c.quote != "" {
				found := false
				for _, b := range ts.Basis {
					if strings.Contains(b.Provision+b.Event, c.quote) && b.Quote != "" && b.Source != "" {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: no basis quoting %s: %+v", c.territory, c.quote, ts.Basis)
				}
			}
		})
	}
}

func TestHistory(t *testing.T) {
	f := newFixture(t, server.Config{})
	var h []territoryState
	f.get("/api/v1/history?territory=territory/ussuri-sea", &h)
	if len(h) < 2 {
		t.Fatalf("history has %d changes: %+v", len(h), h)
	}
	// Qing in 1858 (003: the region belonged to Jilin), joint under Aigun,
	// Russian from Peking.
	first, last := h[0], h[len(h)-1]
	joint := false
	for _, st := range h {
		joint = joint || st.Mode == "joint"
	}
	if strings.Join(first.Holders, " ") != "polity/qing" || !joint || last.Mode != "sole" || strings.Join(last.Holders, " ") != "polity/russia" {
		t.Errorf("history: first %s %v, last %s %v, joint between: %v", first.Mode, first.Holders, last.Mode, last.Holders, joint)
	}
	for _, st := range h {
		if len(st.Basis) == 0 || st.Since == "" {
			t.Errorf("a change without basis or day: %+v", st)
		}
	}
	var q []territoryState
	f.get("/api/v1/history?territory=territory/ussuri-sea&perspective=qing", &q)
	if len(q) == 0 {
		t.Error("no history from the Qing side")
	}
}

func TestStatus(t *testing.T) {
	f := newFixture(t, server.Config{})
	for _, c := range []struct{ query, status string }{
		{"treaty=treaty/livadia-1879&on=1882-01-01", "superseded"},
		{"treaty=treaty/aigun-1858&on=1858-01-01", "not_yet_signed"},
		{"treaty=treaty/aigun-1858&on=1859-01-01", "in_force"},
	} {
		var ts struct {
			ID, Status string
			Basis      []basis
		}
		f.get("/api/v1/status?"+c.query, &ts)
		if ts.Status != c.status {
			t.Errorf("%s: %s, want %s", c.query, ts.Status, c.status)
		}
	}
}

func TestSearchAndEntities(t *testing.T) {
	f := newFixture(t, server.Config{})
	var res []kb.SearchResult
	f.get("/api/v1/search?q=Muraviev", &res)
	if len(res) == 0 || res[0].ID != "person/muravyov" {
		t.Errorf("search Muraviev: %+v", res)
	}
	f.get("/api/v1/search?q=Aigun&kind=treaty&limit=3", &res)
	if len(res) == 0 || len(res) > 3 {
		t.Errorf("search Aigun among treaties: %+v", res)
	}
	for _, r := range res {
		if r.Kind != kb.KindTreaty {
			t.Errorf("kind=treaty gave %s %s", r.Kind, r.ID)
		}
	}

	var ents []struct {
		ID, Kind, Label string
		Labels          map[string]string
		Aliases         []string
	}
	f.get("/api/v1/entities?kind=polity", &ents)
	ids := map[string]bool{}
	for _, e := range ents {
		if e.Kind != "polity" || e.Label == "" || e.Aliases == nil {
			t.Errorf("entity %+v", e)
		}
		ids[e.ID] = true
	}
	if !ids["polity/qing"] || !ids["polity/russia"] {
		t.Errorf("polities: %v", ids)
	}

	var e report.Entity
	f.get("/api/v1/entities/treaty/aigun-1858", &e)
	if e.ID != "treaty/aigun-1858" || e.Labels["zh"] != "璦琿條約" || len(e.Claims) == 0 || len(e.Provisions) == 0 {
		t.Errorf("aigun: %s %v, %d claims, %d provisions", e.ID, e.Labels, len(e.Claims), len(e.Provisions))
	}
	for _, c := range e.Claims {
		if c.Status == kb.Accepted && (len(c.Evidence) == 0 || c.Evidence[0].Quote == "") {
			t.Errorf("claim %s without a quote", c.ID)
		}
	}
	var terr report.Entity
	f.get("/api/v1/entities/territory/ussuri-sea", &terr)
	if terr.Geometry == nil || !json.Valid(terr.Geometry.GeoJSON) {
		t.Errorf("ussuri-sea has no geometry: %+v", terr.Geometry)
	}
}

func TestGeo(t *testing.T) {
	f := newFixture(t, server.Config{})
	var fc struct {
		Type     string
		Features []struct {
			Type     string
			Geometry struct {
				Type string
			}
			Properties struct {
				ID, Kind, Label, Note string
				Approximate           *bool
			}
		}
	}
	_, h, _ := f.do("GET", "/api/v1/geo", "", nil)
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/geo+json") {
		t.Errorf("Content-Type %q", ct)
	}
	f.get("/api/v1/geo", &fc)
	if fc.Type != "FeatureCollection" || len(fc.Features) == 0 {
		t.Fatalf("geo: %s with %d features", fc.Type, len(fc.Features))
	}
	geom := map[string]string{}
	for _, ft := range fc.Features {
		p := ft.Properties
		if ft.Type != "Feature" || p.ID == "" || p.Kind == "" || p.Label == "" || p.Approximate == nil {
			t.Errorf("feature %+v", ft)
		}
		geom[p.Kind] = ft.Geometry.Type
	}
	for kind, want := range map[string]string{"territory": "Polygon", "river": "LineString", "city": "Point"} {
		if !strings.HasSuffix(geom[kind], want) {
			t.Errorf("a %s is a %q, want a (Multi)%s", kind, geom[kind], want)
		}
	}
}

func TestSources(t *testing.T) {
	f := newFixture(t, server.Config{})
	_, corpus, _ := gold.Shared(t)
	var list []struct {
		ID, Title, Language, Origin, SHA256 string
		Length                              int
	}
	f.get("/api/v1/sources", &list)
	if len(list) != len(corpus) {
		t.Errorf("%d sources, want %d", len(list), len(corpus))
	}
	for _, s := range list {
		if s.Length != len([]rune(corpus[s.ID])) || s.SHA256 != kb.HashText(corpus[s.ID]) || s.Title == "" {
			t.Errorf("source %+v", s)
		}
	}

	var src struct {
		ID, Title, Language, SHA256, Text string
		Spans                             []struct {
			Start, End                                            int
			Quote, Claim, Provision, Subject, Property, ValueText string `json:"-"`
		}
	}
	var raw struct {
		Text  string
		Spans []struct {
			Start     int
			End       int
			Quote     string
			Claim     string
			Provision string
			Subject   string
			Property  string
			ValueText string `json:"value_text"`
			Status    string
		}
	}
	body := f.get("/api/v1/sources/003_835acd5ed4ef2496", &src)
	if err := json.Unmarshal(body, &raw); err != nil {
		t.Fatal(err)
	}
	if src.Language != "nl" || raw.Text != corpus["003_835acd5ed4ef2496"] || len(raw.Spans) == 0 {
		t.Fatalf("source 003: %s, text %d bytes, %d spans", src.Language, len(raw.Text), len(raw.Spans))
	}
	runes := []rune(raw.Text)
	claims, provisions := 0, 0
	for _, sp := range raw.Spans {
		if sp.Start < 0 || sp.End > len(runes) || sp.Start >= sp.End {
			t.Errorf("span %d-%d outside the text", sp.Start, sp.End)
			continue
		}
		if got := string(runes[sp.Start:sp.End]); got != sp.Quote {
			t.Errorf("span %d-%d is %q, quote %q", sp.Start, sp.End, got, sp.Quote)
		}
		if (sp.Claim == "") == (sp.Provision == "") || sp.Subject == "" || sp.Property == "" || sp.Status == "" {
			t.Errorf("span %+v", sp)
		}
		if sp.Claim != "" {
			claims++
		} else {
			provisions++
		}
	}
	if claims == 0 || provisions == 0 {
		t.Errorf("%d claim spans, %d provision spans", claims, provisions)
	}
}

func TestTimelineConflictsDate(t *testing.T) {
	f := newFixture(t, server.Config{})
	var items []report.TimelineItem
	f.get("/api/v1/timeline?id=treaty/aigun-1858", &items)
	if len(items) == 0 {
		t.Fatal("no timeline for aigun")
	}
	for i, it := range items {
		if it.Subject != "treaty/aigun-1858" || it.Date == "" || it.Written == "" {
			t.Errorf("item %+v", it)
		}
		if i > 0 && items[i-1].Date[:4] > it.Date[:4] {
			t.Errorf("out of order: %s before %s", items[i-1].Date, it.Date)
		}
	}
	var all []report.TimelineItem
	f.get("/api/v1/timeline", &all)
	if len(all) <= len(items) {
		t.Errorf("whole timeline %d items, aigun's %d", len(all), len(items))
	}

	var groups []report.Group
	f.get("/api/v1/conflicts?class=conflict", &groups)
	found := false
	for _, g := range groups {
		if g.Class != "conflict" {
			t.Errorf("class=conflict gave %s", g.Class)
		}
		if g.Subject == "treaty/kyakhta-1727" && g.Property == "signed" {
			found = true
		}
	}
	if !found {
		t.Error("no conflict on the signing of Kyakhta")
	}

	var d report.Date
	f.get("/api/v1/date?q=16+mei+1858&lang=nl&calendar=julian", &d)
	if d.Day != "1858-05-28" || d.Calendar != "julian" {
		t.Errorf("16 mei 1858 (julian): day %s calendar %s", d.Day, d.Calendar)
	}
	f.get("/api/v1/date?q="+"%E5%92%B8%E8%B1%90%E4%B9%9D%E5%B9%B4", &d)
	if d.Day != "1859-02-03" {
		t.Errorf("咸豐九年: day %s, want 1859-02-03", d.Day)
	}
}

// manyIDs gives n distinct ids, comma-separated.
func manyIDs(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("t%d", i)
	}
	return strings.Join(ids, ",")
}

func TestReadErrors(t *testing.T) {
	f := newFixture(t, server.Config{})
	for _, c := range []struct {
		path   string
		status int
		code   string
		field  string // the message names it
	}{
		{"/api/v1/asof", 400, "EINVALID", "date"},
		{"/api/v1/asof?date=not+a+date", 400, "EINVALID", "date"},
		{"/api/v1/asof?date=1859&perspective=atlantis&all=1", 400, "EINVALID", "perspective"},
		{"/api/v1/asof?date=1859&sources=nosuch&all=1", 400, "EINVALID", "sources"},
		{"/api/v1/asof?date=1859&territory=territory/atlantis", 404, "ENOTFOUND", "atlantis"},
		{"/api/v1/asof?date=1859&territory=territory/ussuri-sea,territory/atlantis", 404, "ENOTFOUND", "atlantis"},
		{"/api/v1/asof?date=1859&treaty=treaty/atlantis", 404, "ENOTFOUND", "atlantis"},
		{"/api/v1/asof?date=1859&right=provision/atlantis", 404, "ENOTFOUND", "atlantis"},
		{"/api/v1/asof?date=1859", 400, "EINVALID", "all=1"},
		{"/api/v1/asof?date=1859&territory=,", 400, "EINVALID", "territory="},
		{"/api/v1/asof?date=1859&all=maybe", 400, "EINVALID", "all"},
		{"/api/v1/asof?date=1859&all=0", 400, "EINVALID", "all=1"},
		{"/api/v1/asof?date=1859&all=1&territory=territory/ussuri-sea", 400, "EINVALID", "alone"},
		{"/api/v1/asof?date=1859&list=planets", 400, "EINVALID", "list"},
		{"/api/v1/asof?date=1859&list=", 400, "EINVALID", "list"},
		{"/api/v1/asof?date=1859&list=territories&limit=0", 400, "EINVALID", "limit"},
		{"/api/v1/asof?date=1859&list=territories&cursor=-1", 400, "EINVALID", "cursor"},
		{"/api/v1/asof?date=1859&list=territories&treaty=treaty/aigun-1858", 400, "EINVALID", "alone"},
		{"/api/v1/asof?date=1859&territory=" + strings.Repeat("t", 1001), 400, "EINVALID", "territory"},
		{"/api/v1/asof?date=1859&territory=" + manyIDs(server.MaxPageSize+1), 400, "EINVALID", "territory"},
		{"/api/v1/asof?date=1859&all&pretty=maybe", 400, "EINVALID", "pretty"},
		{"/api/v1/asof?date=" + strings.Repeat("1", 2000), 400, "EINVALID", "date"},
		{"/api/v1/history", 400, "EINVALID", "territory"},
		{"/api/v1/history?territory=treaty/aigun-1858", 404, "ENOTFOUND", "territory"},
		{"/api/v1/status?treaty=treaty/aigun-1858", 400, "EINVALID", "on"},
		{"/api/v1/status?treaty=treaty/nosuch&on=1859", 404, "ENOTFOUND", "treaty"},
		{"/api/v1/status?treaty=treaty/aigun-1858&on=yesterday-ish", 400, "EINVALID", "on"},
		{"/api/v1/entities/treaty/nosuch", 404, "ENOTFOUND", "treaty/nosuch"},
		{"/api/v1/entities?kind=planet", 400, "EINVALID", "kind"},
		{"/api/v1/search", 400, "EINVALID", "q"},
		{"/api/v1/search?q=x&limit=-1", 400, "EINVALID", "limit"},
		{"/api/v1/sources/nosuch", 404, "ENOTFOUND", "nosuch"},
		{"/api/v1/timeline?id=nosuch/x", 404, "ENOTFOUND", "nosuch/x"},
		{"/api/v1/conflicts?status=rejected", 400, "EINVALID", "status"},
		{"/api/v1/conflicts?class=maybe", 400, "EINVALID", "class"},
		{"/api/v1/date", 400, "EINVALID", "q"},
		{"/api/v1/date?q=someday", 400, "EINVALID", "q"},
		{"/api/v1/date?q=1858&calendar=mayan", 400, "EINVALID", "calendar"},
		{"/api/v1/nosuch", 404, "ENOTFOUND", "/api/v1/nosuch"},
	} {
		t.Run(c.path, func(t *testing.T) {
			e := f.wantError("GET", c.path, "", "", c.status, c.code)
			if !strings.Contains(e.Error.Message, c.field) {
				t.Errorf("message %q does not name %q", e.Error.Message, c.field)
			}
		})
	}
	// A method a route does not take.
	status, h, _ := f.do("DELETE", "/api/v1/asof?date=1859", "", nil)
	if status != http.StatusMethodNotAllowed || !strings.Contains(h.Get("Allow"), "GET") {
		t.Errorf("DELETE /asof: %d, Allow %q", status, h.Get("Allow"))
	}
	f.wantError("PUT", "/api/v1/sources", "Bearer "+token, "{}", 405, "EMETHOD")
}

func TestPage(t *testing.T) {
	f := newFixture(t, server.Config{})
	status, h, _ := f.do("GET", "/", "", nil)
	if status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
		t.Errorf("GET /: %d %s", status, h.Get("Content-Type"))
	}
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "style-src 'self'", "img-src 'self'", "connect-src 'self'", "default-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("headers: %v", h)
	}
	f.wantError("POST", "/", "", "", 405, "EMETHOD")
}

// candidatesAfterIngest registers a short document with ingest and lists
// the candidates proposed from it.
func candidatesAfterIngest(t *testing.T, f *fixture) []report.Claim {
	t.Helper()
	doc := map[string]any{"id": "test-aigun", "title": "A note on Aigun", "origin": "server_test", "ingest": true,
		"text": "The Treaty of Aigun was signed on 16 May 1858 by Nikolay Muravyov and Yishan. " +
			"China ceded some 600,000 square kilometres north of the Amur to Russia. " +
			"The Qing court refused to ratify the treaty."}
	b, _ := json.Marshal(doc)
	status, h, body := f.do("POST", "/api/v1/sources", "Bearer "+token, bytes.NewReader(b))
	if status != http.StatusCreated {
		t.Fatalf("POST /sources: %d %s", status, body)
	}
	checkJSONHeaders(t, "POST /sources", h)
	var added struct {
		ID, Language, SHA256 string
		Length               int
		Candidates           *int
	}
	if err := json.Unmarshal(body, &added); err != nil {
		t.Fatal(err)
	}
	if added.ID != "test-aigun" || added.Language != "en" || added.Length == 0 || added.Candidates == nil || *added.Candidates == 0 ||
		h.Get("Location") != "/api/v1/sources/test-aigun" {
		t.Fatalf("POST /sources: %s (Location %s)", body, h.Get("Location"))
	}
	// The same text again changes nothing.
	if status, _, body := f.do("POST", "/api/v1/sources", "Bearer "+token, bytes.NewReader(b)); status != http.StatusOK {
		t.Errorf("POST /sources again: %d %s", status, body)
	}
	var all, cs []report.Claim
	f.get("/api/v1/candidates", &all)
	for _, c := range all {
		if len(c.Evidence) > 0 && c.Evidence[0].Source == "test-aigun" {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		t.Fatal("no candidates after ingest")
	}
	return cs
}

func claimStatus(t *testing.T, st kb.Store, id string) (kb.Claim, int) {
	t.Helper()
	hist, err := st.ClaimHistory(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return hist[len(hist)-1], len(hist)
}

func TestReview(t *testing.T) {
	f := newFixture(t, server.Config{Token: token})
	cs := candidatesAfterIngest(t, f)
	for _, c := range cs {
		if c.Status != kb.Candidate || c.Evidence[0].Quote == "" {
			t.Errorf("candidate %s: %s, quote %q", c.ID, c.Status, c.Evidence[0].Quote)
		}
	}
	var dated *report.Claim
	var others []string
	for i := range cs {
		if cs[i].Property == "signed" && dated == nil {
			dated = &cs[i]
		} else {
			others = append(others, cs[i].ID)
		}
	}
	if dated == nil || len(others) < 2 {
		t.Fatalf("want a signing candidate and two others: %+v", cs)
	}
	accept, reject := others[0], others[len(others)-1]

	var got report.Claim
	status, _, body := f.do("POST", "/api/v1/candidates/"+accept+"/accept", "Bearer "+token, strings.NewReader(`{"by": "tester", "note": "checked against the text"}`))
	if status != http.StatusOK || json.Unmarshal(body, &got) != nil || got.Status != kb.Accepted || !strings.Contains(got.Note, "checked against the text") {
		t.Errorf("accept: %d %s", status, body)
	}
	if c, _ := claimStatus(t, f.store, accept); c.Status != kb.Accepted || c.RecordedBy != "tester" {
		t.Errorf("after accept the claim is %s by %s", c.Status, c.RecordedBy)
	}
	// No body at all is fine for a decision.
	status, _, body = f.do("POST", "/api/v1/candidates/"+reject+"/reject", "Bearer "+token, nil)
	if status != http.StatusOK || json.Unmarshal(body, &got) != nil || got.Status != kb.Rejected {
		t.Errorf("reject: %d %s", status, body)
	}
	if c, _ := claimStatus(t, f.store, reject); c.Status != kb.Rejected || c.RecordedBy != "api" {
		t.Errorf("after reject the claim is %s by %s", c.Status, c.RecordedBy)
	}
	var all []report.Claim
	f.get("/api/v1/candidates", &all)
	for _, c := range all {
		if c.ID == accept || c.ID == reject {
			t.Errorf("%s is still a candidate", c.ID)
		}
	}

	status, _, body = f.do("POST", "/api/v1/candidates/"+dated.ID+"/correct", "Bearer "+token, strings.NewReader(`{"date": "16 May 1858", "calendar": "julian", "by": "tester"}`))
	if status != http.StatusOK || json.Unmarshal(body, &got) != nil || got.Status != kb.Accepted || !strings.Contains(got.ValueText, "julian") {
		t.Errorf("correct: %d %s", status, body)
	}
	f.wantError("POST", "/api/v1/candidates/"+dated.ID+"/correct", "Bearer "+token, `{"date": "16 May 1858", "text": "x"}`, 400, "EINVALID")
	f.wantError("POST", "/api/v1/candidates/"+dated.ID+"/correct", "Bearer "+token, `{"date": "16 May 1858", "calendar": "aztec"}`, 400, "EINVALID")
}

// A decision reaches the engine at once: the cached engine is dropped.
func TestWritesReachTheEngine(t *testing.T) {
	f := newFixture(t, server.Config{Token: token})
	var ts struct{ Status string }
	f.get("/api/v1/status?treaty=treaty/livadia-1879&on=1882-01-01", &ts)
	if ts.Status != "superseded" {
		t.Fatalf("livadia in 1882: %s", ts.Status)
	}
	cs, err := f.store.Claims(context.Background(), kb.ClaimFilter{Subject: "treaty/livadia-1879", Property: "superseded_by"})
	if err != nil || len(cs) != 1 {
		t.Fatalf("%v: %d claims", err, len(cs))
	}
	if status, _, body := f.do("POST", "/api/v1/candidates/"+cs[0].ID+"/reject", "Bearer "+token, nil); status != http.StatusOK {
		t.Fatalf("reject: %d %s", status, body)
	}
	f.get("/api/v1/status?treaty=treaty/livadia-1879&on=1882-01-01", &ts)
	if ts.Status == "superseded" {
		t.Errorf("livadia is still superseded after its claim was rejected")
	}
}

func TestWritesNeedTheToken(t *testing.T) {
	f := newFixture(t, server.Config{Token: token})
	ctx := context.Background()
	cs, err := f.store.Claims(ctx, kb.ClaimFilter{Subject: "treaty/aigun-1858", Property: "signed"})
	if err != nil || len(cs) == 0 {
		t.Fatal(err)
	}
	id := cs[0].ID
	_, versions := claimStatus(t, f.store, id)
	for _, c := range []struct{ name, auth string }{
		{"no token", ""},
		{"wrong token", "Bearer not-the-token"},
		{"token as basic", "Basic " + token},
		{"token with a suffix", "Bearer " + token + "x"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f.wantError("POST", "/api/v1/candidates/"+id+"/reject", c.auth, "", 401, "EUNAUTHORIZED")
			f.wantError("POST", "/api/v1/sources", c.auth, `{"id": "sneaky", "text": "x"}`, 401, "EUNAUTHORIZED")
		})
	}
	if c, n := claimStatus(t, f.store, id); c.Status != kb.Accepted || n != versions {
		t.Errorf("after refused writes the claim is %s with %d versions, want accepted with %d", c.Status, n, versions)
	}
	if _, err := f.store.Source(ctx, "sneaky"); kb.ErrorCode(err) != kb.ENOTFOUND {
		t.Errorf("a refused POST /sources stored the source: %v", err)
	}

	// A server without a token refuses every write.
	ro := newFixture(t, server.Config{})
	e := ro.wantError("POST", "/api/v1/candidates/"+id+"/reject", "Bearer anything", "", 403, "EFORBIDDEN")
	if !strings.Contains(e.Error.Message, "token") {
		t.Errorf("read-only message %q does not say how to allow writes", e.Error.Message)
	}
}

func TestWriteErrors(t *testing.T) {
	f := newFixture(t, server.Config{Token: token, MaxSourceBytes: 1000})
	auth := "Bearer " + token
	for _, c := range []struct {
		name, path, body string
		status           int
		code             string
	}{
		{"malformed", "/api/v1/sources", `{"id": "x", "text": `, 400, "EINVALID"},
		{"not an object", "/api/v1/sources", `["x"]`, 400, "EINVALID"},
		{"wrong type", "/api/v1/sources", `{"id": 7, "text": "x"}`, 400, "EINVALID"},
		{"unknown field", "/api/v1/sources", `{"id": "x", "txt": "x"}`, 400, "EINVALID"},
		{"two values", "/api/v1/sources", `{"id": "x", "text": "x"} {}`, 400, "EINVALID"},
		{"empty body", "/api/v1/sources", ``, 400, "EINVALID"},
		{"no id", "/api/v1/sources", `{"text": "x"}`, 400, "EINVALID"},
		{"slash in id", "/api/v1/sources", `{"id": "a/b", "text": "x"}`, 400, "EINVALID"},
		{"no text", "/api/v1/sources", `{"id": "x"}`, 400, "EINVALID"},
		{"too large", "/api/v1/sources", `{"id": "x", "text": "` + strings.Repeat("a", 2000) + `"}`, 413, "ETOOLARGE"},
		{"changed text", "/api/v1/sources", `{"id": "001_edea92537101e3cc", "text": "another text"}`, 409, "ECONFLICT"},
		{"unknown claim", "/api/v1/candidates/candidate/nosuch/accept", ``, 404, "ENOTFOUND"},
		{"unknown action", "/api/v1/candidates/candidate/nosuch/approve", ``, 404, "ENOTFOUND"},
		{"no id", "/api/v1/candidates/accept", ``, 404, "ENOTFOUND"},
		{"decision too large", "/api/v1/candidates/candidate/x/accept", `{"note": "` + strings.Repeat("a", 100<<10) + `"}`, 413, "ETOOLARGE"},
		{"decision malformed", "/api/v1/candidates/candidate/x/accept", `{"by": }`, 400, "EINVALID"},
		{"value in a decision", "/api/v1/candidates/candidate/x/accept", `{"date": "1858"}`, 400, "EINVALID"},
		{"correct without value", "/api/v1/candidates/candidate/x/correct", `{}`, 400, "EINVALID"},
		{"correct without body", "/api/v1/candidates/candidate/x/correct", ``, 400, "EINVALID"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f.wantError("POST", c.path, auth, c.body, c.status, c.code)
		})
	}
}

// TestReviewProvision: a cession ingest proposed is in the queue and is
// accepted through the API like a claim; the next as-of counts it.
func TestReviewProvision(t *testing.T) {
	f := newFixture(t, server.Config{Token: token})
	doc := map[string]any{"id": "test-cession", "title": "A cession", "origin": "server_test", "ingest": true,
		"text": "The Treaty of Aigun was signed on 16 May 1858. China ceded the left bank of the Amur to Russia."}
	b, _ := json.Marshal(doc)
	if status, _, body := f.do("POST", "/api/v1/sources", "Bearer "+token, bytes.NewReader(b)); status != http.StatusCreated {
		t.Fatalf("POST /sources: %d %s", status, body)
	}
	var all []report.Claim
	f.get("/api/v1/candidates", &all)
	id := ""
	for _, c := range all {
		if c.Property == "cession" && len(c.Evidence) > 0 && c.Evidence[0].Source == "test-cession" {
			id = c.ID
		}
	}
	if id == "" {
		t.Fatalf("no cession candidate: %+v", all)
	}
	var got report.Claim
	status, _, body := f.do("POST", "/api/v1/candidates/"+id+"/accept", "Bearer "+token, strings.NewReader(`{"by": "tester"}`))
	if status != http.StatusOK || json.Unmarshal(body, &got) != nil || got.Status != kb.Accepted || got.Property != "cession" ||
		!strings.Contains(got.Note, "accepted by tester") {
		t.Fatalf("accept: %d %s", status, body)
	}
	f.wantError("POST", "/api/v1/candidates/"+id+"/correct", "Bearer "+token, `{"text": "x"}`, 400, "EINVALID")
	var st struct {
		Territories []struct {
			Basis []struct{ Provision string }
		}
	}
	f.get("/api/v1/asof?date=1859-01-01&territory=territory/amur-left-bank", &st)
	cites := false
	for _, b := range st.Territories[0].Basis {
		cites = cites || b.Provision == id
	}
	if !cites {
		t.Errorf("the accepted cession is not in the as-of basis: %+v", st)
	}
}
