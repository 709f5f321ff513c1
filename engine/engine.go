// Package engine makes the treaty system computable: from the claims and
// provisions of a knowledge base it computes, for any day and from any
// perspective, who holds each territory, which rights are in force for
// whom, and each treaty's status — every answer with the chain of events
// and provisions, and the quotes, that produce it. The rules are written
// down in docs/engine.md.
package engine

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"treatyline/histdate"
	"treatyline/kb"
)

// Perspective is whose view a computation takes. The zero value is the
// consensus: accepted claims of the best rank, unilateral acts of the
// parties (a refusal to ratify, a disowned clause) recorded but not
// honoured. A Party perspective honours that party's own acts. A Sources
// perspective counts only what those sources evidence.
type Perspective struct {
	Party   string          // a polity id, "" for none
	Sources map[string]bool // source ids, nil for all
}

// Name describes the perspective: "consensus", "polity/qing",
// "sources 002_…".
func (p Perspective) Name() string {
	var parts []string
	if p.Party != "" {
		parts = append(parts, p.Party)
	}
	if len(p.Sources) > 0 {
		ids := make([]string, 0, len(p.Sources))
		for s := range p.Sources {
			ids = append(ids, s)
		}
		sort.Strings(ids)
		parts = append(parts, "sources "+strings.Join(ids, ","))
	}
	if len(parts) == 0 {
		return "consensus"
	}
	return strings.Join(parts, "; ")
}

func (p Perspective) key() string { return p.Name() }

// Basis is one link in the chain that makes an answer so: a lifecycle
// event (a claim) or a provision, with the source and quote that state it.
type Basis struct {
	Event     string `json:"event,omitempty"`     // "treaty/aigun-1858 signed", a claim's subject and property
	Provision string `json:"provision,omitempty"` // a provision id
	Claim     string `json:"claim,omitempty"`     // the claim id, for an event
	Source    string `json:"source"`
	Quote     string `json:"quote"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

// Window is the span of days in which an event known only roughly took
// place: the state before it and after it are both possible inside.
type Window struct {
	Earliest string `json:"earliest"`
	Latest   string `json:"latest"`
}

// TerritoryState is who holds a territory on a day.
type TerritoryState struct {
	ID      string   `json:"id"`
	Label   string   `json:"label"`
	Holders []string `json:"holders"`
	// Mode is sole, joint (a condominium), disputed (the parties' views
	// differ, in a party perspective), occupied (held without a treaty),
	// split (sovereignty with the holders, jurisdiction with Jurisdiction),
	// uncertain (an event of uncertain date may or may not have happened
	// yet: see Window), or unknown (nothing in the knowledge base says).
	Mode string `json:"mode"`
	// Since is the date the present holding began, at the precision its
	// source gives (EDTF, Gregorian: "1858-05-28", "1871"); SinceDay is
	// the last day it can mean, the day from which the engine counts it.
	Since    string `json:"since,omitempty"`
	SinceDay string `json:"since_day,omitempty"`
	// Jurisdiction names who keeps jurisdiction where it is not the
	// holders' (mode split): sovereignty and jurisdiction divided.
	Jurisdiction []string `json:"jurisdiction,omitempty"`
	Window       *Window  `json:"window,omitempty"`
	Basis        []Basis  `json:"basis"`
	Note         string   `json:"note,omitempty"`
	// DisownedBy names the parties that disown the provision the holding
	// rests on: in the consensus view the holding stands, contested; in
	// the party's own view the party holds to what it had.
	DisownedBy []string `json:"disowned_by,omitempty"`
}

// RightState is a right in force on a day.
type RightState struct {
	Type      string   `json:"type"`
	Provision string   `json:"provision"`
	Treaty    string   `json:"treaty"`
	Holders   []string `json:"holders"`
	Grantor   []string `json:"grantor"`
	Object    []string `json:"object"`
	Exclusive bool     `json:"exclusive"`
	Excludes  []string `json:"excludes,omitempty"`
	Limits    string   `json:"limits,omitempty"`
	Since     string   `json:"since"`
	Basis     []Basis  `json:"basis"`
}

// TreatyState is a treaty's status on a day.
type TreatyState struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// Status is one of not_yet_signed, signed, in_force, never_implemented,
	// superseded, reversed, void (refused or disowned, in that party's
	// view), uncertain (signed on a day not known exactly), or undated.
	Status string `json:"status"`
	// Details adds what else holds: "ratified by polity/qing",
	// "ratification refused by polity/qing", "confirmed by treaty/…",
	// "superseded by treaty/…", "disowned by polity/qing (provision …)".
	Details []string `json:"details,omitempty"`
	// Signed is the chosen date at the precision its source gives (EDTF,
	// Gregorian), with the original calendar's figures beside it;
	// SignedDay the last day it can mean, from which the treaty counts.
	Signed    string `json:"signed,omitempty"`
	SignedDay string `json:"signed_day,omitempty"`
	// Chosen says which date claim the answer took and why, when the view
	// has more than one (the consensus rule, docs/engine.md).
	Chosen *Choice `json:"chosen,omitempty"`
	Since  string  `json:"since,omitempty"`
	Window *Window `json:"window,omitempty"`
	Basis  []Basis `json:"basis"`
}

// Choice is the date claim an answer rests on, among several, and why.
type Choice struct {
	Claim    string `json:"claim"`
	Property string `json:"property"`
	Date     string `json:"date"`
	Why      string `json:"why"`
	Of       int    `json:"of"` // how many date claims the view has
}

// State is the treaty system on a day from a perspective.
type State struct {
	Date        string           `json:"date"`
	Perspective string           `json:"perspective"`
	Territories []TerritoryState `json:"territories"`
	Rights      []RightState     `json:"rights"`
	Treaties    []TreatyState    `json:"treaties"`
}

// Engine answers questions about the treaty system of one knowledge base.
// An Engine is immutable once made: Update gives a new Engine for a
// changed knowledge base and leaves this one as it was, so that readers of
// either never wait on a writer and never see a half-applied change. Its
// methods are safe for concurrent use and take no lock to answer from a
// perspective already compiled.
type Engine struct {
	entities   entityTable
	claims     records[kb.Claim]
	provisions records[kb.Provision]
	idx        *index
	// compiled are the perspectives compiled so far, by key: replaced
	// whole (copy on write) under mu, read without a lock.
	compiled atomic.Pointer[map[string]*compiled]
	mu       sync.Mutex // serialises compiling
	uses     atomic.Uint64
	added    bool // an update added records (see Records)
}

// New makes an engine over a knowledge base's entities, claims and
// provisions. The engine keeps the slices: the caller must not change
// them afterwards.
func New(entities []kb.Entity, claims []kb.Claim, provisions []kb.Provision) *Engine {
	return newEngine(entities, newRecords(claims), newRecords(provisions))
}

// NewShared is New over claims and provisions given by reference, such as
// another engine's (Refs) with some written over: an engine rebuilt for
// changed entities shares the records that did not change instead of
// copying a million of them. The records must not change afterwards.
func NewShared(entities []kb.Entity, claims []*kb.Claim, provisions []*kb.Provision) *Engine {
	return newEngine(entities, sharedRecords(claims), sharedRecords(provisions))
}

func newEngine(entities []kb.Entity, claims records[kb.Claim], provisions records[kb.Provision]) *Engine {
	e := &Engine{entities: newEntityTable(entities), claims: claims, provisions: provisions}
	e.idx = buildIndex(e)
	return e
}

// Entity gives an entity by id.
func (e *Engine) Entity(id string) (kb.Entity, bool) {
	en, ok := e.entities.get(id)
	return en, ok
}

// ParsePerspective reads a perspective as users write it: "consensus", a
// party ("qing", "russia" or a polity id), and a list of source ids.
func (e *Engine) ParsePerspective(party string, sources []string) (Perspective, error) {
	var p Perspective
	switch party {
	case "", "consensus":
	default:
		id := party
		if !strings.Contains(id, "/") {
			id = "polity/" + strings.ToLower(id)
		}
		en, ok := e.entities.get(id)
		if !ok || en.Kind != kb.KindPolity {
			return p, kb.Errorf(kb.EINVALID, "unknown perspective %q: give consensus or a polity (%s)", party, strings.Join(e.polities(), ", "))
		}
		p.Party = id
	}
	for _, s := range sources {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if p.Sources == nil {
			p.Sources = map[string]bool{}
		}
		p.Sources[s] = true
	}
	return p, nil
}

func (e *Engine) polities() []string {
	var out []string
	for id, en := range e.entities.all() {
		if en.Kind == kb.KindPolity {
			out = append(out, strings.TrimPrefix(id, "polity/"))
		}
	}
	sort.Strings(out)
	return out
}

// AsOf computes the state of the treaty system on a day.
func (e *Engine) AsOf(day histdate.JDN, p Perspective) State {
	sys := e.system(p)
	st := State{Date: histdate.ISO(histdate.Gregorian, day), Perspective: p.Name(),
		Territories: make([]TerritoryState, 0, len(sys.territoryIDs)), Rights: []RightState{}, Treaties: make([]TreatyState, 0, len(sys.treatyIDs))}
	for i, id := range sys.territoryIDs {
		st.Territories = append(st.Territories, sys.timelineAt(i).at(id, day))
	}
	st.Rights = sys.rightsAt(day)
	for _, id := range sys.treatyIDs {
		st.Treaties = append(st.Treaties, sys.treatyAt(e, id, day))
	}
	return st
}

// Territory gives one territory's state on a day.
func (e *Engine) Territory(id string, day histdate.JDN, p Perspective) (TerritoryState, error) {
	i, ok := e.idx.territoryOrd[id]
	if !ok {
		return TerritoryState{}, kb.Errorf(kb.ENOTFOUND, "no territory %q", id)
	}
	return e.system(p).timelineAt(i).at(id, day), nil
}

// TerritoryHistory gives a territory's holders from a perspective, one
// state per change in order: who held it from when, and why. A change
// known only roughly carries its window.
func (e *Engine) TerritoryHistory(id string, p Perspective) ([]TerritoryState, error) {
	i, ok := e.idx.territoryOrd[id]
	if !ok {
		return nil, kb.Errorf(kb.ENOTFOUND, "no territory %q", id)
	}
	tl := e.system(p).timelineAt(i)
	out := make([]TerritoryState, 0, len(tl.changes))
	for _, c := range tl.changes {
		st := TerritoryState{ID: id, Label: tl.label, Holders: c.holders, Mode: c.mode, Since: c.since, SinceDay: dayString(c.sinceDay),
			Basis: c.basis, Note: c.note, DisownedBy: c.disownedBy, Jurisdiction: c.jurisdiction}
		if c.earliest < c.day {
			st.Window = &Window{Earliest: dayString(c.earliest), Latest: dayString(c.day)}
		}
		out = append(out, st)
	}
	return out, nil
}

// Treaty gives one treaty's status on a day.
func (e *Engine) Treaty(id string, day histdate.JDN, p Perspective) (TreatyState, error) {
	en, ok := e.entities.get(id)
	if !ok || en.Kind != kb.KindTreaty {
		return TreatyState{}, kb.Errorf(kb.ENOTFOUND, "no treaty %q", id)
	}
	return e.system(p).treatyAt(e, id, day), nil
}

func (e *Engine) label(id string) string {
	if en, ok := e.entities.get(id); ok {
		return en.Label("en")
	}
	return id
}

// dayString formats a day as an ISO 8601 Gregorian date. Years 0–9999
// are written here rather than by histdate.ISO, whose fmt.Sprintf calls
// cost more than the rest of a lookup.
func dayString(j histdate.JDN) string {
	y, m, d := histdate.JDNToGregorian(j)
	if y < 0 || y > 9999 {
		return histdate.ISO(histdate.Gregorian, j)
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + d/10), byte('0' + d%10)}
	return string(b[:])
}

func evidenceBasis(ev []kb.Evidence, b Basis) []Basis {
	return appendEvidenceBasis(make([]Basis, 0, len(ev)), ev, b)
}

func appendEvidenceBasis(out []Basis, ev []kb.Evidence, b Basis) []Basis {
	for _, x := range ev {
		bb := b
		bb.Source, bb.Quote, bb.Start, bb.End = x.Source, x.Quote.Exact, x.Position.Start, x.Position.End
		out = append(out, bb)
	}
	return out
}

// claimBasis gives a claim's evidence as basis. The claims the engine
// compiles carry only the evidence of the view's sources.
func claimBasis(c kb.Claim) []Basis {
	return evidenceBasis(c.Evidence, Basis{Event: fmt.Sprintf("%s %s", c.Subject, c.Property), Claim: c.ID})
}
