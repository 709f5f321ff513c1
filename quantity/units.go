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
