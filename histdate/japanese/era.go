package japanese

import (
	"strings"
	"unicode/utf8"
)

// era is one era name (元号) and the day it began.
type era struct {
	name     string   // shinjitai, the canonical form: "慶応"
	variants []string // older or other forms in characters: "慶應"
	romaji   string   // Hepburn with macrons: "Keiō"
	other    []string // other romanisations: "Keio", "Keiou" are derived; these are not ("Genwa")
	// first is the calendar year of 元年: the lunisolar year (named by the
	// Gregorian year in which its New Year falls) or, from 1873, the
	// Gregorian year.
	first int
	// The day the era began, in the calendar then in use: lunisolar month
	// and day of year first before 1873, Gregorian after.
	month, day int
	leap       bool
	// fromNewYear marks an era applied to the whole of its first year
	// (明治, proclaimed in the 9th month of 1868).
	fromNewYear bool
}

// eras lists the eras read, in order. The start days are those of the
// proclamation (改元) as given in the era tables of the Japanese calendar
// (see the reference in era_test.go); the test there checks every one.
var eras = []era{
	{name: "慶長", romaji: "Keichō", first: 1596, month: 10, day: 27},
	{name: "元和", romaji: "Genna", other: []string{"Genwa", "Gen'na"}, first: 1615, month: 7, day: 13},
	{name: "寛永", variants: []string{"寬永"}, romaji: "Kan'ei", first: 1624, month: 2, day: 30},
	{name: "正保", romaji: "Shōhō", first: 1644, month: 12, day: 16},
	{name: "慶安", romaji: "Keian", first: 1648, month: 2, day: 15},
	{name: "承応", variants: []string{"承應"}, romaji: "Jōō", other: []string{"Shōō"}, first: 1652, month: 9, day: 18},
	{name: "明暦", variants: []string{"明曆"}, romaji: "Meireki", first: 1655, month: 4, day: 13},
	{name: "万治", variants: []string{"萬治"}, romaji: "Manji", first: 1658, month: 7, day: 23},
	{name: "寛文", variants: []string{"寬文"}, romaji: "Kanbun", first: 1661, month: 4, day: 25},
	{name: "延宝", variants: []string{"延寶"}, romaji: "Enpō", first: 1673, month: 9, day: 21},
	{name: "天和", romaji: "Tenna", other: []string{"Tenwa"}, first: 1681, month: 9, day: 29},
	{name: "貞享", romaji: "Jōkyō", first: 1684, month: 2, day: 21},
	{name: "元禄", variants: []string{"元祿"}, romaji: "Genroku", first: 1688, month: 9, day: 30},
	{name: "宝永", variants: []string{"寶永"}, romaji: "Hōei", first: 1704, month: 3, day: 13},
	// 正德, the old form of 正徳, is not read: it is also the Ming era
	// Zhengde (1506–1521), which package chinese reads.
	{name: "正徳", romaji: "Shōtoku", first: 1711, month: 4, day: 25},
	{name: "享保", romaji: "Kyōhō", first: 1716, month: 6, day: 22},
	{name: "元文", romaji: "Genbun", first: 1736, month: 4, day: 28},
	{name: "寛保", variants: []string{"寬保"}, romaji: "Kanpō", first: 1741, month: 2, day: 27},
	{name: "延享", romaji: "Enkyō", first: 1744, month: 2, day: 21},
	{name: "寛延", variants: []string{"寬延"}, romaji: "Kan'en", first: 1748, month: 7, day: 12},
	{name: "宝暦", variants: []string{"寶暦", "寶曆", "宝曆"}, romaji: "Hōreki", first: 1751, month: 10, day: 27},
	{name: "明和", romaji: "Meiwa", first: 1764, month: 6, day: 2},
	{name: "安永", romaji: "An'ei", first: 1772, month: 11, day: 16},
	{name: "天明", romaji: "Tenmei", first: 1781, month: 4, day: 2},
	{name: "寛政", variants: []string{"寬政"}, romaji: "Kansei", first: 1789, month: 1, day: 25},
	{name: "享和", romaji: "Kyōwa", first: 1801, month: 2, day: 5},
	{name: "文化", romaji: "Bunka", first: 1804, month: 2, day: 11},
	{name: "文政", romaji: "Bunsei", first: 1818, month: 4, day: 22},
	{name: "天保", romaji: "Tenpō", first: 1830, month: 12, day: 10},
	{name: "弘化", romaji: "Kōka", first: 1844, month: 12, day: 2},
	{name: "嘉永", romaji: "Kaei", first: 1848, month: 2, day: 28},
	{name: "安政", romaji: "Ansei", first: 1854, month: 11, day: 27},
	{name: "万延", variants: []string{"萬延"}, romaji: "Man'en", first: 1860, month: 3, day: 18},
	{name: "文久", romaji: "Bunkyū", first: 1861, month: 2, day: 19},
	{name: "元治", romaji: "Genji", first: 1864, month: 2, day: 20},
	{name: "慶応", variants: []string{"慶應"}, romaji: "Keiō", first: 1865, month: 4, day: 7},
	{name: "明治", romaji: "Meiji", first: 1868, month: 9, day: 8, fromNewYear: true},
	{name: "大正", romaji: "Taishō", first: 1912, month: 7, day: 30},
	{name: "昭和", romaji: "Shōwa", first: 1926, month: 12, day: 25},
	{name: "平成", romaji: "Heisei", first: 1989, month: 1, day: 8},
	{name: "令和", romaji: "Reiwa", first: 2019, month: 5, day: 1},
}

// maxYear is the highest year of the last era read; it keeps Gregorian
// years at four digits.
const maxYear = 9999

// hanEras maps the two characters of an era name, in any form, to its
// index in eras.
var hanEras = map[[2]rune]int{}

// romanEras maps the folded romanised and Cyrillic names of the eras to
// their index (see romanKey and cyrillicKey).
var romanEras = map[string]int{}

func init() {
	for i := range eras {
		e := &eras[i]
		for _, s := range append([]string{e.name}, e.variants...) {
			r := []rune(s)
			if len(r) != 2 {
				panic("japanese: era name not two characters: " + s)
			}
			if j, dup := hanEras[[2]rune{r[0], r[1]}]; dup && j != i {
				panic("japanese: era spelling used twice: " + s)
			}
			hanEras[[2]rune{r[0], r[1]}] = i
		}
		for _, s := range append([]string{e.romaji}, e.other...) {
			addRoman(romanKey(s), i)
			addRoman(cyrillicKey(polivanov(s)), i)
		}
	}
	// Common Russian spellings beside Polivanov's.
	addRoman(cyrillicKey("Мейдзи"), eraIndex("明治"))
}

func addRoman(key string, i int) {
	if key == "" {
		panic("japanese: empty romanised key")
	}
	if j, dup := romanEras[key]; dup && j != i {
		panic("japanese: romanised era name used twice: " + key)
	}
	romanEras[key] = i
}

// eraIndex returns the index of an era by its canonical characters, or -1.
func eraIndex(name string) int {
	for i := range eras {
		if eras[i].name == name {
			return i
		}
	}
	return -1
}

// lookupEra finds an era by any name: characters (new or old forms),
// romanised (with or without macrons) or Cyrillic.
func lookupEra(name string) (int, bool) {
	name = strings.TrimSpace(name)
	if r := []rune(name); len(r) == 2 {
		if i, ok := hanEras[[2]rune{r[0], r[1]}]; ok {
			return i, true
		}
	}
	if k := romanKey(name); k != "" {
		if i, ok := romanEras[k]; ok {
			return i, true
		}
	}
	if k := cyrillicKey(name); k != "" {
		if i, ok := romanEras[k]; ok {
			return i, true
		}
	}
	return 0, false
}

// Eras returns the canonical names of the eras read, earliest first.
func Eras() []string {
	out := make([]string, len(eras))
	for i := range eras {
		out[i] = eras[i].name
	}
	return out
}

// RomanNames returns the romanised names of the eras read (Hepburn, with
// macrons), earliest first.
func RomanNames() []string {
	out := make([]string, len(eras))
	for i := range eras {
		out[i] = eras[i].romaji
	}
	return out
}

// romanKey folds a romanised name: lower case, macrons and circumflexes
// dropped, "ou" and "oh" read as a long o (Taishou, Taishoh), m before b,
// p or m read as n (Kambun, Tempō), apostrophes, hyphens and spaces
// dropped. It returns "" for a name with other characters.
func romanKey(s string) string {
	var b []byte
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z':
			b = append(b, byte(c))
		case c >= 'A' && c <= 'Z':
			b = append(b, byte(c-'A'+'a'))
		case c == '\'' || c == '’' || c == '-' || c == ' ' || c == '\u2010':
		default:
			if l, ok := macronBase[c]; ok {
				b = append(b, l)
				continue
			}
			return ""
		}
	}
	return foldRoman(b)
}

// foldRoman applies romanKey's spelling folds to lower-case letters.
func foldRoman(b []byte) string {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == 'm' && i+1 < len(b) && (b[i+1] == 'b' || b[i+1] == 'p' || b[i+1] == 'm') {
			c = 'n'
		}
		out = append(out, c)
		// A long vowel written twice or with h: ou, oo, oh, uu, uh.
		if (c == 'o' || c == 'u') && i+1 < len(b) {
			n := b[i+1]
			if n == 'h' && (i+2 == len(b) || !isVowel(b[i+2])) || c == 'o' && n == 'u' || n == c && c == 'u' {
				i++
			}
		}
	}
	return string(out)
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// macronBase maps the accented vowels of romanised Japanese to their base.
var macronBase = map[rune]byte{
	'ā': 'a', 'ī': 'i', 'ū': 'u', 'ē': 'e', 'ō': 'o',
	'Ā': 'a', 'Ī': 'i', 'Ū': 'u', 'Ē': 'e', 'Ō': 'o',
	'â': 'a', 'î': 'i', 'û': 'u', 'ê': 'e', 'ô': 'o',
	'Â': 'a', 'Î': 'i', 'Û': 'u', 'Ê': 'e', 'Ô': 'o',
}

// cyrillicKey folds a Cyrillic name: lower case, э and ё read as е, ъ,
// hyphens and spaces dropped. It returns "" for a name with other
// characters.
func cyrillicKey(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		switch {
		case c == 'э' || c == 'ё':
			b.WriteRune('е')
		case c == 'ъ' || c == '-' || c == ' ':
		case c >= 'а' && c <= 'я':
			b.WriteRune(c)
		default:
			return ""
		}
	}
	return b.String()
}

// polivanov writes a Hepburn romanisation in Polivanov's Cyrillic, the
// system Russian texts use: Meiji → Мэйдзи, Taishō → Тайсё, Shōwa → Сёва.
// Vowel length is not written; い after a vowel is й; ん is н.
func polivanov(hepburn string) string {
	s := []byte(strings.ReplaceAll(strings.ReplaceAll(romanKeyKeepLong(hepburn), "'", ""), "-", ""))
	var b strings.Builder
	for i := 0; i < len(s); {
		matched := false
		for n := 3; n >= 1; n-- {
			if i+n > len(s) {
				continue
			}
			if c, ok := kanaCyr[string(s[i:i+n])]; ok {
				if n == 1 && s[i] == 'i' && i > 0 && isVowel(s[i-1]) {
					c = "й"
				}
				b.WriteString(c)
				i += n
				matched = true
				break
			}
		}
		if !matched {
			if s[i] == 'n' {
				b.WriteString("н")
			}
			i++
		}
	}
	out := b.String()
	if r, size := utf8.DecodeRuneInString(out); size > 0 {
		out = strings.ToUpper(string(r)) + out[size:]
	}
	return out
}

// romanKeyKeepLong lower-cases a Hepburn name and drops macrons, keeping
// apostrophes (Man'en is ma-n-e-n, not ma-ne-n).
func romanKeyKeepLong(s string) string {
	var b []byte
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c == '\'':
			b = append(b, byte(c))
		case c >= 'A' && c <= 'Z':
			b = append(b, byte(c-'A'+'a'))
		default:
			if l, ok := macronBase[c]; ok {
				b = append(b, l)
			}
		}
	}
	// An apostrophe marks a syllabic n; write it as "n'" so that the
	// syllable table does not read "ne".
	return strings.ReplaceAll(string(b), "n'", "N")
}

// kanaCyr maps Hepburn syllables to Polivanov's Cyrillic.
var kanaCyr = map[string]string{
	"a": "а", "i": "и", "u": "у", "e": "э", "o": "о",
	"ka": "ка", "ki": "ки", "ku": "ку", "ke": "кэ", "ko": "ко",
	"sa": "са", "shi": "си", "su": "су", "se": "сэ", "so": "со",
	"ta": "та", "chi": "ти", "tsu": "цу", "te": "тэ", "to": "то",
	"na": "на", "ni": "ни", "nu": "ну", "ne": "нэ", "no": "но",
	"ha": "ха", "hi": "хи", "fu": "фу", "he": "хэ", "ho": "хо",
	"ma": "ма", "mi": "ми", "mu": "му", "me": "мэ", "mo": "мо",
	"ya": "я", "yu": "ю", "yo": "ё",
	"ra": "ра", "ri": "ри", "ru": "ру", "re": "рэ", "ro": "ро",
	"wa": "ва", "wo": "о",
	"ga": "га", "gi": "ги", "gu": "гу", "ge": "гэ", "go": "го",
	"za": "дза", "ji": "дзи", "zu": "дзу", "ze": "дзэ", "zo": "дзо",
	"da": "да", "de": "дэ", "do": "до",
	"ba": "ба", "bi": "би", "bu": "бу", "be": "бэ", "bo": "бо",
	"pa": "па", "pi": "пи", "pu": "пу", "pe": "пэ", "po": "по",
	"kya": "кя", "kyu": "кю", "kyo": "кё",
	"sha": "ся", "shu": "сю", "sho": "сё",
	"cha": "тя", "chu": "тю", "cho": "тё",
	"ja": "дзя", "ju": "дзю", "jo": "дзё",
	"nya": "ня", "nyu": "ню", "nyo": "нё",
	"hya": "хя", "hyu": "хю", "hyo": "хё",
	"mya": "мя", "myu": "мю", "myo": "мё",
	"rya": "ря", "ryu": "рю", "ryo": "рё",
	"gya": "гя", "gyu": "гю", "gyo": "гё",
	"bya": "бя", "byu": "бю", "byo": "бё",
	"pya": "пя", "pyu": "пю", "pyo": "пё",
	"N": "н",
}
