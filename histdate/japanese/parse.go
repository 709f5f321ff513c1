package japanese

import (
	"fmt"
	"unicode"
)

// ParseError reports a date that could not be read. Start and End are
// code-point offsets into Input of the part not understood.
type ParseError struct {
	Input      string
	Start, End int
	Msg        string
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
		w := gregorianToJDN(d.Western.Year, d.Western.Month, d.Western.Day)
		if w != lo {
			y, m, dd := jdnToGregorian(lo)
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
		return Date{}, &ParseError{Input: text, Msg: "empty date"}
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
	return Date{}, &ParseError{Input: text, Start: lo, End: hi, Msg: "no Japanese era date here (want e.g. 明治22年2月11日, Meiji 22, the 22nd year of Meiji)"}
}

// Find returns every Japanese era date in text, in order and not
// overlapping: the forms Parse reads. In running text a romanised era name
// must begin with a capital letter, and a date that does not exist in the
// calendar is left out.
func Find(text string) []Mention {
	s := scanner{r: []rune(text), strict: true}
	var out []Mention
	last := 0
	for i := 0; i < len(s.r); i++ {
		if !s.mayStart(i) {
			continue
		}
		d, start, end, found, err := s.dateAt(i)
		if !found || err != nil || start < last {
			continue
		}
		out = append(out, Mention{Start: start, End: end, Date: d})
		last = end
		i = end - 1
	}
	return out
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

// mayStart reports cheaply whether an era name may start at r[i].
func (s *scanner) mayStart(i int) bool {
	c := s.r[i]
	if i > 0 && isLetter(s.r[i-1]) && !unicode.Is(unicode.Han, c) {
		return false
	}
	switch {
	case c < 0x80:
		if c >= 'A' && c <= 'Z' {
			return romanFirst[c-'A']
		}
		return !s.strict && c >= 'a' && c <= 'z' && romanFirst[c-'a']
	case c >= 0x4E00 && c < 0xA000:
		return i+1 < len(s.r) && hanFirst[c]
	case c >= 'А' && c <= 'я':
		return !s.strict || unicode.IsUpper(c)
	}
	return unicode.IsUpper(c) || !s.strict && unicode.IsLetter(c)
}

func isLetter(c rune) bool { return unicode.IsLetter(c) || unicode.Is(unicode.Mn, c) }

// romanFirst marks the letters that begin a romanised era name; hanFirst
// the characters that begin an era name in characters.
var (
	romanFirst [26]bool
	hanFirst   = map[rune]bool{}
)

func init() {
	for i := range eras {
		for _, s := range append([]string{eras[i].romaji}, eras[i].other...) {
			c := s[0] | 0x20
			romanFirst[c-'a'] = true
		}
	}
	for k := range hanEras {
		hanFirst[k[0]] = true
	}
}
