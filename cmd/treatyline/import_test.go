package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/internal/gold"
	"treatyline/internal/report"
	"treatyline/kb"
)

func cowData(t *testing.T) string {
	t.Helper()
	dir, err := gold.SharedDir()
	if err != nil {
		t.Skip(err)
	}
	return filepath.Join(dir, "data", "cow-territorial-change-v6")
}

func TestImportCOW(t *testing.T) {
	src := cowData(t)
	db := filepath.Join(t.TempDir(), "t.db")
	var rep importReport
	runJSON(t, &rep, "import", "cow-tc", src, "--db", db, "--json")
	read := rep.Read.(map[string]any)
	if read["changes"] != 842.0 || read["states"] != 243.0 {
		t.Errorf("read %v, want 842 changes and 243 states", read)
	}
	if rep.Sources != 2 || rep.Provisions == 0 || rep.Claims == 0 || rep.Linked == 0 {
		t.Errorf("first import added %+v", rep)
	}
	// Every change is an event with its date.
	st, err := openStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	events, err := st.Claims(context.Background(), kb.ClaimFilter{Source: "cow-tc-v6", Property: "point_in_time"})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 842 {
		t.Errorf("got %d dated changes, want 842", len(events))
	}
	// Importing twice adds nothing.
	var again importReport
	runJSON(t, &again, "import", "cow-tc", src, "--db", db, "--json")
	if again.Sources+again.Entities+again.Claims+again.Provisions != 0 {
		t.Errorf("second import added %+v", again)
	}

	type holding struct{ holders, mode, since, quote string }
	at := func(day, territory string) holding {
		t.Helper()
		st := asof(t, db, day, "--sources", "cow-tc-v6", "--territory", territory)
		if len(st.Territories) != 1 {
			t.Fatalf("%s on %s: %d territories", territory, day, len(st.Territories))
		}
		ts := st.Territories[0]
		h := holding{holders: strings.Join(ts.Holders, "+"), mode: ts.Mode, since: ts.Since}
		if len(ts.Basis) > 0 {
			h.quote = ts.Basis[0].Quote
			if ts.Basis[0].Source != "cow-tc-v6" {
				t.Errorf("%s on %s: basis from %s", territory, day, ts.Basis[0].Source)
			}
		}
		return h
	}
	tests := []struct {
		name, day, territory string
		want                 holding
	}{
		{"cession: part of China to Russia, June 1858, before", "1858-05-01", "territory/cow-tc-131", holding{mode: "unknown"}},
		{"cession: part of China to Russia, June 1858", "1859-01-01", "territory/cow-tc-131",
			holding{"polity/cow-365", "sole", "1858-06", "1858,6,365,1,3,710,1,282473.00,40000,0,710,1,1,0,0,131,0,0,5"}},
		{"annexation of Ili, 1871, month and population missing: a year's window", "1871-06-01", "territory/cow-tc-210",
			holding{"", "uncertain", "", "1871,.,365,1,2,710,1,42900.00,.,0,710,1,1,0,0,210,0,0,5"}},
		{"annexation of Ili, after the year", "1872-01-01", "territory/cow-tc-210",
			holding{"polity/cow-365", "sole", "1871", "1871,.,365,1,2,710,1,42900.00,.,0,710,1,1,0,0,210,0,0,5"}},
		{"secession: Texas from Mexico, March 1836", "1840-01-01", "territory/cow-7",
			holding{"polity/cow-7", "sole", "1836-03", "1836,3,7,1,4,7,-9,1010472.00,38000,1,70,0,1,-9,0,70,1,1,5"}},
		{"Alaska bought from Russia", "1870-01-01", "territory/cow-3", holding{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := at(tt.day, tt.territory)
			if tt.name == "Alaska bought from Russia" {
				if got.holders != "polity/cow-2" || !strings.Contains(got.quote, ",2,") {
					t.Errorf("Alaska in 1870: %+v", got)
				}
				return
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(holding{})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	// The dataset and the documents meet where the sources are compared.
	var groups []report.Group
	runJSON(t, &groups, "conflicts", "--db", db, "--json")
	found := map[string]string{}
	for _, g := range groups {
		if g.Subject != "treaty/aigun-1858" || (g.Property != "signed" && g.Property != "area_ceded") {
			continue
		}
		srcs := map[string]bool{}
		for _, m := range g.Claims {
			srcs[m.Source] = true
		}
		if srcs["cow-tc-v6"] && (srcs["001_edea92537101e3cc"] || srcs["002_83b40dc56342f948"]) {
			found[g.Property] = g.Class
		}
	}
	if diff := cmp.Diff(map[string]string{"signed": "conflict", "area_ceded": "conflict"}, found); diff != "" {
		t.Errorf("Aigun's date and area, COW beside the documents (-want +got):\n%s", diff)
	}
}

func TestImportCOWMalformed(t *testing.T) {
	src := cowData(t)
	dir := t.TempDir()
	for _, f := range []string{"tc2018.csv", "states2016.csv", "Entities.txt"} {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		if f == "tc2018.csv" {
			lines := strings.Split(string(b), "\n")
			lines[500] = strings.Replace(lines[500], ",", ",x", 1) // the month of line 501
			b = []byte(strings.Join(lines, "\n"))
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "t.db")
	code, _, errs := run(t, "import", "cow-tc", dir, "--db", db)
	if code != exitInput || !strings.Contains(errs, "tc2018.csv:501:6: month:") {
		t.Errorf("exit %d, %q; want 2 and the line and column", code, errs)
	}
	st, err := openStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srcs, err := st.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		if strings.HasPrefix(s.ID, "cow-") {
			t.Errorf("source %s stored by a failed import", s.ID)
		}
	}
}
