package report

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
