package main

import (
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"treatyline/internal/pgtest"
	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/store/postgres"
	"treatyline/store/sqlite"
)

// BenchmarkAsOfRecordedAt compares `asof DATE --json` with `asof DATE
// --recorded-at TIME --json`, on each store, over the bundled knowledge
// base after ten rounds of review in which every claim and provision got
// a new version (eleven versions each); TIME is after the fifth round.
// Each run opens the store, as the command does.
func BenchmarkAsOfRecordedAt(b *testing.B) {
	for _, kind := range []string{"sqlite", "postgres"} {
		b.Run(kind, func(b *testing.B) {
			ctx := context.Background()
			var db string
			var st kb.Store
			var err error
			if kind == "sqlite" {
				db = b.TempDir() + "/kb.db"
				st, err = sqlite.Open(ctx, db)
			} else {
				db = pgtest.Get(b).NewDatabase(b)
				st, err = postgres.Open(ctx, db)
			}
			if err != nil {
				b.Fatal(err)
			}
			if err := report.LoadBundled(ctx, st); err != nil {
				b.Fatal(err)
			}
			var middle time.Time
			for round := range 10 {
				cs, err := st.Claims(ctx, kb.ClaimFilter{})
				if err != nil {
					b.Fatal(err)
				}
				ps, err := st.Provisions(ctx, "")
				if err != nil {
					b.Fatal(err)
				}
				for i := range cs {
					cs[i].Note = fmt.Sprintf("review round %d", round)
					cs[i].Version = 0
				}
				for i := range ps {
					ps[i].Note = fmt.Sprintf("review round %d", round)
					ps[i].Version = 0
				}
				if err := st.Apply(ctx, kb.Batch{Claims: cs, Provisions: ps}); err != nil {
					b.Fatal(err)
				}
				if round == 4 {
					middle = time.Now().UTC()
				}
			}
			st.Close()
			m := NewMain()
			m.Stdout, m.Stderr = io.Discard, io.Discard
			for _, tt := range []struct {
				name string
				args []string
			}{
				{"plain", []string{"asof", "1860-12-01", "--json", "--db", db}},
				{"recorded-at", []string{"asof", "1860-12-01", "--json", "--db", db, "--recorded-at", middle.Format(time.RFC3339Nano)}},
			} {
				b.Run(tt.name, func(b *testing.B) {
					for b.Loop() {
						if code := m.Run(ctx, tt.args); code != 0 {
							b.Fatalf("%v: exit %d", tt.args, code)
						}
					}
				})
			}
		})
	}
}
