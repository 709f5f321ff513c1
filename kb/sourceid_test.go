package kb

import "testing"

func TestCheckSourceID(t *testing.T) {
	for _, tt := range []struct {
		id   string
		want string // the error's code, "" for none
	}{
		{"003_835acd5ed4ef2496", ""},
		{"aigun-ru", ""},
		{"Айгунский договор", ""},
		{"璦琿條約 1858", ""},
		{"notes.v2", ""},
		{"", EINVALID},
		{".", EINVALID},
		{"..", EINVALID},
		{".hidden", EINVALID},
		{"a/b", EINVALID},
		{`a\b`, EINVALID},
		{"line\nbreak", EINVALID},
		{"tab\there", EINVALID},
		{"bell\a", EINVALID},
		{"zero\u200bwidth", EINVALID},
		{"bidi\u202eevil", EINVALID},
		{"bad\xffutf8", EINVALID},
		{" padded", EINVALID},
		{"padded ", EINVALID},
		{"what?", EINVALID},
		{"frag#1", EINVALID},
		{string(make([]byte, 201)), EINVALID},
	} {
		t.Run(tt.id, func(t *testing.T) {
			err := CheckSourceID(tt.id)
			if got := ErrorCode(err); (err == nil) != (tt.want == "") || (err != nil && got != tt.want) {
				t.Errorf("CheckSourceID(%q) = %v; want code %q", tt.id, err, tt.want)
			}
		})
	}
}
