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
	"net"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"treatyline/engine"
	"treatyline/gazetteer"
	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/kb/kbsnap"
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
	// RequestTimeout bounds the work of one request: past it, the work
	// stops and the answer is 503 ETIMEOUT (DefaultRequestTimeout when
	// 0).
	RequestTimeout time.Duration
	// AllowedHosts are the names the Host header may give besides IP
	// literals and localhost (see HostAllowed); a request naming another
	// is refused (421), so that a page on another site cannot reach this
	// server through a DNS name it points at this machine (DNS
	// rebinding). "*" allows any name. Empty: only IP literals and
	// localhost.
	AllowedHosts []string
	// Snapshot is a file the server keeps the knowledge base's records in
	// between starts (package kb/kbsnap); "" keeps none. A start whose
	// store has not changed since the file was written reads the records
	// from it rather than from the store (at a million provisions, about
	// a second rather than tens); a stale or damaged file is read past
	// and written again. SaveSnapshot writes it when the server stops.
	Snapshot string
	// Build names this binary in the snapshot's key, so that another
	// build does not take this one's file.
	Build string
}

// DefaultRequestTimeout bounds a request's work when Config does not.
const DefaultRequestTimeout = 30 * time.Second

// writeTimeout bounds the work of a write request when RequestTimeout is
// shorter.
const writeTimeout = 10 * time.Minute

// buildTimeout bounds the building of a snapshot, which is shared by the
// requests that wait for it and so does not stop when one of them leaves.
const buildTimeout = 5 * time.Minute

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
	timeout time.Duration
	hosts   map[string]bool
	anyHost bool

	// snap is the snapshot reads answer from, replaced whole: a read
	// takes no lock unless the store has changed since it was built.
	snap atomic.Pointer[snapshot]
	// mu serialises what replaces the snapshot: building it, and the
	// server's own writes, each of which updates it when it can (see
	// write). It guards past and pastGen.
	mu sync.Mutex
	// past are snapshots of the knowledge base as it stood at record
	// times asked for (recorded_at), a few kept until a write.
	past map[time.Time]*snapshot
	// pastGen is the store's generation the record-time snapshots were
	// built at.
	pastGen int64

	snapPath, build string // see Config.Snapshot and Build
	savedKey        string // the key the snapshot file was last read or written under; guarded by mu
	// wholeReads counts the snapshots built by reading the store whole
	// (or the snapshot file), not by catching up; guarded by mu.
	wholeReads int

	cacheMu sync.Mutex // guards lengths and gen
	// lengths are the sources' lengths in code points (-1 for a source
	// stored without its text), remembered until a write.
	lengths map[string]int
	gen     uint64 // counts writes
}

// maxPast is how many record-time snapshots the server keeps.
const maxPast = 4

// snapshot is what the server computes once from the store and keeps until
// the store changes (its Generation moves, by this server's writes or by
// another process, such as the command line): the engine, and, computed
// on first use, the name index, the places found in the gazetteer, the
// conflicts and the review queue — at a million provisions the start is
// the engine's alone.
type snapshot struct {
	gen int64
	// mark is where the store stood when the snapshot's records were
	// read, or an earlier point (zero when the store cannot tell what
	// changed since: kb.ChangeReader): the snapshot holds everything the
	// store recorded up to it, and what the store recorded after it is
	// what catchUp brings in.
	mark     kb.Mark
	eng      *engine.Engine
	entities []kb.Entity
	sources  []kb.Source // without texts
	shared   *entityViews

	mu         sync.Mutex
	conflicts  map[kb.Status][]report.Group
	candidates []report.Claim
	spans      map[string][]span // provision evidence spans by source
}

// entityViews are what a snapshot computes from its entities on first
// use; a snapshot updated for claims and provisions shares them.
type entityViews struct {
	entities  []kb.Entity
	indexOnce sync.Once
	index     *kb.Index
	placeOnce sync.Once
	placed    map[string]gazetteer.Match
	placeErr  error
}

// nameIndex gives the index of the entities' names, made on first use.
func (sn *snapshot) nameIndex() *kb.Index {
	v := sn.shared
	v.indexOnce.Do(func() { v.index = kb.NewIndex(v.entities) })
	return v.index
}

// places gives the places found by name in the gazetteer for the
// entities of a place kind that have no geometry of their own, found on
// first use.
func (sn *snapshot) places() (map[string]gazetteer.Match, error) {
	v := sn.shared
	v.placeOnce.Do(func() { v.placed, v.placeErr = place(v.entities) })
	return v.placed, v.placeErr
}

// New makes a server over a store.
func New(st kb.Store, c Config) (*Server, error) {
	s := &Server{store: st, token: c.Token, now: c.Now, maxBody: c.MaxSourceBytes, log: c.Log, mux: http.NewServeMux(), lengths: map[string]int{},
		timeout: c.RequestTimeout, hosts: map[string]bool{}, snapPath: c.Snapshot, build: c.Build}
	if s.timeout == 0 {
		s.timeout = DefaultRequestTimeout
	}
	for _, h := range c.AllowedHosts {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "*" {
			s.anyHost = true
		}
		if h != "" {
			s.hosts[strings.TrimSuffix(h, ".")] = true
		}
	}
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

// ServeHTTP answers a request, within the request deadline, and only for
// a Host it answers to.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("Referrer-Policy", "no-referrer")
	if !s.HostAllowed(r.Host) {
		s.fail(w, r, errorf(http.StatusMisdirectedRequest, "EHOST",
			"Host %q: this server does not answer to that name (start it with --allowed-hosts to add one)", r.Host))
		return
	}
	if strings.Contains(r.URL.RawQuery, "pretty") {
		if _, err := boolParam(r.URL.Query(), "pretty"); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	timeout := s.timeout
	if r.Method == http.MethodPost {
		// A write (a 50 MB document to ingest) may take longer than a
		// read; it is still bounded, and stops when the client leaves.
		timeout = max(timeout, writeTimeout)
	}
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()
	rc := r.WithContext(ctx)
	if rc.Method == http.MethodGet || rc.Method == http.MethodHead {
		rc.Form = r.URL.Query() // parsed once: see queryOf
	}
	s.mux.ServeHTTP(w, rc)
}

// HostAllowed reports whether the server answers a request whose Host
// header is host: an IP literal (a DNS-rebinding page reaches the server
// through a name, never through an address), localhost, or a name of
// Config.AllowedHosts. A request without Host (HTTP/1.0) is allowed.
func (s *Server) HostAllowed(host string) bool {
	if host == "" || s.anyHost {
		return true
	}
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	name = strings.TrimSuffix(strings.ToLower(strings.Trim(name, "[]")), ".")
	if net.ParseIP(name) != nil || name == "localhost" || strings.HasSuffix(name, ".localhost") {
		return true
	}
	return s.hosts[name]
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
	files := http.FileServerFS(noListings{page})
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			s.fail(w, r, errorf(http.StatusMethodNotAllowed, "EMETHOD", "%s %s: method not allowed (allowed: GET, HEAD)", r.Method, r.URL.Path))
			return
		}
		files.ServeHTTP(w, r)
	})
}

// current gives the snapshot, building it when the store has changed
// since it was built: by a write of this server that could not update it,
// or of another process on the same store (the command line's review or
// ingest), which the store's Generation tells. A snapshot as new as the
// store is found without a lock. A build holds mu, so that a write's
// update, which waits for it, is never overtaken by a build that read
// the store before the write. The build is shared by every request
// waiting for it, so it is bounded by buildTimeout rather than by one
// request's deadline, and a client that leaves does not stop it.
func (s *Server) current(ctx context.Context) (*snapshot, error) {
	gen, err := s.store.Generation(ctx)
	if err != nil {
		return nil, err
	}
	if sn := s.snap.Load(); sn != nil && sn.gen >= gen {
		return sn, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sn := s.snap.Load()
	if sn != nil && sn.gen >= gen {
		return sn, nil
	} else if sn != nil {
		s.forget()
	}
	bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), buildTimeout)
	defer cancel()
	if sn != nil {
		if next, ok := s.catchUp(bctx, sn); ok {
			s.snap.Store(next)
			go s.warm(next)
			return next, nil
		}
	}
	// The mark (or the generation) read before the build: a write during
	// it makes the next request catch up with it, or build again.
	var mark kb.Mark
	if cr, ok := s.store.(kb.ChangeReader); ok {
		m, err := cr.Mark(bctx)
		if err != nil {
			return nil, err
		}
		mark, gen = m, m.Generation
	}
	snap, err := s.buildCurrent(bctx)
	if err != nil {
		return nil, err
	}
	snap.gen, snap.mark = gen, mark
	s.snap.Store(snap)
	go s.warm(snap)
	return snap, nil
}

// catchUp brings a snapshot up to the store by what the store recorded
// since the snapshot's mark (kb.ChangeReader), whoever wrote it: the
// engine updated for the claims, provisions and entities changed (in
// milliseconds; an entity added moves the engine's lists, which are made
// again), or, when an entity was merged into another or changed kind,
// built afresh from the snapshot's records with the changed ones written
// over them — never by reading the store whole, which at a million
// provisions takes half a minute. It reports false when the store cannot
// tell what changed (then the caller reads the store whole). The caller
// holds mu.
func (s *Server) catchUp(ctx context.Context, sn *snapshot) (*snapshot, bool) {
	cr, ok := s.store.(kb.ChangeReader)
	if !ok || sn.mark.At.IsZero() {
		return nil, false
	}
	ch, err := cr.ChangesSince(ctx, sn.mark)
	if err != nil {
		s.log.Printf("catch up with the store: %v (reading it whole)", err)
		return nil, false
	}
	if len(ch.Entities) == 0 && !ch.Sources {
		next := sn.updated(ch.Claims, ch.Provisions, ch.Mark.Generation)
		next.mark = ch.Mark
		return next, true
	}
	// Entities changed or added update the engine too, its compiled
	// answers carried over; one merged into another, or of another kind
	// now, rebuilds it over its records with the changed ones merged in.
	ents := report.MergeChanged(sn.entities, ch.Entities, func(e *kb.Entity) string { return e.ID }, report.EntityOrder, report.Unmerged)
	var eng *engine.Engine
	if !slices.ContainsFunc(ch.Entities, func(e kb.Entity) bool { return e.MergedInto != "" }) {
		eng, _ = sn.eng.UpdateEntities(ch.Entities, ch.Claims, ch.Provisions)
	}
	if eng == nil {
		claims, provs := withChanges(sn.eng, ch)
		eng = engine.NewShared(ents, claims, provs)
	}
	next, err := newSnapshot(ctx, s.store, ents, eng)
	if err != nil {
		s.log.Printf("catch up with the store: %v (reading it whole)", err)
		return nil, false
	}
	next.gen, next.mark = ch.Mark.Generation, ch.Mark
	return next, true
}

// withChanges gives an engine's claims and provisions with what changed
// written over them, in the order the store lists them
// (report.MergeChanged), so that the engine built from them is the one a
// read of the whole store builds. They are the engine's own where they
// did not change.
func withChanges(eng *engine.Engine, ch kb.Changed) ([]*kb.Claim, []*kb.Provision) {
	claims, provs := eng.Refs()
	return report.MergeChanged(claims, refs(ch.Claims), func(c **kb.Claim) string { return (*c).ID },
			func(a, b **kb.Claim) int { return report.ClaimOrder(*a, *b) }, nil),
		report.MergeChanged(provs, refs(ch.Provisions), func(p **kb.Provision) string { return (*p).ID },
			func(a, b **kb.Provision) int { return report.ProvisionOrder(*a, *b) }, nil)
}

// refs gives references to the elements of xs.
func refs[T any](xs []T) []*T {
	out := make([]*T, len(xs))
	for i := range xs {
		out[i] = &xs[i]
	}
	return out
}

// warm prepares a new snapshot's engine in the background while the
// server answers: what the first review decision's update needs, then
// the consensus computed whole (at a million provisions, seconds of work
// that would otherwise fall on the first question about each territory).
// It stops when the snapshot is replaced.
func (s *Server) warm(sn *snapshot) {
	sn.eng.PrepareUpdates()
	sn.eng.Warm(engine.Perspective{}, func() bool { return s.snap.Load() != sn })
}

// forget drops what is remembered of the store beside the snapshot after
// it changed: the sources' lengths and the record-time snapshots. The
// caller holds mu.
func (s *Server) forget() {
	clear(s.past)
	s.cacheMu.Lock()
	clear(s.lengths)
	s.gen++
	s.cacheMu.Unlock()
}

// recorded gives the snapshot of the knowledge base as it stood at record
// time at, built on first use; a few are kept until the store changes (a
// write can add to a time that has not passed yet). Its build is bounded
// as current's is.
func (s *Server) recorded(ctx context.Context, at time.Time) (*snapshot, error) {
	gen, err := s.store.Generation(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if gen != s.pastGen {
		clear(s.past)
		s.pastGen = gen
	}
	if snap, ok := s.past[at]; ok {
		return snap, nil
	}
	bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), buildTimeout)
	defer cancel()
	rd, err := s.store.AsRecorded(bctx, at)
	if err != nil {
		return nil, err
	}
	snap, err := build(bctx, rd)
	if err != nil {
		return nil, err
	}
	snap.gen = gen
	if len(s.past) >= maxPast {
		clear(s.past)
	}
	if s.past == nil {
		s.past = map[time.Time]*snapshot{}
	}
	s.past[at] = snap
	return snap, nil
}

// build computes a snapshot from a reader: the store as it stands, or as
// it stood at a record time.
func build(ctx context.Context, rd kb.Reader) (*snapshot, error) {
	ents, err := rd.Entities(ctx, "")
	if err != nil {
		return nil, err
	}
	claims, err := rd.Claims(ctx, kb.ClaimFilter{})
	if err != nil {
		return nil, err
	}
	provs, err := rd.Provisions(ctx, "")
	if err != nil {
		return nil, err
	}
	return newSnapshot(ctx, rd, ents, engine.New(ents, claims, provs))
}

// newSnapshot makes a snapshot of an engine over the entities ents, with
// the sources of rd.
func newSnapshot(ctx context.Context, rd kb.Reader, ents []kb.Entity, eng *engine.Engine) (*snapshot, error) {
	srcs, err := rd.Sources(ctx)
	if err != nil {
		return nil, err
	}
	return &snapshot{eng: eng, entities: ents, sources: srcs, shared: &entityViews{entities: ents}}, nil
}

// buildCurrent builds the snapshot of the store as it stands: from the
// snapshot file when the server keeps one and it was written for the
// store as it is now, else from the store (writing the file for the next
// start). The caller holds mu.
func (s *Server) buildCurrent(ctx context.Context) (*snapshot, error) {
	s.wholeReads++
	if s.snapPath == "" {
		return build(ctx, s.store)
	}
	key, err := report.SnapshotKey(ctx, s.store, s.build)
	if err != nil {
		return nil, err
	}
	recs, use, err := report.LoadRecordsCached(ctx, s.store, s.snapPath, key)
	if err != nil {
		return nil, err
	}
	if use.WriteErr != nil {
		s.log.Printf("snapshot: %v (the next start reads the store)", use.WriteErr)
	} else {
		s.savedKey = key
	}
	return newSnapshot(ctx, s.store, recs.Entities, engine.New(recs.Entities, recs.Claims, recs.Provisions))
}

// SaveSnapshot writes the snapshot file (Config.Snapshot) for the store as
// the server now holds it, so that the next start need not read the
// store: when the server's engine is as new as the store and the file
// was not written for this state already. The records are written in
// the order the store lists them (those an update added are merged into
// their places), so that a start reading the file builds the engine a
// start reading the store would. A server calls it as it stops.
func (s *Server) SaveSnapshot(ctx context.Context) error {
	if s.snapPath == "" {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sn := s.snap.Load()
	if sn == nil {
		return nil
	}
	// The key names the generation it was taken at: the one read either
	// side of it must be the engine's.
	before, err := s.store.Generation(ctx)
	if err != nil || before != sn.gen {
		return err
	}
	key, err := report.SnapshotKey(ctx, s.store, s.build)
	if err != nil {
		return err
	}
	if after, err := s.store.Generation(ctx); err != nil || after != before || key == s.savedKey {
		return err
	}
	ents, claims, provs, inOrder := sn.eng.Records()
	recs := &kbsnap.Snapshot{Key: key, Entities: ents, Claims: claims, Provisions: provs}
	if !inOrder {
		report.InStoreOrder(recs)
	}
	if err := kbsnap.WriteFile(s.snapPath, recs); err != nil {
		return err
	}
	s.savedKey = key
	return nil
}

// updated gives the snapshot with the engine updated for changed claims
// and provisions, at the store's generation gen (its mark kept: catching
// up from it again brings the same records in); the rest (entities,
// sources, places) is shared, and the conflicts, review queue and spans
// are computed again on first use.
func (sn *snapshot) updated(claims []kb.Claim, provs []kb.Provision, gen int64) *snapshot {
	return &snapshot{gen: gen, mark: sn.mark, eng: sn.eng.Update(claims, provs), entities: sn.entities, sources: sn.sources, shared: sn.shared}
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

// noListings serves the files of a file system and no folder listing: a
// folder without index.html is not found.
type noListings struct{ fs.FS }

// Open opens a file, or a folder that has an index.html.
func (n noListings) Open(name string) (fs.File, error) {
	f, err := n.FS.Open(name)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if info.IsDir() {
		index, err := n.FS.Open(path.Join(name, "index.html"))
		if err != nil {
			f.Close()
			return nil, fs.ErrNotExist
		}
		index.Close()
	}
	return f, nil
}

// conflictGroups gives the conflicts over the claims of a status ("" for
// candidate and accepted), computed once per snapshot. The computation
// stops when ctx is done; what a stopped computation did is not kept.
func (sn *snapshot) conflictGroups(ctx context.Context, st kb.Store, status kb.Status) ([]report.Group, error) {
	sn.mu.Lock()
	defer sn.mu.Unlock()
	if g, ok := sn.conflicts[status]; ok {
		return g, nil
	}
	claims, err := st.Claims(ctx, kb.ClaimFilter{Status: status})
	if err != nil {
		return nil, err
	}
	g, err := report.Conflicts(ctx, claims, "")
	if err != nil {
		return nil, err
	}
	if sn.conflicts == nil {
		sn.conflicts = map[kb.Status][]report.Group{}
	}
	sn.conflicts[status] = g
	return g, nil
}

// reviewQueue gives the candidates, computed once per snapshot.
func (sn *snapshot) reviewQueue(ctx context.Context, st kb.Store) ([]report.Claim, error) {
	sn.mu.Lock()
	defer sn.mu.Unlock()
	if sn.candidates != nil {
		return sn.candidates, nil
	}
	cs, err := report.Candidates(ctx, st)
	if err != nil {
		return nil, err
	}
	sn.candidates = cs
	return cs, nil
}

// provisionSpans gives the evidence spans of the current provisions by
// source, computed once per snapshot.
func (sn *snapshot) provisionSpans(ctx context.Context, st kb.Store) (map[string][]span, error) {
	sn.mu.Lock()
	defer sn.mu.Unlock()
	if sn.spans != nil {
		return sn.spans, nil
	}
	provs, err := st.Provisions(ctx, "")
	if err != nil {
		return nil, err
	}
	spans := map[string][]span{}
	for _, p := range provs {
		for _, e := range p.Evidence {
			spans[e.Source] = append(spans[e.Source], span{Start: e.Position.Start, End: e.Position.End, Quote: e.Quote.Exact, Provision: p.ID,
				Subject: p.Treaty, Property: p.Type, ValueText: provisionText(p), Status: p.Status, Rank: p.Rank})
		}
	}
	sn.spans = spans
	return spans, nil
}
