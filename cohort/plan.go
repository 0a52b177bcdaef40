package cohort

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/peermatch/peermatch/assign"
	"github.com/peermatch/peermatch/skills"
)

// holderBonus is added to the ownership benefit of a member who holds the
// topic's skill.
const holderBonus = 0.1

// maxBase bounds the ownership benefit of one allowed cell without lead
// preferences: (have + want) / MaxLevel + holderBonus.
const maxBase = 2 + holderBonus

// TopicSource says why a topic is in a group's learning plan.
type TopicSource string

// The sources of topics, in the order plan draws on them.
const (
	// FromWanted: a skill members of the group want.
	FromWanted TopicSource = "wanted"
	// FromHeld: a skill a member holds (have ≥ Threshold) that another
	// member has at a lower level, added when the wanted skills give too
	// few topics for every member to own one.
	FromHeld TopicSource = "held"
	// FromCategory: a category of the catalog (skills.Skill.Category),
	// added when the skills give too few topics; Topic.Skill is then the
	// category's name.
	FromCategory TopicSource = "category"
	// FromCatalog: any other skill of the catalog (most had and wanted in
	// the group first), the last resort: the programme has a member
	// become proficient in the topic they lead.
	FromCatalog TopicSource = "catalog"
)

// planTopic is one topic while a plan is built: a skill index, or k + a
// category index.
type planTopic struct {
	key    int
	name   string
	source TopicSource
}

// cell kinds of the ownership assignment.
const (
	cellAllowed    = iota
	cellUnqualifed // the member neither holds, wants nor asked to lead it
	cellSibling    // the member already facilitates the module's other session
)

// plan chooses the group's topics and their owners.
//
// The topics are the Sessions skills with the highest demand inside the
// group (the sum of the members' want levels; ties by catalog order). When
// those are too few for every member to own one (a topic has
// Facilitators slots), plan adds the skills members hold that another
// member has at a lower level (most useful first: the sum of the levels
// the others lack), then the catalog's categories (most wanted and held
// first), up to Sessions; a member left without a topic is listed in
// Group.NoTopic with the reason.
//
// The owners (with two facilitators, the Exploration then the Reflection
// facilitator of each module) are chosen in rounds by linear assignment of
// members to the slots still unowned, so that everyone owns one slot
// before anyone owns two. A member may own a topic they hold (have level ≥
// Threshold), want to become proficient in, or listed in Person.Lead. The
// assignment first maximises the lead preferences met (a first choice
// counts MaxLead, a second MaxLead−1, …), then the benefit (have + want) /
// MaxLevel, plus holderBonus when the member holds the skill. If no
// assignment of a round avoids the other cells, the fewest such owners are
// used (GroupMetrics.UnqualifiedOwners); a member facilitates both
// sessions of a module only when nothing else is possible.
//
// With m members, t topics, f facilitators a topic and k skills a plan
// takes O(m·k + k log k + ⌈f·t/m⌉·min(m,f·t)²·max(m,f·t)) time.
func (in *instance) plan(ctx context.Context, g *Group) error {
	k := in.k
	f := in.set.facilitators
	ms := make([]int, len(g.Members))
	for x, id := range g.Members {
		ms[x] = in.idx[id]
	}
	demand := make([]int, k)
	for _, i := range ms {
		for _, w := range in.wants[i] {
			demand[w.skill] += int(w.level)
		}
	}
	topics := in.chooseTopics(ms, demand, f)
	// pref[x][key] is the rank (1..MaxLead) of a topic in member x's lead
	// preferences.
	pref := make([]map[int]int, len(ms))
	for x, i := range ms {
		for r, name := range in.r.People[i].Lead {
			if s, ok := in.r.Catalog.Index(name); ok {
				if pref[x] == nil {
					pref[x] = map[int]int{}
				}
				if _, dup := pref[x][s]; !dup {
					pref[x][s] = r + 1
				}
			}
		}
	}
	nslots := len(topics) * f
	owner := make([]int, nslots) // member position in ms, per slot
	for y := range owner {
		owner[y] = -1
	}
	remaining := make([]int, nslots)
	for y := range remaining {
		remaining[y] = y
	}
	for len(remaining) > 0 && len(ms) > 0 {
		rows, cols := len(ms), len(remaining)
		base := make([]float64, rows*cols)
		kind := make([]uint8, rows*cols)
		unit := maxBase*float64(min(rows, cols)) + 1 // one preference point outweighs any base total
		for x, i := range ms {
			for y, slot := range remaining {
				t := topics[slot/f]
				c := x*cols + y
				b, ok := in.ownBenefit(i, t.key)
				if r := pref[x][t.key]; r > 0 && t.key < k {
					b += float64(skills.MaxLead+1-r) * unit
					ok = true
				}
				base[c] = b
				if !ok {
					kind[c] = cellUnqualifed
				}
				if f > 1 {
					for s := slot - slot%f; s < slot-slot%f+f; s++ {
						if s != slot && owner[s] == x {
							kind[c] = cellSibling
						}
					}
				}
			}
		}
		top := float64(min(rows, cols)) * (float64(skills.MaxLead)*unit + maxBase)
		low := -(top + 1)                                 // one unqualified owner costs more than any allowed total differs
		lower := low * (float64(min(rows, cols)) + 1) * 2 // and one double facilitator more than any number of those
		var res assign.Result
		var err error
		for attempt := 0; attempt < 3; attempt++ {
			benefit := make([]float64, len(base))
			for c := range base {
				switch {
				case kind[c] == cellAllowed:
					benefit[c] = base[c]
				case kind[c] == cellUnqualifed && attempt >= 1:
					benefit[c] = low
				case kind[c] == cellSibling && attempt >= 2:
					benefit[c] = lower
				default:
					benefit[c] = math.Inf(-1)
				}
			}
			res, err = assign.Solve(ctx, rows, cols, benefit)
			if !errors.Is(err, assign.ErrInfeasible) {
				break
			}
		}
		if err != nil {
			return err
		}
		var next []int
		for y, slot := range remaining {
			x := res.ColRow[y]
			if x < 0 {
				next = append(next, slot)
				continue
			}
			owner[slot] = x
			t := topics[slot/f]
			if _, ok := in.ownBenefit(ms[x], t.key); !ok && pref[x][t.key] == 0 {
				g.Metrics.UnqualifiedOwners++
			}
		}
		remaining = next
	}
	if f == 2 {
		separateFacilitators(owner)
	}
	g.Topics = make([]Topic, len(topics))
	owns := make([]bool, len(ms))
	for ti, t := range topics {
		tp := Topic{Skill: t.name, Source: t.source}
		if x := owner[ti*f]; x >= 0 {
			tp.Owner = in.r.People[ms[x]].ID
			owns[x] = true
		}
		if f > 1 {
			if x := owner[ti*f+1]; x >= 0 {
				tp.Reflection = in.r.People[ms[x]].ID
				owns[x] = true
			}
		}
		g.Topics[ti] = tp
	}
	g.NoTopic = nil
	for x, i := range ms {
		if !owns[x] {
			g.NoTopic = append(g.NoTopic, Unplaced{ID: in.r.People[i].ID, Reason: in.noTopicReason(len(ms), len(topics), f)})
		}
	}
	in.leadOutcomes(g, ms, topics, owner, pref, demand)
	return nil
}

// separateFacilitators makes the two facilitators of every module
// different members where the rounds left one member on both sessions (a
// corner the round-by-round assignment can reach): it swaps the module's
// Reflection facilitator with that of the first module the member does not
// facilitate. Every member keeps the number of sessions they facilitate.
// owner holds two slots a module. It takes O(t²) time for t modules.
func separateFacilitators(owner []int) {
	t := len(owner) / 2
	for x := 0; x < t; x++ {
		a := owner[2*x]
		if a < 0 || owner[2*x+1] != a {
			continue
		}
		for y := 0; y < t; y++ {
			if y != x && owner[2*y] != a && owner[2*y+1] != a {
				owner[2*x+1], owner[2*y+1] = owner[2*y+1], owner[2*x+1]
				break
			}
		}
	}
}

// ownBenefit returns the base benefit of member i owning topic key and
// whether the member qualifies (holds or wants the skill, or for a
// category one of its skills).
func (in *instance) ownBenefit(i, key int) (float64, bool) {
	k := in.k
	thr := uint8(in.set.Threshold)
	one := func(s int) (float64, bool) {
		h, w := in.have[i*k+s], in.r.People[i].Want[s]
		if h < thr && w == 0 {
			return 0, false
		}
		b := float64(h+w) / skills.MaxLevel
		if h >= thr {
			b += holderBonus
		}
		return b, true
	}
	if key < k {
		return one(key)
	}
	best, ok := 0.0, false
	for _, s := range in.catSkills[key-k] {
		if b, q := one(s); q && (!ok || b > best) {
			best, ok = b, true
		}
	}
	return best, ok
}

// chooseTopics returns the group's topics: the most wanted skills, then,
// while the topics give fewer than one slot a member, held skills others
// could use and the catalog's categories; at most Sessions.
func (in *instance) chooseTopics(ms []int, demand []int, f int) []planTopic {
	k := in.k
	var wanted []int
	for s := 0; s < k; s++ {
		if demand[s] > 0 {
			wanted = append(wanted, s)
		}
	}
	sort.SliceStable(wanted, func(x, y int) bool { return demand[wanted[x]] > demand[wanted[y]] })
	limit := in.set.Sessions
	var topics []planTopic
	for _, s := range wanted {
		if len(topics) == limit {
			break
		}
		topics = append(topics, planTopic{s, in.r.Catalog.Skill(s).Name, FromWanted})
	}
	need := min(limit, (len(ms)+f-1)/f)
	if len(topics) >= need {
		return topics
	}
	// Held skills others could use: Σ over the other members of the levels
	// they lack below the best holder.
	thr := uint8(in.set.Threshold)
	use := make([]int, k)
	var held []int
	for s := 0; s < k; s++ {
		if demand[s] > 0 {
			continue // wanted skills are all topics already
		}
		best, who := uint8(0), -1
		for _, i := range ms {
			if h := in.have[i*k+s]; h >= thr && h > best {
				best, who = h, i
			}
		}
		if who < 0 {
			continue
		}
		for _, i := range ms {
			if h := in.have[i*k+s]; i != who && h < best {
				use[s] += int(best - h)
			}
		}
		if use[s] > 0 {
			held = append(held, s)
		}
	}
	sort.SliceStable(held, func(x, y int) bool { return use[held[x]] > use[held[y]] })
	for _, s := range held {
		if len(topics) == need {
			return topics
		}
		topics = append(topics, planTopic{s, in.r.Catalog.Skill(s).Name, FromHeld})
	}
	// Categories, most wanted and held in the group first.
	interest := make([]int, len(in.cats))
	order := make([]int, len(in.cats))
	for c := range in.cats {
		order[c] = c
		for _, s := range in.catSkills[c] {
			for _, i := range ms {
				interest[c] += int(in.have[i*k+s]) + int(in.r.People[i].Want[s])
			}
		}
	}
	sort.SliceStable(order, func(x, y int) bool { return interest[order[x]] > interest[order[y]] })
	for _, c := range order {
		if len(topics) == need {
			break
		}
		clash := false
		for _, t := range topics {
			if strings.EqualFold(t.name, in.cats[c]) {
				clash = true
			}
		}
		if !clash {
			topics = append(topics, planTopic{k + c, in.cats[c], FromCategory})
		}
	}
	// Any other skill.
	inPlan := make([]bool, k)
	for _, t := range topics {
		if t.key < k {
			inPlan[t.key] = true
		}
	}
	var rest []int
	some := make([]int, k)
	for s := 0; s < k; s++ {
		if inPlan[s] {
			continue
		}
		for _, i := range ms {
			some[s] += int(in.have[i*k+s]) + int(in.r.People[i].Want[s])
		}
		rest = append(rest, s)
	}
	sort.SliceStable(rest, func(x, y int) bool { return some[rest[x]] > some[rest[y]] })
	for _, s := range rest {
		if len(topics) == need {
			break
		}
		clash := false
		for _, t := range topics {
			if strings.EqualFold(t.name, in.r.Catalog.Skill(s).Name) {
				clash = true
			}
		}
		if !clash {
			topics = append(topics, planTopic{s, in.r.Catalog.Skill(s).Name, FromCatalog})
		}
	}
	return topics
}

// noTopicReason says why a member of a group of m with t topics of f
// slots each owns none.
func (in *instance) noTopicReason(m, t, f int) string {
	what := "topics"
	if f > 1 {
		what = fmt.Sprintf("modules of %d facilitators", f)
	}
	if t >= in.set.Sessions {
		return fmt.Sprintf("the plan has %d sessions (Options.Sessions) of %d %s for %d members", in.set.Sessions, t, what, m)
	}
	return fmt.Sprintf("the group's %d members outnumber the %d %s the catalog's skills and categories give", m, t, what)
}

// LeadOutcome is what became of one member's lead preferences
// (skills.Person.Lead): Choice is the rank (1 = first) of the best
// preference among the topics the member owns or facilitates, 0 for none.
// Reason, set when Choice is not 1, says why the first choice (and, when
// Choice is 0, every choice) went elsewhere.
type LeadOutcome struct {
	ID     string `json:"id"`
	Choice int    `json:"choice"`
	Reason string `json:"reason,omitempty"`
}

var ordinals = [...]string{"", "first", "second", "third", "fourth", "fifth"}

func ordinal(r int) string {
	if r > 0 && r < len(ordinals) {
		return ordinals[r]
	}
	return fmt.Sprintf("%dth", r)
}

// leadOutcomes fills g.Lead and the group's lead metrics for the members
// who gave lead preferences.
func (in *instance) leadOutcomes(g *Group, ms []int, topics []planTopic, owner []int, pref []map[int]int, demand []int) {
	f := in.set.facilitators
	g.Lead = nil
	g.Metrics.LeadAsked, g.Metrics.LeadFirst, g.Metrics.LeadNone = 0, 0, 0
	topicOf := map[int]int{}
	for ti, t := range topics {
		if t.key < in.k {
			topicOf[t.key] = ti
		}
	}
	wantedTopics := 0
	for _, t := range topics {
		if t.source == FromWanted {
			wantedTopics++
		}
	}
	reason := func(x int, name string) string {
		s, ok := in.r.Catalog.Index(name)
		if !ok {
			return fmt.Sprintf("%s is not a skill of the survey", name)
		}
		name = in.r.Catalog.Skill(s).Name
		ti, ok := topicOf[s]
		if !ok {
			if demand[s] == 0 {
				return fmt.Sprintf("%s is not a topic: nobody in the group wants it", name)
			}
			return fmt.Sprintf("%s is not a topic: it is not among the group's %d most wanted skills", name, wantedTopics)
		}
		var leads []string
		for y := ti * f; y < ti*f+f; y++ {
			o := owner[y]
			if o < 0 || o == x {
				continue
			}
			p := &in.r.People[ms[o]]
			why := ""
			if r := pref[o][s]; r > 0 {
				why = fmt.Sprintf(", who listed it %s", ordinal(r))
			} else if h := in.have[ms[o]*in.k+s]; int(h) >= in.set.Threshold {
				why = fmt.Sprintf(", who holds it at level %d", h)
			} else if p.Want[s] > 0 {
				why = ", who wants to learn it"
			}
			leads = append(leads, p.ID+why)
		}
		if len(leads) == 0 {
			return fmt.Sprintf("%s has no owner", name)
		}
		return fmt.Sprintf("%s is led by %s", name, strings.Join(leads, " and "))
	}
	for x, i := range ms {
		p := &in.r.People[i]
		if len(p.Lead) == 0 {
			continue
		}
		got := 0
		for y, o := range owner {
			if o != x || topics[y/f].key >= in.k {
				continue
			}
			if r := pref[x][topics[y/f].key]; r > 0 && (got == 0 || r < got) {
				got = r
			}
		}
		out := LeadOutcome{ID: p.ID, Choice: got}
		switch got {
		case 1:
		case 0:
			var why []string
			for _, name := range p.Lead {
				why = append(why, reason(x, name))
			}
			out.Reason = strings.Join(why, "; ")
		default:
			out.Reason = reason(x, p.Lead[0])
		}
		g.Metrics.LeadAsked++
		switch got {
		case 1:
			g.Metrics.LeadFirst++
		case 0:
			g.Metrics.LeadNone++
		}
		g.Lead = append(g.Lead, out)
	}
}

// planAll plans every group of res and totals the plan metrics.
func (in *instance) planAll(ctx context.Context, res *Result) error {
	m := &res.Metrics
	m.LeadAsked, m.LeadFirst, m.LeadNone, m.NoTopic = 0, 0, 0, 0
	for gi := range res.Groups {
		if err := ctx.Err(); err != nil {
			return err
		}
		g := &res.Groups[gi]
		if err := in.plan(ctx, g); err != nil {
			return err
		}
		m.LeadAsked += g.Metrics.LeadAsked
		m.LeadFirst += g.Metrics.LeadFirst
		m.LeadNone += g.Metrics.LeadNone
		m.NoTopic += len(g.NoTopic)
	}
	m.LeadFirstShare, m.LeadNoneShare = 0, 0
	if m.LeadAsked > 0 {
		m.LeadFirstShare = float64(m.LeadFirst) / float64(m.LeadAsked)
		m.LeadNoneShare = float64(m.LeadNone) / float64(m.LeadAsked)
	}
	return nil
}
