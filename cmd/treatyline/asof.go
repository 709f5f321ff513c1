package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"treatyline/engine"
	"treatyline/histdate"
	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/store/postgres"
)

// openEngine opens the store, builds the engine over it (as it stood at
// record time recordedAt, when given), and reads a perspective: a party
// and a comma-separated list of source ids, each of which must be a
// stored source.
func openEngine(ctx context.Context, db, party, sources, recordedAt string) (kb.Store, *engine.Engine, engine.Perspective, error) {
	var p engine.Perspective
	st, err := openStore(ctx, db)
	if err != nil {
		return nil, nil, p, err
	}
	fail := func(err error) (kb.Store, *engine.Engine, engine.Perspective, error) {
		st.Close()
		return nil, nil, p, err
	}
	rd, err := report.Reader(ctx, st, recordedAt)
	if err != nil {
		if kb.ErrorCode(err) == kb.EINVALID {
			err = &inputError{fmt.Errorf("--recorded-at: %w", err)}
		}
		return fail(err)
	}
	var eng *engine.Engine
	if path := snapshotBeside(db); recordedAt == "" && path != "" {
		eng, err = loadEngineCached(ctx, st, path)
	} else {
		eng, err = report.LoadEngine(ctx, rd)
	}
	if err != nil {
		return fail(err)
	}
	var known []kb.Source
	if sources != "" {
		if known, err = rd.Sources(ctx); err != nil {
			return fail(err)
		}
	}
	if p, err = report.Perspective(eng, party, sources, known); err != nil {
		if strings.HasPrefix(err.Error(), "sources: ") {
			err = fmt.Errorf("--%w", err)
		}
		return fail(domainError(err))
	}
	return st, eng, p, nil
}

// snapshotBeside gives the snapshot file kept beside a SQLite store
// (FILE.snapshot), or "" for PostgreSQL, which keeps none.
func snapshotBeside(db string) string {
	if postgres.IsURL(db) {
		return ""
	}
	return db + ".snapshot"
}

// loadEngineCached builds the engine over a SQLite store from the
// snapshot file beside it when the file was written for the store as it
// is (as serve keeps it), or for an earlier state of it (brought up to
// it by what the store recorded since), and otherwise from the store,
// writing the file for the next command: at a million provisions a few
// seconds rather than tens. A store whose snapshot key cannot be had (a read-only file)
// is read as before.
func loadEngineCached(ctx context.Context, st kb.Store, path string) (*engine.Engine, error) {
	key, err := report.SnapshotKey(ctx, st, buildKey())
	if err != nil {
		return report.LoadEngine(ctx, st)
	}
	eng, _, err := report.LoadEngineCached(ctx, st, path, key)
	return eng, err
}

// readDay reads the date of an as-of question (see report.ReadDay).
func readDay(text string) (histdate.JDN, error) {
	day, err := report.ReadDay(text)
	if err != nil {
		return 0, &inputError{err}
	}
	return day, nil
}

// asofCommand prints the treaty system on a day.
type asofCommand struct{}

func (*asofCommand) Summary() string {
	return "the treaty system on a day: who holds each territory, rights in force, treaty status"
}

func (c *asofCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "asof", "DATE", `Computes the treaty system on a day — each territory's holder (sole, joint, occupied,
uncertain), the rights in force, each treaty's status — from a perspective, with the chain of
events and provisions and the quotes behind every answer. DATE is anything treatyline date reads
("1 januari 1859", "咸豐九年", "1859-01-01"); a month or year is taken at its first day. With
--recorded-at, the answer comes from the knowledge base as it stood at that record time: claims,
reviews, corrections and merges recorded after it are invisible (docs/team.md). With --territory,
--treaty or --right, the answer is what they name and nothing else, computed alone. The JSON form
(--json compact, --pretty indented) is the API's GET /api/v1/asof, a stable interface: see
docs/api.md and docs/engine.md.`)
	db := dbFlag(fs)
	persp := fs.String("perspective", "consensus", "consensus, or a party (russia, qing, or a polity id) whose own acts are honoured")
	sources := fs.String("sources", "", "count only claims these sources evidence (comma-separated ids)")
	territory := fs.String("territory", "", "only these territories (comma-separated ids)")
	treaty := fs.String("treaty", "", "only these treaties (comma-separated ids)")
	right := fs.String("right", "", "only the rights these provisions grant (comma-separated ids)")
	recordedAt := recordedAtFlag(fs)
	asJSON := jsonFlags(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return &inputError{errors.New("give a date")}
	}
	day, err := readDay(joinArgs(rest))
	if err != nil {
		return err
	}
	st, eng, p, err := openEngine(ctx, *db, *persp, *sources, *recordedAt)
	if err != nil {
		return err
	}
	defer st.Close()
	q := report.Question{Territories: idList(*territory), Treaties: idList(*treaty), Rights: idList(*right)}
	q.All = q.Empty()
	state, _, err := report.Ask(eng, day, p, q)
	if err != nil {
		return domainError(err)
	}
	if asJSON.on() {
		return asJSON.write(m.Stdout, state)
	}
	printState(m, state)
	return nil
}

// idList reads a comma-separated list of ids; nil for none.
func idList(s string) []string {
	var out []string
	for id := range strings.SplitSeq(s, ",") {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}

// printState prints the sections of an answer that its question asked
// for.
func printState(m *Main, s report.Answer) {
	w := m.Stdout
	fmt.Fprintf(w, "as of %s, %s\n", s.Date, s.Perspective)
	if s.Territories != nil {
		fmt.Fprintln(w, "\nterritories:")
	}
	for _, t := range s.Territories {
		fmt.Fprintf(w, "  %s: %s %s", t.Label, t.Mode, strings.Join(t.Holders, " + "))
		if len(t.Jurisdiction) > 0 {
			fmt.Fprintf(w, " (jurisdiction: %s)", strings.Join(t.Jurisdiction, " + "))
		}
		if t.Since != "" {
			fmt.Fprintf(w, " since %s", t.Since)
		}
		if t.Window != nil {
			fmt.Fprintf(w, " — uncertain between %s and %s", t.Window.Earliest, t.Window.Latest)
		}
		fmt.Fprintln(w)
		if t.Note != "" {
			fmt.Fprintf(w, "      note: %s\n", t.Note)
		}
		printBasis(m, t.Basis, 2)
	}
	if s.Rights != nil {
		fmt.Fprintln(w, "\nrights in force:")
	}
	for _, r := range s.Rights {
		ex := ""
		if r.Exclusive {
			ex = " (exclusive)"
		}
		where := ""
		if len(r.Object) > 0 {
			where = " in " + strings.Join(r.Object, ", ")
		}
		if r.Limits != "" {
			where += " — " + r.Limits
		}
		fmt.Fprintf(w, "  %s for %s, granted by %s%s%s; since %s (%s)\n", r.Type, strings.Join(r.Holders, " + "), strings.Join(r.Grantor, " + "), where, ex, r.Since, r.Treaty)
	}
	if s.Treaties != nil {
		fmt.Fprintln(w, "\ntreaties:")
	}
	for _, t := range s.Treaties {
		fmt.Fprintf(w, "  %s: %s", t.Label, t.Status)
		if t.Signed != "" {
			fmt.Fprintf(w, " (signed %s)", t.Signed)
		}
		if t.Window != nil {
			fmt.Fprintf(w, " — signed between %s and %s: not known whether yet", t.Window.Earliest, t.Window.Latest)
		}
		if len(t.Details) > 0 {
			fmt.Fprintf(w, " — %s", strings.Join(t.Details, "; "))
		}
		fmt.Fprintln(w)
	}
}

func printBasis(m *Main, bs []engine.Basis, max int) {
	// One line per quote: two links of a chain may rest on the same one.
	seen := map[engine.Basis]bool{}
	uniq := bs[:0:0]
	for _, b := range bs {
		k := b
		k.Event, k.Provision, k.Claim, k.Start, k.End = "", "", "", 0, 0
		if !seen[k] {
			seen[k] = true
			uniq = append(uniq, b)
		}
	}
	bs = uniq
	for i, b := range bs {
		if i == max {
			fmt.Fprintf(m.Stdout, "      … and %d more\n", len(bs)-max)
			return
		}
		what := b.Provision
		if what == "" {
			what = b.Event
		}
		fmt.Fprintf(m.Stdout, "      %s — %s: “%s”\n", what, b.Source, b.Quote)
	}
}

// statusCommand prints one treaty's status on a day.
type statusCommand struct{}

func (*statusCommand) Summary() string { return "a treaty's status on a day, with its reasons" }

func (c *statusCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "status", "TREATY --on DATE", "Prints a treaty's status on a day, from a perspective, with the quotes behind it.")
	db := dbFlag(fs)
	on := fs.String("on", "", "the day (anything treatyline date reads)")
	persp := fs.String("perspective", "consensus", "consensus, or a party")
	sources := fs.String("sources", "", "count only claims these sources evidence (comma-separated ids)")
	recordedAt := recordedAtFlag(fs)
	asJSON := jsonFlags(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 || *on == "" {
		return &inputError{errors.New("give a treaty id and --on DATE")}
	}
	day, err := readDay(*on)
	if err != nil {
		return err
	}
	st, eng, p, err := openEngine(ctx, *db, *persp, *sources, *recordedAt)
	if err != nil {
		return err
	}
	defer st.Close()
	t, err := eng.Treaty(rest[0], day, p)
	if err != nil {
		return domainError(err)
	}
	if asJSON.on() {
		return asJSON.write(m.Stdout, t)
	}
	fmt.Fprintf(m.Stdout, "%s on %s (%s): %s\n", t.Label, histdate.ISO(histdate.Gregorian, day), p.Name(), t.Status)
	if t.Signed != "" {
		fmt.Fprintf(m.Stdout, "  signed %s\n", t.Signed)
	}
	if t.Window != nil {
		fmt.Fprintf(m.Stdout, "  signed between %s and %s: on this day it is not known whether it had been yet\n", t.Window.Earliest, t.Window.Latest)
	}
	if t.Chosen != nil {
		fmt.Fprintf(m.Stdout, "  date from %s (%s), one of %d date claims: %s\n", t.Chosen.Claim, t.Chosen.Property, t.Chosen.Of, t.Chosen.Why)
	}
	for _, d := range t.Details {
		fmt.Fprintf(m.Stdout, "  %s\n", d)
	}
	printBasis(m, t.Basis, 6)
	return nil
}

// timelineCommand lists events in order.
type timelineCommand struct{}

func (*timelineCommand) Summary() string {
	return "events in order, Gregorian with the original calendar beside"
}

func (c *timelineCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "timeline", "[ID]", `Lists dated claims in order of their Gregorian first day — lifecycle events of treaties,
and the dates of events, people and places — with the date as the source wrote it beside. With
an ID, only claims about that entity.`)
	db := dbFlag(fs)
	asJSON := jsonFlags(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	id := ""
	if len(rest) == 1 {
		id = rest[0]
	}
	items, err := report.Timeline(ctx, st, id)
	if err != nil {
		return domainError(err)
	}
	if asJSON.on() {
		return asJSON.write(m.Stdout, items)
	}
	for _, it := range items {
		orig := ""
		if it.Calendar != "gregorian" || it.Written != it.Date {
			orig = fmt.Sprintf("  [%s, %s]", it.Written, it.Calendar)
		}
		src := ""
		if len(it.Evidence) > 0 {
			src = it.Evidence[0].Source
		}
		fmt.Fprintf(m.Stdout, "%-24s %s %s%s  (%s)\n", it.Date, it.Subject, it.Property, orig, src)
	}
	return nil
}
