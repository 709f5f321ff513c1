package extract

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"treatyline/kb"
)

// registry holds the candidate entities an extractor has proposed, and
// those of the store it was given, by the keys of their names, so that a
// later mention of one, in any document, language or transliteration,
// resolves to it.
type registry struct {
	byID  map[string]*EntityCandidate
	byKey map[string]string // a key → the id it was first found as
	// skeletons lists each key's skeleton (see skeleton), for the
	// matching of transliterations.
	skeletons map[string][]keySkeleton // by the first two letters of the skeleton
	// first holds the first words of the keys, hanKeys the names in Han
	// or kana, for finding bare mentions.
	first   map[string]bool
	hanKeys []hanName
	// byYear lists the candidate treaties by the years they are dated.
	byYear map[int][]string
	// rejected are ids a curator rejected: not proposed again.
	rejected map[string]bool
	// knownTreaties are the known treaties by the key of the place they
	// are named after.
	knownTreaties map[string]string
	// knownKeys are the known places' and polities' names by key.
	knownKeys map[string]string
	// polities are the ids of the candidate polities, in order.
	polities []string
	// knownFirst is each known place's first key.
	knownFirst map[string]string
}

type hanName struct{ text, id string }

// keyOf gives the key a candidate is found by under one of its names.
func (g *registry) keyOf(id, name string) string {
	if c := g.byID[id]; c != nil {
		return storedKey(c.Kind, name)
	}
	return hanKey(name)
}

type keySkeleton struct {
	skel, id string
	kind     kb.Kind
}

func newRegistry() *registry {
	return &registry{byID: map[string]*EntityCandidate{}, byKey: map[string]string{}, rejected: map[string]bool{}, knownTreaties: map[string]string{}, knownKeys: map[string]string{}, knownFirst: map[string]string{},
		skeletons: map[string][]keySkeleton{}, byYear: map[int][]string{}, first: map[string]bool{}}
}

// seed makes the registry know the store's entities: candidates by their
// names, known treaties by their places, rejected ones not to propose.
// What it derives from a name (its keys) is kept in memo, when given, for
// the next registry seeded with the same names.
func (g *registry) seed(entities []kb.Entity, memo *seedMemo) {
	for _, e := range entities {
		switch {
		case e.Status == kb.Rejected:
			g.rejected[e.ID] = true
			continue
		case e.Kind == kb.KindTreaty:
			for _, n := range names(e) {
				if k := memo.keys(e.Kind, n.Text); k.treaty {
					g.knownTreaties[k.place] = e.ID
				}
			}
		}
		if e.Status != kb.Candidate {
			// A known place or polity: found by its names too, so that a
			// part of it or a gloss of it resolves to it.
			if e.Kind != kb.KindTreaty && e.Kind != kb.KindPerson && e.Kind != kb.KindEvent {
				for _, n := range names(e) {
					k := memo.keys(e.Kind, n.Text)
					if k.key == "" || g.knownKeys[k.key] != "" {
						continue
					}
					g.knownKeys[k.key] = e.ID
					if _, ok := g.knownFirst[e.ID]; !ok {
						g.knownFirst[e.ID] = k.key
					}
					g.skeletons[k.bucket] = append(g.skeletons[k.bucket], keySkeleton{k.skeleton, e.ID, e.Kind})
				}
			}
			continue
		}
		c := &EntityCandidate{ID: e.ID, Kind: e.Kind, Label: e.Label("en"), Confidence: e.Confidence, Why: e.Note, stored: true}
		for _, n := range names(e) {
			c.Aliases = append(c.Aliases, kb.Alias{Text: n.Text, Lang: n.Lang, Script: n.Script})
			g.addKey(memo.keys(e.Kind, n.Text).key, c)
			if hasHanOrKana(n.Text) && !g.hasHanName(n.Text) {
				g.hanKeys = append(g.hanKeys, hanName{n.Text, e.ID})
			}
		}
		g.byID[e.ID] = c
		if c.Kind == kb.KindPolity {
			g.polities = append(g.polities, e.ID)
		}
	}
}

// clone gives a copy of the registry that the copy's discoveries leave
// as it is: the maps copied, the candidates copied, and every slice
// clipped, so that appending to one in either reallocates it (nothing
// here writes into a slice it holds but by appending).
func (g *registry) clone() *registry {
	c := &registry{
		byID:          make(map[string]*EntityCandidate, len(g.byID)),
		byKey:         maps.Clone(g.byKey),
		skeletons:     make(map[string][]keySkeleton, len(g.skeletons)),
		first:         maps.Clone(g.first),
		hanKeys:       slices.Clip(g.hanKeys),
		byYear:        make(map[int][]string, len(g.byYear)),
		rejected:      maps.Clone(g.rejected),
		knownTreaties: maps.Clone(g.knownTreaties),
		knownKeys:     maps.Clone(g.knownKeys),
		polities:      slices.Clip(g.polities),
		knownFirst:    maps.Clone(g.knownFirst),
	}
	for id, e := range g.byID {
		e := *e
		e.Aliases, e.Evidence = slices.Clip(e.Aliases), slices.Clip(e.Evidence)
		e.Years, e.Days, e.keys = slices.Clip(e.Years), slices.Clip(e.Days), slices.Clip(e.keys)
		c.byID[id] = &e
	}
	for k, v := range g.skeletons {
		c.skeletons[k] = slices.Clip(v)
	}
	for k, v := range g.byYear {
		c.byYear[k] = slices.Clip(v)
	}
	return c
}

// seedMemo keeps what seed derives from an entity's name, which depends
// on its kind and text alone: a preview seeds a registry of its own for
// each document (Preview), which would otherwise derive the keys of every
// stored name again each time. A nil memo keeps nothing; a shared one
// (a Previewer's, read by several goroutines) is only read.
type seedMemo struct {
	known  map[seedName]seedKeys
	shared bool
}

type seedName struct {
	kind kb.Kind
	text string
}

// seedKeys are a name's keys: as a stored name (storedKey), its skeleton
// and the skeleton's bucket, and, for a treaty's name that gives a place,
// the place's key.
type seedKeys struct {
	key, skeleton, bucket string
	place                 string
	treaty                bool
}

func (m *seedMemo) keys(kind kb.Kind, text string) seedKeys {
	n := seedName{kind, text}
	if m != nil {
		if k, ok := m.known[n]; ok {
			return k
		}
	}
	var k seedKeys
	if kind == kb.KindTreaty {
		if _, place, ok := treatyPlace(text); ok {
			k.place, k.treaty = placeKey(place), true
		}
	}
	k.key = storedKey(kind, text)
	if k.key != "" {
		k.skeleton = skeleton(k.key)
		k.bucket = skeletonBucket(k.skeleton)
	}
	if m != nil && !m.shared {
		m.known[n] = k
	}
	return k
}

// storedKey gives the key a stored name is found by: a treaty's place, a
// place's name without its kind word.
func storedKey(kind kb.Kind, name string) string {
	if hasHanOrKana(name) {
		if kind == kb.KindTreaty {
			for _, s := range hanInstruments {
				if strings.HasSuffix(name, s) {
					return hanKey(strings.TrimSuffix(name, s))
				}
			}
		}
		if k := kanaToLatin(name); k != "" {
			return k
		}
		return hanKey(name)
	}
	if kind == kb.KindTreaty {
		if _, place, ok := treatyPlace(name); ok {
			return placeKey(place)
		}
	}
	words := strings.Fields(name)
	var keep []string
	for _, w := range words {
		if _, ok := placeNouns[strings.ToLower(w)]; ok {
			continue
		}
		keep = append(keep, w)
	}
	return placeKey(strings.Join(keep, " "))
}

func (g *registry) addKey(key string, c *EntityCandidate) {
	if key == "" {
		return
	}
	if _, ok := g.byKey[key]; !ok {
		g.byKey[key] = c.ID
		if f := strings.Fields(key); len(f) > 0 && c.PartOf == "" && !hasHanOrKana(key) && len(f[0]) > 2 {
			g.first[f[0]] = true
		}
		sk := skeleton(key)
		b := skeletonBucket(sk)
		g.skeletons[b] = append(g.skeletons[b], keySkeleton{sk, c.ID, c.Kind})
	}
	for _, k := range c.keys {
		if k == key {
			return
		}
	}
	c.keys = append(c.keys, key)
}

// skeleton folds a key further than kb.LooseName, for names written in
// scripts that render each other's sounds differently: Japanese and
// Russian (Polivanov) render shi as си, ch as ti; kana have no l and no
// kh; English writes ou for u. What is left is compared letter by letter.
func skeleton(key string) string {
	s := strings.ReplaceAll(kb.LooseName(key), " ", "")
	for _, r := range []struct{ from, to string }{
		{"shch", "s"}, {"sh", "s"}, {"zh", "z"}, {"ts", "s"}, {"dz", "z"}, {"th", "t"}, {"h", ""}, {"r", "l"}, {"ou", "u"}, {"x", "ks"},
		// The Palladius system writes Chinese -ong as -ун, -ng as -н:
		// Ляодун is Liaodong.
		{"ong", "un"}, {"ung", "un"}, {"ng", "n"},
	} {
		s = strings.ReplaceAll(s, r.from, r.to)
	}
	return s
}

// addYear records a year a candidate treaty is dated.
func (g *registry) addYear(c *EntityCandidate, y int) {
	if containsInt(c.Years, y) {
		return
	}
	c.Years = append(c.Years, y)
	if c.Kind == kb.KindTreaty {
		g.byYear[y] = append(g.byYear[y], c.ID)
	}
}

// skeletonBucket gives the first two letters of a skeleton: names that
// are one name transliterated begin alike.
func skeletonBucket(sk string) string {
	r := []rune(sk)
	return string(r[:min(2, len(r))])
}

// sameTransliterated tells whether two skeletons are one name written
// differently: one is the other with up to two letters more at its end
// (Sakhalin and Sakhaline, Kuril and Kurilen, Симоносек and Shimonoseki),
// or they differ by one letter in six.
func sameTransliterated(a, b string) bool {
	if len([]rune(a)) < 4 || len([]rune(b)) < 4 {
		return a == b
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len([]rune(a)) >= 5 && strings.HasPrefix(b, a) && len([]rune(b))-len([]rune(a)) <= 2 {
		return true
	}
	return closeSpelling(a, b) && editDistanceWithin(a, b, max(1, len([]rune(a))/6))
}

// editDistanceWithin tells whether the Levenshtein distance of a and b is
// at most limit.
func editDistanceWithin(a, b string, limit int) bool {
	ra, rb := []rune(a), []rune(b)
	row := make([]int, len(rb)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			next := min(row[j]+1, row[j-1]+1, diag+cost)
			diag, row[j] = row[j], next
		}
	}
	return row[len(rb)] <= limit
}

// kindsMeet tells whether a name of kind a may be the entity of kind b:
// the same kind, or a country's name and a land (Taiwan is both).
func kindsMeet(a, b kb.Kind) bool {
	land := func(k kb.Kind) bool { return k == kb.KindPolity || k == kb.KindTerritory || k == kb.KindRegion }
	return a == b || land(a) && land(b)
}

// lookup finds the candidate a name resolves to, and why it does when
// not by the same name.
func (g *registry) lookup(d *discovered) (string, string) {
	if id, ok := g.byKey[d.key]; ok && g.byID[id] != nil && kindsMeet(g.byID[id].Kind, d.kind) {
		return id, ""
	}
	if id, ok := g.knownKeys[d.key]; ok && d.kind != kb.KindTreaty && d.kind != kb.KindPerson {
		return id, ""
	}
	if !d.translit {
		return "", ""
	}
	sk := skeleton(d.key)
	for _, s := range g.skeletons[skeletonBucket(sk)] {
		if g.byID[s.id] == nil && (d.kind == kb.KindTreaty || d.kind == kb.KindPerson) {
			continue // known treaties go by their places and years
		}
		if kindsMeet(s.kind, d.kind) && sameTransliterated(s.skel, sk) {
			return s.id, "same name transliterated"
		}
	}
	return "", ""
}

// newID makes a candidate's id from its kind and key: "treaty/shimonoseki",
// "territory/sakhalin", "treaty/下关". Another candidate with the id
// already gets a number.
func (g *registry) newID(kind kb.Kind, key string) string {
	var b strings.Builder
	dash := false
	for _, r := range key {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	slug := strings.TrimSuffix(b.String(), "-")
	if slug == "" {
		slug = "unnamed"
	}
	id := string(kind) + "/" + slug
	for n := 2; g.byID[id] != nil && !g.hasKey(id, key); n++ {
		id = fmt.Sprintf("%s/%s-%d", kind, slug, n)
	}
	return id
}

func (g *registry) hasKey(id, key string) bool {
	for _, k := range g.byID[id].keys {
		if k == key {
			return true
		}
	}
	return false
}

// kindOf gives the kind of a candidate or known entity.
func (x *Extractor) kindOf(id string) kb.Kind {
	if c := x.reg.byID[id]; c != nil {
		return c.Kind
	}
	return x.entities[id].Kind
}

// scriptOf gives the ISO 15924 code of the script a name is written in.
func scriptOf(s string) string {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			return "Jpan"
		case unicode.Is(unicode.Han, r):
			return "Hani"
		case unicode.Is(unicode.Cyrillic, r):
			return "Cyrl"
		case unicode.Is(unicode.Latin, r):
			return "Latn"
		}
	}
	return ""
}

// resolve gives the entity each discovered name is a mention of, making
// candidates for the new ones, and adds the mentions to the result.
func (x *Extractor) resolve(ds []discovered, r *Result, ev func(start, end int) kb.Evidence) []EntityMention {
	g := x.reg
	ids := make([]string, len(ds))
	touched := map[string]bool{}
	var out []EntityMention
	// A name and its gloss are one entity: the one either resolves to.
	for k := range ds {
		if i := ds[k].glossOf - 1; i >= 0 && ds[i].known == "" {
			id, _ := g.lookup(&ds[i])
			if id == "" {
				id, _ = g.lookup(&ds[k])
			}
			ds[i].preset, ds[k].preset = id, id
			if id != "" && !kindsMeet(x.kindOf(id), ds[i].kind) {
				ds[i].preset, ds[k].preset = "", ""
			}
			if ds[k].known == "" && id != "" && !ds[i].kindSure {
				ds[i].kind = x.kindOf(id)
			}
		}
	}
	// Names in a gloss pair first, so that the pair's key is known to the
	// other mentions of either form.
	order := make([]int, 0, len(ds))
	inPair := make([]bool, len(ds))
	for k := range ds {
		if g := ds[k].glossOf; g > 0 {
			inPair[k], inPair[g-1] = true, true
		}
	}
	for k := range ds {
		if inPair[k] {
			order = append(order, k)
		}
	}
	for k := range ds {
		if !inPair[k] {
			order = append(order, k)
		}
	}
	for _, i := range order {
		d := &ds[i]
		id, why := "", ""
		switch {
		case d.known != "":
			id = d.known
		case d.preset != "":
			id, why = d.preset, "a gloss in brackets"
		case d.glossOf > 0 && ids[d.glossOf-1] != "":
			id, why = ids[d.glossOf-1], "a gloss in brackets"
		}
		if id == "" {
			if d.kind == kb.KindTreaty && !d.replaces {
				if k, ok := g.knownTreaties[d.key]; ok {
					id = k
				}
			}
		}
		if id == "" {
			id, why = g.lookup(d)
		}
		if x.entities[id].ID != "" && g.byID[id] == nil {
			// A known entity: a mention of it, no candidate.
			if hasHanOrKana(d.text) && !g.hasHanName(d.text) && utf8.RuneCountInString(d.text) >= 2 && d.kind != kb.KindTreaty {
				g.hanKeys = append(g.hanKeys, hanName{d.text, id})
			}
			ids[i] = id
			out = append(out, EntityMention{Start: d.start, End: d.end, Text: d.text, Entity: id, Kind: x.entities[id].Kind, Matched: d.text, Score: d.conf})
			continue
		}
		c := g.byID[id]
		if c == nil {
			id = g.newID(d.kind, d.key)
			if d.replaces && d.year != 0 && !strings.HasSuffix(id, "-"+strconv.Itoa(d.year)) {
				id = g.newID(d.kind, d.key)
			}
			if g.rejected[id] {
				continue
			}
			c = &EntityCandidate{ID: id, Kind: d.kind, Label: d.label, Lang: langOfName(d.label, r.Lang), Confidence: d.conf, Why: d.why}
			if d.partOf != "" {
				land := discovered{start: d.placeStart, end: d.placeEnd, text: d.placeLabel, kind: kb.KindTerritory, key: d.partOf, label: d.placeLabel,
					conf: d.conf, why: "a land a part of which is named", translit: true}
				if ms := x.resolve([]discovered{land}, r, ev); len(ms) > 0 {
					c.PartOf = ms[0].Entity
				}
			}
			g.byID[id] = c
			if c.Kind == kb.KindPolity {
				g.polities = append(g.polities, id)
			}
		} else if why != "" && !strings.Contains(c.Why, why) {
			c.Why += "; " + why + ": " + d.text
		}
		if g.rejected[id] {
			continue
		}
		g.addKey(d.key, c)
		if d.kindSure && c.Confidence < d.conf {
			c.Confidence = d.conf
		}
		if d.year != 0 {
			g.addYear(c, d.year)
		}
		alias := kb.Alias{Text: d.text, Lang: langOfName(d.text, r.Lang), Script: scriptOf(d.text)}
		if hasHanOrKana(d.text) && !g.hasHanName(d.text) && utf8.RuneCountInString(d.text) >= 2 {
			g.hanKeys = append(g.hanKeys, hanName{d.text, id})
		}
		if d.region || d.label != d.text && d.kind == kb.KindTreaty && !hasHanOrKana(d.text) && !isCyrillicWord(strings.ToLower(d.text)) {
			alias.Text = d.text
		}
		if c.addAlias(alias) {
			touched[id] = true
		}
		if len(c.Evidence) < 3 || !touched[id] && len(c.Evidence) < 6 {
			c.Evidence = append(c.Evidence, ev(d.start, d.end))
			touched[id] = true
		}
		ids[i] = id
		out = append(out, EntityMention{Start: d.start, End: d.end, Text: d.text, Entity: id, Kind: c.Kind, Matched: d.text, Score: d.conf})
		if !containsString(r.docCandidates, id) {
			r.docCandidates = append(r.docCandidates, id)
		}
	}
	for id := range touched {
		g.byID[id].dirty = true
	}
	return out
}

func sharesString(a, b []string) bool {
	for _, x := range a {
		if containsString(b, x) {
			return true
		}
	}
	return false
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// langOfName gives the language of a name: the document's, unless the
// name is in another script than the document's language writes.
func langOfName(name, doc string) string {
	switch scriptOf(name) {
	case "Cyrl":
		return "ru"
	case "Jpan":
		return "ja"
	case "Hani":
		if doc == "ja" {
			return "ja"
		}
		return "zh"
	case "Latn":
		if doc == "ru" || doc == "zh" || doc == "ja" {
			return ""
		}
	}
	return doc
}

func (g *registry) hasHanName(s string) bool {
	for _, h := range g.hanKeys {
		if h.text == s {
			return true
		}
	}
	return false
}

// addAlias adds a form, reporting whether it was new.
func (c *EntityCandidate) addAlias(a kb.Alias) bool {
	for _, x := range c.Aliases {
		if x.Text == a.Text {
			return false
		}
	}
	c.Aliases = append(c.Aliases, a)
	return true
}

// mergeSuggestions offers the candidates of a document for merging with
// others that likely are the same: two treaties signed in the same year
// under different names (a treaty is named after its place in one
// language and otherwise in another: 馬關條約 and the Treaty of
// Shimonoseki), two names alike in their letters.
func (g *registry) mergeSuggestions(ids []string, known func(string) []int) []MergeSuggestion {
	var out []MergeSuggestion
	seen := map[[2]string]bool{}
	addPair := func(a, b, why string) {
		if a == b {
			return
		}
		if a > b {
			a, b = b, a
		}
		if seen[[2]string{a, b}] {
			return
		}
		seen[[2]string{a, b}] = true
		out = append(out, MergeSuggestion{Entities: [2]string{a, b}, Reason: why})
	}
	for _, id := range ids {
		c := g.byID[id]
		if c == nil {
			continue
		}
		if c.Kind == kb.KindTreaty {
			for _, y := range known(id) {
				for _, o := range g.byYear[y] {
					// Signed on different days: two treaties of a year.
					if oc := g.byID[o]; oc != nil && len(c.Days) > 0 && len(oc.Days) > 0 && !sharesString(c.Days, oc.Days) {
						continue
					}
					if o != id && containsInt(known(o), y) {
						addPair(id, o, fmt.Sprintf("same treaty named by place and year: both signed or dated %d", y))
					}
				}
			}
		}
		if c.PartOf != "" {
			continue
		}
		for _, k := range c.keys {
			sk := skeleton(k)
			for _, o := range g.skeletons[skeletonBucket(sk)] {
				oc := g.byID[o.id]
				if o.id == id || oc == nil || oc.Kind != c.Kind || oc.PartOf != "" {
					continue
				}
				if kb.NameSimilarity(sk, o.skel) >= 0.45 {
					addPair(id, o.id, fmt.Sprintf("names alike: %q and %q", k, o.skel))
				}
			}
		}
	}
	return out
}

// discoverEntities finds the names of entities the knowledge base does
// not know, resolves them to candidates, and puts their mentions among
// the document's, in order. A known treaty's mention that a discovered
// name replaces (another treaty of the same place) is dropped.
func (x *Extractor) discoverEntities(src kb.Source, w *excerpt, r *Result) {
	runes := w.runes
	// The words are read into the extractor's buffer, reused from one
	// document to the next.
	toks, buf := discoverTokens(src.Text, x.toks, x.lowerBuf)
	x.lowerBuf = buf
	defer func() {
		clear(toks) // not to keep the text alive
		x.toks = toks[:0]
	}()
	ds := x.discover(runes, toks, r.Entities)
	ev := func(start, end int) kb.Evidence { return w.evidence(src, start, end) }
	ms := x.resolve(ds, r, ev)
	have := mergeByStart(spansOf(r.Entities), spansOf(ms), func(s span) int { return s.start })
	if bare := x.bareMentions(runes, toks, have); len(bare) > 0 {
		ms = append(ms, x.resolve(bare, r, ev)...)
	}
	if len(ms) == 0 {
		return
	}
	var replaced [][2]int
	for _, d := range ds {
		if d.replaces {
			replaced = append(replaced, [2]int{d.start, d.end})
		}
	}
	// The gazetteer's mentions are this document's own: those kept are
	// moved down in place.
	all := r.Entities[:0]
	for _, m := range r.Entities {
		drop := false
		for _, sp := range replaced {
			drop = drop || m.Start < sp[1] && m.End > sp[0]
		}
		if !drop {
			all = append(all, m)
		}
	}
	clear(r.Entities[len(all):])
	r.Entities = mergeByStart(all, ms, func(m EntityMention) int { return m.Start })
}

// span is where a mention starts and ends.
type span struct{ start, end int }

// spansOf gives the spans of mentions.
func spansOf(ms []EntityMention) []span {
	out := make([]span, len(ms))
	for i, m := range ms {
		out[i] = span{m.Start, m.End}
	}
	return out
}

// mergeByStart gives a new slice of the values of a and then b, sorted
// stably by their start, as sort.SliceStable would: when a and b are
// each in order already, as they usually are, by merging them, without
// the sort's moves of large values.
func mergeByStart[T any](a, b []T, start func(T) int) []T {
	out := make([]T, 0, len(a)+len(b))
	byStart := func(x, y T) int { return cmp.Compare(start(x), start(y)) }
	if !slices.IsSortedFunc(a, byStart) || !slices.IsSortedFunc(b, byStart) {
		out = append(append(out, a...), b...)
		slices.SortStableFunc(out, byStart)
		return out
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		// On equal starts a's comes first, as in a stable sort of a
		// then b.
		if start(b[j]) < start(a[i]) {
			out = append(out, b[j])
			j++
		} else {
			out = append(out, a[i])
			i++
		}
	}
	out = append(append(out, a[i:]...), b[j:]...)
	return out
}

// finishEntities lists the document's candidate entities in the result,
// with what the document added to them, and the merges they suggest.
func (x *Extractor) finishEntities(r *Result) {
	r.NewEntities = []EntityCandidate{}
	for _, id := range r.docCandidates {
		c := x.reg.byID[id]
		if c == nil {
			continue
		}
		if c.dirty || !c.stored {
			r.NewEntities = append(r.NewEntities, *c)
		}
		c.dirty = false
		c.stored = true
	}
	r.Merges = x.reg.mergeSuggestions(r.docCandidates, x.knownYears)
}

// names gives an entity's names as kb.Entity.Names does, but in one order
// whatever the run: its labels by language, then its aliases. Names
// ranges over the labels' map, whose order Go varies from run to run, and
// the readers here keep the first of two names that meet (a known land's
// first key, the first polity a word begins as).
func names(e kb.Entity) []kb.Alias {
	out := e.Names()
	n := len(e.Labels)
	slices.SortFunc(out[:n], func(a, b kb.Alias) int { return strings.Compare(a.Lang, b.Lang) })
	return out
}
