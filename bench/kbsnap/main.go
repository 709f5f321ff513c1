//go:build unix

// Command kbsnap measures what a process start pays to read a knowledge
// base snapshot (package kb/kbsnap) of a synthetic treaty system, in a
// fresh process, as a server's start would: the go test benchmarks run
// in a warm heap, which hides the cost of taking memory from the system.
//
//	go run ./bench/kbsnap -write -file /tmp/kb.snap   # generate, encode, write
//	go run ./bench/kbsnap -file /tmp/kb.snap          # read it (run again to repeat)
//	go run ./bench/kbsnap -floor                      # the floor: allocate and touch what the records take
//
// Each prints its wall time and the process's CPU time (user and system,
// the collector's included). -floor allocates arrays of kb.Provision,
// kb.Evidence, kb.Claim and kb.Entity of the sizes a read makes and
// writes one field of each element: no decoding, so what a read costs
// above it is the decoder's.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"syscall"
	"time"

	"treatyline/engine/synth"
	"treatyline/kb"
	"treatyline/kb/kbsnap"
)

func main() {
	write := flag.Bool("write", false, "generate the synthetic system and write its snapshot")
	floor := flag.Bool("floor", false, "allocate and touch what a read's records take, without reading")
	file := flag.String("file", "kb.snap", "the snapshot file")
	n := flag.Int("provisions", 1_000_000, "provisions of the synthetic system (with -write and -floor)")
	flag.Parse()
	// The sizes of engine/synth's benchmark at a million provisions,
	// scaled.
	cfg := synth.Config{Seed: 1858, Polities: 200, Territories: *n / 20, Treaties: *n / 10, Provisions: *n}
	start, cpu0 := time.Now(), cpuTime()
	switch {
	case *write:
		ents, claims, provs := synth.Generate(cfg)
		// What a store fills in on reading, and synth does not.
		at := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
		for i := range provs {
			provs[i].Version, provs[i].StoredAt, provs[i].RecordedBy = 1, at.Add(time.Duration(i/100)*time.Second), "ingest"
		}
		for i := range claims {
			claims[i].Version, claims[i].StoredAt, claims[i].RecordedAt = 1, at, at
		}
		if err := kbsnap.WriteFile(*file, &kbsnap.Snapshot{Key: "bench", Entities: ents, Claims: claims, Provisions: provs}); err != nil {
			fail(err)
		}
		fi, err := os.Stat(*file)
		if err != nil {
			fail(err)
		}
		fmt.Printf("generated and wrote %s: %d bytes, %.1f bytes a provision\n", *file, fi.Size(), float64(fi.Size())/float64(*n))
	case *floor:
		provs := make([]kb.Provision, *n)
		ev := make([]kb.Evidence, *n)
		claims := make([]kb.Claim, *n/8)
		ents := make([]kb.Entity, *n*3/20)
		for i := range provs {
			provs[i].ID, ev[i].Source = "x", "y"
		}
		for i := range claims {
			claims[i].ID = "x"
		}
		for i := range ents {
			ents[i].ID = "x"
		}
		runtime.KeepAlive(provs)
		runtime.KeepAlive(ev)
		fmt.Printf("allocated and touched %d provisions, %d pieces of evidence, %d claims, %d entities\n", len(provs), len(ev), len(claims), len(ents))
	default:
		s, err := kbsnap.ReadFile(*file, "bench")
		if err != nil {
			fail(err)
		}
		fmt.Printf("read %s: %d entities, %d claims, %d provisions\n", *file, len(s.Entities), len(s.Claims), len(s.Provisions))
	}
	fmt.Printf("wall %.3f s, cpu %.3f s\n", time.Since(start).Seconds(), (cpuTime() - cpu0).Seconds())
}

// cpuTime gives the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "kbsnap:", err)
	os.Exit(1)
}
