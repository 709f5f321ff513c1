package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"

	"io"

	"treatyline/kb"
)

// Line is one line of a JSON Lines export: the kind of record and the
// record, as kb writes it in JSON.
type Line struct {
	Record    string        `json:"record"` // source, entity, claim, provision
	Source    *kb.Source    `json:"source,omitempty"`
	Entity    *kb.Entity    `json:"entity,omitempty"`
	Claim     *kb.Claim     `json:"claim,omitempty"`
	Provision *kb.Provision `json:"provision,omitempty"`
}

// writeJSONL writes the sources (with their texts, so that the evidence
// can be checked where it is imported), then the claims and provisions as
// they stream, then the entities they name.
func writeJSONL(ctx context.Context, w *bufio.Writer, r Reader, o Options) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	srcs, err := r.sources(ctx, o, true)
	if err != nil {
		return err
	}
	for i := range srcs {
		if err := enc.Encode(Line{Record: "source", Source: &srcs[i]}); err != nil {
			return err
		}
	}
	named := newRefs(o)
	err = r.eachClaim(ctx, o, func(c kb.Claim) error {
		named.claim(c)
		return enc.Encode(Line{Record: "claim", Claim: &c})
	})
	if err != nil {
		return err
	}
	dates, err := r.treatyDates(ctx, o)
	if err != nil {
		return err
	}
	err = r.eachProvision(ctx, o, dates, func(p kb.Provision) error {
		named.provision(p)
		return enc.Encode(Line{Record: "provision", Provision: &p})
	})
	if err != nil {
		return err
	}
	return r.eachEntity(ctx, o, named, func(e kb.Entity) error {
		return enc.Encode(Line{Record: "entity", Entity: &e})
	})
}

// maxLine bounds a line of JSON Lines input (a source's text is one line).
const maxLine = 256 << 20

// ReadJSONL reads a JSON Lines export into a batch. A line that does not
// read is an EINVALID error naming the file (name) and line; fields that
// a record does not have are refused, so that a typo is not lost
// silently.
func ReadJSONL(r io.Reader, name string) (kb.Batch, error) {
	var b kb.Batch
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, err := readLine(br)
		if err == io.EOF && len(line) == 0 {
			return b, nil
		}
		if err != nil && err != io.EOF {
			return kb.Batch{}, kb.Errorf(kb.EINVALID, "%s:%d: %v", name, n, err)
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		var l Line
		if err := dec.Decode(&l); err != nil {
			return kb.Batch{}, kb.Errorf(kb.EINVALID, "%s:%d: %v", name, n, err)
		}
		if dec.More() {
			return kb.Batch{}, kb.Errorf(kb.EINVALID, "%s:%d: more than one JSON value on the line", name, n)
		}
		set := 0
		for _, p := range []bool{l.Source != nil, l.Entity != nil, l.Claim != nil, l.Provision != nil} {
			if p {
				set++
			}
		}
		if set != 1 {
			return kb.Batch{}, kb.Errorf(kb.EINVALID, "%s:%d: want exactly one of source, entity, claim, provision", name, n)
		}
		switch {
		case l.Record == "source" && l.Source != nil:
			b.Sources = append(b.Sources, *l.Source)
		case l.Record == "entity" && l.Entity != nil:
			b.Entities = append(b.Entities, *l.Entity)
		case l.Record == "claim" && l.Claim != nil:
			b.Claims = append(b.Claims, *l.Claim)
		case l.Record == "provision" && l.Provision != nil:
			b.Provisions = append(b.Provisions, *l.Provision)
		default:
			return kb.Batch{}, kb.Errorf(kb.EINVALID, "%s:%d: record: %q does not name the record the line holds (want source, entity, claim or provision)", name, n, l.Record)
		}
		if err == io.EOF {
			return b, nil
		}
	}
}

var errLong = errors.New("line longer than 256 MiB")

func readLine(br *bufio.Reader) ([]byte, error) {
	var out []byte
	for {
		chunk, err := br.ReadSlice('\n')
		out = append(out, chunk...)
		if len(out) > maxLine {
			return nil, errLong
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return out, err
		}
		return out, nil
	}
}
