package extract

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"treatyline/kb"
)

// Historians name the parties of a right by their adjectives as often as
// by their names: "Russian subjects", "Japanese trade", "les sujets
// russes", "японские подданные". A word that begins as a polity's name
// does, and goes on a few letters more ("Japan" → "Japanese", "Russia" →
// "Russian", "Japon" → "japonais", "Япония" → "японские"), names that
// polity; the names are those of the polities the extractor knows or has
// proposed, a country's in every language CLDR has.

// adjectiveParties gives the polities a sentence names by adjectives,
// with where, in code points.
func (d *docReader) adjectiveParties(s *sentence) []EntityMention {
	stems := d.x.adjectiveStems()
	var out []EntityMention
	for j, w := range s.words {
		i := s.wordAt[j]
		if utf8.RuneCountInString(w) < 5 {
			continue
		}
		nw := d.x.normalWord(w)
		if len(nw) < 4 {
			continue
		}
		cands := stems[nw[:3]]
		regionNamesOnce.Do(loadRegionNames)
		regions := regionByPrefix[nw[:3]]
		// The known polities' stems, then the countries' names of CLDR
		// (whose id is "cldr:" and the region, made only for the one
		// that matches).
		for k := range len(cands) + len(regions) {
			var st adjStem
			if k < len(cands) {
				st = cands[k]
			} else {
				st.name = regions[k-len(cands)].text
			}
			if strings.Contains(st.name, " ") || len(st.name) < 4 || nw == st.name {
				continue
			}
			cp := commonPrefix(nw, st.name)
			if cp >= max(4, len(st.name)-2) && adjectival(nw[cp:]) {
				if k >= len(cands) {
					st.id = "cldr:" + regions[k-len(cands)].region
				}
				start := s.start + utf8.RuneCountInString(s.lower[:i])
				end := start + utf8.RuneCountInString(w)
				id := st.id
				if region, ok := strings.CutPrefix(id, "cldr:"); ok {
					// A country no name of which the document has used:
					// proposed as a candidate from its adjective.
					ds := []discovered{{start: start, end: end, text: d.text(start, end), kind: kb.KindPolity, key: kb.NormalName(region), label: region,
						conf: 0.5, why: "a country named by its adjective", region: true}}
					ms := d.x.resolve(ds, d.r, func(a, b int) kb.Evidence { return d.evidence(a, b) })
					if len(ms) == 0 {
						break
					}
					id = ms[0].Entity
				}
				out = append(out, EntityMention{Start: start, End: end, Text: w, Entity: id, Kind: kb.KindPolity})
				break
			}
		}
	}
	return out
}

// adjectival tells whether what follows the name in a word is an
// adjective's ending.
func adjectival(rest string) bool {
	for _, e := range adjectiveEndings {
		if rest == e || len(rest) > len(e) && len(rest) <= len(e)+2 && strings.HasSuffix(rest, e) && len(e) >= 3 {
			return true
		}
	}
	return false
}

// adjStem is a polity's name, in normal form, that its adjective begins
// with.
type adjStem struct {
	id   string
	name string
}

// adjectiveStems gives the names of the known and proposed polities,
// made again only when a polity has been proposed since.
func (x *Extractor) adjectiveStems() map[string][]adjStem {
	n := 0
	for _, c := range x.reg.polities {
		n += len(x.reg.byID[c].Aliases)
	}
	if x.adjStems != nil && n == x.adjCount {
		return x.adjStems
	}
	var stems []adjStem
	for _, id := range slices.Sorted(maps.Keys(x.entities)) {
		e := x.entities[id]
		if e.Kind == kb.KindPolity && x.reg.byID[id] == nil {
			for _, nm := range names(e) {
				stems = append(stems, adjStem{e.ID, kb.NormalName(nm.Text)})
			}
		}
	}
	regionNamesOnce.Do(loadRegionNames)
	for _, id := range x.reg.polities {
		c := x.reg.byID[id]
		for _, a := range c.Aliases {
			stems = append(stems, adjStem{id, kb.NormalName(a.Text)})
		}
		for _, nm := range regionNames[c.Label] {
			stems = append(stems, adjStem{id, nm})
		}
	}
	byPrefix := map[string][]adjStem{}
	for _, st := range stems {
		if len(st.name) >= 4 {
			byPrefix[st.name[:3]] = append(byPrefix[st.name[:3]], st)
		}
	}
	x.adjStems, x.adjCount = byPrefix, n
	return byPrefix
}

// normalWord gives a word's normal form, remembering the commonest.
func (x *Extractor) normalWord(w string) string {
	if n, ok := x.normals[w]; ok {
		return n
	}
	n := kb.NormalName(w)
	if len(x.normals) < 1<<16 {
		if x.normals == nil {
			x.normals = map[string]string{}
		}
		// w is a piece of a document's text: a copy is kept, not the
		// text it would keep alive.
		key := strings.Clone(w)
		if n == w {
			n = key
		}
		x.normals[key] = n
	}
	return n
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// partiesOf gives the polities a sentence names, by name or adjective, in
// the order they come.
func (d *docReader) partiesOf(c *sentCtx) []string {
	ms := append(append([]EntityMention{}, c.polities...), d.adjectiveParties(c.s)...)
	sort.SliceStable(ms, func(a, b int) bool { return ms[a].Start < ms[b].Start })
	return uniqueIDs(ms)
}
