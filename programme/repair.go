package programme

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/peermatch/peermatch/matching"
	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/skills"
)

var (
	// ErrInvalidProgramme: the programme's data cannot be used as asked
	// (no round in force, a pair with someone not in the roster, a groups
	// round given to Repair).
	ErrInvalidProgramme = errors.New("invalid programme")
	// ErrInvalidOptions: an option out of range.
	ErrInvalidOptions = errors.New("programme: invalid options")
)

// RepairOptions configures Repair.
type RepairOptions struct {
	// AsOf is the day of the repair (midnight UTC): statuses are read on
	// it, pairs it ends are dissolved on it and pairs it forms start on
	// it. It is required.
	AsOf time.Time
	// MaxBroken is how many lasting pairs (both members active) Repair may
	// break and re-form to pair more of the people without a partner;
	// 0 keeps every other pair. Negative is an error. The search tries
	// the sets of pairs to break by size and stops before a size whose
	// sets would take it past MaxRepairSets matchings: RepairResult.Searched
	// then says up to how many broken pairs the result is exact.
	MaxBroken int
	// RecheckUnmatched checks whether people who were already unpaired in
	// the stored round (Round.Unmatched) may be paired with each other.
	// Without it, Repair relies on what every round pairing forms and every
	// Repair result guarantees: no two people it leaves unpaired are
	// eligible with each other (its matchings are maximal). Set it when the
	// roster, the options or the unpaired list changed since the round was
	// formed, or when the round came from elsewhere. It costs O(|U|²)
	// eligibility checks: with a thousand unpaired people, more than the
	// rest of Repair together.
	RecheckUnmatched bool
}

// NewPair is a pair formed by Repair (or NextRound's contracts), with its
// scores and what each member teaches the other.
type NewPair struct {
	Pair Pair
	// Score is the displayed 0–100 score and Weight the optimisation
	// score (pairing.Pair).
	Score, Weight        float64
	ATeachesB, BTeachesA []pairing.SkillValue
}

// RepairResult says what Repair changed.
type RepairResult struct {
	// Round is the round in force after the repair: pairs ended carry the
	// repair day and their reason, new pairs are appended (by id, formed on
	// the repair day), and its Unmatched lists the people left alone.
	Round Round
	// Dissolved lists the pairs the repair ended: those with a member who
	// left or paused, and those broken to re-pair their members (reason
	// DissolvedRepair).
	Dissolved []Pair
	// Formed lists the new pairs, by id.
	Formed []NewPair
	// Affected lists, by id, the active people without a partner the
	// repair tried to pair (partners of leavers, members of dissolved
	// pairs, joiners, people left out before).
	Affected []string
	// Paired is how many of Affected now have a partner.
	Paired int
	// Alone lists the affected people still without a partner, with the
	// reason.
	Alone []Unmatched
	// Broken is how many lasting pairs were broken (at most MaxBroken).
	Broken int
	// Searched is the largest number of broken pairs the search covered:
	// the result is the best among the repairs breaking at most Searched
	// pairs. It is MaxBroken unless the search stopped early because every
	// affected person with an eligible partner was paired (then breaking
	// more cannot pair more, and Searched is MaxBroken too) or the next
	// size would pass MaxRepairSets (then Searched < MaxBroken, and Notes
	// says so).
	Searched int
	// WeightBefore is the total optimisation score of the pairs lasting on
	// AsOf before the repair, WeightAfter the total after it; Cost is
	// WeightBefore − WeightAfter (negative when the repair gains).
	WeightBefore, WeightAfter, Cost float64
	// Notes says what the search did.
	Notes []string
}

// Repair re-pairs the people a change leaves without a partner in the
// round in force on ropt.AsOf, keeping every other pair.
//
// On AsOf, a pair lasting in the round whose member is not active (left,
// or paused) is dissolved. The affected people U are the active people of
// the roster in no lasting pair: partners of leavers, members of pairs
// dissolved earlier, joiners, and people left out before. E is the set of
// lasting pairs with both members active. Repair returns, among the
// matchings M of the active people such that every member of a pair in E
// has a partner in M, at most MaxBroken pairs of E are not in M, and every
// pair of M outside E is eligible under opt (pairing's hard rules, with
// opt.History replaced by the programme's earlier rounds and this round's
// pairs, so no pair is formed twice, and every failed pair added to
// opt.Never), one that is lexicographically best by
//
//  1. the most people of U paired;
//  2. the fewest pairs of E broken;
//  3. the largest total optimisation score (pairing.Scorer.Weight).
//
// Nobody who has a partner loses it to make room for someone else: a
// broken pair's members are both re-paired. Ties break deterministically
// (by ids). Unless ropt.RecheckUnmatched is set, Repair takes the people
// already unpaired in the stored round to be pairwise ineligible, as every
// round pairing forms and every Repair result leaves them (see
// RecheckUnmatched); the result is exact under that condition.
//
// Method and proof. For a set B ⊆ E, the best matching keeping E \ B is a
// maximum-weight matching on U ∪ members(B) with edge weights
// C0·|e ∩ members(B)| + C1·|e ∩ U| + w(e) over eligible pairs other than
// those of B, where C1 exceeds the sum of |w| over any two matchings and
// C0 exceeds C1·(|U|+1) plus that sum: a heavier matching covers more of
// members(B) (all of them, whenever B is feasible), then more of U, then
// has the larger total w. matching.Sparse solves it exactly. In an
// optimal solution with the fewest broken pairs, every broken pair lies on
// a path of new pairs and broken pairs between two people of U (otherwise
// its component could be restored, breaking fewer): so a broken pair has a
// member eligible with someone of U, or is within ⌈MaxBroken/2⌉ steps of
// such a pair. Repair enumerates the sets B of those candidate pairs by
// size 0, 1, …, MaxBroken and keeps the best, stopping once every person
// of U with an eligible partner is paired; a brute-force test over all
// matchings of thousands of random small programmes checks it.
//
// Cost: building the Scorer (O(n·k)); O(a·n) eligibility checks for the
// a newly affected people (all of U with MaxBroken), plus O(|U|²) with
// RecheckUnmatched or MaxBroken; then one matching on U (MaxBroken 0) or
// one per set B: O(c^MaxBroken) matchings for c candidate pairs. Repair stops with ctx.Err() when ctx
// is done. A round in which someone is in two pairs lasting on AsOf (a
// capacity above 1; NextRound never forms one) is an ErrInvalidProgramme:
// a freed place beside a lasting pair is not what Repair solves. Errors
// wrap ErrInvalidOptions, ErrInvalidProgramme or
// pairing's errors.
func Repair(ctx context.Context, p Programme, roster *skills.Roster, opt pairing.Options, ropt RepairOptions) (RepairResult, error) {
	if roster == nil {
		roster = p.Roster
	}
	if ropt.AsOf.IsZero() {
		return RepairResult{}, fmt.Errorf("%w: RepairOptions.AsOf is required", ErrInvalidOptions)
	}
	if ropt.MaxBroken < 0 {
		return RepairResult{}, fmt.Errorf("%w: RepairOptions.MaxBroken %d is negative", ErrInvalidOptions, ropt.MaxBroken)
	}
	asOf := ropt.AsOf
	ri := roundOn(p.Rounds, asOf)
	if ri < 0 {
		return RepairResult{}, fmt.Errorf("%w: no round formed by %s to repair", ErrInvalidProgramme, asOf.Format(dateFmt))
	}
	if p.Rounds[ri].Kind == KindGroups {
		return RepairResult{}, fmt.Errorf("%w: round %d formed groups; Repair re-pairs pairs", ErrInvalidProgramme, p.Rounds[ri].Number)
	}
	opt.History = historyOf(p.Rounds[:ri+1], nil)
	opt.Never = withNever(opt.Never, failedPairs(p.Rounds[:ri+1]))
	opt.Pinned = nil
	sc, err := pairing.NewScorer(roster, opt)
	if err != nil {
		return RepairResult{}, err
	}
	rp := &repairer{ctx: ctx, sc: sc, maxBroken: ropt.MaxBroken, recheck: ropt.RecheckUnmatched, searched: ropt.MaxBroken}
	return rp.run(p, ri, asOf)
}

type repairer struct {
	ctx       context.Context
	sc        *pairing.Scorer
	maxBroken int
	recheck   bool
	// searched is the largest size of sets of broken pairs the search
	// covered (maxBroken unless MaxRepairSets stopped it)
	searched int

	active []bool
	inU    []bool
	u      []int   // affected, by index
	nbr    [][]int // eligible active partners of each u (indexed like u)
	adjU   []bool  // eligible with someone of U
	rules  []map[pairing.Rule]int
	// scanned[x] is true when u[x] was checked against every active
	// person, false when only against U (see neighbours).
	scanned []bool
	before  []string // reason u[x] was unpaired before, "" if newly affected
	kept    [][2]int // E: lasting pairs, by index
	keptW   []float64
	keptK   []int // index of each E pair in the round's Pairs
}

type repairSol struct {
	uMatched int
	broken   []int // indices into kept
	pairs    [][2]int
	total    float64
	ok       bool
}

func (a repairSol) better(b repairSol) bool {
	if !b.ok {
		return a.ok
	}
	if a.uMatched != b.uMatched {
		return a.uMatched > b.uMatched
	}
	if len(a.broken) != len(b.broken) {
		return len(a.broken) < len(b.broken)
	}
	return a.total > b.total+1e-9
}

func (rp *repairer) run(p Programme, ri int, asOf time.Time) (RepairResult, error) {
	sc := rp.sc
	n := sc.Len()
	st := newStatusIndex(p.Events)
	rp.active = make([]bool, n)
	statusOf := make([]Status, n)
	for i := 0; i < n; i++ {
		statusOf[i], _ = st.on(sc.ID(i), asOf)
		rp.active[i] = statusOf[i] == Active
	}
	rd := p.Rounds[ri]
	rd.Pairs = append([]Pair(nil), rd.Pairs...)
	var res RepairResult
	paired := make([]bool, n)
	pairOf := make(map[int]int) // lasting pair (index into rd.Pairs) of each member
	for k, pr := range rd.Pairs {
		if !pr.activeOn(asOf) {
			continue
		}
		ia, err := sc.Index(pr.A)
		if err != nil {
			return res, fmt.Errorf("%w: round %d: pair %s–%s: %v", ErrInvalidProgramme, rd.Number, pr.A, pr.B, err)
		}
		ib, err := sc.Index(pr.B)
		if err != nil {
			return res, fmt.Errorf("%w: round %d: pair %s–%s: %v", ErrInvalidProgramme, rd.Number, pr.A, pr.B, err)
		}
		for _, i := range []int{ia, ib} {
			if o, twice := pairOf[i]; twice {
				q := rd.Pairs[o]
				return res, fmt.Errorf("%w: round %d: %s is in two pairs lasting on %s (%s–%s and %s–%s); Repair re-pairs rounds in which everyone has one partner",
					ErrInvalidProgramme, rd.Number, sc.ID(i), asOf.Format(dateFmt), q.A, q.B, pr.A, pr.B)
			}
			pairOf[i] = k
		}
		w, _ := sc.Weight(ia, ib)
		res.WeightBefore += w
		if !rp.active[ia] || !rp.active[ib] {
			reason := DissolvedPaused
			if statusOf[ia] == Left || statusOf[ib] == Left {
				reason = DissolvedLeft
			}
			rd.Pairs[k].Dissolved, rd.Pairs[k].Reason = asOf, reason
			res.Dissolved = append(res.Dissolved, rd.Pairs[k])
			continue
		}
		paired[ia], paired[ib] = true, true
		rp.kept = append(rp.kept, [2]int{ia, ib})
		rp.keptW = append(rp.keptW, w)
		rp.keptK = append(rp.keptK, k)
	}
	rp.inU = make([]bool, n)
	for i := 0; i < n; i++ {
		if rp.active[i] && !paired[i] {
			rp.inU[i] = true
			rp.u = append(rp.u, i)
		}
	}
	if err := rp.neighbours(rd.Unmatched); err != nil {
		return res, err
	}
	best, err := rp.search()
	if err != nil {
		return res, err
	}
	// Apply the best solution.
	res.Broken = len(best.broken)
	keptTotal := 0.0
	brokenSet := map[int]bool{}
	for _, b := range best.broken {
		brokenSet[b] = true
		k := rp.keptK[b]
		rd.Pairs[k].Dissolved, rd.Pairs[k].Reason = asOf, DissolvedRepair
		res.Dissolved = append(res.Dissolved, rd.Pairs[k])
	}
	for b, w := range rp.keptW {
		if !brokenSet[b] {
			keptTotal += w
		}
	}
	matched := make([]bool, n)
	newTotal := 0.0
	for _, e := range best.pairs {
		a, b := e[0], e[1]
		if sc.ID(b) < sc.ID(a) {
			a, b = b, a
		}
		matched[a], matched[b] = true, true
		ex := sc.ExplainIndex(a, b)
		pr := Pair{A: sc.ID(a), B: sc.ID(b), Formed: asOf}
		res.Formed = append(res.Formed, NewPair{Pair: pr, Score: ex.Score, Weight: ex.Weight, ATeachesB: ex.ATeachesB, BTeachesA: ex.BTeachesA})
		newTotal += ex.Weight
	}
	sort.Slice(res.Formed, func(i, j int) bool { return res.Formed[i].Pair.A < res.Formed[j].Pair.A })
	for _, f := range res.Formed {
		rd.Pairs = append(rd.Pairs, f.Pair)
	}
	rd.Unmatched = nil
	for x, i := range rp.u {
		res.Affected = append(res.Affected, sc.ID(i))
		if matched[i] {
			res.Paired++
			continue
		}
		al := Unmatched{ID: sc.ID(i), Reason: rp.aloneReason(x)}
		res.Alone = append(res.Alone, al)
		rd.Unmatched = append(rd.Unmatched, al)
	}
	res.WeightAfter = round5(keptTotal + newTotal)
	res.WeightBefore = round5(res.WeightBefore)
	res.Cost = round5(res.WeightBefore - res.WeightAfter)
	res.Round = rd
	res.Notes = append(res.Notes, fmt.Sprintf("%d affected, %d paired, %d lasting pairs kept, %d broken (at most %d allowed)",
		len(rp.u), res.Paired, len(rp.kept)-res.Broken, res.Broken, rp.maxBroken))
	res.Searched = rp.searched
	if rp.searched < rp.maxBroken {
		res.Notes = append(res.Notes, fmt.Sprintf("searched repairs breaking up to %d pairs: breaking %d would mean more than %d matchings (MaxRepairSets); the result is the best breaking at most %d",
			rp.searched, rp.searched+1, MaxRepairSets, rp.searched))
	}
	return res, nil
}

func round5(x float64) float64 { return math.Round(x*1e5) / 1e5 }

// MaxRepairSets bounds the matchings Repair's search solves for sets of
// pairs to break: with c candidate pairs, the sets of up to MaxBroken of
// them number Σ C(c, s), which grows exponentially in MaxBroken (on the
// 48-person demo, MaxBroken 10 took 9 s and 20 more than hours). 100,000
// keeps a repair of a few hundred participants to seconds; sizes whose
// sets would pass it are not searched (RepairResult.Searched).
const MaxRepairSets = 100_000

// binomial returns C(n, k), or limit+1 when it exceeds limit. O(k).
func binomial(n, k, limit int) int {
	if k < 0 || k > n {
		return 0
	}
	c := 1
	for i := 1; i <= k; i++ {
		// c = C(n−k+i−1, i−1) ≤ limit, so c·(n−k+i) cannot overflow for
		// any roster size, and the division is exact
		c = c * (n - k + i) / i
		if c > limit {
			return limit + 1
		}
	}
	return c
}

// search enumerates the sets of broken pairs by size and returns the best
// solution.
func (rp *repairer) search() (repairSol, error) {
	best, err := rp.solve(nil)
	if err != nil || rp.maxBroken == 0 || len(rp.u) == 0 {
		return best, err
	}
	bound := 0
	for x := range rp.u {
		if len(rp.nbr[x]) > 0 {
			bound++
		}
	}
	cands := rp.candidates()
	if len(cands) == 0 {
		return best, nil
	}
	// no set is larger than the candidates: a MaxBroken near math.MaxInt
	// must neither size this slice nor run empty rounds up to itself
	most := min(rp.maxBroken, len(cands))
	set := make([]int, 0, most)
	var rec func(start, size int) error
	rec = func(start, size int) error {
		if len(set) == size {
			if !rp.plausible(set) {
				return nil
			}
			sol, err := rp.solve(set)
			if err != nil {
				return err
			}
			if sol.better(best) {
				best = sol
			}
			return nil
		}
		for c := start; c < len(cands); c++ {
			set = append(set, cands[c])
			if err := rec(c+1, size); err != nil {
				return err
			}
			set = set[:len(set)-1]
		}
		return nil
	}
	tried := 0
	for size := 1; size <= most && best.uMatched < bound; size++ {
		sets := binomial(len(cands), size, MaxRepairSets)
		if tried+sets > MaxRepairSets {
			rp.searched = size - 1
			break
		}
		tried += sets
		if err := rec(0, size); err != nil {
			return best, err
		}
	}
	return best, nil
}

// candidates returns the lasting pairs (indices into kept) that may be
// broken: a member eligible with someone of U, or within ⌈MaxBroken/2⌉
// steps of such a pair through eligible members.
func (rp *repairer) candidates() []int {
	level := make([]int, len(rp.kept))
	var frontier []int
	for b, e := range rp.kept {
		if rp.adjU[e[0]] || rp.adjU[e[1]] {
			level[b] = 1
			frontier = append(frontier, b)
		}
	}
	// ⌈MaxBroken/2⌉ without MaxBroken+1, which overflows for math.MaxInt
	for h := 2; h <= rp.maxBroken/2+rp.maxBroken%2 && len(frontier) > 0; h++ {
		var next []int
		for b, e := range rp.kept {
			if level[b] != 0 {
				continue
			}
		scan:
			for _, f := range frontier {
				for _, x := range rp.kept[f] {
					for _, y := range e {
						if rp.sc.Rule(x, y) == pairing.RuleNone {
							level[b] = h
							next = append(next, b)
							break scan
						}
					}
				}
			}
		}
		frontier = next
	}
	var out []int
	for b := range rp.kept {
		if level[b] > 0 {
			out = append(out, b)
		}
	}
	return out
}

// plausible reports whether every member of the broken pairs set has an
// eligible partner among U and the other broken pairs' members, which a
// feasible B needs.
func (rp *repairer) plausible(set []int) bool {
	for _, b := range set {
		for _, x := range rp.kept[b] {
			if rp.adjU[x] {
				continue
			}
			found := false
			for _, c := range set {
				if c == b {
					continue
				}
				for _, y := range rp.kept[c] {
					if rp.sc.Rule(x, y) == pairing.RuleNone {
						found = true
					}
				}
			}
			if !found {
				return false
			}
		}
	}
	return true
}

// solve returns the best matching keeping every lasting pair but those of
// set (indices into kept).
func (rp *repairer) solve(set []int) (repairSol, error) {
	local := map[int]int{}
	var verts []int
	for _, i := range rp.u {
		local[i] = len(verts)
		verts = append(verts, i)
	}
	isB := map[int]bool{}
	for _, b := range set {
		e := rp.kept[b]
		for _, x := range e {
			local[x] = len(verts)
			verts = append(verts, x)
			isB[x] = true
		}
	}
	type raw struct {
		u, v int
		w    float64
	}
	var es []raw
	maxAbs := 0.0
	add := func(a, b int) {
		w, _ := rp.sc.Weight(a, b)
		es = append(es, raw{local[a], local[b], w})
		maxAbs = math.Max(maxAbs, math.Abs(w))
	}
	for x, i := range rp.u {
		for _, j := range rp.nbr[x] {
			if rp.inU[j] && j < i {
				continue // added from j's side
			}
			if _, ok := local[j]; ok {
				add(i, j)
			}
		}
	}
	for a := range set {
		for b := a + 1; b < len(set); b++ {
			for _, x := range rp.kept[set[a]] {
				for _, y := range rp.kept[set[b]] {
					if rp.sc.Rule(x, y) == pairing.RuleNone {
						add(x, y)
					}
				}
			}
		}
	}
	sol := repairSol{broken: append([]int(nil), set...)}
	if len(es) == 0 {
		sol.ok = len(set) == 0
		sol.total = rp.keptTotal(set)
		return sol, nil
	}
	c1 := float64(len(verts))*maxAbs + 1
	c0 := c1*float64(len(rp.u)+2) + c1
	edges := make([]matching.Edge, len(es))
	for k, e := range es {
		w := e.w
		for _, v := range []int{e.u, e.v} {
			if isB[verts[v]] {
				w += c0
			} else {
				w += c1
			}
		}
		edges[k] = matching.Edge{U: e.u, V: e.v, W: w}
	}
	m, err := matching.Sparse(rp.ctx, len(verts), edges, matching.Options{})
	if err != nil {
		return sol, err
	}
	for x := range verts {
		if isB[verts[x]] && m.Mate[x] < 0 {
			return sol, nil // infeasible: a broken pair's member left alone
		}
	}
	total := rp.keptTotal(set)
	for x, y := range m.Mate {
		if y < 0 || y < x {
			continue
		}
		a, b := verts[x], verts[y]
		if rp.inU[a] {
			sol.uMatched++
		}
		if rp.inU[b] {
			sol.uMatched++
		}
		w, _ := rp.sc.Weight(a, b)
		total += w
		sol.pairs = append(sol.pairs, [2]int{a, b})
	}
	sol.total = total
	sol.ok = true
	return sol, nil
}

func (rp *repairer) keptTotal(broken []int) float64 {
	t := 0.0
	for b, w := range rp.keptW {
		if !slicesContains(broken, b) {
			t += w
		}
	}
	return t
}

func slicesContains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// neighbours finds each affected person's eligible partners. People
// already unpaired before the change (in the stored round's Unmatched) are
// not checked against each other unless RecheckUnmatched or MaxBroken is
// set (see RepairOptions.RecheckUnmatched); with MaxBroken 0 they are not
// checked against paired people either, since kept pairs are kept, and
// they keep their earlier reason if still alone. Everyone else in U is
// checked against every active person. Cost: O(a·n) eligibility checks for
// the a people checked against everyone, plus O(|U|²/2) with
// RecheckUnmatched or MaxBroken.
func (rp *repairer) neighbours(prev []Unmatched) error {
	sc := rp.sc
	n := sc.Len()
	was := map[string]string{}
	for _, u := range prev {
		if u.Reason == "" {
			was[u.ID] = "unpaired before"
		} else {
			was[u.ID] = u.Reason
		}
	}
	k := len(rp.u)
	rp.adjU = make([]bool, n)
	rp.nbr = make([][]int, k)
	rp.rules = make([]map[pairing.Rule]int, k)
	rp.scanned = make([]bool, k)
	rp.before = make([]string, k)
	for x, i := range rp.u {
		rp.rules[x] = map[pairing.Rule]int{}
		rp.before[x] = was[sc.ID(i)]
		rp.scanned[x] = rp.maxBroken > 0 || rp.before[x] == ""
	}
	uPos := make(map[int]int, k)
	for x, i := range rp.u {
		uPos[i] = x
	}
	// All pairs within U, when the stored round's unpaired people may be
	// eligible with each other or a broken pair needs every neighbour.
	checkUU := rp.recheck || rp.maxBroken > 0
	if checkUU {
		if err := rp.pairsWithinU(); err != nil {
			return err
		}
	}
	for x, i := range rp.u {
		if !rp.scanned[x] {
			continue
		}
		if err := rp.ctx.Err(); err != nil {
			return err
		}
		for j := 0; j < n; j++ {
			if j == i || !rp.active[j] {
				continue
			}
			r := sc.Rule(i, j)
			if r != pairing.RuleNone {
				rp.rules[x][r]++
				continue
			}
			if rp.inU[j] {
				// Within U: already added by pairsWithinU, or by the scan
				// of j when j was scanned first.
				if y := uPos[j]; !checkUU && !(rp.scanned[y] && y < x) {
					rp.nbr[x] = append(rp.nbr[x], j)
					rp.nbr[y] = append(rp.nbr[y], i)
				}
				continue
			}
			rp.nbr[x] = append(rp.nbr[x], j)
			rp.adjU[j] = true
		}
	}
	return nil
}

// pairsWithinU checks every pair of U, in parallel when U is large (the
// people left out of a large round can number thousands), and records the
// eligible ones in nbr.
func (rp *repairer) pairsWithinU() error {
	k := len(rp.u)
	rows := make([][]int, k) // row x holds the eligible columns y > x
	workers := 1
	if k > 256 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	var next atomic.Int64
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				x := int(next.Add(1) - 1)
				if x >= k || rp.ctx.Err() != nil {
					return
				}
				for y := x + 1; y < k; y++ {
					if rp.sc.Rule(rp.u[x], rp.u[y]) == pairing.RuleNone {
						rows[x] = append(rows[x], y)
					}
				}
			}
		}()
	}
	wg.Wait()
	if err := rp.ctx.Err(); err != nil {
		return err
	}
	for x, ys := range rows {
		for _, y := range ys {
			rp.nbr[x] = append(rp.nbr[x], rp.u[y])
			rp.nbr[y] = append(rp.nbr[y], rp.u[x])
		}
	}
	return nil
}

// aloneReason says why affected person x has no partner.
func (rp *repairer) aloneReason(x int) string {
	if !rp.scanned[x] {
		const still = "still without a partner (MaxBroken 0 keeps every other pair)"
		if strings.HasPrefix(rp.before[x], still) {
			return rp.before[x] // an earlier repair's reason already says so
		}
		return still + "; when the round was formed: " + rp.before[x]
	}
	others := 0
	for j, a := range rp.active {
		if a && j != rp.u[x] {
			others++
		}
	}
	if len(rp.nbr[x]) == 0 {
		return fmt.Sprintf("no eligible partner among the %d other active participants: %s", others, ruleCounts(rp.rules[x]))
	}
	inU := 0
	for _, j := range rp.nbr[x] {
		if rp.inU[j] {
			inU++
		}
	}
	if inU == 0 {
		if rp.maxBroken == 0 {
			return fmt.Sprintf("all %d eligible partners are in pairs that are kept (MaxBroken 0 keeps every other pair)", len(rp.nbr[x]))
		}
		return fmt.Sprintf("all %d eligible partners are in pairs that are kept: breaking at most %d of them pairs no more people", len(rp.nbr[x]), rp.maxBroken)
	}
	return fmt.Sprintf("each of the %d eligible partners without a pair was paired with someone else, which pairs as many people or more", inU)
}

func ruleCounts(m map[pairing.Rule]int) string {
	type rc struct {
		r pairing.Rule
		n int
	}
	var list []rc
	for r, n := range m {
		list = append(list, rc{r, n})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].n != list[j].n {
			return list[i].n > list[j].n
		}
		return list[i].r < list[j].r
	})
	parts := make([]string, len(list))
	for i, x := range list {
		parts[i] = fmt.Sprintf("%d %s", x.n, strings.ReplaceAll(x.r.String(), "_", " "))
	}
	return strings.Join(parts, ", ")
}
