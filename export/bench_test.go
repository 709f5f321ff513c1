package export_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"testing"
	"time"

	"treatyline/dataset/cow"
	"treatyline/engine/synth"
	"treatyline/export"
	"treatyline/internal/gold"
	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/store/sqlite"
)

// synthStore gives a SQLite store holding a synthetic treaty system
// (engine/synth) of about n claims: a treaty for every 1.18 claims, a
// provision for every ten. The file is kept in $TREATYLINE_BENCH_DIR
// (else the temp dir) and used again by later runs.
func synthStore(b *testing.B, n int) kb.Store {
	b.Helper()
	ctx := context.Background()
	dir := os.Getenv("TREATYLINE_BENCH_DIR")
	if dir == "" {
		dir = os.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("treatyline-export-synth-%d.db", n))
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	if done, _ := st.Meta(ctx, "synth"); done == strconv.Itoa(n) {
		return st
	}
	start := time.Now()
	ents, claims, provs := synth.Generate(synth.Config{Seed: 1, Polities: 200, Territories: max(10, n/100), Treaties: n * 100 / 118, Provisions: n / 10})
	if err := st.Apply(ctx, kb.Batch{Sources: []kb.Source{synth.Source()}}); err != nil {
		b.Fatal(err)
	}
	const chunk = 50000
	for i := 0; i < len(ents); i += chunk {
		if err := st.Apply(ctx, kb.Batch{Entities: ents[i:min(i+chunk, len(ents))]}); err != nil {
			b.Fatal(err)
		}
	}
	for i := 0; i < len(claims); i += chunk {
		if err := st.Apply(ctx, kb.Batch{Claims: claims[i:min(i+chunk, len(claims))]}); err != nil {
			b.Fatal(err)
		}
	}
	for i := 0; i < len(provs); i += chunk {
		if err := st.Apply(ctx, kb.Batch{Provisions: provs[i:min(i+chunk, len(provs))]}); err != nil {
			b.Fatal(err)
		}
	}
	if err := st.SetMeta(ctx, "synth", strconv.Itoa(n)); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %s: %d entities, %d claims, %d provisions in %s", path, len(ents), len(claims), len(provs), time.Since(start).Round(time.Second))
	return st
}

// peakHeap samples the live heap while f runs and gives its peak above
// what was live before, in bytes.
func peakHeap(f func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	var peak uint64
	var mu sync.Mutex
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			mu.Lock()
			peak = max(peak, s[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(stop)
	<-done
	if peak < base {
		return 0
	}
	return peak - base
}

// countingWriter counts what an export writes.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkExport writes the synthetic store in each streaming format, at
// 10 thousand and a million claims, and reports the peak live heap the
// export adds (peak-heap-MB): flat as the store grows, since claims,
// provisions and entities are read a page at a time. The geographic
// formats hold the engine's model and are measured at 10 thousand.
func BenchmarkExport(b *testing.B) {
	sizes := []int{10000, 1000000}
	if s := os.Getenv("EXPORT_SIZES"); s != "" {
		sizes = nil
		for _, f := range splitComma(s) {
			n, err := strconv.Atoi(f)
			if err != nil {
				b.Fatal(err)
			}
			sizes = append(sizes, n)
		}
	}
	for _, n := range sizes {
		st := synthStore(b, n)
		for _, format := range []string{"jsonl", "csv", "jsonld", "quickstatements", "geojson", "lpf"} {
			geo := format == "geojson" || format == "lpf"
			if geo && n > 100000 {
				continue
			}
			b.Run(fmt.Sprintf("%s/%s", format, size(n)), func(b *testing.B) {
				r := export.Reader{Store: st}
				if geo {
					eng, err := report.LoadEngine(context.Background(), st)
					if err != nil {
						b.Fatal(err)
					}
					r.Engine = eng
				}
				var peak uint64
				var written int64
				for b.Loop() {
					w := &countingWriter{}
					p := peakHeap(func() {
						if err := export.Write(context.Background(), w, format, r, export.Options{}); err != nil {
							b.Fatal(err)
						}
					})
					peak, written = max(peak, p), w.n
				}
				b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
				b.ReportMetric(float64(written)/1e6, "output-MB")
				b.ReportMetric(float64(n)/(float64(b.Elapsed().Seconds())/float64(b.N)), "claims/s")
			})
		}
		st.Close()
	}
}

func size(n int) string {
	if n >= 1000000 && n%1000000 == 0 {
		return fmt.Sprintf("%dM", n/1000000)
	}
	return fmt.Sprintf("%dk", n/1000)
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	return out
}

// BenchmarkImportCOW reads the Correlates of War files and stores them in
// an empty SQLite store, in one transaction.
func BenchmarkImportCOW(b *testing.B) {
	dir, err := gold.SharedDir()
	if err != nil {
		b.Skip(err)
	}
	src := filepath.Join(dir, "data", "cow-territorial-change-v6")
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("cow-%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		d, err := cow.ReadDir(src)
		if err != nil {
			b.Fatal(err)
		}
		if err := st.Apply(ctx, d.Batch(time.Now())); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
}
