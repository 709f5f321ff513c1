// Command serve measures the HTTP API under load: it starts the real
// server (package server over a fresh SQLite store loaded with the bundled
// knowledge base) on a free loopback port, sends a fixed number of
// GET /api/v1/asof requests from a few concurrent clients over varied
// dates and perspectives, and prints the throughput and the latency
// percentiles. It stops early, and says so, when the time limit is
// reached. bench/serve.sh runs it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"treatyline/internal/report"
	"treatyline/server"
	"treatyline/store/sqlite"
)

func main() {
	n := flag.Int("n", 20000, "requests to send")
	clients := flag.Int("c", 4, "concurrent clients")
	limit := flag.Duration("limit", 60*time.Second, "stop after this long, whatever was sent")
	flag.Parse()
	if err := run(*n, *clients, *limit); err != nil {
		fmt.Fprintln(os.Stderr, "serve bench:", err)
		os.Exit(1)
	}
}

// queries are the questions asked in turn: dates written as users write
// them, across two centuries, from every perspective.
func queries() []string {
	dates := []string{"1689-09-07", "1727", "1800-01-01", "1858-05-28", "1 januari 1859", "咸豐九年", "1860-11-14",
		"1861-01-01", "1871-07-04", "1879-10-02", "2 October [O.S. 20 September] 1879", "1881-02-24", "1882-01-01", "1900"}
	persps := []string{"", "consensus", "qing", "russia"}
	var out []string
	for i, d := range dates {
		for j, p := range persps {
			q := url.Values{"date": {d}}
			if p != "" {
				q.Set("perspective", p)
			}
			if (i+j)%5 == 0 {
				q.Set("territory", "territory/ussuri-sea")
			} else {
				q.Set("all", "1") // the whole state, as the map asks for it
			}
			if (i+j)%7 == 0 {
				q.Set("sources", "002_83b40dc56342f948,003_835acd5ed4ef2496")
			}
			out = append(out, "/api/v1/asof?"+q.Encode())
		}
	}
	return out
}

func run(n, clients int, limit time.Duration) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "treatyline-serve-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, err := sqlite.Open(ctx, filepath.Join(dir, "kb.db"))
	if err != nil {
		return err
	}
	defer db.Close()
	if err := report.LoadBundled(ctx, db); err != nil {
		return err
	}
	h, err := server.New(db, server.Config{})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	defer hs.Close()
	base := "http://" + ln.Addr().String()

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 30 * time.Second}
	get := func(path string) error {
		resp, err := client.Get(base + path)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %s", path, resp.Status)
		}
		return nil
	}
	qs := queries()
	// Warm up: every question once, so that every perspective is compiled
	// before the clock starts (the first answer of a perspective compiles
	// it).
	for _, q := range qs {
		if err := get(q); err != nil {
			return err
		}
	}

	var next atomic.Int64
	lat := make([][]time.Duration, clients)
	errs := make(chan error, clients)
	deadline := time.Now().Add(limit)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(n) || time.Now().After(deadline) {
					return
				}
				t0 := time.Now()
				if err := get(qs[int(i)%len(qs)]); err != nil {
					errs <- err
					return
				}
				lat[c] = append(lat[c], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	all := slices.Concat(lat...)
	slices.Sort(all)
	pct := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
	fmt.Printf("GET /api/v1/asof, %d distinct questions, %d clients, loopback, server and clients in one process\n", len(qs), clients)
	fmt.Printf("requests  %d in %.2f s%s\n", len(all), elapsed.Seconds(), map[bool]string{true: " (stopped at the time limit)", false: ""}[len(all) < n])
	fmt.Printf("throughput  %.0f requests/s\n", float64(len(all))/elapsed.Seconds())
	fmt.Printf("latency  p50 %s  p99 %s  max %s\n", pct(0.50).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), all[len(all)-1].Round(time.Microsecond))
	fmt.Printf("nproc %d, GOMAXPROCS %d, %s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	return nil
}
