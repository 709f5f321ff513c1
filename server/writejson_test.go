package server_test

import (
	"bytes"
	"encoding/json"
	"strconv"
	"testing"

	"treatyline/internal/report"
	"treatyline/server"
)

// The API's as-of answers, written by report's own appender, are the
// bytes encoding/json writes for the same answer (compact, no HTML
// escapes, a newline after); ?pretty is encoding/json's indented form;
// and an answer of at most StreamAbove items says its length.
func TestAsofJSONBytes(t *testing.T) {
	f := newFixture(t, server.Config{})
	for _, path := range []string{
		"/api/v1/asof?date=1861-01-01&all=1",
		"/api/v1/asof?date=1858-05-28&list=territories&limit=1000",
		"/api/v1/asof?date=1900-01-01&list=rights&limit=3",
		"/api/v1/asof?date=1689-09-07&list=treaties&limit=1000&perspective=polity/qing",
		"/api/v1/asof?date=1861-01-01&territory=territory/ussuri-sea",
		"/api/v1/asof?date=1600-01-01&list=territories&limit=5&cursor=100000",
	} {
		status, h, body := f.do("GET", path, "", nil)
		if status != 200 {
			t.Fatalf("GET %s: %d %s", path, status, body)
		}
		var a report.Answer
		if err := json.Unmarshal(body, &a); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		// A small answer says its length; a large one is streamed.
		want := strconv.Itoa(len(body))
		if len(a.Territories)+len(a.Rights)+len(a.Treaties) > server.StreamAbove {
			want = ""
		}
		if n := h.Get("Content-Length"); n != want {
			t.Errorf("GET %s: Content-Length %q for %d bytes; want %q", path, n, len(body), want)
		}
		for _, pretty := range []bool{false, true} {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			got, p := body, path
			if pretty {
				enc.SetIndent("", "  ")
				p += "&pretty"
				_, _, got = f.do("GET", p, "", nil)
			}
			if err := enc.Encode(a); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("GET %s: the body is not encoding/json's:\n got %.300s\nwant %.300s", p, got, want.Bytes())
			}
		}
	}
}
