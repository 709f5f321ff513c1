package extract

import (
	"strings"
	"unicode"

	"treatyline/lang"
)

// abbreviations are words that a period follows without ending the
// sentence, in lower case without their last period ("e.g", "v.chr"), by
// language; "" holds those of every language (lang.TextWords.
// Abbreviations). Abbreviations that often end a sentence ("etc.",
// "enz.") are not among them: a capital after them starts a new sentence,
// as after any word.
var abbrevByLang = func() map[string]map[string]bool {
	all := map[string]bool{}
	m := map[string]map[string]bool{}
	common := lang.Common().Text.Abbreviations
	for _, w := range common {
		all[w] = true
	}
	for _, l := range lang.All() {
		ws := l.Text.Abbreviations
		if len(ws) == 0 {
			continue
		}
		set := map[string]bool{}
		for _, w := range common {
			set[w] = true
		}
		for _, w := range ws {
			set[w] = true
			all[w] = true
		}
		m[string(l.Code)] = set
	}
	m[""] = all
	return m
}()

// germanOrdinalNext are words that follow a German ordinal ("am 3. Mai",
// "im 19. Jahrhundert"): the months and lang.TextWords.OrdinalNouns.
var germanOrdinalNext = func() map[string]bool {
	m := map[string]bool{}
	de := lang.Get(lang.German)
	for _, forms := range de.Dates.Months {
		for _, f := range forms {
			m[f] = true
		}
	}
	for _, w := range de.Text.OrdinalNouns {
		m[w] = true
	}
	return m
}()

// Sentences splits a text into sentences and gives their spans in code
// points, in order, without the white space around them. A sentence ends
// at a line break, and at '.', '!', '?' or '…' (with any closing quotes
// and brackets after them) followed by white space and not by a small
// letter; CJK full stops end one anywhere. A period does not end a
// sentence after an abbreviation of the language ("St.", "e.g.", "bijv.",
// "d.w.z."; lang "" knows those of every language), after an initial
// ("E. V. Putiatin", "G. I. Nevelskoy"), after the number or letter of a
// list item ("1. Territory"), or after a German ordinal ("am 3. Mai"; for
// lang "de" or ""). A
// Roman numeral after a name ("Nicolaas I.") does end one.
func Sentences(text string, lang string) [][2]int {
	return sentencesOf([]rune(text), lang)
}

// plainASCII reports whether r is printable ASCII other than a
// terminator.
func plainASCII(r rune) bool { return '!' <= r && r <= '~' && r != '.' && r != '!' && r != '?' }

// sentencesOf is Sentences over a text's code points, for a reader that
// has them already.
func sentencesOf(rs []rune, lang string) [][2]int {
	abbr := abbrevByLang[lang]
	if abbr == nil {
		abbr = abbrevByLang[""]
	}
	var out [][2]int
	start := -1 // the first rune of the current sentence, -1 before it
	last := -1  // the last non-space rune seen in it
	end := func() {
		if start >= 0 {
			out = append(out, [2]int{start, last + 1})
		}
		start, last = -1, -1
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		// Printable ASCII other than a terminator: neither a break nor
		// a space nor an end, so a word of the sentence, without the
		// tests below.
		if plainASCII(r) {
			if start < 0 {
				start = i
			}
			// The rest of the run at once.
			for i+1 < len(rs) && plainASCII(rs[i+1]) {
				i++
			}
			last = i
			continue
		}
		if r == ' ' { // the commonest of the rest: a space, no break
			continue
		}
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\v' || r == '\f' || r == '\u0085':
			end()
			continue
		case unicode.IsSpace(r):
			continue
		}
		if start < 0 {
			start = i
		}
		last = i
		if !isTerminator(r) {
			continue
		}
		// The cluster: terminators, then closing quotes and brackets.
		j := i + 1
		for j < len(rs) && isTerminator(rs[j]) {
			j++
		}
		for j < len(rs) && isCloser(rs[j]) {
			j++
		}
		j = skipCitations(rs, j)
		if isCJKStop(r) || isCJKStop(rs[j-1]) {
			last = j - 1
			i = j - 1
			end()
			continue
		}
		if j < len(rs) && !unicode.IsSpace(rs[j]) {
			// "3.5", "example.org", "1850.het": not an end. Skip the
			// cluster; the next rune is read as usual.
			last = j - 1
			i = j - 1
			continue
		}
		last = j - 1
		if endsSentence(rs, start, i, j, abbr, lang) {
			i = j - 1
			end()
			continue
		}
		i = j - 1
	}
	end()
	return out
}

// skipCitations skips reference marks after a sentence's end: "[1][2]".
func skipCitations(rs []rune, j int) int {
	for j < len(rs) && rs[j] == '[' {
		k := j + 1
		for k < len(rs) && k-j <= 4 && '0' <= rs[k] && rs[k] <= '9' {
			k++
		}
		if k == j+1 || k >= len(rs) || rs[k] != ']' {
			break
		}
		j = k + 1
	}
	return j
}

func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '‽', '。', '！', '？', '｡':
		return true
	}
	return false
}

func isCJKStop(r rune) bool { return r == '。' || r == '！' || r == '？' || r == '｡' }

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '}', '”', '’', '»', '›', '」', '』', '）':
		return true
	}
	return false
}

// endsSentence decides whether the terminators at rs[i:j] (then white
// space) end the sentence that began at rs[start].
func endsSentence(rs []rune, start, i, j int, abbr map[string]bool, lang string) bool {
	// The next word, on the same line.
	k := j
	for k < len(rs) && unicode.IsSpace(rs[k]) && rs[k] != '\n' {
		k++
	}
	if k == len(rs) || rs[k] == '\n' {
		return true
	}
	next := rs[k]
	for n := k; n < len(rs) && isOpener(rs[n]); n++ {
		next = rs[min(n+1, len(rs)-1)]
	}
	if unicode.IsLower(next) || strings.ContainsRune(",;:", next) {
		return false
	}
	// Only a single period looks back at the word before it.
	if rs[i] != '.' || i+1 < len(rs) && rs[i+1] == '.' {
		return true
	}
	w0 := i
	for w0 > 0 && !unicode.IsSpace(rs[w0-1]) && !isOpener(rs[w0-1]) {
		w0--
	}
	word := rs[w0:i]
	if len(word) == 0 {
		return true
	}
	nextWord := wordAt(rs, k)
	if w0 == start && (allDigits(word) || len(word) == 1 && unicode.IsLetter(word[0])) {
		return false // a list's number or letter: "1. Territory Retrocession"
	}
	if len(word) == 1 && unicode.IsLetter(word[0]) {
		if unicode.IsLower(word[0]) {
			return false // "c. 1850", "p. 12"
		}
		// An initial, unless a Roman numeral after a name: "Nicolaas I."
		if strings.ContainsRune("IVX", word[0]) && !isInitial(nextWord) && prevIsName(rs, w0) {
			return true
		}
		return false
	}
	if abbr[strings.ToLower(string(word))] {
		return false
	}
	// "Yu. A. Golovkin": a short capitalised word before an initial.
	if len(word) <= 3 && unicode.IsUpper(word[0]) && isInitial(nextWord) && allLetters(word) {
		return false
	}
	if (lang == "de" || lang == "") && len(word) <= 2 && allDigits(word) && germanOrdinalNext[strings.ToLower(string(trimWord(nextWord)))] {
		return false
	}
	return true
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '{', '“', '‘', '«', '‹', '「', '『', '（', '„':
		return true
	}
	return false
}

// wordAt gives the run of non-space runes at rs[k].
func wordAt(rs []rune, k int) []rune {
	e := k
	for e < len(rs) && !unicode.IsSpace(rs[e]) {
		e++
	}
	return rs[k:e]
}

// isInitial tells "A." and "Yu."-like words.
func isInitial(w []rune) bool {
	return len(w) >= 2 && len(w) <= 3 && w[len(w)-1] == '.' && unicode.IsUpper(w[0]) && allLetters(w[:len(w)-1])
}

// prevIsName tells whether the word before rs[w0] is a capitalised word
// that is not an initial: "Nicolaas" in "Nicolaas I.".
func prevIsName(rs []rune, w0 int) bool {
	e := w0
	for e > 0 && unicode.IsSpace(rs[e-1]) {
		e--
	}
	b := e
	for b > 0 && !unicode.IsSpace(rs[b-1]) {
		b--
	}
	w := rs[b:e]
	return len(w) >= 2 && unicode.IsUpper(w[0]) && allLetters(w)
}

func trimWord(w []rune) []rune {
	for len(w) > 0 && !unicode.IsLetter(w[len(w)-1]) {
		w = w[:len(w)-1]
	}
	return w
}

func allLetters(w []rune) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return len(w) > 0
}

func allDigits(w []rune) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return len(w) > 0
}
