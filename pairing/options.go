package pairing

import (
	"fmt"
	"math"

	"github.com/peermatch/peermatch/skills"
)

// Mutual says how the two directions of a pair, a = how much A can teach B
// and b = how much B can teach A, combine into one mutual score.
type Mutual int

const (
	// Harmonic scores 2ab/(a+b), 0 when either is 0: it rewards pairs where
	// both partners learn and the exchange is equitable. It is the default.
	Harmonic Mutual = iota
	// OneWay scores max(a, b): a pair is as good as its stronger direction
	// (one-way mentoring).
	OneWay
	// Sum scores a+b.
	Sum
	// Min scores min(a, b).
	Min
)

// String returns the name of the rule: "harmonic", "oneway", "sum" or "min".
func (m Mutual) String() string {
	switch m {
	case Harmonic:
		return "harmonic"
	case OneWay:
		return "oneway"
	case Sum:
		return "sum"
	case Min:
		return "min"
	}
	return fmt.Sprintf("Mutual(%d)", int(m))
}

// combine returns the mutual score of the directions a and b. It is
// non-decreasing in both arguments.
func (m Mutual) combine(a, b float64) float64 {
	switch m {
	case OneWay:
		return math.Max(a, b)
	case Sum:
		return a + b
	case Min:
		return math.Min(a, b)
	default:
		if a <= 0 || b <= 0 {
			return 0
		}
		return 2 * a * b / (a + b)
	}
}

// RepeatPolicy says what happens to a pair that was already formed in an
// earlier round of the History.
type RepeatPolicy int

const (
	// ExcludeRepeats forbids pairs formed in an earlier round (a hard rule,
	// RuleRepeat). It is the default.
	ExcludeRepeats RepeatPolicy = iota
	// PenaliseRepeats allows them with a score lowered by
	// RepeatPenalty·RepeatDecay^(age−1), age being 1 for the last round.
	PenaliseRepeats
	// AllowRepeats ignores the History for repeats.
	AllowRepeats
)

// Options configures Pairs, NewScorer, Mentor and Evaluate. The zero
// value means the documented defaults: the Optimal strategy, Harmonic
// scores, teaching from level 3 (skills.TeachLevel), no soft criteria, a
// grade gap of at most 1, both halves of the peer rule with the default
// thresholds, no direct line-management link, earlier pairs
// excluded, pairs with nothing to exchange excluded.
//
// The fields of each concern live in an embedded type (HardRules,
// SoftCriteria, EarlierRounds, Scale) and are promoted, so opt.MaxGradeGap
// reads and sets HardRules.MaxGradeGap; a composite literal names the
// group: Options{HardRules: HardRules{MaxGradeGap: GradeGap(2)}}.
type Options struct {
	// Strategy forms the pairs; nil means Optimal.
	Strategy Strategy
	// Seed seeds the Random strategy.
	Seed uint64
	// Mutual combines the two teaching directions; the default is Harmonic.
	Mutual Mutual
	// MinTeachLevel is the have level from which a person can teach a
	// skill; 0 means skills.TeachLevel (3). A skill counts as taught from
	// i to j only when j wants it, i is at this level or above, and i's
	// level is above j's (skills.Advantage). It must be 1..MaxLevel.
	MinTeachLevel int

	// HardRules: MaxGradeGap, MinKnowledgeDistance, MinYearsGap,
	// SimilarGrade, SimilarYears, SimilarKnowledge, NoPeerRule,
	// AllowNoExchange, ManagerChain, DifferentDepartment, Never.
	HardRules
	// SoftCriteria: SameLocation, SharedFocus, DepartmentDiversity,
	// SharedTag, TagKey.
	SoftCriteria
	// EarlierRounds: History, Repeats, RepeatPenalty, RepeatDecay,
	// UnmatchedBonus.
	EarlierRounds

	// Pinned pairs are kept as they are (after checking them against the
	// hard rules) and the rest of the roster is paired around them. A pin
	// breaking a hard rule is an error wrapping ErrPinBreaksRule, except
	// RuleNothingToExchange: the survey may not capture what an
	// administrator knows, so such a pin is kept and Result.Notes says so.
	Pinned [][2]string
	// Trio lets people left unmatched join the pair where they add most
	// (they must be eligible with both members; a pair takes at most one
	// extra member). It cannot be combined with capacities above 1.
	Trio bool
	// IgnoreCapacity gives everyone at most one buddy whatever their
	// Person.Capacity (as when the survey has no capacity column).
	IgnoreCapacity bool

	// Scale: CandidateK, DenseLimit.
	Scale

	// TopSkills is how many skills explanations list per direction; 0
	// means 3.
	TopSkills int
}

// SoftCriteria are bonuses (or, negative, penalties) for pairs that share
// or differ in some attribute. Each weight, in score units (a teaching
// direction is worth at most 1 per skill), is added to the score of a pair
// that meets the criterion and has a positive mutual score (a pair with
// nothing to exchange is ineligible, RuleNothingToExchange, or with
// AllowNoExchange stays at 0 whatever its soft criteria). The zero value
// means the default: no soft criteria, as a zero weight is unused; a
// negative weight penalises the criterion.
type SoftCriteria struct {
	SameLocation        float64 // both have the same non-empty Location
	SharedFocus         float64 // both have the same non-empty Focus (case-insensitive)
	DepartmentDiversity float64 // their Departments differ (or one is empty)
	SharedTag           float64 // both have the same non-empty value of Tags[TagKey]
	TagKey              string  // the tag SharedTag compares
}

// EarlierRounds says how the earlier rounds of a programme shape this one:
// whether pairs already formed may form again, and a bonus for people left
// unmatched last time. The zero value means the defaults: no History, and
// with one, earlier pairs excluded and an UnmatchedBonus of 0.25.
type EarlierRounds struct {
	// History holds earlier rounds. With it, pairs already formed are
	// handled by Repeats and people left unmatched in the last round get
	// UnmatchedBonus added to the scores of their pairs.
	History *History
	// Repeats says what happens to pairs of earlier rounds; the default is
	// ExcludeRepeats.
	Repeats RepeatPolicy
	// RepeatPenalty is the penalty of a pair formed in the last round under
	// PenaliseRepeats; 0 means 1.
	RepeatPenalty float64
	// RepeatDecay multiplies the penalty for every further round of age;
	// 0 means 0.5. It must be in (0, 1].
	RepeatDecay float64
	// UnmatchedBonus is added to the score of every positive-score pair with
	// a person left unmatched in the last round of History; 0 means 0.25, a
	// negative value means no bonus.
	UnmatchedBonus float64
}

// Scale bounds the work done on large rosters: how many people are scored
// against everyone and how many candidate partners each person keeps
// beyond that. The zero value means the defaults, CandidateK 20 and
// DenseLimit 400.
type Scale struct {
	// CandidateK is the number of best partners per person kept in the
	// candidate graph of large rosters; 0 means 20. Pricing also keeps the
	// next 4·CandidateK partners per person, with their scores, in memory.
	CandidateK int
	// DenseLimit is the largest number of people for which every pair is
	// scored; larger rosters use candidate lists. 0 means 400 (see Pairs
	// for capacities above 1); above MaxDenseLimit is an error.
	DenseLimit int
}

// MaxDenseLimit bounds Scale.DenseLimit: the complete-graph solves hold
// two n×n tables of 8-byte scores, 16·n² bytes (1 GB at 8,000 people),
// and the blossom algorithm on them takes O(n³) time, so a larger limit
// would let one option exhaust a host's memory before any check of the
// instance could refuse it.
const MaxDenseLimit = 8000

// GradeGap returns a pointer to n, for Options.MaxGradeGap.
func GradeGap(n int) *int { return &n }

// settings is Options with the defaults filled in and checked.
type settings struct {
	Options
	gap            gradeGap
	minDist        float64
	minYears       float64
	simGrade       int
	simYears       float64
	simDist        float64
	minTeach       int
	penalty, decay float64
	bonus          float64
	k, denseLimit  int
	topSkills      int
}

func (o Options) resolve() (settings, error) {
	s := settings{Options: o}
	if o.Strategy == nil {
		s.Strategy = Optimal
	}
	// soft weights, the rules' thresholds, then the earlier rounds' numbers
	numbers := []namedNumber{
		{"SameLocation", o.SameLocation},
		{"SharedFocus", o.SharedFocus},
		{"DepartmentDiversity", o.DepartmentDiversity},
		{"SharedTag", o.SharedTag},
	}
	numbers = append(numbers, o.HardRules.numbers()...)
	numbers = append(numbers,
		namedNumber{"RepeatPenalty", o.RepeatPenalty},
		namedNumber{"RepeatDecay", o.RepeatDecay},
		namedNumber{"UnmatchedBonus", o.UnmatchedBonus})
	for _, f := range numbers {
		name, v := f.name, f.v
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e6 {
			return s, fmt.Errorf("%w: %s is %v (want a finite number of magnitude ≤ 1e6)", ErrInvalidOptions, name, v)
		}
	}
	if o.Mutual < Harmonic || o.Mutual > Min {
		return s, fmt.Errorf("%w: unknown Mutual %d", ErrInvalidOptions, int(o.Mutual))
	}
	if o.Repeats < ExcludeRepeats || o.Repeats > AllowRepeats {
		return s, fmt.Errorf("%w: unknown RepeatPolicy %d", ErrInvalidOptions, int(o.Repeats))
	}
	if err := o.HardRules.resolve(&s); err != nil {
		return s, err
	}
	s.minTeach = orDefaultInt(o.MinTeachLevel, skills.TeachLevel)
	if s.minTeach < 1 || s.minTeach > skills.MaxLevel {
		return s, fmt.Errorf("%w: MinTeachLevel %d outside 1..%d", ErrInvalidOptions, o.MinTeachLevel, skills.MaxLevel)
	}
	s.penalty = orDefault(o.RepeatPenalty, 1)
	s.decay = orDefault(o.RepeatDecay, 0.5)
	if s.decay <= 0 || s.decay > 1 {
		return s, fmt.Errorf("%w: RepeatDecay %v outside (0, 1]", ErrInvalidOptions, o.RepeatDecay)
	}
	s.bonus = orDefault(o.UnmatchedBonus, 0.25)
	if s.bonus < 0 {
		s.bonus = 0
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"CandidateK", o.CandidateK}, {"DenseLimit", o.DenseLimit}, {"TopSkills", o.TopSkills}} {
		if f.v < 0 {
			return s, fmt.Errorf("%w: %s %d is negative", ErrInvalidOptions, f.name, f.v)
		}
	}
	if o.DenseLimit > MaxDenseLimit {
		return s, fmt.Errorf("%w: DenseLimit %d is above MaxDenseLimit (%d): scoring every pair of that many people holds 16·n² bytes", ErrInvalidOptions, o.DenseLimit, MaxDenseLimit)
	}
	s.k = orDefaultInt(o.CandidateK, 20)
	s.denseLimit = orDefaultInt(o.DenseLimit, 400)
	s.topSkills = orDefaultInt(o.TopSkills, 3)
	return s, nil
}

// namedNumber is an option's number with its field name, for validation
// messages.
type namedNumber struct {
	name string
	v    float64
}

func orDefault(v, d float64) float64 {
	if v == 0 {
		return d
	}
	return v
}

func orDefaultInt(v, d int) int {
	if v == 0 {
		return d
	}
	return v
}
