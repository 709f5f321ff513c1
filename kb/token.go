package kb

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode"
)

// Token is a named reviewer's token, as a store keeps it: its SHA-256
// hash, never the token itself.
type Token struct {
	Name    string    `json:"name"`
	Hash    string    `json:"-"`
	Created time.Time `json:"created"`
	// Revoked is when it was revoked; zero while it is valid.
	Revoked time.Time `json:"revoked,omitzero"`
}

// Valid reports whether the token has not been revoked.
func (t Token) Valid() bool { return t.Revoked.IsZero() }

// NewToken makes a random token (32 bytes, in hex) for a reviewer.
func NewToken() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return hex.EncodeToString(b[:]), nil
}

// TokenHash is the hash a store keeps of a token: SHA-256, in hex.
func TokenHash(token string) string {
	h := sha256.Sum256([]byte(strings.TrimSpace(token)))
	return hex.EncodeToString(h[:])
}

// reviewerName says whether name is a reviewer's name: a letter or digit,
// then at most 63 letters, digits, '.', '_', '@', '-' or spaces. (Written
// out rather than as a regular expression: one with a bounded repeat of
// Unicode classes compiles to over a megabyte that every process holds.)
func reviewerName(name string) bool {
	n := 0
	for i, r := range name {
		if n++; n > 64 {
			return false
		}
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			continue
		}
		if i == 0 || !strings.ContainsRune("._@ -", r) {
			return false
		}
	}
	return n > 0
}

// ValidateToken checks a token record before a store keeps it: a
// reviewer's name (letters, digits, and . _ @ - and space inside, at most
// 64) and a hash as TokenHash gives.
func ValidateToken(t Token) error {
	if !reviewerName(t.Name) || strings.TrimSpace(t.Name) != t.Name {
		return Errorf(EINVALID, "token: name: %q is not a reviewer's name (letters and digits, and . _ @ - or spaces inside; at most 64)", t.Name)
	}
	if len(t.Hash) != 64 || strings.Trim(t.Hash, "0123456789abcdef") != "" {
		return Errorf(EINVALID, "token %q: hash: want 64 lowercase hex digits (kb.TokenHash)", t.Name)
	}
	return nil
}
