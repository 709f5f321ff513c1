package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"treatyline/kb"
)

func TestShowFixtures(t *testing.T) {
	for _, dir := range []string{"shimonoseki", "sakhalin"} {
		x := NewExtractor(nil, nil)
		files, _ := filepath.Glob("../cmd/treatyline/testdata/open/" + dir + "/*.txt")
		for _, f := range files {
			b, _ := os.ReadFile(f)
			lang := DetectLanguage(string(b))
			r := x.Extract(kb.Source{ID: filepath.Base(f), Text: string(b), Language: lang})
			fmt.Println("==", f, lang)
			for _, e := range r.Entities {
				fmt.Printf("   %q -> %s\n", e.Text, e.Entity)
			}
			for _, k := range resultKeys(r) {
				if k[:4] != "same" && k[:6] != "entity" {
					fmt.Println("  ", k)
				}
			}
			for _, m := range r.Merges {
				fmt.Println("   merge", m)
			}
		}
	}
}
