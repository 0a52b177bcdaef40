package main

import (
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestVersionCommand(t *testing.T) {
	code, out, errOut := runCLI(t, "version")
	assert.Equal(t, exitOK, code, errOut)
	assert.True(t, strings.HasPrefix(out, "peermatch "), out)
	assert.Equal(t, 1, strings.Count(out, "\n"), "one line")
	if bi, ok := debug.ReadBuildInfo(); ok {
		assert.Contains(t, out, bi.GoVersion)
	}

	code, _, errOut = runCLI(t, "version", "extra")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "version takes no arguments")

	code, out, _ = runCLI(t, "help", "version")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "usage: peermatch version")
}

func TestVersionLine(t *testing.T) {
	vcs := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	for _, tt := range []struct {
		name string
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{"checkout with changes", &debug.BuildInfo{GoVersion: "go1.24.2", Main: debug.Module{Version: "(devel)"},
			Settings: vcs("vcs", "git", "vcs.revision", "4f69aea0123456789abcdef0123456789abcdef0", "vcs.time", "2025-06-01T10:00:00Z", "vcs.modified", "true")},
			true, "peermatch (devel) commit 4f69aea0123456789abcdef0123456789abcdef0 2025-06-01T10:00:00Z (modified) go1.24.2"},
		{"clean checkout", &debug.BuildInfo{GoVersion: "go1.24.2", Main: debug.Module{Version: "(devel)"},
			Settings: vcs("vcs.revision", "4f69aea", "vcs.time", "2025-06-01T10:00:00Z", "vcs.modified", "false")},
			true, "peermatch (devel) commit 4f69aea 2025-06-01T10:00:00Z go1.24.2"},
		{"go install @version", &debug.BuildInfo{GoVersion: "go1.25.0", Main: debug.Module{Version: "v1.2.3"}},
			true, "peermatch v1.2.3 go1.25.0"},
		{"test binary", &debug.BuildInfo{}, true, "peermatch (devel)"},
		{"no build information", nil, false, "peermatch (unknown version: no build information)"},
		{"hostile setting", &debug.BuildInfo{Main: debug.Module{Version: "v1\x1b[31m"}}, true, `peermatch v1\x1b[31m`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, versionLine(tt.bi, tt.ok))
		})
	}
}
