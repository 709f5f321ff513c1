package extract

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"treatyline/kb"
)

// Entities discovered from text. A name the knowledge base does not know
// becomes a candidate entity when its words say what it names: an
// instrument word and a place ("Treaty of Shimonoseki", "Vertrag von
// Portsmouth", "Симоносекский договор", "下関条約"), a word for a kind of
// place ("the island of Sakhalin", "Liaodong Peninsula", "остров
// Сахалин", "遼東半島"), the part of a land ("the southern half of
// Sakhalin"), a title before a person's name ("Count Witte"), a country's
// name in any of the languages (CLDR), or a gloss in brackets that gives
// another form of a name just read ("Taiwan (Formosa)", "樺太（サハリン）").
//
// A candidate's id is made of its kind and the normal form of its name
// (the place a treaty is named after), so that ingesting a document again
// proposes the same one. Its later mentions, in this document or others,
// in another language, script or transliteration, resolve to it (see
// registry); likely duplicates that do not resolve are offered for
// merging with the reason.

// EntityCandidate is an entity ingest proposes from a name it does not
// know: its kind, the forms it is written in (with their language and
// script), where it was named, and how sure ingest is.
type EntityCandidate struct {
	ID         string        `json:"id"`
	Kind       kb.Kind       `json:"kind"`
	Label      string        `json:"label"`
	Lang       string        `json:"lang,omitempty"`
	Aliases    []kb.Alias    `json:"aliases"`
	Evidence   []kb.Evidence `json:"evidence"`
	Confidence float64       `json:"confidence"`
	Why        string        `json:"why"`
	// PartOf is the land a part is of ("the southern half of Sakhalin":
	// Sakhalin).
	PartOf string `json:"part_of,omitempty"`
	// Years are the years a treaty was written with or signed in; Days
	// the days it is said to have been signed (ISO, Gregorian).
	Years []int    `json:"years,omitempty"`
	Days  []string `json:"days,omitempty"`

	keys   []string // the keys it is found by
	stored bool     // the store has it as it is, but for dirty changes
	dirty  bool     // the document added a name or evidence
}

// Entity gives the candidate as a knowledge-base entity, under review.
func (c *EntityCandidate) Entity() kb.Entity {
	e := kb.Entity{ID: c.ID, Kind: c.Kind, Labels: map[string]string{}, Status: kb.Candidate, Confidence: c.Confidence,
		Evidence: c.Evidence, Note: c.Why}
	if c.PartOf != "" {
		e.Description = "part of " + c.PartOf
	}
	lang := c.Lang
	if lang == "" {
		lang = "en"
	}
	e.Labels[lang] = c.Label
	for _, a := range c.Aliases {
		if a.Lang != "" && a.Lang != lang {
			if _, ok := e.Labels[a.Lang]; !ok {
				e.Labels[a.Lang] = a.Text
			}
		}
	}
	for _, a := range c.Aliases {
		if a.Text != c.Label {
			e.Aliases = append(e.Aliases, a)
		}
	}
	return e
}

// MergeSuggestion is a pair of entities that likely are one, and why.
type MergeSuggestion struct {
	Entities [2]string `json:"entities"`
	Reason   string    `json:"reason"`
}

// discovered is a name found in a text that reads as an entity's.
type discovered struct {
	start, end int    // code points
	text       string // as written
	kind       kb.Kind
	key        string // what it is found by: the normal form of its name
	label      string // the name to give a new candidate
	conf       float64
	why        string
	year       int    // a treaty's year written with its name
	partOf     string // the key of the land a part is of
	glossOf    int    // 1 + the index of the name this one glosses
	kindSure   bool   // the words say the kind; false for a gloss or a country's name
	region     bool   // a country's name (CLDR)
	translit   bool   // the key may be matched by transliteration
	replaces   bool   // replaces a known treaty's mention (another year)
	known      string // a known entity it glosses
	preset     string // the candidate a gloss pair resolves to
	// placeStart and placeEnd are the land a part is of, in the text.
	placeStart, placeEnd int
	placeLabel           string
}

// dtok is a word of a text, for discovery.
type dtok struct {
	start, end int // code points
	lower      string
	upper      bool
	gap        string // what stands between the word before and this one
	// lo0 and lo1 are where lower is in discoverTokens' buffer, for a
	// word that is not its own lower case (lo1 > 0).
	lo0, lo1 int32
}

func discoverTokens(text string, out []dtok, buf []byte) ([]dtok, []byte) {
	out, buf = out[:0], buf[:0]
	isWord := func(r rune) bool {
		if r < 0x80 {
			return asciiWordByte[r]
		}
		return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
	}
	// The words not already in small ASCII letters are lower-cased into
	// one buffer (the caller's, reused), made a string once at the end,
	// rather than a string each.
	prevEnd, prevEndByte := 0, 0
	ri := 0 // code points before byte i
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if !isWord(r) || isHanOrKana(r) {
			i += size
			ri++
			continue
		}
		start, startByte := ri, i
		upper := unicode.IsUpper(r)
		plain := true // ASCII in small letters: the word is its own lower case
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				// ASCII, read without a call.
				if !asciiWordByte[c] {
					break
				}
				if 'A' <= c && c <= 'Z' {
					plain = false
				}
				i++
				ri++
				continue
			}
			r, size = utf8.DecodeRuneInString(text[i:])
			plain = false
			if !isWord(r) || isHanOrKana(r) {
				break
			}
			i += size
			ri++
		}
		lower := text[startByte:i]
		if !plain {
			// As strings.ToLower does it, code point by code point.
			b0 := len(buf)
			for _, c := range lower {
				switch {
				case 'A' <= c && c <= 'Z':
					buf = append(buf, byte(c)+'a'-'A')
				case c < utf8.RuneSelf:
					buf = append(buf, byte(c))
				default:
					buf = utf8.AppendRune(buf, unicode.ToLower(c))
				}
			}
			out = append(out, dtok{start: start, end: ri, upper: upper, gap: gapString(text[prevEndByte:startByte], start-prevEnd), lo0: int32(b0), lo1: int32(len(buf))})
		} else {
			out = append(out, dtok{start: start, end: ri, lower: lower, upper: upper, gap: gapString(text[prevEndByte:startByte], start-prevEnd)})
		}
		prevEnd, prevEndByte = ri, i
	}
	all := string(buf)
	for k := range out {
		if t := &out[k]; t.lo1 > 0 {
			t.lower = all[t.lo0:t.lo1]
		}
	}
	return out, buf
}

// asciiWordByte marks the ASCII letters and digits: discovery's word
// characters among ASCII.
var asciiWordByte = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// gapString gives the text between two words, without allocating; a
// long gap is summed up as "…".
func gapString(g string, runes int) string {
	if runes > 4 {
		return "…"
	}
	return g
}

func isHanOrKana(r rune) bool {
	if r < 0x2E80 {
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

func runesHaveHan(rs []rune) bool {
	for _, r := range rs {
		// The test before the call spares it for most code points.
		if r >= 0x2E80 && isHanOrKana(r) {
			return true
		}
	}
	return false
}

func hasHanOrKana(s string) bool {
	// A code point from U+2E80 on is written in UTF-8 with a first byte
	// from 0xE2 on: only those are decoded. (A byte that does not begin a
	// code point decodes to RuneError, as ranging over s gives it.)
	for i := 0; i < len(s); i++ {
		if s[i] < 0xE2 {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s[i:]); isHanOrKana(r) {
			return true
		}
	}
	return false
}

// nameGap tells the gaps that may stand inside a name: a space, a
// hyphen, the period of "St.".
func nameGap(g string) bool { return g == " " || g == "-" || g == ". " || g == "." }

// placeWords reads up to three capitalised words from token i as a
// place's name, stopping at words that are no place's ("Treaty of Peace").
func placeWords(toks []dtok, i int) int {
	n := 0
	for k := i; k < len(toks) && n < 3; k++ {
		t := &toks[k]
		if !t.upper || notPlaceWords[t.lower] || functionWords[t.lower] || stopIndex[t.lower] != nil || instrumentNouns[t.lower] || isNumber(t.lower) || k > i && !nameGap(t.gap) {
			break
		}
		if _, ok := placeNouns[t.lower]; ok && k > i {
			break
		}
		// A place's name is one word, or words joined by hyphens, unless
		// it begins with a word that begins names of several ("Saint
		// Petersburg", "Port Arthur"): "the Treaty of Portsmouth Russia
		// transferred" names Portsmouth.
		if k > i && t.gap != "-" && !nameOpeners[toks[k-1].lower] && !(k-1 > i && toks[k-1].gap == "-") {
			break
		}
		n++
	}
	return n
}

// placeKey gives the key of a place's name: its normal form without a
// leading Saint (St Petersburg is Sankt-Peterburg is Санкт-Петербург).
func placeKey(name string) string {
	n := kb.NormalName(name)
	if f := strings.Fields(n); len(f) > 1 && saintWords[f[0]] {
		n = strings.Join(f[1:], " ")
	}
	return n
}

// yearAfter reads a year written right after a name: "of 1895", "von
// 1875", "(1905)".
func yearAfter(runes []rune, toks []dtok, k int) (int, int) {
	if k >= len(toks) {
		return 0, 0
	}
	t := &toks[k]
	if (t.gap == " (" || t.gap == ", ") && len(t.lower) == 4 && isNumber(t.lower) {
		if y, _ := strconv.Atoi(t.lower); y > 1000 && y < 2100 {
			end := t.end
			if end < len(runes) && runes[end] == ')' {
				end++
			}
			return y, end
		}
	}
	if namePrepositions[t.lower] && t.gap == " " && k+1 < len(toks) {
		n := &toks[k+1]
		if n.gap == " " && len(n.lower) == 4 && isNumber(n.lower) {
			if y, _ := strconv.Atoi(n.lower); y > 1000 && y < 2100 {
				return y, n.end
			}
		}
	}
	return 0, 0
}

// discover finds the names in a text that read as entities' and that
// the known mentions do not cover.
//
// The names are gathered in the extractor's buffer, reused from one
// document to the next: what discover returns is good until it is called
// again.
func (x *Extractor) discover(runes []rune, toks []dtok, known []EntityMention) []discovered {
	out := x.found[:0]
	// What each word may be, looked up once: most words are none of it.
	roles := x.roles[:0]
	for i := range toks {
		var r uint16
		if w := toks[i].lower; wordRoleFilter.mayHave(w) {
			r = wordRoles[w]
		}
		roles = append(roles, r)
	}
	x.roles = roles
	// near tells whether one of the n words after i has a role.
	near := func(i, n int, role uint16) bool {
		for k := i + 1; k < len(toks) && k <= i+n; k++ {
			if roles[k]&role != 0 {
				return true
			}
		}
		return false
	}
	text := func(a, b int) string { return string(runes[a:b]) }
	add := func(d discovered) { out = append(out, d) }
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		// Latin-script instruments: "Treaty of X", "traité de X".
		if roles[i]&roleInstrument != 0 && (t.upper || lowercaseInstruments[t.lower]) {
			j := i + 1
			if j < len(toks) && namePrepositions[toks[j].lower] && toks[j].gap == " " {
				j++
				if j < len(toks) && (toks[j].lower == "the" || toks[j].lower == "la" || toks[j].lower == "le" || toks[j].lower == "l") {
					j++
				}
				if j < len(toks) && (toks[j].gap == " " || toks[j].gap == "'" || toks[j].gap == "’") {
					if n := placeWords(toks, j); n > 0 {
						place := text(toks[j].start, toks[j+n-1].end)
						end := toks[j+n-1].end
						year, yend := yearAfter(runes, toks, j+n)
						add(discovered{start: t.start, end: end, text: text(t.start, end), kind: kb.KindTreaty, key: placeKey(place), label: text(t.start, end),
							conf: 0.8, why: "an instrument word and the place it is named after", year: year, kindSure: true, translit: true})
						_ = yend
						i = j + n - 1
						continue
					}
				}
			}
		}
		// "Portsmouth-Vertrag", "Shimonoseki-verdrag", "the Shimonoseki
		// Treaty".
		if t.upper && near(i, 3, roleInstrument) && !notPlaceWords[t.lower] && !instrumentNouns[t.lower] && !isNumber(t.lower) {
			n := placeWords(toks, i)
			if n > 0 && i+n < len(toks) {
				nx := &toks[i+n]
				if instrumentNouns[nx.lower] && (nx.gap == "-" || nx.gap == " " && nx.upper) && (i == 0 || !instrumentNouns[toks[i-1].lower]) {
					place := text(t.start, toks[i+n-1].end)
					if _, isRegion := regionNamed(kb.NormalName(place)); !isRegion && !strings.Contains(place, "-") || nx.gap == "-" {
						year, _ := yearAfter(runes, toks, i+n+1)
						add(discovered{start: t.start, end: nx.end, text: text(t.start, nx.end), kind: kb.KindTreaty, key: placeKey(place), label: text(t.start, nx.end),
							conf: 0.7, why: "a place's name joined to an instrument word", year: year, kindSure: true, translit: true})
						i += n
						continue
					}
				}
			}
		}
		// Russian instruments: "Симоносекский договор", "Портсмутского
		// мирного договора".
		if t.upper && isCyrillicWord(t.lower) {
			if stem, ok := russianAdjectiveStem(t.lower); ok {
				k := i + 1
				if k < len(toks) && strings.HasPrefix(toks[k].lower, "мирн") {
					k++
				}
				start := t.start
				if i > 0 && toks[i].gap == "-" && saintWords[kb.NormalName(toks[i-1].lower)] {
					start = toks[i-1].start
				}
				if k < len(toks) && toks[k].gap == " " {
					if noun := russianNoun(toks[k].lower, russianInstrumentNominatives); noun != "" {
						year, _ := russianYearAfter(toks, k+1)
						add(discovered{start: start, end: toks[k].end, text: text(start, toks[k].end), kind: kb.KindTreaty, key: placeKey(stem),
							label: upperFirst(stem) + "ский " + noun, conf: 0.75, why: "a Russian adjective of place and an instrument word", year: year, kindSure: true, translit: true})
						i = k
						continue
					}
					if kind, noun := russianPlaceNoun(toks[k].lower); noun != "" {
						add(discovered{start: start, end: toks[k].end, text: text(start, toks[k].end), kind: kind, key: placeKey(stem),
							label: text(start, toks[k].end), conf: 0.7, why: "a Russian adjective of place and a word for a kind of place", kindSure: true, translit: true})
						i = k
						continue
					}
				}
			}
		}
		if isCyrillicWord(t.lower) && !t.upper {
			if kind, noun := russianPlaceNoun(t.lower); noun != "" && i+1 < len(toks) && toks[i+1].upper && toks[i+1].gap == " " && isCyrillicWord(toks[i+1].lower) {
				nt := &toks[i+1]
				name := nt.lower
				if noms := nominatives(name, russianEndings); len(noms) > 0 && !strings.HasSuffix(name, "н") {
					name = noms[0]
				}
				add(discovered{start: nt.start, end: nt.end, text: text(nt.start, nt.end), kind: kind, key: placeKey(name), label: upperFirst(name),
					conf: 0.7, why: "a Russian word for a kind of place before the name", kindSure: true, translit: true})
				i++
				continue
			}
		}
		// Kinds of place: "the island of Sakhalin", "Insel Sachalin",
		// "l'île de Sakhaline", "Liaodong Peninsula".
		// German writes its nouns capitalised: "die Insel Sachalin".
		if kind, ok := placeNoun(roles[i], t.lower); ok && (!t.upper || i+1 < len(toks) && toks[i+1].upper && toks[i+1].gap == " " || i > 0 && notPlaceWords[toks[i-1].lower]) {
			j := i + 1
			if j < len(toks) && (namePrepositions[toks[j].lower] || toks[j].lower == "des") && (toks[j].gap == " " || toks[j].gap == "'") {
				j++
			}
			if j < len(toks) && (toks[j].gap == " " || toks[j].gap == "'" || toks[j].gap == "’") {
				if n := placeWords(toks, j); n > 0 {
					if _, isRegion := regionNamed(kb.NormalName(text(toks[j].start, toks[j+n-1].end))); !isRegion || kind != kb.KindRiver {
						name := text(toks[j].start, toks[j+n-1].end)
						add(discovered{start: toks[j].start, end: toks[j+n-1].end, text: name, kind: kind, key: placeKey(name), label: name,
							conf: 0.7, why: "a word for a kind of place before the name", kindSure: true, translit: true})
						i = j + n - 1
						// "the ports of Shashi, Chongqing and Suzhou": names
						// listed after it are of its kind.
						for i+1 < len(toks) && (toks[i+1].gap == ", " || toks[i+1].gap == " " && conjunctions[toks[i+1].lower]) {
							k := i + 1
							if conjunctions[toks[k].lower] {
								k++
							}
							if k >= len(toks) || toks[k].gap != " " && toks[k].gap != ", " {
								break
							}
							m := placeWords(toks, k)
							if m == 0 {
								break
							}
							name := text(toks[k].start, toks[k+m-1].end)
							if _, isRegion := regionNamed(kb.NormalName(name)); isRegion {
								break
							}
							add(discovered{start: toks[k].start, end: toks[k+m-1].end, text: name, kind: kind, key: placeKey(name), label: name,
								conf: 0.6, why: "a name listed after one of its kind", kindSure: true, translit: true})
							i = k + m - 1
						}
						continue
					}
				}
			}
		}
		if t.upper && near(i, 4, rolePlaceNoun) && !notPlaceWords[t.lower] && !isNumber(t.lower) {
			n := placeWords(toks, i)
			if n > 0 && i+n < len(toks) {
				nx := &toks[i+n]
				if kind, ok := placeNouns[nx.lower]; ok && placeNounsAfter[nx.lower] && (nx.gap == " " || nx.gap == "-") {
					// The capitalised words before belong to the name:
					// "Hong Kong Island".
					s0 := i
					for s0 > 0 && i+n-s0 < 3 && toks[s0].gap == " " && toks[s0-1].upper && !notPlaceWords[toks[s0-1].lower] &&
						stopIndex[toks[s0-1].lower] == nil && !instrumentNouns[toks[s0-1].lower] && !isNumber(toks[s0-1].lower) &&
						(len(out) == 0 || out[len(out)-1].end <= toks[s0-1].start) {
						if _, isRegion := regionNamed(kb.NormalName(toks[s0-1].lower)); isRegion {
							break
						}
						s0--
					}
					t = &toks[s0]
					name := text(t.start, toks[i+n-1].end)
					add(discovered{start: t.start, end: nx.end, text: text(t.start, nx.end), kind: kind, key: placeKey(name), label: text(t.start, nx.end),
						conf: 0.7, why: "a name and a word for a kind of place after it", kindSure: true, translit: true})
					i += n
					continue
				}
				// "Kurilen-Inseln", "Liaodong-Halbinsel", "Koerilen-eilanden".
				if nx.gap == "-" {
					if kind, ok := placeNouns[nx.lower]; ok {
						name := text(t.start, toks[i+n-1].end)
						add(discovered{start: t.start, end: nx.end, text: text(t.start, nx.end), kind: kind, key: placeKey(name), label: text(t.start, nx.end),
							conf: 0.7, why: "a name joined to a word for a kind of place", kindSure: true, translit: true})
						i += n
						continue
					}
				}
			}
		}
		// Parts of a land: "the southern half of Sakhalin", "die südliche
		// Hälfte Sachalins", "la moitié sud de Sakhaline", "южная часть
		// Сахалина".
		if roles[i]&(roleDirection|rolePart|rolePlaceNoun) != 0 && i+1 < len(toks) {
			if d, ok := partOfLand(runes, toks, i); ok {
				add(d)
				continue
			}
		}
		// People: "Count Witte", "граф Витте".
		if roles[i]&roleTitle != 0 && i+1 < len(toks) && toks[i+1].gap == " " {
			if n := placeWords(toks, i+1); n > 0 {
				if _, isRegion := regionNamed(kb.NormalName(text(toks[i+1].start, toks[i+n].end))); !isRegion {
					name := text(toks[i+1].start, toks[i+n].end)
					add(discovered{start: toks[i+1].start, end: toks[i+n].end, text: name, kind: kb.KindPerson, key: kb.NormalName(name), label: name,
						conf: 0.65, why: "a title before a capitalised name", kindSure: true, translit: true})
					i += n
					continue
				}
			}
		}
		// Countries: "Japan", "Japon", "Япония" (in any case).
		if t.upper && (mayBeRegion(t.lower) || isCyrillicWord(t.lower) && mayBeRussianRegion(t.lower)) {
			longest := 1
			if regionMultiFirst[t.lower] {
				longest = 3 // "United Kingdom", "Verenigd Koninkrijk"
			}
			for n := longest; n >= 1; n-- {
				if i+n > len(toks) {
					continue
				}
				ok := true
				for k := i + 1; k < i+n; k++ {
					ok = ok && (toks[k].gap == " " || toks[k].gap == "-")
				}
				if !ok {
					continue
				}
				name := text(t.start, toks[i+n-1].end)
				rn, found := regionNamed(x.normalWord(name))
				if !found && n == 1 && isCyrillicWord(t.lower) {
					for _, nom := range nominatives(t.lower, russianEndings) {
						if rn, found = regionNamed(kb.NormalName(nom)); found {
							break
						}
					}
				}
				if found {
					kind := kb.KindPolity
					why := "a country's name (CLDR)"
					if i > 0 && polityHeads[toks[i-1].lower] {
						why = "a word for a state before a country's name"
					}
					add(discovered{start: t.start, end: toks[i+n-1].end, text: name, kind: kind, key: rn.key, label: rn.region,
						conf: 0.6, why: why, region: true})
					i += n - 1
					break
				}
			}
		}
	}
	if runesHaveHan(runes) {
		out = append(out, discoverHan(runes)...)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].start < out[b].start })
	out = dropOverlaps(out)
	out = x.withoutKnown(out, known)
	x.found = out[:0]
	out = glosses(runes, out, known)
	return out
}

// bareMentions finds the names of candidate entities said without the
// words that made them candidates: "Sakhalin" once "the island of
// Sakhalin" was read, in this document or an earlier one; in Russian in
// any case; in Han script wherever written.
// have are the spans of the names found so far, by their start.
func (x *Extractor) bareMentions(runes []rune, toks []dtok, have []span) []discovered {
	g := x.reg
	var out []discovered
	covered := func(a, b int) bool {
		k := sort.Search(len(have), func(i int) bool { return have[i].end > a })
		return k < len(have) && have[k].start < b
	}
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		// A word not in Cyrillic that begins no candidate's name is
		// passed over first: most capitalised words are.
		if !t.upper || !g.first[t.lower] && !isCyrillicWord(t.lower) || notPlaceWords[t.lower] || stopIndex[t.lower] != nil {
			continue
		}
		var forms []string
		if g.first[t.lower] {
			forms = append(forms, t.lower)
		} else if isCyrillicWord(t.lower) {
			for _, nom := range nominatives(t.lower, russianEndings) {
				if n := kb.NormalName(nom); g.first[n] {
					forms = append(forms, n)
				}
			}
			if n := kb.NormalName(t.lower); g.first[n] {
				forms = append(forms, n)
			}
		}
		for _, f := range forms {
			end, key := t.end, placeKey(f)
			if i+1 < len(toks) && toks[i+1].gap == " " && toks[i+1].upper {
				if k2 := placeKey(f + " " + toks[i+1].lower); g.byKey[k2] != "" {
					end, key = toks[i+1].end, k2
				}
			}
			id := g.byKey[key]
			if id == "" || covered(t.start, end) || g.byID[id] == nil {
				continue
			}
			c := g.byID[id]
			out = append(out, discovered{start: t.start, end: end, text: string(runes[t.start:end]), kind: c.Kind, key: key, label: c.Label,
				conf: 0.6, why: "a name of a candidate entity"})
			break
		}
	}
	if len(g.hanKeys) > 0 && runesHaveHan(runes) {
		text := string(runes)
		for _, k := range g.hanKeys {
			for off := 0; ; {
				j := strings.Index(text[off:], k.text)
				if j < 0 {
					break
				}
				start := utf8.RuneCountInString(text[:off+j])
				end := start + utf8.RuneCountInString(k.text)
				off += j + len(k.text)
				if covered(start, end) {
					continue
				}
				c := g.byID[k.id]
				landKey := g.knownFirst[k.id]
				if c != nil && c.PartOf == "" && len(c.keys) > 0 {
					landKey = c.keys[0]
				}
				// 南樺太, 北樺太: a direction before a land's name is its part.
				if dir := hanDirections[runes[max(0, start-1)]]; start > 0 && dir != "" && landKey != "" {
					out = append(out, discovered{start: start - 1, end: end, text: string(runes[start-1 : end]), kind: kb.KindTerritory,
						key: dir + " of " + landKey, label: string(runes[start-1 : end]), conf: 0.55, why: "a part of a land named by its direction",
						partOf: landKey, placeStart: start, placeEnd: end, placeLabel: k.text, kindSure: true, translit: true})
					continue
				}
				if c == nil {
					continue
				}
				out = append(out, discovered{start: start, end: end, text: k.text, kind: c.Kind, key: g.keyOf(k.id, k.text), label: c.Label,
					conf: 0.55, why: "a name of a candidate entity"})
			}
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].start < out[b].start })
	return dropOverlaps(out)
}

// hanDirections are the directions written before a land's name in
// Chinese and Japanese.
var hanDirections = map[rune]string{'南': "south", '北': "north", '東': "east", '东': "east", '西': "west"}

// mayBeRussianRegion tells whether a Russian word in a case may be a
// country's name.
func mayBeRussianRegion(lower string) bool {
	for _, nom := range nominatives(lower, russianEndings) {
		if mayBeRegion(nom) {
			return true
		}
	}
	return false
}

// dropOverlaps keeps the first, longest of overlapping names.
func dropOverlaps(ds []discovered) []discovered {
	out := ds[:0]
	for _, d := range ds {
		if n := len(out); n > 0 && d.start < out[n-1].end {
			if d.end-d.start > out[n-1].end-out[n-1].start && d.start == out[n-1].start {
				out[n-1] = d
			}
			continue
		}
		out = append(out, d)
	}
	return out
}

// withoutKnown drops the names the gazetteer found as known entities,
// except a treaty written with a year that is not the known treaty's
// ("the Treaty of St. Petersburg of 1875", where the knowledge base knows
// that of 1881): another treaty of the same place.
func (x *Extractor) withoutKnown(ds []discovered, known []EntityMention) []discovered {
	out := ds[:0]
	for _, d := range ds {
		k := sort.Search(len(known), func(i int) bool { return known[i].End > d.start })
		covered := false
		for ; k < len(known) && known[k].Start < d.end; k++ {
			m := &known[k]
			if d.kind == kb.KindTreaty && m.Kind == kb.KindTreaty && d.year != 0 {
				if ys := x.knownYears(m.Entity); len(ys) > 0 && !containsInt(ys, d.year) {
					d.replaces = true
					d.key = d.key + " " + strconv.Itoa(d.year)
					continue
				}
			}
			// A longer name around a known one: "the southern half of
			// Sakhalin", "Verdrag van Sint-Petersburg" where only the city
			// is known. It replaces the known mention.
			if m.Start >= d.start && m.End <= d.end && m.End-m.Start < d.end-d.start && !(m.Kind == kb.KindTreaty && d.kind == kb.KindTreaty) {
				d.replaces = true
				continue
			}
			covered = true
		}
		if !covered {
			out = append(out, d)
		}
	}
	return out
}

func containsInt(xs []int, y int) bool {
	for _, x := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// knownYears gives the years a known treaty was signed in, as the claims
// the extractor knows say.
func (x *Extractor) knownYears(id string) []int {
	var ys []int
	for _, i := range x.event(id, "signed") {
		ys = append(ys, int(x.known.all[i].year))
	}
	if c, ok := x.reg.byID[id]; ok {
		ys = append(ys, c.Years...)
	}
	return ys
}

// glosses reads a name in brackets right after a name as another form of
// it: "Taiwan (Formosa)", "樺太（サハリン）", "the Treaty of Shimonoseki
// (下関条約)".
func glosses(runes []rune, ds []discovered, known []EntityMention) []discovered {
	type named struct {
		start, end int
		disc       int // 1 + index into ds, or 0
		known      string
		kind       kb.Kind
	}
	all := make([]named, 0, len(ds)+len(known))
	for i, d := range ds {
		all = append(all, named{d.start, d.end, i + 1, "", d.kind})
	}
	for _, m := range known {
		all = append(all, named{m.Start, m.End, 0, m.Entity, m.Kind})
	}
	sort.Slice(all, func(a, b int) bool { return all[a].start < all[b].start })
	var extra []discovered
	for _, n := range all {
		i := n.end
		if i < len(runes) && runes[i] == ' ' {
			i++
		}
		if i >= len(runes) || runes[i] != '(' && runes[i] != '（' {
			continue
		}
		j := i + 1
		for j < len(runes) && j-i < 40 && runes[j] != ')' && runes[j] != '）' && runes[j] != '\n' {
			j++
		}
		if j >= len(runes) || runes[j] != ')' && runes[j] != '）' || j == i+1 {
			continue
		}
		inner := strings.TrimSpace(string(runes[i+1 : j]))
		if !glossLike(inner) {
			continue
		}
		// The gloss is a name found already: link the two.
		linked := false
		for k := range ds {
			if ds[k].start >= i+1 && ds[k].end <= j {
				if n.disc > 0 && n.disc != k+1 {
					ds[k].glossOf = n.disc
				} else if n.known != "" {
					ds[k].known = n.known
				}
				linked = true
			}
		}
		for _, m := range known {
			if m.Start >= i+1 && m.End <= j && n.disc > 0 {
				ds[n.disc-1].known = m.Entity
				linked = true
			}
		}
		if linked {
			continue
		}
		start := i + 1 + len([]rune(string(runes[i+1:j]))) - len([]rune(strings.TrimLeft(string(runes[i+1:j]), " ")))
		d := discovered{start: start, end: start + len([]rune(inner)), text: inner, kind: n.kind, key: glossKey(inner), label: inner,
			conf: 0.5, why: "another form of the name before it, in brackets", glossOf: n.disc, known: n.known, translit: true}
		extra = append(extra, d)
	}
	if len(extra) == 0 {
		return ds
	}
	// A Han or kana name right before a gloss is a name even without a
	// word of its kind: "樺太（サハリン）".
	orig := slices.Clone(ds)
	out := append(slices.Clone(ds), extra...)
	sort.SliceStable(out, func(a, b int) bool { return out[a].start < out[b].start })
	// glossOf indexes ds before the sort: map them again.
	idx := map[int]int{}
	for k := range out {
		for o := range orig {
			if out[k].start == orig[o].start && out[k].end == orig[o].end {
				idx[o+1] = k + 1
			}
		}
	}
	for k := range out {
		if g := out[k].glossOf; g > 0 {
			out[k].glossOf = idx[g]
		}
	}
	return out
}

// glossLike accepts a gloss that is a name: one to four words, no
// figures, capitalised in a cased script, or in another script.
func glossLike(s string) bool {
	if s == "" || strings.ContainsAny(s, "0123456789,;:=") || len(strings.Fields(s)) > 4 {
		return false
	}
	for _, w := range strings.Fields(s) {
		r := []rune(w)[0]
		if unicode.IsLower(r) && len(strings.Fields(s)) == 1 {
			return false
		}
	}
	return true
}

// glossKey gives the key of a gloss: kana read as Latin letters, other
// scripts in normal form.
func glossKey(s string) string {
	if k := kanaToLatin(s); k != "" {
		return k
	}
	// "クリル諸島": katakana and a Han word for the kind of place.
	for _, suf := range hanPlaceSuffixes {
		if base, ok := strings.CutSuffix(s, suf.suffix); ok && base != "" {
			if k := kanaToLatin(base); k != "" {
				return k
			}
		}
	}
	return placeKey(s)
}

// upperFirst capitalises a word's first letter.
func upperFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
