package main

import (
	"encoding/json"
	"strings"
	"testing"

	"treatyline/internal/report"
)

// TestDateJapaneseAndOtherReading runs the date command on a Japanese era
// date and on an unmarked Russian date, which keeps both readings.
func TestDateJapaneseAndOtherReading(t *testing.T) {
	var jp report.Date
	runJSON(t, &jp, "date", "明治22年2月11日", "--json")
	if jp.Calendar != "japanese" || jp.Day != "1889-02-11" || jp.Japanese != "明治22年2月11日" || jp.JapaneseRomaji != "Meiji 22, 2nd month, 11th day" {
		t.Errorf("date 明治22年2月11日: %+v", jp.Report)
	}
	var ru report.Date
	runJSON(t, &ru, "date", "--lang", "ru", "2 ноября 1860", "--json")
	if ru.OtherReading == nil || ru.OtherReading.Calendar != "julian" || *ru.OtherReading.Gregorian.Start != "1860-11-14" || ru.OtherReadingWhy == "" {
		t.Errorf("date --lang ru: other reading %+v, why %q", ru.OtherReading, ru.OtherReadingWhy)
	}
	var en report.Date
	runJSON(t, &en, "date", "2 November 1860", "--json")
	if en.OtherReading != nil {
		t.Errorf("an English date got another reading: %+v", en.OtherReading)
	}
	code, out, _ := run(t, "date", "--lang", "ru", "2 ноября 1860")
	if code != 0 || !strings.Contains(out, "or          read as julian: Gregorian 1860-11-14") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

func TestOtherReadingText(t *testing.T) {
	q := map[string]json.RawMessage{
		"other_reading":     json.RawMessage(`{"type":"date","written":"2 november 1860","date":{"calendar":"julian","edtf":"1860-11-14"}}`),
		"other_reading_why": json.RawMessage(`{"type":"text","text":"the document dates other events Old Style"}`),
	}
	if got, want := otherReadingText(q), "read as julian, Gregorian 1860-11-14: the document dates other events Old Style"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := otherReadingText(map[string]json.RawMessage{}); got != "" {
		t.Errorf("no qualifier: got %q", got)
	}
}
