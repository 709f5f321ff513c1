package quantity

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var inf = math.Inf(1)

// got is the part of a Quantity the table checks.
type got struct {
	Value, Min, Max float64
	Bound           Bound
	Unit            string
	Alt             string // Alternate.String(), "" if none
}

func summary(q Quantity) got {
	g := got{Value: q.Value, Min: q.Min, Max: q.Max, Bound: q.Bound, Unit: q.Unit}
	if q.Alternate != nil {
		g.Alt = q.Alternate.String()
	}
	return g
}

func exact(v float64, unit string) got { return got{v, v, v, BoundExact, unit, ""} }

func bounded(b Bound, v, lo, hi float64, unit string) got { return got{v, lo, hi, b, unit, ""} }

// parseCases is the Parse table; the fuzz targets are seeded from it.
var parseCases = []struct {
	in, lang string
	want     got
}{
	// numerals and number words
	{"600,000", "", exact(600000, "")},
	{"185.000", "nl", exact(185000, "")},
	{"185.000", "", exact(185000, "")},
	{"231,660", "en", exact(231660, "")},
	{"250 duizend", "nl", exact(250000, "")},
	{"9 million", "en", exact(9e6, "")},
	{"negen miljoen", "nl", exact(9e6, "")},
	{"twelve", "en", exact(12, "")},
	{"twaalf", "nl", exact(12, "")},
	{"1.5 million", "en", exact(1.5e6, "")},
	{"1,5 miljoen", "nl", exact(1.5e6, "")},
	{"2½", "", exact(2.5, "")},
	{"2 1/2 miles", "en", exact(2.5, "mi")},
	{"3½ million", "en", exact(3.5e6, "")},
	{"600 000", "fr", exact(600000, "")},
	{"600\u00a0000", "", exact(600000, "")},
	{"1,234.5", "en", exact(1234.5, "")},
	{"1.234,5", "nl", exact(1234.5, "")},
	{"0.500", "en", exact(0.5, "")},
	{"one million", "en", exact(1e6, "")},
	{"a thousand ships", "en", exact(1000, "ships")},
	{"half a million roubles", "en", exact(500000, "RUB")},
	{"one hundred and five ships", "en", exact(105, "ships")},
	{"twenty-two hundred", "en", exact(2200, "")},
	{"a dozen ships", "en", exact(12, "ships")},
	{"tweehonderdvijftigduizend", "nl", exact(250000, "")},
	{"tweeëntwintig schepen", "nl", exact(22, "ships")},
	{"een miljoen", "nl", exact(1e6, "")},
	{"anderhalf miljoen roebel", "nl", exact(1.5e6, "RUB")},
	{"duizend man", "nl", exact(1000, "troops")},
	{"zweihundertfünfzig Soldaten", "de", exact(250, "troops")},
	{"einundzwanzig", "de", exact(21, "")},
	{"deux cent cinquante mille roubles", "fr", exact(250000, "RUB")},
	{"quatre-vingt-dix-sept soldats", "fr", exact(97, "troops")},
	{"vingt et un", "fr", exact(21, "")},
	{"mille soldats", "fr", exact(1000, "troops")},

	// bounds
	{"more than 20,000 troops", "en", bounded(BoundMoreThan, 20000, 20000, inf, "troops")},
	{"over 600,000 square kilometres (231,660 sq mi)", "en",
		got{600000, 600000, inf, BoundMoreThan, "km2", ">231660 mi2"}},
	{"more than one million square kilometers", "en", bounded(BoundMoreThan, 1e6, 1e6, inf, "km2")},
	{"an additional 133,000 square miles", "en", exact(133000, "mi2")},
	{"about 5,000 troops", "en", bounded(BoundAbout, 5000, 4500, 5500, "troops")},
	{"around 300 ships", "en", bounded(BoundAbout, 300, 270, 330, "ships")},
	{"approximately 1,200 km", "en", bounded(BoundAbout, 1200, 1080, 1320, "km")},
	{"nearly 20,000 men", "en", bounded(BoundAbout, 20000, 18000, 20000, "troops")},
	{"almost 100 versts", "en", bounded(BoundAbout, 100, 90, 100, "verst")},
	{"less than 5,000 people", "en", bounded(BoundLessThan, 5000, 0, 5000, "persons")},
	{"under 300 miles", "en", bounded(BoundLessThan, 300, 0, 300, "mi")},
	{"up to 40 ships", "en", bounded(BoundAtMost, 40, 0, 40, "ships")},
	{"at least 12 articles", "en", bounded(BoundAtLeast, 12, 12, inf, "articles")},
	{"some 20,000 troops", "en", bounded(BoundAbout, 20000, 18000, 22000, "troops")},
	{"ruim 600.000 km²", "nl", bounded(BoundMoreThan, 600000, 600000, inf, "km2")},
	{"meer dan 20.000 soldaten", "nl", bounded(BoundMoreThan, 20000, 20000, inf, "troops")},
	{"bijna 1 miljoen inwoners", "nl", bounded(BoundAbout, 1e6, 9e5, 1e6, "persons")},
	{"ongeveer 300 schepen", "nl", bounded(BoundAbout, 300, 270, 330, "ships")},
	{"circa 250 duizend roebel", "nl", bounded(BoundAbout, 250000, 225000, 275000, "RUB")},
	{"ca. 300 versts", "", bounded(BoundAbout, 300, 270, 330, "verst")},
	{"minder dan 5.000 man", "nl", bounded(BoundLessThan, 5000, 0, 5000, "troops")},
	{"ten minste 12 artikelen", "nl", bounded(BoundAtLeast, 12, 12, inf, "articles")},
	{"zo'n 300 man", "nl", bounded(BoundAbout, 300, 270, 330, "troops")},
	{"mehr als 20.000 Soldaten", "de", bounded(BoundMoreThan, 20000, 20000, inf, "troops")},
	{"etwa 300 Werst", "de", bounded(BoundAbout, 300, 270, 330, "verst")},
	{"plus de 20 000 soldats", "fr", bounded(BoundMoreThan, 20000, 20000, inf, "troops")},
	{"environ 600 000 kilomètres carrés", "fr", bounded(BoundAbout, 600000, 540000, 660000, "km2")},
	{"jusqu'à 300 navires", "fr", bounded(BoundAtMost, 300, 0, 300, "ships")},

	// vague amounts
	{"tens of thousands", "en", bounded(BoundOrderOfMagnitude, 31623, 10000, 99999, "")},
	{"tens of thousands of troops", "en", bounded(BoundOrderOfMagnitude, 31623, 10000, 99999, "troops")},
	{"hundreds of", "en", bounded(BoundOrderOfMagnitude, 316, 100, 999, "")},
	{"hundreds of ships", "en", bounded(BoundOrderOfMagnitude, 316, 100, 999, "ships")},
	{"thousands of", "en", bounded(BoundOrderOfMagnitude, 3162, 1000, 9999, "")},
	{"several thousand", "en", bounded(BoundOrderOfMagnitude, 4472, 2000, 9999, "")},
	{"a few thousand soldiers", "en", bounded(BoundOrderOfMagnitude, 4472, 2000, 9999, "troops")},
	{"hundreds of thousands of people", "en", bounded(BoundOrderOfMagnitude, 316228, 100000, 999999, "persons")},
	{"enkele duizenden", "nl", bounded(BoundOrderOfMagnitude, 4472, 2000, 9999, "")},
	{"tienduizenden", "nl", bounded(BoundOrderOfMagnitude, 31623, 10000, 99999, "")},
	{"tienduizenden soldaten", "nl", bounded(BoundOrderOfMagnitude, 31623, 10000, 99999, "troops")},
	{"duizenden", "nl", bounded(BoundOrderOfMagnitude, 3162, 1000, 9999, "")},
	{"honderden", "nl", bounded(BoundOrderOfMagnitude, 316, 100, 999, "")},
	{"honderdduizenden", "nl", bounded(BoundOrderOfMagnitude, 316228, 100000, 999999, "")},
	{"Zehntausende Soldaten", "de", bounded(BoundOrderOfMagnitude, 31623, 10000, 99999, "troops")},
	{"einige tausend Mann", "de", bounded(BoundOrderOfMagnitude, 4472, 2000, 9999, "troops")},
	{"des dizaines de milliers de soldats", "fr", bounded(BoundOrderOfMagnitude, 31623, 10000, 99999, "troops")},
	{"des milliers d'hommes", "fr", bounded(BoundOrderOfMagnitude, 3162, 1000, 9999, "troops")},
	{"dozens of ships", "en", bounded(BoundOrderOfMagnitude, 59, 24, 143, "ships")},
	{"more than tens of thousands", "en", bounded(BoundMoreThan, 31623, 10000, inf, "")},

	// ranges
	{"10,000–20,000", "", bounded(BoundRange, 15000, 10000, 20000, "")},
	{"10,000-20,000 troops", "en", bounded(BoundRange, 15000, 10000, 20000, "troops")},
	{"between 10 and 20 thousand", "en", bounded(BoundRange, 15000, 10000, 20000, "")},
	{"tussen 10 en 20 duizend", "nl", bounded(BoundRange, 15000, 10000, 20000, "")},
	{"zwischen 10 und 20 Tausend", "de", bounded(BoundRange, 15000, 10000, 20000, "")},
	{"entre 10 et 20 mille", "fr", bounded(BoundRange, 15000, 10000, 20000, "")},
	{"10 to 20 ships", "en", bounded(BoundRange, 15, 10, 20, "ships")},
	{"10 km to 20 km", "en", bounded(BoundRange, 15, 10, 20, "km")},
	{"1.5 to 2 million roubles", "en", bounded(BoundRange, 1.75e6, 1.5e6, 2e6, "RUB")},
	{"1862–77", "", bounded(BoundRange, 1869.5, 1862, 1877, "")},
	{"from 1850 to 1864", "en", bounded(BoundRange, 1857, 1850, 1864, "")},
	{"£5,000–£10,000", "en", bounded(BoundRange, 7500, 5000, 10000, "GBP")},

	// units
	{"5 km²", "", exact(5, "km2")},
	{"5 km2", "", exact(5, "km2")},
	{"5 square kilometres", "en", exact(5, "km2")},
	{"5 square kilometers", "en", exact(5, "km2")},
	{"5 sq km", "", exact(5, "km2")},
	{"5 vierkante kilometer", "nl", exact(5, "km2")},
	{"5 vierkante kilometers", "nl", exact(5, "km2")},
	{"5 Quadratkilometer", "de", exact(5, "km2")},
	{"5 sq mi", "", exact(5, "mi2")},
	{"5 sq. mi.", "", exact(5, "mi2")},
	{"5 square miles", "en", exact(5, "mi2")},
	{"5 vierkante mijl", "nl", exact(5, "mi2")},
	{"5 square versts", "en", exact(5, "verst2")},
	{"5 versts", "", exact(5, "verst")},
	{"5 verst", "", exact(5, "verst")},
	{"5 versta", "", exact(5, "verst")},
	{"5 верст", "", exact(5, "verst")},
	{"5 li", "", exact(5, "li")},
	{"600 Chinese li", "en", exact(600, "li")},
	{"5 km", "", exact(5, "km")},
	{"600km", "", exact(600, "km")},
	{"5 kilometres", "en", exact(5, "km")},
	{"5 miles", "en", exact(5, "mi")},
	{"5 mijl", "nl", exact(5, "mi")},
	{"5 roubles", "en", exact(5, "RUB")},
	{"5 rubles", "en", exact(5, "RUB")},
	{"5 roebel", "nl", exact(5, "RUB")},
	{"5 roebels", "nl", exact(5, "RUB")},
	{"5 metallic roubles", "en", exact(5, "RUB-silver")},
	{"5 silver roubles", "en", exact(5, "RUB-silver")},
	{"5 zilveren roebels", "nl", exact(5, "RUB-silver")},
	{"5 paper roubles", "en", exact(5, "RUB-paper")},
	{"5 taels", "", exact(5, "tael")},
	{"5 taëls", "", exact(5, "tael")},
	{"5 pounds sterling", "en", exact(5, "GBP")},
	{"£5", "", exact(5, "GBP")},
	{"£5 million", "en", exact(5e6, "GBP")},
	{"21 million dollars", "en", exact(21e6, "dollar")},
	{"6 million Mexican dollars", "en", exact(6e6, "dollar-silver")},
	{"20 Millionen Silberdollar", "de", exact(20e6, "dollar-silver")},
	{"5 millions de piastres", "fr", exact(5e6, "dollar-silver")},
	{"200 millions de francs", "fr", exact(200e6, "franc")},
	{"5 miljoen gulden", "nl", exact(5e6, "guilder")},
	{"5 Milliarden Mark", "de", exact(5e9, "mark")},
	{"200 million yen", "en", exact(200e6, "yen")},
	{"$21 million", "en", exact(21e6, "dollar")},
	{"¥200 million", "", exact(200e6, "yen")},
	{"600 тыс. кв. км", "ru", exact(600e3, "km2")},
	{"5 млн рублей", "ru", exact(5e6, "RUB")},
	{"12 статей", "ru", exact(12, "articles")},
	{"5 troops", "en", exact(5, "troops")},
	{"5 soldiers", "en", exact(5, "troops")},
	{"5 soldaten", "nl", exact(5, "troops")},
	{"5 troepen", "nl", exact(5, "troops")},
	{"5 men", "en", exact(5, "troops")},
	{"5 articles", "en", exact(5, "articles")},
	{"12 artikelen", "nl", exact(12, "articles")},
	{"1 artikel", "nl", exact(1, "articles")},
	{"twelve articles", "en", exact(12, "articles")},
	{"twaalf artikelen", "nl", exact(12, "articles")},
	{"5 ships", "en", exact(5, "ships")},
	{"5 schepen", "nl", exact(5, "ships")},
	{"5 people", "en", exact(5, "persons")},
	{"5 inhabitants", "en", exact(5, "persons")},
	{"5 inwoners", "nl", exact(5, "persons")},
	{"1/2", "", exact(0.5, "")},
	{"six days", "en", exact(6, "day")},
	{"over 20 years", "en", bounded(BoundMoreThan, 20, 20, inf, "year")},
	{"3 jaar", "nl", exact(3, "year")},
	{"twee eeuwen", "nl", exact(2, "century")},
	{"40 %", "", exact(40, "%")},
	{"40 procent", "nl", exact(40, "%")},
	{"600 km (373 mi)", "en", got{600, 600, 600, BoundExact, "km", "373 mi"}},
	{"185,000 square miles (~479,000 km²)", "en", got{185000, 185000, 185000, BoundExact, "mi2", "~479000 km2"}},
}

func TestParse(t *testing.T) {
	for _, tc := range parseCases {
		t.Run(tc.lang+"/"+tc.in, func(t *testing.T) {
			q, err := Parse(tc.in, Options{Lang: tc.lang})
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.in, err)
			}
			if q.Written != tc.in {
				t.Errorf("Written = %q, want %q", q.Written, tc.in)
			}
			if diff := cmp.Diff(tc.want, summary(q), cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("Parse(%q) mismatch (-want +got):\n%s", tc.in, diff)
			}
			if !(q.Min <= q.Value && q.Value <= q.Max) {
				t.Errorf("Min ≤ Value ≤ Max broken: %v %v %v", q.Min, q.Value, q.Max)
			}
		})
	}
}

func TestParseUnitWritten(t *testing.T) {
	for _, tc := range []struct{ in, lang, want string }{
		{"over 600,000 square kilometres (231,660 sq mi)", "en", "square kilometres"},
		{"250 duizend roebel", "nl", "roebel"},
		{"£5,000", "en", "£"},
		{"5 sq. mi.", "", "sq. mi."},
		{"12", "", ""},
	} {
		q, err := Parse(tc.in, Options{Lang: tc.lang})
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.in, err)
		}
		if q.UnitWritten != tc.want {
			t.Errorf("Parse(%q).UnitWritten = %q, want %q", tc.in, q.UnitWritten, tc.want)
		}
	}
}

// Languages change what words mean.
func TestParseLanguage(t *testing.T) {
	// Dutch "over" is not "more than".
	if _, err := Parse("over 3 schepen", Options{Lang: "nl"}); err == nil {
		t.Errorf(`Parse("over 3 schepen", nl) succeeded; want an error`)
	}
	// "elf" is eleven in Dutch and German only.
	if q, err := Parse("elf schepen", Options{Lang: "nl"}); err != nil || q.Value != 11 {
		t.Errorf(`Parse("elf schepen", nl) = %v, %v; want 11`, q.Value, err)
	}
	if _, err := Parse("elf ships", Options{Lang: "en"}); err == nil {
		t.Errorf(`Parse("elf ships", en) succeeded; want an error`)
	}
	if q, err := Parse("20,000 troops", Options{Lang: "en-GB"}); err != nil || q.Value != 20000 {
		t.Errorf(`Parse with Lang en-GB = %v, %v`, q.Value, err)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		in         string
		start, end int
		msg        string
		text       string
	}{
		{"", 0, 0, "empty input", `quantity "": at 0: empty input`},
		{"   ", 0, 3, "empty input", ""},
		{"12 florbs", 3, 9, `unknown unit "florbs"`, `quantity "12 florbs": cannot read "florbs" at 3: unknown unit "florbs"`},
		{"abc", 0, 3, "not a number", `quantity "abc": cannot read "abc" at 0: not a number`},
		{"abc xyz", 0, 3, "not a number", ""},
		{"over", 4, 4, "expected a number", ""},
		{"19th", 2, 4, `unknown unit "th"`, ""},
		{"1840s", 4, 5, `unknown unit "s"`, ""},
		{"12 km extra", 6, 11, "unexpected text after the quantity", ""},
		{"20–10", 2, 5, "unexpected text after the quantity", ""},
		{"between 10", 10, 10, "expected the end of the range", ""},
		{"between 20 and 10", 15, 17, "range ends below its start", ""},
		{"ongeveer één vierkante zwerm", 13, 22, `unknown unit "vierkante"`, ""},
		{"99999999999999999999999999", 0, 26, "number too large", ""},
		{"600,000 km² (extra)", 12, 19, "unexpected text after the quantity", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			_, err := Parse(tc.in, Options{})
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error = %v, want *ParseError", tc.in, err)
			}
			want := ParseError{Input: tc.in, Start: tc.start, End: tc.end, Msg: tc.msg}
			if diff := cmp.Diff(want, *pe); diff != "" {
				t.Errorf("Parse(%q) error mismatch (-want +got):\n%s", tc.in, diff)
			}
			if tc.text != "" && err.Error() != tc.text {
				t.Errorf("Error() = %s, want %s", err.Error(), tc.text)
			}
		})
	}
}

func TestCanonical(t *testing.T) {
	for _, tc := range []struct {
		in, lang string
		want     Canonical
	}{
		{"185,000 square miles", "en", Canonical{479147.80041216, 479147.80041216, 479147.80041216, "km2", false}},
		{"1 sq mi", "", Canonical{2.589988110336, 2.589988110336, 2.589988110336, "km2", false}},
		{"100 versts", "", Canonical{106.68, 106.68, 106.68, "km", false}},
		{"10 miles", "en", Canonical{16.09344, 16.09344, 16.09344, "km", false}},
		{"1000 li", "", Canonical{576, 576, 576, "km", true}},
		{"more than 20,000 troops", "en", Canonical{20000, 20000, inf, "troops", false}},
		{"250 duizend roebel", "nl", Canonical{250000, 250000, 250000, "RUB", false}},
		{"12", "", Canonical{12, 12, 12, "", false}},
	} {
		q, err := Parse(tc.in, Options{Lang: tc.lang})
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.in, err)
		}
		if diff := cmp.Diff(tc.want, q.Canonical(), cmpopts.EquateApprox(1e-12, 0)); diff != "" {
			t.Errorf("Parse(%q).Canonical() mismatch (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestAlternateAgrees(t *testing.T) {
	for _, tc := range []struct {
		in    string
		agree bool
	}{
		{"over 600,000 square kilometres (231,660 sq mi)", true},
		{"600,000 km² (185,000 sq mi)", false}, // the two figures of the sources, 20 % apart
		{"100 versts (107 km)", true},
		{"100 versts (100 km)", false},
		{"600,000 km²", true},
	} {
		q, err := Parse(tc.in, Options{Lang: "en"})
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.in, err)
		}
		if ok, d := q.AlternateAgrees(); ok != tc.agree {
			t.Errorf("Parse(%q).AlternateAgrees() = %v (diff %.4f), want %v", tc.in, ok, d, tc.agree)
		}
	}
	// A parenthesis in another dimension is not an alternate reading.
	if _, err := Parse("600 km (40 ships)", Options{Lang: "en"}); err == nil {
		t.Errorf(`Parse("600 km (40 ships)") succeeded; want an error`)
	}
}

func TestReportJSON(t *testing.T) {
	q, err := Parse("over 600,000 square kilometres (231,660 sq mi)", Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(q.Report())
	if err != nil {
		t.Fatal(err)
	}
	var gotJSON, wantJSON any
	want := `{"input":"over 600,000 square kilometres (231,660 sq mi)","value":600000,"min":600000,"max":null,
		"bound":"more_than","unit":"km2","unit_written":"square kilometres",
		"canonical":{"value":600000,"min":600000,"max":null,"unit":"km2"},
		"alternate":{"input":"231,660 sq mi","value":231660,"min":231660,"max":null,"bound":"more_than",
			"unit":"mi2","unit_written":"sq mi",
			"canonical":{"value":599996.6456404377,"min":599996.6456404377,"max":null,"unit":"km2"}},
		"alternate_agrees":true}`
	if err := json.Unmarshal(b, &gotJSON); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &wantJSON); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantJSON, gotJSON, cmpopts.EquateApprox(1e-9, 0)); diff != "" {
		t.Errorf("Report JSON mismatch (-want +got):\n%s", diff)
	}
}

func TestString(t *testing.T) {
	for in, want := range map[string]string{
		"over 600,000 square kilometres (231,660 sq mi)": ">600000 km2 (>231660 mi2)",
		"tens of thousands of troops":                    "10000..99999 troops",
		"at least 12 articles":                           ">=12 articles",
		"up to 40 ships":                                 "<=40 ships",
		"less than 5":                                    "<5",
		"about 5":                                        "~5",
	} {
		q, err := Parse(in, Options{Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if q.String() != want {
			t.Errorf("Parse(%q).String() = %q, want %q", in, q.String(), want)
		}
	}
}
