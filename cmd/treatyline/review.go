package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"treatyline/internal/report"
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
	fs := newFlags(m, "review", "[list | accept ID... | reject ID... | correct ID --date|--quantity|--entity|--text VALUE | --accept-all [--min-confidence X]]",
		`Lists the candidate claims ingest proposed, with their evidence and the reason, after the
candidate entities (see treatyline entities); accepts or rejects them by id; or corrects one (a
new version with the value given, accepted). Every decision is a new version of the claim:
nothing is overwritten (see treatyline history ID), and no later ingest or bundle replaces it.

--expect N decides on version N, as the list showed it: when someone else has decided since,
nothing is written, the record as it now stands is printed, and the exit status is 3 (a conflict).

--accept-all accepts, in one transaction, every candidate entity, claim and provision whose
confidence is at least --min-confidence; a claim or provision that names an entity left a
candidate (or rejected), or that has no evidence, is held back and counted.`)
	db := dbFlag(fs)
	by := fs.String("by", "", "who decides (default: $USER)")
	note := fs.String("note", "", "accept, reject: a note recorded with the decision")
	date := fs.String("date", "", "correct: the date as the source writes it")
	cal := fs.String("calendar", "", "correct: the calendar of the date's figures (julian, gregorian)")
	qty := fs.String("quantity", "", "correct: the amount as written")
	entity := fs.String("entity", "", "correct: an entity id")
	text := fs.String("text", "", "correct: a text value")
	expect := fs.Int("expect", 0, "accept, reject, correct: the version decided on (as review list shows it); refused, with the current state (exit status 3), when another decision came first")
	acceptAll := fs.Bool("accept-all", false, "accept every candidate entity, claim and provision at or above --min-confidence")
	minConf := fs.Float64("min-confidence", kb.DefaultMinConfidence, "--accept-all: the least confidence accepted (0 to 1)")
	asJSON := jsonFlags(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	verb, rest := verbOf(rest)
	who, now := decider(*by, "reviewer", c.Now)
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if *acceptAll {
		if len(rest) > 0 || verb != "list" {
			return &inputError{errors.New("review --accept-all takes no action or ids")}
		}
		if !(*minConf >= 0 && *minConf <= 1) {
			return &inputError{fmt.Errorf("--min-confidence: %v is not between 0 and 1", *minConf)}
		}
		n, err := st.AcceptAll(ctx, *minConf, who, now())
		if err != nil {
			return domainError(err)
		}
		if asJSON.on() {
			return asJSON.write(m.Stdout, n)
		}
		fmt.Fprintf(m.Stdout, "accepted %d entities, %d claims, %d provisions at confidence >= %g; %d held back\n",
			n.Entities, n.Claims, n.Provisions, *minConf, n.HeldBack)
		return nil
	}
	switch verb {
	case "list":
		cs, err := report.Candidates(ctx, st)
		if err != nil {
			return err
		}
		if asJSON.on() {
			return asJSON.write(m.Stdout, cs)
		}
		ents, err := report.EntityCards(ctx, st, kb.Candidate, "")
		if err != nil {
			return err
		}
		if len(ents) == 0 && len(cs) == 0 {
			fmt.Fprintln(m.Stdout, "no candidate to review: treatyline ingest proposes them")
		}
		for _, e := range ents {
			fmt.Fprintf(m.Stdout, "%s  new %s %q (confidence %.2f, %d claims)\n", e.ID, e.Kind, e.Label, e.Confidence, e.Claims)
			for _, d := range e.Duplicates {
				fmt.Fprintf(m.Stdout, "    may be %s: %s\n", d.ID, d.Why)
			}
		}
		for _, cl := range cs {
			fmt.Fprintf(m.Stdout, "%s  %s %s = %s  (version %d)\n", cl.ID, cl.Subject, cl.Property, cl.ValueText, cl.Version)
			if cl.Note != "" {
				fmt.Fprintf(m.Stdout, "    %s\n", cl.Note)
			}
			if or := otherReadingText(cl.Qualifiers); or != "" {
				fmt.Fprintf(m.Stdout, "    or %s\n", or)
			}
			for _, e := range cl.Evidence {
				fmt.Fprintf(m.Stdout, "    %s %d-%d “%s”\n", e.Source, e.Start, e.End, e.Quote)
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
		if *expect != 0 && len(rest) != 1 {
			return &inputError{fmt.Errorf("review %s: --expect names the version of one record: give one id", verb)}
		}
		for _, id := range rest {
			rec, err := report.Decide(ctx, st, kb.Decision{ID: id, Status: status, By: who, Note: *note, At: now(), Expect: *expect})
			if kb.ErrorCode(err) == kb.ECONFLICT {
				return c.conflict(ctx, m, st, id, err, asJSON)
			}
			if err != nil {
				return domainError(fmt.Errorf("%s: %w", id, err))
			}
			fmt.Fprintf(m.Stdout, "%s %sed (version %d)\n", id, verb, rec.Version)
		}
		return nil
	case "correct":
		if len(rest) != 1 {
			return &inputError{errors.New("review correct: give one claim id")}
		}
		cl, err := report.Correct(ctx, st, rest[0], report.Correction{Date: *date, Calendar: *cal, Quantity: *qty, Entity: *entity, Text: *text}, who, now(), *expect)
		if kb.ErrorCode(err) == kb.ECONFLICT {
			return c.conflict(ctx, m, st, rest[0], err, asJSON)
		}
		if err != nil {
			if kb.ErrorCode(err) == kb.EINVALID {
				err = fmt.Errorf("review correct: %s%w", flagDashes(err.Error()), err)
			}
			return domainError(err)
		}
		fmt.Fprintf(m.Stdout, "%s corrected: %s %s = %s (version %d)\n", cl.ID, cl.Subject, cl.Property, cl.Value.String(), cl.Version)
		return nil
	}
	return &inputError{fmt.Errorf("review: unknown action %q (want list, accept, reject, correct)", verb)}
}

// flagDashes gives "--" when a message begins with the name of one of
// correct's fields, so that it names the flag.
func flagDashes(msg string) string {
	for _, f := range []string{"date", "calendar", "quantity", "entity", "text"} {
		if strings.HasPrefix(msg, f+":") {
			return "--"
		}
	}
	return ""
}

// conflict reports a decision refused because the record changed since it
// was read: the record as it now stands on standard output, the reason as
// the error (exit status 3).
func (c *reviewCommand) conflict(ctx context.Context, m *Main, st kb.Store, id string, err error, asJSON *jsonFlag) error {
	cur, cerr := report.Current(ctx, st, id)
	if cerr == nil {
		if asJSON.on() {
			if werr := asJSON.write(m.Stdout, cur); werr != nil {
				return werr
			}
		} else {
			fmt.Fprintf(m.Stdout, "%s now: version %d, %s by %s: %s %s = %s\n", cur.ID, cur.Version, cur.Status,
				cur.RecordedBy, cur.Subject, cur.Property, cur.ValueText)
		}
	}
	return &conflictError{fmt.Errorf("%s: %w", id, err)}
}

// otherReadingText writes a claim's other reading of its date, from its
// qualifiers other_reading and other_reading_why: "read as julian, Gregorian
// 1860-11-14: the document dates …"; "" when it has none.
func otherReadingText(q map[string]json.RawMessage) string {
	raw, ok := q["other_reading"]
	if !ok {
		return ""
	}
	var v struct {
		Date struct {
			Calendar string `json:"calendar"`
			EDTF     string `json:"edtf"`
		} `json:"date"`
	}
	if json.Unmarshal(raw, &v) != nil || v.Date.Calendar == "" {
		return ""
	}
	s := fmt.Sprintf("read as %s, Gregorian %s", v.Date.Calendar, v.Date.EDTF)
	var why struct {
		Text string `json:"text"`
	}
	if w, ok := q["other_reading_why"]; ok && json.Unmarshal(w, &why) == nil && why.Text != "" {
		s += ": " + why.Text
	}
	return s
}
