package report

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"treatyline/engine"
	"treatyline/kb"
	"treatyline/kb/kbsnap"
)

// SnapshotUse says how LoadRecordsCached came by the records, for a
// caller to log.
type SnapshotUse struct {
	// Hit is true when the records were read from the snapshot.
	Hit bool
	// Miss is why the snapshot was not used: no file (fs.ErrNotExist),
	// a stale one (kbsnap.ErrStale), one of another format
	// (kbsnap.ErrFormat) or a damaged one (kbsnap.ErrCorrupt). Nil on a
	// hit.
	Miss error
	// CaughtUp is true when a stale snapshot of the same store was read
	// and brought up to it by what the store recorded since
	// (kb.ChangeReader), instead of reading the store whole; Miss says
	// why the snapshot was stale.
	CaughtUp bool
	// WriteErr is why the snapshot could not be written after a miss.
	// The records were read from the store all the same: a snapshot is a
	// cache, and a start without one is slow, not wrong.
	WriteErr error
}

// LoadRecordsCached gives the records LoadEngine builds on (the store's
// entities, claims and provisions) from the snapshot at path when it was
// saved under key; from a snapshot of an earlier state of the same store
// brought up to it by what the store recorded since, when the store can
// tell (kb.ChangeReader); and otherwise from the store. In the last two
// cases it saves the records under key at path for the next start.
//
// key must change whenever what the store holds does, and must be taken
// before the store is read (SnapshotKey is one): a key taken after might
// name a write made while the store was being read, and a snapshot that
// misses that write would be taken for the store that has it. A key taken
// before errs the safe way: the next start finds the store moved on and
// reads it again.
func LoadRecordsCached(ctx context.Context, st kb.Reader, path, key string) (*kbsnap.Snapshot, SnapshotUse, error) {
	s, err := kbsnap.ReadFile(path, key)
	if err == nil {
		return s, SnapshotUse{Hit: true}, nil
	}
	use := SnapshotUse{Miss: err}
	if errors.Is(err, kbsnap.ErrStale) {
		if s, ok := catchUpFile(ctx, st, path, key); ok {
			s.Key = key
			use.CaughtUp = true
			use.WriteErr = kbsnap.WriteFile(path, s)
			return s, use, nil
		}
	}
	if s, err = readRecords(ctx, st); err != nil {
		return nil, use, err
	}
	s.Key = key
	use.WriteErr = kbsnap.WriteFile(path, s)
	return s, use, nil
}

// LoadEngineCached builds the engine as LoadEngine does, on the records
// LoadRecordsCached gives: from the snapshot at path when it was saved
// under key, from the store otherwise (saving a snapshot for the next
// start).
func LoadEngineCached(ctx context.Context, st kb.Reader, path, key string) (*engine.Engine, SnapshotUse, error) {
	s, use, err := LoadRecordsCached(ctx, st, path, key)
	if err != nil {
		return nil, use, err
	}
	return engine.New(s.Entities, s.Claims, s.Provisions), use, nil
}

// SnapshotIDMeta is the store's meta key that holds the random identity
// SnapshotKey gives a store.
const SnapshotIDMeta = "snapshot-store-id"

// SnapshotKey gives a key for a store's snapshot: build (what the binary
// is: its version, so that a build that reads a store differently does
// not take an older build's snapshot), the store's identity (a random id
// kept in its meta, written on the first call) and its Generation. The
// identity is what tells two stores with the same generation apart, such
// as a store deleted and made again; a copy of a store's file keeps it,
// so a copy should keep its snapshot beside it, not share one.
//
// The identity is read (and written) before the generation, so that
// writing it does not outdate the key.
func SnapshotKey(ctx context.Context, st kb.Store, build string) (string, error) {
	id, err := st.Meta(ctx, SnapshotIDMeta)
	if err != nil {
		return "", fmt.Errorf("snapshot key: %w", err)
	}
	if id == "" {
		var b [16]byte
		if _, err := rand.Read(b[:]); err != nil {
			return "", fmt.Errorf("snapshot key: %w", err)
		}
		id = hex.EncodeToString(b[:])
		if err := st.SetMeta(ctx, SnapshotIDMeta, id); err != nil {
			return "", fmt.Errorf("snapshot key: %w", err)
		}
	}
	prefix := fmt.Sprintf("build=%s store=%s ", build, id)
	if cr, ok := st.(kb.ChangeReader); ok {
		m, err := cr.Mark(ctx)
		if err != nil {
			return "", fmt.Errorf("snapshot key: %w", err)
		}
		if !m.At.IsZero() {
			return prefix + markKey(m), nil
		}
	}
	gen, err := st.Generation(ctx)
	if err != nil {
		return "", fmt.Errorf("snapshot key: %w", err)
	}
	return prefix + fmt.Sprintf("generation=%d", gen), nil
}

// markKey is the part of a snapshot key that names the store's mark.
func markKey(m kb.Mark) string {
	return fmt.Sprintf("generation=%d at=%s", m.Generation, m.At.UTC().Format(time.RFC3339Nano))
}

// markOfKey reads the mark a snapshot key names (SnapshotKey of a store
// that tells its changes), when the key has prefix (the same build and
// store) and names it as markKey does.
func markOfKey(key, prefix string) (kb.Mark, bool) {
	rest, ok := strings.CutPrefix(key, prefix)
	if !ok {
		return kb.Mark{}, false
	}
	var m kb.Mark
	var at string
	if n, err := fmt.Sscanf(rest, "generation=%d at=%s", &m.Generation, &at); n != 2 || err != nil {
		return kb.Mark{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return kb.Mark{}, false
	}
	m.At = t.UTC()
	if markKey(m) != rest {
		return kb.Mark{}, false
	}
	return m, true
}

// catchUpFile reads the snapshot at path saved for an earlier state of
// the same store (a key with the prefix of key, up to its generation),
// and brings its records up to the store by what the store recorded since
// (kb.ChangeReader). ok is false when there is no such snapshot or the
// store cannot tell what changed: then the store is read whole.
func catchUpFile(ctx context.Context, st kb.Reader, path, key string) (*kbsnap.Snapshot, bool) {
	cr, ok := st.(kb.ChangeReader)
	i := strings.LastIndex(key, "generation=")
	if !ok || i < 0 {
		return nil, false
	}
	prefix := key[:i]
	var m kb.Mark
	old, err := kbsnap.ReadFileIf(path, func(k string) (ok bool) {
		m, ok = markOfKey(k, prefix)
		return ok
	})
	if err != nil {
		return nil, false
	}
	ch, err := cr.ChangesSince(ctx, m)
	if err != nil {
		return nil, false
	}
	return CaughtUp(old, ch), true
}
