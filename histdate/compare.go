package histdate

import "fmt"

// Relation is how two dates stand to each other on the common axis.
type Relation string

// The relations Compare reports. They look at the days each date can mean
// (its bounds), whatever calendar its figures are written in.
const (
	Equal           Relation = "equal"             // the same days, written in the same calendar
	SameDayCalendar Relation = "same_day_calendar" // the same days, written in different calendars
	Contains        Relation = "contains"          // a covers every day of b ("May 1858" contains 28 May 1858)
	Within          Relation = "within"            // b covers every day of a
	Overlaps        Relation = "overlaps"          // they share some days
	Before          Relation = "before"            // a ends before b starts
	After           Relation = "after"             // a starts after b ends
)

// Comparison is the outcome of Compare.
type Comparison struct {
	Relation Relation
	// OffsetDays is the Julian–Gregorian offset on that day when the two
	// are one day written in the two calendars (SameDayCalendar), else 0.
	OffsetDays int
	// GapDays is the number of days between the two when they are
	// disjoint (Before or After), else 0: from the last day of the earlier
	// to the first day of the later.
	GapDays int
	// Spans says that one of the two is longer than a day (a month, a
	// year), so that GapDays measures between their nearest ends.
	Spans bool
}

// String describes the comparison for people: "the same day, Julian vs
// Gregorian (12 days)".
func (c Comparison) String() string {
	switch c.Relation {
	case SameDayCalendar:
		if c.OffsetDays != 0 {
			return fmt.Sprintf("the same day in two calendars (Julian vs Gregorian, %d days)", c.OffsetDays)
		}
		return "the same days in two calendars"
	case Before, After:
		days := "days"
		if c.GapDays == 1 {
			days = "day"
		}
		if c.Spans {
			if c.GapDays == 1 && c.Relation == Before {
				return "ends the day before the other begins"
			}
			if c.GapDays == 1 {
				return "begins the day after the other ends"
			}
			if c.Relation == Before {
				return fmt.Sprintf("ends %d %s before the other begins", c.GapDays, days)
			}
			return fmt.Sprintf("begins %d %s after the other ends", c.GapDays, days)
		}
		return fmt.Sprintf("%s by %d %s", c.Relation, c.GapDays, days)
	}
	return string(c.Relation)
}

// Compare relates a to b by the days they can mean.
func Compare(a, b Date) Comparison {
	a0, a1 := a.Earliest(), a.Latest()
	b0, b1 := b.Earliest(), b.Latest()
	switch {
	case a0 == b0 && a1 == b1:
		if a.Calendar == b.Calendar {
			return Comparison{Relation: Equal}
		}
		c := Comparison{Relation: SameDayCalendar}
		if a0 == a1 {
			c.OffsetDays = Offset(a0)
		}
		return c
	case a1 < b0:
		return Comparison{Relation: Before, GapDays: int(b0 - a1), Spans: a0 != a1 || b0 != b1}
	case a0 > b1:
		return Comparison{Relation: After, GapDays: int(a0 - b1), Spans: a0 != a1 || b0 != b1}
	case a0 <= b0 && a1 >= b1:
		return Comparison{Relation: Contains}
	case b0 <= a0 && b1 >= a1:
		return Comparison{Relation: Within}
	}
	return Comparison{Relation: Overlaps}
}

// DualReading tells whether two single days could be one day written in
// the two calendars: read as written they lie exactly the Julian–Gregorian
// offset of their time apart, the later figures being the Gregorian ones.
// It returns the offset in days, and which of the two would be the Julian
// reading ("a" or "b"). "16 May 1858" and "28 May 1858", both taken as
// Gregorian, give 12 and "a".
func DualReading(a, b Date) (offset int, julian string, ok bool) {
	if !a.IsDay() || !b.IsDay() {
		return 0, "", false
	}
	// Read each figure in both calendars and look for the pairing that
	// names one day.
	fa, fb := a.From, b.From
	if ToJDN(Julian, fa.Year, fa.Month, fa.Day) == ToJDN(Gregorian, fb.Year, fb.Month, fb.Day) && ValidDay(Julian, fa.Year, fa.Month, fa.Day) {
		j := ToJDN(Gregorian, fb.Year, fb.Month, fb.Day)
		if off := Offset(j); off != 0 {
			return off, "a", true
		}
	}
	if ToJDN(Julian, fb.Year, fb.Month, fb.Day) == ToJDN(Gregorian, fa.Year, fa.Month, fa.Day) && ValidDay(Julian, fb.Year, fb.Month, fb.Day) {
		j := ToJDN(Gregorian, fa.Year, fa.Month, fa.Day)
		if off := Offset(j); off != 0 {
			return off, "b", true
		}
	}
	return 0, "", false
}
