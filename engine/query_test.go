package engine_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/engine"
	"treatyline/engine/synth"
	"treatyline/histdate"
	"treatyline/kb"
)

// The sized questions give what the whole state gives, piece by piece:
// AsOf is the reference. Pages of every size, from every offset, put back
// together are its lists; a provision's rights are its rights with that
// provision.
func TestSizedQuestionsAgreeWithAsOf(t *testing.T) {
	ents, claims, provs := synth.Generate(synth.Config{Seed: 7, Polities: 6, Territories: 40, Treaties: 60, Provisions: 400})
	e := engine.New(ents, claims, provs)
	polity := ""
	for _, en := range ents {
		if en.Kind == kb.KindPolity {
			polity = en.ID
			break
		}
	}
	for _, c := range []struct {
		name string
		day  histdate.JDN
		p    engine.Perspective
	}{
		{"before everything", histdate.GregorianToJDN(1000, 1, 1), engine.Perspective{}},
		{"1858, consensus", histdate.GregorianToJDN(1858, 5, 28), engine.Perspective{}},
		{"1900, consensus", histdate.GregorianToJDN(1900, 1, 1), engine.Perspective{}},
		{"1900, a party", histdate.GregorianToJDN(1900, 1, 1), engine.Perspective{Party: polity}},
		{"after everything", histdate.GregorianToJDN(2500, 1, 1), engine.Perspective{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			want := e.AsOf(c.day, c.p)
			for _, limit := range []int{1, 3, 7, 1000} {
				var got engine.State
				got.Territories = pages(t, limit, len(want.Territories), func(o, l int) ([]engine.TerritoryState, int) {
					return e.TerritoriesAt(c.day, c.p, o, l)
				})
				got.Treaties = pages(t, limit, len(want.Treaties), func(o, l int) ([]engine.TreatyState, int) {
					return e.TreatiesAt(c.day, c.p, o, l)
				})
				got.Rights = pages(t, limit, len(want.Rights), func(o, l int) ([]engine.RightState, int) {
					return e.RightsAt(c.day, c.p, o, l)
				})
				got.Date, got.Perspective = want.Date, want.Perspective
				if d := cmp.Diff(want, got); d != "" {
					t.Fatalf("limit %d: the pages differ from AsOf (-want +got):\n%s", limit, d)
				}
			}
			if len(want.Rights) == 0 && c.day > histdate.GregorianToJDN(1800, 1, 1) && c.day < histdate.GregorianToJDN(2500, 1, 1) {
				t.Fatalf("no rights in force: the case tests nothing")
			}
			for _, r := range want.Rights {
				got, err := e.Right(r.Provision, c.day, c.p)
				if err != nil {
					t.Fatal(err)
				}
				var same []engine.RightState
				for _, w := range want.Rights {
					if w.Provision == r.Provision {
						same = append(same, w)
					}
				}
				if d := cmp.Diff(same, got); d != "" {
					t.Errorf("Right(%s) (-want +got):\n%s", r.Provision, d)
				}
			}
		})
	}
}

// pages reads a list a page at a time and checks the count each page
// gives.
func pages[T any](t *testing.T, limit, total int, page func(offset, limit int) ([]T, int)) []T {
	t.Helper()
	out := []T{}
	for offset := 0; ; offset += limit {
		items, n := page(offset, limit)
		if n != total {
			t.Fatalf("offset %d: total %d, want %d", offset, n, total)
		}
		if len(items) > limit {
			t.Fatalf("offset %d: %d items, more than the limit %d", offset, len(items), limit)
		}
		out = append(out, items...)
		if len(items) < limit {
			return out
		}
	}
}

// Right tells a provision not in force that day (no rights) from one that
// grants no right (not found).
func TestRightNotInForceOrUnknown(t *testing.T) {
	ents, claims, provs := synth.Generate(synth.Config{Seed: 7, Polities: 6, Territories: 40, Treaties: 60, Provisions: 400})
	e := engine.New(ents, claims, provs)
	late := e.AsOf(histdate.GregorianToJDN(1900, 1, 1), engine.Perspective{})
	if len(late.Rights) == 0 {
		t.Fatal("no rights in force in 1900")
	}
	id := late.Rights[0].Provision
	for _, c := range []struct {
		name, id string
		day      histdate.JDN
		n        int
		code     string
	}{
		{"in force", id, histdate.GregorianToJDN(1900, 1, 1), 1, ""},
		{"not yet", id, histdate.GregorianToJDN(1000, 1, 1), 0, ""},
		{"no such provision", "provision/atlantis", histdate.GregorianToJDN(1900, 1, 1), 0, kb.ENOTFOUND},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := e.Right(c.id, c.day, engine.Perspective{})
			if kb.ErrorCode(err) != c.code {
				t.Fatalf("error %v, want code %q", err, c.code)
			}
			if len(got) < c.n || c.n == 0 && len(got) != 0 {
				t.Errorf("%d rights, want %d", len(got), c.n)
			}
		})
	}
}
