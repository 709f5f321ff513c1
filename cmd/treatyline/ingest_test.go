package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"treatyline/internal/gold"
	"treatyline/internal/report"
)

func TestEvalCorpusMeetsThresholds(t *testing.T) {
	_, _, dir := gold.Shared(t)
	var rep EvalReport
	runJSON(t, &rep, "eval", "--gold", filepath.Join(dir, "gold", "seeds.yaml"), "--corpus", filepath.Join(dir, "corpus"), "--json")
	if rep.Dates.F1 < 0.9 || rep.Quantities.F1 < 0.9 || rep.Entities.Accuracy < 0.95 || rep.Reconcile.Found != rep.Reconcile.Expected {
		t.Errorf("eval: %+v", rep)
	}
}

// Fixture documents about another treaty, written for the tests in English
// and Dutch, scored with the same machinery.
func TestEvalFixtures(t *testing.T) {
	var rep EvalReport
	runJSON(t, &rep, "eval", "--gold", "testdata/fixtures/gold.yaml", "--corpus", "testdata/fixtures", "--json")
	if rep.Dates.F1 < 0.9 || rep.Quantities.F1 < 0.9 || rep.Entities.Accuracy < 0.95 || rep.Reconcile.Found != rep.Reconcile.Expected {
		t.Errorf("eval on the fixtures: %+v", rep)
	}
	// A threshold above what is reached fails the command.
	code, _, errs := run(t, "eval", "--gold", "testdata/fixtures/gold.yaml", "--corpus", "testdata/fixtures", "--min-date-f1", "1.01")
	if code != 1 || !strings.Contains(errs, "below threshold") {
		t.Errorf("exit %d %q", code, errs)
	}
}

func TestIngestTwiceAddsNothing(t *testing.T) {
	db := tempDB(t)
	code, _, errs := run(t, "ingest", "--db", db, "testdata/fixtures")
	if code != 0 {
		t.Fatal(errs)
	}
	var first, second []report.Claim
	runJSON(t, &first, "review", "list", "--db", db, "--json")
	if len(first) == 0 {
		t.Fatal("no candidates")
	}
	if code, _, errs := run(t, "ingest", "--db", db, "testdata/fixtures"); code != 0 {
		t.Fatal(errs)
	}
	runJSON(t, &second, "review", "list", "--db", db, "--json")
	if len(second) != len(first) {
		t.Errorf("%d candidates, then %d after ingesting again", len(first), len(second))
	}
	// Each candidate has evidence where its quote stands.
	for _, c := range first {
		if len(c.Evidence) == 0 || c.Evidence[0].Quote == "" {
			t.Errorf("candidate %s without evidence", c.ID)
		}
	}
}

func sourceIDs(t *testing.T, db string) string {
	t.Helper()
	var srcs []struct{ ID string }
	runJSON(t, &srcs, "sources", "list", "--db", db, "--json")
	ids := []string{}
	for _, s := range srcs {
		ids = append(ids, s.ID)
	}
	return strings.Join(ids, " ")
}

// TestIngestFailureLeavesStore: a bad file ends the run before anything of
// it is stored (the files are all read before any is stored); with
// --keep-going it is reported and the others are stored.
func TestIngestFailureLeavesStore(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a-good.txt"), []byte("The Treaty of Nanking was signed on 29 August 1842."), 0o644)
	os.WriteFile(filepath.Join(dir, "b-bad.txt"), []byte("Het Verdrag van Nanking werd op 29 augustus 1842 ondertekend \xff\xfe."), 0o644)
	os.WriteFile(filepath.Join(dir, "c-good.txt"), []byte("The Treaty of Aigun was signed on 28 May 1858."), 0o644)
	db := tempDB(t)
	code, _, errs := run(t, "ingest", "--db", db, dir)
	if code != 2 || !strings.Contains(errs, "b-bad.txt") {
		t.Fatalf("exit %d %q", code, errs)
	}
	if all := sourceIDs(t, db); strings.Contains(all, "good") || strings.Contains(all, "b-bad") {
		t.Errorf("sources after a failed ingest: %v", all)
	}
	code, _, errs = run(t, "ingest", "--db", db, "--keep-going", dir)
	if code != 2 || !strings.Contains(errs, "b-bad.txt") || !strings.Contains(errs, "1 of 3 files not ingested") {
		t.Fatalf("--keep-going: exit %d %q", code, errs)
	}
	if all := sourceIDs(t, db); !strings.Contains(all, "a-good") || !strings.Contains(all, "c-good") || strings.Contains(all, "b-bad") {
		t.Errorf("sources after --keep-going: %v", all)
	}
}

func TestReview(t *testing.T) {
	db := tempDB(t)
	if code, _, errs := run(t, "ingest", "--db", db, "testdata/fixtures/nanking-en.txt"); code != 0 {
		t.Fatal(errs)
	}
	var cs []report.Claim
	runJSON(t, &cs, "review", "--db", db, "--json")
	var signed, other string
	for _, c := range cs {
		if c.Property == "signed" && c.Subject == "treaty/nanking-1842" {
			signed = c.ID
		} else if other == "" {
			other = c.ID
		}
	}
	if signed == "" || other == "" {
		t.Fatalf("candidates: %+v", cs)
	}
	if code, _, errs := run(t, "review", "accept", signed, "--db", db, "--by", "tester"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := run(t, "review", "correct", other, "--text", "corrected", "--db", db); code != 0 && !strings.Contains(errs, "takes") {
		t.Fatal(errs)
	}
	var after []report.Claim
	runJSON(t, &after, "claims", "treaty/nanking-1842", "--status", "accepted", "--db", db, "--json")
	found := false
	for _, c := range after {
		found = found || c.ID == signed
	}
	if !found {
		t.Errorf("accepted claim %s not listed as accepted", signed)
	}
	code, _, errs := run(t, "review", "accept", "candidate/nosuch", "--db", db)
	if code != 2 || !strings.Contains(errs, "candidate/nosuch") {
		t.Errorf("unknown id: exit %d %q", code, errs)
	}
}

// TestReviewProvision: a provision ingest proposed (a cession) is in the
// review queue, and accepting it makes it count: the engine moves the
// land on the treaty's day.
func TestReviewProvision(t *testing.T) {
	db := tempDB(t)
	if code, _, errs := run(t, "ingest", "--db", db, "testdata/fixtures/aigun-ru.txt"); code != 0 {
		t.Fatal(errs)
	}
	var cs []report.Claim
	runJSON(t, &cs, "review", "--db", db, "--json")
	cession := ""
	for _, c := range cs {
		if c.Property == "cession" && c.Subject == "treaty/aigun-1858" {
			cession = c.ID
			if !strings.Contains(c.ValueText, "polity/qing → polity/russia: territory/amur-left-bank") || len(c.Evidence) == 0 {
				t.Errorf("cession candidate %+v", c)
			}
		}
	}
	if cession == "" {
		t.Fatalf("no cession among the candidates: %+v", cs)
	}
	if code, _, errs := run(t, "review", "correct", cession, "--text", "x", "--db", db); code != 2 || !strings.Contains(errs, "provision") {
		t.Errorf("correcting a provision: exit %d %q", code, errs)
	}
	if code, _, errs := run(t, "review", "accept", cession, "--db", db, "--by", "tester"); code != 0 {
		t.Fatal(errs)
	}
	var after []report.Claim
	runJSON(t, &after, "review", "--db", db, "--json")
	for _, c := range after {
		if c.ID == cession {
			t.Errorf("accepted provision %s still in the queue", cession)
		}
	}
	st := asof(t, db, "1859-01-01", "--territory", "territory/amur-left-bank")
	cites := false
	for _, b := range st.Territories[0].Basis {
		cites = cites || b.Provision == cession
	}
	if !cites {
		t.Errorf("the accepted cession is not in the basis: %+v", st.Territories[0].Basis)
	}
}
