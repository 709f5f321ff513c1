package kb

import (
	"fmt"
	"sort"
)

// Finding is one result of Check: an error that makes the knowledge base
// invalid, or a notice (a re-anchored quote, a source not checked).
type Finding struct {
	Where string `json:"where"` // file:line
	Error bool   `json:"error"`
	Msg   string `json:"message"`
}

func (f Finding) String() string {
	level := "notice"
	if f.Error {
		level = "error"
	}
	return fmt.Sprintf("%s: %s: %s", f.Where, level, f.Msg)
}

// Check verifies a loaded bundle against the texts of its sources (by
// source id; a source missing from texts is not checked and gives a
// notice): that each text's hash is the one recorded, and that every
// quote stands at its position, re-anchoring by quote, prefix and suffix
// when offsets drift. Re-anchored evidence gets its new position in the
// bundle and a notice saying where it moved.
func Check(b *Bundle, texts map[string]string) []Finding {
	var out []Finding
	ok := map[string]bool{}
	for _, s := range b.Sources {
		text, have := texts[s.ID]
		switch {
		case !have:
			out = append(out, Finding{Where: b.Where[s.ID], Msg: fmt.Sprintf("source %s: no text given; its quotes were not checked", s.ID)})
		case HashText(text) != s.SHA256:
			out = append(out, Finding{Where: b.Where[s.ID], Error: true, Msg: fmt.Sprintf("source %s: the text's sha256 is %s, not the recorded %s", s.ID, HashText(text), s.SHA256)})
		default:
			ok[s.ID] = true
		}
	}
	check := func(owner string, ev []Evidence) {
		for i := range ev {
			if !ok[ev[i].Source] {
				continue
			}
			where := b.Where[evidenceKey(owner, i)]
			a, err := Anchor(texts[ev[i].Source], ev[i])
			switch {
			case err != nil:
				out = append(out, Finding{Where: where, Error: true, Msg: fmt.Sprintf("%s: evidence in %s at %d..%d: %v", owner, ev[i].Source, ev[i].Position.Start, ev[i].Position.End, err)})
			case a.Moved:
				out = append(out, Finding{Where: where, Msg: fmt.Sprintf("%s: re-anchored %q in %s from %d..%d to %d..%d", owner, ev[i].Quote.Exact, ev[i].Source, ev[i].Position.Start, ev[i].Position.End, a.Position.Start, a.Position.End)})
				ev[i].Position = a.Position
			}
		}
	}
	for _, c := range b.Claims {
		check(c.ID, c.Evidence)
	}
	for _, p := range b.Provisions {
		check(p.ID, p.Evidence)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Where < out[j].Where })
	return out
}
