package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/server"
)

// asofAnswer is GET /asof's body, each section kept as its items' bytes so
// that an absent section (nil) is told from an empty one.
type asofAnswer struct {
	Date        string            `json:"date"`
	Perspective string            `json:"perspective"`
	Territories []json.RawMessage `json:"territories"`
	Rights      []json.RawMessage `json:"rights"`
	Treaties    []json.RawMessage `json:"treaties"`
}

// idOf reads an item's id (a right's provision).
func idOf(t *testing.T, item json.RawMessage) string {
	t.Helper()
	var v struct{ ID, Provision string }
	if err := json.Unmarshal(item, &v); err != nil {
		t.Fatal(err)
	}
	return v.ID + v.Provision
}

func ids(t *testing.T, items []json.RawMessage) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, idOf(t, it))
	}
	return out
}

// An answer has the sections its question asks for and no others, each
// item the bytes the whole state gives for it.
func TestAsofSizedToTheQuestion(t *testing.T) {
	f := newFixture(t, server.Config{})
	const day = "date=1861-01-01"
	var whole asofAnswer
	f.get("/api/v1/asof?"+day+"&all=1", &whole)
	if len(whole.Territories) < 2 || len(whole.Rights) < 1 || len(whole.Treaties) < 2 {
		t.Fatalf("the whole state is too small to test with: %d territories, %d rights, %d treaties",
			len(whole.Territories), len(whole.Rights), len(whole.Treaties))
	}
	item := map[string]json.RawMessage{}
	for _, it := range append(append([]json.RawMessage{}, whole.Territories...), whole.Treaties...) {
		item[idOf(t, it)] = it
	}
	t1, t2 := idOf(t, whole.Territories[0]), idOf(t, whole.Territories[1])
	tr := idOf(t, whole.Treaties[1])
	right := idOf(t, whole.Rights[0])
	var rightsOf []json.RawMessage
	for _, r := range whole.Rights {
		if idOf(t, r) == right {
			rightsOf = append(rightsOf, r)
		}
	}
	for _, c := range []struct {
		name, query                   string
		territories, treaties, rights []string // nil: the section is absent
	}{
		{"a territory", "territory=" + t1, []string{t1}, nil, nil},
		{"a set, repeated", "territory=" + t2 + "&territory=" + t1, []string{t2, t1}, nil, nil},
		{"a set, commas, once each", "territory=" + t1 + "," + t2 + ",," + t1, []string{t1, t2}, nil, nil},
		{"a treaty", "treaty=" + tr, nil, []string{tr}, nil},
		{"a right", "right=" + right, nil, nil, ids(t, rightsOf)},
		{"a territory and a treaty", "territory=" + t1 + "&treaty=" + tr, []string{t1}, []string{tr}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var a asofAnswer
			f.get("/api/v1/asof?"+day+"&"+c.query, &a)
			if a.Date != whole.Date || a.Perspective != whole.Perspective {
				t.Errorf("date %s perspective %s; want %s %s", a.Date, a.Perspective, whole.Date, whole.Perspective)
			}
			for _, s := range []struct {
				name string
				got  []json.RawMessage
				want []string
			}{{"territories", a.Territories, c.territories}, {"treaties", a.Treaties, c.treaties}, {"rights", a.Rights, c.rights}} {
				if (s.got == nil) != (s.want == nil) {
					t.Errorf("%s: present %v, want %v", s.name, s.got != nil, s.want != nil)
					continue
				}
				if d := cmp.Diff(s.want, ids(t, s.got)); s.want != nil && d != "" {
					t.Errorf("%s (-want +got):\n%s", s.name, d)
				}
				for _, it := range s.got {
					if w, ok := item[idOf(t, it)]; ok && !bytes.Equal(w, it) {
						t.Errorf("%s: %s differs from the whole state's:\n got %s\nwant %s", s.name, idOf(t, it), it, w)
					}
				}
			}
		})
	}
	// A right not in force on the day: an empty list, not an error.
	var early asofAnswer
	f.get("/api/v1/asof?date=1700-01-01&right="+right, &early)
	if early.Rights == nil || len(early.Rights) != 0 {
		t.Errorf("right %s in 1700: %s; want an empty list", right, early.Rights)
	}
}

// A list read a page at a time, following Link, is the whole state's.
func TestAsofPages(t *testing.T) {
	f := newFixture(t, server.Config{})
	var whole asofAnswer
	f.get("/api/v1/asof?date=1861-01-01&all=1", &whole)
	for _, c := range []struct {
		list string
		all  []json.RawMessage
	}{{"territories", whole.Territories}, {"rights", whole.Rights}, {"treaties", whole.Treaties}} {
		for _, limit := range []int{1, 2, 1000} {
			t.Run(fmt.Sprintf("%s by %d", c.list, limit), func(t *testing.T) {
				var paged []json.RawMessage
				next := fmt.Sprintf("/api/v1/asof?date=1861-01-01&list=%s&limit=%d", c.list, limit)
				for pages := 0; next != ""; pages++ {
					if pages > len(c.all) {
						t.Fatal("the pages do not end")
					}
					status, h, body := f.do("GET", next, "", nil)
					if status != http.StatusOK {
						t.Fatalf("GET %s: %d %s", next, status, body)
					}
					if h.Get("X-Total-Count") != fmt.Sprint(len(c.all)) {
						t.Errorf("GET %s: X-Total-Count %q; want %d", next, h.Get("X-Total-Count"), len(c.all))
					}
					var a asofAnswer
					if err := json.Unmarshal(body, &a); err != nil {
						t.Fatal(err)
					}
					items := map[string][]json.RawMessage{"territories": a.Territories, "rights": a.Rights, "treaties": a.Treaties}[c.list]
					if len(items) > limit || items == nil {
						t.Fatalf("GET %s: %d %s, limit %d", next, len(items), c.list, limit)
					}
					paged = append(paged, items...)
					next = ""
					if l := h.Get("Link"); l != "" {
						next = strings.TrimPrefix(strings.Split(l, ">")[0], "<")
					}
				}
				if d := cmp.Diff(ids(t, c.all), ids(t, paged)); d != "" {
					t.Errorf("the pages differ from the whole list (-want +got):\n%s", d)
				}
				for i := range paged {
					if !bytes.Equal(paged[i], c.all[i]) {
						t.Errorf("item %d differs between the list and its pages", i)
						break
					}
				}
			})
		}
	}
	// Past the end: an empty page, no Link.
	status, h, body := f.do("GET", "/api/v1/asof?date=1861-01-01&list=territories&cursor=100000", "", nil)
	if status != http.StatusOK || h.Get("Link") != "" || !strings.Contains(string(body), `"territories":[]`) {
		t.Errorf("past the end: %d Link %q %s", status, h.Get("Link"), body)
	}
}

// Answers are compact JSON; ?pretty indents the same value.
func TestPrettyJSON(t *testing.T) {
	f := newFixture(t, server.Config{})
	for _, c := range []struct {
		path   string
		status int
	}{
		{"/api/v1/asof?date=1861-01-01&territory=territory/ussuri-sea", 200},
		{"/api/v1/search?q=Muraviev", 200},
		{"/api/v1/geo", 200},
		{"/api/v1/asof?date=1861-01-01", 400},
	} {
		t.Run(c.path, func(t *testing.T) {
			status, _, compact := f.do("GET", c.path, "", nil)
			if status != c.status {
				t.Fatalf("%d %s", status, compact)
			}
			if bytes.Contains(compact, []byte("\n  ")) || bytes.Count(compact, []byte("\n")) != 1 {
				t.Errorf("not compact: %.200s", compact)
			}
			sep := "?"
			if strings.Contains(c.path, "?") {
				sep = "&"
			}
			for _, p := range []string{"pretty", "pretty=1", "pretty=true"} {
				_, _, pretty := f.do("GET", c.path+sep+p, "", nil)
				if !bytes.Contains(pretty, []byte("\n  ")) {
					t.Errorf("%s: not indented: %.200s", p, pretty)
				}
				var want, got bytes.Buffer
				if err := json.Compact(&want, compact); err != nil {
					t.Fatal(err)
				}
				if err := json.Compact(&got, pretty); err != nil {
					t.Fatal(err)
				}
				if want.String() != got.String() {
					t.Errorf("%s: another value than the compact answer", p)
				}
			}
			_, _, off := f.do("GET", c.path+sep+"pretty=0", "", nil)
			if !bytes.Equal(off, compact) {
				t.Errorf("pretty=0: %.200s", off)
			}
		})
	}
}
