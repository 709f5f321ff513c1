package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"treatyline/data"
	"treatyline/internal/gold"
	"treatyline/kb"
)

// toyEntities share names on purpose.
var toyEntities = []kb.Entity{
	{ID: "river/amur", Kind: kb.KindRiver, Labels: map[string]string{"en": "Amur", "nl": "Amoer"}, Aliases: []kb.Alias{{Text: "Amur River"}}},
	{ID: "region/amur", Kind: kb.KindRegion, Labels: map[string]string{"en": "Amur"}, Aliases: []kb.Alias{{Text: "Amur Oblast"}}},
	{ID: "city/peking", Kind: kb.KindCity, Labels: map[string]string{"en": "Peking"}, Aliases: []kb.Alias{{Text: "Beijing"}}},
	{ID: "treaty/peking", Kind: kb.KindTreaty, Labels: map[string]string{"en": "Convention of Peking"}, Aliases: []kb.Alias{{Text: "Peking"}}},
	{ID: "treaty/kiakhta", Kind: kb.KindTreaty, Labels: map[string]string{"en": "Kiakhta"}},
	{ID: "city/kyakhta", Kind: kb.KindCity, Labels: map[string]string{"en": "Kyakhta"}, Aliases: []kb.Alias{{Text: "Kiachta"}}},
	{ID: "person/berg", Kind: kb.KindPerson, Labels: map[string]string{"en": "Berg"}},
	{ID: "person/muravyov", Kind: kb.KindPerson, Labels: map[string]string{"en": "Muravyov", "ru": "Муравьёв"}, Aliases: []kb.Alias{{Text: "Muravyov-Amursky"}}},
	{ID: "city/st-petersburg", Kind: kb.KindCity, Labels: map[string]string{"en": "St. Petersburg"}},
	{ID: "treaty/aigun", Kind: kb.KindTreaty, Labels: map[string]string{"en": "Treaty of Aigun"}},
	{ID: "city/aigun", Kind: kb.KindCity, Labels: map[string]string{"en": "Aigun"}},
	{ID: "person/gong", Kind: kb.KindPerson, Labels: map[string]string{"en": "Prince Gong (Kung)"}},
	{ID: "treaty/paris", Kind: kb.KindTreaty, Labels: map[string]string{"en": "Treaty of Paris (1856)"}},
	{ID: "polity/russia", Kind: kb.KindPolity, Labels: map[string]string{"en": "Russia", "nl": "Rusland"}},
}

// mentionStrings writes mentions as "text=entity[candidates]" and inner
// ones as "<text=entity>".
func mentionStrings(ms []EntityMention) []string {
	var out []string
	for _, m := range ms {
		s := m.Text + "=" + m.Entity
		if len(m.Candidates) > 0 {
			s += fmt.Sprint(m.Candidates)
		}
		out = append(out, s)
		for _, in := range m.Inner {
			out = append(out, "<"+in.Text+"="+in.Entity+">")
		}
	}
	return out
}

func TestGazetteerFind(t *testing.T) {
	g := NewGazetteer(toyEntities)
	for _, c := range []struct {
		name, text string
		want       []string
	}{
		{"river by the word after", "Boats lay on the Amur banks.", []string{"Amur=river/amur[region/amur]"}},
		{"river by the word before", "De schepen voeren de rivier Amur af.", []string{"Amur=river/amur[region/amur]"}},
		{"region by the word before", "He governed the province of Amur for years.", []string{"Amur=region/amur[river/amur]"}},
		{"the entity named before", "The Amur Oblast was formed late. Later Amur grew.", []string{"Amur Oblast=region/amur", "Amur=region/amur[river/amur]"}},
		{"treaty by its cue", "They signed the Treaty of Peking in 1860.", []string{"Peking=treaty/peking[city/peking]"}},
		{"city by its cue", "The city of Peking was taken in 1860.", []string{"Peking=city/peking[treaty/peking]"}},
		{"the exact spelling first", "Kiakhta was signed. Kiachta lies on the border.", []string{"Kiakhta=treaty/kiakhta[city/kyakhta]", "Kiachta=city/kyakhta[treaty/kiakhta]"}},
		{"a cue before the spelling", "They met in the town of Kiakhta.", []string{"Kiakhta=city/kyakhta[treaty/kiakhta]"}},
		{"coordinated names are of a kind", "The Treaties of Peking and Kiachta.", []string{"Peking=treaty/peking[city/peking]", "Kiachta=treaty/kiakhta[city/kyakhta]"}},
		{"a small letter is not a name", "A berg stood there, then Berg came.", []string{"Berg=person/berg"}},
		{"case, diacritics, scripts and transliterations", "MURAVYOV, Muravjov, Муравьёв and Muraviev.", []string{
			"MURAVYOV=person/muravyov", "Muravjov=person/muravyov", "Муравьёв=person/muravyov", "Muraviev=person/muravyov"}},
		{"hyphens and possessives", "Muravyov-Amursky's plan and Muravyov Amursky.", []string{"Muravyov-Amursky=person/muravyov", "Muravyov Amursky=person/muravyov"}},
		{"a period is part of the name", "St. Petersburg, not St Petersburg.", []string{"St. Petersburg=city/st-petersburg"}},
		// No cue: the tie goes by id, whatever the entities' order.
		{"no name across a sentence's end", "Down the Amur. River boats came.", []string{"Amur=region/amur[river/amur]"}},
		{"the longest name, and names inside it", "The Treaty of Aigun was signed at Aigun.", []string{"Treaty of Aigun=treaty/aigun", "<Aigun=city/aigun>", "Aigun=city/aigun"}},
		{"a name's own parenthesis", "Prince Gong (Kung) and the Treaty of Paris (1856), or the Treaty of Paris.", []string{
			"Prince Gong (Kung)=person/gong", "Treaty of Paris (1856)=treaty/paris", "Treaty of Paris=treaty/paris"}},
		{"genitive", "Ruslands beurt kwam.", []string{"Ruslands=polity/russia"}},
		{"nothing", "Nothing here at all.", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := g.Find(c.text)
			if diff := cmp.Diff(c.want, mentionStrings(got)); diff != "" {
				t.Errorf("Find(%q) (-want +got):\n%s", c.text, diff)
			}
			checkMentions(t, c.text, got)
		})
	}
}

func TestGazetteerScores(t *testing.T) {
	g := NewGazetteer(toyEntities)
	score := func(text, word string) float64 {
		for _, m := range g.Find(text) {
			if m.Text == word {
				return m.Score
			}
		}
		t.Fatalf("no %q in %q", word, text)
		return 0
	}
	exact := score("Muravyov came.", "Muravyov")
	upper := score("MURAVYOV came.", "MURAVYOV")
	loose := score("Muraviev came.", "Muraviev")
	if !(exact == 1 && upper < exact && loose < upper) {
		t.Errorf("scores exact %.2f, other case %.2f, transliteration %.2f: want them falling", exact, upper, loose)
	}
	if s := score("Then Amur grew.", "Amur"); s > 0.6 {
		t.Errorf("an ambiguous name without context scores %.2f, want at most 0.6", s)
	}
	if s := score("Down the Amur banks.", "Amur"); s < 0.9 {
		t.Errorf("an ambiguous name with a cue scores %.2f, want at least 0.9", s)
	}
}

// checkMentions checks spans: in order, not overlapping, and the text
// they hold.
func checkMentions(t testing.TB, text string, ms []EntityMention) {
	t.Helper()
	rs := []rune(text)
	prev := 0
	for _, m := range ms {
		if m.Start < prev || m.End <= m.Start || m.End > len(rs) {
			t.Fatalf("mention %q [%d,%d) after %d in %d code points", m.Text, m.Start, m.End, prev, len(rs))
		}
		if got := rs[m.Start:m.End]; !slices.Equal(got, []rune(m.Text)) {
			t.Fatalf("mention [%d,%d) holds %q, says %q", m.Start, m.End, string(got), m.Text)
		}
		for _, in := range m.Inner {
			if in.Start < m.Start || in.End > m.End || !slices.Equal(rs[in.Start:in.End], []rune(in.Text)) {
				t.Fatalf("inner mention %q [%d,%d) is not inside %q [%d,%d)", in.Text, in.Start, in.End, m.Text, m.Start, m.End)
			}
		}
		prev = m.End
	}
}

func bundleGazetteer(t testing.TB) (*kb.Bundle, *Gazetteer) {
	t.Helper()
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	return b, NewGazetteer(b.Entities)
}

// TestGazetteerSameEntity links the name variants of the gold file: the
// first occurrence of each surface form in the corpus (at word
// boundaries) must be linked, by the innermost mention that covers it, to
// the entity its group names (the one kb.Index finds for the group's
// first form).
func TestGazetteerSameEntity(t *testing.T) {
	seeds, corpus, _ := gold.Shared(t)
	b, g := bundleGazetteer(t)
	ix := kb.NewIndex(b.Entities)
	ids := make([]string, 0, len(corpus))
	for id := range corpus {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	found := map[string][]EntityMention{}
	for _, id := range ids {
		found[id] = g.Find(corpus[id])
	}
	groups := make([]string, 0, len(seeds.SameEntity))
	for group := range seeds.SameEntity {
		groups = append(groups, group)
	}
	sort.Strings(groups)
	var right, outer, total int
	for _, group := range groups {
		forms := seeds.SameEntity[group]
		res := ix.Search(forms[0], 1)
		if len(res) == 0 {
			t.Errorf("%s: the knowledge base has no %q", group, forms[0])
			continue
		}
		want := res[0].ID
		for _, form := range forms {
			total++
			id, start, end, ok := firstOccurrence(corpus, ids, form)
			if !ok {
				t.Errorf("%s: %q is not in the corpus", group, form)
				continue
			}
			top, inner := covering(found[id], start, end)
			switch {
			case top == nil:
				t.Errorf("%s: %q at %s [%d,%d) is not found", group, form, id, start, end)
				continue
			case top.Entity == want:
				outer++
			}
			got := top
			if inner != nil {
				got = inner
			}
			if got.Entity != want {
				t.Errorf("%s: %q at %s [%d,%d) is linked by %q to %s (candidates %v), want %s", group, form, id, start, end, got.Text, got.Entity, got.Candidates, want)
				continue
			}
			right++
		}
	}
	acc := float64(right) / float64(total)
	t.Logf("same_entity forms linked right: %d of %d (%.3f); by the outermost mention alone: %d (%.3f)", right, total, acc, outer, float64(outer)/float64(total))
	if acc < 0.95 {
		t.Errorf("accuracy %.3f, want at least 0.95", acc)
	}
}

// firstOccurrence finds form in the corpus documents, in id order, at
// word boundaries.
func firstOccurrence(corpus gold.Corpus, ids []string, form string) (id string, start, end int, ok bool) {
	for _, id := range ids {
		text := corpus[id]
		for off := 0; ; {
			i := strings.Index(text[off:], form)
			if i < 0 {
				break
			}
			i += off
			j := i + len(form)
			before, _ := utf8.DecodeLastRuneInString(text[:i])
			after, _ := utf8.DecodeRuneInString(text[j:])
			if !isWordChar(before) && !isWordChar(after) {
				start := utf8.RuneCountInString(text[:i])
				return id, start, start + utf8.RuneCountInString(form), true
			}
			off = i + 1
		}
	}
	return "", 0, 0, false
}

func isWordChar(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// covering gives the mention that covers [start, end), and the innermost
// of its inner mentions that does.
func covering(ms []EntityMention, start, end int) (top, inner *EntityMention) {
	for i := range ms {
		m := &ms[i]
		if m.Start <= start && end <= m.End {
			for j := range m.Inner {
				in := &m.Inner[j]
				if in.Start <= start && end <= in.End && (inner == nil || in.End-in.Start < inner.End-inner.Start) {
					inner = in
				}
			}
			return m, inner
		}
	}
	return nil, nil
}

// annotation marks a name in a fixture document: [[words|entity id]].
var annotation = regexp.MustCompile(`\[\[([^|\]]+)\|([^\]]+)\]\]`)

// readFixture gives a fixture document's text and the mentions written
// in it, as "start-end words=entity".
func readFixture(t *testing.T, path string) (string, []string) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	var text strings.Builder
	var want []string
	last := 0
	for _, m := range annotation.FindAllStringSubmatchIndex(src, -1) {
		text.WriteString(src[last:m[0]])
		words, id := src[m[2]:m[3]], src[m[4]:m[5]]
		start := utf8.RuneCountInString(text.String())
		text.WriteString(words)
		want = append(want, fmt.Sprintf("%d-%d %s=%s", start, start+utf8.RuneCountInString(words), words, id))
		last = m[1]
	}
	text.WriteString(src[last:])
	return text.String(), want
}

// TestGazetteerFixtures finds the names in documents written for the
// test, about other treaties, with every name they should yield marked
// in them: a name found that is not marked fails the test as much as a
// marked one not found.
func TestGazetteerFixtures(t *testing.T) {
	_, g := bundleGazetteer(t)
	files, _ := filepath.Glob(filepath.Join("testdata", "gazetteer", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			text, want := readFixture(t, f)
			ms := g.Find(text)
			checkMentions(t, text, ms)
			var got []string
			for _, m := range ms {
				got = append(got, fmt.Sprintf("%d-%d %s=%s", m.Start, m.End, m.Text, m.Entity))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("mentions (-want +got):\n%s", diff)
			}
		})
	}
}

// BenchmarkGazetteerFind finds the names in the corpus; MB/s is over the
// corpus's bytes. "warm" reuses the gazetteer's cache of words, as an
// ingest of many documents does; "cold" empties it before each pass, as
// for the first document.
func BenchmarkGazetteerFind(b *testing.B) {
	_, corpus, _ := gold.Shared(b)
	bundle, _ := bundleGazetteer(b)
	var n int64
	for _, text := range corpus {
		n += int64(len(text))
	}
	for _, cold := range []bool{false, true} {
		name := "warm"
		if cold {
			name = "cold"
		}
		b.Run(name, func(b *testing.B) {
			g := NewGazetteer(bundle.Entities)
			b.SetBytes(n)
			b.ReportAllocs()
			for b.Loop() {
				if cold {
					g.states = newStatePool()
				}
				for _, text := range corpus {
					g.Find(text)
				}
			}
		})
	}
}

func BenchmarkNewGazetteer(b *testing.B) {
	bundle, _ := bundleGazetteer(b)
	b.ReportAllocs()
	for b.Loop() {
		NewGazetteer(bundle.Entities)
	}
}

// BenchmarkSentences splits the corpus into sentences.
func BenchmarkSentences(b *testing.B) {
	overCorpus(b, func(text string) { Sentences(text, "") })
}

// overCorpus runs f on each document of the corpus in turn, as many times
// as the benchmark asks; MB/s is over the corpus's bytes.
func overCorpus(b *testing.B, f func(text string)) {
	_, corpus, _ := gold.Shared(b)
	var n int64
	for _, text := range corpus {
		n += int64(len(text))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, text := range corpus {
			f(text)
		}
	}
}

// TestGazetteerConcurrent runs Find from several goroutines (run it with
// -race): each must get what a lone call gets.
func TestGazetteerConcurrent(t *testing.T) {
	_, corpus, _ := gold.Shared(t)
	_, g := bundleGazetteer(t)
	want := map[string][]string{}
	for id, text := range corpus {
		want[id] = mentionStrings(g.Find(text))
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 3 {
				for id, text := range corpus {
					if got := mentionStrings(g.Find(text)); !slices.Equal(got, want[id]) {
						t.Errorf("%s: a concurrent Find differs", id)
					}
				}
			}
		})
	}
	wg.Wait()
}

// TestGazetteerOrderFree: the order the entities come in (a store's, a
// file's) does not change what is found.
func TestGazetteerOrderFree(t *testing.T) {
	_, corpus, _ := gold.Shared(t)
	b, g := bundleGazetteer(t)
	reversed := slices.Clone(b.Entities)
	slices.Reverse(reversed)
	r := NewGazetteer(reversed)
	for id, text := range corpus {
		want, got := g.Find(text), r.Find(text)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: file order vs reversed order (-+):\n%s", id, diff)
		}
	}
}

// TestCloseSpelling: at most one edit in three letters of the name (one
// for short names), counted in code points.
func TestCloseSpelling(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       bool
	}{
		{"qing", "qing", true},
		{"qing", "qiing", true},        // one insertion in a short name
		{"qiying", "qing", true},       // two edits, limit two
		{"kong", "chong", false},       // two edits, limit one
		{"sachalin", "sakhalin", true}, // two edits, limit two
		{"sachalin", "sahkalyn", false},
		{"амур", "амурa", true}, // Cyrillic, one Latin letter added
		{"peking", "pekin", true},
		{"a", "abc", false}, // lengths too far apart
		{"", "", true},
		{strings.Repeat("ab", 40), strings.Repeat("ab", 40) + "c", true}, // longer than the stack buffers
	} {
		if got := closeSpelling(c.name, c.text); got != c.want {
			t.Errorf("closeSpelling(%q, %q) = %v, want %v", c.name, c.text, got, c.want)
		}
	}
}

// TestWordFilter: a word put in the filter is always "perhaps"; an empty
// filter says no to every word; the sets built at init hold their words.
func TestWordFilter(t *testing.T) {
	words := []string{"", "a", "treaty", "verdrag", "договор", "条約", "ceded", "ceding", strings.Repeat("x", 300)}
	var empty, f wordFilter
	for _, w := range words {
		f.add(w)
	}
	for _, w := range words {
		if !f.mayHave(w) {
			t.Errorf("filter with %q says it has not", w)
		}
		if empty.mayHave(w) {
			t.Errorf("empty filter says it may have %q", w)
		}
	}
	for w := range allCueWords {
		if !cueWordFilter.mayHave(w) {
			t.Errorf("cueWordFilter lacks the cue word %q", w)
		}
	}
	for w := range wordRoles {
		if !wordRoleFilter.mayHave(w) {
			t.Errorf("wordRoleFilter lacks %q", w)
		}
	}
}
