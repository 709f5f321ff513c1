package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"treatyline/internal/report"
	"treatyline/kb"
)

// printClaims writes claims for people, one block each. A claim about
// another entity that names this one (id) is written with its subject. A
// candidate is marked as such; a rejected claim is not a fact and is
// left out unless showRejected, and the number left out is returned.
func printClaims(m *Main, id string, claims []kb.Claim, showRejected bool) int {
	hidden := 0
	for _, c := range claims {
		if c.Status == kb.Rejected && !showRejected {
			hidden++
			continue
		}
		q := ""
		if len(c.Qualifiers) > 0 {
			var parts []string
			for k, v := range c.Qualifiers {
				parts = append(parts, k+"="+v.String())
			}
			sort.Strings(parts)
			q = " [" + strings.Join(parts, ", ") + "]"
		}
		flag := ""
		switch {
		case c.Status == kb.Candidate:
			flag = " [CANDIDATE: not reviewed]"
		case c.Status == kb.Rejected:
			flag = " [REJECTED]"
		}
		if c.Rank != kb.Normal {
			flag += " (" + string(c.Rank) + ")"
		}
		subject := ""
		if c.Subject != id {
			subject = c.Subject + " "
		}
		fmt.Fprintf(m.Stdout, "  %s%s: %s%s%s\n", subject, c.Property, c.Value.String(), q, flag)
		for _, e := range c.Evidence {
			fmt.Fprintf(m.Stdout, "      %s %d-%d  “%s”\n", e.Source, e.Position.Start, e.Position.End, e.Quote.Exact)
		}
	}
	return hidden
}

// showCommand prints an entity with its claims and evidence.
type showCommand struct{}

func (*showCommand) Summary() string {
	return "show an entity with its claims, evidence quotes and sources"
}

func (c *showCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "show", "ID", `Shows an entity (e.g. treaty/aigun-1858) with its labels, aliases, every claim about it with
the quotes that state it, and for a treaty its provisions. Find ids with treatyline search.`)
	db := dbFlag(fs)
	asJSON := jsonFlags(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return &inputError{errors.New("give one entity id, e.g. treaty/aigun-1858")}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	e, err := kb.ResolveEntity(ctx, st, rest[0])
	if err != nil {
		if kb.ErrorCode(err) == kb.ENOTFOUND {
			return &inputError{fmt.Errorf("no entity %q: try treatyline search %q", rest[0], lastPart(rest[0]))}
		}
		return err
	}
	if asJSON.on() {
		out, err := report.Show(ctx, st, rest[0])
		if err != nil {
			return err
		}
		return asJSON.write(m.Stdout, out)
	}
	claims, err := st.Claims(ctx, kb.ClaimFilter{Subject: e.ID})
	if err != nil {
		return err
	}
	var provs []kb.Provision
	if e.Kind == kb.KindTreaty {
		if provs, err = st.Provisions(ctx, e.ID); err != nil {
			return err
		}
	}
	if e.ID != rest[0] {
		fmt.Fprintf(m.Stdout, "(%s was merged into %s)\n", rest[0], e.ID)
	}
	fmt.Fprintf(m.Stdout, "%s  (%s)\n", e.Label("en"), e.ID)
	fmt.Fprintf(m.Stdout, "kind: %s\n", e.Kind)
	if e.Status != kb.Accepted {
		fmt.Fprintf(m.Stdout, "status: %s (confidence %.2f)\n", e.Status, e.Confidence)
	}
	if e.Description != "" {
		fmt.Fprintf(m.Stdout, "%s\n", e.Description)
	}
	langs := make([]string, 0, len(e.Labels))
	for l := range e.Labels {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		fmt.Fprintf(m.Stdout, "label %s: %s\n", l, e.Labels[l])
	}
	if len(e.Aliases) > 0 {
		fmt.Fprintf(m.Stdout, "aliases: %s\n", strings.Join(report.AliasTexts(e.Aliases), "; "))
	}
	fmt.Fprintf(m.Stdout, "claims (%d):\n", len(claims))
	if n := printClaims(m, e.ID, claims, false); n > 0 {
		fmt.Fprintf(m.Stdout, "  (%d rejected claims not shown: treatyline claims %s --status rejected)\n", n, e.ID)
	}
	// A rejected provision is not one of the treaty's terms: left out, counted.
	shown := provs[:0:0]
	for _, p := range provs {
		if p.Status != kb.Rejected {
			shown = append(shown, p)
		}
	}
	if len(shown) > 0 {
		fmt.Fprintf(m.Stdout, "provisions (%d):\n", len(shown))
		for _, p := range shown {
			flag := ""
			if p.Status == kb.Candidate {
				flag = " [CANDIDATE: not reviewed]"
			}
			fmt.Fprintf(m.Stdout, "  %s: %s → %s: %s%s\n", p.Type, strings.Join(p.Grantors, ", "), strings.Join(p.Grantees, ", "), strings.Join(p.Objects, ", "), flag)
			for _, ev := range p.Evidence {
				fmt.Fprintf(m.Stdout, "      %s %d-%d  “%s”\n", ev.Source, ev.Position.Start, ev.Position.End, ev.Quote.Exact)
			}
		}
	}
	if n := len(provs) - len(shown); n > 0 {
		fmt.Fprintf(m.Stdout, "  (%d rejected provisions not shown: not among the treaty's terms)\n", n)
	}
	return nil
}

func lastPart(id string) string {
	if i := strings.LastIndex(id, "/"); i >= 0 {
		return strings.ReplaceAll(id[i+1:], "-", " ")
	}
	return id
}

// searchCommand finds entities by name.
type searchCommand struct{}

func (*searchCommand) Summary() string {
	return "find entities by any label or alias, in any script, tolerant of spelling"
}

func (c *searchCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "search", "TEXT", `Finds entities by any of their labels and aliases, in any script: case, diacritics and the
usual variants of transliteration do not matter ("Muraviev", "Muravyov" and "Муравьёв" find the
same man). Results are ranked best first with a score from 0 to 1.`)
	db := dbFlag(fs)
	limit := fs.Int("limit", 10, "at most this many results (0: all)")
	kind := fs.String("kind", "", "only entities of this kind (treaty, polity, person, territory, river, city, port, ...)")
	asJSON := jsonFlags(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	text := joinArgs(rest)
	if text == "" {
		return &inputError{errors.New("give a name to search for")}
	}
	k, err := report.ParseKind(*kind)
	if err != nil {
		return &inputError{fmt.Errorf("--kind: %w", err)}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	ents, err := st.Entities(ctx, "")
	if err != nil {
		return err
	}
	res := report.Search(kb.NewIndex(ents), text, k, *limit)
	if asJSON.on() {
		return asJSON.write(m.Stdout, res)
	}
	if len(res) == 0 {
		fmt.Fprintf(m.Stdout, "nothing found for %q\n", text)
		return nil
	}
	for _, r := range res {
		fmt.Fprintf(m.Stdout, "%.2f\t%s\t%s\t%s (matched %q)\n", r.Score, r.ID, r.Kind, r.Label, r.Matched)
	}
	return nil
}

// claimsCommand lists the claims about an entity.
type claimsCommand struct{}

func (*claimsCommand) Summary() string {
	return "list the claims about an entity or naming it, with their evidence"
}

func (c *claimsCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "claims", "ID", `Lists every claim whose subject is the entity or whose value names it, with its evidence.`)
	db := dbFlag(fs)
	status := fs.String("status", "", "only claims with this status: candidate, accepted or rejected")
	property := fs.String("property", "", "only claims of this property")
	asJSON := jsonFlags(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return &inputError{errors.New("give one entity id")}
	}
	switch kb.Status(*status) {
	case "", kb.Candidate, kb.Accepted, kb.Rejected:
	default:
		return &inputError{fmt.Errorf("--status: unknown status %q (want candidate, accepted or rejected)", *status)}
	}
	if _, ok := kb.Properties[*property]; *property != "" && !ok {
		return &inputError{kb.UnknownTerm("property", *property, kb.PropertyNames())}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	e, err := kb.ResolveEntity(ctx, st, rest[0])
	if err != nil {
		return domainError(err)
	}
	claims, err := st.Claims(ctx, kb.ClaimFilter{Entity: e.ID, Status: kb.Status(*status), Property: *property})
	if err != nil {
		return err
	}
	if asJSON.on() {
		return asJSON.write(m.Stdout, report.Claims(claims))
	}
	fmt.Fprintf(m.Stdout, "%d claims on %s:\n", len(claims), e.ID)
	if n := printClaims(m, e.ID, claims, *status == string(kb.Rejected)); n > 0 {
		fmt.Fprintf(m.Stdout, "  (%d rejected claims not shown: add --status rejected)\n", n)
	}
	return nil
}
