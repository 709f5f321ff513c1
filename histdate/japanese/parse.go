package japanese

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"treatyline/histdate/internal/lunisolar"
)

// ParseError reports a date that could not be read. Start and End are
// code-point offsets into Input of the part not understood.
type ParseError struct {
	Input      string
	Start, End int
	Msg        string
	// NoEra is set when the input names no era: it is not meant as a
	// Japanese date.
	NoEra bool
}

// Error returns the input, the part not understood and why.
func (e *ParseError) Error() string {
	r := []rune(e.Input)
	part := ""
	if 0 <= e.Start && e.Start <= e.End && e.End <= len(r) {
		part = string(r[e.Start:e.End])
	}
	return fmt.Sprintf("japanese date %q: characters %d-%d %q: %s", e.Input, e.Start, e.End, part, e.Msg)
}

// Mention is a date found in a text; Start and End are code-point offsets,
// End exclusive.
type Mention struct {
	Start, End int
	Date       Date
}

// scanner reads era dates from a text held as runes.
type scanner struct {
	r []rune
	// strict asks for what running text needs: a romanised era name with a
	// capital letter.
	strict bool
}

// dateAt reads a date whose era name starts at r[i] (for a romanised date
// the era name may come after the year: "the 22nd year of Meiji"; then
// the date starts before i). It returns the date and its span; found is
// false when no era date is there. A date that does not exist in the
// calendar gives an error.
func (s *scanner) dateAt(i int) (d Date, start, end int, found bool, err *ParseError) {
	c := s.r[i]
	if unicode.Is(unicode.Han, c) {
		return s.hanAt(i)
	}
	return s.romanAt(i)
}

// check validates d found at start..end and returns the error to give.
func check(d Date, start, end int) *ParseError {
	if err := d.Validate(); err != nil {
		return &ParseError{Start: start, End: end, Msg: err.Error()}
	}
	if d.Western != nil && d.Precision == Day && d.Western.Day != 0 {
		lo, _ := d.JDNRange()
		w := lunisolar.GregorianToJDN(d.Western.Year, d.Western.Month, d.Western.Day)
		if w != lo {
			y, m, dd := lunisolar.JDNToGregorian(lo)
			return &ParseError{Start: d.Western.Start, End: d.Western.End, Msg: fmt.Sprintf("the Gregorian date in brackets is not the era date's day (%04d-%02d-%02d)", y, m, dd)}
		}
	}
	return nil
}

// Parse reads one Japanese era date: in characters ("明治22年2月11日",
// "明治二十二年二月十一日", "慶応3年10月14日(1867年11月9日)", "明治元年"),
// romanised ("Meiji 22", "Meiji 22/2/11", "the 22nd year of Meiji", "la
// 22e année de Meiji", "im 22. Jahr Meiji", "het 22e jaar van Meiji") or in
// Russian ("22-й год Мэйдзи", "Мэйдзи 22"). Surrounding spaces and a full
// stop at the end are ignored; anything else must be part of the date. The
// error is a *ParseError naming the part not understood or the part that
// does not exist in the calendar (a leap month the year did not have, the
// days of Meiji 5 after the calendar change, a Gregorian date in brackets
// that is not the era date's day).
func Parse(text string) (Date, error) {
	r := []rune(text)
	lo, hi := 0, len(r)
	for lo < hi && unicode.IsSpace(r[lo]) {
		lo++
	}
	for hi > lo && (unicode.IsSpace(r[hi-1]) || r[hi-1] == '.' || r[hi-1] == '。') {
		hi--
	}
	if lo == hi {
		return Date{}, &ParseError{Input: text, NoEra: true, Msg: "empty date"}
	}
	s := scanner{r: r[:hi]}
	for i := lo; i < hi; i++ {
		if !s.mayStart(i) {
			continue
		}
		d, start, end, found, err := s.dateAt(i)
		if err != nil {
			err.Input = text
			return Date{}, err
		}
		if !found {
			continue
		}
		if start > lo && !leadingWords(r[lo:start]) {
			return Date{}, &ParseError{Input: text, Start: lo, End: start, Msg: "cannot read this before the date"}
		}
		if end < hi {
			return Date{}, &ParseError{Input: text, Start: end, End: hi, Msg: "cannot read this after the date"}
		}
		return d, nil
	}
	return Date{}, &ParseError{Input: text, Start: lo, End: hi, NoEra: true, Msg: "no Japanese era date here (want e.g. 明治22年2月11日, Meiji 22, the 22nd year of Meiji)"}
}

// Find returns every Japanese era date in text, in order and not
// overlapping: the forms Parse reads. In running text a romanised era name
// must begin with a capital letter, and a date that does not exist in the
// calendar is left out.
func Find(text string) []Mention {
	// Most texts name no era: look for an era name in the bytes first, and
	// read the text as runes only from the first one on.
	var s *scanner
	var out []Mention
	last, ri, prevLetter := 0, 0, false
	for i := 0; i < len(text); {
		c, size := rune(text[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(text[i:])
		}
		cand := false
		switch {
		case c >= 'A' && c <= 'Z', c >= 'А' && c <= 'Я':
			cand = !prevLetter && eraWord(text[i:])
		case c >= 0x4E00 && c < 0xA000:
			cand = hanFirst[c]
		}
		if cand {
			if s == nil {
				s = &scanner{r: []rune(text), strict: true}
			}
			if s.mayStart(ri) {
				d, start, end, found, err := s.dateAt(ri)
				if found && err == nil && start >= last {
					out = append(out, Mention{Start: start, End: end, Date: d})
					last = end
					// Go on after the date.
					for ri < end && i < len(text) {
						_, sz := utf8.DecodeRuneInString(text[i:])
						i += sz
						ri++
					}
					prevLetter = isLetter(s.r[end-1])
					continue
				}
			}
		}
		if c < utf8.RuneSelf {
			// The rest of a run of ASCII letters cannot begin an era name
			// (a capital after a letter does not), nor can other ASCII
			// bytes: the run is passed over at once.
			class := byteClass[c]
			j := i + 1
			for j < len(text) && byteClass[text[j]] == class {
				j++
			}
			letter := class == asciiLetter
			ri += j - i
			i = j
			prevLetter = letter
			continue
		}
		prevLetter = isLetter(c)
		i += size
		ri++
	}
	return out
}

// eraWord reports whether the word at the start of t is a romanised or
// Cyrillic era name, without allocating for the words that are not.
func eraWord(t string) bool {
	// A word that begins with two ASCII letters is a romanised era name
	// only if they begin one (they are the first two letters read below):
	// most capitalised words stop here.
	if len(t) >= 2 && isASCIILetter(t[0]) && isASCIILetter(t[1]) && !romanPrefix.has(t[0]|0x20, t[1]|0x20) {
		return false
	}
	var buf [24]byte
	n, j, cyr := 0, 0, false
	for j < len(t) && n < len(buf) {
		c, size := rune(t[j]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(t[j:])
		}
		switch {
		case c >= 'a' && c <= 'z':
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c == '\'' || c == '’':
			if j == 0 || j+size >= len(t) {
				goto end
			}
			if next, _ := utf8.DecodeRuneInString(t[j+size:]); !isLetter(next) {
				goto end
			}
			j += size
			continue
		case c >= 'А' && c <= 'я' || c == 'ё' || c == 'Ё':
			cyr = true
			j += size
			continue
		default:
			if b, ok := macronBase[c]; ok {
				c = rune(b)
				break
			}
			if isLetter(c) {
				return false
			}
			goto end
		}
		buf[n] = byte(c)
		n++
		j += size
	}
end:
	if j < len(t) {
		if next, _ := utf8.DecodeRuneInString(t[j:]); isLetter(next) {
			return false
		}
	}
	if cyr {
		if n > 0 {
			return false
		}
		_, ok := romanEras[cyrillicKey(t[:j])]
		return ok
	}
	if n < 4 || !romanPrefix.has(buf[0], buf[1]) {
		return false
	}
	_, ok := romanEras[foldRoman(buf[:n])]
	return ok
}

// leadingWords reports whether r is only words Parse may skip before a
// date ("in", "im", "в").
func leadingWords(r []rune) bool {
	for _, t := range tokens(r, 0, len(r)) {
		if t.kind != tWord || !leadWords[t.s] {
			return false
		}
	}
	return true
}

// mayStart reports cheaply whether an era name may start at r[i]: the
// first character of an era name in characters, or a word (with a capital
// in running text) that is a romanised or Cyrillic era name.
func (s *scanner) mayStart(i int) bool {
	c := s.r[i]
	switch {
	case c >= 0x4E00 && c < 0xA000:
		return i+1 < len(s.r) && hanFirst[c]
	case c >= 'A' && c <= 'Z', c >= 'А' && c <= 'Я':
	case c >= 'a' && c <= 'z', c >= 'а' && c <= 'я':
		if s.strict {
			return false
		}
	default:
		// No era name read begins with another letter.
		return false
	}
	if i > 0 && isLetter(s.r[i-1]) {
		return false
	}
	return s.eraWordAt(i)
}

// eraWordAt reports whether the word at r[i] is an era name, without
// allocating for the words that are not.
func (s *scanner) eraWordAt(i int) bool {
	var buf [24]byte
	n, cyr := 0, false
	j := i
	for ; j < len(s.r) && j-i < 16; j++ {
		c := s.r[j]
		switch {
		case c >= 'a' && c <= 'z':
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c == '\'' || c == '’':
			if j == i || j+1 >= len(s.r) || !isLetter(s.r[j+1]) {
				goto end
			}
			continue
		case c >= 'А' && c <= 'я' || c == 'ё' || c == 'Ё':
			cyr = true
			continue
		default:
			if b, ok := macronBase[c]; ok {
				c = rune(b)
				break
			}
			if isLetter(c) {
				return false
			}
			goto end
		}
		if n < len(buf) {
			buf[n] = byte(c)
			n++
		}
	}
end:
	if j == i || j < len(s.r) && isLetter(s.r[j]) {
		return false
	}
	if cyr {
		if n > 0 {
			return false
		}
		_, ok := romanEras[cyrillicKey(string(s.r[i:j]))]
		return ok
	}
	if n < 4 || !romanPrefix.has(buf[0], buf[1]) {
		return false
	}
	_, ok := romanEras[foldRoman(buf[:n])]
	return ok
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// Classes of bytes for Find's runs of ASCII.
const (
	asciiOther = iota
	asciiLetter
	notASCII
)

// byteClass gives each byte's class.
var byteClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = notASCII
		case isASCIILetter(byte(c)):
			t[c] = asciiLetter
		}
	}
	return t
}()

func isLetter(c rune) bool { return unicode.IsLetter(c) || unicode.Is(unicode.Mn, c) }

// romanPrefix holds the first two letters of the romanised era names;
// hanFirst the characters that begin an era name in characters.
var (
	romanPrefix bytePairs
	hanFirst    = map[rune]bool{}
)

// bytePairs is a set of pairs of bytes, one bit each: it is asked about
// nearly every capitalised word of a text, and a bit is quicker to read
// than a map.
type bytePairs [1 << 16 / 64]uint64

func (p *bytePairs) add(a, b byte) { k := int(a)<<8 | int(b); p[k/64] |= 1 << (k % 64) }

func (p *bytePairs) has(a, b byte) bool { k := int(a)<<8 | int(b); return p[k/64]&(1<<(k%64)) != 0 }

func init() {
	for k := range romanEras {
		if k[0] < 0x80 {
			romanPrefix.add(k[0], k[1])
		}
	}
	for k := range hanEras {
		hanFirst[k[0]] = true
	}
}
