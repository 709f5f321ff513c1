package reconcile_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/data"
	"treatyline/histdate"
	"treatyline/kb"
	"treatyline/reconcile"
)

// said makes an accepted claim that a source states, with qualifiers given
// as name, entity id pairs.
func said(source, subject, property string, v kb.Value, quals ...string) kb.Claim {
	c := kb.Claim{
		ID: "claim/" + source + "/" + property + "/" + v.String(), Subject: subject, Property: property, Value: v,
		Status: kb.Accepted, Rank: kb.Normal,
		Evidence: []kb.Evidence{{Source: source + "_0123456789abcdef", Quote: kb.TextQuoteSelector{Exact: v.String()}}},
	}
	for i := 0; i+1 < len(quals); i += 2 {
		if c.Qualifiers == nil {
			c.Qualifiers = map[string]kb.Value{}
		}
		c.Qualifiers[quals[i]] = kb.EntityValue(quals[i+1])
	}
	return c
}

func en(s string) kb.Value       { return kb.DateValue(s, "", "en") }
func nl(s string) kb.Value       { return kb.DateValue(s, "", "nl") }
func oldStyle(s string) kb.Value { return kb.DateValue(s, histdate.Julian, "nl") }
func qty(s string) kb.Value      { return kb.QuantityValue(s, "en") }

const (
	aigun  = "treaty/aigun-1858"
	peking = "treaty/peking-1860"
)

// brief is what a test expects of a group.
type brief struct {
	Subject, Property, Qualifiers string
	Class                         reconcile.Class
	Why, Difference               string
}

func briefOf(g reconcile.Group) brief {
	return brief{g.Subject, g.Property, g.Qualifiers, g.Class, g.Why, g.Difference}
}

func TestGroups(t *testing.T) {
	tests := []struct {
		name   string
		claims []kb.Claim
		want   []brief
	}{
		{
			name: "Aigun signed: the same day, Old Style in one source",
			claims: []kb.Claim{
				said("001", aigun, "signed", en("May 28, 1858"), "place", "city/aigun"), // place does not split the group
				said("004", aigun, "signed", en("May 28, 1858")),
				said("003", aigun, "signed", oldStyle("16 mei 1858")),
			},
			want: []brief{{aigun, "signed", "", reconcile.AgreeAfterNormalisation, "Julian vs Gregorian, 12 days", "12 days"}},
		},
		{
			name: "Peking signed: the month contains the day",
			claims: []kb.Claim{
				said("002", peking, "signed", en("November 1860")),
				said("003", peking, "signed", oldStyle("2 november 1860")),
			},
			want: []brief{{peking, "signed", "", reconcile.Compatible, "month contains the day, in either calendar", ""}},
		},
		{
			name: "the Russian force: more than 20,000 and tens of thousands",
			claims: []kb.Claim{
				said("002", "event/aigun-negotiations", "troops", qty("more than 20,000 troops"), "party", "polity/russia"),
				said("001", "event/aigun-negotiations", "troops", qty("tens of thousands of troops"), "party", "polity/russia"),
			},
			want: []brief{{"event/aigun-negotiations", "troops", "party=polity/russia", reconcile.Compatible,
				"bounds overlap: 10,000–99,999 and >20,000", ""}},
		},
		{
			name: "Aigun area: square kilometres vs square miles, a quarter apart",
			claims: []kb.Claim{
				said("001", aigun, "area_ceded", qty("over 600,000 square kilometres (231,660\u00a0sq\u00a0mi)"), "from", "polity/qing", "to", "polity/russia"),
				said("002", aigun, "area_ceded", qty("185,000 square miles"), "from", "polity/qing", "to", "polity/russia"),
			},
			want: []brief{{aigun, "area_ceded", "from=polity/qing, to=polity/russia", reconcile.Conflict,
				"differ by 20% (600,000 km² vs ≈479,148 km²)", "20%"}},
		},
		{
			name: "ratified vs ratification refused",
			claims: []kb.Claim{
				said("002", aigun, "ratification_refused", kb.BoolValue(true), "party", "polity/qing"),
				said("003", aigun, "ratified", kb.BoolValue(true), "party", "polity/qing"),
				said("001", aigun, "ratified", kb.BoolValue(true), "party", "polity/russia"), // another party's act
			},
			want: []brief{{aigun, "ratified", "party=polity/qing", reconcile.Conflict,
				"contradictory statements: ratified (003) vs ratification refused (002)", ""}},
		},
		{
			name: "Kyakhta: 1727 vs 1728",
			claims: []kb.Claim{
				said("003", "treaty/kyakhta-1727", "signed", nl("1727")),
				said("004", "treaty/kyakhta-1727", "signed", en("1728")),
			},
			want: []brief{{"treaty/kyakhta-1727", "signed", "", reconcile.Conflict, "1727 vs 1728: 1 year apart", "365 days"}},
		},
		{
			name: "the same day in the same calendar",
			claims: []kb.Claim{
				said("001", peking, "signed", en("14 November 1860")),
				said("002", peking, "signed", nl("14 november 1860")),
			},
			want: []brief{{peking, "signed", "", reconcile.Agree, "the same day", ""}},
		},
		{
			name: "a source's vaguer mention beside its own precise one is not a second reading",
			claims: []kb.Claim{
				said("001", aigun, "signed", en("1858")),
				said("001", aigun, "signed", en("May 28, 1858")),
				said("004", aigun, "signed", en("May 28, 1858")),
			},
			want: []brief{{aigun, "signed", "", reconcile.Agree, "the same day", ""}},
		},
		{
			name: "figures the Julian–Gregorian offset apart, neither marked",
			claims: []kb.Claim{
				said("001", aigun, "signed", en("28 May 1858")),
				said("005", aigun, "signed", en("16 May 1858")),
			},
			want: []brief{{aigun, "signed", "", reconcile.Compatible,
				"28 May 1858 vs 16 May 1858: 12 days apart, the Julian–Gregorian offset: the same day if 16 May 1858 is Old Style", "12 days"}},
		},
		{
			name: "the same figures read in two calendars",
			claims: []kb.Claim{
				said("001", aigun, "signed", en("28 May 1858")),
				said("005", aigun, "signed", kb.DateValue("28 May 1858", histdate.Julian, "en")),
			},
			want: []brief{{aigun, "signed", "", reconcile.Compatible, "the same figures (28 May 1858 vs 28 May 1858), read in two calendars", ""}},
		},
		{
			name: "days apart",
			claims: []kb.Claim{
				said("001", aigun, "signed", en("28 May 1858")),
				said("005", aigun, "signed", en("13 June 1858")),
			},
			want: []brief{{aigun, "signed", "", reconcile.Conflict, "28 May 1858 vs 13 June 1858: 16 days apart", "16 days"}},
		},
		{
			name: "an approximate date near another",
			claims: []kb.Claim{
				said("003", "event/amur-raftings", "point_in_time", en("1855")),
				said("004", "event/amur-raftings", "point_in_time", en("early 1850s")),
			},
			want: []brief{{"event/amur-raftings", "point_in_time", "", reconcile.Compatible,
				"1855 vs early 1850s: 731 days apart, one of them approximate", "731 days"}},
		},
		{
			name: "three sources: the worst pair decides, every reason listed",
			claims: []kb.Claim{
				said("001", aigun, "signed", en("May 28, 1858")),
				said("003", aigun, "signed", oldStyle("16 mei 1858")),
				said("002", aigun, "signed", en("1859")),
			},
			want: []brief{{aigun, "signed", "", reconcile.Conflict,
				"May 28, 1858 vs 1859: 218 days apart; 1859 vs 16 mei 1858: 218 days apart; Julian vs Gregorian, 12 days", "218 days"}},
		},
		{
			name: "the same area in two units",
			claims: []kb.Claim{
				said("001", aigun, "area_ceded", qty("600,000 square kilometres")),
				said("002", aigun, "area_ceded", qty("231,660 square miles")),
			},
			want: []brief{{aigun, "area_ceded", "", reconcile.AgreeAfterNormalisation, "square miles vs km²", ""}},
		},
		{
			name: "the same figure, one a lower bound",
			claims: []kb.Claim{
				said("001", aigun, "area_ceded", qty("over 600,000 square kilometres")),
				said("002", aigun, "area_ceded", qty("600,000 km²")),
			},
			want: []brief{{aigun, "area_ceded", "", reconcile.Compatible, "the same figure, bounded differently: >600,000 and 600,000", ""}},
		},
		{
			name: "entities",
			claims: []kb.Claim{
				said("001", aigun, "place_signed", kb.EntityValue("city/aigun")),
				said("002", aigun, "place_signed", kb.EntityValue("city/aigun")),
				said("001", peking, "place_signed", kb.EntityValue("city/beijing")),
				said("002", peking, "place_signed", kb.EntityValue("city/tianjin")),
			},
			want: []brief{
				{aigun, "place_signed", "", reconcile.Agree, "the same entity", ""},
				{peking, "place_signed", "", reconcile.Conflict, "different entities: city/beijing (001) vs city/tianjin (002)", ""},
			},
		},
		{
			name: "a property of several values: each value its own group",
			claims: []kb.Claim{
				said("001", aigun, "party", kb.EntityValue("polity/russia")),
				said("002", aigun, "party", kb.EntityValue("polity/qing")),
				said("003", aigun, "party", kb.EntityValue("polity/qing")),
			},
			want: []brief{{aigun, "party", "value=polity/qing", reconcile.Agree, "the same entity", ""}},
		},
		{
			name: "texts",
			claims: []kb.Claim{
				said("001", aigun, "motto", kb.TextValue("Eternal  Peace")),
				said("002", aigun, "motto", kb.TextValue("eternal peace")),
				said("001", peking, "motto", kb.TextValue("eternal peace")),
				said("002", peking, "motto", kb.TextValue("lasting friendship")),
			},
			want: []brief{
				{aigun, "motto", "", reconcile.Agree, "the same wording", ""},
				{peking, "motto", "", reconcile.Compatible, `different wording: "eternal peace" (001) vs "lasting friendship" (002)`, ""},
			},
		},
		{
			name: "truth values",
			claims: []kb.Claim{
				said("001", "treaty/livadia-1879", "never_implemented", kb.BoolValue(true)),
				said("002", "treaty/livadia-1879", "never_implemented", kb.BoolValue(false)),
				said("001", "treaty/st-petersburg-1881", "never_implemented", kb.BoolValue(false)),
				said("002", "treaty/st-petersburg-1881", "never_implemented", kb.BoolValue(false)),
			},
			want: []brief{
				{"treaty/livadia-1879", "never_implemented", "", reconcile.Conflict,
					"contradictory statements: never implemented (001) vs implemented (002)", ""},
				{"treaty/st-petersburg-1881", "never_implemented", "", reconcile.Agree, "the same statement", ""},
			},
		},
		{
			name: "refused, then ratified later: no contradiction",
			claims: []kb.Claim{
				said("002", aigun, "ratification_refused", en("1858"), "party", "polity/qing"),
				said("003", aigun, "ratified", en("1860"), "party", "polity/qing"),
			},
			want: []brief{{aigun, "ratified", "party=polity/qing", reconcile.Compatible,
				"at different times: ratification refused 1858 (002), ratified 1860 (003)", ""}},
		},
		{
			name: "a date and a bare 'ratified'",
			claims: []kb.Claim{
				said("002", aigun, "ratified", kb.BoolValue(true)),
				said("003", aigun, "ratified", en("1858")),
			},
			want: []brief{{aigun, "ratified", "", reconcile.Compatible, "003 gives the date (1858), 002 does not", ""}},
		},
		{
			name: "one source, rejected and deprecated claims: no group",
			claims: []kb.Claim{
				said("001", aigun, "signed", en("May 28, 1858")),
				said("001", aigun, "signed", en("May 28, 1858")),
				func() kb.Claim { c := said("002", aigun, "signed", en("1859")); c.Status = kb.Rejected; return c }(),
				func() kb.Claim { c := said("003", aigun, "signed", en("1857")); c.Rank = kb.Deprecated; return c }(),
				func() kb.Claim { c := said("004", aigun, "signed", en("1856")); c.Evidence = nil; return c }(),
			},
			want: nil,
		},
		{
			name: "candidates count",
			claims: []kb.Claim{
				said("001", aigun, "signed", en("May 28, 1858")),
				func() kb.Claim {
					c := said("002", aigun, "signed", en("May 28, 1858"))
					c.Status = kb.Candidate
					return c
				}(),
			},
			want: []brief{{aigun, "signed", "", reconcile.Agree, "the same day", ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []brief
			for _, g := range reconcile.Groups(tt.claims) {
				got = append(got, briefOf(g))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Groups (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGroupsMembers(t *testing.T) {
	claims := []kb.Claim{
		said("001", aigun, "signed", en("1858")),
		said("001", aigun, "signed", en("May 28, 1858")),
		said("003", aigun, "signed", oldStyle("16 mei 1858")),
		said("002", aigun, "area_ceded", qty("185,000 square miles")),
		said("001", aigun, "area_ceded", qty("600,000 km²")),
		said("002", aigun, "ratification_refused", kb.BoolValue(true)),
		said("003", aigun, "ratified", kb.BoolValue(true)),
	}
	type member struct{ Value, Normalised, Sources, SubsumedBy string }
	got := map[string][]member{}
	for _, g := range reconcile.Groups(claims) {
		for _, m := range g.Members {
			got[g.Property] = append(got[g.Property], member{m.Value, m.Normalised, strings.Join(m.Sources, ","), m.SubsumedBy})
		}
	}
	want := map[string][]member{
		"signed": {
			{"1858", "1858 (Gregorian)", "001_0123456789abcdef", "claim/001/signed/May 28, 1858"},
			{"May 28, 1858", "1858-05-28 (Gregorian)", "001_0123456789abcdef", ""},
			{"16 mei 1858", "1858-05-28 (Gregorian)", "003_0123456789abcdef", ""},
		},
		"area_ceded": {
			{"600,000 km²", "600,000 km²", "001_0123456789abcdef", ""},
			{"185,000 square miles", "479,148 km²", "002_0123456789abcdef", ""},
		},
		"ratified": {
			{"true", "ratification refused", "002_0123456789abcdef", ""},
			{"true", "ratified", "003_0123456789abcdef", ""},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
}

// TestGroupsOrder checks that the groups do not depend on the order of the
// claims and come sorted by subject, property and qualifiers.
func TestGroupsOrder(t *testing.T) {
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	want := reconcile.Groups(b.Claims)
	for i := range want[1:] {
		x, y := want[i], want[i+1]
		if strings.Join([]string{x.Subject, x.Property, x.Qualifiers}, "\x00") > strings.Join([]string{y.Subject, y.Property, y.Qualifiers}, "\x00") {
			t.Errorf("group %d (%s %s %s) sorts after group %d (%s %s %s)", i, x.Subject, x.Property, x.Qualifiers, i+1, y.Subject, y.Property, y.Qualifiers)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		cs := append([]kb.Claim(nil), b.Claims...)
		r.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
		if diff := cmp.Diff(want, reconcile.Groups(cs)); diff != "" {
			t.Fatalf("shuffled claims give other groups (-want +got):\n%s", diff)
		}
	}
}

// TestGroupsBundled finds the disagreements of the gold seeds
// (shared/gold/seeds.yaml, reconcile:) in the knowledge base that ships
// with treatyline.
func TestGroupsBundled(t *testing.T) {
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	groups := reconcile.Groups(b.Claims)
	find := func(subject, property, quals string) *reconcile.Group {
		for i, g := range groups {
			if g.Subject == subject && g.Property == property && g.Qualifiers == quals {
				return &groups[i]
			}
		}
		return nil
	}
	tests := []struct {
		name                          string
		subject, property, qualifiers string
		class                         reconcile.Class
		why                           string // a part of Why
		values                        []string
	}{
		{"Aigun signed", aigun, "signed", "", reconcile.AgreeAfterNormalisation, "Julian vs Gregorian, 12 days",
			[]string{"May 28, 1858", "16 mei 1858"}},
		{"Peking signed", peking, "signed", "", reconcile.Compatible, "month contains the day",
			[]string{"November 1860", "2 november 1860"}},
		{"Russian force 1858", "event/aigun-negotiations", "troops", "party=polity/russia", reconcile.Compatible, "bounds overlap",
			[]string{"more than 20,000 troops", "tens of thousands of troops"}},
		{"Aigun area ceded", aigun, "area_ceded", "from=polity/qing, to=polity/russia", reconcile.Conflict, "differ by 20%",
			[]string{"185,000 square miles"}},
		{"Aigun ratified by Qing", aigun, "ratified", "party=polity/qing", reconcile.Conflict,
			"contradictory statements: ratified (003) vs ratification refused (002)", nil},
		{"Kyakhta signed", "treaty/kyakhta-1727", "signed", "", reconcile.Conflict, "1727 vs 1728: 1 year apart",
			[]string{"1727", "1728"}},
		// Found by a careful read beyond the gold seeds (issue 10).
		{"Aigun not recognised (001) vs ratified (003)", aigun, "ratified", "party=polity/qing", reconcile.Conflict,
			"contradictory statements: ratified (003) vs disowned by (001)", nil},
		{"refused (002) and not recognised (001) agree", aigun, "ratified", "party=polity/qing", reconcile.Conflict,
			"consistent: disowned by (001), ratification refused (002)", nil},
		{"who started the mediation of 1860", "event/mediation-1860", "initiated_by", "", reconcile.Conflict,
			"different entities: person/ignatiev (002) vs person/prince-gong (003)", nil},
		{"Ignatiev's title", "person/ignatiev", "position", "", reconcile.Compatible,
			"the sources name it differently: ambassador in Beijing (002); special envoy (003); general, diplomatic envoy (004)",
			[]string{"ambassador in Beijing", "special envoy", "diplomatic envoy"}},
		{"000 against itself on Ili", "treaty/livadia-1879", "extent", "clause=provision/livadia-1879/retrocession", reconcile.Conflict,
			"000 against itself", []string{"most of the Ili Valley"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := find(tt.subject, tt.property, tt.qualifiers)
			if g == nil {
				t.Fatalf("no group %s %s [%s]", tt.subject, tt.property, tt.qualifiers)
			}
			if g.Class != tt.class || !strings.Contains(g.Why, tt.why) {
				t.Errorf("got %s (%s), want %s (…%s…)", g.Class, g.Why, tt.class, tt.why)
			}
			for _, v := range tt.values {
				found := false
				for _, m := range g.Members {
					found = found || m.Value == v
				}
				if !found {
					t.Errorf("no member %q in %+v", v, g.Members)
				}
			}
		})
	}
}

// TestCorrectedDateConflicts: a reviewer's correction of one source's date
// to another day, against three sources that agree, is a conflict, not
// compatible.
func TestCorrectedDateConflicts(t *testing.T) {
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	claims := append([]kb.Claim(nil), b.Claims...)
	for i, c := range claims {
		if c.Subject == aigun && c.Property == "signed" && c.Evidence[0].Source == "003_835acd5ed4ef2496" {
			claims[i].Value = kb.DateValue("20 May 1858", "", "en")
		}
	}
	for _, g := range reconcile.Groups(claims) {
		if g.Subject == aigun && g.Property == "signed" {
			if g.Class != reconcile.Conflict || !strings.Contains(g.Why, "8 days") {
				t.Errorf("Aigun signed with 003 corrected to 20 May: %s (%s), want a conflict of 8 days", g.Class, g.Why)
			}
			return
		}
	}
	t.Fatal("no group for Aigun's signing")
}
