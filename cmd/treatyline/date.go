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
	return "read a historical date (calendars, EDTF, Julian/Gregorian, Chinese and Japanese eras)"
}

func (c *dateCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "date", "TEXT | --find FILE",
		`Reads a date as a historian's source writes it — "16 mei 1858", "February 12 (February 24,
New Style calendar)", "1862–77", "the 1630s", "mid-19th century", "咸豐八年四月十六日",
"Xianfeng 8, 4th month, 16th day", "明治22年2月11日", "慶応3年10月14日(1867年11月9日)",
"the 22nd year of Meiji", "22-й год Мэйдзи", EDTF such as "185X" — and prints its calendar,
precision, EDTF, first and last day in the Gregorian and Julian calendars, Julian Day Numbers,
the Chinese reign-era date and, for a Japanese era date, the era date. With --find, lists every
date mention in a file ("-" for standard input) with its span in code points, as a narrative
reads: a day, month or season without a year takes it from the dates before it (the context says
where), relative dates ("the following year", "two days later") are reckoned from them, and
durations ("six years": P6Y), recurring times ("daily") and references to the time of writing
("now") are listed by kind.`)
	lang := fs.String("lang", "", "language of the text (en, nl, de, fr, ru, ...); en-us reads 05/06/1858 month first")
	calName := fs.String("calendar", "", "calendar of unmarked figures: gregorian or julian (default: Gregorian from 1582, Julian before)")
	year := fs.Int("year", 0, "year for a day and month written without one, when the text gives none before it")
	find := fs.String("find", "", "list every date in this file (- for standard input)")
	asJSON := jsonFlags(fs)
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
		if cal == histdate.Chinese || cal == histdate.Japanese {
			return &inputError{fmt.Errorf("--calendar: %s dates are recognised by their era names; give gregorian or julian", cal)}
		}
		opts.Calendar = cal
	}
	if *find != "" {
		if len(rest) > 0 {
			return &inputError{errors.New("give either TEXT or --find FILE, not both")}
		}
		return c.find(m, *find, opts, asJSON)
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
	if asJSON.on() {
		return asJSON.write(m.Stdout, r)
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
	if o := r.OtherReading; o != nil && o.Gregorian.Start != nil {
		span := *o.Gregorian.Start
		if o.Gregorian.End != nil && *o.Gregorian.End != span {
			span += " .. " + *o.Gregorian.End
		}
		fmt.Fprintf(w, "or          read as %s: Gregorian %s (%s)\n", o.Calendar, span, r.OtherReadingWhy)
	}
	if r.Japanese != "" {
		fmt.Fprintf(w, "japanese    %s", r.Japanese)
		if r.JapaneseRomaji != "" {
			fmt.Fprintf(w, " (%s)", r.JapaneseRomaji)
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
	Start      int              `json:"start"`
	End        int              `json:"end"`
	Text       string           `json:"text"`
	Kind       string           `json:"kind"`
	Incomplete bool             `json:"incomplete,omitempty"`
	Duration   string           `json:"duration,omitempty"`
	Reference  string           `json:"reference,omitempty"`
	Relation   string           `json:"relation,omitempty"`
	Date       *histdate.Report `json:"date,omitempty"`
}

func (c *dateCommand) find(m *Main, path string, opts histdate.Options, asJSON *jsonFlag) error {
	text, err := m.readText(path)
	if err != nil {
		return err
	}
	runes := []rune(text)
	out := []mentionReport{}
	for _, mn := range histdate.Find(text, opts) {
		r := mentionReport{Start: mn.Start, End: mn.End, Text: string(runes[mn.Start:mn.End]), Kind: mn.Kind.String(),
			Incomplete: mn.Incomplete, Duration: mn.Duration, Reference: mn.Reference, Relation: mn.Relation}
		if mn.Kind == histdate.KindDate || mn.Kind == histdate.KindRelative && !mn.Incomplete {
			d := mn.Date.Report()
			r.Date = &d
		}
		out = append(out, r)
	}
	if asJSON.on() {
		return asJSON.write(m.Stdout, out)
	}
	for _, r := range out {
		var reading, cal string
		switch {
		case r.Duration != "":
			reading, cal = r.Duration, "duration"
		case r.Reference != "":
			reading, cal = r.Reference, "reference"
		case r.Incomplete && r.Relation != "":
			reading, cal = "relative, not reckoned: "+r.Relation, "relative"
		case r.Incomplete:
			reading = "incomplete: no year"
		default:
			reading, cal = r.Date.EDTF, string(r.Date.Calendar)
			if r.Date.Context != "" {
				cal += "\t" + r.Date.Context
			}
		}
		fmt.Fprintf(m.Stdout, "%d-%d\t%s\t%s\t%s\n", r.Start, r.End, r.Text, reading, cal)
	}
	return nil
}
