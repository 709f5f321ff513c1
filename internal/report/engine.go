package report

import (
	"context"
	"strings"

	"treatyline/engine"
	"treatyline/histdate"
	"treatyline/kb"
	"treatyline/kb/kbsnap"
)

// LoadEngine builds the engine over the store's knowledge base.
func LoadEngine(ctx context.Context, st kb.Reader) (*engine.Engine, error) {
	r, err := readRecords(ctx, st)
	if err != nil {
		return nil, err
	}
	return engine.New(r.Entities, r.Claims, r.Provisions), nil
}

// readRecords reads what the engine is built over: every entity, claim
// and provision of the store (a snapshot's records, without its key).
func readRecords(ctx context.Context, st kb.Reader) (*kbsnap.Snapshot, error) {
	var r kbsnap.Snapshot
	var err error
	if r.Entities, err = st.Entities(ctx, ""); err != nil {
		return nil, err
	}
	if r.Claims, err = st.Claims(ctx, kb.ClaimFilter{}); err != nil {
		return nil, err
	}
	if r.Provisions, err = st.Provisions(ctx, ""); err != nil {
		return nil, err
	}
	return &r, nil
}

// ReadDay reads the date of an as-of question: anything `treatyline date`
// reads; a month, year or longer period is taken at its first day.
// EINVALID for a date that does not read or has no first day.
func ReadDay(text string) (histdate.JDN, error) {
	if day, ok := isoDay(text); ok {
		return day, nil
	}
	d, err := histdate.Parse(text, histdate.Options{})
	if err != nil {
		return 0, kb.Errorf(kb.EINVALID, "%v", err)
	}
	if d.Earliest() == histdate.MinJDN {
		return 0, kb.Errorf(kb.EINVALID, "date %q has no start", text)
	}
	return d.Earliest(), nil
}

// isoDay reads a day written YYYY-MM-DD (year 1583–9999), the form a
// program asks in, without histdate's reader, which tokenises the text for
// every form a person may write (a tenth of the server's work for one
// territory on a day). It gives what histdate.Parse gives for the text (a
// Gregorian day: TestReadDayISO and FuzzReadDay compare the two), and
// false for anything else, which ReadDay then gives to histdate.Parse:
// histdate reads an earlier day as Julian, where the Gregorian reform of
// 1582 had not yet reached.
func isoDay(text string) (histdate.JDN, bool) {
	if len(text) != 10 || text[4] != '-' || text[7] != '-' {
		return 0, false
	}
	n := func(s string) (int, bool) {
		v := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
			v = v*10 + int(s[i]-'0')
		}
		return v, true
	}
	y, ok1 := n(text[:4])
	m, ok2 := n(text[5:7])
	d, ok3 := n(text[8:])
	if !ok1 || !ok2 || !ok3 || y < 1583 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, false
	}
	j := histdate.GregorianToJDN(y, m, d)
	// A day past the month's end (1900-02-29) is not a day: histdate says
	// why.
	if y2, m2, d2 := histdate.JDNToGregorian(j); y2 != y || m2 != m || d2 != d {
		return 0, false
	}
	return j, true
}

// Perspective reads a perspective: a party ("consensus", "qing", "russia"
// or a polity id) and a comma-separated list of source ids, each of which
// must be among the stored sources. Its errors are EINVALID; one about
// sources begins "sources: ".
func Perspective(eng *engine.Engine, party, sources string, stored []kb.Source) (engine.Perspective, error) {
	var srcs []string
	if sources != "" {
		for _, s := range strings.Split(sources, ",") {
			s = strings.TrimSpace(s)
			if !hasSource(stored, s) {
				return engine.Perspective{}, kb.Errorf(kb.EINVALID, "sources: no source %q", s)
			}
			srcs = append(srcs, s)
		}
	}
	return eng.ParsePerspective(party, srcs)
}

func hasSource(ss []kb.Source, id string) bool {
	for _, s := range ss {
		if s.ID == id {
			return true
		}
	}
	return false
}

// Date is a date as `treatyline date --json` reports it, with Day: the
// Gregorian ISO day an as-of question on this date is asked about (its
// first day; absent when it has none).
type Date struct {
	histdate.Report
	Day string `json:"day,omitempty"`
}

// ReadDate reads a date as the date command does (EINVALID when it does
// not read).
func ReadDate(text string, opts histdate.Options) (Date, error) {
	d, err := histdate.Parse(text, opts)
	if err != nil {
		return Date{}, kb.Errorf(kb.EINVALID, "%v", err)
	}
	if opts.Calendar == "" && (opts.Lang == "ru" || strings.HasPrefix(strings.ToLower(opts.Lang), "ru-")) {
		// A Russian text's unmarked date may be Old Style: keep both.
		d, _ = d.WithOtherReading(histdate.RussianText)
	}
	r := Date{Report: d.Report()}
	if e := d.Earliest(); e != histdate.MinJDN {
		r.Day = histdate.ISO(histdate.Gregorian, e)
	}
	return r, nil
}
