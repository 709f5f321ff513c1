package records

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
	"time"

	"treatyline/data"
	"treatyline/kb"
)

// TestNext: ingest and the bundle never replace a decision and record
// nothing for the same content; decisions always write; rewrites keep the
// decided state they find.
func TestNext(t *testing.T) {
	tests := []struct {
		name                    string
		m                       Mode
		found, wasDecided, same bool
		wantWrite, wantDecided  bool
	}{
		{"new record", Propose, false, false, false, true, false},
		{"changed candidate", Propose, true, false, false, true, false},
		{"same content", Propose, true, false, true, false, false},
		{"over a decision", Propose, true, true, false, false, false},
		{"decision", Decide, true, false, true, true, true},
		{"decision again", Decide, true, true, true, true, true},
		{"rewrite of a decision", Rewrite, true, true, false, true, true},
		{"rewrite of a candidate", Rewrite, true, false, false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, d := Next(tt.m, tt.found, tt.wasDecided, tt.same)
			if w != tt.wantWrite || d != tt.wantDecided {
				t.Errorf("Next = %v, %v; want %v, %v", w, d, tt.wantWrite, tt.wantDecided)
			}
		})
	}
}

// TestDigestIsMarshal: a digest is the SHA-256 of json.Marshal's bytes,
// as every digest already stored was made, whatever the record holds.
func TestDigestIsMarshal(t *testing.T) {
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	check := func(v any, got string) {
		t.Helper()
		j, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(j)
		if want := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("digest %s, want %s (of %s)", got, want, j)
		}
	}
	if len(b.Claims) == 0 || len(b.Provisions) == 0 {
		t.Fatal("no bundled records")
	}
	for _, c := range b.Claims {
		got, err := ClaimDigest(c)
		if err != nil {
			t.Fatal(err)
		}
		c.RecordedAt, c.RecordedBy, c.Version, c.Decided, c.StoredAt = time.Time{}, "", 0, false, time.Time{}
		if len(c.Evidence) == 0 {
			c.Evidence = nil
		}
		check(c, got)
	}
	for _, p := range b.Provisions {
		got, err := ProvisionDigest(p)
		if err != nil {
			t.Fatal(err)
		}
		p.RecordedBy, p.Version, p.Decided, p.StoredAt = "", 0, false, time.Time{}
		if len(p.Evidence) == 0 {
			p.Evidence = nil
		}
		check(p, got)
	}
}
