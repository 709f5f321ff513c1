// Command conflicts measures how the conflicts computation grows with the
// number of documents: for each size it stores that many documents'
// candidate claims (the corpus and the test fixtures read once by the
// extractor, each reading repeated as a document of its own, as a team
// ingesting many accounts of the same treaties would) beside the bundled
// knowledge base in a SQLite store, then times what `treatyline conflicts
// --json` does: read the claims, group and class them, write the JSON.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"treatyline/data"
	"treatyline/extract"
	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/reconcile"
	"treatyline/store/sqlite"
)

func main() {
	corpus := flag.String("corpus", "../shared/corpus", "folder of .txt documents")
	fixtures := flag.String("fixtures", "cmd/treatyline/testdata/fixtures", "a second folder of .txt documents")
	sizes := flag.String("docs", "500,1000,2000,10000", "comma-separated numbers of documents")
	runs := flag.Int("runs", 3, "timed runs per size (the best is reported)")
	flag.Parse()
	if err := run(*corpus, *fixtures, *sizes, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "conflicts bench:", err)
		os.Exit(1)
	}
}

// reading is one document's text and candidate claims.
type reading struct {
	text   string
	claims []kb.Claim
}

func run(corpus, fixtures, sizes string, runs int) error {
	var files []string
	for _, dir := range []string{corpus, fixtures} {
		fs, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		files = append(files, fs...)
	}
	if len(files) == 0 {
		return fmt.Errorf("no documents in %s or %s", corpus, fixtures)
	}
	sort.Strings(files)
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		return err
	}
	x := extract.NewExtractor(b.Entities, b.Claims)
	var readings []reading
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		src := kb.Source{ID: "x", Text: string(raw), SHA256: kb.HashText(string(raw))}
		src.Language = extract.DetectLanguage(src.Text)
		var cs []kb.Claim
		for _, c := range x.Extract(src).Candidates {
			if c.Claim != nil {
				cs = append(cs, *c.Claim)
			}
		}
		readings = append(readings, reading{text: src.Text, claims: cs})
	}
	fmt.Printf("%d distinct documents, repeated; GOMAXPROCS=%d, %s\n\n", len(readings), runtime.GOMAXPROCS(0), runtime.Version())
	fmt.Printf("%8s %9s %8s %10s %10s %10s %10s %12s\n", "docs", "claims", "groups", "read ms", "group ms", "json ms", "total ms", "µs per doc")
	for _, f := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return fmt.Errorf("-docs: %q", f)
		}
		if err := measure(readings, n, runs); err != nil {
			return err
		}
	}
	return nil
}

func measure(readings []reading, n, runs int) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "treatyline-conflicts-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	st, err := sqlite.Open(ctx, filepath.Join(dir, "kb.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	if err := report.LoadBundled(ctx, st); err != nil {
		return err
	}
	var batch kb.Batch
	for i := range n {
		r := readings[i%len(readings)]
		id := fmt.Sprintf("doc-%05d", i)
		text := r.text + "\n(" + id + ")"
		src := kb.Source{ID: id, Text: text, SHA256: kb.HashText(text)}
		batch.Sources = append(batch.Sources, src)
		for _, c := range r.claims {
			c.ID = c.ID + "-" + id
			c.Evidence = append([]kb.Evidence(nil), c.Evidence...)
			for k := range c.Evidence {
				c.Evidence[k].Source, c.Evidence[k].SHA256 = id, src.SHA256
			}
			batch.Claims = append(batch.Claims, c)
		}
		if len(batch.Sources) == 200 || i == n-1 {
			if err := st.Apply(ctx, batch); err != nil {
				return err
			}
			batch = kb.Batch{}
		}
	}
	best := [4]time.Duration{}
	var claims, groups int
	for r := range runs {
		t0 := time.Now()
		cs, err := st.Claims(ctx, kb.ClaimFilter{})
		if err != nil {
			return err
		}
		t1 := time.Now()
		gs := reconcile.Groups(cs)
		t2 := time.Now()
		if err := json.NewEncoder(io.Discard).Encode(gs); err != nil {
			return err
		}
		t3 := time.Now()
		d := [4]time.Duration{t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t3.Sub(t0)}
		if r == 0 || d[3] < best[3] {
			best = d
		}
		claims, groups = len(cs), len(gs)
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.0f", float64(d.Microseconds())/1000) }
	fmt.Printf("%8d %9d %8d %10s %10s %10s %10s %12.0f\n", n, claims, groups, ms(best[0]), ms(best[1]), ms(best[2]), ms(best[3]),
		float64(best[3].Microseconds())/float64(n))
	return nil
}
