package programme

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/peermatch/peermatch/pairing"
)

// historyOf returns the pair rounds of rounds as a pairing.History: every
// pair a round ever had (dissolved ones too) is a repeat, and the people
// left without a partner (Round.Unmatched, plus extra for the last round)
// are the last round's unmatched, whom pairing favours. Group rounds are
// left out: sharing a group is not having been a pair.
func historyOf(rounds []Round, extra []string) *pairing.History {
	h := &pairing.History{}
	for _, r := range rounds {
		if r.Kind == KindGroups {
			continue
		}
		hr := pairing.Round{Round: r.Number}
		for _, p := range r.Pairs {
			hr.Groups = append(hr.Groups, []string{p.A, p.B})
		}
		for _, u := range r.Unmatched {
			hr.Unmatched = append(hr.Unmatched, u.ID)
		}
		h.Rounds = append(h.Rounds, hr)
	}
	if n := len(h.Rounds); n > 0 && len(extra) > 0 {
		seen := map[string]bool{}
		for _, id := range h.Rounds[n-1].Unmatched {
			seen[id] = true
		}
		for _, id := range extra {
			if !seen[id] {
				seen[id] = true
				h.Rounds[n-1].Unmatched = append(h.Rounds[n-1].Unmatched, id)
			}
		}
		sort.Strings(h.Rounds[n-1].Unmatched)
	}
	return h
}

// failedPairs returns every pair of rounds dissolved as failed, plus extra,
// merged into a copy of never (a pairing.Options.Never map).
func withNever(never map[string][]string, pairs [][2]string) map[string][]string {
	out := make(map[string][]string, len(never)+len(pairs))
	for k, v := range never {
		out[k] = append([]string(nil), v...)
	}
	for _, p := range pairs {
		out[p[0]] = append(out[p[0]], p[1])
	}
	return out
}

func failedPairs(rounds []Round) [][2]string {
	var out [][2]string
	for _, r := range rounds {
		for _, p := range r.Pairs {
			if p.Reason == DissolvedFailed {
				a, b := order2(p.A, p.B)
				out = append(out, [2]string{a, b})
			}
		}
	}
	return out
}

// ErrStatusConflict: a status change that contradicts the recorded
// history (a second leave, a change after leaving, a leave or pause dated
// before a round or pair the person is in).
var ErrStatusConflict = errors.New("contradicts the recorded history")

// CheckStatusEvent reports whether ev can be added to p's history (p.Events
// and p.Rounds; p.Roster, when set, names people in the message) without
// contradicting it, and returns an error wrapping ErrStatusConflict when
// not:
//
//   - leaving is final: a person has at most one Left event, and none of
//     their events is dated on or after it (nor may a leave precede a
//     recorded later change);
//   - a Left event on day d, or a Paused one from d until u (open ended
//     when u is zero), may not precede a pair, group or unpaired entry of
//     the person that starts after d (and before u): a round skips people
//     who have left or are paused, so such a round could not have included
//     them. A pair starts on its Formed day (the round's when zero), a
//     group or unpaired entry on the round's date. A change on the very
//     day a round or pair starts is allowed: it ends that pair.
//
// Checks that depend only on the status on d (resuming someone not
// paused, pausing someone paused) are the caller's. It takes O(e + m) time
// for e events and m members of rounds.
func CheckStatusEvent(p Programme, ev StatusEvent) error {
	names := rosterNames(p.Roster)
	who := personName(names, ev.Person)
	what := map[Status]string{Left: "leave", Paused: "pause", Active: "return"}[ev.Status]
	fail := func(format string, args ...any) error {
		return fmt.Errorf("the %s of %s on %s %w: %s", what, who, ev.Date.Format(dateFmt), ErrStatusConflict, fmt.Sprintf(format, args...))
	}
	var left *StatusEvent
	var later *StatusEvent
	for i := range p.Events {
		e := &p.Events[i]
		if e.Person != ev.Person {
			continue
		}
		if e.Status == Left && (left == nil || e.Date.Before(left.Date)) {
			left = e
		}
		if e.Date.After(ev.Date) && (later == nil || e.Date.Before(later.Date)) {
			later = e
		}
	}
	switch {
	case left != nil && ev.Status == Left:
		return fail("they left on %s", left.Date.Format(dateFmt))
	case left != nil && !ev.Date.Before(left.Date):
		return fail("they left on %s", left.Date.Format(dateFmt))
	case ev.Status == Left && later != nil:
		return fail("they are recorded as %s on %s, later", statusVerb(later.Status), later.Date.Format(dateFmt))
	}
	if ev.Status != Left && ev.Status != Paused {
		return nil
	}
	conflicts := func(start time.Time) bool {
		return start.After(ev.Date) && (ev.Status == Left || ev.Until.IsZero() || start.Before(ev.Until))
	}
	var first time.Time
	var msg string
	note := func(start time.Time, format string, args ...any) {
		if conflicts(start) && (msg == "" || start.Before(first)) {
			first, msg = start, fmt.Sprintf(format, args...)
		}
	}
	for _, r := range p.Rounds {
		for _, pr := range r.Pairs {
			if pr.A != ev.Person && pr.B != ev.Person {
				continue
			}
			other := pr.B
			if other == ev.Person {
				other = pr.A
			}
			start := pr.Formed
			if start.IsZero() {
				start = r.Formed
			}
			note(start, "they are paired with %s in round %d from %s", personName(names, other), r.Number, start.Format(dateFmt))
		}
		for _, g := range r.Groups {
			for _, m := range g.Members {
				if m == ev.Person {
					note(r.Formed, "they are in group %s of round %d from %s", g.ID, r.Number, r.Formed.Format(dateFmt))
				}
			}
		}
		for _, u := range r.Unmatched {
			if u.ID == ev.Person {
				note(r.Formed, "they are in round %d (without a partner) from %s", r.Number, r.Formed.Format(dateFmt))
			}
		}
	}
	if msg != "" {
		return fail("%s", msg)
	}
	return nil
}

func statusVerb(s Status) string {
	switch s {
	case Left:
		return "leaving"
	case Paused:
		return "pausing"
	}
	return "active"
}
