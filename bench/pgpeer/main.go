// Command pgpeer measures treatyline's HTTP API beside a peer, PostgreSQL,
// in the same run, on the same synthetic treaty system (engine/synth, the
// sizes of engine/bench_test.go):
//
//   - treatyline: the real server (package server) over a SQLite store
//     holding the system, on a loopback port;
//   - PostgreSQL: a temporary cluster (internal/pgtest) holding every
//     territory's holdings as valid-time rows (territory, daterange,
//     holders, mode, since, basis) taken from the engine's histories, with
//     a GiST index on (territory, during) (btree_gist) and a btree index on
//     (territory, lower(during)), queried over loopback with prepared
//     statements (pgx).
//
// It asks both the same questions, one client each, in alternating
// blocks so that the noise of a shared machine falls on both: one
// territory on a day (a random territory, a random day) many times, and
// every territory on a day (treatyline: list=territories a page of 10,000
// at a time; PostgreSQL: one query). It checks a sample of the answers
// against each other, and reports the latencies, the throughput and the
// treatyline server's heap per provision. With -hold it then keeps the
// PostgreSQL peer running, loaded, for other clients (bench/pgpeer.sh
// runs pgbench against it), until it is sent SIGINT or SIGTERM.
// bench/pgpeer.sh runs it.
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
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"treatyline/engine"
	"treatyline/engine/synth"
	"treatyline/internal/pgtest"
	"treatyline/kb"
	"treatyline/server"
	"treatyline/store/sqlite"
)

// cpuProfile is the file -cpuprofile names.
var cpuProfile string

// holdFile is the file -hold names.
var holdFile string

func main() {
	provisions := flag.Int("provisions", 10_000, "the size of the system: 10000 or 1000000 (the configs of engine/bench_test.go); other sizes scale the 10k config")
	dbPath := flag.String("db", "", "the SQLite store to serve: loaded with the system when the file does not exist, used as it is when it does (it must hold the same system); a temporary file when empty")
	n := flag.Int("n", 20_000, "one-territory questions to ask each side")
	days := flag.Int("days", 10, "days on which to ask for every territory")
	blocks := flag.Int("blocks", 10, "alternating blocks the questions are split into")
	flag.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of treatyline's one-territory questions (client and server: one process) to this file")
	flag.StringVar(&holdFile, "hold", "", "after the measurements, keep the PostgreSQL peer running and write how to reach it to this file (shell variables: PGHOST, PGPORT, PGUSER, PGDATABASE, and PGPID, the postmaster's process id), until SIGINT or SIGTERM")
	flag.Parse()
	if err := run(context.Background(), *provisions, *dbPath, *n, *days, *blocks); err != nil {
		fmt.Fprintln(os.Stderr, "pgpeer:", err)
		os.Exit(1)
	}
}

// config gives the synthetic system of a size: the two of
// engine/bench_test.go, or the 10k one scaled.
func config(provisions int) synth.Config {
	switch provisions {
	case 10_000:
		return synth.Config{Seed: 1858, Polities: 30, Territories: 500, Treaties: 1_000, Provisions: 10_000}
	case 1_000_000:
		return synth.Config{Seed: 1858, Polities: 200, Territories: 50_000, Treaties: 100_000, Provisions: 1_000_000}
	}
	k := max(provisions/10_000, 1)
	return synth.Config{Seed: 1858, Polities: min(30+k, 200), Territories: 500 * k, Treaties: 1_000 * k, Provisions: provisions}
}

func run(ctx context.Context, provisions int, dbPath string, n, days, blocks int) error {
	cfg := config(provisions)
	fmt.Printf("system: %+v\n", cfg)
	t0 := time.Now()
	ents, claims, provs := synth.Generate(cfg)
	fmt.Printf("generated in %.1f s\n", time.Since(t0).Seconds())
	var territories []string
	for _, e := range ents {
		if e.Kind == kb.KindTerritory {
			territories = append(territories, e.ID)
		}
	}

	// The store treatyline serves.
	if dbPath == "" {
		dir, err := os.MkdirTemp("", "treatyline-pgpeer")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		dbPath = filepath.Join(dir, "kb.db")
	}
	_, statErr := os.Stat(dbPath)
	store, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	if os.IsNotExist(statErr) {
		t0 = time.Now()
		if err := load(ctx, store, ents, claims, provs); err != nil {
			return err
		}
		fmt.Printf("SQLite store %s loaded in %.1f s\n", dbPath, time.Since(t0).Seconds())
	} else {
		fmt.Printf("SQLite store %s used as it is\n", dbPath)
	}

	// The peer, loaded with the engine's histories of the same system.
	pg, err := pgtest.Start(ctx)
	if err != nil {
		return fmt.Errorf("start PostgreSQL: %w", err)
	}
	defer pg.Stop()
	dburl, err := pg.CreateDatabase(ctx)
	if err != nil {
		return err
	}
	conn, err := pgx.Connect(ctx, dburl)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	t0 = time.Now()
	rows, err := loadPeer(ctx, conn, engine.New(ents, claims, provs), territories)
	if err != nil {
		return err
	}
	fmt.Printf("PostgreSQL loaded with %d holdings in %.1f s\n", rows, time.Since(t0).Seconds())

	// The generated system is dropped before the server starts, so that
	// the heap measured after it is the server's.
	ents, claims, provs = nil, nil, nil
	base := heap()
	h, err := server.New(store, server.Config{RequestTimeout: 10 * time.Minute})
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
	tl := &treatyline{base: "http://" + ln.Addr().String(), client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2}}}
	t0 = time.Now()
	if _, err := tl.one(territories[0], "1858-05-28"); err != nil {
		return err
	}
	first := time.Since(t0)
	served := heap() - base
	fmt.Printf("treatyline: first answer after start %.1f s; heap after GC %.0f MB, %.0f bytes per provision\n",
		first.Seconds(), float64(served)/1e6, float64(served)/float64(provisions))

	peer, err := newPeer(ctx, conn)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(1858, 1860))
	if err := check(ctx, tl, peer, territories, rng); err != nil {
		return err
	}
	// Both sides warmed before the timing, as a server that has been up a
	// while is: every territory asked once (treatyline computes a
	// territory when it is first asked, and the consensus whole in the
	// background after a start; PostgreSQL reads its pages into its
	// cache).
	t0 = time.Now()
	if _, err := tl.all("1858-05-28"); err != nil {
		return err
	}
	if _, err := peer.all(ctx, time.Date(1858, 5, 28, 0, 0, 0, 0, time.UTC)); err != nil {
		return err
	}
	fmt.Printf("warmed both sides (every territory asked once) in %.1f s\n", time.Since(t0).Seconds())

	// One territory on a day.
	qs := make([]question, n)
	for i := range qs {
		qs[i] = question{territories[rng.IntN(len(territories))], randomDay(rng)}
	}
	var tlOne, pgOne []time.Duration
	for b := range blocks {
		part := qs[b*n/blocks : (b+1)*n/blocks]
		if cpuProfile != "" {
			f, err := os.Create(cpuProfile)
			if err != nil {
				return err
			}
			pprof.StartCPUProfile(f)
		}
		d, err := timeEach(part, func(q question) error { _, err := tl.one(q.territory, q.day.Format(time.DateOnly)); return err })
		if cpuProfile != "" {
			pprof.StopCPUProfile()
			cpuProfile = "" // the first block only
		}
		if err != nil {
			return err
		}
		tlOne = append(tlOne, d...)
		if d, err = timeEach(part, func(q question) error { _, err := peer.one(ctx, q.territory, q.day); return err }); err != nil {
			return err
		}
		pgOne = append(pgOne, d...)
	}
	// Every territory on a day.
	var tlAll, pgAll []time.Duration
	for range days {
		d := randomDay(rng)
		x, err := timeEach([]question{{day: d}}, func(q question) error { _, err := tl.all(q.day.Format(time.DateOnly)); return err })
		if err != nil {
			return err
		}
		tlAll = append(tlAll, x...)
		if x, err = timeEach([]question{{day: d}}, func(q question) error { _, err := peer.all(ctx, q.day); return err }); err != nil {
			return err
		}
		pgAll = append(pgAll, x...)
	}
	fmt.Println()
	fmt.Println("| provisions | question | side | p50 | mean | per second | PostgreSQL mean ÷ treatyline mean |")
	fmt.Println("|---|---|---|---|---|---|---|")
	row := func(q, side string, d []time.Duration, ratio string) {
		fmt.Printf("| %d | %s | %s | %s | %s | %.0f | %s |\n", provisions, q, side, short(percentile(d, 50)), short(mean(d)), 1/mean(d).Seconds(), ratio)
	}
	row("one territory on a day", "treatyline HTTP", tlOne, fmt.Sprintf("%.1f×", float64(mean(pgOne))/float64(mean(tlOne))))
	row("one territory on a day", "PostgreSQL", pgOne, "")
	row(fmt.Sprintf("every territory (%d) on a day", len(territories)), "treatyline HTTP", tlAll, fmt.Sprintf("%.1f×", float64(mean(pgAll))/float64(mean(tlAll))))
	row(fmt.Sprintf("every territory (%d) on a day", len(territories)), "PostgreSQL", pgAll, "")
	if holdFile != "" {
		hs.Close()
		return hold(ctx, pg, dburl)
	}
	return nil
}

// hold writes how to reach the peer to holdFile, as shell variables, and
// waits for SIGINT or SIGTERM; the caller then stops the peer.
func hold(ctx context.Context, pg *pgtest.Server, dburl string) error {
	u, err := url.Parse(dburl)
	if err != nil {
		return err
	}
	pid, err := pg.PID()
	if err != nil {
		return err
	}
	env := fmt.Sprintf("PGHOST=%s\nPGPORT=%d\nPGUSER=%s\nPGDATABASE=%s\nPGPID=%d\n",
		u.Hostname(), pg.Port(), u.User.Username(), strings.TrimPrefix(u.Path, "/"), pid)
	if err := os.WriteFile(holdFile, []byte(env), 0o644); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Printf("PostgreSQL held on port %d (%s) until SIGINT or SIGTERM\n", pg.Port(), holdFile)
	<-ctx.Done()
	return os.Remove(holdFile)
}

// load writes the synthetic system into a store: the source, the
// entities, then the claims and the provisions in batches, each batch a
// transaction.
func load(ctx context.Context, st *sqlite.DB, ents []kb.Entity, claims []kb.Claim, provs []kb.Provision) error {
	if err := st.Apply(ctx, kb.Batch{Sources: []kb.Source{synth.Source()}, Entities: ents}); err != nil {
		return fmt.Errorf("load entities: %w", err)
	}
	const size = 50_000
	for i := 0; i < len(claims); i += size {
		if err := st.Apply(ctx, kb.Batch{Claims: claims[i:min(i+size, len(claims))]}); err != nil {
			return fmt.Errorf("load claims %d–: %w", i, err)
		}
	}
	for i := 0; i < len(provs); i += size {
		if err := st.Apply(ctx, kb.Batch{Provisions: provs[i:min(i+size, len(provs))]}); err != nil {
			return fmt.Errorf("load provisions %d–: %w", i, err)
		}
	}
	return nil
}

// loadPeer writes every territory's history, as the engine gives it in
// the consensus view, as valid-time rows: one per holding, over the days
// from its start (the last day of an uncertain window) to the next
// holding's.
func loadPeer(ctx context.Context, conn *pgx.Conn, eng *engine.Engine, territories []string) (int64, error) {
	for _, s := range []string{
		`CREATE EXTENSION btree_gist`,
		`CREATE TABLE holding (territory text NOT NULL, label text NOT NULL, lo date NOT NULL, hi date,
			during daterange GENERATED ALWAYS AS (daterange(lo, hi)) STORED,
			holders text[] NOT NULL, mode text NOT NULL, since text NOT NULL, basis jsonb NOT NULL)`,
	} {
		if _, err := conn.Exec(ctx, s); err != nil {
			return 0, fmt.Errorf("%s: %w", s, err)
		}
	}
	var rows [][]any
	for _, id := range territories {
		hist, err := eng.TerritoryHistory(id, engine.Perspective{})
		if err != nil {
			return 0, err
		}
		var starts []time.Time
		for _, st := range hist {
			day := st.SinceDay
			if st.Window != nil {
				day = st.Window.Latest
			}
			t, err := time.Parse(time.DateOnly, day)
			if err != nil {
				return 0, fmt.Errorf("%s: since_day %q: %w", id, day, err)
			}
			// A repeat (the same holders, more basis) may give an
			// earlier start than the change before it: the holding
			// goes on, so the days run on.
			if len(starts) > 0 && t.Before(starts[len(starts)-1]) {
				t = starts[len(starts)-1]
			}
			starts = append(starts, t)
		}
		for i, st := range hist {
			var hi any
			if i+1 < len(hist) {
				if !starts[i+1].After(starts[i]) {
					continue // no day of its own
				}
				hi = starts[i+1]
			}
			basis, err := json.Marshal(st.Basis)
			if err != nil {
				return 0, err
			}
			rows = append(rows, []any{id, st.Label, starts[i], hi, st.Holders, st.Mode, st.Since, string(basis)})
		}
	}
	n, err := conn.CopyFrom(ctx, pgx.Identifier{"holding"}, []string{"territory", "label", "lo", "hi", "holders", "mode", "since", "basis"}, pgx.CopyFromRows(rows))
	if err != nil {
		return 0, fmt.Errorf("copy: %w", err)
	}
	for _, s := range []string{
		`CREATE INDEX holding_gist ON holding USING gist (territory, during)`,
		`CREATE INDEX holding_btree ON holding (territory, lo)`,
		`ANALYZE holding`,
	} {
		if _, err := conn.Exec(ctx, s); err != nil {
			return 0, fmt.Errorf("%s: %w", s, err)
		}
	}
	return n, nil
}

// holding is one territory's holder on a day, as either side answers.
type holding struct {
	Territory string   `json:"id"`
	Holders   []string `json:"holders"`
	Mode      string   `json:"mode"`
}

// peer asks PostgreSQL, with prepared statements.
type peer struct{ conn *pgx.Conn }

func newPeer(ctx context.Context, conn *pgx.Conn) (*peer, error) {
	for name, sql := range map[string]string{
		"one": `SELECT territory, holders, mode, since, label, basis FROM holding WHERE territory = $1 AND during @> $2::date`,
		"all": `SELECT territory, holders, mode, since, label, basis FROM holding WHERE during @> $1::date`,
	} {
		if _, err := conn.Prepare(ctx, name, sql); err != nil {
			return nil, fmt.Errorf("prepare %s: %w", name, err)
		}
	}
	return &peer{conn}, nil
}

// scan reads every row of an answer, as a client would.
func scan(rows pgx.Rows) ([]holding, error) {
	var out []holding
	for rows.Next() {
		var h holding
		var since, label string
		var basis []byte
		if err := rows.Scan(&h.Territory, &h.Holders, &h.Mode, &since, &label, &basis); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

func (p *peer) one(ctx context.Context, territory string, day time.Time) ([]holding, error) {
	rows, err := p.conn.Query(ctx, "one", territory, day)
	if err != nil {
		return nil, err
	}
	return scan(rows)
}

func (p *peer) all(ctx context.Context, day time.Time) ([]holding, error) {
	rows, err := p.conn.Query(ctx, "all", day)
	if err != nil {
		return nil, err
	}
	return scan(rows)
}

// treatyline asks the HTTP API.
type treatyline struct {
	base   string
	client *http.Client
}

// get reads an answer whole; with decode, into v.
func (t *treatyline) get(path string, v any) (http.Header, error) {
	resp, err := t.client.Get(t.base + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s: %.300s", path, resp.Status, body)
	}
	if v != nil {
		return resp.Header, json.Unmarshal(body, v)
	}
	return resp.Header, nil
}

// one asks one territory on a day; the body is read, not decoded, as
// PostgreSQL's rows are read without their basis decoded.
func (t *treatyline) one(territory, day string) ([]byte, error) {
	_, err := t.get("/api/v1/asof?"+url.Values{"date": {day}, "territory": {territory}}.Encode(), nil)
	return nil, err
}

type answer struct {
	Territories []holding `json:"territories"`
}

func (t *treatyline) oneDecoded(territory, day string) (holding, error) {
	var a answer
	_, err := t.get("/api/v1/asof?"+url.Values{"date": {day}, "territory": {territory}}.Encode(), &a)
	if err == nil && len(a.Territories) != 1 {
		err = fmt.Errorf("%s on %s: %d territories", territory, day, len(a.Territories))
	}
	if err != nil {
		return holding{}, err
	}
	return a.Territories[0], nil
}

// all asks every territory on a day, a page of 10,000 at a time.
func (t *treatyline) all(day string) (int, error) {
	next := "/api/v1/asof?" + url.Values{"date": {day}, "list": {"territories"}, "limit": {"10000"}}.Encode()
	n := 0
	for next != "" {
		h, err := t.get(next, nil)
		if err != nil {
			return n, err
		}
		n++
		next = ""
		if l := h.Get("Link"); l != "" {
			next = strings.TrimPrefix(strings.Split(l, ">")[0], "<")
		}
	}
	return n, nil
}

// check compares the two sides' answers on a sample: the same holders
// (a territory the peer has no row for is unknown to treatyline), and the
// same mode except where treatyline says the holder is uncertain (inside
// an event's window the peer gives the holder before it).
func check(ctx context.Context, tl *treatyline, p *peer, territories []string, rng *rand.Rand) error {
	const sample = 300
	bad := 0
	for range sample {
		id, day := territories[rng.IntN(len(territories))], randomDay(rng)
		got, err := tl.oneDecoded(id, day.Format(time.DateOnly))
		if err != nil {
			return err
		}
		rows, err := p.one(ctx, id, day)
		if err != nil {
			return err
		}
		want := holding{Territory: id, Holders: []string{}, Mode: "unknown"}
		if len(rows) > 1 {
			return fmt.Errorf("%s on %s: %d rows in PostgreSQL", id, day.Format(time.DateOnly), len(rows))
		}
		if len(rows) == 1 {
			want = rows[0]
		}
		if !slices.Equal(got.Holders, want.Holders) || got.Mode != want.Mode && got.Mode != "uncertain" {
			if bad++; bad <= 5 {
				fmt.Printf("differ: %s on %s: treatyline %s %v, PostgreSQL %s %v\n", id, day.Format(time.DateOnly), got.Mode, got.Holders, want.Mode, want.Holders)
			}
		}
	}
	fmt.Printf("checked %d answers against each other: %d differ\n", sample, bad)
	if bad > 0 {
		return fmt.Errorf("%d of %d answers differ", bad, sample)
	}
	return nil
}

type question struct {
	territory string
	day       time.Time
}

// randomDay draws a day in 1600–2000, the span of the synthetic treaties.
func randomDay(rng *rand.Rand) time.Time {
	start := time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC)
	return start.AddDate(0, 0, rng.IntN(401*365))
}

// timeEach asks each question in turn and gives each one's time.
func timeEach(qs []question, ask func(question) error) ([]time.Duration, error) {
	out := make([]time.Duration, 0, len(qs))
	for _, q := range qs {
		t0 := time.Now()
		if err := ask(q); err != nil {
			return nil, err
		}
		out = append(out, time.Since(t0))
	}
	return out, nil
}

// heap gives the heap in use after a collection.
func heap() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

func percentile(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)*p/100, len(s)-1)]
}

func mean(d []time.Duration) time.Duration {
	var sum time.Duration
	for _, x := range d {
		sum += x
	}
	return sum / time.Duration(len(d))
}

// short writes a duration in µs below a millisecond, in ms above.
func short(d time.Duration) string {
	if d < time.Millisecond {
		return strconv.FormatFloat(float64(d)/1e3, 'f', 0, 64) + " µs"
	}
	return strconv.FormatFloat(float64(d)/1e6, 'f', 1, 64) + " ms"
}
