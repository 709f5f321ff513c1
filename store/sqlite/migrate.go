package sqlite

import (
	"context"
	"errors"
	"fmt"
)

// ErrNewerSchema is the error (wrapped) Open returns for a file whose schema
// is newer than this program's: writing to it could break rules this
// program does not know, so it is not opened at all.
var ErrNewerSchema = errors.New("the store was written by a newer treatyline")

// migrations are the schema's steps in order: migrations[i] brings a file
// from schema version i to i+1, in one transaction. A step that has shipped
// is never edited; a change is a new step at the end. (A step that must
// rebuild a table would need foreign keys off, which SQLite only allows
// outside a transaction; init would then have to run it specially.)
var migrations = []string{
	// 1: the first schema.
	`
PRAGMA application_id = 0x74726c6e;

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- Sources are immutable: a changed text is a new source. The text may be
-- missing (NULL) when only the metadata is known, and be filled in later
-- with the text of the same hash.
CREATE TABLE sources (
	id       TEXT PRIMARY KEY,
	title    TEXT NOT NULL DEFAULT '',
	language TEXT NOT NULL DEFAULT '',
	origin   TEXT NOT NULL DEFAULT '',
	sha256   TEXT NOT NULL CHECK (length(sha256) = 64),
	text     TEXT,
	added    TEXT NOT NULL
) STRICT;

CREATE TRIGGER sources_immutable BEFORE UPDATE ON sources
WHEN OLD.id IS NOT NEW.id OR OLD.sha256 IS NOT NEW.sha256
	OR (OLD.text IS NOT NULL AND OLD.text IS NOT NEW.text)
BEGIN
	SELECT RAISE(ABORT, 'sources are immutable: a changed text is a new source');
END;
CREATE TRIGGER sources_kept BEFORE DELETE ON sources
BEGIN
	SELECT RAISE(ABORT, 'sources are never deleted');
END;

-- Entities are replaced in place; claims refer to them by id, so they are
-- updated rather than deleted and inserted.
CREATE TABLE entities (
	id                   TEXT PRIMARY KEY,
	kind                 TEXT NOT NULL,
	description          TEXT NOT NULL DEFAULT '',
	wikidata             TEXT NOT NULL DEFAULT '',
	geojson              TEXT CHECK (geojson IS NULL OR json_valid(geojson)),
	geometry_approximate INTEGER NOT NULL DEFAULT 0,
	geometry_note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX entities_kind ON entities (kind, id);

CREATE TRIGGER entities_kept BEFORE DELETE ON entities
BEGIN
	SELECT RAISE(ABORT, 'entities are never deleted: claims refer to them');
END;

-- Labels and aliases have their own tables, indexed by text, for name
-- search and the alias gazetteer.
CREATE TABLE entity_labels (
	entity TEXT NOT NULL REFERENCES entities (id),
	lang   TEXT NOT NULL,
	label  TEXT NOT NULL,
	PRIMARY KEY (entity, lang)
) STRICT, WITHOUT ROWID;
CREATE INDEX entity_labels_label ON entity_labels (label);

CREATE TABLE entity_aliases (
	entity TEXT NOT NULL REFERENCES entities (id),
	seq    INTEGER NOT NULL,
	text   TEXT NOT NULL,
	lang   TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (entity, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX entity_aliases_text ON entity_aliases (text);

-- Every version of every claim, append-only. A value is kept in typed
-- columns, every field as given. digest identifies the content (all but
-- recorded_at and recorded_by), so that applying the same claim again adds
-- no version.
CREATE TABLE claim_versions (
	claim          TEXT NOT NULL,
	version        INTEGER NOT NULL CHECK (version > 0),
	subject        TEXT NOT NULL REFERENCES entities (id),
	property       TEXT NOT NULL,
	value_type     TEXT NOT NULL,
	value_entity   TEXT REFERENCES entities (id),
	value_text     TEXT NOT NULL DEFAULT '',
	value_calendar TEXT NOT NULL DEFAULT '',
	value_lang     TEXT NOT NULL DEFAULT '',
	value_bool     INTEGER NOT NULL DEFAULT 0,
	status         TEXT NOT NULL CHECK (status IN ('candidate', 'accepted', 'rejected')),
	rank           TEXT NOT NULL CHECK (rank IN ('preferred', 'normal', 'deprecated')),
	note           TEXT NOT NULL DEFAULT '',
	recorded_at    TEXT NOT NULL,
	recorded_by    TEXT NOT NULL DEFAULT '',
	digest         TEXT NOT NULL,
	PRIMARY KEY (claim, version)
) STRICT, WITHOUT ROWID;

-- Qualifier entity values are not foreign keys: a clause qualifier names a
-- provision, not an entity.
CREATE TABLE claim_qualifiers (
	claim          TEXT NOT NULL,
	version        INTEGER NOT NULL,
	name           TEXT NOT NULL,
	value_type     TEXT NOT NULL,
	value_entity   TEXT,
	value_text     TEXT NOT NULL DEFAULT '',
	value_calendar TEXT NOT NULL DEFAULT '',
	value_lang     TEXT NOT NULL DEFAULT '',
	value_bool     INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (claim, version, name),
	FOREIGN KEY (claim, version) REFERENCES claim_versions (claim, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE claim_evidence (
	claim   TEXT NOT NULL,
	version INTEGER NOT NULL,
	seq     INTEGER NOT NULL,
	source  TEXT NOT NULL REFERENCES sources (id),
	sha256  TEXT NOT NULL,
	exact   TEXT NOT NULL,
	prefix  TEXT NOT NULL DEFAULT '',
	suffix  TEXT NOT NULL DEFAULT '',
	pos_start INTEGER NOT NULL,
	pos_end   INTEGER NOT NULL,
	PRIMARY KEY (claim, version, seq),
	FOREIGN KEY (claim, version) REFERENCES claim_versions (claim, version)
) STRICT, WITHOUT ROWID;
CREATE INDEX claim_evidence_source ON claim_evidence (source, claim, version);

-- The current version of each claim, with the columns ClaimFilter selects
-- on copied from it, so that the indexes cover current claims only.
CREATE TABLE claims (
	id           TEXT PRIMARY KEY,
	version      INTEGER NOT NULL,
	subject      TEXT NOT NULL,
	property     TEXT NOT NULL,
	status       TEXT NOT NULL,
	value_entity TEXT,
	FOREIGN KEY (id, version) REFERENCES claim_versions (claim, version)
) STRICT, WITHOUT ROWID;
CREATE INDEX claims_subject ON claims (subject, property, id);
CREATE INDEX claims_property ON claims (property, subject, id);
CREATE INDEX claims_status ON claims (status, subject, property, id);
CREATE INDEX claims_value_entity ON claims (value_entity, subject, property, id);

-- Every version of every provision, append-only like claims.
CREATE TABLE provision_versions (
	provision       TEXT NOT NULL,
	version         INTEGER NOT NULL CHECK (version > 0),
	treaty          TEXT NOT NULL REFERENCES entities (id),
	type            TEXT NOT NULL,
	article         TEXT NOT NULL DEFAULT '',
	limits          TEXT NOT NULL DEFAULT '',
	amount_type     TEXT,
	amount_entity   TEXT REFERENCES entities (id),
	amount_text     TEXT NOT NULL DEFAULT '',
	amount_calendar TEXT NOT NULL DEFAULT '',
	amount_lang     TEXT NOT NULL DEFAULT '',
	amount_bool     INTEGER NOT NULL DEFAULT 0,
	status          TEXT NOT NULL CHECK (status IN ('candidate', 'accepted', 'rejected')),
	rank            TEXT NOT NULL CHECK (rank IN ('preferred', 'normal', 'deprecated')),
	note            TEXT NOT NULL DEFAULT '',
	exclusive       INTEGER NOT NULL DEFAULT 0,
	recorded_at     TEXT NOT NULL,
	recorded_by     TEXT NOT NULL DEFAULT '',
	digest          TEXT NOT NULL,
	PRIMARY KEY (provision, version)
) STRICT, WITHOUT ROWID;

-- The parties and objects of a provision version, by role, in order.
CREATE TABLE provision_entities (
	provision TEXT NOT NULL,
	version   INTEGER NOT NULL,
	role      TEXT NOT NULL CHECK (role IN ('grantor', 'grantee', 'object', 'exclude')),
	seq       INTEGER NOT NULL,
	entity    TEXT NOT NULL REFERENCES entities (id),
	PRIMARY KEY (provision, version, role, seq),
	FOREIGN KEY (provision, version) REFERENCES provision_versions (provision, version)
) STRICT, WITHOUT ROWID;
CREATE INDEX provision_entities_entity ON provision_entities (entity);

CREATE TABLE provision_evidence (
	provision TEXT NOT NULL,
	version   INTEGER NOT NULL,
	seq       INTEGER NOT NULL,
	source    TEXT NOT NULL REFERENCES sources (id),
	sha256    TEXT NOT NULL,
	exact     TEXT NOT NULL,
	prefix    TEXT NOT NULL DEFAULT '',
	suffix    TEXT NOT NULL DEFAULT '',
	pos_start INTEGER NOT NULL,
	pos_end   INTEGER NOT NULL,
	PRIMARY KEY (provision, version, seq),
	FOREIGN KEY (provision, version) REFERENCES provision_versions (provision, version)
) STRICT, WITHOUT ROWID;
CREATE INDEX provision_evidence_source ON provision_evidence (source, provision, version);

CREATE TABLE provisions (
	id      TEXT PRIMARY KEY,
	version INTEGER NOT NULL,
	treaty  TEXT NOT NULL,
	FOREIGN KEY (id, version) REFERENCES provision_versions (provision, version)
) STRICT, WITHOUT ROWID;
CREATE INDEX provisions_treaty ON provisions (treaty, id);

-- History is append-only.
CREATE TRIGGER claim_versions_append_only_u BEFORE UPDATE ON claim_versions
BEGIN SELECT RAISE(ABORT, 'claim versions are append-only'); END;
CREATE TRIGGER claim_versions_append_only_d BEFORE DELETE ON claim_versions
BEGIN SELECT RAISE(ABORT, 'claim versions are append-only'); END;
CREATE TRIGGER claim_qualifiers_append_only_u BEFORE UPDATE ON claim_qualifiers
BEGIN SELECT RAISE(ABORT, 'claim versions are append-only'); END;
CREATE TRIGGER claim_qualifiers_append_only_d BEFORE DELETE ON claim_qualifiers
BEGIN SELECT RAISE(ABORT, 'claim versions are append-only'); END;
CREATE TRIGGER claim_evidence_append_only_u BEFORE UPDATE ON claim_evidence
BEGIN SELECT RAISE(ABORT, 'claim versions are append-only'); END;
CREATE TRIGGER claim_evidence_append_only_d BEFORE DELETE ON claim_evidence
BEGIN SELECT RAISE(ABORT, 'claim versions are append-only'); END;
CREATE TRIGGER provision_versions_append_only_u BEFORE UPDATE ON provision_versions
BEGIN SELECT RAISE(ABORT, 'provision versions are append-only'); END;
CREATE TRIGGER provision_versions_append_only_d BEFORE DELETE ON provision_versions
BEGIN SELECT RAISE(ABORT, 'provision versions are append-only'); END;
CREATE TRIGGER provision_entities_append_only_u BEFORE UPDATE ON provision_entities
BEGIN SELECT RAISE(ABORT, 'provision versions are append-only'); END;
CREATE TRIGGER provision_entities_append_only_d BEFORE DELETE ON provision_entities
BEGIN SELECT RAISE(ABORT, 'provision versions are append-only'); END;
CREATE TRIGGER provision_evidence_append_only_u BEFORE UPDATE ON provision_evidence
BEGIN SELECT RAISE(ABORT, 'provision versions are append-only'); END;
CREATE TRIGGER provision_evidence_append_only_d BEFORE DELETE ON provision_evidence
BEGIN SELECT RAISE(ABORT, 'provision versions are append-only'); END;
`,
	// 2: entities have a review state, a confidence, evidence and a note,
	// and may be merged into another; curators' decisions on entities are
	// recorded, append-only; aliases say their script; claims and
	// provisions carry ingest's confidence.
	`
ALTER TABLE entities ADD COLUMN status TEXT NOT NULL DEFAULT 'accepted'
	CHECK (status IN ('candidate', 'accepted', 'rejected'));
ALTER TABLE entities ADD COLUMN confidence REAL NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE entities ADD COLUMN merged_into TEXT REFERENCES entities (id);
CREATE INDEX entities_status ON entities (status, id);
CREATE INDEX entities_merged_into ON entities (merged_into);

ALTER TABLE entity_aliases ADD COLUMN script TEXT NOT NULL DEFAULT '';

-- Where an entity was found named; replaced with the entity.
CREATE TABLE entity_evidence (
	entity    TEXT NOT NULL REFERENCES entities (id),
	seq       INTEGER NOT NULL,
	source    TEXT NOT NULL REFERENCES sources (id),
	sha256    TEXT NOT NULL,
	exact     TEXT NOT NULL,
	prefix    TEXT NOT NULL DEFAULT '',
	suffix    TEXT NOT NULL DEFAULT '',
	pos_start INTEGER NOT NULL,
	pos_end   INTEGER NOT NULL,
	PRIMARY KEY (entity, seq)
) STRICT, WITHOUT ROWID;

-- Every decision a curator made on an entity, as kb.EntityDecision JSON.
-- other is the second entity of a merge (into) or a split (new).
CREATE TABLE entity_decisions (
	seq         INTEGER PRIMARY KEY,
	entity      TEXT NOT NULL REFERENCES entities (id),
	other       TEXT REFERENCES entities (id),
	action      TEXT NOT NULL,
	detail      TEXT NOT NULL CHECK (json_valid(detail)),
	recorded_at TEXT NOT NULL,
	recorded_by TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX entity_decisions_entity ON entity_decisions (entity, seq);
CREATE INDEX entity_decisions_other ON entity_decisions (other, seq);
CREATE TRIGGER entity_decisions_append_only_u BEFORE UPDATE ON entity_decisions
BEGIN SELECT RAISE(ABORT, 'entity decisions are append-only'); END;
CREATE TRIGGER entity_decisions_append_only_d BEFORE DELETE ON entity_decisions
BEGIN SELECT RAISE(ABORT, 'entity decisions are append-only'); END;

ALTER TABLE claim_versions ADD COLUMN confidence REAL NOT NULL DEFAULT 0;
ALTER TABLE provision_versions ADD COLUMN confidence REAL NOT NULL DEFAULT 0;
`,
	// 3: decided versions, and a generation counter.
	`
-- A version written by a reviewer's decision (Decide, SetStatus), which
-- Apply never replaces. Versions stored before this step are taken for
-- decisions when they look like one: a claim recorded by someone other
-- than ingest, the bundle or a test fixture, with a status other than
-- candidate; a provision whose note begins with a decision.
ALTER TABLE claim_versions ADD COLUMN decided INTEGER NOT NULL DEFAULT 0;
ALTER TABLE provision_versions ADD COLUMN decided INTEGER NOT NULL DEFAULT 0;
CREATE TEMP TABLE decided_claims AS
	SELECT claim, version FROM claim_versions
	WHERE recorded_by NOT IN ('', 'treatyline ingest', 'treatyline data/')
		AND status <> 'candidate'
		AND version > 1;
CREATE TEMP TABLE decided_provisions AS
	SELECT provision, version FROM provision_versions
	WHERE note LIKE 'accepted by %' OR note LIKE 'rejected by %' OR note LIKE 'candidate by %';
DROP TRIGGER claim_versions_append_only_u;
DROP TRIGGER provision_versions_append_only_u;
UPDATE claim_versions SET decided = 1 WHERE (claim, version) IN (SELECT claim, version FROM decided_claims);
UPDATE provision_versions SET decided = 1 WHERE (provision, version) IN (SELECT provision, version FROM decided_provisions);
DROP TABLE decided_claims;
DROP TABLE decided_provisions;
CREATE TRIGGER claim_versions_append_only_u BEFORE UPDATE ON claim_versions
BEGIN SELECT RAISE(ABORT, 'claim versions are append-only'); END;
CREATE TRIGGER provision_versions_append_only_u BEFORE UPDATE ON provision_versions
BEGIN SELECT RAISE(ABORT, 'provision versions are append-only'); END;

-- One row counting committed writes, for Generation.
CREATE TABLE generation (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
) STRICT;
INSERT INTO generation (id, n) VALUES (1, 0);
`,
	// 4: record time (when the store recorded each version, by its own
	// clock), the history of entities, and reviewers' tokens. Versions
	// stored before this step take the time they say they were recorded
	// (claims) or were written (provisions, sources); entities as they
	// stand are taken as known from the beginning.
	`
DROP TRIGGER claim_versions_append_only_u;
DROP TRIGGER provision_versions_append_only_u;
ALTER TABLE claim_versions ADD COLUMN stored_at TEXT NOT NULL DEFAULT '';
UPDATE claim_versions SET stored_at = recorded_at;
ALTER TABLE provision_versions ADD COLUMN stored_at TEXT NOT NULL DEFAULT '';
UPDATE provision_versions SET stored_at = recorded_at;
CREATE TRIGGER claim_versions_append_only_u BEFORE UPDATE ON claim_versions
BEGIN SELECT RAISE(ABORT, 'claim versions are append-only'); END;
CREATE TRIGGER provision_versions_append_only_u BEFORE UPDATE ON provision_versions
BEGIN SELECT RAISE(ABORT, 'provision versions are append-only'); END;
CREATE INDEX claim_versions_stored ON claim_versions (stored_at);
CREATE INDEX provision_versions_stored ON provision_versions (stored_at);

ALTER TABLE sources ADD COLUMN stored_at TEXT NOT NULL DEFAULT '';
DROP TRIGGER sources_immutable;
UPDATE sources SET stored_at = added;
CREATE TRIGGER sources_immutable BEFORE UPDATE ON sources
WHEN OLD.id IS NOT NEW.id OR OLD.sha256 IS NOT NEW.sha256
	OR (OLD.text IS NOT NULL AND OLD.text IS NOT NEW.text)
	OR OLD.stored_at IS NOT NEW.stored_at
BEGIN
	SELECT RAISE(ABORT, 'sources are immutable: a changed text is a new source');
END;

-- Every state of every entity, append-only, as JSON (the entity record of
-- entityRecord), for reading the knowledge base at a record time.
CREATE TABLE entity_versions (
	entity    TEXT NOT NULL REFERENCES entities (id),
	version   INTEGER NOT NULL CHECK (version > 0),
	stored_at TEXT NOT NULL,
	data      TEXT NOT NULL CHECK (json_valid(data)),
	PRIMARY KEY (entity, version)
) STRICT, WITHOUT ROWID;
INSERT INTO entity_versions (entity, version, stored_at, data)
SELECT e.id, 1, '0001-01-01T00:00:00.000000000Z', json_object(
	'kind', e.kind,
	'labels', json((SELECT json_group_object(l.lang, l.label) FROM entity_labels l WHERE l.entity = e.id)),
	'aliases', json((SELECT json_group_array(json_object('text', a.text, 'lang', a.lang, 'script', a.script))
		FROM (SELECT text, lang, script FROM entity_aliases WHERE entity = e.id ORDER BY seq) a)),
	'description', e.description,
	'wikidata', e.wikidata,
	'geojson', e.geojson,
	'approximate', json(CASE WHEN e.geometry_approximate THEN 'true' ELSE 'false' END),
	'geometry_note', e.geometry_note,
	'status', e.status,
	'confidence', e.confidence,
	'evidence', json((SELECT json_group_array(json_object('source', v.source, 'sha256', v.sha256,
			'quote', json_object('exact', v.exact, 'prefix', v.prefix, 'suffix', v.suffix),
			'position', json_object('start', v.pos_start, 'end', v.pos_end)))
		FROM (SELECT * FROM entity_evidence WHERE entity = e.id ORDER BY seq) v)),
	'note', e.note,
	'merged_into', coalesce(e.merged_into, ''))
FROM entities e;
CREATE TRIGGER entity_versions_append_only_u BEFORE UPDATE ON entity_versions
BEGIN SELECT RAISE(ABORT, 'entity versions are append-only'); END;
CREATE TRIGGER entity_versions_append_only_d BEFORE DELETE ON entity_versions
BEGIN SELECT RAISE(ABORT, 'entity versions are append-only'); END;

-- Reviewers' tokens, by the SHA-256 of the token: the token itself is
-- never stored. A name has at most one valid token.
CREATE TABLE tokens (
	name    TEXT NOT NULL,
	hash    TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
	created TEXT NOT NULL,
	revoked TEXT
) STRICT;
CREATE UNIQUE INDEX tokens_valid ON tokens (name) WHERE revoked IS NULL;
CREATE TRIGGER tokens_kept BEFORE DELETE ON tokens
BEGIN SELECT RAISE(ABORT, 'tokens are revoked, never deleted'); END;
`,
	// 5: the generation notes the record time of the write that brought
	// it (each write's record time is after the one before: see write),
	// and the entities' states are indexed by record time, so that what
	// was recorded after a mark is read without reading everything
	// (ChangesSince). It starts at the last record time the file holds,
	// but no later than now: a time in the future (a version that took
	// the time its record said, step 4) would otherwise date every later
	// write after it.
	`
ALTER TABLE generation ADD COLUMN stored_at TEXT NOT NULL DEFAULT '';
CREATE INDEX entity_versions_stored ON entity_versions (stored_at);
UPDATE generation SET stored_at = (SELECT coalesce(min(max(s), strftime('%Y-%m-%dT%H:%M:%S', 'now') || '.999999999Z'), '') FROM (
	SELECT max(stored_at) AS s FROM claim_versions
	UNION ALL SELECT max(stored_at) FROM provision_versions
	UNION ALL SELECT max(stored_at) FROM entity_versions
	UNION ALL SELECT max(stored_at) FROM sources));
`,
}

// init checks that the file is a treatyline store (or empty) and applies
// the migrations it lacks, each in its own transaction, so that a failed
// step leaves the file at the previous version.
func (db *DB) init(ctx context.Context, steps []string) error {
	// One statement reads both, so that another program making the file at
	// the same moment is seen whole or not at all.
	var appID, tables int
	err := db.db.QueryRowContext(ctx, `SELECT
		(SELECT application_id FROM pragma_application_id()),
		(SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name <> 'schema_migrations')`).Scan(&appID, &tables)
	if err != nil {
		return err
	}
	if appID != applicationID && tables > 0 {
		return fmt.Errorf("not a treatyline store (application_id %#x)", appID)
	}
	// The bookkeeping table is made outside the steps, so that every step,
	// the first included, is recorded the same way.
	if _, err := db.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at TEXT NOT NULL
	) STRICT`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	for {
		done, err := db.migrateOne(ctx, steps)
		if err != nil || done {
			return err
		}
	}
}

// migrateOne applies the next missing step, reading the file's version in
// the same (immediate) transaction, so that two programs opening a new file
// at once do not both apply a step. It reports whether the file is up to
// date.
func (db *DB) migrateOne(ctx context.Context, steps []string) (done bool, err error) {
	err = db.writeTx(ctx, func(t *txn) error {
		tx := t.tx // steps hold several statements each: not for the statement cache
		var v int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
		switch {
		case v > len(steps):
			return fmt.Errorf("schema version %d, but this program knows versions up to %d (use a newer treatyline): %w", v, len(steps), ErrNewerSchema)
		case v == len(steps):
			done = true
			return nil
		}
		if _, err := tx.ExecContext(ctx, steps[v]); err != nil {
			return fmt.Errorf("migrate schema to version %d: %w", v+1, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, v+1, formatTime(db.now())); err != nil {
			return fmt.Errorf("record schema version %d: %w", v+1, err)
		}
		return nil
	})
	return done, err
}

// SchemaVersion gives the schema version of the file, for diagnostics.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := db.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}
