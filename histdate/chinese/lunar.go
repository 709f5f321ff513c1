package chinese

import (
	"math"
	"sync"

	"github.com/6tail/lunar-go/calendar"
)

// The lunar years this package asks lunar-go about: 洪武元年 to 宣統三年.
const (
	minLunarYear = 1368
	maxLunarYear = 1911
)

// lunarMonth is one month of a lunar year.
type lunarMonth struct {
	month int  // 1..12
	leap  bool // 閏
	days  int  // 29 or 30
	first int  // JDN of 初一
}

// lunarYearData is the months of one lunar year, 正月 to 臘月 with any leap
// month in its place, and the JDN range of the year.
type lunarYearData struct {
	months     []lunarMonth
	start, end int // JDN of 正月初一, and of the next year's 正月初一
}

func (y *lunarYearData) month(m int, leap bool) (lunarMonth, bool) {
	for _, lm := range y.months {
		if lm.month == m && lm.leap == leap {
			return lm, true
		}
	}
	return lunarMonth{}, false
}

func (y *lunarYearData) leapMonth() (lunarMonth, bool) {
	for _, lm := range y.months {
		if lm.leap {
			return lm, true
		}
	}
	return lunarMonth{}, false
}

// lunarYears holds each year, computed on first use: lunar-go takes about
// half a millisecond per year, and most programs need few of them.
var lunarYears [maxLunarYear - minLunarYear + 1]struct {
	once sync.Once
	data lunarYearData
}

// lunarYearOf returns the months of lunar year y (named by the Gregorian year
// its new year falls in), or nil outside minLunarYear..maxLunarYear.
func lunarYearOf(y int) *lunarYearData {
	if y < minLunarYear || y > maxLunarYear {
		return nil
	}
	slot := &lunarYears[y-minLunarYear]
	slot.once.Do(func() { slot.data = computeLunarYear(y) })
	return &slot.data
}

func computeLunarYear(y int) lunarYearData {
	var d lunarYearData
	for e := calendar.NewLunarYear(y).GetMonthsInYear().Front(); e != nil; e = e.Next() {
		m := e.Value.(*calendar.LunarMonth)
		lm := lunarMonth{month: m.GetMonth(), days: m.GetDayCount(), first: civilJDN(m.GetFirstJulianDay())}
		if lm.month < 0 {
			lm.month, lm.leap = -lm.month, true
		}
		d.months = append(d.months, lm)
	}
	if n := len(d.months); n > 0 {
		d.start = d.months[0].first
		d.end = d.months[n-1].first + d.months[n-1].days
	}
	return d
}

// civilJDN returns the JDN of the civil day containing the instant jd, an
// astronomical Julian Date (which starts at noon, hence the half day).
// lunar-go gives month starts as the Julian Date of noon, so this is exact.
func civilJDN(jd float64) int { return int(math.Floor(jd + 0.5)) }

// lunarDate is a day of the lunar calendar, its year named by the Gregorian
// year in which its new year falls.
type lunarDate struct {
	year, month int
	leap        bool
	day         int
}

// lunarFromJDN returns the lunar date of a day, ok=false outside the years
// covered.
func lunarFromJDN(jdn int) (lunarDate, bool) {
	gy, _, _ := jdnToGregorian(jdn)
	// A lunar new year falls between late January and late February, so the
	// day belongs to lunar year gy or gy-1.
	for _, y := range [2]int{gy, gy - 1} {
		ly := lunarYearOf(y)
		if ly == nil || jdn < ly.start || jdn >= ly.end {
			continue
		}
		for _, m := range ly.months {
			if jdn >= m.first && jdn < m.first+m.days {
				return lunarDate{year: y, month: m.month, leap: m.leap, day: jdn - m.first + 1}, true
			}
		}
	}
	return lunarDate{}, false
}

// gregorianToJDN returns the JDN of a proleptic Gregorian date.
func gregorianToJDN(y, m, d int) int {
	// Count from March of a year offset so that the leap day ends the year
	// and the year is positive.
	a := (14 - m) / 12
	yy := y + 4800 - a
	mm := m + 12*a - 3
	return d + (153*mm+2)/5 + 365*yy + yy/4 - yy/100 + yy/400 - 32045
}

// jdnToGregorian is the inverse of gregorianToJDN.
func jdnToGregorian(jdn int) (y, m, d int) {
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

// gregorianMonthDays returns the length of a Gregorian month.
func gregorianMonthDays(y, m int) int {
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

// dayGanZhiIndex returns the place of a day in the sexagenary cycle, 0 for
// 甲子. JDN 0 was a 癸丑 day (49).
func dayGanZhiIndex(jdn int) int {
	return ((jdn+49)%60 + 60) % 60
}

const (
	heavenlyStems   = "甲乙丙丁戊己庚辛壬癸"
	earthlyBranches = "子丑寅卯辰巳午未申酉戌亥"
)

var (
	stemRunes   = []rune(heavenlyStems)
	branchRunes = []rune(earthlyBranches)
)

// ganZhiName returns the two characters of place i (0..59) of the cycle.
func ganZhiName(i int) string {
	return string([]rune{stemRunes[i%10], branchRunes[i%12]})
}

// ganZhiAt reads a stem and branch at r[i] and returns its place in the
// cycle; ok is false when they are not there or do not pair (甲丑).
func ganZhiAt(r []rune, i int) (int, bool) {
	if i+1 >= len(r) {
		return 0, false
	}
	s, b := -1, -1
	for k, c := range stemRunes {
		if c == r[i] {
			s = k
		}
	}
	for k, c := range branchRunes {
		if c == r[i+1] {
			b = k
		}
	}
	if s < 0 || b < 0 || s%2 != b%2 {
		return 0, false
	}
	// The place p has p%10 == s and p%12 == b.
	return ((6*s-5*b)%60 + 60) % 60, true
}
