package kb

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Anchoring finds a piece of evidence in its source's text: at its
// position when the quote stands there, otherwise by the quote with its
// prefix and suffix, as W3C Web Annotation clients re-anchor selectors
// when a document's offsets drift.

// Anchoring is the outcome of Anchor.
type Anchoring struct {
	Position TextPositionSelector
	// Moved is set when the quote was not at its recorded position and
	// was found elsewhere.
	Moved bool
	// Candidates counts the places the quote stands in the text.
	Candidates int
}

// Anchor locates evidence in text (the source's whole text). It fails when
// the quote is nowhere in the text, or stands in several places none of
// which its prefix and suffix single out.
func Anchor(text string, ev Evidence) (Anchoring, error) {
	q := ev.Quote
	if q.Exact == "" {
		return Anchoring{}, fmt.Errorf("empty quote")
	}
	if s, ok := sliceRunes(text, ev.Position.Start, ev.Position.End); ok && s == q.Exact {
		return Anchoring{Position: ev.Position, Candidates: 1}, nil
	}
	type hit struct{ start, score int }
	var hits []hit
	runeAt := 0 // code points before byte offset `from`
	from := 0
	for {
		i := strings.Index(text[from:], q.Exact)
		if i < 0 {
			break
		}
		runeAt += utf8.RuneCountInString(text[from : from+i])
		b := from + i
		score := 0
		if q.Prefix != "" && strings.HasSuffix(text[:b], q.Prefix) {
			score += 2
		}
		if q.Suffix != "" && strings.HasPrefix(text[b+len(q.Exact):], q.Suffix) {
			score += 2
		}
		hits = append(hits, hit{runeAt, score})
		from = b + len(q.Exact)
		runeAt += utf8.RuneCountInString(q.Exact)
	}
	if len(hits) == 0 {
		return Anchoring{}, fmt.Errorf("quote %q not found in the source", q.Exact)
	}
	best, tie := hits[0], false
	for _, h := range hits[1:] {
		switch {
		case h.score > best.score:
			best, tie = h, false
		case h.score == best.score:
			tie = true
		}
	}
	if tie {
		return Anchoring{Candidates: len(hits)}, fmt.Errorf("quote %q stands %d times in the source and its prefix and suffix do not tell which", q.Exact, len(hits))
	}
	n := utf8.RuneCountInString(q.Exact)
	return Anchoring{Position: TextPositionSelector{Start: best.start, End: best.start + n}, Moved: true, Candidates: len(hits)}, nil
}

// sliceRunes gives the code points start..end of s.
func sliceRunes(s string, start, end int) (string, bool) {
	if start < 0 || end < start {
		return "", false
	}
	i, b0 := 0, -1
	for bi := range s {
		if i == start {
			b0 = bi
		}
		if i == end {
			if b0 < 0 {
				return "", false
			}
			return s[b0:bi], true
		}
		i++
	}
	if i == end && b0 >= 0 {
		return s[b0:], true
	}
	if i == end && start == end {
		return "", true
	}
	return "", false
}
