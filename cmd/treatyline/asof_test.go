package main

import (
	"strings"
	"testing"

	"treatyline/engine"
	"treatyline/internal/gold"
)

// goldTerritory maps the gold file's loose territory names to ids.
var goldTerritory = map[string]string{
	"left bank of the Amur (Argun to the sea)": "territory/amur-left-bank",
	"land between the Ussuri and the sea":      "territory/ussuri-sea",
	"Ili valley":                               "territory/ili-valley",
}

var goldPolity = map[string]string{"qing": "polity/qing", "russia": "polity/russia"}

func asof(t *testing.T, db string, args ...string) engine.State {
	t.Helper()
	var st engine.State
	runJSON(t, &st, append([]string{"asof", "--db", db, "--json"}, args...)...)
	return st
}

func basisNames(bs []engine.Basis, treaty string) bool {
	short := strings.TrimPrefix(treaty, "treaty/")
	for _, b := range bs {
		if strings.HasPrefix(b.Event, treaty+" ") || strings.HasPrefix(b.Provision, "provision/"+short+"/") {
			return true
		}
	}
	return false
}

func TestAsofGold(t *testing.T) {
	seeds, _, _ := gold.Shared(t)
	db := tempDB(t)
	for _, g := range seeds.Asof {
		name := g.Date + " " + g.Territory + g.Right
		t.Run(name, func(t *testing.T) {
			st := asof(t, db, g.Date)
			if g.Right != "" {
				found := false
				for _, r := range st.Rights {
					if r.Type != "navigation_right" {
						continue
					}
					objs := strings.Join(r.Object, " ")
					if !strings.Contains(objs, "river/amur") || !strings.Contains(objs, "river/sungari") || !strings.Contains(objs, "river/ussuri") {
						continue
					}
					found = true
					for _, h := range g.Holders {
						if !contains(r.Holders, goldPolity[h]) {
							t.Errorf("holders %v lack %s", r.Holders, h)
						}
					}
					if r.Exclusive != g.Exclusive || !basisNames(r.Basis, "treaty/"+treatyOf(g.Basis)) {
						t.Errorf("right %+v: want exclusive %v, basis %s", r, g.Exclusive, g.Basis)
					}
				}
				if !found {
					t.Errorf("no navigation right on the Amur, Sungari and Ussuri: %+v", st.Rights)
				}
				return
			}
			id := goldTerritory[g.Territory]
			var ts *engine.TerritoryState
			for i := range st.Territories {
				if st.Territories[i].ID == id {
					ts = &st.Territories[i]
				}
			}
			if ts == nil {
				t.Fatalf("no territory %s", id)
			}
			holder := strings.Fields(g.Holder)[0]
			if !contains(ts.Holders, goldPolity[holder]) {
				t.Errorf("holders %v, want %s", ts.Holders, g.Holder)
			}
			switch {
			case strings.Contains(g.Holder, "jointly"):
				if ts.Mode != "joint" || len(ts.Holders) != 2 {
					t.Errorf("mode %s %v, want joint russia + qing", ts.Mode, ts.Holders)
				}
			case strings.Contains(g.Holder, "occupation"):
				if ts.Mode != "occupied" {
					t.Errorf("mode %s, want occupied", ts.Mode)
				}
			default:
				if ts.Mode != "sole" || len(ts.Holders) != 1 {
					t.Errorf("mode %s %v, want sole", ts.Mode, ts.Holders)
				}
			}
			if strings.HasPrefix(g.Basis, "treaty_") {
				if !basisNames(ts.Basis, "treaty/"+treatyOf(g.Basis)) {
					t.Errorf("basis does not name %s: %+v", g.Basis, ts.Basis)
				}
			} else if len(ts.Basis) == 0 || !strings.Contains(ts.Basis[0].Event, "occupied_by") {
				t.Errorf("basis %+v, want the occupation", ts.Basis)
			}
			// The Qing perspective on the Ussuri land in 1859: the
			// condominium clause was disowned (003).
			if strings.Contains(g.Note, "Qing perspective") {
				q := asof(t, db, g.Date, "--perspective", "qing", "--territory", id)
				qt := q.Territories[0]
				if qt.Mode == "joint" || !contains(qt.Holders, "polity/qing") || contains(qt.Holders, "polity/russia") {
					t.Errorf("qing perspective: %s %v, want Qing alone", qt.Mode, qt.Holders)
				}
				cites003 := false
				for _, b := range qt.Basis {
					if b.Source == "003_835acd5ed4ef2496" && strings.Contains(b.Event, "disowned_by") {
						cites003 = true
					}
				}
				if !cites003 {
					t.Errorf("qing perspective does not cite 003's disowning: %+v", qt.Basis)
				}
			}
		})
	}
}

// treatyOf maps gold treaty names (treaty_aigun, treaty_peking_1860) to
// id stems.
func treatyOf(g string) string {
	return map[string]string{"treaty_nerchinsk": "nerchinsk-1689", "treaty_aigun": "aigun-1858", "treaty_peking_1860": "peking-1860",
		"treaty_st_petersburg_1881": "st-petersburg-1881"}[g]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestAsofSourcesDisagreeOnRatification(t *testing.T) {
	db := tempDB(t)
	for _, c := range []struct{ source, want string }{
		{"002_83b40dc56342f948", "ratification refused by polity/qing (date not given)"},
		{"003_835acd5ed4ef2496", "ratified by polity/qing (date not given)"},
	} {
		st := asof(t, db, "1859-01-01", "--sources", c.source)
		var aigun *engine.TreatyState
		for i := range st.Treaties {
			if st.Treaties[i].ID == "treaty/aigun-1858" {
				aigun = &st.Treaties[i]
			}
		}
		if aigun == nil {
			t.Fatalf("%s: no Aigun", c.source)
		}
		if !contains(aigun.Details, c.want) || len(aigun.Details) > 0 && contains(aigun.Details, other(c.want)) {
			t.Errorf("%s: details %v, want %q alone", c.source, aigun.Details, c.want)
		}
		cited := false
		for _, b := range aigun.Basis {
			if b.Source == c.source && strings.Contains(b.Event, "ratif") {
				cited = true
			}
		}
		if !cited {
			t.Errorf("%s: the ratification status does not cite its source: %+v", c.source, aigun.Basis)
		}
	}
}

func other(s string) string {
	if strings.HasPrefix(s, "ratified") {
		return "ratification refused by polity/qing (date not given)"
	}
	return "ratified by polity/qing (date not given)"
}

func TestAsofEverythingHasEvidence(t *testing.T) {
	db := tempDB(t)
	for _, date := range []string{"1650", "1700-01-01", "1857-01-01", "1859-01-01", "1860-11-20", "1861-01-01", "1875-01-01", "1882-01-01"} {
		for _, p := range []string{"consensus", "qing", "russia"} {
			st := asof(t, db, date, "--perspective", p)
			for _, ts := range st.Territories {
				if len(ts.Holders) > 0 && len(ts.Basis) == 0 {
					t.Errorf("%s %s: territory %s held by %v without basis", date, p, ts.ID, ts.Holders)
				}
			}
			for _, r := range st.Rights {
				if len(r.Basis) == 0 {
					t.Errorf("%s %s: right %s without basis", date, p, r.Provision)
				}
			}
			for _, tr := range st.Treaties {
				// Nothing is cited for a treaty not yet signed on the day: its
				// signing had not happened.
				if len(tr.Basis) == 0 && tr.Status != "not_yet_signed" && tr.Status != "undated" {
					t.Errorf("%s %s: treaty %s status %s without basis", date, p, tr.ID, tr.Status)
				}
				for _, b := range tr.Basis {
					if b.Source == "" || b.Quote == "" {
						t.Errorf("%s %s: treaty %s basis without source or quote: %+v", date, p, tr.ID, b)
					}
				}
			}
		}
	}
}

func TestAsofBadInput(t *testing.T) {
	db := tempDB(t)
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"asof", "--db", db, "someday"}, "not a date"},
		{[]string{"asof", "--db", db, "1859", "--perspective", "atlantis"}, "unknown perspective"},
		{[]string{"asof", "--db", db, "1859", "--sources", "nosuch"}, `no source "nosuch"`},
		{[]string{"asof", "--db", db, "1859", "--territory", "territory/atlantis"}, "no territory"},
		{[]string{"status", "--db", db, "treaty/nosuch", "--on", "1859"}, "no treaty"},
	} {
		code, _, errs := run(t, c.args...)
		if code != 2 || !strings.Contains(errs, c.says) {
			t.Errorf("%v: exit %d, %q; want 2 saying %q", c.args, code, errs, c.says)
		}
	}
}

func TestStatusAndTimeline(t *testing.T) {
	db := tempDB(t)
	var s engine.TreatyState
	runJSON(t, &s, "status", "treaty/livadia-1879", "--on", "1882-01-01", "--db", db, "--json")
	if s.Status != "superseded" || len(s.Basis) == 0 || s.Signed != "1881-02-24" {
		t.Errorf("Livadia in 1882: %+v", s)
	}
	runJSON(t, &s, "status", "treaty/aigun-1858", "--on", "咸豐九年", "--db", db, "--json")
	if s.Status != "in_force" {
		t.Errorf("Aigun in Xianfeng 9: %+v", s)
	}
	code, out, errs := run(t, "timeline", "treaty/aigun-1858", "--db", db)
	if code != 0 || !strings.Contains(out, "16 mei 1858, julian") || !strings.Contains(out, "1858-05-28") {
		t.Errorf("timeline: exit %d %s\n%s", code, errs, out)
	}
}

// 002 dates the Convention of Peking to November 1860 only: inside that
// month the Ussuri land's holder is uncertain, with the window given.
func TestAsofUncertainWindow(t *testing.T) {
	db := tempDB(t)
	st := asof(t, db, "1860-11-20", "--sources", "002_83b40dc56342f948", "--territory", "territory/ussuri-sea")
	ts := st.Territories[0]
	if ts.Mode != "uncertain" || ts.Window == nil || ts.Window.Earliest != "1860-11-01" || ts.Window.Latest != "1860-11-30" {
		t.Errorf("Ussuri land on 1860-11-20 by 002: %s %v window %+v", ts.Mode, ts.Holders, ts.Window)
	}
	st = asof(t, db, "1860-12-01", "--sources", "002_83b40dc56342f948", "--territory", "territory/ussuri-sea")
	if ts := st.Territories[0]; ts.Mode != "sole" || !contains(ts.Holders, "polity/russia") {
		t.Errorf("Ussuri land on 1860-12-01 by 002: %s %v", ts.Mode, ts.Holders)
	}
	// The consensus knows the day: 2 November 1860 Old Style.
	st = asof(t, db, "1860-11-20", "--territory", "territory/ussuri-sea")
	if ts := st.Territories[0]; ts.Mode != "sole" || !contains(ts.Holders, "polity/russia") {
		t.Errorf("Ussuri land on 1860-11-20: %s %v", ts.Mode, ts.Holders)
	}
}
