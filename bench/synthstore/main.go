// Command synthstore writes a store holding a synthetic treaty system
// (engine/synth): its polities, territories, rivers and treaties, the
// treaties' lifecycle claims, and the provisions, all accepted, each citing
// its quote in the fake source, which is stored too. Every treatyline
// command and `treatyline serve` open the file like any other store (the
// first one adds the bundled knowledge base to it, as to any store).
//
//	go run ./bench/synthstore -provisions 1000000 -db /tmp/synth-1m.db
//
// The system is sized as the engine's benchmarks size theirs
// (synth.Sized): ten provisions a treaty, twenty a territory, 30 polities
// at ten thousand provisions and 200 at a million. The file must not
// exist: a store is written once, whole.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"runtime/pprof"
	"time"

	"treatyline/engine/synth"
	"treatyline/internal/progress"
	"treatyline/store/sqlite"
)

// MetaKey is the store's meta key under which synthstore records the
// Config it wrote, as JSON, so that a benchmark can tell what a file holds.
const MetaKey = "synth"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "synthstore:", err)
		}
		os.Exit(2)
	}
}

// run writes the store the arguments ask for and prints what it wrote to
// stdout; progress goes to stderr when it is a terminal.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("synthstore", flag.ContinueOnError)
	fl.SetOutput(stderr)
	n := fl.Int("provisions", 10_000, "number of provisions (polities, territories and treaties scale with it)")
	db := fl.String("db", "", "the SQLite file to write (must not exist)")
	seed := fl.Int64("seed", 1858, "seed of the generator: the same seed and size give the same system")
	batch := fl.Int("batch", synth.DefaultBatch, "records per transaction")
	quiet := fl.Bool("quiet", false, "show no progress, even on a terminal")
	cpuProfile := fl.String("cpuprofile", "", "write a CPU profile of the writing to this file")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *db == "" || fl.NArg() > 0 {
		return errors.New("usage: synthstore -provisions N -db FILE")
	}
	if _, err := os.Stat(*db); !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("-db %s: the file exists; synthstore writes a new store only (remove it first)", *db)
	}
	cfg := synth.Sized(*n, *seed)
	st, err := sqlite.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	m := progress.New(progress.Terminal(stderr, *quiet), "records", 0)
	counts, err := synth.Write(ctx, st, cfg, *batch, func(done, total int) {
		m.SetTotal(int64(total))
		m.Set(int64(done))
	})
	m.Done()
	if err != nil {
		return err
	}
	j, err := json.Marshal(cfg)
	if err != nil {
		return err
	}
	if err := st.SetMeta(ctx, MetaKey, string(j)); err != nil {
		return err
	}
	el := time.Since(start)
	if err := st.Close(); err != nil {
		return err
	}
	size := int64(0)
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(*db + suffix); err == nil {
			size += fi.Size()
		}
	}
	fmt.Fprintf(stdout, "%s: %d polities, %d territories, %d treaties; %d entities, %d claims, %d provisions in %.1f s (%.0f records/s); %.1f MB\n",
		*db, cfg.Polities, cfg.Territories, cfg.Treaties, counts.Entities, counts.Claims, counts.Provisions,
		el.Seconds(), float64(counts.Total())/el.Seconds(), float64(size)/1e6)
	return nil
}
