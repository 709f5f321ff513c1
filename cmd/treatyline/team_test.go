package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"treatyline/internal/pgtest"
	"treatyline/internal/report"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// stores gives a fresh --db of each kind: a SQLite file, and a database
// of the test PostgreSQL server (skipped without PostgreSQL unless
// TREATYLINE_REQUIRE_POSTGRES=1).
var stores = []struct {
	name string
	db   func(t *testing.T) string
}{
	{"sqlite", tempDB},
	{"postgres", func(t *testing.T) string { return pgtest.Get(t).NewDatabase(t) }},
}

const condominium = "provision/aigun-1858/condominium"

// TestRecordTime: a decision changes today's answer, and --recorded-at
// gives yesterday's back, whole; history shows both versions, or the one
// there was.
func TestRecordTime(t *testing.T) {
	for _, s := range stores {
		t.Run(s.name, func(t *testing.T) {
			db := s.db(t)
			asof := []string{"asof", "1859-01-01", "--territory", "territory/ussuri-sea", "--json", "--db", db}
			_, before, _ := run(t, asof...)
			var h []report.Version
			runJSON(t, &h, "history", condominium, "--json", "--db", db)
			if len(h) != 1 || h[0].Version != 1 || h[0].StoredAt.IsZero() {
				t.Fatalf("history of %s = %+v; want one version with a record time", condominium, h)
			}
			then := h[0].StoredAt.Format(time.RFC3339Nano)

			if code, _, errs := run(t, "review", "reject", condominium, "--by", "alice", "--db", db); code != 0 {
				t.Fatalf("review reject: exit %d: %s", code, errs)
			}
			_, after, _ := run(t, asof...)
			if after == before {
				t.Fatalf("rejecting the condominium did not change the answer:\n%s", after)
			}
			code, past, errs := run(t, append(asof, "--recorded-at", then)...)
			if code != 0 {
				t.Fatalf("asof --recorded-at: exit %d: %s", code, errs)
			}
			if past != before {
				t.Errorf("asof --recorded-at %s differs from the answer given then:\nthen: %s\nnow asked of then: %s", then, before, past)
			}

			runJSON(t, &h, "history", condominium, "--json", "--db", db)
			if len(h) != 2 || h[1].RecordedBy != "alice" || h[1].Status != "rejected" || !h[1].StoredAt.After(h[0].StoredAt) {
				t.Errorf("history after the decision = %+v; want 2 versions, the second rejected by alice later", h)
			}
			runJSON(t, &h, "history", condominium, "--json", "--recorded-at", then, "--db", db)
			if len(h) != 1 {
				t.Errorf("history --recorded-at %s = %d versions; want 1", then, len(h))
			}

			for _, bad := range []string{"yesterday", "2026-13-01", "12/03/2026"} {
				code, _, errs := run(t, append(asof, "--recorded-at", bad)...)
				if code != exitInput || !strings.Contains(errs, "--recorded-at") || !strings.Contains(errs, bad) {
					t.Errorf("asof --recorded-at %q: exit %d %q; want 2 naming the flag and the value", bad, code, errs)
				}
			}
		})
	}
}

// TestReviewConflict: a decision on a version someone else has decided
// since is refused with exit status 3, the record as it stands printed,
// nothing written.
func TestReviewConflict(t *testing.T) {
	for _, s := range stores {
		t.Run(s.name, func(t *testing.T) {
			db := s.db(t)
			if code, _, errs := run(t, "review", "accept", condominium, "--expect", "1", "--by", "alice", "--db", db); code != 0 {
				t.Fatalf("alice: exit %d: %s", code, errs)
			}
			code, out, errs := run(t, "review", "reject", condominium, "--expect", "1", "--by", "bob", "--db", db)
			if code != exitConflict || !strings.Contains(errs, "version 1 was read") || !strings.Contains(out, "version 2, accepted by alice") {
				t.Errorf("bob on version 1: exit %d, out %q, err %q; want 3, the record as alice left it", code, out, errs)
			}
			var h []report.Version
			runJSON(t, &h, "history", condominium, "--json", "--db", db)
			if len(h) != 2 || h[1].RecordedBy != "alice" {
				t.Errorf("history = %d versions, the last by %q; want 2, alice's", len(h), h[len(h)-1].RecordedBy)
			}
			if code, _, errs := run(t, "review", "accept", condominium, "claim/x", "--expect", "2", "--db", db); code != exitInput || !strings.Contains(errs, "one id") {
				t.Errorf("--version with two ids: exit %d %q; want 2", code, errs)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	for _, s := range stores {
		t.Run(s.name, func(t *testing.T) {
			db := s.db(t)
			code, out, errs := run(t, "tokens", "add", "alice", "--db", db)
			token := strings.TrimSpace(out)
			if code != 0 || len(token) != 64 || !strings.Contains(errs, "once") {
				t.Fatalf("tokens add: exit %d, %q, %q; want a token of 64 hex digits", code, out, errs)
			}
			if code, _, errs := run(t, "tokens", "add", "alice", "--db", db); code != exitInput || !strings.Contains(errs, "alice") {
				t.Errorf("a second token for alice: exit %d %q; want 2", code, errs)
			}
			code, out, _ = run(t, "tokens", "list", "--db", db)
			if code != 0 || !strings.Contains(out, "alice") || !strings.Contains(out, "valid") || strings.Contains(out, token) {
				t.Errorf("tokens list: exit %d %q; want alice, valid, and never the token", code, out)
			}
			if code, _, errs := run(t, "tokens", "revoke", "alice", "--db", db); code != 0 {
				t.Errorf("tokens revoke: exit %d %s", code, errs)
			}
			if code, _, errs := run(t, "tokens", "revoke", "alice", "--db", db); code != exitInput || !strings.Contains(errs, "alice") {
				t.Errorf("revoking again: exit %d %q; want 2", code, errs)
			}
			var toks []struct {
				Name    string    `json:"name"`
				Revoked time.Time `json:"revoked"`
			}
			runJSON(t, &toks, "tokens", "list", "--json", "--db", db)
			if len(toks) != 1 || toks[0].Revoked.IsZero() {
				t.Errorf("tokens list --json = %+v; want alice's, revoked", toks)
			}
			for _, args := range [][]string{{"tokens"}, {"tokens", "add"}, {"tokens", "add", "bad\nname"}, {"tokens", "drop", "x"}} {
				if code, _, _ := run(t, append(args, "--db", db)...); code != exitInput {
					t.Errorf("%q: exit %d; want 2", args, code)
				}
			}
		})
	}
}

// TestServeTeam: serve over each store, with reviewers' tokens: a
// decision records the reviewer's name; reviewers deciding the same
// version at once get one 200 and 409s with the record as it stands;
// reading needs no token; recorded_at asks the past.
func TestServeTeam(t *testing.T) {
	for _, s := range stores {
		t.Run(s.name, func(t *testing.T) {
			db := s.db(t)
			tokens := map[string]string{}
			for _, name := range []string{"alice", "bob", "carol", "dan"} {
				code, out, errs := run(t, "tokens", "add", name, "--db", db)
				if code != 0 {
					t.Fatalf("tokens add %s: %s", name, errs)
				}
				tokens[name] = strings.TrimSpace(out)
			}
			if code, _, errs := run(t, "tokens", "revoke", "dan", "--db", db); code != 0 {
				t.Fatal(errs)
			}
			base := startServe(t, db)
			post := func(token, path, body string) (int, string) {
				req, _ := http.NewRequest("POST", base+"/api/v1/"+path, strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				return resp.StatusCode, string(b)
			}
			var h []report.Version
			getJSON := func(path string, v any) {
				code, body := fetch(t, base+"/api/v1/"+path)
				if code != 200 {
					t.Fatalf("GET %s: %d %s", path, code, body)
				}
				if err := json.Unmarshal([]byte(body), v); err != nil {
					t.Fatal(err)
				}
			}
			getJSON("versions?id="+condominium, &h)
			then := h[0].StoredAt.Format(time.RFC3339Nano)
			_, before := fetch(t, base+"/api/v1/asof?date=1859-01-01&territory=territory/ussuri-sea")

			// Three reviewers decide on version 1 at once.
			var mu sync.Mutex
			codes := map[int]int{}
			var conflict string
			var wg sync.WaitGroup
			for i, name := range []string{"alice", "bob", "carol"} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					verb := []string{"reject", "accept", "reject"}[i]
					code, body := post(tokens[name], "candidates/"+condominium+"/"+verb, `{"expect": 1}`)
					mu.Lock()
					defer mu.Unlock()
					codes[code]++
					if code == http.StatusConflict {
						conflict = body
					}
				}()
			}
			wg.Wait()
			if codes[200] != 1 || codes[409] != 2 {
				t.Fatalf("three reviewers on version 1: %v; want one 200 and two 409", codes)
			}
			getJSON("versions?id="+condominium, &h)
			if len(h) != 2 {
				t.Fatalf("%d versions after the three decisions; want 2", len(h))
			}
			winner := h[1].RecordedBy
			if tokens[winner] == "" {
				t.Errorf("the decision is recorded by %q; want a reviewer's name", winner)
			}
			var cb struct {
				Error   struct{ Code, Message string }
				Current report.Claim
			}
			if err := json.Unmarshal([]byte(conflict), &cb); err != nil || cb.Error.Code != "ECONFLICT" ||
				cb.Current.Version != 2 || cb.Current.RecordedBy != winner {
				t.Errorf("409 body %s; want ECONFLICT with the record as %s left it", conflict, winner)
			}

			// A revoked token, no token, a wrong name.
			if code, _ := post(tokens["dan"], "candidates/"+condominium+"/accept", `{}`); code != 401 {
				t.Errorf("dan's revoked token: %d; want 401", code)
			}
			if code, body := post(tokens["alice"], "candidates/"+condominium+"/accept", `{"by": "bob"}`); code != 400 || !strings.Contains(body, "alice") {
				t.Errorf("alice deciding as bob: %d %s; want 400", code, body)
			}
			// The past, read without a token.
			_, past := fetch(t, base+"/api/v1/asof?date=1859-01-01&territory=territory/ussuri-sea&recorded_at="+then)
			if past != before {
				t.Errorf("asof with recorded_at=%s differs from the answer given then", then)
			}
			getJSON("versions?id="+condominium+"&recorded_at="+then, &h)
			if len(h) != 1 {
				t.Errorf("versions at %s: %d; want 1", then, len(h))
			}
			if code, body := fetch(t, base+"/api/v1/asof?date=1859-01-01&all=1&recorded_at=soon"); code != 400 || !strings.Contains(body, "recorded_at") {
				t.Errorf("recorded_at=soon: %d %s; want 400 naming recorded_at", code, body)
			}
		})
	}
}

// TestBadPostgres: a --db that names a PostgreSQL database that cannot be
// used is a clear error naming the problem, for every command.
func TestBadPostgres(t *testing.T) {
	for _, tt := range []struct {
		db   string
		want []string
	}{
		{"postgres://u:hunter2@127.0.0.1:notaport/db", []string{"--db", "connection string does not read"}},
		{"postgres://u:hunter2@127.0.0.1:1/db?sslmode=disable&connect_timeout=2", []string{"--db", "cannot reach the PostgreSQL server", "127.0.0.1:1"}},
	} {
		for _, args := range [][]string{{"show", "treaty/aigun-1858"}, {"serve", "--addr", "127.0.0.1:0"}, {"tokens", "list"}} {
			code, _, errs := run(t, append(args, "--db", tt.db)...)
			if code != exitInput {
				t.Errorf("%s --db %s: exit %d; want 2", args[0], tt.db, code)
			}
			for _, w := range tt.want {
				if !strings.Contains(errs, w) {
					t.Errorf("%s --db %s: %q does not name %q", args[0], tt.db, errs, w)
				}
			}
			if strings.Contains(errs, "hunter2") {
				t.Errorf("%s: the error shows the password: %s", args[0], errs)
			}
		}
	}
}

// TestServeSeesOtherWriters: a decision made from the command line on the
// PostgreSQL database a server serves is in the server's next answer.
func TestServeSeesOtherWriters(t *testing.T) {
	db := pgtest.Get(t).NewDatabase(t)
	base := startServe(t, db)
	asof := base + "/api/v1/asof?date=1859-01-01&territory=territory/ussuri-sea"
	_, before := fetch(t, asof)
	if code, _, errs := run(t, "review", "reject", condominium, "--by", "alice", "--db", db); code != 0 {
		t.Fatalf("review reject: exit %d: %s", code, errs)
	}
	if _, after := fetch(t, asof); after == before {
		t.Errorf("the server's answer did not change after a decision from the command line")
	}
}

// TestInitPostgres: init takes a PostgreSQL database that holds no
// project, empty or with the bundle, and refuses one that does.
func TestInitPostgres(t *testing.T) {
	srv := pgtest.Get(t)
	empty := srv.NewDatabase(t)
	var out struct {
		Empty    bool `json:"empty"`
		Entities int  `json:"entities"`
	}
	runJSON(t, &out, "init", "--empty", "--json", "--db", empty)
	if !out.Empty || out.Entities != 0 {
		t.Errorf("init --empty: %+v", out)
	}
	if code, _, errs := run(t, "init", "--db", empty); code != exitInput || !strings.Contains(errs, "project already") {
		t.Errorf("init again: exit %d %q; want 2", code, errs)
	}
	bundled := srv.NewDatabase(t)
	runJSON(t, &out, "init", "--json", "--db", bundled)
	if out.Empty || out.Entities == 0 {
		t.Errorf("init: %+v; want the bundled knowledge base", out)
	}
}
