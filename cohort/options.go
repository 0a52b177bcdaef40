package cohort

import (
	"fmt"
	"math"
	"time"

	"github.com/peermatch/peermatch/skills"
)

// Default values used when the corresponding Options field is zero.
const (
	DefaultMinSize   = 6
	DefaultMaxSize   = 10
	DefaultThreshold = skills.TeachLevel
	DefaultSessions  = 10
	DefaultRestarts  = 2
	// DefaultIterationsPerPerson·n + DefaultIterationsBase·min(n, 100)/100
	// is the default number of search iterations of one restart for n
	// people grouped, divided by the step weight w = ⌊s/DefaultMaxSize⌋
	// (at least 1) for groups of s members on average: a step's time
	// grows with the size of the groups it changes.
	DefaultIterationsPerPerson = 200
	DefaultIterationsBase      = 200000
	// MaxRestarts bounds Restarts: every restart builds a new start,
	// which takes time that grows with the roster.
	MaxRestarts = 100
	// MaxSearchSteps bounds the work of one search: Restarts·Iterations·w,
	// for the step weight w of the groups' size (see
	// DefaultIterationsPerPerson) and counting the default Iterations for
	// the people grouped, is at most MaxSearchSteps, except that the
	// default Restarts with the default Iterations are always allowed (on
	// more than about 49,000 people they make more steps). The search
	// stops by its step count, not the clock, so that its result stays
	// deterministic; the bound keeps the largest search about 4.5 times
	// the default one on 10,000 people (4,400,000 steps), a weighted step
	// costing about the same whatever the roster and group sizes.
	MaxSearchSteps = 20_000_000
)

// Default weights used when the corresponding Weights field is zero.
const (
	DefaultTeachWeight      = 1.0
	DefaultRoleWeight       = 1.0
	DefaultBalanceWeight    = 0.5
	DefaultDepartmentWeight = 0.2
	DefaultIsolatedWeight   = 0.1
	DefaultRepeatWeight     = 0.1
)

// MaxWeight is the largest field of Weights. Larger finite weights let
// the objective overflow to −Inf (a group score minus 1e308 per member
// above MaxPerDepartment) or Teach + Role to +Inf (every quality then 0),
// and the search, comparing infinities, wanders at random.
const MaxWeight = 1e6

// Weights sets how much each part of the objective counts. A zero field means
// its documented default; a negative field switches the part off (weight 0);
// a field must be finite and at most MaxWeight.
//
// A group's quality is (Teach·teachability + Role·roles) / (Teach + Role), in
// [0, 1]. Its score is its quality minus Department per member above
// Options.MaxPerDepartment, minus Isolated per member who is alone with a
// value of a key of Options.NoIsolatedTags, minus Repeat·c² for every pair of
// members who were together c times before (Options.History). The objective
// is (1 − Balance)·mean + Balance·min over the groups' scores: Balance = 1 is
// pure max-min (CATME), Balance = 0 the plain mean.
type Weights struct {
	Teach      float64 // default 1
	Role       float64 // default 1
	Balance    float64 // default 0.5; must be at most 1
	Department float64 // default 0.2 per member above MaxPerDepartment
	Isolated   float64 // default 0.1 per isolated member
	Repeat     float64 // default 0.1 per pair and squared repeat count
}

// Options configures Form. The zero value means: groups of 6–10, have level 3
// counts as holding a skill, 10 sessions of one owner each, default Weights, no diversity or
// homogeneity rules, 2 restarts of 200·n + 2000·min(n, 100) iterations
// each for n people, seed 0.
type Options struct {
	// MinSize and MaxSize bound every group's size (defaults 6 and 10). Form
	// uses the fewest groups these sizes allow. Zero means the default (a
	// zero MaxSize becomes MinSize when MinSize is above 10); a negative
	// size, or MinSize above MaxSize, is an error wrapping
	// ErrInvalidOptions that names the value.
	MinSize, MaxSize int
	// Threshold is the have level (1..5) from which a person holds a skill
	// and can teach it (default 3).
	Threshold int
	// Weights weighs the parts of the objective.
	Weights Weights

	// MaxPerDepartment, when positive, asks for at most that many members of
	// one department in a group (soft: each member above it costs
	// Weights.Department). Empty departments are not counted.
	MaxPerDepartment int
	// NoIsolatedTags names tag keys (Person.Tags) for which no member should
	// be the only one of the group with their value (soft: each isolated
	// member costs Weights.Isolated). Empty values are not counted.
	NoIsolatedTags []string
	// GradeBand makes the grade gap inside every group at most MaxGradeGap
	// (hard). People who fit no band are put in Result.Unplaced.
	GradeBand bool
	// MaxGradeGap is the largest grade difference inside a group when
	// GradeBand is set: nil means 1, a negative value means no limit (as
	// pairing.Options.MaxGradeGap). Use GradeGap(n) to set it.
	MaxGradeGap *int
	// SharedFocus makes every group share one Person.Focus (hard). People
	// without a focus, or whose focus has too few takers, are put in
	// Result.Unplaced.
	SharedFocus bool

	// Together lists sets of ids that must be in the same group; Apart lists
	// sets of ids of which no two may share a group. A manager and a direct
	// report (Person.Manager) never share a group. An Apart list needs a
	// group for each of its people: in the formats that place everyone, a
	// list longer than the most groups the sizes allow is ErrInfeasible at
	// once, and a list longer than the fewest groups makes that many.
	// Lists cost memory linear in their length.
	Together, Apart [][]string
	// History lists earlier groups (ids); two people who were together c
	// times before cost Weights.Repeat·c² in a group. Unknown ids are
	// ignored (people leave).
	History [][]string

	// ManagersOnly places only managers: people someone in the roster
	// reports to (Person.Manager) or whose tag "role" is "manager" (key
	// and value compared case-insensitively). Everyone else is put in
	// Result.Unplaced.
	ManagersOnly bool
	// SameLocation makes every group meet at one Person.Location (hard),
	// when anyone to be grouped gives a location: "Remote" is a location
	// of its own. People without a location are then put in
	// Result.Unplaced.
	SameLocation bool

	// Sessions is the most topics (modules) of each group's learning plan:
	// a plan takes the skills its members want, most wanted first, up to
	// Sessions, and has fewer when they want fewer (topics they hold or
	// the catalog's categories then fill it up to one a member). Every
	// member owns at least one topic, a topic having
	// Facilitators owners, so Sessions·Facilitators must be at least
	// MaxSize: the default is the larger of 10 and
	// ⌈MaxSize/Facilitators⌉, and a smaller value is an error wrapping
	// ErrInvalidOptions.
	Sessions int
	// Facilitators is the number of members who lead each topic: 1 (the
	// default) for a topic of one session led by its owner, 2 for a module
	// of two sessions (Exploration, Reflection) with a different member
	// facilitating each (Topic.Reflection). Other values, and 2 with a
	// MinSize of 1, are errors wrapping ErrInvalidOptions.
	Facilitators int

	// Seed seeds the search; the same roster, options and seed give the
	// same result.
	Seed uint64
	// Iterations is the number of search steps of one restart (default
	// 200·n + 2000·min(n, 100) for n people grouped, divided by the step
	// weight of groups above 19 members, see DefaultIterationsPerPerson).
	// It is the primary budget: the result depends only on it, never on
	// the clock, unless TimeLimit cuts the search short.
	// Restarts·Iterations·weight must be at most MaxSearchSteps (see there
	// for the default): above it Form returns an error wrapping
	// ErrInvalidOptions that names the values and the limit.
	Iterations int
	// Restarts is the number of independent search runs (default 2); the
	// best result is kept. It is at most MaxRestarts, and bounded with
	// Iterations by MaxSearchSteps.
	Restarts int
	// TimeLimit, when positive, stops the search early once it has run that
	// long; the best result found so far is returned.
	TimeLimit time.Duration
}

// PeerMentoringTeam returns the options of the Peer Mentoring team format:
// 8–10 volunteers who meet monthly for a year, 10 sessions, each member
// owning at least one topic: one they chose to lead (Person.Lead), hold or
// want to become proficient in. The programme gives every member the
// session on the topic they own, so a team has at least as many sessions
// as members (a year of monthly meetings has room for up to 12).
func PeerMentoringTeam() Options {
	return Options{MinSize: 8, MaxSize: 10, Sessions: 10}
}

// PeerLearningGroup returns the options of the Peer Learning Group format:
// 3–6 managers (ManagersOnly) of the same level of responsibility (one
// grade: MaxGradeGap 0; set it to widen the band) who share a focus
// issue and, when the roster gives locations, one worksite
// (SameLocation), with 6 topic modules of two sessions, each facilitated
// by a different member (Facilitators 2), so that the members take turns.
// The minimum of 3 is this package's choice: a module needs two member
// facilitators and a third member to learn.
func PeerLearningGroup() Options {
	return Options{MinSize: 3, MaxSize: 6, GradeBand: true, MaxGradeGap: GradeGap(0), SharedFocus: true,
		ManagersOnly: true, SameLocation: true, Sessions: 6, Facilitators: 2}
}

// settings are Options with defaults applied and validated.
type settings struct {
	Options
	wTeach, wRole, beta, wDept, wIso, wRep float64
	gap                                    int
	facilitators                           int
	// extraGroups is how many groups beyond the fewest the sizes allow
	// each stratum gets (Form raises it when the hard rules fail).
	extraGroups int
}

func weight(w, def float64) float64 {
	switch {
	case w == 0:
		return def
	case w < 0:
		return 0
	}
	return w
}

// resolve applies the defaults and checks the options.
func (o Options) resolve() (settings, error) {
	s := settings{Options: o}
	if s.MinSize == 0 {
		s.MinSize = DefaultMinSize
	}
	if s.MaxSize == 0 {
		s.MaxSize = DefaultMaxSize
		if s.MinSize > s.MaxSize {
			s.MaxSize = s.MinSize
		}
	}
	if s.Threshold == 0 {
		s.Threshold = DefaultThreshold
	}
	s.facilitators = s.Facilitators
	if s.facilitators == 0 {
		s.facilitators = 1
	}
	if s.Sessions == 0 && s.facilitators > 0 && s.MaxSize > 0 {
		s.Sessions = max(DefaultSessions, (s.MaxSize-1)/s.facilitators+1)
	}
	if s.Restarts == 0 {
		s.Restarts = DefaultRestarts
	}
	switch {
	case s.MinSize < 1:
		return s, fmt.Errorf("%w: minimum group size %d is below 1", ErrInvalidOptions, s.MinSize)
	case s.MaxSize < 1:
		return s, fmt.Errorf("%w: maximum group size %d is below 1", ErrInvalidOptions, s.MaxSize)
	case s.MaxSize < s.MinSize:
		return s, fmt.Errorf("%w: minimum group size %d is above the maximum %d", ErrInvalidOptions, s.MinSize, s.MaxSize)
	case s.Threshold < 1 || s.Threshold > 5:
		return s, fmt.Errorf("%w: threshold %d is outside 1..5", ErrInvalidOptions, s.Threshold)
	case s.Sessions < 0:
		return s, fmt.Errorf("%w: sessions %d is negative", ErrInvalidOptions, s.Sessions)
	case s.Facilitators < 0 || s.Facilitators > 2:
		return s, fmt.Errorf("%w: facilitators %d is not 1 or 2", ErrInvalidOptions, s.Facilitators)
	case s.facilitators == 2 && s.MinSize < 2:
		return s, fmt.Errorf("%w: two facilitators a module need groups of at least 2, not a minimum size of %d", ErrInvalidOptions, s.MinSize)
	case s.Sessions < (s.MaxSize-1)/s.facilitators+1:
		return s, fmt.Errorf("%w: %d sessions with %d facilitator(s) each cannot give each of up to %d members a topic to lead; allow at least %d sessions or a maximum size of %d",
			ErrInvalidOptions, s.Sessions, s.facilitators, s.MaxSize, (s.MaxSize-1)/s.facilitators+1, min(s.Sessions, math.MaxInt/2)*s.facilitators)
	case s.Restarts < 0:
		return s, fmt.Errorf("%w: restarts %d is negative", ErrInvalidOptions, s.Restarts)
	case s.Iterations < 0:
		return s, fmt.Errorf("%w: iterations %d is negative", ErrInvalidOptions, s.Iterations)
	case s.Restarts > MaxRestarts:
		return s, fmt.Errorf("%w: restarts %d is above MaxRestarts (%d)", ErrInvalidOptions, s.Restarts, MaxRestarts)
	case s.Iterations > MaxSearchSteps:
		return s, fmt.Errorf("%w: iterations %d is above MaxSearchSteps (%d)", ErrInvalidOptions, s.Iterations, MaxSearchSteps)
	case s.Iterations > 0 && s.Restarts*s.Iterations > MaxSearchSteps:
		// Both are at most MaxSearchSteps, so the product fits an int.
		return s, fmt.Errorf("%w: restarts %d × iterations %d = %d search steps, above MaxSearchSteps (%d): lower one of them",
			ErrInvalidOptions, s.Restarts, s.Iterations, s.Restarts*s.Iterations, MaxSearchSteps)
	case s.MaxPerDepartment < 0:
		return s, fmt.Errorf("%w: max per department %d is negative", ErrInvalidOptions, s.MaxPerDepartment)
	}
	w := o.Weights
	for _, x := range []struct {
		name string
		v    float64
	}{{"teach", w.Teach}, {"role", w.Role}, {"balance", w.Balance}, {"department", w.Department}, {"isolated", w.Isolated}, {"repeat", w.Repeat}} {
		if math.IsNaN(x.v) || math.IsInf(x.v, 0) {
			return s, fmt.Errorf("%w: %s weight %v is not finite", ErrInvalidOptions, x.name, x.v)
		}
		if x.v > MaxWeight {
			return s, fmt.Errorf("%w: %s weight %v is above MaxWeight (%g)", ErrInvalidOptions, x.name, x.v, float64(MaxWeight))
		}
	}
	s.wTeach = weight(w.Teach, DefaultTeachWeight)
	s.wRole = weight(w.Role, DefaultRoleWeight)
	s.beta = weight(w.Balance, DefaultBalanceWeight)
	s.wDept = weight(w.Department, DefaultDepartmentWeight)
	s.wIso = weight(w.Isolated, DefaultIsolatedWeight)
	s.wRep = weight(w.Repeat, DefaultRepeatWeight)
	if s.beta > 1 {
		return s, fmt.Errorf("%w: balance weight %v is above 1", ErrInvalidOptions, s.beta)
	}
	if s.wTeach+s.wRole == 0 {
		return s, fmt.Errorf("%w: teach and role weights are both switched off", ErrInvalidOptions)
	}
	s.gap = 1
	if s.MaxGradeGap != nil {
		s.gap = *s.MaxGradeGap
	}
	if s.gap < 0 { // no limit: no band
		s.GradeBand = false
	}
	return s, nil
}

// GradeGap returns a pointer to n, for Options.MaxGradeGap.
func GradeGap(n int) *int { return &n }
