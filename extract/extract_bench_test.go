package extract

import (
	"maps"
	"slices"
	"testing"

	"treatyline/internal/gold"
	"treatyline/kb"
)

// BenchmarkExtract reads each document of the corpus in turn with one
// extractor over the bundled knowledge base, as ingest reads a folder
// (bench/ingest does the same on the corpus repeated to 50 MB); MB/s is
// over the corpus's bytes. Its allocations per pass are exact, whatever
// the machine's load: compare them with -benchmem.
func BenchmarkExtract(b *testing.B) {
	_, corpus, _ := gold.Shared(b)
	x := bundledExtractor(b)
	var srcs []kb.Source
	var n int64
	for _, id := range slices.Sorted(maps.Keys(corpus)) {
		text := corpus[id]
		srcs = append(srcs, kb.Source{ID: id, Language: DetectLanguage(text), Text: text})
		n += int64(len(text))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			x.Extract(src)
		}
	}
}
