package programme

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"time"
)

// ErrInvalidOutcomes is wrapped by every error of ReadOutcomes.
var ErrInvalidOutcomes = errors.New("invalid outcomes file")

// HRRecord is one row of an HR outcomes file: the person's id, the day they
// left (zero: still employed) and the day they were promoted (zero: not
// promoted), with optional grade and department for people outside the
// roster (non-participants), and the source line.
type HRRecord struct {
	ID         string
	LeftOn     time.Time
	PromotedOn time.Time
	Grade      string
	Department string
	Line       int
}

var hrColumns = map[string]string{
	"id": "id", "left_on": "left_on", "left": "left_on", "promoted_on": "promoted_on", "promoted": "promoted_on",
	"grade": "grade", "department": "department",
}

const acceptedHRColumns = "id, left_on, promoted_on, grade, department"

// ReadOutcomes reads an HR outcomes CSV: a header with id, left_on and
// promoted_on (also accepted: left, promoted; optional grade and
// department), case-insensitive (other headers through ReadOptions.Rename
// and Ignore), then one row a person. A blank date means
// not left or not promoted; dates are read as ParseDate reads them. Every
// problem (bad date, empty or duplicate id, unknown column, wrong field
// count) is reported with its line and column in one error wrapping
// ErrInvalidOutcomes (a *ProblemsError); on error nothing is returned.
// Limits are those of ReadOptions. It takes linear time and memory.
func ReadOutcomes(r io.Reader, opt ReadOptions) ([]HRRecord, error) {
	opt = opt.withDefaults()
	probs := &problems{kind: ErrInvalidOutcomes, file: opt.Name}
	lr := &limitedReader{r: r, n: opt.MaxBytes}
	cr := newCSV(lr)
	header, cols, pos, ok := readHeader(cr, lr, probs, opt, hrColumns, acceptedHRColumns)
	if !ok {
		return nil, probs.err()
	}
	if pos["id"] == 0 {
		probs.add(1, 0, "", "", fmt.Errorf("%w: required column \"id\" is missing (the columns are %s)", ErrUnknownColumn, acceptedHRColumns))
	}
	if probs.err() != nil {
		return nil, probs.err()
	}
	var out []HRRecord
	seen := map[string]int{}
	var h HRRecord
	readRows(cr, lr, probs, opt, header, func(line int) { h = HRRecord{Line: line} },
		func(i int, v string) error {
			var err error
			switch cols[i] {
			case "id":
				if v == "" {
					return fmt.Errorf("%w: empty id", ErrBadValue)
				} else if first, dup := seen[v]; dup {
					err = fmt.Errorf("%w: id %q already on line %d", ErrBadValue, v, first)
				} else {
					seen[v] = h.Line
				}
				h.ID = v
			case "left_on":
				if v != "" {
					h.LeftOn, err = ParseDate(v)
				}
			case "promoted_on":
				if v != "" {
					h.PromotedOn, err = ParseDate(v)
				}
			case "grade":
				h.Grade = v
			case "department":
				h.Department = v
			}
			return err
		},
		func() { out = append(out, h) })
	if err := probs.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Role is how a person took part, for Outcomes.
type Role string

// The roles Outcomes compares.
const (
	// RoleMentee: the mentee of a one-way pair (Pair.Mentor is the other).
	RoleMentee Role = "mentee"
	// RoleMentor: the mentor of a one-way pair.
	RoleMentor Role = "mentor"
	// RolePartner: a member of a two-way pair or of a group.
	RolePartner Role = "partner"
	// RoleNonParticipant: in the HR file but in no pair or group.
	RoleNonParticipant Role = "non_participant"
)

var roleOrder = []Role{RoleMentee, RoleMentor, RolePartner, RoleNonParticipant}

// WilsonZ is the normal quantile of a two-sided 95% interval.
const WilsonZ = 1.959963984540054

// Wilson returns the Wilson score interval of k successes in n trials at
// the normal quantile z (WilsonZ for 95%): the interval is always inside
// [0, 1], with lo ≤ hi, and is meaningful for small n and for k = 0 or
// k = n. A negative z counts as −z (the interval is symmetric in its sign)
// and one whose square overflows (|z| above about 1e154) gives [0, 1], the
// limit. It returns (NaN, NaN) when n is 0, k is
// outside 0..n, or z is NaN.
func Wilson(k, n int, z float64) (lo, hi float64) {
	if n <= 0 || k < 0 || k > n || math.IsNaN(z) {
		return math.NaN(), math.NaN()
	}
	// −z would swap the ends (lo > hi), and an infinite z² makes the
	// formula Inf/Inf
	z = math.Abs(z)
	if math.IsInf(z*z, 1) {
		return 0, 1
	}
	nf, p := float64(n), float64(k)/float64(n)
	z2 := z * z
	centre := (p + z2/(2*nf)) / (1 + z2/nf)
	half := z / (1 + z2/nf) * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	return math.Max(0, centre-half), math.Min(1, centre+half)
}

// Rate is a count of events among N people with its 95% Wilson interval.
// TooFew is set, and Rate, Low and High are NaN, when N is below the
// report's minimum group size.
type Rate struct {
	N, Count        int
	Rate, Low, High float64
	TooFew          bool
}

func newRate(k, n, minN int) Rate {
	r := Rate{N: n, Count: k}
	if n < minN || n == 0 {
		r.TooFew = true
		r.Rate, r.Low, r.High = math.NaN(), math.NaN(), math.NaN()
		return r
	}
	r.Rate = float64(k) / float64(n)
	r.Low, r.High = Wilson(k, n, WilsonZ)
	return r
}

// OutcomeRow is retention and promotion of one role, overall (By "all") or
// in one grade (By "grade") or department (By "department", Value the
// name; "" when unknown).
type OutcomeRow struct {
	Role      Role
	By        string
	Value     string
	Retention Rate
	Promotion Rate
}

// OutcomeReport is the outcome of Outcomes.
type OutcomeReport struct {
	Months   int
	AsOf     time.Time
	MinGroup int
	Rows     []OutcomeRow
	// NotYet counts the people whose window of Months has not ended by
	// AsOf, and Before those who had left before their start: both are
	// left out of every rate.
	NotYet, Before int
	Notes          []string
}

// OutcomeOptions configures Outcomes. The zero value means the defaults.
type OutcomeOptions struct {
	// Months is the window after each person's start; 0 means 12.
	Months int
	// MinGroup is the smallest group reported with rates; 0 means 10.
	// Smaller groups are reported with their counts and TooFew.
	MinGroup int
}

// Outcomes joins hr with the programme's participation and reports, for
// each role (mentees, mentors, partners, non-participants), retention (not
// left within Months of the start) and promotion (promoted within Months)
// overall, by grade and by department, with counts, rates and 95% Wilson
// intervals.
//
// A participant's start is the day of their first pair or group; their role
// is mentor if they ever mentored in a one-way pair, else mentee if they
// were ever mentored, else partner. Everyone else in hr is a
// non-participant, starting on p.Start (or the first round's date). A
// person counts only when start + Months ≤ asOf (else NotYet) and they had
// not left before their start (else Before). Grade and department come from
// the roster, or from hr for people outside it. Rows come by role, then
// "all", "grade", "department", then value. Participants missing from hr
// are counted in Notes and left out. It takes O(h + r + s·log s) time for h
// records, r round members and s groups reported.
func Outcomes(p Programme, hr []HRRecord, asOf time.Time, opt OutcomeOptions) (OutcomeReport, error) {
	if opt.Months < 0 {
		return OutcomeReport{}, fmt.Errorf("%w: Months %d is negative", ErrInvalidOptions, opt.Months)
	}
	if opt.MinGroup < 0 {
		return OutcomeReport{}, fmt.Errorf("%w: MinGroup %d is negative", ErrInvalidOptions, opt.MinGroup)
	}
	if opt.Months == 0 {
		opt.Months = 12
	}
	if opt.MinGroup == 0 {
		opt.MinGroup = 10
	}
	rep := OutcomeReport{Months: opt.Months, AsOf: asOf, MinGroup: opt.MinGroup}
	start := map[string]time.Time{}
	role := map[string]Role{}
	join := func(id string, d time.Time, r Role) {
		if s, ok := start[id]; !ok || d.Before(s) {
			start[id] = d
		}
		switch {
		case role[id] == RoleMentor || r == RoleMentor:
			role[id] = RoleMentor
		case role[id] == RoleMentee || r == RoleMentee:
			role[id] = RoleMentee
		default:
			role[id] = RolePartner
		}
	}
	for _, rd := range p.Rounds {
		for _, pr := range rd.Pairs {
			for _, x := range []string{pr.A, pr.B} {
				r := RolePartner
				if pr.Mentor != "" {
					r = RoleMentee
					if pr.Mentor == x {
						r = RoleMentor
					}
				}
				join(x, pr.Formed, r)
			}
		}
		for _, g := range rd.Groups {
			for _, x := range g.Members {
				join(x, rd.Formed, RolePartner)
			}
		}
	}
	progStart := p.Start
	if progStart.IsZero() && len(p.Rounds) > 0 {
		progStart = p.Rounds[0].Formed
	}
	grade, dept := map[string]string{}, map[string]string{}
	if p.Roster != nil {
		for _, x := range p.Roster.People {
			grade[x.ID] = strconv.Itoa(x.Grade)
			dept[x.ID] = x.Department
		}
	}
	type key struct {
		role      Role
		by, value string
	}
	type tally struct{ n, kept, promoted int }
	tallies := map[key]*tally{}
	inHR := map[string]bool{}
	for _, h := range hr {
		inHR[h.ID] = true
		r, ok := role[h.ID]
		s := start[h.ID]
		if !ok {
			r, s = RoleNonParticipant, progStart
		}
		if !h.LeftOn.IsZero() && h.LeftOn.Before(s) {
			rep.Before++
			continue
		}
		// capped as addWeeks caps weeks: a Months near math.MaxInt
		// overflowed time's arithmetic into a window already over
		end := s.AddDate(0, min(opt.Months, farMonths), 0)
		if end.After(asOf) {
			rep.NotYet++
			continue
		}
		kept := h.LeftOn.IsZero() || h.LeftOn.After(end)
		promoted := !h.PromotedOn.IsZero() && h.PromotedOn.After(s) && !h.PromotedOn.After(end)
		g, d := grade[h.ID], dept[h.ID]
		if _, known := grade[h.ID]; !known {
			g, d = h.Grade, h.Department
		}
		for _, k := range []key{{r, "all", ""}, {r, "grade", g}, {r, "department", d}} {
			t := tallies[k]
			if t == nil {
				t = &tally{}
				tallies[k] = t
			}
			t.n++
			if kept {
				t.kept++
			}
			if promoted {
				t.promoted++
			}
		}
	}
	missing := 0
	for id := range role {
		if !inHR[id] {
			missing++
		}
	}
	if missing > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d participants are not in the HR file and are left out", missing))
	}
	keys := make([]key, 0, len(tallies))
	for k := range tallies {
		keys = append(keys, k)
	}
	rank := map[Role]int{}
	for i, r := range roleOrder {
		rank[r] = i
	}
	byRank := map[string]int{"all": 0, "grade": 1, "department": 2}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.role != b.role {
			return rank[a.role] < rank[b.role]
		}
		if a.by != b.by {
			return byRank[a.by] < byRank[b.by]
		}
		if a.by == "grade" {
			ga, ea := strconv.Atoi(a.value)
			gb, eb := strconv.Atoi(b.value)
			if ea == nil && eb == nil && ga != gb {
				return ga < gb
			}
		}
		return a.value < b.value
	})
	for _, k := range keys {
		t := tallies[k]
		rep.Rows = append(rep.Rows, OutcomeRow{Role: k.role, By: k.by, Value: k.value,
			Retention: newRate(t.kept, t.n, opt.MinGroup), Promotion: newRate(t.promoted, t.n, opt.MinGroup)})
	}
	if rep.NotYet > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d people started less than %d months before %s and are not counted yet", rep.NotYet, opt.Months, asOf.Format(dateFmt)))
	}
	return rep, nil
}
