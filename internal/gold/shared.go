package gold

import (
	"path/filepath"
	"testing"
)

// Shared loads the shared gold file and corpus for a test, skipping the
// test when the shared folder is not beside the repository. It returns
// the shared folder too.
func Shared(t testing.TB) (*Seeds, Corpus, string) {
	t.Helper()
	dir, err := SharedDir()
	if err != nil {
		t.Skip(err)
	}
	seeds, err := Load(filepath.Join(dir, "gold", "seeds.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	corpus, err := LoadCorpus(filepath.Join(dir, "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	return seeds, corpus, dir
}
