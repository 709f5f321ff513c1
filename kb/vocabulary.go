package kb

import (
	"fmt"
	"sort"
	"strings"
)

// Term describes one property or qualifier of the vocabulary.
type Term struct {
	Name        string
	ValueTypes  []ValueType
	Wikidata    string // property (P…) or item (Q…) it maps to, "" when none fits
	Lifecycle   bool   // a treaty lifecycle event
	Description string
}

func (t Term) accepts(vt ValueType) bool {
	for _, x := range t.ValueTypes {
		if x == vt {
			return true
		}
	}
	return false
}

func terms(ts ...Term) map[string]Term {
	m := make(map[string]Term, len(ts))
	for _, t := range ts {
		if _, dup := m[t.Name]; dup {
			panic("kb: term twice: " + t.Name)
		}
		m[t.Name] = t
	}
	return m
}

var (
	dateOnly   = []ValueType{TDate}
	entityOnly = []ValueType{TEntity}
	dateOrBool = []ValueType{TDate, TBool}
)

// Properties is the vocabulary of claim properties.
var Properties = terms(
	// Treaty lifecycle. A lifecycle claim's party qualifier names whose
	// act it was, where the act is one party's.
	Term{"negotiated", dateOnly, "P585", true, "the treaty was negotiated (the date or period of the negotiations)"},
	Term{"signed", dateOnly, "P585", true, "the treaty was signed on this date (qualifier place: where)"},
	Term{"ratified", dateOrBool, "P585", true, "a party ratified the treaty (qualifier party)"},
	Term{"ratification_refused", dateOrBool, "", true, "a party refused to ratify the treaty (qualifier party)"},
	Term{"ratifications_exchanged", dateOnly, "", true, "the ratifications were exchanged"},
	Term{"in_force", dateOnly, "P7588", true, "the treaty entered into force (P7588: effective date)"},
	Term{"never_implemented", []ValueType{TBool}, "", true, "the treaty was never (fully) implemented"},
	Term{"confirmed_by", entityOnly, "", true, "a later treaty confirmed this one"},
	Term{"superseded_by", entityOnly, "P1366", true, "a later treaty replaced this one (P1366: replaced by)"},
	Term{"reversed_by", entityOnly, "", true, "a later treaty undid this one's terms"},
	Term{"disowned_by", entityOnly, "", true, "a party disowned the treaty or a clause of it (qualifier clause: the provision)"},
	Term{"supersedes", entityOnly, "P1365", true, "this treaty replaced an earlier one (P1365: replaces)"},
	Term{"reverses", entityOnly, "", true, "this treaty undid an earlier one's terms"},
	Term{"confirms", entityOnly, "", true, "this treaty confirmed an earlier one"},

	// Who and where.
	Term{"party", entityOnly, "P1891", false, "a polity bound by the treaty (P1891: signatory)"},
	Term{"signatory", entityOnly, "P1891", false, "a person who signed (qualifier party: on whose behalf)"},
	Term{"negotiator", entityOnly, "P710", false, "a person who negotiated (P710: participant)"},
	Term{"place_signed", entityOnly, "P1071", false, "where the treaty was signed (P1071: location of creation)"},
	Term{"language_of_text", []ValueType{TText}, "P407", false, "a language a copy of the text was kept in (qualifier party: who kept it)"},
	Term{"number_of_articles", []ValueType{TQuantity}, "P2635", false, "how many articles the treaty has (P2635: number of parts of this work)"},
	Term{"area_ceded", []ValueType{TQuantity}, "P2046", false, "the area the treaty transferred (P2046: area)"},
	Term{"total_area_lost", []ValueType{TQuantity}, "P2046", false, "the area a polity lost over a series of treaties (qualifier party)"},

	// People.
	Term{"born", dateOnly, "P569", false, "date of birth"},
	Term{"died", dateOnly, "P570", false, "date of death"},
	Term{"position", []ValueType{TText}, "P39", false, "a position held (qualifiers start_time, end_time)"},
	Term{"appointed", dateOnly, "P580", false, "appointed to a position (qualifier position)"},
	Term{"represented", entityOnly, "P1268", false, "the polity the person represented (P1268: represents)"},
	Term{"ruler_of", entityOnly, "P1906", false, "head of state of a polity (P1906: office held by head of state)"},
	Term{"sentenced", []ValueType{TText}, "P1596", false, "a sentence passed on the person (P1596: penalty)"},

	// Events and places.
	Term{"start_time", dateOnly, "P580", false, "when an event or state began"},
	Term{"end_time", dateOnly, "P582", false, "when an event or state ended"},
	Term{"point_in_time", dateOnly, "P585", false, "when an event happened"},
	Term{"participant", entityOnly, "P710", false, "a party to an event"},
	Term{"extent", []ValueType{TText}, "P3005", false, "how much of its object a provision covers, in the source's words: the whole, most, a portion (P3005: valid in place)"},
	Term{"initiated_by", entityOnly, "P664", false, "who started or asked for an event: an offer, a request (P664: organizer)"},
	Term{"occupied_by", entityOnly, "", false, "a territory held by a polity without a treaty (qualifiers start_time, end_time)"},
	Term{"claimed_by", entityOnly, "", false, "a polity that claimed a territory it did not hold (qualifiers start_time, end_time)"},
	Term{"held_by", entityOnly, "P17", false, "a territory's holder at some time (qualifiers start_time, end_time)"},
	Term{"located_in", entityOnly, "P131", false, "where a place lies"},
	Term{"part_of", entityOnly, "P361", false, "what a place or event is part of"},
	Term{"troops", []ValueType{TQuantity}, "P1132", false, "armed forces involved (P1132: number of participants)"},
	Term{"cost", []ValueType{TQuantity}, "P2130", false, "what an undertaking cost or would cost (P2130: cost)"},
	Term{"founded", dateOnly, "P571", false, "when a place or institution was founded (P571: inception)"},
	Term{"described_as", []ValueType{TText}, "", false, "how a source characterises the subject, in its words"},

	// Datasets.
	Term{"population", []ValueType{TQuantity}, "P1082", false, "how many people lived in a place or a territory that changed hands (qualifier object)"},
	Term{"system_member", []ValueType{TBool}, "", false, "the polity was a member of the interstate system as a dataset codes it (qualifiers start_time, end_time)"},
)

// The properties of the vocabulary, by name, for the code that writes and
// reads claims: a property is named here once, not spelled out across
// packages. TestPropertyConstants checks each is a term of Properties.
const (
	PropNegotiated             = "negotiated"
	PropSigned                 = "signed"
	PropRatified               = "ratified"
	PropRatificationRefused    = "ratification_refused"
	PropRatificationsExchanged = "ratifications_exchanged"
	PropInForce                = "in_force"
	PropNeverImplemented       = "never_implemented"
	PropConfirmedBy            = "confirmed_by"
	PropSupersededBy           = "superseded_by"
	PropReversedBy             = "reversed_by"
	PropDisownedBy             = "disowned_by"
	PropParty                  = "party"
	PropSignatory              = "signatory"
	PropPlaceSigned            = "place_signed"
	PropAreaCeded              = "area_ceded"
	PropTroops                 = "troops"
	PropOccupiedBy             = "occupied_by"
	PropClaimedBy              = "claimed_by"
	PropHeldBy                 = "held_by"
	PropPartOf                 = "part_of"
)

// The provision types of the vocabulary, by name (see ProvisionTypes).
const (
	ProvCession              = "cession"
	ProvRetrocession         = "retrocession"
	ProvCondominium          = "condominium"
	ProvLease                = "lease"
	ProvNavigationRight      = "navigation_right"
	ProvTradeRight           = "trade_right"
	ProvPortOpening          = "port_opening"
	ProvConsularJurisdiction = "consular_jurisdiction"
	ProvExtraterritoriality  = "extraterritoriality"
)

// Qualifiers is the vocabulary of claim qualifiers.
var Qualifiers = terms(
	Term{"party", entityOnly, "P1891", false, "whose act or view the claim records"},
	Term{"place", entityOnly, "P276", false, "where (P276: location)"},
	Term{"point_in_time", dateOnly, "P585", false, "when"},
	Term{"start_time", dateOnly, "P580", false, "from when"},
	Term{"end_time", dateOnly, "P582", false, "until when"},
	Term{"clause", entityOnly, "P518", false, "the provision the claim is about (P518: applies to part)"},
	Term{"article", []ValueType{TText}, "P958", false, "the article of the treaty (P958: section, verse, paragraph, or clause)"},
	Term{"position", []ValueType{TText}, "P39", false, "the position concerned"},
	Term{"from", entityOnly, "", false, "the polity a territory came from"},
	Term{"to", entityOnly, "", false, "the polity a territory went to"},
	Term{"object", entityOnly, "", false, "the territory or thing concerned"},
	Term{"determination_method", []ValueType{TText}, "P459", false, "how the value was arrived at, as the source says"},
	Term{"other_reading", dateOnly, "", false, "the same written date read in the other calendar, when the text leaves its style (Old or New) open"},
	Term{"other_reading_why", []ValueType{TText}, "", false, "why the other reading of the date may be meant"},
)

// ProvisionType describes one type of treaty provision.
type ProvisionType struct {
	Name        string
	Wikidata    string
	Description string
	// Moves says whether the provision changes who holds a territory.
	Moves bool
	// Right says whether it grants a right to its grantees.
	Right bool
}

// ProvisionTypes is the vocabulary of provision types.
var ProvisionTypes = func() map[string]ProvisionType {
	m := map[string]ProvisionType{}
	for _, p := range []ProvisionType{
		{"cession", "Q1133972", "the grantors give up a territory to the grantees", true, false},
		{"retrocession", "Q1133972", "a territory goes back to its earlier holder (the grantees)", true, false},
		{"condominium", "Q1087458", "a territory is held in common by the grantors and grantees", true, false},
		{"lease", "Q1056553", "the grantors lease the territory to the grantees, who administer it for the term stated; the grantors keep sovereignty", false, true},
		{"boundary", "Q133346", "the border between the parties runs as stated", false, false},
		{"navigation_right", "", "ships of the grantees may sail the rivers or seas named (exclusive: no one else's)", false, true},
		{"trade_right", "", "the grantees may trade where and as stated", false, true},
		{"port_opening", "", "the grantors open the ports or cities named to the grantees", false, true},
		{"consular_jurisdiction", "Q1754734", "the grantees may appoint consuls who judge their own subjects", false, true},
		{"extraterritoriality", "Q1427019", "the grantees' subjects are exempt from the grantors' jurisdiction", false, true},
		{"envoy_right", "", "the grantees may send envoys to the grantors' capital", false, true},
		{"religious_mission", "", "the grantees may keep a religious mission in the grantors' capital", false, true},
		{"boundary_commission", "", "commissioners of the parties are to survey and mark the border", false, false},
		{"most_favoured_nation", "Q1050441", "the grantees get whatever the grantors grant any other power", false, true},
		{"indemnity", "Q1783990", "the grantors pay the grantees the amount stated", false, false},
		{"relocation_of_subjects", "", "the grantors' subjects are to move out of the territory named", false, false},
		{"residence_right", "", "the grantees' subjects may stay in a territory the grantors hold, under the grantees' jurisdiction", false, true},
		{"peace_and_friendship", "", "the parties affirm peace and protect each other's subjects and property", false, false},
		{"text_copies", "", "which copies and languages of the text each party keeps", false, false},
		// The procedures of the Correlates of War territorial change data.
		{"conquest", "", "the grantees take the territory by armed force from the grantors", true, false},
		{"annexation", "", "the grantees extend their sovereignty over the territory unilaterally, by diplomacy", true, false},
		{"secession", "", "the territory leaves the grantors to form the grantees, a new entity", true, false},
		{"unification", "", "the grantors' territory joins with others to form the grantees, a new entity", true, false},
		{"mandate", "", "the League of Nations or the United Nations places the territory under the grantees' control", true, false},
	} {
		m[p.Name] = p
	}
	return m
}()

// Lifecycle lists the lifecycle properties in the order a treaty goes
// through them.
var Lifecycle = []string{"negotiated", "signed", "ratified", "ratification_refused", "ratifications_exchanged",
	"in_force", "never_implemented", "confirmed_by", "superseded_by", "reversed_by", "disowned_by"}

// PropertyNames lists the property names, sorted.
func PropertyNames() []string {
	out := make([]string, 0, len(Properties))
	for n := range Properties {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// UnknownTerm describes an unknown name and the ones that are known.
func UnknownTerm(what, name string, known []string) error {
	return fmt.Errorf("unknown %s %q (known: %s)", what, name, strings.Join(known, ", "))
}
