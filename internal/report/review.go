package report

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"treatyline/histdate"
	"treatyline/kb"
)

// Decide records a review decision on a claim or a provision as a new
// version, through the store's Decide: read and written in one
// transaction, every acknowledged decision one recorded version, and a
// decision on a version that is no longer current (d.Expect) ECONFLICT.
// It returns the record as it now stands, in the shape of Candidates.
func Decide(ctx context.Context, st kb.Store, d kb.Decision) (Claim, error) {
	if d.Value != nil {
		return Claim{}, kb.Errorf(kb.EINVALID, "a value is corrected with Correct")
	}
	r, err := st.Decide(ctx, d)
	if err != nil {
		return Claim{}, err
	}
	if r.Provision != nil {
		return provisionAsClaim(*r.Provision), nil
	}
	return FromClaim(*r.Claim), nil
}

// Current gives a claim or provision as it now stands, in the shape of
// Candidates: what a reviewer whose decision conflicted is shown.
func Current(ctx context.Context, st kb.Store, id string) (Claim, error) {
	if strings.HasPrefix(id, "provision/") {
		h, err := st.ProvisionHistory(ctx, id)
		if err != nil {
			return Claim{}, err
		}
		return provisionAsClaim(h[len(h)-1]), nil
	}
	hist, err := st.ClaimHistory(ctx, id)
	if err != nil {
		return Claim{}, err
	}
	return FromClaim(hist[len(hist)-1]), nil
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
// calendar, quantity, entity or text); ECONFLICT when expect (0 for any)
// is not the claim's current version.
func Correct(ctx context.Context, st kb.Store, id string, c Correction, by string, at time.Time, expect int) (kb.Claim, error) {
	set := 0
	for _, v := range []string{c.Date, c.Quantity, c.Entity, c.Text} {
		if v != "" {
			set++
		}
	}
	if set != 1 {
		return kb.Claim{}, kb.Errorf(kb.EINVALID, "give exactly one of date, quantity, entity, text")
	}
	if strings.HasPrefix(id, "provision/") {
		return kb.Claim{}, kb.Errorf(kb.EINVALID, "%s is a provision: accept or reject it; its terms are corrected in the data files", id)
	}
	if c.Calendar != "" && c.Date == "" {
		return kb.Claim{}, kb.Errorf(kb.EINVALID, "calendar: only with a date")
	}
	hist, err := st.ClaimHistory(ctx, id)
	if err != nil {
		return kb.Claim{}, err
	}
	// The value is read against the version decided on (or the current
	// one); the store checks in its transaction that it is still current.
	cl := hist[len(hist)-1]
	if expect > 0 && expect <= len(hist) {
		cl = hist[expect-1]
	}
	var v kb.Value
	field := ""
	switch {
	case c.Date != "":
		field = "date"
		v = kb.DateValue(c.Date, "", cl.Value.Lang)
		if c.Calendar != "" {
			cal, err := histdate.ParseCalendar(c.Calendar)
			if err != nil {
				return kb.Claim{}, kb.Errorf(kb.EINVALID, "calendar: %v", err)
			}
			v.Calendar = cal
		}
	case c.Quantity != "":
		field = "quantity"
		v = kb.QuantityValue(c.Quantity, cl.Value.Lang)
	case c.Entity != "":
		field = "entity"
		if _, err := st.Entity(ctx, c.Entity); err != nil {
			if kb.ErrorCode(err) == kb.ENOTFOUND {
				return kb.Claim{}, kb.Errorf(kb.EINVALID, "entity: no entity %q", c.Entity)
			}
			return kb.Claim{}, err
		}
		v = kb.EntityValue(c.Entity)
	default:
		field = "text"
		v = kb.TextValue(c.Text)
	}
	if err := v.Validate(); err != nil {
		return kb.Claim{}, kb.Errorf(kb.EINVALID, "%s: %v", field, err)
	}
	probe := cl
	probe.Value, probe.Status = v, kb.Accepted
	if err := probe.Validate(); err != nil {
		return kb.Claim{}, kb.Errorf(kb.EINVALID, "%s: claim %q: %v", field, id, err)
	}
	r, err := st.Decide(ctx, kb.Decision{ID: id, Status: kb.Accepted, By: by, At: at, Value: &v, Expect: expect})
	if err != nil {
		return kb.Claim{}, err
	}
	return *r.Claim, nil
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
		Version: p.Version, Decided: p.Decided, RecordedBy: p.RecordedBy, StoredAt: p.StoredAt}
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
