package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"sort"
	"strings"

	"github.com/peermatch/peermatch/internal/termsafe"
)

// roundRecord is what a round records of its options (Round.Options, as
// JSON): its kind and the flags that set its rules, each with the values
// given (a repeatable flag once a value), so that repair can apply the
// same rules again.
type roundRecord struct {
	Kind  string      `json:"kind"`
	Flags [][2]string `json:"flags"`
}

// notRecorded names the flags that say where or when a command works, not
// how it pairs.
var notRecorded = map[string]bool{"db": true, "date": true, "wait": true, "dry-run": true, "json": true, "groups": true, "help": true, "h": true}

// recordFlags returns the record of the flags of fs given on the command
// line or by the programme file, sorted by name.
func recordFlags(e *env, fs *flag.FlagSet, kind string) roundRecord {
	rec := roundRecord{Kind: kind, Flags: [][2]string{}}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for name := range e.sources {
		given[name] = true
	}
	fs.VisitAll(func(f *flag.Flag) {
		if !given[f.Name] || notRecorded[f.Name] {
			return
		}
		for _, v := range flagValues(f.Value) {
			rec.Flags = append(rec.Flags, [2]string{f.Name, v})
		}
	})
	sort.SliceStable(rec.Flags, func(i, j int) bool { return rec.Flags[i][0] < rec.Flags[j][0] })
	return rec
}

// flagValues returns the values that, given to v.Set one by one, give v
// its value again.
func flagValues(v flag.Value) []string {
	switch x := v.(type) {
	case *idSetsFlag:
		out := make([]string, len(x.sets))
		for i, s := range x.sets {
			out[i] = strings.Join(s.ids, ",")
		}
		return out
	case *repeated:
		return append([]string(nil), *x...)
	}
	return []string{v.String()}
}

// String returns the record as JSON, for Round.Options.
func (r roundRecord) String() string {
	b, _ := json.Marshal(r)
	return string(b)
}

// parseRoundRecord reads a Round.Options written by recordFlags; ok is
// false for options recorded otherwise (free text).
func parseRoundRecord(s string) (roundRecord, bool) {
	var r roundRecord
	if !strings.HasPrefix(s, "{") || json.Unmarshal([]byte(s), &r) != nil || r.Kind == "" {
		return roundRecord{}, false
	}
	return r, true
}

// describe is the record for people: the flags as typed, never-pair lists
// kept confidential, or "the defaults".
func (r roundRecord) describe() string {
	var parts []string
	nevers := 0
	for _, f := range r.Flags {
		if f[0] == "never" {
			nevers++
			continue
		}
		parts = append(parts, "--"+f[0]+"="+termsafe.Text(f[1]))
	}
	switch {
	case nevers == 1:
		parts = append(parts, "--never (a never-pair list, confidential)")
	case nevers > 1:
		parts = append(parts, fmt.Sprintf("--never (%d never-pair lists, confidential)", nevers))
	}
	if len(parts) == 0 {
		return "the defaults"
	}
	return strings.Join(parts, " ")
}

// describeOptions is a round's Options for people: the record described,
// or the text as stored.
func describeOptions(s string) string {
	if r, ok := parseRoundRecord(s); ok {
		return r.Kind + ": " + r.describe()
	}
	return termsafe.Text(s)
}

// applyRecord gives the flags of fs that were not given (on the command
// line or by the programme file) the values of rec, and returns the names
// of the flags rec sets that fs does not have (the round's own: strategy,
// repeats).
func applyRecord(e *env, fs *flag.FlagSet, rec roundRecord) (skipped []string, err error) {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for name := range e.sources {
		given[name] = true
	}
	seen := map[string]bool{}
	for _, f := range rec.Flags {
		name := f[0]
		switch {
		case fs.Lookup(name) == nil:
			if !seen[name] {
				skipped = append(skipped, name)
			}
		case !given[name]:
			if err := fs.Set(name, f[1]); err != nil {
				return nil, fmt.Errorf("--%s %s: %w", name, f[1], err)
			}
		}
		seen[name] = true
	}
	return skipped, nil
}
