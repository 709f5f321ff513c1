package kb_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"treatyline/data"
	"treatyline/internal/gold"
	"treatyline/kb"
)

func bundle(t testing.TB) *kb.Bundle {
	t.Helper()
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatalf("the bundled knowledge base does not load:\n%v", err)
	}
	return b
}

func goldAndCorpus(t testing.TB) (*gold.Seeds, gold.Corpus) {
	t.Helper()
	seeds, corpus, _ := gold.Shared(t)
	return seeds, corpus
}

func TestBundleChecksAgainstCorpus(t *testing.T) {
	b := bundle(t)
	_, corpus := goldAndCorpus(t)
	for _, f := range kb.Check(b, corpus) {
		if f.Error {
			t.Error(f)
		} else {
			t.Log(f)
		}
	}
}

func TestSameEntityFormsFindOneEntity(t *testing.T) {
	b := bundle(t)
	seeds, _ := goldAndCorpus(t)
	ix := kb.NewIndex(b.Entities)
	seen := map[string]string{}
	for group, forms := range seeds.SameEntity {
		want := ""
		for _, form := range forms {
			res := ix.Search(form, 3)
			if len(res) == 0 {
				t.Errorf("%s: %q finds nothing", group, form)
				continue
			}
			if want == "" {
				want = res[0].ID
			}
			if res[0].ID != want {
				t.Errorf("%s: %q finds %s first (%v), want %s", group, form, res[0].ID, res, want)
			}
			if len(res) > 1 && res[1].Score == res[0].Score {
				t.Errorf("%s: %q ties %s with %s", group, form, res[0].ID, res[1].ID)
			}
		}
		if other, dup := seen[want]; dup {
			t.Errorf("groups %s and %s find the same entity %s", group, other, want)
		}
		seen[want] = group
	}
}

// claimAt finds a claim of a value type with evidence exactly at a span.
func claimAt(b *kb.Bundle, vt kb.ValueType, source string, start, end int) *kb.Claim {
	for i := range b.Claims {
		c := &b.Claims[i]
		if c.Value.Type != vt {
			continue
		}
		for _, e := range c.Evidence {
			if e.Source == source && e.Position.Start == start && e.Position.End == end {
				return c
			}
		}
	}
	return nil
}

func TestGoldDatesAndQuantitiesAreClaims(t *testing.T) {
	b := bundle(t)
	seeds, corpus := goldAndCorpus(t)
	for _, g := range seeds.Dates {
		start, end, err := corpus.Span(g.Source, g.Written)
		if err != nil {
			t.Fatal(err)
		}
		c := claimAt(b, kb.TDate, g.Source, start, end)
		if c == nil {
			t.Errorf("date %q in %s (%d..%d): no claim with evidence there", g.Written, g.Source, start, end)
			continue
		}
		d, err := c.Value.Date()
		if err != nil {
			t.Errorf("date claim %s: %v", c.ID, err)
			continue
		}
		want := g.Value
		if g.Gregorian != "" {
			want = g.Gregorian
		}
		if strings.HasPrefix(g.Calendar, "dual") {
			want = "1881-02-24"
		}
		if got := d.EDTF(); !strings.HasPrefix(got, want) && !strings.HasPrefix(want, got) {
			t.Errorf("date claim %s on %s: %q reads %s, gold %s", c.ID, c.Subject, c.Value.Text, got, want)
		}
	}
	for _, g := range seeds.Quantities {
		start, end, err := corpus.Span(g.Source, g.Written)
		if err != nil {
			t.Fatal(err)
		}
		if c := claimAt(b, kb.TQuantity, g.Source, start, end); c == nil {
			if claimAtProvision(b, g.Source, start, end) {
				continue
			}
			t.Errorf("quantity %q in %s (%d..%d): no claim with evidence there", g.Written, g.Source, start, end)
		}
	}
}

func claimAtProvision(b *kb.Bundle, source string, start, end int) bool {
	for _, p := range b.Provisions {
		if p.Amount == nil {
			continue
		}
		for _, e := range p.Evidence {
			if e.Source == source && e.Position.Start == start && e.Position.End == end {
				return true
			}
		}
	}
	return false
}

// sourcesOf lists the sources whose claims on subject and property differ.
func claimsOn(b *kb.Bundle, subject, property string) []kb.Claim {
	var out []kb.Claim
	for _, c := range b.Claims {
		if c.Subject == subject && c.Property == property {
			out = append(out, c)
		}
	}
	return out
}

func TestDisagreementsAreSeparateClaims(t *testing.T) {
	b := bundle(t)
	for _, c := range []struct {
		subject, property string
		sources           []string // each must evidence a claim of its own
	}{
		{"treaty/aigun-1858", "signed", []string{"001_edea92537101e3cc", "003_835acd5ed4ef2496", "004_37557f7096bc80d7"}},
		{"treaty/peking-1860", "signed", []string{"002_83b40dc56342f948", "003_835acd5ed4ef2496"}},
		{"treaty/aigun-1858", "area_ceded", []string{"001_edea92537101e3cc", "002_83b40dc56342f948"}},
		{"treaty/aigun-1858", "ratified", []string{"003_835acd5ed4ef2496"}},
		{"treaty/aigun-1858", "ratification_refused", []string{"002_83b40dc56342f948"}},
		{"treaty/kyakhta-1727", "signed", []string{"003_835acd5ed4ef2496", "004_37557f7096bc80d7"}},
	} {
		claims := claimsOn(b, c.subject, c.property)
		for _, src := range c.sources {
			found := false
			for _, cl := range claims {
				for _, e := range cl.Evidence {
					if e.Source == src {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("%s %s: no claim evidenced by %s", c.subject, c.property, src)
			}
		}
	}
}

func TestEveryTreatyHasLifecycleAndProvisions(t *testing.T) {
	b := bundle(t)
	for _, id := range []string{"treaty/nerchinsk-1689", "treaty/kyakhta-1727", "treaty/aigun-1858", "treaty/tianjin-1858",
		"treaty/peking-1860", "treaty/livadia-1879", "treaty/st-petersburg-1881"} {
		if len(claimsOn(b, id, "signed")) == 0 {
			t.Errorf("%s: no signed claim", id)
		}
		n := 0
		for _, p := range b.Provisions {
			if p.Treaty == id {
				n++
			}
		}
		if n == 0 {
			t.Errorf("%s: no provisions", id)
		}
	}
}

// copyData copies the bundled knowledge base to a folder to damage.
func copyData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(data.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, p), 0o755)
		}
		b, err := fs.ReadFile(data.FS, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// damage replaces the first old with new in a file of the copy and
// returns the line it was on.
func damage(t *testing.T, dir, file, old, new string) int {
	t.Helper()
	p := filepath.Join(dir, file)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(b), old)
	if i < 0 {
		t.Fatalf("%s has no %q", file, old)
	}
	os.WriteFile(p, []byte(string(b[:i])+new+string(b[i+len(old):])), 0o644)
	return strings.Count(string(b[:i]), "\n") + 1
}

func TestDamagedCopyFailsNamingFileAndLine(t *testing.T) {
	_, corpus := goldAndCorpus(t)
	for _, c := range []struct {
		name, file, old, new, says string
		load                       bool // the damage is caught when loading, before the corpus
	}{
		{"quote", "claims/aigun-1858.yaml", `exact: "16 mei 1858"`, `exact: "17 mei 1858"`, "not found", false},
		{"hash", "sources.yaml", "sha256: ", "sha256: 0", "sha256", true},
		{"unknown property", "claims/aigun-1858.yaml", "property: signed", "property: sined", `unknown property "sined"`, true},
		{"dangling reference", "claims/aigun-1858.yaml", "{entity: city/aigun}", "{entity: city/atlantis}", `"city/atlantis": no such record`, true},
		{"malformed", "claims/aigun-1858.yaml", "claims:", "claims: [", "malformed YAML", true},
		{"unparsable date", "claims/aigun-1858.yaml", `{date: "May 28, 1858", lang: en}`, `{date: "Mai 32, 1858", lang: en}`, "date", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := copyData(t)
			line := damage(t, dir, c.file, c.old, c.new)
			b, err := kb.Load(os.DirFS(dir), dir)
			var msgs []string
			if err != nil {
				msgs = append(msgs, err.Error())
			} else {
				if c.load {
					t.Fatalf("loaded without error")
				}
				for _, f := range kb.Check(b, corpus) {
					if f.Error {
						msgs = append(msgs, f.String())
					}
				}
			}
			all := strings.Join(msgs, "\n")
			if all == "" {
				t.Fatal("no error")
			}
			where := filepath.Join(dir, c.file) + ":"
			if !strings.Contains(all, where) || !strings.Contains(all, c.says) {
				t.Errorf("errors do not name %s (line %d) and say %q:\n%s", where, line, c.says, all)
			}
			// The line named is the damaged one (or where the YAML parser
			// noticed it), or the start of its record.
			named := false
			for n := line + 2; n >= 1 && n > line-12; n-- {
				if strings.Contains(all, where+strconv.Itoa(n)+":") {
					named = true
				}
			}
			if !named {
				t.Errorf("errors do not name line %d or its record's start:\n%s", line, all)
			}
		})
	}
}

func TestDriftedOffsetsAreReanchored(t *testing.T) {
	_, corpus := goldAndCorpus(t)
	dir := copyData(t)
	damage(t, dir, "claims/aigun-1858.yaml", "start: 21369, end: 21380", "start: 21370, end: 21381")
	b, err := kb.Load(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	moved := false
	for _, f := range kb.Check(b, corpus) {
		if f.Error {
			t.Error(f)
		}
		if strings.Contains(f.Msg, "re-anchored") && strings.Contains(f.Msg, "21369..21380") {
			moved = true
		}
	}
	if !moved {
		t.Error("no notice of the re-anchored quote")
	}
}
