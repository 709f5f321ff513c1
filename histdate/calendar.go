package histdate

import "fmt"

// Calendar names the calendar in which a date's figures are written.
type Calendar string

// The calendars treatyline reads.
const (
	Gregorian Calendar = "gregorian" // proleptic before 1582
	Julian    Calendar = "julian"    // proleptic before 45 BC; "Old Style"
	Chinese   Calendar = "chinese"   // lunisolar, counted in reign eras
	Japanese  Calendar = "japanese"  // counted in eras: lunisolar to 1872, Gregorian from 1873
)

// ParseCalendar reads a calendar name as a user or a data file writes it.
func ParseCalendar(s string) (Calendar, error) {
	switch fold(s) {
	case "gregorian", "greg", "ns", "n.s.", "new style", "gregoriaans":
		return Gregorian, nil
	case "julian", "jul", "os", "o.s.", "old style", "juliaans":
		return Julian, nil
	case "chinese", "lunisolar", "chinees":
		return Chinese, nil
	case "japanese", "japans", "wareki":
		return Japanese, nil
	}
	return "", fmt.Errorf("unknown calendar %q (want gregorian, julian, chinese or japanese)", s)
}

// JDN is a Julian Day Number: the count of days since 1 January 4713 BC
// (proleptic Julian), naming a whole civil day. JDN 2400000 is 16 November
// 1858 (Gregorian). It is the common axis on which dates in different
// calendars are compared.
type JDN int

// Years are astronomical throughout this package: year 0 is 1 BC, year -1 is
// 2 BC. The conversions are exact for any year the int type holds; they are
// tested for years -4000 to 4000.

// floorDiv divides rounding towards minus infinity.
func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// GregorianToJDN gives the day number of a proleptic Gregorian date.
func GregorianToJDN(y, m, d int) JDN {
	// Count from March so that the leap day ends the year.
	a := floorDiv(14-m, 12)
	yy := y + 4800 - a
	mm := m + 12*a - 3
	return JDN(d + (153*mm+2)/5 + 365*yy + floorDiv(yy, 4) - floorDiv(yy, 100) + floorDiv(yy, 400) - 32045)
}

// JulianToJDN gives the day number of a proleptic Julian date.
func JulianToJDN(y, m, d int) JDN {
	a := floorDiv(14-m, 12)
	yy := y + 4800 - a
	mm := m + 12*a - 3
	return JDN(d + (153*mm+2)/5 + 365*yy + floorDiv(yy, 4) - 32083)
}

// JDNToGregorian gives the proleptic Gregorian date of a day number.
func JDNToGregorian(j JDN) (y, m, d int) {
	a := int(j) + 32044
	b := floorDiv(4*a+3, 146097)
	c := a - floorDiv(146097*b, 4)
	dd := floorDiv(4*c+3, 1461)
	e := c - floorDiv(1461*dd, 4)
	mm := floorDiv(5*e+2, 153)
	d = e - floorDiv(153*mm+2, 5) + 1
	m = mm + 3 - 12*floorDiv(mm, 10)
	y = 100*b + dd - 4800 + floorDiv(mm, 10)
	return
}

// JDNToJulian gives the proleptic Julian date of a day number.
func JDNToJulian(j JDN) (y, m, d int) {
	c := int(j) + 32082
	dd := floorDiv(4*c+3, 1461)
	e := c - floorDiv(1461*dd, 4)
	mm := floorDiv(5*e+2, 153)
	d = e - floorDiv(153*mm+2, 5) + 1
	m = mm + 3 - 12*floorDiv(mm, 10)
	y = dd - 4800 + floorDiv(mm, 10)
	return
}

// ToJDN converts a day in the Gregorian or Julian calendar.
func ToJDN(cal Calendar, y, m, d int) JDN {
	if cal == Julian {
		return JulianToJDN(y, m, d)
	}
	return GregorianToJDN(y, m, d)
}

// FromJDN converts a day number to the Gregorian or Julian calendar.
func FromJDN(cal Calendar, j JDN) (y, m, d int) {
	if cal == Julian {
		return JDNToJulian(j)
	}
	return JDNToGregorian(j)
}

// IsLeap reports whether y has 29 February in the calendar.
func IsLeap(cal Calendar, y int) bool {
	if y%4 != 0 {
		return false
	}
	if cal == Julian {
		return true
	}
	return y%100 != 0 || y%400 == 0
}

var monthDays = [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// DaysIn gives the number of days of month m of year y.
func DaysIn(cal Calendar, y, m int) int {
	if m == 2 && IsLeap(cal, y) {
		return 29
	}
	return monthDays[m]
}

// ValidDay reports whether y-m-d is a day of the calendar.
func ValidDay(cal Calendar, y, m, d int) bool {
	return m >= 1 && m <= 12 && d >= 1 && d <= DaysIn(cal, y, m)
}

// Offset gives how many days the Julian calendar lags the Gregorian on day
// j: 10 in 1582–1700, 11 in the 1700s, 12 in the 1800s, 13 from 1 March 1900
// (Julian 29 February 1900 being the day on which it grows). Negative far
// back in time.
func Offset(j JDN) int {
	gy, gm, gd := JDNToGregorian(j)
	jy, jm, jd := JDNToJulian(j)
	// The two figures name the same day; the offset is the difference of
	// their day numbers when both are read in one calendar.
	return int(GregorianToJDN(gy, gm, gd) - GregorianToJDN(jy, jm, jd))
}
