package chinese

import (
	"fmt"
	"unicode"

	"treatyline/histdate/internal/lunisolar"
)

// ParseError reports a date that could not be read. Start and End are
// code-point offsets into Input of the part not understood.
type ParseError struct {
	Input      string
	Start, End int
	Msg        string
}

// Error returns the input, the part not understood and why.
func (e *ParseError) Error() string {
	r := []rune(e.Input)
	part := ""
	if 0 <= e.Start && e.Start <= e.End && e.End <= len(r) {
		part = string(r[e.Start:e.End])
	}
	return fmt.Sprintf("chinese date %q: characters %d-%d %q: %s", e.Input, e.Start, e.End, part, e.Msg)
}

// Parse reads one date in a reign era, in characters (咸豐八年四月十六日,
// 咸丰8年4月16日, 大清康熙二十八年閏三月初一, 咸豐九年) or romanised
// ("Xianfeng 8, 4th month, 16th day", "Xianfeng 8/4/16", "Hsien-feng 8").
// Surrounding spaces are ignored; anything else must be part of the date.
// The error is a *ParseError naming the part not understood, or the part
// that does not exist in the calendar (三十 in a 29-day month, a leap month
// the year did not have).
func Parse(s string) (Date, error) {
	p := parser{r: []rune(s)}
	start, end := 0, len(p.r)
	for start < end && (isSpace(p.r[start]) || unicode.IsSpace(p.r[start])) {
		start++
	}
	for end > start && (isSpace(p.r[end-1]) || unicode.IsSpace(p.r[end-1])) {
		end--
	}
	p.r = p.r[:end]
	if start == end {
		return Date{}, &ParseError{Input: s, Msg: "empty date"}
	}
	d, stop, err := p.dateAt(start)
	if err != nil {
		err.Input = s
		return Date{}, err
	}
	if stop < 0 {
		k := start + 1
		for k < end && !isSpace(p.r[k]) {
			k++
		}
		return Date{}, &ParseError{Input: s, Start: start, End: k, Msg: "no reign era known here (want e.g. 咸豐, 咸丰, Xianfeng, Hsien-feng, 民國)"}
	}
	if stop < end {
		from := p.skipSpaces(stop)
		return Date{}, &ParseError{Input: s, Start: from, End: end, Msg: "cannot read this after " + string(p.r[start:stop])}
	}
	return d, nil
}

// parser reads dates from r. In find mode it reads only what running text
// makes unambiguous: a day number without 日 must not run on into another
// character (四月十六人 is read to the month), a one-character dynasty prefix
// (清, 明) is not taken from the end of another word, and a malformed day
// ends the date at its month.
type parser struct {
	r    []rune
	find bool
}

// dateAt reads a date starting at r[i]. It returns the date and its end, or
// end -1 and a nil error when no date starts at i, or a *ParseError (without
// Input) when a date starts there but is wrong.
func (p *parser) dateAt(i int) (Date, int, *ParseError) {
	if i >= len(p.r) {
		return Date{}, -1, nil
	}
	c := p.r[i]
	if c < 0x80 || foldable(c) {
		if c < 0x80 && !pinyinFirst[c|0x20] {
			return Date{}, -1, nil
		}
		return p.romanAt(i)
	}
	return p.cjkAt(i)
}

func foldable(c rune) bool { _, ok := foldLetter(c); return ok }

func (p *parser) skipSpaces(i int) int {
	for i < len(p.r) && isSpace(p.r[i]) {
		i++
	}
	return i
}

func (p *parser) hasPrefix(i int, s string) bool {
	for _, c := range s {
		if i >= len(p.r) || p.r[i] != c {
			return false
		}
		i++
	}
	return true
}

// errAt returns the error for r[start:end]. The message is built only when
// it will be read: Find drops the mention without it.
func (p *parser) errAt(start, end int, msg func() string) *ParseError {
	if p.find {
		return errInFind
	}
	if end > len(p.r) {
		end = len(p.r)
	}
	if start > end {
		start = end
	}
	return &ParseError{Start: start, End: end, Msg: msg()}
}

// errInFind stands for every error in find mode.
var errInFind = &ParseError{Msg: "not a date"}

func isHan(c rune) bool { return c >= 0x2E80 && unicode.Is(unicode.Han, c) }

// cjkAt reads a date in characters at r[i].
func (p *parser) cjkAt(i int) (Date, int, *ParseError) {
	r := p.r
	j := i
	ei := -1
	var dyn dynasty
	switch {
	case p.hasPrefix(j, "中華民國") || p.hasPrefix(j, "中华民国"):
		ei, j = eraMinguo, j+4
	case p.hasPrefix(j, "大清"):
		dyn, j = qing, j+2
	case p.hasPrefix(j, "大明"):
		dyn, j = ming, j+2
	case r[j] == '清' || r[j] == '明':
		if p.find && i > 0 && isHan(r[i-1]) {
			return Date{}, -1, nil
		}
		dyn = qing
		if r[j] == '明' {
			dyn = ming
		}
		j++
	}
	if ei < 0 {
		j = p.skipSpaces(j)
		if j+1 >= len(r) {
			return p.noDate(i, dyn)
		}
		k, ok := cjkEras[[2]rune{r[j], r[j+1]}]
		if !ok {
			return p.noDate(i, dyn)
		}
		if dyn != 0 && eras[k].dyn != dyn {
			return Date{}, -1, p.errAt(i, j+2, func() string { return fmt.Sprintf("%s is not an era of the dynasty named before it", eras[k].name) })
		}
		ei, j = k, j+2
	}
	e := &eras[ei]

	// Year: 元年 or a number, then 年.
	j = p.skipSpaces(j)
	yStart := j
	year := 0
	if j < len(r) && r[j] == '元' {
		year, j = 1, j+1
	} else {
		n, end, ok := readNumeral(r, j)
		if !ok {
			if end == j {
				return p.noYear(i, j, e.name)
			}
			return Date{}, -1, p.errAt(j, end, func() string { return "cannot read the year number" })
		}
		year, j = n, end
	}
	j = p.skipSpaces(j)
	if j >= len(r) || r[j] != '年' {
		return p.noYear(i, j, e.name)
	}
	if year < 1 || year > e.years {
		return Date{}, -1, p.errAt(yStart, j+1, func() string { return fmt.Sprintf("%s has years 1 to %d, not %d", e.name, e.years, year) })
	}
	j++
	d := Date{Era: e.name, EraPinyin: e.pinyin, EraYear: year, Precision: Year}

	// Month: [閏] 正|冬|臘|number 月, or 閏月 alone for the year's leap month.
	k := p.skipSpaces(j)
	mStart := k
	leap := false
	if k < len(r) && (r[k] == '閏' || r[k] == '闰') {
		leap, k = true, k+1
	}
	month, lunarName := 0, false
	if k < len(r) {
		switch r[k] {
		case '正':
			month, lunarName, k = 1, true, k+1
		case '冬':
			month, lunarName, k = 11, true, k+1
		case '臘', '腊':
			month, lunarName, k = 12, true, k+1
		case '月':
			// 閏月 with no number: the leap month of the year.
		default:
			n, end, ok := readNumeral(r, k)
			if end = p.skipSpaces(end); ok && end < len(r) && r[end] == '月' {
				month, k = n, end
			}
		}
	}
	if k >= len(r) || r[k] != '月' || (month == 0 && !leap) {
		return d, j, nil
	}
	k++
	if e.gregorian && (leap || lunarName) {
		return Date{}, -1, p.errAt(mStart, k, func() string {
			return fmt.Sprintf("%s years are Gregorian: no lunar month names or leap months", e.name)
		})
	}
	if month == 0 {
		ly := lunarYearOf(e.first + year - 1)
		lm, ok := ly.leapMonth()
		if !ok {
			return Date{}, -1, p.errAt(mStart, k, func() string { return fmt.Sprintf("%s had no leap month", d.yearString(e)) })
		}
		month = lm.month
	}
	if month < 1 || month > 12 {
		return Date{}, -1, p.errAt(mStart, k, func() string { return fmt.Sprintf("month %d out of range", month) })
	}
	ms, ok := monthSpan(e, year, month, leap)
	if !ok {
		return Date{}, -1, p.errAt(mStart, k, func() string {
			msg := fmt.Sprintf("%s had no leap %s month", d.yearString(e), lunisolar.Ordinal(month))
			if lm, has := lunarYearOf(e.first + year - 1).leapMonth(); has {
				msg += fmt.Sprintf(" (its leap month followed the %s)", lunisolar.Ordinal(lm.month))
			}
			return msg
		})
	}
	d.Month, d.Leap, d.Precision = month, leap, Month

	// Day: 初N, N, 朔, 晦 or a sexagenary day, then 日 (or 號).
	j = k
	k = p.skipSpaces(j)
	dStart := k
	day, bare := 0, false
	var gz int
	hasGZ := false
	if k < len(r) {
		switch {
		case r[k] == '初':
			n, end, ok := readNumeral(r, k+1)
			if !ok || n < 1 || n > 10 {
				if end == k+1 || p.find {
					return d, j, nil
				}
				return Date{}, -1, p.errAt(dStart, end, func() string { return "初 days run from 初一 to 初十" })
			}
			day, k = n, end
		case r[k] == '朔' && !e.gregorian:
			day, k = 1, k+1
		case r[k] == '晦' && !e.gregorian:
			day, k = ms.days, k+1
		default:
			if g, ok := ganZhiAt(r, k); ok {
				gz, hasGZ, k = g, true, k+2
				if k < len(r) && r[k] == '朔' {
					day, k = 1, k+1
				}
				break
			}
			n, end, ok := readNumeral(r, k)
			if !ok {
				if end == k || p.find {
					return d, j, nil
				}
				return Date{}, -1, p.errAt(k, end, func() string { return "cannot read the day number" })
			}
			day, k, bare = n, p.skipSpaces(end), true
		}
	}
	if k == dStart {
		return d, j, nil
	}
	if k < len(r) && (r[k] == '日' || r[k] == '號' || r[k] == '号') {
		k++
		bare = false
	} else if bare {
		k = dStart
		for k < len(r) && isNumeralRune(r[k]) {
			k++
		}
	}
	if bare && p.find && k < len(r) && isHan(r[k]) {
		// 四月十六人: a number running on into a word is not a day.
		return d, j, nil
	}
	if hasGZ {
		found := 0
		for n := 1; n <= ms.days; n++ {
			if dayGanZhiIndex(ms.first+n-1) == gz {
				found = n
				break
			}
		}
		if p.find && (found == 0 || day == 1 && found != 1) {
			// In running text two such characters may not name a day:
			// 五月庚子賠款.
			return d, j, nil
		}
		switch {
		case found == 0:
			return Date{}, -1, p.errAt(dStart, k, func() string { return fmt.Sprintf("%s has no %s day", d.monthString(e), ganZhiName(gz)) })
		case day == 1 && found != 1:
			return Date{}, -1, p.errAt(dStart, k, func() string {
				return fmt.Sprintf("%s began on a %s day, not %s", d.monthString(e), ganZhiName(dayGanZhiIndex(ms.first)), ganZhiName(gz))
			})
		}
		day = found
	}
	if day < 1 || day > ms.days {
		return Date{}, -1, p.errAt(dStart, k, func() string { return fmt.Sprintf("%s has %d days, not %d", d.monthString(e), ms.days, day) })
	}
	d.Day, d.Precision = day, Day
	// A sexagenary name may follow a numbered day (四月十六日辛酉); it must
	// agree.
	if g, ok := ganZhiAt(r, k); ok && !hasGZ {
		want := dayGanZhiIndex(ms.first + day - 1)
		switch {
		case g == want:
			k += 2
			if k < len(r) && r[k] == '日' {
				k++
			}
		case !p.find:
			return Date{}, -1, p.errAt(k, k+2, func() string {
				return fmt.Sprintf("%s was a %s day, not %s", d.String(), ganZhiName(want), ganZhiName(g))
			})
		}
	}
	return d, k, nil
}

// noDate is the answer when the era is missing after position i: no date
// in running text, an error when a dynasty prefix promised one.
func (p *parser) noDate(i int, dyn dynasty) (Date, int, *ParseError) {
	if dyn != 0 && !p.find {
		return Date{}, -1, p.errAt(i, i+3, func() string { return "no reign era known after the dynasty" })
	}
	return Date{}, -1, nil
}

// noYear is the answer when the era named name at i is not followed by a
// year at j.
func (p *parser) noYear(i, j int, name string) (Date, int, *ParseError) {
	if p.find {
		return Date{}, -1, nil
	}
	if name[0] < 0x80 {
		return Date{}, -1, p.errAt(i, j+1, func() string { return fmt.Sprintf("want a year number after %s, as in %s 8", name, name) })
	}
	return Date{}, -1, p.errAt(i, j+1, func() string {
		return fmt.Sprintf("want a year after %s, as in %s元年 or %s八年", name, name, name)
	})
}

// romanAt reads a romanised date at r[i]: an era name, a year number, and
// optionally "/month/day", "/leap 3/1" or ", 4th month, 16th day".
func (p *parser) romanAt(i int) (Date, int, *ParseError) {
	r := p.r
	ei, j, ok := matchRomanEra(r, i)
	if !ok {
		return Date{}, -1, nil
	}
	e := &eras[ei]
	k := p.skipSpaces(j)
	year, end := readDigits(r, k)
	if end == k || end < len(r) && isLetterish(r[end]) {
		return p.noYear(i, k, e.pinyin)
	}
	if year < 1 || year > e.years {
		return Date{}, -1, p.errAt(k, end, func() string { return fmt.Sprintf("%s has years 1 to %d, not %d", e.pinyin, e.years, year) })
	}
	d := Date{Era: e.name, EraPinyin: e.pinyin, EraYear: year, Precision: Year}
	j = end

	// The month and day, in one of two shapes; when neither is there the
	// date ends with the year.
	var f romanFields
	switch {
	case j < len(r) && r[j] == '/':
		f = p.slashFields(j + 1)
	case j < len(r) && r[j] == ',':
		f = p.phraseFields(j + 1)
	}
	if f.monthEnd == 0 {
		return d, j, nil
	}
	if f.leap && e.gregorian {
		return Date{}, -1, p.errAt(f.monthStart, f.monthEnd, func() string { return fmt.Sprintf("%s years are Gregorian and have no leap months", e.name) })
	}
	if f.month < 1 || f.month > 12 {
		return Date{}, -1, p.errAt(f.monthStart, f.monthEnd, func() string { return fmt.Sprintf("month %d out of range", f.month) })
	}
	ms, ok := monthSpan(e, year, f.month, f.leap)
	if !ok {
		return Date{}, -1, p.errAt(f.monthStart, f.monthEnd, func() string {
			return fmt.Sprintf("%s had no leap %s month", d.yearString(e), lunisolar.Ordinal(f.month))
		})
	}
	d.Month, d.Leap, d.Precision = f.month, f.leap, Month
	if f.dayEnd == 0 {
		return d, f.monthEnd, nil
	}
	if f.day < 1 || f.day > ms.days {
		return Date{}, -1, p.errAt(f.dayStart, f.dayEnd, func() string { return fmt.Sprintf("%s has %d days, not %d", d.monthString(e), ms.days, f.day) })
	}
	d.Day, d.Precision = f.day, Day
	return d, f.dayEnd, nil
}

// romanFields is what follows the year of a romanised date. monthEnd (and
// dayEnd) is 0 when there is no month (day).
type romanFields struct {
	month, day                             int
	leap                                   bool
	monthStart, monthEnd, dayStart, dayEnd int
}

// readDigits reads up to four ASCII digits at r[i].
func readDigits(r []rune, i int) (n, end int) {
	end = i
	for end < len(r) && r[end] >= '0' && r[end] <= '9' && end-i < 4 {
		n = n*10 + int(r[end]-'0')
		end++
	}
	return n, end
}

// word reports whether the ASCII word w (lower case) is at r[i], whole, and
// returns its end.
func (p *parser) word(i int, w string) (int, bool) {
	if i+len(w) > len(p.r) {
		return i, false
	}
	for k := 0; k < len(w); k++ {
		if p.r[i+k]|0x20 != rune(w[k]) {
			return i, false
		}
	}
	end := i + len(w)
	if end < len(p.r) && isLetterish(p.r[end]) {
		return i, false
	}
	return end, true
}

// number reads a number at r[i] that ends a word, with an ordinal suffix
// (4th, 21st) when ordinal.
func (p *parser) number(i int, ordinal bool) (n, end int, ok bool) {
	n, end = readDigits(p.r, i)
	if end == i {
		return 0, i, false
	}
	if ordinal {
		if end+2 > len(p.r) {
			return 0, i, false
		}
		suffix := string([]rune{p.r[end] | 0x20, p.r[end+1] | 0x20})
		if suffix != lunisolar.OrdinalSuffix(n) && suffix != "th" {
			return 0, i, false
		}
		end += 2
	}
	if end < len(p.r) && isLetterish(p.r[end]) {
		return 0, i, false
	}
	return n, end, true
}

// slashFields reads "4/16", "4", "leap 3/1", "L3/1" or "閏3/1" at r[i].
func (p *parser) slashFields(i int) romanFields {
	var f romanFields
	f.monthStart = i
	k := i
	if end, ok := p.wordPrefix(k, "leap"); ok {
		f.leap, k = true, p.skipSpaces(end)
	} else if k < len(p.r) && (p.r[k] == 'L' || p.r[k] == 'l' || p.r[k] == '閏' || p.r[k] == '闰') {
		f.leap, k = true, k+1
	}
	m, end := readDigits(p.r, k)
	if end == k || end < len(p.r) && isLetterish(p.r[end]) {
		return romanFields{}
	}
	f.month, f.monthEnd = m, end
	if end < len(p.r) && p.r[end] == '/' {
		dd, dend := readDigits(p.r, end+1)
		if dend > end+1 && !(dend < len(p.r) && isLetterish(p.r[dend])) {
			f.day, f.dayStart, f.dayEnd = dd, end+1, dend
		}
	}
	return f
}

// wordPrefix is word for a word that may be followed by a space or digit.
func (p *parser) wordPrefix(i int, w string) (int, bool) {
	if i+len(w) > len(p.r) {
		return i, false
	}
	for k := 0; k < len(w); k++ {
		if p.r[i+k]|0x20 != rune(w[k]) {
			return i, false
		}
	}
	end := i + len(w)
	if end < len(p.r) && isLetterish(p.r[end]) && !(p.r[end] >= '0' && p.r[end] <= '9') {
		return i, false
	}
	return end, true
}

// phraseFields reads ", 4th month[, 16th day]" after the comma at r[i-1]:
// the month as "[leap|intercalary] 4th month" or "[leap] month 4", the day
// as "16th day" or "day 16".
func (p *parser) phraseFields(i int) romanFields {
	var f romanFields
	k := p.skipSpaces(i)
	f.monthStart = k
	for _, w := range []string{"leap", "intercalary"} {
		if end, ok := p.word(k, w); ok {
			f.leap, k = true, p.skipSpaces(end)
			break
		}
	}
	if end, ok := p.word(k, "month"); ok {
		n, nend, ok := p.number(p.skipSpaces(end), false)
		if !ok {
			return romanFields{}
		}
		f.month, f.monthEnd = n, nend
	} else {
		n, nend, ok := p.number(k, true)
		if !ok {
			return romanFields{}
		}
		mend, ok := p.word(p.skipSpaces(nend), "month")
		if !ok {
			return romanFields{}
		}
		f.month, f.monthEnd = n, mend
	}
	k = f.monthEnd
	if k >= len(p.r) || p.r[k] != ',' {
		return f
	}
	k = p.skipSpaces(k + 1)
	f.dayStart = k
	if end, ok := p.word(k, "day"); ok {
		if n, nend, ok := p.number(p.skipSpaces(end), false); ok {
			f.day, f.dayEnd = n, nend
		}
	} else if n, nend, ok := p.number(k, true); ok {
		if dend, ok := p.word(p.skipSpaces(nend), "day"); ok {
			f.day, f.dayEnd = n, dend
		}
	}
	return f
}
