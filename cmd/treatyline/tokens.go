package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"treatyline/kb"
)

// tokensCommand keeps the reviewers' tokens of a store.
type tokensCommand struct{}

func (*tokensCommand) Summary() string {
	return "reviewers' tokens: add NAME (printed once), list, revoke NAME"
}

func (c *tokensCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "tokens", "add NAME | list | revoke NAME",
		`Keeps the tokens by which reviewers write through treatyline serve. add makes a random token
for a reviewer, prints it once, and stores only its SHA-256 hash; list shows who has one and
since when, revoked ones included; revoke ends one at once. A server over the store accepts any
valid token and records its reviewer's name with every decision (docs/team.md).`)
	db := dbFlag(fs)
	asJSON := jsonFlags(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return &inputError{errors.New("tokens: give add NAME, list or revoke NAME")}
	}
	verb, rest := rest[0], rest[1:]
	want := map[string]int{"add": 1, "list": 0, "revoke": 1}
	n, ok := want[verb]
	if !ok {
		return &inputError{fmt.Errorf("tokens: unknown action %q (want add, list, revoke)", verb)}
	}
	if len(rest) != n {
		if n == 1 {
			return &inputError{fmt.Errorf("tokens %s: give one reviewer's name", verb)}
		}
		return &inputError{fmt.Errorf("tokens %s: takes no arguments", verb)}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	switch verb {
	case "add":
		token, err := kb.NewToken()
		if err != nil {
			return err
		}
		if err := st.AddToken(ctx, kb.Token{Name: rest[0], Hash: kb.TokenHash(token), Created: time.Now().UTC()}); err != nil {
			return domainError(err)
		}
		if asJSON.on() {
			return asJSON.write(m.Stdout, map[string]string{"name": rest[0], "token": token})
		}
		fmt.Fprintln(m.Stdout, token)
		fmt.Fprintf(m.Stderr, "treatyline tokens: the token of %s, shown this once (only its hash is stored)\n", rest[0])
		return nil
	case "revoke":
		if err := st.RevokeToken(ctx, rest[0], time.Now().UTC()); err != nil {
			return domainError(err)
		}
		fmt.Fprintf(m.Stdout, "%s's token revoked\n", rest[0])
		return nil
	}
	toks, err := st.Tokens(ctx)
	if err != nil {
		return err
	}
	if asJSON.on() {
		if toks == nil {
			toks = []kb.Token{}
		}
		return asJSON.write(m.Stdout, toks)
	}
	for _, t := range toks {
		state := "valid"
		if !t.Valid() {
			state = "revoked " + t.Revoked.Format(time.RFC3339)
		}
		fmt.Fprintf(m.Stdout, "%-24s since %s  %s\n", t.Name, t.Created.Format(time.RFC3339), state)
	}
	return nil
}
