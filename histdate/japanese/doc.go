// Package japanese reads, writes and converts Japanese dates counted in
// era names (元号, nengō): the eras from 慶長 Keichō (1596) through the Edo
// period, 明治 Meiji, 大正 Taishō, 昭和 Shōwa, 平成 Heisei and 令和 Reiwa.
//
// # Conventions
//
// An era's first year (元年, gannen) is the year in which it was proclaimed,
// and its years then follow the calendar's years: 慶応元年 is the lunisolar
// year 1865 from the proclamation (the 7th day of the 4th month) on, and
// 慶応2年 is the whole of the lunisolar year 1866. Meiji was proclaimed on
// the 8th day of the 9th month of 1868 and applied to the whole of that
// year, so 明治元年 starts on its New Year's day (25 January 1868). From
// Taishō on, an era starts on the day after the emperor's death (Taishō 1 is
// 30 July to 31 December 1912) and Reiwa on 1 May 2019. A year-precision
// date covers only the days of that year that fall in its era.
//
// Until the end of Meiji 5 (1872) months and days are those of the Japanese
// lunisolar calendar; leap months are written 閏 ("閏6月"). The Gregorian
// calendar replaced it the day after the 2nd day of the 12th month of
// Meiji 5, which became 1 January 1873 (Meiji 6): 明治5年12月3日 and later
// days of that month never existed and are refused. From Meiji 6 on months
// and days are Gregorian.
//
// # The lunisolar months, and where they may be wrong
//
// The lunisolar months come from github.com/6tail/lunar-go, which gives the
// months of the Chinese calendar as the Ming and Qing courts issued it. Japan
// computed its own calendar: with the Senmyō calendar (宣明暦) until 1684,
// and then with the Jōkyō, Hōreki, Kansei and Tenpō calendars (貞享暦 to
// 天保暦), each for the meridian of Kyoto. Most months begin on the same day
// in both, but where a new moon fell close to midnight a Japanese month can
// begin a day later or earlier than the Chinese one, and where the two
// calendars placed the leap month differently the months between the two
// leap months are numbered one apart. This package corrects the months known
// to differ (the table japaneseMonths in calendar.go, each entry with its
// reference); every other month is taken from the Chinese calendar and may
// be a day off, more often before 1685 than after. Before 1685 a day or
// month in a month that no reference has checked is therefore given as
// reaching one day later ([Date.MayBeDayLater]). Era start days are tested
// against a reference table of every era since 慶長, the months against the
// days of well-known events, and the calendar change of 1872/73 against its
// decree.
//
// Days are given as Julian Day Numbers (the integer JDN of the civil day:
// JDN 2400000 is 16 November 1858, Gregorian).
//
// # Forms read
//
// [Parse] and [Find] read the Japanese script with Arabic, full-width or
// kanji numerals ("慶応3年10月14日", "明治二十二年二月十一日", "明治元年",
// "寛永二年閏四月朔日"), the old forms of era names (慶應, 寶暦), and an era
// date followed by the Gregorian date in brackets ("慶応3年10月14日
// (1867年11月9日)"), which is kept beside the era date. They read
// romanised names with or without macrons (Taishō, Taisho, Taishou) and
// Russian names in Polivanov's transcription (Мэйдзи, Тайсё), in the forms
// "Meiji 22", "Meiji 22/2/11", "Meiji 22, 2nd month, 11th day", "Meiji
// gannen", "the 22nd year of Meiji", "the first year of the Meiji era",
// "la 22e année de Meiji", "l'an 22 de l'ère Meiji", "im 22. Jahr Meiji",
// "im 22. Jahr der Meiji-Zeit", "het 22e jaar van Meiji", "22-й год
// Мэйдзи", "в 22-м году эпохи Мэйдзи" and "Мэйдзи 22".
package japanese
