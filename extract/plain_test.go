package extract

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"treatyline/internal/gold"
)

// plainCases are the table for TestPlain and the seeds of FuzzPlain. Each
// span pairs words of the text with the bytes of the file they must map
// back to.
var plainCases = []struct {
	name   string
	file   string
	raw    string
	format string
	want   string
	spans  [][2]string // {in the text, in the file}
	note   string      // a part of Text.Note
}{
	{
		name: "plain text is kept as it is", file: "a.txt", format: FormatText,
		raw:   "The Treaty of Aigun (1858)\r\n\n  *not* Markdown: [x](y) <b>\n",
		want:  "The Treaty of Aigun (1858)\r\n\n  *not* Markdown: [x](y) <b>\n",
		spans: [][2]string{{"Aigun", "Aigun"}, {"<b>", "<b>"}},
	},
	{
		name: "markdown syntax goes, words stay", file: "notes.md", format: FormatMarkdown,
		raw: "# Treaty of *Aigun* #\n\nSigned on **28 May** 1858 at [Aigun](https://example.org/aigun \"the town\")\nby Muravyov and Yishan.  \nA new line.\n\n" +
			"- Amur, `left bank`\n- [x] Ussuri\n  and the sea\n\n1. first\n2) second\n\n> Quoted _text_ with snake_case and 2 * 3.\n\n" +
			"```go\nfunc main() { *x = 1 }\n```\n\n    indented code\n\n![Map of the Amur](map.png) &amp; <span class=\"x\">inline html</span><br>after\n\n" +
			"Setext heading\n==============\n\n***\n\n| Treaty | Year |\n|--------|-----:|\n| Aigun  | 1858 |\n\nSee [the text][aigun], [aigun] and a footnote[^1].\n\n[aigun]: https://example.org\n<!--\nhidden\n-->\nEscaped \\*stars\\* and <https://example.org/x>.\n",
		want: "Treaty of Aigun\n\nSigned on 28 May 1858 at Aigun by Muravyov and Yishan.\nA new line.\n\n" +
			"Amur, left bank\nUssuri and the sea\n\nfirst\nsecond\n\nQuoted text with snake_case and 2 * 3.\n\n" +
			"func main() { *x = 1 }\n\nindented code\n\nMap of the Amur & inline html\nafter\n\n" +
			"Setext heading\n\n" +
			"Treaty\tYear\nAigun\t1858\n\nSee the text, aigun and a footnote.\n\nEscaped *stars* and https://example.org/x.",
		spans: [][2]string{
			{"Aigun", "Aigun"}, {"28 May", "28 May"}, {"Aigun by", "Aigun](https://example.org/aigun \"the town\")\nby"},
			{"Map of the Amur", "Map of the Amur"}, {"&", "&amp;"}, {"*stars*", "\\*stars\\*"},
		},
	},
	{
		name: "html tags go, text and entities stay", file: "page.html", format: FormatHTML,
		raw: "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Aigun &amp; Peking</title>\n<style>p { color: red }</style>\n" +
			"<script>if (a < b && c > d) { document.write('<p>no</p>') }</script></head>\n<body>\n<h1>Treaty   of\n Aigun</h1>\n" +
			"<p>Signed <b>28&nbsp;May</b> 1858 at <a href=\"/town\" title='a > b'>Aigun</a>.<br>By Muravyov &amp; Yishan&#x2014;at last&#46;</p>\n" +
			"<!-- a comment <p>hidden</p> -->\n<ul><li>Amur</li><li>Ussuri</li></ul>\n<pre>  kept\n    as is</pre>\n" +
			"<table><tr><th>Treaty</th><th>Year</th></tr><tr><td>Aigun</td><td>1858</td></tr></table>\n" +
			"<p>&eacute;&#233;&#xE9; &unknown; AT&T a < b</p><textarea>x <b>y</b></textarea>\n</body></html>\n",
		want: "Aigun & Peking\n\nTreaty of Aigun\n\nSigned 28\u00a0May 1858 at Aigun.\nBy Muravyov & Yishan—at last.\n\nAmur\nUssuri\n\n  kept\n    as is\n\n" +
			"Treaty Year\nAigun 1858\n\nééé &unknown; AT&T a < b\n\nx <b>y</b>",
		spans: [][2]string{
			{"Aigun & Peking", "Aigun &amp; Peking"}, {"Treaty of Aigun", "Treaty   of\n Aigun"},
			{"28\u00a0May", "28&nbsp;May"}, {"Aigun.", "Aigun</a>."}, {"—", "&#x2014;"}, {"é", "&eacute;"},
		},
	},
	{
		name: "html by sniffing", file: "", format: FormatHTML,
		raw:  "  <html><body><p>Treaty of Nerchinsk</p></body></html>",
		want: "Treaty of Nerchinsk",
	},
	{
		name: "markdown by sniffing", file: "README", format: FormatMarkdown,
		raw:  "# Aigun\n\nThe [treaty](https://example.org) of **1858**.\n",
		want: "Aigun\n\nThe treaty of 1858.",
	},
	{
		name: "text by sniffing", file: "notes", format: FormatText,
		raw:  "Aigun, 1858 - the treaty\n* one line with a star\n",
		want: "Aigun, 1858 - the treaty\n* one line with a star\n",
	},
	{
		name: "utf-8 byte order mark", file: "bom.txt", format: FormatText,
		raw:   "\ufeffAmur river",
		want:  "Amur river",
		spans: [][2]string{{"Amur", "Amur"}},
		note:  "byte order mark removed",
	},
	{
		name: "utf-16le with a byte order mark", file: "u16.txt", format: FormatText,
		raw:   utf16LE("\ufeffAmur 黑龍江 𝔸\n"),
		want:  "Amur 黑龍江 𝔸\n",
		spans: [][2]string{{"Amur", utf16LE("Amur")}, {"黑龍江", utf16LE("黑龍江")}, {"𝔸", utf16LE("𝔸")}},
		note:  "UTF-16LE",
	},
	{
		name: "utf-16be html with a byte order mark", file: "u16.html", format: FormatHTML,
		raw:   utf16BE("\ufeff<p>Amur &amp; Ussuri</p>"),
		want:  "Amur & Ussuri",
		spans: [][2]string{{"&", utf16BE("&amp;")}},
		note:  "UTF-16BE",
	},
	{
		name: "windows-1252 declared in html", file: "old.htm", format: FormatHTML,
		raw:   "<html><head><meta charset=windows-1252></head><body><p>Trait\xe9 d\x92Aigun \x96 1858</p></body></html>",
		want:  "Traité d’Aigun – 1858",
		spans: [][2]string{{"Traité", "Trait\xe9"}, {"’", "\x92"}, {"1858", "1858"}},
		note:  "windows-1252",
	},
	{
		name: "latin-1 declared by http-equiv is read as windows-1252", file: "old.html", format: FormatHTML,
		raw:  "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body>Stra\xdfe \x80</body></html>",
		want: "Straße €",
		note: "transcoded from windows-1252",
	},
	{
		name: "declared latin-1 but utf-8 bytes stay utf-8", file: "mixed.html", format: FormatHTML,
		raw:  "<meta charset=\"iso-8859-1\"><p>Àihún Tiáoyuē</p>",
		want: "Àihún Tiáoyuē",
		note: "the bytes are UTF-8",
	},
}

func utf16LE(s string) string {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

func utf16BE(s string) string {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}

func TestPlain(t *testing.T) {
	for _, c := range plainCases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Plain([]byte(c.raw), c.file)
			if err != nil {
				t.Fatal(err)
			}
			if got.Format != c.format {
				t.Errorf("format %q, want %q", got.Format, c.format)
			}
			if diff := cmp.Diff(c.want, got.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			if !strings.Contains(got.Note, c.note) {
				t.Errorf("note %q, want it to mention %q", got.Note, c.note)
			}
			for _, sp := range c.spans {
				i := strings.Index(got.Text, sp[0])
				if i < 0 {
					t.Errorf("text has no %q", sp[0])
					continue
				}
				start := utf8.RuneCountInString(got.Text[:i])
				end := start + utf8.RuneCountInString(sp[0])
				a, b := got.OrigSpan(start, end)
				if raw := c.raw[a:b]; raw != sp[1] {
					t.Errorf("%q [%d,%d) comes from %q [%d,%d), want %q", sp[0], start, end, raw, a, b, sp[1])
				}
			}
			checkOrig(t, []byte(c.raw), got)
		})
	}
}

// checkOrig checks that the map back to the file is whole and in order:
// one span per code point, within the file, each starting no earlier
// than the one before.
func checkOrig(t testing.TB, raw []byte, got Text) {
	t.Helper()
	n := utf8.RuneCountInString(got.Text)
	if got.Len() != n {
		t.Fatalf("Len() = %d for %d code points", got.Len(), n)
	}
	if got.Orig(n) != len(raw) {
		t.Errorf("Orig(%d) = %d, want the file's length %d", n, got.Orig(n), len(raw))
	}
	prev := 0
	for i := range n {
		a, b := got.OrigSpan(i, i+1)
		if a < prev || a > b || b > len(raw) || a != got.Orig(i) {
			t.Fatalf("code point %d maps to [%d,%d) after %d (file of %d bytes)", i, a, b, prev, len(raw))
		}
		prev = a
	}
}

// TestPlainCorpus reads the corpus as plain text: the text must be the
// file itself, so that the selectors in the knowledge base stay right.
func TestPlainCorpus(t *testing.T) {
	_, corpus, _ := gold.Shared(t)
	for id, text := range corpus {
		got, err := Plain([]byte(text), id+".txt")
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != text || got.Format != FormatText || got.Note != "" {
			t.Errorf("%s: Plain changed the text (format %s, note %q)", id, got.Format, got.Note)
		}
		checkOrig(t, []byte(text), got)
	}
}

func TestPlainRefuses(t *testing.T) {
	for _, c := range []struct {
		name, file, raw string
		want            string
		offset, line    int
	}{
		{"latin-1 text", "doc.txt", "Amur\nTrait\xe9 d'Aigun\n", "doc.txt:2: not UTF-8 at byte 10 (line 2): invalid byte 0xe9", 10, 2},
		{"truncated sequence", "", "Amoer \xe2\x82", "not UTF-8 at byte 6 (line 1): invalid byte 0xe2", 6, 1},
		{"html without a declaration", "a.html", "<p>\n\n\xff</p>", "a.html:3: not UTF-8 at byte 5 (line 3)", 5, 3},
		{"utf-16 odd length", "u.txt", utf16LE("\ufeffAmur") + "x", "u.txt:1: not UTF-16LE at byte 10 (line 1): an odd number of bytes", 10, 1},
		{"utf-16 lone low surrogate", "u.txt", utf16LE("\ufeffA\n") + "\x00\xdc", "u.txt:2: not UTF-16LE at byte 6 (line 2): low surrogate 0xdc00 without its high surrogate", 6, 2},
		{"utf-16 lone high surrogate", "u.txt", "\xfe\xff\xd8\x00\x00A", "not UTF-16BE at byte 2 (line 1): high surrogate 0xd800 without its low surrogate", 2, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Plain([]byte(c.raw), c.file)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want %q", err, c.want)
			}
			var ee *EncodingError
			if !errors.As(err, &ee) {
				t.Fatalf("error %T, want *EncodingError", err)
			}
			if ee.Offset != c.offset || ee.Line != c.line {
				t.Errorf("at byte %d line %d, want byte %d line %d", ee.Offset, ee.Line, c.offset, c.line)
			}
		})
	}
	t.Run("unsupported declared charset", func(t *testing.T) {
		_, err := Plain([]byte("<meta charset=\"shift_jis\"><p>\x82\xa0</p>"), "jp.html")
		if err == nil || !strings.Contains(err.Error(), "shift_jis is not supported") {
			t.Errorf("error %v, want one saying shift_jis is not supported", err)
		}
	})
}

// TestPlainTextIsPlain: PlainText gives Plain's text, whatever the format.
func TestPlainTextIsPlain(t *testing.T) {
	for _, tt := range []struct{ name, raw string }{
		{"a.txt", "\ufeffThe Treaty of Aigun\r\nwas signed on 28 May 1858.\n\n\n"},
		{"a.html", "<html><head><title>T</title><style>p{}</style></head><body><h1>Aigun</h1><p>Signed&nbsp;on <b>28 May</b> 1858.<br>Next</p></body></html>"},
		{"a.md", "# Aigun\n\nSigned on *28 May* 1858, see [the text](http://x).\n\n- one\n- two\n"},
		{"a.txt", ""},
		{"a.txt", "\xff\xfeA\x00i\x00g\x00u\x00n\x00"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want, werr := Plain([]byte(tt.raw), tt.name)
			got, gerr := PlainText([]byte(tt.raw), tt.name)
			if (werr == nil) != (gerr == nil) || got.Text != want.Text || got.Format != want.Format || got.Encoding != want.Encoding || got.Note != want.Note {
				t.Errorf("PlainText = %q %s %v; Plain = %q %s %v", got.Text, got.Format, gerr, want.Text, want.Format, werr)
			}
		})
	}
}
