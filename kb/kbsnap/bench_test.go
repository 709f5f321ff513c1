package kbsnap

import (
	"path/filepath"
	"testing"
	"time"

	"treatyline/engine/synth"
)

// Encoding, decoding and reading a snapshot of a synthetic treaty system
// (engine/synth, the engine benchmarks' two sizes) with the fields a
// store fills in on reading (versions, record times). Besides ns/op,
// B/op and allocs/op each reports file-MB, the file's size; B/prov, that
// size over the provisions; and cpu-ms/op, the CPU time of the process
// (the collector's included) over the iterations, which a busy machine
// inflates less than the wall time. bench/README.md keeps the figures.

var sizes = []struct {
	name string
	cfg  synth.Config
}{
	{"10k", synth.Config{Seed: 1858, Polities: 30, Territories: 500, Treaties: 1_000, Provisions: 10_000}},
	{"1M", synth.Config{Seed: 1858, Polities: 200, Territories: 50_000, Treaties: 100_000, Provisions: 1_000_000}},
}

// benchSnapshot generates a size's snapshot and its file, skipping the
// million with -short.
func benchSnapshot(b *testing.B, cfg synth.Config) (*Snapshot, []byte) {
	b.Helper()
	if cfg.Provisions >= 1_000_000 && testing.Short() {
		b.Skip("a million provisions: skipped with -short")
	}
	s := storeLike(synthSnapshot(cfg))
	data, err := Encode(s)
	if err != nil {
		b.Fatal(err)
	}
	return s, data
}

// loop runs f b.N times and reports cpu-ms/op.
func loop(b *testing.B, f func() error) {
	b.ReportAllocs()
	var cpu time.Duration
	for b.Loop() {
		start := cpuTime()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - start
	}
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}

func reportSize(b *testing.B, s *Snapshot, data []byte) {
	b.ReportMetric(float64(len(data))/1e6, "file-MB")
	b.ReportMetric(float64(len(data))/float64(len(s.Provisions)), "B/prov")
}

func BenchmarkEncode(b *testing.B) {
	for _, size := range sizes {
		b.Run(size.name, func(b *testing.B) {
			s, data := benchSnapshot(b, size.cfg)
			loop(b, func() error { _, err := Encode(s); return err })
			reportSize(b, s, data)
		})
	}
}

func BenchmarkDecode(b *testing.B) {
	for _, size := range sizes {
		b.Run(size.name, func(b *testing.B) {
			s, data := benchSnapshot(b, size.cfg)
			loop(b, func() error { _, err := Decode(data); return err })
			reportSize(b, s, data)
		})
	}
}

// BenchmarkReadFile reads the file (from the page cache, as a restart
// finds it) and decodes it: what a process start pays.
func BenchmarkReadFile(b *testing.B) {
	for _, size := range sizes {
		b.Run(size.name, func(b *testing.B) {
			s, data := benchSnapshot(b, size.cfg)
			path := filepath.Join(b.TempDir(), "kb.snap")
			if err := WriteFile(path, s); err != nil {
				b.Fatal(err)
			}
			loop(b, func() error { _, err := ReadFile(path, s.Key); return err })
			reportSize(b, s, data)
		})
	}
}
