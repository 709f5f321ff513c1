package quantity

import (
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
)

// vocabulary mixes the pieces quantities are made of, so that random
// sentences built from it hit the grammar far more often than random
// bytes do.
var vocabulary = strings.Fields(`over more than about some nearly up to at least between and to from
ruim meer dan bijna ongeveer circa ca. tussen en tot van ten minste tienduizenden duizenden enkele
mehr als etwa zwischen und bis plus de environ entre et à des dizaines milliers
600,000 185.000 231,660 1,5 1.5 2½ 1/2 12 1858 1689 20,000 10 20 77 000 0 3 600 000
thousand million duizend miljoen tausend mille twelve twaalf one a an een half the de
tens hundreds thousands of several few square kilometres sq. mi. mi km² km2 versts li
roubles roebel silver zilveren taels £ troops men man soldaten artikelen ships people years jaar
( ) – - , . ; 16 mei May 28 th e s Article`)

func randomText(r *rand.Rand) string {
	var b strings.Builder
	n := 1 + r.IntN(14)
	for i := 0; i < n; i++ {
		w := vocabulary[r.IntN(len(vocabulary))]
		switch r.IntN(6) {
		case 0: // glue to the previous word
		case 1:
			b.WriteString("\u00a0")
		default:
			b.WriteString(" ")
		}
		b.WriteString(w)
	}
	return b.String()
}

// TestFindRandomSentences checks the Find invariants (ordered spans that
// re-parse to the same value) on random sentences from the vocabulary.
// QUANTITY_PROPERTY_N raises the number of sentences.
func TestFindRandomSentences(t *testing.T) {
	n := 3000
	if s := os.Getenv("QUANTITY_PROPERTY_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < n; i++ {
		text := randomText(r)
		for _, lang := range fuzzLangs {
			prev := 0
			for _, m := range Find(text, Options{Lang: lang}) {
				if m.Start < prev || m.End <= m.Start {
					t.Fatalf("Find(%q, %q): bad span %d-%d after %d", text, lang, m.Start, m.End, prev)
				}
				prev = m.End
				checkQuantity(t, "Find("+text+")", m.Quantity)
				q, err := Parse(m.Quantity.Written, Options{Lang: lang})
				if err != nil || q.Value != m.Quantity.Value {
					t.Fatalf("Find(%q, %q) found %q = %v; Parse gives %v, %v", text, lang, m.Quantity.Written, m.Quantity.Value, q.Value, err)
				}
			}
			if q, err := Parse(text, Options{Lang: lang}); err == nil {
				checkQuantity(t, "Parse("+text+")", q)
			}
		}
	}
}
