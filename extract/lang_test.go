package extract

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"treatyline/internal/gold"
)

func TestDetectLanguage(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"The treaty was signed by the representatives of both empires in the town of Aigun, and it established the border along the river.", "en"},
		{"Het verdrag werd ondertekend door de vertegenwoordigers van beide rijken in de stad Aigun, en het legde de grens vast langs de rivier.", "nl"},
		{"Der Vertrag wurde von den Vertretern der beiden Reiche in der Stadt Aigun unterzeichnet und legte die Grenze entlang des Flusses fest.", "de"},
		{"Le traité fut signé par les représentants des deux empires dans la ville d'Aigun, et il fixa la frontière le long du fleuve.", "fr"},
		{"Айгунский договор был подписан в городе Айгунь представителями двух империй и установил границу по реке Амур.", "ru"},
		{"瑷珲条约是沙俄与清朝于1858年签订的不平等条约。", "zh"},
		{"Aigun 1858", ""},
	} {
		if got := DetectLanguage(c.text); got != c.want {
			t.Errorf("DetectLanguage(%.30q...) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestDetectLanguageOnCorpus(t *testing.T) {
	seeds, corpus, _ := gold.Shared(t)
	for id, s := range seeds.Sources {
		if got := DetectLanguage(corpus[id]); got != s.Language {
			t.Errorf("%s: detected %q, want %q", id, got, s.Language)
		}
	}
}

func FuzzDetectLanguage(f *testing.F) {
	f.Add("The treaty was signed.")
	f.Add("Het verdrag werd ondertekend.")
	f.Add("Айгунский договор")
	f.Fuzz(func(t *testing.T, s string) {
		got := DetectLanguage(s)
		if got == "" {
			return
		}
		for _, l := range Languages {
			if l == got {
				return
			}
		}
		t.Fatalf("DetectLanguage gave %q, not one of %v", got, Languages)
	})
}

// detectByFields is DetectLanguage's first form, which lower-cased the
// whole text and split it into words: the streaming form must read the
// same words.
func detectByFields(text string) string {
	var latin, cyr, han, kana int
	score := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		for _, r := range w {
			switch {
			case unicode.Is(unicode.Cyrillic, r):
				cyr++
			case unicode.Is(unicode.Han, r):
				han++
			case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
				kana++
			case unicode.Is(unicode.Latin, r):
				latin++
			}
		}
		for _, lang := range stopIndex[w] {
			score[lang]++
		}
	}
	return fmt.Sprint(latin, cyr, han, kana, score)
}

// FuzzDetectWords checks that DetectLanguage reads the words the
// whole-text form read, and gives the same answer twice.
func FuzzDetectWords(f *testing.F) {
	for _, s := range []string{"The treaty was signed at Aigun.", "Het verdrag van Aigun werd gesloten", "Айгунский договор", "瑷珲条约", "下関条約を締結した", "İSTANBUL ǅemal \xff\xfe", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		latin, cyr, han, kana, score := detectCounts(text)
		if got, want := fmt.Sprint(latin, cyr, han, kana, score), detectByFields(text); got != want {
			t.Errorf("%q: counted %s, want %s", text, got, want)
		}
		if a, b := DetectLanguage(text), DetectLanguage(text); a != b {
			t.Errorf("%q: %q then %q", text, a, b)
		}
	})
}

// BenchmarkDetectLanguage tells the language of each document of the
// corpus; MB/s is over the corpus's bytes.
func BenchmarkDetectLanguage(b *testing.B) {
	overCorpus(b, func(text string) { DetectLanguage(text) })
}
