package storetest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"treatyline/kb"
)

// Contents is what a store holds: its sources, entities, current claims
// and provisions, and the meta entries an entity has under a key.
type Contents struct {
	Sources    []kb.Source
	Entities   []kb.Entity
	Claims     []kb.Claim
	Provisions []kb.Provision
	Meta       map[string]string
}

// ContentsOf reads what st holds; metaKey gives the meta key read for
// each entity (nil: none).
func ContentsOf(t testing.TB, st kb.Store, metaKey func(entity string) string) Contents {
	t.Helper()
	ctx := context.Background()
	var c Contents
	var err error
	if c.Sources, err = st.Sources(ctx); err != nil {
		t.Fatal(err)
	}
	if c.Entities, err = st.Entities(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if c.Claims, err = st.Claims(ctx, kb.ClaimFilter{}); err != nil {
		t.Fatal(err)
	}
	if c.Provisions, err = st.Provisions(ctx, ""); err != nil {
		t.Fatal(err)
	}
	c.Meta = map[string]string{}
	if metaKey == nil {
		return c
	}
	for _, e := range c.Entities {
		k := metaKey(e.ID)
		if v, err := st.Meta(ctx, k); err != nil {
			t.Fatal(err)
		} else if v != "" {
			c.Meta[k] = v
		}
	}
	return c
}

// WithoutTimes compares Contents without the times a store records.
var WithoutTimes = cmp.Options{cmpopts.EquateEmpty(),
	cmpopts.IgnoreFields(kb.Source{}, "Added"),
	cmpopts.IgnoreFields(kb.Claim{}, "RecordedAt", "StoredAt"),
	cmpopts.IgnoreFields(kb.Provision{}, "StoredAt")}
