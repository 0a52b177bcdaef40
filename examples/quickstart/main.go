// Command quickstart pairs the demo roster into complementary buddy pairs.
package main

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/skills"
)

func main() {
	roster := skills.Demo() // or skills.ReadCSV(file) on your survey export
	// Zero Options: optimal pairs, grades ≤ 1 apart, no manager–report pairs.
	res, err := pairing.Pairs(context.Background(), roster, pairing.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range res.Pairs {
		a, b := roster.Person(p.A), roster.Person(p.B)
		fmt.Printf("%s + %s (score %.0f): %s ⇄ %s\n", a.Name, b.Name, p.Score, list(p.ATeachesB), list(p.BTeachesA))
	}
	for _, u := range res.Unmatched {
		fmt.Printf("%s has no partner: %s\n", roster.Person(u.ID).Name, u.Reason)
	}
	fmt.Printf("%d pairs, mean score %.1f\n", res.Metrics.Pairs, res.Metrics.Mean)
}

func list(vs []pairing.SkillValue) string {
	if len(vs) == 0 {
		return "nothing"
	}
	names := make([]string, len(vs))
	for i, v := range vs {
		names[i] = v.Skill
	}
	return strings.Join(names, ", ")
}
