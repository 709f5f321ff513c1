package histdate

import (
	"fmt"
	"testing"
)

// Known Julian (Old Style) and Gregorian (New Style) pairs for one day.
var calendarPairs = []struct {
	name       string
	jy, jm, jd int
	gy, gm, gd int
}{
	{"Aigun signed", 1858, 5, 16, 1858, 5, 28},
	{"Peking signed", 1860, 11, 2, 1860, 11, 14},
	{"St Petersburg signed", 1881, 2, 12, 1881, 2, 24},
	{"Tianjin signed", 1858, 6, 1, 1858, 6, 13},
	{"Nerchinsk signed", 1689, 8, 27, 1689, 9, 6},
	{"Livadia signed", 1879, 9, 20, 1879, 10, 2},
	{"last Julian day in Rome", 1582, 10, 4, 1582, 10, 14},
	{"first Gregorian day in Rome", 1582, 10, 5, 1582, 10, 15},
	{"offset 10 before Julian 29 Feb 1700", 1700, 2, 18, 1700, 2, 28},
	{"offset 10 on Julian 19 Feb 1700", 1700, 2, 19, 1700, 3, 1},
	{"Julian leap day 1700", 1700, 2, 29, 1700, 3, 11},
	{"offset 11 from March 1700", 1700, 3, 1, 1700, 3, 12},
	{"offset 11 on Julian 28 Feb 1800", 1800, 2, 28, 1800, 3, 11},
	{"offset 12 from March 1800", 1800, 3, 1, 1800, 3, 13},
	{"offset 12 on Julian 28 Feb 1900", 1900, 2, 28, 1900, 3, 12},
	{"offset 13 from March 1900", 1900, 3, 1, 1900, 3, 14},
	{"October Revolution", 1917, 10, 25, 1917, 11, 7},
	{"Russia's last Julian day", 1918, 1, 31, 1918, 2, 13},
	{"Britain's last Julian day", 1752, 9, 2, 1752, 9, 13},
	{"Newton born", 1642, 12, 25, 1643, 1, 4},
	{"Shakespeare died", 1616, 4, 23, 1616, 5, 3},
	{"Peter the Great born", 1672, 5, 30, 1672, 6, 9},
	{"Poltava", 1709, 6, 27, 1709, 7, 8},
	{"Borodino", 1812, 8, 26, 1812, 9, 7},
	{"Decembrist revolt", 1825, 12, 14, 1825, 12, 26},
	{"Emancipation manifesto", 1861, 2, 19, 1861, 3, 3},
	{"Alexander II killed", 1881, 3, 1, 1881, 3, 13},
	{"Bloody Sunday", 1905, 1, 9, 1905, 1, 22},
	{"Kyakhta, offset 11", 1727, 10, 21, 1727, 11, 1},
	{"Washington born (new-year 1 January)", 1732, 2, 11, 1732, 2, 22},
	{"calendars agree in the 3rd century", 250, 6, 1, 250, 6, 1},
	{"Ides of March 44 BC", -43, 3, 15, -43, 3, 13},
	{"year 1 AD", 1, 1, 3, 1, 1, 1},
	{"year 4000, offset 28", 4000, 1, 1, 4000, 1, 29},
	{"year -4000, offset -32", -4000, 3, 1, -4000, 1, 29},
}

func TestCalendarPairs(t *testing.T) {
	for _, c := range calendarPairs {
		t.Run(c.name, func(t *testing.T) {
			j := JulianToJDN(c.jy, c.jm, c.jd)
			g := GregorianToJDN(c.gy, c.gm, c.gd)
			if j != g {
				t.Fatalf("Julian %d-%02d-%02d is JDN %d, Gregorian %d-%02d-%02d is JDN %d; want one day", c.jy, c.jm, c.jd, j, c.gy, c.gm, c.gd, g)
			}
			if y, m, d := JDNToGregorian(j); y != c.gy || m != c.gm || d != c.gd {
				t.Errorf("JDNToGregorian(%d) = %d-%d-%d, want %d-%d-%d", j, y, m, d, c.gy, c.gm, c.gd)
			}
			if y, m, d := JDNToJulian(g); y != c.jy || m != c.jm || d != c.jd {
				t.Errorf("JDNToJulian(%d) = %d-%d-%d, want %d-%d-%d", g, y, m, d, c.jy, c.jm, c.jd)
			}
		})
	}
}

func TestKnownDayNumbers(t *testing.T) {
	for _, c := range []struct {
		cal     Calendar
		y, m, d int
		want    JDN
	}{
		{Julian, -4712, 1, 1, 0},
		{Gregorian, -4713, 11, 24, 0},
		{Gregorian, 2000, 1, 1, 2451545},
		{Gregorian, 1858, 11, 17, 2400001}, // MJD 0
		{Gregorian, 1582, 10, 15, 2299161},
		{Julian, 1582, 10, 4, 2299160},
		{Julian, 1, 1, 1, 1721424},
		{Gregorian, 1, 1, 1, 1721426},
	} {
		if got := ToJDN(c.cal, c.y, c.m, c.d); got != c.want {
			t.Errorf("ToJDN(%s, %d-%d-%d) = %d, want %d", c.cal, c.y, c.m, c.d, got, c.want)
		}
	}
}

func TestOffset(t *testing.T) {
	for _, c := range []struct {
		y, m, d int // Gregorian
		want    int
	}{
		{1582, 10, 15, 10}, {1699, 12, 31, 10}, {1700, 3, 11, 10}, {1700, 3, 12, 11},
		{1799, 6, 1, 11}, {1858, 5, 28, 12}, {1900, 3, 13, 12}, {1900, 3, 14, 13},
		{2000, 1, 1, 13}, {2100, 3, 14, 13}, {2100, 3, 15, 14}, {250, 6, 1, 0}, {-43, 3, 13, -2},
	} {
		if got := Offset(GregorianToJDN(c.y, c.m, c.d)); got != c.want {
			t.Errorf("Offset(%d-%d-%d) = %d, want %d", c.y, c.m, c.d, got, c.want)
		}
	}
}

// refDayNumber counts days the slow way, year by year in blocks, as an
// independent check of the closed formulas.
func refDayNumber(cal Calendar, y, m, d int) JDN {
	yy := y - 1
	days := 365*yy + floorDiv(yy, 4)
	base := 1721424 // Julian 1 January 1
	if cal == Gregorian {
		days += -floorDiv(yy, 100) + floorDiv(yy, 400)
		base = 1721426
	}
	for k := 1; k < m; k++ {
		days += DaysIn(cal, y, k)
	}
	return JDN(base + days + d - 1)
}

// refFromDayNumber inverts refDayNumber by search.
func refFromDayNumber(cal Calendar, j JDN) (int, int, int) {
	lo, hi := -6000, 6000
	for lo < hi { // the last year whose 1 January is not after j
		mid := floorDiv(lo+hi+1, 2)
		if refDayNumber(cal, mid, 1, 1) <= j {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	y, m := lo, 1
	for m < 12 && refDayNumber(cal, y, m+1, 1) <= j {
		m++
	}
	return y, m, int(j-refDayNumber(cal, y, m, 1)) + 1
}

func TestReferenceAgreesOverRange(t *testing.T) {
	for _, cal := range []Calendar{Gregorian, Julian} {
		start, end := ToJDN(cal, -4000, 1, 1), ToJDN(cal, 4000, 12, 31)
		for j := start; j <= end; j += 97 {
			checkAgainstReference(t, cal, j)
		}
	}
}

func checkAgainstReference(t *testing.T, cal Calendar, j JDN) {
	t.Helper()
	y, m, d := FromJDN(cal, j)
	ry, rm, rd := refFromDayNumber(cal, j)
	if y != ry || m != rm || d != rd {
		t.Fatalf("%s day %d: formula %d-%d-%d, reference %d-%d-%d", cal, j, y, m, d, ry, rm, rd)
	}
	if !ValidDay(cal, y, m, d) {
		t.Fatalf("%s day %d: %d-%d-%d is no day", cal, j, y, m, d)
	}
	if got := ToJDN(cal, y, m, d); got != j {
		t.Fatalf("%s %d-%d-%d: formula gives %d, want %d", cal, y, m, d, got, j)
	}
	if got := refDayNumber(cal, y, m, d); got != j {
		t.Fatalf("%s %d-%d-%d: reference gives %d, want %d", cal, y, m, d, got, j)
	}
}

// FuzzCalendars checks that the closed formulas and the day-counting
// reference agree on every day of years -4000..4000, in both calendars,
// and that Julian and Gregorian figures of one day convert into each other.
func FuzzCalendars(f *testing.F) {
	for _, c := range calendarPairs {
		f.Add(int64(JulianToJDN(c.jy, c.jm, c.jd)))
	}
	lo, hi := int64(GregorianToJDN(-4000, 1, 1)), int64(GregorianToJDN(4000, 12, 31))
	f.Fuzz(func(t *testing.T, n int64) {
		span := hi - lo + 1
		j := JDN(lo + ((n%span)+span)%span)
		checkAgainstReference(t, Gregorian, j)
		checkAgainstReference(t, Julian, j)
		gy, gm, gd := JDNToGregorian(j)
		jy, jm, jd := JDNToJulian(j)
		if JulianToJDN(jy, jm, jd) != GregorianToJDN(gy, gm, gd) {
			t.Fatalf("day %d: Julian %d-%d-%d and Gregorian %d-%d-%d disagree", j, jy, jm, jd, gy, gm, gd)
		}
	})
}

func ExampleJulianToJDN() {
	j := JulianToJDN(1858, 5, 16) // the Treaty of Aigun, Old Style
	y, m, d := JDNToGregorian(j)
	fmt.Printf("%d-%02d-%02d, %d days apart\n", y, m, d, Offset(j))
	// Output: 1858-05-28, 12 days apart
}
