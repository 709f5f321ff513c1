package extract

import (
	"html"
	"strings"
	"unicode/utf8"
)

// A small HTML reader: enough of the HTML5 tokenizer's rules to take the
// text out of real pages (comments, doctype, CDATA, quoted attributes
// holding '>', script and style, raw-text and RCDATA elements), keeping
// for every character where it came from. It does not build a tree: the
// text is what a browser would show, in source order.

// htmlBlocks are the elements that begin and end a line; the value is the
// line breaks around them (2: a paragraph of its own).
var htmlBlocks = map[string]int{
	"address": 2, "article": 2, "aside": 2, "blockquote": 2, "body": 1, "caption": 1, "center": 1,
	"dd": 1, "details": 2, "dialog": 1, "dir": 1, "div": 1, "dl": 2, "dt": 1, "fieldset": 2,
	"figcaption": 1, "figure": 2, "footer": 2, "form": 2, "frameset": 1, "h1": 2, "h2": 2, "h3": 2,
	"h4": 2, "h5": 2, "h6": 2, "head": 1, "header": 2, "hgroup": 2, "hr": 2, "html": 1, "legend": 1,
	"li": 1, "main": 2, "menu": 1, "nav": 2, "ol": 2, "optgroup": 1, "option": 1, "p": 2, "pre": 2,
	"section": 2, "summary": 1, "table": 2, "tbody": 1, "tfoot": 1, "thead": 1, "title": 2, "tr": 1, "ul": 2,
}

// htmlCells are separated from their neighbours by a space.
var htmlCells = map[string]bool{"td": true, "th": true}

// htmlDropped are elements whose content is not text a reader sees.
var htmlDropped = map[string]bool{"script": true, "style": true, "template": true, "iframe": true, "noembed": true, "noframes": true, "object": true}

// htmlRCDATA are elements whose content is text without tags.
var htmlRCDATA = map[string]bool{"textarea": true, "title": true, "xmp": true}

// stripHTML writes the text of an HTML document.
func stripHTML(w *builder, s string) {
	pre := 0 // depth of <pre> (and <textarea>, <listing>): white space kept
	for i := 0; i < len(s); {
		c := s[i]
		if c == '<' {
			if next, ok := htmlMarkup(w, s, i, &pre); ok {
				i = next
				continue
			}
		}
		i = htmlChar(w, s, i, pre > 0, len(s))
	}
}

// htmlChar writes the character (or entity) at s[i], returning where the
// next one starts.
func htmlChar(w *builder, s string, i int, keepSpace bool, end int) int {
	c := s[i]
	switch {
	case c == '&':
		if r, r2, n := entityAt(s[:end], i); n > 0 {
			w.text(r, i, i+n)
			if r2 != 0 {
				w.text(r2, i, i+n)
			}
			return i + n
		}
		w.text('&', i, i+1)
		return i + 1
	case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
		if keepSpace {
			if c == '\r' {
				if i+1 < end && s[i+1] == '\n' {
					return i + 1
				}
				c = '\n'
			}
			w.text(rune(c), i, i+1)
		} else {
			w.blank(i, i+1)
		}
		return i + 1
	}
	r, n := utf8.DecodeRuneInString(s[i:end])
	if r == 0 {
		r = '\uFFFD'
	}
	w.text(r, i, i+n)
	return i + n
}

// htmlMarkup reads the markup at s[i] == '<'. It returns false when the
// '<' is text ("a < b").
func htmlMarkup(w *builder, s string, i int, pre *int) (int, bool) {
	rest := s[i:]
	switch {
	case strings.HasPrefix(rest, "<!--"):
		e := strings.Index(rest[4:], "-->")
		if e < 0 {
			return len(s), true
		}
		return i + 4 + e + 3, true
	case strings.HasPrefix(rest, "<![CDATA["):
		e := strings.Index(rest, "]]>")
		if e < 0 {
			e = len(rest)
		}
		for j := i + 9; j < i+e; {
			r, n := utf8.DecodeRuneInString(s[j:])
			w.text(r, j, j+n)
			j += n
		}
		return min(len(s), i+e+3), true
	case strings.HasPrefix(rest, "<!") || strings.HasPrefix(rest, "<?"):
		return tagEnd(s, i+2), true
	case strings.HasPrefix(rest, "</"):
		name, j := tagName(s, i+2)
		if name == "" {
			if j < len(s) && s[j] == '>' { // "</>" is nothing
				return j + 1, true
			}
			return tagEnd(s, j), true // "</ x>" is a bogus comment
		}
		end := tagEnd(s, j)
		htmlTag(w, name, true, i, end, pre)
		return end, true
	}
	name, j := tagName(s, i+1)
	if name == "" {
		return i, false
	}
	end := tagEnd(s, j)
	if end == len(s) && (end == 0 || s[end-1] != '>') {
		return len(s), true // an unfinished tag at the end is dropped
	}
	htmlTag(w, name, false, i, end, pre)
	selfClosing := end >= 2 && s[end-2] == '/'
	switch {
	case selfClosing:
	case htmlDropped[name]:
		return closingTag(s, end, name), true
	case htmlRCDATA[name]:
		// Text without tags up to the closing tag.
		close := closingTagStart(s, end, name)
		for k := end; k < close; {
			k = htmlChar(w, s, k, name == "textarea", close)
		}
		stop := closingTag(s, end, name)
		htmlTag(w, name, true, close, stop, pre)
		return stop, true
	}
	return end, true
}

// htmlTag applies a tag's effect on lines and white space.
func htmlTag(w *builder, name string, closing bool, s, e int, pre *int) {
	switch {
	case name == "br":
		w.addBreak(s, e)
	case htmlCells[name]:
		w.blank(s, e)
	case name == "pre" || name == "listing" || name == "textarea":
		if closing {
			*pre = max(0, *pre-1)
		} else {
			*pre++
		}
		w.lineBreak(2, s, e)
	default:
		if n := htmlBlocks[name]; n > 0 {
			w.lineBreak(n, s, e)
		}
	}
}

// tagName reads an element name at s[i]: a letter, then anything up to
// white space, '/' or '>'. It returns the name in lower case and where it
// ends; "" when s[i] is not a letter.
func tagName(s string, i int) (string, int) {
	if i >= len(s) || !asciiLetter(s[i]) {
		return "", i
	}
	j := i
	for j < len(s) && !isSpaceByte(s[j]) && s[j] != '/' && s[j] != '>' {
		j++
	}
	return strings.ToLower(s[i:j]), j
}

// tagEnd finds the end of a tag (just past its '>'), from a point inside
// it: quoted attribute values may hold '>'.
func tagEnd(s string, i int) int {
	prev := byte(0)
	for j := i; j < len(s); j++ {
		c := s[j]
		switch {
		case c == '>':
			return j + 1
		case (c == '"' || c == '\'') && prev == '=':
			e := strings.IndexByte(s[j+1:], c)
			if e < 0 {
				return len(s)
			}
			j += 1 + e
			prev = c
			continue
		}
		if !isSpaceByte(c) {
			prev = c
		}
	}
	return len(s)
}

// closingTagStart finds where the closing tag of a raw-text element
// begins, from i; len(s) when it is missing.
func closingTagStart(s string, i int, name string) int {
	for j := i; ; {
		k := strings.Index(s[j:], "</")
		if k < 0 {
			return len(s)
		}
		j += k
		n := j + 2 + len(name)
		if n <= len(s) && strings.EqualFold(s[j+2:n], name) && (n == len(s) || isSpaceByte(s[n]) || s[n] == '>' || s[n] == '/') {
			return j
		}
		j += 2
	}
}

// closingTag gives the end of the closing tag of a raw-text element.
func closingTag(s string, i int, name string) int {
	c := closingTagStart(s, i, name)
	if c == len(s) {
		return c
	}
	return tagEnd(s, c+2)
}

// entityAt decodes a character reference at s[i] == '&': "&amp;", "&#233;",
// "&#xE9;", and the few legacy names that may go without ';'. It returns
// the character(s) and the reference's length, or n == 0 when it is not
// one. Numbers are read as HTML does (0x80–0x9F as Windows-1252).
func entityAt(s string, i int) (r, r2 rune, n int) {
	j := i + 1
	if j < len(s) && s[j] == '#' {
		j++
		hex := j < len(s) && (s[j] == 'x' || s[j] == 'X')
		if hex {
			j++
		}
		k := j
		for k < len(s) && k-j < 8 && (isDigitByte(s[k]) || hex && isHexByte(s[k])) {
			k++
		}
		if k == j {
			return 0, 0, 0
		}
		if k < len(s) && s[k] == ';' {
			k++
		}
		u := html.UnescapeString(s[i:k])
		if u == s[i:k] {
			return 0, 0, 0
		}
		r, size := utf8.DecodeRuneInString(u)
		if size == len(u) {
			return r, 0, k - i
		}
		return '\uFFFD', 0, k - i
	}
	k := j
	for k < len(s) && k-j < 32 && (isDigitByte(s[k]) || asciiLetter(s[k])) {
		k++
	}
	if k == j {
		return 0, 0, 0
	}
	name := s[j:k]
	semi := k < len(s) && s[k] == ';'
	if !semi && !legacyEntities[name] {
		return 0, 0, 0
	}
	u := html.UnescapeString("&" + name + ";")
	if u == "&"+name+";" {
		return 0, 0, 0
	}
	if utf8.RuneCountInString(u) > 2 {
		// A longer name that merely starts with a legacy one ("&ampx;").
		return 0, 0, 0
	}
	if semi {
		k++
	}
	r, size := utf8.DecodeRuneInString(u)
	if size < len(u) {
		r2, _ = utf8.DecodeRuneInString(u[size:])
	}
	return r, r2, k - i
}

// legacyEntities may be written without ';' ("&amp" in old pages).
var legacyEntities = map[string]bool{"amp": true, "lt": true, "gt": true, "quot": true, "nbsp": true, "copy": true, "reg": true}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }
func isHexByte(c byte) bool   { return isDigitByte(c) || 'a' <= c|0x20 && c|0x20 <= 'f' }
