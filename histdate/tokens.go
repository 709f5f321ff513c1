package histdate

import (
	"unicode"
	"unicode/utf8"
)

// tokKind is the class of a token.
type tokKind uint8

const (
	tNum   tokKind = iota + 1 // a run of decimal digits
	tWord                     // a run of letters, with inner dots for abbreviations ("o.s", "v.chr")
	tPunct                    // one other visible character
	tHan                      // a run of Han characters, digits written as Han included
)

// token is one piece of a text. Offsets are kept in bytes, to slice the
// text, and in code points, for the selectors users see.
type token struct {
	b0, b1   int // byte offsets
	r0, r1   int // code-point offsets
	num      int // the value of a tNum (saturating)
	lower    string
	lo0, lo1 int32 // offsets of lower in the tokenizer's buffer
	punct    rune
	w        word // lexicon entry of a tWord; kind 0 when none
	kind     tokKind
	ndig     int8 // digits in a tNum (saturating)
	space    bool // white space stands between the previous token and this one
	nl       bool // a line break stands between the previous token and this one
	para     bool // a blank line stands between the previous token and this one
	upper    bool // a tWord starts with a capital
	dotted   bool // a tWord that had inner dots
}

// tokenizer splits texts into tokens, reusing its buffers between calls.
type tokenizer struct {
	toks  []token
	buf   []byte
	found []Mention // findIn's buffer
}

func isLetter(r rune) bool {
	return r < utf8.RuneSelf && (r|0x20 >= 'a' && r|0x20 <= 'z') || r >= utf8.RuneSelf && unicode.IsLetter(r) && !unicode.Is(unicode.Han, r)
}

func digitValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}

func (tz *tokenizer) tokenize(text string) []token {
	toks := tz.toks[:0]
	tz.buf = tz.buf[:0]
	space, nl, para := false, false, false
	lastNL := -2 // code-point index of the last line break
	ri := 0      // code-point index of byte i
	for i := 0; i < len(text); {
		if text[i] == ' ' { // the commonest byte, first
			space = true
			i++
			ri++
			continue
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r == '\n' || r == '\r' || r == '\u2029':
			if nl && (r != '\n' || ri != lastNL+1 || text[i-1] != '\r') {
				para = true // a second line break: "\r\n" counts once
			}
			nl, space, lastNL = true, true, ri
			i += size
			ri++
		case r == ' ' || r == '\t' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || (r >= utf8.RuneSelf && unicode.IsSpace(r)):
			space = true
			i += size
			ri++
		case digitValue(r) >= 0:
			t := token{kind: tNum, b0: i, r0: ri, space: space, nl: nl, para: para}
			for i < len(text) {
				r, size = rune(text[i]), 1
				if r >= utf8.RuneSelf {
					r, size = utf8.DecodeRuneInString(text[i:])
				}
				v := digitValue(r)
				if v < 0 {
					break
				}
				if t.num < 1e8 {
					t.num = t.num*10 + v
				}
				if t.ndig < 100 {
					t.ndig++
				}
				i += size
				ri++
			}
			t.b1, t.r1 = i, ri
			toks = append(toks, t)
			space, nl, para = false, false, false
		case isLetter(r):
			t := token{kind: tWord, b0: i, r0: ri, space: space, nl: nl, para: para, upper: unicode.IsUpper(r)}
			buf := tz.buf
			o0 := len(buf)
			for i < len(text) {
				c := text[i]
				if c < utf8.RuneSelf {
					if c|0x20 >= 'a' && c|0x20 <= 'z' {
						buf = append(buf, c|0x20)
						i++
						ri++
						continue
					}
					r, size = rune(c), 1
				} else {
					r, size = utf8.DecodeRuneInString(text[i:])
				}
				if isLetter(r) {
					buf = utf8.AppendRune(buf, unicode.ToLower(r))
					i += size
					ri++
					continue
				}
				// An inner dot joins short letter runs into one abbreviation:
				// "o.s", "v.Chr", "ст.ст". The run before the dot must be short.
				if r == '.' && i+1 < len(text) && len(buf) > o0 && runeLenShort(buf[o0:]) {
					next, _ := utf8.DecodeRuneInString(text[i+1:])
					if isLetter(next) {
						buf = append(buf, '.')
						t.dotted = true
						i++
						ri++
						continue
					}
				}
				break
			}
			t.b1, t.r1 = i, ri
			t.lo0, t.lo1 = int32(o0), int32(len(buf))
			t.w = lookup(buf[o0:])
			tz.buf = buf
			toks = append(toks, t)
			space, nl, para = false, false, false
		case unicode.Is(unicode.Han, r) || r == '〇':
			t := token{kind: tHan, b0: i, r0: ri, space: space, nl: nl, para: para}
			for i < len(text) {
				r, size = utf8.DecodeRuneInString(text[i:])
				if !(unicode.Is(unicode.Han, r) || r == '〇' || digitValue(r) >= 0) {
					break
				}
				i += size
				ri++
			}
			t.b1, t.r1 = i, ri
			toks = append(toks, t)
			space, nl, para = false, false, false
		default:
			if r == '\u00ad' || unicode.Is(unicode.Cf, r) { // soft hyphen and other invisible formatting
				i += size
				ri++
				continue
			}
			toks = append(toks, token{kind: tPunct, b0: i, b1: i + size, r0: ri, r1: ri + 1, punct: r, space: space, nl: nl, para: para})
			space, nl, para = false, false, false
			i += size
			ri++
		}
	}
	// One string holds every lower-cased word, so that words cost no
	// allocation of their own.
	lowered := string(tz.buf)
	for k := range toks {
		if toks[k].kind == tWord {
			toks[k].lower = lowered[toks[k].lo0:toks[k].lo1]
		}
	}
	tz.toks = toks
	return toks
}

// runeLenShort reports whether the letters after the last dot in buf are
// few enough to be part of an abbreviation.
func runeLenShort(buf []byte) bool {
	n := 0
	for i := len(buf) - 1; i >= 0 && buf[i] != '.'; i-- {
		if buf[i] < utf8.RuneSelf || buf[i] >= 0xC0 {
			n++
		}
	}
	return n <= 3
}
