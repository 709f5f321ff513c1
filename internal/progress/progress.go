// Package progress shows how far long work has got — a count, a rate, and
// the time left when the total is known — on one line of a terminal that
// it rewrites in place. It writes nothing when its writer is not a
// terminal (a pipe, a file, a test's buffer), so that logs and scripts
// see only what a command means to print.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
)

// Interval is how often a Meter rewrites its line: often enough to look
// alive, rarely enough that a terminal is not the bottleneck.
const Interval = 200 * time.Millisecond

// Terminal gives w when it is a terminal and quiet is false, else nil (no
// progress). Only an *os.File can be a terminal.
func Terminal(w io.Writer, quiet bool) io.Writer {
	if quiet {
		return nil
	}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return f
	}
	return nil
}

// Meter counts units of work (documents, records) and shows the count on
// its writer. A Meter with a nil writer does nothing, so that callers need
// not ask whether progress is shown. It is not safe for concurrent use.
type Meter struct {
	w     io.Writer
	unit  string
	bytes bool  // count bytes, shown in MB
	total int64 // 0: unknown
	now   func() time.Time

	start, last time.Time
	done        int64
	width       int // of the line last written, to blank what is left of it
}

// New makes a Meter that writes to w (nothing when w is nil) about total
// units named unit ("documents"); total ≤ 0 when it is not known. The
// clock starts now.
func New(w io.Writer, unit string, total int64) *Meter {
	return NewClock(w, unit, total, time.Now)
}

// Bytes makes a Meter that counts bytes and shows them in megabytes
// (10^6 bytes), as New does units.
func Bytes(w io.Writer, total int64) *Meter {
	m := New(w, "MB", total)
	m.bytes = true
	return m
}

// NewClock is New with the clock given, for tests.
func NewClock(w io.Writer, unit string, total int64, now func() time.Time) *Meter {
	m := &Meter{w: w, unit: unit, total: max(total, 0), now: now}
	if w != nil {
		m.start = now()
		m.last = m.start
	}
	return m
}

// SetTotal sets the number of units, when it is known only after the
// work has begun (≤ 0: unknown).
func (m *Meter) SetTotal(total int64) { m.total = max(total, 0) }

// Add counts n more units done, and rewrites the line if Interval has
// passed since it was last written.
func (m *Meter) Add(n int64) { m.Set(m.done + n) }

// Set sets the count of units done, as Add does.
func (m *Meter) Set(done int64) {
	if m.w == nil {
		return
	}
	m.done = done
	if t := m.now(); t.Sub(m.last) >= Interval {
		m.last = t
		m.write(m.line(t), "")
	}
}

// Flush writes the line now, whatever the time since it was last
// written: before a step that reports nothing until it ends.
func (m *Meter) Flush() {
	if m.w == nil {
		return
	}
	m.last = m.now()
	m.write(m.line(m.last), "")
}

// Done writes the last line — the count, the time taken and the rate —
// and ends it, so that what the command prints next starts on a line of
// its own.
func (m *Meter) Done() {
	if m.w == nil {
		return
	}
	t := m.now()
	el := t.Sub(m.start)
	s := fmt.Sprintf("%s %s in %s", m.count(m.done), m.unit, round(el))
	if r := m.rate(m.done, el); r != "" {
		s += ", " + r
	}
	m.write(s, "\n")
	m.w = nil // a second Done writes nothing
}

// line gives the progress at time t: "1,200 / 10,000 documents  40/s  3m40s left".
func (m *Meter) line(t time.Time) string {
	el := t.Sub(m.start)
	var b strings.Builder
	b.WriteString(m.count(m.done))
	if m.total > 0 {
		fmt.Fprintf(&b, " / %s", m.count(m.total))
	}
	b.WriteString(" " + m.unit)
	if m.total > 0 {
		fmt.Fprintf(&b, " (%d%%)", min(100, m.done*100/m.total))
	}
	if r := m.rate(m.done, el); r != "" {
		b.WriteString("  " + r)
	}
	if m.total > 0 && m.done > 0 && m.done < m.total && el > 0 {
		left := time.Duration(float64(el) * float64(m.total-m.done) / float64(m.done))
		fmt.Fprintf(&b, "  %s left", round(left))
	}
	return b.String()
}

// write rewrites the line: back to its start, the text, blanks over what
// is left of a longer line before, then end.
func (m *Meter) write(s, end string) {
	pad := ""
	if n := len(s); n < m.width {
		pad = strings.Repeat(" ", m.width-n)
	}
	m.width = len(s)
	fmt.Fprintf(m.w, "\r%s%s%s", s, pad, end)
}

// count gives a count of units, or of bytes in MB.
func (m *Meter) count(n int64) string {
	if m.bytes {
		return fmt.Sprintf("%.1f", float64(n)/1e6)
	}
	return count(n)
}

// rate gives units per second, "" before any time has passed.
func (m *Meter) rate(n int64, el time.Duration) string {
	if el <= 0 {
		return ""
	}
	r := float64(n) / el.Seconds()
	if m.bytes {
		return fmt.Sprintf("%.1f MB/s", r/1e6)
	}
	if r >= 10 {
		return count(int64(r+0.5)) + "/s"
	}
	return fmt.Sprintf("%.1f/s", r)
}

// round gives a duration as a person reads it, to the precision that
// matters at its size: 2.5s, 42s, 3m05s, 1h23m.
func round(d time.Duration) string {
	switch {
	case d < 10*time.Second:
		return fmt.Sprintf("%.1fs", d.Seconds())
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Round(time.Second).Seconds()))
	case d < time.Hour:
		s := int(d.Round(time.Second).Seconds())
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	}
	m := int(d.Round(time.Minute).Minutes())
	return fmt.Sprintf("%dh%02dm", m/60, m%60)
}

// count writes n with thousands separated by commas.
func count(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
