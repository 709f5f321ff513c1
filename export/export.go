// Package export writes the knowledge base in the formats of the field —
// CSV, JSON Lines, GeoJSON, Linked Places Format 1.2, JSON-LD (schema.org
// with W3C Web Annotation evidence) and Wikidata QuickStatements — and
// reads JSON Lines back. Writers stream: claims and provisions are handed
// to them one at a time (kb.Streamer), so an export of any size holds a
// page of them in memory; the geographic formats also hold the engine's
// model of the holdings, which the server keeps anyway.
package export

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"treatyline/engine"
	"treatyline/histdate"
	"treatyline/kb"
)

// Formats lists the formats Write takes, for help and validation.
var Formats = []string{"csv", "jsonl", "geojson", "lpf", "jsonld", "quickstatements"}

// MediaType gives the HTTP content type of a format.
func MediaType(format string) string {
	switch format {
	case "csv":
		return "text/csv; charset=utf-8"
	case "jsonl":
		return "application/x-ndjson"
	case "geojson":
		return "application/geo+json"
	case "lpf":
		return "application/ld+json"
	case "jsonld":
		return "application/ld+json"
	case "quickstatements":
		return "text/tab-separated-values; charset=utf-8"
	}
	return "application/octet-stream"
}

// Options select what is exported.
type Options struct {
	// Sources keeps the claims and provisions these sources evidence (nil
	// for all), and the entities they name.
	Sources map[string]bool
	// On keeps what had happened by this day: claims and provisions none
	// of whose dates begin after it; the geographic formats give the
	// holder on that day. Zero for no limit.
	On histdate.JDN
	// Table is the CSV table: claims (the default), provisions or
	// entities.
	Table string
	// Base is the IRI that ids are made absolute with in JSON-LD and LPF
	// ("urn:treatyline:" by default).
	Base string
}

func (o Options) base() string {
	if o.Base == "" {
		return "urn:treatyline:"
	}
	return o.Base
}

// Reader is what an export reads: a store, streamed where it can be.
type Reader struct {
	Store kb.Store
	// Engine computes the holdings for the geographic formats; nil builds
	// none (the features carry no holdings).
	Engine *engine.Engine
}

// eachClaim streams the claims the options keep.
func (r Reader) eachClaim(ctx context.Context, o Options, fn func(kb.Claim) error) error {
	keep := func(c kb.Claim) error {
		if !o.keepEvidence(c.Evidence) || !o.keepDates(c) {
			return nil
		}
		return fn(c)
	}
	if s, ok := r.Store.(kb.Streamer); ok {
		return s.EachClaim(ctx, kb.ClaimFilter{}, keep)
	}
	cs, err := r.Store.Claims(ctx, kb.ClaimFilter{})
	if err != nil {
		return err
	}
	for _, c := range cs {
		if err := keep(c); err != nil {
			return err
		}
	}
	return nil
}

// eachProvision streams the provisions the options keep.
func (r Reader) eachProvision(ctx context.Context, o Options, dates map[string]histdate.JDN, fn func(kb.Provision) error) error {
	keep := func(p kb.Provision) error {
		if !o.keepEvidence(p.Evidence) {
			return nil
		}
		if o.On != 0 && dates != nil {
			if d, ok := dates[p.Treaty]; !ok || d > o.On {
				return nil
			}
		}
		return fn(p)
	}
	if s, ok := r.Store.(kb.Streamer); ok {
		return s.EachProvision(ctx, keep)
	}
	ps, err := r.Store.Provisions(ctx, "")
	if err != nil {
		return err
	}
	for _, p := range ps {
		if err := keep(p); err != nil {
			return err
		}
	}
	return nil
}

// treatyDates gives the first day each treaty (or dated event) can have
// happened, from its signed, in_force and point_in_time claims: a
// provision is kept on a day only when its treaty may have been made by
// then.
func (r Reader) treatyDates(ctx context.Context, o Options) (map[string]histdate.JDN, error) {
	if o.On == 0 {
		return nil, nil
	}
	out := map[string]histdate.JDN{}
	err := r.eachClaim(ctx, Options{Sources: o.Sources}, func(c kb.Claim) error {
		switch c.Property {
		case "signed", "in_force", "point_in_time":
		default:
			return nil
		}
		if c.Status == kb.Rejected {
			return nil
		}
		d, err := c.Value.Date()
		if err != nil {
			return nil
		}
		if cur, ok := out[c.Subject]; !ok || d.Earliest() < cur {
			out[c.Subject] = d.Earliest()
		}
		return nil
	})
	return out, err
}

func (o Options) keepEvidence(ev []kb.Evidence) bool {
	if o.Sources == nil {
		return true
	}
	for _, e := range ev {
		if o.Sources[e.Source] {
			return true
		}
	}
	return false
}

// keepDates keeps a claim when every date it gives (its value, its time
// qualifiers) may have begun by the day of the options.
func (o Options) keepDates(c kb.Claim) bool {
	if o.On == 0 {
		return true
	}
	check := func(v kb.Value) bool {
		if v.Type != kb.TDate {
			return true
		}
		d, err := v.Date()
		return err != nil || d.Earliest() <= o.On
	}
	if !check(c.Value) {
		return false
	}
	for _, q := range c.Qualifiers {
		if !check(q) {
			return false
		}
	}
	return true
}

// Write writes the store in a format to w, streaming.
func Write(ctx context.Context, w io.Writer, format string, r Reader, o Options) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	switch format {
	case "csv":
		err = writeCSV(ctx, bw, r, o)
	case "jsonl":
		err = writeJSONL(ctx, bw, r, o)
	case "geojson":
		err = writeGeoJSON(ctx, bw, r, o)
	case "lpf":
		err = writeLPF(ctx, bw, r, o)
	case "jsonld":
		err = writeJSONLD(ctx, bw, r, o)
	case "quickstatements":
		err = writeQuickStatements(ctx, bw, r, o)
	default:
		return kb.Errorf(kb.EINVALID, "unknown export format %q (want one of %s)", format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// refs collects the entity ids the exported claims and provisions name,
// when a filter needs them (nil otherwise: an export of everything names
// every entity, and keeping a set of them would grow with the store).
type refs map[string]bool

// newRefs gives the set a filter needs, or nil.
func newRefs(o Options) refs {
	if o.Sources == nil && o.On == 0 {
		return nil
	}
	return refs{}
}

func (rs refs) claim(c kb.Claim) {
	if rs == nil {
		return
	}
	rs[c.Subject] = true
	if c.Value.Entity != "" {
		rs[c.Value.Entity] = true
	}
	for _, q := range c.Qualifiers {
		if q.Entity != "" {
			rs[q.Entity] = true
		}
	}
}

func (rs refs) provision(p kb.Provision) {
	if rs == nil {
		return
	}
	rs[p.Treaty] = true
	for _, l := range [][]string{p.Grantors, p.Grantees, p.Objects, p.Excludes} {
		for _, id := range l {
			rs[id] = true
		}
	}
}

// eachEntity streams the entities to export: all of them, or with a
// filter those the exported records name.
func (r Reader) eachEntity(ctx context.Context, o Options, named refs, fn func(kb.Entity) error) error {
	keep := func(e kb.Entity) error {
		if (o.Sources != nil || o.On != 0) && !named[e.ID] {
			return nil
		}
		return fn(e)
	}
	if s, ok := r.Store.(kb.Streamer); ok {
		return s.EachEntity(ctx, "", keep)
	}
	all, err := r.Store.Entities(ctx, "")
	if err != nil {
		return err
	}
	for _, e := range all {
		if err := keep(e); err != nil {
			return err
		}
	}
	return nil
}

// labels gives entities' English labels, remembering a bounded number of
// them, so that a stream of claims can name its subjects in memory that
// does not grow with the store.
type labels struct {
	ctx   context.Context
	store kb.Store
	m     map[string]string
}

const maxLabels = 50000

func newLabels(ctx context.Context, st kb.Store) *labels {
	return &labels{ctx: ctx, store: st, m: map[string]string{}}
}

func (l *labels) of(id string) string {
	if id == "" {
		return ""
	}
	if s, ok := l.m[id]; ok {
		return s
	}
	e, err := l.store.Entity(l.ctx, id)
	s := ""
	if err == nil {
		s = e.Label("en")
	}
	if len(l.m) >= maxLabels {
		clear(l.m)
	}
	l.m[id] = s
	return s
}

// sources gives the sources to export, without their texts unless
// withText: those the options name, or all.
func (r Reader) sources(ctx context.Context, o Options, withText bool) ([]kb.Source, error) {
	all, err := r.Store.Sources(ctx)
	if err != nil {
		return nil, err
	}
	var out []kb.Source
	for _, s := range all {
		if o.Sources != nil && !o.Sources[s.ID] {
			continue
		}
		if withText {
			full, err := r.Store.Source(ctx, s.ID)
			if err != nil {
				return nil, err
			}
			s = full
		}
		out = append(out, s)
	}
	return out, nil
}

// errWriter keeps the first write error, so that writers can print freely
// and check once.
type errWriter struct {
	w     *bufio.Writer
	err   error
	elems int // elements written by element
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

func (e *errWriter) write(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

// element writes v as JSON, the next element of the one array whose
// opening bracket has been written: each on a line of its own, a comma
// after all but the last.
func (e *errWriter) element(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if e.elems > 0 {
		e.printf(",")
	}
	e.printf("\n")
	e.write(b)
	e.elems++
	return e.err
}

// ParseOptions reads the options as users write them: a comma-separated
// list of source ids, each of which must be stored; a day in any form
// histdate reads (a month or year is taken at its first day); a CSV
// table.
func ParseOptions(sources, on, table string, stored []kb.Source) (Options, error) {
	var o Options
	if strings.TrimSpace(sources) != "" {
		known := map[string]bool{}
		for _, s := range stored {
			known[s.ID] = true
		}
		o.Sources = map[string]bool{}
		for _, s := range strings.Split(sources, ",") {
			s = strings.TrimSpace(s)
			if s == "" {
				continue
			}
			if !known[s] {
				return o, kb.Errorf(kb.EINVALID, "sources: no source %q", s)
			}
			o.Sources[s] = true
		}
	}
	if on = strings.TrimSpace(on); on != "" {
		d, err := histdate.Parse(on, histdate.Options{})
		if err != nil {
			return o, kb.Errorf(kb.EINVALID, "on: %v", err)
		}
		if d.Earliest() == histdate.MinJDN {
			return o, kb.Errorf(kb.EINVALID, "on: date %q has no start", on)
		}
		o.On = d.Earliest()
	}
	switch table {
	case "", "claims", "provisions", "entities":
		o.Table = table
	default:
		return o, kb.Errorf(kb.EINVALID, "table: unknown CSV table %q (want claims, provisions or entities)", table)
	}
	return o, nil
}
