package main

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"treatyline/engine"
	"treatyline/internal/gold"
	"treatyline/internal/report"
	"treatyline/kb"
)

// AsofScore is how many of a gold file's asof: territory lines the engine
// answers right (holder, mode, basis treaty, with evidence), after every
// candidate at the default threshold is accepted.
type AsofScore struct {
	Expected int      `json:"expected"`
	Right    int      `json:"right"`
	Accuracy float64  `json:"accuracy"`
	Wrong    []string `json:"wrong"`
	// Accepted is what accepting every candidate did before scoring.
	Accepted kb.AcceptCounts `json:"accepted"`
}

// nameMatch is the least search score at which a gold name is taken to
// name an entity of the store (kb.Index: 1 the same name, 0.95 the same
// when loosely folded).
const nameMatch = 0.85

// asofScorer resolves the names of a gold file's asof: lines in a store
// and checks the engine's answers.
type asofScorer struct {
	eng        *engine.Engine
	index      *kb.Index
	kinds      map[string]kb.Kind
	linked     map[string]string // same_entity key -> entity
	provTreaty map[string]string // provision -> treaty
}

// scoreAsof accepts every candidate at the default threshold and scores
// the asof: lines that name a territory.
func scoreAsof(ctx context.Context, st kb.Store, seeds *gold.Seeds, linked map[string]string) (AsofScore, error) {
	var out AsofScore
	n, err := st.AcceptAll(ctx, kb.DefaultMinConfidence, "eval", timeNow())
	if err != nil {
		return out, err
	}
	out.Accepted = n
	eng, err := report.LoadEngine(ctx, st)
	if err != nil {
		return out, err
	}
	ents, err := st.Entities(ctx, "")
	if err != nil {
		return out, err
	}
	provs, err := st.Provisions(ctx, "")
	if err != nil {
		return out, err
	}
	sc := asofScorer{eng: eng, index: kb.NewIndex(ents), kinds: map[string]kb.Kind{}, linked: linked, provTreaty: map[string]string{}}
	for _, e := range ents {
		sc.kinds[e.ID] = e.Kind
	}
	for _, p := range provs {
		sc.provTreaty[p.ID] = p.Treaty
	}
	for i, line := range seeds.Asof {
		if line.Territory == "" {
			continue // a right: not scored yet
		}
		out.Expected++
		if why := sc.check(line); why != "" {
			out.Wrong = append(out.Wrong, fmt.Sprintf("asof[%d] %s %q: %s", i, line.Date, line.Territory, why))
			continue
		}
		out.Right++
	}
	if out.Expected > 0 {
		out.Accuracy = float64(out.Right) / float64(out.Expected)
	}
	out.Wrong = nonNilStrings(out.Wrong)
	return out, nil
}

// check gives "" when the engine answers a line right, else what is wrong.
func (sc *asofScorer) check(line gold.Asof) string {
	terr := sc.resolve(line.Territory, placeKinds)
	if terr == "" {
		// A land may be named as its state is ("Norway" ceded).
		terr = sc.resolve(line.Territory, []kb.Kind{kb.KindPolity})
	}
	if terr == "" {
		return "no entity of the store is named so"
	}
	day, err := report.ReadDay(line.Date)
	if err != nil {
		return "date: " + err.Error()
	}
	var p engine.Perspective
	if line.Perspective != "" {
		party := sc.resolve(line.Perspective, []kb.Kind{kb.KindPolity})
		if party == "" {
			return fmt.Sprintf("perspective %q names no polity of the store", line.Perspective)
		}
		if p, err = sc.eng.ParsePerspective(party, nil); err != nil {
			return "perspective: " + err.Error()
		}
	}
	got, err := sc.eng.Territory(terr, day, p)
	if err != nil {
		return fmt.Sprintf("%s: %v", terr, err)
	}
	names, mode := readHolder(line)
	var want []string
	for _, n := range names {
		id := sc.resolve(n, []kb.Kind{kb.KindPolity})
		if id == "" {
			return fmt.Sprintf("holder %q names no polity of the store", n)
		}
		want = append(want, id)
	}
	sort.Strings(want)
	have := slices.Clone(got.Holders)
	sort.Strings(have)
	if !slices.Equal(want, have) {
		return fmt.Sprintf("%s held by %v, want %v", terr, have, want)
	}
	if mode != "" && got.Mode != mode {
		return fmt.Sprintf("%s held %s, want %s", terr, got.Mode, mode)
	}
	quoted := false
	treaties := map[string]bool{}
	for _, b := range got.Basis {
		if b.Quote != "" {
			quoted = true
		}
		if t := sc.provTreaty[b.Provision]; t != "" {
			treaties[t] = true
		}
	}
	if !quoted {
		return fmt.Sprintf("%s: no evidence behind the answer", terr)
	}
	basis := strings.TrimSpace(line.Basis)
	switch {
	case basis == "":
	case strings.Contains(strings.ToLower(basis), "no treaty"):
		if len(treaties) > 0 {
			return fmt.Sprintf("%s rests on %v; want no treaty", terr, sortedSet(treaties))
		}
	default:
		t := sc.resolve(basis, []kb.Kind{kb.KindTreaty})
		if t == "" {
			return fmt.Sprintf("basis %q names no treaty of the store", basis)
		}
		if !treaties[t] {
			return fmt.Sprintf("%s rests on %v; want %s", terr, sortedSet(treaties), t)
		}
	}
	return ""
}

var placeKinds = []kb.Kind{kb.KindTerritory, kb.KindRegion, kb.KindCity, kb.KindPort, kb.KindRiver, kb.KindSea, kb.KindRange}

// bracket is a trailing remark in brackets: "Ili valley (upper)".
var bracket = regexp.MustCompile(`\s*\([^()]*\)\s*$`)

// resolve finds the entity a gold name means: a same_entity key's linked
// entity, else the best match of the store's entities of those kinds by
// the name (underscores as spaces, a leading "treaty_" dropped), tried
// again without a bracketed remark at its end, and for a treaty as "Treaty
// of <name>".
func (sc *asofScorer) resolve(name string, kinds []kb.Kind) string {
	if id := sc.linked[name]; id != "" {
		if e, ok := sc.eng.Entity(id); ok && slices.Contains(kinds, e.Kind) {
			return id
		}
	}
	n := strings.ReplaceAll(name, "_", " ")
	if strings.HasPrefix(n, "treaty ") && slices.Contains(kinds, kb.KindTreaty) {
		n = strings.TrimPrefix(n, "treaty ")
	}
	queries := []string{n, bracket.ReplaceAllString(n, "")}
	if slices.Contains(kinds, kb.KindTreaty) {
		// A treaty is named after its place: "kiel" is the Treaty of Kiel.
		queries = append(queries, "Treaty of "+n)
	}
	for _, q := range queries {
		for _, r := range sc.index.Search(q, 10) {
			if r.Score >= nameMatch && slices.Contains(kinds, sc.kinds[r.ID]) {
				return r.ID
			}
		}
	}
	return ""
}

// readHolder reads a line's holders and mode: holders: as listed, or
// holder: split at "+", ",", " and ", "&", with the words "jointly",
// "joint", "together" taken as the mode; a bracket at the end says the mode
// too ("(condominium)", "(occupation since 1871)"). mode: wins over both.
// With no word for it, one holder is sole and more are joint.
func readHolder(line gold.Asof) ([]string, string) {
	mode := ""
	var names []string
	if len(line.Holders) > 0 {
		names = line.Holders
	} else {
		text := line.Holder
		if i := strings.Index(text, "("); i >= 0 {
			remark := strings.ToLower(text[i:])
			text = text[:i]
			switch {
			case strings.Contains(remark, "occup"):
				mode = "occupied"
			case strings.Contains(remark, "condominium"), strings.Contains(remark, "joint"):
				mode = "joint"
			case strings.Contains(remark, "disput"):
				mode = "disputed"
			}
		}
		for _, w := range []string{" jointly", " joint", " together"} {
			if strings.Contains(text, w) {
				text = strings.ReplaceAll(text, w, "")
				mode = "joint"
			}
		}
		for _, part := range regexp.MustCompile(`\s*(?:\+|,|&|\band\b)\s*`).Split(text, -1) {
			if part = strings.TrimSpace(part); part != "" {
				names = append(names, part)
			}
		}
	}
	if line.Mode != "" {
		mode = line.Mode
	}
	if mode == "" {
		mode = "sole"
		if len(names) > 1 {
			mode = "joint"
		}
	}
	return names, mode
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// timeNow is the clock eval records its acceptances by.
var timeNow = time.Now
