package schedule

import (
	"fmt"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/skills"
)

// GroupID returns the schedule group id of cohort group number id: "G1",
// "G2", … It is the id GroupsFromCohort gives each group.
func GroupID(id int) string { return fmt.Sprintf("G%d", id) }

// GroupsFromCohort turns the groups of a cohort result into schedule groups,
// taking each member's name, email and unavailable dates from the roster.
// Topic owners (and a Peer Learning module's Reflection facilitator) and
// order are kept, so that the plan has the facilitators the groups name. It returns an error wrapping
// ErrInvalidInput when a member is not in the roster.
//
// It takes O(total members) time.
func GroupsFromCohort(r *skills.Roster, res *cohort.Result) ([]Group, error) {
	groups := make([]Group, 0, len(res.Groups))
	for _, g := range res.Groups {
		sg := Group{ID: GroupID(g.ID)}
		for _, id := range g.Members {
			m, err := memberOf(r, id)
			if err != nil {
				return nil, fmt.Errorf("group %d: %w", g.ID, err)
			}
			sg.Members = append(sg.Members, m)
		}
		for _, t := range g.Topics {
			sg.Topics = append(sg.Topics, Topic{Skill: t.Skill, Owner: t.Owner, Reflection: t.Reflection})
		}
		groups = append(groups, sg)
	}
	return groups, nil
}

// PairsFromPairing turns the pairs of a pairing result into schedule pairs
// for check-ins, taking names, emails and unavailable dates from the
// roster. A trio's third member is scheduled as a pair with each of the
// other two is not: the trio's check-ins are those of its pair A–B, which C
// attends too only when the plan's attendees are widened by the caller; to
// keep things simple and explicit a trio is returned as pair A–B and pair
// A–C. It returns an error wrapping ErrInvalidInput when a person is not in
// the roster.
func PairsFromPairing(r *skills.Roster, res *pairing.Result) ([]Pair, error) {
	var pairs []Pair
	add := func(a, b string) error {
		ma, err := memberOf(r, a)
		if err != nil {
			return err
		}
		mb, err := memberOf(r, b)
		if err != nil {
			return err
		}
		pairs = append(pairs, Pair{A: ma, B: mb})
		return nil
	}
	for _, p := range res.Pairs {
		if err := add(p.A, p.B); err != nil {
			return nil, err
		}
		if p.C != "" {
			if err := add(p.A, p.C); err != nil {
				return nil, err
			}
		}
	}
	return pairs, nil
}

func memberOf(r *skills.Roster, id string) (Member, error) {
	p := r.Person(id)
	if p == nil {
		return Member{}, fmt.Errorf("%w: %q is not in the roster", ErrInvalidInput, id)
	}
	return Member{ID: p.ID, Name: p.Name, Email: p.Email, Unavailable: p.Unavailable}, nil
}
