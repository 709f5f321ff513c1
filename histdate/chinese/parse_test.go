package chinese

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func day(era, pinyin string, y, m, d int) Date {
	return Date{Era: era, EraPinyin: pinyin, EraYear: y, Month: m, Day: d, Precision: Day}
}

func leapDay(era, pinyin string, y, m, d int) Date {
	v := day(era, pinyin, y, m, d)
	v.Leap = true
	return v
}

func month(era, pinyin string, y, m int) Date {
	return Date{Era: era, EraPinyin: pinyin, EraYear: y, Month: m, Precision: Month}
}

func year(era, pinyin string, y int) Date {
	return Date{Era: era, EraPinyin: pinyin, EraYear: y, Precision: Year}
}

var aigun = day("咸豐", "Xianfeng", 8, 4, 16)

var parseTests = []struct {
	in   string
	want Date
}{
	// Characters.
	{"咸豐八年四月十六日", aigun},
	{"咸丰八年四月十六日", aigun},
	{"咸豐8年4月16日", aigun},
	{"咸豐８年４月１６日", aigun},
	{"咸豐八年四月十六", aigun},
	{"大清咸豐八年四月十六日", aigun},
	{"清咸豐八年四月十六日", aigun},
	{"大清 咸豐 八年 四月 十六日", aigun},
	{"  咸豐八年四月十六日\n", aigun},
	{"咸豐八年四月辛酉", aigun},
	{"咸豐八年四月辛酉日", aigun},
	{"咸豐八年四月丙午朔", day("咸豐", "Xianfeng", 8, 4, 1)},
	{"咸豐八年四月朔", day("咸豐", "Xianfeng", 8, 4, 1)},
	{"咸豐八年四月晦", day("咸豐", "Xianfeng", 8, 4, 29)},
	{"咸豐八年四月", month("咸豐", "Xianfeng", 8, 4)},
	{"咸豐九年", year("咸豐", "Xianfeng", 9)},
	{"咸豐元年", year("咸豐", "Xianfeng", 1)},
	{"咸豐十年十月初二日", day("咸豐", "Xianfeng", 10, 10, 2)},
	{"咸豐十年十月初十日", day("咸豐", "Xianfeng", 10, 10, 10)},
	{"光緒七年正月二十六日", day("光緒", "Guangxu", 7, 1, 26)},
	{"光绪七年正月廿六日", day("光緒", "Guangxu", 7, 1, 26)},
	{"光緒七年冬月卅日", day("光緒", "Guangxu", 7, 11, 30)},
	{"光緒七年臘月廿三", day("光緒", "Guangxu", 7, 12, 23)},
	{"光绪七年腊月二十三日", day("光緒", "Guangxu", 7, 12, 23)},
	{"光緒七年十二月二十日", day("光緒", "Guangxu", 7, 12, 20)},
	{"光緒二〇年", year("光緒", "Guangxu", 20)},
	{"光緒二十年", year("光緒", "Guangxu", 20)},
	{"康熙二十八年七月二十四日", day("康熙", "Kangxi", 28, 7, 24)},
	{"康熙二十八年閏三月初一日", leapDay("康熙", "Kangxi", 28, 3, 1)},
	{"康熙二十八年闰三月初一", leapDay("康熙", "Kangxi", 28, 3, 1)},
	{"康熙二十八年閏月初一", leapDay("康熙", "Kangxi", 28, 3, 1)},
	{"康熙六十一年", year("康熙", "Kangxi", 61)},
	{"乾隆六十年", year("乾隆", "Qianlong", 60)},
	{"宣統三年閏六月", Date{Era: "宣統", EraPinyin: "Xuantong", EraYear: 3, Month: 6, Leap: true, Precision: Month}},
	{"明洪武元年正月初四日", day("洪武", "Hongwu", 1, 1, 4)},
	{"大明萬曆四十八年", year("萬曆", "Wanli", 48)},
	{"万历四十八年", year("萬曆", "Wanli", 48)},
	{"萬歷元年", year("萬曆", "Wanli", 1)},
	{"洪武三十五年", year("洪武", "Hongwu", 35)},
	{"天啓七年", year("天啟", "Tianqi", 7)},
	{"崇祯十七年三月十九日", day("崇禎", "Chongzhen", 17, 3, 19)},
	{"顺治元年", year("順治", "Shunzhi", 1)},
	{"崇德八年", year("崇德", "Chongde", 8)},
	{"民國元年三月十日", day("民國", "Minguo", 1, 3, 10)},
	{"民国元年三月十号", day("民國", "Minguo", 1, 3, 10)},
	{"中華民國三十八年十月一日", day("民國", "Minguo", 38, 10, 1)},
	{"民國一百一十五年", year("民國", "Minguo", 115)},
	{"民國一〇五年", year("民國", "Minguo", 105)},
	{"民國元年二月二十九日", day("民國", "Minguo", 1, 2, 29)},
	{"民國元年十二月三十一日", day("民國", "Minguo", 1, 12, 31)},
	{"民國 38 年 10 月 1 日", day("民國", "Minguo", 38, 10, 1)},
	{"咸豐八年四月十六日辛酉", aigun},
	{"咸豐八年四月十六辛酉日", aigun},
	// Romanised.
	{"Xianfeng 8, 4th month, 16th day", aigun},
	{"Xianfeng 8/4/16", aigun},
	{"Xiánfēng 8/4/16", aigun},
	{"Xianfeng 8, month 4, day 16", aigun},
	{"XIANFENG 8, 4TH MONTH, 16TH DAY", aigun},
	{"Hsien-feng 8, 4th month, 16th day", aigun},
	{"Hsien Feng 8/4/16", aigun},
	{"Xianfeng 8, 4th month", month("咸豐", "Xianfeng", 8, 4)},
	{"Xianfeng 8/4", month("咸豐", "Xianfeng", 8, 4)},
	{"Xianfeng 9", year("咸豐", "Xianfeng", 9)},
	{"Xianfeng9", year("咸豐", "Xianfeng", 9)},
	{"Kangxi 28, leap 3rd month, 1st day", leapDay("康熙", "Kangxi", 28, 3, 1)},
	{"Kangxi 28, intercalary 3rd month, 1st day", leapDay("康熙", "Kangxi", 28, 3, 1)},
	{"Kangxi 28, leap month 3, day 1", leapDay("康熙", "Kangxi", 28, 3, 1)},
	{"Kangxi 28/leap 3/1", leapDay("康熙", "Kangxi", 28, 3, 1)},
	{"Kangxi 28/L3/1", leapDay("康熙", "Kangxi", 28, 3, 1)},
	{"K'ang-hsi 28, 7th month, 24th day", day("康熙", "Kangxi", 28, 7, 24)},
	{"K’ang-hsi 28/7/24", day("康熙", "Kangxi", 28, 7, 24)},
	{"Kang-hsi 28", year("康熙", "Kangxi", 28)},
	{"Kāngxī 28", year("康熙", "Kangxi", 28)},
	{"Ch'ien-lung 60", year("乾隆", "Qianlong", 60)},
	{"Tao-kuang 22, 7th month, 24th day", day("道光", "Daoguang", 22, 7, 24)},
	{"T'ung-chih 1", year("同治", "Tongzhi", 1)},
	{"Kuang-hsü 7, 1st month, 26th day", day("光緒", "Guangxu", 7, 1, 26)},
	{"Kuang-hsu 7", year("光緒", "Guangxu", 7)},
	{"Guāngxù 7, 1st month, 26th day", day("光緒", "Guangxu", 7, 1, 26)},
	{"Chia-ch'ing 1", year("嘉慶", "Jiaqing", 1)},
	{"Chia-ching 1", year("嘉靖", "Jiajing", 1)},
	{"Hsüan-t'ung 3, 12th month, 25th day", day("宣統", "Xuantong", 3, 12, 25)},
	{"Shun-chih 1", year("順治", "Shunzhi", 1)},
	{"Minguo 1, 3rd month, 10th day", day("民國", "Minguo", 1, 3, 10)},
	{"Min-kuo 38", year("民國", "Minguo", 38)},
	{"Hongwu 1, 1st month, 4th day", day("洪武", "Hongwu", 1, 1, 4)},
	{"Xianfeng 8, 4th month, 21st day", day("咸豐", "Xianfeng", 8, 4, 21)},
	{"Xianfeng 8, 4th month, 22nd day", day("咸豐", "Xianfeng", 8, 4, 22)},
	{"Xianfeng 8, 4th month, 23rd day", day("咸豐", "Xianfeng", 8, 4, 23)},
}

func TestParse(t *testing.T) {
	for _, tc := range parseTests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := Parse(tc.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.in, err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

var parseErrorTests = []struct {
	in         string
	start, end int
	msg        string // a substring of Msg
}{
	{"", 0, 0, "empty"},
	{"   ", 0, 0, "empty"},
	{"太平天國三年", 0, 6, "no reign era"},
	{"hello world", 0, 5, "no reign era"},
	{"咸豐", 0, 2, "want a year"},
	{"咸豐八", 0, 3, "want a year"},
	{"咸豐十二年", 2, 5, "years 1 to 11"},
	{"乾隆六十一年", 2, 6, "years 1 to 60"},
	{"咸豐〇年", 2, 4, "years 1 to 11"},
	{"咸豐十十年", 2, 4, "cannot read the year"},
	{"咸豐八年十三月", 4, 7, "month 13 out of range"},
	{"咸豐八年閏四月", 4, 7, "no leap 4th month"},
	{"咸豐八年閏月", 4, 6, "no leap month"},
	{"康熙二十八年閏四月", 6, 9, "followed the 3rd"},
	{"咸豐八年四月三十日", 6, 9, "29 days, not 30"},
	{"咸豐八年四月初十一日", 6, 9, "初一 to 初十"},
	{"咸豐八年四月丙子", 6, 8, "no 丙子 day"},
	{"咸豐八年四月辛酉朔", 6, 9, "began on a 丙午 day"},
	{"咸豐八年四月十六日午時", 9, 11, "cannot read"},
	{"咸豐八年四月十六日 午時", 10, 12, "cannot read"},
	{"咸豐八年四月十六日丙子", 9, 11, "was a 辛酉 day, not 丙子"},
	{"咸豐八年四", 4, 5, "cannot read"},
	{"清洪武元年", 0, 3, "not an era of the dynasty"},
	{"明咸豐元年", 0, 3, "not an era of the dynasty"},
	{"大清太平三年", 0, 3, "no reign era known after"},
	{"民國元年閏三月", 4, 7, "Gregorian"},
	{"民國元年正月初一", 4, 6, "Gregorian"},
	{"民國元年二月三十日", 6, 9, "29 days, not 30"},
	{"民國元年四月晦", 6, 7, "cannot read"},
	{"Xianfeng", 0, 8, "want a year"},
	{"Xianfeng eight", 0, 10, "want a year"},
	{"Xianfeng 8th", 0, 10, "want a year"},
	{"Xianfeng 12", 9, 11, "years 1 to 11"},
	{"Xianfeng 8, 13th month", 12, 22, "month 13"},
	{"Xianfeng 8/4/30", 13, 15, "29 days"},
	{"Xianfeng 8, leap 4th month", 12, 26, "no leap 4th month"},
	{"Xianfeng 8, 4th moon", 10, 20, "cannot read"},
	{"Minguo 1/L3/1", 9, 11, "Gregorian"},
	{"Xianfengs 8", 0, 9, "no reign era"},
}

func TestParseErrors(t *testing.T) {
	for _, tc := range parseErrorTests {
		t.Run(tc.in, func(t *testing.T) {
			d, err := Parse(tc.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want an error", tc.in, d)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error %T, want *ParseError", tc.in, err)
			}
			if pe.Input != tc.in || pe.Start != tc.start || pe.End != tc.end || !strings.Contains(pe.Msg, tc.msg) {
				t.Errorf("Parse(%q) = %+v, want characters %d-%d and a message containing %q", tc.in, *pe, tc.start, tc.end, tc.msg)
			}
			if s := err.Error(); !strings.Contains(s, pe.Msg) {
				t.Errorf("Error() = %q lacks the message", s)
			}
		})
	}
}

func TestStringAndPinyin(t *testing.T) {
	tests := []struct {
		d           Date
		str, pinyin string
	}{
		{aigun, "咸豐八年四月十六日", "Xianfeng 8, 4th month, 16th day"},
		{leapDay("康熙", "Kangxi", 28, 3, 1), "康熙二十八年閏三月初一日", "Kangxi 28, leap 3rd month, 1st day"},
		{day("光緒", "Guangxu", 7, 1, 26), "光緒七年正月二十六日", "Guangxu 7, 1st month, 26th day"},
		{day("咸豐", "Xianfeng", 10, 10, 2), "咸豐十年十月初二日", "Xianfeng 10, 10th month, 2nd day"},
		{day("光緒", "Guangxu", 7, 11, 30), "光緒七年十一月三十日", "Guangxu 7, 11th month, 30th day"},
		{day("光緒", "Guangxu", 7, 12, 20), "光緒七年十二月二十日", "Guangxu 7, 12th month, 20th day"},
		{year("咸豐", "Xianfeng", 9), "咸豐九年", "Xianfeng 9"},
		{year("咸豐", "Xianfeng", 1), "咸豐元年", "Xianfeng 1"},
		{month("咸豐", "Xianfeng", 8, 4), "咸豐八年四月", "Xianfeng 8, 4th month"},
		{day("民國", "Minguo", 1, 3, 10), "民國元年三月十日", "Minguo 1, 3rd month, 10th day"},
		{day("民國", "Minguo", 1, 1, 1), "民國元年一月一日", "Minguo 1, 1st month, 1st day"},
		{year("民國", "Minguo", 115), "民國一百一十五年", "Minguo 115"},
		{year("民國", "Minguo", 105), "民國一百零五年", "Minguo 105"},
	}
	for _, tc := range tests {
		if got := tc.d.String(); got != tc.str {
			t.Errorf("String() = %q, want %q", got, tc.str)
		}
		if got := tc.d.Pinyin(); got != tc.pinyin {
			t.Errorf("Pinyin() = %q, want %q", got, tc.pinyin)
		}
	}
}

func TestReadNumeral(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"十", 10, true}, {"十六", 16, true}, {"二十", 20, true}, {"二十三", 23, true},
		{"廿", 20, true}, {"廿三", 23, true}, {"卅", 30, true}, {"六十一", 61, true},
		{"一百", 100, true}, {"一百零五", 105, true}, {"一百一十五", 115, true}, {"一百十五", 115, true},
		{"二〇", 20, true}, {"一〇五", 105, true}, {"16", 16, true}, {"１６", 16, true}, {"兩", 2, true},
		{"十十", 0, false}, {"三廿", 0, false}, {"二百五", 0, false}, {"百", 0, false},
		{"零五", 5, true}, {"一百零", 0, false}, {"十二十", 0, false}, {"123456789", 0, false},
	}
	for _, tc := range tests {
		got, end, ok := readNumeral([]rune(tc.in), 0)
		if ok != tc.ok || ok && (got != tc.want || end != len([]rune(tc.in))) {
			t.Errorf("readNumeral(%q) = %d, %d, %v, want %d, %v", tc.in, got, end, ok, tc.want, tc.ok)
		}
	}
}
