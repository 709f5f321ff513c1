package histdate

import "treatyline/histdate/japanese"

// Report is the machine-readable account of a date, as `treatyline date
// --json` prints it and the HTTP API serves it. Open ends are null.
type Report struct {
	Input           string     `json:"input"`
	Lang            string     `json:"lang,omitempty"`
	Calendar        Calendar   `json:"calendar"`
	CalendarNote    string     `json:"calendar_note,omitempty"`
	Precision       string     `json:"precision"`
	Interval        bool       `json:"interval"`
	EDTF            string     `json:"edtf"`
	Written         string     `json:"as_written"`
	Gregorian       SpanReport `json:"gregorian"`
	Julian          SpanReport `json:"julian"`
	JDN             JDNReport  `json:"jdn"`
	Chinese         string     `json:"chinese,omitempty"`
	ChinesePinyin   string     `json:"chinese_pinyin,omitempty"`
	Japanese        string     `json:"japanese,omitempty"`
	JapaneseRomaji  string     `json:"japanese_romaji,omitempty"`
	Qualifiers      []string   `json:"qualifiers"`
	YearFromContext bool       `json:"year_from_context,omitempty"`
	Context         string     `json:"context,omitempty"`
	Season          string     `json:"season,omitempty"`
	Alternate       *Report    `json:"alternate,omitempty"`
	// OtherReading is the other-style reading of a date whose style the
	// text leaves open, and OtherReadingWhy the reason it may be meant.
	OtherReading    *Report `json:"other_reading,omitempty"`
	OtherReadingWhy string  `json:"other_reading_why,omitempty"`
	JulianOffset    *int    `json:"julian_gregorian_offset_days,omitempty"`
	Incomplete      bool    `json:"incomplete,omitempty"`
}

// SpanReport gives the first and last day a date can mean as ISO dates in
// one calendar; nil for an open end.
type SpanReport struct {
	Start *string `json:"start"`
	End   *string `json:"end"`
}

// JDNReport gives the bounds as Julian Day Numbers; nil for an open end.
type JDNReport struct {
	Earliest *JDN `json:"earliest"`
	Latest   *JDN `json:"latest"`
}

// Report describes the date for machines.
func (d Date) Report() Report {
	r := Report{
		Input:           d.Written,
		Lang:            d.Lang,
		Calendar:        d.Calendar,
		CalendarNote:    d.CalendarNote,
		Precision:       d.Precision().String(),
		Interval:        d.Interval,
		EDTF:            d.EDTF(),
		Written:         d.String(),
		Qualifiers:      d.Qualifiers.Names(),
		YearFromContext: d.YearFromContext,
		Context:         d.Context,
		Season:          [...]string{"", "spring", "summer", "autumn", "winter"}[d.Season%5],
		Chinese:         d.ChineseText,
		Japanese:        d.JapaneseText,
	}
	lo, hi := d.Earliest(), d.Latest()
	if lo == MinJDN && hi == MaxJDN {
		r.Incomplete = true
		return r
	}
	span := func(cal Calendar) SpanReport {
		var s SpanReport
		if lo != MinJDN {
			v := ISO(cal, lo)
			s.Start = &v
		}
		if hi != MaxJDN {
			v := ISO(cal, hi)
			s.End = &v
		}
		return s
	}
	r.Gregorian, r.Julian = span(Gregorian), span(Julian)
	if lo != MinJDN {
		r.JDN.Earliest = &lo
	}
	if hi != MaxJDN {
		r.JDN.Latest = &hi
	}
	if lo == hi {
		off := Offset(lo)
		r.JulianOffset = &off
		if r.Chinese == "" {
			r.Chinese, r.ChinesePinyin = chineseDay(lo)
		}
	}
	if d.Calendar == Japanese && lo == hi {
		if jd, ok := japanese.FromJDN(int(lo)); ok {
			r.JapaneseRomaji = jd.Romaji()
		}
	}
	if d.OtherReading != nil {
		o := d.OtherReading.Report()
		r.OtherReading, r.OtherReadingWhy = &o, d.OtherReadingWhy
	}
	if d.Alternate != nil {
		a := d.Alternate.Report()
		r.Alternate = &a
	}
	return r
}
