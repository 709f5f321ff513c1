// Command treatyline turns historical documents about treaties into a
// source-anchored, calendar-aware knowledge base, and reads the dates and
// quantities historians meet in them.
//
// Usage:
//
//	treatyline <command> [flags] [arguments]
//
// Commands:
//
//	date      read a historical date: calendars, EDTF, Julian and Gregorian days, Chinese reign-era date
//	quantity  read an amount as written: value, bounds, unit, canonical unit
//
// Every command takes --help, and --json for output that scripts can read.
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
