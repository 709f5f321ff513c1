package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"treatyline/internal/gold"
	"treatyline/internal/report"
	"treatyline/kb"
)

// tempDB gives a store path in a fresh folder.
func tempDB(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "kb.db")
}

func TestShowAigunOnFreshStore(t *testing.T) {
	db := tempDB(t)
	var e struct {
		ID      string
		Kind    string
		Labels  map[string]string
		Aliases []string
		Claims  []struct {
			Property string
			Status   string
			Rank     string
			Value    map[string]any
			Evidence []struct {
				Source, Quote string
				Start, End    int
			}
		}
		Provisions []struct{ Type string }
	}
	runJSON(t, &e, "show", "treaty/aigun-1858", "--db", db, "--json")
	if e.ID != "treaty/aigun-1858" || e.Kind != "treaty" || e.Labels["ru"] == "" || len(e.Aliases) == 0 {
		t.Errorf("entity: %+v", e)
	}
	if len(e.Claims) < 10 || len(e.Provisions) < 3 {
		t.Errorf("%d claims, %d provisions", len(e.Claims), len(e.Provisions))
	}
	for _, c := range e.Claims {
		if c.Status == "accepted" && (len(c.Evidence) == 0 || c.Evidence[0].Quote == "" || c.Evidence[0].End <= c.Evidence[0].Start) {
			t.Errorf("claim %s without evidence: %+v", c.Property, c)
		}
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("store file not created: %v", err)
	}
	code, _, errs := run(t, "show", "treaty/nosuch", "--db", db)
	if code != 2 || !strings.Contains(errs, "no entity") {
		t.Errorf("unknown id: exit %d, %q", code, errs)
	}
}

func TestSearchSameEntityForms(t *testing.T) {
	seeds, _, _ := gold.Shared(t)
	db := tempDB(t)
	for group, forms := range seeds.SameEntity {
		first := ""
		for _, form := range forms {
			var res []struct {
				ID, Kind, Label, Matched string
				Score                    float64
			}
			runJSON(t, &res, "search", form, "--db", db, "--json")
			if len(res) == 0 {
				t.Errorf("%s: %q finds nothing", group, form)
				continue
			}
			if first == "" {
				first = res[0].ID
			}
			if res[0].ID != first || res[0].Score <= 0 || res[0].Matched == "" {
				t.Errorf("%s: %q ranks %+v first, want %s", group, form, res[0], first)
			}
		}
	}
	// Transliteration tolerance beyond the listed forms.
	for _, q := range []string{"Муравьёв", "Muravjov", "Murawjow", "Nevelsky", "Putiatin"} {
		var res []struct{ ID string }
		runJSON(t, &res, "search", q, "--db", db, "--json")
		if len(res) == 0 || !strings.HasPrefix(res[0].ID, "person/") {
			t.Errorf("%q finds %v", q, res)
		}
	}
}

func TestClaimsCommand(t *testing.T) {
	db := tempDB(t)
	var cs []struct {
		Property string
		Subject  string
	}
	runJSON(t, &cs, "claims", "person/muravyov", "--db", db, "--json")
	if len(cs) == 0 {
		t.Fatal("no claims on person/muravyov")
	}
	code, _, errs := run(t, "claims", "person/muravyov", "--status", "maybe", "--db", db)
	if code != 2 || !strings.Contains(errs, "maybe") {
		t.Errorf("bad status: exit %d %q", code, errs)
	}
}

// storeDump lists the sources of a store, to compare before and after.
func storeDump(t *testing.T, db string) string {
	t.Helper()
	code, out, errs := run(t, "sources", "list", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("sources list: %s", errs)
	}
	return out
}

func TestSourcesAdd(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "nanking.txt")
	os.WriteFile(good, []byte("The Treaty of Nanking was signed on 29 August 1842 aboard HMS Cornwallis. It ended the First Opium War and ceded Hong Kong to the British."), 0o644)
	var added []struct{ ID, Language, SHA256 string }
	runJSON(t, &added, "sources", "add", good, "--db", db, "--json")
	if len(added) != 1 || added[0].ID != "nanking" || added[0].Language != "en" || len(added[0].SHA256) != 64 {
		t.Fatalf("added %+v", added)
	}
	// The same file again changes nothing.
	if code, _, errs := run(t, "sources", "add", good, "--db", db); code != 0 {
		t.Fatalf("adding the same file again: %s", errs)
	}
	before := storeDump(t, db)

	bad := filepath.Join(dir, "latin1.txt")
	os.WriteFile(bad, []byte("Verdrag van Nanking\ngesloten op 29 augustus 1842 \xe9\xe9n"), 0o644)
	changed := filepath.Join(t.TempDir(), "nanking.txt")
	os.WriteFile(changed, []byte("A different text under the same name."), 0o644)
	big := filepath.Join(dir, "big.txt")
	f, _ := os.Create(big)
	f.Truncate(100 << 20)
	f.Close()
	other := filepath.Join(dir, "other.txt")
	os.WriteFile(other, []byte("Het Verdrag van Tianjin werd in 1858 ondertekend en het bestond uit twaalf artikelen."), 0o644)

	for _, c := range []struct {
		name  string
		files []string
		says  string
	}{
		{"not UTF-8", []string{bad}, "latin1.txt:2: not UTF-8"},
		{"changed text under a stored id", []string{changed}, "another text"},
		{"100 MB file", []string{big}, "more than the 50 MB"},
		{"a good file with a bad one", []string{other, bad}, "not UTF-8"},
		{"missing file", []string{filepath.Join(dir, "nope.txt")}, "nope.txt"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := run(t, append([]string{"sources", "add", "--db", db}, c.files...)...)
			if code != 2 || !strings.Contains(errs, c.says) {
				t.Errorf("exit %d, stderr %q; want exit 2 saying %q", code, errs, c.says)
			}
			if after := storeDump(t, db); after != before {
				t.Errorf("the store changed:\n%s\nthen\n%s", before, after)
			}
		})
	}
}

func TestCheckCommand(t *testing.T) {
	dir, err := gold.SharedDir()
	if err != nil {
		t.Skip(err)
	}
	code, out, errs := run(t, "check", "--corpus", filepath.Join(dir, "corpus"))
	if code != 0 || !strings.Contains(out, " 0 errors") {
		t.Errorf("check: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "integrity: a treaty that supersedes") || !strings.Contains(out, "treaty/st-petersburg-1881, which supersedes treaty/livadia-1879") {
		t.Errorf("check does not report the Livadia / St. Petersburg dating:\n%s", out)
	}
	// A damaged copy fails, naming the file and line.
	data := t.TempDir()
	copyTree(t, "../../data", data)
	p := filepath.Join(data, "claims", "aigun-1858.yaml")
	b, _ := os.ReadFile(p)
	b = bytes.Replace(b, []byte(`exact: "16 mei 1858"`), []byte(`exact: "16 mei 1859"`), 1)
	os.WriteFile(p, b, 0o644)
	code, out, _ = run(t, "check", "--data", data, "--corpus", filepath.Join(dir, "corpus"))
	if code != 1 || !strings.Contains(out, p+":") || !strings.Contains(out, "not found") {
		t.Errorf("damaged copy: exit %d\n%s", code, out)
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A claim a user reviewed keeps its review when the bundled knowledge
// base is loaded again (a new binary with changed data).
func TestBundleReloadKeepsReviews(t *testing.T) {
	ctx := context.Background()
	db := tempDB(t)
	st, err := openStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := st.Claims(ctx, kb.ClaimFilter{Subject: "treaty/aigun-1858", Property: "signed"})
	if err != nil || len(cs) == 0 {
		t.Fatal(err)
	}
	id := cs[0].ID
	if err := st.SetStatus(ctx, id, kb.Rejected, "reviewer", time.Now()); err != nil {
		t.Fatal(err)
	}
	// Pretend the binary's bundle changed.
	if err := st.SetMeta(ctx, report.BundleHashKey, "an older bundle"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	st, err = openStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	hist, err := st.ClaimHistory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if last := hist[len(hist)-1]; last.Status != kb.Rejected || last.RecordedBy != "reviewer" {
		t.Errorf("after reload the claim is %s by %s, want rejected by reviewer", last.Status, last.RecordedBy)
	}
}
