package progress

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// step is one call on a Meter: the clock moves by after, then Add(add) or
// Done.
type step struct {
	after time.Duration
	add   int64
	done  bool
}

func TestMeter(t *testing.T) {
	tests := []struct {
		name  string
		unit  string
		total int64
		steps []step
		want  string // what was written, \r shown as |
	}{
		{
			name: "known total: count, share, rate, time left", unit: "documents", total: 100,
			steps: []step{{after: time.Second, add: 10}, {after: time.Second, add: 10}, {done: true}},
			want:  "|10 / 100 documents (10%)  10/s  9.0s left|20 / 100 documents (20%)  10/s  8.0s left|20 documents in 2.0s, 10/s               \n",
		},
		{
			name: "unknown total: count and rate", unit: "records",
			steps: []step{{after: 2 * time.Second, add: 5000}, {after: 8 * time.Second, add: 2_000_000}, {after: 100 * time.Millisecond, done: true}},
			want:  "|5,000 records  2,500/s|2,005,000 records  200,500/s|2,005,000 records in 10s, 198,515/s\n",
		},
		{
			name: "no line before the interval", unit: "files", total: 3,
			steps: []step{{after: Interval / 2, add: 1}, {after: Interval / 4, add: 1}, {after: Interval / 4, add: 1}, {done: true}},
			want:  "|3 / 3 files (100%)  15/s|3 files in 0.2s, 15/s   \n",
		},
		{
			name: "slow work: a rate in tenths, minutes left", unit: "documents", total: 1000,
			steps: []step{{after: 10 * time.Second, add: 2}, {done: true}},
			want:  "|2 / 1,000 documents (0%)  0.2/s  1h23m left|2 documents in 10s, 0.2/s                  \n",
		},
		{
			name: "minutes left", unit: "records", total: 10_000,
			steps: []step{{after: 30 * time.Second, add: 1500}},
			want:  "|1,500 / 10,000 records (15%)  50/s  2m50s left",
		},
		{
			name: "nothing done", unit: "documents", total: 5,
			steps: []step{{done: true}},
			want:  "|0 documents in 0.0s\n",
		},
		{
			name: "a second Done writes nothing", unit: "rows",
			steps: []step{{after: time.Second, add: 1}, {done: true}, {done: true}},
			want:  "|1 rows  1.0/s|1 rows in 1.0s, 1.0/s\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			clock := time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC)
			m := NewClock(&buf, tt.unit, tt.total, func() time.Time { return clock })
			for _, s := range tt.steps {
				clock = clock.Add(s.after)
				if s.done {
					m.Done()
				} else {
					m.Add(s.add)
				}
			}
			if got := strings.ReplaceAll(buf.String(), "\r", "|"); got != tt.want {
				t.Errorf("wrote\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestBytesAndFlush: a byte meter shows megabytes; Flush writes at once.
func TestBytesAndFlush(t *testing.T) {
	tests := []struct {
		name  string
		total int64
		steps []step
		flush bool
		want  string
	}{
		{"flushed at the start", 0, []step{{add: 0}}, true, "|0.0 MB"},
		{"a rate in MB/s", 4_000_000, []step{{after: 2 * time.Second, add: 1_000_000}, {done: true}},
			false, "|1.0 / 4.0 MB (25%)  0.5 MB/s  6.0s left|1.0 MB in 2.0s, 0.5 MB/s               \n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			clock := time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC)
			m := Bytes(&buf, tt.total)
			m.now, m.start, m.last = func() time.Time { return clock }, clock, clock
			for _, s := range tt.steps {
				clock = clock.Add(s.after)
				if s.done {
					m.Done()
				} else {
					m.Add(s.add)
				}
			}
			if tt.flush {
				m.Flush()
			}
			if got := strings.ReplaceAll(buf.String(), "\r", "|"); got != tt.want {
				t.Errorf("wrote\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestSilent: a Meter without a writer does nothing, and Terminal gives no
// writer for a file that is not a terminal or when asked to be quiet.
func TestSilent(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	tests := []struct {
		name  string
		w     any
		quiet bool
	}{
		{"a file", f, false},
		{"a buffer", &buf, false},
		{"quiet", f, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, _ := tt.w.(interface{ Write([]byte) (int, error) })
			if got := Terminal(w, tt.quiet); got != nil {
				t.Errorf("Terminal = %v, want nil", got)
			}
		})
	}
	m := New(nil, "documents", 10)
	m.Add(5)
	m.Done()
	if st, _ := f.Stat(); st.Size() != 0 || buf.Len() != 0 {
		t.Errorf("a silent meter wrote something")
	}
}

func TestCount(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {123456, "123,456"}, {1234567, "1,234,567"}, {-1234, "-1,234"}}
	for _, tt := range tests {
		if got := count(tt.n); got != tt.want {
			t.Errorf("count(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
