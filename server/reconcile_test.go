package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"treatyline/internal/gold"
	"treatyline/kb"
	"treatyline/server"
)

// specDir is the Reconciliation Service API 0.2 specification: its JSON
// schemas and examples.
func specDir(t *testing.T) string {
	t.Helper()
	dir, err := gold.SharedDir()
	if err != nil {
		t.Skip(err)
	}
	return filepath.Join(dir, "specs", "reconciliation-api-0.2")
}

// schemas compiles the specification's schemas, each under its $id, and
// gives them by file name ("manifest").
func schemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	dir := filepath.Join(specDir(t), "schemas")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no schemas in %s: %v", dir, err)
	}
	c := jsonschema.NewCompiler()
	ids := map[string]string{}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(fh)
		fh.Close()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		id, _ := doc.(map[string]any)["$id"].(string)
		id = strings.TrimSuffix(id, "#")
		if id == "" {
			t.Fatalf("%s: no $id", f)
		}
		if err := c.AddResource(id, doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		ids[strings.TrimSuffix(filepath.Base(f), ".json")] = id
	}
	out := map[string]*jsonschema.Schema{}
	for name, id := range ids {
		s, err := c.Compile(id)
		if err != nil {
			t.Fatalf("compile %s: %v", name, err)
		}
		out[name] = s
	}
	return out
}

func validate(t *testing.T, s *jsonschema.Schema, what string, body []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(string(body)))
	if err != nil {
		t.Fatalf("%s: not JSON: %v\n%s", what, err, body)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("%s does not validate: %v\n%s", what, err, body)
	}
}

// TestSpecExamples checks the validator on the specification's own
// examples: the valid ones pass, the invalid ones fail.
func TestSpecExamples(t *testing.T) {
	sch := schemas(t)
	forSchema := map[string]string{"manifest": "manifest", "reconciliation-query-batch": "reconciliation-query-batch",
		"reconciliation-result-batch": "reconciliation-result-batch", "data-extension-query": "data-extension-query",
		"data-extension-response": "data-extension-response", "suggest-entities-response": "suggest-entities-response",
		"suggest-properties-response": "suggest-properties-response", "suggest-types-response": "suggest-types-response",
		"data-extension-property-proposal": "data-extension-property-proposal"}
	n := 0
	for dir, name := range forSchema {
		for _, valid := range []bool{true, false} {
			sub := "invalid"
			if valid {
				sub = "valid"
			}
			files, _ := filepath.Glob(filepath.Join(specDir(t), "examples", dir, sub, "*.json"))
			for _, f := range files {
				n++
				t.Run(dir+"/"+sub+"/"+filepath.Base(f), func(t *testing.T) {
					b, err := os.ReadFile(f)
					if err != nil {
						t.Fatal(err)
					}
					inst, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
					if err != nil {
						t.Fatal(err)
					}
					err = sch[name].Validate(inst)
					if valid && err != nil {
						t.Errorf("a valid example fails: %v", err)
					}
					if !valid && err == nil {
						t.Errorf("an invalid example passes")
					}
				})
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d examples checked", n)
	}
}

// form posts a form as OpenRefine does.
func (f *fixture) form(path string, values url.Values) (int, http.Header, []byte) {
	f.t.Helper()
	resp, err := http.PostForm(f.url+path, values)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

func TestReconcileService(t *testing.T) {
	sch := schemas(t)
	f := newFixture(t, server.Config{})
	const base = "/api/v1/reconcile"

	t.Run("manifest", func(t *testing.T) {
		var m map[string]any
		body := f.get(base, &m)
		validate(t, sch["manifest"], "manifest", body)
		if m["versions"].([]any)[0] != "0.2" {
			t.Errorf("versions %v", m["versions"])
		}
	})

	batch := `{
		"q0": {"query": "Treaty of Aigun", "type": "treaty"},
		"q1": {"query": "Айгунский договор"},
		"q2": {"query": "瑷珲条约", "type": ["treaty"], "limit": 3},
		"q3": {"query": "Muravjov", "type": "person"},
		"q4": {"query": "treaty", "type": "treaty", "properties": [{"pid": "signed", "v": 1860}, {"pid": "party", "v": "Russia"}]},
		"q5": {"properties": [{"pid": "signed", "v": "1858"}], "type": "treaty", "limit": 10},
		"q6": {"query": "Nowhere-at-all-xyz"}
	}`
	validate(t, sch["reconciliation-query-batch"], "the test's query batch", []byte(batch))
	check := func(t *testing.T, body []byte) {
		t.Helper()
		validate(t, sch["reconciliation-result-batch"], "result batch", body)
		var res map[string]struct {
			Result []struct {
				ID    string  `json:"id"`
				Score float64 `json:"score"`
				Match bool    `json:"match"`
			} `json:"result"`
		}
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatal(err)
		}
		top := func(k string) string {
			if len(res[k].Result) == 0 {
				return ""
			}
			return res[k].Result[0].ID
		}
		got := map[string]string{"q0": top("q0"), "q1": top("q1"), "q2": top("q2"), "q3": top("q3"), "q4": top("q4"), "q6": top("q6")}
		want := map[string]string{"q0": "treaty/aigun-1858", "q1": "treaty/aigun-1858", "q2": "treaty/aigun-1858",
			"q3": "person/muravyov", "q4": "treaty/peking-1860", "q6": ""}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("best candidates (-want +got):\n%s", diff)
		}
		if !res["q0"].Result[0].Match || res["q0"].Result[0].Score != 100 {
			t.Errorf("q0: %+v, want a match scoring 100", res["q0"].Result[0])
		}
		var signed1858 []string
		for _, c := range res["q5"].Result {
			if c.Score == 100 {
				signed1858 = append(signed1858, c.ID)
			}
		}
		if diff := cmp.Diff([]string{"treaty/aigun-1858", "treaty/tianjin-1858"}, signed1858); diff != "" {
			t.Errorf("treaties signed in 1858 (-want +got):\n%s", diff)
		}
	}
	t.Run("form-encoded queries, as OpenRefine sends them", func(t *testing.T) {
		status, _, body := f.form(base, url.Values{"queries": {batch}})
		if status != 200 {
			t.Fatalf("%d %s", status, body)
		}
		check(t, body)
	})
	t.Run("JSON body", func(t *testing.T) {
		status, _, body := f.do("POST", base, "", strings.NewReader(batch))
		if status != 200 {
			t.Fatalf("%d %s", status, body)
		}
		check(t, body)
	})
	t.Run("queries in the URL", func(t *testing.T) {
		var v any
		check(t, f.get(base+"?queries="+url.QueryEscape(batch), &v))
	})

	t.Run("data extension", func(t *testing.T) {
		q := `{"ids": ["treaty/aigun-1858", "territory/amur-left-bank", "nosuch/entity"], "properties": [
			{"id": "signed"}, {"id": "party"}, {"id": "holder", "settings": {"on": "1859-01-01"}}]}`
		validate(t, sch["data-extension-query"], "the test's extension query", []byte(q))
		status, _, body := f.form(base, url.Values{"extend": {q}})
		if status != 200 {
			t.Fatalf("%d %s", status, body)
		}
		validate(t, sch["data-extension-response"], "extension response", body)
		var res struct {
			Rows map[string]map[string][]map[string]string `json:"rows"`
		}
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatal(err)
		}
		aigun := res.Rows["treaty/aigun-1858"]
		var parties []string
		for _, p := range aigun["party"] {
			parties = append(parties, p["id"])
		}
		if diff := cmp.Diff([]string{"polity/qing", "polity/russia"}, sorted(parties)); diff != "" {
			t.Errorf("parties (-want +got):\n%s", diff)
		}
		if !hasValue(aigun["signed"], "date", "1858-05-28T00:00:00Z") {
			t.Errorf("signed: %v", aigun["signed"])
		}
		if h := res.Rows["territory/amur-left-bank"]["holder"]; len(h) != 1 || h[0]["id"] != "polity/russia" {
			t.Errorf("holder of the left bank on 1859-01-01: %v", h)
		}
		if n := res.Rows["nosuch/entity"]["party"]; n == nil || len(n) != 0 {
			t.Errorf("unknown id: %v, want an empty list", n)
		}
	})

	t.Run("suggest and property proposals", func(t *testing.T) {
		for _, c := range []struct{ path, schema, want string }{
			{base + "/suggest/entity?prefix=Aig", "suggest-entities-response", "treaty/aigun-1858"},
			{base + "/suggest/entity?prefix=" + url.QueryEscape("Айгун"), "suggest-entities-response", "treaty/aigun-1858"},
			{base + "/suggest/type?prefix=tre", "suggest-types-response", "treaty"},
			{base + "/suggest/property?prefix=sign", "suggest-properties-response", "signed"},
			{base + "/properties?type=treaty", "data-extension-property-proposal", "party"},
		} {
			var v any
			body := f.get(c.path, &v)
			validate(t, sch[c.schema], c.path, body)
			if !strings.Contains(string(body), `"`+c.want+`"`) {
				t.Errorf("%s: no %s in %s", c.path, c.want, body)
			}
		}
	})

	t.Run("preview", func(t *testing.T) {
		status, h, body := f.do("GET", base+"/preview?id=treaty/aigun-1858", "", nil)
		if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/html") || !strings.Contains(string(body), "<h1>Treaty of Aigun</h1>") {
			t.Errorf("%d %s %s", status, h.Get("Content-Type"), body)
		}
	})

	t.Run("malformed queries: 400, a JSON error, nothing written", func(t *testing.T) {
		before := storeState(t, f.store)
		for _, c := range []struct {
			name string
			form url.Values
			json string
			want string
		}{
			{name: "not JSON", form: url.Values{"queries": {"{q0:"}}, want: "queries: malformed JSON"},
			{name: "neither query nor properties", form: url.Values{"queries": {`{"q0": {}}`}}, want: "want a query or properties"},
			{name: "unknown field", form: url.Values{"queries": {`{"q0": {"query": "x", "qurey": "y"}}`}}, want: "unknown field"},
			{name: "unknown type", form: url.Values{"queries": {`{"q0": {"query": "x", "type": "ship"}}`}}, want: "unknown type"},
			{name: "bad limit", form: url.Values{"queries": {`{"q0": {"query": "x", "limit": 0}}`}}, want: "limit"},
			{name: "unknown property", form: url.Values{"queries": {`{"q0": {"query": "x", "properties": [{"pid": "colour", "v": "red"}]}}`}}, want: "unknown property"},
			{name: "a list, not a batch", form: url.Values{"queries": {`[{"query": "x"}]`}}, want: "queries"},
			{name: "extension: bad setting", form: url.Values{"extend": {`{"ids": ["x"], "properties": [{"id": "holder", "settings": {"on": "someday"}}]}`}}, want: "not a date"},
			{name: "extension: no ids", form: url.Values{"extend": {`{"properties": [{"id": "party"}]}`}}, want: "want ids and properties"},
			{name: "JSON body not JSON", json: `{"q0": `, want: "malformed JSON"},
		} {
			t.Run(c.name, func(t *testing.T) {
				var status int
				var h http.Header
				var body []byte
				if c.json != "" {
					status, h, body = f.do("POST", base, "", strings.NewReader(c.json))
				} else {
					status, h, body = f.form(base, c.form)
				}
				if status != http.StatusBadRequest {
					t.Errorf("status %d, want 400: %s", status, body)
				}
				checkJSONHeaders(t, c.name, h)
				var e struct {
					Error struct{ Code, Message string } `json:"error"`
				}
				if err := json.Unmarshal(body, &e); err != nil || e.Error.Code != "EINVALID" || !strings.Contains(e.Error.Message, c.want) {
					t.Errorf("error %s, want EINVALID naming %q", body, c.want)
				}
			})
		}
		if after := storeState(t, f.store); after != before {
			t.Errorf("the store changed: %s, then %s", before, after)
		}
	})
}

// storeState sums up what the store holds, to see that nothing was written.
func storeState(t *testing.T, st kb.Store) string {
	t.Helper()
	ctx := context.Background()
	cs, err := st.Claims(ctx, kb.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	es, err := st.Entities(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	ss, err := st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal([]int{len(cs), len(es), len(ss)})
	return string(b)
}

func hasValue(vs []map[string]string, key, want string) bool {
	for _, v := range vs {
		if v[key] == want {
			return true
		}
	}
	return false
}

func sorted(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}
