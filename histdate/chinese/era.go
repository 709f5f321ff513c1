package chinese

import "strings"

// dynasty groups eras for the dynasty prefixes 大清 and 大明.
type dynasty uint8

const (
	ming dynasty = iota + 1
	qing
	republic
)

// era is one reign era (年號) or the Republic's year count.
type era struct {
	name      string   // traditional characters, the canonical name
	simp      string   // simplified characters
	variants  []string // other spellings in characters (taboo and variant forms)
	pinyin    string   // canonical pinyin, no tone marks
	wadeGiles string   // Wade–Giles, with apostrophes and hyphen
	first     int      // Gregorian year in which the new year of year 1 falls
	years     int      // highest era year read
	dyn       dynasty
	gregorian bool // years and months are Gregorian (民國)
}

// eras lists every era read. Year counts follow the years in use at court;
// 洪武 runs to 35 because the Yongle emperor renamed the 建文 years 洪武三十二年
// to 三十五年, and documents of his reign use those numbers.
var eras = []era{
	{name: "洪武", simp: "洪武", pinyin: "Hongwu", wadeGiles: "Hung-wu", first: 1368, years: 35, dyn: ming},
	{name: "建文", simp: "建文", pinyin: "Jianwen", wadeGiles: "Chien-wen", first: 1399, years: 4, dyn: ming},
	{name: "永樂", simp: "永乐", pinyin: "Yongle", wadeGiles: "Yung-lo", first: 1403, years: 22, dyn: ming},
	{name: "洪熙", simp: "洪熙", pinyin: "Hongxi", wadeGiles: "Hung-hsi", first: 1425, years: 1, dyn: ming},
	{name: "宣德", simp: "宣德", pinyin: "Xuande", wadeGiles: "Hsüan-te", first: 1426, years: 10, dyn: ming},
	{name: "正統", simp: "正统", pinyin: "Zhengtong", wadeGiles: "Cheng-t'ung", first: 1436, years: 14, dyn: ming},
	{name: "景泰", simp: "景泰", pinyin: "Jingtai", wadeGiles: "Ching-t'ai", first: 1450, years: 8, dyn: ming},
	{name: "天順", simp: "天顺", pinyin: "Tianshun", wadeGiles: "T'ien-shun", first: 1457, years: 8, dyn: ming},
	{name: "成化", simp: "成化", pinyin: "Chenghua", wadeGiles: "Ch'eng-hua", first: 1465, years: 23, dyn: ming},
	// 宏治: Qing texts avoid 弘, the Qianlong emperor's personal name.
	{name: "弘治", simp: "弘治", variants: []string{"宏治"}, pinyin: "Hongzhi", wadeGiles: "Hung-chih", first: 1488, years: 18, dyn: ming},
	{name: "正德", simp: "正德", pinyin: "Zhengde", wadeGiles: "Cheng-te", first: 1506, years: 16, dyn: ming},
	{name: "嘉靖", simp: "嘉靖", pinyin: "Jiajing", wadeGiles: "Chia-ching", first: 1522, years: 45, dyn: ming},
	{name: "隆慶", simp: "隆庆", pinyin: "Longqing", wadeGiles: "Lung-ch'ing", first: 1567, years: 6, dyn: ming},
	// 萬歷: Qing texts avoid 曆 for the same reason.
	{name: "萬曆", simp: "万历", variants: []string{"萬歷", "万曆"}, pinyin: "Wanli", wadeGiles: "Wan-li", first: 1573, years: 48, dyn: ming},
	{name: "泰昌", simp: "泰昌", pinyin: "Taichang", wadeGiles: "T'ai-ch'ang", first: 1620, years: 1, dyn: ming},
	{name: "天啟", simp: "天启", variants: []string{"天啓"}, pinyin: "Tianqi", wadeGiles: "T'ien-ch'i", first: 1621, years: 7, dyn: ming},
	{name: "崇禎", simp: "崇祯", pinyin: "Chongzhen", wadeGiles: "Ch'ung-chen", first: 1628, years: 17, dyn: ming},

	{name: "天命", simp: "天命", pinyin: "Tianming", wadeGiles: "T'ien-ming", first: 1616, years: 11, dyn: qing},
	{name: "天聰", simp: "天聪", pinyin: "Tiancong", wadeGiles: "T'ien-ts'ung", first: 1627, years: 10, dyn: qing},
	{name: "崇德", simp: "崇德", pinyin: "Chongde", wadeGiles: "Ch'ung-te", first: 1636, years: 8, dyn: qing},
	{name: "順治", simp: "顺治", pinyin: "Shunzhi", wadeGiles: "Shun-chih", first: 1644, years: 18, dyn: qing},
	{name: "康熙", simp: "康熙", pinyin: "Kangxi", wadeGiles: "K'ang-hsi", first: 1662, years: 61, dyn: qing},
	{name: "雍正", simp: "雍正", pinyin: "Yongzheng", wadeGiles: "Yung-cheng", first: 1723, years: 13, dyn: qing},
	{name: "乾隆", simp: "乾隆", pinyin: "Qianlong", wadeGiles: "Ch'ien-lung", first: 1736, years: 60, dyn: qing},
	{name: "嘉慶", simp: "嘉庆", pinyin: "Jiaqing", wadeGiles: "Chia-ch'ing", first: 1796, years: 25, dyn: qing},
	{name: "道光", simp: "道光", pinyin: "Daoguang", wadeGiles: "Tao-kuang", first: 1821, years: 30, dyn: qing},
	{name: "咸豐", simp: "咸丰", pinyin: "Xianfeng", wadeGiles: "Hsien-feng", first: 1851, years: 11, dyn: qing},
	{name: "同治", simp: "同治", pinyin: "Tongzhi", wadeGiles: "T'ung-chih", first: 1862, years: 13, dyn: qing},
	{name: "光緒", simp: "光绪", pinyin: "Guangxu", wadeGiles: "Kuang-hsü", first: 1875, years: 34, dyn: qing},
	{name: "宣統", simp: "宣统", pinyin: "Xuantong", wadeGiles: "Hsüan-t'ung", first: 1909, years: 3, dyn: qing},

	// The Republic's count is open-ended; the cap keeps Gregorian years at
	// four digits.
	{name: "民國", simp: "民国", pinyin: "Minguo", wadeGiles: "Min-kuo", first: 1912, years: 9999 - 1911, dyn: republic, gregorian: true},
}

// eraMinguo is the index of 民國 in eras.
var eraMinguo = func() int {
	for i := range eras {
		if eras[i].gregorian {
			return i
		}
	}
	panic("chinese: no 民國 in era table")
}()

// cjkEras maps the two characters of an era name, in any spelling, to its
// index in eras.
var cjkEras = map[[2]rune]int{}

// eraByName maps every spelling (characters, and the normalised key of pinyin
// and Wade–Giles) to an index in eras.
var eraByName = map[string]int{}

// pinyinTrie recognises romanised era names; node 0 is the root.
var pinyinTrie = []trieNode{newTrieNode()}

// pinyinFirst marks the ASCII letters that can begin a romanised era name.
var pinyinFirst [128]bool

// trieNode is one node of pinyinTrie: children by letter a–z (0–25) and
// apostrophe (26), and the era ending here, or -1.
type trieNode struct {
	next [27]int32
	era  int
}

func newTrieNode() trieNode { return trieNode{era: -1} }

func init() {
	for _, c := range "大清明中" {
		markCJKStart(c)
	}
	for i := range eras {
		e := &eras[i]
		for _, s := range append([]string{e.name, e.simp}, e.variants...) {
			r := []rune(s)
			if len(r) != 2 {
				panic("chinese: era name not two characters: " + s)
			}
			if j, dup := cjkEras[[2]rune{r[0], r[1]}]; dup && j != i {
				panic("chinese: era spelling used twice: " + s)
			}
			cjkEras[[2]rune{r[0], r[1]}] = i
			markCJKStart(r[0])
			eraByName[s] = i
		}
	}
	// Exact romanised keys first; apostrophe-less Wade–Giles keys only where
	// they do not collide (Chia-ching is 嘉靖; Chia-ch'ing is 嘉慶).
	for i := range eras {
		for _, s := range []string{eras[i].pinyin, eras[i].wadeGiles} {
			addRomanKey(romanKey(s, true), i, true)
		}
	}
	for i := range eras {
		addRomanKey(romanKey(eras[i].wadeGiles, false), i, false)
	}
}

// addRomanKey registers key for era i in eraByName and pinyinTrie. A second
// era on an exact key is a table error; on a loose key the first one stays.
func addRomanKey(key string, i int, exact bool) {
	if j, dup := eraByName[key]; dup {
		if j != i && exact {
			panic("chinese: romanised era name used twice: " + key)
		}
		return
	}
	eraByName[key] = i
	n := 0
	for _, c := range key {
		b := letterIndex(c)
		if pinyinTrie[n].next[b] == 0 {
			pinyinTrie = append(pinyinTrie, newTrieNode())
			pinyinTrie[n].next[b] = int32(len(pinyinTrie) - 1)
		}
		n = int(pinyinTrie[n].next[b])
	}
	pinyinTrie[n].era = i
	pinyinFirst[key[0]] = true
}

func letterIndex(c rune) int {
	if c == '\'' {
		return 26
	}
	return int(c - 'a')
}

// romanKey normalises a romanised name: lower case, tone marks and umlauts
// dropped, hyphens and spaces dropped, apostrophes kept as ' when
// keepApostrophe, else dropped. Characters that are none of these make the
// key empty.
func romanKey(s string, keepApostrophe bool) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case isApostrophe(c):
			if keepApostrophe {
				b.WriteByte('\'')
			}
		case c == '-' || c == ' ' || c == '\u2010' || isCombiningMark(c):
		default:
			l, ok := foldLetter(c)
			if !ok {
				return ""
			}
			b.WriteByte(l)
		}
	}
	return b.String()
}

// lookupEra finds an era by any of its names: characters (traditional,
// simplified, variant, or 中華民國), pinyin with or without tone marks, or
// Wade–Giles.
func lookupEra(name string) (int, bool) {
	name = strings.TrimSpace(name)
	if i, ok := eraByName[name]; ok {
		return i, true
	}
	switch name {
	case "中華民國", "中华民国":
		return eraMinguo, true
	}
	if k := romanKey(name, true); k != "" {
		if i, ok := eraByName[k]; ok {
			return i, true
		}
		if i, ok := eraByName[romanKey(name, false)]; ok {
			return i, true
		}
	}
	return 0, false
}

// GregorianYearOf returns the Gregorian year in which the new year of the
// given era year falls: GregorianYearOf("咸豐", 8) is 1858. The era may be
// named in characters, pinyin or Wade–Giles. ok is false for an unknown era
// or a year outside it.
func GregorianYearOf(era string, eraYear int) (year int, ok bool) {
	i, found := lookupEra(era)
	if !found || eraYear < 1 || eraYear > eras[i].years {
		return 0, false
	}
	return eras[i].first + eraYear - 1, true
}

// Eras returns the traditional names of the eras read, earliest first
// within each dynasty (Ming, Later Jin and Qing, Republic).
func Eras() []string {
	out := make([]string, len(eras))
	for i := range eras {
		out[i] = eras[i].name
	}
	return out
}

// matchRomanEra matches a romanised era name at r[i], which must begin a
// word, and returns the era and the end of the name. Tone marks, umlauts,
// case, one hyphen or space between syllables and apostrophe variants are
// tolerated; the name must not run on into more letters.
func matchRomanEra(r []rune, i int) (eraIdx, end int, ok bool) {
	if i > 0 && isWordLetter(r[i-1]) {
		return 0, 0, false
	}
	node, j := 0, i
	for j < len(r) {
		c := r[j]
		if l, isL := foldLetter(c); isL {
			n := pinyinTrie[node].next[l-'a']
			if n == 0 {
				break
			}
			node = int(n)
			j++
			for j < len(r) && isCombiningMark(r[j]) {
				j++
			}
			if e := pinyinTrie[node].era; e >= 0 && (j == len(r) || !isWordLetter(r[j])) {
				eraIdx, end, ok = e, j, true
			}
			continue
		}
		if node == 0 || j+1 >= len(r) {
			break
		}
		if isApostrophe(c) {
			n := pinyinTrie[node].next[26]
			if n == 0 {
				// Loose key: the apostrophe is dropped.
				if _, isL := foldLetter(r[j+1]); !isL {
					break
				}
				j++
				continue
			}
			node = int(n)
			j++
			continue
		}
		if c == '-' || c == ' ' || c == '\u2010' {
			if _, isL := foldLetter(r[j+1]); !isL {
				break
			}
			j++
			continue
		}
		break
	}
	return eraIdx, end, ok
}

// RomanNames lists the romanised names of every era read, in pinyin and
// in Wade–Giles ("Xianfeng", "Hsien-feng"), for callers that want to know
// cheaply whether a text may hold a romanised era date.
func RomanNames() []string {
	out := make([]string, 0, 2*len(eras))
	for _, e := range eras {
		out = append(out, e.pinyin, e.wadeGiles)
	}
	return out
}
