package cohort

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/skills"
)

// checkEveryoneOwns asserts that every member of every group owns a topic
// or is listed in NoTopic with a reason, and never both.
func checkEveryoneOwns(t *testing.T, res *Result) {
	t.Helper()
	for _, g := range res.Groups {
		owns := map[string]bool{}
		for _, tp := range g.Topics {
			owns[tp.Owner] = true
			if tp.Reflection != "" {
				owns[tp.Reflection] = true
			}
		}
		without := map[string]bool{}
		for _, u := range g.NoTopic {
			assert.NotEmpty(t, u.Reason)
			without[u.ID] = true
		}
		for _, id := range g.Members {
			assert.True(t, owns[id] != without[id], "%s in group %d: owns %v, listed without a topic %v", id, g.ID, owns[id], without[id])
		}
	}
}

func TestEveryoneOwnsDemo(t *testing.T) {
	r := skills.Demo()
	for _, opt := range []Options{PeerMentoringTeam(), {}} {
		opt.Seed = 1
		res, err := Form(context.Background(), r, opt)
		require.NoError(t, err)
		checkEveryoneOwns(t, res)
		assert.Zero(t, res.Metrics.NoTopic)
		for _, g := range res.Groups {
			assert.Empty(t, g.NoTopic, "group %d", g.ID)
		}
	}
}

func TestEveryoneOwnsSynthetic200(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		r := skills.Synthetic(200, 12, seed, skills.SyntheticOptions{WantMin: 1, WantMax: 2})
		opt := PeerMentoringTeam()
		opt.Seed, opt.Iterations = seed, 20000
		res, err := Form(context.Background(), r, opt)
		require.NoError(t, err)
		checkEveryoneOwns(t, res)
		assert.Zero(t, res.Metrics.NoTopic, "seed %d", seed)
	}
}

// A group whose wanted skills run out takes a held skill, then a category;
// a member who still owns nothing is listed with the reason.
func TestTopicsBeyondWanted(t *testing.T) {
	cat, _ := skills.NewCatalog(skills.Skill{Name: "A", Category: "people"}, skills.Skill{Name: "B", Category: "people"}, skills.Skill{Name: "C", Category: "delivery"})
	p := func(id string, have, want []uint8) skills.Person {
		return skills.Person{ID: id, Have: have, Want: want}
	}
	people := []skills.Person{
		p("a", []uint8{5, 0, 0}, []uint8{0, 0, 0}),
		p("b", []uint8{0, 4, 0}, []uint8{3, 0, 0}), // only A is wanted
		p("c", []uint8{0, 0, 0}, []uint8{0, 0, 0}),
		p("d", []uint8{0, 0, 0}, []uint8{0, 0, 0}),
	}
	r, err := skills.New(cat, people)
	require.NoError(t, err)
	res, err := Form(context.Background(), r, Options{MinSize: 4, MaxSize: 4})
	require.NoError(t, err)
	g := res.Groups[0]
	var got []Topic
	for _, tp := range g.Topics {
		got = append(got, Topic{Skill: tp.Skill, Source: tp.Source})
	}
	assert.Equal(t, []Topic{{Skill: "A", Source: FromWanted}, {Skill: "B", Source: FromHeld}, {Skill: "people", Source: FromCategory}, {Skill: "delivery", Source: FromCategory}}, got)
	checkEveryoneOwns(t, res)
	assert.Empty(t, g.NoTopic)

	// Six members, five topics at most (A, B, people, delivery, C).
	people = append(people, p("e", []uint8{0, 0, 0}, []uint8{0, 0, 0}), p("f", []uint8{0, 0, 0}, []uint8{0, 0, 0}))
	r, err = skills.New(cat, people)
	require.NoError(t, err)
	res, err = Form(context.Background(), r, Options{MinSize: 6, MaxSize: 6})
	require.NoError(t, err)
	checkEveryoneOwns(t, res)
	assert.Equal(t, FromCatalog, res.Groups[0].Topics[4].Source)
	require.Len(t, res.Groups[0].NoTopic, 1)
	assert.Equal(t, "the group's 6 members outnumber the 5 topics the catalog's skills and categories give", res.Groups[0].NoTopic[0].Reason)
	assert.Equal(t, 1, res.Metrics.NoTopic)
	var text bytes.Buffer
	require.NoError(t, WriteText(&text, res))
	assert.Contains(t, text.String(), "owns no topic: the group's 6 members")
}

// Lead preferences are met before have and want levels count: the
// assignment is exact, so the total of met preferences (first choice
// worth most) is the most possible.
func TestLeadPreferences(t *testing.T) {
	cat, _ := skills.NewCatalog(skills.Skill{Name: "A"}, skills.Skill{Name: "B"}, skills.Skill{Name: "C"}, skills.Skill{Name: "D"})
	w := []uint8{2, 2, 2, 0}
	people := []skills.Person{
		{ID: "a", Have: []uint8{5, 0, 0, 0}, Want: []uint8{0, 2, 2, 0}, Lead: []string{"B"}},      // gets B though a holds A
		{ID: "b", Have: []uint8{0, 5, 0, 0}, Want: []uint8{2, 0, 2, 0}, Lead: []string{"B", "A"}}, // B taken by a? both first: one wins
		{ID: "c", Have: []uint8{0, 0, 5, 0}, Want: w, Lead: []string{"D", "C"}},                   // D: nobody wants it
		{ID: "d", Have: []uint8{0, 0, 0, 0}, Want: []uint8{2, 2, 2, 0}, Lead: nil},                // asked nothing
	}
	r, err := skills.New(cat, people)
	require.NoError(t, err)
	res, err := Form(context.Background(), r, Options{MinSize: 4, MaxSize: 4})
	require.NoError(t, err)
	g := res.Groups[0]
	checkEveryoneOwns(t, res)
	out := map[string]LeadOutcome{}
	for _, l := range g.Lead {
		out[l.ID] = l
	}
	// The best total: a gets B (first), b A (second), c D (first: a lead
	// preference is enough to own a topic), d what is left.
	assert.Equal(t, map[string]LeadOutcome{
		"a": {ID: "a", Choice: 1},
		"b": {ID: "b", Choice: 2, Reason: "B is led by a, who listed it first"},
		"c": {ID: "c", Choice: 1},
	}, out)
	assert.Zero(t, g.Metrics.UnqualifiedOwners)
	assert.Equal(t, GroupMetrics{LeadAsked: 3, LeadFirst: 2}, GroupMetrics{LeadAsked: g.Metrics.LeadAsked, LeadFirst: g.Metrics.LeadFirst, LeadNone: g.Metrics.LeadNone})
	assert.InDelta(t, 2.0/3, res.Metrics.LeadFirstShare, 1e-12)
	assert.Zero(t, res.Metrics.LeadNoneShare)

	// Without D in the catalog's reach (four topics are enough once d
	// wants nothing new), c's reasons name each choice.
	people[2].Lead = []string{"D"}
	people = people[:3]
	r, err = skills.New(cat, people)
	require.NoError(t, err)
	res, err = Form(context.Background(), r, Options{MinSize: 3, MaxSize: 3})
	require.NoError(t, err)
	for _, l := range res.Groups[0].Lead {
		if l.ID == "c" {
			assert.Equal(t, LeadOutcome{ID: "c", Choice: 0, Reason: "D is not a topic: nobody in the group wants it"}, l)
		}
	}
	assert.Equal(t, 1, res.Metrics.LeadNone)
}
