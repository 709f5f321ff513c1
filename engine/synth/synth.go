// Package synth generates synthetic treaty systems, reproducible from a
// seed, to test and benchmark the engine at sizes no curated knowledge
// base reaches: polities, territories and rivers, treaties with a signing
// date and a lifecycle, and provisions that move territories and grant
// rights. Every claim and provision cites one piece of evidence in one fake
// source (Source), so that each of them validates.
//
// Generation is built for a million provisions in about a second, nearly
// all of it spent filling the provisions themselves: identifiers are
// substrings of a few large strings, a provision's lists of one party or
// object are one-element windows on the slices of ids, and the evidence
// of each quote is one slice shared by every claim or provision that
// cites it. Treat what Generate returns as read-only.
package synth

import (
	"cmp"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"treatyline/histdate"
	"treatyline/kb"
)

// SourceID is the id of the fake source that all synthetic evidence cites.
const SourceID = "synth"

// Config sizes a synthetic treaty system. The same Config always gives the
// same system.
type Config struct {
	Seed int64
	// Polities are the parties to the treaties; at least two are made
	// when there are treaties.
	Polities int
	// Territories are what cessions, retrocessions and condominiums move;
	// one river (the object of navigation rights) is added for every ten
	// territories, and at least one territory is made when there are
	// provisions.
	Territories int
	// Treaties each have a signing date and perhaps a successor, a
	// refusal to ratify, or a note that they were never implemented; at
	// least one is made when there are provisions.
	Treaties int
	// Provisions are spread at random over the treaties.
	Provisions int
}

// The shares, in per mille, of treaties with each lifecycle event, and of
// signing dates with each precision and calendar. Old Style dates are only
// written before 1918, when Russia left the Julian calendar.
const (
	supersededPM     = 100
	neverImplPM      = 30
	refusedPM        = 50
	threePartiesPM   = 200
	monthPrecisionPM = 250
	yearPrecisionPM  = 150
	julianPM         = 150
	exclusivePM      = 100
	lastJulianYear   = 1917
)

// provisionKind is one type of provision the generator makes, with its
// weight in the mix, its quote, and what its objects are.
type provisionKind struct {
	typ      string
	weight   int
	quote    string
	object   objectKind
	evidence []kb.Evidence // the quote's, shared by all provisions of the kind
}

type objectKind uint8

const (
	noObject objectKind = iota
	territoryObject
	riverObject
)

// provisionKinds is the mix of provisions: nearly half move territories,
// the rest grant rights. Weights sum to 100.
var provisionKinds = []provisionKind{
	{"cession", 30, "cedes in perpetuity the territory named", territoryObject, nil},
	{"retrocession", 10, "restores to its former sovereign the territory named", territoryObject, nil},
	{"condominium", 5, "shall hold in common the territory named", territoryObject, nil},
	{"navigation_right", 12, "ships may sail the river named", riverObject, nil},
	{"trade_right", 12, "merchants may trade freely in the territory named", territoryObject, nil},
	{"port_opening", 10, "the ports of the territory named are opened to trade", territoryObject, nil},
	{"extraterritoriality", 6, "subjects are exempt from the local jurisdiction", territoryObject, nil},
	{"consular_jurisdiction", 5, "consuls shall judge their own subjects", territoryObject, nil},
	{"most_favoured_nation", 5, "shall enjoy whatever is granted to any other power", noObject, nil},
	{"residence_right", 3, "subjects may reside under their own jurisdiction", territoryObject, nil},
	{"envoy_right", 2, "may send an envoy to the capital", noObject, nil},
}

// Quotes of the lifecycle claims.
const (
	signedQuote    = "done and signed in duplicate"
	supersedeQuote = "replaces in all its articles the earlier treaty"
	neverImplQuote = "was never carried into effect"
	refusedQuote   = "declined to ratify the treaty"
)

var (
	// kindOf maps a draw in [0, 100) to an index in provisionKinds.
	kindOf [100]uint8
	// The evidence of each lifecycle claim, located in sourceText.
	signedEvidence, supersedeEvidence, neverImplEvidence, refusedEvidence []kb.Evidence
	sourceText                                                            string
)

func init() {
	n := 0
	for i, k := range provisionKinds {
		for range k.weight {
			kindOf[n] = uint8(i)
			n++
		}
	}
	if n != len(kindOf) {
		panic("synth: provision weights do not sum to 100")
	}
	quotes := []string{signedQuote, supersedeQuote, neverImplQuote, refusedQuote}
	for _, k := range provisionKinds {
		quotes = append(quotes, k.quote)
	}
	evidence := make([]kb.Evidence, len(quotes))
	one := func(i int) []kb.Evidence { return evidence[i : i+1 : i+1] }
	var sb strings.Builder
	sb.WriteString("Synthetic treaty texts.\n")
	starts := make([]int, len(quotes))
	for i, q := range quotes {
		starts[i] = sb.Len() // the text is ASCII: bytes are code points
		sb.WriteString(q)
		sb.WriteString(".\n")
	}
	sourceText = sb.String()
	sum := kb.HashText(sourceText)
	for i, q := range quotes {
		evidence[i] = kb.Evidence{Source: SourceID, SHA256: sum, Quote: kb.TextQuoteSelector{Exact: q},
			Position: kb.TextPositionSelector{Start: starts[i], End: starts[i] + len(q)}}
	}
	signedEvidence, supersedeEvidence, neverImplEvidence, refusedEvidence = one(0), one(1), one(2), one(3)
	for i := range provisionKinds {
		provisionKinds[i].evidence = one(4 + i)
	}
}

// Source gives the fake source that all synthetic evidence cites; every
// quote stands in its text at the position the evidence records.
func Source() kb.Source {
	return kb.Source{ID: SourceID, Title: "Synthetic treaty texts", Language: "en", Origin: "engine/synth",
		SHA256: kb.HashText(sourceText), Text: sourceText}
}

// treatyPlan is what is drawn for one treaty before its claims are made.
type treatyPlan struct {
	effect     histdate.JDN // the last day the signing date can mean
	dateEnd    int          // end of its written date in the dates string
	parties    [3]int32     // polity numbers
	nParties   int
	successor  int32 // a treaty number, or -1
	neverImpl  bool
	refusedBy  int32 // a polity number, or -1
	provisions int
}

// Generate makes a synthetic treaty system: the entities (polities,
// territories, rivers, treaties, in that order), the lifecycle claims of
// the treaties (a signing date for each; some superseded by a later
// treaty, some never implemented, some refused ratification by a party),
// and the provisions, grouped by treaty. Claims and provisions are
// accepted, of normal rank, and cite Source.
func Generate(cfg Config) (entities []kb.Entity, claims []kb.Claim, provisions []kb.Provision) {
	cfg = cfg.normal()
	g := &generator{rng: rand.NewPCG(uint64(cfg.Seed), 0x7265617479)} // "treaty"
	rivers := cfg.Territories / 10
	if cfg.Provisions > 0 {
		rivers = max(rivers, 1)
	}

	polityIDs := numbered("polity/synth-", cfg.Polities)
	territoryIDs := numbered("territory/synth-", cfg.Territories)
	riverIDs := numbered("river/synth-", rivers)
	treatyIDs := numbered("treaty/synth-", cfg.Treaties)
	entities = make([]kb.Entity, 0, cfg.Polities+cfg.Territories+rivers+cfg.Treaties)
	entities = appendEntities(entities, kb.KindPolity, polityIDs, "Polity ")
	entities = appendEntities(entities, kb.KindTerritory, territoryIDs, "Territory ")
	entities = appendEntities(entities, kb.KindRiver, riverIDs, "River ")
	entities = appendEntities(entities, kb.KindTreaty, treatyIDs, "Treaty ")

	plans, dates := g.treaties(cfg)
	for range cfg.Provisions {
		plans[g.intn(cfg.Treaties)].provisions++
	}

	claims = g.claims(plans, dates, treatyIDs, polityIDs)
	provisions = g.provisions(cfg, plans, treatyIDs, polityIDs, territoryIDs, riverIDs)
	return entities, claims, provisions
}

// normal raises the counts to what the others need.
func (c Config) normal() Config {
	c.Polities, c.Territories, c.Treaties, c.Provisions = max(c.Polities, 0), max(c.Territories, 0), max(c.Treaties, 0), max(c.Provisions, 0)
	if c.Provisions > 0 {
		c.Treaties, c.Territories = max(c.Treaties, 1), max(c.Territories, 1)
	}
	if c.Treaties > 0 {
		c.Polities = max(c.Polities, 2)
	}
	return c
}

type generator struct {
	rng *rand.PCG
}

// intn draws from [0, n) by Lemire's multiply-shift: stable across Go
// releases, unlike rand.Rand's methods, and as uniform as a synthetic
// system needs.
func (g *generator) intn(n int) int {
	hi, _ := bits.Mul64(g.rng.Uint64(), uint64(n))
	return int(hi)
}

// other draws a number in [0, n) that is not among taken.
func (g *generator) other(n int, taken []int32) int32 {
	for {
		x := int32(g.intn(n))
		if !slices.Contains(taken, x) {
			return x
		}
	}
}

// chance reports true with a probability of pm per mille.
func (g *generator) chance(pm int) bool { return g.intn(1000) < pm }

var monthNames = [13]string{"", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

var (
	firstDay = histdate.GregorianToJDN(1600, 1, 1)
	lastDay  = histdate.GregorianToJDN(1950, 12, 31)
)

// treaties draws each treaty's date, parties and lifecycle, and writes
// the dates one after another into one string.
func (g *generator) treaties(cfg Config) ([]treatyPlan, string) {
	plans := make([]treatyPlan, cfg.Treaties)
	var sb strings.Builder
	sb.Grow(cfg.Treaties * 16)
	var buf []byte
	for i := range plans {
		p := &plans[i]
		p.successor, p.refusedBy = -1, -1
		buf, p.effect = g.date(buf[:0])
		sb.Write(buf)
		p.dateEnd = sb.Len()
		p.nParties = 2
		if g.chance(threePartiesPM) && cfg.Polities >= 3 {
			p.nParties = 3
		}
		for k := range p.nParties {
			p.parties[k] = g.other(cfg.Polities, p.parties[:k])
		}
		p.neverImpl = g.chance(neverImplPM)
		if g.chance(refusedPM) {
			p.refusedBy = p.parties[g.intn(p.nParties)]
		}
	}
	// A successor is one of the next treaties to take effect.
	order := make([]int32, len(plans))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(cmp.Compare(plans[a].effect, plans[b].effect), cmp.Compare(a, b))
	})
	for k, i := range order {
		if !g.chance(supersededPM) || k+1 == len(order) {
			continue
		}
		j := order[k+1+g.intn(min(20, len(order)-k-1))]
		if plans[j].effect > plans[i].effect {
			plans[i].successor = j
		}
	}
	return plans, sb.String()
}

// date draws a signing date in 1600–1950 and appends it as a source would
// write it: "16 May 1858", "May 28, 1858", "November 1860", "1727", with
// " O.S." after a Julian day or month. It gives the last day the date can
// mean, as the date reader reads it.
func (g *generator) date(buf []byte) ([]byte, histdate.JDN) {
	j := firstDay + histdate.JDN(g.intn(int(lastDay-firstDay)+1))
	cal := histdate.Gregorian
	precision := g.intn(1000)
	if precision >= yearPrecisionPM && g.chance(julianPM) {
		if y, _, _ := histdate.JDNToGregorian(j); y <= lastJulianYear {
			cal = histdate.Julian
		}
	}
	y, m, d := histdate.FromJDN(cal, j)
	switch {
	case precision < yearPrecisionPM:
		return strconv.AppendInt(buf, int64(y), 10), histdate.GregorianToJDN(y, 12, 31)
	case precision < yearPrecisionPM+monthPrecisionPM:
		buf = append(buf, monthNames[m]...)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, int64(y), 10)
		j = histdate.ToJDN(cal, y, m, histdate.DaysIn(cal, y, m))
	case precision%2 == 0:
		buf = strconv.AppendInt(buf, int64(d), 10)
		buf = append(buf, ' ')
		buf = append(buf, monthNames[m]...)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, int64(y), 10)
	default:
		buf = append(buf, monthNames[m]...)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, int64(d), 10)
		buf = append(buf, ", "...)
		buf = strconv.AppendInt(buf, int64(y), 10)
	}
	if cal == histdate.Julian {
		buf = append(buf, " O.S."...)
	}
	return buf, j
}

// claims makes the lifecycle claims, treaty by treaty.
func (g *generator) claims(plans []treatyPlan, dates string, treatyIDs, polityIDs []string) []kb.Claim {
	n := 0
	for _, p := range plans {
		n++
		if p.successor >= 0 {
			n++
		}
		if p.neverImpl {
			n++
		}
		if p.refusedBy >= 0 {
			n++
		}
	}
	ids := numbered("claim/synth-", n)
	claims := make([]kb.Claim, 0, n)
	add := func(subject, property string, v kb.Value, ev []kb.Evidence) *kb.Claim {
		claims = append(claims, kb.Claim{ID: ids[len(claims)], Subject: subject, Property: property, Value: v,
			Evidence: ev, Status: kb.Accepted, Rank: kb.Normal, RecordedBy: "synth"})
		return &claims[len(claims)-1]
	}
	dateStart := 0
	for i, p := range plans {
		t := treatyIDs[i]
		add(t, "signed", kb.DateValue(dates[dateStart:p.dateEnd], "", "en"), signedEvidence)
		dateStart = p.dateEnd
		if p.successor >= 0 {
			add(t, "superseded_by", kb.EntityValue(treatyIDs[p.successor]), supersedeEvidence)
		}
		if p.neverImpl {
			add(t, "never_implemented", kb.BoolValue(true), neverImplEvidence)
		}
		if p.refusedBy >= 0 {
			c := add(t, "ratification_refused", kb.BoolValue(true), refusedEvidence)
			c.Qualifiers = map[string]kb.Value{"party": kb.EntityValue(polityIDs[p.refusedBy])}
		}
	}
	return claims
}

// provisions makes each treaty's provisions between its parties. A
// provision's lists of one id are one-element windows on the id slices,
// and its evidence is its kind's: neither costs an allocation.
func (g *generator) provisions(cfg Config, plans []treatyPlan, treatyIDs, polityIDs, territoryIDs, riverIDs []string) []kb.Provision {
	most := 0
	for _, p := range plans {
		most = max(most, p.provisions)
	}
	ids := provisionIDs(plans, most)
	one := func(ids []string, i int) []string { return ids[i : i+1 : i+1] }
	provisions := make([]kb.Provision, cfg.Provisions)
	n := 0
	for i, p := range plans {
		for range p.provisions {
			k := &provisionKinds[kindOf[g.intn(len(kindOf))]]
			a := g.intn(p.nParties)
			b := (a + 1 + g.intn(p.nParties-1)) % p.nParties
			// Filled in place: the struct is large, and copying it in
			// would cost write barriers while the collector runs.
			pr := &provisions[n]
			pr.ID, pr.Treaty, pr.Type, pr.Evidence = ids[n], treatyIDs[i], k.typ, k.evidence
			pr.Status, pr.Rank = kb.Accepted, kb.Normal
			pr.Grantors = one(polityIDs, int(p.parties[a]))
			pr.Grantees = one(polityIDs, int(p.parties[b]))
			if k.typ == "condominium" && p.nParties == 3 && g.chance(500) {
				pr.Grantees = []string{polityIDs[p.parties[b]], polityIDs[p.parties[3-a-b]]}
			}
			switch k.object {
			case territoryObject:
				pr.Objects = one(territoryIDs, g.intn(len(territoryIDs)))
			case riverObject:
				pr.Objects = one(riverIDs, g.intn(len(riverIDs)))
				pr.Exclusive = g.chance(exclusivePM)
			}
			n++
		}
	}
	return provisions
}

// provisionIDs names each treaty's provisions after it:
// "provision/synth-17/0", "provision/synth-17/1", …, all substrings of
// one string.
func provisionIDs(plans []treatyPlan, most int) []string {
	const prefix = "provision/synth-"
	n := 0
	for _, p := range plans {
		n += p.provisions
	}
	var sb strings.Builder
	sb.Grow(n * (len(prefix) + digits(len(plans)) + 1 + digits(most)))
	var buf []byte
	for i, p := range plans {
		for k := range p.provisions {
			buf = append(buf[:0], prefix...)
			buf = strconv.AppendInt(buf, int64(i), 10)
			buf = append(buf, '/')
			buf = strconv.AppendInt(buf, int64(k), 10)
			sb.Write(buf)
		}
	}
	s, ids, at := sb.String(), make([]string, 0, n), 0
	for i, p := range plans {
		for k := range p.provisions {
			end := at + len(prefix) + digits(i) + 1 + digits(k)
			ids = append(ids, s[at:end])
			at = end
		}
	}
	return ids
}

// numbered gives prefix+"0" … prefix+(n-1), all substrings of one
// string.
func numbered(prefix string, n int) []string {
	var sb strings.Builder
	sb.Grow(n * (len(prefix) + digits(n)))
	var buf []byte
	for i := range n {
		buf = append(buf[:0], prefix...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		sb.Write(buf)
	}
	s, out, at := sb.String(), make([]string, n), 0
	for i := range out {
		end := at + len(prefix) + digits(i)
		out[i] = s[at:end]
		at = end
	}
	return out
}

// appendEntities adds entities of a kind with English labels
// ("Territory 17", from the number in the id).
func appendEntities(entities []kb.Entity, kind kb.Kind, ids []string, label string) []kb.Entity {
	labels := numbered(label, len(ids))
	for i, id := range ids {
		entities = append(entities, kb.Entity{ID: id, Kind: kind, Labels: map[string]string{"en": labels[i]}})
	}
	return entities
}

// digits counts the decimal digits of n ≥ 0.
func digits(n int) int {
	d := 1
	for n >= 10 {
		n /= 10
		d++
	}
	return d
}
