package chinese

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A find fixture is a text with its expected mentions marked in place:
// ⟦咸豐八年四月十六日⟧ when String() gives the text back, and
// ⟦Xianfeng 8/4/16|咸豐八年四月十六日⟧ when it does not.

type wantMention struct {
	Start, End int
	Text, Date string
}

// readFixture returns the text with the marks removed and the mentions
// they mark.
func readFixture(t *testing.T, path string) (string, []wantMention) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var text []rune
	var want []wantMention
	r := []rune(string(raw))
	for i := 0; i < len(r); i++ {
		if r[i] != '⟦' {
			text = append(text, r[i])
			continue
		}
		end := i + 1
		for end < len(r) && r[end] != '⟧' {
			end++
		}
		if end == len(r) {
			t.Fatalf("%s: ⟦ without ⟧", path)
		}
		inner := string(r[i+1 : end])
		shown, date, found := strings.Cut(inner, "|")
		if !found {
			date = shown
		}
		start := len(text)
		text = append(text, []rune(shown)...)
		want = append(want, wantMention{Start: start, End: len(text), Text: shown, Date: date})
		i = end
	}
	return string(text), want
}

func TestFind(t *testing.T) {
	paths, err := filepath.Glob("testdata/find/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			text, want := readFixture(t, path)
			r := []rune(text)
			var got []wantMention
			for _, m := range Find(text) {
				got = append(got, wantMention{Start: m.Start, End: m.End, Text: string(r[m.Start:m.End]), Date: m.Date.String()})
				if err := m.Date.Validate(); err != nil {
					t.Errorf("mention %q: invalid date: %v", string(r[m.Start:m.End]), err)
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Find (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFindEmpty(t *testing.T) {
	for _, s := range []string{"", "咸", "咸豐", "大清", "中華民國", "Xianfeng", "no dates here at all", "明", "清"} {
		if got := Find(s); len(got) != 0 {
			t.Errorf("Find(%q) = %v, want none", s, got)
		}
	}
}
