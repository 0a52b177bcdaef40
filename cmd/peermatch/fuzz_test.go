package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fuzzCommands are the commands FuzzArgs runs on the demo roster.
var fuzzCommands = []string{"validate", "pairs", "groups", "schedule", "report", "mentor", "evaluate", "config"}

// FuzzArgs runs the commands with fuzzer-made flags and values (NUL
// separates arguments) on the demo roster: every run ends with exit 0, 1
// or 2 and no panic, within the time limit; files are written only into a
// temporary folder (the values of --ics, --html and --history, and any
// path-like argument, are replaced): go test -fuzz FuzzArgs ./cmd/peermatch
func FuzzArgs(f *testing.F) {
	for _, s := range []struct {
		cmd  uint8
		args string
	}{
		{0, ""}, {1, "--strategy\x00maxmin"}, {1, "--max-grade-gap\x00-1\x00--min-teach-level\x005"},
		{1, "--similar-years\x000"}, {1, "--trio\x00--ignore-capacity\x00--json"}, {2, "--min\x000"},
		{2, "--max\x009223372036854775807"}, {2, "--format\x00peer-learning\x00--csv"},
		{3, "--start\x009999-12-01"}, {3, "--start\x000001-01-01\x00--weekday\x00tue"},
		{3, "--blackout\x002027-07-01..2027-08-31\x00--tz\x00Europe/Paris"}, {4, "--date\x002027-01-04"},
		{1, "--seed\x00-1"}, {2, "--min\x0010\x00--max\x003"}, {3, "--ics\x00x"},
		{1, "--never\x00e01,c02\x00--pin\x00c03,o01\x00--weight-tag\x00language=2"},
		{2, "--together\x00e01,c01\x00--apart\x00e01,e02\x00--weight-balance\x001.5"},
		{3, "--check-ins\x00--end\x002027-03-01\x00--start\x002027-01-04\x00--trial-months\x0013"},
		{5, "--mentors\x00e01,s01\x00--json"}, {6, "--pairs\x00missing.json"}, {7, "--print\x00pairs\x00--max-grade-gap\x003"},
	} {
		f.Add(s.cmd, s.args)
	}
	f.Fuzz(func(t *testing.T, cmd uint8, raw string) {
		if len(raw) > 256 {
			return // long flags add nothing the readers' fuzz targets miss
		}
		roster := demoFile(t)
		dir := filepath.Dir(roster)
		args := []string{fuzzCommands[int(cmd)%len(fuzzCommands)], roster}
		if args[0] == "config" {
			args = args[:1] // config takes flags and a command, not a roster
		}
		for _, a := range strings.Split(raw, "\x00") {
			if a != "" {
				args = append(args, a)
			}
		}
		for i := 2; i < len(args); i++ {
			a := args[i]
			switch {
			case strings.HasPrefix(a, "--ics") || strings.HasPrefix(a, "--html") || strings.HasPrefix(a, "--history") || strings.HasPrefix(a, "--db") ||
				strings.HasPrefix(a, "-ics") || strings.HasPrefix(a, "-html") || strings.HasPrefix(a, "-history") || strings.HasPrefix(a, "-db"):
				name := strings.TrimLeft(strings.SplitN(a, "=", 2)[0], "-")
				args[i] = "--" + name + "=" + filepath.Join(dir, "out-"+name)
			case strings.ContainsAny(a, `/\`) || a == "." || a == "..":
				args[i] = filepath.Join(dir, "arg")
			}
		}
		if args[0] == "report" && !strings.Contains(strings.Join(args, " "), "html") {
			args = append(args, "--html", filepath.Join(dir, "r.html"))
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		var out, errOut bytes.Buffer
		code := run(ctx, args, &out, &errOut, false)
		if code != exitOK && code != exitInvalid && code != exitUsage {
			t.Fatalf("%q: exit %d\n%s", args, code, errOut.String())
		}
	})
}

// FuzzProgramme reads fuzzer-made programme files: each is accepted or
// refused with an error that names a position or the file, never a panic;
// an accepted file's settings apply to a command's flags without error,
// since loading checked them: go test -fuzz FuzzProgramme ./cmd/peermatch
func FuzzProgramme(f *testing.F) {
	for _, s := range []string{
		"", "pairs:\n  max-grade-gap: 2\n  never: [[a, b], [c, d, e]]\n",
		"survey:\n  rename: {Email Address: email}\n  ignore: [Timestamp, \"*x*\"]\n  skills: {\"{skill} [teach]\": have}\n  answers: {Yes: 5}\n",
		"groups:\n  together: [[a, b]]\n  weight-balance: 0.3\nschedule:\n  blackout: [2027-07-01..2027-08-31]\n",
		`{"pairs": {"pin": [["a", "b"]], "weight-tag": {"language": 2}}}`,
		"pairs: &a\n  seed: *a\n", "- 1\n- 2\n", "pairs:\n  seed: 1\n  seed: 2\n", "mentor:\n  mentors: a,b\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return
		}
		path := writeFile(t, "programme.yaml", string(data))
		p, err := loadProgramme(path)
		if err != nil {
			if !strings.Contains(err.Error(), "programme.yaml") {
				t.Fatalf("error without the file's name: %v", err)
			}
			return
		}
		for _, name := range []string{"pairs", "groups", "mentor", "schedule", "report", "evaluate"} {
			if _, _, err := probeCommand(context.Background(), &env{programme: p}, name); err != nil {
				t.Fatalf("%s: an accepted programme file fails to apply: %v", name, err)
			}
		}
	})
}

// FuzzDocuments gives fuzzer-made documents to every command that reads
// an earlier output: evaluate --pairs and --groups (JSON or CSV), schedule
// on a groups or pairs document and with --pairs and --roster, report
// --pairs, and pairs --history. Every run ends with exit 0, 1 or 2 and no
// panic: go test -fuzz FuzzDocuments ./cmd/peermatch
func FuzzDocuments(f *testing.F) {
	for _, s := range []string{
		"", "{}", "[]", "a,b\ne01,c01\n", "a,b,c\ne01,c01,c02\n", "group,id\n1,e01\n1,c01\n",
		`{"strategy":"optimal","pairs":[{"a":"e01","b":"c01","score":50}],"unmatched":[],"metrics":{}}`,
		`{"groups":[{"members":["e01","c01","c02"],"people":[{"id":"e01","name":"\u001b[2J"}]}],"remainder":[{"id":"x"}]}`,
		`{"pairs":[{"a":"e01","b":"e01"}]}`, "round,a,b\n1,e01,c01\n", "\xef\xbb\xbfa,b\n\"e01\",c01\n",
	} {
		f.Add(uint8(0), s)
	}
	f.Fuzz(func(t *testing.T, which uint8, doc string) {
		if len(doc) > 4096 {
			return
		}
		roster := demoFile(t)
		path := writeFile(t, "doc.json", doc)
		runs := [][]string{
			{"evaluate", roster, "--pairs", path},
			{"evaluate", roster, "--groups", path},
			{"schedule", path, "--roster", roster, "--start", "2027-01-04"},
			{"schedule", roster, "--pairs", path, "--start", "2027-01-04"},
			{"report", roster, "--pairs", path, "--date", "2027-01-04"},
			{"pairs", roster, "--history", path},
		}
		args := runs[int(which)%len(runs)]
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		var out, errOut bytes.Buffer
		code := run(ctx, args, &out, &errOut, false)
		if code != exitOK && code != exitInvalid && code != exitUsage {
			t.Fatalf("%v: exit %d\n%s", args, code, errOut.String())
		}
	})
}
