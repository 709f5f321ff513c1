package histdate

// Old Style and New Style: a date whose style the text does not mark may
// have been written in either calendar. Russia kept the Julian calendar
// until 31 January 1918 (Old Style), the day before 14 February 1918 (New
// Style); Russian documents, and many documents about Russian events,
// date by it without saying so. Such a date keeps both readings: the one
// chosen (Gregorian by default) and the other, with the reason it may be
// meant.

// RussianText is the reason a date of a Russian-language text may be Old
// Style.
const RussianText = "a Russian-language text: Russia dated Old Style (Julian) until 1918"

// Last day of the Julian calendar in Russia, and the first of the
// Gregorian reform, as day numbers.
var (
	lastOldStyleDay  = GregorianToJDN(1918, 2, 13)
	firstNewStyleDay = GregorianToJDN(1582, 10, 15)
)

// StyleOpen reports whether the date's calendar is an open question: its
// figures are Julian or Gregorian by default or by an inference, not by a
// mark in the text or a dual dating; it names a day or a month (a year
// read in the other style moves only by days at its edges, and would blur
// real disagreements of a year); and it falls between the Gregorian reform
// (15 October 1582) and Russia's change of calendar (14 February 1918),
// where the two readings differ.
func (d Date) StyleOpen() bool {
	if d.Interval || d.Alternate != nil || d.YearFromContext && d.From.Precision != Day {
		return false
	}
	if d.Calendar != Gregorian && d.Calendar != Julian {
		return false
	}
	switch d.CalendarNote {
	case "default", "given by the caller", "":
	default:
		return false
	}
	if d.From.Precision != Day && d.From.Precision != Month {
		return false
	}
	lo := d.From.Earliest
	return lo >= firstNewStyleDay && lo <= lastOldStyleDay
}

// OtherStyle reads the date's figures in the other calendar: "2 November
// 1860" read as Old Style if it was read as New Style, and the reverse.
// ok is false when the figures name no day there (29 February 1900 is
// Julian only) or the date is not StyleOpen.
func (d Date) OtherStyle() (Date, bool) {
	if !d.StyleOpen() {
		return Date{}, false
	}
	cal := Julian
	if d.Calendar == Julian {
		cal = Gregorian
	}
	out := d
	out.Calendar = cal
	out.OtherReading, out.OtherReadingWhy = nil, ""
	p := d.From
	switch p.Precision {
	case Day:
		if !ValidDay(cal, p.Year, p.Month, p.Day) {
			return Date{}, false
		}
		out.From = NewDay(cal, p.Year, p.Month, p.Day)
	case Month:
		out.From = NewMonth(cal, p.Year, p.Month)
	}
	out.CalendarNote = "the same figures read as " + styleName(cal)
	return out, true
}

// WithOtherReading returns the date with its other-style reading and the
// reason the text may mean it, when the date is StyleOpen; otherwise the
// date unchanged and false.
func (d Date) WithOtherReading(why string) (Date, bool) {
	o, ok := d.OtherStyle()
	if !ok {
		return d, false
	}
	d.OtherReading, d.OtherReadingWhy = &o, why
	return d, true
}
