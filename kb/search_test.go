package kb

import "testing"

func TestLooseNames(t *testing.T) {
	groups := [][]string{
		{"Muraviev", "Muravyov", "Muravyev", "Murawjow", "Муравьёв", "Muravjov"},
		{"Evfimiy Vasilyevich Putyatin", "Evfimy Vasilievich Putyatin", "Евфимий Васильевич Путятин"},
		{"Putyatin", "Putiatin", "Poutiatine", "Putjatin"},
		{"Nerchinsk", "Nertschinsk", "Nertchinsk", "Нерчинск"},
		{"Nevelskoy", "Nevelsky", "Невельской"},
		{"Nicholas", "Nicolaas"},
		{"Nikolai Nikolajevitsj Muravyov", "Nikolai Nikolayevich Muravyov"},
		{"Ignatiev", "Ignatyev", "Игнатьев", "Ignatieff", "Ignatjew"},
	}
	for _, g := range groups {
		want := LooseName(NormalName(g[0]))
		for _, s := range g[1:] {
			if got := LooseName(NormalName(s)); got != want {
				t.Errorf("%q folds to %q, %q to %q", g[0], want, s, got)
			}
		}
	}
}

func TestNameSimilarity(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"kiel", "kiel", 1},
		{"kiel", "", 0},
		{"", "", 1},                      // both the one padding trigram "   "
		{"ab", "ac", 1.0 / 5},            // "  a" shared of "  a", " ab", "ab ", " ac", "ac "
		{"nanking", "nanjing", 5.0 / 11}, // "  n", " na", "nan", "ing", "ng " of 11
	}
	for _, tt := range tests {
		t.Run(tt.a+"~"+tt.b, func(t *testing.T) {
			if got := NameSimilarity(tt.a, tt.b); got != tt.want {
				t.Errorf("NameSimilarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := NameSimilarity(tt.b, tt.a); got != tt.want {
				t.Errorf("NameSimilarity(%q, %q) = %v, want %v (symmetric)", tt.b, tt.a, got, tt.want)
			}
		})
	}
}
