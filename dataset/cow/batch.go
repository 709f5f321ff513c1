package cow

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"treatyline/histdate"
	"treatyline/kb"
)

// The ids of the dataset's sources: the territorial changes (every row's
// evidence) and the membership spans.
const (
	ChangesSource = "cow-tc-v6"
	StatesSource  = "cow-states-2016"
)

// Recorder is the recorded_by of everything the import writes.
const Recorder = "import cow-tc"

// PolityID, TerritoryID, ChangeID and PieceID are the ids the import
// gives: a COW state or entity code as a polity or a territory, a change
// (by its number) as an event, and the part of a unit a change moved.
func PolityID(code int) string { return "polity/cow-" + strconv.Itoa(code) }

// TerritoryID is the territory of a COW territorial entity code.
func TerritoryID(code int) string { return "territory/cow-" + strconv.Itoa(code) }

// ChangeID is the event of a territorial change.
func ChangeID(number int) string { return "event/cow-tc-" + strconv.Itoa(number) }

// PieceID is the territory a change moved when it moved part of a unit
// (or the unit is not coded).
func PieceID(number int) string { return "territory/cow-tc-" + strconv.Itoa(number) }

// Name gives the name of a COW code: the state's name from the membership
// file, else the first name of the territorial entity, else "".
func (d *Data) Name(code int) string {
	for _, s := range d.States {
		if s.Code == code {
			return s.Name
		}
	}
	if ns := d.Names[code]; len(ns) > 0 {
		return ns[0]
	}
	return ""
}

func (d *Data) nameOr(code int) string {
	if n := d.Name(code); n != "" {
		return n
	}
	return "COW entity " + strconv.Itoa(code)
}

// Date gives a change's date as written for histdate: "1858-06", or
// "1858" when the month is missing. The dataset dates in the Gregorian
// calendar.
func (c Change) Date() string {
	if c.Month == Missing {
		return strconv.Itoa(c.Year)
	}
	return fmt.Sprintf("%04d-%02d", c.Year, c.Month)
}

// TerritoryMoved gives the territory a change moved: the coded unit when
// the whole of it changed hands, else a piece of its own.
func (c Change) TerritoryMoved() string {
	if c.Portion == 1 && c.Entity != Missing {
		return TerritoryID(c.Entity)
	}
	return PieceID(c.Number)
}

func (c Change) evidence(text string) []kb.Evidence {
	return []kb.Evidence{{Source: ChangesSource, SHA256: kb.HashText(text),
		Quote: kb.TextQuoteSelector{Exact: c.Row}, Position: kb.TextPositionSelector{Start: c.Start, End: c.End}}}
}

func (s State) evidence(text string) []kb.Evidence {
	return []kb.Evidence{{Source: StatesSource, SHA256: kb.HashText(text),
		Quote: kb.TextQuoteSelector{Exact: s.Row}, Position: kb.TextPositionSelector{Start: s.Start, End: s.End}}}
}

// Batch turns the dataset into records: the two sources with their texts;
// a polity for every state and every code that gains or loses; a
// territory for every coded entity, and for every part of one that
// changed hands; and for every change an event dated by the row, its
// area and population, its parties, the holder it gave the territory from
// its date, and a provision of its procedure. Everything is accepted,
// recorded at the time given, with the row as evidence.
func (d *Data) Batch(at time.Time) kb.Batch {
	var b kb.Batch
	b.Sources = []kb.Source{
		{ID: ChangesSource, Title: "Correlates of War Territorial Change, v6 (tc2018.csv)", Language: "en", Origin: ChangesFile,
			SHA256: kb.HashText(d.ChangesText), Text: d.ChangesText},
		{ID: StatesSource, Title: "Correlates of War State System Membership, v2016 (states2016.csv)", Language: "en", Origin: StatesFile,
			SHA256: kb.HashText(d.StatesText), Text: d.StatesText},
	}
	claim := func(id, subject, property string, v kb.Value, q map[string]kb.Value, ev []kb.Evidence, note string) kb.Claim {
		return kb.Claim{ID: id, Subject: subject, Property: property, Value: v, Qualifiers: q, Evidence: ev,
			Status: kb.Accepted, Rank: kb.Normal, Note: note, RecordedAt: at, RecordedBy: Recorder}
	}
	date := func(s string) kb.Value { return kb.DateValue(s, histdate.Gregorian, "") }

	// Polities: the states, with their membership spans.
	polities := map[int]*kb.Entity{}
	var order []int
	polity := func(code int) *kb.Entity {
		if e, ok := polities[code]; ok {
			return e
		}
		e := &kb.Entity{ID: PolityID(code), Kind: kb.KindPolity, Labels: map[string]string{"en": d.nameOr(code)},
			Description: fmt.Sprintf("Correlates of War code %d", code)}
		polities[code] = e
		order = append(order, code)
		return e
	}
	spans := map[int]int{}
	for _, s := range d.States {
		e := polity(s.Code)
		e.Description = fmt.Sprintf("Correlates of War state %d (%s)", s.Code, s.Abbrev)
		if s.Abbrev != "" && !hasAlias(e, s.Abbrev) {
			e.Aliases = append(e.Aliases, kb.Alias{Text: s.Abbrev})
		}
		spans[s.Code]++
		q := map[string]kb.Value{"start_time": date(fmt.Sprintf("%04d-%02d-%02d", s.StartYear, s.StartM, s.StartD))}
		if s.EndYear != 0 {
			q["end_time"] = date(fmt.Sprintf("%04d-%02d-%02d", s.EndYear, s.EndMonth, s.EndDay))
		}
		b.Claims = append(b.Claims, claim(fmt.Sprintf("cow-state-%d-%d", s.Code, spans[s.Code]), e.ID, "system_member",
			kb.BoolValue(true), q, s.evidence(d.StatesText), fmt.Sprintf("%s line %d", StatesFile, s.Line)))
	}

	// Territories: every coded entity, with its names.
	territories := map[string]*kb.Entity{}
	var torder []string
	territory := func(code int) *kb.Entity {
		id := TerritoryID(code)
		if e, ok := territories[id]; ok {
			return e
		}
		e := &kb.Entity{ID: id, Kind: kb.KindTerritory, Labels: map[string]string{"en": d.nameOr(code)},
			Description: fmt.Sprintf("Correlates of War territorial entity %d", code)}
		for _, n := range d.Names[code][min(1, len(d.Names[code])):] {
			e.Aliases = append(e.Aliases, kb.Alias{Text: n, Lang: "en"})
		}
		territories[id] = e
		torder = append(torder, id)
		return e
	}
	codes := make([]int, 0, len(d.Names))
	for code := range d.Names {
		codes = append(codes, code)
	}
	sort.Ints(codes)
	for _, code := range codes {
		territory(code)
	}

	for _, c := range d.Changes {
		ev := c.evidence(d.ChangesText)
		where := fmt.Sprintf("%s line %d, change %d", ChangesFile, c.Line, c.Number)
		id := ChangeID(c.Number)
		gainer, loser := "", ""
		if c.Gainer != Missing {
			gainer = polity(c.Gainer).ID
		}
		if c.Loser != Missing {
			loser = polity(c.Loser).ID
		}
		// The territory moved: the coded unit, or a piece of it.
		moved := c.TerritoryMoved()
		unit := ""
		if c.Entity != Missing {
			unit = territory(c.Entity).ID
		}
		if moved != unit {
			what := "Territory"
			if c.Entity != Missing {
				what = "Part of " + d.nameOr(c.Entity)
			}
			label := fmt.Sprintf("%s (COW change %d, %d)", what, c.Number, c.Year)
			e := &kb.Entity{ID: moved, Kind: kb.KindTerritory, Labels: map[string]string{"en": label},
				Description: "the land a Correlates of War territorial change moved, where it was part of a unit or the unit is not coded"}
			territories[moved] = e
			torder = append(torder, moved)
			if unit != "" {
				b.Claims = append(b.Claims, claim(fmt.Sprintf("cow-tc-%d-part-of", c.Number), moved, "part_of",
					kb.EntityValue(unit), nil, ev, where))
			}
		}
		proc := c.Procedure.ProvisionType()
		label := d.changeLabel(c)
		b.Entities = append(b.Entities, kb.Entity{ID: id, Kind: kb.KindEvent, Labels: map[string]string{"en": label},
			Description: "a territorial change of the Correlates of War data (v6)"})
		b.Claims = append(b.Claims, claim(fmt.Sprintf("cow-tc-%d-date", c.Number), id, "point_in_time", date(c.Date()), nil, ev, where))
		parties := map[string]kb.Value{"object": kb.EntityValue(moved)}
		if gainer != "" {
			parties["to"] = kb.EntityValue(gainer)
			b.Claims = append(b.Claims, claim(fmt.Sprintf("cow-tc-%d-gainer", c.Number), id, "participant", kb.EntityValue(gainer),
				map[string]kb.Value{"party": kb.EntityValue(gainer)}, ev, where+": the gaining side"))
		}
		if loser != "" {
			parties["from"] = kb.EntityValue(loser)
			b.Claims = append(b.Claims, claim(fmt.Sprintf("cow-tc-%d-loser", c.Number), id, "participant", kb.EntityValue(loser),
				map[string]kb.Value{"party": kb.EntityValue(loser)}, ev, where+": the losing side"))
		}
		var area *kb.Value
		if c.Area != nil {
			v := kb.QuantityValue(km2(*c.Area), "en")
			area = &v
			b.Claims = append(b.Claims, claim(fmt.Sprintf("cow-tc-%d-area", c.Number), id, "area_ceded", v, parties, ev, where))
		}
		if c.Pop != nil {
			b.Claims = append(b.Claims, claim(fmt.Sprintf("cow-tc-%d-population", c.Number), id, "population",
				kb.QuantityValue(strconv.FormatFloat(*c.Pop, 'f', -1, 64)+" inhabitants", "en"),
				map[string]kb.Value{"object": kb.EntityValue(moved)}, ev, where))
		}
		for _, f := range []struct {
			on   bool
			what string
		}{{c.Indep == 1, "independence"}, {c.Conflict == 1, "military conflict"}, {c.Entry == 1, "entry into the state system"},
			{c.Exit == 1, "exit from the state system"}} {
			if f.on {
				b.Claims = append(b.Claims, claim(fmt.Sprintf("cow-tc-%d-%s", c.Number, strings.ReplaceAll(f.what, " ", "-")), id,
					"described_as", kb.TextValue(f.what), nil, ev, where))
			}
		}
		if gainer != "" {
			q := map[string]kb.Value{"start_time": date(c.Date())}
			if loser != "" {
				q["from"] = kb.EntityValue(loser)
			}
			b.Claims = append(b.Claims, claim(fmt.Sprintf("cow-tc-%d-held-by", c.Number), moved, "held_by", kb.EntityValue(gainer),
				q, ev, where))
		}
		if proc != "" {
			p := kb.Provision{ID: fmt.Sprintf("cow-tc-%d", c.Number), Treaty: id, Type: proc, Objects: []string{moved},
				Amount: area, Evidence: ev, Status: kb.Accepted, Rank: kb.Normal, Note: where}
			if gainer != "" {
				p.Grantees = []string{gainer}
			}
			if loser != "" {
				p.Grantors = []string{loser}
			}
			b.Provisions = append(b.Provisions, p)
		}
	}
	ents := make([]kb.Entity, 0, len(order)+len(torder)+len(b.Entities))
	for _, code := range order {
		ents = append(ents, *polities[code])
	}
	for _, id := range torder {
		ents = append(ents, *territories[id])
	}
	b.Entities = append(ents, b.Entities...)
	return b
}

func hasAlias(e *kb.Entity, s string) bool {
	for _, a := range e.Aliases {
		if a.Text == s {
			return true
		}
	}
	return false
}

// km2 writes an area in square kilometres as quantity reads it.
func km2(a float64) string { return strconv.FormatFloat(a, 'f', -1, 64) + " km²" }

// changeLabel names a change for people: "Russia gains part of China by
// cession, 1858-06 (COW change 131)".
func (d *Data) changeLabel(c Change) string {
	var b strings.Builder
	if c.Gainer != Missing {
		b.WriteString(d.nameOr(c.Gainer))
	} else {
		b.WriteString("(no gainer coded)")
	}
	b.WriteString(" gains ")
	switch {
	case c.Entity == Missing:
		b.WriteString("a territory")
	case c.Portion == 1:
		b.WriteString(d.nameOr(c.Entity))
	default:
		b.WriteString("part of " + d.nameOr(c.Entity))
	}
	if c.Loser != Missing && c.Loser != c.Entity {
		b.WriteString(" from " + d.nameOr(c.Loser))
	}
	if p := c.Procedure.ProvisionType(); p != "" {
		b.WriteString(" by " + p)
	}
	fmt.Fprintf(&b, ", %s (COW change %d)", c.Date(), c.Number)
	return b.String()
}

// Fresh leaves out of a batch what is stored already, so that importing
// twice adds nothing and a stored record — reviewed, corrected — is never
// written over: sources, entities, claims and provisions whose ids the
// store holds.
func Fresh(b kb.Batch, hasEntity, hasClaim, hasProvision func(id string) bool) kb.Batch {
	out := kb.Batch{Sources: b.Sources, Meta: b.Meta}
	for _, e := range b.Entities {
		if !hasEntity(e.ID) {
			out.Entities = append(out.Entities, e)
		}
	}
	for _, c := range b.Claims {
		if !hasClaim(c.ID) {
			out.Claims = append(out.Claims, c)
		}
	}
	for _, p := range b.Provisions {
		if !hasProvision(p.ID) {
			out.Provisions = append(out.Provisions, p)
		}
	}
	return out
}
