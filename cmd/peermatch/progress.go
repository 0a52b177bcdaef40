package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progressDelay is how long a step runs before progress appears, and
// progressEvery how often it is refreshed.
var (
	progressDelay = time.Second
	progressEvery = 250 * time.Millisecond
)

// startProgress shows "label… 3.2s" on stderr while a long step runs, when
// progress is allowed (stderr is a terminal and --quiet was not given). The
// returned function stops it and clears the line; it is safe to call once.
// Short steps print nothing.
func startProgress(e *env, label string) (stop func()) {
	if !e.progress {
		return func() {}
	}
	return runProgress(e.stderr, label, progressDelay, progressEvery)
}

func runProgress(w io.Writer, label string, delay, every time.Duration) func() {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	start := time.Now()
	go func() {
		defer wg.Done()
		select {
		case <-done:
			return
		case <-time.After(delay):
		}
		t := time.NewTicker(every)
		defer t.Stop()
		shown := false
		for {
			fmt.Fprintf(w, "\r%s… %.1fs ", label, time.Since(start).Seconds())
			shown = true
			select {
			case <-done:
				if shown {
					fmt.Fprint(w, "\r\033[K")
				}
				return
			case <-t.C:
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			wg.Wait()
		})
	}
}
