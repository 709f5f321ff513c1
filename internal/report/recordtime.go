package report

import (
	"context"
	"strings"
	"time"

	"treatyline/kb"
)

// ReadRecordTime reads a record time (when the store recorded something,
// not a historical date): RFC 3339 ("2026-12-03T14:00:00Z", with an
// offset or fraction as needed), a date and time in UTC ("2026-12-03
// 14:00" or with seconds), or a date alone, which means the end of that
// day in UTC: the knowledge base as it stood when the day was over.
// EINVALID for anything else.
func ReadRecordTime(text string) (time.Time, error) {
	text = strings.TrimSpace(text)
	if t, err := time.Parse(time.RFC3339Nano, text); err == nil {
		return t.UTC(), nil
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, text); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse("2006-01-02", text); err == nil {
		return t.Add(24*time.Hour - time.Microsecond), nil
	}
	return time.Time{}, kb.Errorf(kb.EINVALID, "%q is not a record time (want 2026-12-03T14:00:00Z, 2026-12-03 14:00 in UTC, or a day, 2026-12-03, for its end)", text)
}

// Reader gives the store, or the store as it stood at a record time when
// recordedAt is not empty (read by ReadRecordTime).
func Reader(ctx context.Context, st kb.Store, recordedAt string) (kb.Reader, error) {
	if recordedAt == "" {
		return st, nil
	}
	at, err := ReadRecordTime(recordedAt)
	if err != nil {
		return nil, err
	}
	return st.AsRecorded(ctx, at)
}

// Version is one version of a claim or provision in a record's history:
// the record in the shape of Candidates, and its review state.
type Version struct {
	Version    int       `json:"version"`
	StoredAt   time.Time `json:"stored_at"`
	RecordedBy string    `json:"recorded_by,omitempty"`
	Status     kb.Status `json:"status"`
	Record     Claim     `json:"record"`
}

// History lists every version of a claim or provision (a "provision/" id),
// oldest first, as the reader holds them (ENOTFOUND).
func History(ctx context.Context, r kb.Reader, id string) ([]Version, error) {
	var out []Version
	if strings.HasPrefix(id, "provision/") {
		h, err := r.ProvisionHistory(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, p := range h {
			out = append(out, Version{Version: p.Version, StoredAt: p.StoredAt, RecordedBy: p.RecordedBy, Status: p.Status, Record: provisionAsClaim(p)})
		}
		return out, nil
	}
	h, err := r.ClaimHistory(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, c := range h {
		out = append(out, Version{Version: c.Version, StoredAt: c.StoredAt, RecordedBy: c.RecordedBy, Status: c.Status, Record: FromClaim(c)})
	}
	return out, nil
}
