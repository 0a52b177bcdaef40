//go:build unix

package matching

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time used by the process so far (user + system),
// a steadier measure than wall time on a shared machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
