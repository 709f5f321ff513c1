package chinese

import (
	"sync"

	"treatyline/histdate/internal/lunisolar"
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
	for _, m := range lunisolar.ChineseMonths(y) {
		d.months = append(d.months, lunarMonth{month: m.Num, leap: m.Leap, days: m.Days, first: m.First})
	}
	if n := len(d.months); n > 0 {
		d.start = d.months[0].first
		d.end = d.months[n-1].first + d.months[n-1].days
	}
	return d
}

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
	gy, _, _ := lunisolar.JDNToGregorian(jdn)
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
