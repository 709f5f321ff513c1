package histdate

import (
	"fmt"

	"treatyline/histdate/japanese"
)

// Japanese era dates are read by package japanese; this file turns them
// into Dates. The figures of a Japanese date's points are those of its
// calendar: before 1873 Year is the Gregorian year in which the lunisolar
// year's New Year falls and Month and Day the lunisolar month and day;
// from Meiji 6 they are Gregorian. The date in characters is kept in
// JapaneseText.

var japanesePrecision = map[japanese.Precision]Precision{japanese.Year: Year, japanese.Month: Month, japanese.Day: Day}

// FromJapanese makes a Date of a Japanese era date. A Gregorian date the
// text gave beside it ("慶応3年10月14日(1867年11月9日)") becomes the
// Alternate.
func FromJapanese(jd japanese.Date, written string) (Date, error) {
	if err := jd.Validate(); err != nil {
		return Date{}, err
	}
	lo, hi := jd.JDNRange()
	y, _ := jd.CalendarYear()
	note := "era " + jd.EraRomaji + ", Gregorian months from 1873"
	if jd.Lunisolar() {
		note = "era " + jd.EraRomaji + ", lunisolar months before 1873"
	}
	if jd.MayBeDayLater() {
		note += "; before 1685 the Japanese month may have begun a day later than computed, so the day after is included"
	}
	p := Point{Precision: japanesePrecision[jd.Precision], Year: y, Month: jd.Month, Day: jd.Day, Earliest: JDN(lo), Latest: JDN(hi)}
	d := Date{
		Written:      written,
		Lang:         "ja",
		Calendar:     Japanese,
		CalendarNote: note,
		From:         p,
		JapaneseText: jd.String(),
	}
	if w := jd.Western; w != nil {
		var alt Date
		switch {
		case w.Day != 0:
			alt = OnDay(Gregorian, w.Year, w.Month, w.Day)
		case w.Month != 0:
			alt = Date{Calendar: Gregorian, From: NewMonth(Gregorian, w.Year, w.Month)}
		default:
			alt = Date{Calendar: Gregorian, From: NewYear(Gregorian, w.Year)}
		}
		alt.CalendarNote = "Gregorian date given beside the era date"
		alt.Written = fmt.Sprintf("%d", w.Year)
		if w.Month != 0 {
			alt.Written = ISO(Gregorian, alt.From.Earliest)[:7]
		}
		if w.Day != 0 {
			alt.Written = ISO(Gregorian, alt.From.Earliest)
		}
		d.Alternate = &alt
	}
	if jd.Precision != japanese.Year {
		// Only the Latin and Cyrillic forms are written in another language.
		for _, r := range written {
			if r >= 'A' && r <= 'z' || r >= 'А' && r <= 'я' {
				d.Lang = ""
				break
			}
		}
	}
	return d, nil
}

// parseJapanese reads input as a Japanese era date. ok is false when the
// input names no Japanese era.
func parseJapanese(in string) (d Date, ok bool, err error) {
	jd, perr := japanese.Parse(in)
	if perr != nil {
		pe, isPE := perr.(*japanese.ParseError)
		if !isPE || pe.NoEra {
			return Date{}, false, nil
		}
		return Date{}, true, &ParseError{Input: in, Start: pe.Start, End: pe.End, Msg: "Japanese date: " + pe.Msg}
	}
	d, err = FromJapanese(jd, in)
	if err != nil {
		return Date{}, true, &ParseError{Input: in, Msg: "Japanese date: " + err.Error()}
	}
	return d, true, nil
}

// mergeJapanese adds the Japanese era dates of a text to the mentions
// found otherwise, dropping those that overlap them.
func mergeJapanese(text string, found []Mention) []Mention {
	jm := japanese.Find(text)
	if len(jm) == 0 {
		return found
	}
	r := []rune(text)
	era := make([]Mention, 0, len(jm))
	for _, f := range jm {
		d, err := FromJapanese(f.Date, string(r[f.Start:f.End]))
		if err != nil {
			continue
		}
		era = append(era, Mention{Start: f.Start, End: f.End, Date: d})
	}
	return mergeEraMentions(found, era)
}

// eraCalendarsByName drops a Chinese or Japanese calendar from the options:
// those dates are known by their era names, and figures without one are
// read as unmarked.
func eraCalendarsByName(opts Options) Options {
	if opts.Calendar == Chinese || opts.Calendar == Japanese {
		opts.Calendar = ""
	}
	return opts
}
