package extract

import (
	"fmt"
	"sort"
	"testing"

	"treatyline/data"
	"treatyline/internal/gold"
	"treatyline/kb"
)

func TestTmpDump(t *testing.T) {
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	g := NewGazetteer(b.Entities)
	_, corpus, _ := gold.Shared(t)
	var ids []string
	for id := range corpus {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Println("=====", id)
		for _, m := range g.Find(corpus[id]) {
			fmt.Printf("%d-%d %q -> %s %.2f %v (%s)\n", m.Start, m.End, m.Text, m.Entity, m.Score, m.Candidates, m.Matched)
		}
	}
}
