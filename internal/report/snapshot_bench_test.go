package report_test

import (
	"context"
	"path/filepath"
	"testing"

	"treatyline/engine"
	"treatyline/engine/synth"
	"treatyline/histdate"
	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/store/sqlite"
)

// BenchmarkStart compares a process's start with and without a snapshot,
// side by side in one run, on a SQLite store holding a synthetic treaty
// system (engine/synth, with its source): "read" is LoadEngine from the
// store against LoadEngineCached from a valid snapshot; "first-answer"
// adds one territory lookup, which compiles the consensus state as a
// server's first question does. The store is written once per size
// (applying 100 thousand provisions takes a while) and is not timed.
// bench/README.md keeps the figures.
func BenchmarkStart(b *testing.B) {
	for _, size := range []struct {
		name string
		cfg  synth.Config
	}{
		{"10k", synth.Config{Seed: 1858, Polities: 30, Territories: 500, Treaties: 1_000, Provisions: 10_000}},
		{"100k", synth.Config{Seed: 1858, Polities: 100, Territories: 5_000, Treaties: 10_000, Provisions: 100_000}},
	} {
		b.Run(size.name, func(b *testing.B) {
			if size.cfg.Provisions >= 100_000 && testing.Short() {
				b.Skip("100 thousand provisions: skipped with -short")
			}
			ctx := context.Background()
			dir := b.TempDir()
			st, err := sqlite.Open(ctx, filepath.Join(dir, "kb.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			ents, claims, provs := synth.Generate(size.cfg)
			if err := st.Apply(ctx, kb.Batch{Sources: []kb.Source{synth.Source()}, Entities: ents, Claims: claims, Provisions: provs}); err != nil {
				b.Fatal(err)
			}
			territory := ents[size.cfg.Polities].ID // the first territory
			key, err := report.SnapshotKey(ctx, st, "bench")
			if err != nil {
				b.Fatal(err)
			}
			path := filepath.Join(dir, "kb.snap")
			if _, use, err := report.LoadEngineCached(ctx, st, path, key); err != nil || use.WriteErr != nil {
				b.Fatal(err, use.WriteErr)
			}
			load := map[string]func() (*engine.Engine, error){
				"sqlite": func() (*engine.Engine, error) { return report.LoadEngine(ctx, st) },
				"snapshot": func() (*engine.Engine, error) {
					e, use, err := report.LoadEngineCached(ctx, st, path, key)
					if err == nil && !use.Hit {
						b.Fatalf("snapshot missed: %v", use.Miss)
					}
					return e, err
				},
			}
			day := histdate.GregorianToJDN(1858, 5, 28)
			for _, what := range []string{"read", "first-answer"} {
				for _, from := range []string{"sqlite", "snapshot"} {
					b.Run(what+"/"+from, func(b *testing.B) {
						b.ReportAllocs()
						for b.Loop() {
							e, err := load[from]()
							if err != nil {
								b.Fatal(err)
							}
							if what == "first-answer" {
								p, err := e.ParsePerspective("", nil)
								if err != nil {
									b.Fatal(err)
								}
								if _, err := e.Territory(territory, day, p); err != nil {
									b.Fatal(err)
								}
							}
						}
					})
				}
			}
		})
	}
}
