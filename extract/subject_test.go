package extract

import (
	"strings"
	"testing"

	"treatyline/data"
	"treatyline/kb"
)

// bundledExtractor reads with the bundled knowledge base: its entities
// and its claims (the known signing dates among them).
func bundledExtractor(t testing.TB) *Extractor {
	t.Helper()
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	return NewExtractor(b.Entities, b.Claims)
}

// TestNeverTheWrongSubject: what a document says about a treaty the
// knowledge base does not know goes to a new candidate entity, never to
// a known treaty the document also names. The texts are written for the
// test.
func TestNeverTheWrongSubject(t *testing.T) {
	for _, c := range []struct {
		name, lang, text string
		known            []string // known treaties nothing may be said of from the marked part
		from             string   // the part of the text (its first words) where the unknown treaty is discussed
		want             []string // claims on the new candidates
	}{{
		name: "Shimonoseki after Nanking",
		lang: "en",
		text: "The Treaty of Nanking of 1842 ended the first war between Britain and China and opened five ports to British trade. " +
			"Its terms were the model for later settlements.\n\n" +
			"Half a century later China lost a war to Japan. The Treaty of Shimonoseki, signed on 17 April 1895, closed it. " +
			"Under its terms China ceded the island of Taiwan, some 36,000 square kilometres, to Japan. " +
			"The treaty was ratified by Japan on 8 May 1895.",
		known: []string{"treaty/nanking-1842"},
		from:  "Half a century",
		want:  []string{"claim treaty/shimonoseki signed 17 April 1895", "claim treaty/shimonoseki area_ceded some 36,000 square kilometres"},
	}, {
		name: "an unknown treaty of a known treaty's place",
		lang: "en",
		text: "The Treaty of Saint Petersburg of 1881 returned most of the Ili valley to China. " +
			"An earlier Treaty of Saint Petersburg of 1875 had settled another frontier: it was signed on 7 May 1875, and Japan gave up Sakhalin Island in exchange for the Kuril Islands.",
		known: []string{"treaty/st-petersburg-1881"},
		from:  "An earlier",
		want:  []string{"claim treaty/petersburg-1875 signed 7 May 1875"},
	}, {
		name: "another Sino-Russian border treaty after Peking",
		lang: "en",
		text: "The Convention of Peking of 1860 gave Russia the land between the Ussuri and the sea.\n\n" +
			"Four years later the western border was drawn. The Protocol of Chuguchak was signed on 7 October 1864; " +
			"by it the Qing lost some 440,000 square kilometres in the west to Russia.",
		known: []string{"treaty/peking-1860"},
		from:  "Four years",
		want:  []string{"claim treaty/chuguchak signed 7 October 1864", "claim treaty/chuguchak area_ceded some 440,000 square kilometres"},
	}, {
		name: "Russian, after Aigun",
		lang: "ru",
		text: "Айгунский договор 1858 года передал России левый берег Амура.\n\n" +
			"Совсем другой договор — Симоносекский договор — был подписан 17 апреля 1895 года. По нему Китай уступил Японии остров Тайвань.",
		known: []string{"treaty/aigun-1858"},
		from:  "Совсем",
		want:  []string{"claim treaty/simonosek signed 17 апреля 1895 года"},
	}} {
		t.Run(c.name, func(t *testing.T) {
			x := bundledExtractor(t)
			r := x.Extract(kb.Source{ID: "test", Language: c.lang, Text: c.text, SHA256: kb.HashText(c.text)})
			from := len([]rune(c.text[:strings.Index(c.text, c.from)]))
			for _, cand := range r.Candidates {
				subj, at := "", 0
				if cl := cand.Claim; cl != nil {
					subj, at = cl.Subject, cl.Evidence[0].Position.Start
				}
				if p := cand.Provision; p != nil {
					subj, at = p.Treaty, p.Evidence[0].Position.Start
				}
				for _, k := range c.known {
					if subj == k && at >= from {
						t.Errorf("a statement about another treaty pinned on %s: %+v", k, cand)
					}
				}
			}
			got := resultKeys(r)
			for _, w := range c.want {
				if !strings.Contains(strings.Join(got, "\n"), w) {
					t.Errorf("missing %s; got:\n%s", w, strings.Join(got, "\n"))
				}
			}
		})
	}
}
