package main

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	"treatyline/data"
	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/store/sqlite"
)

// BenchmarkLoadBundle measures loading the bundled knowledge base (parse
// and validate the YAML, then write it) into a fresh SQLite file.
func BenchmarkLoadBundle(b *testing.B) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "kb.db"))
		if err != nil {
			b.Fatal(err)
		}
		if err := report.LoadBundled(ctx, db); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}

// BenchmarkParseBundle measures reading and validating the YAML alone.
func BenchmarkParseBundle(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := kb.Load(data.FS, "data"); err != nil {
			b.Fatal(err)
		}
	}
}

// benchCommand runs a command against a loaded store, its output dropped.
func benchCommand(b *testing.B, args ...string) {
	db := filepath.Join(b.TempDir(), "kb.db")
	m := NewMain()
	m.Stdout, m.Stderr = io.Discard, io.Discard
	if code := m.Run(context.Background(), []string{"sources", "list", "--db", db}); code != 0 {
		b.Fatal("loading the store failed")
	}
	args = append(args, "--db", db, "--json")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if code := m.Run(context.Background(), args); code != 0 {
			b.Fatalf("%v: exit %d", args, code)
		}
	}
}

// BenchmarkShow is the latency of `show` on a loaded store, opening the
// store each time as the command does.
func BenchmarkShow(b *testing.B) { benchCommand(b, "show", "treaty/aigun-1858") }

// BenchmarkSearch is the latency of `search`, opening the store each time.
func BenchmarkSearch(b *testing.B) { benchCommand(b, "search", "Muravjov") }

// BenchmarkIndexSearch is one search in an index already built.
func BenchmarkIndexSearch(b *testing.B) {
	bl, err := kb.Load(data.FS, "data")
	if err != nil {
		b.Fatal(err)
	}
	ix := kb.NewIndex(bl.Entities)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.Search("Muravjov", 10)
	}
}
