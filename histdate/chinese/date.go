package chinese

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
	Year  Precision = iota + 1 // 咸豐九年: the whole lunar (for 民國, Gregorian) year
	Month                      // 咸豐八年四月
	Day                        // 咸豐八年四月十六日
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

// Date is a date in a reign era, as precise as it was written. For lunar
// eras Month and Day count lunar months and days; for 民國 they are
// Gregorian.
type Date struct {
	Era       string // traditional characters, e.g. "咸豐"; "民國" for Minguo
	EraPinyin string // e.g. "Xianfeng"
	EraYear   int    // 1-based; 1 is 元年
	Month     int    // 1..12, 0 when year precision
	Leap      bool   // the leap month (閏月) after the month numbered Month
	Day       int    // 1..30 (31 for 民國), 0 unless day precision
	Precision Precision
}

// eraIndex finds the era of d by Era, or by EraPinyin when Era is empty.
func (d Date) eraIndex() (int, bool) {
	if d.Era != "" {
		return lookupEra(d.Era)
	}
	if d.EraPinyin != "" {
		return lookupEra(d.EraPinyin)
	}
	return 0, false
}

// span is the days a month covers.
type span struct{ first, days int }

// monthSpan returns the days of month m (leap: the leap month after m) of
// era year y of era e, or ok=false if that month did not exist.
func monthSpan(e *era, y, m int, leap bool) (span, bool) {
	gy := e.first + y - 1
	if e.gregorian {
		if leap || m < 1 || m > 12 {
			return span{}, false
		}
		return span{lunisolar.GregorianToJDN(gy, m, 1), lunisolar.GregorianMonthDays(gy, m)}, true
	}
	ly := lunarYearOf(gy)
	if ly == nil {
		return span{}, false
	}
	lm, ok := ly.month(m, leap)
	return span{lm.first, lm.days}, ok
}

// yearSpan returns the first day and the day after the last of era year y.
func yearSpan(e *era, y int) (start, end int, ok bool) {
	gy := e.first + y - 1
	if e.gregorian {
		return lunisolar.GregorianToJDN(gy, 1, 1), lunisolar.GregorianToJDN(gy+1, 1, 1), true
	}
	ly := lunarYearOf(gy)
	if ly == nil {
		return 0, 0, false
	}
	return ly.start, ly.end, true
}

// Validate reports whether d names a date that exists: a known era, a year
// within it, a month (and leap month) that year had, a day that month had,
// and fields that agree with the precision.
func (d Date) Validate() error {
	_, _, err := d.resolve()
	return err
}

// resolve validates d and returns the first and last JDN it covers.
func (d Date) resolve() (first, last int, err error) {
	i, ok := d.eraIndex()
	if !ok {
		return 0, 0, fmt.Errorf("unknown era %q", d.Era+d.EraPinyin)
	}
	e := &eras[i]
	if d.EraYear < 1 || d.EraYear > e.years {
		return 0, 0, fmt.Errorf("%s has years 1 to %d, not %d", e.name, e.years, d.EraYear)
	}
	switch d.Precision {
	case Year:
		if d.Month != 0 || d.Day != 0 || d.Leap {
			return 0, 0, fmt.Errorf("year precision with a month or day")
		}
		start, end, _ := yearSpan(e, d.EraYear)
		return start, end - 1, nil
	case Month, Day:
	default:
		return 0, 0, fmt.Errorf("invalid precision %v", d.Precision)
	}
	if d.Month < 1 || d.Month > 12 {
		return 0, 0, fmt.Errorf("month %d out of range", d.Month)
	}
	if d.Leap && e.gregorian {
		return 0, 0, fmt.Errorf("%s years are Gregorian and have no leap months", e.name)
	}
	ms, ok := monthSpan(e, d.EraYear, d.Month, d.Leap)
	if !ok {
		return 0, 0, fmt.Errorf("%s had no leap %s month", d.yearString(e), lunisolar.Ordinal(d.Month))
	}
	if d.Precision == Month {
		if d.Day != 0 {
			return 0, 0, fmt.Errorf("month precision with a day")
		}
		return ms.first, ms.first + ms.days - 1, nil
	}
	if d.Day < 1 || d.Day > ms.days {
		return 0, 0, fmt.Errorf("%s has %d days, not %d", d.monthString(e), ms.days, d.Day)
	}
	jdn := ms.first + d.Day - 1
	return jdn, jdn, nil
}

// JDNRange returns the Julian Day Numbers of the first and last day d can
// mean: one day for day precision, the month for month precision, and for
// year precision the lunar year from its new year to the day before the
// next (the Gregorian year for 民國). For a Date that Validate rejects it
// returns 0, 0.
func (d Date) JDNRange() (earliest, latest int) {
	first, last, err := d.resolve()
	if err != nil {
		return 0, 0
	}
	return first, last
}

// DayGanZhi returns the sexagenary name of the day of a day-precision date,
// such as "辛酉" for 咸豐八年四月十六日; ok is false for other dates.
func (d Date) DayGanZhi() (name string, ok bool) {
	if d.Precision != Day {
		return "", false
	}
	first, _, err := d.resolve()
	if err != nil {
		return "", false
	}
	return ganZhiName(dayGanZhiIndex(first)), true
}

// canonical is the line of eras FromJDN names days by: from lunar year year,
// month month on, era era applies, until the next entry.
var canonical = []struct {
	era         string
	year, month int
}{
	{"洪武", 1368, 1}, {"建文", 1399, 1}, {"永樂", 1403, 1}, {"洪熙", 1425, 1},
	{"宣德", 1426, 1}, {"正統", 1436, 1}, {"景泰", 1450, 1}, {"天順", 1457, 1},
	{"成化", 1465, 1}, {"弘治", 1488, 1}, {"正德", 1506, 1}, {"嘉靖", 1522, 1},
	{"隆慶", 1567, 1}, {"萬曆", 1573, 1}, {"泰昌", 1620, 8}, {"天啟", 1621, 1},
	{"崇禎", 1628, 1}, {"順治", 1644, 1}, {"康熙", 1662, 1}, {"雍正", 1723, 1},
	{"乾隆", 1736, 1}, {"嘉慶", 1796, 1}, {"道光", 1821, 1}, {"咸豐", 1851, 1},
	{"同治", 1862, 1}, {"光緒", 1875, 1}, {"宣統", 1909, 1},
}

// minguoFrom is the first day FromJDN names in 民國: the day after the
// abdication edict of 宣統三年十二月二十五日 (12 February 1912).
var minguoFrom = lunisolar.GregorianToJDN(1912, 2, 13)

// maxJDN is the last day of the last 民國 year read.
var maxJDN = lunisolar.GregorianToJDN(eras[eraMinguo].first+eras[eraMinguo].years, 1, 1) - 1

// FromJDN returns the day-precision era date of a day, ok=false before
// 洪武元年 or after the last 民國 year read. It names days by one line of
// eras: the Ming to the end of 崇禎十六年 (1643), 順治 from the 1644 new
// year, and the later era for the whole of a year shared by two (天順元年,
// not 景泰八年), except 泰昌, which runs from the eighth month of 1620 as
// proclaimed; 建文 for 1399–1402 rather than the later 洪武三十二–三十五年;
// the Qing to the abdication on 宣統三年十二月二十五日 (12 February 1912),
// then 民國, Gregorian. The eras before 1644 of the Later Jin and Qing (天命,
// 天聰, 崇德) are read by Parse but never returned.
func FromJDN(jdn int) (Date, bool) {
	if jdn > maxJDN {
		return Date{}, false
	}
	if jdn >= minguoFrom {
		e := &eras[eraMinguo]
		y, m, d := lunisolar.JDNToGregorian(jdn)
		if y-e.first+1 > e.years {
			return Date{}, false
		}
		return Date{Era: e.name, EraPinyin: e.pinyin, EraYear: y - e.first + 1, Month: m, Day: d, Precision: Day}, true
	}
	ld, ok := lunarFromJDN(jdn)
	if !ok {
		return Date{}, false
	}
	name := ""
	for _, c := range canonical {
		if ld.year < c.year || ld.year == c.year && ld.month < c.month {
			break
		}
		name = c.era
	}
	i, ok := eraByName[name]
	if !ok {
		return Date{}, false
	}
	e := &eras[i]
	return Date{
		Era: e.name, EraPinyin: e.pinyin, EraYear: ld.year - e.first + 1,
		Month: ld.month, Leap: ld.leap, Day: ld.day, Precision: Day,
	}, true
}

// String writes d in characters as documents do: 咸豐八年四月十六日,
// 康熙二十八年閏三月初一日, 光緒七年正月二十六日, 咸豐九年, 民國元年三月十日.
func (d Date) String() string {
	gregorian := false
	if i, ok := d.eraIndex(); ok {
		gregorian = eras[i].gregorian
	}
	var b strings.Builder
	b.WriteString(d.Era)
	b.WriteString(yearNumeral(d.EraYear))
	b.WriteString("年")
	if d.Precision < Month {
		return b.String()
	}
	if d.Leap {
		b.WriteString("閏")
	}
	if d.Month == 1 && !gregorian {
		b.WriteString("正")
	} else {
		b.WriteString(cjkNumber(d.Month))
	}
	b.WriteString("月")
	if d.Precision < Day {
		return b.String()
	}
	if d.Day <= 10 && !gregorian {
		b.WriteString("初")
	}
	b.WriteString(cjkNumber(d.Day))
	b.WriteString("日")
	return b.String()
}

func yearNumeral(y int) string {
	if y == 1 {
		return "元"
	}
	return cjkNumber(y)
}

// yearString is the year of d in characters, with its Gregorian year:
// 咸豐八年 (1858).
func (d Date) yearString(e *era) string {
	return fmt.Sprintf("%s%s年 (%d)", e.name, yearNumeral(d.EraYear), e.first+d.EraYear-1)
}

// monthString is the month of d in characters: 咸豐八年四月 (1858).
func (d Date) monthString(e *era) string {
	m := Date{Era: e.name, EraYear: d.EraYear, Month: d.Month, Leap: d.Leap, Precision: Month}
	return fmt.Sprintf("%s (%d)", m.String(), e.first+d.EraYear-1)
}

// Pinyin writes d in pinyin and English: "Xianfeng 8, 4th month, 16th day",
// "Kangxi 28, leap 3rd month, 1st day", "Xianfeng 9".
func (d Date) Pinyin() string {
	var b strings.Builder
	b.WriteString(d.EraPinyin)
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(d.EraYear))
	if d.Precision < Month {
		return b.String()
	}
	b.WriteString(", ")
	if d.Leap {
		b.WriteString("leap ")
	}
	b.WriteString(lunisolar.Ordinal(d.Month))
	b.WriteString(" month")
	if d.Precision < Day {
		return b.String()
	}
	b.WriteString(", ")
	b.WriteString(lunisolar.Ordinal(d.Day))
	b.WriteString(" day")
	return b.String()
}
