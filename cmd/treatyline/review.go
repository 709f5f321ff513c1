package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"treatyline/histdate"
	"treatyline/kb"
)

// reviewCommand lists candidate claims and records decisions on them.
type reviewCommand struct {
	// Now is the clock decisions are recorded by.
	Now func() time.Time
}

func (*reviewCommand) Summary() string {
	return "list candidate claims; accept, reject or correct them by id"
}

func (c *reviewCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "review", "[list | accept ID... | reject ID... | correct ID --date|--quantity|--entity|--text VALUE]",
		`Lists the candidate claims ingest proposed, with their evidence and the reason; accepts or
rejects them by id; or corrects one (a new version with the value given, accepted). Every
decision is a new version of the claim: nothing is overwritten (see treatyline claims).`)
	db := dbFlag(fs)
	by := fs.String("by", "", "who decides (default: $USER)")
	date := fs.String("date", "", "correct: the date as the source writes it")
	cal := fs.String("calendar", "", "correct: the calendar of the date's figures (julian, gregorian)")
	qty := fs.String("quantity", "", "correct: the amount as written")
	entity := fs.String("entity", "", "correct: an entity id")
	text := fs.String("text", "", "correct: a text value")
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	verb := "list"
	if len(rest) > 0 {
		verb, rest = rest[0], rest[1:]
	}
	who := *by
	if who == "" {
		who = envOr("USER", "reviewer")
	}
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	switch verb {
	case "list":
		cs, err := st.Claims(ctx, kb.ClaimFilter{Status: kb.Candidate})
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(m.Stdout, reportClaims(cs))
		}
		for _, cl := range cs {
			fmt.Fprintf(m.Stdout, "%s  %s %s = %s\n", cl.ID, cl.Subject, cl.Property, cl.Value.String())
			if cl.Note != "" {
				fmt.Fprintf(m.Stdout, "    %s\n", cl.Note)
			}
			for _, e := range cl.Evidence {
				fmt.Fprintf(m.Stdout, "    %s %d-%d “%s”\n", e.Source, e.Position.Start, e.Position.End, e.Quote.Exact)
			}
		}
		return nil
	case "accept", "reject":
		if len(rest) == 0 {
			return &inputError{fmt.Errorf("review %s: give claim ids", verb)}
		}
		status := kb.Accepted
		if verb == "reject" {
			status = kb.Rejected
		}
		for _, id := range rest {
			if err := st.SetStatus(ctx, id, status, who, now()); err != nil {
				return domainError(fmt.Errorf("%s: %w", id, err))
			}
			fmt.Fprintf(m.Stdout, "%s %sed\n", id, verb)
		}
		return nil
	case "correct":
		if len(rest) != 1 {
			return &inputError{errors.New("review correct: give one claim id")}
		}
		hist, err := st.ClaimHistory(ctx, rest[0])
		if err != nil {
			return domainError(err)
		}
		cl := hist[len(hist)-1]
		set := 0
		for _, v := range []string{*date, *qty, *entity, *text} {
			if v != "" {
				set++
			}
		}
		if set != 1 {
			return &inputError{errors.New("review correct: give exactly one of --date, --quantity, --entity, --text")}
		}
		switch {
		case *date != "":
			cl.Value = kb.DateValue(*date, "", cl.Value.Lang)
			if *cal != "" {
				c, err := histdate.ParseCalendar(*cal)
				if err != nil {
					return &inputError{fmt.Errorf("--calendar: %w", err)}
				}
				cl.Value.Calendar = c
			}
		case *qty != "":
			cl.Value = kb.QuantityValue(*qty, cl.Value.Lang)
		case *entity != "":
			cl.Value = kb.EntityValue(*entity)
		default:
			cl.Value = kb.TextValue(*text)
		}
		if err := cl.Value.Validate(); err != nil {
			return &inputError{fmt.Errorf("review correct: %w", err)}
		}
		cl.Status, cl.RecordedBy, cl.RecordedAt = kb.Accepted, who, now()
		cl.Note = "corrected by " + who + "; " + cl.Note
		if err := st.Apply(ctx, kb.Batch{Claims: []kb.Claim{cl}}); err != nil {
			return domainError(err)
		}
		fmt.Fprintf(m.Stdout, "%s corrected: %s %s = %s\n", cl.ID, cl.Subject, cl.Property, cl.Value.String())
		return nil
	}
	return &inputError{fmt.Errorf("review: unknown action %q (want list, accept, reject, correct)", verb)}
}
