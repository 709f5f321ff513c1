//go:build !unix

package sqlite

import "errors"

func mapShm(string) ([]byte, error) { return nil, errors.New("no mmap on this platform") }

func unmapShm([]byte) {}
