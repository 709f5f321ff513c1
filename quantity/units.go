package quantity

// unitDef is one normalised unit: its code, what it measures, and how to
// convert it to the canonical unit of that dimension.
type unitDef struct {
	code      string
	dim       string  // "area", "length", or the code itself for counts and currencies
	canonical string  // canonical unit code of dim
	factor    float64 // canonical units per unit
	approx    bool    // the factor is an approximation (the Qing li)
}

// Conversion factors. The mile is the international mile (exactly
// 1.609344 km), so the square mile is exactly 2.589988110336 km². The verst
// is 500 sazhen = 1.0668 km. The li of the Qing is 1800 chi of 0.32 m, about
// 0.576 km; li varied with time and place, so that conversion is marked
// approximate.
const (
	kmPerMile  = 1.609344
	km2PerMi2  = kmPerMile * kmPerMile // 2.589988110336
	kmPerVerst = 1.0668
	kmPerLi    = 0.576

	// daysPerYear is the mean Gregorian year; durations in years and
	// months are converted with it and marked approximate.
	daysPerYear = 365.2425
)

var units = []*unitDef{
	{code: "km2", dim: "area", canonical: "km2", factor: 1},
	{code: "mi2", dim: "area", canonical: "km2", factor: km2PerMi2},
	{code: "verst2", dim: "area", canonical: "km2", factor: kmPerVerst * kmPerVerst},
	{code: "ha", dim: "area", canonical: "km2", factor: 0.01},
	{code: "acre", dim: "area", canonical: "km2", factor: 0.0040468564224},
	{code: "km", dim: "length", canonical: "km", factor: 1},
	{code: "m", dim: "length", canonical: "km", factor: 0.001},
	{code: "mi", dim: "length", canonical: "km", factor: kmPerMile},
	{code: "verst", dim: "length", canonical: "km", factor: kmPerVerst},
	{code: "li", dim: "length", canonical: "km", factor: kmPerLi, approx: true},
	{code: "RUB", dim: "RUB", canonical: "RUB", factor: 1},
	{code: "RUB-silver", dim: "RUB-silver", canonical: "RUB-silver", factor: 1},
	{code: "RUB-paper", dim: "RUB-paper", canonical: "RUB-paper", factor: 1},
	{code: "tael", dim: "tael", canonical: "tael", factor: 1},
	{code: "GBP", dim: "GBP", canonical: "GBP", factor: 1},
	// Dollars of the nineteenth-century China trade were silver coins
	// (Spanish and Mexican pesos), not United States dollars: "dollar" is
	// a dollar the text does not qualify, "dollar-silver" one it calls
	// silver, Mexican or Spanish. Neither converts to the other.
	{code: "dollar", dim: "dollar", canonical: "dollar", factor: 1},
	{code: "dollar-silver", dim: "dollar-silver", canonical: "dollar-silver", factor: 1},
	{code: "franc", dim: "franc", canonical: "franc", factor: 1},
	{code: "guilder", dim: "guilder", canonical: "guilder", factor: 1},
	{code: "mark", dim: "mark", canonical: "mark", factor: 1},
	{code: "yen", dim: "yen", canonical: "yen", factor: 1},
	{code: "troops", dim: "troops", canonical: "troops", factor: 1},
	{code: "persons", dim: "persons", canonical: "persons", factor: 1},
	{code: "ships", dim: "ships", canonical: "ships", factor: 1},
	{code: "articles", dim: "articles", canonical: "articles", factor: 1},
	{code: "%", dim: "%", canonical: "%", factor: 1},
	{code: "day", dim: "duration", canonical: "day", factor: 1},
	{code: "week", dim: "duration", canonical: "day", factor: 7},
	{code: "month", dim: "duration", canonical: "day", factor: daysPerYear / 12, approx: true},
	{code: "year", dim: "duration", canonical: "day", factor: daysPerYear, approx: true},
	{code: "century", dim: "duration", canonical: "day", factor: 100 * daysPerYear, approx: true},
}

var unitByCode = func() map[string]*unitDef {
	m := make(map[string]*unitDef, len(units))
	for _, u := range units {
		m[u.code] = u
	}
	return m
}()

// unitNames is the unit lexicon: how each unit is written, per language.
// Abbreviation points are optional ("sq. mi." also matches "sq mi").
var unitNames = []struct {
	code  string
	langs langMask
	words string
}{
	{"km2", langAll, "km²|km2|sq km|sq. km.|sq kms|sq.km.|kms²|кв. км."},
	{"km2", langEN, "square kilometres|square kilometers|square kilometre|square kilometer|square km|sq kilometres|sq kilometers|sq. kilometres|sq. kilometers"},
	{"km2", langNL, "vierkante kilometer|vierkante kilometers|vierkante km"},
	{"km2", langDE, "quadratkilometer|quadratkilometern|qkm"},
	{"km2", langFR, "kilomètres carrés|kilomètre carré|km carrés|km carré"},
	{"km2", langRU, "кв. км|кв км|квадратных километров|квадратных километра|квадратный километр|км²"},

	{"mi2", langAll, "sq mi|sq. mi.|mi²|mi2|sq. miles|sq miles|sq. mile"},
	{"mi2", langEN, "square miles|square mile|square english miles"},
	{"mi2", langNL, "vierkante mijl|vierkante mijlen|vierkante engelse mijl"},
	{"mi2", langDE, "englische quadratmeilen"},
	{"mi2", langFR, "milles carrés"},

	{"verst2", langEN, "square versts|square verst|sq. versts|sq versts"},
	{"verst2", langNL, "vierkante werst|vierkante versten|vierkante verst"},
	{"verst2", langDE, "quadratwerst"},
	{"verst2", langFR, "verstes carrées"},
	{"verst2", langAll, "квадратных верст|кв. верст|кв. вёрст"},

	{"ha", langAll, "ha|hectares|hectare|hektar|hectaren"},
	{"acre", langEN, "acres|acre"},

	{"km", langAll, "km|kms|км"},
	{"km", langEN, "kilometres|kilometers|kilometre|kilometer"},
	{"km", langNL, "kilometer|kilometers"},
	{"km", langDE, "kilometer|kilometern"},
	{"km", langFR, "kilomètres|kilomètre"},
	{"km", langRU, "километров|километра|километр"},
	{"m", langEN, "metres|meters|metre|meter"},
	{"m", langNL, "meter"},
	{"m", langDE, "meter|metern"},
	{"m", langFR, "mètres|mètre"},
	{"mi", langEN, "miles|mile|mi|english miles"},
	{"mi", langNL, "mijl|mijlen|engelse mijl|engelse mijlen"},
	{"mi", langDE, "englische meilen"},

	{"verst", langAll, "versts|verst|versta|verste|versty|werst|wersts|wersten|versten|verstes|верст|версты|вёрст|верста|версту"},
	{"li", langAll, "li|chinese li|qing li|里"},

	{"RUB", langAll, "roubles|rubles|rouble|ruble|roebel|roebels|roebelen|rubel|rubeln|рублей|рубля|рубль|руб."},
	{"RUB-silver", langEN, "silver roubles|silver rubles|silver rouble|silver ruble|metallic roubles|metallic rubles|metallic rouble|metallic ruble|roubles in silver|rubles in silver|roubles silver|rubles silver"},
	{"RUB-silver", langNL, "zilveren roebels|zilveren roebel|zilveren roebelen|roebel zilver|roebels zilver"},
	{"RUB-silver", langDE, "silberrubel|silberrubeln|rubel silber"},
	{"RUB-silver", langFR, "roubles d'argent|roubles argent|roubles-argent|roubles en argent"},
	{"RUB-silver", langAll, "рублей серебром|руб. серебром"},
	{"RUB-paper", langEN, "paper roubles|paper rubles|assignat roubles|roubles in assignats|rubles in assignats|assignats"},
	{"RUB-paper", langNL, "papieren roebels|papieren roebel|assignaten"},
	{"RUB-paper", langDE, "papierrubel|assignatenrubel|assignaten"},
	{"RUB-paper", langFR, "roubles papier|roubles-papier|roubles assignats|assignats"},
	{"RUB-paper", langAll, "рублей ассигнациями"},

	{"tael", langAll, "taels|tael|taëls|taël|liang"},
	{"GBP", langEN, "pounds sterling|pound sterling"},
	{"GBP", langNL, "pond sterling|ponden sterling"},
	{"GBP", langDE, "pfund sterling"},
	{"GBP", langFR, "livres sterling|livre sterling"},
	{"dollar", langEN, "dollars|dollar"},
	{"dollar", langNL, "dollars|dollar"},
	{"dollar", langDE, "dollars|dollar"},
	{"dollar", langFR, "dollars|dollar"},
	{"dollar-silver", langEN, "silver dollars|silver dollar|mexican dollars|mexican dollar|spanish dollars|spanish dollar|dollars in silver"},
	{"dollar-silver", langNL, "zilveren dollars|zilveren dollar|mexicaanse dollars|spaanse dollars|zilverdollars"},
	{"dollar-silver", langDE, "silberdollar|silberdollars|silberdollarn|mexikanische dollar|spanische dollar"},
	{"dollar-silver", langFR, "piastres|piastre|dollars d'argent|piastres mexicaines|dollars mexicains"},
	{"franc", langEN, "francs|franc"},
	{"franc", langNL, "francs|frank|franken"},
	{"franc", langDE, "francs|franken|franc"},
	{"franc", langFR, "francs|franc"},
	{"guilder", langEN, "guilders|guilder|florins|florin"},
	{"guilder", langNL, "gulden|guldens"},
	{"guilder", langDE, "gulden"},
	{"guilder", langFR, "florins|florin"},
	{"mark", langEN, "marks"},
	{"mark", langNL, "mark"},
	{"mark", langDE, "mark|goldmark|reichsmark"},
	{"mark", langFR, "marks"},
	{"yen", langAll, "yen"},

	{"troops", langEN, "troops|soldiers|soldier|men|man|regulars"},
	{"troops", langNL, "soldaten|soldaat|troepen|man|militairen|manschappen"},
	{"troops", langDE, "soldaten|soldat|truppen|mann"},
	{"troops", langFR, "soldats|soldat|hommes|troupes"},
	{"troops", langAll, "солдат"},
	{"troops", langRU, "солдат|человек войска|штыков|казаков|воинов"},
	{"troops", langEN, "cossacks|infantry|cavalry|bayonets|sabres|sabers"},

	{"persons", langEN, "people|persons|person|inhabitants|inhabitant|residents|souls|subjects"},
	{"persons", langNL, "mensen|personen|persoon|inwoners|inwoner|zielen|onderdanen|bewoners"},
	{"persons", langDE, "menschen|personen|person|einwohner|einwohnern|seelen"},
	{"persons", langFR, "personnes|personne|habitants|âmes|sujets"},
	{"persons", langRU, "человек|жителей|душ|поселенцев|подданных"},
	{"persons", langEN, "settlers|colonists"},

	{"ships", langEN, "ships|ship|vessels|vessel|warships|warship|men-of-war|junks"},
	{"ships", langNL, "schepen|schip|oorlogsschepen|vaartuigen|jonken"},
	{"ships", langDE, "schiffe|schiffen|schiff|kriegsschiffe"},
	{"ships", langFR, "navires|navire|vaisseaux|vaisseau|jonques"},
	{"ships", langRU, "судов|кораблей|судна|корабля"},

	{"articles", langEN, "articles|article"},
	{"articles", langNL, "artikelen|artikel"},
	{"articles", langDE, "artikel|artikeln"},
	{"articles", langFR, "articles|article"},
	{"articles", langRU, "статей|статьи|статья"},

	{"day", langEN, "days|day"},
	{"day", langNL, "dagen|dag"},
	{"day", langDE, "tage|tagen|tag"},
	{"day", langFR, "jours|jour"},
	{"week", langEN, "weeks|week"},
	{"week", langNL, "weken|week"},
	{"week", langDE, "wochen|woche"},
	{"week", langFR, "semaines|semaine"},
	{"month", langEN, "months|month"},
	{"month", langNL, "maanden|maand"},
	{"month", langDE, "monate|monaten|monat"},
	{"month", langFR, "mois"},
	{"year", langEN, "years|year"},
	{"year", langNL, "jaar|jaren"},
	{"year", langDE, "jahre|jahren|jahr"},
	{"year", langFR, "ans|années|année"},
	{"century", langEN, "centuries|century"},
	{"century", langNL, "eeuwen|eeuw"},
	{"century", langDE, "jahrhunderte|jahrhunderten|jahrhundert"},
	{"century", langFR, "siècles|siècle"},

	{"%", langAll, "%"},
	{"%", langEN, "percent|per cent"},
	{"%", langNL, "procent"},
	{"%", langDE, "prozent"},
	{"%", langFR, "pour cent|pourcent"},
}
