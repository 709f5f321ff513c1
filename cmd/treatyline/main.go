// Command treatyline turns historical documents about treaties into a
// source-anchored, calendar-aware knowledge base, and makes the treaty
// system computable: who held which territory, with which rights, as of
// any date, from any party's side, every answer traced to a quote.
//
// Usage:
//
//	treatyline <command> [flags] [arguments]
//
// The commands — asof, check, claims, conflicts, date, entities, eval,
// export, import, ingest, init, quantity, review, search, serve, show,
// sources, status, timeline — are
// listed with a line each by treatyline --help.
//
// Every command takes --help, and --json for output that scripts can read
// (compact JSON, the API's bytes) or --pretty (the same, indented).
// Input that cannot be read exits with status 2 and says which part was not
// understood; other failures exit with status 1.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain()
	os.Exit(m.Run(ctx, os.Args[1:]))
}
