// Package schemas holds the JSON Schemas (draft 2020-12) of the documents
// peermatch reads and writes, so that platforms in any language can check
// what they send and receive:
//
//   - roster.schema.json: a roster (skills.WriteJSON, skills.ReadJSON);
//   - pairs.schema.json: a pairing (pairing.WriteJSON, peermatch pairs --json);
//   - groups.schema.json: learning groups (cohort.WriteJSON, peermatch groups --json);
//   - schedule.schema.json: a plan (schedule.WriteJSON, peermatch schedule --json);
//   - mentor.schema.json: one-way mentoring (peermatch mentor --json);
//   - programme.schema.json: the programme file of --config (generated
//     from the commands' flags by the command line's tests);
//   - evaluate.schema.json: an evaluated pairing or grouping (peermatch
//     evaluate --json).
//
// Each schema's $id is https://peermatch.dev/schemas/<file name>. The
// schemas are embedded: Get returns one by file name and Names lists them.
// The package's tests validate the writers' output against them (the
// command line's tests, for mentor and evaluate).
package schemas

import (
	"embed"
	"io/fs"
)

//go:embed *.schema.json
var files embed.FS

// BaseURI is the prefix of every schema's $id.
const BaseURI = "https://peermatch.dev/schemas/"

// Names returns the schemas' file names in lexical order, such as
// "pairs.schema.json".
func Names() []string {
	names, _ := fs.Glob(files, "*.schema.json")
	return names
}

// Get returns the schema of the given file name, such as
// "roster.schema.json", and whether there is one.
func Get(name string) ([]byte, bool) {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, false
	}
	return b, true
}
