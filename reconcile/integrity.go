// Package reconcile compares what sources say: it groups claims on one
// subject and property across sources and checks the rules a consistent
// treaty system keeps (integrity rules).
package reconcile

import (
	"fmt"
	"sort"
	"strings"

	"treatyline/histdate"
	"treatyline/kb"
)

// Finding is a breach of an integrity rule: which rule, what it concerns,
// and the claims involved.
type Finding struct {
	Rule    string   `json:"rule"`
	Subject string   `json:"subject"`
	Message string   `json:"message"`
	Claims  []string `json:"claims"`
	Sources []string `json:"sources"`
}

// The integrity rules.
const (
	RuleSuccessorLater   = "a treaty that supersedes, confirms or reverses another is signed after it"
	RuleRatificationSign = "ratification follows signature"
	RuleOneEventDates    = "dates of one event from several sources are compatible or recorded as a disagreement"
	RuleSignatoryAlive   = "a signatory's known life span covers the signing"
)

// dated is a date claim with its reading.
type dated struct {
	c kb.Claim
	d histdate.Date
}

func sourcesOf(cs ...kb.Claim) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range cs {
		for _, e := range c.Evidence {
			if !seen[e.Source] {
				seen[e.Source] = true
				out = append(out, e.Source)
			}
		}
	}
	sort.Strings(out)
	return out
}

// shortSources names the sources of claims by their short ids, the first
// few of many and how many more.
func shortSources(cs ...kb.Claim) string {
	const shown = 5
	var out []string
	all := sourcesOf(cs...)
	for _, s := range all {
		if len(out) == shown && len(all) > shown+1 {
			out = append(out, fmt.Sprintf("and %d more", len(all)-shown))
			break
		}
		if i := strings.Index(s, "_"); i > 0 {
			s = s[:i]
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

// Integrity checks the integrity rules over accepted claims (rejected and
// deprecated ones are left out).
func Integrity(claims []kb.Claim) []Finding {
	dates := map[string][]dated{}  // subject+"\x00"+property -> date claims
	groups := map[string][]dated{} // the same, told apart by qualifiers
	var relations, signatories []kb.Claim
	for _, c := range claims {
		if c.Status != kb.Accepted || c.Rank == kb.Deprecated {
			continue
		}
		switch {
		case c.Value.Type == kb.TDate:
			d, err := c.Value.Date()
			if err == nil && d.Earliest() != histdate.MinJDN {
				k := c.Subject + "\x00" + c.Property
				dates[k] = append(dates[k], dated{c, d})
				groups[k+qualifierKey(c)] = append(groups[k+qualifierKey(c)], dated{c, d})
			}
		case c.Property == "superseded_by" || c.Property == "confirmed_by" || c.Property == "reversed_by":
			relations = append(relations, c)
		case c.Property == "supersedes" || c.Property == "confirms" || c.Property == "reverses":
			relations = append(relations, c)
		case c.Property == "signatory":
			signatories = append(signatories, c)
		}
	}
	var out []Finding
	signed := func(t string) []dated { return dates[t+"\x00signed"] }

	// A successor is signed after the treaty it follows: every pair of
	// signing dates, source by source.
	for _, r := range relations {
		earlier, later := r.Subject, r.Value.Entity
		if strings.HasSuffix(r.Property, "s") && !strings.HasSuffix(r.Property, "_by") {
			earlier, later = later, earlier
		}
		for _, a := range signed(earlier) {
			for _, b := range signed(later) {
				if b.d.Latest() > a.d.Earliest() && b.d.Earliest() > a.d.Latest() {
					continue // clearly after
				}
				if b.d.Earliest() > a.d.Earliest() {
					continue // may be after: a coarser date is no breach
				}
				how := "the same day as"
				if b.d.Latest() < a.d.Earliest() {
					how = "before"
				}
				verb := map[string]string{"superseded_by": "supersedes", "confirmed_by": "confirms", "reversed_by": "reverses",
					"supersedes": "supersedes", "confirms": "confirms", "reverses": "reverses"}[r.Property]
				out = append(out, Finding{Rule: RuleSuccessorLater, Subject: later,
					Message: fmt.Sprintf("%s, which %s %s, is dated %s by %s (%q): %s %s, dated %s by %s (%q)", later, verb, earlier,
						b.d.InCalendar(histdate.Gregorian).String(), shortSources(b.c), b.c.Value.Text, how, earlier,
						a.d.InCalendar(histdate.Gregorian).String(), shortSources(a.c), a.c.Value.Text),
					Claims: []string{r.ID, a.c.ID, b.c.ID}, Sources: sourcesOf(r, a.c, b.c)})
			}
		}
	}
	// Ratification follows signature.
	for k, rs := range dates {
		subject, prop, _ := strings.Cut(k, "\x00")
		if prop != "ratified" && prop != "ratifications_exchanged" && prop != "in_force" {
			continue
		}
		for _, r := range rs {
			for _, s := range signed(subject) {
				if r.d.Latest() < s.d.Earliest() {
					out = append(out, Finding{Rule: RuleRatificationSign, Subject: subject,
						Message: fmt.Sprintf("%s %s on %s, before it was signed on %s", subject, prop, r.d.String(), s.d.String()),
						Claims:  []string{r.c.ID, s.c.ID}, Sources: sourcesOf(r.c, s.c)})
				}
			}
		}
	}
	// Dates of one event: compatible, the same day in two calendars, or a
	// disagreement (which the knowledge base records as separate claims).
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ds := groups[k]
		subject, prop, _ := strings.Cut(k, "\x00")
		prop, _, _ = strings.Cut(prop, "\x00")
		for i := 0; i < len(ds); i++ {
			for j := i + 1; j < len(ds); j++ {
				a, b := ds[i], ds[j]
				if sameSources(a.c, b.c) {
					continue
				}
				cmp := histdate.Compare(a.d, b.d)
				if cmp.Relation != histdate.Before && cmp.Relation != histdate.After {
					continue
				}
				out = append(out, Finding{Rule: RuleOneEventDates, Subject: subject,
					Message: fmt.Sprintf("%s %s: %s gives %s, %s gives %s (%s) — recorded as a disagreement", subject, prop,
						shortSources(a.c), a.c.Value.Text, shortSources(b.c), b.c.Value.Text, cmp.String()),
					Claims: []string{a.c.ID, b.c.ID}, Sources: sourcesOf(a.c, b.c)})
			}
		}
	}
	// A signatory is alive at the signing.
	for _, s := range signatories {
		person := s.Value.Entity
		for _, sg := range signed(s.Subject) {
			for _, b := range dates[person+"\x00born"] {
				if sg.d.Latest() < b.d.Earliest() {
					out = append(out, Finding{Rule: RuleSignatoryAlive, Subject: s.Subject,
						Message: fmt.Sprintf("%s signed %s on %s, before being born (%s)", person, s.Subject, sg.d.String(), b.d.String()),
						Claims:  []string{s.ID, sg.c.ID, b.c.ID}, Sources: sourcesOf(s, sg.c, b.c)})
				}
			}
			for _, dd := range dates[person+"\x00died"] {
				if sg.d.Earliest() > dd.d.Latest() {
					out = append(out, Finding{Rule: RuleSignatoryAlive, Subject: s.Subject,
						Message: fmt.Sprintf("%s signed %s on %s, after dying (%s)", person, s.Subject, sg.d.String(), dd.d.String()),
						Claims:  []string{s.ID, sg.c.ID, dd.c.ID}, Sources: sourcesOf(s, sg.c, dd.c)})
				}
			}
		}
	}
	return out
}

func sameSources(a, b kb.Claim) bool {
	sa, sb := sourcesOf(a), sourcesOf(b)
	return strings.Join(sa, ",") == strings.Join(sb, ",")
}

// qualifierKey tells apart claims of one property that are about
// different things: two appointments to two positions are two events.
func qualifierKey(c kb.Claim) string {
	var parts []string
	for _, q := range []string{"position", "party", "place", "object", "clause"} {
		if v, ok := c.Qualifiers[q]; ok {
			parts = append(parts, q+"="+v.String())
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "\x00" + strings.Join(parts, ",")
}
