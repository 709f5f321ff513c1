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
	if c := breakIn(text, size, end, []string{"\n\n", "\n", ". "}); c > 0 {
		return c
	}
	// No break near: the next one anywhere, so that work stays bounded
	// by the text's own breaks.
	return breakIn(text, end, len(text), []string{"\n", ". "})
}

// breakIn finds the first break of the first kind in seps that has one in
// text[from:to]: the byte offset that begins the next piece, 0 for none.
// A run of line breaks is never split (the next piece begins with the
// whole run, so that a blank line is still seen as one), and a full stop
// after a day's or month's figure, or before a figure or a small letter,
// is not taken for a sentence's end ("6. Juni", "Jan. 5", "cf. the").
func breakIn(text string, from, to int, seps []string) int {
	for _, sep := range seps {
		for at := from; at < to; {
			i := strings.Index(text[at:to], sep)
			if i < 0 {
				break
			}
			c := at + i
			if sep == ". " {
				if ordinal(text[:c]) || c+2 < len(text) && (text[c+2] >= '0' && text[c+2] <= '9' || text[c+2] >= 'a' && text[c+2] <= 'z') {
					at = c + 1
					continue
				}
				return c + 1 // the space begins the next piece
			}
			// Back to the start of the run of line breaks.
			for c > 0 && (text[c-1] == '\n' || text[c-1] == '\r') {
				c--
			}
			if c > 0 {
				return c
			}
			// The run starts the text: the next break after it.
			for c < len(text) && (text[c] == '\n' || text[c] == '\r') {
				c++
			}
			at = max(c, at+i+len(sep))
		}
	}
	return 0
}

// ordinal says whether text ends in a figure of one or two digits, which a
// full stop after makes an ordinal in many languages ("6. Juni", "6.6.").
func ordinal(text string) bool {
	n := 0
	for n < len(text) && n < 3 && text[len(text)-1-n] >= '0' && text[len(text)-1-n] <= '9' {
		n++
	}
	return n == 1 || n == 2
}
