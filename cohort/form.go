package cohort

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/peermatch/peermatch/skills"
)

// Topic is one topic of a group's learning plan and the member who owns it:
// who learns it well enough and leads the session on it.
//
// With two facilitators a topic (Options.Facilitators, the Peer Learning
// Group's modules) the topic is a module of two sessions: Owner
// facilitates the first (Exploration) and Reflection the second, and the
// two are different members whenever the group has two. A schedule built
// from the plan uses exactly these members for these sessions.
type Topic struct {
	// Skill is the skill's catalog name, or the category's name when
	// Source is FromCategory.
	Skill string `json:"skill"`
	// Owner is the member who leads the topic (with two facilitators, its
	// first session); empty only when the group has no members.
	Owner string `json:"owner"`
	// Reflection is the member who facilitates the module's second session
	// when Options.Facilitators is 2; empty otherwise.
	Reflection string `json:"reflection,omitempty"`
	// Source says why the topic is in the plan; empty in documents written
	// before it was recorded.
	Source TopicSource `json:"source,omitempty"`
}

// GroupMetrics are the parts of a group's score (see Weights).
type GroupMetrics struct {
	// Score is the group's quality minus its soft penalties.
	Score float64 `json:"score"`
	// Teachability is the share of the members' want levels held (have
	// level ≥ Threshold) by another member; 1 when nobody wants anything.
	Teachability float64 `json:"teachability"`
	// Roles is the share of members who hold a skill another member wants.
	Roles float64 `json:"roles"`
	// Size is the number of members.
	Size int `json:"size"`
	// DepartmentExcess counts members above Options.MaxPerDepartment.
	DepartmentExcess int `json:"department_excess"`
	// Isolated counts members alone with their value of a NoIsolatedTags key
	// (once per key).
	Isolated int `json:"isolated"`
	// Repeats is Σ c² over pairs of members together c times before.
	Repeats int `json:"repeats"`
	// UnqualifiedOwners counts topic slots whose owner neither holds nor
	// wants the skill, nor asked to lead it (the fallback of the learning
	// plan).
	UnqualifiedOwners int `json:"unqualified_owners"`
	// LeadAsked counts members who gave lead preferences
	// (skills.Person.Lead); LeadFirst those of them who own their first
	// choice and LeadNone those who own none of their choices.
	LeadAsked int `json:"lead_asked"`
	LeadFirst int `json:"lead_first"`
	LeadNone  int `json:"lead_none"`
}

// Group is one learning group.
type Group struct {
	ID      int          `json:"id"`
	Members []string     `json:"members"`
	Topics  []Topic      `json:"topics"`
	Metrics GroupMetrics `json:"metrics"`
	// NoTopic lists the members who own no topic, with the reason (the
	// group's skills and the catalog's categories give too few topics).
	// Everyone else owns at least one.
	NoTopic []Unplaced `json:"no_topic,omitempty"`
	// Lead says, for each member who gave lead preferences, which choice
	// they got and why not the first (in member order).
	Lead []LeadOutcome `json:"lead,omitempty"`
	// Focus is the shared focus when Options.SharedFocus is set. It is not
	// part of the JSON document.
	Focus string `json:"-"`
}

// Metrics summarise a Result: the objective and its parts over all groups,
// and the work the search did.
type Metrics struct {
	// Objective is (1 − Balance)·MeanScore + Balance·MinScore.
	Objective float64 `json:"objective"`
	MinScore  float64 `json:"min_score"`
	MeanScore float64 `json:"mean_score"`
	MaxScore  float64 `json:"max_score"`
	// Spread is MaxScore − MinScore.
	Spread float64 `json:"spread"`
	// Teachability is the share of all placed people's want levels held by
	// another member of their group.
	Teachability float64 `json:"teachability"`
	// Roles is the share of placed people who hold a skill another member
	// of their group wants.
	Roles            float64 `json:"roles"`
	DepartmentExcess int     `json:"department_excess"`
	Isolated         int     `json:"isolated"`
	Repeats          int     `json:"repeats"`
	Groups           int     `json:"groups"`
	People           int     `json:"people"`
	Unplaced         int     `json:"unplaced"`
	// NoTopic counts placed people who own no topic (Group.NoTopic).
	NoTopic int `json:"no_topic"`
	// LeadAsked, LeadFirst and LeadNone total the groups' lead metrics;
	// LeadFirstShare and LeadNoneShare are LeadFirst and LeadNone over
	// LeadAsked (0 when nobody gave preferences).
	LeadAsked      int     `json:"lead_asked"`
	LeadFirst      int     `json:"lead_first"`
	LeadNone       int     `json:"lead_none"`
	LeadFirstShare float64 `json:"lead_first_share"`
	LeadNoneShare  float64 `json:"lead_none_share"`
	// Iterations, MovesAccepted and Restarts are the work of the search;
	// TimedOut reports that Options.TimeLimit cut it short.
	Iterations    int  `json:"iterations"`
	MovesAccepted int  `json:"moves_accepted"`
	Restarts      int  `json:"restarts"`
	TimedOut      bool `json:"timed_out"`
}

// Result is a partition of a roster into learning groups.
type Result struct {
	Groups []Group `json:"groups"`
	// Unplaced lists the people not placed, with the reason for each
	// (only formats with SharedFocus, GradeBand, ManagersOnly or
	// SameLocation leave people out); Metrics.Unplaced counts them. It is
	// written under the "remainder" key, which platforms read.
	Unplaced []Unplaced `json:"remainder,omitempty"`
	Metrics  Metrics    `json:"metrics"`
	// names and emails map ids to the roster's names and e-mail addresses
	// for the writers; a Result read by ReadJSON has those its document
	// lists under "people".
	names, emails map[string]string
}

// Form partitions the roster into learning groups and plans each group's
// topics. Everyone is in exactly one group of MinSize..MaxSize people, except
// that with SharedFocus, GradeBand, ManagersOnly or SameLocation the people
// who fit no group are listed,
// with a reason each, in Result.Unplaced; there, when the search cannot
// separate a manager from a direct report (or two people kept apart) within
// the groups open to them, the report (or the later id) is set aside with
// the reason and the groups are formed again. Form uses the fewest groups
// the sizes allow (per focus and grade band, when those apply), and more
// when fewer cannot keep apart who must be.
//
// Form returns an error wrapping ErrInvalidOptions for invalid options, ErrSizes
// when the sizes cannot partition the people (the message says what would
// work), ErrUnknownID when a keep-together or keep-apart list names someone
// not in the roster, ErrInfeasible when the hard rules cannot be met, and
// ctx.Err() when ctx is cancelled.
//
// Form starts each restart from a construction (a snake draft by teaching
// strength that avoids conflicts, or the grade bands) and improves it by
// simulated annealing over moves and swaps of people (or keep-together
// units) between groups. With I iterations per restart, R restarts, n people
// and groups of at most m members with s wanted and held skills each, it runs
// in O(R·(I·m·(s + m·h) + n log n)) time, h being the earlier groups and
// keep-apart lists naming a person (at least 1), plus O(G·(m·k + ⌈f·t/m⌉·min(m,f·t)²·max(m,f·t))) for the
// learning plans of G groups with t topics of f facilitators and k skills. The result depends only on the
// roster, the options and the seed, unless TimeLimit cuts the search short.
func Form(ctx context.Context, r *skills.Roster, opt Options) (*Result, error) {
	if r == nil {
		return nil, fmt.Errorf("%w: nil roster", skills.ErrInvalidRoster)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	set, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	if r.Catalog == nil {
		return nil, fmt.Errorf("%w: nil catalog", skills.ErrInvalidRoster)
	}
	var deadline time.Time
	if set.TimeLimit > 0 {
		deadline = time.Now().Add(set.TimeLimit)
	}
	var (
		in       *instance
		st       *state
		work     stats
		excluded map[int32]string
	)
	for {
		in, err = newInstance(r, set, excluded)
		if err != nil {
			return nil, err
		}
		var w stats
		st, w, err = in.search(ctx, deadline)
		if err != nil {
			return nil, err
		}
		work.iterations += w.iterations
		work.accepted += w.accepted
		work.restarts += w.restarts
		work.timedOut = work.timedOut || w.timedOut
		if st.hard == 0 {
			break
		}
		// More, smaller groups may keep apart who must be: try one more
		// group per stratum while the minimum size allows it.
		if !in.mayLeaveUnplaced() {
			if !in.canGrow() {
				return nil, in.infeasible(st)
			}
			set.extraGroups++
			continue
		}
		// In the formats that set people aside, a person who cannot share
		// the only groups open to them with someone is set aside; then the
		// groups are formed again.
		out := in.conflicted(st)
		if len(out) == 0 {
			return nil, in.infeasible(st)
		}
		if excluded == nil {
			excluded = map[int32]string{}
		}
		for i, why := range out {
			excluded[i] = why
		}
	}
	res := in.result(st, work)
	if err := in.planAll(ctx, res); err != nil {
		return nil, err
	}
	return res, nil
}

// canGrow reports whether some stratum could have one more group within
// the minimum size.
func (in *instance) canGrow() bool {
	for _, s := range in.strata {
		if s.groups < s.size/in.set.MinSize {
			return true
		}
	}
	return false
}

// infeasible describes the hard rules the best partition still breaks.
func (in *instance) infeasible(st *state) error {
	var broken []string
	for _, ms := range st.members {
		for _, i := range ms {
			in.eachConflict(i, ms, func(j int32) {
				if j > i {
					a, b := &in.r.People[i], &in.r.People[j]
					why := "keep-apart"
					if a.Manager == b.ID || b.Manager == a.ID {
						why = "manager and direct report"
					}
					broken = append(broken, fmt.Sprintf("%q and %q share a group (%s)", a.ID, b.ID, why))
				}
			})
		}
		if in.set.GradeBand && len(ms) > 0 {
			lo, hi := in.gradeSpan(ms)
			if hi-lo > in.set.gap {
				broken = append(broken, fmt.Sprintf("a group spans grades %d–%d (gap %d allowed)", lo, hi, in.set.gap))
			}
		}
	}
	sort.Strings(broken)
	more := ""
	if len(broken) > 10 {
		more = fmt.Sprintf(" and %d more", len(broken)-10)
		broken = broken[:10]
	}
	return fmt.Errorf("%w: the best partition found still breaks %s%s", ErrInfeasible, strings.Join(broken, "; "), more)
}

// conflicted chooses, for every pair of people who may not share a group
// but do, one to set aside: the direct report of a manager, or the later id
// of a keep-apart pair. It returns them with the reason.
func (in *instance) conflicted(st *state) map[int32]string {
	out := map[int32]string{}
	for _, ms := range st.members {
		sorted := append([]int32(nil), ms...)
		sort.Slice(sorted, func(x, y int) bool { return sorted[x] < sorted[y] })
		for _, i := range sorted {
			if _, gone := out[i]; gone {
				continue
			}
			var js []int32
			in.eachConflict(i, sorted, func(j int32) { js = append(js, j) })
			for _, j := range js {
				if _, gone := out[j]; gone {
					continue
				}
				a, b := &in.r.People[i], &in.r.People[j]
				switch {
				case b.Manager == a.ID:
					out[j] = fmt.Sprintf("their manager %q is in the only group open to them", a.ID)
				case a.Manager == b.ID:
					out[i] = fmt.Sprintf("their manager %q is in the only group open to them", b.ID)
				case a.ID < b.ID:
					out[j] = fmt.Sprintf("kept apart from %q, who is in the only group open to them", a.ID)
				default:
					out[i] = fmt.Sprintf("kept apart from %q, who is in the only group open to them", b.ID)
				}
				if _, gone := out[i]; gone {
					break
				}
			}
		}
	}
	return out
}

// result turns the search state into a Result (without learning plans).
func (in *instance) result(st *state, work stats) *Result {
	res := &Result{Groups: []Group{}, Unplaced: in.unplaced, names: make(map[string]string, in.n), emails: make(map[string]string, in.n)}
	for i := range in.r.People {
		res.names[in.r.People[i].ID] = in.r.People[i].Name
		res.emails[in.r.People[i].ID] = in.r.People[i].Email
	}
	m := &res.Metrics
	teachNum, teachDen, roles, size := 0, 0, 0, 0
	for g, ms := range st.members {
		e := st.eval[g]
		grp := Group{Members: make([]string, len(ms)), Topics: []Topic{}, Metrics: GroupMetrics{
			Score: e.score, Teachability: e.teachability(), Roles: e.roleShare(), Size: e.size,
			DepartmentExcess: e.deptExcess, Isolated: e.isolated, Repeats: e.repeats}}
		for x, i := range ms {
			grp.Members[x] = in.r.People[i].ID
		}
		sort.Strings(grp.Members)
		if in.set.SharedFocus && len(ms) > 0 {
			grp.Focus = strings.TrimSpace(in.r.People[ms[0]].Focus)
		}
		res.Groups = append(res.Groups, grp)
		teachNum += e.teachNum
		teachDen += e.teachDen
		roles += e.roles
		size += e.size
		m.DepartmentExcess += e.deptExcess
		m.Isolated += e.isolated
		m.Repeats += e.repeats
		if g == 0 || e.score < m.MinScore {
			m.MinScore = e.score
		}
		if g == 0 || e.score > m.MaxScore {
			m.MaxScore = e.score
		}
	}
	sort.Slice(res.Groups, func(x, y int) bool { return res.Groups[x].Members[0] < res.Groups[y].Members[0] })
	for g := range res.Groups {
		res.Groups[g].ID = g + 1
	}
	m.Objective = st.exactObjective()
	if len(st.members) > 0 {
		m.MeanScore = st.sum / float64(len(st.members))
	}
	m.Spread = m.MaxScore - m.MinScore
	m.Teachability = 1
	if teachDen > 0 {
		m.Teachability = float64(teachNum) / float64(teachDen)
	}
	if size > 0 {
		m.Roles = float64(roles) / float64(size)
	}
	m.Groups = len(res.Groups)
	m.People = size
	m.Unplaced = len(res.Unplaced)
	m.Iterations, m.MovesAccepted, m.Restarts, m.TimedOut = work.iterations, work.accepted, work.restarts, work.timedOut
	return res
}
