package extract

import (
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
	type stem struct {
		id   string
		name string
	}
	var stems []stem
	for _, e := range d.x.entities {
		if e.Kind == kb.KindPolity {
			for _, n := range e.Names() {
				stems = append(stems, stem{e.ID, kb.NormalName(n.Text)})
			}
		}
	}
	for id, c := range d.x.reg.byID {
		if c.Kind != kb.KindPolity {
			continue
		}
		for _, a := range c.Aliases {
			stems = append(stems, stem{id, kb.NormalName(a.Text)})
		}
		regionNamesOnce.Do(loadRegionNames)
		for _, n := range regionNames[c.Label] {
			stems = append(stems, stem{id, n})
		}
	}
	var out []EntityMention
	off := 0
	for _, w := range s.words {
		i := strings.Index(s.lower[off:], w) + off
		off = i + len(w)
		if utf8.RuneCountInString(w) < 5 {
			continue
		}
		nw := kb.NormalName(w)
		if len(nw) >= 3 {
			regionNamesOnce.Do(loadRegionNames)
			for _, rn := range regionByPrefix[nw[:3]] {
				stems = append(stems, stem{"cldr:" + rn.region, rn.text})
			}
		}
		for _, st := range stems {
			if strings.Contains(st.name, " ") || len(st.name) < 4 || nw == st.name {
				continue
			}
			cp := commonPrefix(nw, st.name)
			if cp >= max(4, len(st.name)-2) && adjectival(nw[cp:]) {
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
