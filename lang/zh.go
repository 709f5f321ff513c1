package lang

// zh holds the Chinese words outside the reign-era calendar, whose era
// names, numerals and date marks are read by histdate/chinese.
var zh = Language{
	Code:  Chinese,
	Name:  "Chinese",
	Level: Script,
	Relations: RelationWords{
		Cues: map[string][]string{
			"signed":                {"簽訂", "签订", "簽署", "签署", "締結", "缔结"},
			"ratified":              {"批准"},
			"refused":               {"拒絕", "拒绝", "不批准", "未批准"},
			"superseded_by":         {"取代"},
			"reversed_by":           {"廢除", "废除"},
			"confirmed_by":          {"確認", "确认"},
			"condominium":           {"共管", "共有", "杂居"},
			"navigation_right":      {"航行"},
			"trade_right":           {"通商", "貿易", "贸易"},
			"extraterritoriality":   {"治外法权", "治外法權"},
			"consular_jurisdiction": {"领事", "領事"},
			"exchanged":             {"互換", "互换", "交換", "交换"},
			"in_force":              {"生效", "施行"},
			"exchange":              {"交換", "交换"},
			"returned":              {"返還", "返还", "歸還", "归还", "還付", "还付"},
			"leased":                {"租借"},
			"occupied":              {"占领", "佔領", "占據", "占据", "占領"},
			"claimed":               {"主張", "主张"},
			"port_opening":          {"開港", "开港", "開放", "开放"},
		},
		Giving:    []string{"割讓", "割让"},
		Receiving: []string{"獲得", "获得", "取得"},
		To:        []string{"給", "给", "予"},
		From:      []string{"從", "从", "自"},
		Agent:     []string{"被", "由"},
	},
	Names: NameWords{
		ScriptInstruments:  []string{"条约", "條約", "协约", "协定", "议定书", "和约", "专约", "專約"},
		ScriptPlaces:       map[string][]string{"territory": []string{"半岛", "诸岛", "列岛", "群岛", "群島", "岛"}, "polity": []string{"国", "國"}},
		GenericInstruments: []string{"讲和", "和平", "通商", "修好", "友好", "不平等", "本", "同", "该", "該", "此", "新", "旧", "舊", "前", "国际", "國際", "媾和"},
		Stops:              "的了於于在與与是為为由將将及並并其此該该年月訂订署結结締缔割讓让給给獲获得歸归還还占據据租借開开放同以從从自被向對对即亦又至之兩两國国",
		NotStates:          "一二三四五六七八九十两各本他诸外全万数數帝中",
	},
}
