package report

import (
	"io"
	"strconv"
	"unicode/utf8"

	"treatyline/engine"
)

// This file writes an as-of Answer as compact JSON by hand. encoding/json
// finds an answer's fields by reflection, and for every territory on a day
// that was most of the server's time (70% of a list of 500 territories).
// The bytes are the ones WriteJSON's encoder writes — field order, omitempty
// and omitzero, null for a nil list that has no omitempty, the same string
// escapes — so that the answer is the same whichever writes it; the tests
// in answerjson_test.go compare the two over the bundled knowledge base, a
// synthetic system, and fuzzed strings. A field added to one of these types
// must be added here too: TestAnswerJSONEveryField fills every field by
// reflection and fails until it is. WriteJSON writes an Answer with it;
// indented output (WritePrettyJSON) stays with encoding/json, where a
// person reading matters more than speed.

// jsonOut is where an answer's JSON goes: appended to b and, when w is
// set, written to w in pieces: each time b holds flushAt bytes after an
// item, so that a large answer (every territory on a day: megabytes) is
// neither held whole nor grown through copies, and its reader gets the
// first items while the rest are written. err is the first write's error;
// after it nothing more is written.
type jsonOut struct {
	b   []byte
	w   io.Writer
	err error
}

// flushAt is how many bytes jsonOut gathers before it writes them: large
// enough that a write costs little beside the bytes, small enough to stay
// in a core's cache.
const flushAt = 64 << 10

// item marks the end of an item: the bytes so far are written when there
// are enough.
func (o *jsonOut) item() {
	if o.w != nil && len(o.b) >= flushAt && o.err == nil {
		_, o.err = o.w.Write(o.b)
		o.b = o.b[:0]
	}
}

// appendJSON appends the answer as encoding/json writes it, without the
// trailing newline.
func (a Answer) appendJSON(b []byte) []byte {
	o := jsonOut{b: b}
	a.writeJSON(&o)
	return o.b
}

// writeJSON writes the answer to o as encoding/json writes it, without
// the trailing newline.
func (a Answer) writeJSON(o *jsonOut) {
	o.b = append(o.b, `{"date":`...)
	o.b = appendJSONString(o.b, a.Date)
	o.b = append(o.b, `,"perspective":`...)
	o.b = appendJSONString(o.b, a.Perspective)
	// omitzero on a slice omits nil only: an empty list is written [].
	if a.Territories != nil {
		o.b = append(o.b, `,"territories":[`...)
		for i := range a.Territories {
			if i > 0 {
				o.b = append(o.b, ',')
			}
			o.b = appendTerritoryJSON(o.b, &a.Territories[i])
			o.item()
		}
		o.b = append(o.b, ']')
	}
	if a.Rights != nil {
		o.b = append(o.b, `,"rights":[`...)
		for i := range a.Rights {
			if i > 0 {
				o.b = append(o.b, ',')
			}
			o.b = appendRightJSON(o.b, &a.Rights[i])
			o.item()
		}
		o.b = append(o.b, ']')
	}
	if a.Treaties != nil {
		o.b = append(o.b, `,"treaties":[`...)
		for i := range a.Treaties {
			if i > 0 {
				o.b = append(o.b, ',')
			}
			o.b = appendTreatyJSON(o.b, &a.Treaties[i])
			o.item()
		}
		o.b = append(o.b, ']')
	}
	o.b = append(o.b, '}')
}

// appendTerritoryJSON appends an engine.TerritoryState in its json tags'
// order and omissions.
func appendTerritoryJSON(b []byte, t *engine.TerritoryState) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, t.ID)
	b = append(b, `,"label":`...)
	b = appendJSONString(b, t.Label)
	b = append(b, `,"holders":`...)
	b = appendJSONStrings(b, t.Holders)
	b = append(b, `,"mode":`...)
	b = appendJSONString(b, t.Mode)
	if t.Since != "" {
		b = append(b, `,"since":`...)
		b = appendJSONString(b, t.Since)
	}
	if t.SinceDay != "" {
		b = append(b, `,"since_day":`...)
		b = appendJSONString(b, t.SinceDay)
	}
	if len(t.Jurisdiction) > 0 {
		b = append(b, `,"jurisdiction":`...)
		b = appendJSONStrings(b, t.Jurisdiction)
	}
	if t.Window != nil {
		b = append(b, `,"window":`...)
		b = appendWindowJSON(b, t.Window)
	}
	b = append(b, `,"basis":`...)
	b = appendBasesJSON(b, t.Basis)
	if t.Note != "" {
		b = append(b, `,"note":`...)
		b = appendJSONString(b, t.Note)
	}
	if len(t.DisownedBy) > 0 {
		b = append(b, `,"disowned_by":`...)
		b = appendJSONStrings(b, t.DisownedBy)
	}
	return append(b, '}')
}

// appendRightJSON appends an engine.RightState.
func appendRightJSON(b []byte, r *engine.RightState) []byte {
	b = append(b, `{"type":`...)
	b = appendJSONString(b, r.Type)
	b = append(b, `,"provision":`...)
	b = appendJSONString(b, r.Provision)
	b = append(b, `,"treaty":`...)
	b = appendJSONString(b, r.Treaty)
	b = append(b, `,"holders":`...)
	b = appendJSONStrings(b, r.Holders)
	b = append(b, `,"grantor":`...)
	b = appendJSONStrings(b, r.Grantor)
	b = append(b, `,"object":`...)
	b = appendJSONStrings(b, r.Object)
	b = append(b, `,"exclusive":`...)
	b = strconv.AppendBool(b, r.Exclusive)
	if len(r.Excludes) > 0 {
		b = append(b, `,"excludes":`...)
		b = appendJSONStrings(b, r.Excludes)
	}
	if r.Limits != "" {
		b = append(b, `,"limits":`...)
		b = appendJSONString(b, r.Limits)
	}
	b = append(b, `,"since":`...)
	b = appendJSONString(b, r.Since)
	b = append(b, `,"basis":`...)
	b = appendBasesJSON(b, r.Basis)
	return append(b, '}')
}

// appendTreatyJSON appends an engine.TreatyState.
func appendTreatyJSON(b []byte, t *engine.TreatyState) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, t.ID)
	b = append(b, `,"label":`...)
	b = appendJSONString(b, t.Label)
	b = append(b, `,"status":`...)
	b = appendJSONString(b, t.Status)
	if len(t.Details) > 0 {
		b = append(b, `,"details":`...)
		b = appendJSONStrings(b, t.Details)
	}
	if t.Signed != "" {
		b = append(b, `,"signed":`...)
		b = appendJSONString(b, t.Signed)
	}
	if t.SignedDay != "" {
		b = append(b, `,"signed_day":`...)
		b = appendJSONString(b, t.SignedDay)
	}
	if c := t.Chosen; c != nil {
		b = append(b, `,"chosen":{"claim":`...)
		b = appendJSONString(b, c.Claim)
		b = append(b, `,"property":`...)
		b = appendJSONString(b, c.Property)
		b = append(b, `,"date":`...)
		b = appendJSONString(b, c.Date)
		b = append(b, `,"why":`...)
		b = appendJSONString(b, c.Why)
		b = append(b, `,"of":`...)
		b = strconv.AppendInt(b, int64(c.Of), 10)
		b = append(b, '}')
	}
	if t.Since != "" {
		b = append(b, `,"since":`...)
		b = appendJSONString(b, t.Since)
	}
	if t.Window != nil {
		b = append(b, `,"window":`...)
		b = appendWindowJSON(b, t.Window)
	}
	b = append(b, `,"basis":`...)
	b = appendBasesJSON(b, t.Basis)
	return append(b, '}')
}

// appendWindowJSON appends an engine.Window.
func appendWindowJSON(b []byte, w *engine.Window) []byte {
	b = append(b, `{"earliest":`...)
	b = appendJSONString(b, w.Earliest)
	b = append(b, `,"latest":`...)
	b = appendJSONString(b, w.Latest)
	return append(b, '}')
}

// appendBasesJSON appends a list of engine.Basis: null when nil, as
// encoding/json writes a nil slice without omitempty.
func appendBasesJSON(b []byte, bs []engine.Basis) []byte {
	if bs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range bs {
		if i > 0 {
			b = append(b, ',')
		}
		x := &bs[i]
		b = append(b, '{')
		// Every field before source has omitempty: the comma goes before
		// each field that is written after the first.
		sep := false
		if x.Event != "" {
			b = append(b, `"event":`...)
			b = appendJSONString(b, x.Event)
			sep = true
		}
		if x.Provision != "" {
			if sep {
				b = append(b, ',')
			}
			b = append(b, `"provision":`...)
			b = appendJSONString(b, x.Provision)
			sep = true
		}
		if x.Claim != "" {
			if sep {
				b = append(b, ',')
			}
			b = append(b, `"claim":`...)
			b = appendJSONString(b, x.Claim)
			sep = true
		}
		if sep {
			b = append(b, ',')
		}
		b = append(b, `"source":`...)
		b = appendJSONString(b, x.Source)
		b = append(b, `,"quote":`...)
		b = appendJSONString(b, x.Quote)
		b = append(b, `,"start":`...)
		b = strconv.AppendInt(b, int64(x.Start), 10)
		b = append(b, `,"end":`...)
		b = strconv.AppendInt(b, int64(x.End), 10)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendJSONStrings appends a list of strings: null when nil.
func appendJSONStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// jsonPlain marks the ASCII bytes a JSON string holds as they are, with
// WriteJSON's SetEscapeHTML(false): everything from space up, < > & and
// DEL included, except the quote and the backslash.
var jsonPlain = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

const lowerHex = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes a string
// without HTML escapes: \" and \\; \b \f \n \r \t; \u00XX (lower-case hex)
// for the other control bytes; \ufffd for each byte that does not begin a
// valid UTF-8 sequence; \u2028 and \u2029, which JavaScript reads as line
// ends, escaped. Runs that need nothing are copied whole.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight bytes at a time while none needs a look: most of an
		// answer is ids, dates and English quotes.
		if i+8 <= len(s) && plain8(s[i:i+8]) {
			i += 8
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonPlain[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, `\b`...)
			case '\f':
				b = append(b, `\f`...)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			default:
				b = append(b, '\\', 'u', '0', '0', lowerHex[c>>4], lowerHex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', lowerHex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plain8 reports whether the eight bytes of s are all ASCII that a JSON
// string holds as they are (jsonPlain), testing them as one word: no byte
// with the top bit set, none below 0x20, none equal to '"' or '\\'. (For
// a word x and a byte n, (x - n·0x01…01) &^ x & 0x80…80 is non-zero
// exactly when some byte of x is below n, n ≤ 0x80; a byte equal to c is
// a byte of x^(c·0x01…01) below 1.)
func plain8(s string) bool {
	_ = s[7]
	// The compiler makes these eight loads one.
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	below := func(x uint64, n uint64) uint64 { return (x - n*ones) &^ x & tops }
	return (x&tops)|below(x, 0x20)|below(x^('"'*ones), 1)|below(x^('\\'*ones), 1) == 0
}
