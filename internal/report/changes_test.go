package report

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/kb"
	"treatyline/kb/kbsnap"
)

// TestMergeChanged: records written over and added keep the order, whether the
// old records come in it (merged in one pass) or not (sorted).
func TestMergeChanged(t *testing.T) {
	type rec struct{ id, key string }
	id := func(r *rec) string { return r.id }
	order := func(a, b *rec) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	}
	keep := func(r *rec) bool { return r.key != "gone" }
	for _, c := range []struct {
		name         string
		old, changed []rec
		want         []rec
	}{
		{"nothing changed", []rec{{"a", "1"}, {"b", "2"}}, nil, []rec{{"a", "1"}, {"b", "2"}}},
		{"written over in place", []rec{{"a", "1"}, {"b", "2"}, {"c", "3"}}, []rec{{"b", "2"}},
			[]rec{{"a", "1"}, {"b", "2"}, {"c", "3"}}},
		{"a key changed", []rec{{"a", "1"}, {"b", "2"}, {"c", "3"}}, []rec{{"a", "4"}},
			[]rec{{"b", "2"}, {"c", "3"}, {"a", "4"}}},
		{"added first, inside and last", []rec{{"b", "2"}, {"d", "4"}}, []rec{{"e", "5"}, {"a", "1"}, {"c", "3"}},
			[]rec{{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}, {"e", "5"}}},
		{"left out", []rec{{"a", "1"}, {"b", "2"}}, []rec{{"a", "gone"}, {"x", "gone"}}, []rec{{"b", "2"}}},
		{"old out of order", []rec{{"c", "3"}, {"a", "1"}}, []rec{{"b", "2"}},
			[]rec{{"a", "1"}, {"b", "2"}, {"c", "3"}}},
		{"ties broken by id", []rec{{"a", "1"}, {"c", "1"}}, []rec{{"b", "1"}},
			[]rec{{"a", "1"}, {"b", "1"}, {"c", "1"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := MergeChanged(c.old, c.changed, id, order, keep)
			if diff := cmp.Diff(c.want, got, cmp.AllowUnexported(rec{})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestInStoreOrder: records an engine added after the others (and any
// out of order) are put in the store's order.
func TestInStoreOrder(t *testing.T) {
	c := func(subject, id string) kb.Claim { return kb.Claim{ID: id, Subject: subject, Property: "p"} }
	p := func(treaty, id string) kb.Provision { return kb.Provision{ID: id, Treaty: treaty} }
	s := &kbsnap.Snapshot{
		Entities:   []kb.Entity{{ID: "b"}, {ID: "a"}},
		Claims:     []kb.Claim{c("a", "1"), c("c", "3"), c("e", "5"), c("d", "4"), c("b", "2")},
		Provisions: []kb.Provision{p("t", "1"), p("t", "2")},
	}
	InStoreOrder(s)
	want := &kbsnap.Snapshot{
		Entities:   []kb.Entity{{ID: "a"}, {ID: "b"}},
		Claims:     []kb.Claim{c("a", "1"), c("b", "2"), c("c", "3"), c("d", "4"), c("e", "5")},
		Provisions: []kb.Provision{p("t", "1"), p("t", "2")},
	}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
