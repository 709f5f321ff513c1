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

// entitiesCommand lists entities and records curators' decisions on them.
type entitiesCommand struct {
	// Now is the clock decisions are recorded by.
	Now func() time.Time
}

func (*entitiesCommand) Summary() string {
	return "list entities; add, rename, alias, merge, split, accept, reject or place one"
}

// verbOf splits a decision command's action from its arguments: list when
// none is given.
func verbOf(args []string) (verb string, rest []string) {
	if len(args) == 0 {
		return "list", nil
	}
	return args[0], args[1:]
}

// decider returns who records a decision (--by, else $USER, else role)
// and the clock it is recorded by (clock, else the time of day).
func decider(by, role string, clock func() time.Time) (string, func() time.Time) {
	if by == "" {
		by = envOr("USER", role)
	}
	if clock == nil {
		clock = time.Now
	}
	return by, clock
}

// stringList is a flag that may be given several times.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ", ") }
func (l *stringList) Set(s string) error { *l = append(*l, s); return nil }

const entitiesUsage = `list [--status S] [--kind K]
  | add ID --kind K --label NAME [--lang L] [--alias NAME]...
  | rename ID --label NAME [--lang L]
  | alias ID NAME... [--lang L] [--script S]
  | merge OLD INTO
  | split ID NEWID --label NAME [--kind K] [--alias NAME]... [--claim ID]... [--provision ID]...
  | accept ID... | reject ID...
  | place ID (--point LON,LAT | --geojson FILE)
  | history ID`

func (c *entitiesCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "entities", entitiesUsage, `Lists the entities (by default the candidates ingest proposed, with their evidence, confidence
and the known entities they may duplicate), and records a curator's decisions on them: add a new
entity, rename one (the old label stays an alias), add aliases, merge one into another (every
claim and provision follows and the old id resolves to the new one), split one (a new entity
takes the aliases, claims and provisions given), accept or reject (rejecting a candidate rejects
the candidate claims about it), place one on the map (a point or a GeoJSON shape, recorded as
approximate: drawn by hand). Every decision is recorded (history ID) and no later ingest or
reload of the bundled knowledge base undoes it.`)
	db := dbFlag(fs)
	by := fs.String("by", "", "who decides (default: $USER)")
	note := fs.String("note", "", "a note recorded with the decision")
	status := fs.String("status", "candidate", "list: entities with this status (candidate, accepted, rejected; all)")
	kind := fs.String("kind", "", "list: only this kind; add, split: the kind of the new entity")
	label := fs.String("label", "", "add, rename, split: the label")
	lang := fs.String("lang", "en", "add, rename, alias, split: the language of the label or aliases")
	script := fs.String("script", "", "alias: the ISO 15924 script of the aliases, when not the usual one of --lang")
	point := fs.String("point", "", "place: LON,LAT in decimal degrees")
	geojson := fs.String("geojson", "", "place: a file holding a GeoJSON geometry or Feature (- for standard input)")
	var aliases, claims, provisions stringList
	fs.Var(&aliases, "alias", "add: an alias of the new entity; split: an alias to move (repeatable)")
	fs.Var(&claims, "claim", "split: a claim to move to the new entity (repeatable)")
	fs.Var(&provisions, "provision", "split: a provision to move to the new entity (repeatable)")
	asJSON := jsonFlags(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	verb, rest := verbOf(rest)
	who, now := decider(*by, "curator", c.Now)
	want := func(n int, what string) error {
		if len(rest) != n {
			return &inputError{fmt.Errorf("entities %s: give %s", verb, what)}
		}
		return nil
	}
	d := kb.EntityDecision{Note: *note, RecordedBy: who, RecordedAt: now()}
	var ds []kb.EntityDecision
	switch verb {
	case "list":
		return c.list(ctx, m, *db, *status, *kind, asJSON)
	case "history":
		if err := want(1, "one entity id"); err != nil {
			return err
		}
		return c.history(ctx, m, *db, rest[0], asJSON)
	case "add":
		if err := want(1, "the new entity's id, e.g. treaty/shimonoseki-1895"); err != nil {
			return err
		}
		if *kind == "" || *label == "" {
			return &inputError{errors.New("entities add: give --kind and --label")}
		}
		n := kb.Entity{ID: rest[0], Kind: kb.Kind(*kind), Labels: map[string]string{*lang: *label}}
		for _, a := range aliases {
			n.Aliases = append(n.Aliases, kb.Alias{Text: a})
		}
		d.Action, d.Entity, d.New = kb.ActionAdd, rest[0], &n
	case "rename":
		if err := want(1, "one entity id"); err != nil {
			return err
		}
		if *label == "" {
			return &inputError{errors.New("entities rename: give --label")}
		}
		d.Action, d.Entity, d.Labels = kb.ActionRename, rest[0], map[string]string{*lang: *label}
	case "alias":
		if len(rest) < 2 {
			return &inputError{errors.New("entities alias: give an entity id and one or more names")}
		}
		d.Action, d.Entity = kb.ActionAlias, rest[0]
		for _, a := range rest[1:] {
			d.Aliases = append(d.Aliases, kb.Alias{Text: a, Lang: *lang, Script: *script})
		}
	case "merge":
		if err := want(2, "the id merged (OLD) and the id it is merged into (INTO)"); err != nil {
			return err
		}
		d.Action, d.Entity, d.Into = kb.ActionMerge, rest[0], rest[1]
	case "split":
		if err := want(2, "the entity split and the new entity's id"); err != nil {
			return err
		}
		if *label == "" {
			return &inputError{errors.New("entities split: give --label for the new entity")}
		}
		n := kb.Entity{ID: rest[1], Kind: kb.Kind(*kind), Labels: map[string]string{*lang: *label}}
		d.Action, d.Entity, d.New, d.Claims, d.Provisions = kb.ActionSplit, rest[0], &n, claims, provisions
		for _, a := range aliases {
			d.Aliases = append(d.Aliases, kb.Alias{Text: a})
		}
	case "accept", "reject":
		if len(rest) == 0 {
			return &inputError{fmt.Errorf("entities %s: give entity ids", verb)}
		}
		for _, id := range rest {
			x := d
			x.Action, x.Entity = kb.EntityAction(verb), id
			ds = append(ds, x)
		}
	case "place":
		if err := want(1, "one entity id"); err != nil {
			return err
		}
		g, err := c.shape(m, *point, *geojson, who)
		if err != nil {
			return err
		}
		d.Action, d.Entity, d.Geometry = kb.ActionPlace, rest[0], &g
	default:
		return &inputError{fmt.Errorf("entities: unknown action %q (want list, add, rename, alias, merge, split, accept, reject, place, history)", verb)}
	}
	if ds == nil {
		ds = []kb.EntityDecision{d}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	var done []report.EntityCard
	for _, d := range ds {
		if d.Action == kb.ActionSplit && d.New.Kind == "" {
			old, err := st.Entity(ctx, d.Entity)
			if err != nil {
				return domainError(err)
			}
			d.New.Kind = old.Kind
		}
		e, err := st.DecideEntity(ctx, d)
		if err != nil {
			return domainError(fmt.Errorf("%s %s: %w", d.Action, d.Entity, err))
		}
		done = append(done, report.FromEntity(e))
		if !asJSON.on() {
			fmt.Fprintf(m.Stdout, "%s: %s\n", d.Action, decisionLine(d, e))
		}
	}
	if asJSON.on() {
		return asJSON.write(m.Stdout, done)
	}
	return nil
}

// decisionLine says in a line what a decision did.
func decisionLine(d kb.EntityDecision, e kb.Entity) string {
	switch d.Action {
	case kb.ActionMerge:
		return fmt.Sprintf("%s merged into %s (%s); claims and provisions follow", d.Entity, e.ID, e.Label("en"))
	case kb.ActionSplit:
		return fmt.Sprintf("%s (%s) split off %s", e.ID, e.Label("en"), d.Entity)
	case kb.ActionPlace:
		return fmt.Sprintf("%s placed (%s, approximate)", e.ID, geometryType(e.Geometry))
	}
	return fmt.Sprintf("%s (%s) %s", e.ID, e.Label("en"), e.Status)
}

func geometryType(g *kb.Geometry) string {
	if g == nil {
		return "none"
	}
	var obj struct {
		Type string `json:"type"`
	}
	_ = jsonUnmarshal(g.GeoJSON, &obj)
	return obj.Type
}

// shape reads a place given by hand: a point or a GeoJSON file.
func (c *entitiesCommand) shape(m *Main, point, file, who string) (kb.Geometry, error) {
	var g kb.Geometry
	var err error
	switch {
	case point != "" && file != "":
		return g, &inputError{errors.New("entities place: give --point or --geojson, not both")}
	case point != "":
		g, err = report.ParsePoint(point)
	case file != "":
		var text string
		if text, err = m.readText(file); err != nil {
			return g, err
		}
		g, err = report.ParseShape([]byte(text))
		if err != nil {
			err = fmt.Errorf("%s: %w", file, err)
		}
	default:
		return g, &inputError{errors.New("entities place: give --point LON,LAT or --geojson FILE")}
	}
	if err != nil {
		return g, &inputError{err}
	}
	g.Note = "given by hand by " + who
	return g, nil
}

func (c *entitiesCommand) list(ctx context.Context, m *Main, db, status, kind string, asJSON *jsonFlag) error {
	s := kb.Status(status)
	switch s {
	case "all":
		s = ""
	case kb.Candidate, kb.Accepted, kb.Rejected:
	default:
		return &inputError{fmt.Errorf("--status: unknown status %q (want candidate, accepted, rejected or all)", status)}
	}
	k, err := report.ParseKind(kind)
	if err != nil {
		return &inputError{fmt.Errorf("--kind: %w", err)}
	}
	st, err := openStore(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	cards, err := report.EntityCards(ctx, st, s, k)
	if err != nil {
		return err
	}
	if asJSON.on() {
		return asJSON.write(m.Stdout, cards)
	}
	if len(cards) == 0 {
		fmt.Fprintf(m.Stdout, "no %s entities\n", orAll(status))
		return nil
	}
	for _, e := range cards {
		fmt.Fprintf(m.Stdout, "%s\t%s\t%s\t%s %.2f\t%d claims\n", e.ID, e.Kind, e.Label, e.Status, e.Confidence, e.Claims)
		if len(e.Aliases) > 0 {
			fmt.Fprintf(m.Stdout, "    aliases: %s\n", strings.Join(report.AliasTexts(e.Aliases), "; "))
		}
		if e.Note != "" {
			fmt.Fprintf(m.Stdout, "    %s\n", e.Note)
		}
		for _, ev := range e.Evidence {
			fmt.Fprintf(m.Stdout, "    %s %d-%d “%s”\n", ev.Source, ev.Start, ev.End, ev.Quote)
		}
		for _, d := range e.Duplicates {
			fmt.Fprintf(m.Stdout, "    may be %s (%s): %s — treatyline entities merge %s %s\n", d.ID, d.Label, d.Why, e.ID, d.ID)
		}
	}
	return nil
}

func orAll(s string) string {
	if s == "all" {
		return ""
	}
	return s
}

func (c *entitiesCommand) history(ctx context.Context, m *Main, db, id string, asJSON *jsonFlag) error {
	st, err := openStore(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Entity(ctx, id); err != nil {
		return domainError(err)
	}
	ds, err := st.EntityDecisions(ctx, id)
	if err != nil {
		return err
	}
	if asJSON.on() {
		if ds == nil {
			ds = []kb.EntityDecision{}
		}
		return asJSON.write(m.Stdout, ds)
	}
	if len(ds) == 0 {
		fmt.Fprintf(m.Stdout, "no decisions on %s\n", id)
	}
	for _, d := range ds {
		other := ""
		if o := d.Other(); o != "" {
			other = " " + o
		}
		fmt.Fprintf(m.Stdout, "%s\t%s\t%s %s%s", d.RecordedAt.Format(time.RFC3339), d.RecordedBy, d.Action, d.Entity, other)
		if d.Note != "" {
			fmt.Fprintf(m.Stdout, "\t%s", d.Note)
		}
		fmt.Fprintln(m.Stdout)
	}
	return nil
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
