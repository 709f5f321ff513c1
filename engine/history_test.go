package engine_test

import (
	"slices"
	"testing"

	"treatyline/data"
	"treatyline/engine"
	"treatyline/histdate"
	"treatyline/kb"
)

func bundledEngine(t *testing.T) *engine.Engine {
	t.Helper()
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	return engine.New(b.Entities, b.Claims, b.Provisions)
}

// TestTerritoryHistory: each change in a territory's history is what AsOf
// answers from its day on, it has a basis, and the days run in order. The
// land between the Ussuri and the sea goes from the Qing to joint holding
// (Aigun, 1858) to Russia (Peking, 1860).
func TestTerritoryHistory(t *testing.T) {
	e := bundledEngine(t)
	p, err := e.ParsePerspective("", nil)
	if err != nil {
		t.Fatal(err)
	}
	const ussuri = "territory/ussuri-sea"
	hist, err := e.TerritoryHistory(ussuri, p)
	if err != nil {
		t.Fatal(err)
	}
	var modes []string
	prev := histdate.JDN(0)
	for _, h := range hist {
		if len(h.Basis) == 0 {
			t.Errorf("%s since %s: no basis", h.Mode, h.Since)
		}
		d, err := histdate.Parse(h.SinceDay, histdate.Options{})
		if err != nil {
			t.Fatalf("since %q: %v", h.SinceDay, err)
		}
		day := d.Latest()
		if day < prev {
			t.Errorf("since %s comes before the change before it", h.Since)
		}
		prev = day
		got, err := e.Territory(ussuri, day, p)
		if err != nil {
			t.Fatal(err)
		}
		if got.Mode != h.Mode || len(got.Holders) != len(h.Holders) {
			t.Errorf("on %s: AsOf says %s %v, the history %s %v", h.Since, got.Mode, got.Holders, h.Mode, h.Holders)
		}
		modes = append(modes, h.Mode+" "+joinIDs(h.Holders))
	}
	want := []string{"joint polity/qing,polity/russia", "sole polity/russia"}
	if !hasSubsequence(modes, want) {
		t.Errorf("history %q does not go through %q", modes, want)
	}
	if _, err := e.TerritoryHistory("territory/atlantis", p); kb.ErrorCode(err) != kb.ENOTFOUND {
		t.Errorf("unknown territory: err = %v, want ENOTFOUND", err)
	}
}

func joinIDs(ids []string) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += ","
		}
		s += id
	}
	return s
}

func hasSubsequence(list, want []string) bool {
	k := 0
	for _, s := range list {
		if k < len(want) && s == want[k] {
			k++
		}
	}
	return k == len(want)
}

// TestDisownedBy: a holding resting on a clause a party disowned says who
// disowns it; a holding on a plain statement of who held the land does
// not, whatever note the statement carries.
func TestDisownedBy(t *testing.T) {
	e := bundledEngine(t)
	consensus, err := e.ParsePerspective("", nil)
	if err != nil {
		t.Fatal(err)
	}
	qing, err := e.ParsePerspective("qing", nil)
	if err != nil {
		t.Fatal(err)
	}
	day := histdate.NewDay(histdate.Gregorian, 1859, 1, 1).Earliest
	for _, c := range []struct {
		territory string
		p         engine.Perspective
		want      []string
	}{
		{"territory/ussuri-sea", consensus, []string{"polity/qing"}},
		{"territory/ussuri-sea", qing, []string{"polity/qing"}},
		{"territory/ili-valley", consensus, nil},
	} {
		st, err := e.Territory(c.territory, day, c.p)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(st.DisownedBy, c.want) {
			t.Errorf("%s (%s): disowned_by %q, want %q", c.territory, c.p.Name(), st.DisownedBy, c.want)
		}
	}
}
