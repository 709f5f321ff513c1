//go:build unix

package kbsnap

import (
	"os"
	"syscall"
)

// readMapped decodes the snapshot in f by mapping it read-only: no copy
// of the file is made, and the strings of the records are views on the
// mapping, which is never unmapped once the records are given out. ok is
// false when the file cannot be mapped, for the caller to read it
// instead.
func readMapped(f *os.File, size int, check func(key string) error) (s *Snapshot, ok bool, err error) {
	if size == 0 {
		return nil, false, nil
	}
	data, merr := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
	if merr != nil {
		return nil, false, nil
	}
	got, _, err := header(data[:min(len(data), headerMax)])
	if err == nil {
		err = check(got)
	}
	if err == nil {
		s, err = decode(data, true)
	}
	if err != nil {
		syscall.Munmap(data)
		return nil, true, err
	}
	return s, true, nil
}
