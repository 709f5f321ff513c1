package japanese

import (
	"sync"

	"treatyline/histdate/internal/lunisolar"
)

// The lunisolar years read: from the first era's to the last one before
// the Gregorian calendar (Meiji 5, 1872).
const (
	minLunarYear  = 1596
	lastLunarYear = 1872
)

// The calendar change: the 2nd day of the 12th month of Meiji 5 was
// 31 December 1872, the last lunisolar day; the next was 1 January 1873.
var (
	lastLunarJDN   = lunisolar.GregorianToJDN(1872, 12, 31)
	firstGregorian = 1873
)

// month is one month of a lunisolar year.
type month struct {
	num   int  // 1..12
	leap  bool // 閏
	first int  // JDN of its first day
	days  int  // 29 or 30 (2 for the 12th month of Meiji 5)
}

// lunarYear is the months of one lunisolar year, New Year's month first.
type lunarYear struct {
	months     []month
	start, end int // JDN of the first day, and of the next year's first day
}

func (y *lunarYear) month(m int, leap bool) (month, bool) {
	for _, lm := range y.months {
		if lm.num == m && lm.leap == leap {
			return lm, true
		}
	}
	return month{}, false
}

// yearFix records where the Japanese calendar of a year differs from the
// Chinese one that lunar-go gives.
type yearFix struct {
	// leap is the month after which Japan inserted its leap month, when it
	// differs from the Chinese leap month; the months between the two are
	// renumbered.
	leap int
	// later lists months (by Japanese number, not leap) that began one day
	// later in Japan than the Chinese month of the same new moon.
	later []int
	// ref names the evidence.
	ref string
}

// japaneseMonths lists the known differences. Each was found by converting
// a day whose Gregorian date is established through the Chinese months: the
// era start days, as the era tables give them in both calendars (see
// era_test.go), and the days of well-known events (historyDays in
// era_test.go). They give the leap month of 1615 (元和元年閏6月, when
// China's was the 8th) and 1648 (慶安元年 follows 閏正月, when China's was
// the 4th), and a month that began a day later than China's in 1615, 1616,
// 1635, 1636, 1637, 1645, 1651, 1681, 1711 and 1801. Every difference found
// is a Japanese month beginning a day later: Kyoto lies about 1 h 17 min east
// of Beijing, so a new moon shortly before midnight in Beijing falls after
// midnight in Kyoto; before 1685 the Senmyō calendar's own errors add to it.
var japaneseMonths = map[int]yearFix{
	1615: {leap: 6, later: []int{5}, ref: "元和 began 元和元年7月13日 = 5 September 1615; Osaka fell on 慶長20年5月8日 = 4 June 1615"},
	1616: {later: []int{4}, ref: "Tokugawa Ieyasu died on 元和2年4月17日 = 1 June 1616"},
	1635: {later: []int{6}, ref: "the Buke shohatto of Kan'ei were issued on 寛永12年6月21日 = 4 August 1635"},
	1636: {later: []int{5}, ref: "Date Masamune died on 寛永13年5月24日 = 27 June 1636"},
	1637: {later: []int{10}, ref: "the Shimabara rebellion broke out on 寛永14年10月25日 = 11 December 1637"},
	1645: {later: []int{5}, ref: "Miyamoto Musashi died on 正保2年5月19日 = 13 June 1645"},
	1651: {later: []int{4}, ref: "Tokugawa Iemitsu died on 慶安4年4月20日 = 8 June 1651"},
	1648: {leap: 1, ref: "慶安 began 慶安元年2月15日 = 7 April 1648"},
	1681: {later: []int{9}, ref: "天和 began 天和元年9月29日 = 9 November 1681"},
	1711: {later: []int{4}, ref: "正徳 began 正徳元年4月25日 = 11 June 1711"},
	1801: {later: []int{2}, ref: "享和 began 享和元年2月5日 = 19 March 1801"},
}

// senmyoEnd is the first year of the Jōkyō calendar (1685). Before it the
// Senmyō calendar was in use, whose months began a day later than the
// Chinese ones too often for a day to be given as one: a day in a month
// that no reference has checked may be the day after the one computed.
const senmyoEnd = 1685

// checkedMonths are the months before 1685 whose first day a reference
// confirms as computed (or as corrected in japaneseMonths): the months of
// the era starts and of the event days tested in era_test.go.
var checkedMonths = map[[2]int]bool{
	{1596, 10}: true, {1600, 9}: true, {1603, 2}: true, {1615, 5}: true, {1615, 7}: true,
	{1616, 4}: true, {1624, 2}: true, {1632, 1}: true, {1635, 6}: true, {1636, 5}: true,
	{1637, 10}: true, {1638, 2}: true, {1644, 12}: true, {1645, 5}: true, {1648, 2}: true,
	{1651, 4}: true, {1652, 9}: true, {1655, 4}: true, {1657, 1}: true, {1658, 7}: true,
	{1661, 4}: true, {1673, 9}: true, {1681, 9}: true, {1684, 2}: true,
}

// mayBeLater reports whether a month of lunisolar year y may have begun a
// day later in Japan than computed: before 1685, unless a reference checked
// it.
func mayBeLater(y, m int, leap bool) bool {
	return y >= minLunarYear && y < senmyoEnd && (leap || !checkedMonths[[2]int{y, m}])
}

var lunarYears [lastLunarYear - minLunarYear + 1]struct {
	once sync.Once
	data lunarYear
}

// lunarYearOf returns the months of lunisolar year y (named by the
// Gregorian year its New Year falls in), or nil outside the years read.
func lunarYearOf(y int) *lunarYear {
	if y < minLunarYear || y > lastLunarYear {
		return nil
	}
	slot := &lunarYears[y-minLunarYear]
	slot.once.Do(func() { slot.data = computeLunarYear(y) })
	return &slot.data
}

func computeLunarYear(y int) lunarYear {
	var d lunarYear
	for _, m := range lunisolar.ChineseMonths(y) {
		d.months = append(d.months, month{num: m.Num, leap: m.Leap, first: m.First, days: m.Days})
	}
	if fix, ok := japaneseMonths[y]; ok {
		applyFix(d.months, fix)
	}
	if y == lastLunarYear {
		// The 12th month of Meiji 5 ended on its 2nd day.
		last := &d.months[len(d.months)-1]
		last.days = lastLunarJDN - last.first + 1
	}
	if n := len(d.months); n > 0 {
		d.start = d.months[0].first
		d.end = d.months[n-1].first + d.months[n-1].days
	}
	return d
}

// applyFix renumbers the months of a year for Japan's leap month and moves
// the first day of the months that began later.
func applyFix(ms []month, fix yearFix) {
	if fix.leap > 0 && len(ms) == 13 {
		// The same thirteen new moons: months 1..leap, the leap month, then
		// leap+1..12.
		for i := range ms {
			switch {
			case i < fix.leap:
				ms[i].num, ms[i].leap = i+1, false
			case i == fix.leap:
				ms[i].num, ms[i].leap = fix.leap, true
			default:
				ms[i].num, ms[i].leap = i, false
			}
		}
	}
	for _, m := range fix.later {
		for i := range ms {
			if ms[i].num == m && !ms[i].leap && i > 0 {
				ms[i].first++
				ms[i].days--
				ms[i-1].days++
			}
		}
	}
}

// dayJDN returns the JDN of a day in calendar year y: lunisolar before
// 1873, Gregorian from 1873. ok is false for a day that did not exist.
func dayJDN(y, m int, leap bool, d int) (int, bool) {
	first, days, ok := monthSpan(y, m, leap)
	if !ok || d < 1 || d > days {
		return 0, false
	}
	return first + d - 1, true
}

// monthSpan returns the first day and the length of a month of calendar
// year y.
func monthSpan(y, m int, leap bool) (first, days int, ok bool) {
	if y >= firstGregorian {
		if leap || m < 1 || m > 12 {
			return 0, 0, false
		}
		return lunisolar.GregorianToJDN(y, m, 1), lunisolar.GregorianMonthDays(y, m), true
	}
	ly := lunarYearOf(y)
	if ly == nil {
		return 0, 0, false
	}
	lm, ok := ly.month(m, leap)
	return lm.first, lm.days, ok
}

// yearSpan returns the first day of calendar year y and the first day of
// the next.
func yearSpan(y int) (start, end int, ok bool) {
	if y >= firstGregorian {
		return lunisolar.GregorianToJDN(y, 1, 1), lunisolar.GregorianToJDN(y+1, 1, 1), true
	}
	ly := lunarYearOf(y)
	if ly == nil {
		return 0, 0, false
	}
	return ly.start, ly.end, true
}
