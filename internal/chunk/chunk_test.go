package chunk

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplit(t *testing.T) {
	for _, tt := range []struct {
		name string
		text string
		size int
		want []string
	}{
		{"short", "one line", 100, []string{"one line"}},
		{"paragraphs", "aaaa\n\nbbbb\n\ncccc", 4, []string{"aaaa", "\n\nbbbb", "\n\ncccc"}},
		{"lines", "aaaa\nbbbb\ncccc", 4, []string{"aaaa", "\nbbbb", "\ncccc"}},
		{"sentences", "Aaaa. Bbbb. Cccc.", 4, []string{"Aaaa.", " Bbbb.", " Cccc."}},
		{"paragraph before line", "aaaa\nb\n\ncc", 4, []string{"aaaa\nb", "\n\ncc"}},
		{"a blank line is not split", "aa\n\nbb\r\n\r\ncc", 3, []string{"aa", "\n\nbb", "\r\n\r\ncc"}},
		{"a blank line at the start", "\n\nbb", 1, []string{"\n\nbb"}},
		{"ordinal dots are no sentence's end", "Am 6. Juni 1944. Dann kam", 4, []string{"Am 6. Juni 1944.", " Dann kam"}},
		{"abbreviations are no sentence's end", "On Jan. 5 he wrote, cf. the note. Then", 4, []string{"On Jan. 5 he wrote, cf. the note.", " Then"}},
		{"no break", "aaaaaaaaaaaa", 4, []string{"aaaaaaaaaaaa"}},
		{"runes", "ééé\nééé\nééé", 6, []string{"ééé", "\nééé", "\nééé"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ps := Split(tt.text, tt.size)
			var got []string
			var joined strings.Builder
			for _, p := range ps {
				got = append(got, p.Text)
				if p.Byte != joined.Len() || p.Rune != utf8.RuneCountInString(joined.String()) {
					t.Errorf("piece %q at byte %d, rune %d; want %d, %d", p.Text, p.Byte, p.Rune, joined.Len(), utf8.RuneCountInString(joined.String()))
				}
				joined.WriteString(p.Text)
			}
			if joined.String() != tt.text {
				t.Errorf("the pieces do not make the text again: %q", joined.String())
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Split(%q, %d) = %q; want %q", tt.text, tt.size, got, tt.want)
			}
		})
	}
}
