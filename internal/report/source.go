package report

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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
