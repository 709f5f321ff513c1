package report

import (
	"context"
	"fmt"
	"time"

	"treatyline/histdate"
	"treatyline/kb"
)

// Decide records a review decision on a claim as a new version: accepted
// or rejected by someone at a time, with an optional note set before the
// claim's own. ENOTFOUND for an unknown claim; EINVALID for accepting a
// claim without evidence.
func Decide(ctx context.Context, st kb.Store, id string, status kb.Status, by, note string, at time.Time) error {
	if note == "" {
		return st.SetStatus(ctx, id, status, by, at)
	}
	hist, err := st.ClaimHistory(ctx, id)
	if err != nil {
		return err
	}
	cl := hist[len(hist)-1]
	cl.Status, cl.RecordedBy, cl.RecordedAt = status, by, at
	cl.Note = joinNote(fmt.Sprintf("%s by %s: %s", status, by, note), cl.Note)
	if err := cl.Validate(); err != nil {
		return kb.Errorf(kb.EINVALID, "claim %q: %v", id, err)
	}
	return st.Apply(ctx, kb.Batch{Claims: []kb.Claim{cl}})
}

// Correction is a corrected value for a claim: exactly one of Date,
// Quantity, Entity and Text; Calendar says which calendar a date's
// figures are in.
type Correction struct {
	Date     string `json:"date,omitempty"`
	Calendar string `json:"calendar,omitempty"`
	Quantity string `json:"quantity,omitempty"`
	Entity   string `json:"entity,omitempty"`
	Text     string `json:"text,omitempty"`
}

// Correct records a new version of a claim with the value corrected,
// accepted by someone at a time, and returns it. ENOTFOUND for an unknown
// claim; EINVALID for a correction that does not give exactly one value,
// or a value that does not read (the message names the field: date,
// calendar, quantity, entity or text).
func Correct(ctx context.Context, st kb.Store, id string, c Correction, by string, at time.Time) (kb.Claim, error) {
	set := 0
	for _, v := range []string{c.Date, c.Quantity, c.Entity, c.Text} {
		if v != "" {
			set++
		}
	}
	if set != 1 {
		return kb.Claim{}, kb.Errorf(kb.EINVALID, "give exactly one of date, quantity, entity, text")
	}
	if c.Calendar != "" && c.Date == "" {
		return kb.Claim{}, kb.Errorf(kb.EINVALID, "calendar: only with a date")
	}
	hist, err := st.ClaimHistory(ctx, id)
	if err != nil {
		return kb.Claim{}, err
	}
	cl := hist[len(hist)-1]
	field := ""
	switch {
	case c.Date != "":
		field = "date"
		cl.Value = kb.DateValue(c.Date, "", cl.Value.Lang)
		if c.Calendar != "" {
			cal, err := histdate.ParseCalendar(c.Calendar)
			if err != nil {
				return kb.Claim{}, kb.Errorf(kb.EINVALID, "calendar: %v", err)
			}
			cl.Value.Calendar = cal
		}
	case c.Quantity != "":
		field = "quantity"
		cl.Value = kb.QuantityValue(c.Quantity, cl.Value.Lang)
	case c.Entity != "":
		field = "entity"
		if _, err := st.Entity(ctx, c.Entity); err != nil {
			if kb.ErrorCode(err) == kb.ENOTFOUND {
				return kb.Claim{}, kb.Errorf(kb.EINVALID, "entity: no entity %q", c.Entity)
			}
			return kb.Claim{}, err
		}
		cl.Value = kb.EntityValue(c.Entity)
	default:
		field = "text"
		cl.Value = kb.TextValue(c.Text)
	}
	if err := cl.Value.Validate(); err != nil {
		return kb.Claim{}, kb.Errorf(kb.EINVALID, "%s: %v", field, err)
	}
	cl.Status, cl.RecordedBy, cl.RecordedAt = kb.Accepted, by, at
	cl.Note = joinNote("corrected by "+by, cl.Note)
	if err := cl.Validate(); err != nil {
		return kb.Claim{}, kb.Errorf(kb.EINVALID, "claim %q: %v", id, err)
	}
	if err := st.Apply(ctx, kb.Batch{Claims: []kb.Claim{cl}}); err != nil {
		return kb.Claim{}, err
	}
	return cl, nil
}

func joinNote(a, b string) string {
	if b == "" {
		return a
	}
	return a + "; " + b
}
