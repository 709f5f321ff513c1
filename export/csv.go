package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"

	"treatyline/kb"
)

// The CSV tables' columns. A claim or provision with several pieces of
// evidence has a row for each; qualifiers, labels and aliases are JSON
// objects in their cells, lists of ids are separated by "; ".
var (
	ClaimColumns = []string{"id", "subject", "subject_label", "property", "value_type", "value", "value_label", "calendar", "lang",
		"qualifiers", "status", "rank", "note", "recorded_at", "recorded_by",
		"source", "sha256", "quote", "prefix", "suffix", "start", "end"}
	ProvisionColumns = []string{"id", "treaty", "type", "article", "grantors", "grantees", "objects", "excludes", "limits",
		"amount", "exclusive", "status", "rank", "note", "source", "sha256", "quote", "prefix", "suffix", "start", "end"}
	EntityColumns = []string{"id", "kind", "label", "labels", "aliases", "description", "wikidata", "geometry"}
)

func writeCSV(ctx context.Context, w *bufio.Writer, r Reader, o Options) error {
	cw := csv.NewWriter(w)
	labels := newLabels(ctx, r.Store)
	var err error
	evRows := func(ev []kb.Evidence, head []string) error {
		if len(ev) == 0 {
			ev = []kb.Evidence{{}}
		}
		for _, e := range ev {
			row := append(append([]string{}, head...), e.Source, e.SHA256, e.Quote.Exact, e.Quote.Prefix, e.Quote.Suffix, "", "")
			if e.Source != "" {
				row[len(row)-2], row[len(row)-1] = strconv.Itoa(e.Position.Start), strconv.Itoa(e.Position.End)
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		return nil
	}
	switch o.Table {
	case "", "claims":
		if err := cw.Write(ClaimColumns); err != nil {
			return err
		}
		err = r.eachClaim(ctx, o, func(c kb.Claim) error {
			q := ""
			if len(c.Qualifiers) > 0 {
				b, err := json.Marshal(c.Qualifiers)
				if err != nil {
					return err
				}
				q = string(b)
			}
			v := c.Value
			written := v.Text
			switch v.Type {
			case kb.TEntity:
				written = v.Entity
			case kb.TBool:
				written = strconv.FormatBool(v.Bool)
			}
			return evRows(c.Evidence, []string{c.ID, c.Subject, labels.of(c.Subject), c.Property, string(v.Type), written, labels.of(v.Entity),
				string(v.Calendar), v.Lang, q, string(c.Status), string(c.Rank), c.Note, c.RecordedAt.UTC().Format("2006-01-02T15:04:05.999999999Z07:00"),
				c.RecordedBy})
		})
	case "provisions":
		if err := cw.Write(ProvisionColumns); err != nil {
			return err
		}
		dates, err2 := r.treatyDates(ctx, o)
		if err2 != nil {
			return err2
		}
		err = r.eachProvision(ctx, o, dates, func(p kb.Provision) error {
			amount := ""
			if p.Amount != nil {
				amount = p.Amount.Text
			}
			return evRows(p.Evidence, []string{p.ID, p.Treaty, p.Type, p.Article, ids(p.Grantors), ids(p.Grantees), ids(p.Objects),
				ids(p.Excludes), p.Limits, amount, strconv.FormatBool(p.Exclusive), string(p.Status), string(p.Rank), p.Note})
		})
	case "entities":
		if err := cw.Write(EntityColumns); err != nil {
			return err
		}
		named := newRefs(o)
		if named != nil {
			if err := r.eachClaim(ctx, o, func(c kb.Claim) error { named.claim(c); return nil }); err != nil {
				return err
			}
			if err := r.eachProvision(ctx, o, nil, func(p kb.Provision) error { named.provision(p); return nil }); err != nil {
				return err
			}
		}
		err = r.eachEntity(ctx, o, named, func(e kb.Entity) error {
			lb, _ := json.Marshal(e.Labels)
			al := ""
			if len(e.Aliases) > 0 {
				b, _ := json.Marshal(e.Aliases)
				al = string(b)
			}
			geo := ""
			if e.Geometry != nil {
				geo = string(e.Geometry.GeoJSON)
			}
			return cw.Write([]string{e.ID, string(e.Kind), e.Label("en"), string(lb), al, e.Description, e.Wikidata, geo})
		})
	default:
		return kb.Errorf(kb.EINVALID, "unknown CSV table %q (want claims, provisions or entities)", o.Table)
	}
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func ids(l []string) string { return strings.Join(l, "; ") }
