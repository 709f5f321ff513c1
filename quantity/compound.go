package quantity

import "slices"

// Dutch and German write numbers below a million as one word:
// "tweehonderdvijftigduizend", "einundzwanzig". compoundLang holds the
// pieces such words are made of; parseCompound reads them.
type compoundLang struct {
	langs    langMask
	units    []morpheme // 1..9
	teens    []morpheme // 10..19
	tens     []morpheme // 20..90
	conns    []string   // "en" in "eenentwintig"
	hundred  string
	thousand string
	plurals  []morpheme // "duizenden": the multiplier of a plural compound

	// Indexes built by init, so that the many words that are not numbers
	// are turned down after a byte or two.
	units1  [256][]morpheme // units by first byte
	others1 [256][]morpheme // teens and tens by first byte
	starts  []uint16        // first two bytes of any piece
	ends    []uint16        // last two bytes of any piece that can end a word
}

func init() {
	for _, cl := range compoundLangs {
		for _, u := range cl.units {
			cl.units1[u.s[0]] = append(cl.units1[u.s[0]], u)
		}
		for _, list := range [][]morpheme{cl.teens, cl.tens} {
			for _, t := range list {
				cl.others1[t.s[0]] = append(cl.others1[t.s[0]], t)
			}
		}
		all := append(append(append([]morpheme{}, cl.units...), cl.teens...), cl.tens...)
		all = append(all, morpheme{cl.hundred, 100}, morpheme{cl.thousand, 1000})
		all = append(all, cl.plurals...)
		for _, m := range all {
			start := uint16(m.s[0])<<8 | uint16(m.s[1])
			if !slices.Contains(cl.starts, start) {
				cl.starts = append(cl.starts, start)
			}
			end := uint16(m.s[len(m.s)-2])<<8 | uint16(m.s[len(m.s)-1])
			found := false
			for _, e := range cl.ends {
				found = found || e == end
			}
			if !found {
				cl.ends = append(cl.ends, end)
			}
		}
	}
}

// maybe is the quick test: a compound starts and ends with a piece.
func (cl *compoundLang) maybe(b []byte) bool {
	if len(b) < 4 || !slices.Contains(cl.starts, uint16(b[0])<<8|uint16(b[1])) {
		return false
	}
	return slices.Contains(cl.ends, uint16(b[len(b)-2])<<8|uint16(b[len(b)-1]))
}

type morpheme struct {
	s string
	v float64
}

var compoundLangs = []*compoundLang{
	{
		langs: langNL,
		units: []morpheme{{"een", 1}, {"één", 1}, {"twee", 2}, {"drie", 3}, {"vier", 4}, {"vijf", 5},
			{"zes", 6}, {"zeven", 7}, {"acht", 8}, {"negen", 9}},
		teens: []morpheme{{"tien", 10}, {"elf", 11}, {"twaalf", 12}, {"dertien", 13}, {"veertien", 14},
			{"vijftien", 15}, {"zestien", 16}, {"zeventien", 17}, {"achttien", 18}, {"negentien", 19}},
		tens: []morpheme{{"twintig", 20}, {"dertig", 30}, {"veertig", 40}, {"vijftig", 50},
			{"zestig", 60}, {"zeventig", 70}, {"tachtig", 80}, {"negentig", 90}},
		conns:    []string{"en", "ën"},
		hundred:  "honderd",
		thousand: "duizend",
		plurals:  []morpheme{{"duizenden", 1e3}, {"honderden", 100}},
	},
	{
		langs: langDE,
		units: []morpheme{{"ein", 1}, {"eins", 1}, {"zwei", 2}, {"drei", 3}, {"vier", 4}, {"fünf", 5},
			{"sechs", 6}, {"sieben", 7}, {"acht", 8}, {"neun", 9}},
		teens: []morpheme{{"zehn", 10}, {"elf", 11}, {"zwölf", 12}, {"dreizehn", 13}, {"vierzehn", 14},
			{"fünfzehn", 15}, {"sechzehn", 16}, {"siebzehn", 17}, {"achtzehn", 18}, {"neunzehn", 19}},
		tens: []morpheme{{"zwanzig", 20}, {"dreißig", 30}, {"dreissig", 30}, {"vierzig", 40}, {"fünfzig", 50},
			{"sechzig", 60}, {"siebzig", 70}, {"achtzig", 80}, {"neunzig", 90}},
		conns:    []string{"und"},
		hundred:  "hundert",
		thousand: "tausend",
		plurals:  []morpheme{{"tausende", 1e3}, {"hunderte", 100}},
	},
}

func hasPrefix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[:len(s)]) == s
}

func hasSuffix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[len(b)-len(s):]) == s
}

// parseCompound reads a lower-cased word as a compound number of one of
// langs. A plural compound ("tienduizenden", "Zehntausende") is vague: its
// multiplier comes back in plural, and only 10 and 100 may precede the
// plural word.
func parseCompound(b []byte, langs langMask) (val, plural float64, thousand, ok bool) {
	for _, cl := range compoundLangs {
		if cl.langs&langs == 0 || !cl.maybe(b) {
			continue
		}
		for _, p := range cl.plurals {
			if hasSuffix(b, p.s) && len(b) > len(p.s) {
				v, _, pieces, ok := cl.number(b[:len(b)-len(p.s)])
				if ok && pieces == 1 && (v == 10 || v == 100) {
					return 0, v * p.v, false, true
				}
			}
		}
		v, th, pieces, ok := cl.number(b)
		if ok && pieces >= 2 {
			return v, 0, th, true
		}
	}
	return 0, 0, false, false
}

// number reads the whole of b: [below1000] thousand [below1000] | below1000.
func (cl *compoundLang) number(b []byte) (v float64, thousand bool, pieces int, ok bool) {
	v1, rest, p1 := cl.below1000(b)
	if hasPrefix(rest, cl.thousand) {
		if v1 == 0 {
			v1 = 1
		}
		v2, rest2, p2 := cl.below1000(rest[len(cl.thousand):])
		if len(rest2) != 0 {
			return 0, false, 0, false
		}
		return v1*1000 + v2, true, p1 + 1 + p2, true
	}
	if len(rest) != 0 || p1 == 0 {
		return 0, false, 0, false
	}
	return v1, false, p1, true
}

// below1000 reads [below100] hundred [below100] | below100 from the front
// of b, returning what is left.
func (cl *compoundLang) below1000(b []byte) (float64, []byte, int) {
	v, rest, p := cl.below100(b)
	if hasPrefix(rest, cl.hundred) {
		if v == 0 {
			v = 1
		}
		v2, rest2, p2 := cl.below100(rest[len(cl.hundred):])
		return v*100 + v2, rest2, p + 1 + p2
	}
	return v, rest, p
}

// below100 reads the longest of: unit connector tens, teen, tens, unit.
func (cl *compoundLang) below100(b []byte) (float64, []byte, int) {
	best, bestLen, pieces := 0.0, 0, 0
	if len(b) == 0 {
		return 0, b, 0
	}
	for _, u := range cl.units1[b[0]] {
		if !hasPrefix(b, u.s) {
			continue
		}
		if len(u.s) > bestLen {
			best, bestLen, pieces = u.v, len(u.s), 1
		}
		for _, c := range cl.conns {
			if !hasPrefix(b[len(u.s):], c) {
				continue
			}
			for _, t := range cl.tens {
				if n := len(u.s) + len(c) + len(t.s); hasPrefix(b[len(u.s)+len(c):], t.s) && n > bestLen {
					best, bestLen, pieces = u.v+t.v, n, 3
				}
			}
		}
	}
	for _, t := range cl.others1[b[0]] {
		if hasPrefix(b, t.s) && len(t.s) > bestLen {
			best, bestLen, pieces = t.v, len(t.s), 1
		}
	}
	return best, b[bestLen:], pieces
}
