package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"treatyline/internal/gold"
	"treatyline/kb"
	"treatyline/store/sqlite"
)

// TestOpenWorldChain runs, for each fixture folder under testdata/open
// (documents written for the tests about treaty systems the bundled
// knowledge base does not hold, each with a gold file), the chain a new
// user runs: init --empty, ingest, review --accept-all, asof; and checks
// the gold file's asof lines: the territory, the holders and the basis
// treaty by name (any label or alias, in normal form), and the mode.
// At least 90% of the lines must be right, each with evidence.
func TestOpenWorldChain(t *testing.T) {
	dirs, err := filepath.Glob("testdata/open/*")
	if err != nil || len(dirs) < 2 {
		t.Fatalf("want two fixture folders at least: %v %v", dirs, err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "open.db")
			for _, args := range [][]string{{"init", "--db", db, "--empty"}, {"ingest", "--db", db, dir}, {"review", "--db", db, "--accept-all"}} {
				if code, _, errs := run(t, args...); code != 0 {
					t.Fatalf("%v: exit %d: %s", args, code, errs)
				}
			}
			seeds, err := gold.Load(filepath.Join(dir, "gold.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if len(seeds.Asof) == 0 {
				t.Fatal("the gold file has no asof lines")
			}
			ctx := context.Background()
			st, err := sqlite.Open(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			ents, err := st.Entities(ctx, "")
			st.Close()
			if err != nil {
				t.Fatal(err)
			}
			named := func(id, name string) bool {
				for _, e := range ents {
					if e.ID != id {
						continue
					}
					for _, n := range e.Names() {
						if kb.NormalName(n.Text) == kb.NormalName(name) {
							return true
						}
					}
				}
				return false
			}
			right := 0
			for _, g := range seeds.Asof {
				var sys struct {
					Territories []struct {
						ID      string   `json:"id"`
						Holders []string `json:"holders"`
						Mode    string   `json:"mode"`
						Basis   []struct {
							Event string `json:"event"`
							Quote string `json:"quote"`
						} `json:"basis"`
					} `json:"territories"`
				}
				runJSON(t, &sys, "asof", "--db", db, "--json", g.Date)
				want := g.Holders
				if g.Holder != "" {
					want = []string{g.Holder}
				}
				ok := false
				for _, tr := range sys.Territories {
					if !named(tr.ID, g.Territory) || len(tr.Holders) != len(want) || g.Mode != "" && tr.Mode != g.Mode {
						continue
					}
					holders := true
					for _, w := range want {
						holders = holders && slices.ContainsFunc(tr.Holders, func(h string) bool { return named(h, w) })
					}
					basis := false
					for _, b := range tr.Basis {
						id, _, _ := strings.Cut(b.Event, " ")
						basis = basis || b.Quote != "" && id != "" && named(id, g.Basis)
					}
					ok = holders && basis
				}
				if ok {
					right++
				} else {
					out, _ := json.Marshal(sys.Territories)
					t.Logf("wrong: %+v; the engine says %s", g, out)
				}
			}
			t.Logf("%d of %d asof lines right", right, len(seeds.Asof))
			if float64(right) < 0.9*float64(len(seeds.Asof)) {
				t.Errorf("%d of %d asof lines right; want 90%%", right, len(seeds.Asof))
			}
		})
	}
}
