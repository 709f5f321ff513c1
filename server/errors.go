package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"treatyline/internal/report"
	"treatyline/kb"
)

// httpError is an error the HTTP layer itself finds: a missing token, a
// body too large, a method not allowed.
type httpError struct {
	status  int
	code    string
	message string
}

func (e *httpError) Error() string { return e.message }

func errorf(status int, code, format string, args ...any) *httpError {
	return &httpError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

// invalid is a bad parameter or body: the message names the field.
func invalid(format string, args ...any) *httpError {
	return errorf(http.StatusBadRequest, "EINVALID", format, args...)
}

// errorStatus maps an error to its HTTP status and API code: the one place
// where kb's error codes meet HTTP.
func errorStatus(err error) (status int, code string) {
	var he *httpError
	if errors.As(err, &he) {
		return he.status, he.code
	}
	switch kb.ErrorCode(err) {
	case kb.EINVALID:
		return http.StatusBadRequest, "EINVALID"
	case kb.ENOTFOUND:
		return http.StatusNotFound, "ENOTFOUND"
	case kb.ECONFLICT:
		return http.StatusConflict, "ECONFLICT"
	}
	return http.StatusInternalServerError, "EINTERNAL"
}

// errorBody is the JSON of every error answer.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// statusClientClosed is the status recorded when the client left before
// the answer (nginx's 499): nothing reaches the client, nothing is logged.
const statusClientClosed = 499

// fail answers with an error as JSON. What goes wrong inside is logged,
// and its details are not shown. Work stopped because the client left is
// not a failure of the server: it is answered 499 (to no one) and not
// logged; work stopped by the request deadline is 503 ETIMEOUT.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch ctxErr := r.Context().Err(); {
	case errors.Is(ctxErr, context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded):
		err = errorf(http.StatusServiceUnavailable, "ETIMEOUT", "the answer took longer than the server allows a request (%v): ask for less (a smaller limit, a filter)", s.timeout)
	case ctxErr != nil || errors.Is(err, context.Canceled):
		err = errorf(statusClientClosed, "ECANCELED", "the client closed the request")
	}
	status, code := errorStatus(err)
	if status == statusClientClosed {
		w.WriteHeader(status)
		return
	}
	var body errorBody
	body.Error.Code, body.Error.Message = code, err.Error()
	if code == "ETIMEOUT" {
		s.log.Printf("%s %s: stopped at the request deadline (%v)", r.Method, r.URL.RequestURI(), s.timeout)
	} else if status >= 500 {
		s.log.Printf("%s %s: %v", r.Method, r.URL.RequestURI(), err)
		body.Error.Message = "internal error"
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="treatyline"`)
	}
	s.writeJSON(w, r, status, "application/json", body)
}

// writeJSON answers with v as JSON, in the form the command line's --json
// prints: compact, or indented when the request asks ?pretty (ServeHTTP
// has refused a pretty that does not read). The answer is made in a
// pooled buffer, so that a large one (every territory on a day) does not
// grow a new buffer from nothing on every request.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, contentType string, v any) {
	if a, ok := v.(report.Answer); ok && len(a.Territories)+len(a.Rights)+len(a.Treaties) > StreamAbove && !pretty(r) {
		// Sent as it is written (in chunks: the length is not known
		// before the end), rather than gathered whole first: a page of
		// 10,000 territories is 6 MB, which took a fresh buffer, zeroed,
		// for every answer, and the collections that garbage brought on,
		// a quarter of the server's time. The appender cannot fail; only
		// the client can, by leaving, and then there is no one to tell.
		h := w.Header()
		h.Set("Content-Type", contentType+"; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		report.WriteJSON(w, a)
		return
	}
	bp := answerBufs.Get().(*[]byte)
	var b []byte
	var err error
	if pretty(r) {
		buf := bytes.NewBuffer((*bp)[:0])
		err = report.WritePrettyJSON(buf, v)
		b = buf.Bytes()
	} else {
		b, err = report.AppendJSON((*bp)[:0], v)
	}
	if err != nil {
		s.log.Printf("%s %s: encode: %v", r.Method, r.URL.RequestURI(), err)
		status, contentType = http.StatusInternalServerError, "application/json"
		b = append(b[:0], `{"error":{"code":"EINTERNAL","message":"internal error"}}`+"\n"...)
	}
	h := w.Header()
	h.Set("Content-Type", contentType+"; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	// The length is known: net/http sends the body as it is rather than in
	// chunks, which a large answer (every territory on a day) would need.
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
	// A Write does not keep b (io.Writer), so the buffer goes back to the
	// pool — unless a very large answer grew it, which small ones after
	// it would carry for nothing.
	if cap(b) <= 4<<20 {
		*bp = b[:0]
		answerBufs.Put(bp)
	}
}

// StreamAbove is the most items (territories, rights and treaties) an
// as-of answer may have and still be sent whole with its Content-Length;
// a larger one is sent as it is written, in chunks.
const StreamAbove = 64

// answerBufs are writeJSON's buffers.
var answerBufs = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// ok answers 200 with v as JSON.
func (s *Server) ok(w http.ResponseWriter, r *http.Request, v any) {
	s.writeJSON(w, r, http.StatusOK, "application/json", v)
}

// read adapts a reading route, which gives its answer or an error, to a
// handler: 200 with the answer as JSON, or the error as JSON.
func (s *Server) read(answer func(r *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := answer(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if p, ok := v.(page); ok {
			p.headers(w.Header(), r)
			v = p.items
		}
		s.ok(w, r, v)
	}
}

// readJSON reads a request body of at most limit bytes into v, refusing
// unknown fields and anything after the value. An empty body leaves v as
// it is when empty is true.
func readJSON(w http.ResponseWriter, r *http.Request, limit int64, empty bool, v any) error {
	body := http.MaxBytesReader(w, r.Body, limit)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, err = dec.Token(); err == io.EOF {
			return nil
		} else if err == nil {
			return invalid("body: more than one JSON value")
		}
	}
	var (
		tooLarge *http.MaxBytesError
		syntax   *json.SyntaxError
		typ      *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &tooLarge):
		return errorf(http.StatusRequestEntityTooLarge, "ETOOLARGE", "body: more than %d bytes", tooLarge.Limit)
	case errors.Is(err, io.EOF):
		if empty {
			return nil
		}
		return invalid("body: empty (want a JSON object)")
	case errors.As(err, &syntax):
		return invalid("body: malformed JSON at byte %d: %v", syntax.Offset, err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return invalid("body: malformed JSON: it ends too early")
	case errors.As(err, &typ):
		if typ.Field == "" {
			return invalid("body: want a JSON object, not %s", typ.Value)
		}
		return invalid("body: field %q: want %s, not %s", typ.Field, typ.Type, typ.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return invalid("body: unknown field %s", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return invalid("body: %v", err)
}

// pretty reports whether a request asks for indented JSON.
func pretty(r *http.Request) bool {
	if !strings.Contains(r.URL.RawQuery, "pretty") {
		return false
	}
	p, err := boolParam(queryOf(r), "pretty")
	return p && err == nil
}
