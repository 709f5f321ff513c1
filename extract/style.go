package extract

import (
	"fmt"
	"strings"

	"treatyline/histdate"
	"treatyline/kb"
)

// Style-open dates. A date whose style the text does not mark, between the
// Gregorian reform and Russia's change of calendar in 1918, may be Old
// Style. Where the document gives a reason to think so, the date keeps both
// readings: the one chosen (Gregorian by default, or Julian where another
// source dates the same event the offset later) and the other, with the
// reason, on the date mention and on the claim (the qualifiers
// other_reading and other_reading_why). Reconciliation compares a claim
// by either reading.

// oldStyleReason says why the unmarked dates of a document may be Old
// Style, or "" when nothing does: the document is in Russian, or it dates
// another event Old Style — by a mark, by dual dating, or as a candidate
// that another source showed to be Old Style.
func (d *docReader) oldStyleReason() string {
	if d.r.Lang == "ru" {
		return histdate.RussianText
	}
	for _, dt := range d.r.Dates {
		if dt.Date.Calendar == histdate.Julian && dt.Why != "" {
			// Read as Old Style because another source dates the event
			// the offset later (see docReader.dated).
			return fmt.Sprintf("the document dates %q Old Style (%s)", dt.Date.Written, strings.TrimPrefix(dt.Why, "Old Style: "))
		}
		if dt.Date.Calendar == histdate.Julian && strings.HasPrefix(dt.Date.CalendarNote, "marked") {
			return fmt.Sprintf("the document dates %q Old Style (%s)", dt.Date.Written, dt.Date.CalendarNote)
		}
		if a := dt.Date.Alternate; a != nil && (a.Calendar == histdate.Julian || dt.Date.Calendar == histdate.Julian) {
			return fmt.Sprintf("the document dates %q Old Style beside New Style", dt.Date.Written)
		}
	}
	for _, c := range d.r.Candidates {
		if c.Claim != nil && c.Claim.Value.Type == kb.TDate && c.Claim.Value.Calendar == histdate.Julian && len(c.Claim.Evidence) > 0 {
			return fmt.Sprintf("the document dates %q (%s of %s) Old Style, as another source shows",
				c.Claim.Value.Text, c.Claim.Property, c.Claim.Subject)
		}
	}
	return ""
}

// styleReadings gives every style-open date of the document its other
// reading, with the reason: the dates found, and the date claims proposed.
// For a part of a long document, the reason is the part's own or else
// the one an earlier part gave (from); styleReadings returns it.
func (d *docReader) styleReadings(from *carried) string {
	reason := d.oldStyleReason()
	if reason == "" && from != nil {
		reason = from.oldStyle
	}
	for i := range d.r.Dates {
		dt := &d.r.Dates[i]
		if dt.Incomplete || dt.Date.OtherReading != nil {
			continue
		}
		if why := otherReadingWhy(dt.Date, reason); why != "" {
			dt.Date, _ = dt.Date.WithOtherReading(why)
		}
	}
	for _, c := range d.r.Candidates {
		if c.Claim == nil || c.Claim.Value.Type != kb.TDate {
			continue
		}
		cl := c.Claim
		if _, done := cl.Qualifiers["other_reading"]; done {
			continue
		}
		date, err := cl.Value.Date()
		if err != nil {
			continue
		}
		why := otherReadingWhy(date, reason)
		if why == "" {
			continue
		}
		other, ok := date.OtherStyle()
		if !ok {
			continue
		}
		q := make(map[string]kb.Value, len(cl.Qualifiers)+2)
		for k, v := range cl.Qualifiers {
			q[k] = v
		}
		q["other_reading"] = kb.DateValue(cl.Value.Text, other.Calendar, cl.Value.Lang)
		q["other_reading_why"] = kb.TextValue(why)
		cl.Qualifiers = q
	}
	return reason
}

// otherReadingWhy says why a date's other reading may be meant: for a date
// read as Julian by inference, that the text does not mark the style; for
// one read as Gregorian by default, the document's reason. "" when the
// date's style is not open or nothing speaks for the other reading.
func otherReadingWhy(date histdate.Date, reason string) string {
	if !date.StyleOpen() {
		return ""
	}
	if date.Calendar == histdate.Julian {
		return "the text does not mark the style; Old Style is inferred from another source"
	}
	return reason
}
