package export_test

import (
	"strings"
	"testing"

	"treatyline/export"
	"treatyline/kb"
)

// FuzzReadJSONL: any input reads as a batch or gives an EINVALID error
// naming the file and line.
func FuzzReadJSONL(f *testing.F) {
	for _, s := range []string{
		`{"record":"source","source":{"id":"s","sha256":"","text":"abc"}}` + "\n" +
			`{"record":"entity","entity":{"id":"city/x","kind":"city","labels":{"en":"X"}}}` + "\n",
		`{"record":"claim","claim":{"id":"c","subject":"city/x","property":"founded","value":{"type":"date","text":"1858"},"evidence":[],"status":"candidate","rank":"normal","recorded_at":"2026-01-01T00:00:00Z","recorded_by":"t"}}`,
		`{"record":"provision","provision":{"id":"p","treaty":"t","type":"cession","evidence":[],"status":"accepted","rank":"normal"}}`,
		"\n\n",
		`{"record":"claim"}`,
		`[]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		_, err := export.ReadJSONL(strings.NewReader(in), "f.jsonl")
		if err != nil && (kb.ErrorCode(err) != kb.EINVALID || !strings.HasPrefix(err.Error(), "f.jsonl:")) {
			t.Fatalf("error %q (%s)", err, kb.ErrorCode(err))
		}
	})
}
