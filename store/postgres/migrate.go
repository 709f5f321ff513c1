package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// ErrNewerSchema is the error (wrapped) Open returns for a database whose
// schema is newer than this program's: writing to it could break rules
// this program does not know, so it is not opened at all.
var ErrNewerSchema = errors.New("the store was written by a newer treatyline")

// migrations are the schema's steps in order: migrations[i] brings a
// database from schema version i to i+1, in one transaction (PostgreSQL's
// DDL is transactional: a failed step leaves nothing behind). A step that
// has shipped is never edited; a change is a new step at the end.
var migrations = []string{
	// 1: the first schema. Ids sort by bytes (COLLATE "C"), as Go's
	// strings do. Claims, provisions and entities keep every version,
	// append-only, each with the time the store recorded it (stored_at);
	// a head table per kind points at the current version.
	`
CREATE TABLE meta (
	key   TEXT COLLATE "C" PRIMARY KEY,
	value TEXT NOT NULL
);

-- Sources are immutable: a changed text is a new source. The text may be
-- missing (NULL) when only the metadata is known, and be filled in later
-- with the text of the same hash.
CREATE TABLE sources (
	id        TEXT COLLATE "C" PRIMARY KEY,
	title     TEXT NOT NULL DEFAULT '',
	language  TEXT NOT NULL DEFAULT '',
	origin    TEXT NOT NULL DEFAULT '',
	sha256    TEXT NOT NULL CHECK (length(sha256) = 64),
	text      TEXT,
	added     TIMESTAMPTZ NOT NULL,
	stored_at TIMESTAMPTZ NOT NULL
);

-- The current state of each entity (data: the JSON of records.Entity),
-- and every state it has had.
-- status and merged_into are copied from data, for the filters.
CREATE TABLE entities (
	id          TEXT COLLATE "C" PRIMARY KEY,
	kind        TEXT NOT NULL,
	status      TEXT NOT NULL CHECK (status IN ('candidate', 'accepted', 'rejected')),
	merged_into TEXT COLLATE "C" REFERENCES entities (id),
	version     INTEGER NOT NULL,
	data        TEXT NOT NULL
);
CREATE INDEX entities_kind ON entities (kind, id);
CREATE INDEX entities_merged_into ON entities (merged_into);
CREATE TABLE entity_versions (
	entity    TEXT COLLATE "C" NOT NULL REFERENCES entities (id),
	version   INTEGER NOT NULL CHECK (version > 0),
	stored_at TIMESTAMPTZ NOT NULL,
	data      TEXT NOT NULL,
	PRIMARY KEY (entity, version)
);

-- Every version of every claim: the columns ClaimFilter selects on, and
-- the whole claim as JSON (data). digest identifies the content (all but
-- who recorded it when), so that applying the same claim again adds no
-- version. decided marks a reviewer's decision (Decide), which Apply
-- never replaces.
CREATE TABLE claim_versions (
	claim        TEXT COLLATE "C" NOT NULL,
	version      INTEGER NOT NULL CHECK (version > 0),
	subject      TEXT COLLATE "C" NOT NULL REFERENCES entities (id),
	property     TEXT COLLATE "C" NOT NULL,
	status       TEXT NOT NULL CHECK (status IN ('candidate', 'accepted', 'rejected')),
	value_entity TEXT COLLATE "C" REFERENCES entities (id),
	recorded_at  TIMESTAMPTZ NOT NULL,
	recorded_by  TEXT NOT NULL DEFAULT '',
	digest       TEXT NOT NULL,
	decided      BOOLEAN NOT NULL DEFAULT false,
	stored_at    TIMESTAMPTZ NOT NULL,
	data         TEXT NOT NULL,
	PRIMARY KEY (claim, version)
);
CREATE INDEX claim_versions_stored ON claim_versions (stored_at);
-- The sources a claim version's evidence cites, for the Source filter.
CREATE TABLE claim_sources (
	claim   TEXT COLLATE "C" NOT NULL,
	version INTEGER NOT NULL,
	source  TEXT COLLATE "C" NOT NULL REFERENCES sources (id),
	PRIMARY KEY (source, claim, version),
	FOREIGN KEY (claim, version) REFERENCES claim_versions (claim, version)
);
CREATE TABLE claims (
	id           TEXT COLLATE "C" PRIMARY KEY,
	version      INTEGER NOT NULL,
	subject      TEXT COLLATE "C" NOT NULL,
	property     TEXT COLLATE "C" NOT NULL,
	status       TEXT NOT NULL,
	value_entity TEXT COLLATE "C",
	FOREIGN KEY (id, version) REFERENCES claim_versions (claim, version)
);
CREATE INDEX claims_subject ON claims (subject, property, id);
CREATE INDEX claims_property ON claims (property, subject, id);
CREATE INDEX claims_status ON claims (status, subject, property, id);
CREATE INDEX claims_value_entity ON claims (value_entity, subject, property, id);

CREATE TABLE provision_versions (
	provision   TEXT COLLATE "C" NOT NULL,
	version     INTEGER NOT NULL CHECK (version > 0),
	treaty      TEXT COLLATE "C" NOT NULL REFERENCES entities (id),
	status      TEXT NOT NULL CHECK (status IN ('candidate', 'accepted', 'rejected')),
	recorded_by TEXT NOT NULL DEFAULT '',
	digest      TEXT NOT NULL,
	decided     BOOLEAN NOT NULL DEFAULT false,
	stored_at   TIMESTAMPTZ NOT NULL,
	data        TEXT NOT NULL,
	PRIMARY KEY (provision, version)
);
CREATE INDEX provision_versions_stored ON provision_versions (stored_at);
CREATE TABLE provisions (
	id      TEXT COLLATE "C" PRIMARY KEY,
	version INTEGER NOT NULL,
	treaty  TEXT COLLATE "C" NOT NULL,
	FOREIGN KEY (id, version) REFERENCES provision_versions (provision, version)
);
CREATE INDEX provisions_treaty ON provisions (treaty, id);

-- Every decision a curator made on an entity, as kb.EntityDecision JSON.
-- other is the second entity of a merge (into) or a split (new).
CREATE TABLE entity_decisions (
	seq         BIGSERIAL PRIMARY KEY,
	entity      TEXT COLLATE "C" NOT NULL REFERENCES entities (id),
	other       TEXT COLLATE "C" REFERENCES entities (id),
	action      TEXT NOT NULL,
	detail      TEXT NOT NULL,
	recorded_at TIMESTAMPTZ NOT NULL,
	recorded_by TEXT NOT NULL DEFAULT '',
	stored_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX entity_decisions_entity ON entity_decisions (entity, seq);
CREATE INDEX entity_decisions_other ON entity_decisions (other, seq);

-- Reviewers' tokens, by the SHA-256 of the token: the token itself is
-- never stored. A name has at most one valid token.
CREATE TABLE tokens (
	name    TEXT COLLATE "C" NOT NULL,
	hash    TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
	created TIMESTAMPTZ NOT NULL,
	revoked TIMESTAMPTZ
);
CREATE UNIQUE INDEX tokens_valid ON tokens (name) WHERE revoked IS NULL;

-- The last record time given, so that record times increase in the order
-- writes commit (writes take the store's write lock first), and a count
-- of the writes committed, for readers that keep what they computed.
CREATE TABLE record_clock (
	one        BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
	last       TIMESTAMPTZ NOT NULL,
	generation BIGINT NOT NULL DEFAULT 0
);
INSERT INTO record_clock (last) VALUES ('-infinity');

-- History is append-only; sources and entities are never deleted.
CREATE FUNCTION treatyline_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER claim_versions_append_only BEFORE UPDATE OR DELETE ON claim_versions
	FOR EACH ROW EXECUTE FUNCTION treatyline_refuse('claim versions are append-only');
CREATE TRIGGER claim_sources_append_only BEFORE UPDATE OR DELETE ON claim_sources
	FOR EACH ROW EXECUTE FUNCTION treatyline_refuse('claim versions are append-only');
CREATE TRIGGER provision_versions_append_only BEFORE UPDATE OR DELETE ON provision_versions
	FOR EACH ROW EXECUTE FUNCTION treatyline_refuse('provision versions are append-only');
CREATE TRIGGER entity_decisions_append_only BEFORE UPDATE OR DELETE ON entity_decisions
	FOR EACH ROW EXECUTE FUNCTION treatyline_refuse('entity decisions are append-only');
CREATE TRIGGER entity_versions_append_only BEFORE UPDATE OR DELETE ON entity_versions
	FOR EACH ROW EXECUTE FUNCTION treatyline_refuse('entity versions are append-only');
CREATE TRIGGER entities_kept BEFORE DELETE ON entities
	FOR EACH ROW EXECUTE FUNCTION treatyline_refuse('entities are never deleted: claims refer to them');
CREATE TRIGGER sources_kept BEFORE DELETE ON sources
	FOR EACH ROW EXECUTE FUNCTION treatyline_refuse('sources are never deleted');
CREATE TRIGGER tokens_kept BEFORE DELETE ON tokens
	FOR EACH ROW EXECUTE FUNCTION treatyline_refuse('tokens are revoked, never deleted');
CREATE TRIGGER sources_immutable BEFORE UPDATE ON sources
	FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.sha256 IS DISTINCT FROM NEW.sha256
		OR (OLD.text IS NOT NULL AND OLD.text IS DISTINCT FROM NEW.text)
		OR OLD.stored_at IS DISTINCT FROM NEW.stored_at)
	EXECUTE FUNCTION treatyline_refuse('sources are immutable: a changed text is a new source');
`,
	// 2: the entities' states indexed by record time, so that what was
	// recorded after a mark is read without reading everything
	// (ChangesSince).
	`
CREATE INDEX entity_versions_stored ON entity_versions (stored_at);
CREATE INDEX sources_stored ON sources (stored_at);
`,
}

// lockKey is the advisory lock every write transaction of a treatyline
// store takes first ("trln"), so that writes, migrations included, are
// serialised and record times follow the order of commits.
const lockKey = 0x74726c6e

// migrate checks that the database is a treatyline store (or empty) and
// applies the steps it lacks, each in its own transaction under the write
// lock, so that a failed step leaves the database at the previous version
// and two programs opening a new database at once do not both apply one.
func (db *DB) migrate(ctx context.Context, steps []string) error {
	// A database that is up to date is opened without the write lock, so
	// that opening does not wait for a long write (an ingest) to commit.
	var exists bool
	if err := db.pool.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err == nil && exists {
		var v int
		if err := db.pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err == nil && v == len(steps) {
			return nil
		}
	}
	for {
		done, err := db.migrateOne(ctx, steps)
		if err != nil || done {
			return err
		}
	}
}

func (db *DB) migrateOne(ctx context.Context, steps []string) (done bool, err error) {
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockKey); err != nil {
			return fmt.Errorf("take the write lock: %w", err)
		}
		var hasTable bool
		var others []string
		err := tx.QueryRow(ctx, `SELECT
			EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'),
			coalesce((SELECT array_agg(tablename::text ORDER BY tablename) FROM pg_tables WHERE schemaname = current_schema()), '{}')`).Scan(&hasTable, &others)
		if err != nil {
			return fmt.Errorf("read the schema: %w", err)
		}
		if !hasTable {
			if len(others) > 0 {
				return fmt.Errorf("not a treatyline store: the database has tables (%s) but no schema_migrations", joinMax(others, 5))
			}
			if _, err := tx.Exec(ctx, `CREATE TABLE schema_migrations (
				version    INTEGER PRIMARY KEY,
				applied_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())`); err != nil {
				return fmt.Errorf("create schema_migrations: %w", err)
			}
		}
		var v int
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
		switch {
		case v > len(steps):
			return fmt.Errorf("schema version %d, but this program knows versions up to %d (use a newer treatyline): %w", v, len(steps), ErrNewerSchema)
		case v == len(steps):
			done = true
			return nil
		}
		if _, err := tx.Exec(ctx, steps[v]); err != nil {
			return fmt.Errorf("migrate schema to version %d: %w", v+1, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, v+1); err != nil {
			return fmt.Errorf("record schema version %d: %w", v+1, err)
		}
		return nil
	})
	return done, err
}

func joinMax(xs []string, n int) string {
	s := ""
	for i, x := range xs {
		if i == n {
			return s + fmt.Sprintf(", and %d more", len(xs)-n)
		}
		if i > 0 {
			s += ", "
		}
		s += x
	}
	return s
}

// SchemaVersion gives the schema version of the database, for
// diagnostics.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := db.pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}
