package engine_test

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"treatyline/data"
	"treatyline/engine"
	"treatyline/engine/synth"
	"treatyline/histdate"
	"treatyline/kb"
)

func TestLocalGoldenDump(t *testing.T) {
	out := os.Getenv("ENGINE_DUMP")
	if out == "" {
		t.Skip()
	}
	f, _ := os.Create(out)
	defer f.Close()
	enc := json.NewEncoder(f)
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	e := engine.New(b.Entities, b.Claims, b.Provisions)
	ps := sweepPerspectives(t, e, b)
	days := sweepDays(b)
	for _, p := range ps {
		for _, d := range days {
			enc.Encode(e.AsOf(d, p))
		}
		for _, en := range b.Entities {
			if en.Kind == kb.KindTerritory {
				h, _ := e.TerritoryHistory(en.ID, p)
				enc.Encode(h)
			}
		}
	}
	se, sc, sp := synth.Generate(synth.Config{Seed: 1858, Polities: 30, Territories: 500, Treaties: 1_000, Provisions: 10_000})
	e2 := engine.New(se, sc, sp)
	h := sha256.New()
	enc2 := json.NewEncoder(h)
	for y := 1500; y < 2000; y += 7 {
		st := e2.AsOf(histdate.GregorianToJDN(y, 3, 1), engine.Perspective{})
		enc2.Encode(st)
	}
	for _, en := range se {
		if en.Kind == kb.KindPolity {
			for y := 1500; y < 2000; y += 37 {
				enc2.Encode(e2.AsOf(histdate.GregorianToJDN(y, 3, 1), engine.Perspective{Party: en.ID}))
			}
			break
		}
	}
	fmt.Fprintf(f, "synth %x\n", h.Sum(nil))
}
