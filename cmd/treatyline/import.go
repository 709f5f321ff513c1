package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"treatyline/dataset/cow"
	"treatyline/export"
	"treatyline/internal/progress"
	"treatyline/kb"
)

// importCommand reads a dataset or an export into the store.
type importCommand struct{}

func (*importCommand) Summary() string {
	return "import a dataset (cow-tc: Correlates of War territorial change) or a jsonl export"
}

// importReport is what an import did.
type importReport struct {
	Format     string `json:"format"`
	Read       any    `json:"read"`
	Sources    int    `json:"sources"`
	Entities   int    `json:"entities"`
	Claims     int    `json:"claims"`
	Provisions int    `json:"provisions"`
	Linked     int    `json:"linked,omitempty"`
}

func (c *importCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "import", "FORMAT PATH", `Imports into the store, in one transaction: nothing of it is stored when any row is malformed
(the error names the file, line and column), and importing the same thing twice adds nothing.
Records already stored under the same id are left as they are, with any review or correction.

Formats:
  cow-tc DIR   the Correlates of War Territorial Change data v6: DIR holds tc2018.csv,
               states2016.csv and Entities.txt. States become polities (polity/cow-CODE) with
               their membership spans, entity codes territories (territory/cow-CODE), each change
               an event (event/cow-tc-NUMBER) with its date, area, population and parties, the
               holder it gives the territory, and a provision of its procedure (conquest,
               annexation, cession, secession, unification, mandate), the row as evidence (source
               cow-tc-v6). A change is linked to a treaty of the documents when one treaty was
               signed that year moving land between polities of the same names: its date and area
               become candidate claims on the treaty, to compare in conflicts. See docs/import.md.
  jsonl FILE   a JSON Lines export (treatyline export --format jsonl; "-" for standard input).`)
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	quiet := fs.Bool("quiet", false, "show no progress (shown on standard error when it is a terminal: the records to store, then the time and rate)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 2 {
		return &inputError{errors.New("give a format (cow-tc, jsonl) and a path")}
	}
	format, path := rest[0], rest[1]
	var batch kb.Batch
	rep := importReport{Format: format}
	now := time.Now().UTC()
	var d *cow.Data
	switch format {
	case "cow-tc":
		if d, err = cow.ReadDir(path); err != nil {
			return domainError(err)
		}
		batch = d.Batch(now)
		rep.Read = map[string]int{"changes": len(d.Changes), "states": len(d.States), "entity_codes": len(d.Names)}
	case "jsonl":
		f := m.Stdin
		if path != "-" {
			fh, err := os.Open(path)
			if err != nil {
				return &inputError{err}
			}
			defer fh.Close()
			f = fh
		}
		if batch, err = export.ReadJSONL(f, path); err != nil {
			return domainError(err)
		}
		rep.Read = map[string]int{"sources": len(batch.Sources), "entities": len(batch.Entities), "claims": len(batch.Claims), "provisions": len(batch.Provisions)}
	default:
		return &inputError{fmt.Errorf("unknown format %q (want cow-tc or jsonl)", format)}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	entities, err := st.Entities(ctx, "")
	if err != nil {
		return err
	}
	claims, err := st.Claims(ctx, kb.ClaimFilter{})
	if err != nil {
		return err
	}
	provisions, err := st.Provisions(ctx, "")
	if err != nil {
		return err
	}
	linked := map[string]bool{}
	if d != nil {
		for _, c := range d.Link(entities, claims, provisions, now) {
			linked[c.ID] = true
			batch.Claims = append(batch.Claims, c)
		}
	}
	have := func(ids map[string]bool) func(string) bool { return func(id string) bool { return ids[id] } }
	eids, cids, pids := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, e := range entities {
		eids[e.ID] = true
	}
	for _, c := range claims {
		cids[c.ID] = true
	}
	for _, p := range provisions {
		pids[p.ID] = true
	}
	stored, err := st.Sources(ctx)
	if err != nil {
		return err
	}
	sids := map[string]bool{}
	for _, s := range stored {
		sids[s.ID] = true
	}
	fresh := cow.Fresh(batch, have(eids), have(cids), have(pids))
	for _, s := range fresh.Sources {
		if !sids[s.ID] {
			rep.Sources++
		}
	}
	rep.Entities, rep.Claims, rep.Provisions = len(fresh.Entities), len(fresh.Claims), len(fresh.Provisions)
	for _, c := range fresh.Claims {
		if linked[c.ID] {
			rep.Linked++
		}
	}
	// One transaction reports nothing until it ends: the meter shows what
	// is being stored, then how long it took.
	records := int64(len(fresh.Sources) + len(fresh.Entities) + len(fresh.Claims) + len(fresh.Provisions))
	meter := progress.New(progress.Terminal(m.Stderr, *quiet), "records", records)
	meter.Flush()
	if err := st.Apply(ctx, fresh); err != nil {
		meter.Done()
		return domainError(fmt.Errorf("%s: %w", path, err))
	}
	meter.Set(records)
	meter.Done()
	if *asJSON {
		return writeJSON(m.Stdout, rep)
	}
	fmt.Fprintf(m.Stdout, "read %s: %v\nadded %d sources, %d entities, %d claims (%d linking the dataset to treaties), %d provisions\n",
		path, rep.Read, rep.Sources, rep.Entities, rep.Claims, rep.Linked, rep.Provisions)
	return nil
}
