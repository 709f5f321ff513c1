package quantity

import (
	"math"
	"strings"
)

// scaleAbbreviations are scale words written short, with a point after
// them that belongs to the amount.
var scaleAbbreviations = map[string]bool{"тыс": true, "млн": true, "млрд": true}

// maxValue bounds every figure, so that conversions and bounds stay finite.
const maxValue = 1e18

// matcher reads quantities from a token slice. Parse and Find share it, so
// a span that Find reports reads the same when given to Parse.
type matcher struct {
	text  string
	toks  []token
	langs langMask
	parse bool // Parse, not Find: the end of the input ends the quantity
}

// amount is a figure before its unit: a numeral, a number in words, or a
// vague amount such as "tens of thousands".
type amount struct {
	val, lo, hi float64 // lo and hi only for vague amounts
	end         int     // token after the amount
	vague       bool
	digits      bool    // written with digits
	grouped     bool    // with thousands separators
	decimal     bool    // with decimals or a fraction
	big         bool    // with a scale word of a thousand or more
	scale       float64 // product of the scale words after a numeral
	intDigits   int
}

// yearLike reports a plain four-digit integer that could be a year.
func (a *amount) yearLike() bool {
	return a.digits && !a.grouped && !a.decimal && a.scale == 1 && a.intDigits == 4 && a.val >= 1000 && a.val < 2200
}

// smallWord reports a small number spelled out: "three", "twaalf".
func (a *amount) smallWord() bool {
	return !a.digits && !a.vague && !a.big && a.val < 100
}

// result is one matched quantity, as token indexes and parts.
type result struct {
	start, end       int
	prefix           prefixKind
	a, b             amount
	isRange          bool
	unit             *unitDef
	unitStart        int
	unitEnd          int
	alt              *result
	altInheritsBound bool
}

// failure says where a match stopped and why; the zero failure means
// the match succeeded. It is a value, so that failed attempts in Find
// allocate nothing.
type failure struct {
	at  int    // token index; len(toks) for the end of the input
	msg string // "" for success
}

func (f failure) failed() bool { return f.msg != "" }

// msgUnknownUnit is completed with the word by Parse.
const msgUnknownUnit = "unknown unit"

func (m *matcher) tok(k int) *token {
	if k < 0 || k >= len(m.toks) {
		return nil
	}
	return &m.toks[k]
}

// phraseAt matches p at token j and returns the token after it.
func (m *matcher) phraseAt(p *phrase, j int) (int, bool) {
	k := j
	for idx, el := range p.elems {
		t := m.tok(k)
		if p.opt[idx] {
			if t != nil && t.lex == el && (idx < len(p.elems)-1 || m.periodBelongs(k)) {
				k++
			}
			continue
		}
		if t == nil || t.lex != el || t.kind == tkBreak {
			return j, false
		}
		k++
	}
	return k, true
}

// periodBelongs decides whether the "." at token k ends an abbreviation
// or a sentence: before a capitalised word or a blank line it is the
// sentence's.
func (m *matcher) periodBelongs(k int) bool {
	t := m.tok(k + 1)
	if t == nil {
		return m.parse // at the end of a text, a sentence's
	}
	if t.kind == tkBreak || t.kind == tkWord && t.upper {
		return false
	}
	return true
}

// longest returns the longest phrase of cat that matches at token j.
func (m *matcher) longest(j int, cat int) (*phrase, int) {
	t := m.tok(j)
	if t == nil || t.lex == nil {
		return nil, j
	}
	var best *phrase
	end := j
	for _, p := range t.lex.phrases[cat] {
		if p.langs&m.langs == 0 {
			continue
		}
		if k, ok := m.phraseAt(p, j); ok && k > end {
			best, end = p, k
		}
	}
	return best, end
}

func (m *matcher) numRole(k int) (numKind, float64) {
	t := m.tok(k)
	if t == nil || t.kind != tkWord {
		return nkNone, 0
	}
	if t.wkind == nkCompound && t.plural == 0 {
		return nkCompound, t.val
	}
	if e := t.lex; e != nil && e.numLangs&m.langs != 0 {
		return e.numKind, e.numVal
	}
	return nkNone, 0
}

func (m *matcher) pluralRole(k int) (base, minF, maxF float64, ok bool) {
	t := m.tok(k)
	if t == nil || t.kind != tkWord {
		return 0, 0, 0, false
	}
	if t.plural > 0 {
		return t.plural, 1, 10, true
	}
	if e := t.lex; e != nil && e.pluralLangs&m.langs != 0 {
		return e.pluralBase, e.pluralMinF, e.pluralMaxF, true
	}
	return 0, 0, 0, false
}

// canStart is the cheap test Find applies before trying a match.
func (m *matcher) canStart(k int) bool {
	t := &m.toks[k]
	switch t.kind {
	case tkNum, tkFrac:
		return true
	case tkWord:
		if t.wkind == nkCompound {
			return true
		}
	}
	return t.lex != nil && t.lex.startLangs&m.langs != 0
}

// vague reads "tens of thousands", "thousands", "duizenden", "several
// thousand", "enkele duizenden", "des milliers". A plural multiplier word
// spans [base, 10·base−1]; a chain "tens of thousands" multiplies the
// bases; "several"/"a few"/"enkele" raise the minimum to twice the base.
func (m *matcher) vague(j int) (amount, bool) {
	var a amount
	k := j
	if t := m.tok(k); t != nil && t.lex != nil && t.lex.vagueArt&m.langs != 0 {
		if _, _, _, ok := m.pluralRole(k + 1); ok {
			k++
		}
	}
	few := false
	if p, e := m.longest(k, catFew); p != nil {
		few = true
		k = e
	}
	base, minF, maxF := 1.0, 1.0, 10.0
	got := false
	if few {
		for {
			kind, v := m.numRole(k)
			if kind != nkScale && kind != nkHundred {
				break
			}
			base *= v
			got = true
			k++
		}
	}
	if b, mi, ma, ok := m.pluralRole(k); ok {
		base *= b
		minF, maxF = mi, ma
		got = true
		k++
		for {
			p, e := m.longest(k, catOf)
			if p == nil {
				break
			}
			b2, _, _, ok := m.pluralRole(e)
			if !ok {
				break
			}
			base *= b2
			k = e + 1
		}
	}
	if !got || base > maxValue/10 {
		return a, false
	}
	if few && minF < 2 {
		minF = 2
	}
	a.vague = true
	a.lo = base * minF
	a.hi = base * maxF
	if a.hi >= 10 {
		a.hi--
	}
	a.val = math.Round(math.Sqrt(a.lo * (a.hi + 1)))
	a.val = math.Min(math.Max(a.val, a.lo), a.hi)
	a.scale = 1
	a.big = base >= 1000
	a.end = k
	return a, true
}

// number reads a numeral with its fraction and scale words ("1.5
// million", "250 duizend", "2½") or a number in words.
func (m *matcher) number(j int) (amount, failure) {
	a := amount{scale: 1}
	t := m.tok(j)
	if t == nil {
		return a, failure{j, "expected a number"}
	}
	k := j + 1
	switch t.kind {
	case tkNum:
		a.val, a.digits, a.grouped, a.decimal, a.intDigits = t.val, true, t.grouped, t.decimal, int(t.intDigits)
		if n := m.tok(k); n != nil && n.kind == tkWord && !n.spaceBefore {
			// "600km" is fine; "19th", "1840s", "15e" are not amounts.
			if p, _ := m.longest(k, catUnit); p == nil {
				return a, failure{k, msgUnknownUnit}
			}
		}
		if n := m.tok(k); n != nil && n.kind == tkFrac && !a.decimal {
			a.val += n.val
			a.decimal = true
			k++
		} else if v, e, ok := m.slashFraction(k); ok && !a.decimal && !a.grouped {
			a.val += v
			a.decimal = true
			k = e
		} else if v, e, ok := m.slashFraction(j); ok {
			a.val = v // "1/2" on its own
			a.decimal = true
			k = e
		}
	case tkFrac:
		a.val, a.digits, a.decimal = t.val, true, true
	case tkWord:
		return m.words(j)
	default:
		return a, failure{j, "not a number"}
	}
	for {
		kind, v := m.numRole(k)
		if kind == nkScale {
			a.val *= v
			a.scale *= v
			a.big = a.big || v >= 1000
			if t := m.tok(k); scaleAbbreviations[strings.ToLower(m.text[t.start:t.end])] {
				if d := m.tok(k + 1); d != nil && d.kind == tkSym && m.text[d.start:d.end] == "." && !d.spaceBefore {
					k++ // "600 тыс. кв. км": the abbreviation's point
				}
			}
		} else if kind == nkHundred && a.scale == 1 && a.val < 100 && !a.grouped {
			a.val *= v
			a.scale *= v
		} else {
			break
		}
		k++
	}
	// French puts "de" between a million or more and the unit: "200
	// millions de francs".
	if t := m.tok(k); a.scale >= 1e6 && t != nil && t.kind == tkWord && m.langs&langFR != 0 &&
		strings.EqualFold(m.text[t.start:t.end], "de") {
		if u, _ := m.unitAt(k + 1); u != nil {
			k++
		}
	}
	a.end = k
	if math.IsInf(a.val, 0) || a.val > maxValue {
		return a, failure{j, "number too large"}
	}
	return a, failure{}
}

// slashFraction reads "1/2" at token k: halves, thirds, quarters and
// eighths only, so that "1727/28" stays apart.
func (m *matcher) slashFraction(k int) (float64, int, bool) {
	n, s, d := m.tok(k), m.tok(k+1), m.tok(k+2)
	if n == nil || s == nil || d == nil || n.kind != tkNum || s.lex != lex.slash || d.kind != tkNum {
		return 0, k, false
	}
	if n.decimal || d.decimal || n.grouped || d.grouped || s.spaceBefore || d.spaceBefore {
		return 0, k, false
	}
	switch d.val {
	case 2, 3, 4, 8:
		if n.val >= 1 && n.val < d.val {
			return n.val / d.val, k + 3, true
		}
	}
	return 0, k, false
}

// words reads a number written in words: "twelve", "one million", "two
// hundred and fifty thousand", "negen miljoen", "tweehonderdvijftig",
// "quatre-vingt-dix", "half a million".
func (m *matcher) words(j int) (amount, failure) {
	a := amount{scale: 1}
	if p, e := m.longest(j, catHalf); p != nil {
		if kind, v := m.numRole(e); kind == nkScale {
			a.val, a.big, a.end = p.val*v, v >= 1000, e+1
			return a, failure{}
		}
	}
	total, chunk, sub := 0.0, 0.0, 0.0
	last, lastVal := nkNone, 0.0
	any, afterConn := false, false
	end := j
	k := j
loop:
	for ; k < len(m.toks); k++ {
		kind, v := m.numRole(k)
		if kind == nkArticle && afterConn {
			kind = nkSmall // "vingt et un"
		}
		switch kind {
		case nkArticle:
			// "a" and "een" are one only before hundred, thousand, ...
			nk, _ := m.numRole(k + 1)
			if any || (nk != nkHundred && nk != nkScale && nk != nkDozen) {
				break loop
			}
			chunk, sub = 1, 1
		case nkSmall:
			switch {
			case !any || last == nkHundred || last == nkScale || last == nkDozen:
				chunk += v
				sub = v
			case last == nkSmall && lastVal == 4 && sub == 4 && v == 20 && m.langs&langFR != 0:
				chunk += 76 // quatre-vingt
				sub = 80
			case last == nkSmall && m.combines(sub, lastVal, v):
				chunk += v
				sub += v
			default:
				break loop
			}
		case nkCompound:
			if any && last != nkScale {
				break loop
			}
			chunk += v
			sub = v
			a.big = a.big || m.toks[k].thousand
		case nkHundred, nkDozen:
			switch {
			case !any:
				chunk = v
			case (last == nkSmall || last == nkArticle) && chunk < 100 && chunk == sub:
				chunk *= v
			default:
				break loop
			}
			sub = 0
		case nkScale:
			switch {
			case chunk > 0:
				total += chunk * v
			case !any && v == 1000:
				total = v // "mille", "duizend", "tausend" on their own
			case last == nkScale && total > 0 && total < v:
				total *= v // "thousand million"
			default:
				break loop
			}
			chunk, sub = 0, 0
			a.big = a.big || v >= 1000
		case nkConnector:
			if !any || afterConn || !m.connects(k, last, sub) {
				break loop
			}
			afterConn = true
			continue
		default:
			// a hyphen inside "twenty-five" or "quatre-vingt-dix"
			if t := &m.toks[k]; any && t.kind == tkSym && t.lex != nil && t.lex.key == "-" && !t.spaceBefore {
				if nk, _ := m.numRole(k + 1); nk != nkNone && nk != nkConnector && !m.toks[k+1].spaceBefore {
					continue
				}
			}
			break loop
		}
		any, afterConn = true, false
		last, lastVal = kind, v
		end = k + 1
	}
	if !any {
		return a, failure{j, "not a number"}
	}
	a.val = total + chunk
	a.end = end
	if a.val > maxValue {
		return a, failure{j, "number too large"}
	}
	return a, failure{}
}

// combines says whether a small number word may follow another:
// "twenty-five", "soixante-dix", "quatre-vingt-douze", "dix-sept".
func (m *matcher) combines(sub, lastVal, v float64) bool {
	isTens := sub >= 20 && sub < 100 && math.Mod(sub, 10) == 0
	switch {
	case isTens && v >= 1 && v < 10 && v == math.Trunc(v):
		return true
	case m.langs&langFR != 0 && (sub == 60 || sub == 80) && v >= 10 && v < 20:
		return true
	case m.langs&langFR != 0 && lastVal == 10 && v >= 7 && v <= 9:
		return true
	}
	return false
}

// connects says whether "and"/"et" at k joins two parts of one number:
// "one hundred and five", "vingt et un" — but not "between ten and twenty".
func (m *matcher) connects(k int, last numKind, sub float64) bool {
	nk, nv := m.numRole(k + 1)
	if nk == nkArticle {
		nk = nkSmall
	}
	if last == nkHundred || last == nkScale {
		return nk == nkSmall
	}
	isTens := sub >= 20 && sub < 100 && math.Mod(sub, 10) == 0
	return last == nkSmall && isTens && nk == nkSmall && (nv == 1 || nv == 11)
}

// amountAt reads a vague amount or a number at j.
func (m *matcher) amountAt(j int, allowVague bool) (amount, failure) {
	if allowVague {
		if a, ok := m.vague(j); ok {
			return a, failure{}
		}
	}
	return m.number(j)
}

// unitAt reads a unit name at k.
func (m *matcher) unitAt(k int) (*unitDef, int) {
	p, e := m.longest(k, catUnit)
	if p == nil {
		// "7,000 British troops", "20.000 Russische soldaten": one
		// capitalised word (a nationality) may stand before a count of
		// people or ships.
		if k < len(m.toks) && m.toks[k].kind == tkWord && m.toks[k].upper && m.toks[k].lex == nil {
			if q, e2 := m.longest(k+1, catUnit); q != nil && countOfPeople[q.unit.code] {
				return q.unit, e2
			}
		}
		return nil, k
	}
	return p.unit, e
}

// countOfPeople are the units a nationality may qualify.
var countOfPeople = map[string]bool{"troops": true, "persons": true, "ships": true}

// joinRange checks and completes the two ends of a range: a scale word
// after the second end applies to the first ("between 10 and 20
// thousand"), and an abbreviated second end borrows the first one's
// leading digits ("1862–77").
func joinRange(a, b *amount) bool {
	if a.vague || b.vague {
		return false
	}
	if a.scale == 1 && b.scale > 1 && a.val*b.scale <= b.val {
		a.val *= b.scale
		a.scale = b.scale
		a.big = a.big || b.big
	}
	plain := func(x *amount) bool { return x.digits && !x.grouped && !x.decimal && x.scale == 1 }
	if plain(a) && plain(b) && b.val < a.val && b.intDigits < a.intDigits {
		p := math.Pow(10, float64(b.intDigits))
		if nb := a.val - math.Mod(a.val, p) + b.val; nb > a.val {
			b.val = nb
			b.intDigits = a.intDigits
		}
	}
	return a.val <= b.val
}

// match reads one quantity starting at token i. inner is set for the
// parenthesised alternate, which has no alternate of its own.
func (m *matcher) match(i int, inner bool) (result, failure) {
	r := result{start: i}
	j := i
	var opener *phrase
	additive := false
	for {
		if _, ok := m.vague(j); ok {
			break // "some thousands" is vague, not "about thousands"
		}
		p, e := m.longest(j, catPrefix)
		if p == nil {
			break
		}
		if p.prefix == pkAdditive {
			if additive {
				break
			}
			additive = true
			j = e
			continue
		}
		r.prefix = p.prefix
		if p.prefix == pkRangeStart {
			opener = p
		}
		j = e
		break
	}
	if r.prefix == pkNone && additive {
		r.prefix = pkAdditive
	}

	var sign *lexEntry
	if t := m.tok(j); t != nil && lex.signs[t.lex] != nil {
		sign = t.lex
		r.unit, r.unitStart, r.unitEnd = lex.signs[sign], j, j+1
		j++
	}

	a, f := m.amountAt(j, opener == nil && sign == nil)
	if f.failed() {
		return r, f
	}
	r.a = a
	j = a.end

	switch {
	case opener != nil:
		c := j
		for _, cp := range opener.conns {
			if e, ok := m.phraseAt(cp, j); ok {
				c = e
				break
			}
		}
		if c == j {
			return r, failure{j, "expected the end of the range"}
		}
		if t := m.tok(c); sign != nil && t != nil && t.lex == sign {
			c++
		}
		b, f := m.number(c)
		if f.failed() {
			return r, f
		}
		if !joinRange(&r.a, &b) {
			return r, failure{c, "range ends below its start"}
		}
		r.b, r.isRange = b, true
		j = b.end
	case !a.vague:
		if a2, b, ok := m.rangeEnd(j, r.a, sign); ok {
			r.a, r.b, r.isRange = a2, b, true
			j = b.end
		}
	}

	if r.unit == nil {
		k := j
		if a.vague {
			// "thousands of troops"; a dangling "of" only at the very end
			if p, e := m.longest(k, catOf); p != nil {
				if u, _ := m.unitAt(e); u != nil {
					k = e
				} else if e == len(m.toks) {
					j = e
				}
			}
		}
		if u, e := m.unitAt(k); u != nil {
			r.unit, r.unitStart, r.unitEnd = u, k, e
			j = e
			// "10 km to 20 km"
			if !r.isRange && !a.vague && opener == nil {
				if a2, b, ok := m.rangeEnd(j, r.a, nil); ok {
					if u2, e2 := m.unitAt(b.end); u2 == u {
						r.a, r.b, r.isRange = a2, b, true
						j = e2
					}
				}
			}
		}
	}

	if !inner && r.unit != nil {
		if t := m.tok(j); t != nil && t.lex == lex.open {
			if alt, f := m.match(j+1, true); !f.failed() && alt.unit != nil && alt.unit.dim == r.unit.dim {
				if c := m.tok(alt.end); c != nil && c.lex == lex.close {
					if alt.prefix == pkNone || alt.prefix == pkAdditive {
						alt.altInheritsBound = true
					}
					r.alt = &alt
					j = alt.end + 1
				}
			}
		}
	}
	r.end = j
	return r, failure{}
}

// rangeEnd reads "– 20,000", "to 20", "tot 20" after the first end a of a
// range. It returns both ends as completed by joinRange, and consumes
// nothing if no range is there. A currency sign before the first end may
// stand before the second too ("£5–£10").
func (m *matcher) rangeEnd(j int, a amount, sign *lexEntry) (amount, amount, bool) {
	p, c := m.longest(j, catConn)
	if p == nil {
		return a, amount{}, false
	}
	if t := m.tok(c); sign != nil && t != nil && t.lex == sign {
		c++
	}
	t := m.tok(c)
	if t == nil || t.kind != tkNum && t.kind != tkWord && t.kind != tkFrac {
		return a, amount{}, false
	}
	b, f := m.number(c)
	if f.failed() || !joinRange(&a, &b) {
		return a, amount{}, false
	}
	return a, b, true
}

// applyBound turns a prefix into a bound and widens [lo, hi] accordingly.
// Quantities are magnitudes, so "less than" and "up to" start at 0.
func applyBound(pk prefixKind, base Bound, lo, hi float64) (Bound, float64, float64) {
	switch pk {
	case pkMoreThan:
		return BoundMoreThan, lo, math.Inf(1)
	case pkAtLeast:
		return BoundAtLeast, lo, math.Inf(1)
	case pkLessThan:
		return BoundLessThan, 0, hi
	case pkAtMost:
		return BoundAtMost, 0, hi
	case pkAbout:
		return BoundAbout, lo * (1 - ApproxTolerance), hi * (1 + ApproxTolerance)
	case pkNearly:
		return BoundAbout, lo * (1 - ApproxTolerance), hi
	}
	return base, lo, hi
}

// quantity builds the Quantity of a match.
func (m *matcher) quantity(r *result, inherit prefixKind) Quantity {
	q := Quantity{Written: m.text[m.toks[r.start].start:m.toks[r.end-1].end]}
	lo, hi, val, base := r.a.val, r.a.val, r.a.val, BoundExact
	switch {
	case r.isRange:
		lo, hi = r.a.val, r.b.val
		val = lo + (hi-lo)/2
		base = BoundRange
	case r.a.vague:
		lo, hi = r.a.lo, r.a.hi
		base = BoundOrderOfMagnitude
	}
	pk := r.prefix
	if r.altInheritsBound {
		pk = inherit
	}
	q.Value = val
	q.Bound, q.Min, q.Max = applyBound(pk, base, lo, hi)
	if r.unit != nil {
		q.Unit = r.unit.code
		q.UnitWritten = m.text[m.toks[r.unitStart].start:m.toks[r.unitEnd-1].end]
	}
	if r.alt != nil {
		alt := m.quantity(r.alt, r.prefix)
		q.Alternate = &alt
	}
	return q
}

// reportable decides whether Find reports a match: amounts with a unit,
// vague amounts, and bare numbers that are large (thousands separators,
// "million") or bounded ("more than 300") — but never what reads as a year
// or a day of the month, nor "the three men", where a determiner before a
// small spelled-out number names a known group rather than counting it.
func (m *matcher) reportable(r *result) bool {
	a := &r.a
	if a.vague {
		return true
	}
	if r.unit != nil {
		if a.smallWord() && !r.isRange && r.prefix == pkNone {
			if t := m.tok(r.start - 1); t != nil && t.kind == tkWord && t.lex != nil && t.lex.detLangs&m.langs != 0 {
				return false
			}
		}
		return true
	}
	if a.yearLike() || r.isRange && r.b.yearLike() {
		return false
	}
	if m.isMonth(r.start-1) || m.isMonth(r.end) {
		return false
	}
	bounded := r.prefix != pkNone && r.prefix != pkAdditive
	if a.digits {
		return a.grouped || a.big || r.isRange && (r.b.grouped || r.b.big) || bounded
	}
	return a.big
}

func (m *matcher) isMonth(k int) bool {
	t := m.tok(k)
	return t != nil && t.kind == tkWord && t.lex != nil && t.lex.monthLangs&m.langs != 0
}
