package main

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/peermatch/peermatch/internal/termsafe"
)

func init() {
	register(&command{
		name:    "version",
		args:    "",
		summary: "print the version and the commit peermatch was built from",
		help: `Prints the module version of this peermatch build and, when it was built
from a git checkout, the commit, its time, and "(modified)" when the
checkout had uncommitted changes; then the Go version it was built with.
Quote this line in a bug report.

A build from a checkout ("go build", "go run") has the version "(devel)";
"go install github.com/peermatch/peermatch/cmd/peermatch@VERSION" records
VERSION.

examples:
  peermatch version`,
		run: runVersion,
	})
}

func runVersion(_ context.Context, e *env, args []string) error {
	c := commands["version"]
	pos, err := parseFlags(c, newFlags(c), args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef(c, "version takes no arguments, got %q", shortEcho(pos[0]))
	}
	bi, ok := debug.ReadBuildInfo()
	_, err = fmt.Fprintln(e.stdout, versionLine(bi, ok))
	return err
}

// versionLine describes a build as one line,
//
//	peermatch (devel) commit 4f69aea… 2025-06-01T10:00:00Z (modified) go1.24.2
//
// from the build information bi: the main module's version, then the
// settings vcs.revision, vcs.time and vcs.modified when the build recorded
// them, then the Go version. Without build information (ok false) it says
// so. Every part is written through termsafe.Text.
func versionLine(bi *debug.BuildInfo, ok bool) string {
	if !ok || bi == nil {
		return "peermatch (unknown version: no build information)"
	}
	version := bi.Main.Version
	if version == "" {
		version = "(devel)"
	}
	parts := []string{"peermatch", version}
	var rev, at, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev != "" {
		parts = append(parts, "commit", rev)
	}
	if at != "" {
		parts = append(parts, at)
	}
	if modified == "true" {
		parts = append(parts, "(modified)")
	}
	if bi.GoVersion != "" {
		parts = append(parts, bi.GoVersion)
	}
	return termsafe.Text(strings.Join(parts, " "))
}
