package main

import (
	"context"
	"errors"
	"fmt"
	"math"

	"treatyline/quantity"
)

// quantityCommand reads an amount as a source writes it.
type quantityCommand struct{}

func (*quantityCommand) Summary() string {
	return "read an amount as written (value, bounds, unit, canonical unit)"
}

func (c *quantityCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "quantity", "TEXT | --find FILE",
		`Reads an amount as a source writes it — "185,000 square miles", "250 duizend roebel",
"more than 20,000 troops", "tens of thousands of troops", "over 600,000 square kilometres
(231,660 sq mi)" — and prints its value, bounds, unit, and the same in the canonical unit
(km² for areas, km for lengths). With --find, lists every amount in a file.`)
	lang := fs.String("lang", "", "language of the text (en, nl, de, fr); empty reads them all")
	find := fs.String("find", "", "list every amount in this file (- for standard input)")
	asJSON := jsonFlags(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	opts := quantity.Options{Lang: *lang}
	if *find != "" {
		if len(rest) > 0 {
			return &inputError{errors.New("give either TEXT or --find FILE, not both")}
		}
		return c.find(m, *find, opts, asJSON)
	}
	text := joinArgs(rest)
	if text == "" {
		fs.Usage()
		return &inputError{errors.New("no quantity given")}
	}
	q, err := quantity.Parse(text, opts)
	if err != nil {
		return &inputError{err}
	}
	if asJSON.on() {
		return asJSON.write(m.Stdout, q.Report())
	}
	w := m.Stdout
	fmt.Fprintf(w, "input      %s\n", q.Written)
	fmt.Fprintf(w, "value      %s %s (%s)\n", num(q.Value), q.Unit, q.Bound)
	fmt.Fprintf(w, "bounds     %s .. %s\n", num(q.Min), num(q.Max))
	cn := q.Canonical()
	approx := ""
	if cn.Approximate {
		approx = " (approximate conversion)"
	}
	fmt.Fprintf(w, "canonical  %s %s, bounds %s .. %s%s\n", num(cn.Value), cn.Unit, num(cn.Min), num(cn.Max), approx)
	if q.Alternate != nil {
		fmt.Fprintf(w, "also       %s = %s %s\n", q.Alternate.Written, num(q.Alternate.Value), q.Alternate.Unit)
	}
	return nil
}

func num(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "-∞"
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.6g", v)
}

// quantityMention is one found amount in `quantity --find --json`.
type quantityMention struct {
	Start    int             `json:"start"`
	End      int             `json:"end"`
	Text     string          `json:"text"`
	Quantity quantity.Report `json:"quantity"`
}

func (c *quantityCommand) find(m *Main, path string, opts quantity.Options, asJSON *jsonFlag) error {
	text, err := m.readText(path)
	if err != nil {
		return err
	}
	runes := []rune(text)
	out := []quantityMention{}
	for _, mn := range quantity.Find(text, opts) {
		out = append(out, quantityMention{Start: mn.Start, End: mn.End, Text: string(runes[mn.Start:mn.End]), Quantity: mn.Quantity.Report()})
	}
	if asJSON.on() {
		return asJSON.write(m.Stdout, out)
	}
	for _, r := range out {
		fmt.Fprintf(m.Stdout, "%d-%d\t%s\t%s %s\n", r.Start, r.End, r.Text, num(r.Quantity.Value), r.Quantity.Unit)
	}
	return nil
}
