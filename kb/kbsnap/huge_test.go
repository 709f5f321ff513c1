package kbsnap

import "testing"

func TestHugeSpan(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		name        string
		p, n        uintptr
		off, length uintptr
	}{
		{"small", 0x10000, mb, 0, 0},
		{"just under the minimum", 0x10000, hugeMin - 1, 0, 0},
		{"aligned", 0x10000, 8 * mb, 0, 8 * mb},
		{"aligned, a tail", 0x10000, 8*mb + 100, 0, 8 * mb},
		{"unaligned start", 0x10010, 8 * mb, 4096 - 0x10, 8*mb - 4096},
		{"unaligned both", 0x10010, 8*mb + 4096, 4096 - 0x10, 8 * mb},
	} {
		off, length := hugeSpan(c.p, c.n)
		if off != c.off || length != c.length {
			t.Errorf("%s: hugeSpan(%#x, %d) = %d, %d; want %d, %d", c.name, c.p, c.n, off, length, c.off, c.length)
		}
		if length > 0 && ((c.p+off)%4096 != 0 || length%4096 != 0 || off+length > c.n) {
			t.Errorf("%s: span %d+%d is not whole pages inside the array", c.name, off, length)
		}
	}
}

// TestHugePagesKeepsContents: the advice changes nothing in an array, filled
// before or after it.
func TestHugePagesKeepsContents(t *testing.T) {
	s := make([]uint64, hugeMin/8+1000)
	s[0], s[len(s)-1] = 1, 2
	hugePages(s)
	for i := range s {
		if i%1000 == 0 {
			s[i] += uint64(i)
		}
	}
	if s[0] != 1 || s[len(s)-1] != 2 || s[1000] != 1000 {
		t.Fatalf("contents changed: %d %d %d", s[0], s[len(s)-1], s[1000])
	}
	hugePages([]uint64(nil))
	hugePages(make([]byte, 10))
}
