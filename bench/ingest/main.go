// Command ingest measures treatyline's ingest throughput: the extraction
// of candidate claims (sentences, dates, amounts, names, relations) from
// the corpus repeated to at least -mb megabytes, on one core; and, on a
// smaller part (-store-mb), the whole ingest with the SQLite store, as
// treatyline ingest FOLDER runs it.
//
// With -dump FILE it measures nothing: it writes, one JSON line per
// document, everything extraction proposes for the documents of -corpus,
// so that two builds can be compared byte for byte (see dump).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"treatyline/data"
	"treatyline/extract"
	"treatyline/ingest"
	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/store/sqlite"
)

func main() {
	corpus := flag.String("corpus", "../shared/corpus", "folder of .txt documents")
	mb := flag.Float64("mb", 50, "megabytes of text to extract from")
	storeMB := flag.Float64("store-mb", 2, "megabytes of text to ingest into a SQLite store")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the extraction run to this file")
	storeProfile := flag.String("store-cpuprofile", "", "write a CPU profile of the ingest with the store to this file")
	memProfile := flag.String("memprofile", "", "write a profile of what the extraction run allocates to this file")
	dumpTo := flag.String("dump", "", "write what extraction proposes for each document of -corpus to this file, and measure nothing")
	flag.Parse()
	runtime.GOMAXPROCS(1)
	var err error
	if *dumpTo != "" {
		err = dump(*corpus, *dumpTo)
	} else {
		err = run(*corpus, *mb, *storeMB, *cpuProfile, *memProfile, *storeProfile)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ingest bench:", err)
		os.Exit(1)
	}
}

func run(dir string, mb, storeMB float64, cpuProfile, memProfile, storeProfile string) error {
	docs, err := readDocs(dir, false)
	if err != nil {
		return err
	}
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		return err
	}
	x := extract.NewExtractor(b.Entities, nil)

	// Extraction alone, every copy of every document in its own call.
	stop, err := startProfile(cpuProfile)
	if err != nil {
		return err
	}
	total, calls, candidates := 0, 0, 0
	start := time.Now()
	for total < int(mb*1e6) {
		for _, d := range docs {
			r := x.Extract(d)
			total += len(d.Text)
			calls++
			candidates += len(r.Candidates)
		}
	}
	el := time.Since(start)
	stop()
	if memProfile != "" {
		// Every allocation since the start counts (alloc_space): what
		// extraction allocates, whatever it keeps.
		f, err := os.Create(memProfile)
		if err != nil {
			return err
		}
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	fmt.Printf("extract: %.1f MB in %d documents, %.2f s: %.2f MB/s on one core (%d candidates)\n",
		float64(total)/1e6, calls, el.Seconds(), float64(total)/1e6/el.Seconds(), candidates)

	// The whole ingest, as treatyline ingest FOLDER runs it: the copies
	// written as files of a folder (each a new source), read, previewed,
	// extracted and stored in a real SQLite file holding the bundled
	// knowledge base, a group of files a commit.
	ctx := context.Background()
	tmp, err := os.MkdirTemp("", "treatyline-ingest-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var files []ingest.File
	total, calls = 0, 0
	for copyN := 0; total < int(storeMB*1e6); copyN++ {
		for _, d := range docs {
			text := d.Text + fmt.Sprintf("\n[copy %d]", copyN)
			path := filepath.Join(tmp, fmt.Sprintf("%s-copy%d.txt", d.ID, copyN))
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				return err
			}
			files = append(files, ingest.File{Path: path})
			total += len(text)
			calls++
		}
	}
	// As treatyline ingest runs: on every core (the files are previewed
	// in parallel).
	runtime.GOMAXPROCS(runtime.NumCPU())
	st, err := sqlite.Open(ctx, filepath.Join(tmp, "bench.db"))
	if err != nil {
		return err
	}
	closed := false
	defer func() {
		if !closed {
			st.Close()
		}
	}()
	if err := report.LoadBundled(ctx, st); err != nil {
		return err
	}
	stop, err = startProfile(storeProfile)
	if err != nil {
		return err
	}
	start = time.Now()
	in, err := ingest.New(ctx, st)
	if err != nil {
		return err
	}
	if err := in.Files(ctx, files, false, nil); err != nil {
		return err
	}
	// The store closed is part of the run: closing copies what the WAL
	// still holds into the database file (its last checkpoint).
	closed = true
	if err := st.Close(); err != nil {
		return err
	}
	el = time.Since(start)
	stop()
	fmt.Printf("ingest with the SQLite store: %.1f MB in %d documents, %.2f s: %.2f MB/s on %d cores\n",
		float64(total)/1e6, calls, el.Seconds(), float64(total)/1e6/el.Seconds(), runtime.GOMAXPROCS(0))
	t := in.Times
	fmt.Printf("  of which: previews %.2f s, reading %.2f s, entities written and learned %.2f s, waiting for the writer %.2f s, long documents %.2f s, commits %.2f s\n",
		t.Preview.Seconds(), t.Read.Seconds(), t.Entities.Seconds(), t.Wait.Seconds(), t.Parts.Seconds(), t.Commit.Seconds())
	return nil
}

// readDocs reads the .txt documents of a folder in name order, each a
// source named by its file: with plain, its text as ingest reads a file
// (extract.PlainText) and its id as title; else the file's bytes as they
// are, as the throughput runs have always read them.
func readDocs(dir string, plain bool) ([]kb.Source, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no documents in %s", dir)
	}
	sort.Strings(files)
	var docs []kb.Source
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		id := strings.TrimSuffix(filepath.Base(f), ".txt")
		src := kb.Source{ID: id, Text: string(raw)}
		if plain {
			t, err := extract.PlainText(raw, f)
			if err != nil {
				return nil, err
			}
			src.Title, src.Text = id, t.Text
		}
		src.Language, src.SHA256 = extract.DetectLanguage(src.Text), kb.HashText(src.Text)
		docs = append(docs, src)
	}
	return docs, nil
}

// startProfile starts a CPU profile written to path ("" for none) and
// gives what stops it.
func startProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
