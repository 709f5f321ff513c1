package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"treatyline/data"
	"treatyline/internal/report"
	"treatyline/kb"
)

// ingestMB is how much text BenchmarkIngestApply ingests, in MB: the
// corpus repeated, each copy a new source (as bench/ingest does); 1 MB
// unless $TREATYLINE_INGEST_MB says otherwise.
func ingestMB(b *testing.B) float64 {
	v := os.Getenv("TREATYLINE_INGEST_MB")
	if v == "" {
		return 1
	}
	mb, err := strconv.ParseFloat(v, 64)
	if err != nil || mb <= 0 {
		b.Fatalf("TREATYLINE_INGEST_MB=%q: want a positive number of MB", v)
	}
	return mb
}

// recorder is a store that keeps every batch applied to it, so that
// ingest's batches can be replayed against another store with the
// extraction done beforehand.
type recorder struct {
	kb.Store
	batches []kb.Batch
}

func (r *recorder) ApplyStream(ctx context.Context, fill func(apply func(kb.Batch) error) error) error {
	return r.Store.ApplyStream(ctx, func(apply func(kb.Batch) error) error {
		return fill(func(b kb.Batch) error {
			r.batches = append(r.batches, b)
			return apply(b)
		})
	})
}

var ingestBatches struct {
	once    sync.Once
	bundle  kb.Batch
	batches []kb.Batch
	bytes   int
	err     error
}

// ingestCorpus runs the real ingest (report.Ingest: extraction, the
// batch, the store's answers, what the extractor learns from each
// document) over the corpus repeated to ingestMB into a scratch store,
// once per process, and gives the bundled knowledge base and the batch of
// each document, and the bytes of text they hold.
func ingestCorpus(b *testing.B) (kb.Batch, []kb.Batch, int) {
	corpus := os.Getenv("TREATYLINE_CORPUS")
	if corpus == "" {
		corpus = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	files, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
	if len(files) == 0 {
		b.Skipf("no corpus in %s (set TREATYLINE_CORPUS)", corpus)
	}
	mb := ingestMB(b)
	ib := &ingestBatches
	ib.once.Do(func() {
		ib.err = func() error {
			sort.Strings(files)
			bundle, err := kb.Load(data.FS, "data")
			if err != nil {
				return err
			}
			ib.bundle = kb.Batch{Sources: bundle.Sources, Entities: bundle.Entities, Claims: bundle.Claims, Provisions: bundle.Provisions}
			ctx := context.Background()
			dir, err := os.MkdirTemp("", "treatyline-ingest-apply-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			st, err := Open(ctx, filepath.Join(dir, "scratch.db"))
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.Apply(ctx, ib.bundle); err != nil {
				return err
			}
			rec := &recorder{Store: st}
			x, err := report.NewExtractor(ctx, rec)
			if err != nil {
				return err
			}
			var texts []string
			for _, f := range files {
				t, err := os.ReadFile(f)
				if err != nil {
					return err
				}
				texts = append(texts, string(t))
			}
			var srcs []kb.Source
			for copyN := 0; ib.bytes < int(mb*1e6); copyN++ {
				for i, t := range texts {
					t += fmt.Sprintf("\n[copy %d]", copyN)
					id := fmt.Sprintf("%s-copy%d", strings.TrimSuffix(filepath.Base(files[i]), ".txt"), copyN)
					s, err := report.NewSource(id, "", "", files[i], t)
					if err != nil {
						return err
					}
					srcs = append(srcs, s)
					ib.bytes += len(t)
				}
			}
			for _, s := range srcs {
				x.Preview(s)
			}
			for _, s := range srcs {
				if _, err := report.Ingest(ctx, rec, x, s, false); err != nil {
					return fmt.Errorf("ingest %s: %w", s.ID, err)
				}
			}
			ib.batches = rec.batches
			return nil
		}()
	})
	if ib.err != nil {
		b.Fatal(ib.err)
	}
	return ib.bundle, ib.batches, ib.bytes
}

// cpuTime gives the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkIngestApply replays what ingest applies for the corpus
// repeated to ingestMB (one Apply, one transaction, a document) into a
// new file holding the bundled knowledge base, timing only the Applys
// and a checkpoint after them: the extraction is done beforehand
// (ingestCorpus). It reports the CPU
// time (user + system, of the whole process, which does nothing else
// meanwhile) per MB of text.
//
// With docs-per-commit=N above 1 the documents go N at a time to
// ApplyEach (a savepoint a document, one commit for the N).
func BenchmarkIngestApply(b *testing.B) {
	for _, n := range []int{1, 4, 16, 64} {
		b.Run(fmt.Sprintf("docs-per-commit=%d", n), func(b *testing.B) { benchIngestApply(b, n) })
	}
}

func benchIngestApply(b *testing.B, perCommit int) {
	bundle, batches, bytes := ingestCorpus(b)
	ctx := context.Background()
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		db := openTemp(b)
		if err := db.Apply(ctx, bundle); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		c0 := cpuTime()
		for i := 0; i < len(batches); i += perCommit {
			group := batches[i:min(i+perCommit, len(batches))]
			if perCommit == 1 {
				if err := db.Apply(ctx, group[0]); err != nil {
					b.Fatal(err)
				}
				continue
			}
			errs, err := db.ApplyEach(ctx, group)
			if err == nil {
				err = errors.Join(errs...)
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		// What the WAL holds is copied into the file by a checkpoint:
		// part of what the writes cost. (Close would do it too, but
		// also free the page cache a page at a time, which a process
		// pays once, not per MB.)
		if _, err := db.db.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - c0
		b.StopTimer()
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	mb := float64(bytes) / 1e6
	b.ReportMetric(cpu.Seconds()/float64(b.N)/mb, "cpu-s/MB")
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/mb, "s/MB")
	b.ReportMetric(float64(len(batches)), "docs")
}

// BenchmarkIngestPages replays ingest's batches as BenchmarkIngestApply
// does, with automatic checkpoints off, and reports the
// pages each document's transaction writes to the WAL (documents given
// to ApplyEach docs-per-commit at a time; one is what Apply writes); with
// -v it logs
// which tables and indexes those pages belong to (read from the WAL's
// frame headers and the dbstat table). It measures what a transaction
// writes, not its time.
func BenchmarkIngestPages(b *testing.B) {
	for _, n := range []int{1, 16} {
		b.Run(fmt.Sprintf("docs-per-commit=%d", n), func(b *testing.B) { benchIngestPages(b, n) })
	}
}

func benchIngestPages(b *testing.B, perCommit int) {
	bundle, batches, bytes := ingestCorpus(b)
	ctx := context.Background()
	for b.Loop() {
		dir := b.TempDir()
		path := filepath.Join(dir, "kb.db")
		// Every connection of the pool without automatic checkpoints, so
		// that the WAL keeps every frame written.
		sqldb, err := sql.Open("sqlite", dsn(path)+"&_pragma=wal_autocheckpoint(0)")
		if err != nil {
			b.Fatal(err)
		}
		db := &DB{db: sqldb, path: path, Now: time.Now}
		if err := db.init(ctx, migrations); err != nil {
			b.Fatal(err)
		}
		if err := db.Apply(ctx, bundle); err != nil {
			b.Fatal(err)
		}
		if _, err := db.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			b.Fatal(err)
		}
		for i := 0; i < len(batches); i += perCommit {
			errs, err := db.ApplyEach(ctx, batches[i:min(i+perCommit, len(batches))])
			if err == nil {
				err = errors.Join(errs...)
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		wal, err := os.ReadFile(path + "-wal")
		if err != nil {
			b.Fatal(err)
		}
		pageSize := int(binary.BigEndian.Uint32(wal[8:12]))
		byPage := map[uint32]int{}
		frames := 0
		for off := 32; off+24+pageSize <= len(wal); off += 24 + pageSize {
			byPage[binary.BigEndian.Uint32(wal[off:off+4])]++
			frames++
		}
		names := map[uint32]string{}
		rows, err := db.db.QueryContext(ctx, `SELECT name, pageno FROM dbstat`)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			var name string
			var page uint32
			if err := rows.Scan(&name, &page); err != nil {
				b.Fatal(err)
			}
			names[page] = name
		}
		rows.Close()
		byName := map[string]int{}
		for p, n := range byPage {
			name, ok := names[p]
			if !ok {
				name = "(free or other)"
			}
			byName[name] += n
		}
		keys := make([]string, 0, len(byName))
		for k := range byName {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return byName[keys[i]] > byName[keys[j]] })
		var sb strings.Builder
		for _, k := range keys {
			fmt.Fprintf(&sb, "\n%8.1f  %s", float64(byName[k])/float64(len(batches)), k)
		}
		b.Logf("WAL pages per document, by table or index (%d documents, %.1f MB):%s", len(batches), float64(bytes)/1e6, sb.String())
		b.ReportMetric(float64(frames)/float64(len(batches)), "pages/doc")
		db.Close()
	}
}
