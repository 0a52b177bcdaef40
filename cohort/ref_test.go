package cohort

import (
	"math"
	"strings"

	"github.com/peermatch/peermatch/skills"
)

// refGroup scores one group straight from the definitions in the Weights
// documentation, independently of the search's incremental counts.
func refGroup(r *skills.Roster, s settings, hist map[[2]string]int, g []int) (score float64, hard int) {
	thr := uint8(s.Threshold)
	k := r.Catalog.Len()
	num, den, roles := 0, 0, 0
	for _, i := range g {
		pi := &r.People[i]
		for sk := 0; sk < k; sk++ {
			if pi.Want[sk] == 0 {
				continue
			}
			den += int(pi.Want[sk])
			for _, j := range g {
				if j != i && r.People[j].Have[sk] >= thr {
					num += int(pi.Want[sk])
					break
				}
			}
		}
		role := false
		for sk := 0; sk < k && !role; sk++ {
			if pi.Have[sk] < thr {
				continue
			}
			for _, j := range g {
				if j != i && r.People[j].Want[sk] > 0 {
					role = true
					break
				}
			}
		}
		if role {
			roles++
		}
	}
	teach := 1.0
	if den > 0 {
		teach = float64(num) / float64(den)
	}
	q := (s.wTeach*teach + s.wRole*float64(roles)/float64(len(g))) / (s.wTeach + s.wRole)
	excess := 0
	if s.MaxPerDepartment > 0 {
		cnt := map[string]int{}
		for _, i := range g {
			if d := strings.ToLower(strings.TrimSpace(r.People[i].Department)); d != "" {
				cnt[d]++
			}
		}
		for _, c := range cnt {
			excess += max(0, c-s.MaxPerDepartment)
		}
	}
	iso := 0
	for _, key := range s.NoIsolatedTags {
		cnt := map[string]int{}
		for _, i := range g {
			if v := strings.ToLower(strings.TrimSpace(r.People[i].Tags[key])); v != "" {
				cnt[v]++
			}
		}
		for _, c := range cnt {
			if c == 1 {
				iso++
			}
		}
	}
	rep := 0
	for x, i := range g {
		for _, j := range g[x+1:] {
			a, b := r.People[i].ID, r.People[j].ID
			if a > b {
				a, b = b, a
			}
			c := hist[[2]string{a, b}]
			rep += c * c
			if r.People[i].Manager == r.People[j].ID || r.People[j].Manager == r.People[i].ID {
				hard++
			}
		}
	}
	for _, l := range s.Apart {
		in := 0
		seen := map[string]bool{}
		for _, id := range l {
			if seen[id] {
				continue
			}
			seen[id] = true
			for _, i := range g {
				if r.People[i].ID == id {
					in++
				}
			}
		}
		hard += in * (in - 1) / 2
	}
	if s.GradeBand {
		lo, hi := math.MaxInt, math.MinInt
		for _, i := range g {
			lo, hi = min(lo, r.People[i].Grade), max(hi, r.People[i].Grade)
		}
		if hi-lo > s.gap {
			hard++
		}
	}
	return q - s.wDept*float64(excess) - s.wIso*float64(iso) - s.wRep*float64(rep), hard
}

// refHistory counts how often each pair of ids was together.
func refHistory(h [][]string) map[[2]string]int {
	m := map[[2]string]int{}
	for _, g := range h {
		seen := map[string]bool{}
		var ids []string
		for _, id := range g {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		for x := range ids {
			for y := x + 1; y < len(ids); y++ {
				a, b := ids[x], ids[y]
				if a > b {
					a, b = b, a
				}
				m[[2]string{a, b}]++
			}
		}
	}
	return m
}

// refObjective scores a partition: the objective, and the number of broken
// hard rules (together lists split count too).
func refObjective(r *skills.Roster, s settings, groups [][]int) (float64, int) {
	return refObjectiveH(r, s, refHistory(s.History), groups)
}

func refObjectiveH(r *skills.Roster, s settings, hist map[[2]string]int, groups [][]int) (float64, int) {
	if len(groups) == 0 {
		return 0, 0
	}
	sum, low, hard := 0.0, math.Inf(1), 0
	where := make([]int, len(r.People))
	for gi, g := range groups {
		sc, h := refGroup(r, s, hist, g)
		sum += sc
		low = min(low, sc)
		hard += h
		for _, i := range g {
			where[i] = gi
		}
	}
	for _, l := range s.Together {
		first, _ := r.Index(l[0])
		for _, id := range l[1:] {
			if i, _ := r.Index(id); where[i] != where[first] {
				hard++
			}
		}
	}
	return (1-s.beta)*sum/float64(len(groups)) + s.beta*low, hard
}

// groupsOf maps a result's member ids to roster positions.
func groupsOf(r *skills.Roster, res *Result) [][]int {
	var out [][]int
	for _, g := range res.Groups {
		var ms []int
		for _, id := range g.Members {
			i, _ := r.Index(id)
			ms = append(ms, i)
		}
		out = append(out, ms)
	}
	return out
}

// bestPartition enumerates every partition of the people idx into exactly
// G groups of lo..hi members and returns the best objective among those
// that break no hard rule (-Inf when none).
func bestPartition(r *skills.Roster, s settings, idx []int, G int) float64 {
	lo, hi := s.MinSize, s.MaxSize
	groups := make([][]int, 0, G)
	best := math.Inf(-1)
	hist := refHistory(s.History)
	var rec func(x int)
	rec = func(x int) {
		left := len(idx) - x
		// Prune: the open groups must be fillable.
		need := 0
		for _, g := range groups {
			need += max(0, lo-len(g))
		}
		need += (G - len(groups)) * lo
		if need > left {
			return
		}
		if x == len(idx) {
			if len(groups) != G {
				return
			}
			obj, hard := refObjectiveH(r, s, hist, groups)
			if hard == 0 && obj > best {
				best = obj
			}
			return
		}
		i := idx[x]
		for gi := range groups {
			if len(groups[gi]) < hi {
				groups[gi] = append(groups[gi], i)
				rec(x + 1)
				groups[gi] = groups[gi][:len(groups[gi])-1]
			}
		}
		if len(groups) < G {
			groups = append(groups, []int{i})
			rec(x + 1)
			groups = groups[:len(groups)-1]
		}
	}
	rec(0)
	return best
}
