package main

import (
	"context"
	"fmt"
	"strings"

	"treatyline/kb"
	"treatyline/reconcile"
)

// conflictsCommand lists where sources agree and disagree.
type conflictsCommand struct{}

func (*conflictsCommand) Summary() string {
	return "where the sources agree, agree after normalisation, are compatible, or conflict"
}

// groupReport is a group as conflicts --json prints it.
type groupReport struct {
	Subject    string        `json:"subject"`
	Property   string        `json:"property"`
	Qualifiers string        `json:"qualifiers,omitempty"`
	Class      string        `json:"class"`
	Why        string        `json:"why"`
	Difference string        `json:"difference,omitempty"`
	Claims     []groupMember `json:"claims"`
}

type groupMember struct {
	ID         string `json:"id"`
	Value      string `json:"value"`
	Normalised string `json:"normalised"`
	Source     string `json:"source"`
	Quote      string `json:"quote"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	SubsumedBy string `json:"subsumed_by,omitempty"`
}

func (c *conflictsCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "conflicts", "", `Groups the claims on one subject and property across sources, normalises calendar, unit and
entity, and classes each group: agree, agree_after_normalisation (saying which: "Julian vs
Gregorian, 12 days", "square miles vs km²"), compatible (one less precise, or bounds that overlap),
or conflict (with the size of the difference, or contradictory statements).`)
	db := dbFlag(fs)
	status := fs.String("status", "", "only claims with this status: candidate, accepted (default: both)")
	class := fs.String("class", "", "only groups of this class: agree, agree_after_normalisation, compatible, conflict")
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &inputError{fmt.Errorf("unexpected arguments: %s", strings.Join(rest, " "))}
	}
	switch kb.Status(*status) {
	case "", kb.Candidate, kb.Accepted:
	default:
		return &inputError{fmt.Errorf("--status: %q (want candidate or accepted)", *status)}
	}
	switch reconcile.Class(*class) {
	case "", reconcile.Agree, reconcile.AgreeAfterNormalisation, reconcile.Compatible, reconcile.Conflict:
	default:
		return &inputError{fmt.Errorf("--class: unknown class %q", *class)}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	claims, err := st.Claims(ctx, kb.ClaimFilter{Status: kb.Status(*status)})
	if err != nil {
		return err
	}
	out := []groupReport{}
	for _, g := range reconcile.Groups(claims) {
		if *class != "" && string(g.Class) != *class {
			continue
		}
		r := groupReport{Subject: g.Subject, Property: g.Property, Qualifiers: g.Qualifiers, Class: string(g.Class), Why: g.Why, Difference: g.Difference}
		for _, mem := range g.Members {
			for _, e := range mem.Claim.Evidence {
				r.Claims = append(r.Claims, groupMember{ID: mem.Claim.ID, Value: mem.Value, Normalised: mem.Normalised, Source: e.Source,
					Quote: e.Quote.Exact, Start: e.Position.Start, End: e.Position.End, SubsumedBy: mem.SubsumedBy})
			}
		}
		out = append(out, r)
	}
	if *asJSON {
		return writeJSON(m.Stdout, out)
	}
	for _, g := range out {
		q := ""
		if g.Qualifiers != "" {
			q = " [" + g.Qualifiers + "]"
		}
		fmt.Fprintf(m.Stdout, "%s: %s %s%s — %s\n", g.Class, g.Subject, g.Property, q, g.Why)
		for _, mem := range g.Claims {
			fmt.Fprintf(m.Stdout, "    %s = %s  (%s: “%s”)\n", mem.Value, mem.Normalised, mem.Source, mem.Quote)
		}
	}
	return nil
}
