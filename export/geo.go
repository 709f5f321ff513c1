package export

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"

	"treatyline/engine"
	"treatyline/histdate"
	"treatyline/kb"
)

// placeKinds are the kinds of entity a map can show.
var placeKinds = map[kb.Kind]bool{kb.KindTerritory: true, kb.KindCity: true, kb.KindPort: true, kb.KindRiver: true,
	kb.KindRegion: true, kb.KindRange: true, kb.KindSea: true}

// holding is a span of a territory's holders, with the evidence for it.
type holding struct {
	Holders  []string       `json:"holders"`
	Mode     string         `json:"mode"`
	From     string         `json:"from"`               // at the precision the source gives
	FromDay  string         `json:"from_day,omitempty"` // the day from which it counts
	Until    string         `json:"until,omitempty"`    // the next change, when there is one
	UntilDay string         `json:"until_day,omitempty"`
	Window   *engine.Window `json:"window,omitempty"`
	Note     string         `json:"note,omitempty"`
	Basis    []engine.Basis `json:"basis"`
}

// place is what the geographic formats say of one place.
type place struct {
	e        kb.Entity
	holdings []holding
	on       *engine.TerritoryState
}

// places gives the places to map, with their holdings in the options'
// view: with sources, the territories those sources give a holder.
func (r Reader) places(ctx context.Context, o Options) (func(func(place) error) error, error) {
	ents, err := r.Store.Entities(ctx, "")
	if err != nil {
		return nil, err
	}
	p := engine.Perspective{Sources: o.Sources}
	return func(fn func(place) error) error {
		for _, e := range ents {
			if !placeKinds[e.Kind] {
				continue
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			pl := place{e: e}
			if r.Engine != nil && e.Kind == kb.KindTerritory {
				hist, err := r.Engine.TerritoryHistory(e.ID, p)
				if err == nil {
					for i, h := range hist {
						if o.On != 0 && h.SinceDay > dayISO(o.On) {
							break
						}
						hd := holding{Holders: h.Holders, Mode: h.Mode, From: h.Since, FromDay: h.SinceDay, Window: h.Window, Note: h.Note, Basis: h.Basis}
						if i+1 < len(hist) {
							hd.Until, hd.UntilDay = hist[i+1].Since, hist[i+1].SinceDay
						}
						pl.holdings = append(pl.holdings, hd)
					}
				}
				if o.On != 0 {
					if st, err := r.Engine.Territory(e.ID, o.On, p); err == nil {
						pl.on = &st
					}
				}
			}
			if o.Sources != nil && len(pl.holdings) == 0 {
				continue
			}
			if err := fn(pl); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

func dayISO(j histdate.JDN) string { return histdate.ISO(histdate.Gregorian, j) }

func names(e kb.Entity) []map[string]string {
	var out []map[string]string
	for _, lang := range slices.Sorted(maps.Keys(e.Labels)) {
		out = append(out, map[string]string{"text": e.Labels[lang], "lang": lang})
	}
	for _, a := range e.Aliases {
		m := map[string]string{"text": a.Text}
		if a.Lang != "" {
			m["lang"] = a.Lang
		}
		out = append(out, m)
	}
	return out
}

func geometry(e kb.Entity) json.RawMessage {
	if e.Geometry == nil || len(e.Geometry.GeoJSON) == 0 {
		return json.RawMessage("null")
	}
	return json.RawMessage(e.Geometry.GeoJSON)
}

// writeGeoJSON writes a FeatureCollection (RFC 7946): a feature for every
// place, its geometry or null where none is known, its names with their
// languages, and its holdings, each with the evidence behind it.
func writeGeoJSON(ctx context.Context, w *bufio.Writer, r Reader, o Options) error {
	each, err := r.places(ctx, o)
	if err != nil {
		return err
	}
	ew := &errWriter{w: w}
	ew.printf(`{"type":"FeatureCollection","features":[`)
	err = each(func(p place) error {
		props := map[string]any{"id": p.e.ID, "kind": p.e.Kind, "label": p.e.Label("en"), "names": names(p.e)}
		if p.e.Wikidata != "" {
			props["wikidata"] = p.e.Wikidata
		}
		if p.e.Description != "" {
			props["description"] = p.e.Description
		}
		if p.e.Geometry != nil {
			props["geometry_approximate"] = p.e.Geometry.Approximate
			if p.e.Geometry.Note != "" {
				props["geometry_note"] = p.e.Geometry.Note
			}
		}
		if p.holdings != nil {
			props["holdings"] = p.holdings
		}
		if p.on != nil {
			props["on"] = p.on
		}
		f := struct {
			Type       string          `json:"type"`
			ID         string          `json:"id"`
			Geometry   json.RawMessage `json:"geometry"`
			Properties map[string]any  `json:"properties"`
		}{"Feature", p.e.ID, geometry(p.e), props}
		return ew.element(f)
	})
	if err != nil {
		return err
	}
	ew.printf("\n]}\n")
	return ew.err
}

// LPFContext is the JSON-LD context Linked Places Format documents name.
const LPFContext = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"

// writeLPF writes Linked Places Format 1.2: a GeoJSON-LD FeatureCollection
// whose features carry a title, names with their languages, types, a
// `when` of timespans, relations (a territory held by a polity, "part
// of" the holder, in each span, with citations of the evidence), links to
// Wikidata and descriptions. A citation's @id is the source's IRI with an
// RFC 5147 fragment for the quote's characters.
func writeLPF(ctx context.Context, w *bufio.Writer, r Reader, o Options) error {
	each, err := r.places(ctx, o)
	if err != nil {
		return err
	}
	base := o.base()
	ew := &errWriter{w: w}
	ew.printf(`{"type":"FeatureCollection","@context":%q,"features":[`, LPFContext)
	err = each(func(p place) error {
		f := map[string]any{"@id": base + p.e.ID, "type": "Feature",
			"properties": map[string]any{"title": p.e.Label("en"), "ccodes": []string{}}}
		var toponyms []map[string]any
		for _, nm := range names(p.e) {
			t := map[string]any{"toponym": nm["text"]}
			if l := nm["lang"]; l != "" {
				t["lang"] = l
			}
			toponyms = append(toponyms, t)
		}
		f["names"] = toponyms
		f["types"] = []map[string]any{{"label": string(p.e.Kind)}}
		if p.e.Geometry != nil && len(p.e.Geometry.GeoJSON) > 0 {
			var g map[string]any
			if err := json.Unmarshal(p.e.Geometry.GeoJSON, &g); err == nil {
				if p.e.Geometry.Approximate {
					g["certainty"] = "less-certain"
				} else {
					g["certainty"] = "certain"
				}
				f["geometry"] = map[string]any{"type": "GeometryCollection", "geometries": []any{g}}
			}
		} else {
			f["geometry"] = nil
		}
		var rels []map[string]any
		var spans []map[string]any
		for _, h := range p.holdings {
			span := lpfSpan(h)
			spans = append(spans, span)
			var cites []map[string]string
			for _, b := range h.Basis {
				cites = append(cites, map[string]string{"label": b.Quote,
					"@id": fmt.Sprintf("%ssource/%s#char=%d,%d", base, b.Source, b.Start, b.End)})
			}
			for _, holder := range h.Holders {
				rel := map[string]any{"relationType": "gvp:broaderPartitive", "relationTo": base + holder,
					"label": fmt.Sprintf("held by %s (%s)", holder, h.Mode), "when": map[string]any{"timespans": []any{span}}}
				if len(cites) > 0 {
					rel["citations"] = cites
				}
				rels = append(rels, rel)
			}
		}
		if len(spans) > 0 {
			f["when"] = map[string]any{"timespans": []any{map[string]any{"start": spans[0]["start"]}}}
		}
		if len(rels) > 0 {
			f["relations"] = rels
		}
		if p.e.Wikidata != "" {
			f["links"] = []map[string]string{{"type": "closeMatch", "identifier": "wd:" + p.e.Wikidata}}
		}
		if p.e.Description != "" {
			f["descriptions"] = []map[string]string{{"value": p.e.Description, "lang": "en"}}
		}
		return ew.element(f)
	})
	if err != nil {
		return err
	}
	ew.printf("\n]}\n")
	return ew.err
}

// lpfSpan writes a holding as an LPF timespan: a start "in" its first
// day, or between the earliest and latest of its window; an end "in" the
// next change's day.
func lpfSpan(h holding) map[string]any {
	start := lpfPoint(h.From, h.FromDay)
	if h.Window != nil {
		start = map[string]any{"earliest": h.Window.Earliest, "latest": h.Window.Latest}
	}
	span := map[string]any{"start": start}
	if h.Until != "" || h.UntilDay != "" {
		span["end"] = lpfPoint(h.Until, h.UntilDay)
	}
	return span
}

var (
	plainDate = regexp.MustCompile(`^-?\d{4,}(-\d\d(-\d\d)?)?$`)
	dateRange = regexp.MustCompile(`^(-?\d{4,}(?:-\d\d(?:-\d\d)?)?)/(-?\d{4,}(?:-\d\d(?:-\d\d)?)?)$`)
)

// lpfPoint writes a date as an LPF point: "in" a date at its precision, or
// between an EDTF interval's ends, else "in" the day it counts from.
func lpfPoint(date, day string) map[string]any {
	switch {
	case plainDate.MatchString(date):
		return map[string]any{"in": date}
	case dateRange.MatchString(date):
		m := dateRange.FindStringSubmatch(date)
		return map[string]any{"earliest": m[1], "latest": m[2]}
	case day != "":
		return map[string]any{"in": day}
	}
	return map[string]any{"in": date}
}
