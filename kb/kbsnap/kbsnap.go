// Package kbsnap keeps a knowledge base's records (entities, claims and
// provisions, every field of them) in one compact binary file that loads
// in a fraction of the time a store takes to read them, so that a process
// can start at a million provisions without reading the store.
//
// A snapshot carries a key that the caller chooses, such as the store's
// identity and Generation taken before the records were read. A snapshot
// is used only when its key is the one asked for: ReadFile returns
// ErrStale otherwise, and the caller reads the store and writes a new one.
//
// The file is a header (a magic string, the format version, the key), a
// body and a CRC-32C of everything before it. The body is a string table
// (every distinct string once, so that ids, sources, quotes and
// vocabulary shared by many records are stored and decoded once and the
// decoded records share them), the sizes of what the records hold, and
// the records: string fields as indices into the table, numbers as
// varints. Decoding reads the whole file into memory and walks it once,
// with no reflection; every slice is allocated at its size, and the
// records' lists of evidence, ids and aliases are windows on one array of
// each. A file that is not a snapshot, of another format version,
// truncated or damaged is refused with an error (ErrFormat, ErrCorrupt),
// never half read.
package kbsnap

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"

	"treatyline/kb"
)

// Snapshot is a knowledge base's records with the key they were saved
// under. Decoded records share strings and the arrays behind their slices:
// treat them as read-only (the engine does).
type Snapshot struct {
	// Key is what the caller validates a snapshot by: the store's
	// identity and generation, say. At most MaxKey bytes.
	Key        string
	Entities   []kb.Entity
	Claims     []kb.Claim
	Provisions []kb.Provision
}

// FormatVersion is the version of the file format this package writes
// and reads. It changes whenever the encoding does (a field added to a
// record, say), so that a snapshot written by another build is refused
// (ErrFormat) rather than misread.
const FormatVersion = 2

// MaxKey is the longest key a snapshot takes, so that reading a header
// reads a bounded prefix of the file.
const MaxKey = 4096

// magic opens every snapshot file.
const magic = "TLKBSNAP"

// The errors a snapshot is refused with, wrapped with the file and the
// place: test them with errors.Is.
var (
	// ErrStale is a snapshot saved under another key than the one asked
	// for: the store has changed since, or it is another store's.
	ErrStale = errors.New("snapshot is stale")
	// ErrFormat is a file that is not a snapshot, or one of another
	// format version.
	ErrFormat = errors.New("not a snapshot of this format")
	// ErrCorrupt is a snapshot that is truncated, damaged (its checksum
	// does not match) or inconsistent.
	ErrCorrupt = errors.New("snapshot is corrupt")
)

// castagnoli is CRC-32C, which CPUs compute in hardware: checking a
// snapshot of a million provisions costs milliseconds.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// header gives a snapshot's key from the start of its file, and where its
// body begins. It needs only the first headerMax bytes.
func header(data []byte) (key string, body int, err error) {
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return "", 0, fmt.Errorf("%w: no magic %q at the start", ErrFormat, magic)
	}
	off := len(magic)
	if len(data) < off+4 {
		return "", 0, fmt.Errorf("%w: header ends before the format version", ErrCorrupt)
	}
	if v := binary.LittleEndian.Uint32(data[off:]); v != FormatVersion {
		return "", 0, fmt.Errorf("%w: format version %d (this build reads %d)", ErrFormat, v, FormatVersion)
	}
	off += 4
	n, w := binary.Uvarint(data[off:])
	if w <= 0 {
		return "", 0, fmt.Errorf("%w: header ends in the key's length", ErrCorrupt)
	}
	if n > MaxKey {
		return "", 0, fmt.Errorf("%w: key of %d bytes (at most %d)", ErrCorrupt, n, MaxKey)
	}
	off += w
	if uint64(len(data)-off) < n {
		return "", 0, fmt.Errorf("%w: header ends in the key", ErrCorrupt)
	}
	return string(data[off : off+int(n)]), off + int(n), nil
}

// headerMax is the most bytes a header takes.
const headerMax = len(magic) + 4 + binary.MaxVarintLen64 + MaxKey

// Decode reads a snapshot from the bytes of its file. It keeps no
// reference to data. The error wraps ErrFormat or ErrCorrupt.
func Decode(data []byte) (*Snapshot, error) { return decode(data, false) }

// decode decodes data; with shared, data is never changed or freed, and
// the records' strings are cut from it without copies.
func decode(data []byte, shared bool) (*Snapshot, error) {
	key, body, err := header(data)
	if err != nil {
		return nil, err
	}
	if len(data)-body < 4 {
		return nil, fmt.Errorf("%w: truncated: no checksum after the header", ErrCorrupt)
	}
	end := len(data) - 4
	if got, want := crc32.Checksum(data[:end], castagnoli), binary.LittleEndian.Uint32(data[end:]); got != want {
		return nil, fmt.Errorf("%w: checksum %08x, file says %08x (truncated or damaged)", ErrCorrupt, got, want)
	}
	s := &Snapshot{Key: key}
	d := decoder{b: data[:end], off: body, shared: shared}
	if err := d.snapshot(s); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return s, nil
}

// Encode gives the bytes of a snapshot's file. It fails only for a key
// longer than MaxKey or more distinct strings or records than a uint32
// counts.
func Encode(s *Snapshot) ([]byte, error) {
	if len(s.Key) > MaxKey {
		return nil, fmt.Errorf("snapshot key of %d bytes (at most %d)", len(s.Key), MaxKey)
	}
	var e encoder
	e.init(len(s.Provisions))
	e.snapshot(s)
	if e.err != nil {
		return nil, e.err
	}
	out := make([]byte, 0, headerMax+e.tableSize()+len(e.counts)+len(e.buf)+4)
	out = append(out, magic...)
	out = binary.LittleEndian.AppendUint32(out, FormatVersion)
	out = binary.AppendUvarint(out, uint64(len(s.Key)))
	out = append(out, s.Key...)
	out = e.appendTable(out)
	out = append(out, e.counts...)
	out = append(out, e.buf...)
	return binary.LittleEndian.AppendUint32(out, crc32.Checksum(out, castagnoli)), nil
}

// WriteFile writes a snapshot to path atomically: to a temporary file in
// the same directory, synced, then renamed over path, so that a reader
// sees the old file or the new one whole, and a crash leaves no half
// file under path.
func WriteFile(path string, s *Snapshot) (err error) {
	data, err := Encode(s)
	if err != nil {
		return fmt.Errorf("write snapshot %s: %w", path, err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("write snapshot %s: %w", f.Name(), err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("write snapshot %s: %w", f.Name(), err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write snapshot %s: %w", f.Name(), err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	return nil
}

// ReadFile reads the snapshot at path if it was saved under key. It reads
// the header first, so that a stale snapshot (ErrStale) costs a few bytes
// of reading, not the whole file. Where it can, it maps the file into
// memory rather than reading it, and the records' strings are views on
// the mapping, which is kept for the life of the process: a snapshot
// file must be replaced (WriteFile renames a new one over it), never
// changed in place while a process has read it. Errors wrap ErrStale, ErrFormat,
// ErrCorrupt, or the file system's (fs.ErrNotExist for no file), and
// name the file.
func ReadFile(path, key string) (*Snapshot, error) {
	return readFile(path, keyIs(key))
}

// ReadFileIf is ReadFile for a snapshot saved under any key that accept
// takes (ErrStale otherwise), such as an older state of the same store
// that the caller can bring up to date (its key is the Snapshot's Key).
func ReadFileIf(path string, accept func(key string) bool) (*Snapshot, error) {
	return readFile(path, func(got string) error {
		if !accept(got) {
			return fmt.Errorf("%w: saved under key %q", ErrStale, got)
		}
		return nil
	})
}

// keyIs checks that a snapshot was saved under key.
func keyIs(key string) func(got string) error {
	return func(got string) error {
		if got != key {
			return fmt.Errorf("%w: saved under key %q, not %q", ErrStale, got, key)
		}
		return nil
	}
}

// readFile reads the snapshot at path if check takes its key.
func readFile(path string, check func(key string) error) (*Snapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	size := fi.Size()
	if size < 0 || int64(int(size)) != size {
		return nil, fmt.Errorf("read snapshot %s: %w: size %d", path, ErrCorrupt, size)
	}
	if s, ok, err := readMapped(f, int(size), check); ok {
		if err != nil {
			return nil, fmt.Errorf("read snapshot %s: %w", path, err)
		}
		return s, nil
	}
	data := make([]byte, int(size))
	head := min(len(data), headerMax)
	if _, err := io.ReadFull(f, data[:head]); err != nil {
		return nil, fmt.Errorf("read snapshot %s: %w", path, err)
	}
	got, _, err := header(data[:head])
	if err != nil {
		return nil, fmt.Errorf("read snapshot %s: %w", path, err)
	}
	if err := check(got); err != nil {
		return nil, fmt.Errorf("read snapshot %s: %w", path, err)
	}
	if _, err := io.ReadFull(f, data[head:]); err != nil {
		return nil, fmt.Errorf("read snapshot %s: %w", path, err)
	}
	// A file that grew since Stat is being written by someone who does
	// not rename: refuse rather than read part of it.
	var one [1]byte
	if n, _ := f.Read(one[:]); n != 0 {
		return nil, fmt.Errorf("read snapshot %s: %w: the file grew while it was read", path, ErrCorrupt)
	}
	s, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("read snapshot %s: %w", path, err)
	}
	return s, nil
}
