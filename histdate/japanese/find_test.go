package japanese

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFind(t *testing.T) {
	tests := []struct {
		text string
		want []string // text of each mention, then its reading
	}{
		{"憲法は明治二十二年二月十一日に発布された。", []string{"明治二十二年二月十一日", "明治22年2月11日"}},
		{"大政奉還は慶応3年10月14日(1867年11月9日)のことである。", []string{"慶応3年10月14日(1867年11月9日)", "慶応3年10月14日"}},
		{"The constitution of Meiji 22/2/11 (11 February 1889) and, in the 3rd year of Keiō, the shogun's resignation.",
			[]string{"Meiji 22/2/11", "明治22年2月11日", "the 3rd year of Keiō", "慶応3年"}},
		{"La constitution fut promulguée la 22e année de Meiji.", []string{"la 22e année de Meiji", "明治22年"}},
		{"Die Verfassung wurde im 22. Jahr der Meiji-Zeit erlassen.", []string{"22. Jahr der Meiji-Zeit", "明治22年"}},
		{"Конституция была принята в 22-м году эпохи Мэйдзи.", []string{"22-м году эпохи Мэйдзи", "明治22年"}},
		// Lower-case names and numbers too large are not dates.
		{"the meiji 22 reforms; Meiji 1868 restoration; 明治5年12月3日", nil},
		{"明治大学 and the Tale of Genji, chapter 3", nil},
		{"after 22 years of Meiji rule; 22 ans de Meiji; 22 лет Мэйдзи", nil},
		{"Meiji 22\n/2/11", []string{"Meiji 22", "明治22年"}},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			r := []rune(tc.text)
			var got []string
			for _, m := range Find(tc.text) {
				got = append(got, string(r[m.Start:m.End]), m.Date.String())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Find (-want +got):\n%s", diff)
			}
		})
	}
}
