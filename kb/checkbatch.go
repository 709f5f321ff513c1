package kb

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// This file checks a batch before anything of it is written, for every
// store: it knows the store only through BatchLookup.

// BatchLookup answers what CheckBatch needs to know of the stored
// knowledge base, in the transaction that will write the batch.
type BatchLookup interface {
	// SourceHash gives a stored source's hash, or "" when it is not stored.
	SourceHash(id string) (string, error)
	EntityExists(id string) (bool, error)
	ProvisionExists(id string) (bool, error)
}

// problems collects what is wrong with a batch; the first one found is
// reported, with a count of the rest, so that one message names one record
// and one field but the user knows how many more there are.
type problems struct {
	code  string
	first string
	more  int
}

func (p *problems) add(code, format string, args ...any) {
	if p.first == "" {
		p.code, p.first = code, fmt.Sprintf(format, args...)
		return
	}
	p.more++
}

func (p *problems) err() error {
	switch {
	case p.first == "":
		return nil
	case p.more == 0:
		return Errorf(p.code, "%s", p.first)
	case p.more == 1:
		return Errorf(p.code, "%s (and 1 more problem in the batch)", p.first)
	}
	return Errorf(p.code, "%s (and %d more problems in the batch)", p.first, p.more)
}

var (
	hexHash  = regexp.MustCompile(`^[0-9a-f]{64}$`)
	wikidata = regexp.MustCompile(`^Q[1-9][0-9]*$`)
)

// CheckBatch checks every record of b and every reference it makes, to
// records of the batch or of the store, and fills in what can be derived:
// a source's hash from its text, evidence's hash from its source. It
// returns a *Error: ECONFLICT for a source stored with another hash,
// EINVALID for anything else, naming the record and the field.
func CheckBatch(b *Batch, look BatchLookup) error {
	var p problems
	// A failed lookup is the store's trouble, not the batch's: it ends the
	// check with an infrastructure error.
	var lookErr error
	failed := func(err error) {
		if lookErr == nil {
			lookErr = err
		}
	}
	hashes := map[string]string{} // source id -> hash, of the batch and then the store
	entities := map[string]bool{}
	provisions := map[string]bool{}

	for i := range b.Sources {
		s := &b.Sources[i]
		if err := checkSource(&p, s, look); err != nil {
			failed(err)
		}
		if s.ID == "" {
			continue
		}
		if _, dup := hashes[s.ID]; dup {
			p.add(EINVALID, "source %q: id: given twice in the batch", s.ID)
		}
		hashes[s.ID] = s.SHA256
	}
	for i := range b.Entities {
		e := &b.Entities[i]
		checkEntity(&p, e)
		if e.ID == "" {
			continue
		}
		if entities[e.ID] {
			p.add(EINVALID, "entity %q: id: given twice in the batch", e.ID)
		}
		entities[e.ID] = true
	}
	for _, pr := range b.Provisions {
		if pr.ID == "" {
			continue // Validate reports it
		}
		if provisions[pr.ID] {
			p.add(EINVALID, "provision %q: id: given twice in the batch", pr.ID)
		}
		provisions[pr.ID] = true
	}

	// Lookups in the store, remembered: a batch names the same few
	// entities many times.
	entity := func(id string) bool {
		if ok, seen := entities[id]; seen {
			return ok
		}
		ok, err := look.EntityExists(id)
		if err != nil {
			failed(fmt.Errorf("look up entity %q: %w", id, err))
		}
		entities[id] = ok
		return ok
	}
	provision := func(id string) bool {
		if ok, seen := provisions[id]; seen {
			return ok
		}
		ok, err := look.ProvisionExists(id)
		if err != nil {
			failed(fmt.Errorf("look up provision %q: %w", id, err))
		}
		provisions[id] = ok
		return ok
	}
	source := func(id string) string {
		if h, seen := hashes[id]; seen {
			return h
		}
		h, err := look.SourceHash(id)
		if err != nil {
			failed(fmt.Errorf("look up source %q: %w", id, err))
		}
		hashes[id] = h
		return h
	}
	ref := func(what, id, field, target string) {
		if !entity(target) {
			p.add(EINVALID, "%s %q: %s: no entity %q in the store or the batch", what, id, field, target)
		}
	}

	for i := range b.Entities {
		e := &b.Entities[i]
		e.Evidence = checkEvidence(&p, "entity", e.ID, e.Evidence, source)
	}

	claims := map[string]bool{}
	for i := range b.Claims {
		c := &b.Claims[i]
		if c.ID == "" {
			p.add(EINVALID, "claim on %q %s: id: empty", c.Subject, c.Property)
			continue
		}
		if claims[c.ID] {
			p.add(EINVALID, "claim %q: id: given twice in the batch", c.ID)
		}
		claims[c.ID] = true
		if err := c.Validate(); err != nil {
			p.add(EINVALID, "claim %q: %v", c.ID, err)
			continue
		}
		ref("claim", c.ID, "subject", c.Subject)
		if c.Value.Entity != "" {
			ref("claim", c.ID, "value", c.Value.Entity)
		}
		for _, name := range slices.Sorted(maps.Keys(c.Qualifiers)) {
			// A qualifier may name a provision: "clause" does.
			if q := c.Qualifiers[name]; q.Entity != "" && !entity(q.Entity) && !provision(q.Entity) {
				p.add(EINVALID, "claim %q: qualifier %s: no entity or provision %q in the store or the batch", c.ID, name, q.Entity)
			}
		}
		c.Evidence = checkEvidence(&p, "claim", c.ID, c.Evidence, source)
	}

	for i := range b.Provisions {
		pr := &b.Provisions[i]
		if err := pr.Validate(); err != nil {
			p.add(EINVALID, "provision %q: %v", pr.ID, err)
			continue
		}
		ref("provision", pr.ID, "treaty", pr.Treaty)
		for _, role := range ProvisionRoles {
			for j, id := range role.IDs(pr) {
				ref("provision", pr.ID, fmt.Sprintf("%s[%d]", role.Field, j), id)
			}
		}
		if pr.Amount != nil {
			if err := pr.Amount.Validate(); err != nil {
				p.add(EINVALID, "provision %q: amount: %v", pr.ID, err)
			} else if pr.Amount.Entity != "" {
				ref("provision", pr.ID, "amount", pr.Amount.Entity)
			}
		}
		pr.Evidence = checkEvidence(&p, "provision", pr.ID, pr.Evidence, source)
	}

	for _, k := range slices.Sorted(maps.Keys(b.Meta)) {
		if k == "" {
			p.add(EINVALID, "meta: empty key")
		}
	}
	if lookErr != nil {
		return lookErr
	}
	return p.err()
}

// checkSource checks a source and fills in its hash from its text. It
// returns only the store's errors; the source's are added to p.
func checkSource(p *problems, s *Source, look BatchLookup) error {
	if s.ID == "" {
		p.add(EINVALID, "source titled %q: id: empty", s.Title)
		return nil
	}
	switch {
	case s.SHA256 == "" && s.Text == "":
		p.add(EINVALID, "source %q: sha256: empty, and no text to compute it from", s.ID)
		return nil
	case s.SHA256 == "":
		s.SHA256 = HashText(s.Text)
	case !hexHash.MatchString(s.SHA256):
		p.add(EINVALID, "source %q: sha256: %q is not 64 lowercase hex digits (as HashText gives)", s.ID, s.SHA256)
		return nil
	case s.Text != "" && HashText(s.Text) != s.SHA256:
		p.add(EINVALID, "source %q: sha256: %s is not the hash of its text (%s)", s.ID, s.SHA256, HashText(s.Text))
		return nil
	}
	stored, err := look.SourceHash(s.ID)
	if err != nil {
		return fmt.Errorf("look up source %q: %w", s.ID, err)
	}
	if stored != "" && stored != s.SHA256 {
		p.add(ECONFLICT, "source %s is stored with another text (sha256 %s, not %s); a changed text is a new source: give it a new id", s.ID, stored, s.SHA256)
	}
	return nil
}

// checkEntity checks an entity's own fields.
func checkEntity(p *problems, e *Entity) {
	if e.ID == "" {
		p.add(EINVALID, "entity labelled %q: id: empty", e.Label("en"))
		return
	}
	if !ValidKind(e.Kind) {
		p.add(EINVALID, "entity %q: kind: unknown kind %q (want one of %v)", e.ID, e.Kind, Kinds)
	}
	for _, lang := range slices.Sorted(maps.Keys(e.Labels)) {
		if lang == "" || e.Labels[lang] == "" {
			p.add(EINVALID, "entity %q: labels: want a language and a label, got %q: %q", e.ID, lang, e.Labels[lang])
		}
	}
	for i, a := range e.Aliases {
		if strings.TrimSpace(a.Text) == "" {
			p.add(EINVALID, "entity %q: aliases[%d]: empty text", e.ID, i)
		}
	}
	if e.Wikidata != "" && !wikidata.MatchString(e.Wikidata) {
		p.add(EINVALID, "entity %q: wikidata: %q is not a Q-id such as Q12345", e.ID, e.Wikidata)
	}
	if g := e.Geometry; g != nil {
		var obj struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal(g.GeoJSON, &obj); err != nil || obj.Type == "" {
			p.add(EINVALID, "entity %q: geometry: want a GeoJSON object with a type", e.ID)
		}
	}
	switch e.Status {
	case "", Candidate, Accepted, Rejected:
	default:
		p.add(EINVALID, "entity %q: status: unknown status %q (want candidate, accepted or rejected)", e.ID, e.Status)
	}
	if !(e.Confidence >= 0 && e.Confidence <= 1) {
		p.add(EINVALID, "entity %q: confidence: %v is not between 0 and 1", e.ID, e.Confidence)
	}
	if e.MergedInto != "" {
		p.add(EINVALID, "entity %q: merged_into: set only by a merge decision (treatyline entities merge)", e.ID)
	}
}

// checkEvidence checks the evidence of a claim or provision, and gives it
// with each hash filled in from its source: selectors mean something only
// against one text, and the source id fixes which.
func checkEvidence(p *problems, what, id string, ev []Evidence, source func(string) string) []Evidence {
	if len(ev) == 0 {
		return ev
	}
	out := make([]Evidence, len(ev)) // the caller's slice stays as it was
	copy(out, ev)
	for i := range out {
		e := &out[i]
		field := fmt.Sprintf("evidence[%d]", i)
		if e.Source == "" {
			p.add(EINVALID, "%s %q: %s.source: empty", what, id, field)
			continue
		}
		h := source(e.Source)
		switch {
		case h == "":
			p.add(EINVALID, "%s %q: %s.source: no source %q in the store or the batch", what, id, field, e.Source)
		case e.SHA256 == "":
			e.SHA256 = h
		case e.SHA256 != h:
			p.add(EINVALID, "%s %q: %s.sha256: %s, but source %s has text %s", what, id, field, e.SHA256, e.Source, h)
		}
		if e.Quote.Exact == "" {
			p.add(EINVALID, "%s %q: %s.quote.exact: empty", what, id, field)
		}
		if e.Position.Start < 0 || e.Position.End < e.Position.Start {
			p.add(EINVALID, "%s %q: %s.position: %d..%d is not a span", what, id, field, e.Position.Start, e.Position.End)
		}
	}
	return out
}

// ProvisionRole is one of the lists of entities a provision names: the
// role a store keeps it under, the field that holds it, and how to get
// and set the list.
type ProvisionRole struct {
	Role, Field string
	IDs         func(*Provision) []string
	Set         func(*Provision, []string)
}

// ProvisionRoles are the lists of entities a provision names.
var ProvisionRoles = []ProvisionRole{
	{"grantor", "grantors", func(p *Provision) []string { return p.Grantors }, func(p *Provision, s []string) { p.Grantors = s }},
	{"grantee", "grantees", func(p *Provision) []string { return p.Grantees }, func(p *Provision, s []string) { p.Grantees = s }},
	{"object", "objects", func(p *Provision) []string { return p.Objects }, func(p *Provision, s []string) { p.Objects = s }},
	{"exclude", "excludes", func(p *Provision) []string { return p.Excludes }, func(p *Provision, s []string) { p.Excludes = s }},
}
