//go:build linux

package kbsnap

import (
	"syscall"
	"unsafe"
)

// hugePages asks the kernel to back a large array not yet filled with huge
// pages (see hugeSpan).
func hugePages[T any](s []T) {
	if len(s) == 0 {
		return
	}
	base := unsafe.Pointer(unsafe.SliceData(s))
	off, n := hugeSpan(uintptr(base), uintptr(len(s))*unsafe.Sizeof(s[0]))
	if n == 0 {
		return
	}
	// Advice only: where the kernel cannot (THP off, no huge page free),
	// the array is backed by small pages as before.
	_ = syscall.Madvise(unsafe.Slice((*byte)(unsafe.Add(base, off)), n), syscall.MADV_HUGEPAGE)
}
