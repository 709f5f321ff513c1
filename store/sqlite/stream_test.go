package sqlite

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/data"
	"treatyline/kb"
)

// TestStreams reads the bundled knowledge base a few records a page and
// finds what Claims, Provisions and Entities list, in id order.
func TestStreams(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Apply(ctx, b.Batch()); err != nil {
		t.Fatal(err)
	}
	defer func(n int) { streamPage = n }(streamPage)
	for _, page := range []int{1, 7, 1000} {
		streamPage = page
		for _, f := range []kb.ClaimFilter{{}, {Status: kb.Accepted}, {Source: "002_83b40dc56342f948"}, {Subject: "treaty/aigun-1858"}} {
			want, err := db.Claims(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			byID := map[string]kb.Claim{}
			for _, c := range want {
				byID[c.ID] = c
			}
			var got []kb.Claim
			last := ""
			if err := db.EachClaim(ctx, f, func(c kb.Claim) error {
				if c.ID <= last {
					t.Fatalf("page %d: %s after %s", page, c.ID, last)
				}
				last = c.ID
				got = append(got, c)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("page %d, filter %+v: %d claims, want %d", page, f, len(got), len(want))
			}
			for _, c := range got {
				if diff := cmp.Diff(byID[c.ID], c); diff != "" {
					t.Fatalf("claim %s (-want +got):\n%s", c.ID, diff)
				}
			}
		}
		wp, _ := db.Provisions(ctx, "")
		var gp []kb.Provision
		if err := db.EachProvision(ctx, func(p kb.Provision) error { gp = append(gp, p); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(gp) != len(wp) {
			t.Errorf("page %d: %d provisions, want %d", page, len(gp), len(wp))
		}
		for _, kind := range []kb.Kind{"", kb.KindTreaty} {
			we, _ := db.Entities(ctx, kind)
			var ge []kb.Entity
			if err := db.EachEntity(ctx, kind, func(e kb.Entity) error { ge = append(ge, e); return nil }); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(we, ge); diff != "" {
				t.Errorf("page %d, entities of kind %q (-want +got):\n%s", page, kind, diff)
			}
		}
	}
}
