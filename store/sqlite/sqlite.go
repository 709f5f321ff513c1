// Package sqlite is treatyline's embedded store: a kb.Store in one SQLite
// file, through the pure-Go driver modernc.org/sqlite (no cgo), so that the
// binary needs nothing installed beside it.
//
// The file keeps every version of every claim and provision: the version
// tables are append-only (triggers refuse UPDATE and DELETE on them), and a
// small "head" table per kind points at the current version and holds the
// columns that ClaimFilter selects on, so that filters run on indexes over
// current claims only. Sources are immutable except that a metadata-only
// source may have its text filled in. Entities are replaced in place: their
// history is not the knowledge base's concern, the claims about them are.
//
// The schema is versioned: Open applies the migrations the file lacks, each
// in its own transaction, and refuses a file written by a newer treatyline.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"treatyline/kb"
)

// DB is a knowledge base in a SQLite file. It implements kb.Store and is
// safe for concurrent use; writes are serialised by SQLite's write lock.
type DB struct {
	db   *sql.DB
	path string

	mu    sync.Mutex
	stmts map[string]*sql.Stmt // by query: see prepared

	wal walWatch // answers Generation without a query between commits

	// Now gives the time recorded for a write that does not bring its own
	// (a claim without RecordedAt, a source without Added, a provision
	// version). Tests set it to get stable histories.
	Now func() time.Time
}

var _ kb.Store = (*DB)(nil)

// busyTimeout is how long a write waits for another connection's (or
// process's) write lock before it fails with SQLITE_BUSY.
const busyTimeout = 5 * time.Second

// applicationID marks a SQLite file as a treatyline store ("trln"), so that
// Open does not add tables to somebody else's database.
const applicationID = 0x74726c6e

// Open opens the store in the SQLite file at path, creating the file when it
// is missing, and brings its schema up to date. It fails for a file written
// by a newer treatyline (ErrNewerSchema) and for a SQLite file that is not
// a treatyline store.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" || path == ":memory:" {
		// A memory database lives per connection and the pool holds several.
		return nil, fmt.Errorf("open store: want a file name, not %q", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	sqldb, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db := &DB{db: sqldb, path: path, Now: time.Now}
	if err := db.init(ctx, migrations); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db.watchWAL(ctx, abs)
	return db, nil
}

// dsn gives the driver's name for the file, with the settings every
// connection of the pool needs (PRAGMAs are per connection):
//   - foreign keys on, as SQLite leaves them off for compatibility;
//   - WAL, so that readers do not block the writer nor it them;
//   - a busy timeout, so that concurrent writers wait instead of failing;
//   - temporary files in memory: a transaction's statement journals (kept
//     so that one failed statement can be undone alone) would otherwise
//     cost a file write per page touched;
//   - a page cache of up to 64 MB (SQLite's default is 2 MB): a batch of
//     thousands of records touches more pages than that, and a page
//     evicted before the commit is written to the WAL twice;
//   - BEGIN IMMEDIATE for write transactions, so that a transaction takes
//     the write lock before it reads: a deferred one that reads and then
//     writes can fail with SQLITE_BUSY without the busy handler helping.
//     Read-only transactions still begin deferred.
//
// A file: URI escapes the path, so that a name with '?' or '#' in it is not
// taken for parameters.
func dsn(abs string) string {
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(busyTimeout.Milliseconds()))
	q.Set("_foreign_keys", "1")
	q.Set("_journal_mode", "WAL")
	q.Set("_txlock", "immediate")
	q.Add("_pragma", "temp_store(memory)")
	q.Add("_pragma", "cache_size(-65536)")
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: q.Encode()}
	return u.String()
}

// Close releases the store. It asks SQLite to refresh its planner
// statistics first, as SQLite recommends doing before closing.
func (db *DB) Close() error {
	db.mu.Lock()
	for _, s := range db.stmts {
		s.Close()
	}
	db.stmts = nil
	db.mu.Unlock()
	db.unwatchWAL()
	_, _ = db.db.Exec("PRAGMA optimize")
	if err := db.db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", db.path, err)
	}
	return nil
}

// now gives the injected clock's time, in UTC and without a monotonic
// reading, as it will be read back.
func (db *DB) now() time.Time {
	return db.Now().UTC().Round(0)
}

// timeLayout is how times are written: UTC with fixed-width nanoseconds, so
// that the text sorts as the times do.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}

// write runs f in a write transaction, committed when f returns nil and
// rolled back otherwise: nothing of a failed write reaches the file. A
// committed write counts in the store's generation (Generation), with its
// record time. That time is the store's clock, or just after the last
// write's when the clock has gone back (or two writes fell within its
// resolution), so that record times grow with the generation and nothing
// is recorded before a mark (kb.ChangeReader) that was written after it.
func (db *DB) write(ctx context.Context, f func(t *txn) error) error {
	return db.writeTx(ctx, func(t *txn) error {
		var last string
		if _, err := t.row(`SELECT stored_at FROM generation WHERE id = 1`, nil, &last); err != nil {
			return err
		}
		if last != "" && formatTime(t.clock) <= last {
			p, err := parseTime(last)
			if err != nil {
				return err
			}
			t.clock = p.Add(time.Microsecond)
		}
		if err := f(t); err != nil {
			return err
		}
		return t.bump()
	})
}

// writeTx is write without the count, for the schema's migrations (the
// count's table is one of them).
func (db *DB) writeTx(ctx context.Context, f func(t *txn) error) (err error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	// The statements of a write run without ctx's cancellation: the
	// driver watches a cancellable context with a goroutine per
	// statement, which costs more than an insert itself. A write checks
	// ctx before each statement instead (txn.check), and each statement
	// is short; the transaction, begun with ctx, still ends with it.
	t := &txn{ctx: ctx, run: context.WithoutCancel(ctx), tx: tx, db: db, clock: db.now()}
	if err := f(t); err != nil {
		return err
	}
	return tx.Commit()
}

// read runs f in a read-only transaction, so that the several queries a
// read takes (claims, then their qualifiers and evidence) see one snapshot.
func (db *DB) read(ctx context.Context, f func(t *txn) error) error {
	tx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return f(&txn{ctx: ctx, run: ctx, tx: tx, db: db})
}

// txn is a transaction that runs statements prepared once per connection
// and kept: the SQLite compiled to Go spends longer parsing a short query
// than running it.
type txn struct {
	ctx context.Context
	// run is the context statements run with: ctx in a read, whose
	// queries can be long; ctx without its cancellation in a write (see
	// writeTx).
	run   context.Context
	tx    *sql.Tx
	db    *DB
	stmts map[string]*sql.Stmt // the DB's statements, bound to tx
	// clock is a write's record time: the store's clock when the
	// transaction took the write lock, whatever times the records bring.
	clock time.Time
}

// prepared gives the DB's prepared statement for a query, preparing it on
// first use. The queries are the package's own, so the cache is bounded.
func (db *DB) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if s, ok := db.stmts[query]; ok {
		return s, nil
	}
	s, err := db.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if db.stmts == nil {
		db.stmts = map[string]*sql.Stmt{}
	}
	db.stmts[query] = s
	return s, nil
}

func (t *txn) stmt(query string) (*sql.Stmt, error) {
	if s, ok := t.stmts[query]; ok {
		return s, nil
	}
	s, err := t.db.prepared(t.run, query)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	s = t.tx.StmtContext(t.run, s) // closed with the transaction
	t.stmts[query] = s
	return s, nil
}

// check gives ctx's error once it is done, so that a write stops at its
// next statement.
func (t *txn) check() error { return t.ctx.Err() }

func (t *txn) query(query string, args ...any) (*sql.Rows, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	s, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(t.run, args...)
}

func (t *txn) exec(query string, args ...any) error {
	if err := t.check(); err != nil {
		return err
	}
	s, err := t.stmt(query)
	if err != nil {
		return err
	}
	_, err = s.ExecContext(t.run, args...)
	return err
}

// row runs a query for one row; found is false when there is none.
func (t *txn) row(query string, args []any, dest ...any) (found bool, err error) {
	if err := t.check(); err != nil {
		return false, err
	}
	s, err := t.stmt(query)
	if err != nil {
		return false, err
	}
	err = s.QueryRowContext(t.run, args...).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// Meta returns a fact about the store, or "" when the key is unset.
func (db *DB) Meta(ctx context.Context, key string) (string, error) {
	var v string
	s, err := db.prepared(ctx, `SELECT value FROM meta WHERE key = ?`)
	if err == nil {
		// One query needs no transaction to see one snapshot.
		err = s.QueryRowContext(ctx, key).Scan(&v)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read meta %q: %w", key, err)
	}
	return v, nil
}

// SetMeta records a fact about the store (EINVALID for an empty key).
func (db *DB) SetMeta(ctx context.Context, key, value string) error {
	if key == "" {
		return kb.Errorf(kb.EINVALID, "meta: empty key")
	}
	err := db.write(ctx, func(t *txn) error { return setMeta(t, key, value) })
	if err != nil {
		return fmt.Errorf("set meta %q: %w", key, err)
	}
	return nil
}

func setMeta(t *txn, key, value string) error {
	return t.exec(`INSERT INTO meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
}
