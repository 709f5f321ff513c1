package report

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"treatyline/extract"
	"treatyline/kb"
)

// MaxSourceBytes bounds the size of one document: larger ones are refused
// before they are read whole.
const MaxSourceBytes = 50 << 20

// NewSource makes a source of a document's text: its hash computed, its
// language detected unless given, its title its id unless given.
// EINVALID (naming the field: id, text) for a missing id or text, an id
// with a slash, or a text that is not UTF-8 or too long.
func NewSource(id, title, language, origin, text string) (kb.Source, error) {
	switch {
	case id == "":
		return kb.Source{}, kb.Errorf(kb.EINVALID, "id: missing")
	case strings.ContainsFunc(id, func(r rune) bool { return r == '/' || unicode.IsControl(r) }) || !utf8.ValidString(id):
		return kb.Source{}, kb.Errorf(kb.EINVALID, "id: %q has a slash or a control character", id)
	case text == "":
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

// CandidateBatch is a source with the candidate claims and provisions
// extracted from it, to be stored in one transaction.
func CandidateBatch(src kb.Source, r extract.Result) kb.Batch {
	b := kb.Batch{Sources: []kb.Source{src}}
	for _, c := range r.Candidates {
		if c.Claim != nil {
			b.Claims = append(b.Claims, *c.Claim)
		}
		if c.Provision != nil {
			b.Provisions = append(b.Provisions, *c.Provision)
		}
	}
	return b
}
