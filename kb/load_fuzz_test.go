package kb_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"treatyline/data"
	"treatyline/kb"
)

// bundleFS copies the bundled data files into a map file system.
func bundleFS(t testing.TB) fstest.MapFS {
	m := fstest.MapFS{}
	err := fs.WalkDir(data.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(data.FS, p)
		if err != nil {
			return err
		}
		m[p] = &fstest.MapFile{Data: b}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// FuzzLoad replaces one file of the bundle with fuzzed bytes and checks
// that Load does not panic, that a failure is a LoadError naming a file,
// and that what loads validates.
func FuzzLoad(f *testing.F) {
	base := bundleFS(f)
	var names []string
	for p := range base {
		if strings.HasSuffix(p, ".yaml") {
			names = append(names, p)
		}
	}
	for i, p := range names {
		f.Add(uint8(i), base[p].Data)
	}
	f.Add(uint8(0), []byte("claims:\n  - subject: treaty/aigun-1858\n    property: signed\n    value: {date: \"x\"}\n"))
	f.Add(uint8(1), []byte("- &a [*a, *a, *a]\n"))
	f.Fuzz(func(t *testing.T, which uint8, b []byte) {
		m := fstest.MapFS{}
		for k, v := range base {
			m[k] = v
		}
		name := names[int(which)%len(names)]
		m[name] = &fstest.MapFile{Data: b}
		bundle, err := kb.Load(m, "data")
		if err != nil {
			if !strings.Contains(err.Error(), ".yaml") {
				t.Errorf("Load error %q names no file", err)
			}
			return
		}
		for _, c := range bundle.Claims {
			if err := c.Validate(); err != nil {
				t.Errorf("Load accepted claim %s that does not validate: %v", c.ID, err)
			}
		}
		for _, p := range bundle.Provisions {
			if err := p.Validate(); err != nil {
				t.Errorf("Load accepted provision %s that does not validate: %v", p.ID, err)
			}
		}
	})
}
