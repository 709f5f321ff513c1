//go:build unix

package kbsnap

import (
	"syscall"
	"time"
)

// cpuTime gives the process's user and system time so far: every
// thread's, the collector's included. On a machine shared with other
// work a benchmark's wall time counts the waits for a core as well, and
// its CPU time does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
