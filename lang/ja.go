package lang

// ja holds the Japanese words outside the era calendar (whose era names
// and date marks belong to the calendar's package).
var ja = Language{
	Code:  Japanese,
	Name:  "Japanese",
	Level: Script,
	Relations: RelationWords{
		Cues: map[string][]string{
			"signed":                {"調印", "締結", "署名"},
			"ratified":              {"批准"},
			"reversed_by":           {"廃棄", "破棄"},
			"confirmed_by":          {"確認"},
			"trade_right":           {"通商", "貿易"},
			"condominium":           {"共有", "雑居", "混住", "共管"},
			"extraterritoriality":   {"治外法権"},
			"consular_jurisdiction": {"領事"},
			"exchanged":             {"交換"},
			"in_force":              {"発効", "施行"},
			"exchange":              {"交換"},
			"returned":              {"返還", "還付"},
			"leased":                {"租借"},
			"occupied":              {"占領"},
			"claimed":               {"主張"},
			"port_opening":          {"開港", "開放"},
		},
		Giving:    []string{"割譲"},
		Receiving: []string{"獲得", "取得"},
	},
	Names: NameWords{
		ScriptInstruments:  []string{"条約", "協約", "協定", "議定書", "和約"},
		ScriptPlaces:       map[string][]string{"territory": []string{"半島", "諸島", "列島", "群島", "島"}, "polity": []string{"国"}},
		GenericInstruments: []string{"講和", "平和", "通商", "修好", "和親", "友好", "不平等", "本", "同", "新", "旧", "前", "両国間", "国際", "講和の"},
		Stops:              "のはがをにでとへやも、。「」",
		NotStates:          "一二三四五六七八九十両各本他諸外全万数帝中",
		Particles:          map[string][]string{"to": []string{"に", "へ"}, "from": []string{"から", "より"}, "actor": []string{"は", "が"}, "object": []string{"を"}},
	},
}
