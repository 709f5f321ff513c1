package histdate

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/histdate/japanese"
)

// TestParseJapanese checks that Parse reads Japanese era dates as the
// calendar "japanese", with the Gregorian days they mean.
func TestParseJapanese(t *testing.T) {
	tests := []struct {
		in                string
		written, from, to string
		alternate         string
	}{
		{"明治22年2月11日", "明治22年2月11日", "1889-02-11", "1889-02-11", ""},
		{"慶応3年10月14日", "慶応3年10月14日", "1867-11-09", "1867-11-09", ""},
		{"明治二十二年二月十一日", "明治22年2月11日", "1889-02-11", "1889-02-11", ""},
		{"明治元年", "明治元年", "1868-01-25", "1869-02-10", ""},
		{"慶応3年10月14日(1867年11月9日)", "慶応3年10月14日", "1867-11-09", "1867-11-09", "1867-11-09"},
		{"Meiji 22", "明治22年", "1889-01-01", "1889-12-31", ""},
		{"the 22nd year of Meiji", "明治22年", "1889-01-01", "1889-12-31", ""},
		{"22e année de Meiji", "明治22年", "1889-01-01", "1889-12-31", ""},
		{"im 22. Jahr Meiji", "明治22年", "1889-01-01", "1889-12-31", ""},
		{"het 22e jaar van Meiji", "明治22年", "1889-01-01", "1889-12-31", ""},
		{"22-й год Мэйдзи", "明治22年", "1889-01-01", "1889-12-31", ""},
		{"Taisho 3", "大正3年", "1914-01-01", "1914-12-31", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			d, err := Parse(tc.in, Options{})
			if err != nil {
				t.Fatal(err)
			}
			alt := ""
			if d.Alternate != nil {
				alt = ISO(Gregorian, d.Alternate.Earliest())
			}
			got := []string{string(d.Calendar), d.String(), ISO(Gregorian, d.Earliest()), ISO(Gregorian, d.Latest()), alt}
			want := []string{"japanese", tc.written, tc.from, tc.to, tc.alternate}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
	for _, in := range []string{"明治5年12月3日", "慶応3年10月14日(1867年11月10日)", "Meiji 46"} {
		if d, err := Parse(in, Options{}); err == nil {
			t.Errorf("Parse(%q) = %v, want an error", in, d)
		}
	}
}

// TestFindJapanese checks that Find reports Japanese era dates in running
// text, in place of what else it would read there.
func TestFindJapanese(t *testing.T) {
	text := "Le shogunat prit fin le 慶応3年10月14日(1867年11月9日). In the 22nd year of Meiji (1889) the constitution came; 明治二十二年二月十一日。"
	r := []rune(text)
	var got []string
	for _, m := range Find(text, Options{}) {
		got = append(got, string(r[m.Start:m.End])+" = "+string(m.Date.Calendar)+" "+ISO(Gregorian, m.Date.Earliest()))
	}
	want := []string{
		"慶応3年10月14日(1867年11月9日) = japanese 1867-11-09",
		"the 22nd year of Meiji = japanese 1889-01-01",
		"1889 = gregorian 1889-01-01",
		"明治二十二年二月十一日 = japanese 1889-02-11",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Find (-want +got):\n%s", diff)
	}
}

// BenchmarkFindJapanese measures the Japanese era pass of Find alone on
// the corpus BenchmarkFind reads, to show its share of Find's time.
func BenchmarkFindJapanese(b *testing.B) {
	_, corpus := loadGold(b)
	var text strings.Builder
	for _, doc := range corpus {
		text.WriteString(doc)
		text.WriteString("\n")
	}
	s := text.String()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		japanese.Find(s)
	}
}

// TestEraCalendarOption checks that a caller's Chinese or Japanese calendar
// does not relabel figures without an era name.
func TestEraCalendarOption(t *testing.T) {
	for _, cal := range []Calendar{Chinese, Japanese} {
		d, err := Parse("2 November 1860", Options{Calendar: cal})
		if err != nil {
			t.Fatal(err)
		}
		if d.Calendar != Gregorian || ISO(Gregorian, d.Earliest()) != "1860-11-02" {
			t.Errorf("calendar %s: %v (%s)", cal, d, d.Calendar)
		}
	}
}
