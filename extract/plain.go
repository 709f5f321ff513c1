package extract

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	xunicode "golang.org/x/text/encoding/unicode"
)

// The formats Plain reads.
const (
	FormatText     = "text"
	FormatMarkdown = "markdown"
	FormatHTML     = "html"
)

// Text is a document turned into plain text. Positions in Text count code
// points, as evidence selectors do; Orig and OrigSpan map them back to
// byte offsets of the original file, so that a span found in the text can
// be shown, or checked, in the file it came from.
type Text struct {
	Text     string
	Format   string // FormatText, FormatMarkdown or FormatHTML
	Encoding string // how the bytes were read: "utf-8", "utf-16le", "utf-16be", "windows-1252", ...
	// Note says what was done to the bytes besides reading them as UTF-8
	// (a transcoding, a byte order mark removed); empty when nothing was.
	Note string

	// starts and ends are, for each code point of Text, the byte span of
	// the original it came from: one byte for a letter of Latin-1, the
	// whole "&amp;" for an entity, the tag for a line break made of one.
	starts, ends []int32
	size         int // the original's length in bytes
}

// Orig gives the byte offset in the original file where code point i of
// the text came from. Orig(n), n the number of code points, is the length
// of the original. It panics when i is out of range, as a slice would.
func (t Text) Orig(i int) int {
	if i == len(t.starts) {
		return t.size
	}
	return int(t.starts[i])
}

// OrigSpan gives the byte span of the original that code points [start,
// end) of the text came from: from where the first began to where the
// last ended, taking in the markup between them. An empty span maps to an
// empty span at Orig(start).
func (t Text) OrigSpan(start, end int) (int, int) {
	if end <= start {
		o := t.Orig(start)
		return o, o
	}
	return int(t.starts[start]), int(t.ends[end-1])
}

// Len gives the number of code points of the text.
func (t Text) Len() int { return len(t.starts) }

// EncodingError says where a file is not in an encoding Plain can read.
// Offset counts bytes from 0; Line counts lines from 1.
type EncodingError struct {
	Name     string // the file name given to Plain, if any
	Encoding string // "UTF-8", "UTF-16LE", ...
	Offset   int
	Line     int
	Byte     byte // the first byte that could not be read
	Msg      string
}

func (e *EncodingError) Error() string {
	var b strings.Builder
	if e.Name != "" {
		fmt.Fprintf(&b, "%s:%d: ", e.Name, e.Line)
	}
	fmt.Fprintf(&b, "not %s at byte %d (line %d)", e.Encoding, e.Offset, e.Line)
	if e.Msg != "" {
		b.WriteString(": ")
		b.WriteString(e.Msg)
	}
	return b.String()
}

// maxPlain is the largest input Plain reads: offsets are kept in int32.
const maxPlain = 1<<31 - 1

// Plain turns a file into plain text. name (a file name or path; may be
// empty) tells the format by its extension: .txt and .text are plain
// text, .md and .markdown Markdown, .html, .htm and .xhtml HTML. Other
// names are told by sniffing the content.
//
// Plain text is kept as it is. Markdown loses its syntax (headings,
// emphasis, link targets, list and quote markers, fences, inline HTML)
// and keeps the words, code included; the lines of a paragraph are joined
// by spaces. HTML loses its tags and comments, script and style, gets its
// entities decoded and its white space collapsed, and block elements
// (paragraphs, headings, list items, table rows, <br>) become line breaks.
//
// The bytes must be UTF-8 (a UTF-8 byte order mark is dropped), or UTF-16
// with a byte order mark, or, for HTML, in a single-byte charset that the
// document declares (<meta charset="windows-1252">, ISO-8859-1, KOI8-R,
// ...). The last two are transcoded and Text.Note says so. Anything else
// gets an *EncodingError naming the first byte that cannot be read.
func Plain(raw []byte, name string) (Text, error) {
	return plain(raw, name, true)
}

// PlainText is Plain without the map from the text back to the original's
// bytes (Orig, OrigSpan and Len are not to be used on its result): the
// same text, for the readers that keep only the text, at a fraction of the
// memory (the map takes 8 bytes per code point).
func PlainText(raw []byte, name string) (Text, error) {
	return plain(raw, name, false)
}

// PlainTextOwned is PlainText for bytes the caller gives up: the text of
// a UTF-8 file is then those bytes, not a copy (raw must not change after:
// a file read into a buffer of its own).
func PlainTextOwned(raw []byte, name string) (Text, error) {
	return plainOf(raw, name, false, true)
}

func plain(raw []byte, name string, mapped bool) (Text, error) {
	return plainOf(raw, name, mapped, false)
}

// plainOf is Plain (mapped) or PlainText; with owned, raw is the caller's
// no more and a UTF-8 text shares its bytes.
func plainOf(raw []byte, name string, mapped, owned bool) (Text, error) {
	if len(raw) > maxPlain {
		return Text{}, fmt.Errorf("%s: %d bytes, more than the %d that can be read", orInput(name), len(raw), maxPlain)
	}
	src, err := decode(raw, name, owned)
	if err != nil {
		return Text{}, err
	}
	format := formatOf(name, src.text)
	if format == FormatText && !mapped {
		// Plain text is its own words: written again character by
		// character it would be the same string, held twice.
		return Text{Text: src.text, Format: format, Encoding: src.encoding, Note: src.note, size: len(raw)}, nil
	}
	w := builder{unmapped: !mapped}
	w.grow(len(src.text))
	switch format {
	case FormatHTML:
		stripHTML(&w, src.text)
	case FormatMarkdown:
		stripMarkdown(&w, src.text)
	default:
		for i, r := range src.text {
			w.text(r, i, i+utf8.RuneLen(r))
		}
	}
	t := Text{Text: w.b.String(), Format: format, Encoding: src.encoding, Note: src.note, size: len(raw)}
	t.starts, t.ends = w.starts, w.ends
	for i := range t.starts {
		t.starts[i] = int32(src.orig(int(t.starts[i])))
		t.ends[i] = int32(src.orig(int(t.ends[i])))
	}
	return t, nil
}

func orInput(name string) string {
	if name == "" {
		return "input"
	}
	return name
}

// source is a file's bytes read as UTF-8, with the way back to the bytes.
type source struct {
	text     string
	encoding string
	note     string
	shift    int     // orig(i) = i + shift, when origs is nil
	origs    []int32 // for transcoded text: orig offset of each byte of text, and of its end
}

func (s *source) orig(i int) int {
	if s.origs == nil {
		return i + s.shift
	}
	return int(s.origs[i])
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

func decode(raw []byte, name string, owned bool) (source, error) {
	text := func(b []byte) string {
		if owned && len(b) > 0 {
			return unsafe.String(unsafe.SliceData(b), len(b)) // the caller's bytes no more
		}
		return string(b)
	}
	switch {
	case bytes.HasPrefix(raw, bomUTF8):
		if err := checkUTF8(raw, name); err != nil {
			return source{}, err
		}
		return source{text: text(raw[3:]), encoding: "utf-8", shift: 3, note: "UTF-8 byte order mark removed"}, nil
	case bytes.HasPrefix(raw, bomUTF16LE):
		return decodeUTF16(raw, name, false)
	case bytes.HasPrefix(raw, bomUTF16BE):
		return decodeUTF16(raw, name, true)
	}
	valid := utf8.Valid(raw)
	if isHTMLName(name) || !hasFormatExt(name) && sniffHTML(raw) {
		if cs := declaredCharset(raw); cs != "" {
			return decodeDeclared(raw, name, cs, valid)
		}
	}
	if !valid {
		return source{}, checkUTF8(raw, name)
	}
	return source{text: text(raw), encoding: "utf-8"}, nil
}

// checkUTF8 names the first byte of raw that is not UTF-8.
func checkUTF8(raw []byte, name string) error {
	off := 0
	for off < len(raw) {
		r, size := utf8.DecodeRune(raw[off:])
		if r == utf8.RuneError && size <= 1 {
			return &EncodingError{Name: name, Encoding: "UTF-8", Offset: off, Line: bytes.Count(raw[:off], []byte{'\n'}) + 1,
				Byte: raw[off], Msg: fmt.Sprintf("invalid byte 0x%02x; convert the file to UTF-8 first", raw[off])}
		}
		off += size
	}
	return nil
}

// decodeUTF16 transcodes UTF-16 with a byte order mark, refusing unpaired
// surrogates and an odd number of bytes rather than guessing.
func decodeUTF16(raw []byte, name string, bigEndian bool) (source, error) {
	enc, label := "UTF-16LE", "utf-16le"
	unit := func(i int) uint16 { return uint16(raw[i]) | uint16(raw[i+1])<<8 }
	endian := xunicode.LittleEndian
	if bigEndian {
		enc, label = "UTF-16BE", "utf-16be"
		unit = func(i int) uint16 { return uint16(raw[i])<<8 | uint16(raw[i+1]) }
		endian = xunicode.BigEndian
	}
	line := 1
	fail := func(off int, msg string) error {
		return &EncodingError{Name: name, Encoding: enc, Offset: off, Line: line, Byte: raw[off], Msg: msg}
	}
	// Check the units, and note where each code point starts.
	var starts []int32
	for i := 2; i < len(raw); {
		if i+1 >= len(raw) {
			return source{}, fail(i, "an odd number of bytes")
		}
		u := unit(i)
		switch {
		case u >= 0xD800 && u < 0xDC00:
			if i+3 >= len(raw) {
				return source{}, fail(i, "a high surrogate at the end")
			}
			if v := unit(i + 2); v < 0xDC00 || v >= 0xE000 {
				return source{}, fail(i, fmt.Sprintf("high surrogate 0x%04x without its low surrogate", u))
			}
			starts = append(starts, int32(i))
			i += 4
			continue
		case u >= 0xDC00 && u < 0xE000:
			return source{}, fail(i, fmt.Sprintf("low surrogate 0x%04x without its high surrogate", u))
		case u == '\n':
			line++
		}
		starts = append(starts, int32(i))
		i += 2
	}
	out, err := xunicode.UTF16(endian, xunicode.ExpectBOM).NewDecoder().Bytes(raw)
	if err != nil {
		return source{}, fmt.Errorf("%s: read %s: %w", orInput(name), enc, err)
	}
	s := source{text: string(out), encoding: label, note: "transcoded from " + enc + " (byte order mark)"}
	if s.origs, err = mapRunes(s.text, starts, len(raw)); err != nil {
		return source{}, fmt.Errorf("%s: read %s: %w", orInput(name), enc, err)
	}
	return s, nil
}

// mapRunes gives, for each byte of text, the original offset of the code
// point it belongs to, starts holding one offset per code point.
func mapRunes(text string, starts []int32, size int) ([]int32, error) {
	if utf8.RuneCountInString(text) != len(starts) {
		return nil, fmt.Errorf("decoder gave %d code points for %d", utf8.RuneCountInString(text), len(starts))
	}
	origs := make([]int32, len(text)+1)
	k := 0
	for i, r := range text {
		for j := range utf8.RuneLen(r) {
			origs[i+j] = starts[k]
		}
		k++
	}
	origs[len(text)] = int32(size)
	return origs, nil
}

// decodeDeclared reads HTML in the charset it declares. Bytes that are
// valid UTF-8 stay UTF-8 whatever the declaration says: a declaration
// copied from a template is likelier than Latin-1 that happens to be
// valid UTF-8.
func decodeDeclared(raw []byte, name, charset string, valid bool) (source, error) {
	enc, err := htmlindex.Get(charset)
	if err != nil {
		if valid {
			return source{text: string(raw), encoding: "utf-8", note: fmt.Sprintf("declared charset %q is unknown; read as UTF-8", charset)}, nil
		}
		return source{}, fmt.Errorf("%s: declared charset %q is unknown, and the file is not UTF-8: %w", orInput(name), charset, checkUTF8(raw, ""))
	}
	label, _ := htmlindex.Name(enc)
	if label == "utf-8" || valid && !isASCII(raw) {
		if !valid {
			return source{}, checkUTF8(raw, name)
		}
		s := source{text: string(raw), encoding: "utf-8"}
		if label != "utf-8" {
			s.note = fmt.Sprintf("declared charset %s, but the bytes are UTF-8; read as UTF-8", label)
		}
		return s, nil
	}
	cm, ok := enc.(*charmap.Charmap)
	if !ok {
		if valid {
			return source{text: string(raw), encoding: "utf-8", note: fmt.Sprintf("declared charset %s is not supported; the bytes are ASCII, read as UTF-8", label)}, nil
		}
		return source{}, fmt.Errorf("%s: declared charset %s is not supported (only UTF-8, UTF-16 with a byte order mark, and single-byte charsets); convert the file to UTF-8: %w", orInput(name), label, checkUTF8(raw, ""))
	}
	if isASCII(raw) {
		return source{text: string(raw), encoding: label}, nil
	}
	out, err := cm.NewDecoder().Bytes(raw)
	if err != nil {
		return source{}, fmt.Errorf("%s: read %s: %w", orInput(name), label, err)
	}
	starts := make([]int32, len(raw))
	for i := range starts {
		starts[i] = int32(i)
	}
	s := source{text: string(out), encoding: label, note: fmt.Sprintf("transcoded from %s (declared in the document)", label)}
	if s.origs, err = mapRunes(s.text, starts, len(raw)); err != nil {
		return source{}, fmt.Errorf("%s: read %s: %w", orInput(name), label, err)
	}
	return s, nil
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// declaredCharset finds the charset an HTML document declares near its
// start: <meta charset>, <meta http-equiv content="...; charset=">, or an
// XML declaration's encoding. It returns "" when there is none.
func declaredCharset(raw []byte) string {
	head := raw[:min(len(raw), 4096)]
	lower := bytes.ToLower(head)
	if bytes.HasPrefix(bytes.TrimLeft(lower, " \t\r\n"), []byte("<?xml")) {
		decl := lower[:max(0, bytes.Index(lower, []byte("?>")))]
		if cs := attrValue(string(decl), "encoding"); cs != "" {
			return cs
		}
	}
	for i := 0; ; {
		j := bytes.Index(lower[i:], []byte("<meta"))
		if j < 0 {
			return ""
		}
		i += j + len("<meta")
		end := tagEnd(string(lower), i)
		tag := string(lower[i:end])
		if cs := strings.TrimRight(attrValue(tag, "charset"), "/"); cs != "" {
			return cs
		}
		if strings.Contains(attrValue(tag, "http-equiv"), "content-type") {
			content := attrValue(tag, "content")
			if k := strings.Index(content, "charset="); k >= 0 {
				cs := strings.Trim(content[k+len("charset="):], `"' `)
				if e := strings.IndexAny(cs, "; "); e >= 0 {
					cs = cs[:e]
				}
				return cs
			}
		}
		i = end
	}
}

// attrValue gives the value of attribute name in the inside of a tag
// (lower case), or "".
func attrValue(tag, name string) string {
	i := 0
	for i < len(tag) {
		for i < len(tag) && (isSpaceByte(tag[i]) || tag[i] == '/') {
			i++
		}
		j := i
		for j < len(tag) && !isSpaceByte(tag[j]) && tag[j] != '=' && tag[j] != '>' && tag[j] != '/' {
			j++
		}
		if j == i {
			return ""
		}
		key := tag[i:j]
		for j < len(tag) && isSpaceByte(tag[j]) {
			j++
		}
		val := ""
		if j < len(tag) && tag[j] == '=' {
			j++
			for j < len(tag) && isSpaceByte(tag[j]) {
				j++
			}
			if j < len(tag) && (tag[j] == '"' || tag[j] == '\'') {
				e := strings.IndexByte(tag[j+1:], tag[j])
				if e < 0 {
					e = len(tag) - j - 1
				}
				val = tag[j+1 : j+1+e]
				j += e + 2
			} else {
				e := j
				for e < len(tag) && !isSpaceByte(tag[e]) && tag[e] != '>' {
					e++
				}
				val = tag[j:e]
				j = e
			}
		}
		if key == name {
			return strings.TrimSpace(val)
		}
		i = j
	}
	return ""
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

var (
	textExts     = map[string]bool{".txt": true, ".text": true}
	markdownExts = map[string]bool{".md": true, ".markdown": true, ".mdown": true, ".mkd": true}
	htmlExts     = map[string]bool{".html": true, ".htm": true, ".xhtml": true}
)

func ext(name string) string { return strings.ToLower(filepath.Ext(name)) }

func isHTMLName(name string) bool { return htmlExts[ext(name)] }

func hasFormatExt(name string) bool {
	e := ext(name)
	return textExts[e] || markdownExts[e] || htmlExts[e]
}

// formatOf tells a document's format by its name, or else by its content.
func formatOf(name, text string) string {
	switch e := ext(name); {
	case textExts[e]:
		return FormatText
	case markdownExts[e]:
		return FormatMarkdown
	case htmlExts[e]:
		return FormatHTML
	}
	switch {
	case sniffHTML([]byte(text[:min(len(text), 4096)])):
		return FormatHTML
	case sniffMarkdown(text):
		return FormatMarkdown
	}
	return FormatText
}

// sniffHTML tells HTML by its start (a doctype, <html>, <head>, <body>, an
// XML declaration before <html) or, failing that, by several common tags.
func sniffHTML(b []byte) bool {
	head := bytes.ToLower(b[:min(len(b), 4096)])
	lead := bytes.TrimLeft(head, " \t\r\n\ufeff")
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body"} {
		if bytes.HasPrefix(lead, []byte(p)) {
			return true
		}
	}
	if bytes.HasPrefix(lead, []byte("<?xml")) && bytes.Contains(head, []byte("<html")) {
		return true
	}
	n := 0
	for _, tag := range []string{"<p>", "<p ", "<div", "<br>", "<br/>", "<br />", "<a href", "<span", "<h1", "<h2", "<li>", "<table", "</p>", "</div>"} {
		n += bytes.Count(head, []byte(tag))
	}
	return len(lead) > 0 && lead[0] == '<' && n >= 2 || n >= 4
}

// sniffMarkdown tells Markdown by its commonest marks: ATX headings,
// fences, links, emphasis and list markers. A plain text with a bullet
// list is not enough.
func sniffMarkdown(text string) bool {
	score := 0
	lines := 0
	for line := range strings.Lines(text[:min(len(text), 16384)]) {
		lines++
		l := strings.TrimLeft(line, " ")
		switch {
		case strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~"):
			score += 2
		case atxLevel(l) > 0:
			score += 2
		case strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* ") || strings.HasPrefix(l, "+ "):
			score++
		}
		if i := strings.Index(l, "]("); i > 0 && strings.Contains(l[:i], "[") && strings.Contains(l[i:], ")") {
			score += 2
		}
		if strings.Count(l, "**") >= 2 || strings.Count(l, "__") >= 2 {
			score++
		}
	}
	return score >= 3
}

// builder collects the extracted text with, for each code point, the span
// of the decoded source it came from. White space is collapsed lazily:
// a pending space or line break is written only before the next visible
// character, so the text neither starts nor ends with white space.
type builder struct {
	b            strings.Builder
	starts, ends []int32
	unmapped     bool // keep no starts and ends
	n            int  // code points written
	space        bool
	spaceAt      [2]int
	breaks       int // line breaks wanted before the next character (at most 2)
	breakAt      [2]int
	trailingNL   int // line breaks at the end of what is written
	lastSpace    bool
}

func (w *builder) grow(n int) {
	w.b.Grow(n)
	if w.unmapped {
		return
	}
	w.starts = make([]int32, 0, n)
	w.ends = make([]int32, 0, n)
}

func (w *builder) put(r rune, s, e int) {
	w.b.WriteRune(r)
	w.n++
	if !w.unmapped {
		w.starts = append(w.starts, int32(s))
		w.ends = append(w.ends, int32(e))
	}
	if r == '\n' {
		w.trailingNL++
	} else {
		w.trailingNL = 0
	}
	w.lastSpace = r == ' ' || r == '\t' || r == '\n'
}

func (w *builder) flush() {
	if w.n == 0 {
		w.space, w.breaks = false, 0
		return
	}
	if w.breaks > 0 {
		for range w.breaks - w.trailingNL {
			w.put('\n', w.breakAt[0], w.breakAt[1])
		}
	} else if w.space && !w.lastSpace {
		w.put(' ', w.spaceAt[0], w.spaceAt[1])
	}
	w.space, w.breaks = false, 0
}

// text writes a character as it is: white space written this way is
// kept (preformatted text, code).
func (w *builder) text(r rune, s, e int) {
	w.flush()
	w.put(r, s, e)
}

// blank asks for a space before the next character.
func (w *builder) blank(s, e int) {
	if !w.space && w.breaks == 0 {
		w.space, w.spaceAt = true, [2]int{s, e}
	}
}

// lineBreak asks for n line breaks (1: a new line, 2: a new paragraph)
// before the next character.
func (w *builder) lineBreak(n, s, e int) {
	if w.breaks == 0 {
		w.breakAt = [2]int{s, e}
	}
	w.breaks = min(2, max(w.breaks, n))
}

// addBreak asks for one more line break than already asked (<br>).
func (w *builder) addBreak(s, e int) {
	if w.breaks == 0 {
		w.breakAt = [2]int{s, e}
	}
	w.breaks = min(2, w.breaks+1)
}
