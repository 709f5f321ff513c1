package extract

import (
	"slices"
	"unicode/utf8"

	"treatyline/histdate"
	"treatyline/internal/chunk"
	"treatyline/kb"
)

// Long documents. A document longer than WholeBytes is read a part at a
// time, each part ending at a paragraph's, a line's or a sentence's end
// (chunk.Split), so that what reading it holds at once is bounded by the
// part, not by the document: a chronology of twenty megabytes would
// otherwise hold every date, sentence and candidate it names, a hundred
// times its size. What a part proposes is handed on (ExtractParts) before
// the next part is read. The positions and quotes of its evidence, and the
// ids of its claims and provisions, are the document's, as if it had been
// read whole.
//
// What a reader takes from the sentences before carries from one part to
// the next: the treaty the passage is about, the person and the polities
// last named, the narrative of dates (a date written without its year
// takes it from the last date before it, histdate.Reader), and the dates
// the document has proposed (for the Old Style reading of a later one).
// What a reader takes from the whole document is taken from the document
// up to the end of the part being read: the treaty it names most often
// (what a bare "the treaty" means), the reason its unmarked dates may be
// Old Style (so that a reason given late in a long document does not reach
// the parts before it), and the candidate entities it has named (so that a
// name first found in a later part, "Minh" after "Ho Chi Minh" is named
// with a title, is not looked for in the parts before it); and from the
// part alone: the document's language, when it is not given, and the
// candidate entities that may be duplicates of each other.

// WholeBytes is how long a document read whole may be, in bytes; a
// longer one is read in parts of about PartBytes. Variables, for tests.
// Reading a text holds a few hundred bytes per byte of it at once (its
// characters, words, dates, names and candidates): a document of
// WholeBytes (an article, a treaty, a chapter: read exactly as a whole)
// costs some tens of megabytes at most, a part of PartBytes about half
// of one. (What a part holds while it is read adds, with the collector's
// slack, to a long document's peak: parts of 4 kB peak some 2 MB lower
// than parts of 8 kB on a chronology of 1 MB, at no measurable cost in
// time; bench/README.md, "Ingest: peak memory".)
var (
	WholeBytes = 128 << 10
	PartBytes  = 4 << 10
)

// quoteContext is how many characters of the text either side of a quote
// its evidence keeps (Prefix and Suffix).
const quoteContext = 20

// excerpt is the text a reading works on: a whole document, or a part of a
// long one, with where it begins in the document (in characters) and the
// document's characters either side of it, so that the positions and
// quotes of evidence are the document's.
type excerpt struct {
	runes         []rune
	base          int
	before, after []rune // up to quoteContext characters
}

// evidence makes the evidence of the span start..end of the excerpt.
func (w *excerpt) evidence(src kb.Source, start, end int) kb.Evidence {
	e := kb.Evidence{Source: src.ID, SHA256: src.SHA256, Quote: kb.TextQuoteSelector{Exact: string(w.runes[start:end])},
		Position: kb.TextPositionSelector{Start: w.base + start, End: w.base + end}}
	if p := max(0, start-quoteContext); p < start || len(w.before) > 0 {
		pre := string(w.runes[p:start])
		if need := quoteContext - (start - p); need > 0 && len(w.before) > 0 {
			pre = string(w.before[max(0, len(w.before)-need):]) + pre
		}
		e.Quote.Prefix = pre
	}
	if s := min(len(w.runes), end+quoteContext); s > end || len(w.after) > 0 {
		suf := string(w.runes[end:s])
		if need := quoteContext - (s - end); need > 0 && len(w.after) > 0 {
			suf += string(w.after[:min(len(w.after), need)])
		}
		e.Quote.Suffix = suf
	}
	return e
}

// carried is what the reading of one part of a long document passes to
// the next (see the comment at the top).
type carried struct {
	main       string         // the treaty the document has named most often
	treaties   map[string]int // how often it has named each
	topic      string         // the treaty the passage is about
	topicAt    int            // the sentence it was named in, counted from the next part's first
	lastPerson string
	recent     []string
	local      knownDates // the dates the document has proposed
	oldStyle   string     // why its unmarked dates may be Old Style
	dates      histdate.Reader
}

// lastRunes gives up to n characters at the end of s, and firstRunes at
// its start.
func lastRunes(s string, n int) []rune {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return []rune(s[i:])
}

func firstRunes(s string, n int) []rune {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return []rune(s[:i])
}

// ExtractParts reads a registered source as Extract does, handing each
// part's proposals to each as the part is read (see the comment at the
// top): one Result for a document no longer than WholeBytes, which is then
// what Extract gives. Positions in the Results are the document's. each's
// error stops the reading and is returned.
func (x *Extractor) ExtractParts(src kb.Source, each func(Result) error) error {
	if !x.settled {
		x.settle()
	}
	return x.parts(src, each)
}

// parts reads a source a part at a time (see ExtractParts).
func (x *Extractor) parts(src kb.Source, each func(Result) error) error {
	if ReadWhole(src) {
		return each(x.extract(src, excerpt{}, nil))
	}
	pieces := chunk.Split(src.Text, PartBytes)
	var c carried
	for k, p := range pieces {
		w := excerpt{base: p.Rune, before: lastRunes(src.Text[:p.Byte], quoteContext)}
		if k+1 < len(pieces) {
			w.after = firstRunes(src.Text[p.Byte+len(p.Text):], quoteContext)
		}
		part := src
		part.Text = p.Text
		r := x.extract(part, w, &c)
		r.Source = src.ID
		if err := each(r); err != nil {
			return err
		}
	}
	return nil
}

// ReadWhole tells whether a document is read whole (at most WholeBytes),
// not a part at a time.
func ReadWhole(src kb.Source) bool { return len(src.Text) <= WholeBytes }

// add adds what a part of a document proposes to what the parts before
// proposed: the mentions and candidates themselves with keep, or their
// count only (Count). A candidate entity a later part names again stands
// as that part gives it, in the place it first had.
func (r *Result) add(p Result, keep bool) {
	if keep && r.Source == "" {
		*r = p
		r.docCandidates = nil
		return
	}
	if r.Source == "" {
		r.Source, r.Lang = p.Source, p.Lang
	}
	for _, m := range p.Merges {
		if !slices.ContainsFunc(r.Merges, func(o MergeSuggestion) bool { return o.Entities == m.Entities }) {
			r.Merges = append(r.Merges, m)
		}
	}
	if !keep {
		n := p.Count()
		r.counted.Sentences += n.Sentences
		r.counted.Dates += n.Dates
		r.counted.Quantities += n.Quantities
		r.counted.Entities += n.Entities
		r.counted.Candidates += n.Candidates
		for _, e := range p.NewEntities {
			if r.newSeen == nil {
				r.newSeen = map[string]bool{}
			}
			if !r.newSeen[e.ID] {
				r.newSeen[e.ID] = true
				r.counted.NewEntities++
			}
		}
		return
	}
	r.Sentences = append(r.Sentences, p.Sentences...)
	r.Dates = append(r.Dates, p.Dates...)
	r.Quantities = append(r.Quantities, p.Quantities...)
	r.Entities = append(r.Entities, p.Entities...)
	r.Candidates = append(r.Candidates, p.Candidates...)
	for _, e := range p.NewEntities {
		if i := slices.IndexFunc(r.NewEntities, func(o EntityCandidate) bool { return o.ID == e.ID }); i >= 0 {
			r.NewEntities[i] = e
		} else {
			r.NewEntities = append(r.NewEntities, e)
		}
	}
}

// Counts are how many of each thing a reading found.
type Counts struct {
	Sentences, Dates, Quantities, Entities, Candidates, NewEntities int
}

// Count counts what the Result holds and what it counted of the parts it
// let go.
func (r Result) Count() Counts {
	return Counts{
		Sentences:   len(r.Sentences) + r.counted.Sentences,
		Dates:       len(r.Dates) + r.counted.Dates,
		Quantities:  len(r.Quantities) + r.counted.Quantities,
		Entities:    len(r.Entities) + r.counted.Entities,
		Candidates:  len(r.Candidates) + r.counted.Candidates,
		NewEntities: len(r.NewEntities) + r.counted.NewEntities,
	}
}

// Gather reads a source a part at a time, as ExtractParts, handing each
// part to each and adding it to the Result it gives: whole with keep, or
// counted (see Result.Count).
func (x *Extractor) Gather(src kb.Source, keep bool, each func(Result) error) (Result, error) {
	var all Result
	err := x.ExtractParts(src, func(p Result) error {
		if each != nil {
			if err := each(p); err != nil {
				return err
			}
		}
		all.add(p, keep)
		return nil
	})
	all.Source = src.ID
	return all, err
}

// take starts reading a part where the part before left off.
func (d *docReader) take(c *carried) {
	if c.treaties == nil {
		c.treaties = map[string]int{}
	}
	d.main = mainTreaty(d.r.Entities, c.treaties, c.main)
	d.topic, d.topicAt, d.lastPerson, d.recent, d.local = c.topic, c.topicAt, c.lastPerson, c.recent, c.local
}

// pass leaves what the next part reads on from.
func (d *docReader) pass(c *carried, oldStyle string) {
	c.main, c.oldStyle = d.main, oldStyle
	c.topic, c.topicAt, c.lastPerson, c.recent, c.local = d.topic, d.topicAt-len(d.sents), d.lastPerson, d.recent, d.local
}

// shift makes the positions of a part's mentions the document's.
func (r *Result) shift(base int) {
	if base == 0 {
		return
	}
	for i := range r.Sentences {
		r.Sentences[i][0] += base
		r.Sentences[i][1] += base
	}
	for i := range r.Dates {
		r.Dates[i].Start += base
		r.Dates[i].End += base
	}
	for i := range r.Quantities {
		r.Quantities[i].Start += base
		r.Quantities[i].End += base
	}
	shiftMentions(r.Entities, base)
}

func shiftMentions(ms []EntityMention, base int) {
	for i := range ms {
		ms[i].Start += base
		ms[i].End += base
		shiftMentions(ms[i].Inner, base)
	}
}
