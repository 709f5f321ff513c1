// Package quantity reads numbers and amounts as historians' sources write
// them — "over 600,000 square kilometres (231,660 sq mi)", "185.000",
// "250 duizend roebel", "tens of thousands of troops", "negen miljoen",
// "2½", "600 тыс. кв. км" — in English and Dutch, and in German, French and
// Russian where the same rules carry over. What was written is always kept
// beside what it means.
//
// # Numbers
//
// Digits may be grouped in thousands by ",", ".", a space, a no-break
// space or a thin space; a separator followed by exactly three digits
// groups, so "185.000" and "600,000" are both thousands in any language,
// while "1,5" and "1.5" are decimals. A lone leading 0 ("0.500") always
// starts decimals. Vulgar fractions ("2½") and halves, thirds, quarters
// and eighths written with a slash ("2 1/2") are added. Scale words follow
// digits or words: "1.5 million", "250 duizend", "negen miljoen". Numbers
// in words follow each language's rules: "two hundred and fifty",
// "tweehonderdvijftig", "zweihundertfünfzig", "quatre-vingt-dix".
// "a"/"een"/"ein"/"un" count as one only before hundred, thousand,
// million.
//
// # Bounds
//
// A Quantity has a Value, the figure as written, and bounds Min ≤ Value ≤
// Max; open ends are ±Inf. Quantities are magnitudes, so the lower end of
// "less than" and "up to" is 0, not -Inf.
//
//   - "more than", "over", "above", "ruim", "meer dan", "mehr als", "plus de":
//     BoundMoreThan, Min = Value, Max = +Inf. "over" is always "more than".
//   - "at least", "ten minste", "mindestens", "au moins": BoundAtLeast.
//   - "less than", "under", "minder dan", "moins de": BoundLessThan, [0, Value].
//   - "up to", "at most", "hooguit", "bis zu", "jusqu'à": BoundAtMost, [0, Value].
//   - "about", "around", "approximately", "some", "circa", "ongeveer", "etwa",
//     "environ": BoundAbout, Value ± ApproxTolerance (10 %).
//   - "nearly", "almost", "bijna", "knapp", "près de": BoundAbout with
//     [Value·(1−ApproxTolerance), Value]: close to the figure, and below it.
//   - "an additional", "a further", "nog eens": no bound; the figure is exact.
//   - Ranges "10,000–20,000", "10 to 20", "between 10 and 20 thousand",
//     "tussen 10 en 20 duizend": BoundRange, Value is the midpoint. A scale
//     word after the second end applies to the first; an abbreviated second
//     end takes the first one's leading digits ("1862–77").
//   - Vague amounts: BoundOrderOfMagnitude. A plural multiplier spans one
//     order of magnitude: "thousands", "duizenden" = 1000..9999; a chain
//     multiplies: "tens of thousands", "tienduizenden" = 10000..99999;
//     "hundreds of thousands" = 100000..999999. "several", "a few",
//     "enkele", "einige", "quelques" raise the minimum to twice the base:
//     "several thousand", "enkele duizenden" = 2000..9999. "dozens" is
//     24..143. Value is the geometric mean sqrt(Min·(Max+1)), rounded — the
//     middle of the range on the logarithmic scale where such estimates
//     live ("tens of thousands" → 31623).
//
// A bound word before a range or a vague amount applies to its ends.
//
// # Units
//
// Units are normalised to codes: km2, mi2, verst2, ha, acre, km, m, mi,
// verst, li, RUB, RUB-silver (silver or metallic roubles), RUB-paper
// (assignats), tael, GBP ("£" before the figure, or "pounds sterling"),
// dollar ("$" before the figure too), dollar-silver (silver, Mexican or
// Spanish dollars, piastres),
// franc, guilder, mark, yen,
// troops (soldiers, men, soldaten, troepen, man), persons (people,
// inhabitants, inwoners), ships, articles, %, and the durations day,
// week, month, year and century. Quantity.Canonical converts areas to km2
// (1 sq mi = 2.589988110336 km² exactly), lengths to km (verst 1.0668 km,
// mile 1.609344 km, Qing li about 0.576 km, marked Approximate) and
// durations to days (a year is 365.2425 days, marked Approximate); counts
// and currencies stay in their own unit. A period after an abbreviated
// unit ("sq. mi.") is the sentence's when a capital letter, a blank line
// or the end of the text follows, except in Parse.
//
// A quantity with a unit may be followed by the same figure in another
// unit of the same dimension, in parentheses, as in "600,000 square
// kilometres (231,660 sq mi)". That reading is kept as Alternate; if it has
// no bound word of its own it takes the main one's. AlternateAgrees tells
// whether the two agree within AlternateTolerance.
//
// # Finding quantities in text
//
// Find reports every quantity mention in a text, with offsets in Unicode
// code points as in the W3C Web Annotation TextPositionSelector. It
// reports amounts with a unit, vague amounts, and bare numbers only when
// they are large (grouped in thousands, or with a scale word) or carry a
// bound word; never four-digit numbers that read as years ("in 1858",
// "1850-1864", "(1689)") nor numbers beside a month name ("16 mei 1858").
// Numbers in words count when a unit follows ("twelve articles", "twaalf
// artikelen") or they reach a thousand ("one million"), except small ones
// after a determiner ("the three men"), which name a known group. Options.Lang
// limits the rules to one language; "" uses all of them.
//
// Parse and Find are safe for concurrent use.
package quantity
