package extract

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/internal/gold"
)

// sentenceCases write each text as its sentences joined by " | ": the
// test splits on the bars to get the input and the expected sentences.
var sentenceCases = []struct {
	name, lang, text string
}{
	{"en plain", "en", "The treaty was signed in 1858. | It gave the left bank to Russia! | Did China ratify it? | No."},
	{"en titles and abbreviations", "en", "Mr. Smith and Dr. Jones met at St. Petersburg, e.g. in the Winter Palace, i.e. the court. | They wrote letters, maps, etc. | The end."},
	{"en initials", "en", "Count E. V. Putiatin and G. I. Nevelskoy sailed with J. O. Lambert. | Yu. A. Golovkin stayed at home."},
	{"en circa and numbers", "en", "Albazin fell c. 1685 and again ca. 1686, vol. 2 says. | The war lasted 1840-1842. | Peace followed."},
	{"en list numbers", "en", "Terms:\n1. Territory Retrocession: Russia agreed. | 2. Concessions: a portion stayed.\n  b. Trade."},
	{"en roman numeral ends a sentence", "en", "It was reported to Emperor Nicholas I. | However, he approved."},
	{"en quotes and brackets", "en", "He wrote: \"The Amur is ours.\" | Then he left (for Irkutsk.) | Nobody followed."},
	{"en citations", "en", "It was confirmed in the Convention of Peking.[1][2] | China did not recognize it."},
	{"en no space after period", "en", "See example.org and version 3.5 of the map."},
	{"en lower case after a period", "en", "The war of 1840-1842. ended badly."},
	{"nl abbreviations", "nl", "Rusland kreeg o.a. de linkeroever, d.w.z. het land tot de zee. | Bijv. de Amoer, ca. 4400 km lang. | Dat was bijv. in 1858 zo."},
	{"nl before Christ", "nl", "Rond 200 v.Chr. werd de stad gesticht. | Daarna volgde 1689."},
	{"nl ordinals and numbers", "nl", "China werd verslagen in de eerste Opiumoorlog, 1840-1842. en werd vernederd. | In de 19e eeuw. wordt dat herhaald."},
	{"nl initials", "nl", "De diplomaat J. O. Lambert merkte op dat de Chinezen de Russen nooit zouden toestaan te varen. | Ook N. P. Rumyantsev dacht zo."},
	{"nl Roman numeral", "nl", "Het werd gerapporteerd aan keizer Nicolaas I. | Echter, na het verslag, noemde de keizer het dapper."},
	{"de ordinals", "de", "Der Vertrag wurde am 28. Mai 1858 unterzeichnet, z.B. in Aigun. | Im 19. Jahrhundert wuchs Russland."},
	{"fr abbreviations", "fr", "M. Dupont et Mme. Leroy lisent le traité, p.ex. l'article 1. | Fin."},
	{"unknown language uses every list", "", "Bijv. in St. Petersburg, z.B. am 3. Mai. | End."},
	{"newlines end sentences", "en", "Treaty of Aigun\nBackground\n\nThe treaty was signed\nin the town of Aigun."},
	{"cjk full stops", "zh", "瑷珲条约是1858年签订的。 | 它割让了土地。 | Then English."},
	{"ellipsis", "en", "The court waited... | Then it fled. | It was... well, late."},
	{"empty", "en", ""},
	{"only space", "en", "  \n\t "},
}

func TestSentences(t *testing.T) {
	for _, c := range sentenceCases {
		t.Run(c.name, func(t *testing.T) {
			text, want := splitCase(c.text)
			var got []string
			rs := []rune(text)
			for _, s := range Sentences(text, c.lang) {
				got = append(got, string(rs[s[0]:s[1]]))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Sentences(%q) (-want +got):\n%s", text, diff)
			}
		})
	}
}

// splitCase turns "a. | b." into the text "a. b." and its sentences. A
// bar before a line break stands for the break.
func splitCase(s string) (string, []string) {
	var want []string
	for _, part := range strings.Split(s, " | ") {
		for _, line := range strings.Split(part, "\n") {
			if w := strings.TrimSpace(line); w != "" {
				want = append(want, w)
			}
		}
	}
	text := strings.ReplaceAll(s, " | ", " ")
	text = strings.ReplaceAll(text, "\n ", "\n")
	return text, want
}

// TestSentencesCorpus checks the corpus's splits at the places the
// abbreviation and initial rules are for.
func TestSentencesCorpus(t *testing.T) {
	seeds, corpus, _ := gold.Shared(t)
	whole := []string{
		"Count E. V. Putiatin and General Nikolai Ignatiev",
		"the expedities van A. F. Middendorf, N. H. Akhte en G. I. Nevelskoy",
		"het hoofd van de missie V. F. Bratishchev",
		"de missie van graaf Yu. A. Golovkina",
		"Treaty of St. Petersburg was signed on February 12",
		"eerste Opiumoorlog, 1840-1842. en werd vernederd",
		"Levine, S. (2004)",
	}
	n := 0
	for id, text := range corpus {
		spans := Sentences(text, seeds.Sources[id].Language)
		n += len(spans)
		checkSpans(t, text, spans)
		rs := []rune(text)
		for _, w := range whole {
			i := strings.Index(text, w)
			if i < 0 {
				continue
			}
			start := len([]rune(text[:i]))
			end := start + len([]rune(w))
			in := false
			for _, s := range spans {
				if s[0] <= start && end <= s[1] {
					in = true
				}
			}
			if !in {
				t.Errorf("%s: %q is split", id, string(rs[start:end]))
			}
		}
	}
	t.Logf("%d sentences in the corpus", n)
}

// checkSpans checks that sentence spans are in order, do not overlap,
// are not empty, lie within the text and do not start or end with white
// space.
func checkSpans(t testing.TB, text string, spans [][2]int) {
	t.Helper()
	rs := []rune(text)
	prev := 0
	for _, s := range spans {
		if s[0] < prev || s[1] <= s[0] || s[1] > len(rs) {
			t.Fatalf("span %v after %d in a text of %d code points", s, prev, len(rs))
		}
		if isBlank(rs[s[0]]) || isBlank(rs[s[1]-1]) {
			t.Fatalf("span %v %q starts or ends with white space", s, string(rs[s[0]:s[1]]))
		}
		prev = s[1]
	}
}

func isBlank(r rune) bool { return strings.TrimSpace(string(r)) == "" }
