package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestProgressOnlyOnTerminal(t *testing.T) {
	var b bytes.Buffer
	stop := startProgress(&env{stderr: &b, progress: false}, "pairing")
	stop()
	assert.Empty(t, b.String())
}

func TestProgressShowsAndClears(t *testing.T) {
	var b bytes.Buffer
	stop := runProgress(&b, "pairing", 0, time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	stop()
	stop() // safe twice
	out := b.String()
	assert.Contains(t, out, "\rpairing… ")
	assert.True(t, bytes.HasSuffix(b.Bytes(), []byte("\r\033[K")), "%q", out)
}

func TestProgressShortStepPrintsNothing(t *testing.T) {
	var b bytes.Buffer
	stop := runProgress(&b, "pairing", time.Hour, time.Millisecond)
	stop()
	assert.Empty(t, b.String())
}

func TestQuietFlagTurnsProgressOff(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(t.Context(), []string{"--quiet", "validate", "--help"}, &out, &errOut, true)
	assert.Equal(t, exitOK, code)
	assert.Empty(t, errOut.String())
}
