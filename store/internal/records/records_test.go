package records

import "testing"

// TestNext: ingest and the bundle never replace a decision and record
// nothing for the same content; decisions always write; rewrites keep the
// decided state they find.
func TestNext(t *testing.T) {
	tests := []struct {
		name                    string
		m                       Mode
		found, wasDecided, same bool
		wantWrite, wantDecided  bool
	}{
		{"new record", Propose, false, false, false, true, false},
		{"changed candidate", Propose, true, false, false, true, false},
		{"same content", Propose, true, false, true, false, false},
		{"over a decision", Propose, true, true, false, false, false},
		{"decision", Decide, true, false, true, true, true},
		{"decision again", Decide, true, true, true, true, true},
		{"rewrite of a decision", Rewrite, true, true, false, true, true},
		{"rewrite of a candidate", Rewrite, true, false, false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, d := Next(tt.m, tt.found, tt.wasDecided, tt.same)
			if w != tt.wantWrite || d != tt.wantDecided {
				t.Errorf("Next = %v, %v; want %v, %v", w, d, tt.wantWrite, tt.wantDecided)
			}
		})
	}
}
