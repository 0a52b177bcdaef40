package programme

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/skills"
)

// NextOptions configures NextRound beyond pairing's options.
type NextOptions struct {
	// Health sets the thresholds by which the last round's pairs count as
	// not met or one-sided (failed) and its members as no-shows.
	Health HealthOptions
	// TrialWeeks is the new round's trial period (Round.TrialWeeks).
	TrialWeeks int
	// KeepNoShows keeps people who did not show up in the last round in
	// the new one.
	KeepNoShows bool
}

// Skipped is a person NextRound left out of the new round, with the reason.
type Skipped struct {
	ID     string
	Reason string
}

// NextRoundResult is the outcome of NextRound.
type NextRoundResult struct {
	// Round is the new round, ready to record: number one more than the
	// last, formed on asOf, the pairs and the people left unpaired.
	Round Round
	// Result is pairing's result (explanations, metrics, notes) for the
	// people taking part.
	Result *pairing.Result
	// Skipped lists, by id, the people left out and why: left, paused (until
	// a date, or with no end date: opted out), or did not show up.
	Skipped []Skipped
	// Favoured lists, by id, the people whose pairs get pairing's
	// UnmatchedBonus: left without a partner in the last round, or whose
	// partner left, paused or did not show up.
	Favoured []string
	// Failed lists the pairs never formed again: dissolved as failed in any
	// round, or flagged not met or one-sided by Health on asOf.
	Failed [][2]string
}

// NextRound forms the next round of pairs on asOf from the roster (nil
// means p.Roster), the programme's history and the check-in answers:
//
//   - no pair of an earlier round again (opt.History is replaced by the
//     programme's rounds; opt.Repeats still applies);
//   - failed pairs never again: those dissolved as failed in any round and
//     those Health flags not met or one-sided on asOf, added to opt.Never;
//   - favoured, through pairing's UnmatchedBonus: people left without a
//     partner in the last round, and people whose partner left, paused or
//     did not show up;
//   - skipped: people who left, people paused on asOf (until their date, or
//     with no end date), and, unless KeepNoShows, people who did not show
//     up in the last round: paired for at least Health.NotMetWeeks, their
//     partner reported that they did not meet, no answer of the pair says
//     it met, and no answer came from them. A pair where both are silent
//     is flagged not met (so never formed again) but skips nobody: nothing
//     says who stayed away.
//
// Everyone gets at most one partner: a round records pairs and Repair
// re-pairs them one partner each, so capacities above 1 are not used (as
// if opt.IgnoreCapacity were set; the command line's rounds set it too).
//
// The skipped people are taken out of the roster passed to pairing.Pairs;
// with opt.ManagerChain a kept person's manager chain is re-linked past
// them, so the rule still holds across a skipped manager. opt.Trio is not
// supported (a Round holds pairs) and is an error. The cost is that of
// pairing.Pairs plus O(n + a) for a answers. Errors wrap ErrInvalidOptions
// or pairing's and skills' errors.
func NextRound(ctx context.Context, p Programme, roster *skills.Roster, asOf time.Time, opt pairing.Options, nopt NextOptions) (NextRoundResult, error) {
	var out NextRoundResult
	if roster == nil {
		roster = p.Roster
	}
	if roster == nil {
		return out, fmt.Errorf("%w: no roster", ErrInvalidOptions)
	}
	if opt.Trio {
		return out, fmt.Errorf("%w: Trio is not supported for a programme round (a round records pairs)", ErrInvalidOptions)
	}
	opt.IgnoreCapacity = true
	if nopt.TrialWeeks < 0 {
		return out, fmt.Errorf("%w: TrialWeeks %d is negative", ErrInvalidOptions, nopt.TrialWeeks)
	}
	hopt := nopt.Health.withDefaults()
	st := newStatusIndex(p.Events)
	skip := statusSkips(roster, st, asOf)
	favoured := map[string]bool{}
	failed := failedPairs(p.Rounds)
	last := roundOn(p.Rounds, asOf)
	number, err := nextNumber(p.Rounds)
	if err != nil {
		return out, err
	}
	if last >= 0 && p.Rounds[last].Kind != KindGroups {
		rd := p.Rounds[last]
		for _, u := range rd.Unmatched {
			favoured[u.ID] = true
		}
		for _, f := range Health(p, asOf, nopt.Health) {
			if f.Group == "" && (f.Kind == FlagNotMet || f.Kind == FlagOneSided) {
				failed = append(failed, [2]string{f.Members[0], f.Members[1]})
			}
		}
		// Partners who left or paused, and no-shows.
		answered := map[string]bool{}
		metPair := map[[2]string]bool{}
		saidNo := map[[2]string]bool{} // {person, partner}: person said they did not meet
		for _, c := range p.CheckIns {
			if c.Date.Before(rd.Formed) || c.Date.After(asOf) {
				continue
			}
			answered[c.Person] = true
			a, b := order2(c.Person, c.Partner)
			if c.Met {
				metPair[[2]string{a, b}] = true
			} else {
				saidNo[[2]string{c.Person, c.Partner}] = true
			}
		}
		for _, pr := range rd.Pairs {
			end := asOf
			if !pr.Dissolved.IsZero() && pr.Dissolved.Before(end) {
				end = pr.Dissolved
			}
			for k, x := range []string{pr.A, pr.B} {
				y := []string{pr.B, pr.A}[k]
				if s, _ := st.on(y, asOf); s != Active {
					favoured[x] = true
				} else if pr.Reason == DissolvedLeft || pr.Reason == DissolvedPaused {
					if s, _ := st.on(y, pr.Dissolved); s != Active {
						favoured[x] = true
					}
				}
				a, b := order2(x, y)
				if !nopt.KeepNoShows && !answered[x] && saidNo[[2]string{y, x}] && !metPair[[2]string{a, b}] &&
					hopt.NotMetWeeks > 0 && weeksBetween(pr.Formed, end) >= hopt.NotMetWeeks {
					if _, ok := skip[x]; !ok {
						skip[x] = fmt.Sprintf("did not show up in round %d: %s reported no meeting, and no check-in answer came from them", rd.Number, y)
					}
					favoured[y] = true
				}
			}
		}
	}
	sort.Slice(failed, func(i, j int) bool {
		return failed[i][0] < failed[j][0] || failed[i][0] == failed[j][0] && failed[i][1] < failed[j][1]
	})
	failed = uniquePairs(failed)
	for id := range skip {
		delete(favoured, id)
	}
	for id := range favoured {
		out.Favoured = append(out.Favoured, id)
	}
	sort.Strings(out.Favoured)
	for id, why := range skip {
		out.Skipped = append(out.Skipped, Skipped{ID: id, Reason: why})
	}
	sort.Slice(out.Skipped, func(i, j int) bool { return out.Skipped[i].ID < out.Skipped[j].ID })
	out.Failed = failed
	if len(skip) == len(roster.People) {
		return out, fmt.Errorf("%w: nobody left to pair on %s (%d skipped)", ErrInvalidProgramme, asOf.Format(dateFmt), len(skip))
	}
	sub, err := subRoster(roster, skip, opt.ManagerChain)
	if err != nil {
		return out, err
	}

	opt.History = historyOf(p.Rounds, out.Favoured)
	if len(opt.History.Rounds) == 0 {
		opt.History = nil
	}
	opt.Never = withNever(opt.Never, failed)
	res, err := pairing.Pairs(ctx, sub, opt)
	if err != nil {
		return out, err
	}
	out.Result = res
	rd := Round{Number: number, Formed: asOf, Kind: KindPairs, TrialWeeks: nopt.TrialWeeks}
	for _, pr := range res.Pairs {
		rd.Pairs = append(rd.Pairs, Pair{A: pr.A, B: pr.B, Formed: asOf})
	}
	for _, u := range res.Unmatched {
		rd.Unmatched = append(rd.Unmatched, Unmatched{ID: u.ID, Reason: u.Reason})
	}
	rd.Options = fmt.Sprintf("strategy %s; %d skipped, %d favoured, %d failed pairs excluded", res.Strategy, len(out.Skipped), len(out.Favoured), len(failed))
	out.Round = rd
	return out, nil
}

func uniquePairs(ps [][2]string) [][2]string {
	var out [][2]string
	for i, p := range ps {
		if i == 0 || p != ps[i-1] {
			out = append(out, p)
		}
	}
	return out
}

// subRoster returns r without the people in skip. Managers who are skipped
// are removed from their reports, or, with chain, replaced by the nearest
// manager above them who is kept, so a chain rule still spans them.
func subRoster(r *skills.Roster, skip map[string]string, chain bool) (*skills.Roster, error) {
	mgr := map[string]string{}
	for _, x := range r.People {
		mgr[x.ID] = x.Manager
	}
	var people []skills.Person
	for _, x := range r.People {
		if _, ok := skip[x.ID]; ok {
			continue
		}
		m := x.Manager
		seen := map[string]bool{}
		for m != "" && !seen[m] {
			if _, skipped := skip[m]; !skipped {
				break
			}
			seen[m] = true
			if !chain {
				m = ""
				break
			}
			m = mgr[m]
		}
		if seen[m] {
			m = ""
		}
		x.Manager = m
		people = append(people, x)
	}
	sub, err := skills.New(r.Catalog, people)
	if err != nil {
		return nil, err
	}
	// Managers outside the roster were already reported on the full roster.
	sub.Warnings = nil
	return sub, nil
}
