package quantity

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// corpusDir is the shared corpus: the repository sits at /work/main and
// the shared files at /work/shared.
var corpusDir = filepath.Join("..", "..", "shared", "corpus")

// found is a mention as the tests compare it.
type found struct {
	Start, End int
	Written    string
	Reading    string // Quantity.String()
}

// annotated splits a fixture written with [[text|reading]] marks into the
// plain text and the mentions Find must report, with code-point offsets.
func annotated(t *testing.T, src string) (string, []found) {
	t.Helper()
	var b strings.Builder
	var want []found
	for {
		i := strings.Index(src, "[[")
		if i < 0 {
			b.WriteString(src)
			break
		}
		j := strings.Index(src[i:], "]]")
		if j < 0 {
			t.Fatalf("unclosed [[ in fixture near %q", src[i:])
		}
		b.WriteString(src[:i])
		mark := src[i+2 : i+j]
		bar := strings.LastIndex(mark, "|")
		if bar < 0 {
			t.Fatalf("mark %q has no |reading", mark)
		}
		text := mark[:bar]
		start := utf8.RuneCountInString(b.String())
		b.WriteString(text)
		want = append(want, found{start, start + utf8.RuneCountInString(text), text, mark[bar+1:]})
		src = src[i+j+2:]
	}
	return b.String(), want
}

func foundAll(text string, opts Options) []found {
	var out []found
	for _, m := range Find(text, opts) {
		out = append(out, found{m.Start, m.End, m.Quantity.Written, m.Quantity.String()})
	}
	return out
}

// TestFind runs Find over the fixtures in testdata/find, one per language,
// where every expected mention is marked in the text and nothing else
// may be found.
func TestFind(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "find", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		lang := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(lang, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			text, want := annotated(t, string(src))
			got := foundAll(text, Options{Lang: lang})
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Find mismatch in %s (-want +got):\n%s", file, diff)
			}
		})
	}
}

func TestFindOffsets(t *testing.T) {
	text := "Россия: 璦琿條約 — over 600,000 km²; in 1858 «12 artikelen»."
	ms := Find(text, Options{})
	runes := []rune(text)
	var got []string
	for _, m := range ms {
		got = append(got, string(runes[m.Start:m.End]))
		if string(runes[m.Start:m.End]) != m.Quantity.Written {
			t.Errorf("span %d-%d is %q, Written is %q", m.Start, m.End, string(runes[m.Start:m.End]), m.Quantity.Written)
		}
	}
	if diff := cmp.Diff([]string{"over 600,000 km²", "12 artikelen"}, got); diff != "" {
		t.Errorf("Find mismatch (-want +got):\n%s", diff)
	}
}

// A period after an abbreviated unit belongs to the sentence when a
// capital or the end of the text follows; Parse, reading one quantity,
// takes it.
func TestFindAbbreviationPeriod(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"It covered 400 sq. km.", "400 sq. km"},
		{"It covered 400 sq. km. The rest", "400 sq. km"},
		{"It covered 400 sq. km. of steppe", "400 sq. km."},
		{"They paid 300 руб. in silver", "300 руб."},
	} {
		ms := Find(tc.text, Options{})
		if len(ms) != 1 || ms[0].Quantity.Written != tc.want {
			t.Errorf("Find(%q) = %v, want one mention %q", tc.text, ms, tc.want)
		}
	}
	if q, err := Parse("400 sq. km.", Options{}); err != nil || q.UnitWritten != "sq. km." {
		t.Errorf(`Parse("400 sq. km.") = %q, %v; want unit "sq. km."`, q.UnitWritten, err)
	}
}

func TestFindEmpty(t *testing.T) {
	for _, s := range []string{"", "   ", "in 1858", "16 mei 1858", "1850-1864", "(1689)", "May 28, 1858", "the 19th century"} {
		if ms := Find(s, Options{}); len(ms) != 0 {
			t.Errorf("Find(%q) = %v, want nothing", s, ms)
		}
	}
}

// TestFindCorpus compares Find over the shared corpus with a golden file,
// so that a change in what is found shows up in review. Refresh it with
// go test ./quantity -run TestFindCorpus -update.
func TestFindCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if len(files) == 0 {
		t.Skipf("corpus not found at %s (the repository is expected at /work/main beside /work/shared)", corpusDir)
	}
	langs := corpusLangs(t)
	var b strings.Builder
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		id := strings.TrimSuffix(filepath.Base(file), ".txt")
		fmt.Fprintf(&b, "== %s (%s)\n", id, langs[id])
		for _, f := range foundAll(string(src), Options{Lang: langs[id]}) {
			fmt.Fprintf(&b, "%d-%d\t%q\t%s\n", f.Start, f.End, f.Written, f.Reading)
		}
	}
	golden := filepath.Join("testdata", "corpus.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("Find over the corpus changed (-want +got):\n%s", diff)
	}
}

// Find and Parse share a token pool; they must be safe to call at once.
func TestFindConcurrent(t *testing.T) {
	text := "Russia received over 600,000 square kilometres (231,660 sq mi) and 12 artikelen."
	want := foundAll(text, Options{})
	done := make(chan []found)
	for range 8 {
		go func() {
			var got []found
			for range 50 {
				got = foundAll(text, Options{})
				Parse("250 duizend roebel", Options{Lang: "nl"})
			}
			done <- got
		}()
	}
	for range 8 {
		if diff := cmp.Diff(want, <-done); diff != "" {
			t.Errorf("concurrent Find mismatch (-want +got):\n%s", diff)
		}
	}
}
