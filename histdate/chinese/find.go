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
// "Kangxi 28, leap 3rd month, 1st day"). In running text a day number
// without 日 must not run on into another character (咸豐八年四月十六人 is
// read to the month), and a date naming a year, month, day or leap month the
// calendar does not have is left out. A sexagenary day that month does not
// have ends the date at its month instead, since two such characters need
// not name a day.
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
		case c < cjkBase || c >= cjkBase+cjkSpan || cjkStart[(c-cjkBase)/64]&(1<<((c-cjkBase)%64)) == 0:
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

// cjkStart marks, one bit a character of the CJK Unified Ideographs block,
// the characters that can begin a date in characters: the first character
// of an era name or of a dynasty prefix. init in era.go fills it, after the
// era tables.
var cjkStart [cjkSpan / 64]uint64

const (
	cjkBase = 0x4E00
	cjkSpan = 0xA000 - cjkBase
)

func markCJKStart(c rune) {
	if c < cjkBase || c >= cjkBase+cjkSpan {
		panic("chinese: date start outside the CJK block: " + string(c))
	}
	cjkStart[(c-cjkBase)/64] |= 1 << ((c - cjkBase) % 64)
}
