package report

import (
	"context"
	"sort"

	"treatyline/histdate"
	"treatyline/kb"
)

// TimelineItem is one dated claim on the timeline: its Gregorian date,
// the date as the source wrote it, and its evidence.
type TimelineItem struct {
	Date      string     `json:"date"`
	Written   string     `json:"written"`
	Calendar  string     `json:"calendar"`
	Subject   string     `json:"subject"`
	Property  string     `json:"property"`
	Precision string     `json:"precision"`
	Evidence  []Evidence `json:"evidence"`
	sortKey   histdate.JDN
}

// Timeline lists the accepted dated claims in order of their Gregorian
// first day; with an entity id, only the claims about it (ENOTFOUND for an
// unknown id). Never nil.
func Timeline(ctx context.Context, st kb.Store, id string) ([]TimelineItem, error) {
	f := kb.ClaimFilter{Status: kb.Accepted}
	if id != "" {
		if _, err := st.Entity(ctx, id); err != nil {
			return nil, err
		}
		f.Subject = id
	}
	claims, err := st.Claims(ctx, f)
	if err != nil {
		return nil, err
	}
	items := []TimelineItem{}
	for _, cl := range claims {
		if cl.Value.Type != kb.TDate {
			continue
		}
		d, err := cl.Value.Date()
		if err != nil || d.Earliest() == histdate.MinJDN {
			continue
		}
		g := d.InCalendar(histdate.Gregorian)
		items = append(items, TimelineItem{Date: g.String(), Written: cl.Value.Text, Calendar: string(d.Calendar), Subject: cl.Subject,
			Property: cl.Property, Precision: d.Precision().String(), Evidence: FromEvidence(cl.Evidence), sortKey: d.Earliest()})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].sortKey < items[j].sortKey })
	return items, nil
}
