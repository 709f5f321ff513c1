package quantity

import (
	"math"
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tkWord  tokKind = iota + 1
	tkNum           // a numeral written with digits
	tkFrac          // a vulgar fraction sign: ½
	tkSym           // any other single character
	tkBreak         // a blank line: quantities never run across it
)

// token is one word, numeral or symbol of the text, with its offsets in
// bytes (for slicing) and in code points (for the API).
type token struct {
	kind        tokKind
	spaceBefore bool
	upper       bool    // a word starting with an upper-case letter
	grouped     bool    // numeral: written with thousands separators
	decimal     bool    // numeral: has a fractional part
	thousand    bool    // compound number word containing "duizend"/"tausend"
	wkind       numKind // nkCompound for a Dutch or German compound number word
	intDigits   uint8   // numeral: digits before the decimal separator
	start, end  int
	rstart      int
	rend        int
	val         float64 // numeral, fraction or compound value
	plural      float64 // compound plural multiplier ("tienduizenden": 10000)
	lex         *lexEntry
}

type tokBuf struct{ toks []token }

var tokPool = sync.Pool{New: func() any { return &tokBuf{toks: make([]token, 0, 256)} }}

const maxWord = 64 // longer words are not looked up

var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\r': true, '\v': true, '\f': true}

// asciiWord maps the ASCII bytes that continue a word to their lower case,
// and all others to 0.
var asciiWord = func() (t [utf8.RuneSelf]byte) {
	for c := byte('a'); c <= 'z'; c++ {
		t[c] = c
		t[c-'a'+'A'] = c
	}
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	return t
}()

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

func isDigitRune(r rune) bool { return '0' <= r && r <= '9' }

func isSuperscript(r rune) bool { return r == '²' || r == '³' }

// normSym folds the many dashes and apostrophes of typeset text.
func normSym(r rune) rune {
	switch r {
	case '–', '—', '‒', '−', '‐', '‑', '―':
		return '-'
	case '’', '‘', 'ʼ', '`', '′':
		return '\''
	}
	return r
}

func fracValue(r rune) float64 {
	switch r {
	case '½':
		return 0.5
	case '¼':
		return 0.25
	case '¾':
		return 0.75
	case '⅓':
		return 1.0 / 3
	case '⅔':
		return 2.0 / 3
	case '⅕':
		return 0.2
	case '⅖':
		return 0.4
	case '⅗':
		return 0.6
	case '⅘':
		return 0.8
	case '⅙':
		return 1.0 / 6
	case '⅚':
		return 5.0 / 6
	case '⅛':
		return 0.125
	case '⅜':
		return 0.375
	case '⅝':
		return 0.625
	case '⅞':
		return 0.875
	}
	return 0
}

// lowerInto writes the lower-case form of s into dst.
func lowerInto(dst *[maxWord]byte, s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if n >= len(dst) {
				return n, false
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst[n] = c
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if n+utf8.UTFMax > len(dst) {
			return n, false
		}
		n += utf8.EncodeRune(dst[n:], unicode.ToLower(r))
		i += size
	}
	return n, true
}

// tokenize splits text into tokens in one pass, looking every word up in
// the lexicon as it goes. It appends to toks and returns it.
func tokenize(text string, langs langMask, toks []token) []token {
	i, r := 0, 0
	space := true
	newlines := 0
	for i < len(text) {
		c := text[i]
		ru, size := rune(c), 1
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				if c == '\n' {
					newlines++
				}
				i++
				r++
				space = true
				continue
			}
		} else {
			ru, size = utf8.DecodeRuneInString(text[i:])
			if isSpace(ru) {
				i += size
				r++
				space = true
				continue
			}
		}
		if newlines >= 2 && len(toks) > 0 {
			toks = append(toks, token{kind: tkBreak, spaceBefore: true, start: i, end: i, rstart: r, rend: r})
		}
		newlines = 0
		toks = append(toks, token{spaceBefore: space, start: i, rstart: r})
		t := &toks[len(toks)-1]
		space = false
		switch {
		case '0' <= c && c <= '9':
			i, r = scanNumber(text, i, r, t)
		case c < utf8.RuneSelf && asciiWord[c] != 0 || c >= utf8.RuneSelf && isWordRune(ru):
			i, r = scanWord(text, i, r, t, langs)
		default:
			if f := fracValue(ru); f > 0 {
				t.kind, t.val = tkFrac, f
			} else {
				t.kind = tkSym
				t.lex = lex.syms[normSym(ru)]
			}
			i += size
			r++
		}
		t.end, t.rend = i, r
	}
	return toks
}

func scanWord(text string, i, r int, t *token, langs langMask) (int, int) {
	t.kind = tkWord
	if c := text[i]; c < utf8.RuneSelf {
		t.upper = 'A' <= c && c <= 'Z'
	} else {
		ru, _ := utf8.DecodeRuneInString(text[i:])
		t.upper = unicode.IsUpper(ru)
	}
	// Lower-case into buf while scanning; ASCII takes the short way.
	var buf [maxWord]byte
	n, fits := 0, true
scan:
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if c = asciiWord[c]; c == 0 {
				break scan
			}
			if n < maxWord {
				buf[n] = c
				n++
			} else {
				fits = false
			}
			i++
			r++
			continue
		}
		ru, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(ru) && !isSuperscript(ru) {
			break
		}
		if n+utf8.UTFMax <= maxWord {
			n += utf8.EncodeRune(buf[n:], unicode.ToLower(ru))
		} else {
			fits = false
		}
		i += size
		r++
	}
	if !fits {
		return i, r
	}
	w := buf[:n]
	if lex.mayHold(w) {
		t.lex = lex.words[string(w)]
	}
	if e := t.lex; (e == nil || e.numKind == nkNone && e.pluralBase == 0) && langs&(langNL|langDE) != 0 && n >= 6 {
		if v, plural, thousand, ok := parseCompound(w, langs); ok {
			t.wkind = nkCompound
			t.val, t.plural, t.thousand = v, plural, thousand
		}
	}
	return i, r
}

// sepAt reports the separator at text[j] that may sit between digit groups.
func sepAt(text string, j int) (rune, int) {
	if j >= len(text) {
		return 0, 0
	}
	switch c := text[j]; c {
	case ',', '.', ' ':
		return rune(c), 1
	case 0xc2:
		if j+1 < len(text) && text[j+1] == 0xa0 { // U+00A0 no-break space
			return '\u00a0', 2
		}
	case 0xe2:
		if j+2 < len(text) && text[j+1] == 0x80 {
			switch text[j+2] {
			case 0xaf:
				return '\u202f', 3 // narrow no-break space
			case 0x89:
				return '\u2009', 3 // thin space
			}
		}
	}
	return 0, 0
}

func digitsAt(text string, j int) int {
	k := j
	for k < len(text) && '0' <= text[k] && text[k] <= '9' {
		k++
	}
	return k - j
}

// scanNumber reads a numeral. A separator followed by exactly three digits
// groups thousands ("600,000", "185.000", "600 000"), provided the first
// group has one to three digits and is not a lone 0 and every separator
// is the same; "," or "." followed by any other number of digits, or a
// second, different separator, starts the decimals ("1,5", "1.234,5").
func scanNumber(text string, i, r int, t *token) (int, int) {
	t.kind = tkNum
	var buf [64]byte
	n := 0
	over := false
	put := func(b byte) {
		if n < len(buf) {
			buf[n] = b
			n++
		} else {
			over = true
		}
	}
	start := i
	for i < len(text) && '0' <= text[i] && text[i] <= '9' {
		put(text[i])
		i++
	}
	first := i - start
	r += first
	intDigits := first
	lone0 := first == 1 && text[start] == '0'
	var gsep rune
	for {
		sep, sz := sepAt(text, i)
		if sep == 0 {
			break
		}
		d := digitsAt(text, i+sz)
		if d == 0 {
			break
		}
		if d == 3 && !lone0 && first <= 3 && (gsep == 0 || gsep == sep) {
			gsep = sep
			for k := i + sz; k < i+sz+3; k++ {
				put(text[k])
			}
			i += sz + 3
			r += 1 + 3
			intDigits += 3
			t.grouped = true
			continue
		}
		if (sep == ',' || sep == '.') && sep != gsep {
			put('.')
			for k := i + sz; k < i+sz+d; k++ {
				put(text[k])
			}
			i += sz + d
			r += 1 + d
			t.decimal = true
		}
		break
	}
	if intDigits > 255 {
		intDigits = 255
	}
	t.intDigits = uint8(intDigits)
	if over {
		t.val = math.Inf(1)
		return i, r
	}
	t.val = numeralValue(buf[:n])
	return i, r
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// numeralValue converts digits with at most one '.' to a float. Up to 15
// significant digits the division is exact-rounded, as in strconv.
func numeralValue(b []byte) float64 {
	var mant uint64
	digits, frac := 0, -1
	for _, c := range b {
		if c == '.' {
			frac = 0
			continue
		}
		if mant == 0 && c == '0' && frac < 0 {
			continue // leading zeros
		}
		mant = mant*10 + uint64(c-'0')
		digits++
		if frac >= 0 {
			frac++
		}
		if digits > 15 {
			v, err := strconv.ParseFloat(string(b), 64)
			if err != nil {
				return math.Inf(1)
			}
			return v
		}
	}
	if frac <= 0 {
		return float64(mant)
	}
	return float64(mant) / pow10[frac]
}
