package extract

import (
	"os"
	"path/filepath"
	"testing"
	"treatyline/kb"
)

func BenchmarkScratchCorpus(b *testing.B) {
	files, _ := filepath.Glob("/work/shared/corpus/*.txt")
	var texts []string
	for _, f := range files {
		t, _ := os.ReadFile(f)
		texts = append(texts, string(t))
	}
	x := NewExtractor(candidateEntities, nil)
	for i := 0; i < b.N; i++ {
		for j, t := range texts {
			x.Extract(kb.Source{ID: string(rune('a' + j)), Text: t})
		}
	}
}
