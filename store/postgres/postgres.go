// Package postgres is treatyline's store for a team: a kb.Store in a
// PostgreSQL database, through pgx, so that several reviewers and a
// server that outlives anyone's laptop share one knowledge base.
//
// It keeps what store/sqlite keeps, by the same rules (the contract suite
// store/storetest runs against both): every version of every claim,
// provision and entity, append-only (triggers refuse UPDATE and DELETE on
// the history), each with the time the store recorded it, so that the
// knowledge base can be read as it stood at any record time; a head table
// per kind points at the current version and holds the columns that
// ClaimFilter selects on. A version's whole record is kept as JSON beside
// those columns.
//
// Every write takes one advisory lock first, so that writes are
// serialised across every program using the database: record times then
// increase in the order writes commit, and a decision on the version a
// reviewer read (kb.Decision.Expect) is checked against what is current
// without a race. The schema is versioned: Open applies the migrations the database
// lacks, each in its own transaction, and refuses a database written by a
// newer treatyline.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"treatyline/kb"
)

// DB is a knowledge base in a PostgreSQL database. It implements kb.Store
// and is safe for concurrent use.
type DB struct {
	pool *pgxpool.Pool
	name string // the connection string, password hidden, for messages

	// Now, when set, gives the time recorded for a write (tests set it);
	// otherwise the database server's clock is used. Either way a write's
	// record time is later than every earlier write's.
	Now func() time.Time
}

var _ kb.Store = (*DB)(nil)

// connectTimeout bounds how long Open waits for the server.
const connectTimeout = 10 * time.Second

// IsURL reports whether a --db value names a PostgreSQL database
// (postgres:// or postgresql://) rather than a file.
func IsURL(s string) bool {
	s = strings.ToLower(s)
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Redact gives a connection string with its password hidden, even one
// that does not parse.
func Redact(conn string) string {
	u, err := url.Parse(conn)
	if err == nil {
		return u.Redacted()
	}
	// scheme://user:password@host...: hide what stands between the first
	// ':' after the scheme and the last '@'.
	scheme, rest, ok := strings.Cut(conn, "://")
	at := strings.LastIndex(rest, "@")
	if !ok || at < 0 {
		return conn
	}
	if user, _, hasPass := strings.Cut(rest[:at], ":"); hasPass {
		return scheme + "://" + user + ":xxxxx" + rest[at:]
	}
	return conn
}

// Open connects to the database a connection string names
// (postgres://user:password@host:port/database?options) and brings its
// schema up to date. It fails with a message naming the problem for a
// connection string that does not parse, a server that does not answer or
// refuses the login, a database written by a newer treatyline
// (ErrNewerSchema), and a database that holds other tables.
func Open(ctx context.Context, conn string) (*DB, error) {
	name := Redact(conn)
	cfg, err := pgxpool.ParseConfig(conn)
	if err != nil {
		var pe *pgconn.ParseConfigError
		if errors.As(err, &pe) && pe.Unwrap() != nil {
			err = pe.Unwrap()
		}
		return nil, fmt.Errorf("open store %s: the connection string does not read: %v (want postgres://user:password@host:port/database)", name, err)
	}
	if cfg.ConnConfig.ConnectTimeout == 0 || cfg.ConnConfig.ConnectTimeout > connectTimeout {
		cfg.ConnConfig.ConnectTimeout = connectTimeout
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", name, err)
	}
	db := &DB{pool: pool, name: name}
	pctx, cancel := context.WithTimeout(ctx, connectTimeout)
	err = pool.Ping(pctx)
	cancel()
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("open store %s: cannot reach the PostgreSQL server: %v", name, connError(err))
	}
	if err := db.migrate(ctx, migrations); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open store %s: %w", name, err)
	}
	return db, nil
}

// connError gives the part of a connection error that names the problem.
func connError(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s (SQLSTATE %s)", pe.Message, pe.Code)
	}
	return err
}

// Close releases the store.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// txn is a write transaction with its record time.
type txn struct {
	ctx context.Context
	tx  pgx.Tx
	now time.Time
}

// write runs f in a transaction under the write lock, committed when f
// returns nil and rolled back otherwise: nothing of a failed write
// reaches the database. The transaction's record time is the clock's, or
// just after the last one given when the clock has gone back.
func (db *DB) write(ctx context.Context, f func(t *txn) error) error {
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockKey); err != nil {
			return fmt.Errorf("take the write lock: %w", err)
		}
		var clock any // NULL: the server's clock
		if db.Now != nil {
			clock = db.Now().UTC()
		}
		var now time.Time
		if err := tx.QueryRow(ctx, `UPDATE record_clock
			SET last = greatest(coalesce($1::timestamptz, clock_timestamp()), last + interval '1 microsecond'),
				generation = generation + 1
			RETURNING last`, clock).Scan(&now); err != nil {
			return fmt.Errorf("read the record clock: %w", err)
		}
		return f(&txn{ctx: ctx, tx: tx, now: now.UTC()})
	})
}

// Generation gives a number that grows with every committed write to the
// database, by any program, so that a reader that keeps what it computed
// (a server's snapshot) can tell it is stale. A read or a failed write
// leaves it as it was.
func (db *DB) Generation(ctx context.Context) (int64, error) {
	var g int64
	if err := db.pool.QueryRow(ctx, `SELECT generation FROM record_clock`).Scan(&g); err != nil {
		return 0, fmt.Errorf("read the store's generation: %w", err)
	}
	return g, nil
}

// read runs f in a read-only transaction that sees one snapshot.
func (db *DB) read(ctx context.Context, f func(tx pgx.Tx) error) error {
	tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	return f(tx)
}

// row runs a query for one row; found is false when there is none.
func (t *txn) row(query string, args []any, dest ...any) (found bool, err error) {
	err = t.tx.QueryRow(t.ctx, query, args...).Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

func (t *txn) exec(query string, args ...any) error {
	_, err := t.tx.Exec(t.ctx, query, args...)
	return err
}

// Meta returns a fact about the store, or "" when the key is unset.
func (db *DB) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := db.pool.QueryRow(ctx, `SELECT value FROM meta WHERE key = $1`, key).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
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
	return t.exec(`INSERT INTO meta (key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
}

// AddToken records a reviewer's token by its hash.
func (db *DB) AddToken(ctx context.Context, tok kb.Token) error {
	if err := kb.ValidateToken(tok); err != nil {
		return err
	}
	err := db.write(ctx, func(t *txn) error {
		if tok.Created.IsZero() {
			tok.Created = t.now
		}
		var one int
		if found, err := t.row(`SELECT 1 FROM tokens WHERE name = $1 AND revoked IS NULL`, []any{tok.Name}, &one); err != nil {
			return err
		} else if found {
			return kb.Errorf(kb.ECONFLICT, "token %q: the reviewer has a valid token: revoke it first", tok.Name)
		}
		if found, err := t.row(`SELECT 1 FROM tokens WHERE hash = $1`, []any{tok.Hash}, &one); err != nil {
			return err
		} else if found {
			return kb.Errorf(kb.ECONFLICT, "token %q: this token is already stored", tok.Name)
		}
		return t.exec(`INSERT INTO tokens (name, hash, created) VALUES ($1, $2, $3)`, tok.Name, tok.Hash, tok.Created)
	})
	if err != nil && kb.ErrorCode(err) == kb.EINTERNAL {
		return fmt.Errorf("add token %q: %w", tok.Name, err)
	}
	return err
}

// Tokens lists the tokens, revoked ones included, by name and time.
func (db *DB) Tokens(ctx context.Context) ([]kb.Token, error) {
	rows, err := db.pool.Query(ctx, `SELECT name, hash, created, revoked FROM tokens ORDER BY name, created, hash`)
	if err != nil {
		return nil, fmt.Errorf("read tokens: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (kb.Token, error) {
		var tok kb.Token
		var revoked *time.Time
		err := r.Scan(&tok.Name, &tok.Hash, &tok.Created, &revoked)
		tok.Created = tok.Created.UTC()
		if revoked != nil {
			tok.Revoked = revoked.UTC()
		}
		return tok, err
	})
	if err != nil {
		return nil, fmt.Errorf("read tokens: %w", err)
	}
	return out, nil
}

// RevokeToken revokes the valid token of a name (ENOTFOUND when it has
// none).
func (db *DB) RevokeToken(ctx context.Context, name string, at time.Time) error {
	err := db.write(ctx, func(t *txn) error {
		if at.IsZero() {
			at = t.now
		}
		tag, err := t.tx.Exec(t.ctx, `UPDATE tokens SET revoked = $1 WHERE name = $2 AND revoked IS NULL`, at, name)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return kb.Errorf(kb.ENOTFOUND, "no valid token for %q", name)
		}
		return nil
	})
	if err != nil && kb.ErrorCode(err) == kb.EINTERNAL {
		return fmt.Errorf("revoke token %q: %w", name, err)
	}
	return err
}
