//go:build !linux

package kbsnap

func hugePages[T any]([]T) {}
