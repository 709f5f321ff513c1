package export

import (
	"bufio"
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"treatyline/histdate"
	"treatyline/kb"
)

// Wikidata's calendar models, as QuickStatements writes them: a time with
// no suffix is in the proleptic Gregorian calendar (Q1985727); "/J" marks
// the Julian calendar (Q1985786).
const (
	GregorianModel = "Q1985727"
	JulianModel    = "Q1985786"
)

// wikidataUnits maps quantity's unit codes to Wikidata items; counts
// (persons, troops, articles, ships) have no unit.
var wikidataUnits = map[string]string{
	"km2": "Q712226", "mi2": "Q232291", "ha": "Q35852", "acre": "Q81292", "km": "Q828224", "mi": "Q253276",
	"persons": "", "troops": "", "ships": "", "articles": "",
}

// writeQuickStatements writes Wikidata QuickStatements (version 1, tab
// separated): for each entity, its statements — on its item where it has
// a Wikidata id, else on an item created for it (CREATE, with its labels,
// aliases and description, then LAST). Only accepted claims are written,
// of properties that map to a Wikidata property and values Wikidata can
// hold: an entity with a Wikidata id, a date (with its precision, in the
// calendar the source dates in: "/J" for Old Style), an exact quantity
// (with its unit). Qualifiers that map are added; every statement is
// referenced by the quotation of its evidence (S1683) and, where the
// source came from a URL, the URL (S854).
func writeQuickStatements(ctx context.Context, w *bufio.Writer, r Reader, o Options) error {
	// The Wikidata ids, for values: only the entities that have one.
	qid := map[string]string{}
	err := r.eachEntity(ctx, Options{}, nil, func(e kb.Entity) error {
		if e.Wikidata != "" {
			qid[e.ID] = e.Wikidata
		}
		return nil
	})
	if err != nil {
		return err
	}
	srcs, err := r.Store.Sources(ctx)
	if err != nil {
		return err
	}
	origin, lang := map[string]string{}, map[string]string{}
	for _, s := range srcs {
		origin[s.ID], lang[s.ID] = s.Origin, s.Language
	}
	stream, _ := r.Store.(kb.Streamer)
	ew := &errWriter{w: w}
	return r.eachEntity(ctx, Options{}, nil, func(e kb.Entity) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		var lines []string
		add := func(c kb.Claim) error {
			if c.Status != kb.Accepted || c.Rank == kb.Deprecated || !o.keepEvidence(c.Evidence) || !o.keepDates(c) {
				return nil
			}
			if l, ok := qsStatement(c, qid, origin, lang); ok {
				lines = append(lines, l)
			}
			return nil
		}
		f := kb.ClaimFilter{Subject: e.ID, Status: kb.Accepted}
		if stream != nil {
			err = stream.EachClaim(ctx, f, add)
		} else {
			var cs []kb.Claim
			if cs, err = r.Store.Claims(ctx, f); err == nil {
				for _, c := range cs {
					add(c)
				}
			}
		}
		if err != nil {
			return err
		}
		if len(lines) == 0 {
			return nil
		}
		subject := qid[e.ID]
		if subject == "" {
			subject = "LAST"
			ew.printf("CREATE\n")
			for _, l := range slices.Sorted(maps.Keys(e.Labels)) {
				ew.printf("LAST\tL%s\t%s\n", l, qsString(e.Labels[l]))
			}
			for _, a := range e.Aliases {
				if a.Lang != "" {
					ew.printf("LAST\tA%s\t%s\n", a.Lang, qsString(a.Text))
				}
			}
			if e.Description != "" {
				ew.printf("LAST\tDen\t%s\n", qsString(e.Description))
			}
		}
		for _, l := range lines {
			ew.printf("%s\t%s\n", subject, l)
		}
		return ew.err
	})
}

// qsStatement gives a claim as the part of a QuickStatements line after
// the subject, or false when Wikidata cannot hold it.
func qsStatement(c kb.Claim, qid, origin, lang map[string]string) (string, bool) {
	p := kb.Properties[c.Property]
	if !strings.HasPrefix(p.Wikidata, "P") {
		return "", false
	}
	v, ok := qsValue(c.Value, qid)
	if !ok {
		return "", false
	}
	parts := []string{p.Wikidata, v}
	for _, name := range slices.Sorted(maps.Keys(c.Qualifiers)) {
		q := kb.Qualifiers[name]
		if !strings.HasPrefix(q.Wikidata, "P") {
			continue
		}
		if qv, ok := qsValue(c.Qualifiers[name], qid); ok {
			parts = append(parts, q.Wikidata, qv)
		}
	}
	for i, e := range c.Evidence {
		if i > 0 {
			break // one reference group: QuickStatements v1 gives a line one
		}
		l := lang[e.Source]
		if l == "" || strings.ContainsAny(l, " \t") {
			l = "und"
		}
		parts = append(parts, "S1683", l+":"+qsString(e.Quote.Exact))
		if o := origin[e.Source]; strings.HasPrefix(o, "http://") || strings.HasPrefix(o, "https://") {
			parts = append(parts, "S854", qsString(o))
		}
	}
	return strings.Join(parts, "\t"), true
}

// qsValue writes a value in QuickStatements' syntax.
func qsValue(v kb.Value, qid map[string]string) (string, bool) {
	switch v.Type {
	case kb.TEntity:
		q, ok := qid[v.Entity]
		return q, ok
	case kb.TDate:
		d, err := v.Date()
		if err != nil {
			return "", false
		}
		return QSTime(d)
	case kb.TQuantity:
		q, err := v.Quantity()
		if err != nil || q.Min != q.Value || q.Max != q.Value || math.IsInf(q.Value, 0) {
			return "", false
		}
		unit, ok := wikidataUnits[q.Unit]
		if !ok {
			return "", false
		}
		s := strconv.FormatFloat(q.Value, 'f', -1, 64)
		if unit != "" {
			s += "U" + strings.TrimPrefix(unit, "Q")
		}
		return s, true
	}
	return "", false
}

// QSTime writes a date as a QuickStatements time: "+1858-05-28T00:00:00Z/11"
// with Wikidata's precision (11 day, 10 month, 9 year, 8 decade, 7
// century), in the Julian calendar with "/J" when the source dates Old
// Style, else in the Gregorian. A Chinese date is written as the Gregorian
// day it names. Intervals and open dates give false.
func QSTime(d histdate.Date) (string, bool) {
	if d.Interval || d.From.Open || d.Earliest() == histdate.MinJDN || d.Latest() == histdate.MaxJDN {
		return "", false
	}
	cal := d.Calendar
	if cal != histdate.Julian && cal != histdate.Gregorian {
		if !d.IsDay() {
			return "", false
		}
		d = d.InCalendar(histdate.Gregorian)
		cal = histdate.Gregorian
		if d.Interval {
			return "", false
		}
	}
	pt := d.From
	var prec int
	y, m, day := pt.Year, pt.Month, pt.Day
	switch pt.Precision {
	case histdate.Day:
		prec = 11
	case histdate.Month:
		prec, day = 10, 0
	case histdate.Year:
		prec, m, day = 9, 0, 0
	case histdate.Decade:
		prec, m, day = 8, 0, 0
	case histdate.Century:
		// Wikidata writes a century by a year in it: the 19th century as 1801–1900.
		prec, m, day = 7, 0, 0
		y++
	default:
		return "", false
	}
	sign := "+"
	if y < 0 {
		sign, y = "-", -y
	}
	s := fmt.Sprintf("%s%04d-%02d-%02dT00:00:00Z/%d", sign, y, m, day, prec)
	if cal == histdate.Julian {
		s += "/J"
	}
	return s, true
}

// qsString quotes a string for QuickStatements, which has no escapes:
// double quotes become single ones, tabs and line breaks spaces, and a
// text longer than Wikidata's 1,500 characters is cut.
func qsString(s string) string {
	s = strings.NewReplacer(`"`, `'`, "\t", " ", "\r", " ", "\n", " ").Replace(s)
	if utf8.RuneCountInString(s) > 1500 {
		s = string([]rune(s)[:1499]) + "…"
	}
	return `"` + s + `"`
}
