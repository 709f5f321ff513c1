package extract

import "treatyline/kb"

// givingVerbs make the polity before them the grantor.
var givingVerbs = []string{"ceded", "cede", "cedes", "transferred", "transferring", "lost", "surrendered", "gave up", "yielded",
	"afgestaan", "afstond", "afstonden", "overgedragen", "droeg", "verloor",
	"abgetreten", "abtrat", "abtraten", "verlor", "überließ",
	"céda", "cédé", "cédée", "cédés", "cédèrent", "perdit", "abandonna",
	"уступил", "уступила", "уступило", "уступлен", "уступлена", "передан", "передана", "передал", "передала", "потерял", "потеряла",
	"отошла", "отошли", "отошёл", "отошел", "割讓", "割让", "割譲"}

// receivingVerbs make the polity before them the grantee.
var receivingVerbs = []string{"received", "gained", "acquired", "obtained", "annexed", "kreeg", "kregen", "verwierf", "verkreeg", "annexeerde",
	"erhielt", "gewann", "erwarb", "annektierte", "obtint", "acquit", "gagna", "annexa",
	"получил", "получила", "получило", "приобрёл", "приобрела", "присоединил", "присоединила",
	"獲得", "获得", "取得", "獲得した", "領有"}

// readCession proposes a cession of the sentence's treaty from a verb of
// giving or receiving, a land and the polities around them ("China
// ceded Taiwan to Japan", "Japan obtained the southern half of
// Sakhalin"). A sentence of exchange, return or lease is read by those
// rules instead.
func readCession(d *docReader, c *sentCtx) {
	s := c.s
	for _, other := range []string{"exchange", "returned", "leased"} {
		if _, ok := hasCue(s, relationCues[other]); ok {
			return
		}
	}
	at, giving := hasCue(s, givingVerbs)
	if !giving {
		var ok bool
		if at, ok = hasCue(s, receivingVerbs); !ok {
			return
		}
	}
	cue := s.start + len([]rune(s.lower[:at]))
	// Russian "отошла к Японии": the land went, to the one marked.
	t := d.readTransfer(c, cue, giving, c.lands())
	if t.object == "" || t.grantee == "" {
		return
	}
	why := "a word of cession, the territory and the receiving party in one sentence"
	conf := 0.4
	if t.grantor != "" {
		why = "a word of cession, the territory, the giving and the receiving party in one sentence"
		conf = 0.5
	}
	d.propose(c, kb.ProvCession, t, conf, why, "")
}
