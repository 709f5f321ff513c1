package kb

import (
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
