package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run runs the program with arguments and returns its exit status and
// streams.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	m := NewMain()
	m.Stdout, m.Stderr, m.Stdin = &out, &errb, strings.NewReader("")
	code := m.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

func runJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	code, out, errs := run(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errs)
	}
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("%v: output is not JSON: %v\n%s", args, err, out)
	}
}

type dateJSON struct {
	Input      string   `json:"input"`
	Calendar   string   `json:"calendar"`
	Precision  string   `json:"precision"`
	EDTF       string   `json:"edtf"`
	Chinese    string   `json:"chinese"`
	Qualifiers []string `json:"qualifiers"`
	Gregorian  struct {
		Start, End *string
	} `json:"gregorian"`
	Julian struct {
		Start, End *string
	} `json:"julian"`
	JDN struct {
		Earliest, Latest *int
	} `json:"jdn"`
}

func TestDateCommandAcceptance(t *testing.T) {
	for _, c := range []struct {
		args              []string
		gregorian, julian string
		chinese           string
	}{
		{[]string{"date", "16 mei 1858", "--lang", "nl", "--calendar", "julian", "--json"}, "1858-05-28", "1858-05-16", "咸豐八年四月十六日"},
		{[]string{"date", "咸豐八年四月十六日", "--json"}, "1858-05-28", "1858-05-16", "咸豐八年四月十六日"},
		{[]string{"date", "2 October [O.S. 20 September] 1879", "--json"}, "1879-10-02", "1879-09-20", ""},
		{[]string{"date", "--json", "February", "12", "(February", "24,", "New", "Style", "calendar)", "--year", "1881"}, "1881-02-24", "1881-02-12", ""},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			var d dateJSON
			runJSON(t, &d, c.args...)
			if d.Gregorian.Start == nil || *d.Gregorian.Start != c.gregorian || *d.Gregorian.End != c.gregorian {
				t.Errorf("gregorian = %v..%v, want %s", deref(d.Gregorian.Start), deref(d.Gregorian.End), c.gregorian)
			}
			if d.Julian.Start == nil || *d.Julian.Start != c.julian {
				t.Errorf("julian = %v, want %s", deref(d.Julian.Start), c.julian)
			}
			if d.Precision != "day" || d.EDTF != c.gregorian || d.JDN.Earliest == nil || *d.JDN.Earliest != *d.JDN.Latest {
				t.Errorf("precision %q, edtf %q, jdn %v..%v", d.Precision, d.EDTF, d.JDN.Earliest, d.JDN.Latest)
			}
			if c.chinese != "" && d.Chinese != c.chinese {
				t.Errorf("chinese = %q, want %q", d.Chinese, c.chinese)
			}
			if d.Qualifiers == nil {
				t.Errorf("qualifiers missing from JSON")
			}
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func TestDateCommandText(t *testing.T) {
	code, out, _ := run(t, "date", "1862–77")
	if code != 0 || !strings.Contains(out, "1862/1877") || !strings.Contains(out, "1862-01-01 .. 1877-12-31") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

func TestDateCommandBadInput(t *testing.T) {
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"date", "hello world"}, `"hello"`},
		{[]string{"date", "1858 and then some"}, `"and then some"`},
		{[]string{"date", "16 mei"}, "no year"},
		{[]string{"date"}, "no date given"},
		{[]string{"date", "1858", "--calendar", "julain"}, `unknown calendar "julain"`},
		{[]string{"date", "--bogus"}, "bogus"},
		{[]string{"nosuchcommand"}, "unknown command"},
	} {
		code, _, errs := run(t, c.args...)
		if code != 2 || !strings.Contains(errs, c.says) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 saying %q", c.args, code, errs, c.says)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"date", "--help"}, {"quantity", "-h"}} {
		code, out, errs := run(t, args...)
		if code != 0 || !strings.Contains(out+errs, "Usage") {
			t.Errorf("%v: exit %d, output %q %q", args, code, out, errs)
		}
	}
}

func TestDateFind(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "doc.txt")
	os.WriteFile(path, []byte("Signed on 16 mei 1858 at Aigun; ratified in 1860."), 0o644)
	var ms []struct {
		Start, End int
		Text       string
	}
	runJSON(t, &ms, "date", "--find", path, "--json")
	if len(ms) != 2 || ms[0].Text != "16 mei 1858" || ms[0].Start != 10 || ms[1].Text != "1860" {
		t.Errorf("found %+v", ms)
	}
	code, _, errs := run(t, "date", "--find", filepath.Join(dir, "missing.txt"))
	if code != 2 || !strings.Contains(errs, "missing.txt") {
		t.Errorf("missing file: exit %d, %q", code, errs)
	}
	os.WriteFile(path, []byte{0xff, 0xfe, 'a'}, 0o644)
	code, _, errs = run(t, "date", "--find", path)
	if code != 2 || !strings.Contains(errs, "not UTF-8") {
		t.Errorf("binary file: exit %d, %q", code, errs)
	}
}

type quantityJSON struct {
	Input     string   `json:"input"`
	Value     *float64 `json:"value"`
	Min       *float64 `json:"min"`
	Max       *float64 `json:"max"`
	Unit      string   `json:"unit"`
	Canonical struct {
		Value    *float64 `json:"value"`
		Min, Max *float64
		Unit     string `json:"unit"`
	} `json:"canonical"`
}

func TestQuantityCommandAcceptance(t *testing.T) {
	var q quantityJSON
	runJSON(t, &q, "quantity", "185,000 square miles", "--json")
	if q.Value == nil || *q.Value != 185000 || q.Unit != "mi2" {
		t.Errorf("value %v %q, want 185000 mi2", q.Value, q.Unit)
	}
	if q.Canonical.Value == nil || math.Abs(*q.Canonical.Value-479148) > 1 || q.Canonical.Unit != "km2" {
		t.Errorf("canonical %v %q, want ≈ 479,148 km2", q.Canonical.Value, q.Canonical.Unit)
	}
	runJSON(t, &q, "quantity", "more than 20,000 troops", "--json")
	if q.Min == nil || *q.Min != 20000 || q.Max != nil {
		t.Errorf("more than 20,000: min %v max %v, want 20000 and open (null)", q.Min, q.Max)
	}
	code, _, errs := run(t, "quantity", "12 florbs")
	if code != 2 || !strings.Contains(errs, "florbs") {
		t.Errorf("12 florbs: exit %d, %q", code, errs)
	}
}
