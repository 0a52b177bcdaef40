package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/peermatch/peermatch/internal/plural"

	"github.com/peermatch/peermatch/internal/termsafe"
	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/skills"
)

// pairRuleFlags are the flags of pairing's rules and scores, defined once
// for every command that pairs people or checks pairs (pairs, mentor,
// evaluate --pairs), so that the same flag means the same rule in each.
type pairRuleFlags struct {
	gap, simGrade                gradeGapFlag
	minTeach                     *int
	simYears, simSkills          *float64
	differYears, differSkills    *float64
	noPeerRule, allowNoExchange  *bool
	managerChain, differentDept  *bool
	mutual                       *string
	weightLocation, weightFocus  *float64
	weightDept                   *float64
	weightTag                    keyWeightFlag
	never, pin                   idSetsFlag
	repeats                      *string
	repeatPenalty, repeatDecay   *float64
	unmatchedBonus               *float64
	ignoreCap                    *bool
	withPins, withRepeats, capOK bool
}

// pairFlagSet says which optional groups of pair flags a command has.
type pairFlagSet struct {
	pins     bool // --pin
	repeats  bool // --repeats, --repeat-penalty, --repeat-decay, --unmatched-bonus
	capacity bool // --ignore-capacity
}

// pairRuleHelp is the help text of the shared pair flags, for the commands'
// help.
const pairRuleHelp = `  --max-grade-gap N    largest grade difference inside a pair (default 1;
                       -1 for no limit)
  --min-teach-level N  the level (1-5) from which a person can teach a
                       skill (default 3)
  --similar-grade N    grades at most N apart count as similar (default 1)
  --similar-years Y    experience at most Y years apart counts as similar
                       (default 5)
  --similar-skills D   skill profiles at most D apart (0-1: the mean level
                       difference / 5) count as similar (default 0.2);
                       a pair similar in none of the three is not a peer
                       pair (matters only with --max-grade-gap above 1)
  --differ-years Y     experience at least Y years apart counts as a
                       difference (default 2)
  --differ-skills D    skill profiles at least D apart count as a
                       difference (default 0.1); a pair different in none
                       of grade, experience and skills has nothing to pass on
  --no-peer-rule       switch both halves of the peer rule off
  --allow-no-exchange  allow pairs in which one side learns nothing, as a
                       last resort to pair more people
  --manager-chain      nobody is paired with anyone above or below them in
                       the management chain (default: only direct reports)
  --different-department
                       partners come from different departments
  --never A,B[,C...]   no two of these people are paired (repeatable;
                       confidential: output says only "a never-pair rule";
                       the lists relate at most 1,000,000 pairs in all)
  --mutual RULE        how the two directions combine: harmonic (default:
                       both learn, an even exchange scores best), oneway
                       (the larger direction), sum or min
  --weight-location W  add W to a pair at the same location (weights are in
                       skill units: 1 is one wanted skill fully taught)
  --weight-focus W     add W to a pair sharing a focus issue
  --weight-department W
                       add W to a pair from different departments
  --weight-tag KEY=W   add W to a pair with the same value of tag:KEY
                       (e.g. language=2); a negative W keeps such pairs apart
`

// pairPinHelp and pairRepeatHelp document the optional groups.
const (
	pairPinHelp = `  --pin A,B            keep A and B as a pair and pair the rest around
                       them (repeatable)
`
	pairRepeatHelp = `  --repeats POLICY     what happens to pairs of earlier rounds (--history):
                       exclude (default), penalise or allow
  --repeat-penalty P   the score lowered for a pair of the last round under
                       penalise (default 1)
  --repeat-decay F     the penalty's factor for each round further back
                       (default 0.5: halved each earlier round)
  --unmatched-bonus B  added to the pairs of people left unmatched last
                       round (default 0.25; -1 for none)
`
	pairCapacityHelp = `  --ignore-capacity    give everyone at most one buddy, whatever the
                       capacity column says
`
)

func addPairRuleFlags(fs *flag.FlagSet, with pairFlagSet) *pairRuleFlags {
	f := &pairRuleFlags{withPins: with.pins, withRepeats: with.repeats, capOK: with.capacity}
	fs.Var(&f.gap, "max-grade-gap", "largest grade difference inside a pair (default 1; -1 for no limit)")
	f.minTeach = fs.Int("min-teach-level", skills.TeachLevel, "the level from which a person can teach a skill (1-5)")
	fs.Var(&f.simGrade, "similar-grade", "grades at most N apart count as similar (default 1)")
	f.simYears = fs.Float64("similar-years", 5, "experience at most Y years apart counts as similar")
	f.simSkills = fs.Float64("similar-skills", 0.2, "skill profiles at most D apart count as similar")
	f.differYears = fs.Float64("differ-years", 2, "experience at least Y years apart counts as a difference")
	f.differSkills = fs.Float64("differ-skills", 0.1, "skill profiles at least D apart count as a difference")
	f.noPeerRule = fs.Bool("no-peer-rule", false, "switch the peer rule off")
	f.allowNoExchange = fs.Bool("allow-no-exchange", false, "allow pairs in which one side learns nothing")
	f.managerChain = fs.Bool("manager-chain", false, "keep the whole management chain apart")
	f.differentDept = fs.Bool("different-department", false, "partners come from different departments")
	f.mutual = fs.String("mutual", "harmonic", "harmonic, oneway, sum or min")
	f.weightLocation = fs.Float64("weight-location", 0, "added to a pair at the same location")
	f.weightFocus = fs.Float64("weight-focus", 0, "added to a pair sharing a focus issue")
	f.weightDept = fs.Float64("weight-department", 0, "added to a pair from different departments")
	fs.Var(&f.weightTag, "weight-tag", "KEY=W: added to a pair with the same value of tag:KEY")
	f.never.flag, f.never.confidential = "never", true
	fs.Var(&f.never, "never", "A,B[,C...]: no two of these are paired (repeatable)")
	if with.pins {
		f.pin.flag, f.pin.pairs = "pin", true
		fs.Var(&f.pin, "pin", "A,B: keep this pair (repeatable)")
	}
	if with.repeats {
		f.repeats = fs.String("repeats", "exclude", "exclude, penalise or allow pairs of earlier rounds")
		f.repeatPenalty = fs.Float64("repeat-penalty", 1, "penalty of a repeat of the last round")
		f.repeatDecay = fs.Float64("repeat-decay", 0.5, "the penalty's factor a round further back")
		f.unmatchedBonus = fs.Float64("unmatched-bonus", 0.25, "bonus of people unmatched last round (-1: none)")
	}
	if with.capacity {
		f.ignoreCap = fs.Bool("ignore-capacity", false, "give everyone at most one buddy")
	}
	return f
}

// options checks the flags' values and returns the pairing options they
// set. A bad value is a usage error of c naming the flag.
func (f *pairRuleFlags) options(c *command) (pairing.Options, error) {
	var opt pairing.Options
	if *f.minTeach < 1 || *f.minTeach > skills.MaxLevel {
		return opt, usagef(c, "--min-teach-level: want a level 1-5, got %d", *f.minTeach)
	}
	if f.simGrade.v != nil && *f.simGrade.v < 0 {
		return opt, usagef(c, "--similar-grade: want a grade difference ≥ 0, got %d", *f.simGrade.v)
	}
	for _, v := range []struct {
		name  string
		value float64
		max   float64
	}{{"similar-years", *f.simYears, math.MaxFloat64}, {"similar-skills", *f.simSkills, 1},
		{"differ-years", *f.differYears, math.MaxFloat64}, {"differ-skills", *f.differSkills, 1}} {
		if !(v.value > 0 && v.value <= v.max) {
			return opt, usagef(c, "--%s: want a number above 0%s, got %v (a small value such as 0.01 is nearly none)", v.name, map[bool]string{true: " and at most 1", false: ""}[v.max == 1], v.value)
		}
	}
	mutual, ok := map[string]pairing.Mutual{"harmonic": pairing.Harmonic, "oneway": pairing.OneWay, "one-way": pairing.OneWay, "sum": pairing.Sum, "min": pairing.Min}[strings.ToLower(*f.mutual)]
	if !ok {
		return opt, usagef(c, "--mutual: want harmonic, oneway, sum or min, got %q", *f.mutual)
	}
	for _, w := range []struct {
		name  string
		value float64
	}{{"weight-location", *f.weightLocation}, {"weight-focus", *f.weightFocus}, {"weight-department", *f.weightDept}} {
		if math.IsNaN(w.value) || math.IsInf(w.value, 0) || math.Abs(w.value) > maxSoftWeight {
			return opt, usagef(c, "--%s: want a number between -%d and %d, got %v", w.name, maxSoftWeight, maxSoftWeight, w.value)
		}
	}
	opt = pairing.Options{
		Mutual:        mutual,
		MinTeachLevel: *f.minTeach,
		HardRules: pairing.HardRules{
			MaxGradeGap:          f.gap.v,
			SimilarGrade:         f.simGrade.v,
			SimilarYears:         *f.simYears,
			SimilarKnowledge:     *f.simSkills,
			MinYearsGap:          *f.differYears,
			MinKnowledgeDistance: *f.differSkills,
			NoPeerRule:           *f.noPeerRule,
			AllowNoExchange:      *f.allowNoExchange,
			ManagerChain:         *f.managerChain,
			DifferentDepartment:  *f.differentDept,
			Never:                f.never.neverMap(),
		},
		SoftCriteria: pairing.SoftCriteria{
			SameLocation:        *f.weightLocation,
			SharedFocus:         *f.weightFocus,
			DepartmentDiversity: *f.weightDept,
			TagKey:              f.weightTag.key,
			SharedTag:           f.weightTag.weight,
		},
	}
	if f.withPins {
		opt.Pinned = f.pin.pinned()
	}
	if f.withRepeats {
		pol, ok := map[string]pairing.RepeatPolicy{"exclude": pairing.ExcludeRepeats, "penalise": pairing.PenaliseRepeats, "penalize": pairing.PenaliseRepeats, "allow": pairing.AllowRepeats}[strings.ToLower(*f.repeats)]
		if !ok {
			return opt, usagef(c, "--repeats: want exclude, penalise or allow, got %q", *f.repeats)
		}
		if !(*f.repeatPenalty > 0) || math.IsInf(*f.repeatPenalty, 0) || *f.repeatPenalty > maxSoftWeight {
			return opt, usagef(c, "--repeat-penalty: want a number above 0 and at most %d, got %v", maxSoftWeight, *f.repeatPenalty)
		}
		if !(*f.repeatDecay > 0 && *f.repeatDecay <= 1) {
			return opt, usagef(c, "--repeat-decay: want a number above 0 and at most 1, got %v", *f.repeatDecay)
		}
		if b := *f.unmatchedBonus; math.IsNaN(b) || b > maxSoftWeight || (b < 0 && b != -1) {
			return opt, usagef(c, "--unmatched-bonus: want a number from 0 to %d, or -1 for none, got %v", maxSoftWeight, b)
		}
		opt.Repeats, opt.RepeatPenalty, opt.RepeatDecay = pol, *f.repeatPenalty, *f.repeatDecay
		opt.UnmatchedBonus = *f.unmatchedBonus
		if opt.UnmatchedBonus == 0 {
			opt.UnmatchedBonus = -1 // 0 given: no bonus (the library reads 0 as its default)
		}
	}
	if f.capOK {
		opt.IgnoreCapacity = *f.ignoreCap
	}
	return opt, nil
}

// maxSoftWeight bounds the soft weights: a skill is worth at most 1 a
// direction, so a weight of 100 already outweighs any survey.
const maxSoftWeight = 100

// checkPeople checks the ids of the never-pair and pin lists against r and
// that no pin breaks a never-pair list; an error names the list's source
// (a programme file line or the flag).
func (f *pairRuleFlags) checkPeople(r *skills.Roster) error {
	if err := checkIDs(r, &f.never, &f.pin); err != nil {
		return err
	}
	for _, p := range f.pin.sets {
		for _, n := range f.never.sets {
			if contains(n.ids, p.ids[0]) && contains(n.ids, p.ids[1]) {
				return fmt.Errorf("%s: the pin %s,%s breaks the never-pair list at %s", p.src, termsafe.Text(p.ids[0]), termsafe.Text(p.ids[1]), n.src)
			}
		}
	}
	return nil
}

// idSetsFlag is a repeatable flag of comma-separated id lists: never-pair
// lists (any number of ids, no two paired) or pins (exactly two).
type idSetsFlag struct {
	flag         string
	pairs        bool // exactly two ids a list
	confidential bool // String does not show the ids
	sets         []idSet
	related      int // pairs the lists relate, Σ L(L−1)/2
}

// maxNeverPairs bounds the pairs that never-pair lists relate: a list of L
// people relates L(L−1)/2 pairs, each held by pairing (about 100 bytes a
// pair), so a list naming a whole large roster would take gigabytes. A
// million pairs is a list of 1,414 people, far beyond a facilitator's
// lists; to keep whole departments apart, --different-department does it
// without listing anyone.
const maxNeverPairs = 1_000_000

type idSet struct {
	ids []string
	src string
}

func (f *idSetsFlag) isList() {}

func (f *idSetsFlag) String() string {
	if f == nil || len(f.sets) == 0 {
		return ""
	}
	if f.confidential {
		return fmt.Sprintf("(%d %s, confidential)", len(f.sets), plural.Word(len(f.sets), "list", "lists"))
	}
	parts := make([]string, len(f.sets))
	for i, s := range f.sets {
		parts[i] = strings.Join(s.ids, ",")
	}
	return strings.Join(parts, " ")
}

func (f *idSetsFlag) Set(s string) error {
	var ids []string
	for _, id := range strings.Split(s, ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			return fmt.Errorf("an empty id in %q (ids are separated by commas)", s)
		}
		if contains(ids, id) {
			return fmt.Errorf("%q appears twice in %q", id, s)
		}
		ids = append(ids, id)
	}
	switch {
	case f.pairs && len(ids) != 2:
		return fmt.Errorf("want two ids A,B, got %q", s)
	case len(ids) < 2:
		return fmt.Errorf("want at least two ids A,B[,C...], got %q", s)
	}
	if !f.pairs {
		f.related += len(ids) * (len(ids) - 1) / 2
		if f.related > maxNeverPairs {
			return fmt.Errorf("the lists relate %d pairs with this one of %d ids, more than the limit of %d pairs (a list of L ids relates L(L−1)/2)", f.related, len(ids), maxNeverPairs)
		}
	}
	f.sets = append(f.sets, idSet{ids: ids, src: "--" + f.flag + " " + strings.Join(ids, ",")})
	return nil
}

func (f *idSetsFlag) setSource(src string) {
	if n := len(f.sets); n > 0 {
		f.sets[n-1].src = src
	}
}

// neverMap turns the lists into pairing.Options.Never: every two ids of a
// list never paired.
func (f *idSetsFlag) neverMap() map[string][]string {
	if len(f.sets) == 0 {
		return nil
	}
	m := map[string][]string{}
	for _, s := range f.sets {
		for i, a := range s.ids {
			m[a] = append(m[a], s.ids[i+1:]...)
		}
	}
	return m
}

func (f *idSetsFlag) pinned() [][2]string {
	var out [][2]string
	for _, s := range f.sets {
		out = append(out, [2]string{s.ids[0], s.ids[1]})
	}
	return out
}

// keyWeightFlag is --weight-tag KEY=W.
type keyWeightFlag struct {
	key    string
	weight float64
}

func (f *keyWeightFlag) String() string {
	if f == nil || f.key == "" {
		return ""
	}
	return f.key + "=" + strconv.FormatFloat(f.weight, 'g', -1, 64)
}

func (f *keyWeightFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	k = strings.TrimSpace(k)
	if !ok || k == "" {
		return fmt.Errorf("want KEY=WEIGHT (a tag key and a number, e.g. language=2), got %q", s)
	}
	w, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(w) || math.Abs(w) > maxSoftWeight {
		return fmt.Errorf("want a weight between -%d and %d after %s=, got %q", maxSoftWeight, maxSoftWeight, k, v)
	}
	if f.key != "" && !strings.EqualFold(f.key, k) {
		return fmt.Errorf("one tag can be weighed (already %s), got %s", f.key, k)
	}
	f.key, f.weight = strings.TrimPrefix(k, "tag:"), w
	return nil
}

// pairFlagNames lists the names of the pair flags defined in fs.
func pairFlagNames(fs *flag.FlagSet) []string {
	probe := flag.NewFlagSet("", flag.ContinueOnError)
	addPairRuleFlags(probe, pairFlagSet{pins: true, repeats: true, capacity: true})
	var names []string
	probe.VisitAll(func(f *flag.Flag) {
		if fs.Lookup(f.Name) != nil {
			names = append(names, f.Name)
		}
	})
	return names
}

// lists returns the id lists as given, for cohort's Together and Apart.
func (f *idSetsFlag) lists() [][]string {
	var out [][]string
	for _, s := range f.sets {
		out = append(out, append([]string(nil), s.ids...))
	}
	return out
}

// checkIDs checks that every id of the lists is a person of r; an error
// names the list's source (a programme file line or the flag).
func checkIDs(r *skills.Roster, lists ...*idSetsFlag) error {
	for _, l := range lists {
		for _, set := range l.sets {
			for _, id := range set.ids {
				if _, ok := r.Index(id); !ok {
					return fmt.Errorf("%s: unknown person %q (no row of the survey has this id)", set.src, termsafe.Text(id))
				}
			}
		}
	}
	return nil
}

// programmePairOptions returns the pairing options the programme file's
// pairs section sets (pairing's defaults without a file), for commands
// that form pairs without pairs' flags of their own (schedule --check-ins,
// report), so that they form the pairs `peermatch pairs` forms.
func (e *env) programmePairOptions(c *command) (pairing.Options, error) {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	strategy := fs.String("strategy", "optimal", "")
	seed := fs.Uint64("seed", 1, "")
	trio := fs.Bool("trio", false, "")
	rules := addPairRuleFlags(fs, pairFlagSet{pins: true, repeats: true, capacity: true})
	saved := e.sources
	defer func() { e.sources = saved }()
	if err := e.applyProgramme(fs, []string{"pairs"}); err != nil {
		return pairing.Options{}, err
	}
	opt, err := rules.options(c)
	if err != nil {
		return opt, err
	}
	s, err := pairing.StrategyByName(*strategy)
	if err != nil {
		return opt, fmt.Errorf("the programme file's pairs.strategy: %w", err)
	}
	opt.Strategy, opt.Seed, opt.Trio = s, *seed, *trio
	return opt, nil
}
