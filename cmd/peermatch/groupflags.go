package main

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/peermatch/peermatch/skills"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/schedule"
)

// groupFlags are the options of forming groups, registered once here so
// that groups, schedule and report accept the same flags with the same
// defaults and, given the same roster, form the same groups.
type groupFlags struct {
	groupShapeFlags
	sessions    *int
	maxDept     *int
	seed        *uint64
	history     repeated // groups documents, one an earlier round
	gap         gradeGapFlag
	sharedFocus *bool
	threshold   *int
	together    idSetsFlag
	apart       idSetsFlag
	noIsolated  repeated
	weights     [6]*float64 // teach, role, balance, department, isolated, repeat
	iterations  *int
	restarts    *int
	timeLimit   *time.Duration
}

// groupWeightNames are the names of the --weight-* flags of groups, in the
// order of groupFlags.weights, with their defaults.
var groupWeightNames = [6]struct {
	name string
	def  float64
}{{"teach", cohort.DefaultTeachWeight}, {"role", cohort.DefaultRoleWeight}, {"balance", cohort.DefaultBalanceWeight},
	{"department", cohort.DefaultDepartmentWeight}, {"isolated", cohort.DefaultIsolatedWeight}, {"repeat", cohort.DefaultRepeatWeight}}

// groupFlagsHelp documents the flags addGroupFlags registers, for the help
// text of every command that uses them.
const groupFlagsHelp = `  --min N, --max N   group sizes, 1 to 1,000,000 (default 6–10; they
                     override --format; leave one out for its default)
  --format NAME      peer-mentoring: teams of 8–10 with 10 topics, each
                     member owning at least one;
                     peer-learning: 3–6 managers (someone in the roster
                     reports to them, or tag:role is manager) of one grade
                     who share a focus and, when the roster gives
                     locations, one location (Remote is one), with 6
                     modules of two sessions, each facilitated by a
                     different member; people who fit no group are listed
                     with the reason. Without --format the groups have
                     the default sizes and meet as peer-mentoring groups
  --max-grade-gap N  largest grade difference inside a group (peer-learning
                     default 0; with another format it turns on a grade
                     band and lists who fits none; negative: no limit)
  --shared-focus     every group shares one focus issue (people without
                     one, or whose focus has too few takers, are listed)
  --together A,B[,C...]  these people are in one group (repeatable)
  --apart A,B[,C...]     no two of these people share a group (repeatable)
  --no-isolated KEY  nobody should be the only one of their group with
                     their value of tag:KEY, e.g. language (repeatable)
  --max-per-department N   ask for at most N members of one department
  --sessions N       the most topics per group (default 10, or the
                     format's): a group's plan has fewer when its members
                     want fewer skills; at least the largest group size,
                     so that every member can own one
  --threshold N      the have level (1-5) from which a member holds a skill
                     and can teach it (default 3)
  --weight-teach W, --weight-role W, --weight-balance B,
  --weight-department W, --weight-isolated W, --weight-repeat W
                     the parts of the search's objective (defaults 1, 1,
                     0.5, 0.2, 0.1, 0.1; 0 switches a part off; balance is
                     the share of the worst group against the mean, ≤ 1)
  --seed N           seed of the group search (default 1; groups, schedule
                     and report use the same; same seed, same groups)
  --iterations N     search steps a restart (default 200·n + 2000·min(n, 100)
                     for n people)
  --restarts N       independent searches, the best kept (default 2, at
                     most 100); restarts × iterations (the default
                     counted) is at most 20,000,000 steps, about 4.5
                     times the default search on 10,000 people, except
                     that the defaults are always allowed
  --time-limit D     stop the search after D (e.g. 30s) with the best found
                     so far; the result then depends on the machine
  --history FILE     groups JSON of an earlier round: people who were
                     together before are kept apart where possible
                     (repeatable, each file one earlier round: c rounds
                     together cost c² times as much as one; the same
                     file, or two files of the same content, is refused)`

// maxGroupSize bounds --min and --max: no roster holds more people (the
// survey's row limit), and sizes near the int range overflow the
// arithmetic of size advice.
const maxGroupSize = skills.DefaultMaxPeople

// groupShapeFlags are --format, --min and --max: the kind and sizes of the
// groups, shared by the commands that form groups and by evaluate
// --groups, which checks groups against them.
type groupShapeFlags struct {
	fs      *flag.FlagSet
	minSize *int
	maxSize *int
	format  *string
}

// addGroupShapeFlags registers --min, --max and --format on fs; note ends
// their one-line usage (such as " (with --groups)").
func addGroupShapeFlags(fs *flag.FlagSet, note string) groupShapeFlags {
	return groupShapeFlags{
		fs:      fs,
		minSize: fs.Int("min", 0, "smallest group"+note),
		maxSize: fs.Int("max", 0, "largest group"+note),
		format:  fs.String("format", "", "peer-mentoring or peer-learning"+note),
	}
}

// options returns the cohort options of --format with the sizes of --min
// and --max: the format's sizes unless a size is given, which must be at
// least 1 (0 is the library's "default", a mistake on the command line)
// and in order. Errors are usage errors of c.
func (s groupShapeFlags) options(c *command) (cohort.Options, error) {
	var opt cohort.Options
	switch *s.format {
	case "":
	case "peer-mentoring":
		opt = cohort.PeerMentoringTeam()
	case "peer-learning":
		opt = cohort.PeerLearningGroup()
	default:
		return opt, usagef(c, "unknown --format %q: use peer-mentoring or peer-learning", *s.format)
	}
	setMin, setMax := flagSet(s.fs, "min"), flagSet(s.fs, "max")
	if setMin {
		opt.MinSize = *s.minSize
	}
	if setMax {
		opt.MaxSize = *s.maxSize
	}
	if *s.minSize < 0 || *s.maxSize < 0 {
		return opt, usagef(c, "--min and --max must not be negative")
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"min", *s.minSize}, {"max", *s.maxSize}} {
		if f.v > maxGroupSize {
			return opt, usagef(c, "--%s %d: a group has at most %d members (the most people a survey holds)", f.name, f.v, maxGroupSize)
		}
	}
	if setMin && setMax && *s.minSize > *s.maxSize {
		return opt, usagef(c, "--min %d is above --max %d", *s.minSize, *s.maxSize)
	}
	if setMin && *s.minSize == 0 {
		return opt, usagef(c, "--min 0: the smallest group must be at least 1 (leave --min out for the default, %d)", cohort.DefaultMinSize)
	}
	if setMax && *s.maxSize == 0 {
		return opt, usagef(c, "--max 0: the largest group must be at least 1 (leave --max out for the default, %d)", cohort.DefaultMaxSize)
	}
	return opt, nil
}

// addGroupFlags registers the group-forming flags on fs.
func addGroupFlags(fs *flag.FlagSet) *groupFlags {
	g := &groupFlags{
		groupShapeFlags: addGroupShapeFlags(fs, ""),
		sessions:        fs.Int("sessions", 0, "the most topics per group"),
		maxDept:         fs.Int("max-per-department", 0, "members of one department per group"),
		seed:            fs.Uint64("seed", 1, "seed of the search"),
	}
	fs.Var(&g.gap, "max-grade-gap", "largest grade difference inside a group")
	g.sharedFocus = fs.Bool("shared-focus", false, "every group shares one focus issue")
	g.threshold = fs.Int("threshold", cohort.DefaultThreshold, "the have level from which a member can teach a skill (1-5)")
	g.together.flag, g.apart.flag = "together", "apart"
	fs.Var(&g.together, "together", "A,B[,C...]: these people are in one group (repeatable)")
	fs.Var(&g.apart, "apart", "A,B[,C...]: no two of these share a group (repeatable)")
	fs.Var(&g.history, "history", "groups JSON of an earlier round (repeatable)")
	fs.Var(&g.noIsolated, "no-isolated", "tag key: nobody alone with their value in a group (repeatable)")
	for i, w := range groupWeightNames {
		g.weights[i] = fs.Float64("weight-"+w.name, w.def, "the objective's "+w.name+" part (0: off)")
	}
	g.iterations = fs.Int("iterations", 0, "search steps a restart (0: the default for the roster size)")
	g.restarts = fs.Int("restarts", cohort.DefaultRestarts, "independent searches")
	g.timeLimit = fs.Duration("time-limit", 0, "stop the search after this long (0: no limit)")
	return g
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
	if *g.sessions < 0 || *g.maxDept < 0 {
		return cohort.Options{}, usagef(c, "--sessions and --max-per-department must not be negative")
	}
	// 0 is the library's "default" or "off": given, it is a mistake, not
	// a request for the default (as for --min 0).
	for _, z := range []struct {
		name, want, without string
		zero                bool
	}{
		{"sessions", "at least the largest group size", "the default", *g.sessions == 0},
		{"max-per-department", "at least 1", "no such limit", *g.maxDept == 0},
		{"iterations", "at least 1", "the default for the roster size", *g.iterations == 0},
		{"time-limit", "a length above 0 such as 30s", "no time limit", *g.timeLimit == 0},
	} {
		if z.zero && flagSet(g.fs, z.name) {
			return cohort.Options{}, usagef(c, "--%s 0: want %s (leave --%s out for %s)", z.name, z.want, z.name, z.without)
		}
	}
	opt, err := g.groupShapeFlags.options(c)
	if err != nil {
		return opt, err
	}
	if flagSet(g.fs, "sessions") {
		opt.Sessions = *g.sessions
	}
	if g.gap.v != nil {
		opt.MaxGradeGap = g.gap.v
		if *g.gap.v >= 0 {
			opt.GradeBand = true
		}
	}
	if *g.threshold < 1 || *g.threshold > skills.MaxLevel {
		return opt, usagef(c, "--threshold: want a level 1-5, got %d", *g.threshold)
	}
	opt.Threshold = *g.threshold
	if *g.sharedFocus {
		opt.SharedFocus = true
	}
	for i, w := range groupWeightNames {
		v := *g.weights[i]
		if math.IsNaN(v) || v < 0 || v > maxSoftWeight || (w.name == "balance" && v > 1) {
			return opt, usagef(c, "--weight-%s: want a number from 0 to %v, got %v", w.name, map[bool]float64{true: 1, false: maxSoftWeight}[w.name == "balance"], v)
		}
		if v == 0 {
			v = -1 // off (the library reads 0 as its default)
		}
		*[]*float64{&opt.Weights.Teach, &opt.Weights.Role, &opt.Weights.Balance, &opt.Weights.Department, &opt.Weights.Isolated, &opt.Weights.Repeat}[i] = v
	}
	if *g.iterations < 0 || *g.restarts < 1 || *g.timeLimit < 0 {
		return opt, usagef(c, "--iterations must not be negative, --restarts must be at least 1 and --time-limit must not be negative")
	}
	switch {
	case *g.restarts > cohort.MaxRestarts:
		return opt, usagef(c, "--restarts %d: at most %d", *g.restarts, cohort.MaxRestarts)
	case *g.iterations > cohort.MaxSearchSteps:
		return opt, usagef(c, "--iterations %d: at most %d search steps (--restarts × --iterations)", *g.iterations, cohort.MaxSearchSteps)
	case *g.iterations > 0 && *g.restarts**g.iterations > cohort.MaxSearchSteps:
		return opt, usagef(c, "--restarts %d × --iterations %d = %d search steps: at most %d; lower one of them",
			*g.restarts, *g.iterations, *g.restarts**g.iterations, cohort.MaxSearchSteps)
	}
	opt.Iterations, opt.Restarts, opt.TimeLimit = *g.iterations, *g.restarts, *g.timeLimit
	opt.Together, opt.Apart = g.together.lists(), g.apart.lists()
	opt.NoIsolatedTags = append([]string(nil), g.noIsolated...)
	opt.MaxPerDepartment = *g.maxDept
	opt.Seed = *g.seed
	// Each file is one earlier round: the same round given twice (the same
	// path, or a copy) would silently count its repeats twice.
	seen := map[[sha256.Size]byte]string{}
	for _, path := range g.history {
		f, err := openInput(path, "a groups JSON file from an earlier run")
		if err != nil {
			return opt, err
		}
		h := sha256.New()
		tee := io.TeeReader(f, h)
		prev, err := cohort.ReadJSON(tee)
		if err == nil {
			// The hash covers the whole file, not only what the decoder read.
			_, err = io.Copy(io.Discard, tee)
		}
		f.Close()
		if err != nil {
			return opt, fmt.Errorf("%s: %w", path, err)
		}
		sum := [sha256.Size]byte(h.Sum(nil))
		if first, dup := seen[sum]; dup {
			if first == path {
				return opt, usagef(c, "--history %s is given twice: each file is one earlier round, so its repeats would count twice; give it once", path)
			}
			return opt, usagef(c, "--history %s has the same content as --history %s: each file is one earlier round, so that round's repeats would count twice; give it once", path, first)
		}
		seen[sum] = path
		for _, grp := range prev.Groups {
			opt.History = append(opt.History, grp.Members)
		}
	}
	return opt, nil
}

// checkPeople checks the ids of the together and apart lists against r.
func (g *groupFlags) checkPeople(r *skills.Roster) error {
	return checkIDs(r, &g.together, &g.apart)
}
