package engine_test

import (
	"math/rand/v2"
	"runtime"
	"testing"

	"treatyline/engine"
	"treatyline/engine/synth"
	"treatyline/histdate"
	"treatyline/kb"
)

// The engine at scale, on synthetic treaty systems from engine/synth:
// building the state (New and compiling the consensus perspective) and one
// territory lookup, at ten thousand and a million provisions. The issue's
// goals at a million provisions, on a 2-core machine: a build within 5 s,
// a lookup within 1 µs. bench/engine.sh runs these and prints the figures.
//
// Besides ns/op, B/op and allocs/op each benchmark reports, after the
// build: live-MB, the heap in use after a collection (the synthetic
// knowledge base and the engine); kb-MB, the part of that the knowledge
// base takes alone; and peak-MB, the memory the process has obtained from
// the system (runtime.MemStats.Sys), which does not shrink and so is the
// high-water mark of everything run before, generation included.

func BenchmarkBuild10k(b *testing.B)  { benchmarkBuild(b, tenThousand) }
func BenchmarkLookup10k(b *testing.B) { benchmarkLookup(b, tenThousand) }
func BenchmarkBuild1M(b *testing.B)   { benchmarkBuild(b, oneMillion) }
func BenchmarkLookup1M(b *testing.B)  { benchmarkLookup(b, oneMillion) }
func BenchmarkAsOf10k(b *testing.B)   { benchmarkAsOf(b, tenThousand) }
func BenchmarkAsOf1M(b *testing.B)    { benchmarkAsOf(b, oneMillion) }
func BenchmarkUpdate10k(b *testing.B) { benchmarkUpdate(b, tenThousand) }
func BenchmarkUpdate1M(b *testing.B)  { benchmarkUpdate(b, oneMillion) }

// The two sizes: ten provisions a treaty, twenty a territory (about nine
// of them moving it).
var (
	tenThousand = synth.Config{Seed: 1858, Polities: 30, Territories: 500, Treaties: 1_000, Provisions: 10_000}
	oneMillion  = synth.Config{Seed: 1858, Polities: 200, Territories: 50_000, Treaties: 100_000, Provisions: 1_000_000}
)

// system is a generated knowledge base, kept for the next benchmark of
// the same size.
type system struct {
	cfg         synth.Config
	entities    []kb.Entity
	claims      []kb.Claim
	provisions  []kb.Provision
	territories []string
	liveBytes   uint64 // the heap in use with it alone
}

var generated *system

func generate(b *testing.B, cfg synth.Config) *system {
	b.Helper()
	if cfg.Provisions >= 1_000_000 && testing.Short() {
		b.Skip("a million provisions: skipped with -short")
	}
	if generated != nil && generated.cfg == cfg {
		return generated
	}
	generated = nil // let the collector take the last one first
	s := &system{cfg: cfg}
	s.entities, s.claims, s.provisions = synth.Generate(cfg)
	for _, e := range s.entities {
		if e.Kind == kb.KindTerritory {
			s.territories = append(s.territories, e.ID)
		}
	}
	s.liveBytes = liveHeap()
	generated = s
	return s
}

var consensus engine.Perspective

// build makes the engine and compiles the consensus, which the first
// lookup does.
func build(b *testing.B, s *system) *engine.Engine {
	e := engine.New(s.entities, s.claims, s.provisions)
	if _, err := e.Territory(s.territories[0], histdate.GregorianToJDN(1858, 5, 28), consensus); err != nil {
		b.Fatal(err)
	}
	return e
}

func benchmarkBuild(b *testing.B, cfg synth.Config) {
	s := generate(b, cfg)
	b.ReportAllocs()
	var e *engine.Engine
	for b.Loop() {
		e = build(b, s)
	}
	reportMemory(b, s, e)
}

func benchmarkLookup(b *testing.B, cfg synth.Config) {
	s := generate(b, cfg)
	e := build(b, s)
	// Random territories on random days of 1600–1950, drawn beforehand.
	type query struct {
		id  string
		day histdate.JDN
	}
	rng := rand.New(rand.NewPCG(uint64(cfg.Seed), 1))
	first, last := histdate.GregorianToJDN(1600, 1, 1), histdate.GregorianToJDN(1950, 12, 31)
	queries := make([]query, 1<<12)
	for i := range queries {
		queries[i] = query{s.territories[rng.IntN(len(s.territories))], first + histdate.JDN(rng.IntN(int(last-first)+1))}
	}
	runtime.GC() // the build's garbage, so that its collection does not run during the lookups
	b.ReportAllocs()
	i, held := 0, 0
	for b.Loop() {
		q := queries[i%len(queries)]
		i++
		st, err := e.Territory(q.id, q.day, consensus)
		if err != nil {
			b.Fatal(err)
		}
		held += len(st.Holders)
	}
	if held == 0 {
		b.Fatalf("no territory was held on any of %d days", i)
	}
	reportMemory(b, s, e)
}

// reportMemory reports live-MB, kb-MB and peak-MB (see the top of the
// file) with the engine built.
func reportMemory(b *testing.B, s *system, e *engine.Engine) {
	live := liveHeap()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(live)/1e6, "live-MB")
	b.ReportMetric(float64(s.liveBytes)/1e6, "kb-MB")
	b.ReportMetric(float64(ms.Sys)/1e6, "peak-MB")
	runtime.KeepAlive(e)
}

// liveHeap collects garbage and gives the heap in use.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// benchmarkAsOf computes every territory, right and treaty on a day: the
// whole state, from an engine that has computed it once already.
func benchmarkAsOf(b *testing.B, cfg synth.Config) {
	s := generate(b, cfg)
	e := build(b, s)
	d := histdate.GregorianToJDN(1858, 5, 28)
	e.AsOf(d, consensus)
	b.ReportAllocs()
	for b.Loop() {
		if st := e.AsOf(d, consensus); len(st.Territories) != len(s.territories) {
			b.Fatal("territories missing")
		}
	}
}

// benchmarkUpdate measures what a reviewer's decision costs the engine: a
// provision's status changed (as accepting or rejecting it), the engine
// updated, and the next answer about a territory the provision moves —
// from an engine that had computed the whole state.
func benchmarkUpdate(b *testing.B, cfg synth.Config) {
	s := generate(b, cfg)
	e := build(b, s)
	d := histdate.GregorianToJDN(1858, 5, 28)
	e.AsOf(d, consensus)
	e.PrepareUpdates()
	rng := rand.New(rand.NewPCG(uint64(cfg.Seed), 2))
	b.ReportAllocs()
	for b.Loop() {
		p := s.provisions[rng.IntN(len(s.provisions))]
		if p.Status == kb.Accepted {
			p.Status = kb.Rejected
		} else {
			p.Status = kb.Accepted
		}
		next := e.Update(nil, []kb.Provision{p})
		obj := s.territories[0]
		if len(p.Objects) > 0 {
			obj = p.Objects[0]
		}
		if _, err := next.Territory(obj, d, consensus); err != nil && kb.ErrorCode(err) != kb.ENOTFOUND {
			b.Fatal(err)
		}
	}
}
