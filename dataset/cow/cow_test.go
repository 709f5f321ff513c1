package cow

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"treatyline/data"
	"treatyline/internal/gold"
	"treatyline/kb"
)

func cowDir(t testing.TB) string {
	t.Helper()
	dir, err := gold.SharedDir()
	if err != nil {
		t.Skip(err)
	}
	return filepath.Join(dir, "data", "cow-territorial-change-v6")
}

func TestReadDir(t *testing.T) {
	d, err := ReadDir(cowDir(t))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(d.Changes), 842; got != want {
		t.Errorf("changes: got %d, want %d", got, want)
	}
	if got, want := len(d.States), 243; got != want {
		t.Errorf("states: got %d, want %d", got, want)
	}
	byNumber := map[int]Change{}
	for _, c := range d.Changes {
		byNumber[c.Number] = c
	}
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		number int
		want   Change
	}{
		// Russia gains part of China by cession, June 1858.
		{131, Change{Line: 100, Year: 1858, Month: 6, Gainer: 365, GainType: 1, Procedure: Cession, Entity: 710, ContGain: 1,
			Area: f(282473), Pop: f(40000), Portion: 0, Loser: 710, LoseType: 1, ContLose: 1, Number: 131, Version: 5}},
		// Russia annexes Ili (1871): the month and the population are missing.
		{210, Change{Line: 176, Year: 1871, Month: Missing, Gainer: 365, GainType: 1, Procedure: Annexation, Entity: 710, ContGain: 1,
			Area: f(42900), Pop: nil, Portion: 0, Loser: 710, LoseType: 1, ContLose: 1, Number: 210, Version: 5}},
	}
	for _, tt := range tests {
		t.Run(tt.want.Date(), func(t *testing.T) {
			got := byNumber[tt.number]
			got.Row, got.Start, got.End = "", 0, 0
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("change %d (-want +got):\n%s", tt.number, diff)
			}
		})
	}
	// The evidence span is the row.
	c := byNumber[131]
	if got := []rune(d.ChangesText)[c.Start:c.End]; string(got) != c.Row || !strings.HasPrefix(c.Row, "1858,6,365,") {
		t.Errorf("row span %d..%d gives %q, row %q", c.Start, c.End, string(got), c.Row)
	}
	if got, want := d.Names[510], []string{"Tanzania (Tanganyika) (German east Africa)"}; !cmp.Equal(got, want) {
		t.Errorf("name running over two lines: got %q, want %q", got, want)
	}
	if got := d.Names[3]; len(got) == 0 || got[0] != "Alaska" {
		t.Errorf("Alaska: got %q", got)
	}
}

func TestParseChangesErrors(t *testing.T) {
	header := strings.Join(changeColumns, ",") + "\n"
	ok := "1858,6,365,1,3,710,1,282473.00,40000,0,710,1,1,0,0,131,0,0,5\n"
	tests := []struct {
		name, text, want string
	}{
		{"area not a number", header + ok + "1860,11,365,1,3,710,1,lots,.,0,710,1,1,0,0,149,0,0,5\n", "tc2018.csv:3:23: area: \"lots\" is not a non-negative number"},
		{"month out of range", header + "1860,13,365,1,3,710,1,1.00,.,0,710,1,1,0,0,149,0,0,5\n", "tc2018.csv:2:6: month: 13 is outside 1..12"},
		{"missing year", header + ".,1,365,1,3,710,1,1.00,.,0,710,1,1,0,0,149,0,0,5\n", "tc2018.csv:2:1: year: missing, and it is required"},
		{"procedure unknown", header + "1860,1,365,1,7,710,1,1.00,.,0,710,1,1,0,0,149,0,0,5\n", "tc2018.csv:2:14: procedur: 7 is outside 1..6"},
		{"too few fields", header + "1860,1,365\n", "tc2018.csv:2:1: wrong number of fields"},
		{"number twice", header + ok + ok, "tc2018.csv:3:52: number: change 131 is numbered again (first on line 2)"},
		{"no header column", "year,month\n1858,6\n", `tc2018.csv:1:1: no column "gainer" in the header`},
		{"bad quote", header + "1858,\"6,365\n", "tc2018.csv:2:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseChanges(tt.text)
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if kb.ErrorCode(err) != kb.EINVALID || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %q (%s), want it to begin %q", err, kb.ErrorCode(err), tt.want)
			}
		})
	}
}

func TestMissingValues(t *testing.T) {
	text := strings.Join(changeColumns, ",") + "\n1816,.,200,0,3,420,0,179.00,.,0,-9,1,-9,0,0,5,0,0,5\n"
	cs, err := ParseChanges(text)
	if err != nil {
		t.Fatal(err)
	}
	c := cs[0]
	if c.Month != Missing || c.Pop != nil || c.Loser != Missing || c.ContLose != Missing {
		t.Errorf("missing values read as %+v", c)
	}
	if got, want := c.Date(), "1816"; got != want {
		t.Errorf("date: got %q, want %q (year precision)", got, want)
	}
}

func TestLinkToDocuments(t *testing.T) {
	d, err := ReadDir(cowDir(t))
	if err != nil {
		t.Fatal(err)
	}
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	bt := b.Batch()
	links := d.Link(bt.Entities, bt.Claims, bt.Provisions, time.Unix(0, 0))
	var got []string
	for _, c := range links {
		got = append(got, c.ID+" "+c.Subject+" "+c.Property+" "+c.Value.Text)
		if c.Status != kb.Candidate {
			t.Errorf("%s: status %s, want candidate", c.ID, c.Status)
		}
	}
	want := []string{
		"cow-tc-131-treaty-signed treaty/aigun-1858 signed 1858-06",
		"cow-tc-131-treaty-area treaty/aigun-1858 area_ceded 282473 km²",
		"cow-tc-149-treaty-signed treaty/peking-1860 signed 1860-11",
		"cow-tc-149-treaty-area treaty/peking-1860 area_ceded 234000 km²",
		// Change 260 (1881, back to China) is not linked: a source dates
		// Livadia to 24 February 1881 as well, so two treaties fit.
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}
}
