package report

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"treatyline/histdate"
	"treatyline/kb"
)

// Decide records a review decision on a claim or a provision as a new
// version: accepted or rejected by someone at a time, with an optional
// note set before the record's own. version is the version the reviewer
// decided on (0: the current one): when the record has another version
// now, or gains one before the decision is written, the decision is
// refused with ECONFLICT, naming what the record now is, and nothing is
// written. ENOTFOUND for an unknown id; EINVALID for accepting a record
// without evidence. It returns the record as it now stands, in the shape
// of Candidates.
func Decide(ctx context.Context, st kb.Store, id string, status kb.Status, by, note string, at time.Time, version int) (Claim, error) {
	if p, ok, err := findProvision(ctx, st, id); err != nil {
		return Claim{}, err
	} else if ok {
		return decideProvision(ctx, st, p, status, by, note, version)
	}
	switch status {
	case kb.Candidate, kb.Accepted, kb.Rejected:
	default:
		return Claim{}, kb.Errorf(kb.EINVALID, "claim %q: status: unknown status %q (want candidate, accepted or rejected)", id, status)
	}
	hist, err := st.ClaimHistory(ctx, id)
	if err != nil {
		return Claim{}, err
	}
	cl := hist[len(hist)-1]
	if version != 0 && version != cl.Version {
		return Claim{}, kb.VersionConflict("claim", id, version, cl.Version, string(cl.Status), cl.RecordedBy, cl.StoredAt)
	}
	if status == kb.Accepted && len(cl.Evidence) == 0 {
		return Claim{}, kb.Errorf(kb.EINVALID, "claim %q: status: an accepted claim needs evidence", id)
	}
	cl.Status, cl.RecordedBy, cl.RecordedAt = status, by, at
	if note != "" {
		cl.Note = joinNote(fmt.Sprintf("%s by %s: %s", status, by, note), cl.Note)
	}
	if err := cl.Validate(); err != nil {
		return Claim{}, kb.Errorf(kb.EINVALID, "claim %q: %v", id, err)
	}
	// cl carries the version read: the store refuses the write if another
	// has been recorded since.
	if err := st.Apply(ctx, kb.Batch{Claims: []kb.Claim{cl}}); err != nil {
		return Claim{}, err
	}
	return current(ctx, st, id)
}

// current gives a claim as it now stands.
func current(ctx context.Context, st kb.Store, id string) (Claim, error) {
	hist, err := st.ClaimHistory(ctx, id)
	if err != nil {
		return Claim{}, err
	}
	return FromClaim(hist[len(hist)-1]), nil
}

// Current gives a claim or provision as it now stands, in the shape of
// Candidates: what a reviewer whose decision conflicted is shown.
func Current(ctx context.Context, st kb.Store, id string) (Claim, error) {
	if p, ok, err := findProvision(ctx, st, id); err != nil {
		return Claim{}, err
	} else if ok {
		return provisionAsClaim(p), nil
	}
	return current(ctx, st, id)
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
//
// version, as for Decide, is the version corrected (0: the current one).
func Correct(ctx context.Context, st kb.Store, id string, c Correction, by string, at time.Time, version int) (kb.Claim, error) {
	set := 0
	for _, v := range []string{c.Date, c.Quantity, c.Entity, c.Text} {
		if v != "" {
			set++
		}
	}
	if set != 1 {
		return kb.Claim{}, kb.Errorf(kb.EINVALID, "give exactly one of date, quantity, entity, text")
	}
	if _, ok, err := findProvision(ctx, st, id); err != nil {
		return kb.Claim{}, err
	} else if ok {
		return kb.Claim{}, kb.Errorf(kb.EINVALID, "%s is a provision: accept or reject it; its terms are corrected in the data files", id)
	}
	if c.Calendar != "" && c.Date == "" {
		return kb.Claim{}, kb.Errorf(kb.EINVALID, "calendar: only with a date")
	}
	hist, err := st.ClaimHistory(ctx, id)
	if err != nil {
		return kb.Claim{}, err
	}
	cl := hist[len(hist)-1]
	if version != 0 && version != cl.Version {
		return kb.Claim{}, kb.VersionConflict("claim", id, version, cl.Version, string(cl.Status), cl.RecordedBy, cl.StoredAt)
	}
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
	hist, err = st.ClaimHistory(ctx, id)
	if err != nil {
		return kb.Claim{}, err
	}
	return hist[len(hist)-1], nil
}

func joinNote(a, b string) string {
	if b == "" {
		return a
	}
	return a + "; " + b
}

// findProvision finds a provision by id: its current version.
func findProvision(ctx context.Context, st kb.Store, id string) (kb.Provision, bool, error) {
	if !strings.HasPrefix(id, "provision/") {
		return kb.Provision{}, false, nil
	}
	h, err := st.ProvisionHistory(ctx, id)
	if err != nil {
		return kb.Provision{}, false, err
	}
	return h[len(h)-1], true, nil
}

// decideProvision records a decision on a provision as a new version, the
// decision and who made it written in its note (a provision keeps no
// reviewer of its own).
func decideProvision(ctx context.Context, st kb.Store, p kb.Provision, status kb.Status, by, note string, version int) (Claim, error) {
	if version != 0 && version != p.Version {
		return Claim{}, kb.VersionConflict("provision", p.ID, version, p.Version, string(p.Status), p.RecordedBy, p.StoredAt)
	}
	if status == kb.Accepted && len(p.Evidence) == 0 {
		return Claim{}, kb.Errorf(kb.EINVALID, "provision %q: status: an accepted provision needs evidence", p.ID)
	}
	d := fmt.Sprintf("%s by %s", status, by)
	if note != "" {
		d += ": " + note
	}
	p.Status, p.Note, p.RecordedBy = status, joinNote(d, p.Note), by
	if err := p.Validate(); err != nil {
		return Claim{}, kb.Errorf(kb.EINVALID, "provision %q: %v", p.ID, err)
	}
	// p carries the version read: the store refuses the write if another
	// has been recorded since.
	if err := st.Apply(ctx, kb.Batch{Provisions: []kb.Provision{p}}); err != nil {
		return Claim{}, err
	}
	h, err := st.ProvisionHistory(ctx, p.ID)
	if err != nil {
		return Claim{}, err
	}
	return provisionAsClaim(h[len(h)-1]), nil
}

// Candidates lists what ingest proposed and no one has decided on yet:
// the candidate claims, then the candidate provisions in the same shape
// (subject the treaty, property the provision's type, value its parties
// and objects), so that one queue holds both.
func Candidates(ctx context.Context, st kb.Store) ([]Claim, error) {
	cs, err := st.Claims(ctx, kb.ClaimFilter{Status: kb.Candidate})
	if err != nil {
		return nil, err
	}
	out := Claims(cs)
	ps, err := st.Provisions(ctx, "")
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if p.Status == kb.Candidate {
			out = append(out, provisionAsClaim(p))
		}
	}
	return out, nil
}

// provisionAsClaim writes a provision in the claim shape: the treaty its
// subject, its type the property, its parties and objects the value.
func provisionAsClaim(p kb.Provision) Claim {
	v, _ := json.Marshal(provisionValue{Type: "provision", Grantors: p.Grantors, Grantees: p.Grantees, Objects: p.Objects, Limits: p.Limits})
	return Claim{ID: p.ID, Subject: p.Treaty, Property: p.Type, Value: v, ValueText: provisionText(p),
		Status: p.Status, Rank: p.Rank, Note: p.Note, Evidence: FromEvidence(p.Evidence),
		Version: p.Version, RecordedBy: p.RecordedBy, StoredAt: p.StoredAt}
}

// provisionValue is a provision's terms as a candidate's value.
type provisionValue struct {
	Type     string   `json:"type"`
	Grantors []string `json:"grantors,omitempty"`
	Grantees []string `json:"grantees,omitempty"`
	Objects  []string `json:"objects,omitempty"`
	Limits   string   `json:"limits,omitempty"`
}

// provisionText writes a provision's terms for people: "polity/qing →
// polity/russia: territory/amur-left-bank".
func provisionText(p kb.Provision) string {
	t := strings.Join(p.Grantors, ", ")
	if t != "" || len(p.Grantees) > 0 {
		t += " → " + strings.Join(p.Grantees, ", ")
	}
	if len(p.Objects) > 0 {
		if t != "" {
			t += ": "
		}
		t += strings.Join(p.Objects, ", ")
	}
	if p.Limits != "" {
		t += " (" + p.Limits + ")"
	}
	return strings.TrimSpace(t)
}
