package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"treatyline/internal/report"
	"treatyline/kb"
)

// TestInit: init makes a bundled project by default and an empty one with
// --empty, which no later command fills with the bundle; it refuses a file
// that exists.
func TestInit(t *testing.T) {
	empty := tempDB(t)
	code, out, errs := run(t, "init", "--db", empty, "--empty")
	if code != 0 || !strings.Contains(out, "empty project") {
		t.Fatalf("init --empty: exit %d %q %q", code, out, errs)
	}
	// Every command that opens the store leaves it empty.
	for _, args := range [][]string{{"search", "Aigun"}, {"asof", "1859-01-01"}, {"review"}, {"entities"}, {"conflicts"}, {"sources", "list"}} {
		if code, _, errs := run(t, append(args, "--db", empty)...); code != 0 {
			t.Errorf("%v on an empty project: exit %d %s", args, code, errs)
		}
	}
	var ents []report.EntityCard
	runJSON(t, &ents, "entities", "--status", "all", "--db", empty, "--json")
	if len(ents) != 0 {
		t.Errorf("an empty project holds %d entities after other commands", len(ents))
	}
	code, _, errs = run(t, "init", "--db", empty)
	if code != 2 || !strings.Contains(errs, "exists") {
		t.Errorf("init on an existing file: exit %d %q", code, errs)
	}

	bundled := tempDB(t)
	var made struct{ Entities, Claims int }
	runJSON(t, &made, "init", "--db", bundled, "--json")
	if made.Entities == 0 || made.Claims == 0 {
		t.Errorf("init (bundled) made %+v", made)
	}
}

// TestEntitiesCommand: a curator's decisions from the command line; a
// merge keeps every claim and alias and the old id still shows.
func TestEntitiesCommand(t *testing.T) {
	db := tempDB(t)
	if code, _, errs := run(t, "init", "--db", db, "--empty"); code != 0 {
		t.Fatal(errs)
	}
	dir := t.TempDir()
	doc := filepath.Join(dir, "kiel.txt")
	if err := os.WriteFile(doc, []byte("The Treaty of Kiel was signed on 14 January 1814 by Denmark and Sweden."), 0o644); err != nil {
		t.Fatal(err)
	}
	ok := func(args ...string) string {
		t.Helper()
		if args[0] != "ingest" && args[0] != "show" {
			args = append(args, "--by", "ann")
		}
		code, out, errs := run(t, append(args, "--db", db)...)
		if code != 0 {
			t.Fatalf("%v: exit %d %s", args, code, errs)
		}
		return out
	}
	ok("entities", "add", "treaty/kiel-1814", "--kind", "treaty", "--label", "Treaty of Kiel", "--alias", "Peace of Kiel")
	ok("entities", "add", "treaty/kiel-dup", "--kind", "treaty", "--label", "Kieler Frieden", "--lang", "de")
	ok("entities", "alias", "treaty/kiel-dup", "Freden i Kiel", "--lang", "sv")
	ok("entities", "rename", "treaty/kiel-1814", "--label", "Treaty of Kiel (1814)")
	// A claim on the duplicate, as a document would bring it.
	st := openTest(t, db)
	text := "Der Kieler Frieden wurde am 14. Januar 1814 geschlossen."
	if err := st.Apply(t.Context(), kb.Batch{Sources: []kb.Source{{ID: "kiel-de", Text: text}},
		Claims: []kb.Claim{{ID: "c/kiel-de-signed", Subject: "treaty/kiel-dup", Property: "signed", Value: kb.DateValue("14. Januar 1814", "", "de"),
			Evidence: []kb.Evidence{{Source: "kiel-de", Quote: kb.TextQuoteSelector{Exact: "14. Januar 1814"}, Position: kb.TextPositionSelector{Start: 29, End: 44}}},
			Status:   kb.Candidate, Rank: kb.Normal}}}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	out := ok("entities", "merge", "treaty/kiel-dup", "treaty/kiel-1814")
	if !strings.Contains(out, "merged into treaty/kiel-1814") {
		t.Errorf("merge says %q", out)
	}
	var shown report.Entity
	runJSON(t, &shown, "show", "treaty/kiel-dup", "--db", db, "--json")
	if shown.ID != "treaty/kiel-1814" || shown.ResolvedFrom != "treaty/kiel-dup" {
		t.Errorf("show of the merged id gave %s (from %q)", shown.ID, shown.ResolvedFrom)
	}
	for _, name := range []string{"Kieler Frieden", "Freden i Kiel", "Peace of Kiel", "Treaty of Kiel"} {
		if !strings.Contains(strings.Join(shown.Aliases, "|"), name) {
			t.Errorf("after the merge the treaty lacks the name %q: %v", name, shown.Aliases)
		}
	}
	if len(shown.Claims) != 1 || shown.Claims[0].ID != "c/kiel-de-signed" {
		t.Errorf("after the merge the treaty's claims are %+v; want the duplicate's", shown.Claims)
	}
	if out := ok("entities", "history", "treaty/kiel-dup"); !strings.Contains(out, "merge treaty/kiel-dup treaty/kiel-1814") || !strings.Contains(out, "ann") {
		t.Errorf("history says %q", out)
	}

	// Ingesting a document again does not undo the merge.
	ok("ingest", doc)
	runJSON(t, &shown, "show", "treaty/kiel-dup", "--db", db, "--json")
	if shown.ID != "treaty/kiel-1814" {
		t.Errorf("after ingest the merged id shows %s", shown.ID)
	}

	ok("entities", "place", "treaty/kiel-1814", "--point", "10.13,54.32")
	geo := filepath.Join(dir, "area.geojson")
	os.WriteFile(geo, []byte(`{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[10,54],[11,54],[11,55],[10,54]]]}}`), 0o644)
	out = ok("entities", "place", "treaty/kiel-1814", "--geojson", geo)
	if !strings.Contains(out, "Polygon, approximate") {
		t.Errorf("place --geojson says %q", out)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"entities", "place", "treaty/kiel-1814", "--point", "200,1"}, "longitude"},
		{[]string{"entities", "place", "treaty/kiel-1814"}, "--point"},
		{[]string{"entities", "merge", "treaty/kiel-1814"}, "INTO"},
		{[]string{"entities", "merge", "treaty/kiel-1814", "treaty/none"}, "treaty/none"},
		{[]string{"entities", "add", "treaty/kiel-1814", "--kind", "treaty", "--label", "x"}, "exists"},
		{[]string{"entities", "add", "x/y", "--kind", "planet", "--label", "x"}, "planet"},
		{[]string{"entities", "frobnicate"}, "unknown action"},
		{[]string{"review", "--accept-all", "--min-confidence", "2"}, "--min-confidence"},
	} {
		code, _, errs := run(t, append(tc.args, "--db", db)...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
	}
}

// openTest opens a project's store as the commands do.
func openTest(t *testing.T, db string) kb.Store {
	t.Helper()
	st, err := openStore(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestIngestEmptyFile: ingest refuses an empty document as sources add
// does, naming the file, and stores nothing of it.
func TestIngestEmptyFile(t *testing.T) {
	db := tempDB(t)
	if code, _, errs := run(t, "init", "--db", db, "--empty"); code != 0 {
		t.Fatal(errs)
	}
	path := filepath.Join(t.TempDir(), "blank.txt")
	os.WriteFile(path, nil, 0o644)
	code, _, errs := run(t, "ingest", "--db", db, path)
	if code != 2 || !strings.Contains(errs, "blank.txt") || !strings.Contains(errs, "empty") {
		t.Errorf("ingest of an empty file: exit %d %q", code, errs)
	}
	code, out, _ := run(t, "sources", "list", "--db", db)
	if code != 0 || strings.Contains(out, "blank") {
		t.Errorf("after refusing it, sources list = %q", out)
	}
}

// TestMergeSuggestionsKept: the merges ingest suggests (the same treaty
// named in two languages, signed the same year) are kept with the store
// and offered on the candidates, until a merge settles them.
func TestMergeSuggestionsKept(t *testing.T) {
	db := tempDB(t)
	if code, _, errs := run(t, "init", "--db", db, "--empty"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := run(t, "ingest", "--db", db, "testdata/kiel"); code != 0 {
		t.Fatal(errs)
	}
	var cards []report.EntityCard
	runJSON(t, &cards, "entities", "--db", db, "--kind", "treaty", "--json")
	offered := map[string]string{}
	for _, c := range cards {
		for _, d := range c.Duplicates {
			offered[c.ID] = d.ID
		}
	}
	if offered["treaty/kieler"] != "treaty/kiel" || offered["treaty/kiel"] != "treaty/kieler" {
		t.Fatalf("merges offered: %v; want the Treaty of Kiel and the Kieler Frieden offered to each other", offered)
	}
	if code, _, errs := run(t, "entities", "merge", "treaty/kieler", "treaty/kiel", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	var after []report.EntityCard
	runJSON(t, &after, "entities", "--db", db, "--kind", "treaty", "--status", "all", "--json")
	for _, c := range after {
		if c.ID == "treaty/kieler" {
			t.Errorf("the merged treaty is still listed")
		}
		for _, d := range c.Duplicates {
			if d.ID == c.ID || d.ID == "treaty/kieler" {
				t.Errorf("%s is offered %s after the merge", c.ID, d.ID)
			}
		}
	}
}

// TestReingestFolderKeepsDecisions: a claim rejected and a provision
// accepted stay so when the same folder of documents, with its discovered
// entities, is ingested again.
func TestReingestFolderKeepsDecisions(t *testing.T) {
	db := tempDB(t)
	if code, _, errs := run(t, "init", "--db", db, "--empty"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := run(t, "ingest", "--db", db, "testdata/kiel"); code != 0 {
		t.Fatal(errs)
	}
	st := openTest(t, db)
	cs, err := st.Claims(t.Context(), kb.ClaimFilter{Status: kb.Candidate})
	if err != nil || len(cs) == 0 {
		t.Fatalf("candidate claims: %d, %v", len(cs), err)
	}
	ps, err := st.Provisions(t.Context(), "")
	if err != nil || len(ps) == 0 {
		t.Fatalf("candidate provisions: %d, %v", len(ps), err)
	}
	st.Close()
	claim, prov := cs[0].ID, ps[0].ID
	for _, args := range [][]string{{"review", "reject", claim}, {"review", "accept", prov}, {"ingest", "testdata/kiel"}} {
		if code, _, errs := run(t, append(args, "--db", db)...); code != 0 {
			t.Fatalf("%v: %s", args, errs)
		}
	}
	st = openTest(t, db)
	defer st.Close()
	h, err := st.ClaimHistory(t.Context(), claim)
	if err != nil || h[len(h)-1].Status != kb.Rejected {
		t.Errorf("after ingesting again the rejected claim is %s (%v)", h[len(h)-1].Status, err)
	}
	ps, err = st.Provisions(t.Context(), ps[0].Treaty)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.ID == prov && p.Status != kb.Accepted {
			t.Errorf("after ingesting again the accepted provision is %s", p.Status)
		}
	}
}
