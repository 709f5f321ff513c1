// Package extract turns texts into mentions and candidate claims: the
// language of a document, the dates, quantities and names in it.
package extract

import (
	"unicode"
	"unicode/utf8"

	"treatyline/lang"
)

// Languages lists the languages DetectLanguage tells apart.
var Languages = []string{"en", "nl", "de", "fr", "es", "it", "ru", "zh"}

// stopwords are the commonest short words of each Latin-script language
// (lang.TextWords.Stopwords): their share in a text tells the languages
// apart well for a page or more.
var stopwords = func() map[string][]string {
	m := map[string][]string{}
	for _, c := range Languages {
		if l := lang.Get(lang.Code(c)); l != nil && len(l.Text.Stopwords) > 0 {
			m[c] = l.Text.Stopwords
		}
	}
	return m
}()

var stopIndex = func() map[string][]string {
	m := map[string][]string{}
	for lang, ws := range stopwords {
		for _, w := range ws {
			m[w] = append(m[w], lang)
		}
	}
	return m
}()

// DetectLanguage guesses the language of a text: "ru" or "zh" when most
// letters are Cyrillic or Han, otherwise the Latin-script language whose
// common words it uses most. It returns "" when it cannot tell (too short,
// or no language ahead of the others).
func DetectLanguage(text string) string {
	latin, cyr, han, kana, score := detectCounts(text)
	switch {
	case cyr > latin && cyr >= han:
		return "ru"
	case kana > 0 && 2*(han+kana) > latin && han+kana > cyr:
		// Japanese: Han with kana; a Han or kana character weighs as
		// much as two Latin letters of a gloss.
		return "ja"
	case han > latin && han > cyr:
		return "zh"
	}
	best, second := "", 0
	for _, lang := range Languages {
		s := score[lang]
		if best == "" || s > score[best] {
			if best != "" {
				second = score[best]
			}
			best = lang
		} else if s > second {
			second = s
		}
	}
	// Too few common words, or no clear winner: say nothing.
	if best == "" || score[best] < 3 || float64(score[best]) < 1.2*float64(second) {
		return ""
	}
	return best
}

// detectCounts counts the letters of each script in a text's words, and
// the common words of each language among them.
func detectCounts(text string) (latin, cyr, han, kana int, score map[string]int) {
	score = map[string]int{}
	// The words are the runs of letters, each lower-cased in a buffer
	// (lower-casing maps a letter to a letter): the text is not copied,
	// however long. An ASCII letter is Latin and lower-cases by its bit,
	// without the Unicode tables most of a Latin-script text would
	// otherwise be looked up in.
	var w []byte
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if !asciiLetter(c) {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(text[i:]); !unicode.IsLetter(r) {
			i += size
			continue
		}
		w = w[:0]
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				if !asciiLetter(c) {
					break
				}
				w = append(w, c|0x20)
				latin++
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) {
				break
			}
			r = unicode.ToLower(r)
			w = utf8.AppendRune(w, r)
			switch {
			case unicode.Is(unicode.Cyrillic, r):
				cyr++
			case unicode.Is(unicode.Han, r):
				han++
			case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
				kana++
			case unicode.Is(unicode.Latin, r):
				latin++
			}
			i += size
		}
		for _, lang := range stopIndex[string(w)] {
			score[lang]++
		}
	}
	return latin, cyr, han, kana, score
}

func asciiLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
