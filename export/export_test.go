package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb/geojson"
	"github.com/piprate/json-gold/ld"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"treatyline/dataset/cow"
	"treatyline/export"
	"treatyline/histdate"
	"treatyline/internal/gold"
	"treatyline/internal/report"
	"treatyline/internal/testkb"
	"treatyline/kb"
	"treatyline/store/sqlite"
)

// loaded is a real SQLite store with the bundled knowledge base, the
// corpus and the Correlates of War data.
func loaded(t *testing.T) kb.Store {
	t.Helper()
	st := testkb.Bundled(t)
	dir, err := gold.SharedDir()
	if err != nil {
		t.Skip(err)
	}
	d, err := cow.ReadDir(filepath.Join(dir, "data", "cow-territorial-change-v6"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b := d.Batch(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	ents, _ := st.Entities(ctx, "")
	cs, _ := st.Claims(ctx, kb.ClaimFilter{})
	ps, _ := st.Provisions(ctx, "")
	b.Claims = append(b.Claims, d.Link(ents, cs, ps, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))...)
	if err := st.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	return st
}

func write(t *testing.T, st kb.Store, format string, o export.Options) []byte {
	t.Helper()
	r := export.Reader{Store: st}
	if format == "geojson" || format == "lpf" {
		eng, err := report.LoadEngine(context.Background(), st)
		if err != nil {
			t.Fatal(err)
		}
		r.Engine = eng
	}
	var buf bytes.Buffer
	if err := export.Write(context.Background(), &buf, format, r, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func day(t *testing.T, s string) histdate.JDN {
	d, err := histdate.Parse(s, histdate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d.Earliest()
}

// TestJSONLRoundTrip exports everything as JSON Lines, imports it into an
// empty store, and finds the same records there.
func TestJSONLRoundTrip(t *testing.T) {
	ctx := context.Background()
	a := loaded(t)
	out := write(t, a, "jsonl", export.Options{})
	batch, err := export.ReadJSONL(bytes.NewReader(out), "export.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	b, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.Apply(ctx, batch); err != nil {
		t.Fatal(err)
	}
	for _, f := range []kb.ClaimFilter{{}, {Source: cow.ChangesSource}} {
		want, _ := a.Claims(ctx, f)
		got, _ := b.Claims(ctx, f)
		if len(want) < 1000 {
			t.Errorf("only %d claims to compare", len(want))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("claims %+v after the round trip (-want +got):\n%s", f, diff)
		}
	}
	wp, _ := a.Provisions(ctx, "")
	gp, _ := b.Provisions(ctx, "")
	if diff := cmp.Diff(wp, gp); diff != "" {
		t.Errorf("provisions (-want +got):\n%s", diff)
	}
	we, _ := a.Entities(ctx, "")
	ge, _ := b.Entities(ctx, "")
	if diff := cmp.Diff(we, ge); diff != "" {
		t.Errorf("entities (-want +got):\n%s", diff)
	}
	// The second export of the copy is the first, byte for byte.
	if again := write(t, b, "jsonl", export.Options{}); !bytes.Equal(out, again) {
		t.Errorf("the copy exports differently (%d bytes, then %d)", len(out), len(again))
	}
}

func TestReadJSONLErrors(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"not JSON", `{"record": "claim", "claim": `, "x.jsonl:1: "},
		{"unknown field", `{"record": "entity", "entity": {"id": "a", "kind": "city", "labels": {}, "colour": "red"}}`, `x.jsonl:1: json: unknown field "colour"`},
		{"record and body differ", `{"record": "claim", "entity": {"id": "a"}}`, "x.jsonl:1: record"},
		{"two records", `{"record": "claim", "claim": {"id": "a"}, "entity": {"id": "a"}}`, "want exactly one"},
		{"second line", "{\"record\": \"entity\", \"entity\": {\"id\": \"a\"}}\n[1]\n", "x.jsonl:2: "},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := export.ReadJSONL(strings.NewReader(c.in), "x.jsonl")
			if err == nil || kb.ErrorCode(err) != kb.EINVALID || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want EINVALID with %q", err, c.want)
			}
		})
	}
}

func TestCSV(t *testing.T) {
	ctx := context.Background()
	st := loaded(t)
	for _, c := range []struct {
		table  string
		header []string
		rows   func() int
	}{
		{"claims", export.ClaimColumns, func() int {
			cs, _ := st.Claims(ctx, kb.ClaimFilter{})
			n := 0
			for _, c := range cs {
				n += max(1, len(c.Evidence))
			}
			return n
		}},
		{"provisions", export.ProvisionColumns, func() int {
			ps, _ := st.Provisions(ctx, "")
			n := 0
			for _, p := range ps {
				n += max(1, len(p.Evidence))
			}
			return n
		}},
		{"entities", export.EntityColumns, func() int { es, _ := st.Entities(ctx, ""); return len(es) }},
	} {
		t.Run(c.table, func(t *testing.T) {
			out := write(t, st, "csv", export.Options{Table: c.table})
			r := csv.NewReader(bytes.NewReader(out))
			r.FieldsPerRecord = len(c.header)
			recs, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.header, recs[0]); diff != "" {
				t.Errorf("header (-want +got):\n%s", diff)
			}
			if got, want := len(recs)-1, c.rows(); got != want {
				t.Errorf("%d rows, want %d", got, want)
			}
		})
	}
	// One claim, field by field.
	out := write(t, st, "csv", export.Options{Sources: map[string]bool{cow.ChangesSource: true}})
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	found := false
	for _, rec := range recs[1:] {
		if rec[col["id"]] != "cow-tc-131-area" {
			continue
		}
		found = true
		got := map[string]string{"subject": rec[col["subject"]], "property": rec[col["property"]], "value": rec[col["value"]],
			"source": rec[col["source"]], "quote": rec[col["quote"]], "qualifiers": rec[col["qualifiers"]]}
		want := map[string]string{"subject": "event/cow-tc-131", "property": "area_ceded", "value": "282473 km²", "source": "cow-tc-v6",
			"quote":      "1858,6,365,1,3,710,1,282473.00,40000,0,710,1,1,0,0,131,0,0,5",
			"qualifiers": `{"from":{"type":"entity","entity":"polity/cow-710"},"object":{"type":"entity","entity":"territory/cow-tc-131"},"to":{"type":"entity","entity":"polity/cow-365"}}`}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("cow-tc-131-area (-want +got):\n%s", diff)
		}
	}
	if !found {
		t.Error("no row for cow-tc-131-area")
	}
	for _, rec := range recs[1:] {
		if rec[col["source"]] != cow.ChangesSource {
			t.Fatalf("--sources cow-tc-v6 exports a row from %s", rec[col["source"]])
		}
	}
}

// TestGeoJSON reads the export with orb's GeoJSON parser.
func TestGeoJSON(t *testing.T) {
	st := loaded(t)
	fc, err := geojson.UnmarshalFeatureCollection(write(t, st, "geojson", export.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*geojson.Feature{}
	for _, f := range fc.Features {
		byID[f.ID.(string)] = f
	}
	left := byID["territory/amur-left-bank"]
	if left == nil || left.Geometry == nil {
		t.Fatalf("no feature with a geometry for territory/amur-left-bank")
	}
	if !strings.Contains(string(mustJSON(t, left.Properties["holdings"])), "polity/russia") {
		t.Errorf("left bank holdings: %v", left.Properties["holdings"])
	}
	// The dataset alone, on a day: the part of China ceded in 1858 is
	// Russia's, with the row as evidence; a territory with no geometry
	// is a feature with a null geometry.
	fc, err = geojson.UnmarshalFeatureCollection(write(t, st, "geojson", export.Options{Sources: map[string]bool{cow.ChangesSource: true}, On: day(t, "1859-01-01")}))
	if err != nil {
		t.Fatal(err)
	}
	var piece *geojson.Feature
	for _, f := range fc.Features {
		if f.ID == "territory/cow-tc-131" {
			piece = f
		}
		if strings.HasPrefix(f.ID.(string), "territory/amur") {
			t.Errorf("%s exported from the dataset's sources alone", f.ID)
		}
	}
	if piece == nil || piece.Geometry != nil {
		t.Fatalf("territory/cow-tc-131: %+v", piece)
	}
	var on struct {
		Holders []string
		Basis   []struct{ Source, Quote string }
	}
	if err := json.Unmarshal(mustJSON(t, piece.Properties["on"]), &on); err != nil {
		t.Fatal(err)
	}
	if len(on.Holders) != 1 || on.Holders[0] != "polity/cow-365" || len(on.Basis) == 0 || on.Basis[0].Source != cow.ChangesSource {
		t.Errorf("territory/cow-tc-131 on 1859-01-01: %+v", on)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestLPF validates the Linked Places export against the shape the LPF
// 1.2 specification documents (testdata/lpf-1.2.shape.schema.json): no
// published LPF schema could be had from a package registry.
func TestLPF(t *testing.T) {
	st := loaded(t)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(filepath.Join("testdata", "lpf-1.2.shape.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []export.Options{{}, {Sources: map[string]bool{cow.ChangesSource: true}}} {
		out := write(t, st, "lpf", o)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("LPF export %v does not validate: %v", o.Sources, err)
		}
		var doc struct {
			Features []struct {
				ID        string `json:"@id"`
				Relations []struct {
					RelationTo string `json:"relationTo"`
					Citations  []struct {
						Label string `json:"label"`
						ID    string `json:"@id"`
					} `json:"citations"`
				} `json:"relations"`
			} `json:"features"`
		}
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Features) < 10 {
			t.Errorf("%d features", len(doc.Features))
		}
		for _, f := range doc.Features {
			if f.ID != "urn:treatyline:territory/cow-tc-131" {
				continue
			}
			if len(f.Relations) != 1 || f.Relations[0].RelationTo != "urn:treatyline:polity/cow-365" ||
				f.Relations[0].Citations[0].ID != "urn:treatyline:source/cow-tc-v6#char=5808,5868" {
				t.Errorf("relations of cow-tc-131: %+v", f.Relations)
			}
		}
	}
}

// offline is a JSON-LD document loader that loads nothing: the export's
// context is inline.
type offline struct{}

func (offline) LoadDocument(u string) (*ld.RemoteDocument, error) {
	return nil, errors.New("no network: " + u)
}

// TestJSONLD turns the export into RDF with json-gold, in safe mode
// (nothing dropped silently), and finds the claims and their evidence.
func TestJSONLD(t *testing.T) {
	st := loaded(t)
	out := write(t, st, "jsonld", export.Options{Sources: map[string]bool{"001_edea92537101e3cc": true, cow.ChangesSource: true}})
	var doc any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = offline{}
	opts.SafeMode = true
	opts.Format = "application/n-quads"
	nq, err := ld.NewJsonLdProcessor().ToRDF(doc, opts)
	if err != nil {
		t.Fatal(err)
	}
	quads := nq.(string)
	count := func(re string) int { return len(regexp.MustCompile(re).FindAllString(quads, -1)) }
	claims := count(`(?m)^<urn:treatyline:claim/[^>]+> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Claim> \.$`)
	annotations := count(`(?m)^\S+ <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/oa#Annotation> \.$`)
	if claims < 100 || annotations < claims {
		t.Errorf("%d claims, %d annotations in the RDF", claims, annotations)
	}
	for _, want := range []string{
		`<urn:treatyline:claim/cow-tc-131-area> <https://schema.org/about> <urn:treatyline:event/cow-tc-131> .`,
		`<urn:treatyline:claim/cow-tc-131-area#evidence-0> <http://www.w3.org/ns/oa#hasBody> <urn:treatyline:claim/cow-tc-131-area> .`,
		`"1858,6,365,1,3,710,1,282473.00,40000,0,710,1,1,0,0,131,0,0,5"`,
		`<http://www.w3.org/ns/oa#hasSource> <urn:treatyline:source/cow-tc-v6> .`,
		`<https://schema.org/sameAs> <http://www.wikidata.org/entity/Q34266> .`,
		`"Treaty of Aigun"@en`,
		`"Айгунский договор"@ru`,
	} {
		if !strings.Contains(quads, want) {
			t.Errorf("no %s in the RDF", want)
		}
	}
}

var (
	qsTime  = regexp.MustCompile(`^[+-]\d{4,}-(\d\d)-(\d\d)T00:00:00Z/(7|8|9|10|11)(/J)?$`)
	qsItem  = regexp.MustCompile(`^(Q[1-9]\d*|LAST)$`)
	qsQuant = regexp.MustCompile(`^-?\d+(\.\d+)?(U[1-9]\d*)?$`)
	qsText  = regexp.MustCompile(`^([a-z]{2,3}(-[A-Za-z0-9]+)*:)?"[^"\t\n]*"$`)
)

// checkQS checks QuickStatements v1 lines: the commands and the value
// syntax of each field, and a time's month and day against its precision.
func checkQS(t *testing.T, out string) (lines []string) {
	t.Helper()
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		f := strings.Split(line, "\t")
		bad := func(why string) { t.Errorf("line %d %q: %s", i+1, line, why) }
		if line == "CREATE" {
			continue
		}
		if len(f) < 3 || !qsItem.MatchString(f[0]) {
			bad("want an item and a property with a value")
			continue
		}
		if regexp.MustCompile(`^[LDA][a-z]{2,3}(-[A-Za-z0-9]+)*$`).MatchString(f[1]) {
			if len(f) != 3 || !qsText.MatchString(f[2]) {
				bad("a label, description or alias takes one quoted text")
			}
			continue
		}
		for j := 1; j+1 < len(f); j += 2 {
			if !regexp.MustCompile(`^[PS][1-9]\d*$`).MatchString(f[j]) {
				bad("want a property P… or a reference S…: " + f[j])
			}
			v := f[j+1]
			if m := qsTime.FindStringSubmatch(v); m != nil {
				if (m[3] == "9" || m[3] == "8" || m[3] == "7") && (m[1] != "00" || m[2] != "00") ||
					m[3] == "10" && (m[1] == "00" || m[2] != "00") || m[3] == "11" && (m[1] == "00" || m[2] == "00") {
					bad("time figures do not fit the precision: " + v)
				}
				continue
			}
			if !qsItem.MatchString(v) && !qsQuant.MatchString(v) && !qsText.MatchString(v) {
				bad("value: " + v)
			}
		}
		if len(f)%2 != 1 {
			bad("properties and values do not pair")
		}
		lines = append(lines, line)
	}
	return lines
}

func TestQuickStatements(t *testing.T) {
	st := loaded(t)
	out := string(write(t, st, "quickstatements", export.Options{}))
	lines := checkQS(t, out)
	if len(lines) < 50 {
		t.Errorf("only %d statements", len(lines))
	}
	for _, want := range []string{
		// 003 dates Aigun Old Style: the Julian model, the figures as written.
		"LAST\tP585\t+1858-05-16T00:00:00Z/11/J\tS1683\tnl:\"16 mei 1858\"",
		// 001 dates it New Style.
		"LAST\tP585\t+1858-05-28T00:00:00Z/11\tS1683\ten:\"May 28, 1858\"",
		// The dataset's month precision.
		"LAST\tP585\t+1858-06-00T00:00:00Z/10\tS1683\ten:\"1858,6,365,1,3,710,1,282473.00,40000,0,710,1,1,0,0,131,0,0,5\"",
		// An area in square kilometres (Q712226).
		"LAST\tP2046\t282473U712226",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q", want)
		}
	}
	if strings.Contains(out, "candidate") {
		t.Error("a candidate claim exported")
	}
}

func TestQSTime(t *testing.T) {
	for _, c := range []struct {
		in   string
		cal  histdate.Calendar
		want string
	}{
		{"16 May 1858", histdate.Julian, "+1858-05-16T00:00:00Z/11/J"},
		{"28 May 1858", histdate.Gregorian, "+1858-05-28T00:00:00Z/11"},
		{"1858-06", histdate.Gregorian, "+1858-06-00T00:00:00Z/10"},
		{"1689", histdate.Julian, "+1689-00-00T00:00:00Z/9/J"},
		{"the 1630s", histdate.Gregorian, "+1630-00-00T00:00:00Z/8"},
		{"咸豐八年四月十六日", "", "+1858-05-28T00:00:00Z/11"},
		{"1862–77", histdate.Gregorian, ""},
	} {
		t.Run(c.in, func(t *testing.T) {
			d, err := histdate.Parse(c.in, histdate.Options{Calendar: c.cal})
			if err != nil {
				t.Fatal(err)
			}
			got, ok := export.QSTime(d)
			if !ok {
				got = ""
			}
			if got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestOptionsErrors(t *testing.T) {
	for _, c := range []struct{ sources, on, table, want string }{
		{"nosuch", "", "", `no source "nosuch"`},
		{"", "someday", "", "on:"},
		{"", "", "rows", "unknown CSV table"},
	} {
		_, err := export.ParseOptions(c.sources, c.on, c.table, []kb.Source{{ID: "a"}})
		if err == nil || kb.ErrorCode(err) != kb.EINVALID || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: got %v", c, err)
		}
	}
	if err := export.Write(context.Background(), io.Discard, "xml", export.Reader{}, export.Options{}); kb.ErrorCode(err) != kb.EINVALID {
		t.Errorf("unknown format: %v", err)
	}
}
