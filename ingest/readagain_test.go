package ingest

import (
	"os"
	"path/filepath"
	"testing"

	"treatyline/kb"
)

// TestReadAgain: a file read a second time in a run gives the source read
// the first time when its text is the same, and is read afresh (its hash
// and language again) when it changed in between or cannot be read.
func TestReadAgain(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "doc.txt")
	en := "The treaty was signed at Nerchinsk on 27 August 1689 by the envoys of both empires."
	nl := "Het verdrag werd op 27 augustus 1689 te Nertsjinsk door de gezanten van beide rijken getekend."
	write := func(text string) {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(en)
	f := File{Path: path}
	first, err := ReadSource(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		text     string // "" removes the file
		before   kb.Source
		wantLang string
		wantErr  bool
	}{
		{"unchanged", en, first, first.Language, false},
		{"unchanged, the language given before kept", en, withLanguage(first, "xx"), "xx", false},
		{"changed", nl, first, "nl", false},
		{"nothing read before", nl, kb.Source{}, "nl", false},
		{"gone", "", first, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.text == "" {
				os.Remove(path)
			} else {
				write(tc.text)
			}
			got, err := readAgain(f, tc.before)
			if (err != nil) != tc.wantErr {
				t.Fatalf("readAgain: %v; want error %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if got.Text != tc.text || got.SHA256 != kb.HashText(tc.text) || got.Language != tc.wantLang || got.ID != "doc" {
				t.Errorf("readAgain = %q %s %s %s; want %q, its hash, %s, doc", got.Text, got.SHA256, got.Language, got.ID, tc.text, tc.wantLang)
			}
		})
	}
}

func withLanguage(s kb.Source, lang string) kb.Source {
	s.Language = lang
	return s
}
