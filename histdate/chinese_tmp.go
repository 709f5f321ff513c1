package histdate

func appendChinese(out []Mention, text string, t *token) []Mention { return out }
func parseChinese(in string, opts Options) (Date, bool, error)     { return Date{}, false, nil }
func chineseDay(j JDN) (string, string)                            { return "", "" }
