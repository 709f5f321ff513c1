package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"treatyline/internal/gold"
)

// startServe runs `treatyline serve` on a free loopback port over a store
// file, and stops it (as SIGINT would) when the test ends.
func startServe(t *testing.T, db string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	var out, errb bytes.Buffer
	m := NewMain()
	m.Stdout, m.Stderr = &out, &errb
	m.commands["serve"] = &serveCommand{Ready: func(addr string) { ready <- addr }}
	done := make(chan int, 1)
	go func() { done <- m.Run(ctx, append([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, args...)) }()
	var addr string
	select {
	case addr = <-ready:
	case code := <-done:
		t.Fatalf("serve exited %d: %s", code, errb.String())
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d: %s", code, errb.String())
		}
		if !strings.Contains(out.String(), "http://"+addr+"/") || !strings.Contains(out.String(), "stopped") {
			t.Errorf("serve printed %q", out.String())
		}
	})
	return "http://" + addr
}

func fetch(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// The API answers with the same bytes as the command's --json.
func TestServeAnswersAsTheCommands(t *testing.T) {
	gold.Shared(t) // the texts of the sources come from the shared corpus
	db := tempDB(t)
	base := startServe(t, db)
	for _, c := range []struct {
		path string
		args []string
	}{
		{"/api/v1/asof?date=1861-01-01&all=1", []string{"asof", "1861-01-01"}},
		{"/api/v1/asof?date=" + url.QueryEscape("1 januari 1859") + "&perspective=qing&territory=territory/ussuri-sea", []string{"asof", "1 januari 1859", "--perspective", "qing", "--territory", "territory/ussuri-sea"}},
		{"/api/v1/asof?date=" + url.QueryEscape("咸豐九年") + "&sources=002_83b40dc56342f948&all", []string{"asof", "咸豐九年", "--sources", "002_83b40dc56342f948"}},
		{"/api/v1/asof?date=1861-01-01&treaty=treaty/peking-1860,treaty/aigun-1858&territory=territory/ussuri-sea", []string{"asof", "1861-01-01", "--treaty", "treaty/peking-1860,treaty/aigun-1858", "--territory", "territory/ussuri-sea"}},
		{"/api/v1/status?treaty=treaty/livadia-1879&on=1882-01-01", []string{"status", "treaty/livadia-1879", "--on", "1882-01-01"}},
		{"/api/v1/timeline?id=treaty/aigun-1858", []string{"timeline", "treaty/aigun-1858"}},
		{"/api/v1/timeline", []string{"timeline"}},
		{"/api/v1/entities/treaty/aigun-1858", []string{"show", "treaty/aigun-1858"}},
		{"/api/v1/entities/territory/ussuri-sea", []string{"show", "territory/ussuri-sea"}},
		{"/api/v1/search?q=Muraviev", []string{"search", "Muraviev"}},
		{"/api/v1/search?q=Muraviev&pretty", []string{"search", "Muraviev", "--pretty"}},
		{"/api/v1/search?q=amur&kind=river", []string{"search", "amur", "--kind", "river"}},
		{"/api/v1/conflicts", []string{"conflicts"}},
		{"/api/v1/conflicts?status=accepted&class=conflict", []string{"conflicts", "--status", "accepted", "--class", "conflict"}},
		{"/api/v1/date?q=" + url.QueryEscape("16 mei 1858") + "&lang=nl&calendar=julian", []string{"date", "16 mei 1858", "--lang", "nl", "--calendar", "julian"}},
		{"/api/v1/candidates", []string{"review", "list"}},
	} {
		t.Run(c.path, func(t *testing.T) {
			status, api := fetch(t, base+c.path)
			if status != http.StatusOK {
				t.Fatalf("%d %s", status, api)
			}
			args := append(c.args, "--json")
			if c.args[0] != "date" {
				args = append(args, "--db", db)
			}
			code, cli, errs := run(t, args...)
			if code != 0 {
				t.Fatalf("%v: exit %d: %s", args, code, errs)
			}
			if api != cli {
				t.Errorf("the API and %v differ:\napi: %.300s\ncli: %.300s", c.args, api, cli)
			}
		})
	}
	// The corpus texts were read at start: the reader can show them.
	status, body := fetch(t, base+"/api/v1/sources/001_edea92537101e3cc")
	if status != http.StatusOK || !strings.Contains(body, `"text":"`) || strings.Contains(body, `"text":""`) {
		t.Errorf("source 001: %d %.200s", status, body)
	}
}

func TestServeFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"serve", "extra"}, exitInput, "unexpected arguments"},
		{[]string{"serve", "--addr", "127.0.0.1:99999"}, exitInput, "--addr"},
		{[]string{"serve", "--corpus", "/nonexistent"}, exitInput, "--corpus"},
		{[]string{"serve", "--token-file", "/nonexistent"}, exitInput, "--token-file"},
		{[]string{"serve", "--token-file", "/dev/null"}, exitInput, "no token"},
		{[]string{"serve", "--token-file", "serve_test.go", "--token", "x"}, exitInput, "not both"},
		{[]string{"serve", "--request-timeout", "-1s"}, exitInput, "--request-timeout"},
	} {
		code, _, errs := run(t, append(c.args, "--db", tempDB(t))...)
		if code != c.code || !strings.Contains(errs, c.msg) {
			t.Errorf("%v: exit %d %q, want %d with %q", c.args, code, errs, c.code, c.msg)
		}
	}
	code, _, errs := run(t, "serve", "--help")
	if code != 0 || !strings.Contains(errs, "--token") && !strings.Contains(errs, "-token") {
		t.Errorf("serve --help: %d %s", code, errs)
	}
}

// TestServeTokenFileAndHosts: the token is read from a file (not the
// command line, where ps shows it), and the Host header is checked.
func TestServeTokenFileAndHosts(t *testing.T) {
	tok := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tok, []byte("s3cret-from-a-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	base := startServe(t, tempDB(t), "--token-file", tok, "--allowed-hosts", "treaties.example")
	post := func(token string) int {
		req, _ := http.NewRequest("POST", base+"/api/v1/candidates/provision/aigun-1858/border-trade/reject", strings.NewReader(`{"by": "t"}`))
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := post("wrong"); got != http.StatusUnauthorized {
		t.Errorf("a wrong token: %d", got)
	}
	if got := post("s3cret-from-a-file"); got != http.StatusOK {
		t.Errorf("the token of the file: %d", got)
	}
	for host, want := range map[string]int{"treaties.example": http.StatusOK, "rebound.example": http.StatusMisdirectedRequest} {
		req, _ := http.NewRequest("GET", base+"/api/v1/sources", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d; want %d", host, resp.StatusCode, want)
		}
	}
}
