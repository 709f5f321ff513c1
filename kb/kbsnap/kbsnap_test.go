package kbsnap

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/google/go-cmp/cmp"

	"treatyline/data"
	"treatyline/engine/synth"
	"treatyline/histdate"
	"treatyline/kb"
)

// storeLike fills in what a store gives records on reading and synth
// does not (versions, record times, decisions, confidences), so that the
// round trip covers them as a store's snapshot has them.
func storeLike(s *Snapshot) *Snapshot {
	at := time.Date(2025, 3, 1, 12, 0, 0, 123456789, time.UTC)
	for i := range s.Claims {
		c := &s.Claims[i]
		c.Version, c.StoredAt, c.RecordedAt = 1+i%3, at.Add(time.Duration(i)*time.Millisecond), at
		c.Decided = i%7 == 0
	}
	for i := range s.Provisions {
		p := &s.Provisions[i]
		p.Version, p.StoredAt, p.RecordedBy = 1+i%2, at.Add(time.Duration(i/100)*time.Second), "ingest"
		if i%5 == 0 {
			p.Confidence = 0.5 + float64(i%50)/100
		}
	}
	return s
}

func synthSnapshot(cfg synth.Config) *Snapshot {
	ents, claims, provs := synth.Generate(cfg)
	return &Snapshot{Key: "synth", Entities: ents, Claims: claims, Provisions: provs}
}

func bundled(t testing.TB) *Snapshot {
	t.Helper()
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	return &Snapshot{Key: "bundle " + b.Hash, Entities: b.Entities, Claims: b.Claims, Provisions: b.Provisions}
}

// edgeCases are snapshots of records with every field set, and of nil
// beside empty, for the round trip and as the fuzz test's seeds.
func edgeCases() map[string]*Snapshot {
	cet := time.FixedZone("CET", 3600)
	ev := []kb.Evidence{{Source: "src/ä", SHA256: strings.Repeat("ab", 32),
		Quote:    kb.TextQuoteSelector{Exact: "瑷珲城", Prefix: "在", Suffix: "，"},
		Position: kb.TextPositionSelector{Start: 12, End: 15}}}
	full := &Snapshot{
		Key: "store:αβγ:gen=42",
		Entities: []kb.Entity{{
			ID: "territory/x", Kind: kb.KindTerritory,
			Labels:      map[string]string{"en": "Ussuri", "ru": "Уссури", "zh": "乌苏里"},
			Aliases:     []kb.Alias{{Text: "Wusuli", Lang: "zh", Script: "Latn"}, {Text: ""}},
			Description: "east of the river", Wikidata: "Q1",
			Geometry: &kb.Geometry{GeoJSON: []byte(`{"type":"Point","coordinates":[1,2]}`), Approximate: true, Note: "drawn by hand"},
			Status:   kb.Candidate, Confidence: 0.75, Evidence: ev, Note: "found in text", MergedInto: "territory/y",
		}, {
			ID: "polity/empty", Kind: kb.KindPolity, Labels: map[string]string{}, Aliases: []kb.Alias{},
			Geometry: &kb.Geometry{GeoJSON: []byte{}}, Evidence: []kb.Evidence{},
		}, {
			ID: "polity/nil", Geometry: &kb.Geometry{},
		}},
		Claims: []kb.Claim{{
			ID: "c1", Subject: "treaty/aigun-1858", Property: "signed",
			Value:      kb.DateValue("咸豐八年四月十六日", histdate.Chinese, "zh"),
			Qualifiers: map[string]kb.Value{"party": kb.EntityValue("polity/qing"), "note": kb.TextValue("ok"), "b": kb.BoolValue(true)},
			Evidence:   ev, Status: kb.Accepted, Rank: kb.Preferred, Note: "n", Confidence: 1,
			RecordedAt: time.Date(1858, 5, 28, 10, 0, 0, 1, cet), RecordedBy: "reviewer",
			Version: 7, Decided: true, StoredAt: time.Date(2026, 1, 2, 3, 4, 5, 999999999, time.UTC),
		}, {
			ID: "c2", Qualifiers: map[string]kb.Value{}, Evidence: []kb.Evidence{}, Version: -1,
			RecordedAt: time.Unix(-1e10, 0).UTC(),
		}, {
			ID: "c3",
		}},
		Provisions: []kb.Provision{{
			ID: "p1", Treaty: "treaty/aigun-1858", Type: "cession", Article: "1",
			Grantors: []string{"polity/qing"}, Grantees: []string{"polity/russia", "polity/x"},
			Objects: []string{"territory/x"}, Excludes: []string{"polity/z"},
			Limits: "pending a future settlement", Amount: &kb.Value{Type: kb.TQuantity, Text: "600 000 taels", Lang: "en"},
			Evidence: ev, Status: kb.Rejected, Rank: kb.Deprecated, Note: "😀 note", Exclusive: true,
			Confidence: 0.5, RecordedBy: "r", Version: 3, Decided: true, StoredAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		}, {
			ID: "p2", Grantors: []string{}, Grantees: []string{}, Objects: []string{}, Excludes: []string{},
			Amount: &kb.Value{}, Evidence: []kb.Evidence{}, Confidence: math.Copysign(0, -1),
		}, {
			ID: "p3",
		}},
	}
	return map[string]*Snapshot{
		"nil":      {},
		"empty":    {Key: "k", Entities: []kb.Entity{}, Claims: []kb.Claim{}, Provisions: []kb.Provision{}},
		"full":     full,
		"long key": {Key: strings.Repeat("k", MaxKey)},
	}
}

// TestRoundTrip: what is decoded deep-equals what was encoded, field for
// field, nil and empty kept apart, times in their zones.
func TestRoundTrip(t *testing.T) {
	cases := edgeCases()
	cases["bundled"] = bundled(t)
	cases["synth 10k"] = synthSnapshot(synth.Config{Seed: 1858, Polities: 30, Territories: 500, Treaties: 1_000, Provisions: 10_000})
	// Enough provisions that they are decoded in two halves at once.
	cases["synth 20k, split"] = synthSnapshot(synth.Config{Seed: 3, Polities: 30, Territories: 1_000, Treaties: 2_000, Provisions: 2 * splitMin})
	cases["synth 10k as stored"] = storeLike(synthSnapshot(synth.Config{Seed: 7, Polities: 30, Territories: 500, Treaties: 1_000, Provisions: 10_000}))
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			b, err := Encode(want)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decode(encode(x)) differs (-want +got):\n%s", cmp.Diff(want, got))
			}
			// The same records make the same file.
			again, err := Encode(got)
			if err != nil {
				t.Fatal(err)
			}
			if string(again) != string(b) {
				t.Errorf("encoding the decoded records gives another file (%d bytes, was %d)", len(again), len(b))
			}
		})
	}
}

// TestSharedStrings: records that name the same id share one string, so
// the decoded knowledge base holds each distinct string once.
func TestSharedStrings(t *testing.T) {
	s := edgeCases()["full"]
	b, err := Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	a, c := got.Provisions[0].Treaty, got.Claims[0].Subject
	if a != c || a == "" || unsafe.StringData(a) != unsafe.StringData(c) {
		t.Errorf("provision's treaty and claim's subject %q, %q are not one string", a, c)
	}
}

// frame makes a file around a body with a valid header and checksum, to
// test what the decoder makes of a body the checksum does not catch.
func frame(key string, body []byte) []byte {
	out := append([]byte(magic), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(out[len(magic):], FormatVersion)
	out = binary.AppendUvarint(out, uint64(len(key)))
	out = append(out, key...)
	out = append(out, body...)
	return binary.LittleEndian.AppendUint32(out, crc32.Checksum(out, castagnoli))
}

// TestRefused: a file that is not a snapshot, of another version,
// truncated, damaged or inconsistent is refused with the error that says
// which, never half read.
func TestRefused(t *testing.T) {
	good, err := Encode(edgeCases()["full"])
	if err != nil {
		t.Fatal(err)
	}
	_, bodyAt, err := header(good)
	if err != nil {
		t.Fatal(err)
	}
	body := good[bodyAt : len(good)-4]
	with := func(f func(b []byte)) []byte {
		b := append([]byte(nil), good...)
		f(b)
		return b
	}
	cases := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"empty file", nil, ErrFormat, "no magic"},
		{"sqlite file", []byte("SQLite format 3\x00" + strings.Repeat("\x00", 100)), ErrFormat, "no magic"},
		{"json", []byte(`{"entities":[]}`), ErrFormat, "no magic"},
		{"magic only", []byte(magic), ErrCorrupt, "format version"},
		{"other version", with(func(b []byte) { b[len(magic)] = FormatVersion + 1 }), ErrFormat, fmt.Sprintf("format version %d", FormatVersion+1)},
		{"truncated in the key", good[:len(magic)+6], ErrCorrupt, "key"},
		{"truncated after the header", good[:bodyAt], ErrCorrupt, "truncated"},
		{"truncated in the body", good[:len(good)/2], ErrCorrupt, "checksum"},
		{"last byte lost", good[:len(good)-1], ErrCorrupt, "checksum"},
		{"byte flipped", with(func(b []byte) { b[len(b)/2] ^= 0x10 }), ErrCorrupt, "checksum"},
		{"byte appended", append(append([]byte(nil), good...), 0), ErrCorrupt, "checksum"},
		{"key too long", frame(strings.Repeat("k", MaxKey+1), body), ErrCorrupt, "key of"},
		{"empty body", frame("k", nil), ErrCorrupt, "string table"},
		{"bytes after the records", frame("k", append(append([]byte(nil), body...), 0)), ErrCorrupt, "after the last record"},
		// A table of one string (""), then the counts: one entity, no
		// claims, no provisions, the totals of evidence, ids, aliases
		// and amounts, and no split; then the entity's eleven fields.
		{"split past the records", frame("k", []byte{2, 0, 2, 0, 0, 0, 0, 0, 0, 1, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), ErrCorrupt, "past the records"},
		{"string out of the table", frame("k", []byte{2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), ErrCorrupt, "string 9 not in the table of 1"},
		{"counts too large", frame("k", []byte{2, 0, 0x80, 0x80, 0x80, 0x80, 0x10}), ErrCorrupt, "more than the bytes left"},
		{"evidence counted but not used", frame("k", []byte{2, 0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), ErrCorrupt, "counts say more"},
		{"unknown flags", frame("k", []byte{2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0}), ErrCorrupt, "unknown entity flags"},
		{"a well-formed body", frame("k", []byte{2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Decode(c.data)
			if c.want == nil {
				if err != nil || len(s.Entities) != 1 {
					t.Fatalf("Decode = %v, %v; want one entity", s, err)
				}
				return
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("Decode = %v, %v; want error %v", s, err, c.want)
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %q does not say %q", err, c.msg)
			}
		})
	}
}

// TestFiles: WriteFile replaces a snapshot whole and leaves no temporary
// file; ReadFile gives it back under its key and refuses it under another.
func TestFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "kb.snap")
	if _, err := ReadFile(path, "k"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile of no file: %v, want fs.ErrNotExist", err)
	}
	old := edgeCases()["empty"]
	if err := WriteFile(path, old); err != nil {
		t.Fatal(err)
	}
	want := edgeCases()["full"]
	if err := WriteFile(path, want); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(path, want.Key)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadFile (-want +got):\n%s", cmp.Diff(want, got))
	}
	_, err = ReadFile(path, "store:αβγ:gen=43")
	if !errors.Is(err, ErrStale) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "gen=42") {
		t.Errorf("ReadFile under another key: %v, want ErrStale naming the file and both keys", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("directory holds %d files, want the snapshot alone", len(entries))
	}
	if err := os.WriteFile(path, []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(path, want.Key); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), path) {
		t.Errorf("ReadFile of garbage: %v, want ErrFormat naming the file", err)
	}
	if err := WriteFile(filepath.Join(dir, "no", "such", "dir"), want); err == nil {
		t.Error("WriteFile into a missing directory succeeded")
	}
	if _, err := Encode(&Snapshot{Key: strings.Repeat("k", MaxKey+1)}); err == nil {
		t.Error("Encode took a key longer than MaxKey")
	}
}
