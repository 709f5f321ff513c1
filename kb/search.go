package kb

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Names are matched the way a historian reads them: case, diacritics,
// scripts and the usual variants of transliterating Russian (Muraviev,
// Muravyov, Muravjov, Муравьёв) do not matter. Two keys are made of every
// name: a normal form (lower case, no diacritics, Cyrillic transliterated,
// punctuation as space) and a loose form that also folds the spellings
// transliteration systems disagree on.

// SearchResult is one entity found by Search.
type SearchResult struct {
	ID      string  `json:"id"`
	Kind    Kind    `json:"kind"`
	Label   string  `json:"label"`
	Score   float64 `json:"score"`
	Matched string  `json:"matched"` // the label or alias that matched best
}

// Index finds entities by any of their names.
type Index struct {
	entries []indexEntry
}

type indexEntry struct {
	entity       *Entity
	name         string
	normal       string
	loose        string
	compactLoose string
	tokens       []string // loose tokens
	grams        map[string]bool
}

// NewIndex indexes the names of entities.
func NewIndex(entities []Entity) *Index {
	ix := &Index{}
	for i := range entities {
		e := &entities[i]
		seen := map[string]bool{}
		for _, a := range e.Names() {
			if seen[a.Text] || strings.TrimSpace(a.Text) == "" {
				continue
			}
			seen[a.Text] = true
			ix.entries = append(ix.entries, newEntry(e, a.Text))
		}
	}
	return ix
}

func newEntry(e *Entity, name string) indexEntry {
	n := NormalName(name)
	l := LooseName(n)
	c := strings.ReplaceAll(l, " ", "")
	return indexEntry{entity: e, name: name, normal: n, loose: l, compactLoose: c, tokens: strings.Fields(l), grams: trigrams(c)}
}

// Search ranks the entities whose names match text, best first, at most
// limit of them (0: no limit). Scores run from 0 to 1: 1 for the same
// name, less for a transliteration variant, a part of a name, or a
// resemblance.
func (ix *Index) Search(text string, limit int) []SearchResult {
	q := newEntry(nil, text)
	if q.normal == "" {
		return nil
	}
	best := map[*Entity]SearchResult{}
	for i := range ix.entries {
		en := &ix.entries[i]
		s := score(&q, en)
		if s < 0.3 {
			continue
		}
		if prev, ok := best[en.entity]; !ok || s > prev.Score || s == prev.Score && len(en.name) < len(prev.Matched) {
			best[en.entity] = SearchResult{ID: en.entity.ID, Kind: en.entity.Kind, Label: en.entity.Label("en"), Score: s, Matched: en.name}
		}
	}
	out := make([]SearchResult, 0, len(best))
	for _, r := range best {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		if len(out[i].Matched) != len(out[j].Matched) {
			return len(out[i].Matched) < len(out[j].Matched)
		}
		return out[i].ID < out[j].ID
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

func score(q, e *indexEntry) float64 {
	switch {
	case q.normal == e.normal:
		return 1
	case q.loose == e.loose:
		return 0.95
	case q.compactLoose == e.compactLoose:
		return 0.93
	}
	// Every word of the query is a word of the name ("Muraviev" in
	// "Nikolay Muraviev"): the fewer other words, the better.
	if all := containsAll(e.tokens, q.tokens); all {
		return 0.6 + 0.3*float64(len(q.tokens))/float64(len(e.tokens))
	}
	// A resemblance of letters, for spellings no rule foresaw.
	sim := jaccard(q.grams, e.grams)
	if sim >= 0.5 {
		return 0.55 * sim
	}
	return 0
}

func containsAll(have, want []string) bool {
	if len(want) == 0 {
		return false
	}
	for _, w := range want {
		found := false
		for _, h := range have {
			if h == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// NameSimilarity returns how alike two names are, 0 to 1: the Jaccard
// index of their character trigrams (the start padded by two spaces, the
// end by one), the measure by which search ranks names.
func NameSimilarity(a, b string) float64 { return jaccard(trigrams(a), trigrams(b)) }

func trigrams(s string) map[string]bool {
	r := []rune("  " + s + " ")
	m := make(map[string]bool, len(r))
	for i := 0; i+3 <= len(r); i++ {
		m[string(r[i:i+3])] = true
	}
	return m
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for g := range a {
		if b[g] {
			n++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n)
}

// cyrillic transliterates Russian letters (a scholarly-popular blend; the
// loose form folds the differences between systems).
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "yo", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya", 'і': "i", 'ѣ': "e", 'ѳ': "f", 'ѵ': "i",
}

// NormalName gives a name's normal form: lower case, without diacritics,
// Cyrillic transliterated, punctuation turned to spaces.
func NormalName(s string) string {
	var b strings.Builder
	space := true
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'ё':
			b.WriteString("yo")
			space = false
		case cyrillic[r] != "" || r == 'ъ' || r == 'ь':
			b.WriteString(cyrillic[r])
			space = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			space = false
		case r == '\'' || r == '’' || r == 'ʹ' || r == 'ʼ':
			// soft signs and apostrophes of transliteration vanish
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// looseRules fold spellings that transliterations of one name disagree
// on. They run in order, on the normal form.
var looseRules = []struct{ from, to string }{
	{"tsch", "ch"}, {"tsj", "ch"}, {"sj", "sh"}, {"tch", "ch"}, {"sch", "sh"}, {"w", "v"}, {"j", "y"}, {"ch", "k"}, {"kh", "k"},
	{"c", "k"}, {"q", "k"}, {"ph", "f"},
	{"skiy", "ski"}, {"skii", "ski"}, {"skoy", "ski"}, {"skoi", "ski"}, {"sky", "ski"},
	{"yo", "e"}, {"io", "e"}, {"ye", "e"}, {"ie", "e"}, {"ya", "a"}, {"ia", "a"}, {"yu", "u"}, {"iu", "u"},
	{"iy", "i"}, {"yy", "i"}, {"ii", "i"}, {"ey", "ei"}, {"oe", "u"}, {"ou", "u"},
}

// LooseName folds a normal form further: transliteration variants
// (w/v, j/y, kh/h/ch, tsch/tch/ch, yo/io/ye/ie/e, iy/y/ii, ou/u), a final
// -y, -ff and -ine, and doubled letters.
func LooseName(normal string) string {
	s := normal
	for _, r := range looseRules {
		s = strings.ReplaceAll(s, r.from, r.to)
	}
	// A final y is an i: Evfimy, Evfimiy, Evfimii. The older and the
	// French transliterations end Russian names in -ff and -ine:
	// Ignatieff is Ignatiev, Poutiatine Putyatin.
	words := strings.Fields(s)
	for i, w := range words {
		if strings.HasSuffix(w, "y") && len(w) > 2 {
			w = w[:len(w)-1] + "i"
		}
		if strings.HasSuffix(w, "ff") && len(w) > 4 {
			w = w[:len(w)-2] + "v"
		}
		if strings.HasSuffix(w, "ine") && len(w) > 6 {
			w = w[:len(w)-1]
		}
		words[i] = collapseDoubles(w)
	}
	return strings.Join(words, " ")
}

func collapseDoubles(w string) string {
	var b strings.Builder
	var prev rune
	for i, r := range w {
		if i > 0 && r == prev {
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}
