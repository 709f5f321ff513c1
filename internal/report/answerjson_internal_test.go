package report

import "testing"

// TestPlain8 checks the word-at-a-time test against the byte table: every
// byte value at every place in a word of plain bytes, and two awkward
// bytes together (a borrow from one must not hide or invent another).
func TestPlain8(t *testing.T) {
	base := []byte("abcdefgh")
	for c := range 256 {
		for at := range 8 {
			w := append([]byte(nil), base...)
			w[at] = byte(c)
			want := c < len(jsonPlain) && jsonPlain[c]
			if got := plain8(string(w)); got != want {
				t.Errorf("plain8(%q) = %v, want %v", w, got, want)
			}
		}
	}
	for c1 := range 256 {
		for c2 := range 256 {
			w := []byte{'a', byte(c1), byte(c2), 'z', ' ', '~', '<', byte(c2)}
			want := true
			for _, c := range w {
				want = want && c < 0x80 && jsonPlain[c]
			}
			if got := plain8(string(w)); got != want {
				t.Fatalf("plain8(%q) = %v, want %v", w, got, want)
			}
		}
	}
}
