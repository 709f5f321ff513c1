package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"treatyline/internal/report"
	"treatyline/kb"
)

// maxSourceBytes bounds the size of one document: larger files are
// refused before they are read whole.
const maxSourceBytes = report.MaxSourceBytes

// sourcesCommand registers and lists documents.
type sourcesCommand struct{}

func (*sourcesCommand) Summary() string {
	return "register documents (sources add FILE...) or list them"
}

func (c *sourcesCommand) Run(ctx context.Context, m *Main, args []string) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprintln(m.Stderr, "Usage: treatyline sources [list] [--json] [--db FILE]       list the registered documents\n       treatyline sources add [--json] [flags] FILE...   register documents (sources add --help)")
		return nil
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		// Alone, or with flags only: list.
		return c.list(ctx, m, args)
	}
	switch args[0] {
	case "add":
		return c.add(ctx, m, args[1:])
	case "list":
		return c.list(ctx, m, args[1:])
	}
	return &inputError{fmt.Errorf("unknown sources command %q (want add or list)", args[0])}
}

func (c *sourcesCommand) add(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "sources add", "FILE...",
		`Registers documents as sources: UTF-8 text, language detected (en, nl, de, fr, es, it, ru, zh)
unless --lang says, content hash recorded. The id is the file name without its extension. A file
whose id is stored with another text is refused: a changed text is a new source. All files are
added together or none is.`)
	db := dbFlag(fs)
	lang := fs.String("lang", "", "language of the documents (default: detected)")
	origin := fs.String("origin", "", "where the documents come from (default: the file path)")
	asJSON := fs.Bool("json", false, "print JSON")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return &inputError{errors.New("no files given")}
	}
	var batch kb.Batch
	for _, f := range files {
		s, err := readSource(f)
		if err != nil {
			return &inputError{err}
		}
		if *lang != "" {
			s.Language = *lang
		}
		if *origin != "" {
			s.Origin = *origin
		}
		batch.Sources = append(batch.Sources, s)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Apply(ctx, batch); err != nil {
		return domainError(err)
	}
	if *asJSON {
		out := []map[string]any{}
		for _, s := range batch.Sources {
			out = append(out, map[string]any{"id": s.ID, "language": s.Language, "sha256": s.SHA256, "characters": utf8.RuneCountInString(s.Text)})
		}
		return writeJSON(m.Stdout, out)
	}
	for _, s := range batch.Sources {
		fmt.Fprintf(m.Stdout, "%s\t%s\t%s\t%d characters\n", s.ID, orDash(s.Language), s.SHA256[:12], utf8.RuneCountInString(s.Text))
	}
	return nil
}

// readSource reads a document file, refusing what is not UTF-8 text.
func readSource(path string) (kb.Source, error) {
	info, err := os.Stat(path)
	if err != nil {
		return kb.Source{}, err
	}
	if info.IsDir() {
		return kb.Source{}, fmt.Errorf("%s: a folder, not a file", path)
	}
	if info.Size() > maxSourceBytes {
		return kb.Source{}, fmt.Errorf("%s: %d bytes, more than the %d MB a source may have", path, info.Size(), maxSourceBytes>>20)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return kb.Source{}, err
	}
	if !utf8.Valid(b) {
		off := 0
		for off < len(b) {
			r, size := utf8.DecodeRune(b[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line := strings.Count(string(b[:off]), "\n") + 1
		return kb.Source{}, fmt.Errorf("%s:%d: not UTF-8 text (invalid byte 0x%02x at byte %d); convert it to UTF-8 first", path, line, b[off], off)
	}
	id := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	s, err := report.NewSource(id, "", "", path, string(b))
	if err != nil {
		return kb.Source{}, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

func (c *sourcesCommand) list(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "sources list", "", "Lists the registered sources.")
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	srcs, err := st.Sources(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, srcs)
	}
	for _, s := range srcs {
		fmt.Fprintf(m.Stdout, "%s\t%s\t%s\t%s\n", s.ID, orDash(s.Language), s.SHA256[:12], s.Title)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
