package kbsnap

import (
	"errors"
	"testing"
)

// FuzzDecode: no input makes Decode panic; every failure is ErrFormat or
// ErrCorrupt; and what decodes is a snapshot whose records survive a
// second round trip unchanged. Each input is tried as a whole file and,
// since the checksum turns away nearly every mutated file before the
// body is read, as a body framed with a valid header and checksum, so
// that the decoder's own checks are what the fuzzer meets.
func FuzzDecode(f *testing.F) {
	for _, s := range edgeCases() {
		b, err := Encode(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		_, body, err := header(b)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b[body : len(b)-4])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, file := range [][]byte{data, frame("fuzz", data)} {
			s, err := Decode(file)
			if err != nil {
				if !errors.Is(err, ErrFormat) && !errors.Is(err, ErrCorrupt) {
					t.Fatalf("Decode: %v: neither ErrFormat nor ErrCorrupt", err)
				}
				continue
			}
			// Compared as files, not with DeepEqual: a fuzzed confidence
			// may be NaN, which equals nothing.
			b, err := Encode(s)
			if err != nil {
				t.Fatalf("Encode of decoded records: %v", err)
			}
			again, err := Decode(b)
			if err != nil {
				t.Fatalf("Decode of re-encoded records: %v", err)
			}
			b2, err := Encode(again)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != string(b2) {
				t.Fatalf("records changed in a second round trip")
			}
		}
	})
}
