package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"treatyline/kb"
)

var candidateEntities = []kb.Entity{
	{ID: "polity/qing", Kind: kb.KindPolity, Labels: map[string]string{"en": "Qing", "ru": "Китай", "zh": "清政府"}, Aliases: []kb.Alias{{Text: "China"}}},
	{ID: "polity/russia", Kind: kb.KindPolity, Labels: map[string]string{"en": "Russia", "nl": "Rusland", "ru": "Россия", "zh": "俄國"}},
	{ID: "treaty/aigun", Kind: kb.KindTreaty, Labels: map[string]string{"en": "Treaty of Aigun", "ru": "Айгунский договор", "zh": "璦琿條約"}},
	{ID: "treaty/peking", Kind: kb.KindTreaty, Labels: map[string]string{"en": "Convention of Peking"}},
	{ID: "treaty/nanking", Kind: kb.KindTreaty, Labels: map[string]string{"en": "Treaty of Nanking"}},
	{ID: "territory/left-bank", Kind: kb.KindTerritory, Labels: map[string]string{"en": "left bank of the Amur", "nl": "linkeroever van de Amoer", "ru": "левый берег Амура", "zh": "黑龍江以北"}},
	{ID: "territory/ussuri", Kind: kb.KindTerritory, Labels: map[string]string{"en": "land between the Ussuri and the sea"}},
}

// claimKeys writes the candidate claims as "subject property [party]".
func claimKeys(r Result) []string {
	var out []string
	for _, c := range r.Candidates {
		if c.Claim == nil {
			continue
		}
		k := c.Claim.Subject + " " + c.Claim.Property
		if p, ok := c.Claim.Qualifiers["party"]; ok {
			k += " " + p.Entity
		}
		out = append(out, k)
	}
	for _, c := range r.Candidates {
		if p := c.Provision; p != nil && p.Type == "cession" {
			out = append(out, fmt.Sprintf("%s cession %s>%s %s", p.Treaty, strings.Join(p.Grantors, ","), strings.Join(p.Grantees, ","), strings.Join(p.Objects, ",")))
		}
	}
	return out
}

// TestExtractRelations reads relations from short documents written for
// the test, in several languages: what must be proposed, and what must
// not.
func TestExtractRelations(t *testing.T) {
	for _, c := range []struct {
		name, lang, text string
		want, not        []string
	}{
		{"the treaty of the passage, though the sentence names another", "en",
			"The Treaty of Aigun was signed on 28 May 1858. The Qing court refused to ratify the treaty, but in 1860 the Convention of Peking confirmed its terms.",
			[]string{"treaty/aigun signed", "treaty/aigun ratification_refused polity/qing"},
			[]string{"treaty/peking ratification_refused polity/qing"}},
		{"a treaty named right after the verb", "en",
			"The Treaty of Aigun was signed on 28 May 1858. In 1860 Russia ratified the Convention of Peking.",
			[]string{"treaty/peking ratified polity/russia"},
			[]string{"treaty/aigun ratified polity/russia"}},
		{"Russian names in their cases", "ru",
			"Айгунский договор был подписан 16 (28) мая 1858 года. Правительство Китая отказалось ратифицировать договор.",
			[]string{"treaty/aigun signed", "treaty/aigun ratification_refused polity/qing"}, nil},
		{"a cession, giver before the verb and receiver marked", "en",
			"By the Treaty of Aigun the Qing ceded the left bank of the Amur to Russia, and the land between the Ussuri and the sea was held in common.",
			[]string{"treaty/aigun cession polity/qing>polity/russia territory/left-bank"},
			[]string{"treaty/aigun cession polity/qing>polity/russia territory/ussuri"}},
		{"a verb of receiving, a later clause's 'to' ignored", "en",
			"Under the Treaty of Aigun Russia gained the left bank of the Amur that had been assigned to China.",
			[]string{"treaty/aigun cession >polity/russia territory/left-bank"},
			[]string{"treaty/aigun cession >polity/qing territory/left-bank"}},
		{"a Russian cession with the receiver in the dative", "ru",
			"По Айгунскому договору Китай уступил России левый берег Амура.",
			[]string{"treaty/aigun cession polity/qing>polity/russia territory/left-bank"}, nil},
		{"a Dutch passive", "nl",
			"Door het Verdrag van Aigun werd de linkeroever van de Amoer door China aan Rusland afgestaan.",
			[]string{"treaty/aigun cession polity/qing>polity/russia territory/left-bank"}, nil},
		{"Chinese, written without spaces", "zh",
			"璦琿條約於咸豐八年四月十六日簽訂。黑龍江以北的土地割讓給俄國。清政府拒絕批准該條約。",
			[]string{"treaty/aigun signed", "treaty/aigun cession >polity/russia territory/left-bank", "treaty/aigun ratification_refused polity/qing"},
			[]string{"treaty/aigun ratified polity/qing"}},
		{"a German name derived from the English one", "de",
			"Der Vertrag von Nanking wurde am 29. August 1842 unterzeichnet.",
			[]string{"treaty/nanking signed"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			x := NewExtractor(candidateEntities, nil)
			r := x.Extract(kb.Source{ID: "doc", Text: c.text, Language: c.lang, SHA256: kb.HashText(c.text)})
			got := claimKeys(r)
			for _, w := range c.want {
				if !slices.Contains(got, w) {
					t.Errorf("no %q among %q", w, got)
				}
			}
			for _, n := range c.not {
				if slices.Contains(got, n) {
					t.Errorf("%q proposed: %q", n, got)
				}
			}
			for _, cand := range r.Candidates {
				if cand.Claim == nil {
					continue
				}
				for _, e := range cand.Claim.Evidence {
					if q := string([]rune(c.text)[e.Position.Start:e.Position.End]); q != e.Quote.Exact || strings.TrimSpace(q) == "" {
						t.Errorf("%s %s: evidence %d..%d reads %q, quote %q", cand.Claim.Subject, cand.Claim.Property, e.Position.Start, e.Position.End, q, e.Quote.Exact)
					}
				}
			}
		})
	}
}

// TestGazetteerRussianCases: a Cyrillic name in an oblique case is the
// name it declines.
func TestGazetteerRussianCases(t *testing.T) {
	g := NewGazetteer([]kb.Entity{
		{ID: "polity/russia", Kind: kb.KindPolity, Labels: map[string]string{"ru": "Россия"}},
		{ID: "polity/qing", Kind: kb.KindPolity, Labels: map[string]string{"ru": "Китай"}},
		{ID: "river/amur", Kind: kb.KindRiver, Labels: map[string]string{"ru": "Амур"}},
		{ID: "river/argun", Kind: kb.KindRiver, Labels: map[string]string{"ru": "Аргунь"}},
		{ID: "person/muravyov", Kind: kb.KindPerson, Labels: map[string]string{"ru": "Муравьёв"}},
		{ID: "territory/left-bank", Kind: kb.KindTerritory, Labels: map[string]string{"ru": "левый берег Амура"}},
		{ID: "treaty/aigun", Kind: kb.KindTreaty, Labels: map[string]string{"ru": "Айгунский договор"}},
		{ID: "region/east-siberia", Kind: kb.KindRegion, Labels: map[string]string{"ru": "Восточная Сибирь"}},
	})
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Китай уступил России берег Амура.", []string{"Китай=polity/qing", "России=polity/russia", "Амура=river/amur"}},
		{"от Аргуни до моря, с Муравьёвым и Китаем", []string{"Аргуни=river/argun", "Муравьёвым=person/muravyov", "Китаем=polity/qing"}},
		{"Китай уступил левый берег Амура.", []string{"Китай=polity/qing", "левый берег Амура=territory/left-bank", "<Амура=river/amur>"}},
		{"условия Айгунского договора и по Айгунскому договору", []string{"Айгунского договора=treaty/aigun", "Айгунскому договору=treaty/aigun"}},
		{"генерал-губернатор Восточной Сибири", []string{"Восточной Сибири=region/east-siberia"}},
		{"россии и амура", nil}, // no capital: not a name
		{"Амурский край", nil},  // an adjective is another word
	} {
		if got := mentionStrings(g.Find(c.text)); !slices.Equal(got, c.want) {
			t.Errorf("Find(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestExtractOffersOnlyWrittenDates: relative dates, durations and
// references to the time of writing are found by histdate but are not
// the date of any claim.
func TestExtractOffersOnlyWrittenDates(t *testing.T) {
	x := NewExtractor(candidateEntities, nil)
	text := "The Treaty of Aigun was signed on 28 May 1858. The following year the Convention of Peking was signed; " +
		"the talks had lasted six years, and the treaty is now remembered."
	r := x.Extract(kb.Source{ID: "s1", Language: "en", Text: text})
	var got []string
	for _, d := range r.Dates {
		got = append(got, d.Mention.Kind.String()+" "+d.Mention.Date.Written)
	}
	want := []string{"date 28 May 1858"}
	if !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
	for _, c := range r.Candidates {
		if c.Claim != nil && c.Claim.Subject == "treaty/peking" && c.Claim.Property == "signed" {
			t.Errorf("a signing date offered from a relative date: %+v", c.Claim)
		}
	}
}
