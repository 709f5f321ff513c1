package main

import (
	"context"
	"fmt"
	"strings"

	"treatyline/internal/report"
	"treatyline/kb"
)

// conflictsCommand lists where sources agree and disagree.
type conflictsCommand struct{}

func (*conflictsCommand) Summary() string {
	return "where the sources agree, agree after normalisation, are compatible, or conflict"
}

func (c *conflictsCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "conflicts", "", `Groups the claims on one subject and property across sources, normalises calendar, unit and
entity, and classes each group: agree, agree_after_normalisation (saying which: "Julian vs
Gregorian, 12 days", "square miles vs km²"), compatible (one less precise, or bounds that overlap),
or conflict (with the size of the difference, or contradictory statements).`)
	db := dbFlag(fs)
	status := fs.String("status", "", "only claims with this status: candidate, accepted (default: both)")
	class := fs.String("class", "", "only groups of this class: agree, agree_after_normalisation, compatible, conflict")
	asJSON := jsonFlags(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &inputError{fmt.Errorf("unexpected arguments: %s", strings.Join(rest, " "))}
	}
	st0, err := report.ConflictStatus(*status)
	if err != nil {
		return &inputError{fmt.Errorf("--status: %w", err)}
	}
	cl, err := report.ConflictClass(*class)
	if err != nil {
		return &inputError{fmt.Errorf("--class: %w", err)}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	claims, err := st.Claims(ctx, kb.ClaimFilter{Status: st0})
	if err != nil {
		return err
	}
	out, err := report.Conflicts(ctx, claims, cl)
	if err != nil {
		return err
	}
	if asJSON.on() {
		return asJSON.write(m.Stdout, out)
	}
	for _, g := range out {
		q := ""
		if g.Qualifiers != "" {
			q = " [" + g.Qualifiers + "]"
		}
		fmt.Fprintf(m.Stdout, "%s: %s %s%s — %s\n", g.Class, g.Subject, g.Property, q, g.Why)
		for _, mem := range g.Claims {
			flag := ""
			if mem.Status == kb.Candidate {
				flag = " [CANDIDATE: not reviewed]"
			}
			fmt.Fprintf(m.Stdout, "    %s = %s%s  (%s: “%s”)\n", mem.Value, mem.Normalised, flag, mem.Source, mem.Quote)
			if mem.OtherReading != "" {
				fmt.Fprintf(m.Stdout, "        or %s\n", mem.OtherReading)
			}
		}
	}
	return nil
}
