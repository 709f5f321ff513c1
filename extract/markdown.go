package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Markdown reader that keeps the words and drops the marks: the blocks
// of CommonMark (headings, fences, indented code, quotes, lists, tables,
// thematic breaks, HTML blocks, link definitions) line by line, and the
// inlines (emphasis, code spans, links and images, autolinks, HTML tags,
// entities, escapes) within a line. It is forgiving rather than exact:
// what it does not recognise stays as text.

type mdReader struct {
	w     *builder
	s     string
	refs  map[string]bool // link reference labels defined in the document
	para  bool            // inside a paragraph: the next text line continues it
	hard  bool            // the previous line ended with a hard line break
	list  bool            // inside a list: indented lines continue an item
	table bool            // inside a table
	nl    [2]int          // the previous line's end of line
}

// stripMarkdown writes the text of a Markdown document.
func stripMarkdown(w *builder, s string) {
	m := mdReader{w: w, s: s, refs: linkRefs(s)}
	var fence string // the opening fence of the code block we are in
	var fenceIndent int
	var skipUntil string // the end of an HTML comment or script block
	blankBefore := true
	for off := 0; off < len(s); {
		end := strings.IndexByte(s[off:], '\n')
		next := len(s)
		if end < 0 {
			end = len(s)
		} else {
			end += off
			next = end + 1
		}
		line := s[off:end]
		line = strings.TrimSuffix(line, "\r")
		nl := [2]int{off + len(line), next}
		switch {
		case skipUntil != "":
			if strings.Contains(strings.ToLower(line), skipUntil) {
				skipUntil = ""
				w.lineBreak(2, nl[0], nl[1])
			}
		case fence != "":
			t := strings.TrimLeft(line, " ")
			if len(line)-len(t) < 4 && strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]+" \t") == "" {
				fence = ""
				w.lineBreak(2, off, nl[1])
				break
			}
			// Code is kept as it is, less the fence's indentation.
			k := 0
			for k < fenceIndent && k < len(line) && line[k] == ' ' {
				k++
			}
			m.code(line[k:], off+k, nl)
		default:
			blank := strings.TrimSpace(line) == ""
			if !blank {
				if f, ind := openFence(line); f != "" {
					fence, fenceIndent = f, ind
					m.endPara(2, off, nl[1])
					break
				}
				if u := htmlBlockEnd(line); u != "" {
					skipUntil = u
					m.endPara(2, off, nl[1])
					if strings.Contains(strings.ToLower(line), u) {
						skipUntil = ""
					}
					break
				}
			}
			m.line(line, off, nl, blank, blankBefore, s[next:])
			blankBefore = blank
		}
		m.nl = nl
		off = next
	}
}

// linkRefs collects the labels of link reference definitions
// ("[label]: url"), so that "[label]" alone reads as a link.
func linkRefs(s string) map[string]bool {
	var refs map[string]bool
	for line := range strings.Lines(s) {
		if label, ok := linkDef(line); ok {
			if refs == nil {
				refs = map[string]bool{}
			}
			refs[strings.ToLower(label)] = true
		}
	}
	return refs
}

// linkDef tells a link reference definition and gives its label.
func linkDef(line string) (string, bool) {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || !strings.HasPrefix(t, "[") || strings.HasPrefix(t, "[^") {
		return "", false
	}
	e := strings.Index(t, "]:")
	if e < 2 || strings.ContainsAny(t[1:e], "[]") {
		return "", false
	}
	return t[1:e], true
}

// openFence tells a code fence (``` or ~~~, three or more) and gives it
// with its indentation.
func openFence(line string) (string, int) {
	t := strings.TrimLeft(line, " ")
	ind := len(line) - len(t)
	if ind > 3 || len(t) < 3 || t[0] != '`' && t[0] != '~' {
		return "", 0
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 || t[0] == '`' && strings.Contains(t[n:], "`") {
		return "", 0
	}
	return t[:n], ind
}

// htmlBlockEnd tells an HTML block whose content is not text (a comment,
// script, style) and gives what ends it.
func htmlBlockEnd(line string) string {
	t := strings.ToLower(strings.TrimLeft(line, " "))
	switch {
	case strings.HasPrefix(t, "<!--"):
		return "-->"
	case strings.HasPrefix(t, "<script"):
		return "</script>"
	case strings.HasPrefix(t, "<style"):
		return "</style>"
	}
	return ""
}

// atxLevel gives the level of an ATX heading line ("## Terms"), or 0.
func atxLevel(t string) int {
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n < len(t) && t[n] != ' ' && t[n] != '\t' && t[n] != '\r' && t[n] != '\n' {
		return 0
	}
	return n
}

func (m *mdReader) endPara(n, s, e int) {
	m.para, m.hard, m.table = false, false, false
	m.w.lineBreak(n, s, e)
}

// code writes a line of code as it is.
func (m *mdReader) code(line string, off int, nl [2]int) {
	for i, r := range line {
		m.w.text(r, off+i, off+i+utf8.RuneLen(r))
	}
	m.w.text('\n', nl[0], nl[1])
}

// line reads one line outside code blocks.
func (m *mdReader) line(line string, off int, nl [2]int, blank, blankBefore bool, rest string) {
	w := m.w
	if blank {
		m.endPara(2, off, nl[1])
		return
	}
	indent := indentOf(line)
	// Indented code: four spaces, not continuing a paragraph or a list.
	if indent >= 4 && !m.para && !m.list {
		k, col := 0, 0
		for col < 4 {
			if line[k] == '\t' {
				col += 4 - col%4
			} else {
				col++
			}
			k++
		}
		m.code(line[k:], off+k, nl)
		return
	}
	if blankBefore && indent == 0 {
		m.list = false
	}
	i := 0
	// Block quote markers.
	for {
		j := skipSpaces(line, i, 3)
		if j < len(line) && line[j] == '>' {
			i = j + 1
			if i < len(line) && line[i] == ' ' {
				i++
			}
			continue
		}
		break
	}
	t := line[i:]
	if strings.TrimSpace(t) == "" {
		m.endPara(2, off, nl[1])
		return
	}
	j := skipSpaces(line, i, 3)
	u := line[j:]
	switch {
	case atxLevel(u) > 0:
		n := atxLevel(u)
		h := strings.TrimRight(u[n:], " \t")
		// A closing sequence of #s goes too.
		if k := strings.TrimRight(h, "#"); k != h && (k == "" || k[len(k)-1] == ' ' || k[len(k)-1] == '\t') {
			h = k
		}
		m.endPara(2, off, off+j+n)
		m.inline(h, off+j+n)
		m.endPara(2, nl[0], nl[1])
		return
	case m.para && setextUnderline(u):
		m.endPara(2, off, nl[1])
		return
	case thematicBreak(u):
		m.endPara(2, off, nl[1])
		return
	}
	if _, ok := linkDef(line[i:]); ok {
		m.endPara(1, off, nl[1])
		return
	}
	// Tables: a row before a delimiter row, and the rows after it.
	nextLine, _, _ := strings.Cut(rest, "\n")
	if strings.Contains(u, "|") && (m.table || delimiterRow(nextLine)) {
		if delimiterRow(u) {
			return
		}
		m.table = true
		m.para = false
		w.lineBreak(1, off, off+j)
		m.row(u, off+j)
		return
	}
	if m.table && delimiterRow(u) {
		return
	}
	m.table = false
	// List items.
	if k, ok := listMarker(line, j); ok {
		m.list = true
		m.para = true
		m.hard = false
		w.lineBreak(1, off, off+k)
		k = taskBox(line, k)
		m.text(line[k:], off+k)
		return
	}
	if m.para {
		if m.hard {
			w.lineBreak(1, m.nl[0], m.nl[1])
		} else {
			w.blank(m.nl[0], m.nl[1])
		}
	} else {
		w.lineBreak(1, off, off+j)
	}
	m.para = true
	m.text(line[j:], off+j)
}

// text writes a paragraph's line, noting a hard line break at its end.
func (m *mdReader) text(t string, off int) {
	m.hard = false
	switch {
	case strings.HasSuffix(t, "\\"):
		t = t[:len(t)-1]
		m.hard = true
	case strings.HasSuffix(t, "  "):
		m.hard = true
	}
	m.inline(t, off)
}

// row writes a table row: the cells' text, separated by tabs.
func (m *mdReader) row(u string, off int) {
	t := strings.TrimRight(u, " \t")
	start := 0
	if strings.HasPrefix(t, "|") {
		start = 1
	}
	end := len(t)
	if end > start && t[end-1] == '|' && (end < 2 || t[end-2] != '\\') {
		end--
	}
	cell := start
	first := true
	flushCell := func(k int) {
		c := t[cell:k]
		lead := len(c) - len(strings.TrimLeft(c, " \t"))
		c = strings.TrimSpace(c)
		if !first {
			m.w.text('\t', off+cell-1, off+cell)
		}
		first = false
		m.inline(c, off+cell+lead)
	}
	inCode := false
	for k := start; k < end; k++ {
		switch t[k] {
		case '\\':
			k++
		case '`':
			inCode = !inCode
		case '|':
			if !inCode {
				flushCell(k)
				cell = k + 1
			}
		}
	}
	flushCell(end)
}

func indentOf(line string) int {
	col := 0
	for _, c := range []byte(line) {
		switch c {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return col
		}
	}
	return col
}

// skipSpaces skips at most n spaces from i.
func skipSpaces(s string, i, n int) int {
	for k := 0; k < n && i < len(s) && s[i] == ' '; k++ {
		i++
	}
	return i
}

func setextUnderline(t string) bool {
	t = strings.TrimRight(t, " \t")
	return t != "" && (strings.Trim(t, "=") == "" || len(t) >= 2 && strings.Trim(t, "-") == "")
}

func thematicBreak(t string) bool {
	t = strings.TrimRight(t, " \t")
	if t == "" || t[0] != '*' && t[0] != '-' && t[0] != '_' {
		return false
	}
	n := 0
	for _, c := range []byte(t) {
		switch c {
		case t[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// delimiterRow tells the row under a table's header: "|---|:--:|".
func delimiterRow(t string) bool {
	t = strings.TrimSpace(t)
	if !strings.Contains(t, "-") || strings.Trim(t, "|:- \t") != "" {
		return false
	}
	return strings.Contains(t, "|")
}

// listMarker tells a list item's marker at line[j] and gives where its
// text begins.
func listMarker(line string, j int) (int, bool) {
	if j >= len(line) {
		return 0, false
	}
	k := j
	switch c := line[j]; {
	case c == '-' || c == '*' || c == '+':
		k++
	case isDigitByte(c):
		for k < len(line) && k-j < 9 && isDigitByte(line[k]) {
			k++
		}
		if k >= len(line) || line[k] != '.' && line[k] != ')' {
			return 0, false
		}
		k++
	default:
		return 0, false
	}
	if k < len(line) && line[k] != ' ' && line[k] != '\t' {
		return 0, false
	}
	for k < len(line) && (line[k] == ' ' || line[k] == '\t') {
		k++
	}
	return k, true
}

// taskBox skips a task list box ("[ ] ", "[x] ").
func taskBox(line string, k int) int {
	if k+3 < len(line) && line[k] == '[' && line[k+2] == ']' && strings.ContainsRune(" xX", rune(line[k+1])) && line[k+3] == ' ' {
		return k + 4
	}
	return k
}

// inline writes the text of a line's inlines.
func (m *mdReader) inline(s string, off int) {
	w := m.w
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			w.text(rune(s[i+1]), off+i, off+i+2)
			i += 2
			continue
		case c == '`':
			n := runLen(s, i, '`')
			if e := closingRun(window(s, i, maxInline), i+n, '`', n); e >= 0 {
				code := s[i+n : e]
				lo, hi := i+n, e
				if len(code) >= 2 && code[0] == ' ' && code[len(code)-1] == ' ' && strings.Trim(code, " ") != "" {
					lo, hi = lo+1, hi-1
				}
				for k, r := range s[lo:hi] {
					w.text(r, off+lo+k, off+lo+k+utf8.RuneLen(r))
				}
				i = e + n
				continue
			}
			for k := range n {
				w.text('`', off+i+k, off+i+k+1)
			}
			i += n
			continue
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
			if text, end, ok := m.link(window(s, i+1, maxInline), i+1); ok {
				m.inline(s[text[0]:text[1]], off+text[0])
				i = end
				continue
			}
		case c == '[':
			if text, end, ok := m.link(window(s, i, maxInline), i); ok {
				m.inline(s[text[0]:text[1]], off+text[0])
				i = end
				continue
			}
		case c == '<':
			if end, lo, hi, ok := autolink(window(s, i, maxInline), i); ok {
				for k, r := range s[lo:hi] {
					w.text(r, off+lo+k, off+lo+k+utf8.RuneLen(r))
				}
				i = end
				continue
			}
			if end, br, ok := mdTag(s, i); ok {
				if br {
					w.addBreak(off+i, off+end)
				}
				i = end
				continue
			}
		case c == '&':
			if r, r2, n := entityAt(s, i); n > 0 {
				w.text(r, off+i, off+i+n)
				if r2 != 0 {
					w.text(r2, off+i, off+i+n)
				}
				i += n
				continue
			}
		case c == '*' || c == '_' || c == '~':
			n := runLen(s, i, c)
			if c == '~' && n < 2 || !emphasisRun(s, i, n, c) {
				for k := range n {
					w.text(rune(c), off+i+k, off+i+k+1)
				}
			}
			i += n
			continue
		case c == ' ' || c == '\t':
			w.blank(off+i, off+i+1)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		w.text(r, off+i, off+i+n)
		i += n
	}
}

// maxInline bounds how far an inline looks for its end (a link's
// bracket, a code span's backticks, a tag's '>'), so that a line of
// unclosed marks takes linear time.
const maxInline = 1000

// window gives s up to maxLen bytes past i.
func window(s string, i, maxLen int) string { return s[:min(len(s), i+maxLen)] }

// link reads a link or image at s[i] == '[': "[text](url "title")",
// "[text][ref]", "[text][]", "[ref]" when ref is defined, and footnote
// references "[^1]" (which give no text). It returns the text's span and
// the link's end.
func (m *mdReader) link(s string, i int) ([2]int, int, bool) {
	if strings.IndexByte(s[i:], ']') < 0 {
		return [2]int{}, 0, false
	}
	depth := 0
	k := i
	for ; k < len(s); k++ {
		switch s[k] {
		case '\\':
			k++
			continue
		case '[':
			depth++
		case ']':
			depth--
		}
		if depth == 0 {
			break
		}
	}
	if k >= len(s) {
		return [2]int{}, 0, false
	}
	text := [2]int{i + 1, k}
	if strings.HasPrefix(s[i:], "[^") && !strings.ContainsAny(s[i+2:k], " \t") {
		return [2]int{i + 1, i + 1}, k + 1, true
	}
	switch {
	case k+1 < len(s) && s[k+1] == '(':
		d := 0
		for e := k + 1; e < len(s); e++ {
			switch s[e] {
			case '\\':
				e++
			case '(':
				d++
			case ')':
				d--
				if d == 0 {
					return text, e + 1, true
				}
			case '<':
				if c := strings.IndexByte(s[e:], '>'); c > 0 {
					e += c
				}
			}
		}
		return [2]int{}, 0, false
	case k+1 < len(s) && s[k+1] == '[':
		if e := strings.IndexByte(s[k+2:], ']'); e >= 0 {
			return text, k + 2 + e + 1, true
		}
	case m.refs[strings.ToLower(s[i+1:k])]:
		return text, k + 1, true
	}
	return [2]int{}, 0, false
}

// autolink reads "<https://example.org>" or "<a@example.org>" at s[i],
// giving its end and the span of its text.
func autolink(s string, i int) (end, lo, hi int, ok bool) {
	e := i + 1
	for e < len(s) && e-i < maxInline && s[e] != '>' && s[e] != '<' && s[e] != ' ' && s[e] != '\t' {
		e++
	}
	if e >= len(s) || s[e] != '>' || e == i+1 {
		return 0, 0, 0, false
	}
	in := s[i+1 : e]
	if c := strings.IndexByte(in, ':'); c >= 2 && isScheme(in[:c]) || strings.Contains(in, "@") && !strings.HasPrefix(in, "@") {
		return e + 1, i + 1, e, true
	}
	return 0, 0, 0, false
}

// mdTag reads inline HTML at s[i] == '<': a comment (to the end of the
// line when unclosed), or an opening or closing tag, which must close
// before another '<' outside quotes. It says whether the tag is <br>.
func mdTag(s string, i int) (end int, br, ok bool) {
	if strings.HasPrefix(s[i:], "<!--") {
		e := strings.Index(s[i+4:], "-->")
		if e < 0 {
			return len(s), false, true
		}
		return i + 4 + e + 3, false, true
	}
	j := i + 1
	if j < len(s) && s[j] == '/' {
		j++
	}
	k := j
	for k < len(s) && (asciiLetter(s[k]) || k > j && (isDigitByte(s[k]) || s[k] == '-')) {
		k++
	}
	if k == j {
		return 0, false, false
	}
	name := strings.ToLower(s[j:k])
	var quote byte
	for e := k; e < len(s) && e-i < maxInline; e++ {
		c := s[e]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '<':
			return 0, false, false
		case c == '>':
			return e + 1, name == "br", true
		}
	}
	return 0, false, false
}

func isScheme(s string) bool {
	for k, c := range []byte(s) {
		if !(asciiLetter(c) || k > 0 && (isDigitByte(c) || c == '+' || c == '.' || c == '-')) {
			return false
		}
	}
	return len(s) <= 32
}

func runLen(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// closingRun finds a run of exactly n c's from i.
func closingRun(s string, i int, c byte, n int) int {
	for k := i; k < len(s); {
		j := strings.IndexByte(s[k:], c)
		if j < 0 {
			return -1
		}
		k += j
		m := runLen(s, k, c)
		if m == n {
			return k
		}
		k += m
	}
	return -1
}

// emphasisRun tells a run of * _ or ~ that marks emphasis rather than
// standing for itself: not surrounded by white space ("2 * 3"), and for _
// not inside a word (snake_case).
func emphasisRun(s string, i, n int, c byte) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i+n:])
	spaceBefore := i == 0 || unicode.IsSpace(before)
	spaceAfter := i+n == len(s) || unicode.IsSpace(after)
	if spaceBefore && spaceAfter {
		return false
	}
	if c == '_' && i > 0 && i+n < len(s) && isWordRune(before) && isWordRune(after) {
		return false
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isASCIIPunct(c byte) bool {
	return '!' <= c && c <= '/' || ':' <= c && c <= '@' || '[' <= c && c <= '`' || '{' <= c && c <= '~'
}
