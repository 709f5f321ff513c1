package lunisolar

import "testing"

func TestOrdinal(t *testing.T) {
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd", 111: "111th", 0: "0th"} {
		if got := Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestGregorianJDN(t *testing.T) {
	tests := []struct {
		y, m, d, jdn int
	}{
		{2000, 1, 1, 2451545},
		{1582, 10, 15, 2299161},
		{1872, 12, 31, 2405159},
		{1873, 1, 1, 2405160},
	}
	for _, tt := range tests {
		if got := GregorianToJDN(tt.y, tt.m, tt.d); got != tt.jdn {
			t.Errorf("GregorianToJDN(%d, %d, %d) = %d, want %d", tt.y, tt.m, tt.d, got, tt.jdn)
		}
		if y, m, d := JDNToGregorian(tt.jdn); y != tt.y || m != tt.m || d != tt.d {
			t.Errorf("JDNToGregorian(%d) = %d-%d-%d, want %d-%d-%d", tt.jdn, y, m, d, tt.y, tt.m, tt.d)
		}
	}
}

func TestChineseMonths(t *testing.T) {
	// 1900 (光緒二十六年) had a leap 8th month; its new year was 31 January 1900.
	ms := ChineseMonths(1900)
	if len(ms) != 13 {
		t.Fatalf("ChineseMonths(1900) has %d months, want 13", len(ms))
	}
	if got, want := ms[0].First, GregorianToJDN(1900, 1, 31); got != want {
		t.Errorf("first month begins at JDN %d, want %d", got, want)
	}
	if !ms[8].Leap || ms[8].Num != 8 {
		t.Errorf("ms[8] = %+v, want the leap 8th month", ms[8])
	}
}
