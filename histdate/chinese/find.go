package chinese

// Mention is a date found in a text; Start and End are code-point offsets,
// End exclusive.
type Mention struct {
	Start, End int
	Date       Date
}

// Find returns every reign-era date in text, in order and not overlapping:
// the forms Parse reads in characters, and romanised forms where an era
// name is followed by a year number ("Xianfeng 8", "Hsien-feng 8/4/16",
// "Kangxi 28, leap 3rd month, 1st day"). In running text a bare day number
// must be followed by 日 (咸豐八年四月十六 is read to the month), and a date
// naming a day or leap month the calendar does not have is left out.
func Find(text string) []Mention {
	r := []rune(text)
	p := parser{r: r, find: true}
	var out []Mention
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch {
		case c < 0x80:
			if !pinyinFirst[c|0x20] || c|0x20 < 'a' || c|0x20 > 'z' {
				continue
			}
		case !cjkStart[c]:
			continue
		}
		d, end, err := p.dateAt(i)
		if err != nil || end <= i {
			continue
		}
		out = append(out, Mention{Start: i, End: end, Date: d})
		i = end - 1
	}
	return out
}

// cjkStart marks the characters that can begin a date in characters: the
// first character of an era name or of a dynasty prefix. It is filled by
// init in era.go, after the era tables.
var cjkStart = map[rune]bool{'大': true, '清': true, '明': true, '中': true}
