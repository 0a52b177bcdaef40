package cohort

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/skills"
)

// asManagers tags every person of r whose position is not a multiple of
// skip (every person when skip is 0) with role=manager, so that the Peer
// Learning Group format, which places managers only, has people to place
// in synthetic rosters (which have no line managers).
func asManagers(r *skills.Roster, skip int) *skills.Roster {
	for i := range r.People {
		if skip > 0 && i%skip == 0 {
			continue
		}
		p := &r.People[i]
		if p.Tags == nil {
			p.Tags = map[string]string{}
		}
		p.Tags["Role"] = " Manager"
	}
	return r
}

// isManager reports whether someone in r reports to id or id's tag role
// is manager, computed independently of Form.
func isManager(r *skills.Roster, id string) bool {
	for _, p := range r.People {
		if p.Manager == id && p.ID != id {
			return true
		}
	}
	for k, v := range r.Person(id).Tags {
		if strings.EqualFold(k, "role") && strings.EqualFold(strings.TrimSpace(v), "manager") {
			return true
		}
	}
	return false
}

// checkPeerLearning asserts the Peer Learning Group rules on res: only
// managers, one grade (within the gap), one focus, one location, two
// different facilitators a module, every member facilitating.
func checkPeerLearning(t *testing.T, r *skills.Roster, opt Options, res *Result) {
	t.Helper()
	set, err := opt.resolve()
	require.NoError(t, err)
	for _, g := range res.Groups {
		locs, grades := map[string]bool{}, map[int]bool{}
		lo, hi := 1<<30, -1<<30
		for _, id := range g.Members {
			p := r.Person(id)
			assert.True(t, isManager(r, id), "%s in group %d manages nobody", id, g.ID)
			locs[strings.ToLower(strings.TrimSpace(p.Location))] = true
			grades[p.Grade] = true
			lo, hi = min(lo, p.Grade), max(hi, p.Grade)
		}
		assert.LessOrEqual(t, hi-lo, set.gap, "grades of group %d", g.ID)
		assert.Len(t, locs, 1, "locations of group %d", g.ID)
		leads := map[string]int{}
		for _, tp := range g.Topics {
			assert.NotEmpty(t, tp.Reflection, "module %s of group %d", tp.Skill, g.ID)
			assert.NotEqual(t, tp.Owner, tp.Reflection, "module %s of group %d has one facilitator", tp.Skill, g.ID)
			leads[tp.Owner]++
			leads[tp.Reflection]++
		}
		assert.Equal(t, len(g.Members), len(leads)+len(g.NoTopic), "every member of group %d facilitates or has a reason", g.ID)
	}
}

func TestPeerLearningManagersOneGradeOneLocation(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		r := asManagers(skills.Synthetic(300, 12, seed, skills.SyntheticOptions{Locations: []string{"Leeds", "Utrecht", "Remote"}}), 4)
		opt := PeerLearningGroup()
		opt.Seed, opt.Iterations = seed, 5000
		res, err := Form(context.Background(), r, opt)
		require.NoError(t, err)
		require.NotEmpty(t, res.Groups)
		checkResult(t, r, opt, res)
		checkPeerLearning(t, r, opt, res)
		for _, u := range res.Unplaced {
			if !isManager(r, u.ID) {
				assert.Contains(t, u.Reason, "manages nobody", "seed %d %s %v", seed, u.ID, r.Person(u.ID).Tags)
			}
		}
		// --max-grade-gap widens the band.
		opt.MaxGradeGap = GradeGap(1)
		wide, err := Form(context.Background(), r, opt)
		require.NoError(t, err)
		checkPeerLearning(t, r, opt, wide)
		assert.LessOrEqual(t, wide.Metrics.Unplaced, res.Metrics.Unplaced)
	}
}

func TestPeerLearningDemo(t *testing.T) {
	r := skills.Demo()
	opt := PeerLearningGroup()
	opt.Seed = 1
	res, err := Form(context.Background(), r, opt)
	require.NoError(t, err)
	checkPeerLearning(t, r, opt, res)
	checkResult(t, r, opt, res)
	assert.Equal(t, r.Len(), res.Metrics.People+res.Metrics.Unplaced)
}

func TestPeerLearningReasons(t *testing.T) {
	cat, _ := skills.NewCatalog(skills.Skill{Name: "A"}, skills.Skill{Name: "B"})
	var people []skills.Person
	add := func(id, focus, loc string, grade int, mgr bool) {
		p := skills.Person{ID: id, Focus: focus, Location: loc, Grade: grade, Have: []uint8{4, 0}, Want: []uint8{0, 3}}
		if mgr {
			p.Tags = map[string]string{"role": "manager"}
		}
		people = append(people, p)
	}
	for x := 0; x < 4; x++ {
		add(fmt.Sprintf("g%d", x), "growth", "Leeds", 5, true)
	}
	add("g9", "growth", "Leeds", 6, true)    // alone at grade 6
	add("r1", "growth", "Remote", 5, true)   // Remote is a location of its own
	add("r2", "growth", "Remote", 5, true)   // two are too few
	add("u1", "burnout", "Utrecht", 5, true) // alone with the focus
	add("n1", "", "Leeds", 5, true)          // no focus
	add("l1", "growth", "", 5, true)         // no location
	add("w1", "growth", "Leeds", 5, false)   // manages nobody
	add("x1", "growth", "Leeds", 5, false)   // manages w2 below
	add("w2", "growth", "Leeds", 4, false)
	people[len(people)-1].Manager = "x1"
	r, err := skills.New(cat, people)
	require.NoError(t, err)
	res, err := Form(context.Background(), r, PeerLearningGroup())
	require.NoError(t, err)
	require.Len(t, res.Groups, 1)
	assert.Equal(t, []string{"g0", "g1", "g2", "g3", "x1"}, res.Groups[0].Members)
	reasons := map[string]string{}
	for _, u := range res.Unplaced {
		reasons[u.ID] = u.Reason
	}
	nobody := "manages nobody in the roster and has no tag role=manager; these groups are of managers"
	assert.Equal(t, map[string]string{
		"g9": `no other manager of grade 6 at Leeds shares focus "growth"`,
		"r1": `only 1 other manager of grade 5 at Remote shares focus "growth"; a group needs at least 3`,
		"r2": `only 1 other manager of grade 5 at Remote shares focus "growth"; a group needs at least 3`,
		"u1": `no other manager of grade 5 at Utrecht shares focus "burnout"`,
		"n1": "no focus given; groups share one focus",
		"l1": "no location given; each group meets at one location",
		"w1": nobody,
		"w2": nobody,
	}, reasons)
	checkPeerLearning(t, r, PeerLearningGroup(), res)

	// Without locations anywhere, location is no rule.
	for i := range people {
		people[i].Location = ""
	}
	r, err = skills.New(cat, people)
	require.NoError(t, err)
	res, err = Form(context.Background(), r, PeerLearningGroup())
	require.NoError(t, err)
	placed := 0
	for _, g := range res.Groups {
		placed += len(g.Members)
	}
	assert.Equal(t, 8, placed, "g0–g3, x1, r1, r2, l1 share grade 5 and growth")
}
