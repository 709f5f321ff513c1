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
