package cohort

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/peermatch/peermatch/internal/plural"
	"github.com/peermatch/peermatch/skills"
)

// level is one sparse (skill, level) entry of a person's wants; held
// records that the person also holds the skill.
type level struct {
	skill int32
	level int32
	held  bool
}

// held is one skill a person holds; wanted records that the person also
// wants it.
type held struct {
	skill  int32
	wanted bool
}

// pack copies the inner slices of ss into one backing array, in order, so
// that the search reads each person's data from contiguous memory.
func pack[T any](ss [][]T) [][]T {
	total := 0
	for _, s := range ss {
		total += len(s)
	}
	flat := make([]T, 0, total)
	for i, s := range ss {
		start := len(flat)
		flat = append(flat, s...)
		ss[i] = flat[start:len(flat):len(flat)]
	}
	return ss
}

// stratum is a set of units grouped among themselves only (one focus, or
// everyone), with the number of groups and, under a grade band, the initial
// blocks.
type stratum struct {
	units  []int32   // units placed in this stratum
	size   int       // people placed
	blocks [][]int32 // initial groups as lists of units (grade band only)
	groups int       // number of groups
}

// instance is a roster prepared for the search: sparse skills, units of
// people kept together, conflicts, history, strata and the people left
// unplaced.
type instance struct {
	r   *skills.Roster
	idx map[string]int // id → person
	set settings
	n   int
	k   int

	have  []uint8   // n·k have levels
	wants [][]level // per person: wanted skills with level > 0
	holds [][]held  // per person: skills with have level ≥ threshold
	grade []int
	dept  []int32   // department index, -1 when empty
	tags  [][]int32 // per tag key: per person value index, -1 when empty
	// managerLinks: per person, their manager and direct reports in the
	// roster; apart: the keep-apart lists (see conflict.go)
	managerLinks [][]int32
	apart        memberships
	history      memberships // the earlier groups (Options.History)
	// historyPairs counts the earlier groups of every pair, for a faster
	// shared than history's; nil when they relate too many pairs
	historyPairs *pairCounts
	unitOf       []int32
	units        [][]int32 // members of each unit, ascending
	wStr         []float64 // teaching strength of each unit

	cats      []string // the catalog's categories, in catalog order of first use
	catSkills [][]int  // skills of each category
	manager   []bool   // per person: a manager (Options.ManagersOnly)

	strata   []stratum
	unplaced []Unplaced
	excluded map[int32]string // people set aside by Form with the reason
}

// Unplaced is a person Form could not put in a group, with the reason.
type Unplaced struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// newInstance prepares r for the search. It takes O(n·k + L) time for n
// people, k skills and L ids in the together, apart and history lists, plus
// O(u log u + u·MaxSize) for the strata of u units.
func newInstance(r *skills.Roster, set settings, excluded map[int32]string) (*instance, error) {
	n, k := len(r.People), r.Catalog.Len()
	in := &instance{r: r, set: set, n: n, k: k, excluded: excluded,
		have: make([]uint8, n*k), wants: make([][]level, n), holds: make([][]held, n),
		grade: make([]int, n), dept: make([]int32, n), managerLinks: make([][]int32, n)}
	idx := make(map[string]int, n)
	for i := range r.People {
		idx[r.People[i].ID] = i
	}
	in.idx = idx
	depts := map[string]int32{}
	for i := range r.People {
		p := &r.People[i]
		if len(p.Have) != k || len(p.Want) != k {
			return nil, fmt.Errorf("%w: person %q has %d have and %d want levels for %d skills", skills.ErrInvalidRoster, p.ID, len(p.Have), len(p.Want), k)
		}
		for s := 0; s < k; s++ {
			if p.Have[s] > skills.MaxLevel || p.Want[s] > skills.MaxLevel {
				return nil, fmt.Errorf("%w: person %q has a level above %d", skills.ErrInvalidRoster, p.ID, skills.MaxLevel)
			}
			in.have[i*k+s] = p.Have[s]
			holds := int(p.Have[s]) >= set.Threshold
			if p.Want[s] > 0 {
				in.wants[i] = append(in.wants[i], level{int32(s), int32(p.Want[s]), holds})
			}
			if holds {
				in.holds[i] = append(in.holds[i], held{int32(s), p.Want[s] > 0})
			}
		}
		in.grade[i] = p.Grade
		in.dept[i] = -1
		if d := strings.TrimSpace(p.Department); d != "" {
			key := strings.ToLower(d)
			v, ok := depts[key]
			if !ok {
				v = int32(len(depts))
				depts[key] = v
			}
			in.dept[i] = v
		}
	}
	for _, key := range set.NoIsolatedTags {
		vals := map[string]int32{}
		col := make([]int32, n)
		for i := range r.People {
			col[i] = -1
			if v := strings.TrimSpace(r.People[i].Tags[key]); v != "" {
				lv := strings.ToLower(v)
				x, ok := vals[lv]
				if !ok {
					x = int32(len(vals))
					vals[lv] = x
				}
				col[i] = x
			}
		}
		in.tags = append(in.tags, col)
	}

	// Unknown ids in the hard-rule lists.
	var unknown []string
	seenUnknown := map[string]bool{}
	lookup := func(lists [][]string) [][]int {
		out := make([][]int, len(lists))
		for li, l := range lists {
			for _, id := range l {
				i, ok := idx[id]
				if !ok {
					if !seenUnknown[id] {
						seenUnknown[id] = true
						unknown = append(unknown, id)
					}
					continue
				}
				out[li] = append(out[li], i)
			}
		}
		return out
	}
	together := lookup(set.Together)
	apart := lookup(set.Apart)
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("%w: keep-together/keep-apart lists name %s not in the roster: %s", ErrUnknownID, plural.Count(len(unknown), "person", "people"), quoteList(unknown))
	}

	// Conflicts: keep-apart lists and manager–report pairs.
	in.apart = newMemberships(n, apart)
	for i := range r.People {
		if m, ok := idx[r.People[i].Manager]; ok && r.People[i].Manager != "" {
			in.addManagerLink(i, m)
		}
	}

	// History: the earlier groups, by membership (unknown ids ignored).
	earlier := make([][]int, len(set.History))
	for g, ids := range set.History {
		for _, id := range ids {
			if i, ok := idx[id]; ok {
				earlier[g] = append(earlier[g], i)
			}
		}
	}
	in.history = newMemberships(n, earlier)
	in.historyPairs = newPairCounts(n, earlier)

	catIdx := map[string]int{}
	for s := 0; s < k; s++ {
		c := strings.TrimSpace(r.Catalog.Skill(s).Category)
		if c == "" {
			continue
		}
		key := strings.ToLower(c)
		x, ok := catIdx[key]
		if !ok {
			x = len(in.cats)
			catIdx[key] = x
			in.cats = append(in.cats, c)
			in.catSkills = append(in.catSkills, nil)
		}
		in.catSkills[x] = append(in.catSkills[x], s)
	}
	if set.ManagersOnly {
		in.manager = make([]bool, n)
		for i := range r.People {
			if m, ok := idx[r.People[i].Manager]; ok && r.People[i].Manager != "" && m != i {
				in.manager[m] = true
			}
			for key, v := range r.People[i].Tags {
				if strings.EqualFold(strings.TrimSpace(key), "role") && strings.EqualFold(strings.TrimSpace(v), "manager") {
					in.manager[i] = true
				}
			}
		}
	}

	in.wants, in.holds = pack(in.wants), pack(in.holds)
	in.managerLinks = pack(in.managerLinks)

	if err := in.buildUnits(together); err != nil {
		return nil, err
	}
	if err := in.buildStrata(); err != nil {
		return nil, err
	}
	return in, nil
}

// buildUnits joins the keep-together lists into units (union–find) and
// checks each unit against the other hard rules.
func (in *instance) buildUnits(together [][]int) error {
	parent := make([]int, in.n)
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, l := range together {
		for x := 1; x < len(l); x++ {
			a, b := find(l[0]), find(l[x])
			if a != b {
				if a > b {
					a, b = b, a
				}
				parent[b] = a
			}
		}
	}
	in.unitOf = make([]int32, in.n)
	root := map[int]int32{}
	for i := 0; i < in.n; i++ {
		f := find(i)
		u, ok := root[f]
		if !ok {
			u = int32(len(in.units))
			root[f] = u
			in.units = append(in.units, nil)
		}
		in.unitOf[i] = u
		in.units[u] = append(in.units[u], int32(i))
	}
	ids := func(u []int32) string {
		s := make([]string, len(u))
		for x, i := range u {
			s[x] = in.r.People[i].ID
		}
		return quoteList(s)
	}
	for _, u := range in.units {
		if len(u) == 1 {
			continue
		}
		if len(u) > in.set.MaxSize {
			return fmt.Errorf("%w: keep-together lists join %d people (%s), more than the maximum group size %d", ErrInfeasible, len(u), ids(u), in.set.MaxSize)
		}
		for _, i := range u {
			var clash int32 = -1
			in.eachConflict(i, u, func(j int32) {
				if j > i && clash < 0 {
					clash = j
				}
			})
			if clash >= 0 {
				return fmt.Errorf("%w: %q and %q must be kept together (keep-together lists %s) but may not share a group (keep-apart or manager and direct report)",
					ErrInfeasible, in.r.People[i].ID, in.r.People[clash].ID, ids(u))
			}
		}
	}
	demand := make([]float64, in.k)
	for i := 0; i < in.n; i++ {
		for _, w := range in.wants[i] {
			demand[w.skill] += float64(w.level)
		}
	}
	in.wStr = make([]float64, len(in.units))
	for u, ms := range in.units {
		for _, i := range ms {
			for _, h := range in.holds[i] {
				in.wStr[u] += demand[h.skill] * float64(in.have[int(i)*in.k+int(h.skill)])
			}
		}
	}
	return nil
}

// mayLeaveUnplaced reports whether people who do not fit are set aside in
// Result.Unplaced instead of making Form fail.
func (in *instance) mayLeaveUnplaced() bool {
	return in.set.SharedFocus || in.set.GradeBand || in.set.ManagersOnly || in.set.SameLocation
}

// bucket is the set of units that may share groups: one focus and one
// location when those rules apply.
type bucket struct {
	focus, loc string // labels as the roster spells them
	units      []int32
}

// buildStrata splits the units into strata (by focus when SharedFocus, by
// location when SameLocation) and decides who is placed and how many
// groups each stratum gets. People who may not be placed (not managers
// under ManagersOnly, no focus, no location) are left unplaced first.
func (in *instance) buildStrata() error {
	set := in.set
	var buckets []*bucket
	var kept []int32
	setAside := func(ms []int32, why func(i int32) string) {
		for _, i := range ms {
			in.unplaced = append(in.unplaced, Unplaced{in.r.People[i].ID, why(i)})
		}
	}
	for u, ms := range in.units {
		why := ""
		for _, i := range ms {
			if r, ok := in.excluded[i]; ok {
				why = r
			}
		}
		if why != "" {
			setAside(ms, func(int32) string { return why })
			continue
		}
		if set.ManagersOnly {
			non := int32(-1)
			for _, i := range ms {
				if !in.manager[i] {
					non = i
					break
				}
			}
			if non >= 0 {
				setAside(ms, func(i int32) string {
					if !in.manager[i] {
						return "manages nobody in the roster and has no tag role=manager; these groups are of managers"
					}
					return fmt.Sprintf("kept together with %q, who manages nobody in the roster", in.r.People[non].ID)
				})
				continue
			}
		}
		kept = append(kept, int32(u))
	}
	useLoc := false
	if set.SameLocation {
		for _, u := range kept {
			for _, i := range in.units[u] {
				if strings.TrimSpace(in.r.People[i].Location) != "" {
					useLoc = true
				}
			}
		}
	}
	byKey := map[string]*bucket{}
	for _, u := range kept {
		ms := in.units[u]
		p0 := &in.r.People[ms[0]]
		f0, l0 := "", ""
		if set.SharedFocus {
			f0 = focusKey(p0.Focus)
		}
		if useLoc {
			l0 = focusKey(p0.Location)
		}
		for _, i := range ms[1:] {
			p := &in.r.People[i]
			if set.SharedFocus && focusKey(p.Focus) != f0 {
				return fmt.Errorf("%w: %q and %q must be kept together but have different focus (%q, %q) and groups share one focus",
					ErrInfeasible, p0.ID, p.ID, p0.Focus, p.Focus)
			}
			if useLoc && focusKey(p.Location) != l0 {
				return fmt.Errorf("%w: %q and %q must be kept together but have different locations (%q, %q) and each group meets at one location",
					ErrInfeasible, p0.ID, p.ID, p0.Location, p.Location)
			}
		}
		switch {
		case set.SharedFocus && f0 == "":
			setAside(ms, func(int32) string { return "no focus given; groups share one focus" })
			continue
		case useLoc && l0 == "":
			setAside(ms, func(int32) string { return "no location given; each group meets at one location" })
			continue
		}
		key := f0 + "\x00" + l0
		b, ok := byKey[key]
		if !ok {
			b = &bucket{focus: strings.TrimSpace(p0.Focus), loc: strings.TrimSpace(p0.Location)}
			if !useLoc {
				b.loc = ""
			}
			byKey[key] = b
			buckets = append(buckets, b)
		}
		b.units = append(b.units, u)
	}
	gap := math.MaxInt
	if set.GradeBand {
		gap = set.gap
		for _, ms := range in.units {
			lo, hi := in.gradeSpan(ms)
			if hi-lo > gap {
				return fmt.Errorf("%w: keep-together lists join %s with grades %d to %d, beyond the grade gap %d", ErrInfeasible, quoteIDs(in.r, ms), lo, hi, gap)
			}
		}
	}
	for _, b := range buckets {
		size := 0
		for _, u := range b.units {
			size += len(in.units[u])
		}
		if !in.mayLeaveUnplaced() {
			if size == 0 {
				continue
			}
			g := (size-1)/set.MaxSize + 1 // ⌈size/MaxSize⌉, without overflow
			if g > size/set.MinSize {
				return fmt.Errorf("%w: %s", ErrSizes, sizeAdvice(size, set.MinSize, set.MaxSize))
			}
			// no two people of a keep-apart list share a group: the
			// longest list needs as many groups
			marked := make([]bool, in.n)
			for _, u := range b.units {
				for _, i := range in.units[u] {
					marked[i] = true
				}
			}
			if apart := in.largestApart(marked); apart > g {
				if apart > size/set.MinSize {
					return fmt.Errorf("%w: a keep-apart list names %d people, who need a group each, but %d people make at most %d groups of at least %d",
						ErrInfeasible, apart, size, size/set.MinSize, set.MinSize)
				}
				g = apart
			}
			g = min(g+set.extraGroups, size/set.MinSize)
			in.strata = append(in.strata, stratum{units: b.units, size: size, groups: g})
			continue
		}
		st, out := in.bands(b.units, gap)
		if len(out) > 0 {
			grades := make([]int, 0, size)
			for _, u := range b.units {
				for _, i := range in.units[u] {
					grades = append(grades, in.grade[i])
				}
			}
			sort.Ints(grades)
			for _, u := range out {
				for _, i := range in.units[u] {
					in.unplaced = append(in.unplaced, Unplaced{in.r.People[i].ID, in.leftOutReason(b, grades, i)})
				}
			}
		}
		if st.groups > 0 {
			in.strata = append(in.strata, st)
		}
	}
	sort.Slice(in.unplaced, func(x, y int) bool { return in.unplaced[x].ID < in.unplaced[y].ID })
	return nil
}

// leftOutReason says why person i of bucket b, whose people have the
// sorted grades, is in no group: how many others they could share one
// with, and why that is not enough.
func (in *instance) leftOutReason(b *bucket, grades []int, i int32) string {
	set := in.set
	g := in.grade[i]
	others := len(grades) - 1
	var quals string
	if set.GradeBand {
		lo := sort.SearchInts(grades, g-set.gap)
		hi := sort.SearchInts(grades, g+set.gap+1)
		others = hi - lo - 1
		if set.gap == 0 {
			quals = fmt.Sprintf(" of grade %d", g)
		} else {
			quals = fmt.Sprintf(" within %d grade(s) of grade %d", set.gap, g)
		}
	}
	if b.loc != "" {
		quals += fmt.Sprintf(" at %s", b.loc)
	}
	noun, nouns := "person", "people"
	if set.ManagersOnly {
		noun, nouns = "manager", "managers"
	}
	share, shares := "", ""
	if set.SharedFocus {
		share, shares = fmt.Sprintf(" shares focus %q", b.focus), fmt.Sprintf(" share focus %q", b.focus)
	}
	switch {
	case others == 0:
		if share == "" {
			return fmt.Sprintf("no other %s%s to form a group with", noun, quals)
		}
		return fmt.Sprintf("no other %s%s%s", noun, quals, share)
	case others+1 < set.MinSize:
		verb, n := share, noun
		if others > 1 {
			verb, n = shares, nouns
		}
		return fmt.Sprintf("only %d other %s%s%s; a group needs at least %d", others, n, quals, verb, set.MinSize)
	}
	n, verb := nouns, shares
	if others == 1 {
		n, verb = noun, share
	}
	if set.GradeBand && set.gap > 0 {
		return fmt.Sprintf("%d other %s%s%s, but no group of %d–%d of them with a grade gap of at most %d includes this person", others, n, quals, verb, set.MinSize, set.MaxSize, set.gap)
	}
	return fmt.Sprintf("%d other %s%s%s, but groups of %d–%d cannot include everyone", others, n, quals, verb, set.MinSize, set.MaxSize)
}

func (in *instance) gradeSpan(ms []int32) (lo, hi int) {
	lo, hi = in.grade[ms[0]], in.grade[ms[0]]
	for _, i := range ms[1:] {
		lo, hi = min(lo, in.grade[i]), max(hi, in.grade[i])
	}
	return lo, hi
}

// bands chooses, among units sorted by grade, contiguous blocks of
// MinSize..MaxSize people whose grade span is at most gap, placing as many
// people as possible and, among those, using the fewest groups. (For single
// people, contiguous blocks place as many as any partition of any subset
// would; the tests check this exhaustively on small cases.) It returns
// the stratum and the units left out. It takes O(u log u + u·MaxSize) time
// for u units.
func (in *instance) bands(units []int32, gap int) (stratum, []int32) {
	us := append([]int32(nil), units...)
	lo := make(map[int32]int, len(us))
	hi := make(map[int32]int, len(us))
	for _, u := range us {
		lo[u], hi[u] = in.gradeSpan(in.units[u])
	}
	sort.SliceStable(us, func(x, y int) bool {
		a, b := us[x], us[y]
		if lo[a] != lo[b] {
			return lo[a] < lo[b]
		}
		if hi[a] != hi[b] {
			return hi[a] < hi[b]
		}
		return a < b
	})
	type cell struct {
		placed, groups int
		from           int // start of the last block, or -1 when unit i-1 is skipped
	}
	m := len(us)
	dp := make([]cell, m+1)
	for i := 1; i <= m; i++ {
		dp[i] = cell{dp[i-1].placed, dp[i-1].groups, -1}
		size, top := 0, math.MinInt
		for j := i - 1; j >= 0; j-- {
			u := us[j]
			size += len(in.units[u])
			if size > in.set.MaxSize {
				break
			}
			top = max(top, hi[u])
			if gap != math.MaxInt && top-lo[u] > gap {
				// lo is non-decreasing in j, so the span only grows as j falls.
				break
			}
			if size < in.set.MinSize {
				continue
			}
			c := cell{dp[j].placed + size, dp[j].groups + 1, j}
			if c.placed > dp[i].placed || (c.placed == dp[i].placed && c.groups < dp[i].groups) {
				dp[i] = c
			}
		}
	}
	var st stratum
	var out []int32
	for i := m; i > 0; {
		c := dp[i]
		if c.from < 0 {
			out = append(out, us[i-1])
			i--
			continue
		}
		block := append([]int32(nil), us[c.from:i]...)
		st.blocks = append(st.blocks, block)
		st.units = append(st.units, block...)
		for _, u := range block {
			st.size += len(in.units[u])
		}
		i = c.from
	}
	// Blocks were collected from the top grade down; put them in order.
	for x, y := 0, len(st.blocks)-1; x < y; x, y = x+1, y-1 {
		st.blocks[x], st.blocks[y] = st.blocks[y], st.blocks[x]
	}
	sort.Slice(st.units, func(x, y int) bool { return st.units[x] < st.units[y] })
	st.groups = len(st.blocks)
	return st, out
}

func focusKey(f string) string { return strings.ToLower(strings.TrimSpace(f)) }

// sizeAdvice explains why n people cannot be split into groups of lo–hi and
// what would work.
func sizeAdvice(n, lo, hi int) string {
	// ⌈n/hi⌉ without n+hi−1, which overflows for a MaxSize near math.MaxInt
	g := n / hi
	if n%hi != 0 {
		g++
	}
	var ways []string
	if n/g >= 1 {
		ways = append(ways, fmt.Sprintf("allow %d–%d", n/g, hi))
	}
	if g > 1 {
		ways = append(ways, fmt.Sprintf("allow %d–%d", lo, (n+g-2)/(g-1)))
	}
	add := g*lo - n
	if add == 1 {
		ways = append(ways, "add one person")
	} else {
		ways = append(ways, fmt.Sprintf("add %d people", add))
	}
	advice := strings.Join(ways[:len(ways)-1], ", ") + " or " + ways[len(ways)-1]
	if len(ways) == 1 {
		advice = ways[0]
	}
	noun := "people"
	if n == 1 {
		noun = "person"
	}
	return fmt.Sprintf("%d %s cannot be split into groups of %d–%d: %s", n, noun, lo, hi, advice)
}

func quoteList(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = fmt.Sprintf("%q", id)
	}
	return strings.Join(q, ", ")
}

func quoteIDs(r *skills.Roster, ms []int32) string {
	s := make([]string, len(ms))
	for x, i := range ms {
		s[x] = r.People[i].ID
	}
	return quoteList(s)
}
