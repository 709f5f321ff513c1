package kb

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSourceIDBytes bounds a source id's length.
const MaxSourceIDBytes = 200

// CheckSourceID applies the one rule for the id a user gives a document
// (ingest, sources add, POST /sources): valid UTF-8 of at most
// MaxSourceIDBytes bytes; no control or format characters, no path
// separator (/ or \), no leading '.' (".", ".." and hidden names), no
// leading or trailing space, no "?" or "#" (which a URL would cut). The
// id names the source in URLs (/api/v1/sources/{id}) and in file names
// (FillTexts reads <id>.txt), so it must be safe in both. The error
// (EINVALID, field id) says which part is wrong.
func CheckSourceID(id string) error {
	switch {
	case id == "":
		return Errorf(EINVALID, "id: empty")
	case !utf8.ValidString(id):
		return Errorf(EINVALID, "id: %q is not UTF-8", id)
	case len(id) > MaxSourceIDBytes:
		return Errorf(EINVALID, "id: %d bytes, more than %d", len(id), MaxSourceIDBytes)
	case strings.HasPrefix(id, "."):
		return Errorf(EINVALID, "id: %q begins with '.'", id)
	case strings.TrimSpace(id) != id:
		return Errorf(EINVALID, "id: %q begins or ends with a space", id)
	}
	for _, r := range id {
		switch {
		case r == '/' || r == '\\':
			return Errorf(EINVALID, "id: %q has a path separator (%q); name the source with --id", id, r)
		case r == '?' || r == '#':
			return Errorf(EINVALID, "id: %q has %q, which a URL would cut", id, r)
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError:
			return Errorf(EINVALID, "id: %q has the control or format character %U", id, r)
		}
	}
	return nil
}
