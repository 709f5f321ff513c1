package japanese

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/histdate/internal/lunisolar"
)

// eraStarts is the reference for the start of every era read: the
// Gregorian day of the proclamation (改元) and the same day in the Japanese
// lunisolar calendar. Source: the era list of the SuikaWiki "元号一覧"
// (as tabulated in manakai/data-locale, data/calendar/jp-era-start-dates.html,
// columns "Gregorian" and "旧暦"), which follows 内田正男『日本暦日原典』;
// the Gregorian days agree with the Japanese Wikipedia article of each
// era. For Meiji the lunisolar column is the proclamation (9th month, 8th
// day); the era counts from New Year's day of 1868 (tested below).
var eraStarts = []struct {
	name      string
	gregorian string // proclamation day, Gregorian
	lunar     string // the same day, lunisolar year-month-day
}{
	{"慶長", "1596-12-16", "1596-10-27"},
	{"元和", "1615-09-05", "1615-07-13"},
	{"寛永", "1624-04-17", "1624-02-30"},
	{"正保", "1645-01-13", "1644-12-16"},
	{"慶安", "1648-04-07", "1648-02-15"},
	{"承応", "1652-10-20", "1652-09-18"},
	{"明暦", "1655-05-18", "1655-04-13"},
	{"万治", "1658-08-21", "1658-07-23"},
	{"寛文", "1661-05-23", "1661-04-25"},
	{"延宝", "1673-10-30", "1673-09-21"},
	{"天和", "1681-11-09", "1681-09-29"},
	{"貞享", "1684-04-05", "1684-02-21"},
	{"元禄", "1688-10-23", "1688-09-30"},
	{"宝永", "1704-04-16", "1704-03-13"},
	{"正徳", "1711-06-11", "1711-04-25"},
	{"享保", "1716-08-09", "1716-06-22"},
	{"元文", "1736-06-07", "1736-04-28"},
	{"寛保", "1741-04-12", "1741-02-27"},
	{"延享", "1744-04-03", "1744-02-21"},
	{"寛延", "1748-08-05", "1748-07-12"},
	{"宝暦", "1751-12-14", "1751-10-27"},
	{"明和", "1764-06-30", "1764-06-02"},
	{"安永", "1772-12-10", "1772-11-16"},
	{"天明", "1781-04-25", "1781-04-02"},
	{"寛政", "1789-02-19", "1789-01-25"},
	{"享和", "1801-03-19", "1801-02-05"},
	{"文化", "1804-03-22", "1804-02-11"},
	{"文政", "1818-05-26", "1818-04-22"},
	{"天保", "1831-01-23", "1830-12-10"},
	{"弘化", "1845-01-09", "1844-12-02"},
	{"嘉永", "1848-04-01", "1848-02-28"},
	{"安政", "1855-01-15", "1854-11-27"},
	{"万延", "1860-04-08", "1860-03-18"},
	{"文久", "1861-03-29", "1861-02-19"},
	{"元治", "1864-03-27", "1864-02-20"},
	{"慶応", "1865-05-01", "1865-04-07"},
	{"明治", "1868-10-23", "1868-09-08"},
	{"大正", "1912-07-30", ""},
	{"昭和", "1926-12-25", ""},
	{"平成", "1989-01-08", ""},
	{"令和", "2019-05-01", ""},
}

func isoDay(j int) string {
	y, m, d := lunisolar.JDNToGregorian(j)
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// TestEraStarts checks every era start since 1596 against the reference:
// the table lists them all, in order, and the first day of each era, as
// this package computes it from the lunisolar months, is the reference's
// Gregorian day.
func TestEraStarts(t *testing.T) {
	if len(eraStarts) != len(eras) {
		t.Fatalf("reference has %d eras, the table %d", len(eraStarts), len(eras))
	}
	for i, ref := range eraStarts {
		t.Run(ref.name, func(t *testing.T) {
			e := eras[i]
			if e.name != ref.name {
				t.Fatalf("era %d is %s, reference %s", i, e.name, ref.name)
			}
			if ref.lunar != "" {
				if got := fmt.Sprintf("%04d-%02d-%02d", e.first, e.month, e.day); got != ref.lunar {
					t.Errorf("lunisolar start = %s, want %s", got, ref.lunar)
				}
			}
			// The day of proclamation, through the calendar of its year.
			d := Date{Era: e.name, EraYear: 1, Month: e.month, Day: e.day, Leap: e.leap, Precision: Day}
			if err := d.Validate(); err != nil {
				t.Fatalf("start %v: %v", d, err)
			}
			lo, _ := d.JDNRange()
			if got := isoDay(lo); got != ref.gregorian {
				t.Errorf("%s = %s, want %s", d, got, ref.gregorian)
			}
			// The day is named in the new era, the day before in the old.
			if !e.fromNewYear {
				if got, ok := FromJDN(lo); !ok || got.Era != e.name || got.EraYear != 1 {
					t.Errorf("FromJDN(%s) = %v, want %s元年", ref.gregorian, got, e.name)
				}
				if i > 0 {
					if got, ok := FromJDN(lo - 1); !ok || got.Era != eras[i-1].name {
						t.Errorf("FromJDN(day before %s) = %v, want era %s", ref.gregorian, got, eras[i-1].name)
					}
				}
			}
		})
	}
}

// TestCalendarChange checks the decree of 1872: Meiji 5, 12th month, 2nd
// day was the last lunisolar day (31 December 1872), and Meiji 6 is
// Gregorian; Meiji counts from New Year's day of 1868.
func TestCalendarChange(t *testing.T) {
	tests := []struct {
		d    Date
		want string
	}{
		{Date{Era: "明治", EraYear: 5, Month: 12, Day: 2, Precision: Day}, "1872-12-31"},
		{Date{Era: "明治", EraYear: 6, Month: 1, Day: 1, Precision: Day}, "1873-01-01"},
		{Date{Era: "明治", EraYear: 5, Month: 12, Day: 1, Precision: Day}, "1872-12-30"},
		{Date{Era: "明治", EraYear: 1, Month: 1, Day: 1, Precision: Day}, "1868-01-25"},
		{Date{Era: "慶応", EraYear: 4, Month: 1, Day: 1, Precision: Day}, "1868-01-25"},
	}
	for _, tc := range tests {
		t.Run(tc.d.String(), func(t *testing.T) {
			if err := tc.d.Validate(); err != nil {
				t.Fatal(err)
			}
			lo, _ := tc.d.JDNRange()
			if got := isoDay(lo); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	bad := Date{Era: "明治", EraYear: 5, Month: 12, Day: 3, Precision: Day}
	if err := bad.Validate(); err == nil {
		t.Errorf("%s validates; the day never existed", bad)
	}
	m5 := Date{Era: "明治", EraYear: 5, Month: 12, Precision: Month}
	if lo, hi := m5.JDNRange(); isoDay(lo) != "1872-12-30" || isoDay(hi) != "1872-12-31" {
		t.Errorf("明治5年12月 = %s..%s, want 1872-12-30..1872-12-31", isoDay(lo), isoDay(hi))
	}
	if got, ok := FromJDN(lunisolar.GregorianToJDN(1872, 12, 31)); !ok || got.String() != "明治5年12月2日" {
		t.Errorf("FromJDN(1872-12-31) = %v", got)
	}
	if got, ok := FromJDN(lunisolar.GregorianToJDN(1873, 1, 1)); !ok || got.String() != "明治6年1月1日" {
		t.Errorf("FromJDN(1873-01-01) = %v", got)
	}
}

// TestFromJDNRoundTrip checks that every day from 1596 to 1900 names a
// Japanese date that converts back to it.
func TestFromJDNRoundTrip(t *testing.T) {
	lo, hi := lunisolar.GregorianToJDN(1596, 12, 16), lunisolar.GregorianToJDN(1900, 12, 31)
	for j := lo; j <= hi; j++ {
		d, ok := FromJDN(j)
		if !ok {
			t.Fatalf("FromJDN(%s) not ok", isoDay(j))
		}
		if err := d.Validate(); err != nil {
			t.Fatalf("FromJDN(%s) = %v: %v", isoDay(j), d, err)
		}
		if a, b := d.JDNRange(); a != j || b != j && !(d.MayBeDayLater() && b == j+1) {
			t.Fatalf("FromJDN(%s) = %v, which is %s..%s", isoDay(j), d, isoDay(a), isoDay(b))
		}
	}
}

// TestMonthsContiguous checks that the months of every lunisolar year,
// corrections included, follow each other without gap or overlap, with 29
// or 30 days, and that each year begins where the last ended.
func TestMonthsContiguous(t *testing.T) {
	prevEnd := 0
	for y := minLunarYear; y <= lastLunarYear; y++ {
		ly := lunarYearOf(y)
		if prevEnd != 0 && ly.start != prevEnd {
			t.Errorf("%d starts %s, the year before ended %s", y, isoDay(ly.start), isoDay(prevEnd))
		}
		next := ly.start
		leaps := 0
		for _, m := range ly.months {
			if m.first != next {
				t.Errorf("%d month %d (leap %v) starts %s, want %s", y, m.num, m.leap, isoDay(m.first), isoDay(next))
			}
			if (m.days < 29 || m.days > 30) && !(y == lastLunarYear && m.num == 12) {
				t.Errorf("%d month %d has %d days", y, m.num, m.days)
			}
			if m.leap {
				leaps++
			}
			next = m.first + m.days
		}
		if want := len(ly.months) - 12; leaps != want {
			t.Errorf("%d has %d months and %d leap months", y, len(ly.months), leaps)
		}
		prevEnd = ly.end
	}
}

// historyDays are days of well-known events, in the Japanese calendar as
// the records give them and in the Gregorian calendar as the histories
// (and the Japanese Wikipedia article of each event) convert them.
var historyDays = []struct{ event, japanese, gregorian string }{
	{"battle of Sekigahara", "慶長5年9月15日", "1600-10-21"},
	{"Ieyasu made shōgun", "慶長8年2月12日", "1603-03-24"},
	{"fall of Osaka castle", "慶長20年5月8日", "1615-06-04"},
	{"death of Tokugawa Ieyasu", "元和2年4月17日", "1616-06-01"},
	{"Buke shohatto of Kan'ei", "寛永12年6月21日", "1635-08-04"},
	{"death of Date Masamune", "寛永13年5月24日", "1636-06-27"},
	{"outbreak of the Shimabara rebellion", "寛永14年10月25日", "1637-12-11"},
	{"death of Miyamoto Musashi", "正保2年5月19日", "1645-06-13"},
	{"death of Tokugawa Iemitsu", "慶安4年4月20日", "1651-06-08"},
	{"Asano Naganori draws his sword", "元禄14年3月14日", "1701-04-21"},
	{"death of Matsuo Bashō", "元禄7年10月12日", "1694-11-28"},
	{"death of Tokugawa Hidetada", "寛永9年1月24日", "1632-03-14"},
	{"end of the Shimabara rebellion", "寛永15年2月28日", "1638-04-12"},
	{"great fire of Meireki", "明暦3年1月18日", "1657-03-02"},
	{"raid of the forty-seven rōnin", "元禄15年12月14日", "1703-01-30"},
	{"Hōei eruption of Mount Fuji", "宝永4年11月23日", "1707-12-16"},
	{"Inō Tadataka sets out", "寛政12年閏4月19日", "1800-06-11"},
	{"rising of Ōshio Heihachirō", "天保8年2月19日", "1837-03-25"},
	{"Perry arrives at Uraga", "嘉永6年6月3日", "1853-07-08"},
	{"treaty of Kanagawa", "嘉永7年3月3日", "1854-03-31"},
	{"Ansei Edo earthquake", "安政2年10月2日", "1855-11-11"},
	{"Harris treaty", "安政5年6月19日", "1858-07-29"},
	{"Sakuradamon incident", "安政7年3月3日", "1860-03-24"},
	{"return of power to the emperor", "慶応3年10月14日", "1867-11-09"},
	{"battle of Toba–Fushimi", "慶応4年1月3日", "1868-01-27"},
	{"surrender of Edo castle", "慶応4年4月11日", "1868-05-03"},
}

// TestHistoryDays checks the lunisolar months, corrections included,
// against the days of well-known events.
func TestHistoryDays(t *testing.T) {
	for _, tc := range historyDays {
		t.Run(tc.event, func(t *testing.T) {
			d, err := Parse(tc.japanese)
			if err != nil {
				t.Fatal(err)
			}
			lo, _ := d.JDNRange()
			if got := isoDay(lo); got != tc.gregorian {
				t.Errorf("%s = %s, want %s", tc.japanese, got, tc.gregorian)
			}
		})
	}
}

// TestCheckedMonths checks that every month the code counts as checked
// before 1685 is the month of a reference day in this file, and that the
// months of the reference days are counted as checked.
func TestCheckedMonths(t *testing.T) {
	refs := map[[2]int]bool{}
	for _, e := range eras {
		if e.first < senmyoEnd {
			refs[[2]int{e.first, e.month}] = true
		}
	}
	for _, h := range historyDays {
		d, err := Parse(h.japanese)
		if err != nil {
			t.Fatal(err)
		}
		if y, _ := d.CalendarYear(); y < senmyoEnd {
			refs[[2]int{y, d.Month}] = true
			if d.MayBeDayLater() {
				t.Errorf("%s (%s) is checked but MayBeDayLater", h.japanese, h.event)
			}
		}
	}
	if diff := cmp.Diff(refs, checkedMonths); diff != "" {
		t.Errorf("checked months (-references +table):\n%s", diff)
	}
	// An unchecked day before 1685 may be the next day; after, not.
	d, _ := Parse("寛永3年5月1日")
	if lo, hi := d.JDNRange(); hi != lo+1 || !d.MayBeDayLater() {
		t.Errorf("寛永3年5月1日 = %s..%s, want two days", isoDay(lo), isoDay(hi))
	}
	d, _ = Parse("元禄3年5月1日")
	if lo, hi := d.JDNRange(); hi != lo || d.MayBeDayLater() {
		t.Errorf("元禄3年5月1日 = %s..%s, want one day", isoDay(lo), isoDay(hi))
	}
}
