package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"treatyline/ingest"
	"treatyline/kb"
)

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
		`Registers documents as sources: their text read by the same rule as ingest (plain text,
Markdown or HTML turned into its words; UTF-8, UTF-16 with a byte-order mark, or an HTML page's
declared charset; a byte-order mark dropped; an empty file, a FIFO or a device refused; at most
50 MB), language detected (en, nl, de, fr, es, it, ru, zh) unless --lang says, content hash
recorded. The id is the file name without its extension, or --id for one file. A file whose id
is stored with another text is refused: a changed text is a new source. All files are added
together or none is.`)
	db := dbFlag(fs)
	lang := fs.String("lang", "", "language of the documents (default: detected)")
	origin := fs.String("origin", "", "where the documents come from (default: the file path)")
	id := fs.String("id", "", "the source id of the one file given (default: the file name without its extension)")
	asJSON := jsonFlags(fs)
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return &inputError{errors.New("no files given")}
	}
	if *id != "" && len(files) != 1 {
		return &inputError{fmt.Errorf("--id names the source of one file: give exactly one file")}
	}
	var batch kb.Batch
	byID := map[string]string{}
	for _, f := range files {
		s, err := ingest.ReadSource(ingest.File{Path: f, ID: *id, Language: *lang, Origin: *origin})
		if err != nil {
			return domainError(err)
		}
		if other, dup := byID[s.ID]; dup {
			return &inputError{fmt.Errorf("%s: id %q is also the id of %s: add one of them with --id", f, s.ID, other)}
		}
		byID[s.ID] = f
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
	if asJSON.on() {
		out := []map[string]any{}
		for _, s := range batch.Sources {
			out = append(out, map[string]any{"id": s.ID, "language": s.Language, "sha256": s.SHA256, "characters": utf8.RuneCountInString(s.Text)})
		}
		return asJSON.write(m.Stdout, out)
	}
	for _, s := range batch.Sources {
		fmt.Fprintf(m.Stdout, "%s\t%s\t%s\t%d characters\n", s.ID, orDash(s.Language), s.SHA256[:12], utf8.RuneCountInString(s.Text))
	}
	return nil
}

func (c *sourcesCommand) list(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "sources list", "", "Lists the registered sources.")
	db := dbFlag(fs)
	asJSON := jsonFlags(fs)
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
	if asJSON.on() {
		return asJSON.write(m.Stdout, srcs)
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
