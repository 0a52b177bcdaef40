package pairing

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestManagerByEmail: b1's manager is given as a1's e-mail in another case.
// The roster resolves it to a1's id, so the best pair of handRoster (a1+b1)
// is forbidden; an unmatched manager on a2 reaches Result.Notes.
func TestManagerByEmail(t *testing.T) {
	a1 := person("a1", 1, 1, []uint8{5, 0}, []uint8{0, 5})
	a1.Email = "a1@example.org"
	b1 := person("b1", 1, 5, []uint8{0, 5}, []uint8{5, 0})
	b1.Manager = "A1@Example.ORG"
	a2 := person("a2", 1, 10, []uint8{3, 0}, []uint8{0, 5})
	a2.Manager = "boss@example.org"
	b2 := person("b2", 1, 15, []uint8{0, 3}, []uint8{5, 0})
	r := roster(t, 2, a1, b1, a2, b2)
	require.Equal(t, "a1", r.Person("b1").Manager)
	for _, s := range []Strategy{Optimal, Stable, Greedy, MaxMin} {
		res := mustPairs(t, r, Options{Strategy: s})
		for _, p := range res.Pairs {
			assert.NotEqual(t, [2]string{"a1", "b1"}, [2]string{p.A, p.B}, s.Name())
		}
		assert.Contains(t, res.Notes, `manager "boss@example.org" of "a2" matches no id, e-mail or name in the roster; the line-management rule cannot keep "a2" from being paired with this manager`, s.Name())
	}
}

// With capacities, too, the roster's warnings reach Result.Notes, and a
// manager given by name is kept from their report.
func TestManagerWarningsWithCapacity(t *testing.T) {
	a1 := person("a1", 1, 1, []uint8{5, 0}, []uint8{0, 5})
	a1.Name, a1.Capacity = "Ann One", 2
	b1 := person("b1", 1, 5, []uint8{0, 5}, []uint8{5, 0})
	b1.Manager = "Ann One"
	a2 := person("a2", 1, 10, []uint8{3, 0}, []uint8{0, 5})
	a2.Manager = "boss@example.org"
	b2 := person("b2", 1, 15, []uint8{0, 3}, []uint8{5, 0})
	r := roster(t, 2, a1, b1, a2, b2)
	for _, s := range []Strategy{Optimal, Greedy, Random} {
		res, err := Pairs(context.Background(), r, Options{Strategy: s})
		require.NoError(t, err)
		for _, p := range res.Pairs {
			assert.NotEqual(t, [2]string{"a1", "b1"}, [2]string{p.A, p.B}, s.Name())
		}
		assert.Contains(t, strings.Join(res.Notes, "\n"), `manager "boss@example.org" of "a2" matches no id`, s.Name())
	}
}
