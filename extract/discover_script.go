package extract

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"treatyline/kb"
)

// Russian, Chinese and Japanese names of treaties and places, and the
// parts of a land in every language.

func isCyrillicWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	// No Cyrillic letter comes before U+0400: most words are not looked
	// up in the script's table.
	return r >= 0x400 && unicode.Is(unicode.Cyrillic, r)
}

// russianAdjectiveStem gives the place inside a Russian adjective of
// place: "симоносекский" is of Симоносек(и), "курильские" of Куриль,
// "петербургского" of Петербург. ok is false for other words.
func russianAdjectiveStem(w string) (string, bool) {
	for _, e := range russianAdjectiveEndings {
		if !strings.HasSuffix(w, e.ending) {
			continue
		}
		stem := w[:len(w)-len(e.ending)]
		for _, sk := range []string{"ск", "цк"} {
			if strings.HasSuffix(stem, sk) {
				place := stem[:len(stem)-len(sk)]
				if utf8.RuneCountInString(place) >= 4 {
					return place, true
				}
			}
		}
	}
	// The plural: "курильские", "курильских".
	for _, e := range []string{"ские", "ских", "скими", "ским", "цкие"} {
		if strings.HasSuffix(w, e) {
			if place := w[:len(w)-len(e)]; utf8.RuneCountInString(place) >= 4 {
				return place, true
			}
		}
	}
	return "", false
}

// russianNoun gives the nominative of a declined noun of the table, or "".
func russianNoun(w string, table []struct{ stem, nominative string }) string {
	for _, n := range table {
		if strings.HasPrefix(w, n.stem) && utf8.RuneCountInString(w)-utf8.RuneCountInString(n.stem) <= 3 {
			return n.nominative
		}
	}
	return ""
}

// russianPlaceNoun gives the kind of place a Russian noun names and the
// word as written, or "".
func russianPlaceNoun(w string) (kb.Kind, string) {
	for _, p := range russianPlaceNouns {
		if strings.HasPrefix(w, p.stem) && utf8.RuneCountInString(w)-utf8.RuneCountInString(p.stem) <= 3 {
			return p.kind, w
		}
	}
	return "", ""
}

// russianYearAfter reads "1875 года", "1875 г." after a name.
func russianYearAfter(toks []dtok, k int) (int, bool) {
	if k < len(toks) && toks[k].gap == " " && len(toks[k].lower) == 4 && isNumber(toks[k].lower) {
		if y, _ := strconv.Atoi(toks[k].lower); y > 1000 && y < 2100 {
			return y, true
		}
	}
	return 0, false
}

// hanFold folds the traditional and simplified forms (and the Japanese
// shinjitai) of the characters place names are written with, so that 馬關
// and 馬関 and 马关 are one key.
var hanFold = map[rune]rune{'關': '关', '関': '关', '條': '条', '約': '约', '島': '岛', '灣': '湾', '遼': '辽', '東': '东', '諸': '诸',
	'臺': '台', '馬': '马', '樺': '桦', '澎': '澎', '譲': '让', '讓': '让', '協': '协', '議': '议', '書': '书', '國': '国', '亞': '亚', '亜': '亚'}

func hanKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if f, ok := hanFold[r]; ok {
			r = f
		}
		if r == '・' || r == '·' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// hanSuffix is a word that ends a name in Han: an instrument's or a kind
// of place's.
type hanSuffix struct {
	r      []rune
	kind   kb.Kind
	strip  bool // the key is the name without the suffix
	treaty bool
}

// hanSuffixes are the instruments' words and then the places', as
// discoverHan tries them, made once.
var hanSuffixes = func() []hanSuffix {
	var sufs []hanSuffix
	for _, s := range hanInstruments {
		sufs = append(sufs, hanSuffix{[]rune(s), kb.KindTreaty, true, true})
	}
	for _, s := range hanPlaceSuffixes {
		sufs = append(sufs, hanSuffix{[]rune(s.suffix), s.kind, utf8.RuneCountInString(s.suffix) > 1, false})
	}
	return sufs
}()

// discoverHan finds the names of instruments and places in Chinese and
// Japanese text, and the countries named in Han or kana.
func discoverHan(runes []rune) []discovered {
	var out []discovered
	for i := 0; i < len(runes); i++ {
		if !unicode.Is(unicode.Han, runes[i]) {
			continue
		}
		for _, s := range hanSuffixes {
			if i+len(s.r) > len(runes) || !slices.Equal(runes[i:i+len(s.r)], s.r) {
				continue
			}
			j := i
			for j > 0 && i-j < 8 && (unicode.Is(unicode.Han, runes[j-1]) || unicode.Is(unicode.Katakana, runes[j-1]) || runes[j-1] == '・' || runes[j-1] == 'ー') && !hanStops[runes[j-1]] {
				j--
			}
			if j == i || !s.treaty && i-j > 4 {
				continue
			}
			name := string(runes[j : i+len(s.r)])
			key := string(runes[j:i])
			// 三国, 両国, 各国, 外国: a number or a word of quantity
			// before 国 names no state.
			if s.treaty && hanGenericInstruments[key] {
				continue // 講和条約, 通商条約: a peace, a commercial treaty, not a name
			}
			if s.kind == kb.KindPolity && (i-j > 2 || hanNotStates[runes[i-1]]) {
				continue
			}
			if !s.strip {
				key = name
			}
			d := discovered{start: j, end: i + len(s.r), text: name, kind: s.kind, key: hanKey(key), label: name, conf: 0.65,
				why: "a name ending in a word for a kind of place", kindSure: true}
			if lat := kanaToLatin(string(runes[j:i])); lat != "" {
				// A foreign name in katakana: matched by its sounds.
				d.key, d.translit = lat, true
			}
			if s.treaty {
				d.conf, d.why = 0.75, "a name ending in a word for an instrument"
			}
			out = append(out, d)
			i += len(s.r) - 1
			break
		}
	}
	// A Han name right before a gloss in brackets is a name, though no
	// word says its kind: "樺太（サハリン）".
	for i := 1; i < len(runes); i++ {
		if runes[i] != '（' && runes[i] != '(' || !unicode.Is(unicode.Han, runes[i-1]) {
			continue
		}
		j := i
		for j > 0 && i-j < 6 && unicode.Is(unicode.Han, runes[j-1]) && !hanStops[runes[j-1]] {
			j--
		}
		k := i + 1
		for k < len(runes) && k-i < 30 && runes[k] != '）' && runes[k] != ')' {
			k++
		}
		if j == i || k >= len(runes) || !glossLike(string(runes[i+1:k])) {
			continue
		}
		name := string(runes[j:i])
		out = append(out, discovered{start: j, end: i, text: name, kind: kb.KindTerritory, key: hanKey(name), label: name, conf: 0.4,
			why: "a name glossed in brackets; its kind is not said"})
	}
	// Countries' names in Han or kana, looked for where their first
	// character stands.
	regionNamesOnce.Do(loadRegionNames)
	for i := 0; i < len(runes); i++ {
		if runes[i] < regionHanLeast {
			continue // most of a text mixing scripts is in another
		}
		for _, rn := range regionHanFirst[runes[i]] {
			name := []rune(rn.text)
			if i+len(name) <= len(runes) && string(runes[i:i+len(name)]) == rn.text {
				out = append(out, discovered{start: i, end: i + len(name), text: rn.text, kind: kb.KindPolity,
					key: rn.key, label: rn.region, conf: 0.55, why: "a country's name (CLDR)", region: true})
			}
		}
	}
	return out
}

// partOfLand reads the part of a land from token i: "the southern half of
// Sakhalin", "de zuidelijke helft van Sachalin", "die südliche Hälfte
// Sachalins", "la moitié sud de Sakhaline", "южная часть Сахалина"; and
// "the islands beyond Urup".
func partOfLand(runes []rune, toks []dtok, i int) (discovered, bool) {
	t := &toks[i]
	dir, j := "", 0
	switch {
	case directionWords[t.lower] != "" && i+1 < len(toks) && partNouns[toks[i+1].lower]:
		dir, j = directionWords[t.lower], i+2
	case partNouns[t.lower] && i+1 < len(toks) && directionWords[toks[i+1].lower] != "":
		dir, j = directionWords[toks[i+1].lower], i+2
	case placeNouns[t.lower] == kb.KindTerritory && i+1 < len(toks) && beyondWords[toks[i+1].lower]:
		dir, j = "beyond", i+2
	case t.lower == "острова" && i+1 < len(toks) && toks[i+1].lower == "за":
		dir, j = "beyond", i+2
	default:
		return discovered{}, false
	}
	for j < len(toks) && (namePrepositions[toks[j].lower] || functionWords[toks[j].lower] || toks[j].lower == "des") && !toks[j].upper {
		j++
	}
	if j+1 < len(toks) {
		// "of the island of Sakhalin", "der Insel Sachalin" (German
		// nouns are capitalised).
		if _, ok := placeNouns[toks[j].lower]; ok && (!toks[j].upper || toks[j+1].upper) {
			j++
			for j < len(toks) && (namePrepositions[toks[j].lower] || functionWords[toks[j].lower]) && !toks[j].upper {
				j++
			}
		}
	}
	if j >= len(toks) || !toks[j].upper {
		return discovered{}, false
	}
	n := placeWords(toks, j)
	if n == 0 {
		return discovered{}, false
	}
	place := string(runes[toks[j].start:toks[j+n-1].end])
	lower := strings.ToLower(place)
	switch {
	case isCyrillicWord(lower):
		if noms := nominatives(lower, russianEndings); len(noms) > 0 {
			place = upperFirst(noms[0])
		}
	case n == 1 && strings.HasSuffix(place, "s") && toks[j].gap == " " && !namePrepositions[toks[j-1].lower] && !functionWords[toks[j-1].lower]:
		place = strings.TrimSuffix(place, "s") // a German genitive: "Hälfte Sachalins"
	}
	start := t.start
	if i > 0 && functionWords[toks[i-1].lower] {
		start = toks[i-1].start
	}
	end := toks[j+n-1].end
	pstart, pend := toks[j].start, end
	if k := j + n; k < len(toks) && placeNounsAfter[toks[k].lower] && (toks[k].gap == " " || toks[k].gap == "-") {
		end = toks[k].end // "the southern part of the Liaodong Peninsula"
	}
	return discovered{start: start, end: end, text: string(runes[start:end]), kind: kb.KindTerritory, key: dir + " of " + placeKey(place),
		label: string(runes[start:end]), conf: 0.6, why: "a part of a land named by its direction", partOf: placeKey(place), kindSure: true, translit: true,
		placeStart: pstart, placeEnd: pend, placeLabel: place}, true
}

// katakana read as Latin letters (Hepburn), for matching names written
// in katakana with their Latin and Cyrillic forms.
var katakana = map[rune]string{
	'ア': "a", 'イ': "i", 'ウ': "u", 'エ': "e", 'オ': "o", 'カ': "ka", 'キ': "ki", 'ク': "ku", 'ケ': "ke", 'コ': "ko",
	'サ': "sa", 'シ': "shi", 'ス': "su", 'セ': "se", 'ソ': "so", 'タ': "ta", 'チ': "chi", 'ツ': "tsu", 'テ': "te", 'ト': "to",
	'ナ': "na", 'ニ': "ni", 'ヌ': "nu", 'ネ': "ne", 'ノ': "no", 'ハ': "ha", 'ヒ': "hi", 'フ': "fu", 'ヘ': "he", 'ホ': "ho",
	'マ': "ma", 'ミ': "mi", 'ム': "mu", 'メ': "me", 'モ': "mo", 'ヤ': "ya", 'ユ': "yu", 'ヨ': "yo",
	'ラ': "ra", 'リ': "ri", 'ル': "ru", 'レ': "re", 'ロ': "ro", 'ワ': "wa", 'ヲ': "o", 'ン': "n",
	'ガ': "ga", 'ギ': "gi", 'グ': "gu", 'ゲ': "ge", 'ゴ': "go", 'ザ': "za", 'ジ': "ji", 'ズ': "zu", 'ゼ': "ze", 'ゾ': "zo",
	'ダ': "da", 'ヂ': "ji", 'ヅ': "zu", 'デ': "de", 'ド': "do", 'バ': "ba", 'ビ': "bi", 'ブ': "bu", 'ベ': "be", 'ボ': "bo",
	'パ': "pa", 'ピ': "pi", 'プ': "pu", 'ペ': "pe", 'ポ': "po", 'ヴ': "vu",
	'ァ': "a", 'ィ': "i", 'ゥ': "u", 'ェ': "e", 'ォ': "o",
}

// kanaToLatin reads a name written in katakana in Latin letters ("サハリン"
// is "saharin"); "" when the name is not all katakana.
func kanaToLatin(s string) string {
	rs := []rune(strings.TrimSpace(s))
	var b strings.Builder
	double := false
	for i, r := range rs {
		switch r {
		case 'ー', '・', ' ':
			continue
		case 'ッ':
			double = true
			continue
		case 'ャ', 'ュ', 'ョ':
			v := map[rune]string{'ャ': "a", 'ュ': "u", 'ョ': "o"}[r]
			out := b.String()
			if strings.HasSuffix(out, "i") {
				out = out[:len(out)-1]
				if !strings.HasSuffix(out, "sh") && !strings.HasSuffix(out, "ch") && !strings.HasSuffix(out, "j") {
					out += "y"
				}
			}
			b.Reset()
			b.WriteString(out + v)
			continue
		}
		l, ok := katakana[r]
		if !ok {
			return ""
		}
		if double && l != "" {
			b.WriteByte(l[0])
		}
		double = false
		// A small vowel after a syllable replaces its vowel: ティ is ti.
		if i+1 < len(rs) && strings.ContainsRune("ァィゥェォ", rs[i+1]) && len(l) > 1 {
			l = l[:len(l)-1]
		}
		b.WriteString(l)
	}
	return b.String()
}
