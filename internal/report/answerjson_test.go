package report_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"testing"

	"treatyline/data"
	"treatyline/engine"
	"treatyline/engine/synth"
	"treatyline/histdate"
	"treatyline/internal/report"
	"treatyline/kb"
)

// encodingJSON is what WriteJSON wrote for every answer before answers
// had their own appender: encoding/json's compact encoder without HTML
// escapes, a newline after.
func encodingJSON(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sameJSON fails unless WriteJSON writes a's bytes exactly as
// encoding/json does, and reports whether it did.
func sameJSON(t testing.TB, where string, a report.Answer) bool {
	t.Helper()
	var got bytes.Buffer
	if err := report.WriteJSON(&got, a); err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	want := encodingJSON(t, a)
	if bytes.Equal(got.Bytes(), want) {
		return true
	}
	g, w := got.Bytes(), want
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	from := max(i-80, 0)
	t.Errorf("%s: WriteJSON differs from encoding/json at byte %d:\n got …%s\nwant …%s",
		where, i, g[from:min(i+80, len(g))], w[from:min(i+80, len(w))])
	return false
}

// askEverything asks on a day from a perspective each question the API
// takes — the whole state, a page of each list (whole, first two, one
// past the end), every territory, every treaty, each provision's rights,
// and empty id lists — and compares each answer's bytes.
func askEverything(t *testing.T, e *engine.Engine, day histdate.JDN, p engine.Perspective,
	territories, treaties, provisions []string) (answers int) {
	t.Helper()
	where := fmt.Sprintf("%s on %s", p.Name(), histdate.ISO(histdate.Gregorian, day))
	ask := func(what string, q report.Question) {
		t.Helper()
		a, _, err := report.Ask(e, day, p, q)
		if err != nil {
			if kb.ErrorCode(err) == kb.ENOTFOUND && len(q.Rights) > 0 {
				return // a provision that grants no right in this view
			}
			t.Fatalf("%s, %s: %v", where, what, err)
		}
		answers++
		if !sameJSON(t, where+", "+what, a) {
			t.FailNow()
		}
	}
	ask("all", report.Question{All: true})
	for _, list := range report.Lists {
		ask("list "+list, report.Question{List: list, Limit: 1 << 30})
		ask("page of "+list, report.Question{List: list, Limit: 2})
		ask("page past the end of "+list, report.Question{List: list, Offset: 1 << 20, Limit: 5})
	}
	ask("every territory", report.Question{Territories: territories})
	ask("every treaty", report.Question{Treaties: treaties})
	ask("no ids", report.Question{Territories: []string{}, Treaties: []string{}, Rights: []string{}})
	for _, id := range provisions {
		ask("rights of "+id, report.Question{Rights: []string{id}})
	}
	return answers
}

// idsOf gives the ids of the entities of a kind, sorted.
func idsOf(entities []kb.Entity, kind kb.Kind) []string {
	var out []string
	for _, en := range entities {
		if en.Kind == kind {
			out = append(out, en.ID)
		}
	}
	sort.Strings(out)
	return out
}

// TestAnswerJSONBundled compares WriteJSON's bytes with encoding/json's
// for every as-of answer of the bundled knowledge base on every day a
// claim's date begins or ends (and the days either side), from the
// consensus, each polity's view, each source's and pairs of sources.
func TestAnswerJSONBundled(t *testing.T) {
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	e := engine.New(b.Entities, b.Claims, b.Provisions)
	perspectives := []engine.Perspective{{}}
	for _, id := range idsOf(b.Entities, kb.KindPolity) {
		perspectives = append(perspectives, engine.Perspective{Party: id})
	}
	var sources []string
	for _, s := range b.Sources {
		sources = append(sources, s.ID)
	}
	sort.Strings(sources)
	for i, s := range sources {
		perspectives = append(perspectives, engine.Perspective{Sources: map[string]bool{s: true}})
		if i+1 < len(sources) {
			perspectives = append(perspectives, engine.Perspective{Sources: map[string]bool{s: true, sources[i+1]: true}})
		}
	}
	// Every day a claim's date begins or ends, and the days either side.
	seen := map[histdate.JDN]bool{}
	for _, c := range b.Claims {
		for _, v := range append([]kb.Value{c.Value}, qualifierValues(c)...) {
			if v.Type != kb.TDate {
				continue
			}
			d, err := v.Date()
			if err != nil {
				continue
			}
			for _, j := range []histdate.JDN{d.Earliest(), d.Latest()} {
				if j != histdate.MinJDN && j != histdate.MaxJDN {
					seen[j-1], seen[j], seen[j+1] = true, true, true
				}
			}
		}
	}
	var days []histdate.JDN
	for j := range seen {
		days = append(days, j)
	}
	sort.Slice(days, func(i, j int) bool { return days[i] < days[j] })
	territories, treaties := idsOf(b.Entities, kb.KindTerritory), idsOf(b.Entities, kb.KindTreaty)
	var provisions []string
	for _, p := range b.Provisions {
		provisions = append(provisions, p.ID)
	}
	if len(days) < 100 || len(perspectives) < 10 || len(territories) == 0 || len(treaties) == 0 || len(provisions) == 0 {
		t.Fatalf("%d days, %d perspectives, %d territories, %d treaties, %d provisions: the knowledge base did not load as expected",
			len(days), len(perspectives), len(territories), len(treaties), len(provisions))
	}
	// Every provision's rights on every day is most of the work and
	// repeats what the whole state shows: they are asked on every
	// seventh day.
	answers := 0
	for _, p := range perspectives {
		for i, day := range days {
			ps := provisions
			if i%7 != 0 {
				ps = nil
			}
			answers += askEverything(t, e, day, p, territories, treaties, ps)
		}
	}
	t.Logf("%d answers, %d days, %d perspectives: identical", answers, len(days), len(perspectives))
}

// qualifierValues gives a claim's qualifiers' values.
func qualifierValues(c kb.Claim) []kb.Value {
	out := make([]kb.Value, 0, len(c.Qualifiers))
	for _, v := range c.Qualifiers {
		out = append(out, v)
	}
	return out
}

// TestAnswerJSONSynthetic compares the bytes for a synthetic system
// (engine/synth): every status and mode its lifecycles reach, over three
// and a half centuries, from the consensus and from the view of parties.
func TestAnswerJSONSynthetic(t *testing.T) {
	entities, claims, provisions := synth.Generate(synth.Config{Seed: 7, Polities: 12, Territories: 200, Treaties: 500, Provisions: 5000})
	e := engine.New(entities, claims, provisions)
	perspectives := []engine.Perspective{{}}
	for _, id := range idsOf(entities, kb.KindPolity)[:3] {
		perspectives = append(perspectives, engine.Perspective{Party: id})
	}
	territories, treaties := idsOf(entities, kb.KindTerritory), idsOf(entities, kb.KindTreaty)
	var some []string
	for i := 0; i < len(provisions); i += 97 {
		some = append(some, provisions[i].ID)
	}
	answers := 0
	for _, p := range perspectives {
		for y := 1600; y <= 1950; y += 25 {
			answers += askEverything(t, e, histdate.GregorianToJDN(y, 7, 1), p, territories, treaties, some)
		}
	}
	t.Logf("%d answers: identical", answers)
}

// pieces records the writes it is given, failing the one numbered failAt
// (from 1; 0 for none).
type pieces struct {
	writes [][]byte
	failAt int
}

var errWrite = errors.New("the client left")

func (p *pieces) Write(b []byte) (int, error) {
	if len(p.writes)+1 == p.failAt {
		return 0, errWrite
	}
	p.writes = append(p.writes, bytes.Clone(b))
	return len(b), nil
}

// TestWriteJSONStreams: WriteJSON sends a large answer in pieces of about
// 64 kB as it writes it (not gathered whole first), whose bytes together
// are encoding/json's; a small answer goes in one write; a failed write
// stops the writing and is returned.
func TestWriteJSONStreams(t *testing.T) {
	entities, claims, provisions := synth.Generate(synth.Config{Seed: 7, Polities: 12, Territories: 200, Treaties: 500, Provisions: 5000})
	e := engine.New(entities, claims, provisions)
	day := histdate.GregorianToJDN(1860, 7, 1)
	ask := func(q report.Question) report.Answer {
		a, _, err := report.Ask(e, day, engine.Perspective{}, q)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	whole := ask(report.Question{All: true})
	for _, tc := range []struct {
		name       string
		a          report.Answer
		failAt     int
		wantPieces func(n int) bool
		wantErr    error
	}{
		{"the whole state", whole, 0, func(n int) bool { return n > 10 }, nil},
		{"one territory", ask(report.Question{Territories: idsOf(entities, kb.KindTerritory)[:1]}), 0, func(n int) bool { return n == 1 }, nil},
		{"a write fails", whole, 3, func(n int) bool { return n == 2 }, errWrite},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &pieces{failAt: tc.failAt}
			err := report.WriteJSON(p, tc.a)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("WriteJSON: %v; want %v", err, tc.wantErr)
			}
			if !tc.wantPieces(len(p.writes)) {
				t.Errorf("%d writes", len(p.writes))
			}
			for i, w := range p.writes[:max(len(p.writes)-1, 0)] {
				if len(w) < 64<<10 || len(w) > 80<<10 {
					t.Errorf("write %d of %d: %d bytes; want 64–80 kB (all but the last)", i+1, len(p.writes), len(w))
				}
			}
			if err != nil {
				return
			}
			if got, want := bytes.Join(p.writes, nil), encodingJSON(t, tc.a); !bytes.Equal(got, want) {
				t.Errorf("the pieces together (%d bytes) are not encoding/json's (%d bytes)", len(got), len(want))
			}
		})
	}
}

// filler sets every exported field of a value, drawing its choices from
// shape (cycled) and its strings from strs: a field added to an answer
// type is filled too, so the comparison sees it. full fills everything —
// every list non-empty, every pointer set, every string from strs
// non-empty — so that every field is written.
type filler struct {
	t     testing.TB
	shape []byte
	at    int
	strs  []string
	full  bool
}

func (f *filler) byte() byte {
	if len(f.shape) == 0 {
		return 0
	}
	b := f.shape[f.at%len(f.shape)]
	f.at++
	return b
}

func (f *filler) fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		s := f.strs[int(f.byte())%len(f.strs)]
		if !f.full && f.byte()%4 == 0 {
			s = "" // an omitempty field left out
		}
		v.SetString(s)
	case reflect.Int, reflect.Int64, reflect.Int32:
		var b [8]byte
		for i := range b {
			b[i] = f.byte()
		}
		n := int64(binary.LittleEndian.Uint64(b[:]))
		if f.full && n == 0 {
			n = -1
		}
		v.SetInt(n)
	case reflect.Bool:
		v.SetBool(f.full || f.byte()%2 == 1)
	case reflect.Slice:
		n := int(f.byte() % 5) // 0: nil, 1: empty, then 1 to 3 elements
		if f.full {
			n = 2 + n%3
		}
		if n == 0 {
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), n-1, n-1))
		for i := range n - 1 {
			f.fill(v.Index(i))
		}
	case reflect.Pointer:
		if !f.full && f.byte()%2 == 0 {
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		f.fill(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				f.fill(v.Field(i))
			}
		}
	default:
		f.t.Fatalf("%s: the test does not fill a %s: teach it, and the appender", v.Type(), v.Kind())
	}
}

// awkward are strings encoding/json escapes, or must not: quotes and
// backslashes, HTML's < > &, control bytes, DEL, invalid and truncated
// UTF-8, U+2028 and U+2029, a byte-order mark, emoji.
var awkward = []string{
	`plain`, `"quoted" \back\slash`, `<b>a & b</b>`, "\x00\x01\x07\b\t\n\v\f\r\x1b\x1f ", "\x7f",
	"bad \xff\xfe utf-8", "cut \xe2\x80", "\xe2\x80\xa8 line \u2029 paragraph \u2027 \u202a",
	"\ufeff bom", "emoji 🗺️ 👩‍👩‍👧", "mixed \"<\u2028>\" \xc0\x80 \U0010ffff \xf4\x90\x80\x80",
	"treaty/aigun-1858", "1858-05-28", "é",
}

// TestAnswerJSONEveryField fills every field of an answer, in turn with
// each awkward string, and compares the bytes.
func TestAnswerJSONEveryField(t *testing.T) {
	for i, s := range awkward {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			var a report.Answer
			f := &filler{t: t, shape: []byte{byte(i), 3, 250, 7, 1, 128, 42}, strs: []string{s, awkward[(i+1)%len(awkward)]}, full: true}
			f.fill(reflect.ValueOf(&a).Elem())
			sameJSON(t, fmt.Sprintf("every field, %q", s), a)
		})
	}
	// And partly filled: nil and empty lists, absent pointers, empty
	// strings, false, in every mix the shapes give.
	for i := range 200 {
		var a report.Answer
		shape := []byte{byte(i), byte(i * 7), byte(i * 13), byte(i >> 2), 5, byte(i * 31)}
		f := &filler{t: t, shape: shape, strs: awkward}
		f.fill(reflect.ValueOf(&a).Elem())
		sameJSON(t, fmt.Sprintf("partly filled %d", i), a)
	}
}

// FuzzAnswerJSON fills an answer from fuzzed strings and a fuzzed shape
// (which lists are nil, empty or not, which pointers are set, the
// numbers) and compares WriteJSON's bytes with encoding/json's.
func FuzzAnswerJSON(f *testing.F) {
	for i, s := range awkward {
		f.Add(s, awkward[(i+3)%len(awkward)], []byte{byte(i), 1, 2, 3, 4, 200, 9})
	}
	f.Add("", "", []byte{})
	f.Fuzz(func(t *testing.T, s1, s2 string, shape []byte) {
		var a report.Answer
		fl := &filler{t: t, shape: shape, strs: []string{s1, s2, s1 + s2}}
		fl.fill(reflect.ValueOf(&a).Elem())
		sameJSON(t, "fuzzed", a)
	})
}

// BenchmarkAnswerJSON writes the whole state of the synthetic system of
// ten thousand provisions on a day (500 territories, every right and
// treaty: the answer of all=1) with encoding/json and with WriteJSON's
// appender, to one buffer reused, so that only the encoding is timed.
func BenchmarkAnswerJSON(b *testing.B) {
	entities, claims, provisions := synth.Generate(synth.Sized(10_000, 1858))
	e := engine.New(entities, claims, provisions)
	a, _, err := report.Ask(e, histdate.GregorianToJDN(1858, 5, 28), engine.Perspective{}, report.Question{All: true})
	if err != nil {
		b.Fatal(err)
	}
	size := len(encodingJSON(b, a))
	b.Run("encoding-json", func(b *testing.B) {
		var buf bytes.Buffer
		b.SetBytes(int64(size))
		for b.Loop() {
			buf.Reset()
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(a); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("appender", func(b *testing.B) {
		var dst []byte
		b.SetBytes(int64(size))
		for b.Loop() {
			var err error
			if dst, err = report.AppendJSON(dst[:0], a); err != nil {
				b.Fatal(err)
			}
		}
	})
}
