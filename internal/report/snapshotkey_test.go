package report

import (
	"testing"
	"time"

	"treatyline/kb"
)

// TestMarkOfKey: a snapshot key of the same build and store gives the
// mark it was taken at; anything else gives none.
func TestMarkOfKey(t *testing.T) {
	const prefix = "build=v1 123 456 store=abc "
	at := time.Date(2026, 12, 4, 17, 0, 0, 123456000, time.UTC)
	for _, c := range []struct {
		key  string
		want kb.Mark
		ok   bool
	}{
		{prefix + "generation=42 at=2026-12-04T17:00:00.123456Z", kb.Mark{Generation: 42, At: at}, true},
		{prefix + "generation=42", kb.Mark{}, false},
		{"build=v2 123 456 store=abc generation=42 at=2026-12-04T17:00:00.123456Z", kb.Mark{}, false},
		{"build=v1 123 456 store=xyz generation=42 at=2026-12-04T17:00:00.123456Z", kb.Mark{}, false},
		{prefix + "generation=42 at=2026-12-04T17:00:00.123456Z more", kb.Mark{}, false},
		{prefix + "generation=4x2 at=2026-12-04T17:00:00.123456Z", kb.Mark{}, false},
		{prefix + "generation=42 at=yesterday", kb.Mark{}, false},
		{prefix + "generation=+42 at=2026-12-04T17:00:00.123456Z", kb.Mark{}, false},
		{"", kb.Mark{}, false},
	} {
		got, ok := markOfKey(c.key, prefix)
		if ok != c.ok || got.Generation != c.want.Generation || !got.At.Equal(c.want.At) {
			t.Errorf("markOfKey(%q) = %+v, %v; want %+v, %v", c.key, got, ok, c.want, c.ok)
		}
	}
}

// FuzzMarkOfKey: a key read as a mark is the key that mark gives.
func FuzzMarkOfKey(f *testing.F) {
	const prefix = "build=b store=s "
	f.Add(prefix + "generation=7 at=2026-01-02T03:04:05.000006Z")
	f.Add(prefix + "generation=7")
	f.Add("generation=-1 at=0001-01-01T00:00:00Z")
	f.Fuzz(func(t *testing.T, key string) {
		m, ok := markOfKey(key, prefix)
		if !ok {
			return
		}
		if again := prefix + markKey(m); again != key {
			t.Errorf("markOfKey(%q) = %+v, which names %q", key, m, again)
		}
	})
}
