package extract

import "treatyline/kb"

// readTerritorialClaim proposes that a polity claimed a land it did not
// hold: "Japan claimed the whole of Sakhalin", "beanspruchte",
// "revendiquait", "претендовала на", "主張". The claim is the land's; the
// date of the sentence, when there is one, its start.
func readTerritorialClaim(d *docReader, c *sentCtx) {
	readLandRelation(d, c, "claimed", kb.PropClaimedBy, 0.45, "a word of claiming, the land and the claimant in one sentence")
}
