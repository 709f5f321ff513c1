package lang

// common holds what every language shares: symbols, Latin abbreviations
// and the international forms of units.
var common = Language{
	Name: "every language",
	Dates: DateWords{
		// Count nouns of any language: a four-digit number before one of
		// these is an amount, not a year ("1500 troops", "1200 versts").
		CountNouns: []string{"troops", "men", "soldiers", "soldaten", "troepen", "man", "mann",
			"km", "km²", "km2", "miles", "mile", "mijl", "versts", "verst", "li", "square", "sq",
			"vierkante", "roubles", "rubles", "roebel", "roebels", "taels", "tael", "pounds",
			"ships", "schepen", "people", "persons", "inhabitants", "inwoners", "families",
			"kilometres", "kilometers", "kilometer", "metres", "meters", "dollars", "francs",
			"артикул", "человек", "верст", "рублей", "per", "procent", "percent"},
	},
	Quantities: QuantityWords{
		Bounds:          map[Bound][]string{About: {"circa", "ca.", "c.", "~", "≈"}},
		RangeConnectors: []string{"-"},
		Units: []UnitName{
			{"km2", []string{"km²", "km2", "sq km", "sq. km.", "sq kms", "sq.km.", "kms²", "кв. км."}},
			{"mi2", []string{"sq mi", "sq. mi.", "mi²", "mi2", "sq. miles", "sq miles", "sq. mile"}},
			{"verst2", []string{"квадратных верст", "кв. верст", "кв. вёрст"}},
			{"ha", []string{"ha", "hectares", "hectare", "hektar", "hectaren"}},
			{"km", []string{"km", "kms", "км"}},
			{"verst", []string{"versts", "verst", "versta", "verste", "versty", "werst", "wersts", "wersten", "versten", "verstes", "верст", "версты", "вёрст", "верста", "версту"}},
			{"li", []string{"li", "chinese li", "qing li", "里"}},
			{"RUB", []string{"roubles", "rubles", "rouble", "ruble", "roebel", "roebels", "roebelen", "rubel", "rubeln", "рублей", "рубля", "рубль", "руб."}},
			{"RUB-silver", []string{"рублей серебром", "руб. серебром"}},
			{"RUB-paper", []string{"рублей ассигнациями"}},
			{"tael", []string{"taels", "tael", "taëls", "taël", "liang"}},
			{"yen", []string{"yen"}},
			{"troops", []string{"солдат"}},
			{"%", []string{"%"}},
		},
	},
	Text: TextWords{
		Abbreviations: []string{"st", "dr", "prof", "ca", "cf", "vs", "e.g", "i.e", "nr", "pp", "ed", "eds", "fig", "figs", "approx",
			"viz", "ibid", "art", "arts", "ch", "chap", "sect"},
	},
}
