package synth_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/engine"
	"treatyline/engine/synth"
	"treatyline/histdate"
	"treatyline/kb"
)

var small = synth.Config{Seed: 7, Polities: 12, Territories: 200, Treaties: 500, Provisions: 5000}

func TestGenerateReproducible(t *testing.T) {
	e1, c1, p1 := synth.Generate(small)
	e2, c2, p2 := synth.Generate(small)
	// reflect.DeepEqual first: cmp.Diff takes a second on equal systems.
	for _, x := range []struct {
		what        string
		first, next any
	}{{"entities", e1, e2}, {"claims", c1, c2}, {"provisions", p1, p2}} {
		if !reflect.DeepEqual(x.first, x.next) {
			t.Errorf("%s differ between two runs with seed %d (-first +second):\n%s", x.what, small.Seed, cmp.Diff(x.first, x.next))
		}
	}
	other := small
	other.Seed++
	if _, c3, p3 := synth.Generate(other); reflect.DeepEqual(c1, c3) || reflect.DeepEqual(p1, p3) {
		t.Errorf("seeds %d and %d give the same system", small.Seed, other.Seed)
	}
}

func TestGenerateCounts(t *testing.T) {
	tests := []struct {
		name string
		cfg  synth.Config
		want map[kb.Kind]int
	}{
		{"small", small, map[kb.Kind]int{kb.KindPolity: 12, kb.KindTerritory: 200, kb.KindRiver: 20, kb.KindTreaty: 500}},
		{"empty", synth.Config{Seed: 1}, map[kb.Kind]int{}},
		{"raised", synth.Config{Seed: 1, Provisions: 3}, map[kb.Kind]int{kb.KindPolity: 2, kb.KindTerritory: 1, kb.KindRiver: 1, kb.KindTreaty: 1}},
		{"treaties only", synth.Config{Seed: 1, Treaties: 4}, map[kb.Kind]int{kb.KindPolity: 2, kb.KindTreaty: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entities, claims, provisions := synth.Generate(tt.cfg)
			got := map[kb.Kind]int{}
			for _, e := range entities {
				got[e.Kind]++
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("entities by kind (-want +got):\n%s", diff)
			}
			if len(provisions) != tt.cfg.Provisions {
				t.Errorf("got %d provisions, want %d", len(provisions), tt.cfg.Provisions)
			}
			signed := 0
			for _, c := range claims {
				if c.Property == "signed" {
					signed++
				}
			}
			if signed != tt.want[kb.KindTreaty] {
				t.Errorf("got %d signed claims, want one for each of %d treaties", signed, tt.want[kb.KindTreaty])
			}
		})
	}
}

// TestGenerateConsistent checks that every reference names an entity of
// the right kind, that provisions are between their treaty's parties, and
// that ids are unique.
func TestGenerateConsistent(t *testing.T) {
	entities, claims, provisions := synth.Generate(small)
	kind := map[string]kb.Kind{}
	for _, e := range entities {
		if _, dup := kind[e.ID]; dup {
			t.Errorf("entity %s twice", e.ID)
		}
		kind[e.ID] = e.Kind
		if want := fmt.Sprintf("%s/synth-%s", e.Kind, strings.Fields(e.Label("en"))[1]); e.ID != want {
			t.Errorf("entity %s is labelled %q", e.ID, e.Label("en"))
		}
	}
	expect := func(what, id string, k kb.Kind) {
		t.Helper()
		if kind[id] != k {
			t.Errorf("%s: %q is a %q, want a %s", what, id, kind[id], k)
		}
	}
	parties := map[string]map[string]bool{} // treaty -> its parties, from the provisions
	seen := map[string]bool{}
	for _, c := range claims {
		if seen[c.ID] {
			t.Errorf("claim id %s twice", c.ID)
		}
		seen[c.ID] = true
		expect(c.ID+" subject", c.Subject, kb.KindTreaty)
		switch c.Property {
		case "superseded_by":
			expect(c.ID+" successor", c.Value.Entity, kb.KindTreaty)
		case "ratification_refused":
			expect(c.ID+" party", c.Qualifiers["party"].Entity, kb.KindPolity)
		}
	}
	for _, p := range provisions {
		if seen[p.ID] {
			t.Errorf("provision id %s twice", p.ID)
		}
		seen[p.ID] = true
		expect(p.ID+" treaty", p.Treaty, kb.KindTreaty)
		if !strings.HasPrefix(p.ID, "provision/"+strings.TrimPrefix(p.Treaty, "treaty/")+"/") {
			t.Errorf("provision %s is not named after its treaty %s", p.ID, p.Treaty)
		}
		if parties[p.Treaty] == nil {
			parties[p.Treaty] = map[string]bool{}
		}
		for _, x := range append(append([]string{}, p.Grantors...), p.Grantees...) {
			expect(p.ID+" party", x, kb.KindPolity)
			parties[p.Treaty][x] = true
		}
		for _, g := range p.Grantors {
			for _, h := range p.Grantees {
				if g == h {
					t.Errorf("provision %s: %s grants to itself", p.ID, g)
				}
			}
		}
		for _, o := range p.Objects {
			want := kb.KindTerritory
			if p.Type == "navigation_right" {
				want = kb.KindRiver
			}
			expect(p.ID+" object", o, want)
		}
	}
	for tr, ps := range parties {
		if len(ps) > 3 {
			t.Errorf("treaty %s has %d parties, want 2 or 3", tr, len(ps))
		}
	}
}

// TestGenerateValid validates every claim and provision, and checks that
// the signing dates read as the mix they were drawn from.
func TestGenerateValid(t *testing.T) {
	_, claims, provisions := synth.Generate(small)
	src := synth.Source()
	if kb.HashText(src.Text) != src.SHA256 {
		t.Errorf("source %s: hash %s does not match its text", src.ID, src.SHA256)
	}
	anchored := map[string]bool{}
	checkEvidence := func(id string, ev []kb.Evidence) {
		t.Helper()
		if len(ev) != 1 || ev[0].Source != synth.SourceID || ev[0].SHA256 != src.SHA256 {
			t.Errorf("%s: evidence %+v, want one piece citing %s", id, ev, synth.SourceID)
			return
		}
		if q := ev[0].Quote.Exact; !anchored[q] {
			if a, err := kb.Anchor(src.Text, ev[0]); err != nil || a.Moved {
				t.Errorf("%s: quote %q does not stand at %d..%d: %v", id, q, ev[0].Position.Start, ev[0].Position.End, err)
			}
			anchored[q] = true
		}
	}
	precisions, calendars, properties, types := map[histdate.Precision]int{}, map[histdate.Calendar]int{}, map[string]int{}, map[string]int{}
	lo, hi := histdate.GregorianToJDN(1600, 1, 1), histdate.GregorianToJDN(1950, 12, 31)
	for _, c := range claims {
		if err := c.Validate(); err != nil {
			t.Errorf("claim %s (%s %s %s): %v", c.ID, c.Subject, c.Property, c.Value, err)
		}
		checkEvidence(c.ID, c.Evidence)
		properties[c.Property]++
		if c.Status != kb.Accepted || c.Rank != kb.Normal {
			t.Errorf("claim %s: %s, %s; want accepted, normal", c.ID, c.Status, c.Rank)
		}
		if c.Property != "signed" {
			continue
		}
		d, err := c.Value.Date()
		if err != nil {
			continue // reported by Validate
		}
		precisions[d.Precision()]++
		calendars[d.Calendar]++
		if d.Earliest() < lo || d.Latest() > hi {
			t.Errorf("claim %s: %q reads as %s, outside 1600–1950", c.ID, c.Value.Text, d)
		}
		if d.Calendar == histdate.Julian && !strings.HasSuffix(c.Value.Text, " O.S.") {
			t.Errorf("claim %s: %q reads as Julian without O.S.", c.ID, c.Value.Text)
		}
	}
	for _, p := range provisions {
		if err := p.Validate(); err != nil {
			t.Errorf("provision %s: %v", p.ID, err)
		}
		checkEvidence(p.ID, p.Evidence)
		types[p.Type]++
	}
	for _, p := range []histdate.Precision{histdate.Day, histdate.Month, histdate.Year} {
		if precisions[p] == 0 {
			t.Errorf("no signing date of %s precision: %v", p, precisions)
		}
	}
	for _, c := range []histdate.Calendar{histdate.Gregorian, histdate.Julian} {
		if calendars[c] == 0 {
			t.Errorf("no signing date in the %s calendar: %v", c, calendars)
		}
	}
	for _, p := range []string{"superseded_by", "never_implemented", "ratification_refused"} {
		if properties[p] == 0 {
			t.Errorf("no %s claim: %v", p, properties)
		}
	}
	for _, typ := range []string{"cession", "retrocession", "condominium", "navigation_right", "trade_right", "port_opening", "extraterritoriality"} {
		if types[typ] == 0 {
			t.Errorf("no %s provision: %v", typ, types)
		}
	}
}

// TestEngine runs the engine over a synthetic system: territories change
// hands, and treaties reach every status the lifecycles allow.
func TestEngine(t *testing.T) {
	entities, claims, provisions := synth.Generate(small)
	e := engine.New(entities, claims, provisions)
	modes, statuses := map[string]int{}, map[string]int{}
	rights := 0
	for y := 1600; y <= 1950; y += 50 {
		st := e.AsOf(histdate.GregorianToJDN(y, 7, 1), engine.Perspective{})
		for _, tr := range st.Territories {
			modes[tr.Mode]++
		}
		for _, tr := range st.Treaties {
			statuses[tr.Status]++
		}
		rights += len(st.Rights)
	}
	for _, m := range []string{"sole", "joint", "uncertain", "unknown"} {
		if modes[m] == 0 {
			t.Errorf("no territory is %s on any day: %v", m, modes)
		}
	}
	for _, s := range []string{"not_yet_signed", "in_force", "superseded", "never_implemented", "uncertain"} {
		if statuses[s] == 0 {
			t.Errorf("no treaty is %s on any day: %v", s, statuses)
		}
	}
	if rights == 0 {
		t.Errorf("no right is in force on any day")
	}

	// A party that refused ratification holds the treaty void.
	for _, c := range claims {
		if c.Property != "ratification_refused" {
			continue
		}
		party, err := e.ParsePerspective(c.Qualifiers["party"].Entity, nil)
		if err != nil {
			t.Fatal(err)
		}
		st, err := e.Treaty(c.Subject, histdate.GregorianToJDN(1951, 1, 1), party)
		if err != nil {
			t.Fatal(err)
		}
		if st.Status != "void" {
			t.Errorf("%s in the view of %s, which refused it: status %s, want void", c.Subject, party.Party, st.Status)
		}
		break
	}
}

func BenchmarkGenerate10k(b *testing.B) {
	benchmarkGenerate(b, synth.Config{Seed: 1, Polities: 30, Territories: 500, Treaties: 1000, Provisions: 10_000})
}

func BenchmarkGenerate1M(b *testing.B) {
	if testing.Short() {
		b.Skip("a million provisions: skipped with -short")
	}
	benchmarkGenerate(b, synth.Config{Seed: 1, Polities: 200, Territories: 50_000, Treaties: 100_000, Provisions: 1_000_000})
}

func benchmarkGenerate(b *testing.B, cfg synth.Config) {
	b.ReportAllocs()
	for b.Loop() {
		synth.Generate(cfg)
	}
}
