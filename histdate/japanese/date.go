package japanese

import (
	"fmt"
	"strconv"
	"strings"

	"treatyline/histdate/internal/lunisolar"
)

// Precision says which parts of a Date are given.
type Precision int

// The precisions of a Date. The zero Precision is not valid.
const (
	Year  Precision = iota + 1 // 明治22年
	Month                      // 明治22年2月
	Day                        // 明治22年2月11日
)

// String returns "year", "month" or "day".
func (p Precision) String() string {
	switch p {
	case Year:
		return "year"
	case Month:
		return "month"
	case Day:
		return "day"
	}
	return "Precision(" + strconv.Itoa(int(p)) + ")"
}

// Western is a Gregorian date a text gives beside an era date, as in
// "慶応3年10月14日(1867年11月9日)".
type Western struct {
	Year, Month, Day int // Month and Day are 0 when not given
	Start, End       int // its span in the text, in code points
}

// Date is a date in a Japanese era, as precise as it was written. Before
// 1873 Month and Day count lunisolar months and days; from Meiji 6 they are
// Gregorian.
type Date struct {
	Era       string // canonical characters, e.g. "明治"
	EraRomaji string // Hepburn with macrons, e.g. "Meiji"
	EraYear   int    // 1-based; 1 is 元年
	Month     int    // 1..12, 0 when year precision
	Leap      bool   // the leap month (閏月) after the month numbered Month
	Day       int    // 1..31, 0 unless day precision
	Precision Precision
	// Western is the Gregorian date the text gave beside this one, if any.
	Western *Western
}

// eraIndex finds the era of d by Era, or by EraRomaji when Era is empty.
func (d Date) eraIndex() (int, bool) {
	if d.Era != "" {
		return lookupEra(d.Era)
	}
	return lookupEra(d.EraRomaji)
}

// CalendarYear returns the year in which the era year falls: the
// lunisolar year (named by the Gregorian year of its New Year) before 1873,
// the Gregorian year after. ok is false for an unknown era.
func (d Date) CalendarYear() (int, bool) {
	i, ok := d.eraIndex()
	if !ok {
		return 0, false
	}
	return eras[i].first + d.EraYear - 1, true
}

// Lunisolar reports whether the date's months and days are lunisolar
// (before the calendar change of 1873).
func (d Date) Lunisolar() bool {
	y, ok := d.CalendarYear()
	return ok && y < firstGregorian
}

// eraStart returns the first day of era i: its proclamation, or New Year's
// day of its first year for an era applied to the whole year.
func eraStart(i int) int {
	e := &eras[i]
	if e.fromNewYear {
		s, _, _ := yearSpan(e.first)
		return s
	}
	j, ok := dayJDN(e.first, e.month, e.leap, e.day)
	if !ok {
		panic("japanese: era start not a day: " + e.name)
	}
	return j
}

// eraEnd returns the day after the last of era i (the next era's start),
// or -1 for the current era.
func eraEnd(i int) int {
	if i+1 < len(eras) {
		return eraStart(i + 1)
	}
	return -1
}

// maxEraYear returns the last year of era i.
func maxEraYear(i int) int {
	if i+1 < len(eras) {
		return eras[i+1].first - eras[i].first + 1
	}
	return maxYear - eras[i].first + 1
}

// Validate reports why d is not a date that existed, or nil.
func (d Date) Validate() error {
	i, ok := d.eraIndex()
	if !ok {
		return fmt.Errorf("unknown era %q", d.Era+d.EraRomaji)
	}
	e := &eras[i]
	if d.EraYear < 1 || d.EraYear > maxEraYear(i) {
		return fmt.Errorf("%s has years 1 to %d, not %d", e.name, maxEraYear(i), d.EraYear)
	}
	y := e.first + d.EraYear - 1
	switch d.Precision {
	case Year:
		if d.Month != 0 || d.Day != 0 || d.Leap {
			return fmt.Errorf("a year-precision date has no month or day")
		}
		return nil
	case Month, Day:
	default:
		return fmt.Errorf("invalid precision %d", d.Precision)
	}
	if d.Month < 1 || d.Month > 12 {
		return fmt.Errorf("no month %d", d.Month)
	}
	if y >= firstGregorian && d.Leap {
		return fmt.Errorf("%s%d年 is Gregorian: it has no leap month", e.name, d.EraYear)
	}
	first, days, ok := monthSpan(y, d.Month, d.Leap)
	if !ok {
		if d.Leap {
			return fmt.Errorf("%s%d年 had no leap month after the %s month", e.name, d.EraYear, lunisolar.Ordinal(d.Month))
		}
		return fmt.Errorf("%s%d年 is outside the calendar read", e.name, d.EraYear)
	}
	_ = first
	if d.Precision == Day {
		if y == lastLunarYear && d.Month == 12 && !d.Leap && d.Day > days && d.Day <= 31 {
			return fmt.Errorf("明治5年12月%d日 never existed: the day after 明治5年12月2日 was 1 January 1873 (明治6年1月1日)", d.Day)
		}
		if d.Day < 1 || d.Day > days {
			return fmt.Errorf("the month has %d days, not %d", days, d.Day)
		}
	} else if d.Day != 0 {
		return fmt.Errorf("a month-precision date has no day")
	}
	return nil
}

// JDNRange returns the first and last day the date can mean. A year covers
// only its days in the era: 慶応元年 starts on the era's first day, and
// 明治45年 ends the day before Taishō began. The date must be valid.
func (d Date) JDNRange() (earliest, latest int) {
	i, _ := d.eraIndex()
	y := eras[i].first + d.EraYear - 1
	switch d.Precision {
	case Year:
		lo, hi, _ := yearSpan(y)
		if s := eraStart(i); d.EraYear == 1 && s > lo {
			lo = s
		}
		if e := eraEnd(i); e >= 0 && e < hi {
			hi = e
		}
		return lo, hi - 1
	case Month:
		first, days, _ := monthSpan(y, d.Month, d.Leap)
		if d.MayBeDayLater() {
			return first, first + days
		}
		return first, first + days - 1
	}
	j, _ := dayJDN(y, d.Month, d.Leap, d.Day)
	if d.MayBeDayLater() {
		return j, j + 1
	}
	return j, j
}

// MayBeDayLater reports whether the date's month, before 1685 and checked
// by no reference, may have begun a day later in Japan than in the Chinese
// calendar it is computed from: then the date may mean the day after (see
// the package documentation), and JDNRange includes it.
func (d Date) MayBeDayLater() bool {
	if d.Precision == Year {
		return false
	}
	y, ok := d.CalendarYear()
	return ok && mayBeLater(y, d.Month, d.Leap)
}

// FromJDN returns the Japanese era date of a day from the start of 慶長
// (16 December 1596) on, in the era in force that day. ok is false for an
// earlier day.
func FromJDN(jdn int) (Date, bool) {
	if jdn < eraStart(0) {
		return Date{}, false
	}
	i := len(eras) - 1
	for i > 0 && jdn < eraStart(i) {
		i--
	}
	e := &eras[i]
	var y, m, day int
	leap := false
	if jdn > lastLunarJDN {
		y, m, day = lunisolar.JDNToGregorian(jdn)
	} else {
		gy, _, _ := lunisolar.JDNToGregorian(jdn)
		found := false
		for _, cy := range [2]int{gy, gy - 1} {
			ly := lunarYearOf(cy)
			if ly == nil || jdn < ly.start || jdn >= ly.end {
				continue
			}
			for _, lm := range ly.months {
				if jdn >= lm.first && jdn < lm.first+lm.days {
					y, m, leap, day, found = cy, lm.num, lm.leap, jdn-lm.first+1, true
				}
			}
		}
		if !found {
			return Date{}, false
		}
	}
	return Date{Era: e.name, EraRomaji: e.romaji, EraYear: y - e.first + 1, Month: m, Leap: leap, Day: day, Precision: Day}, true
}

// String writes the date in characters with Arabic numerals, as Japanese
// texts do today: "明治22年2月11日", "慶応元年閏5月", "寛永2年".
func (d Date) String() string {
	var b strings.Builder
	b.WriteString(d.Era)
	if d.EraYear == 1 {
		b.WriteString("元")
	} else {
		b.WriteString(strconv.Itoa(d.EraYear))
	}
	b.WriteString("年")
	if d.Precision == Year {
		return b.String()
	}
	if d.Leap {
		b.WriteString("閏")
	}
	b.WriteString(strconv.Itoa(d.Month))
	b.WriteString("月")
	if d.Precision == Day {
		b.WriteString(strconv.Itoa(d.Day))
		b.WriteString("日")
	}
	return b.String()
}

// Romaji writes the date in romanised form: "Meiji 22, 2nd month, 11th
// day", "Keiō 1, leap 5th month", "Kan'ei 2".
func (d Date) Romaji() string {
	s := d.EraRomaji + " " + strconv.Itoa(d.EraYear)
	if d.Precision == Year {
		return s
	}
	s += ", "
	if d.Leap {
		s += "leap "
	}
	s += lunisolar.Ordinal(d.Month) + " month"
	if d.Precision == Day {
		s += ", " + lunisolar.Ordinal(d.Day) + " day"
	}
	return s
}
