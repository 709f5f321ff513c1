// Command scale measures treatyline's server over a large store, such as
// one bench/synthstore writes: the time from opening the store to the
// first answer, what a review decision costs until the next answer shows
// it, and the HTTP throughput of a few concurrent clients on one core and
// on two. The server is the real one (package server over the SQLite
// file), on a loopback port in this process; clients are in this process
// too, so the core counts bound both. bench/scale.sh runs it.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/server"
	"treatyline/store/sqlite"
)

func main() {
	db := flag.String("db", "", "the store to serve (a SQLite file, e.g. from go run ./bench/synthstore)")
	territory := flag.String("territory", "territory/synth-0", "the territory of the first question")
	treaty := flag.String("treaty", "treaty/synth-1", "a treaty whose provisions the decisions reject and accept again")
	decisions := flag.Int("decisions", 20, "review decisions to time")
	others := flag.Int("others", 0, "decisions by another handle on the store file (as treatyline review in another process) to time until the next answer shows them, followed by one document ingested by it (as treatyline ingest)")
	clients := flag.Int("c", 4, "concurrent clients for the throughput")
	dur := flag.Duration("t", 10*time.Second, "how long each throughput run lasts")
	procsList := flag.String("procs", "1,2", "GOMAXPROCS of each throughput run, comma-separated (bench/scale.sh runs each alone under taskset instead)")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the throughput runs to this file")
	flag.StringVar(&snapshot, "snapshot", "", `the server's snapshot file (default: the store's name + ".snapshot", as serve; "none" for none)`)
	flag.Parse()
	if *db == "" {
		fmt.Fprintln(os.Stderr, "scale: -db FILE is required (go run ./bench/synthstore -provisions N -db FILE writes one)")
		os.Exit(2)
	}
	switch snapshot {
	case "none":
		snapshot = ""
	case "":
		snapshot = *db + ".snapshot"
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "scale:", err)
			os.Exit(1)
		}
		profile = f
	}
	for _, p := range strings.Split(*procsList, ",") {
		var n int
		if _, err := fmt.Sscan(strings.TrimSpace(p), &n); err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "scale: -procs: %q is not a core count\n", p)
			os.Exit(2)
		}
		procs = append(procs, n)
	}
	if err := run(*db, *territory, *treaty, *decisions, *others, *clients, *dur); err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

const token = "bench-token"

// profile, when set, receives a CPU profile of the throughput runs.
var profile *os.File

// linkNext reads the address of the next page from a Link header.
var linkNext = regexp.MustCompile(`<([^>]*)>;\s*rel="next"`)

// snapshot is the server's snapshot file ("" for none).
var snapshot string

// procs are the GOMAXPROCS of the throughput runs.
var procs []int

func run(db, territory, treaty string, decisions, others, clients int, dur time.Duration) error {
	ctx := context.Background()
	start := time.Now()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	srv, err := server.New(st, server.Config{Token: token, RequestTimeout: 5 * time.Minute, Snapshot: snapshot, Build: "bench/scale"})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv}
	go hs.Serve(ln)
	defer hs.Close()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

	asof := func(id, date string) (string, error) {
		return get(client, base+"/api/v1/asof?"+url.Values{"date": {date}, "territory": {id}}.Encode())
	}
	if _, err := asof(territory, "1858-05-28"); err != nil {
		return err
	}
	first := time.Since(start)
	fmt.Printf("store: %s\n", db)
	fmt.Printf("first answer after opening the store: %.2f s (one territory on a day; snapshot file %q)\n", first.Seconds(), snapshot)

	if err := decide(ctx, st, client, base, treaty, decisions, asof); err != nil {
		return err
	}
	if err := byOthers(ctx, db, client, base, treaty, others, asof); err != nil {
		return err
	}

	// Before the throughput, the server warmed as one that has been up a
	// while is: every territory, treaty and right asked for once (which is
	// what its background warm computes, so that it does not compete with
	// the timed runs).
	t0 := time.Now()
	for _, list := range []string{"territories", "treaties", "rights"} {
		next := base + "/api/v1/asof?" + url.Values{"date": {"1858-05-28"}, "list": {list}, "limit": {"10000"}}.Encode()
		for next != "" {
			resp, err := client.Get(next)
			if err != nil {
				return err
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("GET %s: %s", next, resp.Status)
			}
			next = ""
			if m := linkNext.FindStringSubmatch(resp.Header.Get("Link")); m != nil {
				next = base + m[1]
			}
		}
	}
	fmt.Printf("warmed (every territory, treaty and right asked once) in %.1f s\n", time.Since(t0).Seconds())

	// Throughput: the territories to ask for.
	ents, err := st.Entities(ctx, kb.KindTerritory)
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(ents))
	for _, e := range ents {
		ids = append(ids, e.ID)
	}
	if profile != nil {
		if err := pprof.StartCPUProfile(profile); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var rates []float64
	for _, n := range procs {
		old := runtime.GOMAXPROCS(n)
		r, err := throughput(client, base, ids, clients, dur)
		runtime.GOMAXPROCS(old)
		if err != nil {
			return err
		}
		rates = append(rates, r)
		fmt.Printf("throughput, %d clients, GOMAXPROCS=%d, CPUs allowed %d: %.0f requests/s\n", clients, n, allowedCPUs(), r)
	}
	if len(rates) == 2 {
		fmt.Printf("from %d to %d cores: %.2f×\n", procs[0], procs[1], rates[1]/rates[0])
	}
	if err := srv.SaveSnapshot(ctx); err != nil {
		return err
	}
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	fmt.Printf("heap in use after a collection: %.0f MB; nproc %d; load average %s\n", float64(m.HeapInuse)/1e6, runtime.NumCPU(), loadavg())
	return nil
}

// decide rejects and accepts again provisions of a treaty, each followed
// by the answer about the territory it moves, and prints how long a
// decision takes until the next answer shows it.
func decide(ctx context.Context, st kb.Store, client *http.Client, base, treaty string, decisions int, asof func(id, date string) (string, error)) error {
	if decisions == 0 {
		return nil
	}
	provs, err := movers(ctx, st, treaty)
	if err != nil {
		return err
	}
	// The first decision may find the server still preparing for updates
	// in the background: let that finish, as it does after a start.
	time.Sleep(3 * time.Second)
	var lat []time.Duration
	for i := 0; i < decisions; i++ {
		p := provs[i%len(provs)]
		action := "reject"
		if i/len(provs)%2 == 1 {
			action = "accept"
		}
		t0 := time.Now()
		if err := post(client, base+"/api/v1/candidates/"+p.ID+"/"+action, `{"by": "bench"}`); err != nil {
			return err
		}
		body, err := asof(p.Objects[0], "1950-01-01")
		if err != nil {
			return err
		}
		lat = append(lat, time.Since(t0))
		if cites := strings.Contains(body, `"`+p.ID+`"`); cites == (action == "reject") && action == "reject" {
			return fmt.Errorf("%s %s: the next answer still cites it", action, p.ID)
		}
	}
	slices.Sort(lat)
	fmt.Printf("a decision until the next answer shows it (%d decisions): p50 %.1f ms, max %.1f ms\n",
		len(lat), ms(lat[len(lat)/2]), ms(lat[len(lat)-1]))

	return nil
}

// byOthers times writes the server does not make: decisions, then one
// document ingested, each by another handle on the store file (a
// connection pool of its own, as a treatyline review or ingest in another
// process opens it), from the write's return until the next answer
// shows it (for a decision) or comes (for the document).
func byOthers(ctx context.Context, db string, client *http.Client, base, treaty string, n int, asof func(id, date string) (string, error)) error {
	if n == 0 {
		return nil
	}
	other, err := sqlite.Open(ctx, db)
	if err != nil {
		return err
	}
	defer other.Close()
	provs, err := movers(ctx, other, treaty)
	if err != nil {
		return err
	}
	var lat []time.Duration
	for i := 0; i < n; i++ {
		p := provs[i%len(provs)]
		status := kb.Rejected
		if i/len(provs)%2 == 1 {
			status = kb.Accepted
		}
		if _, err := other.Decide(ctx, kb.Decision{ID: p.ID, Status: status, By: "bench-other"}); err != nil {
			return err
		}
		t0 := time.Now()
		body, err := asof(p.Objects[0], "1950-01-01")
		if err != nil {
			return err
		}
		lat = append(lat, time.Since(t0))
		if status == kb.Rejected && strings.Contains(body, `"`+p.ID+`"`) {
			return fmt.Errorf("%s rejected by another process: the next answer still cites it", p.ID)
		}
	}
	slices.Sort(lat)
	fmt.Printf("a decision by another process until the next answer shows it (%d decisions): p50 %.1f ms, max %.1f ms\n",
		len(lat), ms(lat[len(lat)/2]), ms(lat[len(lat)-1]))

	x, err := report.NewExtractor(ctx, other)
	if err != nil {
		return err
	}
	src, err := report.NewSource(fmt.Sprintf("bench-other-%d", time.Now().UnixNano()), "A treaty", "en", "bench/scale",
		"The Treaty of Westhaven was signed at Port Aldous on 3 March 1901 by Polity 4 and Polity 7. "+
			"Polity 4 ceded Territory 3 and the island of Marrow Key to Polity 7.")
	if err != nil {
		return err
	}
	r, err := report.Ingest(ctx, other, x, src, false)
	if err != nil {
		return err
	}
	t0 := time.Now()
	if _, err := asof(provs[0].Objects[0], "1950-01-01"); err != nil {
		return err
	}
	c := r.Count()
	fmt.Printf("a document ingested by another process (%d candidates, %d new entities) until the next answer: %.1f ms\n",
		c.Candidates, c.NewEntities, ms(time.Since(t0)))
	return nil
}

// movers gives the provisions of a treaty that move a territory.
func movers(ctx context.Context, st kb.Store, treaty string) ([]kb.Provision, error) {
	provs, err := st.Provisions(ctx, treaty)
	if err != nil {
		return nil, err
	}
	provs = slices.DeleteFunc(provs, func(p kb.Provision) bool {
		return len(p.Objects) == 0 || !strings.HasPrefix(p.Objects[0], "territory/") || !kb.ProvisionTypes[p.Type].Moves
	})
	if len(provs) == 0 {
		return nil, fmt.Errorf("treaty %s has no provision that moves a territory", treaty)
	}
	return provs, nil
}

// throughput asks for random territories on random days from clients
// for dur and gives the answers per second.
func throughput(client *http.Client, base string, ids []string, clients int, dur time.Duration) (float64, error) {
	var n atomic.Int64
	var failed atomic.Value
	stop := time.Now().Add(dur)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(c), 9))
			for time.Now().Before(stop) {
				y := 1600 + rng.IntN(350)
				q := url.Values{"date": {fmt.Sprintf("%d-%02d-%02d", y, 1+rng.IntN(12), 1+rng.IntN(28))}, "territory": {ids[rng.IntN(len(ids))]}}
				if _, err := get(client, base+"/api/v1/asof?"+q.Encode()); err != nil {
					failed.Store(err)
					return
				}
				n.Add(1)
			}
		})
	}
	wg.Wait()
	if err, ok := failed.Load().(error); ok {
		return 0, err
	}
	return float64(n.Load()) / dur.Seconds(), nil
}

func get(client *http.Client, u string) (string, error) {
	resp, err := client.Get(u)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: %d %s", u, resp.StatusCode, b)
	}
	if !json.Valid(b) {
		return "", fmt.Errorf("GET %s: not JSON", u)
	}
	return string(b), nil
}

func post(client *http.Client, u, body string) error {
	req, err := http.NewRequest("POST", u, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("POST %s: %d %s", u, resp.StatusCode, b)
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// allowedCPUs counts the CPUs this process may run on (taskset).
func allowedCPUs() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return runtime.NumCPU()
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "Cpus_allowed_list:"); ok {
			n := 0
			for _, part := range strings.Split(strings.TrimSpace(v), ",") {
				lo, hi, found := strings.Cut(part, "-")
				var a, z int
				fmt.Sscan(lo, &a)
				z = a
				if found {
					fmt.Sscan(hi, &z)
				}
				n += z - a + 1
			}
			return n
		}
	}
	return runtime.NumCPU()
}
