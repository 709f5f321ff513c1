package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"treatyline/data"
	"treatyline/internal/gold"
	"treatyline/kb"
	"treatyline/reconcile"
)

// checkCommand validates the knowledge base.
type checkCommand struct{}

func (*checkCommand) Summary() string {
	return "validate the knowledge base (schema, references, vocabulary, quotes against the corpus)"
}

func (c *checkCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "check", "",
		`Validates the knowledge base: the schema of its files, references between records, the
vocabulary, that every date and quantity reads, and — with --corpus — that every source's text has
the recorded hash and every quote stands at its position, re-anchoring by quote, prefix and suffix
where offsets drifted (each re-anchoring is reported). It also reports breaches of the integrity
rules (a successor treaty signed after the one it supersedes, ratification after signature, one
event's dates across sources, a signatory alive at the signing) as notices: a source's mistake is
kept as written. Errors name file and line. Exit status 1 on any error.`)
	corpus := fs.String("corpus", "", "folder of source texts (<id>.txt) to check quotes against")
	dataDir := fs.String("data", "", "check the knowledge base in this folder instead of the bundled one")
	asJSON := jsonFlags(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &inputError{fmt.Errorf("unexpected arguments: %s", strings.Join(rest, " "))}
	}
	b, err := loadBundle(*dataDir)
	var findings []kb.Finding
	var lerrs kb.LoadErrors
	switch {
	case errors.As(err, &lerrs):
		for _, e := range lerrs {
			findings = append(findings, kb.Finding{Where: fmt.Sprintf("%s:%d", e.File, e.Line), Error: true, Msg: e.Msg})
		}
	case err != nil:
		return err
	}
	if *corpus != "" && len(lerrs) == 0 {
		texts, err := gold.LoadCorpus(*corpus)
		if err != nil {
			return &inputError{fmt.Errorf("--corpus: %w", err)}
		}
		findings = append(findings, kb.Check(b, texts)...)
	}
	if len(lerrs) == 0 {
		// Integrity rules: reported, not errors — a breach is often a
		// source's mistake that the knowledge base must keep as written.
		for _, f := range reconcile.Integrity(b.Claims) {
			where := "data"
			if len(f.Claims) > 0 {
				where = b.Where[f.Claims[len(f.Claims)-1]]
			}
			findings = append(findings, kb.Finding{Where: where, Msg: "integrity: " + f.Rule + ": " + f.Message})
		}
	}
	nerr := 0
	for _, f := range findings {
		if f.Error {
			nerr++
		}
	}
	if asJSON.on() {
		if findings == nil {
			findings = []kb.Finding{}
		}
		if err := asJSON.write(m.Stdout, map[string]any{"sources": len(b.Sources), "entities": len(b.Entities), "claims": len(b.Claims),
			"provisions": len(b.Provisions), "errors": nerr, "findings": findings}); err != nil {
			return err
		}
	} else {
		for _, f := range findings {
			fmt.Fprintln(m.Stdout, f)
		}
		fmt.Fprintf(m.Stdout, "%d sources, %d entities, %d claims, %d provisions: %d errors\n", len(b.Sources), len(b.Entities), len(b.Claims), len(b.Provisions), nerr)
	}
	if nerr > 0 {
		return fmt.Errorf("the knowledge base has %d errors", nerr)
	}
	return nil
}

// loadBundle reads the bundled knowledge base, or the one in dir.
func loadBundle(dir string) (*kb.Bundle, error) {
	if dir == "" {
		return kb.Load(data.FS, "data")
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, &inputError{fmt.Errorf("--data: %w", err)}
	}
	return kb.Load(os.DirFS(dir), dir)
}
