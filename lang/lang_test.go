package lang

import (
	"strings"
	"testing"
	"unicode"
)

// category is one list of words a language may have to fill.
type category struct {
	name string
	get  func(*Language) [][]string // one or more lists, each of which must be filled
}

func one(ws []string) [][]string { return [][]string{ws} }

var dateCategories = []category{
	{"months", func(l *Language) [][]string { return l.Dates.Months[:] }},
	{"weekdays", func(l *Language) [][]string { return l.Dates.Weekdays[:] }},
	{"seasons", func(l *Language) [][]string { return l.Dates.Seasons[:] }},
	{"parts of the day", func(l *Language) [][]string { return l.Dates.DayParts[:] }},
	{"ordinals 1-21", func(l *Language) [][]string {
		var out [][]string
		for n := 1; n <= 21; n++ {
			out = append(out, l.Dates.Ordinals[n])
		}
		return out
	}},
	{"old style", func(l *Language) [][]string { return one(l.Dates.OldStyle) }},
	{"new style", func(l *Language) [][]string { return one(l.Dates.NewStyle) }},
	{"style words", func(l *Language) [][]string { return one(l.Dates.StyleWords) }},
	{"century", func(l *Language) [][]string { return one(l.Dates.Century) }},
	{"from", func(l *Language) [][]string { return one(l.Dates.From) }},
	{"to", func(l *Language) [][]string { return one(l.Dates.To) }},
	{"between", func(l *Language) [][]string { return one(l.Dates.Between) }},
	{"and", func(l *Language) [][]string { return one(l.Dates.And) }},
	{"after", func(l *Language) [][]string { return one(l.Dates.After) }},
	{"approx", func(l *Language) [][]string { return one(l.Dates.Approx) }},
	{"early/mid/late", func(l *Language) [][]string { return [][]string{l.Dates.Early, l.Dates.Mid, l.Dates.Late} }},
	{"halves", func(l *Language) [][]string {
		return [][]string{l.Dates.FirstHalf, l.Dates.SecondHalf, l.Dates.Half}
	}},
	{"eras", func(l *Language) [][]string { return [][]string{l.Dates.BC, l.Dates.AD} }},
	{"lead words", func(l *Language) [][]string { return one(l.Dates.Lead) }},
	{"context words", func(l *Language) [][]string { return one(l.Dates.Context) }},
	{"vague counts", func(l *Language) [][]string { return one(l.Dates.Relative.Few) }},
	{"ages", func(l *Language) [][]string { return one(l.Dates.Relative.Age) }},
	{"plural units and sets", func(l *Language) [][]string {
		var out [][]string
		for _, u := range PeriodUnits {
			out = append(out, l.Dates.Relative.Plurals[u])
		}
		for _, u := range []string{"day", "week", "month", "year"} {
			out = append(out, l.Dates.Relative.Sets[u])
		}
		return out
	}},
	{"era kinds", func(l *Language) [][]string { return one(l.Dates.EraKinds) }},
	{"relative next/previous", func(l *Language) [][]string {
		return [][]string{l.Dates.Relative.Next, l.Dates.Relative.Previous}
	}},
	{"relative later/earlier/ago", func(l *Language) [][]string {
		return [][]string{l.Dates.Relative.Later, l.Dates.Relative.Earlier, l.Dates.Relative.Ago}
	}},
	{"relative same", func(l *Language) [][]string { return one(l.Dates.Relative.Same) }},
	{"duration for", func(l *Language) [][]string { return one(l.Dates.Relative.For) }},
	{"and a half", func(l *Language) [][]string { return one(l.Dates.Relative.AndAHalf) }},
	{"present, past, future", func(l *Language) [][]string {
		return [][]string{l.Dates.Relative.Present, l.Dates.Relative.Past, l.Dates.Relative.Future}
	}},
	{"period units", func(l *Language) [][]string {
		var out [][]string
		for _, u := range PeriodUnits {
			out = append(out, l.Dates.Relative.Units[u])
		}
		return out
	}},
}

var numberCategories = []category{
	{"numbers 1-10", func(l *Language) [][]string {
		var out [][]string
		for n := 1; n <= 10; n++ {
			var forms []string
			for _, w := range l.Numbers {
				if (w.Kind == Small || w.Kind == Article) && w.Value == float64(n) { // French "un" is both
					forms = append(forms, w.Forms...)
				}
			}
			out = append(out, forms)
		}
		return out
	}},
	{"hundred and scale words", func(l *Language) [][]string {
		var h, s []string
		for _, w := range l.Numbers {
			switch w.Kind {
			case Hundred:
				h = append(h, w.Forms...)
			case Scale:
				s = append(s, w.Forms...)
			}
		}
		return [][]string{h, s}
	}},
	{"plural multipliers", func(l *Language) [][]string {
		var ps []string
		for _, p := range l.Plurals {
			ps = append(ps, p.Forms...)
		}
		return one(ps)
	}},
	{"quantity bounds", func(l *Language) [][]string {
		q := l.Quantities.Bounds
		return [][]string{q[MoreThan], q[AtLeast], q[LessThan], q[AtMost], q[About], q[Nearly]}
	}},
	{"range openers", func(l *Language) [][]string {
		var os []string
		for _, r := range l.Quantities.RangeOpeners {
			os = append(os, r.Open)
		}
		return [][]string{os, l.Quantities.RangeConnectors}
	}},
	{"few", func(l *Language) [][]string { return one(l.Quantities.Few) }},
	{"units", func(l *Language) [][]string {
		var out [][]string
		for _, code := range []string{"km2", "km", "troops", "persons", "ships", "articles"} {
			var forms []string
			for _, u := range l.Quantities.Units {
				if u.Unit == code {
					forms = append(forms, u.Forms...)
				}
			}
			out = append(out, forms)
		}
		return out
	}},
}

var relationCategories = []category{
	{"relation cues", func(l *Language) [][]string {
		c := l.Relations.Cues
		return [][]string{c["signed"], c["ratified"], c["superseded_by"], c["reversed_by"], c["confirmed_by"], c["trade_right"]}
	}},
	{"cession verbs", func(l *Language) [][]string { return [][]string{l.Relations.Giving, l.Relations.Receiving} }},
}

// Latin-script languages are told apart by their common words and read
// by cue words around names.
var latinTextCategories = []category{
	{"stopwords", func(l *Language) [][]string { return one(l.Text.Stopwords) }},
	{"abbreviations", func(l *Language) [][]string { return one(l.Text.Abbreviations) }},
	{"articles", func(l *Language) [][]string { return one(l.Text.Articles) }},
	{"function words", func(l *Language) [][]string { return one(l.Text.FunctionWords) }},
	{"conjunctions", func(l *Language) [][]string { return one(l.Text.Conjunctions) }},
	{"treaty words", func(l *Language) [][]string { return one(l.Relations.Treaty) }},
	{"marks", func(l *Language) [][]string {
		return [][]string{l.Relations.To, l.Relations.From, l.Relations.Agent, l.Relations.Passive, l.Relations.Object}
	}},
	{"kind cues", func(l *Language) [][]string {
		var out [][]string
		for _, k := range []string{"treaty", "river", "city", "port", "region", "territory", "person", "polity", "event", "range", "sea"} {
			out = append(out, l.Relations.KindCues[k])
		}
		return out
	}},
}

// TestEveryLanguageFillsItsCategories: a language read fully has every
// category of words that the date finder, the quantity reader and the
// extractor use; a language read by its script has its relation words; a
// language of names has its twelve months.
func TestEveryLanguageFillsItsCategories(t *testing.T) {
	for _, l := range All() {
		var cats []category
		switch l.Level {
		case Full:
			cats = append(append(append(cats, dateCategories...), numberCategories...), relationCategories...)
			if l.Code != Russian { // told apart by its script; no articles
				cats = append(cats, latinTextCategories...)
			}
		case Script:
			cats = append(cats, category{"relation cues", func(l *Language) [][]string {
				c := l.Relations.Cues
				return [][]string{c["signed"], c["ratified"]}
			}}, relationCategories[1])
		case Names:
			cats = append(cats, dateCategories[0])
		default:
			t.Errorf("%s: no level", l.Code)
		}
		for _, c := range cats {
			t.Run(string(l.Code)+"/"+c.name, func(t *testing.T) {
				for i, ws := range c.get(l) {
					if len(ws) == 0 {
						t.Errorf("%s %s: list %d is empty", l.Name, c.name, i+1)
					}
				}
			})
		}
	}
}

// TestWordsAreLowerCaseAndTrimmed: look-ups fold case first, so a word
// with a capital or stray space would never match.
func TestWordsAreLowerCaseAndTrimmed(t *testing.T) {
	check := func(l *Language, what string, ws []string) {
		for _, w := range ws {
			if w == "" || strings.TrimSpace(w) != w || strings.ToLower(w) != w {
				t.Errorf("%s %s: bad word %q", l.Code, what, w)
			}
			for _, r := range w {
				if unicode.IsUpper(r) {
					t.Errorf("%s %s: capital in %q", l.Code, what, w)
				}
			}
		}
	}
	for _, l := range append(All(), Common()) {
		for _, c := range append(append(append(dateCategories, numberCategories...), relationCategories...), latinTextCategories...) {
			for _, ws := range c.get(l) {
				check(l, c.name, ws)
			}
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Code
		ok   bool
	}{
		{"en", English, true}, {"en-GB", English, true}, {"eng", English, true}, {"NL", Dutch, true},
		{"dut", Dutch, true}, {"ger", German, true}, {"fra", French, true}, {"ru", Russian, true},
		{"zh_Hant", Chinese, true}, {"jpn", Japanese, true}, {"la", Latin, true}, {"", "", false}, {"xx", "", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := Parse(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("Parse(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
			if ok && Get(got) == nil {
				t.Errorf("Get(%q) = nil", got)
			}
		})
	}
}
