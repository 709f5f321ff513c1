package japanese

import "treatyline/histdate/internal/lunisolar"

// hanAt reads a date in characters whose era name starts at r[i]:
// 明治22年2月11日, 明治二十二年二月十一日, 慶応元年, 寛永二年閏四月朔日,
// with an optional Gregorian date in brackets after it.
func (s *scanner) hanAt(i int) (d Date, start, end int, found bool, err *ParseError) {
	r := s.r
	if i+1 >= len(r) {
		return d, 0, 0, false, nil
	}
	ei, ok := hanEras[[2]rune{r[i], r[i+1]}]
	if !ok {
		return d, 0, 0, false, nil
	}
	j := s.skipBlank(i + 2)
	var y int
	if j < len(r) && r[j] == '元' {
		y, j = 1, j+1
	} else if y, j, ok = s.number(j); !ok {
		return d, 0, 0, false, nil
	}
	j = s.skipBlank(j)
	if j >= len(r) || r[j] != '年' {
		return d, 0, 0, false, nil
	}
	j++
	d = Date{Era: eras[ei].name, EraRomaji: eras[ei].romaji, EraYear: y, Precision: Year}
	end = j
	// Month: 2月, 二月, 正月, 閏4月.
	k := s.skipBlank(j)
	leap := false
	if k < len(r) && r[k] == '閏' {
		leap, k = true, s.skipBlank(k+1)
	}
	m, k2, ok := s.monthNumber(k)
	k2 = s.skipBlank(k2)
	if ok && k2 < len(r) && r[k2] == '月' {
		d.Month, d.Leap, d.Precision = m, leap, Month
		end = k2 + 1
		// Day: 11日, 十一日, 朔日, 晦日.
		k = s.skipBlank(end)
		if k < len(r) {
			switch {
			case r[k] == '朔':
				d.Day, d.Precision, end = 1, Day, k+1
			case r[k] == '晦':
				d.Precision, end = Day, k+1
				d.Day = -1 // the last day, filled in below
			default:
				n, k3, ok := s.number(k)
				if k3 = s.skipBlank(k3); ok && k3 < len(r) && r[k3] == '日' {
					d.Day, d.Precision, end = n, Day, k3+1
				}
			}
			if d.Precision == Day && end < len(r) && r[end] == '日' && (r[end-1] == '朔' || r[end-1] == '晦') {
				end++
			}
		}
		if d.Day == -1 {
			if y, ok := d.CalendarYear(); ok {
				if _, days, ok := monthSpan(y, d.Month, d.Leap); ok {
					d.Day = days
				}
			}
		}
	}
	if w, wend, ok := s.westernInBrackets(end); ok {
		d.Western = &w
		end = wend
	}
	return d, i, end, true, check(d, i, end)
}

// westernInBrackets reads "(1867年11月9日)", "（西暦1867年11月9日）",
// "(1867-11-09)" or "(1867年)" at r[i], after optional spaces.
func (s *scanner) westernInBrackets(i int) (w Western, end int, ok bool) {
	r := s.r
	j := s.skipBlank(i)
	if j >= len(r) || r[j] != '(' && r[j] != '（' {
		return w, 0, false
	}
	j = s.skipBlank(j + 1)
	if j+1 < len(r) && r[j] == '西' && r[j+1] == '暦' {
		j = s.skipBlank(j + 2)
	}
	w.Start = j
	y, j, ok := s.arabic(j)
	if !ok || y < 1000 {
		return w, 0, false
	}
	w.Year = y
	if j < len(r) && (r[j] == '-' || r[j] == '/' || r[j] == '.') {
		sep := r[j]
		m, j2, ok1 := s.arabic(j + 1)
		if !ok1 || j2 >= len(r) || r[j2] != sep {
			return w, 0, false
		}
		dd, j3, ok2 := s.arabic(j2 + 1)
		if !ok2 {
			return w, 0, false
		}
		w.Month, w.Day, j = m, dd, j3
	} else {
		if j >= len(r) || r[j] != '年' {
			return w, 0, false
		}
		j++
		if m, j2, ok1 := s.arabic(j); ok1 && j2 < len(r) && r[j2] == '月' {
			w.Month, j = m, j2+1
			if dd, j3, ok2 := s.arabic(j); ok2 && j3 < len(r) && r[j3] == '日' {
				w.Day, j = dd, j3+1
			}
		}
	}
	w.End = j
	j = s.skipBlank(j)
	if j >= len(r) || r[j] != ')' && r[j] != '）' {
		return w, 0, false
	}
	if w.Month < 0 || w.Month > 12 || w.Day < 0 || w.Day > 31 || w.Day > 0 && w.Day > lunisolar.GregorianMonthDays(w.Year, w.Month) {
		return w, 0, false
	}
	return w, j + 1, true
}

// skipBlank skips spaces, ideographic spaces and tabs, not line ends.
func (s *scanner) skipBlank(i int) int {
	for i < len(s.r) && (s.r[i] == ' ' || s.r[i] == '\u3000' || s.r[i] == '\t') {
		i++
	}
	return i
}

// monthNumber reads a month number at r[i]: a number, or 正 (the first
// month).
func (s *scanner) monthNumber(i int) (int, int, bool) {
	if i < len(s.r) && s.r[i] == '正' {
		return 1, i + 1, true
	}
	return s.number(i)
}

// number reads a number at r[i] in Arabic or full-width digits or in kanji
// numerals (二十二, 廿二, 一八六七, 二〇). It returns the value and the index
// after it.
func (s *scanner) number(i int) (int, int, bool) {
	if n, j, ok := s.arabic(i); ok {
		return n, j, true
	}
	return s.kanji(i)
}

// arabic reads up to four Arabic or full-width digits.
func (s *scanner) arabic(i int) (int, int, bool) {
	n, j := 0, i
	for j < len(s.r) && j-i < 5 {
		c := s.r[j]
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int(c-'0')
		case c >= '０' && c <= '９':
			n = n*10 + int(c-'０')
		default:
			return n, j, j > i
		}
		j++
	}
	if j < len(s.r) && (s.r[j] >= '0' && s.r[j] <= '9' || s.r[j] >= '０' && s.r[j] <= '９') {
		return 0, i, false // too many digits for a year, month or day
	}
	return n, j, j > i
}

var kanjiDigit = map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// kanji reads a number in kanji numerals, at most six characters.
func (s *scanner) kanji(i int) (int, int, bool) {
	total, cur, j := 0, 0, i
	for j < len(s.r) && j-i < 6 {
		c := s.r[j]
		if v, ok := kanjiDigit[c]; ok {
			cur = cur*10 + v
		} else {
			switch c {
			case '十':
				if cur == 0 {
					cur = 1
				}
				total += cur * 10
			case '廿':
				total += 20
			case '卅':
				total += 30
			case '百':
				if cur == 0 {
					cur = 1
				}
				total += cur * 100
			default:
				return total + cur, j, j > i
			}
			cur = 0
		}
		j++
	}
	return total + cur, j, j > i
}
