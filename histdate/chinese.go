package histdate

import (
	"unicode"

	"treatyline/histdate/chinese"
)

// Chinese reign-era dates are read by package chinese; this file turns
// them into Dates. The figures of a Chinese date's points are lunar: Year
// is the Gregorian year in which the era year's new year falls, Month and
// Day the lunar month and day. The Chinese text is kept in ChineseText.

var chinesePrecision = map[chinese.Precision]Precision{chinese.Year: Year, chinese.Month: Month, chinese.Day: Day}

// FromChinese makes a Date of a Chinese reign-era date.
func FromChinese(cd chinese.Date, written string) (Date, error) {
	if err := cd.Validate(); err != nil {
		return Date{}, err
	}
	lo, hi := cd.JDNRange()
	y, _ := chinese.GregorianYearOf(cd.Era, cd.EraYear)
	p := Point{Precision: chinesePrecision[cd.Precision], Year: y, Month: cd.Month, Day: cd.Day, Earliest: JDN(lo), Latest: JDN(hi)}
	return Date{
		Written:      written,
		Lang:         "zh",
		Calendar:     Chinese,
		CalendarNote: "reign era " + cd.EraPinyin,
		From:         p,
		ChineseText:  cd.String(),
	}, nil
}

// parseChinese reads input as a Chinese date. ok is false when the input
// is not meant as one (no Han characters, and no era name in pinyin).
func parseChinese(in string, opts Options) (d Date, ok bool, err error) {
	han := false
	for _, r := range in {
		if unicode.Is(unicode.Han, r) {
			han = true
			break
		}
	}
	cd, perr := chinese.Parse(in)
	if perr != nil {
		if !han {
			return Date{}, false, nil
		}
		if pe, isPE := perr.(*chinese.ParseError); isPE {
			return Date{}, true, &ParseError{Input: in, Start: pe.Start, End: pe.End, Msg: "Chinese date: " + pe.Msg}
		}
		return Date{}, true, &ParseError{Input: in, Msg: "Chinese date: " + perr.Error()}
	}
	d, err = FromChinese(cd, in)
	if err != nil {
		return Date{}, true, &ParseError{Input: in, Msg: "Chinese date: " + err.Error()}
	}
	return d, true, nil
}

// findChinese reads the Chinese date that may start at token i — a run
// of Han characters, or a romanised era name and what follows it on the
// line — and adds it to cn. It returns the token after the date.
func findChinese(cn *[]chineseFound, text string, toks []token, i int) (int, bool) {
	t := toks[i]
	end := t.b1
	if t.kind == tWord {
		// A romanised date is short: "Hsien-feng 10, 10th month, 2nd day".
		for k := i + 1; k < len(toks) && !toks[k].nl && toks[k].b1-t.b0 <= 80; k++ {
			end = toks[k].b1
		}
	}
	window := text[t.b0:end]
	found := chinese.Find(window)
	if t.kind == tWord {
		// Only a date that starts with the era name belongs to this token.
		if len(found) == 0 || found[0].Start != 0 {
			return i, false
		}
		found = found[:1]
	}
	if len(found) == 0 {
		return i + 1, true
	}
	last := 0
	runes := []rune(window)
	for _, f := range found {
		*cn = append(*cn, chineseFound{
			Mention: chinese.Mention{Start: f.Start + t.r0, End: f.End + t.r0, Date: f.Date},
			written: string(runes[f.Start:f.End]),
		})
		last = f.End + t.r0
	}
	k := i + 1
	for k < len(toks) && toks[k].r1 <= last {
		k++
	}
	return k, true
}

// chineseFound is a Chinese date found in a text, with its text.
type chineseFound struct {
	chinese.Mention
	written string
}

// mergeChinese adds the Chinese dates of a text to the mentions found in
// prose, dropping prose mentions that overlap them.
func mergeChinese(prose []Mention, found []chineseFound) []Mention {
	if len(found) == 0 {
		return prose
	}
	era := make([]Mention, 0, len(found))
	for _, cf := range found {
		f := cf.Mention
		d, err := FromChinese(f.Date, cf.written)
		if err != nil {
			continue
		}
		era = append(era, Mention{Start: f.Start, End: f.End, Date: d})
	}
	return mergeEraMentions(prose, era)
}

// mergeEraMentions puts the era dates of a text among the mentions found
// otherwise, dropping those that overlap an era date. Both are in text
// order.
func mergeEraMentions(found, era []Mention) []Mention {
	if len(era) == 0 {
		return found
	}
	out := make([]Mention, 0, len(found)+len(era))
	i := 0
	for _, m := range era {
		for i < len(found) && found[i].End <= m.Start {
			out = append(out, found[i])
			i++
		}
		for i < len(found) && found[i].Start < m.End {
			i++ // overlaps the era date
		}
		out = append(out, m)
	}
	return append(out, found[i:]...)
}

// chineseDay gives the Chinese era date of a day, in characters and in
// pinyin, when the day falls in a covered era.
func chineseDay(j JDN) (string, string) {
	cd, ok := chinese.FromJDN(int(j))
	if !ok {
		return "", ""
	}
	return cd.String(), cd.Pinyin()
}
