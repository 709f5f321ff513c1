package cow

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"treatyline/histdate"
	"treatyline/kb"
)

// Link finds, for each change, the treaty of the documents that made it,
// and states what the dataset says of that treaty as candidate claims, so
// that the dataset's figures and the documents' meet where the sources
// are compared (reconcile.Groups): the date (the codebook dates a change
// by its treaty where there is one) and the area, from the loser to the
// gainer.
//
// A change is linked to a treaty when exactly one treaty of the knowledge
// base was signed in the change's year (the year most of its signing claims give) and has an accepted provision that
// moves territory from a polity named as the change's loser to one named
// as its gainer (a name of the polity, any label or alias, is the state's
// name in the dataset, letter for letter once case and diacritics are
// set aside). A change with no such treaty, or several, is not linked:
// the link is left to a person. The claims are candidates, for review.
func (d *Data) Link(entities []kb.Entity, claims []kb.Claim, provisions []kb.Provision, at time.Time) []kb.Claim {
	byName := map[string][]string{} // normal name -> polity ids
	for _, e := range entities {
		if e.Kind != kb.KindPolity || strings.HasPrefix(e.ID, "polity/cow-") {
			continue
		}
		for _, n := range e.Names() {
			k := kb.NormalName(n.Text)
			if k != "" && !containsID(byName[k], e.ID) {
				byName[k] = append(byName[k], e.ID)
			}
		}
	}
	polities := func(code int) []string {
		if code == Missing {
			return nil
		}
		return byName[kb.NormalName(d.Name(code))]
	}
	kinds := map[string]kb.Kind{}
	for _, e := range entities {
		kinds[e.ID] = e.Kind
	}
	// Each treaty's signing year: the year most of its accepted signing
	// claims give (a source that misdates a treaty does not move it).
	votes := map[string]map[int]int{}
	for _, c := range claims {
		if c.Property != "signed" || c.Status != kb.Accepted || kinds[c.Subject] != kb.KindTreaty {
			continue
		}
		dt, err := c.Value.Date()
		if err != nil || dt.Earliest() == histdate.MinJDN || dt.Latest() == histdate.MaxJDN {
			continue
		}
		if votes[c.Subject] == nil {
			votes[c.Subject] = map[int]int{}
		}
		for y := yearOf(dt.Earliest()); y <= yearOf(dt.Latest()) && y-yearOf(dt.Earliest()) < 5; y++ {
			votes[c.Subject][y]++
		}
	}
	signedIn := map[string][]int{} // treaty -> the years most of its sources sign it in
	for t, vs := range votes {
		most := 0
		for _, n := range vs {
			most = max(most, n)
		}
		for y, n := range vs {
			if n == most {
				signedIn[t] = append(signedIn[t], y)
			}
		}
	}
	moves := map[string][]kb.Provision{}
	for _, p := range provisions {
		if kb.ProvisionTypes[p.Type].Moves && p.Status == kb.Accepted && kinds[p.Treaty] == kb.KindTreaty {
			moves[p.Treaty] = append(moves[p.Treaty], p)
		}
	}
	treaties := make([]string, 0, len(moves))
	for t := range moves {
		treaties = append(treaties, t)
	}
	sort.Strings(treaties)

	var out []kb.Claim
	for _, c := range d.Changes {
		gainers, losers := polities(c.Gainer), polities(c.Loser)
		if len(gainers) == 0 || len(losers) == 0 {
			continue
		}
		type match struct {
			treaty   string
			from, to string
		}
		var found []match
		for _, t := range treaties {
			if !containsYear(signedIn[t], c.Year) {
				continue
			}
			for _, p := range moves[t] {
				from, to := first(p.Grantors, losers), first(p.Grantees, gainers)
				if from != "" && to != "" {
					found = append(found, match{t, from, to})
					break
				}
			}
		}
		if len(found) != 1 {
			continue
		}
		m := found[0]
		ev := c.evidence(d.ChangesText)
		note := fmt.Sprintf("%s line %d, change %d, linked to %s: signed in %d, a provision moving territory from %s to %s (the dataset's %s and %s); the codebook dates a change by its treaty",
			ChangesFile, c.Line, c.Number, m.treaty, c.Year, m.from, m.to, d.Name(c.Loser), d.Name(c.Gainer))
		mk := func(suffix, property string, v kb.Value, q map[string]kb.Value) kb.Claim {
			return kb.Claim{ID: fmt.Sprintf("cow-tc-%d-%s", c.Number, suffix), Subject: m.treaty, Property: property, Value: v,
				Qualifiers: q, Evidence: ev, Status: kb.Candidate, Rank: kb.Normal, Note: note, RecordedAt: at, RecordedBy: Recorder}
		}
		out = append(out, mk("treaty-signed", "signed", kb.DateValue(c.Date(), histdate.Gregorian, ""), nil))
		if c.Area != nil {
			out = append(out, mk("treaty-area", "area_ceded", kb.QuantityValue(km2(*c.Area), "en"),
				map[string]kb.Value{"from": kb.EntityValue(m.from), "to": kb.EntityValue(m.to)}))
		}
	}
	return out
}

func yearOf(j histdate.JDN) int {
	y, _, _ := histdate.JDNToGregorian(j)
	return y
}

func first(have, want []string) string {
	for _, h := range have {
		if containsID(want, h) {
			return h
		}
	}
	return ""
}

func containsID(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func containsYear(ys []int, y int) bool {
	for _, x := range ys {
		if x == y {
			return true
		}
	}
	return false
}
