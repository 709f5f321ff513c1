package extract

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"treatyline/kb"
	"treatyline/lang"
)

// Transfers of land — cessions, returns, leases, exchanges — are read
// from the verbs of giving and of receiving and the words that mark who
// receives and who gives: "the Qing ceded the left bank to Russia",
// "Russia gained the left bank from China", "Китай уступил России левый
// берег Амура", "werd aan Rusland afgestaan", "清国は台湾を日本に割譲した".

var (
	// toMarks before a polity make it the receiver; fromMarks the giver.
	toMarks   = spacedMarks(func(r *lang.RelationWords) []string { return r.To })
	fromMarks = spacedMarks(func(r *lang.RelationWords) []string { return r.From })
	// agentMarks name the giver of a passive: "ceded by China", "door
	// China afgestaan", "par la Chine".
	agentMarks = spacedMarks(func(r *lang.RelationWords) []string { return r.Agent })
	// hanMarks are the marks of languages written without spaces, one
	// character each: "給" to, "從" from, "被" by.
	hanMarks = func() map[rune]string {
		m := map[rune]string{}
		for _, mk := range []struct {
			mark string
			get  func(*lang.RelationWords) []string
		}{{"to", func(r *lang.RelationWords) []string { return r.To }},
			{"from", func(r *lang.RelationWords) []string { return r.From }},
			{"by", func(r *lang.RelationWords) []string { return r.Agent }}} {
			for w := range relationWordSet(mk.get) {
				if r := []rune(w); len(r) == 1 && unicode.Is(unicode.Han, r[0]) {
					m[r[0]] = mk.mark
				}
			}
		}
		return m
	}()
)

// spacedMarks gathers the marks of languages written with spaces.
func spacedMarks(get func(*lang.RelationWords) []string) map[string]bool {
	m := map[string]bool{}
	for w := range relationWordSet(get) {
		if !startsHan(w) {
			m[w] = true
		}
	}
	return m
}

// markGap is what may stand between a mark and its name: spaces and the
// apostrophe of an elision ("à l'Empire").
func markGap(r rune) bool { return unicode.IsSpace(r) || r == '\'' || r == '’' }

// markBefore gives the word right before a mention, passing over one
// article, so that "to the Russian Empire", "aan het Russische rijk" and
// "de la Chine" show their marks. In Chinese, written without spaces, it
// is the character right before: 給 (to), 從 / 自 (from), 被 / 由 (by).
// In Japanese the mark follows the name: 日本に (to Japan).
func (d *docReader) markBefore(m EntityMention) string {
	start := m.Start
	if m.End < len(d.runes) && unicode.Is(unicode.Hiragana, d.runes[m.End]) {
		for _, n := range []int{2, 1} {
			if m.End+n <= len(d.runes) {
				if mk, ok := kanaMarks[string(d.runes[m.End:m.End+n])]; ok {
					return mk
				}
			}
		}
	}
	if start > 0 && unicode.Is(unicode.Han, d.runes[start-1]) {
		return hanMarks[d.runes[start-1]]
	}
	w, k := d.wordEnding(start, markGap)
	if articles[w] && !toMarks[w] && !fromMarks[w] {
		w, _ = d.wordEnding(k, markGap)
	}
	return w
}

// listJoin tells the text between two names of a list: "and", a
// comma, "en", "und", "et", "и", と, 、 (with articles and kind words).
func listJoin(between string) bool {
	w := strings.Fields(strings.NewReplacer(",", " , ", "、", " , ", "と", " , ", "(", " ", ")", " ", "（", " ", "）", " ").Replace(between))
	if len(w) == 0 || len(w) > 6 {
		return false
	}
	joined := false
	for _, x := range w {
		x = strings.ToLower(x)
		switch {
		case x == "," || conjunctions[x] || listWords[x]:
			joined = true
		case articles[x]:
		default:
			if _, ok := placeNouns[x]; !ok {
				return false
			}
		}
	}
	return joined
}

// kanaCoordinate tells a name followed by the Japanese mark of the
// object (を) or of a coordinate (と, 、 before another name): not a party
// of the sentence's verb.
func (d *docReader) kanaCoordinate(m EntityMention) bool {
	if m.End >= len(d.runes) {
		return false
	}
	switch d.runes[m.End] {
	case 'を', 'と':
		return true
	}
	return false
}

// transfer is who gives what to whom in a sentence.
type transfer struct {
	grantor, grantee, object string
	// also are lands listed with the object: "Taiwan and the Pescadores",
	// "台湾と澎湖諸島".
	also []string
}

// readTransfer reads the land nearest the verb at code point cue and the
// polities around it. giving tells a verb of giving (the actor gives)
// from one of receiving (the actor receives). The land is chosen among
// lands; with none, among the sentence's other names that are not its
// parties (a country's name may be a land: Taiwan).
func (d *docReader) readTransfer(c *sentCtx, cue int, giving bool, lands []EntityMention) transfer {
	// The land is the territory named nearest the verb: "ceded the left
	// bank …", "… werd afgestaan", "黑龍江以北的土地割讓給俄國"; others in
	// the sentence belong to other clauses.
	object, best := "", 0
	// In Japanese a name marked を is the object, whatever its kind, and
	// so is one joined to it by と ("台湾と澎湖諸島を").
	for _, p := range c.polities {
		if d.kanaCoordinate(p) {
			lands = append(lands, p)
		}
	}
	for _, t := range lands {
		dist := t.Start - cue // after the verb: its object, counted from the verb
		if t.Start < cue {
			dist = cue - t.End + 1 // before it: a passive's or a topic's subject
		}
		if d.markBefore(t) == "object" {
			dist -= 1000 // Japanese を marks the object
		}
		if object == "" || dist < best {
			object, best = t.Entity, dist
		}
	}
	var grantor, grantee, actor, after string
	actorMarked := false
	// The marks nearest the verb count: a sentence of several clauses
	// has the parties of each ("…日本に割譲されたが、…日本は遼東半島を清国に還付した").
	near := slices.Clone(c.polities)
	sort.SliceStable(near, func(a, b int) bool { return abs(near[a].Start-cue) < abs(near[b].Start-cue) })
	for _, p := range near {
		if p.Entity == object || d.kanaCoordinate(p) {
			continue
		}
		switch mark := d.markBefore(p); {
		case toMarks[mark] && grantee == "":
			grantee = p.Entity
		case fromMarks[mark] && grantor == "" && p.Start > cue, agentMarks[mark] && grantor == "" && giving:
			grantor = p.Entity
		case mark == "actor":
			if actor == "" || !actorMarked {
				actor, actorMarked = p.Entity, true
			}
		case p.Start < cue && mark != "object" && mark != "to" && mark != "from":
			if actor == "" {
				actor = p.Entity // the nearest before the verb
			}
		case after == "" && p.Start > cue && mark != "object":
			after = p.Entity
		}
	}
	// The actor gives with a verb of giving and receives with one of
	// receiving; the other side is the marked one, else the polity
	// after the verb ("Китай уступил России": the dative has no mark).
	if giving {
		if grantor == "" {
			grantor = actor
		}
		// A verb second, its subject after it ("Bij het verdrag stond China
		// Taiwan af aan Japan", "Im Vertrag trat China … ab"): with the
		// receiver marked, the unmarked polity after the verb gives.
		if grantor == "" && grantee != "" && after != "" && after != grantee {
			grantor = after
		}
		if grantee == "" && after != grantor {
			grantee = after
		}
	} else {
		// "Russia gained the left bank that had been assigned to China":
		// with a verb of receiving the actor receives, whatever "to" a
		// later clause has; the giver is the one marked "from".
		grantee = actor
	}
	if grantee == grantor {
		grantee = ""
	}
	t := transfer{grantor: grantor, grantee: grantee, object: object}
	// The lands listed with the object: only "and", a comma, "together
	// with" or と between, one after the other.
	in := map[string]bool{object: true}
	// A list is read among the lands of the sentence up to a bound: a
	// sentence of hundreds of names is no list of one cession.
	for grew, rounds := true, 0; grew && rounds < 12 && len(lands) <= 40; rounds++ {
		grew = false
		for _, a := range lands {
			if in[a.Entity] {
				continue
			}
			for _, b := range lands {
				if !in[b.Entity] {
					continue
				}
				lo, hi := a, b
				if b.Start < a.Start {
					lo, hi = b, a
				}
				if lo.End <= hi.Start && listJoin(d.text(lo.End, hi.Start)) {
					t.also = append(t.also, a.Entity)
					in[a.Entity], grew = true, true
					break
				}
			}
		}
	}
	return t
}

// landsOrNames gives the sentence's lands, or, with none, the names of
// other kinds than treaty and person (a country's name may be a land:
// "Taiwan").
func (c *sentCtx) landsOrNames() []EntityMention {
	if ls := c.lands(); len(ls) > 0 {
		return ls
	}
	return nil
}

// propose adds a provision of a transfer.
func (d *docReader) propose(c *sentCtx, typ string, t transfer, conf float64, why, note string) *kb.Provision {
	p := kb.Provision{Treaty: c.subject, Type: typ, Grantees: []string{t.grantee}, Objects: append([]string{t.object}, t.also...),
		Status: kb.Candidate, Rank: kb.Normal, Evidence: []kb.Evidence{d.evidence(c.s.start, c.s.end)}, Note: note}
	if t.grantor != "" {
		p.Grantors = []string{t.grantor}
	}
	p.ID = fmt.Sprintf("provision/%s/%s-%s-%d-%s", strings.TrimPrefix(c.subject, "treaty/"), typ, d.src.ID, d.at(c.s.start), strings.TrimPrefix(t.object, "territory/"))
	for _, x := range d.r.Candidates {
		if x.Provision != nil && x.Provision.ID == p.ID {
			return nil
		}
	}
	conf, why = c.unsure(conf, why)
	d.r.Candidates = append(d.r.Candidates, Candidate{Provision: &p, Confidence: conf, Why: why})
	return &p
}
