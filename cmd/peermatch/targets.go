package main

import (
	"fmt"
	"io/fs"

	"github.com/peermatch/peermatch/internal/termsafe"
)

// notRegularTarget returns nil when fi (from os.Lstat of path) is a
// regular file, and otherwise an error naming path (escaped) and what it
// is — a folder, a symbolic link or another kind of entry — followed by
// what the command refuses to do there and the way out, e.g. "no report
// is written through it", "remove it or choose another --html file". The
// commands that write files (report --html, schedule --ics, contracts)
// never follow a symlink or write into something that is not a file.
func notRegularTarget(path string, fi fs.FileInfo, refused, instead string) error {
	if fi.Mode().IsRegular() {
		return nil
	}
	what := "not a regular file"
	switch {
	case fi.IsDir():
		what = "a folder"
	case fi.Mode()&fs.ModeSymlink != 0:
		what = "a symbolic link"
	}
	return fmt.Errorf("%s is %s: %s; %s", termsafe.Text(path), what, refused, instead)
}

// changedWhileChecked is the error of a target that was replaced between
// its os.Lstat and its opening (compared with os.SameFile): what was
// checked is not what would be read.
func changedWhileChecked(path string) error {
	return fmt.Errorf("%s changed while it was checked", termsafe.Text(path))
}
