package extract

import (
	"testing"
	"treatyline/kb"
)

func TestScratch(t *testing.T) {
	x := NewExtractor(candidateEntities, nil)
	for _, txt := range []struct{ lang, text string }{
		{"en", "The Treaty of Nanking of 1842 opened five ports. The war of 1894 ended differently. The Treaty of Shimonoseki was signed on 17 April 1895 by Li Hongzhang and Count Itō. Under it China ceded the island of Taiwan (Formosa), about 36,000 square kilometres, together with the Pescadores Islands and the southern part of the Liaodong Peninsula, to Japan. Japan returned the Liaodong Peninsula to China in November 1895."},
		{"ru", "Симоносекский договор был подписан 17 апреля 1895 года. По Симоносекскому договору Китай уступил Японии остров Тайвань и Пескадорские острова. Южная часть Сахалина отошла к Японии по Портсмутскому мирному договору."},
		{"ja", "下関条約（Treaty of Shimonoseki）は1895年4月17日に調印された。清国は台湾と澎湖諸島、遼東半島を日本に割譲した。樺太（サハリン）は千島列島と交換された。"},
		{"de", "Im Vertrag von Portsmouth von 1905 erhielt Japan die südliche Hälfte Sachalins. Der Vertrag von Sankt Petersburg von 1875 tauschte die Kurilen-Inseln gegen Sachalin."},
		{"fr", "Le traité de Saint-Pétersbourg de 1875 échangea l'île de Sakhaline contre les îles Kouriles."},
	} {
		r := x.Extract(kb.Source{ID: "s-" + txt.lang, Language: txt.lang, Text: txt.text})
		for _, e := range r.Entities {
			t.Logf("%s mention %q -> %s (%s) %.2f", txt.lang, e.Text, e.Entity, e.Kind, e.Score)
		}
		for _, c := range r.NewEntities {
			t.Logf("%s cand %s %q aliases=%v why=%s years=%v", txt.lang, c.ID, c.Label, c.Aliases, c.Why, c.Years)
		}
		for _, m := range r.Merges {
			t.Logf("merge %v %s", m.Entities, m.Reason)
		}
		for _, k := range claimKeys(r) {
			t.Logf("%s claim %s", txt.lang, k)
		}
	}
}
