package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestIngestRefusesSpecialFiles: a FIFO or a device is refused with a
// clear error, without reading from it (a FIFO with no writer would block
// a reader for ever: the command must return at once).
func TestIngestRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "f.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"fifo", []string{"ingest", fifo}, "named pipe"},
		{"fifo in a folder", []string{"ingest", dir}, "named pipe"},
		{"device", []string{"ingest", "/dev/zero"}, "character device"},
		{"sources add fifo", []string{"sources", "add", fifo}, "named pipe"},
		{"sources add device", []string{"sources", "add", "/dev/null"}, "character device"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := tempDB(t)
			done := make(chan struct{})
			var code int
			var errs string
			go func() {
				defer close(done)
				code, _, errs = run(t, append(tt.args, "--db", db)...)
			}()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				// Unblock the reader, if any, so that the test ends.
				if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					f.Close()
				}
				t.Fatal("the command blocked on a special file")
			}
			if code != 2 || !strings.Contains(errs, tt.want) || !strings.Contains(errs, "not a regular file") {
				t.Errorf("exit %d %q; want 2 saying %q", code, errs, tt.want)
			}
		})
	}
}

// TestIngestSourceIDs: one rule for source ids, whether the id comes from
// a file name or --id; --id names the one file given; two files of one
// name in different folders are told apart with --id.
func TestIngestSourceIDs(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) string {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	newline := write("bad\nname.txt", "The Treaty of Aigun was signed on 28 May 1858.")
	control := write("bell\a.txt", "The Treaty of Aigun was signed on 28 May 1858.")
	dotted := write(".hidden.txt", "The Treaty of Aigun was signed on 28 May 1858.")
	notesA := write("a/notes.txt", "The Treaty of Aigun was signed on 28 May 1858.")
	notesB := write("b/notes.txt", "The Treaty of Nanking was signed on 29 August 1842.")
	for _, cmd := range [][]string{{"ingest"}, {"sources", "add"}} {
		name := strings.Join(cmd, " ")
		for _, tt := range []struct {
			args []string
			code int
			want string
		}{
			{[]string{newline}, 2, "control"},
			{[]string{control}, 2, "control"},
			{[]string{dotted}, 2, "begins with '.'"},
			{[]string{"--id", "a/b", notesA}, 2, "path separator"},
			{[]string{"--id", "x", notesA, notesB}, 2, "one file"},
			{[]string{notesA, notesB}, 2, "--id"},
			{[]string{"--id", "notes-a", notesA}, 0, ""},
		} {
			t.Run(name+" "+strings.Join(tt.args, " "), func(t *testing.T) {
				db := tempDB(t)
				code, _, errs := run(t, append(append(append([]string{}, cmd...), "--db", db), tt.args...)...)
				if code != tt.code || !strings.Contains(errs, tt.want) {
					t.Errorf("exit %d %q; want %d saying %q", code, errs, tt.code, tt.want)
				}
				if tt.code == 0 && !strings.Contains(sourceIDs(t, db), "notes-a") {
					t.Errorf("--id notes-a: sources %s", sourceIDs(t, db))
				}
			})
		}
	}
}

// TestIngestAndSourcesAddReadTheSameText: the one rule for a file's text:
// an empty file is refused by both, raw HTML becomes its words in both, a
// byte-order mark is dropped by both; the stored hashes agree.
func TestIngestAndSourcesAddReadTheSameText(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"empty.txt": "",
		"blank.txt": " \n\t\n",
		"page.html": "<!doctype html><html><body><h1>Aigun</h1><p>The Treaty of Aigun was signed on 28 May 1858.</p></body></html>",
		"bom.txt":   "\ufeffThe Treaty of Aigun was signed on 28 May 1858.",
		"raw.txt":   "<p>The Treaty of Aigun was signed on 28 May 1858.</p>",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	texts := map[string]map[string]string{}
	for _, cmd := range [][]string{{"ingest"}, {"sources", "add"}} {
		name := strings.Join(cmd, " ")
		texts[name] = map[string]string{}
		for file := range files {
			db := tempDB(t)
			code, _, errs := run(t, append(append([]string{}, cmd...), "--db", db, filepath.Join(dir, file))...)
			id := strings.TrimSuffix(file, filepath.Ext(file))
			if strings.TrimSpace(files[file]) == "" {
				if code != 2 || !strings.Contains(errs, file) || !strings.Contains(errs, "empty") && !strings.Contains(errs, "no text") {
					t.Errorf("%s %s: exit %d %q; want 2 refusing an empty file", name, file, code, errs)
				}
				continue
			}
			if code != 0 {
				t.Errorf("%s %s: exit %d %q", name, file, code, errs)
				continue
			}
			texts[name][file] = storedText(t, db, id)
		}
	}
	for file := range files {
		a, b := texts["ingest"][file], texts["sources add"][file]
		if a != b {
			t.Errorf("%s: ingest stores %q, sources add %q", file, a, b)
		}
	}
	if got := texts["ingest"]["bom.txt"]; strings.HasPrefix(got, "\ufeff") {
		t.Errorf("bom.txt kept its byte-order mark: %q", got)
	}
	if got := texts["ingest"]["page.html"]; strings.Contains(got, "<p>") || !strings.Contains(got, "28 May 1858") {
		t.Errorf("page.html stored as %q; want its words", got)
	}
}

func storedText(t *testing.T, db, id string) string {
	t.Helper()
	ctx := context.Background()
	st, err := openStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	src, err := st.Source(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return src.Text
}
