package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
	"unicode/utf8"

	"treatyline/ingest"
	"treatyline/internal/report"
	"treatyline/kb"
)

// write wraps a handler that changes the store: it runs only with the
// server's bearer token, and the snapshot is dropped after it, whatever
// it did, so that the next read sees the change.
func (s *Server) write(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := s.authorize(r); err != nil {
			s.fail(w, r, err)
			return
		}
		defer s.invalidate()
		h(w, r)
	}
}

// authorize checks the request's bearer token against the server's, in
// constant time (both are hashed first, so that not even the length
// shows).
func (s *Server) authorize(r *http.Request) error {
	if s.token == "" {
		return errorf(http.StatusForbidden, "EFORBIDDEN", "this server is read-only: start it with --token or TREATYLINE_TOKEN to allow writes")
	}
	auth := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return errorf(http.StatusUnauthorized, "EUNAUTHORIZED", "Authorization: missing bearer token (send Authorization: Bearer <token>)")
	}
	got, want := sha256.Sum256([]byte(strings.TrimSpace(token))), sha256.Sum256([]byte(s.token))
	if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
		return errorf(http.StatusUnauthorized, "EUNAUTHORIZED", "Authorization: wrong token")
	}
	return nil
}

// newSource is the body of POST /sources.
type newSource struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Language string `json:"language"`
	Origin   string `json:"origin"`
	Text     string `json:"text"`
	// Ingest asks for candidate claims to be proposed from the text and
	// stored with it, as treatyline ingest does.
	Ingest bool `json:"ingest"`
}

// addedSource is the answer of POST /sources: the stored source, and with
// ingest, how many candidates were proposed.
type addedSource struct {
	sourceItem
	Candidates *int `json:"candidates,omitempty"`
}

// addSource answers POST /sources: registers a document (201), or fills
// in the text of a source stored without it (201); the same text again
// changes nothing (200). Another text under a stored id is ECONFLICT. With
// ingest, the candidates proposed from the text are stored with it.
func (s *Server) addSource(w http.ResponseWriter, r *http.Request) {
	var body newSource
	if err := readJSON(w, r, s.maxBody, false, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	src, err := report.NewSource(body.ID, body.Title, body.Language, body.Origin, body.Text)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	status := http.StatusCreated
	if old, err := s.store.Source(ctx, src.ID); err == nil && old.Text != "" && old.SHA256 == src.SHA256 {
		status = http.StatusOK
	} else if err != nil && kb.ErrorCode(err) != kb.ENOTFOUND {
		s.fail(w, r, err)
		return
	}
	var proposed *int
	in, err := ingest.New(ctx, s.store)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if body.Ingest {
		in.Preview(src)
	}
	res, err := in.Store(ctx, src, body.Ingest)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if body.Ingest {
		n := len(res.Candidates)
		proposed = &n
	}
	stored, err := s.store.Source(ctx, src.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/sources/"+stored.ID)
	s.writeJSON(w, r, status, "application/json", addedSource{itemOf(stored, utf8.RuneCountInString(stored.Text), stored.Text != ""), proposed})
}

// decision is the body of POST /candidates/{id}/accept, /reject and
// /correct: who decides and a note; for correct, the corrected value.
type decision struct {
	By   string `json:"by"`
	Note string `json:"note"`
	// Expect is the version decided on: 409 ECONFLICT when another
	// decision has made another version current since.
	Expect int `json:"expect"`
	report.Correction
}

// review answers POST /candidates/{id}/accept, /reject and /correct. Claim
// ids have slashes ("candidate/…"), so the action is the path's last
// segment.
func (s *Server) review(w http.ResponseWriter, r *http.Request) {
	path := r.PathValue("path")
	i := strings.LastIndex(path, "/")
	if i <= 0 {
		s.fail(w, r, errorf(http.StatusNotFound, "ENOTFOUND", "no route %s: want /api/v1/candidates/{id}/accept, /reject or /correct", r.URL.Path))
		return
	}
	id, action := path[:i], path[i+1:]
	var body decision
	switch action {
	case "accept", "reject", "correct":
	default:
		s.fail(w, r, errorf(http.StatusNotFound, "ENOTFOUND", "no action %q: want accept, reject or correct", action))
		return
	}
	if err := readJSON(w, r, maxWriteBody, action != "correct", &body); err != nil {
		s.fail(w, r, err)
		return
	}
	if body.By == "" {
		body.By = "api"
	}
	ctx := r.Context()
	var rec report.Claim
	var err error
	switch action {
	case "accept", "reject":
		if body.Correction != (report.Correction{}) {
			s.fail(w, r, invalid("body: a value is corrected with /correct, not /%s", action))
			return
		}
		status := kb.Accepted
		if action == "reject" {
			status = kb.Rejected
		}
		rec, err = report.Decide(ctx, s.store, kb.Decision{ID: id, Status: status, By: body.By, Note: body.Note, At: s.now(), Expect: body.Expect})
	case "correct":
		if body.Note != "" {
			s.fail(w, r, invalid("note: /correct records its own note"))
			return
		}
		var cl kb.Claim
		cl, err = report.Correct(ctx, s.store, id, body.Correction, body.By, s.now(), body.Expect)
		rec = report.FromClaim(cl)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.ok(w, r, rec)
}
