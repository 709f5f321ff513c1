package reconcile

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"treatyline/histdate"
	"treatyline/kb"
	"treatyline/quantity"
)

// Class is how the members of a group stand to each other.
type Class string

// The classes, from the mildest to the worst.
const (
	// Agree: the sources say the same thing in the same terms.
	Agree Class = "agree"
	// AgreeAfterNormalisation: the same thing in different terms — a date
	// in two calendars, an area in two units.
	AgreeAfterNormalisation Class = "agree_after_normalisation"
	// Compatible: both can be true — one is less precise than the other,
	// their bounds overlap, or they are worded differently.
	Compatible Class = "compatible"
	// Conflict: they cannot both be true.
	Conflict Class = "conflict"
)

// severity orders the classes; a group takes the worst of its pairs.
func (c Class) severity() int {
	switch c {
	case Agree:
		return 0
	case AgreeAfterNormalisation:
		return 1
	case Compatible:
		return 2
	}
	return 3
}

// Member is one claim of a group: the value as its source wrote it and as
// it reads on the common axis (Gregorian days, canonical units).
type Member struct {
	Claim kb.Claim `json:"claim"`
	// Value is the value as written: the date or quantity text, the
	// entity id, "true" or "false".
	Value string `json:"value"`
	// Normalised is the value on the common axis: "1858-05-28
	// (Gregorian)", "479,148 km²", "ratification refused".
	Normalised string `json:"normalised"`
	// Sources are the ids of the sources the claim's evidence cites.
	Sources []string `json:"sources"`
	// SubsumedBy is the id of a claim from the same source that states
	// the same thing more precisely ("1858" beside the same text's "May
	// 28, 1858"). A source's vaguer mention is not a second reading: such
	// a member is listed but takes no part in the classification.
	SubsumedBy string `json:"subsumed_by,omitempty"`
	// OtherReading is, for a date whose style its source leaves open, the
	// date read in the other calendar on the common axis, and why it may be
	// meant (the claim's qualifiers other_reading and other_reading_why):
	// "1860-11-14 (Gregorian) as Old Style: the document dates …".
	OtherReading string `json:"other_reading,omitempty"`
}

// Group is the claims of several sources on one subject and property,
// classified.
type Group struct {
	Subject  string `json:"subject"`
	Property string `json:"property"`
	// Qualifiers are the qualifiers that make the group about a thing of
	// its own, "party=polity/qing"; for a property that holds several
	// values at once (party, signatory, participant), also the value.
	Qualifiers string `json:"qualifiers,omitempty"`
	Class      Class  `json:"class"`
	// Why gives the reasons for the class, the worst first: "Julian vs
	// Gregorian, 12 days"; "1727 vs 1728: 1 year apart".
	Why string `json:"why"`
	// Difference is the size of the largest difference at the group's
	// class, where there is one: "12 days", "20%", "365 days".
	Difference string   `json:"difference,omitempty"`
	Members    []Member `json:"members"`
}

// groupQualifiers are the qualifiers that name a different thing: two
// ratifications by two parties, two appointments to two positions, two
// cessions from and to different polities are different statements. Place
// and time qualifiers are not among them: they say where and when, and a
// source that gives them says no more than one that does not.
var groupQualifiers = []string{"party", "position", "object", "clause", "article", "from", "to"}

// opposites pairs each negative lifecycle property with the positive one
// it contradicts. The two form one group, named by the positive one.
var opposites = map[string]string{
	"ratification_refused": "ratified",
	"disowned_by":          "ratified",
}

// readings lists the multi-valued properties whose values, told apart by
// source, are a disagreement worth showing: a person's title as each
// source gives it. Besides a group per value, they get one group of all
// their values when two sources name different ones.
var readings = map[string]bool{"position": true}

// multiValued lists the properties that hold several values at once: a
// treaty has two parties, an event several participants. Different values
// of these are not a disagreement, so the value is part of the group's
// key and a group gathers the sources that state the same value.
var multiValued = map[string]bool{
	"party": true, "signatory": true, "negotiator": true, "participant": true,
	"language_of_text": true, "described_as": true, "position": true, "sentenced": true,
	"confirmed_by": true, "confirms": true, "reversed_by": true, "reverses": true,
	"supersedes": true, "disowned_by": true, "held_by": true, "occupied_by": true,
	"located_in": true, "part_of": true, "ruler_of": true, "represented": true,
}

// item is a member with its reading.
type item struct {
	m    Member
	date *histdate.Date
	q    *quantity.Quantity
	// other is the date's other-style reading, when its source leaves the
	// style open; otherWhy says why it may be meant.
	other    *histdate.Date
	otherWhy string
}

// Groups gathers the accepted and candidate claims (not rejected, not
// deprecated) on one subject, property and distinguishing qualifiers,
// keeps the groups whose claims come from at least two sources, and
// classifies each by the worst of its pairs. Claims without evidence say
// nothing about what a source says and are left out. Groups are ordered by
// subject, property and qualifiers.
//
// Pairs are compared as historians compare them: dates by the days they
// can mean (the same day in the Julian and Gregorian calendars agrees
// after normalisation; a month holding a day, in either calendar reading,
// is compatible; disjoint dates conflict, by so many years or days);
// quantities in the canonical unit of their dimension (equal within 1%
// agree, overlapping bounds are compatible, else they conflict by a
// percentage of the larger); entities and truth values agree or conflict;
// texts agree or differ in wording. Opposite statements (ratified,
// ratification refused) by the same party conflict unless dated apart.
func Groups(claims []kb.Claim) []Group {
	out, _ := GroupsContext(context.Background(), claims)
	return out
}

// GroupsContext is Groups that stops, with the context's error, when ctx
// is done (a client that left, a deadline), checking between groups.
func GroupsContext(ctx context.Context, claims []kb.Claim) ([]Group, error) {
	type bucket struct {
		subject, property, quals, value string
		items                           []*item
	}
	buckets := map[string]*bucket{}
	for _, c := range claims {
		if c.Status == kb.Rejected || c.Rank == kb.Deprecated || len(c.Evidence) == 0 {
			continue
		}
		prop := c.Property
		quals := groupKey(c)
		value := ""
		switch {
		case c.Property == "disowned_by" && c.Qualifiers["clause"].Entity == "":
			// A party that does not recognise a whole treaty says it did
			// not ratify it: one group with that party's ratification.
			prop, quals = "ratified", "party="+c.Value.Entity
		case c.Property == "disowned_by":
			value = valueKey(c.Value)
		default:
			if p, ok := opposites[prop]; ok {
				prop = p
			}
			if multiValued[c.Property] {
				value = valueKey(c.Value)
			}
		}
		if readings[c.Property] {
			k := strings.Join([]string{c.Subject, prop, quals, "*"}, "\x00")
			b := buckets[k]
			if b == nil {
				b = &bucket{subject: c.Subject, property: prop, quals: quals, value: "*"}
				buckets[k] = b
			}
			b.items = append(b.items, read(c))
		}
		k := strings.Join([]string{c.Subject, prop, quals, value}, "\x00")
		b := buckets[k]
		if b == nil {
			b = &bucket{subject: c.Subject, property: prop, quals: quals, value: value}
			buckets[k] = b
		}
		b.items = append(b.items, read(c))
	}
	keys := make([]string, 0, len(buckets))
	for k := range buckets {
		keys = append(keys, k)
	}
	sort.Strings(keys) // subject, property, qualifiers, value
	var out []Group
	for n, k := range keys {
		if n%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		b := buckets[k]
		sort.SliceStable(b.items, func(i, j int) bool {
			si, sj := strings.Join(b.items[i].m.Sources, ","), strings.Join(b.items[j].m.Sources, ",")
			if si != sj {
				return si < sj
			}
			return b.items[i].m.Claim.ID < b.items[j].m.Claim.ID
		})
		if b.value == "*" {
			if g, ok := readingsGroup(b.items); ok {
				g.Subject, g.Property, g.Qualifiers = b.subject, b.property, b.quals
				out = append(out, g)
			}
			continue
		}
		subsume(b.items)
		self := selfContradiction(b.items)
		if countSources(b.items) < 2 && self == "" {
			continue
		}
		g := classify(b.items)
		if self != "" {
			// One source giving two values of a single-valued property
			// contradicts itself, whatever the words.
			g.Why = self + "; " + g.Why
			if g.Class == Compatible {
				g.Class = Conflict
			}
		}
		g.Subject, g.Property, g.Qualifiers = b.subject, b.property, b.quals
		if b.value != "" {
			g.Qualifiers = joinNonEmpty(", ", g.Qualifiers, "value="+b.value)
		}
		if sameProperty(b.items) {
			g.Property = b.items[0].m.Claim.Property
		}
		out = append(out, g)
	}
	return out, nil
}

func sameProperty(items []*item) bool {
	for _, it := range items {
		if it.m.Claim.Property != items[0].m.Claim.Property {
			return false
		}
	}
	return true
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// groupKey gives the distinguishing qualifiers of a claim, "party=polity/qing".
func groupKey(c kb.Claim) string {
	var parts []string
	for _, q := range groupQualifiers {
		if v, ok := c.Qualifiers[q]; ok {
			parts = append(parts, q+"="+valueKey(v))
		}
	}
	return strings.Join(parts, ", ")
}

// valueKey gives a value as a key: an entity id, a text with case and
// spacing normalised.
func valueKey(v kb.Value) string {
	switch v.Type {
	case kb.TEntity:
		return v.Entity
	case kb.TText:
		return normText(v.Text)
	}
	return normText(v.String())
}

// normText folds case and spacing, and drops a final full stop.
func normText(s string) string {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	return strings.TrimSuffix(s, ".")
}

func countSources(items []*item) int {
	seen := map[string]bool{}
	for _, it := range items {
		if it.m.SubsumedBy != "" {
			continue
		}
		for _, s := range it.m.Sources {
			seen[s] = true
		}
	}
	return len(seen)
}

// read reads a claim's value and makes its member.
func read(c kb.Claim) *item {
	it := &item{m: Member{Claim: c, Sources: sourcesOf(c)}}
	v := c.Value
	switch v.Type {
	case kb.TDate, kb.TQuantity, kb.TText:
		it.m.Value = v.Text
	default:
		it.m.Value = v.String()
	}
	switch v.Type {
	case kb.TDate:
		if d, err := v.Date(); err == nil {
			it.date = &d
			it.m.Normalised = normDate(d)
			if ov, ok := c.Qualifiers["other_reading"]; ok && ov.Type == kb.TDate {
				if o, err := ov.Date(); err == nil {
					it.other, it.otherWhy = &o, c.Qualifiers["other_reading_why"].Text
					it.m.OtherReading = normDate(o) + " as " + styleOf(o.Calendar)
					if it.otherWhy != "" {
						it.m.OtherReading += ": " + it.otherWhy
					}
				}
			}
		} else {
			it.m.Normalised = "unreadable date: " + v.Text
		}
	case kb.TQuantity:
		if q, err := v.Quantity(); err == nil {
			it.q = &q
			it.m.Normalised = normQuantity(q)
		} else {
			it.m.Normalised = "unreadable quantity: " + v.Text
		}
	case kb.TText:
		it.m.Normalised = normText(v.Text)
	case kb.TBool:
		it.m.Normalised = actLabel(c.Property, v.Bool)
	default:
		it.m.Normalised = v.String()
	}
	return it
}

// subsume marks the members a source states less precisely beside a more
// precise statement of its own. Only members that share a's sources can
// subsume it, so each is looked for among the members citing a's first
// source, in order: the work grows with the members per source, not with
// the square of the group.
func subsume(items []*item) {
	bySource := map[string][]int{}
	for j, b := range items {
		for _, src := range b.m.Sources {
			bySource[src] = append(bySource[src], j)
		}
	}
	for i, a := range items {
		if len(a.m.Sources) == 0 {
			continue
		}
		for _, j := range bySource[a.m.Sources[0]] {
			b := items[j]
			if i == j || !subset(a.m.Sources, b.m.Sources) {
				continue
			}
			if v := compare(a, b); v.class == Compatible && v.coarser == 1 {
				a.m.SubsumedBy = b.m.Claim.ID
				break
			}
		}
	}
}

func subset(a, b []string) bool {
	for _, x := range a {
		found := false
		for _, y := range b {
			if x == y {
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

// classify compares the members that take part and gives the group the
// worst class, its reasons and the largest difference. Members with the
// same reading (property and value as written) compare alike with every
// other, so each reading is compared once with each other reading, and
// once with itself when several claims state it, naming all its sources:
// the work grows with the square of the distinct readings, which stay few
// however many documents restate them, not with the square of the claims.
func classify(items []*item) Group {
	g := Group{Class: Agree}
	var reasons [4][]string
	seenReason := [4]map[string]bool{{}, {}, {}, {}}
	var size float64 = -1
	for i := range items {
		g.Members = append(g.Members, items[i].m)
	}
	readings := readingsOf(items)
	note := func(v verdict) {
		s := v.class.severity()
		if !seenReason[s][v.why] {
			seenReason[s][v.why] = true
			reasons[s] = append(reasons[s], v.why)
		}
		if s > g.Class.severity() {
			g.Class, g.Difference, size = v.class, "", -1
		}
		if s == g.Class.severity() && v.diff != "" && v.size > size {
			g.Difference, size = v.diff, v.size
		}
	}
	for i, a := range readings {
		if a.claims > 1 {
			note(compare(a.it, a.it))
		}
		for _, b := range readings[i+1:] {
			note(compare(a.it, b.it))
		}
	}
	if len(items) == 1 || countActive(items) == 1 {
		return oneClaim(g, items)
	}
	var why []string
	for s := 3; s >= 1; s-- {
		why = append(why, reasons[s]...)
	}
	if len(why) == 0 {
		why = reasons[0]
	}
	g.Why = strings.Join(why, "; ")
	return g
}

// reading is one distinct reading among a group's members: an item that
// stands for all of them, its claim's evidence the union of theirs.
type reading struct {
	it     *item
	claims int
}

// readingsOf gathers the members taking part by reading, in the order
// they first appear.
func readingsOf(items []*item) []*reading {
	var out []*reading
	index := map[string]*reading{}
	for _, it := range items {
		if it.m.SubsumedBy != "" {
			continue
		}
		c := it.m.Claim
		v := c.Value
		k := strings.Join([]string{c.Property, string(v.Type), v.Text, v.Entity, string(v.Calendar), v.Lang, fmt.Sprint(v.Bool)}, "\x00")
		r := index[k]
		if r == nil {
			cp := *it
			cp.m.Claim.Evidence = slices.Clone(c.Evidence)
			r = &reading{it: &cp}
			index[k] = r
			out = append(out, r)
		} else {
			r.it.m.Claim.Evidence = append(r.it.m.Claim.Evidence, c.Evidence...)
		}
		r.claims++
	}
	return out
}

func countActive(items []*item) int {
	n := 0
	for _, it := range items {
		if it.m.SubsumedBy == "" {
			n++
		}
	}
	return n
}

// oneClaim describes a group of one claim that cites several sources.
func oneClaim(g Group, items []*item) Group {
	for _, it := range items {
		if it.m.SubsumedBy == "" {
			g.Why = "one claim, stated by " + shortSources(it.m.Claim)
		}
	}
	return g
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// verdict is how two members stand to each other.
type verdict struct {
	class Class
	why   string
	diff  string  // the size of the difference, "12 days", "20%"
	size  float64 // the same as a number, to find the largest
	// coarser is 1 when a is the less precise of the two and covers b, 2
	// when b covers a, 0 otherwise.
	coarser int
}

// compare relates two members by their values.
func compare(a, b *item) verdict {
	ca, cb := a.m.Claim, b.m.Claim
	if ca.Property != cb.Property || (ca.Value.Type != cb.Value.Type && (ca.Value.Type == kb.TBool || cb.Value.Type == kb.TBool)) {
		return compareActs(a, b)
	}
	switch ca.Value.Type {
	case kb.TDate:
		if a.date != nil && b.date != nil {
			return compareReadings(a, b)
		}
	case kb.TQuantity:
		if a.q != nil && b.q != nil {
			return compareQuantities(*a.q, *b.q)
		}
	case kb.TEntity:
		if ca.Value.Entity == cb.Value.Entity {
			return verdict{class: Agree, why: "the same entity"}
		}
		return verdict{class: Conflict, why: fmt.Sprintf("different entities: %s (%s) vs %s (%s)",
			ca.Value.Entity, shortSources(ca), cb.Value.Entity, shortSources(cb))}
	case kb.TBool:
		return compareActs(a, b)
	}
	// Text, and dates or quantities that do not read: compare the words.
	if normText(a.m.Value) == normText(b.m.Value) {
		return verdict{class: Agree, why: "the same wording"}
	}
	return verdict{class: Compatible, why: fmt.Sprintf("different wording: %q (%s) vs %q (%s)",
		a.m.Value, shortSources(ca), b.m.Value, shortSources(cb))}
}

// actLabel names a lifecycle statement: "ratified", "not ratified",
// "ratification refused".
func actLabel(property string, happened bool) string {
	l := strings.ReplaceAll(property, "_", " ")
	if happened {
		return l
	}
	if rest, ok := strings.CutPrefix(l, "never "); ok {
		return rest
	}
	return "not " + l
}

// act is a lifecycle statement: which act, whether it happened, and when.
type act struct {
	property string
	positive bool // the act, not its opposite
	happened bool
	date     *histdate.Date
	label    string
	src      string
}

func actOf(it *item) act {
	c := it.m.Claim
	x := act{property: c.Property, happened: c.Value.Type != kb.TBool || c.Value.Bool, date: it.date, src: shortSources(c)}
	_, neg := opposites[c.Property]
	x.positive = !neg
	x.label = actLabel(c.Property, x.happened)
	if x.date != nil {
		x.label += " " + show(*x.date)
	}
	return x
}

// compareActs relates two statements that an act happened, did not, or
// that its opposite did: ratified vs ratification refused.
func compareActs(a, b *item) verdict {
	x, y := actOf(a), actOf(b)
	tag := func(x act) string { return x.label + " (" + x.src + ")" }
	contra := func() verdict {
		if !x.positive && y.positive {
			return verdict{class: Conflict, why: "contradictory statements: " + tag(y) + " vs " + tag(x)}
		}
		return verdict{class: Conflict, why: "contradictory statements: " + tag(x) + " vs " + tag(y)}
	}
	if x.property == y.property {
		switch {
		case x.happened != y.happened:
			return contra()
		case !x.happened:
			return verdict{class: Agree, why: "the same statement"}
		case x.date != nil && y.date != nil:
			return compareDates(*x.date, *y.date)
		case x.date != nil:
			return verdict{class: Compatible, why: fmt.Sprintf("%s gives the date (%s), %s does not", x.src, show(*x.date), y.src), coarser: 2}
		case y.date != nil:
			return verdict{class: Compatible, why: fmt.Sprintf("%s gives the date (%s), %s does not", y.src, show(*y.date), x.src), coarser: 1}
		}
		return verdict{class: Agree, why: "the same statement"}
	}
	switch {
	case x.happened && y.happened && !x.positive && !y.positive:
		// Two ways of not accepting it: a refusal to ratify, a disowning.
		return verdict{class: Compatible, why: "consistent: " + tag(x) + ", " + tag(y)}
	case x.happened && y.happened:
		if x.date != nil && y.date != nil {
			if r := histdate.Compare(*x.date, *y.date).Relation; r == histdate.Before || r == histdate.After {
				return verdict{class: Compatible, why: "at different times: " + tag(x) + ", " + tag(y)}
			}
		}
		return contra()
	case x.happened || y.happened:
		// "ratified" and "ratification not refused", "ratification
		// refused" and "not ratified": the one implies the other.
		return verdict{class: Compatible, why: "consistent: " + tag(x) + ", " + tag(y)}
	}
	return verdict{class: Compatible, why: "neither: " + tag(x) + ", " + tag(y)}
}

// normDate writes a date on the common axis: "1858-05-28 (Gregorian)".
func normDate(d histdate.Date) string {
	if d.Earliest() == histdate.MinJDN && d.Latest() == histdate.MaxJDN {
		return d.String()
	}
	s := d.InCalendar(histdate.Gregorian).String()
	notes := []string{"Gregorian"}
	notes = append(notes, d.Qualifiers.Names()...)
	return s + " (" + strings.Join(notes, ", ") + ")"
}

func calName(c histdate.Calendar) string {
	if c == "" {
		return "Gregorian"
	}
	return strings.ToUpper(string(c[:1])) + string(c[1:])
}

// reread reads a date's figures in another calendar (Gregorian or
// Julian): "2 November 1860" Old Style read as if it were New Style.
func reread(d histdate.Date, cal histdate.Calendar) histdate.Date {
	if d.Calendar == cal || (d.Calendar != histdate.Gregorian && d.Calendar != histdate.Julian) ||
		(cal != histdate.Gregorian && cal != histdate.Julian) {
		return d
	}
	move := func(j histdate.JDN) histdate.JDN {
		if j == histdate.MinJDN || j == histdate.MaxJDN {
			return j
		}
		y, m, dd := histdate.FromJDN(d.Calendar, j)
		if !histdate.ValidDay(cal, y, m, dd) { // 29 February in a Julian-only leap year
			dd--
		}
		return histdate.ToJDN(cal, y, m, dd)
	}
	out := d
	out.Calendar = cal
	out.From.Earliest, out.From.Latest = move(d.From.Earliest), move(d.From.Latest)
	if d.Interval {
		out.To.Earliest, out.To.Latest = move(d.To.Earliest), move(d.To.Latest)
	}
	return out
}

// extent names what a date covers: "day", "month", "year", "period".
func extent(d histdate.Date) string {
	if d.Interval {
		return "period"
	}
	return d.From.Precision.String()
}

// explicit reports whether a date's calendar was marked in the text, by
// dual dating or by the curator, rather than assumed.
func explicit(d histdate.Date) bool {
	return !d.CalendarByDefault() && d.CalendarNote != ""
}

// compareDates relates two dates by the days they can mean, in both
// calendar readings where one of them is Julian.
func compareDates(a, b histdate.Date) verdict {
	c := histdate.Compare(a, b)
	switch c.Relation {
	case histdate.Equal:
		return verdict{class: Agree, why: "the same " + extent(a)}
	case histdate.SameDayCalendar:
		x, y := calName(a.Calendar), calName(b.Calendar)
		if y != "Gregorian" {
			x, y = y, x
		}
		if c.OffsetDays != 0 {
			return verdict{class: AgreeAfterNormalisation, why: fmt.Sprintf("%s vs %s, %d days", x, y, c.OffsetDays),
				diff: days(abs(c.OffsetDays)), size: float64(abs(c.OffsetDays))}
		}
		return verdict{class: AgreeAfterNormalisation, why: fmt.Sprintf("%s vs %s, the same days", x, y)}
	case histdate.Contains, histdate.Within:
		coarse, fine, coarser := a, b, 1
		if c.Relation == histdate.Within {
			coarse, fine, coarser = b, a, 2
		}
		why := containsWhy(coarse, fine)
		if julianPair(a, b) {
			r := histdate.Compare(reread(a, b.Calendar), b).Relation
			if r == c.Relation || r == histdate.Equal {
				why += ", in either calendar"
			} else {
				why += ", with the " + calName(nonGregorian(a, b)) + " date converted"
			}
		}
		return verdict{class: Compatible, why: why, coarser: coarser}
	case histdate.Overlaps:
		return verdict{class: Compatible, why: fmt.Sprintf("%s and %s overlap", show(a), show(b))}
	}
	// Disjoint. The figures may yet name one day in two calendars, or one
	// may contain the other when both are read in one calendar.
	if a.IsDay() && b.IsDay() {
		if off, jul, ok := histdate.DualReading(a, b); ok {
			j, g := a, b
			if jul == "b" {
				j, g = b, a
			}
			contrary := (explicit(j) && j.Calendar != histdate.Julian) || (explicit(g) && g.Calendar != histdate.Gregorian)
			if !contrary {
				if j.Calendar == histdate.Julian {
					return verdict{class: AgreeAfterNormalisation, why: fmt.Sprintf("Julian vs Gregorian, %d days", off),
						diff: days(off), size: float64(off)}
				}
				return verdict{class: Compatible, why: fmt.Sprintf("%s vs %s: %d days apart, the Julian–Gregorian offset: the same day if %s is Old Style",
					show(a), show(b), off, show(j)), diff: days(off), size: float64(off)}
			}
		}
	}
	if julianPair(a, b) {
		r := histdate.Compare(reread(a, b.Calendar), b)
		switch r.Relation {
		case histdate.Equal:
			return verdict{class: Compatible, why: fmt.Sprintf("the same figures (%s vs %s), read in two calendars", show(a), show(b))}
		case histdate.Contains:
			return verdict{class: Compatible, why: containsWhy(a, b) + " if both are read in one calendar", coarser: 1}
		case histdate.Within:
			return verdict{class: Compatible, why: containsWhy(b, a) + " if both are read in one calendar", coarser: 2}
		}
	}
	gap := c.GapDays
	apart := days(gap)
	diff, size := days(gap), float64(gap)
	if a.Precision() == b.Precision() && !a.Interval && !b.Interval {
		d := abs(int(a.Earliest() - b.Earliest()))
		diff, size = days(d), float64(d)
		apart = days(d)
		if a.Calendar == b.Calendar {
			switch a.Precision() {
			case histdate.Year, histdate.Decade, histdate.Century:
				apart = plural(abs(a.From.Year-b.From.Year), "year")
			case histdate.Month:
				apart = plural(abs((a.From.Year*12+a.From.Month)-(b.From.Year*12+b.From.Month)), "month")
			}
		}
	}
	why := fmt.Sprintf("%s vs %s: %s apart", show(a), show(b), apart)
	// An approximate date ("c. 1727") is no contradiction of a neighbour
	// within its own span.
	if (a.Qualifiers|b.Qualifiers)&histdate.Approximate != 0 {
		span := max(a.Latest()-a.Earliest(), b.Latest()-b.Earliest()) + 1
		if histdate.JDN(gap) <= span {
			return verdict{class: Compatible, why: why + ", one of them approximate", diff: diff, size: size}
		}
	}
	return verdict{class: Conflict, why: why, diff: diff, size: size}
}

// compareReadings relates two dates by their readings: as read, and, where
// a source leaves the style open, by its other reading too. The reading
// that brings the two nearest decides, and the verdict says which it took
// and why; the same day reached only through the other reading agrees
// after normalisation, never plainly.
func compareReadings(a, b *item) verdict {
	best := compareDates(*a.date, *b.date)
	if best.class.severity() <= AgreeAfterNormalisation.severity() {
		return best
	}
	try := func(x, y histdate.Date, by *item) {
		v := compareDates(x, y)
		if v.class == Agree {
			v.class, v.why = AgreeAfterNormalisation, "the same "+extent(x)
		}
		if v.class.severity() >= best.class.severity() {
			return
		}
		v.why += fmt.Sprintf(", reading %s (%s) as %s", show(*by.date), shortSources(by.m.Claim), styleOf(by.other.Calendar))
		if by.otherWhy != "" {
			v.why += ": " + by.otherWhy
		}
		best = v
	}
	if a.other != nil {
		try(*a.other, *b.date, a)
	}
	if b.other != nil {
		try(*a.date, *b.other, b)
	}
	return best
}

// styleOf names a calendar as a style: "Old Style", "New Style".
func styleOf(c histdate.Calendar) string {
	if c == histdate.Julian {
		return "Old Style"
	}
	return "New Style"
}

// julianPair reports whether one date is Julian and the other Gregorian.
func julianPair(a, b histdate.Date) bool {
	return (a.Calendar == histdate.Julian && b.Calendar == histdate.Gregorian) ||
		(a.Calendar == histdate.Gregorian && b.Calendar == histdate.Julian)
}

// show gives a date as its source wrote it, or in figures.
func show(d histdate.Date) string {
	if d.Written != "" {
		return d.Written
	}
	return d.String()
}

func nonGregorian(a, b histdate.Date) histdate.Calendar {
	if a.Calendar != histdate.Gregorian {
		return a.Calendar
	}
	return b.Calendar
}

// containsWhy says that one date covers another: "month contains the day".
func containsWhy(coarse, fine histdate.Date) string {
	x, y := extent(coarse), extent(fine)
	if x == y {
		return fmt.Sprintf("%s contains %s", show(coarse), show(fine))
	}
	return x + " contains the " + y
}

func days(n int) string { return plural(n, "day") }

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// quantityTolerance is the largest relative difference at which two
// figures in one canonical unit are the same figure.
const quantityTolerance = 0.01

// unitNames are units as people write them.
var unitNames = map[string]string{
	"km2": "km²", "mi2": "square miles", "verst2": "square versts", "ha": "hectares", "acre": "acres",
	"km": "km", "m": "metres", "mi": "miles", "verst": "versts", "li": "li",
	"RUB": "roubles", "RUB-silver": "silver roubles", "RUB-paper": "paper roubles", "tael": "taels", "GBP": "pounds",
	"day": "days", "week": "weeks", "month": "months", "year": "years", "century": "centuries",
}

func unitName(code string) string {
	if n, ok := unitNames[code]; ok {
		return n
	}
	return code
}

// compareQuantities relates two quantities in the canonical unit of their
// dimension.
func compareQuantities(a, b quantity.Quantity) verdict {
	ca, cb := a.Canonical(), b.Canonical()
	if ca.Unit != cb.Unit {
		return verdict{class: Conflict, why: fmt.Sprintf("different measures: %s vs %s", unitName(a.Unit), unitName(b.Unit))}
	}
	tol, note := quantityTolerance, ""
	if ca.Approximate || cb.Approximate {
		tol, note = quantity.ApproxTolerance, ", the conversion being approximate"
	}
	rel := relDiff(ca.Value, cb.Value)
	sameBound := a.Bound == b.Bound && relDiff(ca.Min, cb.Min) <= tol && relDiff(ca.Max, cb.Max) <= tol
	if rel <= tol && sameBound {
		v := verdict{class: Agree, why: "the same figure"}
		if a.Unit != b.Unit {
			x, y := a.Unit, b.Unit
			if x == ca.Unit {
				x, y = y, x
			}
			v = verdict{class: AgreeAfterNormalisation, why: unitName(x) + " vs " + unitName(y) + note}
		}
		if p := math.Round(rel*1000) / 10; p > 0 {
			v.diff, v.size = percent(rel), rel
		}
		return v
	}
	lo, hi := math.Max(ca.Min, cb.Min), math.Min(ca.Max, cb.Max)
	if lo <= hi*(1+tol) {
		v := verdict{class: Compatible}
		if rel <= tol {
			v.why = fmt.Sprintf("the same figure, bounded differently: %s and %s", bounds(a, ca), bounds(b, cb))
		} else {
			v.why = fmt.Sprintf("bounds overlap: %s and %s", bounds(a, ca), bounds(b, cb))
		}
		switch {
		case ca.Min <= cb.Min && ca.Max >= cb.Max && !sameBound:
			v.coarser = 1
		case cb.Min <= ca.Min && cb.Max >= ca.Max && !sameBound:
			v.coarser = 2
		}
		return v
	}
	return verdict{class: Conflict, why: fmt.Sprintf("differ by %s (%s vs %s)", percent(rel), figure(a, ca), figure(b, cb)),
		diff: percent(rel), size: rel}
}

// relDiff is |a−b| relative to the larger; 0 for equal or infinite bounds
// at the same end.
func relDiff(a, b float64) float64 {
	if a == b {
		return 0
	}
	if math.IsInf(a, 0) || math.IsInf(b, 0) {
		return math.Inf(1)
	}
	hi := math.Max(math.Abs(a), math.Abs(b))
	return math.Abs(a-b) / hi
}

func percent(r float64) string {
	p := r * 100
	if p < 1 {
		return strconv.FormatFloat(math.Round(p*10)/10, 'f', -1, 64) + "%"
	}
	return strconv.FormatFloat(math.Round(p), 'f', -1, 64) + "%"
}

// num writes a figure with thousands separators: "479,148".
func num(v float64) string {
	if math.IsInf(v, 0) {
		return "∞"
	}
	if math.Abs(v) >= 100 || v == math.Trunc(v) {
		s := strconv.FormatInt(int64(math.Round(math.Abs(v))), 10)
		var b strings.Builder
		if v < 0 {
			b.WriteByte('-')
		}
		for i, r := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// withUnit writes a figure and a canonical unit.
func withUnit(s, unit string) string {
	if unit == "" {
		return s
	}
	return s + " " + unitName(unit)
}

// figure writes a quantity's figure in the canonical unit, marked ≈ when
// converted: "600,000 km²", "≈479,148 km²".
func figure(q quantity.Quantity, c quantity.Canonical) string {
	s := withUnit(num(c.Value), c.Unit)
	if q.Unit != c.Unit {
		s = "≈" + s
	}
	return s
}

// bounds writes a quantity's bounds in the canonical unit, without the
// unit: ">20,000", "10,000–99,999", "~1,728".
func bounds(q quantity.Quantity, c quantity.Canonical) string {
	switch q.Bound {
	case quantity.BoundMoreThan:
		return ">" + num(c.Min)
	case quantity.BoundAtLeast:
		return "≥" + num(c.Min)
	case quantity.BoundLessThan:
		return "<" + num(c.Max)
	case quantity.BoundAtMost:
		return "≤" + num(c.Max)
	case quantity.BoundAbout:
		return "~" + num(c.Value)
	case quantity.BoundRange, quantity.BoundOrderOfMagnitude:
		return num(c.Min) + "–" + num(c.Max)
	}
	return num(c.Value)
}

// normQuantity writes a quantity in its canonical unit: "479,148 km²",
// ">20,000 troops".
func normQuantity(q quantity.Quantity) string {
	c := q.Canonical()
	return withUnit(bounds(q, c), c.Unit)
}

// selfContradiction says whether one source states two different values
// of a single-valued property, neither subsumed by the other: "000
// against itself". "" when not.
func selfContradiction(items []*item) string {
	for i, a := range items {
		if a.m.SubsumedBy != "" {
			continue
		}
		for _, b := range items[i+1:] {
			if b.m.SubsumedBy != "" || !subset(a.m.Sources, b.m.Sources) || !subset(b.m.Sources, a.m.Sources) {
				continue
			}
			if compare(a, b).class.severity() >= Compatible.severity() {
				return shortSources(a.m.Claim) + " against itself"
			}
		}
	}
	return ""
}

// readingsGroup makes one group of the values of a readings property when
// the sources name different ones: each source's values, compatible (a
// person may hold several titles), with every claim as a member.
func readingsGroup(items []*item) (Group, bool) {
	bySource := map[string][]string{}
	values := map[string]bool{}
	for _, it := range items {
		v := valueKey(it.m.Claim.Value)
		values[v] = true
		for _, s := range it.m.Sources {
			if !contains(bySource[s], it.m.Value) {
				bySource[s] = append(bySource[s], it.m.Value)
			}
		}
	}
	if len(bySource) < 2 || len(values) < 2 {
		return Group{}, false
	}
	srcs := make([]string, 0, len(bySource))
	for s := range bySource {
		srcs = append(srcs, s)
	}
	sort.Strings(srcs)
	var parts []string
	for _, s := range srcs {
		short := s
		if i := strings.Index(s, "_"); i > 0 {
			short = s[:i]
		}
		parts = append(parts, strings.Join(bySource[s], ", ")+" ("+short+")")
	}
	g := Group{Class: Compatible, Qualifiers: "", Why: "the sources name it differently: " + strings.Join(parts, "; ")}
	for _, it := range items {
		g.Members = append(g.Members, it.m)
	}
	return g, true
}
