package web_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"treatyline/internal/testkb"
	"treatyline/kb"
)

// TestEmptyProjectPage: the page of a project with nothing in it shows an
// empty map and invites documents, and the other views draw.
func TestEmptyProjectPage(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	needBrowser(t)
	s := newSiteOver(t, testkb.Empty(t))
	ctx, w := s.tab(t)
	s.open(t, ctx, "map?date=1900-01-01", "map")
	if got := text(t, ctx, "#map-empty"); !strings.Contains(got, "treatyline ingest") {
		t.Errorf("the empty map says %q; want it to invite documents (treatyline ingest)", got)
	}
	shoot(t, ctx, "empty-project")
	for _, v := range []struct{ route, view string }{{"timeline", "timeline"}, {"review", "review"}, {"conflicts", "conflicts"}} {
		s.open(t, ctx, v.route, v.view)
	}
	w.check(t)
}

// chainFixture is the folder of documents the chain ingests: a treaty
// system the bundled knowledge base does not know.
const chainFixture = "../cmd/treatyline/testdata/kiel"

// chainDay is the day the chain asks about.
const chainDay = "1815-01-01"

// TestChainFromEmpty runs the chain a new user runs, with the binary:
// init --empty, ingest DIR, review --accept-all, asof, serve; then the map
// in a browser shows the new territories it can place and lists the others
// beside it with their holders.
func TestChainFromEmpty(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	needBrowser(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "treatyline")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/treatyline").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "project.db")
	run := func(args ...string) []byte {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "TREATYLINE_DB="+db)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("treatyline %s: %v\n%s%s", strings.Join(args, " "), err, out, stderr.Bytes())
		}
		return out
	}

	var made struct{ Entities, Claims int }
	must(t, json.Unmarshal(run("init", "--empty", "--json"), &made))
	if made.Entities != 0 || made.Claims != 0 {
		t.Fatalf("init --empty made %d entities and %d claims", made.Entities, made.Claims)
	}
	run("ingest", chainFixture)
	var accepted struct{ Entities, Claims, Provisions int }
	must(t, json.Unmarshal(run("review", "--accept-all", "--json"), &accepted))
	if accepted.Entities == 0 || accepted.Provisions == 0 {
		t.Fatalf("review --accept-all accepted %+v; want new entities and provisions", accepted)
	}
	var state struct {
		Territories []struct {
			ID      string
			Label   string
			Holders []string
			Mode    string
		}
	}
	must(t, json.Unmarshal(run("asof", chainDay, "--json"), &state))
	if len(state.Territories) == 0 {
		t.Fatalf("asof %s: no territory; the chain read nothing from the documents", chainDay)
	}

	// serve, as a user starts it.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := exec.CommandContext(ctx, bin, "serve", "--addr", "127.0.0.1:0", "--token", testToken)
	srv.Env = append(os.Environ(), "TREATYLINE_DB="+db)
	srv.Cancel = func() error { return srv.Process.Signal(syscall.SIGTERM) }
	stdout, err := srv.StdoutPipe()
	must(t, err)
	must(t, srv.Start())
	t.Cleanup(func() {
		cancel()
		srv.Wait()
	})
	url := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if _, rest, ok := strings.Cut(sc.Text(), "serving "); ok {
				url <- strings.Fields(rest)[0]
			}
		}
	}()
	s := newBrowser(t)
	select {
	case u := <-url:
		s.url = strings.TrimSuffix(u, "/")
	case <-time.After(60 * time.Second):
		t.Fatal("treatyline serve did not say where it serves")
	}

	var geo struct {
		Features []struct {
			ID         string
			Properties struct {
				PlacedBy string `json:"placed_by"`
			}
		}
	}
	s.api(t, "geo", &geo)
	placed := map[string]bool{}
	for _, f := range geo.Features {
		placed[f.ID] = true
	}
	tab, w := s.tab(t)
	s.open(t, tab, "map?date="+chainDay, "map")
	var drawn, listed int
	for _, terr := range state.Territories {
		if placed[terr.ID] {
			drawn++
			sel := fmt.Sprintf(`path.territory[data-id=%q]`, terr.ID)
			if got := attr(t, tab, sel, "data-holder"); got != strings.Join(terr.Holders, " ") {
				t.Errorf("%s on the map: data-holder = %q; want %q", terr.ID, got, strings.Join(terr.Holders, " "))
			}
			continue
		}
		listed++
		sel := fmt.Sprintf(`#unplaced li[data-unplaced=%q]`, terr.ID)
		got := text(t, tab, sel)
		if !strings.Contains(got, terr.Label) || len(terr.Holders) > 0 && strings.Contains(got, "no holder") {
			t.Errorf("%s beside the map reads %q; want its name and holders", terr.ID, got)
		}
	}
	// The fixture is written to have both: a land that is a country today
	// (drawn from the gazetteer) and lands that are not (listed).
	if drawn == 0 || listed == 0 {
		t.Errorf("%d territories drawn and %d listed beside the map; want some of each (territories: %+v)", drawn, listed, state.Territories)
	}
	if n, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll('#map path.territory').length`)); err != nil || n != drawn {
		t.Errorf("%d territories drawn on the map, %v; want %d", n, err, drawn)
	}
	shoot(t, tab, "chain-from-empty")
	w.check(t)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestPlacedAndListed: in a project of another treaty system, the map
// draws a territory the gazetteer places by its name (Norway, a country
// today) with its holder, and lists beside it one it cannot place
// (Heligoland), with its holder; a user's point then puts it on the map.
func TestPlacedAndListed(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	needBrowser(t)
	ctx := context.Background()
	st := testkb.Empty(t)
	doc := "The Treaty of Kiel was signed on 14 January 1814. By the treaty Denmark ceded Norway to Sweden. " +
		"Denmark also ceded Heligoland to Great Britain."
	src := kb.Source{ID: "kiel-en", Language: "en", Text: doc}
	ev := func(exact string) []kb.Evidence {
		i := strings.Index(doc, exact)
		return []kb.Evidence{{Source: src.ID, Quote: kb.TextQuoteSelector{Exact: exact}, Position: kb.TextPositionSelector{Start: i, End: i + len(exact)}}}
	}
	ent := func(id string, k kb.Kind, label string) kb.Entity {
		return kb.Entity{ID: id, Kind: k, Labels: map[string]string{"en": label}}
	}
	cession := func(id, to, object, quote string) kb.Provision {
		return kb.Provision{ID: id, Treaty: "treaty/kiel", Type: "cession", Grantors: []string{"polity/denmark"}, Grantees: []string{to},
			Objects: []string{object}, Evidence: ev(quote), Status: kb.Accepted, Rank: kb.Normal}
	}
	must(t, st.Apply(ctx, kb.Batch{
		Sources: []kb.Source{src},
		Entities: []kb.Entity{ent("treaty/kiel", kb.KindTreaty, "Treaty of Kiel"), ent("polity/denmark", kb.KindPolity, "Denmark"),
			ent("polity/sweden", kb.KindPolity, "Sweden"), ent("polity/britain", kb.KindPolity, "Great Britain"),
			ent("territory/norway", kb.KindTerritory, "Norway"), ent("territory/heligoland", kb.KindTerritory, "Heligoland")},
		Claims: []kb.Claim{{ID: "c/kiel-signed", Subject: "treaty/kiel", Property: "signed", Value: kb.DateValue("14 January 1814", "", "en"),
			Evidence: ev("signed on 14 January 1814"), Status: kb.Accepted, Rank: kb.Normal}},
		Provisions: []kb.Provision{cession("p/norway", "polity/sweden", "territory/norway", "Denmark ceded Norway to Sweden"),
			cession("p/heligoland", "polity/britain", "territory/heligoland", "ceded Heligoland to Great Britain")},
	}))
	s := newSiteOver(t, st)
	tab, w := s.tab(t)
	s.open(t, tab, "map?date=1815-01-01", "map")
	norway := `path.territory[data-id="territory/norway"]`
	if got := attr(t, tab, norway, "data-holder"); got != "polity/sweden" {
		t.Errorf("Norway: data-holder = %q; want polity/sweden", got)
	}
	if got := attr(t, tab, norway, "data-placed-by"); got != "gazetteer" {
		t.Errorf("Norway: data-placed-by = %q; want gazetteer", got)
	}
	// Drawn inside the frame: its box is neither empty nor beyond the map.
	box := eval[[]float64](t, tab, `(() => { const b = document.querySelector('`+norway+`').getBBox(); return [b.x, b.y, b.width, b.height]; })()`)
	if len(box) != 4 || box[2] < 20 || box[3] < 20 || box[0] < 0 || box[0]+box[2] > 961 {
		t.Errorf("Norway's outline box = %v; want it on the map and of some size", box)
	}
	got := text(t, tab, `#unplaced li[data-unplaced="territory/heligoland"]`)
	for _, want := range []string{"Heligoland", "Great Britain"} {
		if !strings.Contains(got, want) {
			t.Errorf("Heligoland beside the map reads %q; want %q", got, want)
		}
	}
	shoot(t, tab, "map-kiel-1815")

	// A user gives Heligoland a point: it is drawn, marked approximate.
	if _, err := st.DecideEntity(ctx, kb.EntityDecision{Action: kb.ActionPlace, Entity: "territory/heligoland", RecordedBy: "test",
		Geometry: &kb.Geometry{GeoJSON: []byte(`{"type":"Point","coordinates":[7.89,54.18]}`), Approximate: true, Note: "given by hand"}}); err != nil {
		t.Fatal(err)
	}
	// The server's snapshot is dropped by its own writes; this one went
	// to the store, so a new server reads it.
	s2 := newSiteOver(t, st)
	tab2, w2 := s2.tab(t)
	s2.open(t, tab2, "map?date=1815-01-01", "map")
	if got := attr(t, tab2, `path.territory[data-id="territory/heligoland"]`, "data-holder"); got != "polity/britain" {
		t.Errorf("Heligoland placed by hand: data-holder = %q; want polity/britain", got)
	}
	w.check(t)
	w2.check(t)
}

// TestReviewEntities: on the review page the candidate entities stand
// beside the candidate claims; a click merges a candidate into the known
// entity it duplicates, with the token, and the store records it.
func TestReviewEntities(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	needBrowser(t)
	ctx := context.Background()
	st := testkb.Empty(t)
	doc := "Denmark ceded the island of Heligoland to the United Kingdom."
	i := strings.Index(doc, "Heligoland")
	must(t, st.Apply(ctx, kb.Batch{
		Sources: []kb.Source{{ID: "doc", Text: doc}},
		Entities: []kb.Entity{
			{ID: "territory/heligoland", Kind: kb.KindTerritory, Labels: map[string]string{"en": "Heligoland"}},
			{ID: "territory/heligoland-2", Kind: kb.KindTerritory, Labels: map[string]string{"en": "Heligoland"},
				Aliases: []kb.Alias{{Text: "Helgoland", Lang: "de"}}, Status: kb.Candidate, Confidence: 0.7,
				Note: "a name after a word for a kind of place", Evidence: []kb.Evidence{{Source: "doc",
					Quote: kb.TextQuoteSelector{Exact: "Heligoland"}, Position: kb.TextPositionSelector{Start: i, End: i + len("Heligoland")}}}},
		},
		Claims: []kb.Claim{{ID: "c/held", Subject: "territory/heligoland-2", Property: "held_by", Value: kb.EntityValue("territory/heligoland"),
			Evidence: []kb.Evidence{{Source: "doc", Quote: kb.TextQuoteSelector{Exact: "Heligoland"}, Position: kb.TextPositionSelector{Start: i, End: i + 10}}},
			Status:   kb.Candidate, Rank: kb.Normal, Confidence: 0.4}},
	}))
	s := newSiteOver(t, st)
	tab, w := s.tab(t)
	s.open(t, tab, "review", "review")
	card := `li.candidate-entity[data-entity="territory/heligoland-2"]`
	if got := text(t, tab, card); !strings.Contains(got, "Helgoland") || !strings.Contains(got, "confidence 0.7") {
		t.Errorf("the candidate entity's card reads %q; want its names and confidence", got)
	}
	if n := eval[int](t, tab, `document.querySelectorAll('.review-claims li.candidate').length`); n != 1 {
		t.Errorf("%d candidate claims beside the entities; want 1", n)
	}
	shoot(t, tab, "review-entities")
	do(t, tab,
		chromedp.SetValue(chromedp.ID("token"), testToken),
		chromedp.Click(chromedp.CSS(`.token-form button[type="submit"]`)),
		chromedp.Click(chromedp.CSS(card+` button[data-action="merge"][data-into="territory/heligoland"]`)),
		chromedp.WaitVisible(chromedp.CSS(card+`[data-status="merged"] .decision.ok`)),
	)
	e, err := st.Entity(ctx, "territory/heligoland-2")
	if err != nil || e.MergedInto != "territory/heligoland" {
		t.Errorf("after the click the candidate is merged into %q, %v", e.MergedInto, err)
	}
	cs, err := st.Claims(ctx, kb.ClaimFilter{Subject: "territory/heligoland"})
	if err != nil || len(cs) != 1 {
		t.Errorf("the merged claim: %d on the survivor, %v", len(cs), err)
	}
	w.check(t)
}
