package extract

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzPlain checks that Plain does not panic, gives UTF-8, and maps every
// code point back to the file in order. For UTF-8 files it checks each
// code point against the bytes it came from: the same character, or an
// entity or escape that stands for it, or white space that markup made.
func FuzzPlain(f *testing.F) {
	for _, c := range plainCases {
		f.Add([]byte(c.raw), c.file)
	}
	for _, s := range sentenceCases {
		f.Add([]byte(s.text), "x.md")
	}
	f.Add([]byte("<p>a &amp b &#x1F600; &#0; <![CDATA[x<y]]> <a title='>'>t</a>"), "")
	f.Add([]byte("*a* _b_ **c** [d](e) ![f](g) `h` <i> \\j\n\n    k\n```\nl\n"), "m.markdown")
	f.Fuzz(func(t *testing.T, raw []byte, name string) {
		got, err := Plain(raw, name)
		if err != nil {
			return
		}
		if !utf8.ValidString(got.Text) {
			t.Fatalf("text is not UTF-8: %q", got.Text)
		}
		checkOrig(t, raw, got)
		// Without the map, and sharing the bytes given up: the same text.
		if text, err := PlainText(raw, name); err != nil || text.Text != got.Text {
			t.Fatalf("PlainText = %q, %v; Plain gave %q", text.Text, err, got.Text)
		}
		if owned, err := PlainTextOwned(bytes.Clone(raw), name); err != nil || owned.Text != got.Text {
			t.Fatalf("PlainTextOwned = %q, %v; Plain gave %q", owned.Text, err, got.Text)
		}
		if got.Encoding != "utf-8" {
			return
		}
		if got.Format == FormatText {
			if want := string(bytes.TrimPrefix(raw, bomUTF8)); got.Text != want {
				t.Fatalf("plain text changed: %q, want %q", got.Text, want)
			}
			return
		}
		i := 0
		for _, r := range got.Text {
			a, b := got.OrigSpan(i, i+1)
			src := string(raw[a:b])
			switch {
			case src == string(r), unicode.IsSpace(r), r == utf8.RuneError:
			case strings.HasPrefix(src, "&"), strings.HasPrefix(src, "\\"):
			default:
				t.Fatalf("code point %d %q comes from %q", i, r, src)
			}
			i++
		}
	})
}

// FuzzSentences checks that Sentences does not panic and gives spans in
// order, within the text, without white space around them.
func FuzzSentences(f *testing.F) {
	for _, c := range sentenceCases {
		text, _ := splitCase(c.text)
		f.Add(text, c.lang)
	}
	f.Add("a. b? C! D… «E.» [1] F.[2] G", "")
	f.Fuzz(func(t *testing.T, text, lang string) {
		checkSpans(t, text, Sentences(text, lang))
	})
}

// FuzzGazetteer checks that Find does not panic and gives mentions in
// order, not overlapping, holding the words they say.
func FuzzGazetteer(f *testing.F) {
	g := NewGazetteer(toyEntities)
	f.Add("The Treaty of Aigun was signed at Aigun by Muravyov-Amursky's men on the Amur.")
	f.Add("Kiakhta and Kiachta; Prince Gong (Kung) in Peking. Ruslands 黑龍江 Муравьёв")
	for _, c := range sentenceCases {
		f.Add(c.text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkMentions(t, text, g.Find(text))
	})
}
