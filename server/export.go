package server

import (
	"net/http"

	"treatyline/export"
	"treatyline/kb"
)

// export answers GET /export?format=&sources=&on=&table=: the store, or
// the part the parameters select, in a format of the field, streamed as
// it is read (docs/export.md). The options are checked before anything is
// written; an error while streaming ends the answer early, and is logged.
func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = "jsonl"
	}
	known := false
	for _, f := range export.Formats {
		known = known || f == format
	}
	if !known {
		s.fail(w, r, kb.Errorf(kb.EINVALID, "format: unknown format %q (want one of csv, jsonl, geojson, lpf, jsonld, quickstatements)", format))
		return
	}
	snap, err := s.current(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	o, err := export.ParseOptions(q.Get("sources"), q.Get("on"), q.Get("table"), snap.sources)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rd := export.Reader{Store: s.store, Engine: snap.eng}
	h := w.Header()
	h.Set("Content-Type", export.MediaType(format))
	h.Set("Cache-Control", "no-store")
	ext := map[string]string{"csv": "csv", "jsonl": "jsonl", "geojson": "geojson", "lpf": "lpf.jsonld", "jsonld": "jsonld", "quickstatements": "qs.tsv"}[format]
	h.Set("Content-Disposition", `attachment; filename="treatyline.`+ext+`"`)
	if err := export.Write(r.Context(), w, format, rd, o); err != nil {
		s.log.Printf("%s %s: export: %v", r.Method, r.URL.RequestURI(), err)
	}
}
