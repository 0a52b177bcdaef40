package report

import "fmt"

// Flag is one finding of a programme's health review (programme.Health
// gives them) as the report shows it: plain text, so that the report does
// not depend on how a platform keeps its programme.
type Flag struct {
	// Kind names the finding: "member_out", "not_met", "one_sided",
	// "stalled", "dissolve" or "confirm".
	Kind string
	// Members are the ids of the pair or group concerned.
	Members []string
	// Group is the group's id, "" for a pair.
	Group string
	// Message is the sentence for the facilitator.
	Message string
	// Answers are the check-in answers behind the finding, one line each.
	Answers []string
}

// Health is the health review of the round in force, for Input.Health.
type Health struct {
	// Round is the round reviewed; AsOf the day of the review, as text.
	Round int
	AsOf  string
	// Flags are the findings, in the order of programme.Health; none
	// means every pair and group is well.
	Flags []Flag
}

// healthView is the health section of the page.
type healthView struct {
	Round int
	AsOf  string
	Rows  []healthRow
}

type healthRow struct {
	Kind    string
	Class   string // the flag's colour: warn, info or ok
	Who     []personRef
	Group   string
	Message string
	Answers []string
}

// flagClass says how a finding is shown: a pair that needs the
// facilitator now (warn), one to look at (info), or one to confirm (ok).
var flagClass = map[string]string{"member_out": "warn", "not_met": "warn", "one_sided": "warn", "dissolve": "warn", "stalled": "info", "confirm": "ok"}

func healthSection(h *Health, nm names) *healthView {
	v := &healthView{Round: h.Round, AsOf: h.AsOf}
	for _, f := range h.Flags {
		r := healthRow{Kind: f.Kind, Class: flagClass[f.Kind], Group: f.Group, Message: f.Message, Answers: f.Answers}
		if r.Class == "" {
			r.Class = "info"
		}
		for _, id := range f.Members {
			r.Who = append(r.Who, nm.ref(id))
		}
		v.Rows = append(v.Rows, r)
	}
	return v
}

func (h *Health) summary() fact {
	if len(h.Flags) == 0 {
		return fact{"Health", fmt.Sprintf("round %d on %s: every pair and group is well", h.Round, h.AsOf)}
	}
	return fact{"Health", fmt.Sprintf("round %d on %s: %s", h.Round, h.AsOf, counted(len(h.Flags), "flag", "flags"))}
}
