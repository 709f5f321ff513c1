package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	out := filepath.Join(dir, "kb.jsonl")
	if code, _, errs := run(t, "export", "--db", db, "--format", "jsonl", "--out", out); code != 0 {
		t.Fatalf("export: %d %s", code, errs)
	}
	// The export, imported into another store, adds nothing there that
	// the bundle had not, and exports the same claims again.
	db2 := filepath.Join(dir, "b.db")
	var rep importReport
	runJSON(t, &rep, "import", "jsonl", out, "--db", db2, "--json")
	if rep.Claims != 0 || rep.Entities != 0 {
		t.Errorf("import of the bundle's own export into a bundled store added %+v", rep)
	}
	code, csvOut, errs := run(t, "export", "--db", db2, "--format", "csv", "--sources", "001_edea92537101e3cc")
	if code != 0 {
		t.Fatalf("csv: %d %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
	if err != nil || len(recs) < 10 {
		t.Fatalf("csv: %d records, %v", len(recs), err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--db", db, "--format", "xml"}, `unknown export format "xml"`},
		{[]string{"export", "--db", db, "--sources", "nosuch"}, `--sources: no source "nosuch"`},
		{[]string{"export", "--db", db, "--on", "someday"}, "--on:"},
		{[]string{"import", "--db", db, "cow-tc"}, "give a format"},
		{[]string{"import", "--db", db, "xls", "f"}, `unknown format "xls"`},
		{[]string{"import", "--db", db, "cow-tc", filepath.Join(dir, "nothing")}, "tc2018.csv"},
	} {
		code, _, errs := run(t, c.args...)
		if code != exitInput || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, errs, c.want)
		}
	}
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{\"record\": \"claim\"}\n"), 0o644)
	if code, _, errs := run(t, "import", "--db", db, "jsonl", bad); code != exitInput || !strings.Contains(errs, "bad.jsonl:1:") {
		t.Errorf("bad jsonl: exit %d, %q", code, errs)
	}
}
