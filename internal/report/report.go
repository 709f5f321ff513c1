// Package report holds the answers the command line and the HTTP server
// both give, in one shape: claims with their evidence, an entity as show
// prints it, the timeline, the reconciled groups, a date read for the
// engine; and the steps both take to get there (reading a day and a
// perspective, loading the bundled knowledge base into a store). So that
// `treatyline show --json` and GET /api/v1/entities/ID are the same bytes,
// both write with WriteJSON.
package report

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"sync"
	"time"

	"treatyline/kb"
)

// WriteJSON writes v as compact JSON, without HTML escapes, ending with a
// newline: the form every --json output and every API answer takes by
// default. Indenting costs more than the rest of answering a small
// question (encoding indented JSON took 45% of the server's time), and a
// program reading the answer does not need it.
func WriteJSON(w io.Writer, v any) error {
	bp := appendBufs.Get().(*[]byte)
	var b []byte
	var err error
	if a, ok := v.(Answer); ok {
		// Written as it is made, a piece at a time (jsonOut).
		o := jsonOut{b: (*bp)[:0], w: w}
		a.writeJSON(&o)
		b = append(o.b, '\n')
		if err = o.err; err == nil {
			_, err = w.Write(b)
		}
	} else if b, err = AppendJSON((*bp)[:0], v); err == nil {
		_, err = w.Write(b)
	}
	// A buffer grown for a very large answer is let go rather than kept
	// for every small one after it.
	if cap(b) <= 1<<20 {
		*bp = b[:0]
		appendBufs.Put(bp)
	}
	return err
}

// appendBufs holds the buffers WriteJSON appends to, reused so that a
// large answer does not grow a new one every time.
var appendBufs = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// AppendJSON appends to dst what WriteJSON writes for v. An Answer (as-of)
// is written by its own appender, without reflection: the same bytes as
// encoding/json's, in a fraction of the time (answerjson.go); anything
// else by encoding/json.
func AppendJSON(dst []byte, v any) ([]byte, error) {
	if a, ok := v.(Answer); ok {
		// Room for the whole answer at once: a page of 10,000 territories
		// is megabytes, and growing to it copies it several times over.
		dst = slices.Grow(dst, answerSizeGuess*(len(a.Territories)+len(a.Rights)+len(a.Treaties)))
		return append(a.appendJSON(dst), '\n'), nil
	}
	buf := bytes.NewBuffer(dst)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return dst, err
	}
	return buf.Bytes(), nil
}

// answerSizeGuess is about the bytes an item of an as-of answer takes
// (a territory with its basis: 500–700).
const answerSizeGuess = 640

// WritePrettyJSON writes v as WriteJSON does, indented by two spaces, for
// a person to read: --pretty on the command line, ?pretty on the API.
func WritePrettyJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// Evidence is one piece of evidence: the span of a source, its quote,
// and the hash of the text the positions count in.
type Evidence struct {
	Source string `json:"source"`
	Quote  string `json:"quote"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
}

// Claim is a claim with its value read (a date's days, a quantity's
// canonical amount) and its evidence.
type Claim struct {
	ID         string                     `json:"id"`
	Subject    string                     `json:"subject"`
	Property   string                     `json:"property"`
	Value      json.RawMessage            `json:"value"`
	ValueText  string                     `json:"value_text"`
	Qualifiers map[string]json.RawMessage `json:"qualifiers,omitempty"`
	Status     kb.Status                  `json:"status"`
	Rank       kb.Rank                    `json:"rank"`
	Note       string                     `json:"note,omitempty"`
	Confidence float64                    `json:"confidence,omitempty"`
	Evidence   []Evidence                 `json:"evidence"`
	// Version is the record's current version, which a decision names
	// as "expect"; Decided says that it is a reviewer's decision;
	// RecordedBy and StoredAt say who recorded it and when the store did.
	Version    int       `json:"version,omitempty"`
	Decided    bool      `json:"decided,omitempty"`
	RecordedBy string    `json:"recorded_by,omitempty"`
	StoredAt   time.Time `json:"stored_at,omitzero"`
}

// Provision is a provision with its evidence in the Evidence shape.
type Provision struct {
	kb.Provision
	Evidence []Evidence `json:"evidence"`
}

// FromEvidence reports evidence; never nil.
func FromEvidence(ev []kb.Evidence) []Evidence {
	out := make([]Evidence, 0, len(ev))
	for _, e := range ev {
		out = append(out, Evidence{Source: e.Source, Quote: e.Quote.Exact, Start: e.Position.Start, End: e.Position.End,
			Prefix: e.Quote.Prefix, Suffix: e.Quote.Suffix, SHA256: e.SHA256})
	}
	return out
}

// FromClaim reports a claim.
func FromClaim(c kb.Claim) Claim {
	r := Claim{ID: c.ID, Subject: c.Subject, Property: c.Property, Value: c.Value.Report(), ValueText: c.Value.String(),
		Status: c.Status, Rank: c.Rank, Note: c.Note, Confidence: c.Confidence, Evidence: FromEvidence(c.Evidence),
		Version: c.Version, Decided: c.Decided, RecordedBy: c.RecordedBy, StoredAt: c.StoredAt}
	if len(c.Qualifiers) > 0 {
		r.Qualifiers = map[string]json.RawMessage{}
		for k, v := range c.Qualifiers {
			r.Qualifiers[k] = v.Report()
		}
	}
	return r
}

// Claims reports claims; never nil.
func Claims(cs []kb.Claim) []Claim {
	out := make([]Claim, 0, len(cs))
	for _, c := range cs {
		out = append(out, FromClaim(c))
	}
	return out
}

// Provisions reports provisions; never nil.
func Provisions(ps []kb.Provision) []Provision {
	out := make([]Provision, 0, len(ps))
	for _, p := range ps {
		out = append(out, Provision{Provision: p, Evidence: FromEvidence(p.Evidence)})
	}
	return out
}
