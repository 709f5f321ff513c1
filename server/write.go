package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"treatyline/ingest"
	"treatyline/internal/report"
	"treatyline/kb"
)

// write wraps a handler that changes the store: it runs only with a
// valid bearer token (the server's, or a reviewer's stored in the store).
// The server's writes run one at a time, and each leaves the snapshot as
// new as the store before the next read can see the store changed: a
// review decision by updating the engine for the one record it decided
// (see changes), anything else, or a write beside another process's, by
// dropping the snapshot, built again on the next read.
func (s *Server) write(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name, err := s.authorize(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		before, err := s.store.Generation(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		ch := &changes{}
		defer s.afterWrite(r.Context(), before, ch)
		ctx := context.WithValue(context.WithValue(r.Context(), reviewerKey{}, name), changesKey{}, ch)
		h(w, r.WithContext(ctx))
	}
}

// changes are the claims and provisions a write handler changed and
// nothing else, by id; a handler that changes anything else (sources,
// entities, many records) notes nothing, and the snapshot is dropped.
type changes struct{ ids []string }

type changesKey struct{}

// noteChanged records that the request's write changed the claim or
// provision id and nothing else.
func noteChanged(r *http.Request, id string) {
	if ch, ok := r.Context().Value(changesKey{}).(*changes); ok {
		ch.ids = append(ch.ids, id)
	}
}

// afterWriteTimeout bounds reading back what a write changed.
const afterWriteTimeout = 30 * time.Second

// afterWrite brings the snapshot up to the store after one of the
// server's writes, with mu held. When the store's generation moved by
// exactly the write (so no other process wrote in between) and the write
// noted the records it changed, the engine is updated with those records
// as the store now holds them; otherwise the snapshot is left for the
// next read to catch up with what the store recorded since it (catchUp),
// or, where the store cannot tell that, dropped.
func (s *Server) afterWrite(ctx context.Context, before int64, ch *changes) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), afterWriteTimeout)
	defer cancel()
	after, err := s.store.Generation(ctx)
	if err == nil && after == before {
		return // nothing was written
	}
	s.forget()
	sn := s.snap.Load()
	if err != nil || sn == nil {
		s.snap.Store(nil)
		return
	}
	if sn.gen != before || after != before+1 || len(ch.ids) == 0 {
		if _, ok := s.store.(kb.ChangeReader); !ok || sn.mark.At.IsZero() {
			s.snap.Store(nil)
		}
		return
	}
	var claims []kb.Claim
	var provs []kb.Provision
	for _, id := range ch.ids {
		if strings.HasPrefix(id, "provision/") {
			h, err := s.store.ProvisionHistory(ctx, id)
			if err != nil || len(h) == 0 {
				s.snap.Store(nil)
				return
			}
			provs = append(provs, h[len(h)-1])
			continue
		}
		h, err := s.store.ClaimHistory(ctx, id)
		if err != nil || len(h) == 0 {
			s.snap.Store(nil)
			return
		}
		claims = append(claims, h[len(h)-1])
	}
	next := sn.updated(claims, provs, after)
	s.snap.Store(next)
	go s.warm(next)
}

// reviewerKey keys the name of the reviewer whose token a write brought
// ("" for the server's own token) in the request's context.
type reviewerKey struct{}

// reviewer gives the name of the reviewer whose token the request brought,
// or "" for the server's own token.
func reviewer(r *http.Request) string {
	name, _ := r.Context().Value(reviewerKey{}).(string)
	return name
}

// authorize checks the request's bearer token against the server's and
// against the reviewers' valid tokens in the store, in constant time (the
// token is hashed first, so that not even the length shows), and gives
// the name of the reviewer it belongs to ("" for the server's token).
func (s *Server) authorize(r *http.Request) (string, error) {
	tokens, err := s.store.Tokens(r.Context())
	if err != nil {
		return "", err
	}
	tokens = slices.DeleteFunc(tokens, func(t kb.Token) bool { return !t.Valid() })
	if s.token == "" && len(tokens) == 0 {
		return "", errorf(http.StatusForbidden, "EFORBIDDEN", "this server is read-only: start it with --token or TREATYLINE_TOKEN, or add a reviewer's token with treatyline tokens add NAME, to allow writes")
	}
	auth := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", errorf(http.StatusUnauthorized, "EUNAUTHORIZED", "Authorization: missing bearer token (send Authorization: Bearer <token>)")
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(token)))
	if s.token != "" {
		want := sha256.Sum256([]byte(s.token))
		if subtle.ConstantTimeCompare(got[:], want[:]) == 1 {
			return "", nil
		}
	}
	gotHex := []byte(hex.EncodeToString(got[:]))
	name := ""
	for _, t := range tokens {
		if subtle.ConstantTimeCompare(gotHex, []byte(t.Hash)) == 1 {
			name = t.Name
		}
	}
	if name == "" {
		return "", errorf(http.StatusUnauthorized, "EUNAUTHORIZED", "Authorization: wrong or revoked token")
	}
	return name, nil
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
		n := res.Count().Candidates
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
// /correct: who decides (for the server's own token; a reviewer's token
// names its reviewer), a note, the version decided on (expect; 0: the
// current one; another is a 409 with the record as it now stands); for
// correct, the corrected value.
type decision struct {
	By   string `json:"by"`
	Note string `json:"note"`
	// Expect is the version decided on: 409 ECONFLICT when another
	// decision has made another version current since.
	Expect int `json:"expect"`
	report.Correction
}

// conflictBody is the answer of a decision on a version that is no longer
// current: the error, and the record as it now stands.
type conflictBody struct {
	errorBody
	Current *report.Claim `json:"current,omitempty"`
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
	if name := reviewer(r); name != "" {
		if body.By != "" && body.By != name {
			s.fail(w, r, invalid("by: the token is %s's: a decision is recorded under its token's name", name))
			return
		}
		body.By = name
	}
	if body.By == "" {
		body.By = "api"
	}
	if body.Expect < 0 {
		s.fail(w, r, invalid("expect: %d is not a version (want 1 or more, or leave it out)", body.Expect))
		return
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
	if kb.ErrorCode(err) == kb.ECONFLICT {
		// The record changed since the reviewer read it: say what it is now.
		var body conflictBody
		body.Error.Code, body.Error.Message = "ECONFLICT", err.Error()
		if cur, cerr := report.Current(ctx, s.store, id); cerr == nil {
			body.Current = &cur
		}
		s.writeJSON(w, r, http.StatusConflict, "application/json", body)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	noteChanged(r, id)
	if rec.ID != "" && rec.ID != id {
		noteChanged(r, rec.ID)
	}
	s.ok(w, r, rec)
}
