package cow

import (
	"strings"
	"testing"

	"treatyline/kb"
)

// FuzzParseChanges: any text either reads or gives an EINVALID error
// naming the file, line and column; what reads keeps its rows' spans.
func FuzzParseChanges(f *testing.F) {
	header := strings.Join(changeColumns, ",") + "\n"
	for _, s := range []string{
		header + "1858,6,365,1,3,710,1,282473.00,40000,0,710,1,1,0,0,131,0,0,5\n",
		header + "1816,.,200,0,3,420,0,179.00,.,0,-9,1,-9,0,0,5,0,0,5\r\n",
		header + "1871,.,365,1,2,710,1,42900.00,.,0,710,1,1,0,0,210,0,0,5",
		header + "1860,13,365,1,3,710,1,1.00,.,0,710,1,1,0,0,149,0,0,5\n",
		header + "\"1858\",6,365,1,3,710,1,1e3,.,0,710,1,1,0,0,1,0,0,5\n",
		"year\n1858\n",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		cs, err := ParseChanges(text)
		if err != nil {
			if kb.ErrorCode(err) != kb.EINVALID || !strings.HasPrefix(err.Error(), ChangesFile+":") {
				t.Fatalf("error %q (%s) does not name the file", err, kb.ErrorCode(err))
			}
			return
		}
		runes := []rune(text)
		for _, c := range cs {
			if c.Start < 0 || c.End > len(runes) || c.Start > c.End || string(runes[c.Start:c.End]) != c.Row {
				t.Fatalf("row span %d..%d does not give %q", c.Start, c.End, c.Row)
			}
			if c.Month != Missing && (c.Month < 1 || c.Month > 12) {
				t.Fatalf("month %d", c.Month)
			}
		}
	})
}

// FuzzParseStates: the membership file reads or names its line and column.
func FuzzParseStates(f *testing.F) {
	f.Add("stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\nUSA,2,United States of America,1816,1,1,2016,12,31,2016\n")
	f.Add("stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday\nCUB,40,Cuba,1906,9,25,1902,5,20\n")
	f.Fuzz(func(t *testing.T, text string) {
		if _, err := ParseStates(text); err != nil && !strings.HasPrefix(err.Error(), StatesFile+":") {
			t.Fatalf("error %q does not name the file", err)
		}
	})
}

// FuzzParseEntityNames: any text gives names, never empty ones.
func FuzzParseEntityNames(f *testing.F) {
	f.Add("        3 Alaska                                     1816     1867 Became colony of 365\n")
	f.Add("    Tanzania (Tanganyika) (German east\n510 Africa)                                     1891   1916 Became colony of 255\n")
	f.Add("9466 Caroline I.                -197   1979 Claimed by 200\n")
	f.Fuzz(func(t *testing.T, text string) {
		for code, names := range ParseEntityNames(text) {
			for _, n := range names {
				if strings.TrimSpace(n) == "" {
					t.Fatalf("code %d: empty name", code)
				}
			}
		}
	})
}
