package engine_test

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"treatyline/data"
	"treatyline/engine"
	"treatyline/histdate"
	"treatyline/kb"
)

// sweepPerspectives gives every perspective the sweep looks from: the
// consensus, each party, each single source and a few pairs of sources.
func sweepPerspectives(t *testing.T, e *engine.Engine, b *kb.Bundle) []engine.Perspective {
	t.Helper()
	var out []engine.Perspective
	add := func(party string, sources []string) {
		p, err := e.ParsePerspective(party, sources)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	add("", nil)
	for _, en := range b.Entities {
		if en.Kind == kb.KindPolity {
			add(en.ID, nil)
		}
	}
	var ids []string
	for _, s := range b.Sources {
		ids = append(ids, s.ID)
		add("", []string{s.ID})
	}
	sort.Strings(ids)
	for i := 0; i+1 < len(ids); i++ {
		add("", []string{ids[i], ids[i+1]})
	}
	add("polity/qing", []string{ids[1], ids[3]})
	return out
}

// sweepDays gives every day on which anything in the knowledge base can
// change (the first and last day of every date a claim gives, as value or
// qualifier), and the days either side.
func sweepDays(b *kb.Bundle) []histdate.JDN {
	seen := map[histdate.JDN]bool{}
	add := func(v kb.Value) {
		if v.Type != kb.TDate {
			return
		}
		d, err := v.Date()
		if err != nil {
			return
		}
		for _, j := range []histdate.JDN{d.Earliest(), d.Latest()} {
			if j == histdate.MinJDN || j == histdate.MaxJDN {
				continue
			}
			seen[j-1], seen[j], seen[j+1] = true, true, true
		}
	}
	for _, c := range b.Claims {
		add(c.Value)
		for _, q := range c.Qualifiers {
			add(q)
		}
	}
	out := make([]histdate.JDN, 0, len(seen))
	for j := range seen {
		out = append(out, j)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

var idPattern = regexp.MustCompile(`\b(treaty|provision)/[a-z0-9-]+(/[a-z0-9-]+)?`)

// TestSweepEveryAnswer computes the whole bundled knowledge base from every
// perspective on every day where anything changes and the days either
// side, and checks that each answer is true on its day and in its view:
// nothing in it (basis, details, notes, rights, statuses) rests on or
// names a treaty, provision or act not yet dated by that day; a view of
// chosen sources cites only them; every holder, right and status has
// evidence from the view's sources, from accepted claims only; and no
// territory is unknown on a day some claim of the view covers.
func TestSweepEveryAnswer(t *testing.T) {
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	e := engine.New(b.Entities, b.Claims, b.Provisions)
	claims := map[string]kb.Claim{}
	for _, c := range b.Claims {
		claims[c.ID] = c
	}
	provisions := map[string]kb.Provision{}
	for _, p := range b.Provisions {
		provisions[p.ID] = p
	}
	days := sweepDays(b)
	persp := sweepPerspectives(t, e, b)
	if len(days) < 100 || len(persp) < 10 {
		t.Fatalf("the sweep covers %d days and %d perspectives: the knowledge base did not load as expected", len(days), len(persp))
	}
	answers, failures := 0, 0
	for _, p := range persp {
		cover := coverage(e, b, p)
		for _, day := range days {
			st := e.AsOf(day, p)
			answers++
			where := fmt.Sprintf("%s on %s", p.Name(), st.Date)
			fail := func(format string, args ...any) {
				failures++
				if failures <= 40 {
					t.Errorf(where+": "+format, args...)
				}
			}
			treatyStatus := map[string]string{}
			for _, tr := range st.Treaties {
				treatyStatus[tr.ID] = tr.Status
			}
			// happened reports whether a treaty had taken effect by the day
			// in this view.
			happened := func(id string) bool {
				switch treatyStatus[id] {
				case "", "not_yet_signed", "uncertain", "undated":
					return false
				}
				return true
			}
			named := func(what, text string) {
				for _, m := range idPattern.FindAllString(text, -1) {
					tr := m
					if strings.HasPrefix(m, "provision/") {
						pr, ok := provisions[m]
						if !ok {
							fail("%s names %s, which is not a provision", what, m)
							continue
						}
						tr = pr.Treaty
					}
					if !happened(tr) {
						fail("%s names %s before %s took effect (%s)", what, m, tr, treatyStatus[tr])
					}
				}
			}
			checkBasis := func(what string, bs []engine.Basis, mayBeInWindow bool) {
				for _, x := range bs {
					if p.Sources != nil && !p.Sources[x.Source] {
						fail("%s cites source %s outside the view", what, x.Source)
					}
					if x.Quote == "" {
						fail("%s: basis without a quote", what)
					}
					if x.Claim != "" {
						c, ok := claims[x.Claim]
						switch {
						case !ok:
							fail("%s cites %s, not a claim", what, x.Claim)
						case c.Status != kb.Accepted || c.Rank == kb.Deprecated:
							fail("%s rests on %s, which is %s/%s", what, c.ID, c.Status, c.Rank)
						default:
							if d, ok := claimDay(c); ok {
								if d.Earliest() > day || (!mayBeInWindow && d.Latest() > day) {
									fail("%s rests on %s (%s %s %s), dated %s", what, c.ID, c.Subject, c.Property, c.Value.String(), d.String())
								}
							}
							if strings.HasPrefix(c.Subject, "treaty/") && c.Property != "signed" && c.Property != "in_force" && !happened(c.Subject) && !mayBeInWindow {
								fail("%s rests on %s about %s, not yet in effect", what, c.ID, c.Subject)
							}
							if c.Value.Type == kb.TEntity && strings.HasPrefix(c.Value.Entity, "treaty/") && !happened(c.Value.Entity) {
								fail("%s rests on %s (%s %s %s) before %s took effect", what, c.ID, c.Subject, c.Property, c.Value.Entity, c.Value.Entity)
							}
						}
					}
					if x.Provision != "" {
						pr, ok := provisions[x.Provision]
						switch {
						case !ok:
							fail("%s cites %s, not a provision", what, x.Provision)
						case pr.Status != kb.Accepted || pr.Rank == kb.Deprecated:
							fail("%s rests on %s, which is %s/%s", what, pr.ID, pr.Status, pr.Rank)
						case !happened(pr.Treaty) && !(mayBeInWindow && treatyStatus[pr.Treaty] == "uncertain"):
							fail("%s rests on %s before %s took effect (%s)", what, pr.ID, pr.Treaty, treatyStatus[pr.Treaty])
						}
					}
				}
			}
			for _, ts := range st.Territories {
				what := "territory " + ts.ID
				if p.Sources != nil {
					// Notes name a source by the short form of its id ("001:").
					for _, src := range b.Sources {
						short, _, _ := strings.Cut(src.ID, "_")
						if !p.Sources[src.ID] && strings.Contains(ts.Note, short+":") {
							fail("%s: its note %q speaks for source %s, outside the view", what, ts.Note, short)
						}
					}
				}
				checkBasis(what, ts.Basis, ts.Mode == "uncertain")
				named(what+" note", ts.Note)
				if ts.Mode != "unknown" && len(ts.Basis) == 0 {
					fail("%s: %s %v without evidence", what, ts.Mode, ts.Holders)
				}
				if ts.Mode == "unknown" && cover[ts.ID] != 0 && cover[ts.ID] <= day {
					fail("%s: unknown, though a claim of the view covers it from %s", what, histdate.ISO(histdate.Gregorian, cover[ts.ID]))
				}
			}
			for _, r := range st.Rights {
				what := "right " + r.Provision
				if p.Sources != nil && r.Limits != "" {
					for _, x := range provisions[r.Provision].Evidence {
						if !p.Sources[x.Source] {
							fail("%s: its words (limits) rest also on %s, outside the view", what, x.Source)
							break
						}
					}
				}
				if !happened(r.Treaty) {
					fail("%s in force before %s took effect", what, r.Treaty)
				}
				checkBasis(what, r.Basis, false)
				hasProvision := false
				for _, x := range r.Basis {
					hasProvision = hasProvision || x.Provision == r.Provision
				}
				if !hasProvision {
					fail("%s: no quote of the provision itself", what)
				}
			}
			for _, tr := range st.Treaties {
				what := "treaty " + tr.ID
				checkBasis(what, tr.Basis, tr.Status == "uncertain")
				for _, d := range tr.Details {
					named(what+" detail", d)
				}
				switch tr.Status {
				case "not_yet_signed", "undated":
					if len(tr.Basis) > 0 || len(tr.Details) > 0 {
						fail("%s: %s, yet it cites %d basis and details %q", what, tr.Status, len(tr.Basis), tr.Details)
					}
				default:
					if len(tr.Basis) == 0 {
						fail("%s: %s without evidence", what, tr.Status)
					}
				}
			}
		}
	}
	t.Logf("%d answers (%d perspectives x %d days) checked", answers, len(persp), len(days))
}

// claimDay is the day of the act a claim states, where it dates one. A
// holding attested at a time (held_by with point_in_time) is a state, not
// an act: it may be cited from the first day of that time, which
// claimDay gives as a date of that one day.
func claimDay(c kb.Claim) (histdate.Date, bool) {
	if v, ok := c.Qualifiers["point_in_time"]; ok && (c.Property == "held_by" || c.Property == "occupied_by") {
		if d, err := v.Date(); err == nil && d.Earliest() != histdate.MinJDN {
			p := histdate.NewDay(histdate.Gregorian, 0, 1, 1)
			p.Earliest, p.Latest = d.Earliest(), d.Earliest()
			return histdate.Date{Calendar: histdate.Gregorian, From: p}, true
		}
	}
	if c.Value.Type == kb.TDate {
		switch c.Property {
		case "signed", "in_force", "ratified", "ratification_refused", "ratifications_exchanged":
			if d, err := c.Value.Date(); err == nil {
				return d, true
			}
		}
	}
	for _, q := range []string{"start_time", "point_in_time"} {
		if v, ok := c.Qualifiers[q]; ok {
			if d, err := v.Date(); err == nil && d.Earliest() != histdate.MinJDN {
				return d, true
			}
		}
	}
	return histdate.Date{}, false
}

// coverage gives, per territory, the first day a claim or provision of the
// view says who holds it: a held_by or occupied_by claim's start, or the
// signing of a treaty with a provision that moves it. A territory that
// lies in another is covered when that one is.
func coverage(e *engine.Engine, b *kb.Bundle, p engine.Perspective) map[string]histdate.JDN {
	inView := func(status kb.Status, rank kb.Rank, ev []kb.Evidence) bool {
		if status != kb.Accepted || rank == kb.Deprecated {
			return false
		}
		if p.Sources == nil {
			return true
		}
		for _, x := range ev {
			if p.Sources[x.Source] {
				return true
			}
		}
		return false
	}
	out := map[string]histdate.JDN{}
	first := func(id string, j histdate.JDN) {
		if cur, ok := out[id]; !ok || j < cur {
			out[id] = j
		}
	}
	signed := map[string]histdate.JDN{}
	for _, c := range b.Claims {
		if !inView(c.Status, c.Rank, c.Evidence) {
			continue
		}
		switch c.Property {
		case "signed", "in_force":
			if d, err := c.Value.Date(); err == nil && d.Latest() != histdate.MaxJDN {
				if cur, ok := signed[c.Subject]; !ok || d.Latest() > cur {
					signed[c.Subject] = d.Latest()
				}
			}
		case "held_by", "occupied_by":
			if v, ok := c.Qualifiers["start_time"]; ok {
				if d, err := v.Date(); err == nil && d.Latest() != histdate.MaxJDN {
					first(c.Subject, d.Latest())
				}
			} else if v, ok := c.Qualifiers["point_in_time"]; ok {
				if d, err := v.Date(); err == nil && d.Earliest() != histdate.MinJDN {
					first(c.Subject, d.Earliest())
				}
			}
		}
	}
	for _, pr := range b.Provisions {
		if !inView(pr.Status, pr.Rank, pr.Evidence) || !kb.ProvisionTypes[pr.Type].Moves {
			continue
		}
		j, ok := signed[pr.Treaty]
		if !ok {
			continue
		}
		for _, obj := range pr.Objects {
			first(obj, j)
		}
	}
	for _, c := range b.Claims {
		if c.Property == "located_in" && inView(c.Status, c.Rank, c.Evidence) {
			if j, ok := out[c.Value.Entity]; ok {
				if _, own := out[c.Subject]; !own {
					first(c.Subject, j)
				}
			}
		}
	}
	return out
}
