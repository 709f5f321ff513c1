package extract

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/kb"
)

// TestStyleReadings checks which dates keep both readings: every unmarked
// day or month before 1918 of a Russian document or of a document that
// dates another event Old Style, with the reason; a date read as Old Style
// from another source keeps its New Style reading; nothing else.
func TestStyleReadings(t *testing.T) {
	aigunNS := kb.Claim{ID: "c1", Subject: "treaty/aigun", Property: "signed", Value: kb.DateValue("May 28, 1858", "", "en"),
		Status: kb.Accepted, Rank: kb.Normal, Evidence: []kb.Evidence{{Source: "s-en", Quote: kb.TextQuoteSelector{Exact: "May 28, 1858"}}}}
	tests := []struct {
		name, lang, text string
		known            []kb.Claim
		// want lists "written: calendar / other calendar: reason prefix" for
		// each date mention with another reading.
		want []string
	}{
		{"a Russian document", "ru",
			"Пекинский договор был подписан 2 ноября 1860 года, в 1860 году.",
			nil,
			[]string{"2 ноября 1860 года: gregorian / julian: a Russian-language text"}},
		{"a document that marks Old Style elsewhere", "en",
			"The Treaty of Aigun was signed on 16 May 1858 (O.S.). The Convention of Peking was signed on 2 November 1860, in 1860.",
			nil,
			[]string{"2 November 1860: gregorian / julian: the document dates \"16 May 1858 (O.S.)\" Old Style (marked Old Style (Julian))"}},
		{"Old Style shown by another source", "nl",
			"Het Verdrag van Aigun werd op 16 mei 1858 ondertekend. Het Verdrag van Peking werd op 2 november 1860 ondertekend.",
			[]kb.Claim{aigunNS},
			[]string{
				"16 mei 1858: julian / gregorian: the text does not mark the style",
				"2 november 1860: gregorian / julian: the document dates \"16 mei 1858\" Old Style",
			}},
		{"nothing speaks for Old Style", "en",
			"The Treaty of Aigun was signed on 28 May 1858. The Convention of Peking was signed on 14 November 1860.",
			nil, nil},
		{"after 1918 and years are not open", "ru",
			"Договор подписан 2 ноября 1920 года; в 1860 году.",
			nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := NewExtractor(candidateEntities, tc.known)
			r := x.Extract(kb.Source{ID: "doc", Language: tc.lang, Text: tc.text})
			var got []string
			for _, dt := range r.Dates {
				if o := dt.Date.OtherReading; o != nil {
					got = append(got, dt.Date.Written+": "+string(dt.Date.Calendar)+" / "+string(o.Calendar)+": "+dt.Date.OtherReadingWhy)
				}
			}
			// The reasons name sources and claims at length: compare their
			// beginning.
			for i := range got {
				if i < len(tc.want) && strings.HasPrefix(got[i], tc.want[i]) {
					got[i] = tc.want[i]
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("dates with two readings (-want +got):\n%s", diff)
			}
			// Every date claim on such a mention carries the other reading.
			for _, c := range r.Candidates {
				if c.Claim == nil || c.Claim.Value.Type != kb.TDate {
					continue
				}
				for _, dt := range r.Dates {
					if dt.Date.OtherReading == nil || c.Claim.Evidence[0].Position.Start != dt.Start {
						continue
					}
					o, ok := c.Claim.Qualifiers["other_reading"]
					if !ok || o.Calendar != dt.Date.OtherReading.Calendar || c.Claim.Qualifiers["other_reading_why"].Text == "" {
						t.Errorf("claim %s %s %q: qualifiers %v, want the other reading %s", c.Claim.Subject, c.Claim.Property, c.Claim.Value.Text, c.Claim.Qualifiers, dt.Date.OtherReading.Calendar)
					}
					if err := c.Claim.Validate(); err != nil {
						t.Errorf("claim does not validate: %v", err)
					}
				}
			}
		})
	}
}
