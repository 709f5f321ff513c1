package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/store/postgres"
)

// initCommand makes a new project: a store with the bundled knowledge base,
// or an empty one.
type initCommand struct{}

func (*initCommand) Summary() string {
	return "make a new project: a store with the bundled knowledge base, or --empty"
}

func (c *initCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "init", "[--db FILE] [--empty]", `Makes a new store. By default it holds the bundled knowledge base (the Sino-Russian treaties
and the corpus texts), as any command's first use of a new file does. With --empty it holds
nothing — no entities, no claims — and is marked so that the bundled knowledge base is never
loaded into it: bring your own documents with treatyline ingest, review what it proposes
(treatyline entities, treatyline review), and ask treatyline asof. The file must not exist; a
PostgreSQL database (--db postgres://...) must hold no project yet.`)
	db := dbFlag(fs)
	empty := fs.Bool("empty", false, "start with no knowledge at all")
	asJSON := jsonFlags(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &inputError{fmt.Errorf("unexpected argument %q (the file is given with --db)", rest[0])}
	}
	name := *db
	if postgres.IsURL(*db) {
		// A database is made by its administrator (docs/team.md); init
		// takes one that holds no project yet.
		name = postgres.Redact(*db)
	} else if _, err := os.Stat(*db); err == nil {
		return &inputError{fmt.Errorf("%s exists: init makes a new store (give another --db, or use the one there)", *db)}
	} else if !errors.Is(err, os.ErrNotExist) {
		return &inputError{err}
	}
	st, err := openDriver(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := report.InitStore(ctx, st, *empty); err != nil {
		return domainError(fmt.Errorf("%s: %w", name, err))
	}
	ents, err := st.Entities(ctx, "")
	if err != nil {
		return err
	}
	claims, err := st.Claims(ctx, kb.ClaimFilter{})
	if err != nil {
		return err
	}
	out := struct {
		DB       string `json:"db"`
		Empty    bool   `json:"empty"`
		Entities int    `json:"entities"`
		Claims   int    `json:"claims"`
	}{name, *empty, len(ents), len(claims)}
	if asJSON.on() {
		return asJSON.write(m.Stdout, out)
	}
	if *empty {
		fmt.Fprintf(m.Stdout, "made %s: an empty project (no entities, no claims); next: treatyline ingest --db %s DIR\n", name, name)
		return nil
	}
	fmt.Fprintf(m.Stdout, "made %s with the bundled knowledge base: %d entities, %d claims\n", name, len(ents), len(claims))
	return nil
}
