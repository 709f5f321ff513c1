package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"treatyline/histdate"
	"treatyline/internal/report"
)

// dateCommand reads a historical date.
type dateCommand struct{}

func (*dateCommand) Summary() string {
	return "read a historical date (calendars, EDTF, Julian/Gregorian, Chinese era)"
}

func (c *dateCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "date", "TEXT | --find FILE",
		`Reads a date as a historian's source writes it — "16 mei 1858", "February 12 (February 24,
New Style calendar)", "1862–77", "the 1630s", "mid-19th century", "咸豐八年四月十六日",
"Xianfeng 8, 4th month, 16th day", EDTF such as "185X" — and prints its calendar, precision,
EDTF, first and last day in the Gregorian and Julian calendars, Julian Day Numbers and the
Chinese reign-era date. With --find, lists every date mention in a file ("-" for standard
input) with its span in code points.`)
	lang := fs.String("lang", "", "language of the text (en, nl, de, fr, ru, ...); en-us reads 05/06/1858 month first")
	calName := fs.String("calendar", "", "calendar of unmarked figures: gregorian or julian (default: Gregorian from 1582, Julian before)")
	year := fs.Int("year", 0, "year for a day and month written without one")
	find := fs.String("find", "", "list every date in this file (- for standard input)")
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	opts := histdate.Options{Lang: *lang, Year: *year}
	if *calName != "" {
		cal, err := histdate.ParseCalendar(*calName)
		if err != nil {
			return &inputError{fmt.Errorf("--calendar: %w", err)}
		}
		if cal == histdate.Chinese {
			return &inputError{errors.New("--calendar: chinese dates are recognised by their era names; give gregorian or julian")}
		}
		opts.Calendar = cal
	}
	if *find != "" {
		if len(rest) > 0 {
			return &inputError{errors.New("give either TEXT or --find FILE, not both")}
		}
		return c.find(m, *find, opts, *asJSON)
	}
	text := joinArgs(rest)
	if text == "" {
		fs.Usage()
		return &inputError{errors.New("no date given")}
	}
	r, err := report.ReadDate(text, opts)
	if err != nil {
		return &inputError{err}
	}
	if *asJSON {
		return writeJSON(m.Stdout, r)
	}
	printDate(m, r.Report)
	return nil
}

func printDate(m *Main, r histdate.Report) {
	w := m.Stdout
	fmt.Fprintf(w, "input       %s\n", r.Input)
	note := ""
	if r.CalendarNote != "" {
		note = " (" + r.CalendarNote + ")"
	}
	fmt.Fprintf(w, "calendar    %s%s\n", r.Calendar, note)
	fmt.Fprintf(w, "reading     %s\n", r.Written)
	fmt.Fprintf(w, "precision   %s\n", r.Precision)
	fmt.Fprintf(w, "edtf        %s\n", r.EDTF)
	fmt.Fprintf(w, "gregorian   %s\n", spanText(r.Gregorian))
	fmt.Fprintf(w, "julian      %s\n", spanText(r.Julian))
	if r.JulianOffset != nil {
		fmt.Fprintf(w, "offset      Julian is %d days behind Gregorian on this day\n", *r.JulianOffset)
	}
	if r.JDN.Earliest != nil || r.JDN.Latest != nil {
		fmt.Fprintf(w, "jdn         %s .. %s\n", jdnText(r.JDN.Earliest), jdnText(r.JDN.Latest))
	}
	if r.Chinese != "" {
		fmt.Fprintf(w, "chinese     %s", r.Chinese)
		if r.ChinesePinyin != "" {
			fmt.Fprintf(w, " (%s)", r.ChinesePinyin)
		}
		fmt.Fprintln(w)
	}
	if len(r.Qualifiers) > 0 {
		fmt.Fprintf(w, "qualifiers  %s\n", strings.Join(r.Qualifiers, ", "))
	}
	if r.YearFromContext {
		fmt.Fprintln(w, "note        the year was taken from context")
	}
	if r.Alternate != nil {
		// Written may already name its calendar ("1879-09-20 (julian)"):
		// say it once.
		also := r.Alternate.Written
		if cal := " (" + string(r.Alternate.Calendar) + ")"; !strings.HasSuffix(also, cal) {
			also += cal
		}
		fmt.Fprintf(w, "also        %s\n", also)
	}
}

func spanText(s histdate.SpanReport) string {
	a, b := "..", ".."
	if s.Start != nil {
		a = *s.Start
	}
	if s.End != nil {
		b = *s.End
	}
	if a == b {
		return a
	}
	return a + " .. " + b
}

func jdnText(j *histdate.JDN) string {
	if j == nil {
		return "open"
	}
	return fmt.Sprint(*j)
}

// mentionReport is one found date in `date --find --json`.
type mentionReport struct {
	Start      int             `json:"start"`
	End        int             `json:"end"`
	Text       string          `json:"text"`
	Incomplete bool            `json:"incomplete,omitempty"`
	Date       histdate.Report `json:"date"`
}

func (c *dateCommand) find(m *Main, path string, opts histdate.Options, asJSON bool) error {
	text, err := m.readText(path)
	if err != nil {
		return err
	}
	runes := []rune(text)
	out := []mentionReport{}
	for _, mn := range histdate.Find(text, opts) {
		out = append(out, mentionReport{Start: mn.Start, End: mn.End, Text: string(runes[mn.Start:mn.End]), Incomplete: mn.Incomplete, Date: mn.Date.Report()})
	}
	if asJSON {
		return writeJSON(m.Stdout, out)
	}
	for _, r := range out {
		reading := r.Date.EDTF
		if r.Incomplete {
			reading = "incomplete: no year"
		}
		fmt.Fprintf(m.Stdout, "%d-%d\t%s\t%s\t%s\n", r.Start, r.End, r.Text, reading, r.Date.Calendar)
	}
	return nil
}
