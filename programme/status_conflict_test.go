package programme

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCheckStatusEvent(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse(dateFmt, s); return t }
	p := Programme{
		Rounds: []Round{
			{Number: 1, Formed: d("2027-01-04"), Kind: KindPairs,
				Pairs:     []Pair{{A: "a", B: "b", Formed: d("2027-01-04")}, {A: "c", B: "e", Formed: d("2027-02-10")}},
				Unmatched: []Unmatched{{ID: "d"}}},
			{Number: 2, Formed: d("2027-04-07"), Kind: KindPairs, Pairs: []Pair{{A: "a", B: "c", Formed: d("2027-04-07")}}},
			{Number: 3, Formed: d("2027-07-01"), Kind: KindGroups, Groups: []Group{{ID: "g1", Members: []string{"b", "d"}}}},
		},
		Events: []StatusEvent{{Person: "f", Date: d("2027-02-01"), Status: Left}, {Person: "g", Date: d("2027-03-01"), Status: Paused}},
	}
	for _, tc := range []struct {
		ev   StatusEvent
		want string // "" when allowed
	}{
		{StatusEvent{Person: "a", Date: d("2027-04-05"), Status: Left}, "paired with c in round 2 from 2027-04-07"},
		{StatusEvent{Person: "a", Date: d("2027-04-07"), Status: Left}, ""},
		{StatusEvent{Person: "a", Date: d("2027-04-05"), Status: Paused}, "round 2 from 2027-04-07"},
		{StatusEvent{Person: "a", Date: d("2027-04-05"), Status: Paused, Until: d("2027-04-07")}, ""},
		{StatusEvent{Person: "a", Date: d("2027-04-05"), Status: Paused, Until: d("2027-04-08")}, "round 2"},
		{StatusEvent{Person: "a", Date: d("2027-04-05"), Status: Active}, ""},
		{StatusEvent{Person: "e", Date: d("2027-02-01"), Status: Left}, "paired with c in round 1 from 2027-02-10"},
		{StatusEvent{Person: "b", Date: d("2027-06-01"), Status: Left}, "group g1 of round 3 from 2027-07-01"},
		{StatusEvent{Person: "d", Date: d("2027-01-01"), Status: Left}, "round 1 (without a partner) from 2027-01-04"},
		{StatusEvent{Person: "f", Date: d("2027-01-15"), Status: Left}, "they left on 2027-02-01"},
		{StatusEvent{Person: "f", Date: d("2027-03-01"), Status: Left}, "they left on 2027-02-01"},
		{StatusEvent{Person: "f", Date: d("2027-02-01"), Status: Paused}, "they left on 2027-02-01"},
		{StatusEvent{Person: "f", Date: d("2027-01-10"), Status: Paused}, ""},
		{StatusEvent{Person: "g", Date: d("2027-02-01"), Status: Left}, "recorded as pausing on 2027-03-01"},
		{StatusEvent{Person: "g", Date: d("2027-04-01"), Status: Left}, ""},
	} {
		err := CheckStatusEvent(p, tc.ev)
		name := tc.ev.Person + " " + tc.ev.Status.String() + " " + tc.ev.Date.Format(dateFmt)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", name, err)
		case tc.want != "" && (!errors.Is(err, ErrStatusConflict) || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: got %v, want ErrStatusConflict with %q", name, err, tc.want)
		}
	}
}
