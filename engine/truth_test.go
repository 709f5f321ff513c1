package engine_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/data"
	"treatyline/engine"
	"treatyline/histdate"
	"treatyline/kb"
)

func day(t *testing.T, iso string) histdate.JDN {
	t.Helper()
	d, err := histdate.Parse(iso, histdate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d.Earliest()
}

func persp(t *testing.T, e *engine.Engine, party string, sources ...string) engine.Perspective {
	t.Helper()
	p, err := e.ParsePerspective(party, sources)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func treatyOn(t *testing.T, e *engine.Engine, id, iso string, p engine.Perspective) engine.TreatyState {
	t.Helper()
	st, err := e.Treaty(id, day(t, iso), p)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func territoryOn(t *testing.T, e *engine.Engine, id, iso string, p engine.Perspective) engine.TerritoryState {
	t.Helper()
	st, err := e.Territory(id, day(t, iso), p)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func names(bs []engine.Basis, s string) bool {
	for _, b := range bs {
		if strings.Contains(b.Provision, s) || strings.Contains(b.Event, s) {
			return true
		}
	}
	return false
}

// TestNoAnachronism: the day after Aigun's signing, neither the left
// bank's holding nor Aigun's details rest on the Convention of Peking of
// November 1860; from Peking's day on they do.
func TestNoAnachronism(t *testing.T) {
	e := bundledEngine(t)
	all := persp(t, e, "")
	for _, c := range []struct {
		day       string
		confirmed bool
	}{{"1858-05-29", false}, {"1860-11-13", false}, {"1860-11-14", true}, {"1861-01-01", true}} {
		land := territoryOn(t, e, "territory/amur-left-bank", c.day, all)
		if names(land.Basis, "peking-1860") != c.confirmed || strings.Contains(land.Note, "peking") != c.confirmed {
			t.Errorf("%s: the left bank's answer names Peking: %v, want %v (note %q)", c.day, !c.confirmed, c.confirmed, land.Note)
		}
		aigun := treatyOn(t, e, "treaty/aigun-1858", c.day, all)
		got := slices.Contains(aigun.Details, "confirmed by treaty/peking-1860")
		if got != c.confirmed || names(aigun.Basis, "peking-1860") != c.confirmed {
			t.Errorf("%s: Aigun confirmed by Peking = %v (details %q), want %v", c.day, got, aigun.Details, c.confirmed)
		}
	}
}

// TestDisowningEnds: from the Qing side Aigun is void from its signing
// until the Qing signed the Convention of Peking, which confirmed it; then
// in force, with its rights; Nerchinsk is reversed only from then; the
// left bank is Qing until then and Russian after.
func TestDisowningEnds(t *testing.T) {
	e := bundledEngine(t)
	qing := persp(t, e, "qing")
	cases := []struct {
		day, aigun, nerchinsk, leftBank string
		navigation                      bool
	}{
		{"1858-05-27", "not_yet_signed", "in_force", "polity/qing", false},
		{"1859-01-01", "void", "in_force", "polity/qing", false},
		{"1860-11-13", "void", "in_force", "polity/qing", false},
		{"1861-01-01", "in_force", "reversed", "polity/russia", true},
		{"1900-01-01", "in_force", "reversed", "polity/russia", true},
	}
	for _, c := range cases {
		aigun := treatyOn(t, e, "treaty/aigun-1858", c.day, qing)
		nerchinsk := treatyOn(t, e, "treaty/nerchinsk-1689", c.day, qing)
		land := territoryOn(t, e, "territory/amur-left-bank", c.day, qing)
		st := e.AsOf(day(t, c.day), qing)
		nav := slices.ContainsFunc(st.Rights, func(r engine.RightState) bool { return r.Provision == "provision/aigun-1858/navigation" })
		got := []string{aigun.Status, nerchinsk.Status, strings.Join(land.Holders, ",")}
		if diff := cmp.Diff([]string{c.aigun, c.nerchinsk, c.leftBank}, got); diff != "" || nav != c.navigation {
			t.Errorf("qing on %s (-want +got):\n%s navigation %v want %v", c.day, diff, nav, c.navigation)
		}
	}
	aigun := treatyOn(t, e, "treaty/aigun-1858", "1861-01-01", qing)
	if !slices.Contains(aigun.Details, "polity/qing recognised it by treaty/peking-1860") {
		t.Errorf("Aigun 1861 from the Qing side: details %q do not say how the disowning ended", aigun.Details)
	}
}

// TestSourceSetView: a view of one source cites that source alone and
// dates events by that source's own dates: 002 gives the Treaty of Aigun
// only as of May 1858, so on 20 May 1858 its status is uncertain, with
// the window of the month.
func TestSourceSetView(t *testing.T) {
	e := bundledEngine(t)
	only002 := persp(t, e, "", "002_83b40dc56342f948")
	aigun := treatyOn(t, e, "treaty/aigun-1858", "1858-05-20", only002)
	if aigun.Status != "uncertain" || aigun.Window == nil || aigun.Window.Earliest != "1858-05-01" || aigun.Window.Latest != "1858-05-31" {
		t.Errorf("Aigun by 002 on 1858-05-20: %s %+v, want uncertain in May 1858", aigun.Status, aigun.Window)
	}
	aigun = treatyOn(t, e, "treaty/aigun-1858", "1858-06-01", only002)
	if aigun.Signed != "1858-05" {
		t.Errorf("Aigun by 002: signed %q, want 1858-05", aigun.Signed)
	}
	only001 := persp(t, e, "", "001_edea92537101e3cc")
	st := e.AsOf(day(t, "1858-05-29"), only001)
	for _, tr := range st.Territories {
		for _, b := range tr.Basis {
			if b.Source != "001_edea92537101e3cc" {
				t.Errorf("001's view cites %s for %s", b.Source, tr.ID)
			}
		}
	}
}

// TestSplitJurisdiction: under Aigun the Sixty-Four Villages lie in the
// land ceded to Russia, their residents under Manchu jurisdiction.
func TestSplitJurisdiction(t *testing.T) {
	e := bundledEngine(t)
	v := territoryOn(t, e, "territory/sixty-four-villages", "1859-01-01", persp(t, e, ""))
	if v.Mode != "split" || !slices.Equal(v.Holders, []string{"polity/russia"}) || !slices.Equal(v.Jurisdiction, []string{"polity/qing"}) {
		t.Errorf("the villages in 1859: %s %v jurisdiction %v, want split: Russia, jurisdiction Qing", v.Mode, v.Holders, v.Jurisdiction)
	}
	v = territoryOn(t, e, "territory/sixty-four-villages", "1700-01-01", persp(t, e, ""))
	if v.Mode != "sole" || !slices.Equal(v.Holders, []string{"polity/qing"}) {
		t.Errorf("the villages in 1700: %s %v, want Qing (as part of the left bank under Nerchinsk)", v.Mode, v.Holders)
	}
}

// TestPrecisionAsWritten: a treaty dated to the year is shown as the year,
// never as its last day; a territory's holding since a rough date keeps
// the source's precision.
func TestPrecisionAsWritten(t *testing.T) {
	e := bundledEngine(t)
	all := persp(t, e, "")
	if got := treatyOn(t, e, "treaty/kyakhta-1727", "1800-01-01", all); got.Signed != "1727" || got.SignedDay != "1727-12-31" {
		t.Errorf("Kyakhta: signed %q (day %q), want 1727 (1727-12-31)", got.Signed, got.SignedDay)
	}
	if got := territoryOn(t, e, "territory/ili-valley", "1875-01-01", all); got.Since != "1871" {
		t.Errorf("Ili 1875: since %q, want 1871", got.Since)
	}
}

// TestConsensusRule: one reviewer's correction of one source's date does
// not move a treaty's date against the sources that agree on another day;
// the answer says which claim it took and why.
func TestConsensusRule(t *testing.T) {
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	claims := slices.Clone(b.Claims)
	corrected := false
	for i, c := range claims {
		if c.Subject == "treaty/aigun-1858" && c.Property == "signed" && len(c.Evidence) > 0 && c.Evidence[0].Source == "003_835acd5ed4ef2496" {
			claims[i].Value = kb.DateValue("20 May 1858", "", "en")
			corrected = true
		}
	}
	if !corrected {
		t.Fatal("no signing claim of 003 for Aigun")
	}
	e := engine.New(b.Entities, claims, b.Provisions)
	got := treatyOn(t, e, "treaty/aigun-1858", "1859-01-01", persp(t, e, ""))
	if got.Signed != "1858-05-28" || got.Chosen == nil || !strings.Contains(got.Chosen.Why, "2 source") {
		t.Errorf("Aigun with 003 corrected to 20 May: signed %q chosen %+v, want 1858-05-28 by 2 sources", got.Signed, got.Chosen)
	}
	// Rejected claims never count: with every date claim rejected, nothing dates Aigun.
	for i, c := range claims {
		if c.Subject == "treaty/aigun-1858" && (c.Property == "signed" || c.Property == "negotiated") {
			claims[i].Status = kb.Rejected
		}
	}
	e = engine.New(b.Entities, claims, b.Provisions)
	if got := treatyOn(t, e, "treaty/aigun-1858", "1859-01-01", persp(t, e, "")); got.Status != "undated" {
		t.Errorf("Aigun with every signing claim rejected: %s, want undated", got.Status)
	}
}

// TestSupersededOnItsDay: 000 dates Livadia to the day of the treaty that
// superseded it; Livadia then moves nothing, and the Ili valley goes to
// the Qing by St. Petersburg alone.
func TestSupersededOnItsDay(t *testing.T) {
	e := bundledEngine(t)
	all := persp(t, e, "")
	for _, id := range []string{"territory/ili-valley", "territory/ili-west"} {
		got := territoryOn(t, e, id, "1881-03-01", all)
		if got.Mode != "sole" || !slices.Equal(got.Holders, []string{"polity/qing"}) || names(got.Basis, "livadia") {
			t.Errorf("%s in March 1881: %s %v on %d basis, want Qing by St. Petersburg alone", id, got.Mode, got.Holders, len(got.Basis))
		}
	}
	if got := treatyOn(t, e, "treaty/livadia-1879", "1881-03-01", all); got.Status != "superseded" {
		t.Errorf("Livadia in March 1881: %s, want superseded", got.Status)
	}
}

// TestRightsAsQuoted: Aigun's navigation right is the two parties' alone
// against all third countries (no one power singled out), and its border
// trade runs along the whole border, not one river.
func TestRightsAsQuoted(t *testing.T) {
	e := bundledEngine(t)
	st := e.AsOf(day(t, "1859-01-01"), persp(t, e, ""))
	got := map[string]engine.RightState{}
	for _, r := range st.Rights {
		got[r.Provision] = r
	}
	nav, ok := got["provision/aigun-1858/navigation"]
	if !ok || !nav.Exclusive || len(nav.Excludes) != 0 {
		t.Errorf("navigation: %+v, want exclusive against all third countries, none named", nav)
	}
	trade, ok := got["provision/aigun-1858/border-trade"]
	if !ok || len(trade.Object) != 0 || !strings.Contains(trade.Limits, "entire length") {
		t.Errorf("border trade: objects %v, limits %q; want the whole border", trade.Object, trade.Limits)
	}
}
