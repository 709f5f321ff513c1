package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"treatyline/kb"
)

// The gazetteer reads texts and names as words: runs of letters, digits
// and marks (with apostrophes inside: "Ch'ing"), and single Han and kana
// characters, which are written without spaces. What stands between two
// words is summed up in a gap mark.

// gword is what the gazetteer knows of a word as written.
type gword struct {
	normal string // kb.NormalName of the word
	loose  string // kb.LooseName of the normal form
	first  int    // the most words of a name that starts with this word; 0 when none does
	lens   uint64 // the numbers of words of those names, as bits (nameLenBit)
	upper  bool   // the word has a capital letter
	stop   uint8  // the Languages (as bits) that have it among their commonest words
}

// gtoken is a word of a text or a name.
type gtoken struct {
	b0, b1 int32 // bytes
	r0, r1 int32 // code points
	sep    byte  // the gap mark before the word
	w      *gword
}

// Gap marks: what stands between two words. A name matches words whose
// gaps have the same marks, so "St. Petersburg" needs its period and "Amur
// River" does not match across a sentence's end.
const (
	gapSpace  = ' '  // white space, hyphens, brackets, quotes
	gapPeriod = '.'  // a period
	gapHard   = ','  // other punctuation
	gapPara   = '\n' // a blank line
)

// ASCII byte classes for the tokenizer.
const (
	bWord  = 1 << iota // a letter or digit
	bUpper             // a capital letter
	bSoft              // white space or punctuation that may stand inside a name
	bApos              // an apostrophe
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range utf8.RuneSelf {
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			t[c] = bWord
		case 'A' <= c && c <= 'Z':
			t[c] = bWord | bUpper
		case c == '\'':
			t[c] = bSoft | bApos
		case strings.ContainsRune(" \t\r\f\v-()[]\"", rune(c)):
			t[c] = bSoft
		}
	}
	return t
}()

// tokenize splits s into words, appending them to toks. word gives what
// is known of a word as written; words with an empty normal form (marks
// alone) are gaps.
func tokenize(s string, toks []gtoken, word func(string) *gword) []gtoken {
	var cur gtoken
	inWord := false
	newlines, period, hard := 0, false, false
	r := int32(0) // code points before i
	gap := func() byte {
		switch {
		case newlines >= 2:
			return gapPara
		case hard:
			return gapHard
		case period:
			return gapPeriod
		}
		return gapSpace
	}
	closeWord := func(b int, rr int32) {
		if !inWord {
			return
		}
		inWord = false
		cur.b1, cur.r1 = int32(b), rr
		if cur.w = word(s[cur.b0:b]); cur.w.normal != "" {
			toks = append(toks, cur)
			newlines, period, hard = 0, false, false
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			cl := asciiClass[c]
			switch {
			case cl&bWord != 0:
				if !inWord {
					inWord = true
					cur = gtoken{b0: int32(i), r0: r, sep: gap()}
				}
				// The rest of an ASCII word at once.
				j := i + 1
				for j < len(s) && s[j] < utf8.RuneSelf && asciiClass[s[j]]&bWord != 0 {
					j++
				}
				r += int32(j - i)
				i = j
				continue
			case cl&bApos != 0 && inWord:
				if skip, ok := apostrophe(s, i, 1); ok {
					if skip > 0 {
						closeWord(i, r)
						i += skip
						r += 2
					} else {
						i++
						r++
					}
					continue
				}
			}
			closeWord(i, r)
			switch {
			case c == '\n':
				newlines++
			case c == '.':
				period = true
			case cl&bSoft == 0:
				hard = true
			}
			i++
			r++
			continue
		}
		c2, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isIdeograph(c2):
			closeWord(i, r)
			cur = gtoken{b0: int32(i), r0: r, sep: gap()}
			inWord = true
			closeWord(i+n, r+1)
		case unicode.IsLetter(c2) || unicode.IsDigit(c2) || unicode.IsMark(c2):
			if !inWord {
				inWord = true
				cur = gtoken{b0: int32(i), r0: r, sep: gap()}
			}
		case inWord && isApostrophe(c2):
			if skip, ok := apostrophe(s, i, n); ok {
				if skip > 0 {
					closeWord(i, r)
					i += skip
					r += 2
				} else {
					i += n
					r++
				}
				continue
			}
			closeWord(i, r)
		default:
			closeWord(i, r)
			switch {
			case c2 == '\u2028' || c2 == '\u2029' || c2 == '\u0085':
				newlines++
			case unicode.IsSpace(c2) || isSoftPunct(c2):
			default:
				hard = true
			}
		}
		i += n
		r++
	}
	closeWord(len(s), r)
	return toks
}

// apostrophe reads an apostrophe of n bytes at s[i], inside a word. It
// stays in the word before a letter ("Ch'ing": skip 0, ok), or ends it
// as a possessive ("Russia's": skip the apostrophe and the s). It is a
// gap otherwise (ok false).
func apostrophe(s string, i, n int) (skip int, ok bool) {
	next, m := utf8.DecodeRuneInString(s[i+n:])
	switch {
	case (next == 's' || next == 'S') && !startsWord(s[i+n+m:]):
		return n + m, true
	case unicode.IsLetter(next):
		return 0, true
	}
	return 0, false
}

func startsWord(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(c) || unicode.IsDigit(c)
}

func isIdeograph(c rune) bool {
	return unicode.Is(unicode.Han, c) || unicode.Is(unicode.Hiragana, c) || unicode.Is(unicode.Katakana, c)
}

func isApostrophe(c rune) bool { return c == '\'' || c == '’' || c == 'ʼ' || c == 'ʹ' }

// isSoftPunct tells non-ASCII punctuation that may stand inside a name:
// hyphens and dashes, quotes, the no-break space.
func isSoftPunct(c rune) bool {
	switch c {
	case '‐', '‑', '–', '—', '“', '”', '‘', '’', '«', '»', '„', '\u00a0':
		return true
	}
	return false
}

// normalWord gives a word's normal form, kb.NormalName, quickly for
// ASCII.
func normalWord(w string) string {
	lower := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return kb.NormalName(w)
		}
		if 'A' <= c && c <= 'Z' || c == '\'' {
			lower = false
		}
	}
	if lower {
		return w
	}
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c != '\'':
			b = append(b, c)
		}
	}
	return string(b)
}

func hasUpper(w string) bool {
	for _, c := range w {
		if c < utf8.RuneSelf && 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf && unicode.IsUpper(c) {
			return true
		}
	}
	return false
}

// stopBits gives the languages that have a word among their commonest.
func stopBits(normal string) uint8 {
	var bits uint8
	for _, lang := range stopIndex[normal] {
		for i, l := range Languages {
			if l == lang && i < 8 {
				bits |= 1 << i
			}
		}
	}
	return bits
}

// makeWord says what the gazetteer knows of a word as written.
func (g *Gazetteer) makeWord(w string) *gword {
	n := normalWord(w)
	l, ok := g.loose[n]
	if !ok {
		l = kb.LooseName(n)
	}
	return &gword{normal: n, loose: l, first: g.first[l], lens: g.lens[l], upper: hasUpper(w), stop: stopBits(n)}
}

// maxCachedWords bounds the words a findState remembers.
const maxCachedWords = 1 << 16

// findState is what Find reuses from one call to the next: the words of
// the text, and what it knows of the words of texts seen before (making
// that is most of the cost of Find, and a language has fewer words than
// texts have). The gazetteer keeps states in a pool, one per goroutine
// at work.
type findState struct {
	toks  []gtoken
	finds []found           // the names found in the text
	words map[string]*gword // by the word as written
}

func (st *findState) word(g *Gazetteer) func(string) *gword {
	return func(w string) *gword {
		if x, ok := st.words[w]; ok {
			return x
		}
		x := g.makeWord(w)
		if len(st.words) >= maxCachedWords {
			clear(st.words)
		}
		st.words[strings.Clone(w)] = x // a clone, not to keep the text alive
		return x
	}
}

func newStatePool() *sync.Pool {
	return &sync.Pool{New: func() any { return &findState{words: map[string]*gword{}} }}
}

// wordFilter is a set of words that can only say "perhaps" or "no": a
// bit for each word's length, first and last byte. A word whose bit is
// not set is not in the set, and a map look-up, which hashes the whole
// word, is spared for most words of a text.
type wordFilter [1 << 16 / 64]uint64

// wordFilterBit is the bit of the word w.
func wordFilterBit(w string) uint {
	if w == "" {
		return 0
	}
	h := uint(len(w))*0x9E37 ^ uint(w[0])<<8 ^ uint(w[len(w)-1])*0x2F
	return h & (1<<16 - 1)
}

// add puts the word w in the set.
func (f *wordFilter) add(w string) {
	b := wordFilterBit(w)
	f[b/64] |= 1 << (b % 64)
}

// mayHave reports whether the word w may be in the set: false means it
// is not.
func (f *wordFilter) mayHave(w string) bool {
	b := wordFilterBit(w)
	return f[b/64]&(1<<(b%64)) != 0
}
