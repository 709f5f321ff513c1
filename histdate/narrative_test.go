package histdate

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"treatyline/internal/chunk"
)

// narrativeCases are texts marked [[mention|reading]], where the reading
// is a date's figures, "P…" for a duration, "…_REF" for a reference,
// "relative" for a relative date with no anchor, or "incomplete".
var narrativeCases = []struct {
	name string
	opts Options
	doc  string
}{
	{"year across a blank line", Options{Lang: "en"},
		"Poland was invaded in [[1939|1939]].\n\nBy [[early October|1939-10]] the campaign was over."},
	{"bare months need a date's place", Options{Lang: "en"},
		"In [[1941|1941]] the army advanced. In [[June|1941-06]] it crossed the border; it may stop, and March on."},
	{"a month before the anchor's runs into the next year", Options{Lang: "en"},
		"On [[7 December 1941|1941-12-07]] Japan attacked. In [[January|1942-01]] Manila fell."},
	{"relative years and days", Options{Lang: "en"},
		"The siege began on [[12 April 1861|1861-04-12]]. [[The next day|1861-04-13]] the fort fell, and [[two days later|1861-04-15]] the garrison left. " +
			"[[The following year|1862]] brought war; [[a year earlier|1861]] nobody expected it."},
	{"seasons alone", Options{Lang: "en"},
		"The treaty of [[1858|1858]] was not ratified. During [[the winter|1858-12/1859-02]] talks stalled; [[the following spring|1859-03/1859-05]] they resumed."},
	{"no anchor: kept with the relation", Options{Lang: "en"},
		"[[Two days later|relative]] the envoy left."},
	{"durations", Options{Lang: "en"},
		"The war lasted [[six years|P6Y]]; the talks took [[a month and a half|P1.5M]], the occupation [[several years|PXY]], and he was [[26 years old|P26Y]]."},
	{"references to the time of writing", Options{Lang: "en"},
		"The [[former|PAST_REF]] capital is [[now|PRESENT_REF]] a museum."},
	{"the year of a relative phrase", Options{Lang: "en"},
		"The treaty was signed in [[1860|1860]]; it was ratified in [[August of that year|1860-08]]."},
	{"the night of a date", Options{Lang: "en"},
		"The attack came on [[the night of 8 February 1904|1904-02-08]], the landing in [[the early morning hours of 9 February|1904-02-09]]."},
	{"parts of the narrative's period", Options{Lang: "en"},
		"The army landed on [[3 March 1944|1944-03-03]]. By [[mid-September|1944-09]] it held the coast; [[later that month|1944-09]] it rested, and by [[the end of the year|1944]] it held the plain."},
	{"parts of the day", Options{Lang: "en"},
		"The fleet sailed on [[8 February 1904|1904-02-08]]; [[that night|1904-02-08]] it attacked, and [[the next morning|1904-02-09]] it withdrew. Patrols went out at [[night|relative]]."},
	{"compound durations and plural units", Options{Lang: "en"},
		"After a [[ten-day|P10D]] siege, [[two bloody weeks|P2W]] and [[years|PXY]] of war, [[a year|P1Y]] of peace followed; he was [[22.5 years old|P22.5Y]]."},
	{"weekdays and hours", Options{Lang: "en"},
		"The ultimatum expired on [[17 March 2003|2003-03-17]]; on [[Thursday|2003-03-20]] the attack began, and the first phase lasted [[36 hours|PT36H]]."},
	{"years before Christ", Options{Lang: "en"},
		"Darius invaded in [[490 BC|-0489]]. In [[480|-0479]], Xerxes followed with 300 ships; in 300 ships no year."},
	{"feasts", Options{Lang: "en"},
		"The troops were to be home by [[Christmas 1914|1914-12-25]]; they were not, and by [[Christmas of 1915|1915-12-25]] neither."},
	{"german feasts and genitive years", Options{Lang: "de"},
		"Am [[6. Juni 1944|1944-06-06]] landeten sie; im [[Oktober desselben Jahres|1944-10]] fiel Aachen, zu [[Weihnachten|1944-12-25]] stand die Front."},
	{"sets", Options{Lang: "en"},
		"Convoys sailed [[weekly|P1W]] and reports were sent [[every day|P1D]]."},
	{"dutch", Options{Lang: "nl"},
		"Het verdrag werd in [[1858|1858]] gesloten. In [[september|1858-09]] volgde de ratificatie, [[het volgende jaar|1859]] de grens; de onderhandelingen duurden [[drie maanden|P3M]]."},
	{"german", Options{Lang: "de"},
		"Der Vertrag wurde [[1858|1858]] geschlossen. Im [[September|1858-09]] folgte die Ratifikation, [[zwei Jahre später|1860]] die Grenze; die Verhandlungen dauerten [[drei Monate|P3M]]."},
	{"french", Options{Lang: "fr"},
		"Le traité fut signé en [[1858|1858]]. En [[septembre|1858-09]] suivit la ratification, [[l'année suivante|1859]] la frontière; les pourparlers durèrent [[trois mois|P3M]]."},
	{"russian", Options{Lang: "ru"},
		"Договор был подписан в [[1858 году|1858]]. В [[сентябре|1858-09]] последовала ратификация; переговоры длились [[три месяца|P3M]]."},
	{"dual dates in prose", Options{Lang: "en"},
		"The edict of [[1861|1861]] was dated [[February 19 (March 3), 1861|1861-02-19]]; the convention of the [[10th of June (29th of May of the Russian calendar), 1868|1868-06-10]] followed."},
}

func TestFindNarrative(t *testing.T) {
	for _, c := range narrativeCases {
		t.Run(c.name, func(t *testing.T) {
			text, want := annotated(c.doc)
			var got []string
			r := []rune(text)
			for _, m := range Find(text, c.opts) {
				var reading string
				switch {
				case m.Kind == KindDuration || m.Kind == KindSet:
					reading = m.Duration
				case m.Reference != "":
					reading = m.Reference
				case m.Kind == KindRelative && m.Incomplete:
					reading = "relative"
				case m.Incomplete:
					reading = "incomplete"
				default:
					reading = figures(m.Date)
				}
				got = append(got, string(r[m.Start:m.End])+"|"+reading)
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("found:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestNarrativeContext: a date completed or reckoned from the narrative
// says where from.
func TestNarrativeContext(t *testing.T) {
	text := "In 1939 Germany invaded Poland.\n\nOn 3 September Britain declared war. The following year, France fell."
	ms := Find(text, Options{Lang: "en"})
	want := []string{"", "year from 1939, in an earlier paragraph", "1 year after 3 September (1939), earlier in the paragraph"}
	if len(ms) != len(want) {
		t.Fatalf("found %d mentions, want %d: %+v", len(ms), len(want), ms)
	}
	for i, m := range ms {
		if m.Date.Context != want[i] {
			t.Errorf("mention %d %q: context %q, want %q", i, m.Date.Written, m.Date.Context, want[i])
		}
	}
	if !ms[1].Date.YearFromContext {
		t.Errorf("3 September: year_from_context not set")
	}
}

// TestFindPiecesKeepNarrative: a long text is read a piece at a time; the
// narrative (anchors, sentences, paragraphs) is carried across the cuts,
// so that cutting a text short gives the mentions, readings and reasons
// the whole text gives.
func TestFindPiecesKeepNarrative(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		text string
	}{
		{"paragraphs", Options{Lang: "en"}, "In 1939 Germany invaded Poland.\n\nOn 3 September Britain declared war. The following year, France fell.\n\nIn June the army left; two days later the city fell."},
		{"sentences", Options{Lang: "en"}, "The siege began on 12 April 1861. The next day the fort fell. Two days later the garrison left. In May the war spread. The following year brought more."},
		{"caller's year", Options{Lang: "en", Year: 1858}, "In September the talks began.\nIn October they ended.\n\nThe next year a treaty followed."},
	}
	for _, c := range narrativeCases {
		text, _ := annotated(c.doc)
		tests = append(tests, struct {
			name string
			opts Options
			text string
		}{c.name, c.opts, text})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := Find(tt.text, tt.opts)
			for _, size := range []int{1, 16, 40} {
				pieceSize = size
				got := Find(tt.text, tt.opts)
				pieceSize = chunk.Size
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("cut at %d bytes: mentions differ (-whole +pieces):\n%s", size, diff)
				}
			}
		})
	}
}
