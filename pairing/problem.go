package pairing

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/peermatch/peermatch/internal/pairengine"
	"github.com/peermatch/peermatch/skills"
)

// quantum is the number of integer score units per score unit (see
// pairengine.Quantum).
const quantum = pairengine.Quantum

// problem is a roster prepared for pairing: people in canonical order (by
// id), sparse wants, rule data, and the settings.
type problem struct {
	r    *skills.Roster
	set  settings
	tune tuning
	n    int
	k    int
	// the prepared score data the engine reads (features, teaching
	// values, needs, grades, scan order); the rest of problem is domain
	pairengine.Scores

	idx   []int // canonical → roster index
	pos   []int // roster index → canonical
	ppl   []*skills.Person
	have  [][]uint8
	have8 [][]uint64 // have levels eight a word, for the peer rule
	need  []float64  // NeedC·MaxLevel in score units: the most anyone can teach j
	focus []string
	hsum  []int // Σ have levels, for a cheap lower bound on distance
	years []float64
	dept  []int32 // department number, −1 for none (compact, for the rules)
	plain bool    // no soft criteria, bonus or penalty: score = mutual
	mgr   []int32 // canonical index of the manager, or -1

	never  map[uint64]struct{}
	repeat map[uint64]int // pair → age in rounds (1 = last round)
	bonus  []float64      // unmatched-last-round bonus
	active []bool         // false for pinned people
	pinned [][2]int
	// pinNotes records the pins kept despite RuleNothingToExchange.
	pinNotes []string

	maxNeed, maxBonus, softMax float64
	rejected                   [numRules]int64

	act    []int       // active people of the dense scores
	qall   []int64     // dense quantised scores over act, −1 ineligible
	cand   *candidates // candidate lists (large rosters)
	barren []bool      // barren[j]: j is nobody's eligible partner (see barrenSet)
	// barrenRej[j]: for a barren j whose row the candidate search met,
	// the others within the grade gap by the first rule they break
	// (RuleNothingToExchange when none), for reasons
	barrenRej []*[numRules]int64
	// barrenWait, when set, waits for the barren rows' counts that the
	// candidate search left to a goroutine (see buildCandidates) and adds
	// them to rejected and barrenRej; joinBarren calls it once.
	barrenWait func()
	ix         *pairengine.Index // inverted index (large rosters)
	rc         *ruleClasses
	classOnce  sync.Once
	noStable   bool // Stable found no stable matching
}

// joinBarren waits for the barren rows' rule counts, if the candidate
// search is still making them; rejected and barrenRej are complete after.
func (p *problem) joinBarren() {
	if p.barrenWait != nil {
		p.barrenWait()
		p.barrenWait = nil
	}
}

func pairKey(i, j int) uint64 { return pairengine.PairKey(i, j) }

// newProblem prepares r for pairing in O(n log n + n·k + h) time for n
// people, k skills and h history and never-pair entries.
func newProblem(r *skills.Roster, opt Options) (*problem, error) {
	return newProblemTuned(r, opt, tuning{})
}

// newProblemTuned is newProblem with the switches of tune, in named
// steps: check the people, order them canonically with their teaching
// features, their rule attributes, their packed levels, then the
// managers, never-pair lists, history, soft-score bounds and pins.
func newProblemTuned(r *skills.Roster, opt Options, tune tuning) (*problem, error) {
	if r == nil || r.Catalog == nil {
		return nil, fmt.Errorf("%w: nil roster or catalog", ErrEmptyRoster)
	}
	set, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	n, k := len(r.People), r.Catalog.Len()
	if err := checkPeople(r, k); err != nil {
		return nil, err
	}
	// A person has at most n−1 partners, so a larger CandidateK keeps
	// the same lists; clamping it keeps k·(1+reserve) and rescanK·k
	// from overflowing int on hostile values such as math.MaxInt.
	set.k = min(set.k, max(n, 1))
	if tune.everyPair {
		set.denseLimit = max(set.denseLimit, n)
	}
	p := &problem{r: r, set: set, tune: tune, n: n, k: k}
	p.N = n
	byID, err := p.orderPeople()
	if err != nil {
		return nil, err
	}
	p.ruleAttributes()
	p.packHave()
	p.managers(byID)
	p.neverPairs(byID)
	p.earlierRounds(byID)
	p.softBounds()
	if err := p.pin(byID); err != nil {
		return nil, err
	}
	return p, nil
}

// checkPeople checks what pairing needs of r's people beyond a valid
// roster (which New guarantees but a caller may have changed since):
// unique non-empty ids, k levels each, finite years. O(n + n·k).
func checkPeople(r *skills.Roster, k int) error {
	seen := make(map[string]bool, len(r.People))
	for i := range r.People {
		pe := &r.People[i]
		if pe.ID == "" || seen[pe.ID] {
			return fmt.Errorf("%w: person #%d has an empty or duplicate id %q", skills.ErrInvalidRoster, i+1, pe.ID)
		}
		seen[pe.ID] = true
		if len(pe.Have) != k || len(pe.Want) != k {
			return fmt.Errorf("%w: person %q has %d have and %d want levels for %d skills", skills.ErrInvalidRoster, pe.ID, len(pe.Have), len(pe.Want), k)
		}
		if math.IsNaN(pe.Years) || math.IsInf(pe.Years, 0) {
			return fmt.Errorf("%w: person %q has years %v", skills.ErrInvalidRoster, pe.ID, pe.Years)
		}
	}
	return nil
}

// orderPeople sorts the people by id (the canonical order every result
// follows) and derives their teaching features: the (skill, learner
// level) pairs someone needs, each person's teaching value for each
// (TV), their sparse needs (WantS, WantC, WantU) and need totals. It
// returns the canonical index of every id. O(n log n + n·(k + F)) for F
// features.
func (p *problem) orderPeople() (map[string]int, error) {
	r, n, k, set := p.r, p.n, p.k, &p.set
	p.idx = make([]int, n)
	for i := range p.idx {
		p.idx[i] = i
	}
	slices.SortFunc(p.idx, func(a, b int) int { return cmp.Compare(r.People[a].ID, r.People[b].ID) })
	p.pos = make([]int, n)
	p.ppl = make([]*skills.Person, n)
	p.have = make([][]uint8, n)
	p.WantS = make([][]int32, n)
	p.WantU = make([][]float64, n)
	p.WantC = make([][]uint8, n)
	p.NeedC = make([]int32, n)
	p.need = make([]float64, n)
	p.focus = make([]string, n)
	p.hsum = make([]int, n)
	byID := make(map[string]int, n)
	// the features: (skill, learner level) pairs that someone needs, in
	// skill, then level order
	fid := make([]int32, k*skills.MaxLevel)
	for c, ri := range p.idx {
		p.pos[ri] = c
		pe := &r.People[ri]
		p.ppl[c] = pe
		byID[pe.ID] = c
		p.have[c] = pe.Have
		for s := 0; s < k; s++ {
			w, h := pe.Want[s], pe.Have[s]
			if w > skills.MaxLevel || h > skills.MaxLevel {
				return nil, fmt.Errorf("%w: person %q has a level above %d", skills.ErrInvalidRoster, pe.ID, skills.MaxLevel)
			}
			p.hsum[c] += int(h)
			if w > 0 && h < skills.MaxLevel {
				fid[s*skills.MaxLevel+int(h)] = 1
			}
		}
		p.focus[c] = strings.ToLower(strings.TrimSpace(pe.Focus))
	}
	for f, used := range fid {
		fid[f] = -1
		if used != 0 {
			fid[f] = int32(p.KF)
			p.KF++
			p.FSkill = append(p.FSkill, int32(f/skills.MaxLevel))
			p.FLevel = append(p.FLevel, uint8(f%skills.MaxLevel))
		}
	}
	p.TV = make([][]uint8, n)
	slabT := make([]uint8, n*p.KF)
	for c, pe := range p.ppl {
		p.TV[c] = slabT[c*p.KF : (c+1)*p.KF : (c+1)*p.KF]
		for f, s := range p.FSkill {
			p.TV[c][f] = uint8(skills.MaxLevel * skills.Advantage(pe.Have[s], p.FLevel[f], set.minTeach))
		}
		for s := 0; s < k; s++ {
			w, h := pe.Want[s], pe.Have[s]
			if w > 0 && h < skills.MaxLevel {
				p.WantS[c] = append(p.WantS[c], fid[s*skills.MaxLevel+int(h)])
				p.WantC[c] = append(p.WantC[c], w)
				p.WantU[c] = append(p.WantU[c], float64(w)/skills.MaxLevel)
				p.NeedC[c] += int32(w) * int32(skills.MaxLevel-h)
			}
		}
		p.need[c] = float64(p.NeedC[c]) / (skills.MaxLevel * skills.MaxLevel)
		p.maxNeed = math.Max(p.maxNeed, p.need[c])
	}
	return byID, nil
}

// ruleAttributes lays out what the rules read by canonical index —
// grade, years, department number — and the sparse needs as one CSR
// array for the scans. O(n + Σ wants).
func (p *problem) ruleAttributes() {
	n := p.n
	p.Grade = make([]int, n)
	p.years = make([]float64, n)
	p.dept = make([]int32, n)
	depts := make(map[string]int32)
	p.CSROff = make([]int32, n+1)
	for c, pe := range p.ppl {
		p.Grade[c] = pe.Grade
		p.years[c] = pe.Years
		p.dept[c] = -1
		if pe.Department != "" {
			d, ok := depts[pe.Department]
			if !ok {
				d = int32(len(depts))
				depts[pe.Department] = d
			}
			p.dept[c] = d
		}
		p.CSRS = append(p.CSRS, p.WantS[c]...)
		p.CSRC = append(p.CSRC, p.WantC[c]...)
		p.CSROff[c+1] = int32(len(p.CSRS))
	}
}

// packHave packs every person's have levels eight to a word (have8), the
// rows in scan order (grade, then canonical index), so that a scan of one
// grade's people, such as rejectBarren's, reads them in sequence. O(n·k).
func (p *problem) packHave() {
	n, k := p.n, p.k
	p.ScanOrder()
	p.have8 = make([][]uint64, n)
	words8 := (k + 7) / 8
	slab8 := make([]uint64, n*words8)
	for c, pe := range p.ppl {
		x := int(p.SPos[c])
		p.have8[c] = slab8[x*words8 : (x+1)*words8 : (x+1)*words8]
		for s, h := range pe.Have {
			p.have8[c][s>>3] |= uint64(h) << (8 * (s & 7))
		}
	}
}

// managers records each person's line manager by canonical index (-1:
// none, or a manager outside the roster). O(n).
func (p *problem) managers(byID map[string]int) {
	p.mgr = make([]int32, p.n)
	for c, pe := range p.ppl {
		p.mgr[c] = -1
		if m, ok := byID[pe.Manager]; ok && pe.Manager != "" && m != c {
			p.mgr[c] = int32(m)
		}
	}
}

// neverPairs records the never-pair lists as pair keys; lists may name
// people outside this roster, which are skipped. O(h) for h entries.
func (p *problem) neverPairs(byID map[string]int) {
	p.never = make(map[uint64]struct{})
	for a, list := range p.set.Never {
		ca, ok := byID[a]
		if !ok {
			continue // never-pair lists may mention people outside this roster
		}
		for _, b := range list {
			if cb, ok := byID[b]; ok && cb != ca {
				p.never[pairKey(ca, cb)] = struct{}{}
			}
		}
	}
}

// earlierRounds records, from the history, the age of every repeat (when
// repeats are not allowed) and the bonus of the people left unmatched in
// the last round. O(Σ group size²).
func (p *problem) earlierRounds(byID map[string]int) {
	p.bonus = make([]float64, p.n)
	if h := p.set.History; h != nil {
		last := h.lastRound()
		if p.set.Repeats != AllowRepeats {
			p.repeat = make(map[uint64]int)
			for _, rd := range h.Rounds {
				age := roundAge(last, rd.Round)
				for _, g := range rd.Groups {
					for x := range g {
						for y := x + 1; y < len(g); y++ {
							ca, oka := byID[g[x]]
							cb, okb := byID[g[y]]
							if !oka || !okb || ca == cb {
								continue
							}
							key := pairKey(ca, cb)
							if old, ok := p.repeat[key]; !ok || age < old {
								p.repeat[key] = age
							}
						}
					}
				}
			}
		}
		if p.set.bonus > 0 {
			for _, rd := range h.Rounds {
				if rd.Round != last {
					continue
				}
				for _, id := range rd.Unmatched {
					if c, ok := byID[id]; ok {
						p.bonus[c] = p.set.bonus
						p.maxBonus = p.set.bonus
					}
				}
			}
		}
	}
}

// softBounds bounds the soft score terms (softMax) and notes whether every
// score is the plain mutual score (plain), which the scans rely on. O(1).
func (p *problem) softBounds() {
	set := &p.set
	for _, w := range []float64{set.SameLocation, set.SharedFocus, set.DepartmentDiversity, set.SharedTag} {
		if w > 0 {
			p.softMax += w
		}
	}
	p.plain = set.SameLocation == 0 && set.SharedFocus == 0 && set.DepartmentDiversity == 0 &&
		(set.SharedTag == 0 || set.TagKey == "") && p.maxBonus == 0 && (set.Repeats != PenaliseRepeats || len(p.repeat) == 0)
}

// pin checks the pinned pairs against the rules and takes their people out
// of the pairing (active false). O(pins).
func (p *problem) pin(byID map[string]int) error {
	lookup := func(what, id string) (int, error) {
		c, ok := byID[id]
		if !ok {
			return 0, fmt.Errorf("%w: %s names %q", ErrUnknownPerson, what, id)
		}
		return c, nil
	}
	p.active = make([]bool, p.n)
	for i := range p.active {
		p.active[i] = true
	}
	for _, pin := range p.set.Pinned {
		a, err := lookup("a pinned pair", pin[0])
		if err != nil {
			return err
		}
		b, err := lookup("a pinned pair", pin[1])
		if err != nil {
			return err
		}
		for _, c := range []int{a, b} {
			if !p.active[c] {
				return fmt.Errorf("%w: %q is pinned twice", ErrInvalidOptions, p.ppl[c].ID)
			}
		}
		if rule := p.rule(a, b); rule != RuleNone {
			return fmt.Errorf("%w: pinned pair %s–%s: %s (rule %s)", ErrPinBreaksRule, pin[0], pin[1], rule.describe(&p.set), rule)
		}
		if p.eligible(a, b) == RuleNothingToExchange {
			p.pinNotes = append(p.pinNotes, fmt.Sprintf("pinned pair %s–%s kept although it breaks rule %s (%s)", pin[0], pin[1], RuleNothingToExchange, RuleNothingToExchange.describe(&p.set)))
		}
		p.active[a], p.active[b] = false, false
		p.pinned = append(p.pinned, [2]int{a, b})
	}
	return nil
}

// index returns the canonical index of id.
func (p *problem) index(id string) (int, error) {
	ri, ok := p.r.Index(id)
	if !ok || ri >= p.n || p.r.People[ri].ID != id {
		for c, pe := range p.ppl {
			if pe.ID == id {
				return c, nil
			}
		}
		return 0, fmt.Errorf("%w: %q", ErrUnknownPerson, id)
	}
	return p.pos[ri], nil
}

// eligible returns the first hard rule the pair {i, j} breaks, or RuleNone.
// It takes O(w_i + w_j) time for the exchange rule, plus O(depth) with
// ManagerChain and O(k) when the peer rule has to compare skill profiles.
func (p *problem) eligible(i, j int) Rule {
	if r := p.rule(i, j); r != RuleNone || p.set.AllowNoExchange {
		return r
	}
	if p.mutual(i, j) <= 0 {
		return RuleNothingToExchange
	}
	return RuleNone
}

// eligibleQ is eligible for a pair whose quantised score q is known: a
// positive score proves an exchange (adjust gives 0 to every pair whose
// mutual score is 0), so the O(w) exchange test runs only when q ≤ 0.
func (p *problem) eligibleQ(i, j int, q int64) Rule {
	if r := p.rule(i, j); r != RuleNone {
		return r
	}
	return p.exchange(i, j, q)
}

// exchange returns RuleNothingToExchange when the exchange rule rejects
// {i, j}, whose quantised score is q, and RuleNone otherwise.
func (p *problem) exchange(i, j int, q int64) Rule {
	if p.set.AllowNoExchange || q > 0 || p.mutual(i, j) > 0 {
		return RuleNone
	}
	return RuleNothingToExchange
}

// eligibleOneWay is eligible for one-way mentoring: the exchange rule asks
// only that mentor m teaches mentee e something.
func (p *problem) eligibleOneWay(m, e int) Rule {
	if r := p.rule(m, e); r != RuleNone || p.set.AllowNoExchange {
		return r
	}
	if p.teach(m, e) <= 0 {
		return RuleNothingToExchange
	}
	return RuleNone
}

// mutual returns the mutual score of {i, j} without soft criteria, in
// O(w_i + w_j) time.
func (p *problem) mutual(i, j int) float64 {
	return p.set.Mutual.combine(p.teach(i, j), p.teach(j, i))
}

// teach returns how much i can teach j: Σ_s want_j[s]·Advantage(have_i[s],
// have_j[s]), with levels scaled to [0, 1] (see TeachMatrix). It takes
// O(w_j) time for the w_j skills j needs.
func (p *problem) teach(i, j int) float64 {
	return teachScale(p.TeachInt(i, j))
}

// teachScale turns integer teaching units into score units (see
// pairengine.TeachScale, which every scorer goes through).
func teachScale(t int32) float64 { return pairengine.TeachScale(t) }

// soft returns the soft-criteria part of the score of {i, j}.
func (p *problem) soft(i, j int) float64 {
	s := &p.set
	a, b := p.ppl[i], p.ppl[j]
	v := 0.0
	if s.SameLocation != 0 && a.Location != "" && a.Location == b.Location {
		v += s.SameLocation
	}
	if s.SharedFocus != 0 && p.focus[i] != "" && p.focus[i] == p.focus[j] {
		v += s.SharedFocus
	}
	if s.DepartmentDiversity != 0 && (a.Department == "" || b.Department == "" || a.Department != b.Department) {
		v += s.DepartmentDiversity
	}
	if s.SharedTag != 0 && s.TagKey != "" {
		if ta := a.Tags[s.TagKey]; ta != "" && ta == b.Tags[s.TagKey] {
			v += s.SharedTag
		}
	}
	return v
}

// adjust turns a mutual score into the optimisation score of {i, j}: soft
// criteria, the unmatched bonus and the repeat penalty apply to pairs with a
// positive mutual score, and the result is clamped at 0.
func (p *problem) adjust(i, j int, m float64) float64 {
	if m <= 0 {
		return 0
	}
	v := m + p.soft(i, j) + p.bonus[i] + p.bonus[j]
	if p.set.Repeats == PenaliseRepeats && p.repeat != nil {
		if age, ok := p.repeat[pairKey(i, j)]; ok {
			v -= p.set.penalty * math.Pow(p.set.decay, float64(age-1))
		}
	}
	return math.Max(v, 0)
}

// score returns the optimisation score of {i, j} in O(w_i + w_j) time.
func (p *problem) score(i, j int) float64 {
	return p.adjust(i, j, p.mutual(i, j))
}

// qscore returns the score rounded to an integer number of 1/quantum.
func (p *problem) qscore(i, j int) int64 { return quantise(p.score(i, j)) }

func quantise(v float64) int64 { return pairengine.Quantise(v) }

// display returns the 0–100 score shown to people: the mutual rule applied
// to the shares of each partner's need that the other covers
// (teach(A→B)/need(B) and teach(B→A)/need(A)), times 100; for Sum the mean
// of the two shares.
func (p *problem) display(i, j int) float64 {
	ci, cj := 0.0, 0.0
	if p.need[j] > 0 {
		ci = p.teach(i, j) / p.need[j]
	}
	if p.need[i] > 0 {
		cj = p.teach(j, i) / p.need[i]
	}
	v := p.set.Mutual.combine(ci, cj)
	if p.set.Mutual == Sum {
		v /= 2
	}
	return math.Round(1000*math.Min(100*v, 100)) / 1000
}

// scoreBound bounds the score of any pair containing i, given bounds on
// the two teaching directions.
func (p *problem) scoreBound(i int, a, b float64) float64 {
	m := p.set.Mutual.combine(a, b)
	if m <= 0 {
		return 0
	}
	return m + p.softMax + p.bonus[i] + p.maxBonus
}
