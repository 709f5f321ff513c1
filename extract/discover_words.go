package extract

import "treatyline/kb"

// The words by which a name that the knowledge base does not know reads
// as the name of an entity, by language: the words for a treaty, for
// islands, peninsulas and rivers, for the parts of a land, and the titles
// of people. They are words of the languages, not phrases of any
// document.

// instrumentNouns name a kind of instrument in the Latin-script
// languages, lower case: "Treaty of X", "Vertrag von X", "traité de X",
// "X-verdrag".
var instrumentNouns = map[string]bool{
	"treaty": true, "convention": true, "agreement": true, "protocol": true, "arrangement": true, "declaration": true, "accord": true, "peace": true,
	"verdrag": true, "overeenkomst": true, "conventie": true, "vrede": true, "traktaat": true, "akkoord": true,
	"vertrag": true, "abkommen": true, "konvention": true, "friede": true, "frieden": true, "protokoll": true, "übereinkommen": true, "vereinbarung": true, "friedensvertrag": true,
	"traité": true, "protocole": true, "paix": true,
}

// namePrepositions join an instrument word to the place it is named
// after: "of", "van", "von", "zu", "de", "d'", "du".
var namePrepositions = map[string]bool{"of": true, "van": true, "von": true, "zu": true, "de": true, "d": true, "du": true}

// notPlaceWords are capitalised words that follow an instrument word but
// name its matter, not a place ("Treaty of Peace and Amity"), or that
// begin a sentence ("The Treaty"), or are the months that follow a date.
var notPlaceWords = map[string]bool{
	"peace": true, "friendship": true, "amity": true, "commerce": true, "navigation": true, "alliance": true, "trade": true, "limits": true,
	"vrede": true, "vriendschap": true, "handel": true, "frieden": true, "freundschaft": true, "handels": true, "paix": true, "amitié": true,
	"the": true, "this": true, "that": true, "a": true, "an": true, "its": true, "het": true, "de": true, "der": true, "die": true,
	"das": true, "le": true, "la": true, "les": true, "un": true, "une": true, "ein": true, "eine": true, "dit": true, "deze": true, "dieser": true,
	"ce": true, "cette": true, "in": true, "on": true, "by": true, "under": true, "after": true, "when": true, "both": true, "each": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true, "august": true, "september": true,
	"october": true, "november": true, "december": true, "article": true, "articles": true, "artikel": true,
	"emperor": true, "empire": true, "government": true, "kingdom": true, "republic": true, "state": true, "states": true,
}

// russianInstruments are the Russian words for an instrument, by stem:
// "договор", "договора", "трактат", "конвенция", "соглашение", "протокол",
// "мир" (a peace).
var russianInstruments = []string{"договор", "трактат", "конвенци", "соглашени", "протокол"}

// hanInstruments end the Chinese and Japanese names of instruments:
// 下関条約, 馬關條約, 北京条约, 議定書.
var hanInstruments = []string{"条約", "條約", "条约", "協約", "协约", "協定", "协定", "議定書", "议定书", "和約", "和约", "専約", "專約", "专约"}

// placeNouns say what kind of place the name beside them is: "Sakhalin
// Island", "the island of Sakhalin", "Insel Sachalin", "l'île de
// Sakhaline", "остров Сахалин".
var placeNouns = map[string]kb.Kind{
	"island": kb.KindTerritory, "islands": kb.KindTerritory, "isle": kb.KindTerritory, "isles": kb.KindTerritory, "peninsula": kb.KindTerritory,
	"archipelago": kb.KindTerritory, "province": kb.KindRegion, "river": kb.KindRiver, "strait": kb.KindSea, "bay": kb.KindSea,
	"eiland": kb.KindTerritory, "eilanden": kb.KindTerritory, "schiereiland": kb.KindTerritory, "archipel": kb.KindTerritory, "provincie": kb.KindRegion,
	"rivier": kb.KindRiver, "zeestraat": kb.KindSea, "baai": kb.KindSea,
	"insel": kb.KindTerritory, "inseln": kb.KindTerritory, "halbinsel": kb.KindTerritory, "provinz": kb.KindRegion, "fluss": kb.KindRiver,
	"meerenge": kb.KindSea, "bucht": kb.KindSea, "inselgruppe": kb.KindTerritory,
	"île": kb.KindTerritory, "îles": kb.KindTerritory, "péninsule": kb.KindTerritory, "presqu": kb.KindTerritory, "fleuve": kb.KindRiver,
	"rivière": kb.KindRiver, "détroit": kb.KindSea, "baie": kb.KindSea,
}

// placeNounsAfter count right after a name too ("Sakhalin Island",
// "Liaodong Peninsula", "Amur River"); the others only before it.
var placeNounsAfter = map[string]bool{"island": true, "islands": true, "isles": true, "peninsula": true, "archipelago": true, "river": true,
	"strait": true, "bay": true, "province": true}

// russianPlaceNouns are the Russian words for a kind of place, by stem:
// "остров", "острова", "полуостров", "река", "пролив", "залив".
var russianPlaceNouns = []struct {
	stem string
	kind kb.Kind
}{{"полуостров", kb.KindTerritory}, {"остров", kb.KindTerritory}, {"архипелаг", kb.KindTerritory}, {"рек", kb.KindRiver},
	{"пролив", kb.KindSea}, {"залив", kb.KindSea}, {"провинци", kb.KindRegion}, {"област", kb.KindRegion}}

// hanPlaceSuffixes end the Chinese and Japanese names of islands,
// peninsulas and bays: 遼東半島, 澎湖諸島, 千島列島.
var hanPlaceSuffixes = []struct {
	suffix string
	kind   kb.Kind
}{{"半島", kb.KindTerritory}, {"半岛", kb.KindTerritory}, {"諸島", kb.KindTerritory}, {"诸岛", kb.KindTerritory}, {"列島", kb.KindTerritory},
	{"列岛", kb.KindTerritory}, {"群島", kb.KindTerritory}, {"群岛", kb.KindTerritory}, {"島", kb.KindTerritory}, {"岛", kb.KindTerritory}}

// Directions name the part of a land: "the southern half of Sakhalin",
// "die südliche Hälfte", "la moitié sud", "южная часть".
var directionWords = map[string]string{
	"northern": "north", "southern": "south", "eastern": "east", "western": "west", "north": "north", "south": "south", "east": "east", "west": "west",
	"noordelijke": "north", "zuidelijke": "south", "oostelijke": "east", "westelijke": "west", "noord": "north", "zuid": "south", "oost": "east",
	"nördliche": "north", "südliche": "south", "östliche": "east", "westliche": "west", "nördlichen": "north", "südlichen": "south", "östlichen": "east", "westlichen": "west",
	"nord": "north", "sud": "south", "est": "east", "ouest": "west", "septentrionale": "north", "méridionale": "south", "orientale": "east", "occidentale": "west",
	"северная": "north", "южная": "south", "восточная": "east", "западная": "west", "северную": "north", "южную": "south", "восточную": "east", "западную": "west",
	"северной": "north", "южной": "south", "восточной": "east", "западной": "west",
}

// partNouns name a part of a land: half, part.
var partNouns = map[string]bool{"half": true, "part": true, "portion": true, "helft": true, "deel": true, "gedeelte": true, "hälfte": true, "teil": true,
	"moitié": true, "partie": true, "половина": true, "половину": true, "половины": true, "часть": true, "части": true}

// beyondWords join a land to the landmark it lies beyond or on one side
// of: "the islands beyond Urup", "the land west of the river".
var beyondWords = map[string]string{"beyond": "beyond", "jenseits": "beyond", "au-delà": "beyond", "voorbij": "beyond", "за": "beyond"}

// personTitles before a capitalised name make it a person's: "Count
// Witte", "граф Витте", "Viceroy Li Hongzhang".
var personTitles = map[string]bool{
	"emperor": true, "tsar": true, "czar": true, "prince": true, "count": true, "baron": true, "marquis": true, "viscount": true, "general": true,
	"governor": true, "admiral": true, "envoy": true, "minister": true, "viceroy": true, "ambassador": true, "premier": true, "king": true, "queen": true,
	"keizer": true, "tsaar": true, "prins": true, "graaf": true, "generaal": true, "gouverneur": true, "admiraal": true, "gezant": true, "onderkoning": true,
	"kaiser": true, "zar": true, "prinz": true, "fürst": true, "graf": true, "gesandte": true, "gesandter": true, "vizekönig": true, "botschafter": true, "freiherr": true,
	"empereur": true, "comte": true, "général": true, "amiral": true, "envoyé": true, "ministre": true, "vice-roi": true, "ambassadeur": true,
	"император": true, "царь": true, "князь": true, "граф": true, "барон": true, "генерал": true, "губернатор": true, "адмирал": true, "посланник": true,
	"министр": true, "посол": true, "вице-король": true,
}

// polityHeads before a place's name make a polity of it: "the Empire of
// Japan", "het keizerrijk Japan", "l'Empire du Japon".
var polityHeads = map[string]bool{"empire": true, "kingdom": true, "keizerrijk": true, "koninkrijk": true, "kaiserreich": true, "königreich": true,
	"royaume": true, "империя": true, "королевство": true}
