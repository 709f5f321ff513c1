package quantity

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

func corpusTexts(b *testing.B) ([]string, int64) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if len(files) == 0 {
		b.Skipf("corpus not found at %s (the repository is expected at /work/main beside /work/shared)", corpusDir)
	}
	var texts []string
	var n int64
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(src))
		n += int64(len(src))
	}
	return texts, n
}

// BenchmarkFind runs Find over every corpus text; MB/s is over the corpus
// bytes.
func BenchmarkFind(b *testing.B) {
	texts, n := corpusTexts(b)
	for _, lang := range []string{"", "en"} {
		b.Run("lang="+lang, func(b *testing.B) {
			b.SetBytes(n)
			b.ReportAllocs()
			for b.Loop() {
				for _, s := range texts {
					Find(s, Options{Lang: lang})
				}
			}
		})
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Parse("over 600,000 square kilometres (231,660 sq mi)", Options{Lang: "en"})
	}
}

// BenchmarkTokenize measures the tokenizer alone, the larger part of Find.
func BenchmarkTokenize(b *testing.B) {
	texts, n := corpusTexts(b)
	b.SetBytes(n)
	var toks []token
	for b.Loop() {
		for _, s := range texts {
			toks = tokenize(s, langAll, toks[:0])
		}
	}
}

// peerRegexp is what a quick extractor would write instead of Find: a
// figure with an optional bound word before and unit word after. It finds
// less and reads nothing, and serves only as a speed reference.
var peerRegexp = regexp.MustCompile(`(?i)(?:more than|over|about|some|ruim|meer dan|bijna|ongeveer)?\s*\d[\d.,]*\s*(?:million|miljoen|duizend|thousand)?\s*(?:square (?:kilometres|kilometers|miles)|sq mi|km²|troops|roebel|artikelen)?`)

// BenchmarkRegexpPeer runs peerRegexp over the corpus, to compare with
// BenchmarkFind in the same run.
func BenchmarkRegexpPeer(b *testing.B) {
	texts, n := corpusTexts(b)
	b.SetBytes(n)
	for b.Loop() {
		for _, s := range texts {
			peerRegexp.FindAllStringIndex(s, -1)
		}
	}
}
