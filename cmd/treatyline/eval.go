package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"treatyline/data"
	"treatyline/extract"
	"treatyline/histdate"
	"treatyline/ingest"
	"treatyline/internal/gold"
	"treatyline/internal/report"
	"treatyline/kb"
	"treatyline/quantity"
	"treatyline/reconcile"
	"treatyline/store/sqlite"
)

// evalCommand scores ingest against a gold file.
type evalCommand struct{}

func (*evalCommand) Summary() string {
	return "score ingest and reconciliation against a gold file of annotated documents"
}

// Score is precision, recall and F1 over listed mentions.
type Score struct {
	Precision float64  `json:"precision"`
	Recall    float64  `json:"recall"`
	F1        float64  `json:"f1"`
	Listed    int      `json:"listed"`
	Right     int      `json:"right"`
	Missing   []string `json:"missing"`
}

// EvalReport is what eval measures.
type EvalReport struct {
	Dates      Score `json:"dates"`
	Quantities Score `json:"quantities"`
	Entities   struct {
		Accuracy float64  `json:"accuracy"`
		Forms    int      `json:"forms"`
		Wrong    []string `json:"wrong"`
	} `json:"entities"`
	Reconcile struct {
		Expected int      `json:"expected"`
		Found    int      `json:"found"`
		Missing  []string `json:"missing"`
	} `json:"reconcile"`
	// Asof is scored with --empty, after every candidate at the default
	// threshold is accepted.
	Asof *AsofScore `json:"asof,omitempty"`
}

func (c *evalCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "eval", "--gold FILE --corpus DIR [--empty]", `Ingests the documents of a corpus into a scratch store that holds only the knowledge base's
entities (no claims), and scores the result against a gold file (the form of
shared/gold/seeds.yaml; see docs/gold-format.md): dates (span, value and calendar), quantities
(span and value), entity links of the same_entity forms, and each expectation under reconcile:.
With --empty the scratch store holds nothing at all, as treatyline init --empty makes it: every
entity must be discovered from the documents (a same_entity group's forms must link to one
entity); then every candidate at the default confidence is accepted, as review --accept-all
does, and the asof: lines are scored (holder, mode and basis treaty of each territory, found by
its name, with evidence). Exits with status 1 when a score is below its threshold.`)
	goldPath := fs.String("gold", "", "the gold file")
	corpus := fs.String("corpus", "", "the folder of the documents the gold file annotates")
	minDate := fs.Float64("min-date-f1", 0.9, "lowest acceptable F1 for dates")
	minQty := fs.Float64("min-quantity-f1", 0.9, "lowest acceptable F1 for quantities")
	minEnt := fs.Float64("min-entity-accuracy", 0.95, "lowest acceptable entity-linking accuracy")
	needRec := fs.Bool("require-reconcile", true, "fail unless every reconcile expectation is found")
	empty := fs.Bool("empty", false, "ingest into a store with no bundled knowledge, then accept and score the asof: lines")
	minAsof := fs.Float64("min-asof", 0.9, "--empty: lowest acceptable share of asof: lines right")
	asJSON := jsonFlags(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *goldPath == "" || *corpus == "" || len(rest) > 0 {
		return &inputError{errors.New("give --gold FILE and --corpus DIR")}
	}
	seeds, err := gold.Load(*goldPath)
	if err != nil {
		return &inputError{err}
	}
	rep, err := evaluate(ctx, seeds, *corpus, *empty)
	if err != nil {
		return err
	}
	if asJSON.on() {
		if err := asJSON.write(m.Stdout, rep); err != nil {
			return err
		}
	} else {
		printEval(m, rep)
	}
	var fails []string
	// A section the gold file leaves empty scores nothing and fails nothing.
	if rep.Dates.Listed > 0 && rep.Dates.F1 < *minDate {
		fails = append(fails, fmt.Sprintf("date F1 %.3f < %.2f", rep.Dates.F1, *minDate))
	}
	if rep.Quantities.Listed > 0 && rep.Quantities.F1 < *minQty {
		fails = append(fails, fmt.Sprintf("quantity F1 %.3f < %.2f", rep.Quantities.F1, *minQty))
	}
	if rep.Entities.Forms > 0 && rep.Entities.Accuracy < *minEnt {
		fails = append(fails, fmt.Sprintf("entity accuracy %.3f < %.2f", rep.Entities.Accuracy, *minEnt))
	}
	if *needRec && rep.Reconcile.Found < rep.Reconcile.Expected {
		fails = append(fails, fmt.Sprintf("%d of %d reconcile expectations found", rep.Reconcile.Found, rep.Reconcile.Expected))
	}
	if rep.Asof != nil && rep.Asof.Expected > 0 && rep.Asof.Accuracy < *minAsof {
		fails = append(fails, fmt.Sprintf("asof accuracy %.3f < %.2f", rep.Asof.Accuracy, *minAsof))
	}
	if len(fails) > 0 {
		return fmt.Errorf("below threshold: %s", strings.Join(fails, "; "))
	}
	return nil
}

func printEval(m *Main, r EvalReport) {
	w := m.Stdout
	fmt.Fprintf(w, "%-12s %9s %7s %7s %s\n", "", "precision", "recall", "F1", "right/listed")
	for _, row := range []struct {
		name string
		s    Score
	}{{"dates", r.Dates}, {"quantities", r.Quantities}} {
		fmt.Fprintf(w, "%-12s %9.3f %7.3f %7.3f %d/%d\n", row.name, row.s.Precision, row.s.Recall, row.s.F1, row.s.Right, row.s.Listed)
		for _, miss := range row.s.Missing {
			fmt.Fprintf(w, "    missed: %s\n", miss)
		}
	}
	fmt.Fprintf(w, "%-12s accuracy %.3f over %d forms\n", "entities", r.Entities.Accuracy, r.Entities.Forms)
	for _, x := range r.Entities.Wrong {
		fmt.Fprintf(w, "    wrong: %s\n", x)
	}
	fmt.Fprintf(w, "%-12s %d of %d expectations found\n", "reconcile", r.Reconcile.Found, r.Reconcile.Expected)
	for _, x := range r.Reconcile.Missing {
		fmt.Fprintf(w, "    missing: %s\n", x)
	}
	if a := r.Asof; a != nil {
		fmt.Fprintf(w, "%-12s %d of %d lines right (accuracy %.3f), after accepting %d entities, %d claims, %d provisions\n",
			"asof", a.Right, a.Expected, a.Accuracy, a.Accepted.Entities, a.Accepted.Claims, a.Accepted.Provisions)
		for _, x := range a.Wrong {
			fmt.Fprintf(w, "    wrong: %s\n", x)
		}
	}
}

// evaluate ingests a corpus into a scratch store and scores it: a store
// holding the bundled entities, or with empty one holding nothing.
func evaluate(ctx context.Context, seeds *gold.Seeds, corpusDir string, empty bool) (EvalReport, error) {
	var rep EvalReport
	dir, err := os.MkdirTemp("", "treatyline-eval-")
	if err != nil {
		return rep, err
	}
	defer os.RemoveAll(dir)
	st, err := sqlite.Open(ctx, filepath.Join(dir, "eval.db"))
	if err != nil {
		return rep, err
	}
	defer st.Close()
	var known []kb.Entity
	if empty {
		if err := report.InitStore(ctx, st, true); err != nil {
			return rep, err
		}
	} else {
		b, err := kb.Load(data.FS, "data")
		if err != nil {
			return rep, err
		}
		if err := st.Apply(ctx, kb.Batch{Entities: b.Entities}); err != nil {
			return rep, err
		}
		known = b.Entities
	}
	in, err := ingest.New(ctx, st)
	if err != nil {
		return rep, err
	}
	in.Keep = true // scored against every mention
	paths, errs := ingest.Walk([]string{corpusDir})
	if len(errs) > 0 {
		return rep, &inputError{errs[0]}
	}
	var files []ingest.File
	for _, p := range paths {
		files = append(files, ingest.File{Path: p, Language: seeds.Sources[ingest.IDOf(p)].Language})
	}
	results := map[string]extract.Result{}
	texts := map[string]string{}
	err = in.Files(ctx, files, false, func(r ingest.Report) error {
		if r.Err != nil {
			return nil
		}
		src, err := st.Source(ctx, r.Result.Source)
		if err != nil {
			return err
		}
		results[src.ID], texts[src.ID] = r.Result, src.Text
		return nil
	})
	if err != nil {
		return rep, domainError(err)
	}
	rep.Dates = scoreDates(seeds, results, texts)
	rep.Quantities = scoreQuantities(seeds, results, texts)
	linked := scoreEntities(seeds, results, texts, &rep)
	claims, err := st.Claims(ctx, kb.ClaimFilter{Status: kb.Candidate})
	if err != nil {
		return rep, err
	}
	if empty {
		// The entities are those ingest discovered.
		if known, err = st.Entities(ctx, ""); err != nil {
			return rep, err
		}
	}
	scoreReconcile(seeds, claims, linked, known, &rep)
	if empty {
		a, err := scoreAsof(ctx, st, seeds, linked)
		if err != nil {
			return rep, err
		}
		rep.Asof = &a
	}
	return rep, nil
}

// span finds the first occurrence of written in text, in code points.
func span(text, written string) (int, int, bool) {
	i := strings.Index(text, written)
	if i < 0 {
		return 0, 0, false
	}
	s := utf8.RuneCountInString(text[:i])
	return s, s + utf8.RuneCountInString(written), true
}

func f1(right, found, listed int) Score {
	s := Score{Listed: listed, Right: right}
	if found > 0 {
		s.Precision = float64(right) / float64(found)
	}
	if listed > 0 {
		s.Recall = float64(right) / float64(listed)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// dateRight tells whether a reading meets a gold date: its figures as
// written, and its calendar.
func dateRight(d histdate.Date, g gold.Date) bool {
	figures := strings.TrimSuffix(strings.TrimSuffix(d.String(), " (julian)"), " (gregorian)")
	switch {
	case strings.HasPrefix(g.Calendar, "dual"):
		return d.Alternate != nil && histdate.ISO(histdate.Gregorian, d.Earliest()) == g.Value
	case g.Calendar == "julian":
		return d.Calendar == histdate.Julian && figures == g.Value
	case g.Calendar == "chinese":
		// A Chinese date's figures are its era's; the gold gives the day.
		return d.Calendar == histdate.Chinese && histdate.ISO(histdate.Gregorian, d.Earliest()) == g.Value &&
			d.Earliest() == d.Latest()
	}
	return d.Calendar == histdate.Gregorian && strings.ReplaceAll(figures, "/", "/") == g.Value
}

// scoreDates: recall over the listed dates; precision as the share of
// found mentions overlapping a listed span whose reading is right.
func scoreDates(seeds *gold.Seeds, results map[string]extract.Result, texts map[string]string) Score {
	right, overlapping := 0, 0
	var missing []string
	for _, g := range seeds.Dates {
		start, end, ok := span(texts[g.Source], g.Written)
		if !ok {
			missing = append(missing, fmt.Sprintf("%s %q: not in the document", g.Source, g.Written))
			continue
		}
		hit, both := false, ""
		for _, m := range results[g.Source].Dates {
			if m.End <= start || m.Start >= end {
				continue
			}
			overlapping++
			if m.Start == start && m.End == end && !m.Incomplete && dateRight(m.Date, g) {
				hit = true
			}
			// A style-open date whose other reading is the gold's is not
			// counted right (the reading chosen is not), but said.
			if o := m.Date.OtherReading; o != nil && m.Start == start && m.End == end && dateRight(*o, g) {
				both = fmt.Sprintf(": kept with both readings, %s (Gregorian %s) or %s (Gregorian %s), since %s",
					m.Date.Calendar, histdate.ISO(histdate.Gregorian, m.Date.Earliest()), o.Calendar,
					histdate.ISO(histdate.Gregorian, o.Earliest()), m.Date.OtherReadingWhy)
			}
		}
		if hit {
			right++
		} else {
			missing = append(missing, fmt.Sprintf("%s %q (%s %s)%s", g.Source, g.Written, g.Value, g.Calendar, both))
		}
	}
	s := f1(right, overlapping, len(seeds.Dates))
	s.Missing = nonNilStrings(missing)
	return s
}

func scoreQuantities(seeds *gold.Seeds, results map[string]extract.Result, texts map[string]string) Score {
	right, overlapping := 0, 0
	var missing []string
	for _, g := range seeds.Quantities {
		start, end, ok := span(texts[g.Source], g.Written)
		want, err := quantity.ParseExpectation(g.Value)
		if !ok || err != nil {
			missing = append(missing, fmt.Sprintf("%s %q: cannot score (%v)", g.Source, g.Written, err))
			continue
		}
		hit := false
		for _, m := range results[g.Source].Quantities {
			if m.End <= start || m.Start >= end {
				continue
			}
			overlapping++
			if m.Start == start && m.End == end && want.Check(m.Quantity) == "" {
				hit = true
			}
		}
		if hit {
			right++
		} else {
			missing = append(missing, fmt.Sprintf("%s %q (%s)", g.Source, g.Written, g.Value))
		}
	}
	s := f1(right, overlapping, len(seeds.Quantities))
	s.Missing = nonNilStrings(missing)
	return s
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// scoreEntities links each same_entity form at its first occurrence in
// the corpus; a group's entity is the one most of its forms link to. It
// returns the entity of each group.
func scoreEntities(seeds *gold.Seeds, results map[string]extract.Result, texts map[string]string, rep *EvalReport) map[string]string {
	ids := make([]string, 0, len(texts))
	for id := range texts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	groups := make([]string, 0, len(seeds.SameEntity))
	for g := range seeds.SameEntity {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	linked := map[string]string{}
	right, total := 0, 0
	var wrong []string
	for _, g := range groups {
		links := map[string]string{}
		votes := map[string]int{}
		for _, form := range seeds.SameEntity[g] {
			total++
			if e, ok := linkForm(form, ids, results, texts); ok {
				links[form] = e
				votes[e]++
			}
		}
		best := ""
		for e, n := range votes {
			if best == "" || n > votes[best] || n == votes[best] && e < best {
				best = e
			}
		}
		linked[g] = best
		for _, form := range seeds.SameEntity[g] {
			if links[form] == best && best != "" {
				right++
			} else {
				wrong = append(wrong, fmt.Sprintf("%s: %q linked to %q, the group to %q", g, form, links[form], best))
			}
		}
	}
	if total > 0 {
		rep.Entities.Accuracy = float64(right) / float64(total)
	}
	rep.Entities.Forms = total
	rep.Entities.Wrong = nonNilStrings(wrong)
	return linked
}

// linkForm finds what ingest linked a surface form to: at the first
// occurrence in the corpus where a name found starts and ends exactly on
// the form, else at its first occurrence under a longer name.
func linkForm(form string, ids []string, results map[string]extract.Result, texts map[string]string) (string, bool) {
	fallback := ""
	for _, id := range ids {
		text := texts[id]
		for off := 0; ; {
			i := strings.Index(text[off:], form)
			if i < 0 {
				break
			}
			start := utf8.RuneCountInString(text[:off+i])
			end := start + utf8.RuneCountInString(form)
			for _, m := range results[id].Entities {
				if m.Start == start && m.End == end {
					return m.Entity, true
				}
				if m.Start > start || m.End < end {
					continue
				}
				// The form inside a longer name: the gazetteer reads the
				// names inside it too ("Heilongjiang River" in "the
				// Sixty-Four Villages East of the Heilongjiang River").
				for _, in := range m.Inner {
					if in.Start == start && in.End == end {
						return in.Entity, true
					}
				}
				if fallback == "" {
					fallback = m.Entity
				}
			}
			off += i + len(form)
		}
	}
	return fallback, fallback != ""
}

// propertyWords maps the words gold files use for what a claim says to
// vocabulary properties, where the words are not the property's own.
var propertyWords = map[string]string{"force": "troops", "army": "troops", "troops": "troops", "ratified": "ratified",
	"refused": "ratified", "signed": "signed", "signing": "signed"}

// scoreReconcile looks for each expectation among the groups of the
// ingested claims. A gold claim is written "<entity> <property words>":
// the entity a same_entity group name or a name to search for
// ("treaty_kyakhta"), the property in its own words ("area ceded") or in
// common ones ("force").
func scoreReconcile(seeds *gold.Seeds, claims []kb.Claim, linked map[string]string, entities []kb.Entity, rep *EvalReport) {
	groups := reconcile.Groups(claims)
	ix := kb.NewIndex(entities)
	kinds := map[string]kb.Kind{}
	for _, e := range entities {
		kinds[e.ID] = e.Kind
	}
	check := func(class reconcile.Class, exps []gold.Expectation) {
		for _, e := range exps {
			rep.Reconcile.Expected++
			words := strings.Fields(e.Claim)
			subject := linked[words[0]]
			if subject == "" {
				name := strings.ReplaceAll(words[0], "_", " ")
				wantTreaty := strings.HasPrefix(name, "treaty ")
				name = strings.TrimPrefix(name, "treaty ")
				for _, r := range ix.Search(name, 5) {
					if !wantTreaty || kinds[r.ID] == kb.KindTreaty {
						subject = r.ID
						break
					}
				}
				if !strings.HasPrefix(words[0], "treaty_") && len(words) > 1 {
					if _, known := linked[words[0]]; !known {
						subject = "" // "russian force": no entity to hold to
					}
				}
			}
			prop := ""
			rest := words[1:]
			for n := len(rest); n > 0 && prop == ""; n-- {
				if _, ok := kb.Properties[strings.Join(rest[:n], "_")]; ok {
					prop = strings.Join(rest[:n], "_")
				}
			}
			for _, w := range rest {
				if p, ok := propertyWords[w]; ok && prop == "" {
					prop = p
				}
			}
			found := false
			for _, g := range groups {
				if g.Property != prop || subject != "" && g.Subject != subject || g.Class != class {
					continue
				}
				if groupHasSources(g, e.Values) {
					found = true
					break
				}
			}
			if found {
				rep.Reconcile.Found++
			} else {
				rep.Reconcile.Missing = append(rep.Reconcile.Missing, fmt.Sprintf("%s: %s (%s %s)", class, e.Claim, subject, prop))
			}
		}
	}
	check(reconcile.AgreeAfterNormalisation, seeds.Reconcile.AgreeAfterNormalisation)
	check(reconcile.Compatible, seeds.Reconcile.Compatible)
	check(reconcile.Conflict, seeds.Reconcile.Conflict)
	rep.Reconcile.Missing = nonNilStrings(rep.Reconcile.Missing)
}

// groupHasSources checks that every source a gold value names ("(001,
// 004)") evidences a member of the group.
func groupHasSources(g reconcile.Group, values []string) bool {
	have := map[string]bool{}
	for _, m := range g.Members {
		for _, s := range m.Sources {
			if i := strings.Index(s, "_"); i > 0 {
				have[s[:i]] = true
			}
			have[s] = true
		}
	}
	for _, v := range values {
		i, j := strings.Index(v, "("), strings.LastIndex(v, ")")
		if i < 0 || j < i {
			continue
		}
		for _, s := range strings.Split(v[i+1:j], ",") {
			s = strings.TrimSpace(s)
			if strings.HasPrefix(s, "'") || strings.HasPrefix(s, "\"") {
				continue // a quotation beside the source, not a source
			}
			if k := strings.IndexAny(s, " '"); k > 0 {
				s = s[:k]
			}
			if s != "" && !have[s] {
				return false
			}
		}
	}
	return true
}
