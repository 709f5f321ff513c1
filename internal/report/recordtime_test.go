package report

import (
	"testing"
	"time"

	"treatyline/kb"
)

func TestReadRecordTime(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want time.Time
		err  bool
	}{
		{"2026-12-03T14:00:00Z", time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), false},
		{"2026-12-03T14:00:00.123456789Z", time.Date(2026, 12, 3, 14, 0, 0, 123456789, time.UTC), false},
		{"2026-12-03T15:00:00+01:00", time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), false},
		{" 2026-12-03 14:00 ", time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), false},
		{"2026-12-03 14:00:05", time.Date(2026, 12, 3, 14, 0, 5, 0, time.UTC), false},
		{"2026-12-03T14:00", time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), false},
		{"2026-12-03", time.Date(2026, 12, 3, 23, 59, 59, 999999000, time.UTC), false}, // the end of the day
		{"", time.Time{}, true},
		{"yesterday", time.Time{}, true},
		{"2026-13-01", time.Time{}, true},
		{"12/03/2026", time.Time{}, true},
		{"1859-01-01 noon", time.Time{}, true},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ReadRecordTime(tt.in)
			if tt.err {
				if kb.ErrorCode(err) != kb.EINVALID {
					t.Errorf("ReadRecordTime(%q) = %v, %v; want EINVALID", tt.in, got, err)
				}
				return
			}
			if err != nil || !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("ReadRecordTime(%q) = %v, %v; want %v in UTC", tt.in, got, err, tt.want)
			}
		})
	}
}

// FuzzReadRecordTime: any text reads as a time in UTC or as EINVALID
// naming it, never a panic.
func FuzzReadRecordTime(f *testing.F) {
	for _, s := range []string{"2026-12-03T14:00:00Z", "2026-12-03", "2026-12-03 14:00", "9999-12-31", "0000-01-01T00:00:00-23:59", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ReadRecordTime(s)
		if err != nil {
			if kb.ErrorCode(err) != kb.EINVALID {
				t.Fatalf("ReadRecordTime(%q): %v; want EINVALID", s, err)
			}
			return
		}
		if got.Location() != time.UTC {
			t.Fatalf("ReadRecordTime(%q) = %v, not in UTC", s, got)
		}
	})
}
