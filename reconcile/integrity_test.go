package reconcile_test

import (
	"strings"
	"testing"

	"treatyline/data"
	"treatyline/kb"
	"treatyline/reconcile"
)

func ev(source, quote string) []kb.Evidence {
	return []kb.Evidence{{Source: source, Quote: kb.TextQuoteSelector{Exact: quote}}}
}

func claim(id, subject, prop string, v kb.Value, source string) kb.Claim {
	return kb.Claim{ID: id, Subject: subject, Property: prop, Value: v, Status: kb.Accepted, Rank: kb.Normal, Evidence: ev(source, "q")}
}

func TestIntegrityRules(t *testing.T) {
	date := func(s string) kb.Value { return kb.DateValue(s, "", "en") }
	claims := []kb.Claim{
		claim("a-signed", "treaty/a", "signed", date("2 October 1879"), "s1"),
		claim("b-signed", "treaty/b", "signed", date("24 February 1881"), "s1"),
		claim("c-signed", "treaty/c", "signed", date("1 March 1870"), "s2"),
		claim("a-by-b", "treaty/a", "superseded_by", kb.EntityValue("treaty/b"), "s1"),
		claim("a-by-c", "treaty/a", "superseded_by", kb.EntityValue("treaty/c"), "s2"),
		claim("a-ratified", "treaty/a", "ratified", date("1 January 1879"), "s1"),
		claim("a-signed-2", "treaty/a", "signed", date("3 October 1880"), "s3"),
		claim("p-died", "person/p", "died", date("1875"), "s1"),
		claim("b-signatory", "treaty/b", "signatory", kb.EntityValue("person/p"), "s1"),
	}
	fs := reconcile.Integrity(claims)
	want := map[string]string{
		reconcile.RuleSuccessorLater:   "treaty/c",
		reconcile.RuleRatificationSign: "treaty/a",
		reconcile.RuleOneEventDates:    "treaty/a",
		reconcile.RuleSignatoryAlive:   "treaty/b",
	}
	got := map[string]bool{}
	for _, f := range fs {
		if want[f.Rule] == f.Subject {
			got[f.Rule] = true
		}
		if len(f.Claims) == 0 || len(f.Sources) == 0 {
			t.Errorf("finding without claims or sources: %+v", f)
		}
	}
	for rule, subj := range want {
		if !got[rule] {
			t.Errorf("no finding %q on %s in %+v", rule, subj, fs)
		}
	}
	for _, f := range fs {
		if f.Rule == reconcile.RuleSuccessorLater && f.Subject == "treaty/b" {
			t.Errorf("b is signed after a, but: %s", f.Message)
		}
	}
}

// The gold file's integrity finding: 000 dates both Livadia and its
// successor St. Petersburg to 24 February 1881.
func TestIntegrityFindsLivadiaDatedWithItsSuccessor(t *testing.T) {
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range reconcile.Integrity(b.Claims) {
		t.Log(f.Rule, ":", f.Message)
		if f.Rule == reconcile.RuleSuccessorLater && f.Subject == "treaty/st-petersburg-1881" && strings.Contains(f.Message, "000") &&
			strings.Contains(strings.Join(f.Sources, ","), "000_659d278f4f09364a") {
			found = true
		}
	}
	if !found {
		t.Error("the Livadia / St. Petersburg finding is not reported")
	}
}
