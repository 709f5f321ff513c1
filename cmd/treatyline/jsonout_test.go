package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// --json prints compact JSON (the API's bytes), --pretty the same value
// indented; without either, text.
func TestJSONAndPretty(t *testing.T) {
	for _, c := range []struct {
		name     string
		flags    []string
		json     bool
		indented bool
	}{
		{"text", nil, false, false},
		{"json", []string{"--json"}, true, false},
		{"pretty", []string{"--pretty"}, true, true},
		{"both", []string{"--json", "--pretty"}, true, true},
		{"pretty before the argument", []string{"--pretty", "--lang", "nl"}, true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := run(t, append([]string{"date", "16 mei 1858"}, c.flags...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if got := json.Valid([]byte(out)); got != c.json {
				t.Fatalf("JSON %v, want %v: %.200s", got, c.json, out)
			}
			if got := strings.Contains(out, "\n  "); got != c.indented {
				t.Errorf("indented %v, want %v: %.200s", got, c.indented, out)
			}
			if c.json && !c.indented && strings.Count(out, "\n") != 1 {
				t.Errorf("compact JSON is one line: %.200s", out)
			}
		})
	}
}
