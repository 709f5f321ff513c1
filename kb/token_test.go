package kb

import (
	"regexp"
	"strings"
	"testing"
)

func TestValidateToken(t *testing.T) {
	hash := TokenHash("secret")
	for _, tt := range []struct {
		name, hash string
		want       string // "" when valid, else a word of the message
	}{
		{"alice", hash, ""},
		{"a", hash, ""},
		{"李鸿章", hash, ""},
		{"x" + strings.Repeat("é", 63), hash, ""},
		{"x" + strings.Repeat("é", 64), hash, "name"},
		{"a\xffb", hash, "name"},
		{"a\tb", hash, "name"},
		{".alice", hash, "name"},
		{"Anna Petrova", hash, ""},
		{"a.b_c-d@lab", hash, ""},
		{"Анна", hash, ""},
		{"", hash, "name"},
		{" alice", hash, "name"},
		{"alice ", hash, "name"},
		{"alice\n", hash, "name"},
		{"-alice", hash, "name"},
		{strings.Repeat("a", 65), hash, "name"},
		{"alice", "secret", "hash"},
		{"alice", strings.ToUpper(hash), "hash"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateToken(Token{Name: tt.name, Hash: tt.hash})
			if tt.want == "" {
				if err != nil {
					t.Errorf("ValidateToken(%q) = %v; want nil", tt.name, err)
				}
				return
			}
			if ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ValidateToken(%q, %q) = %v; want EINVALID naming %s", tt.name, tt.hash, err, tt.want)
			}
		})
	}
}

func TestNewToken(t *testing.T) {
	a, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewToken()
	if len(a) != 64 || a == b {
		t.Errorf("NewToken gave %q and %q; want two different 64-digit tokens", a, b)
	}
	if TokenHash(a) == a || len(TokenHash(a)) != 64 || TokenHash(" "+a+"\n") != TokenHash(a) {
		t.Errorf("TokenHash: want the SHA-256 of the trimmed token")
	}
}

// FuzzReviewerName: the written-out check says what the regular
// expression it replaced said, `^[\p{L}\p{N}][\p{L}\p{N}._@ -]{0,63}$`.
func FuzzReviewerName(f *testing.F) {
	re := regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}._@ -]{0,63}$`)
	for _, s := range []string{"", "alice", "Anna Petrova", "-a", "a-", "Анна", "a\xff", strings.Repeat("a", 64), strings.Repeat("a", 65), "a\n", "\uFFFD"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := reviewerName(s), re.MatchString(s); got != want {
			t.Errorf("reviewerName(%q) = %v; the expression says %v", s, got, want)
		}
	})
}
