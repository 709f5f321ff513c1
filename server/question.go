package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"treatyline/internal/report"
)

// boolParam reads a yes-or-no parameter: absent is no; present with no
// value ("?pretty"), 1 or true is yes; 0 or false is no.
func boolParam(q url.Values, name string) (bool, error) {
	vs, ok := q[name]
	if !ok {
		return false, nil
	}
	v := strings.TrimSpace(vs[len(vs)-1])
	if v == "" {
		return true, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil || len(v) > 5 {
		return false, invalid("%s: %.40q (want 1 or true, 0 or false, or no value)", name, v)
	}
	return b, nil
}

// idsParam reads a set of ids: the parameter repeated, a comma-separated
// list, or both; each id once, in the order first given. A set holds at
// most MaxPageSize ids, each at most maxQueryText bytes.
func idsParam(q url.Values, name string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, v := range q[name] {
		for id := range strings.SplitSeq(v, ",") {
			id = strings.TrimSpace(id)
			switch {
			case id == "" || seen[id]:
				continue
			case len(id) > maxQueryText:
				return nil, invalid("%s: an id of %d bytes, more than %d", name, len(id), maxQueryText)
			case len(out) == MaxPageSize:
				return nil, invalid("%s: more than %d ids (ask for a page with list= instead)", name, MaxPageSize)
			}
			seen[id] = true
			out = append(out, id)
		}
	}
	return out, nil
}

// asofQuestion reads what GET /asof asks for: territory=, treaty=, right=
// (sets of ids), list= with limit and cursor (a page), or all (the whole
// state). A question that asks for nothing is refused: the whole state
// grows with the knowledge base, so it is given only when asked for.
func asofQuestion(r *http.Request) (report.Question, error) {
	values := queryOf(r)
	var q report.Question
	var err error
	if q.Territories, err = idsParam(values, "territory"); err != nil {
		return q, err
	}
	if q.Treaties, err = idsParam(values, "treaty"); err != nil {
		return q, err
	}
	if q.Rights, err = idsParam(values, "right"); err != nil {
		return q, err
	}
	if q.All, err = boolParam(values, "all"); err != nil {
		return q, err
	}
	if _, ok := values["list"]; ok {
		q.List = strings.TrimSpace(values.Get("list"))
		if !validList(q.List) {
			return q, invalid("list: %.40q (want %s)", q.List, strings.Join(report.Lists, ", "))
		}
		if q.Offset, q.Limit, err = paging(r); err != nil {
			return q, err
		}
	}
	if q.Empty() {
		return q, invalid("ask for territory=ID, treaty=ID or right=PROVISION (each a set: repeat it or separate ids by commas), " +
			"a page with list=territories, rights or treaties (limit, cursor), or the whole state with all=1")
	}
	return q, nil
}

func validList(name string) bool {
	for _, l := range report.Lists {
		if name == l {
			return true
		}
	}
	return false
}

// queryOf gives a GET request's query parameters, parsed once (ServeHTTP
// keeps them in r.Form) rather than by every parameter read: a question
// reads a dozen, and parsing them again was a tenth of answering one.
func queryOf(r *http.Request) url.Values {
	if r.Form != nil && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		return r.Form
	}
	return r.URL.Query()
}
