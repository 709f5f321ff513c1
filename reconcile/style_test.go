package reconcile_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/histdate"
	"treatyline/kb"
	"treatyline/reconcile"
)

// styleOpen is a date claim whose source leaves the style open: read as
// New Style, with its Old Style reading and the reason.
func styleOpen(source, subject, written string) kb.Claim {
	c := said(source, subject, "signed", nl(written))
	c.Qualifiers = map[string]kb.Value{
		"other_reading":     kb.DateValue(written, histdate.Julian, "nl"),
		"other_reading_why": kb.TextValue("the document dates other events Old Style"),
	}
	return c
}

// TestGroupsOtherReading checks that reconciliation compares a style-open
// date by either reading: the other reading decides where it brings the
// sources together, and the verdict says so; without it, the same figures
// stay as they were classed.
func TestGroupsOtherReading(t *testing.T) {
	tests := []struct {
		name   string
		claims []kb.Claim
		want   []brief
	}{
		{
			name: "the Old Style reading is the other source's day",
			claims: []kb.Claim{
				said("001", peking, "signed", en("14 November 1860")),
				styleOpen("003", peking, "2 november 1860"),
			},
			want: []brief{{peking, "signed", "", reconcile.AgreeAfterNormalisation,
				"Julian vs Gregorian, 12 days, reading 2 november 1860 (003) as Old Style: the document dates other events Old Style", "12 days"}},
		},
		{
			name: "the same figures Old Style in both: agree only after normalisation",
			claims: []kb.Claim{
				said("005", peking, "signed", oldStyle("2 november 1860")),
				styleOpen("003", peking, "2 november 1860"),
			},
			want: []brief{{peking, "signed", "", reconcile.AgreeAfterNormalisation,
				"the same day, reading 2 november 1860 (003) as Old Style: the document dates other events Old Style", ""}},
		},
		{
			name: "no other reading: 12 days apart stays compatible",
			claims: []kb.Claim{
				said("001", peking, "signed", en("14 November 1860")),
				said("003", peking, "signed", nl("2 november 1860")),
			},
			want: []brief{{peking, "signed", "", reconcile.Compatible,
				"14 November 1860 vs 2 november 1860: 12 days apart, the Julian–Gregorian offset: the same day if 2 november 1860 is Old Style", "12 days"}},
		},
		{
			name: "the other reading does not help a real conflict",
			claims: []kb.Claim{
				said("001", peking, "signed", en("24 October 1860")),
				styleOpen("003", peking, "2 november 1860"),
			},
			want: []brief{{peking, "signed", "", reconcile.Conflict, "24 October 1860 vs 2 november 1860: 9 days apart", "9 days"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []brief
			for _, g := range reconcile.Groups(tc.claims) {
				got = append(got, briefOf(g))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Groups (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMemberOtherReading(t *testing.T) {
	gs := reconcile.Groups([]kb.Claim{said("001", peking, "signed", en("14 November 1860")), styleOpen("003", peking, "2 november 1860")})
	if len(gs) != 1 {
		t.Fatalf("%d groups", len(gs))
	}
	var got []string
	for _, m := range gs[0].Members {
		got = append(got, m.OtherReading)
	}
	want := []string{"", "1860-11-14 (Gregorian) as Old Style: the document dates other events Old Style"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("members' other readings (-want +got):\n%s", diff)
	}
}
