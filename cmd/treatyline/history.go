package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"treatyline/internal/report"
	"treatyline/kb"
)

// historyCommand lists the versions of a claim or provision.
type historyCommand struct{}

func (*historyCommand) Summary() string {
	return "every version of a claim or provision: who recorded what, and when"
}

func (c *historyCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "history", "ID",
		`Lists every version of a claim or provision, oldest first: its number, when the store recorded
it, who did, its status and value. Nothing is ever overwritten: a review or a correction is a new
version. With --recorded-at, only the versions recorded by then: the record as it stood.`)
	db := dbFlag(fs)
	recordedAt := recordedAtFlag(fs)
	asJSON := jsonFlags(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return &inputError{errors.New("history: give one claim or provision id")}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	rd, err := report.Reader(ctx, st, *recordedAt)
	if err != nil {
		if kb.ErrorCode(err) == kb.EINVALID {
			return &inputError{fmt.Errorf("--recorded-at: %w", err)}
		}
		return err
	}
	vs, err := report.History(ctx, rd, rest[0])
	if err != nil {
		return domainError(err)
	}
	if asJSON.on() {
		return asJSON.write(m.Stdout, vs)
	}
	for _, v := range vs {
		by := v.RecordedBy
		if by == "" {
			by = "-"
		}
		fmt.Fprintf(m.Stdout, "%3d  %s  %-10s %-20s %s %s = %s\n", v.Version, v.StoredAt.Format(time.RFC3339Nano), v.Status, by,
			v.Record.Subject, v.Record.Property, v.Record.ValueText)
		if v.Record.Note != "" {
			fmt.Fprintf(m.Stdout, "     %s\n", v.Record.Note)
		}
	}
	return nil
}
