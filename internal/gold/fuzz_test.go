package gold

import (
	"os"
	"strings"
	"testing"
)

// FuzzParse checks that the gold loader does not panic on any bytes, and
// that an error names the file.
func FuzzParse(f *testing.F) {
	if b, err := os.ReadFile("../../cmd/treatyline/testdata/fixtures/gold.yaml"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("sources:\n  a: {language: en}\ndates:\n  - {source: a, written: \"16 May 1858\", value: 1858-05-16, calendar: julian}\n"))
	f.Add([]byte("dates: [1, 2\n"))
	f.Add([]byte("{&a [*a, *a]}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := Parse(b, "gold.yaml")
		if err != nil {
			if !strings.Contains(err.Error(), "gold.yaml") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		if s == nil {
			t.Fatal("no error and no seeds")
		}
	})
}
