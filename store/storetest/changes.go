package storetest

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"treatyline/kb"
)

// changesSince: a store tells what it recorded after a mark (every store
// is a kb.ChangeReader) — each record as it now stands, and nothing
// recorded before — and its mark grows with every write; a mark it has
// not reached, or one without a record time, is EINVALID. What a reader
// holding the records as of the mark makes of the changes is the store's
// whole content: the check a server's catching up rests on.
func (s suite) changesSince(t *testing.T) {
	ctx, st := s.withWorld(t)
	cr, ok := st.(kb.ChangeReader)
	if !ok {
		t.Fatalf("%T does not tell what changed (kb.ChangeReader)", st)
	}
	mark := func() kb.Mark {
		t.Helper()
		m, err := cr.Mark(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	m0 := mark()
	if m0.At.IsZero() || m0.Generation == 0 {
		t.Fatalf("mark after a write: %+v, want a generation and a record time", m0)
	}
	since := func(m kb.Mark) kb.Changed {
		t.Helper()
		c, err := cr.ChangesSince(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if c := since(m0); c.Mark != m0 || len(c.Entities)+len(c.Claims)+len(c.Provisions) > 0 || c.Sources {
		t.Errorf("changes since the store's own mark: %+v; want none", c)
	}
	type ids struct{ Entities, Claims, Provisions []string }
	idsOfChanges := func(c kb.Changed) ids {
		var out ids
		for _, e := range c.Entities {
			out.Entities = append(out.Entities, e.ID)
		}
		for _, x := range c.Claims {
			out.Claims = append(out.Claims, x.ID)
		}
		for _, p := range c.Provisions {
			out.Provisions = append(out.Provisions, p.ID)
		}
		return out
	}

	// A decision: the provision decided, as it now stands.
	if _, err := st.Decide(ctx, kb.Decision{ID: provUssuri, Status: kb.Rejected, By: "ada"}); err != nil {
		t.Fatal(err)
	}
	c1 := since(m0)
	if diff := cmp.Diff(ids{Provisions: []string{provUssuri}}, idsOfChanges(c1)); diff != "" || c1.Sources {
		t.Errorf("changes after a decision (-want +got):\n%s(sources %v)", diff, c1.Sources)
	}
	if len(c1.Provisions) == 1 && (c1.Provisions[0].Status != kb.Rejected || !c1.Provisions[0].Decided) {
		t.Errorf("the decided provision as told: %s, decided %v; want rejected, decided", c1.Provisions[0].Status, c1.Provisions[0].Decided)
	}
	if c1.Mark.Generation <= m0.Generation || !c1.Mark.At.After(m0.At) {
		t.Errorf("mark after a decision: %+v, want past %+v", c1.Mark, m0)
	}

	// An ingest's batch, then a merge, told from the mark after the
	// decision: the candidates, and the merge's rewritten claims and
	// provision with the merged entity (MergedInto set).
	m1 := c1.Mark
	if err := st.Apply(ctx, candidates()); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DecideEntity(ctx, kb.EntityDecision{Action: kb.ActionMerge, Entity: candBank, Into: leftBank, RecordedBy: "curator", RecordedAt: t2}); err != nil {
		t.Fatal(err)
	}
	c2 := since(m1)
	want := ids{
		Entities:   []string{candTown, leftBank, candGuess, candBank},
		Claims:     []string{"claim/cand-bank-held", "claim/cand-signed-at", "claim/cand-weak", "claim/cand-yishan-signatory"},
		Provisions: []string{"provision/cand-bank"},
	}
	got := idsOfChanges(c2)
	for _, l := range [][]string{got.Entities, got.Claims, got.Provisions} {
		if !slices.IsSorted(l) {
			t.Errorf("changes not ordered by id: %v", l)
		}
	}
	if diff := cmp.Diff(want, got, sortStrings); diff != "" {
		t.Errorf("changes after candidates and a merge (-want +got):\n%s", diff)
	}
	for _, e := range c2.Entities {
		if e.ID == candBank && e.MergedInto != leftBank {
			t.Errorf("%s as told: merged into %q, want %q", candBank, e.MergedInto, leftBank)
		}
	}
	for _, c := range c2.Claims {
		if c.Subject == candBank || c.Value.Entity == candBank {
			t.Errorf("claim %s as told still names %s", c.ID, candBank)
		}
	}

	// The records as of m0 with every change since written over them are
	// the store's records.
	whole := ContentsOf(t, st, nil)
	c := since(m0)
	ents := map[string]kb.Entity{}
	claims := map[string]kb.Claim{}
	provs := map[string]kb.Provision{}
	old, err := st.AsRecorded(ctx, m0.At)
	if err != nil {
		t.Fatal(err)
	}
	es, err := old.Entities(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		ents[e.ID] = e
	}
	cs, err := old.Claims(ctx, kb.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range cs {
		claims[x.ID] = x
	}
	ps, err := old.Provisions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		provs[p.ID] = p
	}
	for _, e := range c.Entities {
		if e.MergedInto != "" {
			delete(ents, e.ID)
		} else {
			ents[e.ID] = e
		}
	}
	for _, x := range c.Claims {
		claims[x.ID] = x
	}
	for _, p := range c.Provisions {
		provs[p.ID] = p
	}
	if len(whole.Entities) != len(ents) {
		t.Errorf("caught up: %d entities; the store has %d", len(ents), len(whole.Entities))
	}
	for _, e := range whole.Entities {
		// (Empty lists as an entity's earlier state reads them, nil as its
		// current one does.)
		if diff := cmp.Diff(e, ents[e.ID], cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("entity %s caught up (-store +caught up):\n%s", e.ID, diff)
		}
	}
	if len(whole.Claims) != len(claims) || len(whole.Provisions) != len(provs) {
		t.Errorf("caught up: %d claims and %d provisions; the store has %d and %d", len(claims), len(provs), len(whole.Claims), len(whole.Provisions))
	}
	for _, x := range whole.Claims {
		if diff := cmp.Diff(x, claims[x.ID], cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("claim %s caught up (-store +caught up):\n%s", x.ID, diff)
		}
	}
	for _, p := range whole.Provisions {
		if diff := cmp.Diff(p, provs[p.ID], cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("provision %s caught up (-store +caught up):\n%s", p.ID, diff)
		}
	}

	for _, bad := range []kb.Mark{{Generation: m0.Generation}, {Generation: c.Mark.Generation + 1, At: c.Mark.At},
		{Generation: m0.Generation, At: c.Mark.At.Add(3600e9)}} {
		if _, err := cr.ChangesSince(ctx, bad); kb.ErrorCode(err) != kb.EINVALID {
			t.Errorf("changes since %+v: %v, want EINVALID", bad, err)
		}
	}
}
