package chinese

import (
	"strings"
	"unicode"
)

// cjkDigit returns the value of a single digit: ASCII, full-width, or a
// Chinese digit (〇 零 一 二 兩 三 … 九).
func cjkDigit(c rune) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= '０' && c <= '９':
		return int(c - '０'), true
	}
	switch c {
	case '〇', '零', '○':
		return 0, true
	case '一':
		return 1, true
	case '二', '兩', '两':
		return 2, true
	case '三':
		return 3, true
	case '四':
		return 4, true
	case '五':
		return 5, true
	case '六':
		return 6, true
	case '七':
		return 7, true
	case '八':
		return 8, true
	case '九':
		return 9, true
	}
	return 0, false
}

// isNumeralRune reports whether c can be part of a number written in
// characters or digits.
func isNumeralRune(c rune) bool {
	if _, ok := cjkDigit(c); ok {
		return true
	}
	switch c {
	case '十', '廿', '卅', '百', '千':
		return true
	}
	return false
}

// maxNumeralRunes bounds the length of a number; no date part needs more.
const maxNumeralRunes = 8

// readNumeral reads a number at r[i]: either a run of digits read place by
// place (咸豐8, 民國一〇五, ２３) or a Chinese numeral with 十, 廿, 卅, 百, 千
// (二十三, 廿三, 一百零五). It returns the value and the end of the number;
// ok is false when r[i] starts no number or the number is malformed (十十,
// 三廿) or too long.
func readNumeral(r []rune, i int) (n, end int, ok bool) {
	end = i
	for end < len(r) && isNumeralRune(r[end]) {
		end++
	}
	if end == i || end-i > maxNumeralRunes {
		return 0, end, false
	}
	s := r[i:end]
	allDigits := true
	for _, c := range s {
		if _, d := cjkDigit(c); !d {
			allDigits = false
			break
		}
	}
	if allDigits {
		for _, c := range s {
			d, _ := cjkDigit(c)
			n = n*10 + d
		}
		return n, end, true
	}
	n, ok = readPlaceNumeral(s)
	return n, end, ok
}

// readPlaceNumeral reads a Chinese numeral with place words. Places must
// come in descending order, each at most once; 零 stands for skipped places
// (一百零五). A bare 十 means ten (十六, 一百十六), and a digit left over
// after a higher place than ten needs its 零 (二百五 is refused: it means 250
// colloquially).
func readPlaceNumeral(s []rune) (int, bool) {
	total := 0
	pending := -1 // digit waiting for its place word
	last := 10000 // the last place filled; places must descend
	zero := false // 零 seen since the last place
	for _, c := range s {
		if d, ok := cjkDigit(c); ok {
			switch {
			case pending >= 0:
				return 0, false
			case d != 0:
				pending = d
			case zero || last == 10000:
				return 0, false
			default:
				zero = true
			}
			continue
		}
		place, mult := 0, pending
		switch c {
		case '千':
			place = 1000
		case '百':
			place = 100
		case '十':
			place = 10
		case '廿', '卅':
			if pending >= 0 {
				return 0, false
			}
			place, mult = 10, 2
			if c == '卅' {
				mult = 3
			}
		}
		if place >= last {
			return 0, false
		}
		if mult < 0 {
			if place != 10 {
				return 0, false
			}
			mult = 1
		}
		total += mult * place
		last, pending, zero = place, -1, false
	}
	switch {
	case pending >= 0 && (last == 10 || zero):
		total += pending
	case pending >= 0 || zero:
		return 0, false
	}
	return total, true
}

var cjkDigitNames = [...]string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// cjkNumber writes n (0 ≤ n ≤ 9999) as a Chinese numeral the way documents
// do: 十, 十六, 二十八, 一百零五, 一百一十五.
func cjkNumber(n int) string {
	if n < 0 || n > 9999 {
		return "?"
	}
	if n == 0 {
		return "〇"
	}
	if n < 20 && n >= 10 {
		if n == 10 {
			return "十"
		}
		return "十" + cjkDigitNames[n-10]
	}
	var b strings.Builder
	places := [...]struct {
		v    int
		name string
	}{{1000, "千"}, {100, "百"}, {10, "十"}, {1, ""}}
	started, gap := false, false
	for _, p := range places {
		d := n / p.v % 10
		if d == 0 {
			if started {
				gap = true
			}
			continue
		}
		if gap {
			b.WriteString("零")
			gap = false
		}
		b.WriteString(cjkDigitNames[d])
		b.WriteString(p.name)
		started = true
	}
	return b.String()
}

// foldLetter folds an ASCII letter or a Latin vowel with a tone mark or
// umlaut to its lower-case ASCII letter.
func foldLetter(c rune) (byte, bool) {
	switch {
	case c >= 'a' && c <= 'z':
		return byte(c), true
	case c >= 'A' && c <= 'Z':
		return byte(c - 'A' + 'a'), true
	case c < 0xC0:
		return 0, false
	}
	switch c {
	case 'à', 'á', 'â', 'ä', 'ā', 'ǎ', 'À', 'Á', 'Â', 'Ä', 'Ā', 'Ǎ':
		return 'a', true
	case 'è', 'é', 'ê', 'ë', 'ē', 'ě', 'È', 'É', 'Ê', 'Ë', 'Ē', 'Ě':
		return 'e', true
	case 'ì', 'í', 'î', 'ï', 'ī', 'ǐ', 'Ì', 'Í', 'Î', 'Ï', 'Ī', 'Ǐ':
		return 'i', true
	case 'ò', 'ó', 'ô', 'ö', 'ō', 'ǒ', 'Ò', 'Ó', 'Ô', 'Ö', 'Ō', 'Ǒ':
		return 'o', true
	case 'ù', 'ú', 'û', 'ü', 'ū', 'ǔ', 'ǖ', 'ǘ', 'ǚ', 'ǜ',
		'Ù', 'Ú', 'Û', 'Ü', 'Ū', 'Ǔ', 'Ǖ', 'Ǘ', 'Ǚ', 'Ǜ':
		return 'u', true
	}
	return 0, false
}

func isApostrophe(c rune) bool {
	switch c {
	case '\'', '’', '‘', 'ʼ', 'ʻ', '`', '´':
		return true
	}
	return false
}

func isCombiningMark(c rune) bool { return c >= 0x300 && c <= 0x36F }

// isLetterish reports whether c continues a word: a letter, a digit or a
// combining mark.
func isLetterish(c rune) bool {
	if c < 0x80 {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return unicode.IsLetter(c) || unicode.IsDigit(c) || isCombiningMark(c)
}

// isWordLetter reports whether c continues a name: a letter or a combining
// mark.
func isWordLetter(c rune) bool {
	if c < 0x80 {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	return unicode.IsLetter(c) || isCombiningMark(c)
}

// isSpace reports whether c may separate the parts of a date.
func isSpace(c rune) bool {
	return c == ' ' || c == '\t' || c == '\u3000' || c == '\u00a0'
}
