// Package storetest is the contract every kb.Store keeps, as one test
// suite that each store's tests run against a real instance of it
// (store/sqlite against a temporary file, store/postgres against a test
// database), so that the stores cannot drift apart.
//
// Orderings are byte orders of the UTF-8 ids ("B" before "a"), as Go's
// string comparison gives: a PostgreSQL store needs COLLATE "C" on its id
// columns. Times in the suite are whole microseconds, the finest
// PostgreSQL keeps.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"treatyline/histdate"
	"treatyline/kb"
)

// Run runs the contract suite. open gives a new, empty store each time it
// is called; Run closes it when the subtest that opened it ends.
func Run(t *testing.T, open func(t *testing.T) kb.Store) {
	s := suite{open: func(t *testing.T) kb.Store {
		t.Helper()
		st := open(t)
		t.Cleanup(func() {
			if err := st.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		return st
	}}
	t.Run("RoundTrip", s.roundTrip)
	t.Run("Order", s.order)
	t.Run("Filters", s.filters)
	t.Run("References", s.references)
	t.Run("ApplyStream", s.applyStream)
	t.Run("ApplyGroup", s.applyGroup)
	t.Run("Versions", s.versions)
	t.Run("ProvisionVersions", s.provisionVersions)
	t.Run("SetStatus", s.setStatus)
	t.Run("Sources", s.sourceTexts)
	t.Run("SourceConflict", s.sourceConflict)
	t.Run("EntityReplaced", s.entityReplaced)
	t.Run("Invalid", s.invalid)
	t.Run("NotFound", s.notFound)
	t.Run("Meta", s.meta)
	t.Run("Concurrent", s.concurrent)
	t.Run("Reviewers", s.reviewers)
	t.Run("RecordTime", s.recordTime)
	t.Run("RecordTimeMerge", s.recordTimeMerge)
	t.Run("Tokens", s.tokens)
	t.Run("CandidateEntities", s.candidateEntities)
	t.Run("CandidateAgain", s.candidateAgain)
	t.Run("Merge", s.merge)
	t.Run("Curate", s.curate)
	t.Run("AcceptAll", s.acceptAll)
	t.Run("VersionNumbers", s.versionNumbers)
	t.Run("Decide", s.decide)
	t.Run("DecisionsKept", s.decisionsKept)
	t.Run("ExpectedVersion", s.expectedVersion)
	t.Run("ConcurrentDecisions", s.concurrentDecisions)
	t.Run("Generation", s.generation)
	t.Run("ChangesSince", s.changesSince)
}

type suite struct {
	open func(t *testing.T) kb.Store
}

// opts compare records: a nil and an empty map or slice say the same. The
// version numbers, decided flags and record times a store sets on what it
// reads are checked by their own tests (decisions.go, team.go), not by
// every comparison.
var opts = cmp.Options{cmpopts.EquateEmpty(),
	cmpopts.IgnoreFields(kb.Claim{}, "Version", "Decided", "StoredAt"),
	cmpopts.IgnoreFields(kb.Provision{}, "Version", "Decided", "StoredAt")}

// withWorld opens a store holding the fixture.
func (s suite) withWorld(t *testing.T) (context.Context, kb.Store) {
	t.Helper()
	ctx := context.Background()
	st := s.open(t)
	if err := st.Apply(ctx, world()); err != nil {
		t.Fatalf("Apply(world): %v", err)
	}
	return ctx, st
}

func (s suite) roundTrip(t *testing.T) {
	ctx, st := s.withWorld(t)
	want := stored(world())

	t.Run("Source", func(t *testing.T) {
		for _, w := range want.Sources {
			got, err := st.Source(ctx, w.ID)
			if err != nil {
				t.Fatalf("Source(%q): %v", w.ID, err)
			}
			if diff := cmp.Diff(w, got, opts); diff != "" {
				t.Errorf("Source(%q) (-want +got):\n%s", w.ID, diff)
			}
		}
	})
	t.Run("Sources", func(t *testing.T) {
		var ws []kb.Source
		for _, w := range want.Sources {
			w.Text = "" // listed without texts
			ws = append(ws, w)
		}
		sortBy(ws, func(s kb.Source) string { return s.ID })
		got, err := st.Sources(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(ws, got, opts); diff != "" {
			t.Errorf("Sources (-want +got):\n%s", diff)
		}
	})
	t.Run("Entity", func(t *testing.T) {
		for _, w := range want.Entities {
			got, err := st.Entity(ctx, w.ID)
			if err != nil {
				t.Fatalf("Entity(%q): %v", w.ID, err)
			}
			if diff := cmp.Diff(w, got, opts); diff != "" {
				t.Errorf("Entity(%q) (-want +got):\n%s", w.ID, diff)
			}
		}
	})
	t.Run("Entities", func(t *testing.T) {
		ws := slices.Clone(want.Entities)
		sortBy(ws, func(e kb.Entity) string { return e.ID })
		for _, kind := range append([]kb.Kind{""}, kb.Kinds...) {
			var wk []kb.Entity
			for _, e := range ws {
				if kind == "" || e.Kind == kind {
					wk = append(wk, e)
				}
			}
			got, err := st.Entities(ctx, kind)
			if err != nil {
				t.Fatalf("Entities(%q): %v", kind, err)
			}
			if diff := cmp.Diff(wk, got, opts); diff != "" {
				t.Errorf("Entities(%q) (-want +got):\n%s", kind, diff)
			}
		}
	})
	t.Run("Claims", func(t *testing.T) {
		got, err := st.Claims(ctx, kb.ClaimFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(claimOrder(want.Claims), got, opts); diff != "" {
			t.Errorf("Claims (-want +got):\n%s", diff)
		}
	})
	t.Run("Provisions", func(t *testing.T) {
		got, err := st.Provisions(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(provisionOrder(want.Provisions), got, opts); diff != "" {
			t.Errorf("Provisions (-want +got):\n%s", diff)
		}
		for _, treaty := range []string{aigun, peking, russia} {
			var wt []kb.Provision
			for _, p := range provisionOrder(want.Provisions) {
				if p.Treaty == treaty {
					wt = append(wt, p)
				}
			}
			got, err := st.Provisions(ctx, treaty)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wt, got, opts); diff != "" {
				t.Errorf("Provisions(%q) (-want +got):\n%s", treaty, diff)
			}
		}
	})
	t.Run("History", func(t *testing.T) {
		for _, w := range want.Claims {
			got, err := st.ClaimHistory(ctx, w.ID)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]kb.Claim{w}, got, opts); diff != "" {
				t.Errorf("ClaimHistory(%q) (-want +got):\n%s", w.ID, diff)
			}
		}
	})
	t.Run("Meta", func(t *testing.T) {
		if got, err := st.Meta(ctx, "fixture"); err != nil || got != "aigun" {
			t.Errorf(`Meta("fixture") = %q, %v; want "aigun" from the batch`, got, err)
		}
	})
	t.Run("Again", func(t *testing.T) {
		// The same batch again changes nothing: no new versions, no error.
		before := dump(t, st)
		if err := st.Apply(ctx, world()); err != nil {
			t.Fatalf("Apply(world) again: %v", err)
		}
		if diff := cmp.Diff(before, dump(t, st)); diff != "" {
			t.Errorf("the same batch again changed the store (-before +after):\n%s", diff)
		}
	})
}

// order pins down the orderings, with ids whose byte order differs from
// their order in a dictionary or by number.
func (s suite) order(t *testing.T) {
	ctx := context.Background()
	st := s.open(t)
	ids := []string{"polity/b", "polity/B", "polity/ä", "polity/a", "polity/10", "polity/9", "polity/Ω", "polity/中"}
	want := []string{"polity/10", "polity/9", "polity/B", "polity/a", "polity/b", "polity/ä", "polity/Ω", "polity/中"}
	b := kb.Batch{Sources: []kb.Source{{ID: "s", Text: "x"}}}
	for _, id := range ids {
		b.Entities = append(b.Entities, kb.Entity{ID: id, Kind: kb.KindPolity})
		b.Sources = append(b.Sources, kb.Source{ID: "source/" + id, Text: id})
		b.Claims = append(b.Claims, kb.Claim{ID: "claim/" + id, Subject: ids[0], Property: "participant",
			Value: kb.EntityValue(id), Status: kb.Candidate, Rank: kb.Normal, RecordedAt: t0})
		// Same subject and property: ordered by id.
		b.Provisions = append(b.Provisions, kb.Provision{ID: "provision/" + id, Treaty: id, Type: "boundary",
			Evidence: []kb.Evidence{{Source: "s", Quote: kb.TextQuoteSelector{Exact: "x"}, Position: kb.TextPositionSelector{Start: 0, End: 1}}},
			Status:   kb.Candidate, Rank: kb.Normal})
	}
	// Claims on other subjects and properties, to order by those first.
	b.Claims = append(b.Claims,
		kb.Claim{ID: "claim/0", Subject: "polity/中", Property: "participant", Value: kb.EntityValue(ids[0]), Status: kb.Candidate, Rank: kb.Normal, RecordedAt: t0},
		kb.Claim{ID: "claim/1", Subject: "polity/10", Property: "part_of", Value: kb.EntityValue(ids[0]), Status: kb.Candidate, Rank: kb.Normal, RecordedAt: t0},
		kb.Claim{ID: "claim/2", Subject: "polity/10", Property: "founded", Value: kb.DateValue("1689", "", "en"), Status: kb.Candidate, Rank: kb.Normal, RecordedAt: t0},
	)
	if err := st.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}

	es, err := st.Entities(ctx, kb.KindPolity)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, idsOf(es, func(e kb.Entity) string { return e.ID })); diff != "" {
		t.Errorf("Entities order (-want +got):\n%s", diff)
	}

	ss, err := st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantSources := []string{"s"}
	for _, id := range want {
		wantSources = append(wantSources, "source/"+id)
	}
	slices.Sort(wantSources)
	if diff := cmp.Diff(wantSources, idsOf(ss, func(s kb.Source) string { return s.ID })); diff != "" {
		t.Errorf("Sources order (-want +got):\n%s", diff)
	}

	cs, err := st.Claims(ctx, kb.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	wantClaims := []string{"claim/2", "claim/1"} // polity/10: founded < part_of
	for _, id := range want {
		wantClaims = append(wantClaims, "claim/"+id) // polity/b participant, by id
	}
	wantClaims = append(wantClaims, "claim/0") // polity/中
	if diff := cmp.Diff(wantClaims, idsOf(cs, func(c kb.Claim) string { return c.ID })); diff != "" {
		t.Errorf("Claims order (-want +got):\n%s", diff)
	}

	ps, err := st.Provisions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var wantProvisions []string
	for _, id := range want {
		wantProvisions = append(wantProvisions, "provision/"+id)
	}
	if diff := cmp.Diff(wantProvisions, idsOf(ps, func(p kb.Provision) string { return p.ID })); diff != "" {
		t.Errorf("Provisions order (-want +got):\n%s", diff)
	}
}

func (s suite) filters(t *testing.T) {
	ctx, st := s.withWorld(t)
	all := claimOrder(stored(world()).Claims)
	ids := func(keep func(kb.Claim) bool) []string {
		var out []string
		for _, c := range all {
			if keep(c) {
				out = append(out, c.ID)
			}
		}
		return out
	}
	inSource := func(c kb.Claim, src string) bool {
		return slices.ContainsFunc(c.Evidence, func(e kb.Evidence) bool { return e.Source == src })
	}
	tests := []struct {
		name string
		f    kb.ClaimFilter
		want []string
	}{
		{"none", kb.ClaimFilter{}, ids(func(kb.Claim) bool { return true })},
		{"subject", kb.ClaimFilter{Subject: muravyov}, []string{"claim/muravyov-described"}},
		{"property", kb.ClaimFilter{Property: "signed"},
			[]string{"claim/aigun-signed-ns", "claim/aigun-signed-os", "claim/aigun-signed-zh"}},
		{"status", kb.ClaimFilter{Status: kb.Rejected}, []string{"claim/amur-held-qing"}},
		{"status candidate", kb.ClaimFilter{Status: kb.Candidate}, ids(func(c kb.Claim) bool { return c.Status == kb.Candidate })},
		{"source", kb.ClaimFilter{Source: srcNL},
			[]string{"claim/aigun-party-russia", "claim/aigun-signatory", "claim/aigun-signed-ns"}},
		{"source with two pieces of evidence in it", kb.ClaimFilter{Source: srcEN}, ids(func(c kb.Claim) bool { return inSource(c, srcEN) })},
		// territory/… sorts before treaty/…, person/… before both.
		{"entity as value", kb.ClaimFilter{Entity: qing},
			[]string{"claim/amur-held-qing", "claim/aigun-disowned", "claim/aigun-party-qing"}},
		{"entity as subject or value", kb.ClaimFilter{Entity: muravyov},
			[]string{"claim/muravyov-described", "claim/aigun-signatory"}},
		{"entity in a qualifier only", kb.ClaimFilter{Entity: aigunCity}, nil},
		{"subject and property", kb.ClaimFilter{Subject: aigun, Property: "party"},
			[]string{"claim/aigun-party-qing", "claim/aigun-party-russia"}},
		{"entity and status", kb.ClaimFilter{Entity: qing, Status: kb.Accepted}, []string{"claim/aigun-party-qing"}},
		{"source and property", kb.ClaimFilter{Source: srcEN, Property: "signed"}, []string{"claim/aigun-signed-os"}},
		{"every field", kb.ClaimFilter{Subject: aigun, Property: "party", Source: srcNL, Status: kb.Accepted, Entity: russia},
			[]string{"claim/aigun-party-russia"}},
		{"unknown subject", kb.ClaimFilter{Subject: "person/nobody"}, nil},
		{"unknown source", kb.ClaimFilter{Source: "source/none"}, nil},
		{"unknown property", kb.ClaimFilter{Property: "no_such_property"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := st.Claims(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, idsOf(got, func(c kb.Claim) string { return c.ID }), opts); diff != "" {
				t.Errorf("Claims(%+v) (-want +got):\n%s", tt.f, diff)
			}
		})
	}
	t.Run("unknown status", func(t *testing.T) {
		_, err := st.Claims(ctx, kb.ClaimFilter{Status: "acepted"})
		wantError(t, err, kb.EINVALID, "acepted")
	})
}

// references: a batch may refer to records of the store and of itself.
func (s suite) references(t *testing.T) {
	ctx := context.Background()
	st := s.open(t)
	w := world()
	first := kb.Batch{Sources: w.Sources, Entities: w.Entities}
	if err := st.Apply(ctx, first); err != nil {
		t.Fatal(err)
	}
	// Claims and provisions alone, referring to what is stored; one more
	// entity, referred to in the same batch.
	second := kb.Batch{Claims: w.Claims, Provisions: w.Provisions,
		Entities: []kb.Entity{{ID: "person/yishan", Kind: kb.KindPerson, Labels: map[string]string{"en": "Yishan", "zh": "奕山"}, Aliases: []kb.Alias{{Text: "Yi Shan"}}}}}
	second.Claims = append(second.Claims, kb.Claim{ID: "claim/aigun-signatory-yishan", Subject: aigun, Property: "signatory",
		Value: kb.EntityValue("person/yishan"), Qualifiers: map[string]kb.Value{"party": kb.EntityValue(qing)},
		Evidence: []kb.Evidence{ev(srcEN, "Yishan for the Qing", false)}, Status: kb.Accepted, Rank: kb.Normal, RecordedAt: t1})
	if err := st.Apply(ctx, second); err != nil {
		t.Fatalf("Apply of claims referring to stored records: %v", err)
	}
	got, err := st.Claims(ctx, kb.ClaimFilter{Entity: "person/yishan"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != "claim/aigun-signatory-yishan" || got[0].Evidence[0].SHA256 != kb.HashText(textEN) {
		t.Errorf("Claims(Entity: person/yishan) = %+v; want the new claim, its evidence hashed", got)
	}
}

// applyStream: the batches of one stream are written in one transaction,
// each seeing those before it; an error of a batch or of the filler
// leaves the store as it was.
func (s suite) applyStream(t *testing.T) {
	ctx := context.Background()
	w := world()
	parts := []kb.Batch{{Sources: w.Sources}, {Entities: w.Entities}, {Provisions: w.Provisions}, {Claims: w.Claims}}
	stream := func(st kb.Store, fail error, bad bool) error {
		return st.ApplyStream(ctx, func(apply func(kb.Batch) error) error {
			for i, b := range parts {
				if bad && i == 3 {
					c := b.Claims[0]
					c.Subject = "treaty/nowhere" // no such entity
					b = kb.Batch{Claims: []kb.Claim{c}}
				}
				if err := apply(b); err != nil {
					return err
				}
				if fail != nil && i == 2 {
					return fail
				}
			}
			return nil
		})
	}
	whole := s.open(t)
	if err := whole.Apply(ctx, kb.Batch{Sources: w.Sources, Entities: w.Entities, Claims: w.Claims, Provisions: w.Provisions}); err != nil {
		t.Fatal(err)
	}
	st := s.open(t)
	if err := stream(st, nil, false); err != nil {
		t.Fatalf("ApplyStream: %v", err)
	}
	// The times a store records are its own.
	storedAt := regexp.MustCompile(`"stored_at": "[^"]*"`)
	if got, want := storedAt.ReplaceAllString(dump(t, st), ""), storedAt.ReplaceAllString(dump(t, whole), ""); got != want {
		t.Errorf("ApplyStream stored\n%s\nwant what one Apply of the same records stores:\n%s", got, want)
	}
	for _, tc := range []struct {
		name string
		fail error
		bad  bool
		code string
	}{{"a batch that does not validate", nil, true, kb.EINVALID}, {"the filler's error", errors.New("reading part 3: broken"), false, ""}} {
		st := s.open(t)
		empty := dump(t, st)
		err := stream(st, tc.fail, tc.bad)
		if err == nil || tc.fail != nil && !errors.Is(err, tc.fail) || tc.code != "" && kb.ErrorCode(err) != tc.code {
			t.Errorf("%s: ApplyStream = %v", tc.name, err)
		}
		if got := dump(t, st); got != empty {
			t.Errorf("%s: the store kept part of the stream:\n%s", tc.name, got)
		}
	}
}

// applyGroup: the documents of a group are written each alone or not at
// all, see those before them (their records and meta), and are stored
// only when the group is.
func (s suite) applyGroup(t *testing.T) {
	ctx := context.Background()
	w := world()
	bad := w.Claims[0]
	bad.Subject = "treaty/nowhere" // no such entity
	broken := errors.New("reading the document: broken")
	extra := kb.Source{ID: "half-read", Title: "Half read", SHA256: strings.Repeat("0", 64)}
	group := func(st kb.Store, fail error) (errs []error, seen []string, err error) {
		err = st.ApplyGroup(ctx, func(g kb.Group) error {
			errs = append(errs, g.Unit(func(apply func(kb.Batch) error) error {
				return apply(kb.Batch{Sources: w.Sources, Entities: w.Entities, Meta: map[string]string{"group/first": "yes"}})
			}))
			errs = append(errs, g.Unit(func(apply func(kb.Batch) error) error {
				return apply(kb.Batch{Claims: []kb.Claim{bad}})
			}))
			errs = append(errs, g.Unit(func(apply func(kb.Batch) error) error {
				if err := apply(kb.Batch{Sources: []kb.Source{extra}}); err != nil {
					return err
				}
				return broken
			}))
			// What the first document wrote, and nothing of the others, is
			// what the group's reads see.
			e, err := g.Entity(w.Entities[0].ID)
			if err != nil {
				return err
			}
			seen = append(seen, e.ID)
			if _, err := g.Entity("treaty/nowhere"); kb.ErrorCode(err) != kb.ENOTFOUND {
				return fmt.Errorf("Entity of an entity not stored: %v; want ENOTFOUND", err)
			}
			m, err := g.Meta("group/first")
			if err != nil {
				return err
			}
			seen = append(seen, m)
			errs = append(errs, g.Unit(func(apply func(kb.Batch) error) error {
				return apply(kb.Batch{Provisions: w.Provisions, Claims: w.Claims})
			}))
			return fail
		})
		return errs, seen, err
	}
	whole := s.open(t)
	if err := whole.Apply(ctx, kb.Batch{Sources: w.Sources, Entities: w.Entities, Claims: w.Claims, Provisions: w.Provisions, Meta: map[string]string{"group/first": "yes"}}); err != nil {
		t.Fatal(err)
	}
	st := s.open(t)
	errs, seen, err := group(st, nil)
	if err != nil {
		t.Fatalf("ApplyGroup: %v", err)
	}
	if len(errs) != 4 || errs[0] != nil || kb.ErrorCode(errs[1]) != kb.EINVALID || !errors.Is(errs[2], broken) || errs[3] != nil {
		t.Errorf("the units' errors: %v; want nil, EINVALID, the filler's, nil", errs)
	}
	if want := []string{w.Entities[0].ID, "yes"}; !slices.Equal(seen, want) {
		t.Errorf("the group read %q; want %q", seen, want)
	}
	storedAt := regexp.MustCompile(`"stored_at": "[^"]*"`)
	if got, want := storedAt.ReplaceAllString(dump(t, st), ""), storedAt.ReplaceAllString(dump(t, whole), ""); got != want {
		t.Errorf("ApplyGroup stored\n%s\nwant what one Apply of the documents that did not fail stores:\n%s", got, want)
	}
	if v, err := st.Meta(ctx, "group/first"); err != nil || v != "yes" {
		t.Errorf("Meta after the group: %q, %v", v, err)
	}
	// An error of the group's filler undoes every document.
	st = s.open(t)
	empty := dump(t, st)
	if _, _, err := group(st, broken); !errors.Is(err, broken) {
		t.Errorf("ApplyGroup with a failing filler = %v; want its error", err)
	}
	if got := dump(t, st); got != empty {
		t.Errorf("a failed group left:\n%s", got)
	}
}

func (s suite) versions(t *testing.T) {
	ctx, st := s.withWorld(t)
	const id = "claim/aigun-signed-os"
	v1 := stored(world()).Claims[0]
	if v1.ID != id {
		t.Fatalf("fixture: first claim is %s", v1.ID)
	}

	// A second version moves the claim to another subject, value, status
	// and source, and drops its qualifier.
	v2 := v1
	v2.Subject = peking
	v2.Value = kb.DateValue("2 November 1860", histdate.Gregorian, "en")
	v2.Qualifiers = nil
	v2.Evidence = []kb.Evidence{ev(srcNL, "Het Verdrag van Aigun", true)}
	v2.Status = kb.Candidate
	v2.Rank = kb.Normal
	v2.Note = ""
	v2.RecordedAt, v2.RecordedBy = t2, "second"
	if err := st.Apply(ctx, kb.Batch{Claims: []kb.Claim{v2}}); err != nil {
		t.Fatal(err)
	}
	// The same content again, recorded by someone else, is no new version.
	again := v2
	again.RecordedAt, again.RecordedBy = t2.Add(time.Minute), "third"
	if err := st.Apply(ctx, kb.Batch{Claims: []kb.Claim{again}}); err != nil {
		t.Fatal(err)
	}
	// A version that differs only in its evidence is a new version.
	v3 := v2
	v3.Evidence = append(slices.Clone(v2.Evidence), ev(srcZH, "璦琿條約", true))
	v3.RecordedAt, v3.RecordedBy = t2.Add(2*time.Minute), "fourth"
	if err := st.Apply(ctx, kb.Batch{Claims: []kb.Claim{v3}}); err != nil {
		t.Fatal(err)
	}

	h, err := st.ClaimHistory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]kb.Claim{v1, v2, v3}, h, opts); diff != "" {
		t.Errorf("ClaimHistory (-want +got):\n%s", diff)
	}

	// Filters see the current version only.
	for _, tt := range []struct {
		f    kb.ClaimFilter
		want bool
	}{
		{kb.ClaimFilter{Subject: peking}, true},
		{kb.ClaimFilter{Subject: aigun, Property: "signed", Status: kb.Accepted}, false},
		{kb.ClaimFilter{Status: kb.Candidate, Property: "signed"}, true},
		{kb.ClaimFilter{Status: kb.Accepted, Property: "signed"}, false},
		{kb.ClaimFilter{Source: srcNL, Subject: peking}, true},
		{kb.ClaimFilter{Source: srcZH, Subject: peking}, true},
		{kb.ClaimFilter{Source: srcEN, Property: "signed"}, false}, // v1's source
		{kb.ClaimFilter{Entity: peking}, true},
	} {
		got, err := st.Claims(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(got, func(c kb.Claim) bool { return c.ID == id })
		if (i >= 0) != tt.want {
			t.Errorf("Claims(%+v) has %s: %v; want %v", tt.f, id, i >= 0, tt.want)
		}
		if i >= 0 {
			if diff := cmp.Diff(v3, got[i], opts); diff != "" {
				t.Errorf("Claims(%+v) gives (-want +got):\n%s", tt.f, diff)
			}
		}
	}
	// The qualifier of v1 named the city; v1 is history now.
	if got, err := st.Claims(ctx, kb.ClaimFilter{Subject: aigun, Property: "signed"}); err != nil || len(got) != 2 {
		t.Errorf("Claims on aigun signed = %d claims, %v; want the 2 others", len(got), err)
	}
}

func (s suite) provisionVersions(t *testing.T) {
	ctx, st := s.withWorld(t)
	ps := stored(world()).Provisions
	p := ps[0]
	p.Type = "cession"
	p.Limits = ""
	p.Grantors, p.Grantees = []string{qing}, []string{russia, britain}
	p.Amount = &kb.Value{Type: kb.TQuantity, Text: "185,000 square miles", Lang: "en"}
	p.Status = kb.Rejected
	if err := st.Apply(ctx, kb.Batch{Provisions: []kb.Provision{p}}); err != nil {
		t.Fatal(err)
	}
	ps[0] = p
	got, err := st.Provisions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(provisionOrder(ps), got, opts); diff != "" {
		t.Errorf("Provisions after a new version (-want +got):\n%s", diff)
	}
	// Moving a provision to another treaty moves it in the listing.
	p.Treaty = peking
	if err := st.Apply(ctx, kb.Batch{Provisions: []kb.Provision{p}}); err != nil {
		t.Fatal(err)
	}
	got, err = st.Provisions(ctx, aigun)
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(got, func(x kb.Provision) bool { return x.ID == p.ID }) {
		t.Errorf("Provisions(%s) still lists %s, now of %s", aigun, p.ID, peking)
	}
	got, err = st.Provisions(ctx, peking)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(got, func(x kb.Provision) bool { return x.ID == p.ID }) {
		t.Errorf("Provisions(%s) does not list %s", peking, p.ID)
	}
}

func (s suite) setStatus(t *testing.T) {
	ctx, st := s.withWorld(t)
	const id = "claim/aigun-refused-qing"
	var v1 kb.Claim
	for _, c := range stored(world()).Claims {
		if c.ID == id {
			v1 = c
		}
	}
	if err := st.SetStatus(ctx, id, kb.Accepted, "reviewer", t2); err != nil {
		t.Fatal(err)
	}
	v2 := v1
	v2.Status, v2.RecordedBy, v2.RecordedAt = kb.Accepted, "reviewer", t2
	// A second, identical decision is recorded too: it is a decision.
	if err := st.SetStatus(ctx, id, kb.Accepted, "second reviewer", t2.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	v3 := v2
	v3.RecordedBy, v3.RecordedAt = "second reviewer", t2.Add(time.Second)

	h, err := st.ClaimHistory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]kb.Claim{v1, v2, v3}, h, opts); diff != "" {
		t.Errorf("ClaimHistory after SetStatus (-want +got):\n%s", diff)
	}
	got, err := st.Claims(ctx, kb.ClaimFilter{Status: kb.Accepted, Property: "ratification_refused"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]kb.Claim{v3}, got, opts); diff != "" {
		t.Errorf("Claims(accepted) (-want +got):\n%s", diff)
	}
	got, err = st.Claims(ctx, kb.ClaimFilter{Status: kb.Candidate, Property: "ratification_refused"})
	if err != nil || len(got) != 0 {
		t.Errorf("Claims(candidate) = %v, %v; want none", got, err)
	}

	t.Run("no time", func(t *testing.T) {
		if err := st.SetStatus(ctx, id, kb.Rejected, "reviewer", time.Time{}); err != nil {
			t.Fatal(err)
		}
		h, err := st.ClaimHistory(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if last := h[len(h)-1]; last.RecordedAt.IsZero() || last.Status != kb.Rejected {
			t.Errorf("SetStatus without a time recorded %v at %v; want rejected at the store's time", last.Status, last.RecordedAt)
		}
	})
	t.Run("errors", func(t *testing.T) {
		before := dump(t, st)
		wantError(t, st.SetStatus(ctx, "claim/none", kb.Accepted, "r", t2), kb.ENOTFOUND, "claim/none")
		wantError(t, st.SetStatus(ctx, id, "acepted", "r", t2), kb.EINVALID, "acepted")
		wantError(t, st.SetStatus(ctx, "claim/muravyov-described", kb.Accepted, "r", t2), kb.EINVALID, "evidence")
		if diff := cmp.Diff(before, dump(t, st)); diff != "" {
			t.Errorf("a failed SetStatus changed the store (-before +after):\n%s", diff)
		}
	})
}

func (s suite) sourceTexts(t *testing.T) {
	ctx := context.Background()
	st := s.open(t)
	const id = "source/x"
	text := "Договор подписан в Айгуне. 條約在璦琿簽訂。"
	meta := kb.Source{ID: id, Title: "only the metadata", Language: "ru", SHA256: kb.HashText(text), Added: t0}
	if err := st.Apply(ctx, kb.Batch{Sources: []kb.Source{meta}}); err != nil {
		t.Fatal(err)
	}
	got, err := st.Source(ctx, id)
	if err != nil || got.Text != "" || got.SHA256 != meta.SHA256 {
		t.Fatalf("Source(metadata only) = %+v, %v", got, err)
	}
	// The same source with its text fills the text in; its other fields,
	// changed here, are kept as stored.
	full := kb.Source{ID: id, Title: "another title", Text: text, Added: t1}
	if err := st.Apply(ctx, kb.Batch{Sources: []kb.Source{full}}); err != nil {
		t.Fatalf("Apply(text of a metadata-only source): %v", err)
	}
	want := meta
	want.Text = text
	got, err = st.Source(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Source after its text came (-want +got):\n%s", diff)
	}
	// And again: a no-op.
	if err := st.Apply(ctx, kb.Batch{Sources: []kb.Source{full}}); err != nil {
		t.Errorf("Apply(the same source again): %v", err)
	}
	if err := st.Apply(ctx, kb.Batch{Sources: []kb.Source{meta}}); err != nil {
		t.Errorf("Apply(the metadata again): %v", err)
	}
	if got, _ := st.Source(ctx, id); got.Text != text {
		t.Errorf("the metadata again dropped the text")
	}

	t.Run("added", func(t *testing.T) {
		if err := st.Apply(ctx, kb.Batch{Sources: []kb.Source{{ID: "source/y", Text: "y"}}}); err != nil {
			t.Fatal(err)
		}
		got, err := st.Source(ctx, "source/y")
		if err != nil {
			t.Fatal(err)
		}
		if got.Added.IsZero() {
			t.Errorf("a source without Added was stored without a time; want the store's")
		}
		if got.SHA256 != kb.HashText("y") {
			t.Errorf("SHA256 = %q; want the hash of the text", got.SHA256)
		}
	})
}

func (s suite) sourceConflict(t *testing.T) {
	ctx, st := s.withWorld(t)
	before := dump(t, st)
	changed := kb.Source{ID: srcEN, Title: "Treaty of Aigun", Language: "en", Text: textEN + " (revised)"}
	b := kb.Batch{
		Sources:  []kb.Source{changed},
		Entities: []kb.Entity{{ID: "polity/japan", Kind: kb.KindPolity}},
		Meta:     map[string]string{"fixture": "changed"},
	}
	err := st.Apply(ctx, b)
	wantError(t, err, kb.ECONFLICT, srcEN, kb.HashText(textEN), "new id")
	if diff := cmp.Diff(before, dump(t, st)); diff != "" {
		t.Errorf("a conflicting batch changed the store (-before +after):\n%s", diff)
	}
	// Metadata only, with another hash: a conflict too.
	err = st.Apply(ctx, kb.Batch{Sources: []kb.Source{{ID: srcNL, SHA256: kb.HashText("something else")}}})
	wantError(t, err, kb.ECONFLICT, srcNL)
}

func (s suite) entityReplaced(t *testing.T) {
	ctx, st := s.withWorld(t)
	e := kb.Entity{ID: amur, Kind: kb.KindRiver, Labels: map[string]string{"en": "Amur River", "mn": "Хар мөрөн"},
		Aliases: []kb.Alias{{Text: "Heilongjiang", Lang: "zh-Latn"}}, Status: kb.Accepted}
	if err := st.Apply(ctx, kb.Batch{Entities: []kb.Entity{e}}); err != nil {
		t.Fatal(err)
	}
	got, err := st.Entity(ctx, amur)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(e, got, opts); diff != "" {
		t.Errorf("Entity after replacing (-want +got):\n%s", diff)
	}
	// The claims and provisions that name it stay.
	ps, err := st.Provisions(ctx, aigun)
	if err != nil || len(ps) != 3 {
		t.Errorf("Provisions(aigun) = %d, %v; want 3", len(ps), err)
	}
}

// invalid applies bad batches to a store holding the fixture: each fails
// with EINVALID naming the record and the field, and writes nothing, not
// even the good records and meta of the same batch.
func (s suite) invalid(t *testing.T) {
	ctx, st := s.withWorld(t)
	before := dump(t, st)
	good := func() kb.Claim {
		return kb.Claim{ID: "claim/new", Subject: aigun, Property: "party", Value: kb.EntityValue(russia),
			Evidence: []kb.Evidence{ev(srcEN, "for Russia", false)}, Status: kb.Accepted, Rank: kb.Normal, RecordedAt: t2}
	}
	claim := func(f func(c *kb.Claim)) kb.Batch {
		c := good()
		f(&c)
		return kb.Batch{Claims: []kb.Claim{c}}
	}
	goodProvision := func() kb.Provision {
		return kb.Provision{ID: "provision/new", Treaty: aigun, Type: "trade_right", Grantors: []string{qing}, Grantees: []string{russia},
			Objects: []string{aigunCity}, Evidence: []kb.Evidence{ev(srcEN, "Aigun", false)}, Status: kb.Candidate, Rank: kb.Normal}
	}
	provision := func(f func(p *kb.Provision)) kb.Batch {
		p := goodProvision()
		f(&p)
		return kb.Batch{Provisions: []kb.Provision{p}}
	}
	entity := func(f func(e *kb.Entity)) kb.Batch {
		e := kb.Entity{ID: "place/new", Kind: kb.KindCity, Labels: map[string]string{"en": "New"}}
		f(&e)
		return kb.Batch{Entities: []kb.Entity{e}}
	}
	tests := []struct {
		name  string
		b     kb.Batch
		wants []string // in the message: the record's id and the field
	}{
		{"dangling subject", claim(func(c *kb.Claim) { c.Subject = "treaty/nowhere" }), []string{"claim/new", "subject", "treaty/nowhere"}},
		{"dangling entity value", claim(func(c *kb.Claim) { c.Value = kb.EntityValue("polity/atlantis") }), []string{"claim/new", "value", "polity/atlantis"}},
		{"dangling qualifier", claim(func(c *kb.Claim) { c.Qualifiers = map[string]kb.Value{"party": kb.EntityValue("polity/atlantis")} }), []string{"claim/new", "party", "polity/atlantis"}},
		{"unknown property", claim(func(c *kb.Claim) { c.Property = "signed_on" }), []string{"claim/new", "property", "signed_on"}},
		{"unknown qualifier", claim(func(c *kb.Claim) { c.Qualifiers = map[string]kb.Value{"witness": kb.EntityValue(qing)} }), []string{"claim/new", "qualifier", "witness"}},
		{"value of the wrong type", claim(func(c *kb.Claim) { c.Value = kb.TextValue("Russia") }), []string{"claim/new", "party", "text"}},
		{"unreadable date", claim(func(c *kb.Claim) { c.Property, c.Value = "signed", kb.DateValue("the 45th of Smarch", "", "en") }), []string{"claim/new", "Smarch"}},
		{"unknown status", claim(func(c *kb.Claim) { c.Status = "approved" }), []string{"claim/new", "status", "approved"}},
		{"accepted without evidence", claim(func(c *kb.Claim) { c.Evidence = nil }), []string{"claim/new", "evidence"}},
		{"no id", claim(func(c *kb.Claim) { c.ID = "" }), []string{"id"}},
		{"evidence in no source", claim(func(c *kb.Claim) { c.Evidence[0].Source = "source/none" }), []string{"claim/new", "evidence[0].source", "source/none"}},
		{"evidence on another text", claim(func(c *kb.Claim) { c.Evidence[0].SHA256 = kb.HashText("another text") }), []string{"claim/new", "evidence[0].sha256"}},
		{"evidence without a quote", claim(func(c *kb.Claim) { c.Evidence[0].Quote.Exact = "" }), []string{"claim/new", "evidence[0].quote"}},
		{"evidence backwards", claim(func(c *kb.Claim) { c.Evidence[0].Position.End = c.Evidence[0].Position.Start - 1 }), []string{"claim/new", "evidence[0].position"}},
		{"claim twice", kb.Batch{Claims: []kb.Claim{good(), good()}}, []string{"claim/new", "twice"}},
		{"dangling treaty", provision(func(p *kb.Provision) { p.Treaty = "treaty/nowhere" }), []string{"provision/new", "treaty", "treaty/nowhere"}},
		{"dangling grantor", provision(func(p *kb.Provision) { p.Grantors = []string{qing, "polity/atlantis"} }), []string{"provision/new", "grantors", "polity/atlantis"}},
		{"dangling grantee", provision(func(p *kb.Provision) { p.Grantees = []string{"polity/atlantis"} }), []string{"provision/new", "grantees", "polity/atlantis"}},
		{"dangling object", provision(func(p *kb.Provision) { p.Objects = []string{"river/lethe"} }), []string{"provision/new", "objects", "river/lethe"}},
		{"dangling exclude", provision(func(p *kb.Provision) { p.Excludes = []string{"polity/atlantis"} }), []string{"provision/new", "excludes", "polity/atlantis"}},
		{"provision of an unknown type", provision(func(p *kb.Provision) { p.Type = "tribute" }), []string{"provision/new", "tribute"}},
		{"provision without evidence", provision(func(p *kb.Provision) { p.Evidence = nil }), []string{"provision/new", "evidence"}},
		{"provision evidence in no source", provision(func(p *kb.Provision) { p.Evidence[0].Source = "source/none" }), []string{"provision/new", "evidence[0].source"}},
		{"unreadable amount", provision(func(p *kb.Provision) { p.Amount = &kb.Value{Type: kb.TQuantity, Text: "much"} }), []string{"provision/new", "amount"}},
		{"entity of an unknown kind", entity(func(e *kb.Entity) { e.Kind = "planet" }), []string{"place/new", "kind", "planet"}},
		{"entity with broken GeoJSON", entity(func(e *kb.Entity) { e.Geometry = &kb.Geometry{GeoJSON: []byte(`{"type":`)} }), []string{"place/new", "geometry"}},
		{"entity with an empty label", entity(func(e *kb.Entity) { e.Labels["ru"] = "" }), []string{"place/new", "labels"}},
		{"entity without an id", entity(func(e *kb.Entity) { e.ID = "" }), []string{"id"}},
		{"source whose hash is not its text's", kb.Batch{Sources: []kb.Source{{ID: "source/new", SHA256: kb.HashText("a"), Text: "b"}}}, []string{"source/new", "sha256"}},
		{"source with a malformed hash", kb.Batch{Sources: []kb.Source{{ID: "source/new", SHA256: "1234"}}}, []string{"source/new", "sha256"}},
		{"source with neither hash nor text", kb.Batch{Sources: []kb.Source{{ID: "source/new"}}}, []string{"source/new", "sha256"}},
		{"source without an id", kb.Batch{Sources: []kb.Source{{Text: "x"}}}, []string{"id"}},
		{"good records and one bad", func() kb.Batch {
			bad := good()
			bad.ID, bad.Subject = "claim/bad", "person/nobody"
			return kb.Batch{
				Sources:    []kb.Source{{ID: "source/new", Text: "new text"}},
				Entities:   []kb.Entity{{ID: "polity/japan", Kind: kb.KindPolity, Labels: map[string]string{"ja": "日本"}}},
				Claims:     []kb.Claim{good(), bad},
				Provisions: []kb.Provision{goodProvision()},
				Meta:       map[string]string{"fixture": "changed", "new": "x"},
			}
		}(), []string{"claim/bad", "subject", "person/nobody"}},
		{"reference to a record of the batch that is invalid", kb.Batch{
			Entities: []kb.Entity{{ID: "polity/japan", Kind: "empire"}},
			Claims: []kb.Claim{func() kb.Claim {
				c := good()
				c.Value = kb.EntityValue("polity/japan")
				return c
			}()},
		}, []string{"polity/japan", "kind"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := st.Apply(ctx, tt.b)
			wantError(t, err, kb.EINVALID, tt.wants...)
			if diff := cmp.Diff(before, dump(t, st)); diff != "" {
				t.Errorf("a failed Apply changed the store (-before +after):\n%s", diff)
			}
		})
	}
}

func (s suite) notFound(t *testing.T) {
	ctx, st := s.withWorld(t)
	_, err := st.Source(ctx, "source/none")
	wantError(t, err, kb.ENOTFOUND, "source/none")
	_, err = st.Entity(ctx, "polity/none")
	wantError(t, err, kb.ENOTFOUND, "polity/none")
	_, err = st.ClaimHistory(ctx, "claim/none")
	wantError(t, err, kb.ENOTFOUND, "claim/none")
	_, err = st.Entities(ctx, "planet")
	wantError(t, err, kb.EINVALID, "planet")
	// Lists that match nothing are empty, not errors.
	if ps, err := st.Provisions(ctx, "treaty/none"); err != nil || len(ps) != 0 {
		t.Errorf("Provisions(treaty/none) = %v, %v; want none", ps, err)
	}
	empty := s.open(t)
	for name, f := range map[string]func() (int, error){
		"Sources":    func() (int, error) { x, err := empty.Sources(ctx); return len(x), err },
		"Entities":   func() (int, error) { x, err := empty.Entities(ctx, ""); return len(x), err },
		"Claims":     func() (int, error) { x, err := empty.Claims(ctx, kb.ClaimFilter{}); return len(x), err },
		"Provisions": func() (int, error) { x, err := empty.Provisions(ctx, ""); return len(x), err },
	} {
		if n, err := f(); n != 0 || err != nil {
			t.Errorf("%s of an empty store = %d, %v; want 0, nil", name, n, err)
		}
	}
}

func (s suite) meta(t *testing.T) {
	ctx := context.Background()
	st := s.open(t)
	if v, err := st.Meta(ctx, "bundle"); v != "" || err != nil {
		t.Errorf(`Meta(unset) = %q, %v; want "", nil`, v, err)
	}
	for _, v := range []string{"abc", "déf 中文", ""} {
		if err := st.SetMeta(ctx, "bundle", v); err != nil {
			t.Fatal(err)
		}
		if got, err := st.Meta(ctx, "bundle"); got != v || err != nil {
			t.Errorf("Meta after SetMeta(%q) = %q, %v", v, got, err)
		}
	}
	if err := st.Apply(ctx, kb.Batch{Meta: map[string]string{"bundle": "from a batch", "other": "x"}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Meta(ctx, "bundle"); got != "from a batch" {
		t.Errorf("Meta after a batch = %q", got)
	}
	if got, _ := st.Meta(ctx, "other"); got != "x" {
		t.Errorf("Meta(other) after a batch = %q", got)
	}
	wantError(t, st.SetMeta(ctx, "", "x"), kb.EINVALID, "key")
}

// concurrent writes and reads from several goroutines all succeed.
func (s suite) concurrent(t *testing.T) {
	ctx, st := s.withWorld(t)
	const n = 8
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		wg.Add(2)
		go func() {
			defer wg.Done()
			c := kb.Claim{ID: fmt.Sprintf("claim/concurrent-%d", i), Subject: aigun, Property: "negotiator",
				Value: kb.EntityValue(muravyov), Status: kb.Candidate, Rank: kb.Normal, RecordedAt: t0}
			if err := st.Apply(ctx, kb.Batch{Claims: []kb.Claim{c}}); err != nil {
				errs <- fmt.Errorf("Apply %d: %w", i, err)
			}
			if err := st.SetStatus(ctx, "claim/aigun-refused-qing", kb.Rejected, fmt.Sprint("reviewer ", i), t1); err != nil {
				errs <- fmt.Errorf("SetStatus %d: %w", i, err)
			}
		}()
		go func() {
			defer wg.Done()
			if _, err := st.Claims(ctx, kb.ClaimFilter{Subject: aigun}); err != nil {
				errs <- fmt.Errorf("Claims: %w", err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got, err := st.Claims(ctx, kb.ClaimFilter{Property: "negotiator"})
	if err != nil || len(got) != n {
		t.Errorf("Claims(negotiator) = %d, %v; want %d", len(got), err, n)
	}
	h, err := st.ClaimHistory(ctx, "claim/aigun-refused-qing")
	if err != nil || len(h) != n+1 {
		t.Errorf("ClaimHistory = %d versions, %v; want %d", len(h), err, n+1)
	}
}

// wantError checks an error's code and that its message names each of
// wants.
func wantError(t *testing.T, err error, code string, wants ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("err = nil; want %s", code)
		return
	}
	var e *kb.Error
	if !errors.As(err, &e) {
		t.Errorf("err = %v (%T); want a *kb.Error %s", err, err, code)
		return
	}
	if e.Code != code {
		t.Errorf("err = %v (code %s); want code %s", err, e.Code, code)
	}
	for _, w := range wants {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("err = %q; want it to name %q", err, w)
		}
	}
}

// dump reads everything a store holds through the interface, to tell
// whether a failed write changed anything.
func dump(t *testing.T, st kb.Store) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	must := func(v any, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("dump: %v", err)
		}
		j, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			t.Fatalf("dump: %v", err)
		}
		b.Write(j)
		b.WriteString("\n")
	}
	ss, err := st.Sources(ctx)
	must(ss, err)
	for _, s := range ss {
		must(st.Source(ctx, s.ID))
	}
	must(st.Entities(ctx, ""))
	cs, err := st.Claims(ctx, kb.ClaimFilter{})
	must(cs, err)
	for _, c := range cs {
		must(st.ClaimHistory(ctx, c.ID))
	}
	must(st.Provisions(ctx, ""))
	for _, k := range []string{"fixture", "new", "bundle"} {
		must(st.Meta(ctx, k))
	}
	return b.String()
}

func claimOrder(cs []kb.Claim) []kb.Claim {
	cs = slices.Clone(cs)
	slices.SortFunc(cs, func(a, b kb.Claim) int {
		return cmpStrings(a.Subject, b.Subject, a.Property, b.Property, a.ID, b.ID)
	})
	return cs
}

func provisionOrder(ps []kb.Provision) []kb.Provision {
	ps = slices.Clone(ps)
	slices.SortFunc(ps, func(a, b kb.Provision) int { return cmpStrings(a.Treaty, b.Treaty, a.ID, b.ID) })
	return ps
}

// cmpStrings compares pairs in turn: a1 with b1, then a2 with b2...
func cmpStrings(pairs ...string) int {
	for i := 0; i+1 < len(pairs); i += 2 {
		if c := strings.Compare(pairs[i], pairs[i+1]); c != 0 {
			return c
		}
	}
	return 0
}

func sortBy[T any](xs []T, key func(T) string) {
	slices.SortFunc(xs, func(a, b T) int { return strings.Compare(key(a), key(b)) })
}

func idsOf[T any](xs []T, id func(T) string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, id(x))
	}
	return out
}
