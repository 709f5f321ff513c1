// Package chinese reads, writes and converts Chinese dates counted in reign
// eras: the Ming eras (洪武 Hongwu, 1368, to 崇禎 Chongzhen), the Later Jin
// and early Qing eras before 1644 (天命, 天聰, 崇德), the Qing eras (順治
// Shunzhi, 1644, to 宣統 Xuantong, 1911/12) and the years of the Republic
// (民國 Minguo, year 1 = 1912).
//
// # Conventions
//
// An era year is a lunar year: it runs from one lunar new year (正月初一) to
// the day before the next, whatever the day of the emperor's accession. The
// first year of an era (元年) is the lunar year after the accession, so
// Xianfeng 1 is the lunar year that began on 1 February 1851, and 咸豐九年
// runs from 3 February 1859 to 22 January 1860. [GregorianYearOf] gives the
// Gregorian year in which an era year's new year falls.
//
// Lunar months and their lengths, leap months (閏月) included, come from
// github.com/6tail/lunar-go, which corrects its astronomical computation
// with tables of the new moons and solar terms of the calendars in use from
// 619 to 1960, so that its months follow the Ming and Qing calendars rather
// than modern astronomy.
// A day that month does not have (三十 in a 29-day month) or a leap month the
// year did not have is an error.
//
// Minguo dates are Gregorian: 民國元年三月十日 is 10 March 1912, and
// 民國元年 runs from 1 January to 31 December 1912. Lunar month names (正月,
// 冬月, 臘月) and leap months are refused with a Minguo year.
//
// Days are given as Julian Day Numbers: the integer JDN of the civil day
// (JDN 2400000 is 16 November 1858, Gregorian), which serves dates before and
// after the Gregorian reform alike.
//
// # Forms read
//
// [Parse] and [Find] read Chinese forms in traditional or simplified
// characters, with Chinese numerals (十, 廿, 卅, 〇) or Arabic digits:
// 大清咸豐八年四月十六日, 咸丰8年4月16日, 康熙二十八年閏三月初一, 咸豐九年,
// 順治元年正月, 光緒七年臘月廿三, 咸豐八年四月辛酉 (a sexagenary day). They
// also read pinyin and Wade–Giles forms: "Xianfeng 8, 4th month, 16th day",
// "Xianfeng 8/4/16", "Kangxi 28, leap 3rd month, 1st day", "Xiánfēng 8",
// "Hsien-feng 8", "K'ang-hsi 28".
//
// Where eras overlap (崇禎十七年 and 順治元年 are both 1644; 景泰八年 and
// 天順元年 both 1457), both are read; [FromJDN] names a day by one
// conventional line of eras, described there.
package chinese
