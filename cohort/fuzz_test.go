package cohort

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/skills"
)

// FuzzForm builds a small roster and options from the input and checks that
// Form either fails with one of its sentinel errors or returns a result
// that meets every rule.
func FuzzForm(f *testing.F) {
	f.Add([]byte{12, 3, 5, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 0})
	f.Add([]byte{7, 2, 4, 1, 0, 3, 5, 5, 5, 2, 2, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		at := func(i int) int {
			if len(data) == 0 {
				return 0
			}
			return int(data[i%len(data)])
		}
		n := at(0) % 16
		lo := 1 + at(1)%5
		hi := lo + at(2)%4
		const k = 3
		cat, _ := skills.NewCatalog(skills.Skill{Name: "A"}, skills.Skill{Name: "B"}, skills.Skill{Name: "C"})
		people := make([]skills.Person, n)
		for i := range people {
			p := &people[i]
			p.ID = fmt.Sprintf("p%d", i)
			p.Grade = at(3+i) % 3
			p.Focus = []string{"", "x", "y"}[at(4+i)%3]
			p.Department = []string{"a", "b"}[at(5+i)%2]
			p.Location = []string{"", "Leeds", "Remote"}[at(21+i)%3]
			p.Have, p.Want = make([]uint8, k), make([]uint8, k)
			for s := 0; s < k; s++ {
				p.Have[s] = uint8(at(6+i*7+s) % 6)
				p.Want[s] = uint8(at(9+i*5+s) % 6)
			}
			if i > 0 && at(11+i)%4 == 0 {
				p.Manager = people[at(12+i)%i].ID
			}
		}
		r, err := skills.New(cat, people)
		require.NoError(t, err)
		opt := Options{MinSize: lo, MaxSize: hi, Iterations: 300, Restarts: 1, Sessions: hi + at(13)%4,
			GradeBand: at(14)%3 == 0, SharedFocus: at(15)%3 == 0, MaxPerDepartment: at(16) % 3,
			ManagersOnly: at(18)%5 == 0, SameLocation: at(19)%4 == 0}
		if lo >= 2 && at(20)%3 == 0 {
			opt.Facilitators = 2
		}

		if n > 2 {
			opt.Apart = [][]string{{people[0].ID, people[n-1].ID}}
			opt.Together = [][]string{{people[1].ID, people[at(17)%n].ID}}
			// longer keep-apart lists (overlapping, with repeats) and
			// earlier groups, held by membership
			for l := 0; l < at(22)%3; l++ {
				var ids []string
				for x := 0; x < 2+at(23+l)%n; x++ {
					ids = append(ids, people[at(26+l*5+x)%n].ID)
				}
				opt.Apart = append(opt.Apart, ids)
			}
			for g := 0; g < at(24)%4; g++ {
				var ids []string
				for x := 0; x < 2+at(25+g)%n; x++ {
					ids = append(ids, people[at(30+g*3+x)%n].ID)
				}
				opt.History = append(opt.History, ids)
			}
		}
		res, err := Form(context.Background(), r, opt)
		if err != nil {
			require.True(t, errors.Is(err, ErrSizes) || errors.Is(err, ErrInfeasible), "%v", err)
			return
		}
		checkResult(t, r, opt, res)
	})
}
