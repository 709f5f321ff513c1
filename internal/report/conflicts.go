package report

import (
	"context"

	"treatyline/kb"
	"treatyline/reconcile"
)

// Group is a reconciled group of claims on one subject and property, as
// conflicts prints it: its class, why, and each claim with its quote.
type Group struct {
	Subject    string        `json:"subject"`
	Property   string        `json:"property"`
	Qualifiers string        `json:"qualifiers,omitempty"`
	Class      string        `json:"class"`
	Why        string        `json:"why"`
	Difference string        `json:"difference,omitempty"`
	Claims     []GroupMember `json:"claims"`
}

// GroupMember is one claim of a group, once per piece of evidence.
type GroupMember struct {
	ID         string `json:"id"`
	Value      string `json:"value"`
	Normalised string `json:"normalised"`
	Source     string `json:"source"`
	Quote      string `json:"quote"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	SubsumedBy string `json:"subsumed_by,omitempty"`
	// OtherReading is the other-style reading of a date whose source
	// leaves the style open, with the reason.
	OtherReading string `json:"other_reading,omitempty"`
	// Status is the claim's review status: a candidate is not yet a fact.
	Status kb.Status `json:"status"`
}

// ConflictStatus reads the status filter of conflicts: "", candidate or
// accepted (EINVALID otherwise).
func ConflictStatus(s string) (kb.Status, error) {
	switch kb.Status(s) {
	case "", kb.Candidate, kb.Accepted:
		return kb.Status(s), nil
	}
	return "", kb.Errorf(kb.EINVALID, "%q (want candidate or accepted)", s)
}

// ConflictClass reads a class filter: "" or one of reconcile's classes
// (EINVALID otherwise).
func ConflictClass(s string) (reconcile.Class, error) {
	switch c := reconcile.Class(s); c {
	case "", reconcile.Agree, reconcile.AgreeAfterNormalisation, reconcile.Compatible, reconcile.Conflict:
		return c, nil
	}
	return "", kb.Errorf(kb.EINVALID, "unknown class %q (want %s, %s, %s or %s)", s,
		reconcile.Agree, reconcile.AgreeAfterNormalisation, reconcile.Compatible, reconcile.Conflict)
}

// Conflicts groups claims and classes each group; only groups of class
// when it is not "". Never nil. It stops with ctx's error when ctx is
// done.
func Conflicts(ctx context.Context, claims []kb.Claim, class reconcile.Class) ([]Group, error) {
	out := []Group{}
	groups, err := reconcile.GroupsContext(ctx, claims)
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		if class != "" && g.Class != class {
			continue
		}
		r := Group{Subject: g.Subject, Property: g.Property, Qualifiers: g.Qualifiers, Class: string(g.Class), Why: g.Why, Difference: g.Difference}
		for _, mem := range g.Members {
			for _, e := range mem.Claim.Evidence {
				r.Claims = append(r.Claims, GroupMember{ID: mem.Claim.ID, Value: mem.Value, Normalised: mem.Normalised, Source: e.Source,
					Quote: e.Quote.Exact, Start: e.Position.Start, End: e.Position.End, SubsumedBy: mem.SubsumedBy, OtherReading: mem.OtherReading, Status: mem.Claim.Status})
			}
		}
		out = append(out, r)
	}
	return out, nil
}
