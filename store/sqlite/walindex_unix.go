//go:build unix

package sqlite

import (
	"fmt"
	"os"
	"syscall"
)

// mapShm maps the first bytes of a WAL index read-only and shared, so that
// the writes of every process show through.
func mapShm(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() < 2*walHeaderSize {
		return nil, fmt.Errorf("%s: %d bytes, too short for a WAL index", path, info.Size())
	}
	return syscall.Mmap(int(f.Fd()), 0, 2*walHeaderSize, syscall.PROT_READ, syscall.MAP_SHARED)
}

func unmapShm(mem []byte) { _ = syscall.Munmap(mem) }
