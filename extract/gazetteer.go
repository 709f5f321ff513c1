package extract

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"treatyline/kb"
)

// EntityMention is a name of a known entity found in a text. Start and
// End count code points, as evidence selectors do.
type EntityMention struct {
	Start   int     `json:"start"`
	End     int     `json:"end"`
	Text    string  `json:"text"`    // the words of the text
	Entity  string  `json:"entity"`  // the entity's id
	Kind    kb.Kind `json:"kind"`    // the entity's kind
	Matched string  `json:"matched"` // the label or alias that matched
	// Score runs from 0 to 1: how well the words match the name (1 for
	// the same spelling, less for another case, diacritics or
	// transliteration), lowered when the name is shared with other
	// entities and the context hardly tells them apart, or when the
	// context suggests another kind of thing.
	Score float64 `json:"score"`
	// Candidates are the other entities the name may mean, likeliest
	// first.
	Candidates []string `json:"candidates,omitempty"`
	// Inner are the names of other entities inside this one, which
	// Find's longest match passes over: the Amur River in "the land
	// between the Stanovoy Mountains and the Amur River", Aigun in
	// "Treaty of Aigun".
	Inner []EntityMention `json:"inner,omitempty"`
}

// Gazetteer finds the names of known entities in texts: every label and
// alias, in every script, whatever the case, diacritics or
// transliteration (it matches the loose forms of kb.LooseName, word by
// word). It is safe for concurrent use.
type Gazetteer struct {
	entities []gzEntity
	names    map[string][]*nameForm // by loose key: loose words joined by gap marks
	first    map[string]int         // a loose first word → the most words of a name starting with it
	lens     map[string]uint64      // and → the numbers of words of those names, as bits (see nameLenBit)
	loose    map[string]string      // normal → loose form of every word of every name
	comma    bool                   // some name holds a comma or other hard punctuation

	// states are what Find reuses between calls (see findState).
	states *sync.Pool
}

type gzEntity struct {
	id   string
	kind kb.Kind
}

// nameForm is one label or alias of an entity, as the gazetteer matches it.
type nameForm struct {
	entity int
	text   string // as written in the knowledge base
	core   string // from its first word to its last
	normal string // the normal key
	lead   string // punctuation before the first word ("(")
	trail  string // after the last word (")")
	words  int
	base   float64 // 1, or less for a form derived from a name
	upper  bool    // the name has a capital letter
}

// Match qualities.
const (
	qExact     = 1.0  // the same letters, case included
	qNormal    = 0.95 // the same but for case and diacritics
	qLoose     = 0.9  // a transliteration variant
	qDerived   = 0.9  // a name without its parenthesis: "Treaty of Paris" for "Treaty of Paris (1856)"
	qGenitive  = 0.85 // a Dutch or German genitive s: "Ruslands"
	qLowerCase = 0.8  // a capitalised name written in small letters
	exactBonus = 0.1  // the very spelling of a label or alias, case included
	cueBonus   = 0.25 // a neighbouring word suggests the entity's kind
	cueMiss    = 0.7  // the neighbouring words suggest other kinds
	priorStep  = 0.1  // per earlier mention of the entity in the document, up to three
	docStep    = 0.05 // per unambiguous mention anywhere in the document, up to three
)

// NewGazetteer indexes the names of entities.
func NewGazetteer(entities []kb.Entity) *Gazetteer {
	g := &Gazetteer{names: map[string][]*nameForm{}, first: map[string]int{}, lens: map[string]uint64{}, loose: map[string]string{}, states: newStatePool()}
	// Ties between entities go by id, so the order the caller lists them
	// in (a store's, a file's) does not change what is found.
	entities = slices.Clone(entities)
	slices.SortStableFunc(entities, func(a, b kb.Entity) int { return strings.Compare(a.ID, b.ID) })
	var toks []gtoken
	for i := range entities {
		e := &entities[i]
		g.entities = append(g.entities, gzEntity{id: e.ID, kind: e.Kind})
		seen := map[string]bool{}
		names := names(*e)
		for _, a := range names {
			if a.Text != "" && !seen[a.Text] {
				seen[a.Text] = true
				toks = g.add(i, a.Text, 1, toks[:0])
			}
		}
		for _, a := range names {
			if d := withoutParenthesis(a.Text); d != "" && !seen[d] {
				seen[d] = true
				toks = g.add(i, d, qDerived, toks[:0])
			}
		}
		if e.Kind == kb.KindTreaty {
			for _, a := range names {
				for _, v := range treatyNameVariants(a.Text) {
					if !seen[v] {
						seen[v] = true
						toks = g.add(i, v, qDerived, toks[:0])
					}
				}
			}
		}
	}
	for key, forms := range g.names {
		// One form per entity: the best, the shortest of equals.
		sort.SliceStable(forms, func(a, b int) bool {
			x, y := forms[a], forms[b]
			if x.entity != y.entity {
				return x.entity < y.entity
			}
			if x.base != y.base {
				return x.base > y.base
			}
			return x.text < y.text
		})
		g.names[key] = forms
	}
	return g
}

// withoutParenthesis drops a name's last parenthesis: "Treaty of Paris
// (1856)" is also written "Treaty of Paris". It returns "" when there is
// none, or nothing would be left.
func withoutParenthesis(s string) string {
	t := strings.TrimSpace(s)
	if !strings.HasSuffix(t, ")") {
		return ""
	}
	i := strings.LastIndexByte(t, '(')
	if i <= 0 {
		return ""
	}
	return strings.TrimSpace(t[:i])
}

func (g *Gazetteer) add(entity int, text string, base float64, toks []gtoken) []gtoken {
	toks = tokenize(text, toks, g.makeWord)
	if len(toks) == 0 {
		return toks
	}
	var lk, nk []byte
	upper := false
	for k := range toks {
		t := &toks[k]
		l := t.w.loose
		g.loose[t.w.normal] = l
		if k > 0 {
			lk = append(lk, t.sep)
			nk = append(nk, t.sep)
			if t.sep != ' ' && t.sep != '.' {
				g.comma = true
			}
		}
		lk = append(lk, l...)
		nk = append(nk, t.w.normal...)
		upper = upper || t.w.upper
	}
	last := &toks[len(toks)-1]
	f := &nameForm{
		entity: entity, text: text, core: text[toks[0].b0:last.b1], normal: string(nk),
		lead: strings.TrimLeft(text[:toks[0].b0], " \t"), trail: strings.TrimRight(text[last.b1:], " \t"),
		words: len(toks), base: base, upper: upper,
	}
	key := string(lk)
	for _, o := range g.names[key] {
		if o.entity == entity && o.text == text {
			return toks
		}
	}
	g.names[key] = append(g.names[key], f)
	first := toks[0].w.loose
	g.first[first] = max(g.first[first], len(toks))
	g.lens[first] |= nameLenBit(len(toks))
	return toks
}

// nameLenBit is the bit of a name of n words in a set of numbers of
// words; names of 63 words or more share the last.
func nameLenBit(n int) uint64 { return 1 << min(n, 63) }

// candidate is an entity a run of words may name.
type candidate struct {
	entity int
	form   *nameForm
	q      float64 // match quality
	score  float64 // with the context
}

type found struct {
	t0, t1 int // words [t0, t1)
	r0, r1 int // code points
	b0, b1 int // bytes
	cands  []candidate
}

// Find returns the names of entities in text, in order and without
// overlaps: at each word the longest name that starts there wins, and
// the names inside it are its Inner mentions. Names match at word
// boundaries, and only with the punctuation between their words ("St.
// Petersburg" needs its period; no name spans a sentence's end). A
// capitalised one-word name does not match a word in small letters
// ("china", a Dutch "berg").
//
// A name shared by several entities goes to the one with the best
// score: the very spelling of one of its names counts, then a word
// beside it that tells a kind ("Treaty of", "rivier de", "city"; see
// kindCues) or a name of one kind it is coordinated with ("Nerchinsk and
// Kiakhta"), then the entity's mentions earlier in the document and its
// unambiguous ones anywhere in it: a document is about a few things. The
// others are kept as Candidates.
//
// Find reads each word once and looks names up in maps, so its time
// grows with the text, not with the number of names.
func (g *Gazetteer) Find(text string) []EntityMention { return g.FindLang(text, "") }

// FindLang is Find for a text in a known language ("en", "nl", "de",
// "fr"), whose words it then takes as cues; "" detects the language.
func (g *Gazetteer) FindLang(text, lang string) []EntityMention {
	st := g.states.Get().(*findState)
	defer func() {
		clear(st.toks) // not to keep the text alive
		clear(st.finds)
		g.states.Put(st)
	}()
	toks := tokenize(text, st.toks[:0], st.word(g))
	st.toks = toks
	if lang == "" {
		lang = docLanguage(toks)
	}
	cueWords := cueIndex[lang]
	if cueWords == nil {
		cueWords = cueIndex[""]
	}
	finds := g.scan(text, toks, 0, len(toks), true, st.finds[:0])
	st.finds = finds
	r := resolver{g: g, text: text, toks: toks, cueWords: cueWords, doc: map[int]int{}, earlier: map[int]int{}}
	for _, f := range finds {
		if len(f.cands) == 1 {
			r.doc[f.cands[0].entity]++
		}
	}
	out := make([]EntityMention, 0, len(finds))
	for k := range finds {
		m := r.resolve(finds, k, true)
		f := &finds[k]
		// Names inside the name: the Amur in "the land between the
		// Stanovoy Mountains and the Amur River". Not in a person's name,
		// where they are given names and patronymics.
		if m.Kind != kb.KindPerson {
			m.Inner = r.inner(f.t0, f.t1, m.Entity, m.Inner)
		}
		out = append(out, m)
	}
	return out
}

// scan finds the names in words [lo, hi), the longest at each word. A
// whole scan also reads genitives; an inner one (inside a name found
// over [lo, hi)) skips the name that covers it all. It appends to finds.
func (g *Gazetteer) scan(text string, toks []gtoken, lo, hi int, whole bool, finds []found) []found {
	if finds == nil {
		finds = make([]found, 0, (hi-lo)/8)
	}
	var keyBuf [128]byte // the key on the stack, for names of the usual length
	key := keyBuf[:0]
	var ends [64]int
	for i := lo; i < hi; {
		n := min(toks[i].w.first, hi-i, len(ends)-1)
		if !whole && i == lo {
			n = min(n, hi-lo-1)
		}
		m := 0
		if n > 0 {
			key = append(key[:0], toks[i].w.loose...)
			ends[1] = len(key)
			m = 1
			for ; m < n; m++ {
				t := &toks[i+m]
				if t.sep == gapPara || t.sep == gapHard && !g.comma {
					break
				}
				key = append(key, t.sep)
				key = append(key, t.w.loose...)
				ends[m+1] = len(key)
			}
		}
		matched := false
		for ; m >= 1; m-- {
			// No name of m words starts with the word: not looked up.
			if toks[i].w.lens&nameLenBit(m) == 0 {
				continue
			}
			forms := g.names[string(key[:ends[m]])]
			if len(forms) == 0 {
				continue
			}
			if f, ok := g.match(text, toks, i, i+m, forms, 1); ok {
				finds = append(finds, f)
				i += m
				matched = true
				break
			}
		}
		if !matched {
			if whole {
				if f, ok := g.genitive(text, toks, i); ok {
					finds = append(finds, f)
				}
			}
			// Russian names inside names are declined too: the Amur in
			// "левый берег Амура".
			if whole || i > lo {
				if f, ok := g.russianCase(text, toks, i); ok {
					finds = append(finds, f)
				}
			}
			i++
		}
	}
	return finds
}

// genitive reads "Ruslands" as Rusland: a capitalised word ending in s
// whose stem is a one-word name.
func (g *Gazetteer) genitive(text string, toks []gtoken, i int) (found, bool) {
	w := toks[i].w
	if !w.upper || len(w.normal) < 4 || !strings.HasSuffix(w.normal, "s") {
		return found{}, false
	}
	stem := w.normal[:len(w.normal)-1]
	l, ok := g.loose[stem]
	if !ok {
		l = kb.LooseName(stem)
	}
	forms := g.names[l]
	var one []*nameForm
	for _, f := range forms {
		if f.words == 1 {
			one = append(one, f)
		}
	}
	if len(one) == 0 {
		return found{}, false
	}
	return g.match(text, toks, i, i+1, one, qGenitive)
}

// russianEnding is a case ending and the endings of the nominative it may
// stand for.
type russianEnding struct {
	ending     string
	nominative []string
}

// russianEndings are the case endings of Russian nouns and surnames, the
// longest first, and the endings of the nominative each may stand for:
// "России" is Россия, "Китая" Китай, "Аргуни" Аргунь, "Амура" Амур,
// "Муравьёвым" Муравьёв.
var russianEndings = []russianEnding{
	{"ией", []string{"ия"}}, {"ии", []string{"ия", "ий"}}, {"ию", []string{"ия"}},
	{"ым", []string{""}}, {"ом", []string{""}}, {"ем", []string{"й", "ь", ""}}, {"ой", []string{"а"}},
	{"ей", []string{"я", "ь"}}, {"ью", []string{"ь"}}, {"ою", []string{"а"}},
	{"а", []string{"", "о"}}, {"я", []string{"й", "ь"}}, {"у", []string{"", "а"}}, {"ю", []string{"й", "ь", "я"}},
	{"е", []string{"", "а", "я", "й", "о"}}, {"и", []string{"ь", "я", "а"}}, {"ы", []string{"а"}},
}

// russianCase reads a capitalised Cyrillic word in an oblique case as the
// one-word name it declines: the ending dropped, the nominative's put
// back, the first form the knowledge base knows wins.
func (g *Gazetteer) russianCase(text string, toks []gtoken, i int) (found, bool) {
	t := &toks[i]
	if !t.w.upper {
		return found{}, false
	}
	word := cyrillicWord(text, t)
	if word == "" {
		return found{}, false
	}
	// An adjective and its noun: "Айгунского договора" is Айгунский
	// договор, "по Пекинскому договору" Пекинский договор.
	if i+1 < len(toks) && toks[i+1].sep == gapSpace {
		if noun := cyrillicWord(text, &toks[i+1]); noun != "" {
			for _, adj := range nominatives(word, russianAdjectiveEndings) {
				for _, n := range append(nominatives(noun, russianEndings), noun) {
					key := g.makeWord(adj).loose + string(gapSpace) + g.makeWord(n).loose
					var two []*nameForm
					for _, f := range g.names[key] {
						if f.words == 2 {
							two = append(two, f)
						}
					}
					if len(two) > 0 {
						return g.match(text, toks, i, i+2, two, qGenitive)
					}
				}
			}
		}
	}
	for _, nom := range nominatives(word, russianEndings) {
		var one []*nameForm
		for _, f := range g.names[g.makeWord(nom).loose] {
			if f.words == 1 {
				one = append(one, f)
			}
		}
		if len(one) > 0 {
			return g.match(text, toks, i, i+1, one, qGenitive)
		}
	}
	return found{}, false
}

// cyrillicWord gives a token's word in lower case when it is a Russian
// word of four letters or more, else "".
func cyrillicWord(text string, t *gtoken) string {
	// The first letter is read before the word is lower-cased (a copy):
	// most words are not Russian.
	r, _ := utf8.DecodeRuneInString(text[t.b0:t.b1])
	if r = unicode.ToLower(r); r < 'а' || r > 'я' && r != 'ё' {
		return ""
	}
	w := strings.ToLower(text[t.b0:t.b1])
	if utf8.RuneCountInString(w) < 4 {
		return ""
	}
	return w
}

// nominatives lists the nominatives a declined word may stand for, by
// the endings it may have, the longest first.
func nominatives(word string, endings []russianEnding) []string {
	var out []string
	for _, e := range endings {
		if !strings.HasSuffix(word, e.ending) {
			continue
		}
		stem := word[:len(word)-len(e.ending)]
		if utf8.RuneCountInString(stem) < 3 {
			continue
		}
		for _, nom := range e.nominative {
			out = append(out, stem+nom)
		}
	}
	return out
}

// russianAdjectiveEndings are the case endings of Russian adjectives and
// the nominatives they stand for: "Айгунского" is Айгунский, "Пекинским"
// Пекинский, "Восточной" Восточная.
var russianAdjectiveEndings = []russianEnding{
	{"ого", []string{"ий", "ый", "ой"}}, {"его", []string{"ий"}}, {"ому", []string{"ий", "ый", "ой"}}, {"ему", []string{"ий"}},
	{"ыми", []string{"ые"}}, {"ими", []string{"ие"}}, {"ым", []string{"ый", "ой"}}, {"им", []string{"ий"}},
	{"ом", []string{"ий", "ый", "ой"}}, {"ем", []string{"ий"}}, {"ой", []string{"ая", "ой"}}, {"ей", []string{"яя", "ая"}},
	{"ую", []string{"ая"}}, {"юю", []string{"яя"}}, {"ых", []string{"ые"}}, {"их", []string{"ие"}},
	{"ий", []string{"ий"}}, {"ый", []string{"ый"}}, {"ая", []string{"ая"}},
}

// match weighs the forms a run of words matched, one candidate per entity.
func (g *Gazetteer) match(text string, toks []gtoken, t0, t1 int, forms []*nameForm, factor float64) (found, bool) {
	surface := text[toks[t0].b0:toks[t1-1].b1]
	upper := false
	for k := t0; k < t1; k++ {
		upper = upper || toks[k].w.upper
	}
	var normal string
	first, last := &toks[t0], &toks[t1-1]
	f := found{t0: t0, t1: t1, r0: int(first.r0), r1: int(last.r1), b0: int(first.b0), b1: int(last.b1)}
	for _, form := range forms {
		if form.upper && !upper && t1-t0 == 1 {
			continue // "berg" is not Berg, "china" not China
		}
		q := qLoose
		switch {
		case factor != 1:
			q = 1
		case form.core == surface:
			q = qExact
		default:
			if normal == "" {
				normal = normalKey(toks[t0:t1])
			}
			if form.normal == normal {
				q = qNormal
			} else if !closeSpelling(form.normal, normal) {
				// The loose forms fold too much for short names:
				// Qiying and Qing, Kong and Chong.
				continue
			}
		}
		q *= form.base * factor
		if form.upper && !upper {
			q *= qLowerCase
		}
		if n := len(f.cands); n > 0 && f.cands[n-1].entity == form.entity {
			if q > f.cands[n-1].q {
				f.cands[n-1] = candidate{entity: form.entity, form: form, q: q}
			}
			continue
		}
		f.cands = append(f.cands, candidate{entity: form.entity, form: form, q: q})
	}
	if len(f.cands) == 0 {
		return found{}, false
	}
	// Take in the name's own punctuation around the words: the ")" of
	// "Prince Gong (Kung)".
	for _, c := range f.cands {
		if tr := c.form.trail; tr != "" && strings.HasPrefix(text[last.b1:], tr) && int(last.b1)+len(tr) > f.b1 {
			f.r1 = int(last.r1) + utf8.RuneCountInString(tr)
			f.b1 = int(last.b1) + len(tr)
		}
		if ld := c.form.lead; ld != "" && strings.HasSuffix(text[:first.b0], ld) && int(first.b0)-len(ld) < f.b0 {
			f.r0 = int(first.r0) - utf8.RuneCountInString(ld)
			f.b0 = int(first.b0) - len(ld)
		}
	}
	return f, true
}

// closeSpelling tells whether two normal forms that have the same loose
// form are spelled alike enough to be one name: at most one edit in three
// letters of the name (one for short names).
func closeSpelling(name, text string) bool {
	la, lb := utf8.RuneCountInString(name), utf8.RuneCountInString(text)
	limit := max(1, la/3)
	if d := la - lb; d > limit || -d > limit {
		return false
	}
	// The code points of both, decoded once (on the stack for the
	// usual lengths) rather than the text's once for each of the name's.
	var abuf, bbuf [64]rune
	a, b := appendRunes(abuf[:0], name), appendRunes(bbuf[:0], text)
	// Levenshtein distance, one row at a time.
	var buf [64]int
	row := buf[:0]
	if lb+1 > len(buf) {
		row = make([]int, 0, lb+1)
	}
	for j := range lb + 1 {
		row = append(row, j)
	}
	for i, ra := range a {
		diag := row[0]
		row[0] = i + 1
		least := row[0]
		for j, rb := range b {
			cost := 1
			if ra == rb {
				cost = 0
			}
			next := min(row[j+1]+1, row[j]+1, diag+cost)
			diag = row[j+1]
			row[j+1] = next
			least = min(least, next)
		}
		// A row's values never fall in the rows below it: once all are
		// past the limit, so is the distance.
		if least > limit {
			return false
		}
	}
	return row[lb] <= limit
}

// appendRunes appends the code points of s to rs, as ranging over s
// gives them.
func appendRunes(rs []rune, s string) []rune {
	for _, r := range s {
		rs = append(rs, r)
	}
	return rs
}

func normalKey(toks []gtoken) string {
	var b strings.Builder
	for k, t := range toks {
		if k > 0 {
			b.WriteByte(t.sep)
		}
		b.WriteString(t.w.normal)
	}
	return b.String()
}

// resolver picks an entity for each name found, and scores it.
type resolver struct {
	g        *Gazetteer
	text     string
	toks     []gtoken
	cueWords map[string][]kb.Kind
	doc      map[int]int // unambiguous mentions in the whole document
	earlier  map[int]int // mentions so far
}

// inner gives the names of other entities than outer inside the words
// [t0, t1), looking into the names of outer itself that it finds there
// ("Peking" in "Convention of Peking" in "Sino-Russian Convention of
// Peking").
func (r *resolver) inner(t0, t1 int, outer string, out []EntityMention) []EntityMention {
	if t1-t0 < 2 {
		return out
	}
	finds := r.g.scan(r.text, r.toks, t0, t1, false, nil)
	for i := range finds {
		m := r.resolve(finds, i, false)
		if m.Entity == outer {
			out = r.inner(finds[i].t0, finds[i].t1, outer, out)
			continue
		}
		out = append(out, m)
	}
	return out
}

// resolve picks the entity finds[k] names; its neighbours in finds give
// context. A counted mention makes its entity likelier later on; the
// names inside names do not count.
func (r *resolver) resolve(finds []found, k int, count bool) EntityMention {
	g := r.g
	f := &finds[k]
	cues, coord := g.cues(r.toks, finds, k, r.cueWords)
	for c := range f.cands {
		cand := &f.cands[c]
		cand.score = cand.q
		if cand.q == qExact*cand.form.base {
			cand.score += exactBonus
		}
		if kind := g.entities[cand.entity].kind; hasKind(cues, kind) || kind == coord {
			cand.score += cueBonus
		}
		cand.score += priorStep*float64(min(r.earlier[cand.entity], 3)) + docStep*float64(min(r.doc[cand.entity], 3))
	}
	sort.SliceStable(f.cands, func(a, b int) bool { return f.cands[a].score > f.cands[b].score })
	best := f.cands[0]
	score := best.q
	if len(f.cands) > 1 {
		margin := (best.score - f.cands[1].score) / cueBonus
		score *= 0.5 + 0.5*min(1, margin)
	}
	kind := g.entities[best.entity].kind
	if len(cues) > 0 && !hasKind(cues, kind) && !selfDescribed(r.toks[f.t0:f.t1], kind, r.cueWords) {
		score *= cueMiss
	}
	if count {
		r.earlier[best.entity]++
	}
	m := EntityMention{
		Start: f.r0, End: f.r1, Text: r.text[f.b0:f.b1],
		Entity: g.entities[best.entity].id, Kind: kind, Matched: best.form.text, Score: score,
	}
	for _, c := range f.cands[1:] {
		m.Candidates = append(m.Candidates, g.entities[c.entity].id)
	}
	return m
}

// cues gives the kinds the words around finds[k] suggest (see kindCues),
// and the kind of a name it is coordinated with ("Nerchinsk and
// Kiakhta"), or "".
func (g *Gazetteer) cues(toks []gtoken, finds []found, k int, cueWords map[string][]kb.Kind) (kinds []kb.Kind, coord kb.Kind) {
	f := &finds[k]
	add := func(kind kb.Kind) {
		if !hasKind(kinds, kind) {
			kinds = append(kinds, kind)
		}
	}
	// Before: a cue word, maybe with function words between.
	skipped := 0
	for j := f.t0 - 1; j >= 0 && j >= f.t0-4; j-- {
		if toks[j+1].sep != gapSpace || k > 0 && j < finds[k-1].t1 {
			break
		}
		n := toks[j].w.normal
		if functionWords[n] {
			skipped++
			continue
		}
		for _, kind := range cueWords[n] {
			if cueBefore(kind, skipped) {
				add(kind)
			}
		}
		break
	}
	// After: a cue word right after.
	if j := f.t1; j < len(toks) && toks[j].sep == gapSpace && (k+1 == len(finds) || j < finds[k+1].t0) {
		for _, kind := range cueWords[toks[j].w.normal] {
			if cueAfter(kind) {
				add(kind)
			}
		}
	}
	// Coordinated with the name before: "Nerchinsk (1689) and Kiakhta".
	if k > 0 {
		p := &finds[k-1]
		if f.t0 > p.t1 && f.t0-p.t1 <= 3 {
			joined, ok := false, true
			for j := p.t1; j <= f.t0; j++ {
				if s := toks[j].sep; s == gapPara || s == gapPeriod {
					ok = false
				}
				if j == f.t0 {
					break
				}
				switch n := toks[j].w.normal; {
				case conjunctions[n]:
					joined = true
				case !isNumber(n):
					ok = false
				}
			}
			if ok && joined {
				coord = g.entities[p.cands[0].entity].kind
			}
		}
	}
	return kinds, coord
}

// docLanguage tells a text's language from its words, as DetectLanguage
// does, so that the cues of that language are used; "" when unsure.
func docLanguage(toks []gtoken) string {
	var score [8]int
	// A thousand words tell the language as well as the whole text.
	for k := range toks[:min(len(toks), 1000)] {
		for bits, i := toks[k].w.stop, 0; bits != 0; bits, i = bits>>1, i+1 {
			score[i] += int(bits & 1)
		}
	}
	best, second := -1, 0
	for i := range min(len(Languages), len(score)) {
		if best < 0 || score[i] > score[best] {
			if best >= 0 {
				second = score[best]
			}
			best = i
		} else if score[i] > second {
			second = score[i]
		}
	}
	if best < 0 || score[best] < 3 || float64(score[best]) < 1.2*float64(second) {
		return ""
	}
	return Languages[best]
}

// selfDescribed tells a name that says its own kind: "Ussuri-rivier",
// "Taiping-opstand".
func selfDescribed(toks []gtoken, kind kb.Kind, cueWords map[string][]kb.Kind) bool {
	for k := range toks {
		if hasKind(cueWords[toks[k].w.normal], kind) {
			return true
		}
	}
	return false
}

func isNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
