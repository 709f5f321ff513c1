// Package pgtest starts a temporary PostgreSQL server for tests: a fresh
// cluster made with Debian's initdb in a temporary folder, listening on a
// free port of 127.0.0.1, stopped and removed at the end. Tests then make
// one database each with NewDatabase.
//
// The binaries are looked for under /usr/lib/postgresql/*/bin (Debian's
// postgresql package), or in $TREATYLINE_PG_BIN. When they are missing
// the tests that need a server skip, unless TREATYLINE_REQUIRE_POSTGRES=1
// (as CI sets), when they fail.
//
// PostgreSQL refuses to run as root: when the tests run as root, the
// cluster is made and run as the user "postgres" (or "nobody"), who is
// given the temporary folder.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrMissing is returned (wrapped) by Start when no PostgreSQL binaries
// are installed.
var ErrMissing = errors.New("PostgreSQL binaries not found (install Debian's postgresql, or set TREATYLINE_PG_BIN)")

// Required reports whether a missing server is a failure rather than a
// reason to skip: TREATYLINE_REQUIRE_POSTGRES=1.
func Required() bool { return os.Getenv("TREATYLINE_REQUIRE_POSTGRES") == "1" }

// Server is a running temporary cluster.
type Server struct {
	dir  string // the temporary folder: data/ and the socket
	bin  string
	port int
	cred *runAs // nil when the tests do not run as root
	n    atomic.Int64
}

// runAs is the user the cluster runs as when the tests run as root.
type runAs struct {
	name     string
	uid, gid int
}

// FindBin gives the folder of the newest PostgreSQL's binaries, or
// ErrMissing.
func FindBin() (string, error) {
	if d := os.Getenv("TREATYLINE_PG_BIN"); d != "" {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err != nil {
			return "", fmt.Errorf("TREATYLINE_PG_BIN=%s: %w", d, err)
		}
		return d, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	var found []string
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			if _, err := os.Stat(filepath.Join(d, "pg_ctl")); err == nil {
				found = append(found, d)
			}
		}
	}
	if len(found) == 0 {
		return "", ErrMissing
	}
	// The newest major version: /usr/lib/postgresql/15 before /16.
	sort.Slice(found, func(i, j int) bool { return major(found[i]) < major(found[j]) })
	return found[len(found)-1], nil
}

func major(bin string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(bin)))
	return n
}

// Start makes and starts a cluster. Stop it with Stop.
func Start(ctx context.Context) (*Server, error) {
	bin, err := FindBin()
	if err != nil {
		return nil, err
	}
	// As root, the folder is made under /tmp, which the user the server
	// runs as can reach (a TMPDIR under /root would not be).
	parent := os.TempDir()
	if os.Geteuid() == 0 {
		parent = "/tmp"
	}
	sweep(ctx, parent, bin)
	dir, err := os.MkdirTemp(parent, "treatyline-pg-")
	if err != nil {
		return nil, err
	}
	// The test binary that owns the cluster, so that a later run can stop
	// a cluster whose owner died without stopping it (killed at a timeout).
	if err := os.WriteFile(filepath.Join(dir, "owner"), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s := &Server{dir: dir, bin: bin}
	if os.Geteuid() == 0 {
		if s.cred, err = unprivileged(); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		if err := os.Chown(dir, s.cred.uid, s.cred.gid); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("give %s to %s: %w", dir, s.cred.name, err)
		}
	}
	if err := s.run(ctx, "initdb", "-D", s.data(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	// A free port can be taken by another test between this check and the
	// server's start: try a few.
	for attempt := 0; ; attempt++ {
		if s.port, err = freePort(); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", s.port, dir)
		err = s.run(ctx, "pg_ctl", "-D", s.data(), "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "-o", opts, "start")
		if err == nil {
			return s, nil
		}
		if attempt == 3 {
			log, _ := os.ReadFile(filepath.Join(dir, "log"))
			os.RemoveAll(dir)
			return nil, fmt.Errorf("%w\n%s", err, log)
		}
	}
}

func (s *Server) data() string { return filepath.Join(s.dir, "data") }

// sweep stops and removes the clusters this package left in parent whose
// owning test binary is gone: one killed at a timeout never ran Stop.
// Clusters of running test binaries are left alone.
func sweep(ctx context.Context, parent, bin string) {
	dirs, _ := filepath.Glob(filepath.Join(parent, "treatyline-pg-*"))
	for _, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, "owner"))
		if err != nil {
			continue // not (yet) one of ours
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || pid <= 0 || processAlive(pid) {
			continue
		}
		info, err := os.Stat(dir)
		if err != nil {
			continue
		}
		s := &Server{dir: dir, bin: bin}
		if st, ok := info.Sys().(*syscall.Stat_t); ok && os.Geteuid() == 0 && st.Uid != 0 {
			s.cred = &runAs{name: "owner", uid: int(st.Uid), gid: int(st.Gid)}
		}
		if _, err := os.Stat(filepath.Join(dir, "data", "postmaster.pid")); err == nil {
			_ = s.run(ctx, "pg_ctl", "-D", s.data(), "-w", "-t", "30", "-m", "immediate", "stop")
		}
		os.RemoveAll(dir)
	}
}

// processAlive reports whether a process runs with the pid.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// run runs one of the binaries, as the unprivileged user when need be.
func (s *Server) run(ctx context.Context, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, filepath.Join(s.bin, name), args...)
	if s.cred != nil {
		cmd = exec.CommandContext(ctx, "setpriv", append([]string{
			"--reuid=" + strconv.Itoa(s.cred.uid), "--regid=" + strconv.Itoa(s.cred.gid), "--clear-groups",
			filepath.Join(s.bin, name)}, args...)...)
	}
	cmd.Dir = s.dir
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %w: %s", name, err, strings.TrimSpace(string(out)))
	}
	return nil
}

// unprivileged finds the user to run the cluster as when the tests run as
// root.
func unprivileged() (*runAs, error) {
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		return &runAs{name: name, uid: uid, gid: gid}, nil
	}
	return nil, errors.New("running as root, and no user postgres or nobody to run PostgreSQL as")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// URL gives the connection string of a database of the server.
func (s *Server) URL(database string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, database)
}

// Port is the TCP port the server listens on.
func (s *Server) Port() int { return s.port }

// PID gives the process id of the server's postmaster, the parent of
// every backend, so that a benchmark can bind the server to some cores
// (taskset): backends forked after it is bound inherit its binding.
func (s *Server) PID() (int, error) {
	b, err := os.ReadFile(filepath.Join(s.data(), "postmaster.pid"))
	if err != nil {
		return 0, err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		return 0, fmt.Errorf("%s: first line %q: not a process id", filepath.Join(s.data(), "postmaster.pid"), line)
	}
	return pid, nil
}

// CreateDatabase makes a new, empty database and gives its connection
// string.
func (s *Server) CreateDatabase(ctx context.Context) (string, error) {
	name := fmt.Sprintf("t%d_%d", os.Getpid(), s.n.Add(1))
	conn, err := pgx.Connect(ctx, s.URL("postgres"))
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+name+` TEMPLATE template0 ENCODING 'UTF8'`); err != nil {
		return "", fmt.Errorf("create database %s: %w", name, err)
	}
	return s.URL(name), nil
}

// NewDatabase makes a new, empty database for a test.
func (s *Server) NewDatabase(t testing.TB) string {
	t.Helper()
	url, err := s.CreateDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return url
}

// Stop stops the server and removes its folder.
func (s *Server) Stop() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := s.run(ctx, "pg_ctl", "-D", s.data(), "-w", "-m", "fast", "stop")
	if rerr := os.RemoveAll(s.dir); err == nil {
		err = rerr
	}
	return err
}

// shared is one server for a test binary, started on first use by Get and
// stopped by Main.
var shared struct {
	once sync.Once
	srv  *Server
	err  error
}

// Get gives the package's shared server, starting it on first use. When
// no PostgreSQL is installed it skips the test, or fails it when
// Required.
func Get(t testing.TB) *Server {
	t.Helper()
	shared.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		shared.srv, shared.err = Start(ctx)
	})
	if shared.err != nil {
		if errors.Is(shared.err, ErrMissing) && !Required() {
			t.Skipf("no PostgreSQL server for this test: %v", shared.err)
		}
		t.Fatalf("start PostgreSQL: %v", shared.err)
	}
	return shared.srv
}

// Main runs a package's tests and stops the shared server, if one was
// started, when they end: call it from TestMain as
// os.Exit(pgtest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	if shared.srv != nil {
		if err := shared.srv.Stop(); err != nil {
			fmt.Fprintf(os.Stderr, "pgtest: stop PostgreSQL: %v\n", err)
			if code == 0 {
				code = 1
			}
		}
	}
	return code
}
