package japanese

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// parseTests give a form, the date read (in characters) and the days it
// means (Gregorian).
var parseTests = []struct {
	in       string
	want     string // Date.String()
	from, to string
}{
	// Japanese script.
	{"慶応3年10月14日", "慶応3年10月14日", "1867-11-09", "1867-11-09"},
	{"明治22年2月11日", "明治22年2月11日", "1889-02-11", "1889-02-11"},
	{"明治二十二年二月十一日", "明治22年2月11日", "1889-02-11", "1889-02-11"},
	{"明治２２年２月１１日", "明治22年2月11日", "1889-02-11", "1889-02-11"},
	{"明治 22 年 2 月 11 日", "明治22年2月11日", "1889-02-11", "1889-02-11"},
	{"明治元年", "明治元年", "1868-01-25", "1869-02-10"},
	{"明治1年", "明治元年", "1868-01-25", "1869-02-10"},
	{"慶応元年", "慶応元年", "1865-05-01", "1866-02-14"},
	{"慶應三年十月十四日", "慶応3年10月14日", "1867-11-09", "1867-11-09"},
	{"慶応元年閏五月朔日", "慶応元年閏5月1日", "1865-06-23", "1865-06-23"},
	{"慶応3年正月", "慶応3年1月", "1867-02-05", "1867-03-05"},
	{"万延元年3月3日", "万延元年3月3日", "1860-03-24", "1860-03-24"},
	{"安政5年6月19日", "安政5年6月19日", "1858-07-29", "1858-07-29"},
	{"嘉永七年三月三日", "嘉永7年3月3日", "1854-03-31", "1854-03-31"},
	{"明治5年12月2日", "明治5年12月2日", "1872-12-31", "1872-12-31"},
	{"明治6年1月1日", "明治6年1月1日", "1873-01-01", "1873-01-01"},
	{"明治45年", "明治45年", "1912-01-01", "1912-07-29"},
	{"大正元年", "大正元年", "1912-07-30", "1912-12-31"},
	{"昭和元年", "昭和元年", "1926-12-25", "1926-12-31"},
	{"昭和20年8月15日", "昭和20年8月15日", "1945-08-15", "1945-08-15"},
	{"平成31年4月30日", "平成31年4月30日", "2019-04-30", "2019-04-30"},
	{"令和元年5月1日", "令和元年5月1日", "2019-05-01", "2019-05-01"},
	{"慶応3年10月晦日", "慶応3年10月30日", "1867-11-25", "1867-11-25"},
	{"明治22年2月11日。", "明治22年2月11日", "1889-02-11", "1889-02-11"},
	// Era date with the Gregorian date in brackets.
	{"慶応3年10月14日(1867年11月9日)", "慶応3年10月14日", "1867-11-09", "1867-11-09"},
	{"慶応3年10月14日（西暦1867年11月9日）", "慶応3年10月14日", "1867-11-09", "1867-11-09"},
	{"慶応3年10月14日 (1867-11-09)", "慶応3年10月14日", "1867-11-09", "1867-11-09"},
	{"明治元年(1868年)", "明治元年", "1868-01-25", "1869-02-10"},
	// Romanised, English.
	{"Meiji 22", "明治22年", "1889-01-01", "1889-12-31"},
	{"Meiji 22/2/11", "明治22年2月11日", "1889-02-11", "1889-02-11"},
	{"Meiji 22.2.11", "明治22年2月11日", "1889-02-11", "1889-02-11"},
	{"Meiji 22, 2nd month, 11th day", "明治22年2月11日", "1889-02-11", "1889-02-11"},
	{"Keiō 3, 10th month, 14th day", "慶応3年10月14日", "1867-11-09", "1867-11-09"},
	{"Keio 1, leap 5th month", "慶応元年閏5月", "1865-06-23", "1865-07-22"},
	{"Meiji gannen", "明治元年", "1868-01-25", "1869-02-10"},
	{"the 22nd year of Meiji", "明治22年", "1889-01-01", "1889-12-31"},
	{"the 22nd year of the Meiji era", "明治22年", "1889-01-01", "1889-12-31"},
	{"in the 3rd year of Keiō", "慶応3年", "1867-02-05", "1868-01-24"},
	{"the first year of Meiji", "明治元年", "1868-01-25", "1869-02-10"},
	{"year 22 of Meiji", "明治22年", "1889-01-01", "1889-12-31"},
	{"Taishō 3", "大正3年", "1914-01-01", "1914-12-31"},
	{"Taisho 3", "大正3年", "1914-01-01", "1914-12-31"},
	{"Taishou 3", "大正3年", "1914-01-01", "1914-12-31"},
	{"TAISHO 3", "大正3年", "1914-01-01", "1914-12-31"},
	{"Shōwa 20", "昭和20年", "1945-01-01", "1945-12-31"},
	{"Kan'ei 2", "寛永2年", "1625-02-07", "1626-01-27"},
	{"Kanei 2", "寛永2年", "1625-02-07", "1626-01-27"},
	{"Temmei 3", "天明3年", "1783-02-02", "1784-01-21"},
	{"Tenmei 3", "天明3年", "1783-02-02", "1784-01-21"},
	{"Man'en 1", "万延元年", "1860-04-08", "1861-02-09"},
	// French, German, Dutch.
	{"22e année de Meiji", "明治22年", "1889-01-01", "1889-12-31"},
	{"la 22e année de Meiji", "明治22年", "1889-01-01", "1889-12-31"},
	{"la 22ème année de l'ère Meiji", "明治22年", "1889-01-01", "1889-12-31"},
	{"l'an 22 de l'ère Meiji", "明治22年", "1889-01-01", "1889-12-31"},
	{"la première année de Meiji", "明治元年", "1868-01-25", "1869-02-10"},
	{"im 22. Jahr Meiji", "明治22年", "1889-01-01", "1889-12-31"},
	{"im 22. Jahr der Meiji-Zeit", "明治22年", "1889-01-01", "1889-12-31"},
	{"im ersten Jahr der Ära Meiji", "明治元年", "1868-01-25", "1869-02-10"},
	{"het 22e jaar van Meiji", "明治22年", "1889-01-01", "1889-12-31"},
	{"in het 22ste jaar van het Meiji-tijdperk", "明治22年", "1889-01-01", "1889-12-31"},
	// Russian.
	{"22-й год Мэйдзи", "明治22年", "1889-01-01", "1889-12-31"},
	{"в 22-м году эпохи Мэйдзи", "明治22年", "1889-01-01", "1889-12-31"},
	{"Мэйдзи 22", "明治22年", "1889-01-01", "1889-12-31"},
	{"Мейдзи 22", "明治22年", "1889-01-01", "1889-12-31"},
	{"3-й год Кэйо", "慶応3年", "1867-02-05", "1868-01-24"},
	{"Тайсё 3", "大正3年", "1914-01-01", "1914-12-31"},
	{"Сёва 20", "昭和20年", "1945-01-01", "1945-12-31"},
}

func TestParse(t *testing.T) {
	for _, tc := range parseTests {
		t.Run(tc.in, func(t *testing.T) {
			d, err := Parse(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			lo, hi := d.JDNRange()
			got := []string{d.String(), isoDay(lo), isoDay(hi)}
			if diff := cmp.Diff([]string{tc.want, tc.from, tc.to}, got); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestParseWestern(t *testing.T) {
	d, err := Parse("慶応3年10月14日(1867年11月9日)")
	if err != nil {
		t.Fatal(err)
	}
	want := &Western{Year: 1867, Month: 11, Day: 9, Start: 11, End: 21}
	if diff := cmp.Diff(want, d.Western); diff != "" {
		t.Errorf("Western (-want +got):\n%s", diff)
	}
}

var parseErrorTests = []struct {
	in, msg string
}{
	{"", "empty date"},
	{"明治", "no Japanese era date"},
	{"1889年2月11日", "no Japanese era date"},
	{"明治5年12月3日", "never existed"},
	{"明治5年12月31日", "never existed"},
	{"明治6年閏1月", "no leap month"},
	{"慶応3年閏10月", "no leap month"},
	{"慶応3年10月31日", "has 30 days"},
	{"明治46年", "years 1 to 45"},
	{"慶応0年", "years 1 to"},
	{"慶応3年10月14日(1867年11月10日)", "not the era date's day"},
	{"Meiji 22 and more", "after the date"},
	{"sometime in Meiji 22", "before the date"},
	{"Meiji", "no Japanese era date"},
	{"Meiji 46", "years 1 to 45"},
	{"the 22nd year of Napoleon", "no Japanese era date"},
}

func TestParseErrors(t *testing.T) {
	for _, tc := range parseErrorTests {
		t.Run(tc.in, func(t *testing.T) {
			d, err := Parse(tc.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want an error with %q", tc.in, d, tc.msg)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("Parse(%q) error %q, want %q", tc.in, err, tc.msg)
			}
		})
	}
}

func TestLookupEra(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Keiō", "慶応"}, {"Keio", "慶応"}, {"Keiou", "慶応"}, {"慶應", "慶応"}, {"Кэйо", "慶応"},
		{"Jōō", "承応"}, {"Jouou", "承応"}, {"Genwa", "元和"}, {"Gen'na", "元和"}, {"Kambun", "寛文"},
		{"Empō", "延宝"}, {"Tempo", "天保"}, {"Kyōhō", "享保"}, {"Kyouhou", "享保"}, {"Bunkyū", "文久"},
		{"寶暦", "宝暦"}, {"萬延", "万延"}, {"Хэйсэй", "平成"}, {"Рэйва", "令和"}, {"Хейсей", "平成"},
	}
	for _, tc := range tests {
		i, ok := lookupEra(tc.name)
		if !ok || eras[i].name != tc.want {
			t.Errorf("lookupEra(%q) = %v, %v; want %s", tc.name, i, ok, tc.want)
		}
	}
	if _, ok := lookupEra("正德"); ok {
		t.Errorf("正德 is read as a Japanese era; it is the Ming era Zhengde")
	}
}

func TestPolivanov(t *testing.T) {
	tests := map[string]string{"Meiji": "Мэйдзи", "Taishō": "Тайсё", "Shōwa": "Сёва", "Heisei": "Хэйсэй", "Reiwa": "Рэйва", "Keiō": "Кэйо", "Man'en": "Манэн", "Bunkyū": "Бункю", "Jōkyō": "Дзёкё"}
	for in, want := range tests {
		if got := polivanov(in); got != want {
			t.Errorf("polivanov(%q) = %q, want %q", in, got, want)
		}
	}
}
