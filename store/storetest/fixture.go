package storetest

import (
	"strings"
	"time"
	"unicode/utf8"

	"treatyline/histdate"
	"treatyline/kb"
)

// The fixture is a small knowledge base about the Treaty of Aigun, made to
// touch every field of every record: labels in Latin, Cyrillic and Han
// script, GeoJSON of three geometry types, dates in three calendars and
// languages, quantities, qualifiers (one naming a provision), claims with
// several pieces of evidence and with none, provisions with every list.
// The texts are short paraphrases written for the test, not quotations.

// Times are whole microseconds: PostgreSQL keeps no finer.
var (
	t0 = time.Date(2025, 3, 1, 9, 30, 0, 123456000, time.UTC)
	t1 = t0.Add(time.Hour)
	t2 = t0.Add(2 * time.Hour)
)

const (
	textEN = "The Treaty of Aigun was signed on 16 May 1858 (Old Style) at Aigun by Nikolay Muravyov " +
		"for Russia and Yishan for the Qing. It gave Russia the left bank of the Amur and placed the land " +
		"between the Ussuri and the sea under joint rule pending a future settlement. The Qing court " +
		"refused to ratify it. About 600,000 km² changed hands."
	textNL = "Het Verdrag van Aigun werd op 28 mei 1858 getekend. Muravjov tekende voor Rusland. " +
		"Alleen Russische en Chinese schepen mochten op de Amoer varen."
	textZH = "璦琿條約於咸豐八年四月十六日在璦琿簽訂。"
)

// Source ids. They sort in byte order as en < nl < zh.
const (
	srcEN = "source/en-aigun"
	srcNL = "source/nl-aigun"
	srcZH = "source/zh-aigun"
)

func texts() map[string]string {
	return map[string]string{srcEN: textEN, srcNL: textNL, srcZH: textZH}
}

// ev makes the evidence for the first occurrence of exact in a source's
// text, with code-point offsets and some context, as the extractor would.
// The hash is left for the store to fill in, unless withHash.
func ev(source, exact string, withHash bool) kb.Evidence {
	text := texts()[source]
	i := strings.Index(text, exact)
	if i < 0 {
		panic("storetest: " + exact + " is not in " + source)
	}
	start := utf8.RuneCountInString(text[:i])
	e := kb.Evidence{
		Source: source,
		Quote: kb.TextQuoteSelector{
			Exact:  exact,
			Prefix: lastRunes(text[:i], 12),
			Suffix: firstRunes(text[i+len(exact):], 12),
		},
		Position: kb.TextPositionSelector{Start: start, End: start + utf8.RuneCountInString(exact)},
	}
	if withHash {
		e.SHA256 = kb.HashText(text)
	}
	return e
}

func lastRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[len(r)-n:]
	}
	return string(r)
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

// Entity ids.
const (
	aigun      = "treaty/aigun-1858"
	peking     = "treaty/peking-1860"
	russia     = "polity/russia"
	qing       = "polity/qing"
	britain    = "polity/britain"
	muravyov   = "person/muravyov"
	amur       = "river/amur"
	aigunCity  = "city/aigun"
	leftBank   = "territory/amur-left-bank"
	ussuriLand = "territory/ussuri-sea"
)

// Provision ids.
const (
	provLeftBank   = "provision/aigun-1858/1-left-bank"
	provUssuri     = "provision/aigun-1858/1-ussuri"
	provNavigation = "provision/aigun-1858/1-navigation"
	provPekingCede = "provision/peking-1860/1-cession"
)

func sources() []kb.Source {
	return []kb.Source{
		// Given in an order other than the id order, with and without
		// their texts and hashes.
		{ID: srcZH, Title: "璦琿條約 (摘要)", Language: "zh", Origin: "test", Text: textZH, Added: t0},
		{ID: srcEN, Title: "Treaty of Aigun", Language: "en", Origin: "corpus", SHA256: kb.HashText(textEN), Text: textEN, Added: t0},
		{ID: srcNL, Title: "Verdrag van Aigun", Language: "nl", Origin: "https://example.org/aigun", SHA256: kb.HashText(textNL), Added: t1},
	}
}

func entities() []kb.Entity {
	return []kb.Entity{
		{ID: aigun, Kind: kb.KindTreaty,
			Labels: map[string]string{"en": "Treaty of Aigun", "ru": "Айгунский договор", "zh": "璦琿條約", "nl": "Verdrag van Aigun"},
			Aliases: []kb.Alias{
				{Text: "Aihun Treaty", Lang: "en"},
				{Text: "瑷珲条约", Lang: "zh-Hans"},
				{Text: "Айгунский трактат", Lang: "ru"},
				{Text: "Aigun"},
			},
			Description: "signed in 1858 at Aigun on the Amur",
			Wikidata:    "Q123456789", // made up: only its round trip matters
		},
		{ID: peking, Kind: kb.KindTreaty, Labels: map[string]string{"en": "Convention of Peking", "zh": "北京條約"}},
		{ID: russia, Kind: kb.KindPolity, Labels: map[string]string{"en": "Russian Empire", "ru": "Российская империя"}},
		{ID: qing, Kind: kb.KindPolity, Labels: map[string]string{"en": "Qing China", "zh": "大清"}, Aliases: []kb.Alias{{Text: "China"}}},
		{ID: britain, Kind: kb.KindPolity, Labels: map[string]string{"en": "United Kingdom"}},
		{ID: muravyov, Kind: kb.KindPerson,
			Labels: map[string]string{"en": "Nikolay Muravyov-Amursky", "ru": "Николай Николаевич Муравьёв-Амурский"},
			Aliases: []kb.Alias{
				{Text: "Muraviev"}, {Text: "Muravyov", Lang: "en"},
				{Text: "Nikolai Nikolajevitsj Muravyov", Lang: "nl"}, {Text: "Muravjov", Lang: "nl"},
			},
		},
		{ID: amur, Kind: kb.KindRiver,
			Labels: map[string]string{"en": "Amur", "ru": "Амур", "zh": "黑龍江", "nl": "Amoer"},
			Geometry: &kb.Geometry{
				GeoJSON:     []byte(`{"type":"LineString","coordinates":[[121.5,53.3],[127.5,49.8],[135.1,48.5],[140.7,52.9]]}`),
				Approximate: true,
				Note:        "four points along the course, drawn by hand",
			},
		},
		{ID: aigunCity, Kind: kb.KindCity, Labels: map[string]string{"en": "Aigun", "zh": "璦琿"},
			Geometry: &kb.Geometry{GeoJSON: []byte(`{"type": "Point", "coordinates": [127.33, 50.23]}`)}},
		{ID: leftBank, Kind: kb.KindTerritory, Labels: map[string]string{"en": "Left bank of the Amur"}},
		{ID: ussuriLand, Kind: kb.KindTerritory, Labels: map[string]string{"en": "Land between the Ussuri and the sea"},
			Geometry: &kb.Geometry{
				GeoJSON:     []byte(`{"type":"Polygon","coordinates":[[[131.0,48.4],[141.0,52.0],[139.0,45.0],[131.0,43.0],[131.0,48.4]]]}`),
				Approximate: true,
			}},
	}
}

// claims are the fixture's claims; the ids say what each is for.
func claims() []kb.Claim {
	return []kb.Claim{
		{ID: "claim/aigun-signed-os", Subject: aigun, Property: "signed",
			Value:      kb.DateValue("16 May 1858", histdate.Julian, "en"),
			Qualifiers: map[string]kb.Value{"place": kb.EntityValue(aigunCity)},
			Evidence:   []kb.Evidence{ev(srcEN, "16 May 1858 (Old Style)", false), ev(srcEN, "at Aigun", true)},
			Status:     kb.Accepted, Rank: kb.Preferred, Note: "Julian; the same day as 28 May",
			RecordedAt: t0, RecordedBy: "fixture"},
		{ID: "claim/aigun-signed-ns", Subject: aigun, Property: "signed",
			Value:    kb.DateValue("28 mei 1858", histdate.Gregorian, "nl"),
			Evidence: []kb.Evidence{ev(srcNL, "op 28 mei 1858 getekend", false)},
			Status:   kb.Accepted, Rank: kb.Normal, RecordedAt: t0, RecordedBy: "fixture"},
		{ID: "claim/aigun-signed-zh", Subject: aigun, Property: "signed",
			Value:    kb.DateValue("咸豐八年四月十六日", histdate.Chinese, "zh"),
			Evidence: []kb.Evidence{ev(srcZH, "咸豐八年四月十六日", false)},
			Status:   kb.Candidate, Rank: kb.Normal, RecordedAt: t0, RecordedBy: "extract"},
		{ID: "claim/aigun-party-russia", Subject: aigun, Property: "party", Value: kb.EntityValue(russia),
			Evidence: []kb.Evidence{ev(srcEN, "for Russia", false), ev(srcNL, "voor Rusland", false)},
			Status:   kb.Accepted, Rank: kb.Normal, RecordedAt: t0, RecordedBy: "fixture"},
		{ID: "claim/aigun-party-qing", Subject: aigun, Property: "party", Value: kb.EntityValue(qing),
			Evidence: []kb.Evidence{ev(srcEN, "for the Qing", false)},
			Status:   kb.Accepted, Rank: kb.Normal, RecordedAt: t0, RecordedBy: "fixture"},
		{ID: "claim/aigun-refused-qing", Subject: aigun, Property: "ratification_refused", Value: kb.BoolValue(true),
			Qualifiers: map[string]kb.Value{"party": kb.EntityValue(qing)},
			Evidence:   []kb.Evidence{ev(srcEN, "refused to ratify it", false)},
			Status:     kb.Candidate, Rank: kb.Normal, RecordedAt: t1, RecordedBy: "extract"},
		{ID: "claim/aigun-area-km2", Subject: aigun, Property: "area_ceded",
			Value: kb.QuantityValue("About 600,000 km²", "en"),
			Qualifiers: map[string]kb.Value{
				"determination_method": kb.TextValue("as the source gives it"),
				"from":                 kb.EntityValue(qing),
				"to":                   kb.EntityValue(russia),
			},
			Evidence: []kb.Evidence{ev(srcEN, "About 600,000 km²", false)},
			Status:   kb.Candidate, Rank: kb.Normal, RecordedAt: t1, RecordedBy: "extract"},
		{ID: "claim/aigun-signatory", Subject: aigun, Property: "signatory", Value: kb.EntityValue(muravyov),
			Qualifiers: map[string]kb.Value{"party": kb.EntityValue(russia), "point_in_time": kb.DateValue("16 мая 1858", histdate.Julian, "ru")},
			Evidence:   []kb.Evidence{ev(srcEN, "by Nikolay Muravyov", false), ev(srcNL, "Muravjov tekende", false)},
			Status:     kb.Accepted, Rank: kb.Normal, RecordedAt: t0, RecordedBy: "fixture"},
		{ID: "claim/aigun-disowned", Subject: aigun, Property: "disowned_by", Value: kb.EntityValue(qing),
			Qualifiers: map[string]kb.Value{"clause": kb.EntityValue(provUssuri)}, // a provision, not an entity
			Status:     kb.Candidate, Rank: kb.Normal, RecordedAt: t2, RecordedBy: "curator"},
		{ID: "claim/muravyov-described", Subject: muravyov, Property: "described_as",
			Value:  kb.TextValue("governor-general of Eastern Siberia"),
			Status: kb.Candidate, Rank: kb.Deprecated, Note: "no evidence yet", RecordedAt: t2, RecordedBy: "curator"},
		{ID: "claim/amur-held-qing", Subject: leftBank, Property: "held_by", Value: kb.EntityValue(qing),
			Qualifiers: map[string]kb.Value{"end_time": kb.DateValue("1858", "", "en")},
			Evidence:   []kb.Evidence{ev(srcEN, "the left bank of the Amur", false)},
			Status:     kb.Rejected, Rank: kb.Normal, RecordedAt: t1, RecordedBy: "curator"},
	}
}

func provisions() []kb.Provision {
	return []kb.Provision{
		{ID: provUssuri, Treaty: aigun, Type: "condominium", Article: "1",
			Grantors: []string{qing}, Grantees: []string{russia}, Objects: []string{ussuriLand},
			Limits:   "pending a future settlement",
			Evidence: []kb.Evidence{ev(srcEN, "under joint rule pending a future settlement", false)},
			Status:   kb.Accepted, Rank: kb.Normal, Note: "disowned by the Qing court"},
		{ID: provLeftBank, Treaty: aigun, Type: "cession", Article: "1",
			Grantors: []string{qing}, Grantees: []string{russia}, Objects: []string{leftBank, amur},
			Amount:   &kb.Value{Type: kb.TQuantity, Text: "About 600,000 km²", Lang: "en"},
			Evidence: []kb.Evidence{ev(srcEN, "gave Russia the left bank of the Amur", true)},
			Status:   kb.Accepted, Rank: kb.Preferred},
		{ID: provNavigation, Treaty: aigun, Type: "navigation_right", Article: "1",
			Grantors: []string{qing, russia}, Grantees: []string{russia, qing}, Objects: []string{amur},
			Excludes: []string{britain},
			Evidence: []kb.Evidence{ev(srcNL, "Alleen Russische en Chinese schepen mochten op de Amoer varen", false)},
			Status:   kb.Candidate, Rank: kb.Normal,
			Exclusive: true},
		{ID: provPekingCede, Treaty: peking, Type: "cession",
			Grantors: []string{qing}, Grantees: []string{russia}, Objects: []string{ussuriLand},
			Evidence: []kb.Evidence{ev(srcEN, "between the Ussuri and the sea", false)},
			Status:   kb.Candidate, Rank: kb.Normal},
	}
}

// world is the whole fixture as one batch, new each time it is called.
func world() kb.Batch {
	return kb.Batch{
		Sources:    sources(),
		Entities:   entities(),
		Claims:     claims(),
		Provisions: provisions(),
		Meta:       map[string]string{"fixture": "aigun"},
	}
}

// stored gives what a store holds of a batch: evidence carries its
// source's hash, a source its hash, and an entity given no status is
// accepted.
func stored(b kb.Batch) kb.Batch {
	for i := range b.Entities {
		if b.Entities[i].Status == "" {
			b.Entities[i].Status = kb.Accepted
		}
	}
	hashes := map[string]string{}
	for i, s := range b.Sources {
		if s.SHA256 == "" {
			b.Sources[i].SHA256 = kb.HashText(s.Text)
		}
		hashes[s.ID] = b.Sources[i].SHA256
	}
	for _, e := range b.Entities {
		fillHashes(e.Evidence, hashes)
	}
	for _, c := range b.Claims {
		fillHashes(c.Evidence, hashes)
	}
	for _, p := range b.Provisions {
		fillHashes(p.Evidence, hashes)
	}
	return b
}

func fillHashes(ev []kb.Evidence, hashes map[string]string) {
	for i := range ev {
		if ev[i].SHA256 == "" {
			ev[i].SHA256 = hashes[ev[i].Source]
		}
	}
}
