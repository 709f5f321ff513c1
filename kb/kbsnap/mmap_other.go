//go:build !unix

package kbsnap

import "os"

func readMapped(*os.File, int, string) (*Snapshot, bool, error) { return nil, false, nil }
