package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"treatyline/engine"
	"treatyline/engine/synth"
	"treatyline/histdate"
	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/store/sqlite"
)

// TestStoreAnswersAsGenerated writes a small synthetic store in several
// batches, opens it as the commands do, and checks that the engine read
// from it answers as the engine built from synth.Generate directly, for
// every territory on days across the generated centuries.
func TestStoreAnswersAsGenerated(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "synth.db")
	var out bytes.Buffer
	if err := run(ctx, []string{"-provisions", "2000", "-db", path, "-batch", "700", "-seed", "7"}, &out, &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	cfg := synth.Sized(2000, 7)
	ents, claims, provs := synth.Generate(cfg)
	if !strings.Contains(out.String(), "2000 provisions") {
		t.Errorf("output %q does not count the provisions", out.String())
	}

	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got, err := st.Meta(ctx, MetaKey); err != nil || !strings.Contains(got, `"Provisions":2000`) {
		t.Errorf("meta %s = %q, %v; want the config", MetaKey, got, err)
	}
	stored, err := report.LoadEngine(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	gotProvs, err := st.Provisions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	gotClaims, err := st.Claims(ctx, kb.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(gotProvs) != len(provs) || len(gotClaims) != len(claims) {
		t.Fatalf("stored %d provisions and %d claims; generated %d and %d", len(gotProvs), len(gotClaims), len(provs), len(claims))
	}
	// The store lists records by id; the engine's notes and bases follow
	// the order it is given, so the generated records are given in the
	// store's order too.
	slices.SortFunc(ents, func(a, b kb.Entity) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(claims, func(a, b kb.Claim) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(provs, func(a, b kb.Provision) int { return strings.Compare(a.ID, b.ID) })
	direct := engine.New(ents, claims, provs)
	var consensus engine.Perspective
	compared := 0
	for _, e := range ents {
		if e.Kind != kb.KindTerritory {
			continue
		}
		for _, year := range []int{1650, 1750, 1850, 1900, 1950} {
			day := histdate.GregorianToJDN(year, 6, 1)
			want, err := direct.Territory(e.ID, day, consensus)
			if err != nil {
				t.Fatal(err)
			}
			got, err := stored.Territory(e.ID, day, consensus)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on 1 June %d: the stored system answers\n%+v\nthe generated one\n%+v", e.ID, year, got, want)
			}
			compared++
		}
	}
	if compared == 0 {
		t.Fatal("no territory compared")
	}
}

// TestRunRefuses: the arguments synthstore does not take.
func TestRunRefuses(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "exists.db")
	if err := os.WriteFile(existing, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no file", []string{"-provisions", "10"}, "usage"},
		{"an argument", []string{"-db", filepath.Join(dir, "a.db"), "extra"}, "usage"},
		{"an existing file", []string{"-db", existing}, "the file exists"},
		{"an unknown flag", []string{"-nope"}, "not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), tt.args, &out, &out)
			if err == nil || !strings.Contains(err.Error()+out.String(), tt.want) {
				t.Errorf("run(%q) = %v (%s); want an error with %q", tt.args, err, out.String(), tt.want)
			}
		})
	}
}
