//go:build !unix

package kbsnap

import "os"

func readMapped(*os.File, int, func(string) error) (*Snapshot, bool, error) { return nil, false, nil }
