package lang

// ja holds the Japanese words outside the era calendar (whose era names
// and date marks belong to the calendar's package).
var ja = Language{
	Code:  Japanese,
	Name:  "Japanese",
	Level: Script,
	Relations: RelationWords{
		Cues: map[string][]string{
			"signed":       {"調印", "締結", "署名"},
			"ratified":     {"批准"},
			"reversed_by":  {"廃棄", "破棄"},
			"confirmed_by": {"確認"},
			"trade_right":  {"通商", "貿易"},
		},
		Giving:    []string{"割譲"},
		Receiving: []string{"獲得", "取得"},
	},
}
