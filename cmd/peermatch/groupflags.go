package main

import (
	"flag"
	"fmt"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/schedule"
)

// groupFlags are the options of forming groups, registered once here so
// that groups, schedule and report accept the same flags with the same
// defaults and, given the same roster, form the same groups.
type groupFlags struct {
	fs       *flag.FlagSet
	minSize  *int
	maxSize  *int
	format   *string
	sessions *int
	maxDept  *int
	seed     *uint64
	history  *string
}

// groupFlagsHelp documents the flags addGroupFlags registers, for the help
// text of every command that uses them.
const groupFlagsHelp = `  --min N, --max N   group sizes, at least 1 (default 6–10; they
                     override --format; leave one out for its default)
  --format NAME      peer-mentoring: teams of 8–10 with 10 topics, one
                     session a month; peer-learning: small groups of
                     managers who share a focus, an Exploration and a
                     Reflection per topic; people who fit no group are
                     listed with the reason. Without --format the groups
                     have the default sizes and meet as peer-mentoring
                     groups (one session a month led by the topic's owner)
  --sessions N       topics per group (default 10, or the format's)
  --max-per-department N   ask for at most N members of one department
  --seed N           seed of the group search (default 1; groups, schedule
                     and report use the same; same seed, same groups)
  --history FILE     groups JSON of earlier rounds: people who were together
                     before are kept apart where possible`

// addGroupFlags registers the group-forming flags on fs.
func addGroupFlags(fs *flag.FlagSet) *groupFlags {
	return &groupFlags{
		fs:       fs,
		minSize:  fs.Int("min", 0, "smallest group"),
		maxSize:  fs.Int("max", 0, "largest group"),
		format:   fs.String("format", "", "peer-mentoring or peer-learning"),
		sessions: fs.Int("sessions", 0, "topics per group"),
		maxDept:  fs.Int("max-per-department", 0, "members of one department per group"),
		seed:     fs.Uint64("seed", 1, "seed of the search"),
		history:  fs.String("history", "", "groups JSON of earlier rounds"),
	}
}

// planFormat is the schedule format of the groups: PeerLearning for
// --format peer-learning, PeerMentoring otherwise. Call it after options.
func (g *groupFlags) planFormat() schedule.Format {
	if *g.format == "peer-learning" {
		return schedule.PeerLearning
	}
	return schedule.PeerMentoring
}

// options validates the flags (after parsing) and returns the cohort
// options they describe, with the history file read. Errors are usage
// errors of c, or name the history file.
func (g *groupFlags) options(c *command) (cohort.Options, error) {
	var opt cohort.Options
	switch *g.format {
	case "":
	case "peer-mentoring":
		opt = cohort.PeerMentoringTeam()
	case "peer-learning":
		opt = cohort.PeerLearningGroup()
	default:
		return opt, usagef(c, "unknown --format %q: use peer-mentoring or peer-learning", *g.format)
	}
	set := map[string]bool{}
	g.fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["min"] {
		opt.MinSize = *g.minSize
	}
	if set["max"] {
		opt.MaxSize = *g.maxSize
	}
	if set["sessions"] {
		opt.Sessions = *g.sessions
	}
	if *g.minSize < 0 || *g.maxSize < 0 || *g.sessions < 0 || *g.maxDept < 0 {
		return opt, usagef(c, "--min, --max, --sessions and --max-per-department must not be negative")
	}
	if set["min"] && set["max"] && *g.minSize > *g.maxSize {
		return opt, usagef(c, "--min %d is above --max %d", *g.minSize, *g.maxSize)
	}
	// 0 is the library's "default"; given on the command line it is a
	// mistake for both sizes.
	if set["min"] && *g.minSize == 0 {
		return opt, usagef(c, "--min 0: the smallest group must be at least 1 (leave --min out for the default, %d)", cohort.DefaultMinSize)
	}
	if set["max"] && *g.maxSize == 0 {
		return opt, usagef(c, "--max 0: the largest group must be at least 1 (leave --max out for the default, %d)", cohort.DefaultMaxSize)
	}
	opt.MaxPerDepartment = *g.maxDept
	opt.Seed = *g.seed
	if *g.history != "" {
		f, err := openInput(*g.history, "a groups JSON file from an earlier run")
		if err != nil {
			return opt, err
		}
		prev, err := cohort.ReadJSON(f)
		f.Close()
		if err != nil {
			return opt, fmt.Errorf("%s: %w", *g.history, err)
		}
		for _, grp := range prev.Groups {
			opt.History = append(opt.History, grp.Members)
		}
	}
	return opt, nil
}
