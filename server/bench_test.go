package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"treatyline/engine/synth"
	"treatyline/store/sqlite"
)

// benchServer is a server over a store holding a synthetic system of ten
// thousand provisions (engine/synth), written once per run.
func benchServer(b *testing.B) *Server {
	b.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "synth.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := synth.Write(ctx, st, synth.Sized(10_000, 1858), 10_000, nil); err != nil {
		b.Fatal(err)
	}
	s, err := New(st, Config{})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkAsOfTerritory answers one territory on a day; BenchmarkAsOfList
// every territory (500) on a day — the server's work alone, without a
// network between it and the client.
func BenchmarkAsOfTerritory(b *testing.B) {
	benchmarkAsOf(b, "/api/v1/asof?date=1858-05-28&territory=territory/synth-17")
}

func BenchmarkAsOfList(b *testing.B) {
	benchmarkAsOf(b, "/api/v1/asof?date=1858-05-28&list=territories&limit=10000")
}

func benchmarkAsOf(b *testing.B, path string) {
	s := benchServer(b)
	req := httptest.NewRequest("GET", "http://127.0.0.1"+path, nil)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", path, w.Code, w.Body)
		}
	}
}
