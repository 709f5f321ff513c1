package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"treatyline/export"
	"treatyline/internal/progress"
	"treatyline/internal/report"
)

// exportCommand writes the knowledge base in a format of the field.
type exportCommand struct{}

func (*exportCommand) Summary() string {
	return "write the knowledge base as csv, jsonl, geojson, lpf, jsonld or quickstatements"
}

func (c *exportCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "export", "", `Writes the whole store, or the part a query selects, streaming (memory stays flat as the
store grows). Formats (docs/export.md):
  csv              one table: claims (default), provisions or entities (--table), a row per
                   piece of evidence
  jsonl            JSON Lines: sources, claims, provisions, entities; import jsonl reads it back
  geojson          RFC 7946 features for places: names with languages, holdings with evidence
  lpf              Linked Places Format 1.2: names, when timespans, relations, citations
  jsonld           JSON-LD: schema.org entities and claims, W3C Web Annotation evidence
  quickstatements  Wikidata QuickStatements v1: dates with precision, /J for Old Style,
                   references to the source's words`)
	db := dbFlag(fs)
	format := fs.String("format", "jsonl", "the format: "+strings.Join(export.Formats, ", "))
	sources := fs.String("sources", "", "only what these sources evidence (comma-separated ids)")
	on := fs.String("on", "", "only what had happened by this day; the holder on it (geojson, lpf)")
	table := fs.String("table", "", "the CSV table: claims, provisions, entities")
	out := fs.String("out", "", "write to this file (default: standard output)")
	base := fs.String("base", "", "the IRI ids are made absolute with in jsonld and lpf (default urn:treatyline:)")
	quiet := fs.Bool("quiet", false, "show no progress (shown on standard error when it is a terminal: megabytes written and the rate)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &inputError{fmt.Errorf("unexpected arguments: %s", strings.Join(rest, " "))}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	stored, err := st.Sources(ctx)
	if err != nil {
		return err
	}
	o, err := export.ParseOptions(*sources, *on, *table, stored)
	if err != nil {
		return domainError(fmt.Errorf("--%w", err))
	}
	o.Base = *base
	r := export.Reader{Store: st}
	switch *format {
	case "geojson", "lpf":
		if r.Engine, err = report.LoadEngine(ctx, st); err != nil {
			return err
		}
	}
	w := m.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return &inputError{err}
		}
		defer f.Close()
		w = f
	}
	meter := progress.Bytes(progress.Terminal(m.Stderr, *quiet), 0)
	err = export.Write(ctx, countingWriter{w, meter}, *format, r, o)
	meter.Done()
	if err != nil {
		return domainError(err)
	}
	return nil
}

// countingWriter counts what is written on a progress meter.
type countingWriter struct {
	w io.Writer
	m *progress.Meter
}

func (c countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.m.Add(int64(n))
	return n, err
}
