package programme

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/peermatch/peermatch/matching"
	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRepairOneLeaver(t *testing.T) {
	p := smallProgramme(t)
	// fay leaves; eve is alone. cy–dee and ana–ben are kept.
	p.Events = []StatusEvent{{Person: "fay", Date: day("2027-02-01"), Status: Left}}
	res, err := Repair(context.Background(), p, nil, pairing.Options{HardRules: pairing.HardRules{MaxGradeGap: pairing.GradeGap(-1)}}, RepairOptions{AsOf: day("2027-02-01")})
	require.NoError(t, err)
	assert.Equal(t, []string{"eve"}, res.Affected)
	require.Len(t, res.Dissolved, 1)
	assert.Equal(t, DissolvedLeft, res.Dissolved[0].Reason)
	assert.Empty(t, res.Formed)
	require.Len(t, res.Alone, 1)
	assert.Contains(t, res.Alone[0].Reason, "in pairs that are kept (MaxBroken 0 keeps every other pair)")
	assert.Greater(t, res.Cost, 0.0)

	// Allowing one broken pair cannot help a single person (a broken pair
	// frees two people for one).
	res1, err := Repair(context.Background(), p, nil, pairing.Options{HardRules: pairing.HardRules{MaxGradeGap: pairing.GradeGap(-1)}}, RepairOptions{AsOf: day("2027-02-01"), MaxBroken: 1})
	require.NoError(t, err)
	assert.Equal(t, 0, res1.Broken)

	// A joiner who complements eve is paired with her, and nothing else moves.
	r := smallRoster(t)
	people := append([]skills.Person(nil), r.People...)
	people = append(people, skills.Person{ID: "gus", Name: "Gus Roy", Grade: 2, Years: 5, Have: []uint8{5, 0, 0}, Want: []uint8{0, 0, 5}})
	r2, err := skills.New(r.Catalog, people)
	require.NoError(t, err)
	p.Roster = r2
	res, err = Repair(context.Background(), p, nil, pairing.Options{HardRules: pairing.HardRules{MaxGradeGap: pairing.GradeGap(-1)}}, RepairOptions{AsOf: day("2027-02-01")})
	require.NoError(t, err)
	require.Len(t, res.Formed, 1)
	assert.Equal(t, "eve", res.Formed[0].Pair.A)
	assert.Equal(t, "gus", res.Formed[0].Pair.B)
	assert.Equal(t, 2, res.Paired)
	assert.Len(t, res.Round.Pairs, 4)
	for _, pr := range res.Round.Pairs[:2] {
		assert.True(t, pr.Dissolved.IsZero(), "kept: %v", pr)
	}
}

func TestRepairErrors(t *testing.T) {
	p := smallProgramme(t)
	_, err := Repair(context.Background(), p, nil, pairing.Options{}, RepairOptions{})
	assert.ErrorIs(t, err, ErrInvalidOptions)
	_, err = Repair(context.Background(), p, nil, pairing.Options{}, RepairOptions{AsOf: day("2026-01-01")})
	assert.ErrorIs(t, err, ErrInvalidProgramme)
	_, err = Repair(context.Background(), p, nil, pairing.Options{}, RepairOptions{AsOf: day("2027-02-01"), MaxBroken: -1})
	assert.ErrorIs(t, err, ErrInvalidOptions)
}

// randomRepairInstance builds a small programme: a synthetic roster, one
// round of random pairs (eligible or not), some of its pairs dissolved as
// failed, and some people leaving or pausing on the repair day.
func randomRepairInstance(rng *rand.Rand, seed uint64) (Programme, pairing.Options, RepairOptions) {
	n := 4 + rng.IntN(7)
	r := skills.Synthetic(n, 3, seed, skills.SyntheticOptions{Departments: 2, LowSkillFraction: -1, LowWantFraction: -1, ExtraCapacityFraction: -1})
	opt := pairing.Options{HardRules: pairing.HardRules{MaxGradeGap: pairing.GradeGap(-1), NoPeerRule: rng.IntN(2) == 0, AllowNoExchange: rng.IntN(3) == 0}}
	if rng.IntN(3) == 0 {
		opt.DepartmentDiversity = 0.3
	}
	formed := day("2027-01-04")
	asOf := day("2027-03-01")
	perm := rng.Perm(n)
	var rd Round
	rd.Number, rd.Formed, rd.Kind = 1, formed, KindPairs
	k := 0
	for ; k+1 < n && rng.IntN(5) > 0; k += 2 {
		a, b := order2(r.People[perm[k]].ID, r.People[perm[k+1]].ID)
		pr := Pair{A: a, B: b, Formed: formed}
		if rng.IntN(6) == 0 {
			pr.Dissolved, pr.Reason = day("2027-02-01"), DissolvedFailed
		}
		rd.Pairs = append(rd.Pairs, pr)
	}
	for ; k < n; k++ {
		rd.Unmatched = append(rd.Unmatched, Unmatched{ID: r.People[perm[k]].ID})
	}
	var events []StatusEvent
	for _, x := range r.People {
		switch rng.IntN(8) {
		case 0:
			events = append(events, StatusEvent{Person: x.ID, Date: asOf, Status: Left})
		case 1:
			events = append(events, StatusEvent{Person: x.ID, Date: day("2027-02-15"), Status: Paused, Until: day("2027-04-01")})
		}
	}
	p := Programme{Start: day("2027-01-01"), Roster: r, Events: events, Rounds: []Round{rd}}
	return p, opt, RepairOptions{AsOf: asOf, MaxBroken: rng.IntN(4)}
}

type lexValue struct {
	uMatched, broken int
	total            float64
}

// bruteRepair enumerates every matching of the active people that keeps
// every member of a lasting pair paired and breaks at most MaxBroken
// lasting pairs, and returns the lexicographically best value.
func bruteRepair(t *testing.T, p Programme, opt pairing.Options, ropt RepairOptions) lexValue {
	opt.History = historyOf(p.Rounds, nil)
	opt.Never = withNever(opt.Never, failedPairs(p.Rounds))
	sc, err := pairing.NewScorer(p.Roster, opt)
	require.NoError(t, err)
	n := sc.Len()
	active := make([]bool, n)
	for i := range active {
		s, _ := StatusOn(p.Events, sc.ID(i), ropt.AsOf)
		active[i] = s == Active
	}
	inE := map[[2]int]bool{}
	paired := make([]bool, n)
	for _, pr := range p.Rounds[0].Pairs {
		if !pr.activeOn(ropt.AsOf) {
			continue
		}
		a, _ := sc.Index(pr.A)
		b, _ := sc.Index(pr.B)
		if active[a] && active[b] {
			inE[[2]int{min(a, b), max(a, b)}] = true
			paired[a], paired[b] = true, true
		}
	}
	var verts []int
	for i := 0; i < n; i++ {
		if active[i] {
			verts = append(verts, i)
		}
	}
	best := lexValue{uMatched: -1}
	used := make([]bool, n)
	var rec func(pos, uMatched, kept int, total float64)
	rec = func(pos, uMatched, kept int, total float64) {
		for pos < len(verts) && used[verts[pos]] {
			pos++
		}
		if pos == len(verts) {
			broken := len(inE) - kept
			if broken > ropt.MaxBroken {
				return
			}
			v := lexValue{uMatched, broken, total}
			if v.uMatched > best.uMatched || v.uMatched == best.uMatched && (v.broken < best.broken || v.broken == best.broken && v.total > best.total+1e-9) {
				best = v
			}
			return
		}
		a := verts[pos]
		used[a] = true
		if !paired[a] {
			rec(pos+1, uMatched, kept, total)
		}
		for _, b := range verts[pos+1:] {
			if used[b] {
				continue
			}
			e := inE[[2]int{min(a, b), max(a, b)}]
			if !e && sc.Rule(a, b) != pairing.RuleNone {
				continue
			}
			used[b] = true
			w, _ := sc.Weight(a, b)
			du, dk := 0, 0
			if !paired[a] {
				du++
			}
			if !paired[b] {
				du++
			}
			if e {
				dk = 1
			}
			rec(pos+1, uMatched+du, kept+dk, total+w)
			used[b] = false
		}
		used[a] = false
	}
	rec(0, 0, 0, 0)
	return best
}

func TestRepairBruteForce(t *testing.T) {
	trials := 3000
	if testing.Short() {
		trials = 300
	}
	rng := rand.New(rand.NewPCG(18, 1))
	var broke, formed, fastChecked int
	for trial := 0; trial < trials; trial++ {
		p, opt, ropt := randomRepairInstance(rng, uint64(trial))
		// The random round's unpaired people may be eligible with each
		// other, so Repair must check them; the fast path is checked below
		// on the instances where its condition holds.
		ropt.RecheckUnmatched = true
		res, err := Repair(context.Background(), p, nil, opt, ropt)
		require.NoError(t, err, "trial %d", trial)
		want := bruteRepair(t, p, opt, ropt)
		if ropt.MaxBroken == 0 && unpairedIndependent(t, p, opt) {
			fast, err := Repair(context.Background(), p, nil, opt, RepairOptions{AsOf: ropt.AsOf})
			require.NoError(t, err)
			require.Equal(t, res.Paired, fast.Paired, "trial %d: fast path", trial)
			require.InDelta(t, res.WeightAfter, fast.WeightAfter, 1e-6, "trial %d: fast path", trial)
			fastChecked++
		}
		got := lexValue{res.Paired, res.Broken, res.WeightAfter}
		require.Equal(t, want.uMatched, got.uMatched, "trial %d: people paired", trial)
		require.Equal(t, want.broken, got.broken, "trial %d: pairs broken", trial)
		require.InDelta(t, want.total, got.total, 1e-4, "trial %d: total", trial)
		require.LessOrEqual(t, res.Broken, ropt.MaxBroken)
		require.Equal(t, len(res.Affected), res.Paired+len(res.Alone))
		require.InDelta(t, res.WeightBefore-res.WeightAfter, res.Cost, 1e-4)
		checkRepairedRound(t, p, opt, ropt, res)
		broke += res.Broken
		formed += len(res.Formed)
	}
	assert.Positive(t, broke, "the instances exercise broken pairs")
	assert.Positive(t, formed)
	assert.Positive(t, fastChecked)
	t.Logf("%d trials: %d pairs broken, %d formed, fast path compared on %d", trials, broke, formed, fastChecked)
}

// unpairedIndependent reports whether no two people of the round's
// Unmatched list who are active on the repair day are eligible with each
// other: the condition under which Repair need not recheck them.
func unpairedIndependent(t *testing.T, p Programme, opt pairing.Options) bool {
	opt.History = historyOf(p.Rounds, nil)
	opt.Never = withNever(opt.Never, failedPairs(p.Rounds))
	sc, err := pairing.NewScorer(p.Roster, opt)
	require.NoError(t, err)
	un := p.Rounds[0].Unmatched
	for i := range un {
		for j := i + 1; j < len(un); j++ {
			a, _ := sc.Index(un[i].ID)
			b, _ := sc.Index(un[j].ID)
			if sc.Rule(a, b) == pairing.RuleNone {
				return false
			}
		}
	}
	return true
}

// checkRepairedRound: each active person is in at most one lasting pair,
// every new pair is eligible, no kept pair changed.
func checkRepairedRound(t *testing.T, p Programme, opt pairing.Options, ropt RepairOptions, res RepairResult) {
	opt.History = historyOf(p.Rounds, nil)
	opt.Never = withNever(opt.Never, failedPairs(p.Rounds))
	seen := map[string]bool{}
	for _, pr := range res.Round.Pairs {
		if !pr.activeOn(ropt.AsOf) {
			continue
		}
		for _, x := range []string{pr.A, pr.B} {
			require.False(t, seen[x], "%s in two pairs", x)
			seen[x] = true
			s, _ := StatusOn(p.Events, x, ropt.AsOf)
			require.Equal(t, Active, s)
		}
	}
	for _, f := range res.Formed {
		sc, err := pairing.NewScorer(p.Roster, opt)
		require.NoError(t, err)
		ok, rule, err := sc.Eligible(f.Pair.A, f.Pair.B)
		require.NoError(t, err)
		require.True(t, ok, "%v breaks %v", f.Pair, rule)
	}
	require.Equal(t, len(p.Rounds[0].Pairs)+len(res.Formed), len(res.Round.Pairs))
}

func TestRepairDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for trial := 0; trial < 50; trial++ {
		p, opt, ropt := randomRepairInstance(rng, uint64(trial))
		a, err := Repair(context.Background(), p, nil, opt, ropt)
		require.NoError(t, err)
		// Reverse the roster's people and the round's pairs.
		q := p
		people := append([]skills.Person(nil), p.Roster.People...)
		for i, j := 0, len(people)-1; i < j; i, j = i+1, j-1 {
			people[i], people[j] = people[j], people[i]
		}
		r2, err := skills.New(p.Roster.Catalog, people)
		require.NoError(t, err)
		q.Roster = r2
		b, err := Repair(context.Background(), q, nil, opt, ropt)
		require.NoError(t, err)
		assert.Equal(t, fmt.Sprint(a.Formed), fmt.Sprint(b.Formed))
		assert.Equal(t, a.Alone, b.Alone)
	}
}

func BenchmarkRepair(b *testing.B) {
	for _, n := range benchSizes {
		// Capacity 1 for everyone: with the default 10% at capacity 2,
		// pairing.Pairs forms a b-matching, far slower to set up at 10,000.
		r := skills.Synthetic(n, 12, 1, skills.SyntheticOptions{ExtraCapacityFraction: -1})
		start := time.Now()
		res, err := pairing.Pairs(context.Background(), r, pairing.Options{})
		require.NoError(b, err)
		b.Logf("n=%d: pairing.Pairs %v, %d pairs, %d unmatched", n, time.Since(start), len(res.Pairs), len(res.Unmatched))
		formed := day("2027-01-04")
		rd := Round{Number: 1, Formed: formed, Kind: KindPairs}
		for _, pr := range res.Pairs {
			rd.Pairs = append(rd.Pairs, Pair{A: pr.A, B: pr.B, Formed: formed})
		}
		for _, u := range res.Unmatched {
			rd.Unmatched = append(rd.Unmatched, Unmatched{ID: u.ID, Reason: u.Reason})
		}
		leaver := rd.Pairs[len(rd.Pairs)/2].A
		p := Programme{Roster: r, Rounds: []Round{rd}, Events: []StatusEvent{{Person: leaver, Date: day("2027-02-01"), Status: Left}}}
		ropt := RepairOptions{AsOf: day("2027-02-01")}
		b.Run(fmt.Sprintf("leaver/n=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := Repair(context.Background(), p, nil, pairing.Options{}, ropt); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("scorer/n=%d", n), func(b *testing.B) {
			opt := pairing.Options{EarlierRounds: pairing.EarlierRounds{History: historyOf(p.Rounds, nil)}}
			for i := 0; i < b.N; i++ {
				if _, err := pairing.NewScorer(r, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var benchSizes = []int{1000, 10000}

// TestRepairLargeUnmatched takes the parallel path (more than 256 people
// without a partner) and checks it against the sequential one.
func TestRepairLargeUnmatched(t *testing.T) {
	r := skills.Synthetic(400, 6, 3, skills.SyntheticOptions{ExtraCapacityFraction: -1})
	f := day("2027-01-04")
	rd := Round{Number: 1, Formed: f, Kind: KindPairs}
	for i := 0; i+1 < 100; i += 2 {
		rd.Pairs = append(rd.Pairs, Pair{A: r.People[i].ID, B: r.People[i+1].ID, Formed: f})
	}
	for _, x := range r.People[100:] {
		rd.Unmatched = append(rd.Unmatched, Unmatched{ID: x.ID})
	}
	p := Programme{Roster: r, Rounds: []Round{rd}}
	res, err := Repair(context.Background(), p, nil, pairing.Options{}, RepairOptions{AsOf: day("2027-02-01"), RecheckUnmatched: true})
	require.NoError(t, err)
	assert.Len(t, res.Affected, 300)
	assert.Positive(t, len(res.Formed))
	want := bruteFreeMatching(t, p)
	assert.Equal(t, want, res.Paired)
}

// bruteFreeMatching returns the size (in people) of a maximum-cardinality
// matching among the round's unpaired people, by matching.Sparse with
// MaxCardinality on the eligible pairs found sequentially.
func bruteFreeMatching(t *testing.T, p Programme) int {
	opt := pairing.Options{EarlierRounds: pairing.EarlierRounds{History: historyOf(p.Rounds, nil)}}
	sc, err := pairing.NewScorer(p.Roster, opt)
	require.NoError(t, err)
	var ids []int
	for _, u := range p.Rounds[0].Unmatched {
		i, _ := sc.Index(u.ID)
		ids = append(ids, i)
	}
	var edges []matching.Edge
	for x := range ids {
		for y := x + 1; y < len(ids); y++ {
			if sc.Rule(ids[x], ids[y]) == pairing.RuleNone {
				edges = append(edges, matching.Edge{U: x, V: y, W: 1})
			}
		}
	}
	m, err := matching.Sparse(context.Background(), len(ids), edges, matching.Options{MaxCardinality: true})
	require.NoError(t, err)
	n := 0
	for _, v := range m.Mate {
		if v >= 0 {
			n++
		}
	}
	return n
}

// TestRepairSearchBudget: the sets of pairs to break grow exponentially
// with MaxBroken; the search stops before a size whose sets would pass
// MaxRepairSets and says up to how many broken pairs it searched (the
// 48-person demo with MaxBroken 20 ran for hours).
func TestRepairSearchBudget(t *testing.T) {
	p := Programme{Name: "demo", Start: day("2027-01-04"), Roster: skills.Demo()}
	opt := pairing.Options{IgnoreCapacity: true} // as programme rounds pair
	next, err := NextRound(context.Background(), p, nil, day("2027-01-04"), opt, NextOptions{})
	require.NoError(t, err)
	p.Rounds = append(p.Rounds, next.Round)
	for _, maxBroken := range []int{2, 20, 1 << 30} {
		res, err := Repair(context.Background(), p, nil, opt, RepairOptions{AsOf: day("2027-02-01"), MaxBroken: maxBroken})
		require.NoError(t, err)
		if maxBroken == 2 {
			require.Equal(t, 2, res.Searched, "a small MaxBroken is searched whole")
			continue
		}
		require.Less(t, res.Searched, maxBroken)
		require.Greater(t, res.Searched, 2)
		require.Contains(t, res.Notes[len(res.Notes)-1], fmt.Sprintf("searched repairs breaking up to %d pairs", res.Searched))
	}
}

func TestBinomial(t *testing.T) {
	for _, tc := range []struct{ n, k, limit, want int }{
		{5, 2, 100, 10}, {5, 0, 100, 1}, {5, 5, 100, 1}, {5, 6, 100, 0}, {20, 10, 1000000, 184756},
		{20, 10, 100000, 100001}, {1 << 40, 3, 100000, 100001}, {60, 30, 1 << 62, 118264581564861424},
	} {
		require.Equal(t, tc.want, binomial(tc.n, tc.k, tc.limit), "C(%d, %d)", tc.n, tc.k)
	}
}

// TestRepairHugeMaxBroken checks MaxBroken near math.MaxInt against the
// brute force allowed to break every pair: no slice sized by MaxBroken
// (it panicked), no empty rounds up to it, and ⌈MaxBroken/2⌉ steps of
// candidates without MaxBroken+1 overflowing (it kept only the pairs next
// to the people without a partner).
func TestRepairHugeMaxBroken(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 5))
	for trial := 0; trial < 500; trial++ {
		p, opt, ropt := randomRepairInstance(rng, uint64(trial)+7000)
		ropt.RecheckUnmatched = true
		all := ropt
		all.MaxBroken = len(p.Rounds[0].Pairs)
		want := bruteRepair(t, p, opt, all)
		for _, mb := range []int{math.MaxInt, math.MaxInt - 1} {
			ropt.MaxBroken = mb
			res, err := Repair(context.Background(), p, nil, opt, ropt)
			require.NoError(t, err, "trial %d", trial)
			require.Equal(t, want.uMatched, res.Paired, "trial %d", trial)
			require.Equal(t, want.broken, res.Broken, "trial %d", trial)
			require.InDelta(t, want.total, res.WeightAfter, 1e-4, "trial %d", trial)
		}
	}
}

// TestRepairHugeMaxBrokenChain: x – a=b – c=d – e=f – y, where = is a
// kept pair and – the only other eligible pairs. Pairing x and y breaks
// all three kept pairs, (c,d) two steps from them, which a MaxBroken of
// math.MaxInt lost when ⌈MaxBroken/2⌉ overflowed to a negative number.
func TestRepairHugeMaxBrokenChain(t *testing.T) {
	cat, err := skills.NewCatalog(skills.Skill{Name: "S"})
	require.NoError(t, err)
	ids := []string{"x", "a", "b", "c", "d", "e", "f", "y"}
	var people []skills.Person
	for _, id := range ids {
		people = append(people, skills.Person{ID: id, Have: []uint8{0}, Want: []uint8{0}})
	}
	r, err := skills.New(cat, people)
	require.NoError(t, err)
	path := map[[2]string]bool{{"x", "a"}: true, {"b", "c"}: true, {"d", "e"}: true, {"f", "y"}: true}
	never := map[string][]string{}
	for i, u := range ids {
		for _, v := range ids[i+1:] {
			if !path[[2]string{u, v}] {
				never[u] = append(never[u], v)
			}
		}
	}
	f := day("2027-01-04")
	p := Programme{Start: day("2027-01-01"), Roster: r, Rounds: []Round{{
		Number: 1, Formed: f, Kind: KindPairs,
		Pairs:     []Pair{{A: "a", B: "b", Formed: f}, {A: "c", B: "d", Formed: f}, {A: "e", B: "f", Formed: f}},
		Unmatched: []Unmatched{{ID: "x"}, {ID: "y"}},
	}}}
	opt := pairing.Options{HardRules: pairing.HardRules{MaxGradeGap: pairing.GradeGap(-1), NoPeerRule: true, AllowNoExchange: true, Never: never}}
	for _, mb := range []int{3, 4, math.MaxInt - 1, math.MaxInt} {
		res, err := Repair(context.Background(), p, nil, opt, RepairOptions{AsOf: day("2027-03-01"), MaxBroken: mb})
		require.NoError(t, err, "MaxBroken %d", mb)
		assert.Equal(t, 2, res.Paired, "MaxBroken %d", mb)
		assert.Equal(t, 3, res.Broken, "MaxBroken %d", mb)
	}
}

// TestRepairOnePartnerEach: a round records one partner a person.
// NextRound with capacities above 1 in the survey and default options
// gives everyone one partner (it used to pair people twice, and Repair then
// saw nobody affected when one of two partners left, leaving the free place
// unmentioned); a stored round that pairs someone twice is refused by
// Repair with the person and both pairs named.
func TestRepairOnePartnerEach(t *testing.T) {
	p := smallProgramme(t)
	r := p.Roster
	for i := range r.People {
		r.People[i].Capacity = 2
	}
	p.Rounds = nil
	next, err := NextRound(context.Background(), p, nil, day("2027-01-04"), pairing.Options{}, NextOptions{})
	require.NoError(t, err)
	seen := map[string]bool{}
	for _, pr := range next.Round.Pairs {
		for _, id := range []string{pr.A, pr.B} {
			require.False(t, seen[id], "%s has two partners in %v", id, next.Round.Pairs)
			seen[id] = true
		}
	}
	require.NotEmpty(t, next.Round.Pairs)

	p = smallProgramme(t)
	f := p.Rounds[0].Formed
	p.Rounds[0].Pairs = append(p.Rounds[0].Pairs, Pair{A: "ana", B: "cy", Formed: f})
	_, err = Repair(context.Background(), p, nil, pairing.Options{}, RepairOptions{AsOf: day("2027-02-01")})
	require.ErrorIs(t, err, ErrInvalidProgramme)
	require.ErrorContains(t, err, "ana is in two pairs lasting on 2027-02-01 (ana–ben and ana–cy)")
	// once one of them is dissolved, the round repairs
	p.Rounds[0].Pairs[3].Dissolved = day("2027-01-20")
	_, err = Repair(context.Background(), p, nil, pairing.Options{}, RepairOptions{AsOf: day("2027-02-01")})
	require.NoError(t, err)
}
