package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"treatyline/internal/gold"
	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/store/sqlite"
)

// ack is a decision the server answered 200 to.
type ack struct {
	id, by  string
	status  kb.Status
	version int
}

// TestCrashKeepsAcknowledgedWork runs the real binary: an ingest of many
// documents and a server taking concurrent review decisions on the same
// store file, both killed with SIGKILL at a random moment, several times
// over. Then the file must pass SQLite's integrity and foreign-key checks,
// hold every decision the server acknowledged, exactly as answered, and
// hold no source without its candidates; and ingesting everything again
// to the end, then once more, must record nothing the second time.
func TestCrashKeepsAcknowledgedWork(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary: not with -short")
	}
	_, _, shared := gold.Shared(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "treatyline")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	docs := filepath.Join(dir, "docs")
	os.MkdirAll(docs, 0o755)
	var texts []string
	for _, from := range []string{filepath.Join(shared, "corpus"), "testdata/fixtures"} {
		paths, _ := filepath.Glob(filepath.Join(from, "*.txt"))
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
	}
	const copies = 24 // documents per text, each a source of its own
	for i := range copies * len(texts) {
		text := texts[i%len(texts)] + fmt.Sprintf("\n\n(Copy %d.)\n", i)
		if err := os.WriteFile(filepath.Join(docs, fmt.Sprintf("doc-%03d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, "kb.db")
	tokenFile := filepath.Join(dir, "token")
	os.WriteFile(tokenFile, []byte("crash-token\n"), 0o600)
	// A first, whole ingest of a few documents gives the reviewers work.
	first, _ := filepath.Glob(filepath.Join(docs, "doc-00*.txt"))
	if out, err := exec.Command(bin, append([]string{"ingest", "--db", db}, first...)...).CombinedOutput(); err != nil {
		t.Fatalf("first ingest: %v\n%s", err, out)
	}

	var acks []ack
	rng := rand.New(rand.NewPCG(1, 9))
	const rounds = 6
	for round := range rounds {
		wait := time.Duration(500+rng.IntN(3000)) * time.Millisecond
		got, reported := crashRound(t, bin, db, docs, tokenFile, round, wait)
		acks = append(acks, got...)
		stored := map[string]bool{}
		for _, id := range docSourceIDs(t, db) {
			stored[id] = true
		}
		for _, id := range reported {
			if !stored[id] {
				t.Errorf("round %d: ingest reported %s stored, and the store has no such source after the kill", round, id)
			}
		}
		t.Logf("round %d: killed after %v: %d decisions acknowledged, %d files reported by ingest, %d document sources stored", round, wait, len(got), len(reported), len(stored))
	}
	if len(acks) == 0 {
		t.Fatal("no decision was acknowledged in any round: the test tested nothing")
	}
	checkIntegrity(t, db)
	checkAcks(t, db, acks)
	checkNoPartialSource(t, db)

	// Resume to the end, then again: the second run records nothing.
	for i := range 2 {
		if out, err := exec.Command(bin, "ingest", "--db", db, docs).CombinedOutput(); err != nil {
			t.Fatalf("ingest after the crashes: %v\n%s", err, out)
		}
		n, _ := versionCount(t, db)
		if i == 0 {
			first := n
			defer func() {
				if m, _ := versionCount(t, db); m != first {
					t.Errorf("ingesting again after resuming recorded %d versions; want none", m-first)
				}
			}()
		}
	}
	checkAcks(t, db, acks)
	checkNoPartialSource(t, db)
	t.Logf("%d rounds, %d decisions acknowledged and found", rounds, len(acks))
}

var servingRE = regexp.MustCompile(`serving (http://[^ ]+)/`)

// crashRound starts an ingest and a server on the store, sends review
// decisions from several clients until it kills both after wait, and
// gives the decisions acknowledged and the sources ingest reported
// stored (a line each, printed once its commit is done).
func crashRound(t *testing.T, bin, db, docs, tokenFile string, round int, wait time.Duration) ([]ack, []string) {
	t.Helper()
	serve := exec.Command(bin, "serve", "--db", db, "--addr", "127.0.0.1:0", "--token-file", tokenFile, "--corpus", docs)
	stdout, err := serve.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var serveErr bytes.Buffer
	serve.Stderr = &serveErr
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	defer serve.Process.Kill()
	lines := bufio.NewScanner(stdout)
	base := ""
	for lines.Scan() {
		if m := servingRE.FindStringSubmatch(lines.Text()); m != nil {
			base = m[1]
			break
		}
	}
	if base == "" {
		serve.Wait()
		t.Fatalf("round %d: serve did not start: %s", round, serveErr.String())
	}
	go func() {
		for lines.Scan() {
		}
	}()
	var cands []report.Claim
	resp, err := http.Get(base + "/api/v1/candidates?limit=60")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&cands)
	resp.Body.Close()
	ids := []string{"provision/aigun-1858/border-trade"}
	for _, c := range cands {
		ids = append(ids, c.ID)
	}

	// Resume: the documents not stored yet, as a user would after a crash.
	stored := map[string]bool{}
	for _, id := range docSourceIDs(t, db) {
		stored[id] = true
	}
	args := []string{"ingest", "--db", db}
	all, _ := filepath.Glob(filepath.Join(docs, "doc-*.txt"))
	for _, p := range all {
		if !stored[strings.TrimSuffix(filepath.Base(p), ".txt")] {
			args = append(args, p)
		}
	}
	if len(args) == 3 {
		args = append(args, docs)
	}
	ingest := exec.Command(bin, args...)
	var ingestOut bytes.Buffer
	ingest.Stdout, ingest.Stderr = &ingestOut, nil
	if err := ingest.Start(); err != nil {
		t.Fatal(err)
	}
	defer ingest.Process.Kill()

	ctx, stop := context.WithCancel(context.Background())
	var mu sync.Mutex
	var acks []ack
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Timeout: 20 * time.Second}
			for i := 0; ctx.Err() == nil; i++ {
				id := ids[(w*7+i)%len(ids)]
				action, status := "accept", kb.Accepted
				if (w+i)%3 == 0 {
					action, status = "reject", kb.Rejected
				}
				by := fmt.Sprintf("r%d-w%d-%d", round, w, i)
				req, _ := http.NewRequestWithContext(ctx, "POST", base+"/api/v1/candidates/"+id+"/"+action,
					strings.NewReader(fmt.Sprintf(`{"by": %q, "note": "round %d"}`, by, round)))
				req.Header.Set("Authorization", "Bearer crash-token")
				resp, err := client.Do(req)
				if err != nil {
					continue // killed, or cut off by the kill: not acknowledged
				}
				var rec report.Claim
				err = json.NewDecoder(resp.Body).Decode(&rec)
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK && err == nil {
					mu.Lock()
					acks = append(acks, ack{id: id, by: by, status: status, version: rec.Version})
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(wait)
	// SIGKILL both at once, mid-write.
	serve.Process.Kill()
	ingest.Process.Kill()
	stop()
	wg.Wait()
	serve.Wait()
	ingest.Wait()
	var reported []string
	for _, line := range strings.SplitAfter(ingestOut.String(), "\n") {
		// A whole line naming a document (a line cut by the kill is not
		// counted; merge suggestions are indented).
		if id, _, ok := strings.Cut(line, "\t"); ok && strings.HasSuffix(line, "\n") && strings.HasPrefix(id, "doc-") {
			reported = append(reported, id)
		}
	}
	return acks, reported
}

func checkIntegrity(t *testing.T, db string) {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+db+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var result string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&result); err != nil || result != "ok" {
		t.Errorf("PRAGMA integrity_check: %q, %v", result, err)
	}
	rows, err := raw.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		t.Error("PRAGMA foreign_key_check found a row that refers to nothing")
	}
}

// checkAcks: every acknowledged decision is in the history, at the version
// answered, by whom and as answered.
func checkAcks(t *testing.T, db string, acks []ack) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, a := range acks {
		var status kb.Status
		var by string
		var decided bool
		if strings.HasPrefix(a.id, "provision/") {
			h, err := st.ProvisionHistory(ctx, a.id)
			if err != nil || a.version < 1 || a.version > len(h) {
				t.Errorf("acknowledged %s of %s by %s at version %d: history of %d, %v", a.status, a.id, a.by, a.version, len(h), err)
				continue
			}
			v := h[a.version-1]
			status, decided = v.Status, v.Decided
			if strings.HasPrefix(v.Note, string(a.status)+" by "+a.by+":") {
				by = a.by
			}
		} else {
			h, err := st.ClaimHistory(ctx, a.id)
			if err != nil || a.version < 1 || a.version > len(h) {
				t.Errorf("acknowledged %s of %s by %s at version %d: history of %d, %v", a.status, a.id, a.by, a.version, len(h), err)
				continue
			}
			v := h[a.version-1]
			status, by, decided = v.Status, v.RecordedBy, v.Decided
		}
		if status != a.status || by != a.by || !decided {
			t.Errorf("acknowledged %s of %s by %s at version %d: the version holds %s by %q (decided %v)", a.status, a.id, a.by, a.version, status, by, decided)
		}
	}
}

// checkNoPartialSource: every document source is stored whole (its text
// with its hash) and with its candidates: each was written in one
// transaction with them.
func checkNoPartialSource(t *testing.T, db string) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srcs, err := st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		if !strings.HasPrefix(s.ID, "doc-") {
			continue
		}
		full, err := st.Source(ctx, s.ID)
		if err != nil || full.Text == "" || kb.HashText(full.Text) != full.SHA256 {
			t.Errorf("source %s stored without its text or with another hash (%v)", s.ID, err)
			continue
		}
		cs, err := st.Claims(ctx, kb.ClaimFilter{Source: s.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) == 0 {
			t.Errorf("source %s stored without its candidates", s.ID)
		}
	}
}

func docSources(t *testing.T, db string) int {
	t.Helper()
	return len(docSourceIDs(t, db))
}

func docSourceIDs(t *testing.T, db string) []string {
	t.Helper()
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srcs, err := st.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range srcs {
		if strings.HasPrefix(s.ID, "doc-") {
			ids = append(ids, s.ID)
		}
	}
	return ids
}
