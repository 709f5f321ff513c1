package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"treatyline/internal/report"
	"treatyline/store/sqlite"
)

// denseText writes n bytes of text dense with dates: a chronology, one
// dated line per event (about one date per 60 bytes), or, dense, a date
// every 20 bytes or so.
func denseText(n int, dense bool) string {
	var b strings.Builder
	events := []string{"the Treaty of Aigun signed at Aigun", "the Treaty of Tianjin signed", "the Convention of Peking signed",
		"the Treaty of Livadia refused at Peking", "the Treaty of Saint Petersburg signed"}
	months := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	for i := 0; b.Len() < n; i++ {
		day, month, year := 1+i%28, months[i%12], 1689+i%200
		if dense {
			fmt.Fprintf(&b, "%d %s %d, %d %s %d; ", day, month, year, 1+(i+5)%28, months[(i+3)%12], year+1)
			if i%4 == 3 {
				b.WriteString("\n")
			}
			continue
		}
		fmt.Fprintf(&b, "%d %s %d: %s.\n", day, month, year, events[i%len(events)])
	}
	return b.String()
}

// peakHeap runs f and gives the largest heap it reached above what was
// in use before (garbage not yet collected included: what the process
// holds) and the largest live heap (what the last collection found in
// use), sampled every millisecond from runtime/metrics, which does not
// stop the program as runtime.ReadMemStats does.
func peakHeap(f func()) (heap, live uint64) {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	baseHeap, baseLive := s[0].Value.Uint64(), s[1].Value.Uint64()
	var peak, peakLive uint64
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		s := slices.Clone(s)
		for {
			metrics.Read(s)
			peak, peakLive = max(peak, s[0].Value.Uint64()), max(peakLive, s[1].Value.Uint64())
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(stop)
	wg.Wait()
	return sub(peak, baseHeap), sub(peakLive, baseLive)
}

func sub(a, b uint64) uint64 {
	if a < b {
		return 0
	}
	return a - b
}

// BenchmarkIngestDateDense ingests one date-dense document (read from its
// file, previewed, extracted, stored in SQLite) and reports the peak heap
// per byte of input: peak-B/B, garbage not yet collected included, and
// live-B/B, what the collector found in use.
func BenchmarkIngestDateDense(b *testing.B) {
	for _, tt := range []struct {
		name  string
		kb    int
		dense bool
	}{{"dense-256kB", 256, true}, {"chronology-1MB", 1 << 10, false}, {"dense-1MB", 1 << 10, true}, {"chronology-2MB", 2 << 10, false}, {"dense-2MB", 2 << 10, true},
		{"chronology-8MB", 8 << 10, false}, {"dense-8MB", 8 << 10, true}} {
		b.Run(tt.name, func(b *testing.B) {
			ctx := context.Background()
			dir := b.TempDir()
			path := filepath.Join(dir, "dense.txt")
			text := denseText(tt.kb<<10, tt.dense)
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				b.Fatal(err)
			}
			warm := filepath.Join(dir, "warm.txt")
			if err := os.WriteFile(warm, []byte(denseText(4<<10, tt.dense)), 0o644); err != nil {
				b.Fatal(err)
			}
			var worst, worstLive float64
			for i := range b.N {
				st, err := sqlite.Open(ctx, filepath.Join(dir, fmt.Sprintf("kb-%d.db", i)))
				if err != nil {
					b.Fatal(err)
				}
				if err := report.LoadBundled(ctx, st); err != nil {
					b.Fatal(err)
				}
				in, err := New(ctx, st)
				if err != nil {
					b.Fatal(err)
				}
				// A first small document builds the tables every reading
				// uses once per process (the gazetteer's index, the
				// lexicons): what is measured is what a document costs.
				if err := in.Files(ctx, []File{{Path: warm}}, false, nil); err != nil {
					b.Fatal(err)
				}
				var ferr error
				peak, live := peakHeap(func() {
					ferr = in.Files(ctx, []File{{Path: path}}, false, nil)
				})
				st.Close()
				if ferr != nil {
					b.Fatal(ferr)
				}
				worst = max(worst, float64(peak)/float64(len(text)))
				worstLive = max(worstLive, float64(live)/float64(len(text)))
			}
			b.SetBytes(int64(len(text)))
			b.ReportMetric(worst, "peak-B/B")
			b.ReportMetric(worstLive, "live-B/B")
		})
	}
}
