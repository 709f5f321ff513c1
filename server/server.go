// Package server is treatyline's HTTP adapter: a JSON API under /api/v1
// over a kb.Store and the engine, and the embedded web page at "/". It
// only adapts: the answers are computed by the domain packages and shaped
// by internal/report, so that the API and the command line's --json give
// the same bytes. docs/api.md describes every route.
//
// Reading is open. Writing (every POST) needs the bearer token the server
// was configured with, or a reviewer's token stored in the store (whose
// name is then recorded with every decision); a server with neither
// refuses every write.
package server

import (
	"context"
	"io"
	"io/fs"
	"log"
	"net/http"
	"strings"
	"sync"
	"time"

	"treatyline/engine"
	"treatyline/gazetteer"
	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/web"
)

// Config sets up a Server. The zero value is a read-only server over the
// embedded web page.
type Config struct {
	// Token is the bearer token every write must bring; "" refuses every
	// write.
	Token string
	// Now is the clock review decisions are recorded by (time.Now when
	// nil).
	Now func() time.Time
	// Page is the web page served at "/", its root holding index.html
	// (the embedded web page when nil).
	Page fs.FS
	// MaxSourceBytes bounds the body of POST /sources
	// (report.MaxSourceBytes, plus room for the JSON around the text, when
	// 0).
	MaxSourceBytes int64
	// Log receives what went wrong inside the server (5xx answers);
	// nothing is logged when nil.
	Log *log.Logger
}

// maxWriteBody bounds the body of a review decision or correction.
const maxWriteBody = 64 << 10

// maxQueryText bounds a date or search text: longer ones are refused
// before they are read.
const maxQueryText = 1000

// Server answers the API and serves the web page. Its methods are safe for
// concurrent use.
type Server struct {
	store   kb.Store
	token   string
	now     func() time.Time
	maxBody int64
	log     *log.Logger
	mux     *http.ServeMux

	mu   sync.Mutex
	snap *snapshot // nil after a write: built again on the next read
	// lengths are the sources' lengths in code points (-1 for a source
	// stored without its text), remembered until a write.
	lengths map[string]int
	gen     uint64 // counts writes
	// past are snapshots of the knowledge base as it stood at record
	// times asked for (recorded_at), a few kept until a write.
	past map[time.Time]*snapshot
	// storeGen is the store's generation the snapshot was built at, for
	// a store that counts its writes.
	storeGen int64
}

// generations is a store that counts the writes committed to it, by any
// program (store/postgres).
type generations interface {
	Generation(ctx context.Context) (int64, error)
}

// maxPast is how many record-time snapshots the server keeps.
const maxPast = 4

// snapshot is what the server computes once from the store and keeps until
// a write: the engine and the name index.
type snapshot struct {
	eng      *engine.Engine
	entities []kb.Entity
	index    *kb.Index
	sources  []kb.Source // without texts
	// placed are the places found by name in the gazetteer for the
	// entities of a place kind that have no geometry of their own.
	placed map[string]gazetteer.Match
}

// New makes a server over a store.
func New(st kb.Store, c Config) (*Server, error) {
	s := &Server{store: st, token: c.Token, now: c.Now, maxBody: c.MaxSourceBytes, log: c.Log, mux: http.NewServeMux(), lengths: map[string]int{}}
	if s.now == nil {
		s.now = time.Now
	}
	if s.maxBody == 0 {
		s.maxBody = report.MaxSourceBytes + 1<<20
	}
	if s.log == nil {
		s.log = log.New(io.Discard, "", 0)
	}
	page := c.Page
	if page == nil {
		sub, err := fs.Sub(web.FS, "static")
		if err != nil {
			return nil, err
		}
		page = sub
	}
	s.routes(page)
	return s, nil
}

// ReadOnly reports whether the server refuses every write (no token).
func (s *Server) ReadOnly() bool { return s.token == "" }

// contentSecurityPolicy lets the page load its scripts, styles, images and
// data from this server alone, and nothing inline.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
	"font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// ServeHTTP answers a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("Referrer-Policy", "no-referrer")
	s.mux.ServeHTTP(w, r)
}

// routes registers every route. A path's methods are registered with it,
// and the path alone answers other methods with a JSON 405.
func (s *Server) routes(page fs.FS) {
	type route struct {
		method, path string
		h            http.HandlerFunc
	}
	const v1 = "/api/v1"
	routes := []route{
		{"GET", v1 + "/search", s.read(s.search)},
		{"GET", v1 + "/entities", s.read(s.entities)},
		{"POST", v1 + "/entities", s.write(s.addEntity)},
		{"GET", v1 + "/entities/{id...}", s.read(s.entity)},
		{"POST", v1 + "/entities/{id...}", s.write(s.decideEntity)},
		{"GET", v1 + "/review/entities", s.read(s.entityCandidates)},
		{"POST", v1 + "/review/accept-all", s.write(s.acceptAll)},
		{"GET", v1 + "/geo", s.geo},
		{"GET", v1 + "/sources", s.read(s.sources)},
		{"POST", v1 + "/sources", s.write(s.addSource)},
		{"GET", v1 + "/sources/{id}", s.read(s.source)},
		{"GET", v1 + "/asof", s.read(s.asof)},
		{"GET", v1 + "/history", s.read(s.history)},
		{"GET", v1 + "/versions", s.read(s.versions)},
		{"GET", v1 + "/timeline", s.read(s.timeline)},
		{"GET", v1 + "/status", s.read(s.status)},
		{"GET", v1 + "/conflicts", s.read(s.conflicts)},
		{"GET", v1 + "/date", s.read(s.date)},
		{"GET", v1 + "/candidates", s.read(s.candidates)},
		{"POST", v1 + "/candidates/{path...}", s.write(s.review)},
		{"GET", v1 + "/reconcile", s.reconcile},
		{"POST", v1 + "/reconcile", s.reconcile},
		{"GET", v1 + "/reconcile/preview", s.reconcilePreview},
		{"GET", v1 + "/reconcile/suggest/{kind}", s.read(s.reconcileSuggest)},
		{"GET", v1 + "/reconcile/properties", s.read(s.reconcileProposeProperties)},
		{"GET", v1 + "/export", s.export},
	}
	allowed := map[string][]string{}
	var paths []string
	for _, rt := range routes {
		s.mux.HandleFunc(rt.method+" "+rt.path, rt.h)
		if allowed[rt.path] == nil {
			paths = append(paths, rt.path)
		}
		allowed[rt.path] = append(allowed[rt.path], rt.method)
		if rt.method == "GET" {
			allowed[rt.path] = append(allowed[rt.path], "HEAD")
		}
	}
	for _, p := range paths {
		allow := strings.Join(allowed[p], ", ")
		s.mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", allow)
			s.fail(w, r, errorf(http.StatusMethodNotAllowed, "EMETHOD", "%s %s: method not allowed (allowed: %s)", r.Method, r.URL.Path, allow))
		})
	}
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, errorf(http.StatusNotFound, "ENOTFOUND", "no route %s (see docs/api.md)", r.URL.Path))
	})
	files := http.FileServerFS(page)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			s.fail(w, r, errorf(http.StatusMethodNotAllowed, "EMETHOD", "%s %s: method not allowed (allowed: GET, HEAD)", r.Method, r.URL.Path))
			return
		}
		files.ServeHTTP(w, r)
	})
}

// current gives the snapshot, building it when a write has dropped it.
// It holds the lock while it builds, so that a write's invalidation,
// which waits for the lock, is never overtaken by a build that read the
// store before the write.
func (s *Server) current(ctx context.Context) (*snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// A store that counts its writes (store/postgres) tells of writes by
	// other programs: another server, a reviewer's command line.
	var gen int64
	counted, ok := s.store.(generations)
	if ok {
		g, err := counted.Generation(ctx)
		if err != nil {
			return nil, err
		}
		gen = g
		if s.snap != nil && gen != s.storeGen {
			s.snap = nil
			clear(s.past)
		}
	}
	if s.snap != nil {
		return s.snap, nil
	}
	snap, err := build(ctx, s.store)
	if err != nil {
		return nil, err
	}
	s.snap, s.storeGen = snap, gen
	return s.snap, nil
}

// recorded gives the snapshot of the knowledge base as it stood at record
// time at, built on first use; a few are kept until a write (which can
// add to a time that has not passed yet).
func (s *Server) recorded(ctx context.Context, at time.Time) (*snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if snap, ok := s.past[at]; ok {
		return snap, nil
	}
	rd, err := s.store.AsRecorded(ctx, at)
	if err != nil {
		return nil, err
	}
	snap, err := build(ctx, rd)
	if err != nil {
		return nil, err
	}
	if len(s.past) >= maxPast {
		clear(s.past)
	}
	if s.past == nil {
		s.past = map[time.Time]*snapshot{}
	}
	s.past[at] = snap
	return snap, nil
}

// build computes a snapshot from a reader.
func build(ctx context.Context, rd kb.Reader) (*snapshot, error) {
	eng, err := report.LoadEngine(ctx, rd)
	if err != nil {
		return nil, err
	}
	ents, err := rd.Entities(ctx, "")
	if err != nil {
		return nil, err
	}
	srcs, err := rd.Sources(ctx)
	if err != nil {
		return nil, err
	}
	placed, err := place(ents)
	if err != nil {
		return nil, err
	}
	return &snapshot{eng: eng, entities: ents, index: kb.NewIndex(ents), sources: srcs, placed: placed}, nil
}

// place finds in the gazetteer the entities of a place kind that have no
// geometry, reading the gazetteer only when there is one to find.
func place(ents []kb.Entity) (map[string]gazetteer.Match, error) {
	out := map[string]gazetteer.Match{}
	var g *gazetteer.Gazetteer
	for _, e := range ents {
		if e.Geometry != nil || e.Status == kb.Rejected || !gazetteer.Placeable(e.Kind) {
			continue
		}
		if g == nil {
			var err error
			if g, err = gazetteer.Default(); err != nil {
				return nil, err
			}
		}
		if m, ok := g.Find(e); ok {
			out[e.ID] = m
		}
	}
	return out, nil
}

// invalidate drops the snapshot after a write, so that the next read sees
// it.
func (s *Server) invalidate() {
	s.mu.Lock()
	s.snap = nil
	clear(s.past)
	s.gen++
	clear(s.lengths)
	s.mu.Unlock()
}
