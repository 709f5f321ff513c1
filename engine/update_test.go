package engine_test

import (
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/data"
	"treatyline/engine"
	"treatyline/engine/synth"
	"treatyline/histdate"
	"treatyline/kb"
)

// flipped gives a record's status changed as a reviewer would change it:
// an accepted record rejected, any other accepted.
func flipped(s kb.Status) kb.Status {
	if s == kb.Accepted {
		return kb.Rejected
	}
	return kb.Accepted
}

// sameAnswers checks that two engines answer alike: the whole state on
// each day, from each perspective.
func sameAnswers(t *testing.T, what string, got, want *engine.Engine, days []histdate.JDN, ps []engine.Perspective) {
	t.Helper()
	for _, p := range ps {
		for _, d := range days {
			if diff := cmp.Diff(want.AsOf(d, p), got.AsOf(d, p)); diff != "" {
				t.Fatalf("%s, %s on %s: the updated engine differs from one built afresh (-want +got):\n%s",
					what, p.Name(), histdate.ISO(histdate.Gregorian, d), diff)
			}
		}
	}
}

// TestUpdateAnswersAsNew: an engine updated with a changed claim or
// provision answers exactly as an engine built afresh from the changed
// knowledge base — whether the old engine had computed everything, only
// some territories, or nothing yet — and the old engine still answers as
// before. Every claim and provision of the bundled knowledge base is
// changed in turn.
func TestUpdateAnswersAsNew(t *testing.T) {
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	base := engine.New(b.Entities, b.Claims, b.Provisions)
	ps := sweepPerspectives(t, base, b)[:4] // the consensus and the parties
	all := sweepDays(b)
	var days []histdate.JDN
	for i := 0; i < len(all); i += 9 {
		days = append(days, all[i])
	}
	before := map[string]engine.State{}
	for _, p := range ps {
		for _, d := range days {
			before[p.Name()+histdate.ISO(histdate.Gregorian, d)] = base.AsOf(d, p)
		}
	}
	check := func(t *testing.T, what string, claims []kb.Claim, provs []kb.Provision, c []kb.Claim, p []kb.Provision) {
		t.Helper()
		want := engine.New(b.Entities, claims, provs)
		sameAnswers(t, what, base.Update(c, p), want, days, ps)
	}
	for i := range b.Claims {
		claims := slices.Clone(b.Claims)
		claims[i].Status = flipped(claims[i].Status)
		check(t, "claim "+claims[i].ID, claims, b.Provisions, []kb.Claim{claims[i]}, nil)
	}
	for i := range b.Provisions {
		provs := slices.Clone(b.Provisions)
		provs[i].Status = flipped(provs[i].Status)
		check(t, "provision "+provs[i].ID, b.Claims, provs, nil, []kb.Provision{provs[i]})
	}
	// A new record, and one whose subject or objects change.
	if len(b.Provisions) > 1 {
		provs := slices.Clone(b.Provisions)
		moved := provs[0]
		moved.Objects = slices.Clone(provs[1].Objects)
		provs[0] = moved
		added := provs[1]
		added.ID += "-again"
		added.Treaty = provs[0].Treaty
		provs = append(provs, added)
		check(t, "a provision moved and one added", b.Claims, provs, nil, []kb.Provision{moved, added})
	}
	for _, p := range ps {
		for _, d := range days {
			if diff := cmp.Diff(before[p.Name()+histdate.ISO(histdate.Gregorian, d)], base.AsOf(d, p)); diff != "" {
				t.Fatalf("the engine updated from changed its answers (-before +after):\n%s", diff)
			}
		}
	}
}

// TestUpdateEntities: an engine updated with entities renamed (a place
// others lie in, a treaty) or added with the records that name them (a
// territory ceded by a known treaty; a new treaty with its signing and a
// cession) answers exactly as one built afresh, its compiled answers
// carried over; a kind changed is refused.
func TestUpdateEntities(t *testing.T) {
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	base := engine.New(b.Entities, b.Claims, b.Provisions)
	ps := sweepPerspectives(t, base, b)[:4]
	all := sweepDays(b)
	var days []histdate.JDN
	for i := 0; i < len(all); i += 9 {
		days = append(days, all[i])
	}
	for _, p := range ps {
		base.Warm(p, func() bool { return false })
	}
	byID := map[string]kb.Entity{}
	for _, e := range b.Entities {
		byID[e.ID] = e
	}
	renamed := func(id string) kb.Entity {
		e := byID[id]
		e.Labels = maps.Clone(e.Labels)
		e.Labels["en"] = "Renamed " + e.Labels["en"]
		return e
	}
	// A place others lie in, and a treaty.
	var parent, treaty string
	for _, c := range b.Claims {
		if c.Property == "located_in" && parent == "" {
			parent = c.Value.Entity
		}
	}
	for _, p := range b.Provisions {
		if treaty == "" && len(p.Objects) > 0 {
			treaty = p.Treaty
		}
	}
	if parent == "" || treaty == "" {
		t.Fatal("no place with others in it, or no treaty with a provision, in the bundle")
	}
	check := func(t *testing.T, what string, ents []kb.Entity, claims []kb.Claim, provs []kb.Provision) {
		t.Helper()
		all := maps.Clone(byID)
		for _, e := range ents {
			all[e.ID] = e
		}
		want := engine.New(slices.Collect(maps.Values(all)), append(slices.Clone(b.Claims), claims...), append(slices.Clone(b.Provisions), provs...))
		got, ok := base.UpdateEntities(ents, claims, provs)
		if !ok {
			t.Fatalf("%s: refused", what)
		}
		sameAnswers(t, what, got, want, days, ps)
	}
	check(t, "a place others lie in renamed", []kb.Entity{renamed(parent)}, nil, nil)
	check(t, "a treaty renamed", []kb.Entity{renamed(treaty)}, nil, nil)

	land := kb.Entity{ID: "territory/0-test-new-land", Kind: kb.KindTerritory, Labels: map[string]string{"en": "New Land"}, Status: kb.Candidate}
	var cede kb.Provision
	for _, p := range b.Provisions {
		if p.Treaty == treaty && len(p.Objects) > 0 {
			cede = p
			break
		}
	}
	cede.ID, cede.Objects = "provision/test-new-land", []string{land.ID}
	check(t, "a territory added, ceded by a known treaty", []kb.Entity{land}, nil, []kb.Provision{cede})

	pact := kb.Entity{ID: "treaty/0-test-new-pact", Kind: kb.KindTreaty, Labels: map[string]string{"en": "New Pact"}, Status: kb.Candidate}
	signed := kb.Claim{ID: "claim/test-new-pact-signed", Subject: pact.ID, Property: "signed", Value: kb.DateValue("1 May 1901", "", "en"),
		Status: kb.Accepted, Rank: kb.Normal}
	second := cede
	second.ID, second.Treaty = "provision/test-new-pact/1", pact.ID
	check(t, "a treaty added with its signing and a cession", []kb.Entity{land, pact}, []kb.Claim{signed}, []kb.Provision{cede, second})

	moved := byID[parent]
	moved.Kind = kb.KindCity
	if moved.Kind != byID[parent].Kind {
		if _, ok := base.UpdateEntities([]kb.Entity{moved}, nil, nil); ok {
			t.Error("an entity's kind changed: the update was not refused")
		}
	}
}

// TestUpdateSynthetic changes random records of a synthetic system, one
// update after another, some territories asked for between them, and
// compares each engine with one built afresh.
func TestUpdateSynthetic(t *testing.T) {
	ents, claims, provs := synth.Generate(synth.Config{Seed: 7, Polities: 8, Territories: 60, Treaties: 120, Provisions: 1200})
	e := engine.New(ents, slices.Clone(claims), slices.Clone(provs))
	var territories []string
	for _, en := range ents {
		if en.Kind == kb.KindTerritory {
			territories = append(territories, en.ID)
		}
	}
	rng := rand.New(rand.NewPCG(7, 13))
	days := []histdate.JDN{histdate.GregorianToJDN(1650, 1, 1), histdate.GregorianToJDN(1800, 6, 1), histdate.GregorianToJDN(1900, 1, 1)}
	ps := []engine.Perspective{{}, {Party: ents[0].ID}}
	for round := 0; round < 40; round++ {
		// Warm some of the old engine: a few territories, sometimes all.
		for k := 0; k < 5; k++ {
			if _, err := e.Territory(territories[rng.IntN(len(territories))], days[rng.IntN(len(days))], ps[rng.IntN(len(ps))]); err != nil {
				t.Fatal(err)
			}
		}
		if round%4 == 0 {
			e.AsOf(days[1], ps[0])
		}
		var cs []kb.Claim
		var pv []kb.Provision
		for k := 0; k < 1+rng.IntN(3); k++ {
			if rng.IntN(2) == 0 {
				i := rng.IntN(len(claims))
				claims[i].Status = flipped(claims[i].Status)
				cs = append(cs, claims[i])
			} else {
				i := rng.IntN(len(provs))
				provs[i].Status = flipped(provs[i].Status)
				pv = append(pv, provs[i])
			}
		}
		e = e.Update(cs, pv)
		want := engine.New(ents, slices.Clone(claims), slices.Clone(provs))
		sameAnswers(t, "round", e, want, days, ps)
	}
}

// TestConcurrentReadsAndUpdates: readers asking one engine for
// territories, treaties and the whole state while others update it get
// the answers of an engine built afresh (run with -race: readers take no
// lock, so the lazily computed parts must be published safely).
func TestConcurrentReadsAndUpdates(t *testing.T) {
	ents, claims, provs := synth.Generate(synth.Config{Seed: 3, Polities: 6, Territories: 40, Treaties: 80, Provisions: 800})
	e := engine.New(ents, slices.Clone(claims), slices.Clone(provs))
	want := engine.New(ents, slices.Clone(claims), slices.Clone(provs))
	d := histdate.GregorianToJDN(1850, 1, 1)
	wantState := want.AsOf(d, engine.Perspective{})
	var territories []string
	for _, en := range ents {
		if en.Kind == kb.KindTerritory {
			territories = append(territories, en.ID)
		}
	}
	errs := make(chan string, 16)
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- true }()
			for i := range 200 {
				id := territories[(i*7+g)%len(territories)]
				got, err := e.Territory(id, d, engine.Perspective{})
				w, _ := want.Territory(id, d, engine.Perspective{})
				if err != nil || !cmp.Equal(w, got) {
					errs <- "territory " + id + " differs"
					return
				}
				if i%50 == 0 {
					if diff := cmp.Diff(wantState, e.AsOf(d, engine.Perspective{})); diff != "" {
						errs <- "whole state differs: " + diff
						return
					}
				}
			}
		}()
	}
	go func() {
		defer func() { done <- true }()
		for i := range 50 {
			p := provs[i*13%len(provs)]
			p.Status = flipped(p.Status)
			_ = e.Update(nil, []kb.Provision{p}).AsOf(d, engine.Perspective{})
		}
	}()
	for range 5 {
		<-done
	}
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
}

// TestRecords: the records an engine gives back are those it was made
// from, with each update's written over them in place, and say when an
// update added records.
func TestRecords(t *testing.T) {
	ents, claims, provs := synth.Generate(synth.Config{Seed: 5, Polities: 3, Territories: 5, Treaties: 6, Provisions: 30})
	e := engine.New(ents, slices.Clone(claims), slices.Clone(provs))
	changed := provs[3]
	changed.Status = kb.Rejected
	e2 := e.Update(nil, []kb.Provision{changed})
	_, gotClaims, gotProvs, inOrder := e2.Records()
	wantProvs := slices.Clone(provs)
	wantProvs[3] = changed
	if !inOrder || !cmp.Equal(claims, gotClaims) || !cmp.Equal(wantProvs, gotProvs) {
		t.Errorf("records after an update in place differ, or are not in order (%v)", inOrder)
	}
	added := provs[0]
	added.ID += "-new"
	if _, _, _, inOrder := e2.Update(nil, []kb.Provision{added}).Records(); inOrder {
		t.Error("an engine an update added to says its records are in order")
	}
}
