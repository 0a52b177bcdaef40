package cohort

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/skills"
)

// checkResult asserts every hard rule and bookkeeping invariant of res.
func checkResult(t *testing.T, r *skills.Roster, opt Options, res *Result) {
	t.Helper()
	set, err := opt.resolve()
	require.NoError(t, err)
	where := map[string]int{}
	for _, g := range res.Groups {
		require.GreaterOrEqual(t, len(g.Members), set.MinSize, "group %d", g.ID)
		require.LessOrEqual(t, len(g.Members), set.MaxSize, "group %d", g.ID)
		require.True(t, sort.StringsAreSorted(g.Members))
		for _, id := range g.Members {
			_, dup := where[id]
			require.False(t, dup, "%s placed twice", id)
			where[id] = g.ID
		}
		lo, hi := 1<<30, -1<<30
		focus := map[string]bool{}
		for _, id := range g.Members {
			p := r.Person(id)
			require.NotNil(t, p)
			lo, hi = min(lo, p.Grade), max(hi, p.Grade)
			focus[focusKey(p.Focus)] = true
			for _, other := range g.Members {
				assert.NotEqual(t, id, r.Person(other).Manager, "%s manages %s in group %d", id, other, g.ID)
			}
		}
		if set.GradeBand {
			assert.LessOrEqual(t, hi-lo, set.gap, "grade gap of group %d", g.ID)
		}
		if set.SharedFocus {
			assert.Len(t, focus, 1, "focus of group %d", g.ID)
			assert.False(t, focus[""])
		}
		// Learning plan: owners are members, at most Sessions topics, no
		// skill twice, and everyone owns one before anyone owns two.
		assert.LessOrEqual(t, len(g.Topics), set.Sessions)
		count := map[string]int{}
		skillsSeen := map[string]bool{}
		for _, tp := range g.Topics {
			assert.False(t, skillsSeen[tp.Skill], "topic %s twice", tp.Skill)
			skillsSeen[tp.Skill] = true
			owners := []string{tp.Owner}
			if set.facilitators == 2 {
				owners = append(owners, tp.Reflection)
			} else {
				assert.Empty(t, tp.Reflection)
			}
			for _, o := range owners {
				assert.Contains(t, g.Members, o)
				count[o]++
				if tp.Source == FromCategory {
					continue
				}
				s, ok := r.Catalog.Index(tp.Skill)
				require.True(t, ok)
				p := r.Person(o)
				if g.Metrics.UnqualifiedOwners == 0 {
					assert.True(t, int(p.Have[s]) >= set.Threshold || p.Want[s] > 0 || slices.Contains(p.Lead, tp.Skill), "%s owns %s unqualified", o, tp.Skill)
				}
			}
		}
		checkEveryoneOwns(t, res)
		most, least := 0, 1<<30
		for _, id := range g.Members {
			most, least = max(most, count[id]), min(least, count[id])
		}
		if len(g.Topics) > 0 {
			assert.LessOrEqual(t, most-least, 1, "rounds of ownership in group %d", g.ID)
		}
		assert.Equal(t, min(len(g.Topics)*set.facilitators, len(g.Members)), len(count), "distinct owners in group %d", g.ID)
	}
	for _, u := range res.Unplaced {
		_, dup := where[u.ID]
		require.False(t, dup, "%s placed and left out", u.ID)
		where[u.ID] = 0
		assert.NotEmpty(t, u.Reason)
	}
	require.Len(t, where, r.Len(), "everyone is in exactly one group or unplaced")
	if len(res.Unplaced) > 0 {
		assert.True(t, set.SharedFocus || set.GradeBand || set.ManagersOnly || set.SameLocation)
	}
	for _, l := range set.Together {
		for _, id := range l[1:] {
			assert.Equal(t, where[l[0]], where[id], "%s and %s kept together", l[0], id)
		}
	}
	for _, l := range set.Apart {
		for x := range l {
			for _, id := range l[x+1:] {
				if where[id] != 0 && id != l[x] {
					assert.NotEqual(t, where[l[x]], where[id], "%s and %s kept apart", l[x], id)
				}
			}
		}
	}
	obj, hard := refObjective(r, set, groupsOf(r, res))
	assert.Zero(t, hard)
	assert.InDelta(t, obj, res.Metrics.Objective, 1e-9, "reported objective")
	assert.InDelta(t, res.Metrics.MaxScore-res.Metrics.MinScore, res.Metrics.Spread, 1e-12)
}

// TestFormProperties checks every rule on synthetic rosters for several
// formats, options and seeds.
func TestFormProperties(t *testing.T) {
	type cfg struct {
		name string
		n    int
		opt  Options
	}
	cfgs := []cfg{
		{"default", 60, Options{}},
		{"peer mentoring", 95, PeerMentoringTeam()},
		{"peer learning", 120, PeerLearningGroup()},
		{"diversity", 80, Options{MinSize: 4, MaxSize: 6, MaxPerDepartment: 2, NoIsolatedTags: []string{"language"}}},
		{"grade band", 70, Options{MinSize: 3, MaxSize: 5, GradeBand: true}},
		{"max-min", 50, Options{MinSize: 5, MaxSize: 7, Weights: Weights{Balance: 1, Role: 3}, Sessions: 7}},
	}
	for _, c := range cfgs {
		t.Run(c.name, func(t *testing.T) {
			for seed := uint64(1); seed <= 3; seed++ {
				r := skills.Synthetic(c.n, 12, seed, skills.SyntheticOptions{})
				opt := c.opt
				opt.Seed = seed
				opt.Iterations = 20000
				opt.Restarts = 2
				// Hard rules drawn from the roster.
				rng := rand.New(rand.NewPCG(seed, 99))
				pick := func() string { return r.People[rng.IntN(r.Len())].ID }
				if !opt.SharedFocus && !opt.GradeBand {
					opt.Together = [][]string{{pick(), pick()}}
				}
				opt.Apart = [][]string{{pick(), pick(), pick()}}
				opt.History = [][]string{{pick(), pick(), pick(), pick()}}
				res, err := Form(context.Background(), r, opt)
				if errors.Is(err, ErrInfeasible) {
					t.Logf("seed %d: %v", seed, err)
					continue
				}
				require.NoError(t, err, "seed %d", seed)
				checkResult(t, r, opt, res)
			}
		})
	}
}

// TestFormDeterministic checks that the same seed gives byte-identical
// JSON, text and CSV.
func TestFormDeterministic(t *testing.T) {
	r := skills.Synthetic(150, 12, 3, skills.SyntheticOptions{})
	for _, opt := range []Options{{Seed: 5, Iterations: 20000}, func() Options { o := PeerLearningGroup(); o.Seed = 9; o.Iterations = 10000; return o }()} {
		var outs [2][3]bytes.Buffer
		for x := range outs {
			res, err := Form(context.Background(), r, opt)
			require.NoError(t, err)
			require.NoError(t, WriteJSON(&outs[x][0], res))
			require.NoError(t, WriteText(&outs[x][1], res))
			require.NoError(t, WriteCSV(&outs[x][2], res))
		}
		for f := range outs[0] {
			assert.Equal(t, outs[0][f].String(), outs[1][f].String())
		}
	}
	// A different seed may give another partition but the same rules hold.
	a, err := Form(context.Background(), r, Options{Seed: 1, Iterations: 5000})
	require.NoError(t, err)
	checkResult(t, r, Options{}, a)
}

// randomPartition splits the people into the given group sizes at random.
func randomPartition(n int, sizes []int, rng *rand.Rand) [][]int {
	perm := rng.Perm(n)
	var out [][]int
	for _, s := range sizes {
		out = append(out, perm[:s])
		perm = perm[s:]
	}
	return out
}

// TestFormBeatsRandom compares Form with random partitions of the same group
// sizes on synthetic rosters: averaged over seeds, Form's objective must be
// at least 1.3 times the random mean.
func TestFormBeatsRandom(t *testing.T) {
	var form, random float64
	for seed := uint64(1); seed <= 5; seed++ {
		r := skills.Synthetic(100, 12, seed, skills.SyntheticOptions{})
		opt := Options{Seed: seed, Iterations: 30000, Restarts: 1}
		res, err := Form(context.Background(), r, opt)
		require.NoError(t, err)
		set, _ := opt.resolve()
		var sizes []int
		for _, g := range res.Groups {
			sizes = append(sizes, len(g.Members))
		}
		rng := rand.New(rand.NewPCG(seed, 1))
		sum := 0.0
		const trials = 200
		for x := 0; x < trials; x++ {
			obj, _ := refObjective(r, set, randomPartition(r.Len(), sizes, rng))
			sum += obj
		}
		form += res.Metrics.Objective
		random += sum / trials
	}
	t.Logf("mean objective: Form %.4f, random %.4f, ratio %.3f", form/5, random/5, form/random)
	assert.GreaterOrEqual(t, form, 1.3*random)
}

func TestFormErrors(t *testing.T) {
	r := randomRoster(t, 11, 4, 1, false)
	ctx := context.Background()
	_, err := Form(ctx, r, Options{})
	require.ErrorIs(t, err, ErrSizes)
	assert.EqualError(t, err, "group sizes cannot partition the roster: 11 people cannot be split into groups of 6–10: allow 5–10, allow 6–11 or add one person")

	_, err = Form(ctx, randomRoster(t, 4, 4, 1, false), Options{})
	assert.EqualError(t, err, "group sizes cannot partition the roster: 4 people cannot be split into groups of 6–10: allow 4–10 or add 2 people")

	_, err = Form(ctx, r, Options{MinSize: 3, MaxSize: 5, Together: [][]string{{"p01", "x9", "zz"}}, Apart: [][]string{{"x9", "p02"}}})
	require.ErrorIs(t, err, ErrUnknownID)
	assert.Contains(t, err.Error(), `name 2 people not in the roster: "x9", "zz"`)
	_, err = Form(ctx, r, Options{MinSize: 3, MaxSize: 5, Apart: [][]string{{"x9", "p02"}}})
	require.ErrorIs(t, err, ErrUnknownID)
	assert.Contains(t, err.Error(), `name 1 person not in the roster: "x9"`)

	_, err = Form(ctx, r, Options{MinSize: 2, MaxSize: 3, Together: [][]string{{"p01", "p02"}, {"p02", "p03", "p04"}}})
	require.ErrorIs(t, err, ErrInfeasible)
	assert.Contains(t, err.Error(), "more than the maximum group size 3")

	_, err = Form(ctx, r, Options{MinSize: 3, MaxSize: 5, Together: [][]string{{"p01", "p02"}}, Apart: [][]string{{"p02", "p01"}}})
	require.ErrorIs(t, err, ErrInfeasible)

	// Six people kept apart cannot fit into 2 groups.
	_, err = Form(ctx, r, Options{MinSize: 5, MaxSize: 6, Apart: [][]string{{"p00", "p01", "p02"}}})
	require.ErrorIs(t, err, ErrInfeasible)
	assert.Contains(t, err.Error(), "keep-apart")

	for _, o := range []Options{{MinSize: 5, MaxSize: 4}, {MinSize: -1}, {Threshold: 6}, {Weights: Weights{Balance: 2}}, {Iterations: -1}, {Weights: Weights{Teach: -1, Role: -1}}} {
		_, err = Form(ctx, r, o)
		assert.ErrorIs(t, err, ErrInvalidOptions, "%+v", o)
	}
	_, err = Form(ctx, nil, Options{})
	assert.ErrorIs(t, err, skills.ErrInvalidRoster)
}

func TestFormCancelled(t *testing.T) {
	r := skills.Synthetic(300, 12, 1, skills.SyntheticOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Form(ctx, r, Options{})
	require.ErrorIs(t, err, context.Canceled)

	ctx, cancel = context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = Form(ctx, r, Options{Iterations: MaxSearchSteps / DefaultRestarts})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 2*time.Second)
}

func TestFormTimeLimit(t *testing.T) {
	r := skills.Synthetic(300, 12, 1, skills.SyntheticOptions{})
	res, err := Form(context.Background(), r, Options{Iterations: MaxSearchSteps / DefaultRestarts, TimeLimit: 50 * time.Millisecond})
	require.NoError(t, err)
	assert.True(t, res.Metrics.TimedOut)
	checkResult(t, r, Options{}, res)
}

func TestFormUnplaced(t *testing.T) {
	cat, _ := skills.NewCatalog(skills.Skill{Name: "A"}, skills.Skill{Name: "B"})
	var people []skills.Person
	add := func(id, focus string, grade int) {
		people = append(people, skills.Person{ID: id, Focus: focus, Grade: grade, Have: []uint8{4, 0}, Want: []uint8{0, 3}, Tags: map[string]string{"role": "manager"}})
	}
	for x := 0; x < 4; x++ {
		add(fmt.Sprintf("g%d", x), "growth", 2)
	}
	add("g9", "growth", 7) // no one else near grade 7
	add("b1", "burnout", 2)
	add("b2", "burnout", 2) // too few takers
	add("n1", "", 2)        // no focus
	r, err := skills.New(cat, people)
	require.NoError(t, err)
	res, err := Form(context.Background(), r, PeerLearningGroup())
	require.NoError(t, err)
	require.Len(t, res.Groups, 1)
	assert.Equal(t, []string{"g0", "g1", "g2", "g3"}, res.Groups[0].Members)
	assert.Equal(t, "growth", res.Groups[0].Focus)
	reasons := map[string]string{}
	for _, u := range res.Unplaced {
		reasons[u.ID] = u.Reason
	}
	assert.Equal(t, map[string]string{
		"b1": `only 1 other manager of grade 2 shares focus "burnout"; a group needs at least 3`,
		"b2": `only 1 other manager of grade 2 shares focus "burnout"; a group needs at least 3`,
		"g9": `no other manager of grade 7 shares focus "growth"`,
		"n1": "no focus given; groups share one focus",
	}, reasons)
	assert.Equal(t, 4, res.Metrics.Unplaced)
	checkResult(t, r, PeerLearningGroup(), res)
}

func TestSizeAdvice(t *testing.T) {
	for _, c := range []struct {
		n, lo, hi int
		want      string
	}{
		{11, 6, 10, "11 people cannot be split into groups of 6–10: allow 5–10, allow 6–11 or add one person"},
		{1, 2, 3, "1 person cannot be split into groups of 2–3: allow 1–3 or add one person"},
		{13, 6, 6, "13 people cannot be split into groups of 6–6: allow 4–6, allow 6–7 or add 5 people"},
		// sizes near math.MaxInt: no overflow into a wrong count or a
		// division by zero
		{2, math.MaxInt, math.MaxInt, "2 people cannot be split into groups of 9223372036854775807–9223372036854775807: allow 2–9223372036854775807 or add 9223372036854775805 people"},
		{40, math.MaxInt, math.MaxInt, "40 people cannot be split into groups of 9223372036854775807–9223372036854775807: allow 40–9223372036854775807 or add 9223372036854775767 people"},
	} {
		assert.Equal(t, c.want, sizeAdvice(c.n, c.lo, c.hi))
	}
}

// TestFormHugeMinSize checks that a MinSize near math.MaxInt (with the
// default or an equal MaxSize) is ErrSizes with advice, not a panic.
func TestFormHugeMinSize(t *testing.T) {
	for _, n := range []int{1, 2, 3, 40} {
		r := skills.Synthetic(n, 3, 2, skills.SyntheticOptions{})
		for _, opt := range []Options{{MinSize: math.MaxInt}, {MinSize: math.MaxInt, MaxSize: math.MaxInt}} {
			_, err := Form(context.Background(), r, opt)
			require.ErrorIs(t, err, ErrSizes, "n %d", n)
			assert.Contains(t, err.Error(), fmt.Sprintf("add %d ", math.MaxInt-n), "n %d", n)
		}
	}
}

func TestFormEdgeCases(t *testing.T) {
	ctx := context.Background()
	empty, err := skills.New(&skills.Catalog{}, nil)
	require.NoError(t, err)
	res, err := Form(ctx, empty, Options{})
	require.NoError(t, err)
	assert.Empty(t, res.Groups)
	var b bytes.Buffer
	require.NoError(t, WriteJSON(&b, res))
	assert.JSONEq(t, `{"groups":[],"metrics":`+mustJSON(t, res.Metrics)+`}`, b.String())

	// No skills at all: one group, vacuous teachability, no roles.
	people := make([]skills.Person, 6)
	for i := range people {
		people[i] = skills.Person{ID: fmt.Sprintf("x%d", i), Have: []uint8{}, Want: []uint8{}}
	}
	noSkills, err := skills.New(&skills.Catalog{}, people)
	require.NoError(t, err)
	res, err = Form(ctx, noSkills, Options{})
	require.NoError(t, err)
	require.Len(t, res.Groups, 1)
	assert.Equal(t, 1.0, res.Groups[0].Metrics.Teachability)
	assert.Equal(t, 0.0, res.Groups[0].Metrics.Roles)
	assert.Empty(t, res.Groups[0].Topics)

	// A hand-edited roster with the wrong number of levels is rejected.
	bad := randomRoster(t, 6, 3, 1, false)
	bad.People[2].Want = bad.People[2].Want[:1]
	_, err = Form(ctx, bad, Options{})
	assert.ErrorIs(t, err, skills.ErrInvalidRoster)
}

func mustJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// TestPlanRounds checks ownership rounds on a hand-made group: 3 members
// and 5 wanted topics give owners 2, 2 and 1, preferring holders.
func TestPlanRounds(t *testing.T) {
	cat, _ := skills.NewCatalog(skills.Skill{Name: "A"}, skills.Skill{Name: "B"}, skills.Skill{Name: "C"}, skills.Skill{Name: "D"}, skills.Skill{Name: "E"})
	r, err := skills.New(cat, []skills.Person{
		{ID: "a", Have: []uint8{5, 0, 0, 0, 4}, Want: []uint8{0, 5, 0, 0, 0}},
		{ID: "b", Have: []uint8{0, 5, 0, 4, 0}, Want: []uint8{0, 0, 5, 0, 0}},
		{ID: "c", Have: []uint8{0, 0, 5, 0, 0}, Want: []uint8{5, 0, 0, 3, 2}},
	})
	require.NoError(t, err)
	res, err := Form(context.Background(), r, Options{MinSize: 3, MaxSize: 3, Sessions: 4})
	require.NoError(t, err)
	// Demand: A 5, B 5, C 5, D 3, E 2; four sessions drop E.
	assert.Equal(t, []Topic{{Skill: "A", Owner: "a", Source: FromWanted}, {Skill: "B", Owner: "b", Source: FromWanted}, {Skill: "C", Owner: "c", Source: FromWanted}, {Skill: "D", Owner: "b", Source: FromWanted}}, res.Groups[0].Topics)
	assert.Zero(t, res.Groups[0].Metrics.UnqualifiedOwners)
}

// Issue 20, item 8: when the fewest groups cannot keep a manager from a
// report, Form tries more groups; a huge maximum size does not overflow.
func TestFormMoreGroupsWhenNeeded(t *testing.T) {
	r := skills.Demo()
	for _, max := range []int{48, math.MaxInt} {
		res, err := Form(context.Background(), r, Options{MinSize: 6, MaxSize: max})
		require.NoError(t, err, "max %d", max)
		require.Len(t, res.Groups, 2, "max %d", max)
		placed := 0
		for _, g := range res.Groups {
			placed += len(g.Members)
		}
		require.Equal(t, 48, placed)
	}
}

// TestFormHugeWeights checks that a weight above MaxWeight is an error
// naming it (1e308 per member above MaxPerDepartment made the objective
// −Inf, and the result could not be written as JSON; Teach and Role of
// 1e308 made every quality 0), and that weights at MaxWeight give finite
// metrics that WriteJSON writes.
func TestFormHugeWeights(t *testing.T) {
	r := skills.Synthetic(40, 8, 2, skills.SyntheticOptions{})
	for _, c := range []struct {
		opt  Options
		name string
	}{
		{Options{Weights: Weights{Department: 1e308}, MaxPerDepartment: 1}, "department"},
		{Options{Weights: Weights{Teach: 1e308, Role: 1e308}}, "teach"},
		{Options{Weights: Weights{Isolated: math.MaxFloat64}}, "isolated"},
		{Options{Weights: Weights{Repeat: MaxWeight * 2}}, "repeat"},
	} {
		_, err := Form(context.Background(), r, c.opt)
		require.ErrorIs(t, err, ErrInvalidOptions)
		assert.Contains(t, err.Error(), c.name+" weight")
	}
	opt := Options{Weights: Weights{Teach: MaxWeight, Role: MaxWeight, Department: MaxWeight, Isolated: MaxWeight, Repeat: MaxWeight},
		MaxPerDepartment: 1, NoIsolatedTags: []string{"x"}, Iterations: 2000, Restarts: 1,
		History: [][]string{{r.People[0].ID, r.People[1].ID}, {r.People[0].ID, r.People[1].ID}}}
	res, err := Form(context.Background(), r, opt)
	require.NoError(t, err)
	m := res.Metrics
	for _, v := range []float64{m.Objective, m.MinScore, m.MeanScore, m.MaxScore, m.Spread} {
		assert.False(t, math.IsInf(v, 0) || math.IsNaN(v), "%+v", m)
	}
	require.NoError(t, WriteJSON(io.Discard, res))
}

// TestFormSearchBudget: Restarts and Iterations had no upper bound, so
// Restarts 100000 or Iterations near the int range ran for hours. They
// are bounded by MaxRestarts and MaxSearchSteps, with an error naming the
// field, the value and the limit, before any search.
func TestFormSearchBudget(t *testing.T) {
	ctx := context.Background()
	r := skills.Synthetic(300, 12, 1, skills.SyntheticOptions{})
	for _, tc := range []struct {
		opt  Options
		want string
	}{
		{Options{Restarts: 100000}, "restarts 100000 is above MaxRestarts (100)"},
		{Options{Iterations: math.MaxInt}, "iterations 9223372036854775807 is above MaxSearchSteps (20000000)"},
		{Options{Iterations: 1_000_000, Restarts: 21}, "restarts 21 × iterations 1000000 = 21000000 search steps, above MaxSearchSteps (20000000)"},
		// 300 people: 260,000 default iterations a restart.
		{Options{Restarts: 77}, "restarts 77 × iterations 260000 (the default for 300 people) = 20020000 search steps, above MaxSearchSteps (20000000): give fewer restarts (at most 76)"},
	} {
		start := time.Now()
		_, err := Form(ctx, r, tc.opt)
		require.ErrorIs(t, err, ErrInvalidOptions, "%+v", tc.opt)
		assert.Contains(t, err.Error(), tc.want)
		assert.Less(t, time.Since(start), 5*time.Second, "the check comes before the search")
	}
	// Groups of 100 weigh 10 a step: the default search makes a tenth of
	// the steps, and explicit iterations count ten times.
	res, err := Form(ctx, r, Options{MinSize: 100, MaxSize: 100, Restarts: 1})
	require.NoError(t, err)
	assert.Equal(t, (200*300+200000)/10, res.Metrics.Iterations)
	_, err = Form(ctx, r, Options{MinSize: 100, MaxSize: 100, Iterations: MaxSearchSteps / 10, Restarts: 2})
	require.ErrorIs(t, err, ErrInvalidOptions)
	assert.Contains(t, err.Error(), "restarts 2 × iterations 2000000 on groups of about 100 members (each step counting 10, one for every 10 members) = 40000000 search steps, above MaxSearchSteps (20000000)")
	// The largest allowed values are accepted.
	for _, o := range []Options{{Iterations: 1, Restarts: MaxRestarts}, {Iterations: MaxSearchSteps / MaxRestarts, Restarts: MaxRestarts}, {Iterations: MaxSearchSteps, Restarts: 1}} {
		_, err := o.resolve()
		assert.NoError(t, err, "%+v", o)
	}
}
