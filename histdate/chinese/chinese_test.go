package chinese

import (
	"strings"
	"testing"

	"github.com/6tail/lunar-go/calendar"
	"github.com/google/go-cmp/cmp"

	"treatyline/histdate/internal/lunisolar"
)

// gregorianJDN is the test's own proleptic Gregorian to JDN conversion,
// counted by whole years and months from 1 January of year 1 (JDN 1721426),
// so that the tests do not lean on the package's formula.
func gregorianJDN(y, m, d int) int {
	n := y - 1
	days := n*365 + n/4 - n/100 + n/400
	leap := y%4 == 0 && (y%100 != 0 || y%400 == 0)
	for mm := 1; mm < m; mm++ {
		days += monthLength(mm, leap)
	}
	return 1721426 + days + d - 1
}

// julianJDN is the same for the Julian calendar (1 January of year 1 is
// JDN 1721424), for dates before the Gregorian reform.
func julianJDN(y, m, d int) int {
	n := y - 1
	days := n*365 + n/4
	for mm := 1; mm < m; mm++ {
		days += monthLength(mm, y%4 == 0)
	}
	return 1721424 + days + d - 1
}

func monthLength(m int, leap bool) int {
	switch m {
	case 2:
		if leap {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// ymd is a calendar date in a test table; julian marks Julian (Old Style)
// dates, used only before the Gregorian reform.
type ymd struct {
	y, m, d int
	julian  bool
}

func (v ymd) jdn() int {
	if v.julian {
		return julianJDN(v.y, v.m, v.d)
	}
	return gregorianJDN(v.y, v.m, v.d)
}

func TestHelpers(t *testing.T) {
	if got := gregorianJDN(1858, 11, 16); got != 2400000 {
		t.Errorf("gregorianJDN(1858-11-16) = %d, want 2400000", got)
	}
	if got := gregorianJDN(2000, 1, 1); got != 2451545 {
		t.Errorf("gregorianJDN(2000-01-01) = %d, want 2451545", got)
	}
	// The reform: Thursday 4 October 1582 (Julian) was followed by Friday
	// 15 October 1582 (Gregorian).
	if j, g := julianJDN(1582, 10, 4), gregorianJDN(1582, 10, 15); g != j+1 {
		t.Errorf("reform: julian 1582-10-04 = %d, gregorian 1582-10-15 = %d", j, g)
	}
	for _, jdn := range []int{1721426, 2299160, 2299161, 2400000, 2451545, 2816787} {
		y, m, d := lunisolar.JDNToGregorian(jdn)
		if got := gregorianJDN(y, m, d); got != jdn {
			t.Errorf("lunisolar.JDNToGregorian(%d) = %d-%d-%d, which is JDN %d", jdn, y, m, d, got)
		}
		if got := lunisolar.GregorianToJDN(y, m, d); got != jdn {
			t.Errorf("lunisolar.GregorianToJDN(%d-%d-%d) = %d, want %d", y, m, d, got, jdn)
		}
	}
}

// knownDates are dates whose Western equivalent is attested, with the
// source of the pairing.
var knownDates = []struct {
	name     string
	in       string
	from, to ymd
}{
	{"Aigun", "咸豐八年四月十六日", ymd{y: 1858, m: 5, d: 28}, ymd{y: 1858, m: 5, d: 28}},
	{"Tianjin, Russia", "咸豐八年五月初三日", ymd{y: 1858, m: 6, d: 13}, ymd{y: 1858, m: 6, d: 13}},
	{"Tianjin, Russia, ratified", "咸豐八年五月二十二日", ymd{y: 1858, m: 7, d: 2}, ymd{y: 1858, m: 7, d: 2}},
	{"Tianjin, Britain", "咸豐八年五月十六日", ymd{y: 1858, m: 6, d: 26}, ymd{y: 1858, m: 6, d: 26}},
	{"Peking", "咸豐十年十月初二日", ymd{y: 1860, m: 11, d: 14}, ymd{y: 1860, m: 11, d: 14}},
	{"St Petersburg", "光緒七年正月二十六日", ymd{y: 1881, m: 2, d: 24}, ymd{y: 1881, m: 2, d: 24}},
	{"Nerchinsk", "康熙二十八年七月二十四日", ymd{y: 1689, m: 9, d: 7}, ymd{y: 1689, m: 9, d: 7}},
	{"Nerchinsk, Old Style", "康熙二十八年七月二十四日", ymd{1689, 8, 28, true}, ymd{1689, 8, 28, true}},
	// Livadia was signed on 2 October 1879, 光緒五年八月十七日; the
	// eighteenth is the next day.
	{"Livadia", "光緒五年八月十七日", ymd{y: 1879, m: 10, d: 2}, ymd{y: 1879, m: 10, d: 2}},
	{"Livadia + 1", "光緒五年八月十八日", ymd{y: 1879, m: 10, d: 3}, ymd{y: 1879, m: 10, d: 3}},
	{"Nanking", "道光二十二年七月二十四日", ymd{y: 1842, m: 8, d: 29}, ymd{y: 1842, m: 8, d: 29}},
	{"Shimonoseki", "光緒二十一年三月二十三日", ymd{y: 1895, m: 4, d: 17}, ymd{y: 1895, m: 4, d: 17}},
	{"Boxer Protocol", "光緒二十七年七月二十五日", ymd{y: 1901, m: 9, d: 7}, ymd{y: 1901, m: 9, d: 7}},
	{"abdication", "宣統三年十二月二十五日", ymd{y: 1912, m: 2, d: 12}, ymd{y: 1912, m: 2, d: 12}},
	{"fall of Beijing", "崇禎十七年三月十九日", ymd{y: 1644, m: 4, d: 25}, ymd{y: 1644, m: 4, d: 25}},
	{"Ming proclaimed", "洪武元年正月初四日", ymd{1368, 1, 23, true}, ymd{1368, 1, 23, true}},
	{"Minguo day", "民國元年三月十日", ymd{y: 1912, m: 3, d: 10}, ymd{y: 1912, m: 3, d: 10}},
	{"Minguo first day", "中華民國元年一月一日", ymd{y: 1912, m: 1, d: 1}, ymd{y: 1912, m: 1, d: 1}},
	{"Minguo year", "民國元年", ymd{y: 1912, m: 1, d: 1}, ymd{y: 1912, m: 12, d: 31}},
	{"Minguo month", "民國三十八年十月", ymd{y: 1949, m: 10, d: 1}, ymd{y: 1949, m: 10, d: 31}},
	// Era years run from lunar new year to lunar new year.
	{"Xianfeng 9", "咸豐九年", ymd{y: 1859, m: 2, d: 3}, ymd{y: 1860, m: 1, d: 22}},
	{"Xianfeng 1", "咸豐元年", ymd{y: 1851, m: 2, d: 1}, ymd{y: 1852, m: 2, d: 19}},
	{"Kangxi 1", "康熙元年", ymd{y: 1662, m: 2, d: 18}, ymd{y: 1663, m: 2, d: 7}},
	{"Shunzhi 1", "順治元年", ymd{y: 1644, m: 2, d: 8}, ymd{y: 1645, m: 1, d: 27}},
	{"Qianlong 1", "乾隆元年", ymd{y: 1736, m: 2, d: 12}, ymd{y: 1737, m: 1, d: 30}},
	{"Jiaqing 1", "嘉慶元年", ymd{y: 1796, m: 2, d: 9}, ymd{y: 1797, m: 1, d: 27}},
	{"Daoguang 1", "道光元年", ymd{y: 1821, m: 2, d: 3}, ymd{y: 1822, m: 1, d: 22}},
	{"Tongzhi 1", "同治元年", ymd{y: 1862, m: 1, d: 30}, ymd{y: 1863, m: 2, d: 17}},
	{"Guangxu 1", "光緒元年", ymd{y: 1875, m: 2, d: 6}, ymd{y: 1876, m: 1, d: 25}},
	{"Xuantong 3", "宣統三年", ymd{y: 1911, m: 1, d: 30}, ymd{y: 1912, m: 2, d: 17}},
	{"Aigun month", "咸豐八年四月", ymd{y: 1858, m: 5, d: 13}, ymd{y: 1858, m: 6, d: 10}},
	{"leap month", "康熙二十八年閏三月", ymd{y: 1689, m: 4, d: 20}, ymd{y: 1689, m: 5, d: 18}},
	{"leap month day", "Kangxi 28, leap 3rd month, 1st day", ymd{y: 1689, m: 4, d: 20}, ymd{y: 1689, m: 4, d: 20}},
	{"Xianfeng 10 leap", "咸豐十年閏三月初一日", ymd{y: 1860, m: 4, d: 21}, ymd{y: 1860, m: 4, d: 21}},
}

func TestKnownDates(t *testing.T) {
	for _, tc := range knownDates {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Parse(tc.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.in, err)
			}
			gotFrom, gotTo := d.JDNRange()
			if gotFrom != tc.from.jdn() || gotTo != tc.to.jdn() {
				gy, gm, gd := lunisolar.JDNToGregorian(gotFrom)
				t.Errorf("Parse(%q).JDNRange() = %d, %d (from %d-%02d-%02d), want %d, %d",
					tc.in, gotFrom, gotTo, gy, gm, gd, tc.from.jdn(), tc.to.jdn())
			}
		})
	}
}

func TestEraFirstYears(t *testing.T) {
	want := map[string]int{
		"Xianfeng": 1851, "Kangxi": 1662, "Qianlong": 1736, "Guangxu": 1875, "Tongzhi": 1862,
		"Daoguang": 1821, "Jiaqing": 1796, "Shunzhi": 1644, "Yongzheng": 1723, "Xuantong": 1909,
		"Hongwu": 1368, "Chongzhen": 1628, "Wanli": 1573, "Minguo": 1912,
	}
	for name, year := range want {
		if got, ok := GregorianYearOf(name, 1); !ok || got != year {
			t.Errorf("GregorianYearOf(%q, 1) = %d, %v, want %d", name, got, ok, year)
		}
	}
	// Every era's first year begins in the Gregorian year the table says.
	for _, name := range Eras() {
		d := Date{Era: name, EraYear: 1, Precision: Year}
		first, last := d.JDNRange()
		gy, _, _ := lunisolar.JDNToGregorian(first)
		want, _ := GregorianYearOf(name, 1)
		if gy != want || last <= first {
			t.Errorf("%s元年 starts in %d (range %d–%d), GregorianYearOf says %d", name, gy, first, last, want)
		}
	}
}

func TestGregorianYearOf(t *testing.T) {
	tests := []struct {
		era    string
		year   int
		want   int
		wantOK bool
	}{
		{"咸豐", 8, 1858, true},
		{"咸丰", 8, 1858, true},
		{"Xianfeng", 8, 1858, true},
		{"Xiánfēng", 8, 1858, true},
		{"Hsien-feng", 8, 1858, true},
		{"K'ang-hsi", 28, 1689, true},
		{"Kang-hsi", 28, 1689, true},
		{"Kuang-hsü", 7, 1881, true},
		{"Kuang-hsu", 7, 1881, true},
		{"Chia-ch'ing", 1, 1796, true},
		{"Chia-ching", 1, 1522, true},
		{"萬歷", 1, 1573, true},
		{"宏治", 1, 1488, true},
		{"中華民國", 38, 1949, true},
		{"民国", 1, 1912, true},
		{"咸豐", 12, 0, false},
		{"咸豐", 0, 0, false},
		{"太平", 1, 0, false},
		{"", 1, 0, false},
	}
	for _, tc := range tests {
		got, ok := GregorianYearOf(tc.era, tc.year)
		if got != tc.want || ok != tc.wantOK {
			t.Errorf("GregorianYearOf(%q, %d) = %d, %v, want %d, %v", tc.era, tc.year, got, ok, tc.want, tc.wantOK)
		}
	}
}

func TestFromJDN(t *testing.T) {
	tests := []struct {
		name string
		day  ymd
		want string // String() of the date, "" for ok=false
	}{
		{"Aigun", ymd{y: 1858, m: 5, d: 28}, "咸豐八年四月十六日"},
		{"leap month", ymd{y: 1689, m: 4, d: 20}, "康熙二十八年閏三月初一日"},
		{"before the Ming", ymd{1368, 1, 19, true}, ""},
		{"Ming new year", ymd{1368, 1, 20, true}, "洪武元年正月初一日"},
		{"Jianwen, not Hongwu 32", ymd{y: 1399, m: 3, d: 1}, "建文元年正月十六日"},
		{"Tianshun from the new year", ymd{y: 1457, m: 2, d: 4}, "天順元年正月初一日"},
		{"Wanli to the seventh month", ymd{y: 1620, m: 8, d: 27}, "萬曆四十八年七月三十日"},
		{"Taichang from the eighth", ymd{y: 1620, m: 8, d: 28}, "泰昌元年八月初一日"},
		{"Chongzhen to 1643", ymd{y: 1644, m: 2, d: 7}, "崇禎十六年十二月二十九日"},
		{"Shunzhi from 1644", ymd{y: 1644, m: 2, d: 8}, "順治元年正月初一日"},
		{"abdication", ymd{y: 1912, m: 2, d: 12}, "宣統三年十二月二十五日"},
		{"Minguo after it", ymd{y: 1912, m: 2, d: 13}, "民國元年二月十三日"},
		{"Minguo 89", ymd{y: 2000, m: 1, d: 1}, "民國八十九年一月一日"},
		{"past Minguo", ymd{y: 10000, m: 1, d: 1}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, ok := FromJDN(tc.day.jdn())
			got := ""
			if ok {
				got = d.String()
			}
			if got != tc.want {
				t.Errorf("FromJDN(%v) = %q (ok %v), want %q", tc.day, got, ok, tc.want)
			}
		})
	}
}

// TestRoundTrip walks every fifth day from 洪武元年 to 民國 and checks that
// FromJDN, JDNRange, String, Pinyin and Parse agree.
func TestRoundTrip(t *testing.T) {
	start := julianJDN(1368, 1, 20)
	end := gregorianJDN(1930, 1, 1)
	step := 5
	if testing.Short() {
		step = 97
	}
	for jdn := start; jdn < end; jdn += step {
		d, ok := FromJDN(jdn)
		if !ok {
			t.Fatalf("FromJDN(%d) not ok", jdn)
		}
		if e, l := d.JDNRange(); e != jdn || l != jdn {
			t.Fatalf("FromJDN(%d) = %v, whose JDNRange is %d, %d", jdn, d, e, l)
		}
		for _, s := range []string{d.String(), d.Pinyin()} {
			back, err := Parse(s)
			if err != nil {
				t.Fatalf("Parse(%q) from JDN %d: %v", s, jdn, err)
			}
			if diff := cmp.Diff(d, back); diff != "" {
				t.Fatalf("Parse(%q) (-want +got):\n%s", s, diff)
			}
		}
	}
}

// TestLunarTables checks each lunar year as this package holds it: twelve
// or thirteen months of 29 or 30 days in order, one after another, each year
// ending where the next begins; and each month's first day against the
// calendar date lunar-go's Solar gives for it (Julian before 15 October 1582,
// Gregorian after), converted with the test's own helpers.
func TestLunarTables(t *testing.T) {
	reform := gregorianJDN(1582, 10, 15)
	for y := minLunarYear; y <= maxLunarYear; y++ {
		ly := lunarYearOf(y)
		n := len(ly.months)
		if n != 12 && n != 13 {
			t.Errorf("%d: %d months", y, n)
			continue
		}
		next, want := ly.start, 1
		for i, m := range ly.months {
			if m.first != next {
				t.Errorf("%d month %d starts at %d, want %d", y, i, m.first, next)
			}
			if m.days != 29 && m.days != 30 {
				t.Errorf("%d month %d has %d days", y, i, m.days)
			}
			if m.leap {
				if i == 0 || ly.months[i-1].month != m.month || ly.months[i-1].leap {
					t.Errorf("%d: leap month %d not after month %d", y, m.month, m.month)
				}
			} else {
				if m.month != want {
					t.Errorf("%d: month %d where %d expected", y, m.month, want)
				}
				want++
			}
			s := calendar.NewSolarFromJulianDay(float64(m.first))
			var ref int
			if m.first < reform {
				ref = julianJDN(s.GetYear(), s.GetMonth(), s.GetDay())
			} else {
				ref = gregorianJDN(s.GetYear(), s.GetMonth(), s.GetDay())
			}
			if ref != m.first {
				t.Errorf("%d month %d: JDN %d, but lunar-go's Solar says %s (JDN %d)", y, m.month, m.first, s.ToYmd(), ref)
			}
			next = m.first + m.days
		}
		if next != ly.end {
			t.Errorf("%d ends at %d, months end at %d", y, ly.end, next)
		}
		if y < maxLunarYear {
			if s := lunarYearOf(y + 1).start; s != ly.end {
				t.Errorf("%d ends at %d, %d starts at %d", y, ly.end, y+1, s)
			}
		}
		// The new year falls between 20 January and 21 February (Gregorian).
		gy, gm, gd := lunisolar.JDNToGregorian(ly.start)
		if gy != y || gm == 1 && gd < 20 || gm == 2 && gd > 21 || gm > 2 {
			t.Errorf("lunar year %d begins %d-%02d-%02d", y, gy, gm, gd)
		}
	}
}

func TestDayGanZhi(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"咸豐八年四月十六日", "辛酉"},
		{"民國八十九年一月一日", "戊午"}, // 1 January 2000
		{"宣統三年十二月二十五日", "戊午"},
	}
	for _, tc := range tests {
		d, err := Parse(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := d.DayGanZhi(); !ok || got != tc.want {
			t.Errorf("Parse(%q).DayGanZhi() = %q, %v, want %q", tc.in, got, ok, tc.want)
		}
	}
	if _, ok := (Date{Era: "咸豐", EraYear: 8, Precision: Year}).DayGanZhi(); ok {
		t.Errorf("DayGanZhi of a year: ok")
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		d       Date
		wantErr string // substring; "" for valid
	}{
		{"valid", Date{Era: "咸豐", EraYear: 8, Month: 4, Day: 16, Precision: Day}, ""},
		{"by pinyin", Date{EraPinyin: "Xianfeng", EraYear: 8, Precision: Year}, ""},
		{"zero", Date{}, "unknown era"},
		{"year 0", Date{Era: "咸豐", Precision: Year}, "years 1 to 11"},
		{"no precision", Date{Era: "咸豐", EraYear: 8}, "precision"},
		{"year with month", Date{Era: "咸豐", EraYear: 8, Month: 4, Precision: Year}, "year precision"},
		{"month with day", Date{Era: "咸豐", EraYear: 8, Month: 4, Day: 1, Precision: Month}, "month precision"},
		{"month 13", Date{Era: "咸豐", EraYear: 8, Month: 13, Precision: Month}, "month 13"},
		{"no such leap", Date{Era: "咸豐", EraYear: 8, Month: 4, Leap: true, Precision: Month}, "no leap 4th month"},
		{"day 30 of 29", Date{Era: "咸豐", EraYear: 8, Month: 4, Day: 30, Precision: Day}, "29 days"},
		{"Minguo leap", Date{Era: "民國", EraYear: 1, Month: 4, Leap: true, Precision: Month}, "Gregorian"},
		{"Minguo 31 Feb", Date{Era: "民國", EraYear: 1, Month: 2, Day: 30, Precision: Day}, "29 days"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.d.Validate()
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("Validate() = %v, want error containing %q", err, tc.wantErr)
			}
			if err != nil {
				if e, l := tc.d.JDNRange(); e != 0 || l != 0 {
					t.Errorf("JDNRange of invalid date = %d, %d, want 0, 0", e, l)
				}
			}
		})
	}
}

// TestConcurrent exercises the lazily computed lunar years from several
// goroutines; run with -race.
func TestConcurrent(t *testing.T) {
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func(g int) {
			defer func() { done <- true }()
			for y := 1650 + g; y < 1700; y += 4 {
				for jdn := gregorianJDN(y, 3, 1); jdn < gregorianJDN(y, 3, 10); jdn++ {
					d, ok := FromJDN(jdn)
					if !ok {
						t.Errorf("FromJDN(%d) not ok", jdn)
						return
					}
					if _, err := Parse(d.String()); err != nil {
						t.Error(err)
						return
					}
				}
			}
		}(g)
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}
