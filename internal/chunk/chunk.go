// Package chunk cuts a long text into pieces that a finder (dates,
// amounts) can read one at a time, so that what it builds per token is
// kept for one piece, not for the whole text: a 20 MB document dense with
// dates would otherwise hold hundreds of bytes per byte at once.
package chunk

import (
	"strings"
	"unicode/utf8"
)

// Size is the length in bytes a piece is cut at (or soon after).
const Size = 64 << 10

// window is how far past Size a cut is looked for.
const window = 64 << 10

// Piece is a part of a text and where it starts in it.
type Piece struct {
	Text string
	// Byte and Rune are the offsets of the piece's start in the text, in
	// bytes and in code points.
	Byte, Rune int
}

// Split cuts text into pieces of about size bytes, each cut made just
// before a paragraph break ("\n\n"), or failing one nearby before a line
// break, or failing one before the space after a full stop, so that a
// mention that does not cross such a break is whole in one piece. A text
// without any of them nearby is not cut there. A text of at most size
// bytes is one piece.
func Split(text string, size int) []Piece {
	if size <= 0 {
		size = Size
	}
	var out []Piece
	byteOff, runeOff := 0, 0
	for len(text) > size {
		cut := cutAt(text, size)
		if cut <= 0 || cut >= len(text) {
			break
		}
		p := Piece{Text: text[:cut], Byte: byteOff, Rune: runeOff}
		out = append(out, p)
		byteOff += cut
		runeOff += utf8.RuneCountInString(p.Text)
		text = text[cut:]
	}
	return append(out, Piece{Text: text, Byte: byteOff, Rune: runeOff})
}

// cutAt finds where to cut text at or after size: the byte offset of the
// break, which begins the next piece; 0 for none.
func cutAt(text string, size int) int {
	end := min(len(text), size+window)
	look := text[size:end]
	for _, sep := range []string{"\n\n", "\n", ". "} {
		if i := strings.Index(look, sep); i >= 0 {
			if sep == ". " {
				return size + i + 1 // the space begins the next piece
			}
			return size + i
		}
	}
	// No break near: the next one anywhere, so that work stays bounded
	// by the text's own breaks.
	for _, sep := range []string{"\n", ". "} {
		if i := strings.Index(text[end:], sep); i >= 0 {
			if sep == ". " {
				return end + i + 1
			}
			return end + i
		}
	}
	return 0
}
