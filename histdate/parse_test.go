package histdate

import (
	"errors"
	"strings"
	"testing"

	"treatyline/internal/gold"
)

// figures writes a date's figures in its own calendar, as the gold file
// writes values: "1858-05-16", "1860-11", "1850/1864".
func figures(d Date) string {
	s := d.From.figures()
	if d.Interval {
		s += "/" + d.To.figures()
	}
	return s
}

var parseCases = []struct {
	in        string
	opts      Options
	figures   string   // in the date's calendar
	cal       Calendar // the calendar the figures are read in
	gregorian string   // first and last Gregorian day, "a" or "a/b"
	edtf      string
	julian    string // first and last Julian day, when checked
	qual      Qualifiers
}{
	// The examples the issue names.
	{in: "16 mei 1858", opts: Options{Lang: "nl", Calendar: Julian}, figures: "1858-05-16", cal: Julian, gregorian: "1858-05-28", edtf: "1858-05-28"},
	{in: "February 12 (February 24, New Style calendar)", opts: Options{Year: 1881}, figures: "1881-02-12", cal: Julian, gregorian: "1881-02-24", julian: "1881-02-12"},
	{in: "1862–77", figures: "1862/1877", cal: Gregorian, gregorian: "1862-01-01/1877-12-31", edtf: "1862/1877"},
	{in: "1850-1864", figures: "1850/1864", cal: Gregorian, edtf: "1850/1864"},
	{in: "From 1850 to 1864", figures: "1850/1864", cal: Gregorian, edtf: "1850/1864"},
	{in: "between 1727 and 1728", figures: "1727/1728", cal: Gregorian, edtf: "1727/1728"},
	{in: "In de jaren 1630", figures: "1630s", cal: Gregorian, edtf: "163X"},
	{in: "de jaren 1630", figures: "1630s", cal: Gregorian, edtf: "163X"},
	{in: "the 1630s", figures: "1630s", cal: Gregorian, edtf: "163X"},
	{in: "the 1680's", figures: "1680s", cal: Gregorian, edtf: "168X"},
	{in: "the 18th century", figures: "18th century", cal: Gregorian, edtf: "17XX", gregorian: "1700-01-01/1799-12-31"},
	{in: "de 17e eeuw", figures: "17th century", cal: Gregorian, edtf: "16XX"},
	{in: "mid-19th century", figures: "19th century", cal: Gregorian, edtf: "1833~/1866~", qual: Approximate},
	{in: "het midden van de 19e eeuw", figures: "19th century", cal: Gregorian, edtf: "1833~/1866~", qual: Approximate},
	{in: "in de tweede helft van de 17e eeuw", figures: "17th century", cal: Gregorian, edtf: "1650/1699"},
	{in: "the first half of the 18th century", figures: "18th century", cal: Gregorian, edtf: "1700/1749"},
	{in: "12/24 February 1881", figures: "1881-02-12", cal: Julian, gregorian: "1881-02-24", julian: "1881-02-12"},
	{in: "2 October [O.S. 20 September] 1879", figures: "1879-10-02", cal: Gregorian, gregorian: "1879-10-02", julian: "1879-09-20"},
	{in: "16/28 мая 1858", figures: "1858-05-16", cal: Julian, gregorian: "1858-05-28"},
	{in: "12 (24) февраля 1881 г.", figures: "1881-02-12", cal: Julian, gregorian: "1881-02-24"},
	{in: "February 12/24, 1881", figures: "1881-02-12", cal: Julian, gregorian: "1881-02-24"},
	{in: "31 December 1699 / 10 January 1700", figures: "1699-12-31", cal: Julian, gregorian: "1700-01-10"},
	{in: "11 February 1731/32", figures: "1732-02-11", cal: Julian, gregorian: "1732-02-22"},
	{in: "12./24. Februar 1881", figures: "1881-02-12", cal: Julian, gregorian: "1881-02-24"},
	{in: "12 février 1881 (24 février n. st.)", figures: "1881-02-12", cal: Julian, gregorian: "1881-02-24"},
	// Style markers abbreviated with a space after the first dot.
	{in: "12 Februar 1881 (a. St.)", figures: "1881-02-12", cal: Julian, gregorian: "1881-02-24"},
	{in: "16 мая 1858 г. по ст. ст.", figures: "1858-05-16", cal: Julian, gregorian: "1858-05-28"},
	{in: "1 juin 1858 (v. st.)", figures: "1858-06-01", cal: Julian, gregorian: "1858-06-13"},
	{in: "28 May 1858 (N. S.)", figures: "1858-05-28", cal: Gregorian, gregorian: "1858-05-28"},
	{in: "в середине XIX века", figures: "19th century", cal: Gregorian, edtf: "1833~/1866~", qual: Approximate},
	{in: "Ende des 17. Jh.", figures: "17th century", cal: Gregorian, edtf: "1667~/1699~", qual: Approximate},
	// Style markers in several languages.
	{in: "16 May 1858 O.S.", figures: "1858-05-16", cal: Julian, gregorian: "1858-05-28"},
	{in: "16 May 1858 (Old Style)", figures: "1858-05-16", cal: Julian, gregorian: "1858-05-28"},
	{in: "28 May 1858 N.S.", figures: "1858-05-28", cal: Gregorian, gregorian: "1858-05-28"},
	{in: "28 May 1858, New Style", opts: Options{Calendar: Julian}, figures: "1858-05-28", cal: Gregorian, gregorian: "1858-05-28"},
	{in: "16 mei 1858 (oude stijl)", figures: "1858-05-16", cal: Julian, gregorian: "1858-05-28"},
	{in: "28 mei 1858 nieuwe stijl", opts: Options{Calendar: Julian}, figures: "1858-05-28", cal: Gregorian},
	{in: "16. Mai 1858 alten Stils", figures: "1858-05-16", cal: Julian, gregorian: "1858-05-28"},
	{in: "16 мая 1858 года по старому стилю", figures: "1858-05-16", cal: Julian, gregorian: "1858-05-28"},
	// Day, month and year either way round, in several languages.
	{in: "May 28, 1858", figures: "1858-05-28", cal: Gregorian, edtf: "1858-05-28"},
	{in: "28th of May 1858", figures: "1858-05-28", cal: Gregorian},
	{in: "the 28th of May, 1858", figures: "1858-05-28", cal: Gregorian},
	{in: "13 juni 1858", figures: "1858-06-13", cal: Gregorian},
	{in: "16. Mai 1858", figures: "1858-05-16", cal: Gregorian},
	{in: "24 février 1881", figures: "1881-02-24", cal: Gregorian},
	{in: "le 1er mars 1858", figures: "1858-03-01", cal: Gregorian},
	{in: "16 мая 1858 г.", figures: "1858-05-16", cal: Gregorian},
	{in: "16 de mayo de 1858", figures: "1858-05-16", cal: Gregorian},
	{in: "Sept. 3, 1858", figures: "1858-09-03", cal: Gregorian},
	{in: "oktober 1853", figures: "1853-10", cal: Gregorian, edtf: "1853-10"},
	{in: "November 1860", figures: "1860-11", cal: Gregorian, gregorian: "1860-11-01/1860-11-30"},
	{in: "November 1860", opts: Options{Calendar: Julian}, figures: "1860-11", cal: Julian, gregorian: "1860-11-13/1860-12-12", edtf: "1860-11-13/1860-12-12"},
	{in: "1858", figures: "1858", cal: Gregorian, edtf: "1858"},
	{in: "in 1689", figures: "1689", cal: Gregorian},
	{in: "1858-05-28", figures: "1858-05-28", cal: Gregorian},
	{in: "28.05.1858", figures: "1858-05-28", cal: Gregorian},
	{in: "28.V.1858", figures: "1858-05-28", cal: Gregorian},
	// Years before the reform are Julian unless the caller says otherwise.
	{in: "1 March 1500", figures: "1500-03-01", cal: Julian, gregorian: "1500-03-11"},
	{in: "44 BC", figures: "-0043", cal: Julian},
	{in: "AD 862", figures: "0862", cal: Julian},
	// Qualifiers and parts of periods.
	{in: "c. 1630", figures: "1630", cal: Gregorian, edtf: "1630~", qual: Approximate},
	{in: "circa 1700", figures: "1700", cal: Gregorian, qual: Approximate},
	{in: "omstreeks 1700", figures: "1700", cal: Gregorian, qual: Approximate},
	{in: "1727?", figures: "1727", cal: Gregorian, edtf: "1727?", qual: Uncertain},
	{in: "early 1850s", figures: "1850s", cal: Gregorian, edtf: "1850~/1852~", qual: Approximate},
	{in: "Begin mei 1858", figures: "1858-05", cal: Gregorian, gregorian: "1858-05-01/1858-05-10", qual: Approximate},
	{in: "late 1858", figures: "1858", cal: Gregorian, gregorian: "1858-09-01/1858-12-31", qual: Approximate},
	{in: "XVIIIe siècle", figures: "18th century", cal: Gregorian, edtf: "17XX"},
	{in: "XVIII век", figures: "18th century", cal: Gregorian},
	{in: "18. Jahrhundert", figures: "18th century", cal: Gregorian},
	{in: "seventeenth century", figures: "17th century", cal: Gregorian},
	{in: "1630er Jahre", figures: "1630s", cal: Gregorian},
	{in: "1630-е годы", figures: "1630s", cal: Gregorian},
	{in: "les années 1630", figures: "1630s", cal: Gregorian},
	// Ranges.
	{in: "12–14 May 1858", figures: "1858-05-12/1858-05-14", cal: Gregorian},
	{in: "May 12–14, 1858", figures: "1858-05-12/1858-05-14", cal: Gregorian},
	{in: "16 May – 3 June 1858", figures: "1858-05-16/1858-06-03", cal: Gregorian},
	{in: "May–June 1858", figures: "1858-05/1858-06", cal: Gregorian},
	{in: "van 1850 tot 1864", figures: "1850/1864", cal: Gregorian},
	{in: "tussen 1727 en 1728", figures: "1727/1728", cal: Gregorian},
	{in: "von 1850 bis 1864", figures: "1850/1864", cal: Gregorian},
	{in: "1858–60", figures: "1858/1860", cal: Gregorian},
	{in: "since 1871", figures: "1871/..", cal: Gregorian, edtf: "1871/.."},
	// Before and after: open intervals up to the day before, from the day after.
	{in: "before 1700", figures: "../1699-12-31", cal: Gregorian, edtf: "../1699-12-31"},
	{in: "after 1860", figures: "1861-01-01/..", cal: Gregorian, edtf: "1861-01-01/.."},
	{in: "vóór 16 mei 1858", figures: "../1858-05-15", cal: Gregorian, edtf: "../1858-05-15"},
	{in: "nach dem 12. Februar 1881", figures: "1881-02-13/..", cal: Gregorian, edtf: "1881-02-13/.."},
	{in: "before the 18th century", figures: "../1699-12-31", cal: Gregorian, edtf: "../1699-12-31"},
	{in: "since the 1850s", figures: "1850s/..", cal: Gregorian, edtf: "1850/.."},
	// Seasons: their months, approximate; winter runs into the next year.
	{in: "spring 1860", figures: "1860-03/1860-05", cal: Gregorian, edtf: "1860-03~/1860-05~", qual: Approximate},
	{in: "the winter of 1858", figures: "1858-12/1859-02", cal: Gregorian, edtf: "1858-12~/1859-02~", qual: Approximate},
	{in: "in de zomer van 1849", figures: "1849-06/1849-08", cal: Gregorian, edtf: "1849-06~/1849-08~", qual: Approximate},
	{in: "весной 1858 года", figures: "1858-03/1858-05", cal: Gregorian, edtf: "1858-03~/1858-05~", qual: Approximate},
	// A Roman month between spaces.
	{in: "16 V 1858", figures: "1858-05-16", cal: Gregorian, edtf: "1858-05-16"},
	{in: "27 VIII 1689 (O.S.)", figures: "1689-08-27", cal: Julian, gregorian: "1689-09-06"},
	// Chinese reign-era dates.
	{in: "咸豐八年四月十六日", figures: "1858-04-16", cal: Chinese, gregorian: "1858-05-28", edtf: "1858-05-28"},
	{in: "咸丰八年四月十六日", figures: "1858-04-16", cal: Chinese, gregorian: "1858-05-28"},
	{in: "Xianfeng 8, 4th month, 16th day", figures: "1858-04-16", cal: Chinese, gregorian: "1858-05-28"},
	{in: "咸豐九年", figures: "1859", cal: Chinese, gregorian: "1859-02-03/1860-01-22"},
	{in: "光緒七年正月二十六日", figures: "1881-01-26", cal: Chinese, gregorian: "1881-02-24"},
	// Dual notations: the other calendar's day in brackets or after a
	// slash, the year once at the end, a marker in brackets, figures
	// year first.
	{in: "February 19 (March 3), 1861", figures: "1861-02-19", cal: Julian, gregorian: "1861-03-03", julian: "1861-02-19"},
	{in: "the 10th of June (29th of May of the Russian calendar), 1868", figures: "1868-06-10", cal: Gregorian, gregorian: "1868-06-10", julian: "1868-05-29"},
	{in: "19 February / 3 March 1861", figures: "1861-02-19", cal: Julian, gregorian: "1861-03-03"},
	{in: "20 December / 1 January 1862", figures: "1861-12-20", cal: Julian, gregorian: "1862-01-01"},
	{in: "19 февраля (3 марта) 1861 г.", figures: "1861-02-19", cal: Julian, gregorian: "1861-03-03"},
	{in: "le 19 février (3 mars) 1861", figures: "1861-02-19", cal: Julian, gregorian: "1861-03-03"},
	{in: "19. Februar (3. März) 1861", figures: "1861-02-19", cal: Julian, gregorian: "1861-03-03"},
	{in: "19 Feb. (O.S.) 1861", figures: "1861-02-19", cal: Julian, gregorian: "1861-03-03"},
	{in: "3 March (19 February O.S.) 1861", figures: "1861-03-03", cal: Gregorian, gregorian: "1861-03-03"},
	{in: "March 3, 1861 (N.S.)", figures: "1861-03-03", cal: Gregorian, gregorian: "1861-03-03"},
	{in: "February 19, 1861 (Old Style)", figures: "1861-02-19", cal: Julian, gregorian: "1861-03-03"},
	{in: "19 февраля 1861 г. по ст. ст.", figures: "1861-02-19", cal: Julian, gregorian: "1861-03-03"},
	{in: "1861, 19 февр.", figures: "1861-02-19", cal: Gregorian, edtf: "1861-02-19"},
	{in: "1999.12.31", figures: "1999-12-31", cal: Gregorian, edtf: "1999-12-31"},
	{in: "1861/03/03", figures: "1861-03-03", cal: Gregorian, edtf: "1861-03-03"},
	{in: "03.03.1861", figures: "1861-03-03", cal: Gregorian, edtf: "1861-03-03"},
	{in: "1861-03-03", figures: "1861-03-03", cal: Gregorian, edtf: "1861-03-03"},
	// EDTF.
	{in: "185X", figures: "1850s", cal: Gregorian, edtf: "185X"},
	{in: "18XX", figures: "19th century", cal: Gregorian, edtf: "18XX"},
	{in: "1850/1864", figures: "1850/1864", cal: Gregorian, edtf: "1850/1864"},
	{in: "1858~", figures: "1858", cal: Gregorian, edtf: "1858~", qual: Approximate},
	{in: "1858-05-28?", figures: "1858-05-28", cal: Gregorian, edtf: "1858-05-28?", qual: Uncertain},
	{in: "1871/..", figures: "1871/..", cal: Gregorian, edtf: "1871/.."},
}

func TestParse(t *testing.T) {
	for _, c := range parseCases {
		t.Run(c.in, func(t *testing.T) {
			d, err := Parse(c.in, c.opts)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := figures(d); got != c.figures {
				t.Errorf("figures = %q, want %q", got, c.figures)
			}
			if d.Calendar != c.cal {
				t.Errorf("calendar = %s (%s), want %s", d.Calendar, d.CalendarNote, c.cal)
			}
			if c.gregorian != "" {
				if got := span(Gregorian, d); got != c.gregorian {
					t.Errorf("gregorian = %s, want %s", got, c.gregorian)
				}
			}
			if c.julian != "" {
				if got := span(Julian, d); got != c.julian {
					t.Errorf("julian = %s, want %s", got, c.julian)
				}
			}
			if c.edtf != "" {
				if got := d.EDTF(); got != c.edtf {
					t.Errorf("EDTF = %q, want %q", got, c.edtf)
				}
			}
			if d.Qualifiers != c.qual {
				t.Errorf("qualifiers = %v, want %v", d.Qualifiers.Names(), c.qual.Names())
			}
			if e := d.EDTF(); e != "" && !edtfValid(e) {
				t.Errorf("EDTF %q is not valid EDTF", e)
			}
		})
	}
}

// span gives the first and last day of a date in a calendar, "a" when
// they are one.
func span(cal Calendar, d Date) string {
	a, b := ISO(cal, d.Earliest()), ""
	if d.Latest() == MaxJDN {
		return a + "/.."
	}
	b = ISO(cal, d.Latest())
	if a == b {
		return a
	}
	return a + "/" + b
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		in, part, msg string
	}{
		{"", "", "empty input"},
		{"   ", "", "empty input"},
		{"hello world", "hello", "not a date"},
		{"31 February 1858", "", "no such day"},
		{"16 mei", "", "no year"},
		{"1858 and then some", "and then some", "cannot read the rest"},
		{"12 florbs 1858", "12", "not a date"},
		{"1700-02-29", "", "1700 has no 29 February in the Gregorian calendar (ISO dates are Gregorian); the Julian calendar has one"},
		{"1700-02-30", "", "February 1700 has 28 days in the Gregorian calendar (29 in the Julian)"},
		{"1858-04-31", "", "April 1858 has 30 days"},
	} {
		t.Run(c.in, func(t *testing.T) {
			_, err := Parse(c.in, Options{})
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error = %v, want a *ParseError", c.in, err)
			}
			if !strings.Contains(pe.Msg, c.msg) {
				t.Errorf("message %q, want it to say %q", pe.Msg, c.msg)
			}
			if c.part != "" {
				if got := string([]rune(pe.Input)[pe.Start:pe.End]); got != c.part {
					t.Errorf("part not understood = %q, want %q", got, c.part)
				}
			}
		})
	}
}

func TestParseYearFromCaller(t *testing.T) {
	d, err := Parse("16 mei", Options{Year: 1858, Calendar: Julian})
	if err != nil {
		t.Fatal(err)
	}
	if got := span(Gregorian, d); got != "1858-05-28" || !d.YearFromContext {
		t.Errorf("got %s (from context %v), want 1858-05-28 from context", got, d.YearFromContext)
	}
}

// loadGold loads the gold file and corpus, or skips when shared/ is absent.
func loadGold(t testing.TB) (*gold.Seeds, gold.Corpus) {
	t.Helper()
	seeds, corpus, _ := gold.Shared(t)
	return seeds, corpus
}

// goldOptions gives what a caller knows of a gold date: the document's
// language, the calendar the gold file names, and for a day written
// without a year, the year of its context.
func goldOptions(seeds *gold.Seeds, g gold.Date) Options {
	opts := Options{Lang: seeds.Sources[g.Source].Language}
	if g.Calendar == "julian" {
		opts.Calendar = Julian
	}
	if strings.HasPrefix(g.Calendar, "dual") || !strings.ContainsAny(g.Written, "0123456789") || len(g.Written) > 0 && !containsYear(g.Written) {
		opts.Year = atoiPrefix(g.Value)
	}
	return opts
}

func containsYear(s string) bool {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
			if n >= 4 {
				return true
			}
		} else {
			n = 0
		}
	}
	return false
}

func atoiPrefix(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			break
		}
		n = n*10 + int(r-'0')
	}
	return n
}

func TestParseGoldDates(t *testing.T) {
	seeds, _ := loadGold(t)
	if len(seeds.Dates) == 0 {
		t.Fatal("gold file lists no dates")
	}
	for _, g := range seeds.Dates {
		t.Run(g.Source+"/"+g.Written, func(t *testing.T) {
			d, err := Parse(g.Written, goldOptions(seeds, g))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			checkGoldReading(t, g, d)
		})
	}
}

// checkGoldReading compares a reading with a gold date's value, calendar
// and Gregorian equivalent.
func checkGoldReading(t *testing.T, g gold.Date, d Date) {
	t.Helper()
	want := g.Value
	switch {
	case strings.HasPrefix(g.Calendar, "dual"):
		// "dual: julian 1881-02-12 = gregorian 1881-02-24"
		f := strings.Fields(g.Calendar)
		if got := span(Julian, d); got != f[2] {
			t.Errorf("julian reading %s, want %s", got, f[2])
		}
		if got := span(Gregorian, d); got != f[5] {
			t.Errorf("gregorian reading %s, want %s", got, f[5])
		}
		if d.Alternate == nil {
			t.Errorf("dual dating not recorded")
		}
		return
	case g.Calendar == "julian":
		if d.Calendar != Julian {
			t.Errorf("calendar %s, want julian", d.Calendar)
		}
		if got := span(Gregorian, d); got != g.Gregorian {
			t.Errorf("gregorian %s, want %s", got, g.Gregorian)
		}
	}
	if got := figures(d); got != want {
		t.Errorf("value %s, want %s", got, want)
	}
}
