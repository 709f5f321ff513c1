package lang

// Languages of which treatyline reads the month names only, so that a
// date written in them is read ("16 de mayo de 1858").

var es = Language{
	Code:  Spanish,
	Name:  "Spanish",
	Level: Names,
	Dates: DateWords{
		Months: [12][]string{
			{"enero"}, {"febrero"}, {"marzo"}, {"abril"}, {"mayo"}, {"junio"}, {"julio"},
			{"agosto"}, {"septiembre", "setiembre"}, {"octubre"}, {"noviembre"}, {"diciembre"}},
		Century: []string{"siglo"},
		Decade:  []string{"años", "anos"},
		Glue:    []string{"del"},
	},
	Text: TextWords{
		Stopwords: []string{"el", "la", "los", "las", "de", "y", "en", "que", "del", "por", "con", "un", "una", "para", "se", "su", "al", "fue", "como", "más"},
	},
}

var it = Language{
	Code:  Italian,
	Name:  "Italian",
	Level: Names,
	Dates: DateWords{
		Months: [12][]string{
			{"gennaio"}, {"febbraio"}, {"marzo"}, {"aprile"}, {"maggio"}, {"giugno"}, {"luglio"},
			{"agosto"}, {"settembre"}, {"ottobre"}, {"novembre"}, {"dicembre"}},
		Century: []string{"secolo"},
	},
	Text: TextWords{
		Stopwords: []string{"il", "la", "di", "e", "che", "del", "della", "in", "un", "una", "per", "con", "non", "gli", "le", "da", "al", "fu", "dei", "nel"},
	},
}

var pt = Language{
	Code:  Portuguese,
	Name:  "Portuguese",
	Level: Names,
	Dates: DateWords{
		Months: [12][]string{
			{"janeiro"}, {"fevereiro"}, {"março", "marco"}, {"abril"}, {"maio"}, {"junho"}, {"julho"},
			{"agosto"}, {"setembro"}, {"outubro"}, {"novembro"}, {"dezembro"}},
	},
}

var la = Language{
	Code:  Latin,
	Name:  "Latin",
	Level: Names,
	Dates: DateWords{
		Months: [12][]string{
			{"ianuarii", "januarii", "ianuarius"}, {"februarii", "februarius"}, {"martii", "martius"},
			{"aprilis"}, {"maii", "maius"}, {"iunii", "junii", "iunius"}, {"iulii", "julii", "iulius"},
			{"augusti", "augustus"}, {"septembris"}, {"octobris"}, {"novembris"}, {"decembris"}},
	},
}
