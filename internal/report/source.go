package report

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"treatyline/extract"
	"treatyline/kb"
)

// MaxSourceBytes bounds the size of one document: larger ones are refused
// before they are read whole.
const MaxSourceBytes = 50 << 20

// NewSource makes a source of a document's text: its hash computed, its
// language detected unless given, its title its id unless given.
// EINVALID (naming the field: id, text) for an id that breaks
// kb.CheckSourceID, a missing text, or a text that is not UTF-8 or too
// long.
func NewSource(id, title, language, origin, text string) (kb.Source, error) {
	if err := kb.CheckSourceID(id); err != nil {
		return kb.Source{}, err
	}
	switch {
	case strings.TrimSpace(text) == "":
		return kb.Source{}, kb.Errorf(kb.EINVALID, "text: empty")
	case len(text) > MaxSourceBytes:
		return kb.Source{}, kb.Errorf(kb.EINVALID, "text: %d bytes, more than the %d MB a source may have", len(text), MaxSourceBytes>>20)
	case !utf8.ValidString(text):
		return kb.Source{}, kb.Errorf(kb.EINVALID, "text: not UTF-8")
	}
	if title == "" {
		title = id
	}
	if language == "" {
		language = extract.DetectLanguage(text)
	}
	return kb.Source{ID: id, Title: title, Language: language, Origin: origin, SHA256: kb.HashText(text), Text: text}, nil
}

// Ingest is the one way a document becomes a source and candidates: the
// extractor reads the source, and the source with every candidate entity,
// claim and provision found in it is stored in one transaction (all or
// nothing): a group of one (IngestIn, which treatyline ingest and eval
// use for a run's files, a few to a commit; POST /sources with ingest
// comes here), through ingest.Ingester (which reads the files and
// previews a run's documents first). Make the source with NewSource.
//
// A long document is read and stored a part at a time in that one
// transaction (extract.ExtractParts), so that what ingest holds at once
// is bounded by the part: the Result then keeps every
// mention and candidate only with keep, and counts them otherwise
// (Result.Count). What a reviewer has decided is kept: Apply never
// replaces a decided claim or provision.
func Ingest(ctx context.Context, st kb.Store, x *extract.Extractor, src kb.Source, keep bool) (extract.Result, error) {
	var r extract.Result
	written := false
	err := st.ApplyGroup(ctx, func(g kb.Group) error {
		var err error
		r, err = IngestIn(g, x, src, keep)
		written = err == nil
		return err
	})
	if err != nil && written {
		x.Forget() // written but not committed: nothing of the document is known
	}
	return r, err
}

// IngestIn is Ingest for one document of a group (kb.Store.ApplyGroup):
// the document is written under its own savepoint, all of it or none, and
// is durable only when the group is committed. The next document of the
// group reads it as stored: the candidate entities it stored are learned
// (as stored, read in the group), so that the next document reads their
// names as known, as a later run would from the store. When the document
// cannot be stored, what reading it taught the extractor is forgotten.
//
// A document read whole (extract.ReadWhole) is read (Read), then written
// (Reading.Write); a longer one is written a part at a time as it is
// read.
func IngestIn(g kb.Group, x *extract.Extractor, src kb.Source, keep bool) (extract.Result, error) {
	if extract.ReadWhole(src) {
		rd, err := Read(x, src, keep)
		if err != nil {
			return rd.Result, err
		}
		return rd.Result, rd.Write(g, x).Wait(x)
	}
	return ingestParts(g, x, src, keep)
}

// ingestParts is IngestIn for a long document: each part is written as it
// is read, and the candidate entities learned when all are.
func ingestParts(g kb.Group, x *extract.Extractor, src kb.Source, keep bool) (extract.Result, error) {
	var all extract.Result
	var named []string // the candidate entities stored, in order, to learn
	err := g.Unit(func(apply func(kb.Batch) error) error {
		seen := map[string]bool{}
		first := true
		var err error
		all, err = x.Gather(src, keep, func(part extract.Result) error {
			b := part.Batch(src)
			if !first {
				b.Sources = nil // stored with the first part
			}
			first = false
			named = appendNamed(named, seen, b.Entities)
			return apply(b)
		})
		if err != nil {
			return err
		}
		return applySuggestions(g, apply, all.Merges)
	})
	if err != nil {
		x.Forget()
		return all, err
	}
	x.Learn(storedEntities(g, named))
	return all, nil
}

// Reading is a document read whole for storing (Read): what extraction
// proposed, and the batch that stores it.
type Reading struct {
	Result extract.Result
	batch  kb.Batch
	named  []string // the candidate entities the batch stores, in order
}

// Read reads a document read whole (extract.ReadWhole) for storing
// (Reading.Write). When it fails, the extractor forgets what reading
// taught it.
func Read(x *extract.Extractor, src kb.Source, keep bool) (Reading, error) {
	var rd Reading
	n := 0
	var err error
	rd.Result, err = x.Gather(src, keep, func(part extract.Result) error {
		if n++; n > 1 {
			return fmt.Errorf("%s: %d bytes, read in parts: not a document read whole", src.ID, len(src.Text))
		}
		rd.batch = part.Batch(src)
		rd.named = appendNamed(nil, map[string]bool{}, rd.batch.Entities)
		return nil
	})
	if err != nil {
		x.Forget()
	}
	return rd, err
}

// Write writes the document read under a unit of the group, all of it
// or none, on another goroutine: its source and candidate entities first;
// Write returns once those are written and the extractor has learned them
// as stored, so that the caller can read the next document while the
// rest (claims, provisions, merge suggestions) is written. The caller
// must not use the group, nor the extractor but to read, until Wait.
func (rd Reading) Write(g kb.Group, x *extract.Extractor) *Writing {
	w := &Writing{done: make(chan error, 1)}
	learned := make(chan []kb.Entity, 1)
	go func() {
		err := rd.write(g, func(es []kb.Entity) { learned <- es })
		close(learned)
		w.done <- err
	}()
	if es, ok := <-learned; ok {
		l := x.Learn(es)
		w.learning = &l
	}
	return w
}

// Writing is a document being written (Reading.Write).
type Writing struct {
	done     chan error
	learning *extract.Learning // nil until its entities are learned
}

// Wait waits until the document is written and gives the error that kept
// it from being stored: then what the extractor learned from it, and from
// reading it, is undone (extract.Extractor.Unlearn), and a document read
// since must be read again.
func (w *Writing) Wait(x *extract.Extractor) error {
	err := <-w.done
	if err != nil {
		x.Unlearn(w.learning)
	}
	return err
}

// write writes the document under a unit of the group: its source and
// candidate entities, then learned is given those entities as stored, then
// its claims, provisions and merge suggestions. learned is called at most
// once, and the unit can still fail after it.
func (rd Reading) write(g kb.Group, learned func([]kb.Entity)) error {
	head := kb.Batch{Sources: rd.batch.Sources, Entities: rd.batch.Entities}
	rest := kb.Batch{Claims: rd.batch.Claims, Provisions: rd.batch.Provisions, Meta: rd.batch.Meta}
	return g.Unit(func(apply func(kb.Batch) error) error {
		if err := apply(head); err != nil {
			return err
		}
		learned(storedEntities(g, rd.named))
		if len(rest.Claims) > 0 || len(rest.Provisions) > 0 || len(rest.Meta) > 0 {
			if err := apply(rest); err != nil {
				return err
			}
		}
		return applySuggestions(g, apply, rd.Result.Merges)
	})
}

// appendNamed appends the ids of entities not seen yet.
func appendNamed(named []string, seen map[string]bool, es []kb.Entity) []string {
	for _, e := range es {
		if !seen[e.ID] {
			seen[e.ID] = true
			named = append(named, e.ID)
		}
	}
	return named
}

// storedEntities reads entities as the group sees them (those it cannot
// read are left out).
func storedEntities(g kb.Group, ids []string) []kb.Entity {
	stored := make([]kb.Entity, 0, len(ids))
	for _, id := range ids {
		if se, err := g.Entity(id); err == nil {
			stored = append(stored, se)
		}
	}
	return stored
}

// applySuggestions adds the merges a document suggests to those stored.
func applySuggestions(g kb.Group, apply func(kb.Batch) error, merges []extract.MergeSuggestion) error {
	m, err := suggestionMeta(g.Meta, merges)
	if err != nil || len(m) == 0 {
		return err
	}
	return apply(kb.Batch{Meta: m})
}

// suggestionKey is the meta key under which the merges ingest suggested
// for an entity are kept, as JSON: a list of Duplicate.
func suggestionKey(id string) string { return "merge_suggestions/" + id }

// suggestionMeta gives the meta entries that add merge suggestions to
// those stored, for both entities of each.
func suggestionMeta(meta func(string) (string, error), ms []extract.MergeSuggestion) (map[string]string, error) {
	add := map[string][]Duplicate{}
	for _, m := range ms {
		a, b := m.Entities[0], m.Entities[1]
		if a == "" || b == "" || a == b {
			continue
		}
		add[a] = append(add[a], Duplicate{ID: b, Score: 1, Why: m.Reason})
		add[b] = append(add[b], Duplicate{ID: a, Score: 1, Why: m.Reason})
	}
	out := map[string]string{}
	for id, ds := range add {
		have, err := storedSuggestions(meta, id)
		if err != nil {
			return nil, err
		}
		changed := false
		for _, d := range ds {
			if !slices.ContainsFunc(have, func(x Duplicate) bool { return x.ID == d.ID }) {
				have = append(have, d)
				changed = true
			}
		}
		if changed {
			j, err := json.Marshal(have)
			if err != nil {
				return nil, err
			}
			out[suggestionKey(id)] = string(j)
		}
	}
	return out, nil
}

// storedSuggestions reads the merges ingest suggested for an entity.
func storedSuggestions(meta func(string) (string, error), id string) ([]Duplicate, error) {
	v, err := meta(suggestionKey(id))
	if err != nil || v == "" {
		return nil, err
	}
	var ds []Duplicate
	if err := json.Unmarshal([]byte(v), &ds); err != nil {
		return nil, fmt.Errorf("stored merge suggestions of %s: %w", id, err)
	}
	return ds, nil
}

// NewExtractor builds an extractor over the store's entities and its
// signing claims (so that a signing dated 12 days off is proposed as Old
// Style).
func NewExtractor(ctx context.Context, st kb.Store) (*extract.Extractor, error) {
	ents, err := st.Entities(ctx, "")
	if err != nil {
		return nil, err
	}
	claims, err := st.Claims(ctx, kb.ClaimFilter{Property: "signed"})
	if err != nil {
		return nil, err
	}
	return extract.NewExtractor(ents, claims), nil
}

// FillTexts reads the text of every stored source that has none from
// dir/<id>.txt, when that file has the source's hash, and stores it with
// the source's own title, language and origin; it returns how many it
// filled in. Files of other ids or texts are left alone: a source is
// immutable, and a text with another hash is another source.
func FillTexts(ctx context.Context, st kb.Store, dir string) (int, error) {
	srcs, err := st.Sources(ctx)
	if err != nil {
		return 0, err
	}
	var b kb.Batch
	for _, s := range srcs {
		full, err := st.Source(ctx, s.ID)
		if err != nil {
			return 0, err
		}
		if full.Text != "" {
			continue
		}
		path := filepath.Join(dir, s.ID+".txt")
		if info, err := os.Stat(path); err != nil || info.Size() > MaxSourceBytes {
			continue
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		f, err := NewSource(s.ID, s.Title, s.Language, s.Origin, string(raw))
		if err != nil || f.SHA256 != s.SHA256 {
			continue
		}
		b.Sources = append(b.Sources, f)
	}
	if len(b.Sources) == 0 {
		return 0, nil
	}
	if err := st.Apply(ctx, b); err != nil {
		return 0, fmt.Errorf("store the texts from %s: %w", dir, err)
	}
	return len(b.Sources), nil
}
