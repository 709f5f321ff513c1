package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"treatyline/kb"
)

// EntityMention is a name of a known entity found in a text. Start and
// End count code points, as evidence selectors do.
type EntityMention struct {
	Start, End int
	Text       string  // the words of the text
	Entity     string  // the entity's id
	Kind       kb.Kind // the entity's kind
	Matched    string  // the label or alias that matched
	// Score runs from 0 to 1: how well the words match the name (1 for
	// the same spelling, less for another case, diacritics or
	// transliteration), lowered when the name is shared with other
	// entities and the context hardly tells them apart, or when the
	// context suggests another kind of thing.
	Score float64
	// Candidates are the other entities the name may mean, likeliest
	// first.
	Candidates []string
	// Inner are the names of other entities inside this one, which
	// Find's longest match passes over: the Amur River in "the land
	// between the Stanovoy Mountains and the Amur River", Aigun in
	// "Treaty of Aigun".
	Inner []EntityMention
}

// Gazetteer finds the names of known entities in texts: every label and
// alias, in every script, whatever the case, diacritics or
// transliteration (it matches the loose forms of kb.LooseName, word by
// word). It is safe for concurrent use.
type Gazetteer struct {
	entities []gzEntity
	names    map[string][]*nameForm // by loose key: loose words joined by gap marks
	first    map[string]int         // a loose first word → the most words of a name starting with it
	loose    map[string]string      // normal → loose form of every word of every name
	comma    bool                   // some name holds a comma or other hard punctuation
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
	cueBonus   = 0.25 // a neighbouring word suggests the entity's kind
	cueMiss    = 0.7  // the neighbouring words suggest other kinds
	priorStep  = 0.1  // per earlier mention of the entity in the document, up to three
	docStep    = 0.05 // per unambiguous mention anywhere in the document, up to three
)

// NewGazetteer indexes the names of entities.
func NewGazetteer(entities []kb.Entity) *Gazetteer {
	g := &Gazetteer{names: map[string][]*nameForm{}, first: map[string]int{}, loose: map[string]string{}}
	var toks []gtoken
	for i := range entities {
		e := &entities[i]
		g.entities = append(g.entities, gzEntity{id: e.ID, kind: e.Kind})
		seen := map[string]bool{}
		names := e.Names()
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
	toks = tokenizeNames(text, toks, nil)
	if len(toks) == 0 {
		return toks
	}
	var lk, nk []byte
	upper := false
	for k := range toks {
		t := &toks[k]
		l := kb.LooseName(t.normal)
		g.loose[t.normal] = l
		if k > 0 {
			lk = append(lk, t.sep)
			nk = append(nk, t.sep)
			if t.sep != ' ' && t.sep != '.' {
				g.comma = true
			}
		}
		lk = append(lk, l...)
		nk = append(nk, t.normal...)
		upper = upper || t.upper
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
	first := g.loose[toks[0].normal]
	g.first[first] = max(g.first[first], len(toks))
	return toks
}

// gtoken is a word of a text or a name: a run of letters, digits and
// marks (with apostrophes inside), or one Han or kana character.
type gtoken struct {
	b0, b1 int // bytes
	r0, r1 int // code points
	sep    byte
	upper  bool
	normal string
	loose  string
}

// Gap marks: what stands between two words. A name matches words whose
// gaps have the same marks, so "St. Petersburg" needs its period and "Amur
// River" does not match across a sentence's end.
const (
	gapSpace  = ' '  // white space, hyphens, brackets, quotes
	gapPeriod = '.'  // a period
	gapHard   = ','  // other punctuation
	gapPara   = '\n' // a blank line
)

// tokenizeNames splits s into words with their normal forms. memo, when
// not nil, holds normal forms already made.
func tokenizeNames(s string, toks []gtoken, memo map[string]string) []gtoken {
	inWord := false
	var cur gtoken
	r := 0 // code points before i
	var newlines int
	var period, hard bool
	gap := func() byte {
		switch {
		case newlines >= 2:
			return gapPara
		case hard:
			return gapHard
		case period:
			return gapPeriod
		}
		return gapSpace
	}
	closeWord := func(b, rr int) {
		if !inWord {
			return
		}
		inWord = false
		cur.b1, cur.r1 = b, rr
		cur.normal = normalWord(s[cur.b0:cur.b1], memo)
		if cur.normal != "" {
			toks = append(toks, cur)
			newlines, period, hard = 0, false, false
		}
	}
	for i := 0; i < len(s); {
		c, n := rune(s[i]), 1
		if c >= utf8.RuneSelf {
			c, n = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case c < utf8.RuneSelf && ('a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9'),
			c >= utf8.RuneSelf && (unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.IsMark(c)) && !isIdeograph(c):
			if !inWord {
				inWord = true
				cur = gtoken{b0: i, r0: r, sep: gap()}
			}
			if unicode.IsUpper(c) {
				cur.upper = true
			}
		case c >= utf8.RuneSelf && isIdeograph(c):
			closeWord(i, r)
			cur = gtoken{b0: i, r0: r, sep: gap()}
			inWord = true
			closeWord(i+n, r+1)
		case inWord && isApostrophe(c):
			// Inside a word ("Ch'ing") unless a possessive ("Russia's").
			next, m := utf8.DecodeRuneInString(s[i+n:])
			switch {
			case (next == 's' || next == 'S') && !startsWord(s[i+n+m:]):
				closeWord(i, r)
				i += n + m
				r += 2
				continue
			case unicode.IsLetter(next):
			default:
				closeWord(i, r)
			}
		default:
			closeWord(i, r)
			switch {
			case c == '\n':
				newlines++
			case c == '.':
				period = true
			case unicode.IsSpace(c) || isSoftPunct(c):
			default:
				hard = true
			}
		}
		i += n
		r++
	}
	closeWord(len(s), r)
	return toks
}

func startsWord(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(c) || unicode.IsDigit(c)
}

func isIdeograph(c rune) bool {
	return unicode.Is(unicode.Han, c) || unicode.Is(unicode.Hiragana, c) || unicode.Is(unicode.Katakana, c)
}

func isApostrophe(c rune) bool { return c == '\'' || c == '’' || c == 'ʼ' || c == 'ʹ' }

// isSoftPunct tells punctuation that may stand inside a name: hyphens
// and dashes, brackets, quotes, apostrophes.
func isSoftPunct(c rune) bool {
	switch c {
	case '-', '‐', '‑', '–', '—', '(', ')', '[', ']', '"', '\'', '“', '”', '‘', '’', '«', '»', '„', '\u00a0':
		return true
	}
	return false
}

// normalWord gives a word's normal form (kb.NormalName), quickly for
// ASCII.
func normalWord(w string, memo map[string]string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		if memo != nil {
			if n, ok := memo[w]; ok {
				return n
			}
		}
		n := kb.NormalName(w)
		if memo != nil {
			memo[w] = n
		}
		return n
	}
	lower := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; 'A' <= c && c <= 'Z' || c == '\'' {
			lower = false
			break
		}
	}
	if lower {
		return w
	}
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c != '\'':
			b = append(b, c)
		}
	}
	return string(b)
}

// looseWord gives a normal word's loose form (kb.LooseName).
func (g *Gazetteer) looseWord(normal string, memo map[string]string) string {
	if l, ok := g.loose[normal]; ok {
		return l
	}
	if l, ok := memo[normal]; ok {
		return l
	}
	l := kb.LooseName(normal)
	memo[normal] = l
	return l
}

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
	chosen int // index into cands
}

// Find returns the names of entities in text, in order and without
// overlaps: at each word the longest name that starts there wins, and
// the names inside it are its Inner mentions. A name
// shared by several entities is resolved by, in turn, how exactly it is
// written, the words around it ("Treaty of", "rivier", "city"), and the
// entities the document names elsewhere; the others are kept as
// Candidates.
func (g *Gazetteer) Find(text string) []EntityMention { return g.FindLang(text, "") }

// FindLang is Find for a text in a known language ("en", "nl", "de",
// "fr"), whose words it then takes as cues; "" detects the language.
func (g *Gazetteer) FindLang(text, lang string) []EntityMention {
	memo := map[string]string{}
	toks := tokenizeNames(text, make([]gtoken, 0, len(text)/6), memo)
	for k := range toks {
		toks[k].loose = g.looseWord(toks[k].normal, memo)
	}
	if lang == "" {
		lang = docLanguage(toks)
	}
	cueWords := cueIndex[lang]
	if cueWords == nil {
		cueWords = cueIndex[""]
	}
	finds := g.scan(text, toks, 0, len(toks), true, memo)
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
		if f.t1-f.t0 > 1 {
			// Names inside the name: the Amur in "the land between the
			// Stanovoy Mountains and the Amur River".
			inner := g.scan(text, toks, f.t0, f.t1, false, memo)
			for i := range inner {
				if im := r.resolve(inner, i, false); im.Entity != m.Entity {
					m.Inner = append(m.Inner, im)
				}
			}
		}
		out = append(out, m)
	}
	return out
}

// scan finds the names in words [lo, hi), the longest at each word. A
// whole scan also reads genitives; an inner one (inside a name found
// over [lo, hi)) skips the name that covers it all.
func (g *Gazetteer) scan(text string, toks []gtoken, lo, hi int, whole bool, memo map[string]string) []found {
	var finds []found
	var key []byte
	var ends [64]int
	for i := lo; i < hi; {
		n := min(g.first[toks[i].loose], hi-i, len(ends)-1)
		if !whole && i == lo {
			n = min(n, hi-lo-1)
		}
		m := 0
		if n > 0 {
			key = append(key[:0], toks[i].loose...)
			ends[1] = len(key)
			m = 1
			for ; m < n; m++ {
				t := &toks[i+m]
				if t.sep == gapPara || t.sep == gapHard && !g.comma {
					break
				}
				key = append(key, t.sep)
				key = append(key, t.loose...)
				ends[m+1] = len(key)
			}
		}
		matched := false
		for ; m >= 1; m-- {
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
				if f, ok := g.genitive(text, toks, i, memo); ok {
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
func (g *Gazetteer) genitive(text string, toks []gtoken, i int, memo map[string]string) (found, bool) {
	t := &toks[i]
	if !t.upper || len(t.normal) < 4 || !strings.HasSuffix(t.normal, "s") {
		return found{}, false
	}
	forms := g.names[g.looseWord(t.normal[:len(t.normal)-1], memo)]
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

// match weighs the forms a run of words matched, one candidate per entity.
func (g *Gazetteer) match(text string, toks []gtoken, t0, t1 int, forms []*nameForm, factor float64) (found, bool) {
	surface := text[toks[t0].b0:toks[t1-1].b1]
	upper := false
	for k := t0; k < t1; k++ {
		upper = upper || toks[k].upper
	}
	var normal string
	f := found{t0: t0, t1: t1, r0: toks[t0].r0, r1: toks[t1-1].r1, b0: toks[t0].b0, b1: toks[t1-1].b1}
	for _, form := range forms {
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
			}
		}
		q *= form.base * factor
		if form.upper && !upper {
			if t1-t0 == 1 {
				continue // "berg" is not Berg, "china" not China
			}
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
		if tr := c.form.trail; tr != "" && strings.HasPrefix(text[toks[t1-1].b1:], tr) && toks[t1-1].b1+len(tr) > f.b1 {
			f.r1 = toks[t1-1].r1 + utf8.RuneCountInString(tr)
			f.b1 = toks[t1-1].b1 + len(tr)
		}
		if ld := c.form.lead; ld != "" && strings.HasSuffix(text[:toks[t0].b0], ld) && toks[t0].b0-len(ld) < f.b0 {
			f.r0 = toks[t0].r0 - utf8.RuneCountInString(ld)
			f.b0 = toks[t0].b0 - len(ld)
		}
	}
	return f, true
}

func normalKey(toks []gtoken) string {
	var b strings.Builder
	for k, t := range toks {
		if k > 0 {
			b.WriteByte(t.sep)
		}
		b.WriteString(t.normal)
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
		n := toks[j].normal
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
		for _, kind := range cueWords[toks[j].normal] {
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
				switch n := toks[j].normal; {
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
	score := make([]int, len(Languages))
	for k := range toks {
		for _, lang := range stopIndex[toks[k].normal] {
			for i, l := range Languages {
				if l == lang {
					score[i]++
				}
			}
		}
	}
	best, second := -1, 0
	for i := range Languages {
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
		if hasKind(cueWords[toks[k].normal], kind) {
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
