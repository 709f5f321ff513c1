package lang

// zh holds the Chinese words outside the reign-era calendar, whose era
// names, numerals and date marks are read by histdate/chinese.
var zh = Language{
	Code:  Chinese,
	Name:  "Chinese",
	Level: Script,
	Relations: RelationWords{
		Cues: map[string][]string{
			"signed":           {"簽訂", "签订", "簽署", "签署", "締結", "缔结"},
			"ratified":         {"批准"},
			"refused":          {"拒絕", "拒绝", "不批准", "未批准"},
			"superseded_by":    {"取代"},
			"reversed_by":      {"廢除", "废除"},
			"confirmed_by":     {"確認", "确认"},
			"condominium":      {"共管"},
			"navigation_right": {"航行"},
			"trade_right":      {"通商", "貿易", "贸易"},
		},
		Giving:    []string{"割讓", "割让"},
		Receiving: []string{"獲得", "获得", "取得"},
		To:        []string{"給", "给", "予"},
		From:      []string{"從", "从", "自"},
		Agent:     []string{"被", "由"},
	},
}
