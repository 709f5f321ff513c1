package kb

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files (docs/vocabulary.md)")

// vocabularyDoc writes the vocabulary as Markdown.
func vocabularyDoc() string {
	var b strings.Builder
	b.WriteString("# Vocabulary\n\n")
	b.WriteString("The properties, qualifiers and provision types of treatyline's knowledge base, with the Wikidata\n")
	b.WriteString("property (P…) or item (Q…) each maps to where one fits, for export. This file is generated from\n")
	b.WriteString("`kb/vocabulary.go` by `go test ./kb -run TestVocabularyDoc -update`; a test keeps the two equal.\n\n")
	b.WriteString("Claim values are one of: `entity` (an id), `date` (as written, read by `histdate`), `quantity`\n")
	b.WriteString("(as written, read by `quantity`), `text`, `bool`.\n\n")
	table := func(title string, m map[string]Term, lifecycle *bool) {
		fmt.Fprintf(&b, "## %s\n\n| name | values | Wikidata | meaning |\n|---|---|---|---|\n", title)
		names := make([]string, 0, len(m))
		for n, t := range m {
			if lifecycle == nil || t.Lifecycle == *lifecycle {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		for _, n := range names {
			t := m[n]
			var vts []string
			for _, vt := range t.ValueTypes {
				vts = append(vts, string(vt))
			}
			wd := t.Wikidata
			if wd == "" {
				wd = "—"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", n, strings.Join(vts, ", "), wd, t.Description)
		}
		b.WriteString("\n")
	}
	yes, no := true, false
	table("Treaty lifecycle events", Properties, &yes)
	b.WriteString("A lifecycle claim that is one party's act (ratified, ratification_refused, disowned_by) names the\nparty in the qualifier `party`; `disowned_by` names the provision disowned in `clause`.\n\n")
	table("Other properties", Properties, &no)
	table("Qualifiers", Qualifiers, nil)
	b.WriteString("## Provision types\n\n| type | Wikidata | meaning | moves territory | grants a right |\n|---|---|---|---|---|\n")
	names := make([]string, 0, len(ProvisionTypes))
	for n := range ProvisionTypes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := ProvisionTypes[n]
		wd := p.Wikidata
		if wd == "" {
			wd = "—"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %v | %v |\n", n, wd, p.Description, p.Moves, p.Right)
	}
	b.WriteString("\nA provision names its `grantors`, `grantees`, `objects` (territories, rivers, ports, cities),\n`excludes` (parties shut out) and `exclusive` (the right is the grantees' alone), `limits` in words,\nand an `amount` for an indemnity.\n")
	return b.String()
}

func TestVocabularyDoc(t *testing.T) {
	const path = "../docs/vocabulary.md"
	want := vocabularyDoc()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s is out of date with kb/vocabulary.go: run go test ./kb -run TestVocabularyDoc -update", path)
	}
}

// TestPropertyConstants checks that every named property and provision
// type is a term of the vocabulary.
func TestPropertyConstants(t *testing.T) {
	for _, p := range []string{PropNegotiated, PropSigned, PropRatified, PropRatificationRefused, PropRatificationsExchanged, PropInForce,
		PropNeverImplemented, PropConfirmedBy, PropSupersededBy, PropReversedBy, PropDisownedBy, PropParty, PropSignatory, PropPlaceSigned,
		PropAreaCeded, PropTroops, PropOccupiedBy, PropClaimedBy, PropHeldBy, PropPartOf} {
		if _, ok := Properties[p]; !ok {
			t.Errorf("property %q is not in the vocabulary", p)
		}
	}
	for _, p := range []string{ProvCession, ProvRetrocession, ProvCondominium, ProvLease, ProvNavigationRight, ProvTradeRight, ProvPortOpening,
		ProvConsularJurisdiction, ProvExtraterritoriality} {
		if _, ok := ProvisionTypes[p]; !ok {
			t.Errorf("provision type %q is not in the vocabulary", p)
		}
	}
}
