package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"treatyline/internal/gold"
	"treatyline/internal/report"
	"treatyline/server"
)

// serveCommand runs the HTTP API and the web page.
type serveCommand struct {
	// Ready, when set, is called with the address the server listens on,
	// once it does (tests listen on port 0).
	Ready func(addr string)
}

func (*serveCommand) Summary() string {
	return "serve the web page and the HTTP JSON API (docs/api.md)"
}

func (c *serveCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "serve", "", `Serves the web page at / and the JSON API under /api/v1 (see docs/api.md) over the store, until
interrupted (SIGINT or SIGTERM), then shuts down cleanly. Reading is open to anyone who can reach
the address; writing (registering sources, accepting, rejecting or correcting candidates) needs
Authorization: Bearer TOKEN: the server's token (--token-file, env TREATYLINE_TOKEN, or --token,
which other users can read in the process list), or a reviewer's own token from treatyline
tokens add NAME, whose name is then recorded with each decision; with neither, the server is
read-only. --db postgres://... serves a team's PostgreSQL database (docs/team.md). Requests must
name the server by an IP address, localhost or a name of --allowed-hosts (DNS-rebinding
protection); each read is bounded by --request-timeout and stops when its client leaves.
Listings (conflicts, candidates, sources) come in pages (limit, cursor; see docs/api.md). The
answers follow writes by other processes (treatyline review or ingest on the same store) at once,
by what the store recorded since the server read it, not by reading it again.
Before it serves, the texts of the stored sources are read from --corpus, so that the page can
show every quote in its document. A server on a SQLite file keeps the knowledge base's records
in a snapshot file beside it (--snapshot; FILE.snapshot by default), written when the store is
read and again as the server stops, so that a start on an unchanged store reads the snapshot
instead of the store (and a start on a store written since reads it and what changed): at a
million provisions, seconds rather than tens of seconds.`)
	db := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (loopback by default; port 0 picks a free port)")
	token := fs.String("token", "", "bearer token that writes must bring; visible to other users in the process list: prefer --token-file or env TREATYLINE_TOKEN (none: read-only)")
	tokenFile := fs.String("token-file", "", "file holding the bearer token that writes must bring (its first line)")
	hosts := fs.String("allowed-hosts", "", "comma-separated names the Host header may give besides IP addresses and localhost (the --addr host is added; * for any): a page elsewhere cannot reach the server through a DNS name pointed at it")
	timeout := fs.Duration("request-timeout", server.DefaultRequestTimeout, "longest a read request may work before it is answered 503 (writes: at least 10m)")
	snapshot := fs.String("snapshot", "", `file to keep the knowledge base's records in between starts (default: the SQLite file's name + ".snapshot"; none for PostgreSQL; "none" keeps none)`)
	corpus := fs.String("corpus", "", "folder of source texts (<id>.txt) to fill in stored sources without their text (default: ../shared/corpus beside the repository, when found)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &inputError{fmt.Errorf("unexpected arguments: %v", rest)}
	}
	if *tokenFile != "" {
		if *token != "" {
			return &inputError{errors.New("give --token or --token-file, not both")}
		}
		b, err := os.ReadFile(*tokenFile)
		if err != nil {
			return &inputError{fmt.Errorf("--token-file: %w", err)}
		}
		line, _, _ := strings.Cut(string(b), "\n")
		if *token = strings.TrimSpace(line); *token == "" {
			return &inputError{fmt.Errorf("--token-file: %s: no token on its first line", *tokenFile)}
		}
	}
	if *token == "" {
		*token = os.Getenv("TREATYLINE_TOKEN")
	}
	if *timeout <= 0 {
		return &inputError{fmt.Errorf("--request-timeout: %v: want a positive duration", *timeout)}
	}
	var allowed []string
	for _, h := range strings.Split(*hosts, ",") {
		if h = strings.TrimSpace(h); h != "" {
			allowed = append(allowed, h)
		}
	}
	if host, _, err := net.SplitHostPort(*addr); err == nil && host != "" && net.ParseIP(host) == nil {
		allowed = append(allowed, host)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	dir := *corpus
	if dir == "" {
		if shared, err := gold.SharedDir(); err == nil {
			dir = filepath.Join(shared, "corpus")
		} else {
			wd, _ := os.Getwd()
			fmt.Fprintf(m.Stderr, "treatyline serve: no corpus folder found: looked for $TREATYLINE_SHARED/corpus and for ../shared/corpus beside\n"+
				"  the repository holding %s (a go.mod above it); the document reader will show sources without their text.\n"+
				"  Point to the texts with --corpus DIR (a folder of <source id>.txt files) or TREATYLINE_SHARED=DIR.\n", wd)
		}
	} else if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return &inputError{fmt.Errorf("--corpus: %s is not a folder", dir)}
	}
	if dir != "" {
		n, err := report.FillTexts(ctx, st, dir)
		if err != nil {
			return err
		}
		if n > 0 {
			fmt.Fprintf(m.Stderr, "treatyline serve: read the texts of %d sources from %s\n", n, dir)
		}
	}
	snapPath := *snapshot
	switch {
	case snapPath == "none":
		snapPath = ""
	case snapPath == "":
		snapPath = snapshotBeside(*db)
	}
	srv, err := server.New(st, server.Config{Token: *token, Log: log.New(m.Stderr, "treatyline serve: ", log.LstdFlags),
		AllowedHosts: allowed, RequestTimeout: *timeout, Snapshot: snapPath, Build: buildKey()})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return &inputError{fmt.Errorf("--addr: %w", err)}
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 5 * time.Minute,
		WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(m.Stdout, "treatyline: serving %s (open it in a browser; Ctrl-C stops)\n", url)
	reviewers := 0
	if toks, err := st.Tokens(ctx); err == nil {
		for _, t := range toks {
			if t.Valid() {
				reviewers++
			}
		}
	}
	switch {
	case srv.ReadOnly() && reviewers == 0:
		fmt.Fprintln(m.Stdout, "treatyline: read-only: no --token or TREATYLINE_TOKEN, and no reviewer's token (treatyline tokens add NAME), so every write is refused")
	case reviewers > 0:
		fmt.Fprintf(m.Stdout, "treatyline: writes take the tokens of %d reviewers (treatyline tokens list)\n", reviewers)
	}
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !isLoopback(host) {
		fmt.Fprintf(m.Stderr, "treatyline serve: listening beyond this machine on %s, without TLS: the token travels in clear\n", host)
	}
	if c.Ready != nil {
		c.Ready(ln.Addr().String())
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	if err := srv.SaveSnapshot(shut); err != nil {
		fmt.Fprintf(m.Stderr, "treatyline serve: snapshot not saved (the next start reads the store): %v\n", err)
	}
	fmt.Fprintln(m.Stdout, "treatyline: stopped")
	return nil
}

// isLoopback reports whether a listening host is this machine alone.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// buildKey names this binary for the snapshot's key: its version and
// commit, and the executable's size and time, which tell apart two builds
// of one modified checkout.
func buildKey() string {
	k := version()
	if exe, err := os.Executable(); err == nil {
		if info, err := os.Stat(exe); err == nil {
			k += fmt.Sprintf(" %d %d", info.Size(), info.ModTime().UnixNano())
		}
	}
	return k
}
