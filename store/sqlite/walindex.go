package sqlite

import (
	"context"
	"database/sql"
	"sync/atomic"
)

// walHeaderSize is the size of one copy of the WAL-index header: the first
// bytes of the "-shm" file SQLite keeps beside a database in WAL mode and
// that every connection maps into memory (https://www.sqlite.org/walformat.html,
// "The WAL-Index Header"). It holds, among other things, a counter
// incremented by every transaction that commits (iChange), the number of
// frames in the WAL (mxFrame) and the WAL's salts, which change when the
// WAL restarts. The writer updates two copies one after the other, so a
// reader that sees both alike has not read a header half written.
const walHeaderSize = 48

// walWatch answers Generation without a query while no transaction has
// committed since the last one: the header of the WAL index is read from
// memory (a few hundred nanoseconds) and compared with the header seen
// when the generation was last read from the table. Any difference, a
// header being written, or a file that cannot be mapped, means a query,
// as before. The watch holds a connection open for the store's life, so
// that SQLite never removes or resets the index under it (it does so
// only when the last connection closes).
type walWatch struct {
	mem  []byte    // the mapped start of the -shm file; nil: every Generation queries
	conn *sql.Conn // held open while the mapping is used
	// seen is the header and the generation read with it, replaced whole
	// (readers on every request take no lock).
	seen atomic.Pointer[walSeen]
}

// walSeen is a WAL-index header and the generation read after it.
type walSeen struct {
	key [walHeaderSize]byte
	gen int64
}

// header gives the WAL-index header when both copies agree and the index
// is initialised.
func (w *walWatch) header() ([walHeaderSize]byte, bool) {
	var a, b [walHeaderSize]byte
	if w.mem == nil {
		return a, false
	}
	copy(a[:], w.mem[:walHeaderSize])
	copy(b[:], w.mem[walHeaderSize:2*walHeaderSize])
	// isInit, the 13th byte, is 1 once the index has been built.
	return a, a == b && a[12] == 1
}

// cached gives the generation remembered for this header.
func (w *walWatch) cached(key [walHeaderSize]byte) (int64, bool) {
	if s := w.seen.Load(); s != nil && s.key == key {
		return s.gen, true
	}
	return 0, false
}

// remember records the generation read after the header key was seen: a
// commit between the two changes the header, so the pair is never
// reused for a later state.
func (w *walWatch) remember(key [walHeaderSize]byte, gen int64) {
	w.seen.Store(&walSeen{key: key, gen: gen})
}

// watchWAL maps the store's WAL index, after Open has made it. A store
// whose index cannot be mapped (another journal mode, a platform without
// mmap) keeps querying.
func (db *DB) watchWAL(ctx context.Context, abs string) {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return
	}
	// A read on the held connection makes sure it has opened the WAL
	// index.
	var mode string
	if err := conn.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		conn.Close()
		return
	}
	mem, err := mapShm(abs + "-shm")
	if err != nil {
		conn.Close()
		return
	}
	db.wal.mem, db.wal.conn = mem, conn
}

// unwatchWAL unmaps the index and lets its connection go.
func (db *DB) unwatchWAL() {
	if db.wal.mem != nil {
		unmapShm(db.wal.mem)
		db.wal.mem = nil
	}
	if db.wal.conn != nil {
		db.wal.conn.Close()
		db.wal.conn = nil
	}
}
