// Package lunisolar holds the calendar arithmetic that the Chinese and
// Japanese era-date packages share: the months of a Chinese lunisolar year
// as lunar-go computes them and the Julian Day Numbers of proleptic
// Gregorian dates; and the English ordinals that they and histdate use in
// readings and errors ("the 4th month", "19th century").
package lunisolar

import (
	"math"
	"strconv"

	"github.com/6tail/lunar-go/calendar"
)

// Month is one month of a lunisolar year.
type Month struct {
	Num   int  // 1..12
	Leap  bool // 閏
	First int  // JDN of its first day
	Days  int  // 29 or 30
}

// ChineseMonths returns the months of the Chinese lunisolar year y (named by
// the Gregorian year its new year falls in), first month first, any leap
// month in its place. lunar-go takes about half a millisecond a year, so
// callers keep what they need.
func ChineseMonths(y int) []Month {
	var ms []Month
	for e := calendar.NewLunarYear(y).GetMonthsInYear().Front(); e != nil; e = e.Next() {
		m := e.Value.(*calendar.LunarMonth)
		lm := Month{Num: m.GetMonth(), Days: m.GetDayCount(), First: civilJDN(m.GetFirstJulianDay())}
		if lm.Num < 0 {
			lm.Num, lm.Leap = -lm.Num, true
		}
		ms = append(ms, lm)
	}
	return ms
}

// civilJDN returns the JDN of the civil day containing the instant jd, an
// astronomical Julian Date (which starts at noon, hence the half day).
// lunar-go gives month starts as the Julian Date of noon, so this is exact.
func civilJDN(jd float64) int { return int(math.Floor(jd + 0.5)) }

// GregorianToJDN returns the JDN of a proleptic Gregorian date from 4800 BC
// on.
func GregorianToJDN(y, m, d int) int {
	// Count from March of a year offset so that the leap day ends the year
	// and the year is positive.
	a := (14 - m) / 12
	yy := y + 4800 - a
	mm := m + 12*a - 3
	return d + (153*mm+2)/5 + 365*yy + yy/4 - yy/100 + yy/400 - 32045
}

// JDNToGregorian is the inverse of GregorianToJDN.
func JDNToGregorian(jdn int) (y, m, d int) {
	a := jdn + 32044
	b := (4*a + 3) / 146097
	c := a - 146097*b/4
	dd := (4*c + 3) / 1461
	e := c - 1461*dd/4
	mm := (5*e + 2) / 153
	d = e - (153*mm+2)/5 + 1
	m = mm + 3 - 12*(mm/10)
	y = 100*b + dd - 4800 + mm/10
	return y, m, d
}

// GregorianMonthDays returns the length of a Gregorian month.
func GregorianMonthDays(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// OrdinalSuffix returns the English ordinal suffix for n: st, nd, rd, th.
func OrdinalSuffix(n int) string {
	if n%100 >= 11 && n%100 <= 13 {
		return "th"
	}
	switch n % 10 {
	case 1:
		return "st"
	case 2:
		return "nd"
	case 3:
		return "rd"
	}
	return "th"
}

// Ordinal returns n as an English ordinal: 1st, 2nd, 11th, 22nd.
func Ordinal(n int) string { return strconv.Itoa(n) + OrdinalSuffix(n) }
