package schemas_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/schedule"
	"github.com/peermatch/peermatch/schemas"
	"github.com/peermatch/peermatch/skills"
)

// compile compiles the embedded schema of the given file name, with
// format assertions on ("date-time").
func compile(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for _, n := range schemas.Names() {
		b, _ := schemas.Get(n)
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if err := c.AddResource(schemas.BaseURI+n, doc); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
	}
	s, err := c.Compile(schemas.BaseURI + name)
	if err != nil {
		t.Fatalf("compile %s: %v", name, err)
	}
	return s
}

// validate reports whether doc is valid under s, failing on bad JSON.
func validate(t *testing.T, s *jsonschema.Schema, doc []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	return s.Validate(v)
}

func TestNamesAndIDs(t *testing.T) {
	want := []string{"evaluate.schema.json", "groups.schema.json", "mentor.schema.json", "pairs.schema.json", "programme.schema.json", "roster.schema.json", "schedule.schema.json"}
	got := schemas.Names()
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("Names() = %v, want %v", got, want)
	}
	for _, n := range got {
		b, ok := schemas.Get(n)
		if !ok {
			t.Fatalf("Get(%q) found nothing", n)
		}
		var head struct {
			Schema string `json:"$schema"`
			ID     string `json:"$id"`
		}
		if err := json.Unmarshal(b, &head); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if head.ID != schemas.BaseURI+n || head.Schema != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema %q, $id %q", n, head.Schema, head.ID)
		}
		compile(t, n)
	}
	if _, ok := schemas.Get("nope.schema.json"); ok {
		t.Error("Get of an unknown name found something")
	}
}

func rosterJSON(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := skills.WriteJSON(&b, skills.Demo()); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRoster(t *testing.T) {
	s := compile(t, "roster.schema.json")
	doc := rosterJSON(t)
	if err := validate(t, s, doc); err != nil {
		t.Fatalf("demo roster: %v", err)
	}
	// What the schema accepts, the reader reads.
	if _, err := skills.ReadJSON(bytes.NewReader(doc)); err != nil {
		t.Fatalf("ReadJSON: %v", err)
	}
}

// pairsJSON pairs the demo roster, less its last person when odd is set
// (so that a trio can form).
func pairsJSON(t *testing.T, opt pairing.Options, odd ...bool) ([]byte, *pairing.Result) {
	t.Helper()
	r := skills.Demo()
	if len(odd) > 0 && odd[0] && r.Len()%2 == 0 {
		r.People = r.People[:len(r.People)-1]
	}
	res, err := pairing.Pairs(context.Background(), r, opt)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := pairing.WriteJSON(&b, res); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), res
}

func TestPairs(t *testing.T) {
	s := compile(t, "pairs.schema.json")
	_, opt := pairsJSON(t, pairing.Options{IgnoreCapacity: true})
	pin := [2]string{opt.Pairs[0].A, opt.Pairs[0].B}
	cases := []struct {
		name string
		opt  pairing.Options
		// what the case must show
		loads, trios bool
		odd          bool
	}{
		{"optimal with capacities", pairing.Options{}, true, false, false},
		{"maxmin", pairing.Options{Strategy: pairing.MaxMin}, false, false, false},
		{"stable", pairing.Options{Strategy: pairing.Stable, IgnoreCapacity: true}, false, false, false},
		{"greedy", pairing.Options{Strategy: pairing.Greedy}, true, false, false},
		{"random", pairing.Options{Strategy: pairing.Random, Seed: 7}, true, false, false},
		{"trio", pairing.Options{Trio: true, IgnoreCapacity: true, HardRules: pairing.HardRules{AllowNoExchange: true, MaxGradeGap: new(10)}}, false, true, true},
		{"pinned", pairing.Options{IgnoreCapacity: true, Pinned: [][2]string{pin}}, false, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, res := pairsJSON(t, c.opt, c.odd)
			if err := validate(t, s, doc); err != nil {
				t.Fatalf("%v\n%s", err, doc)
			}
			if c.loads && len(res.Loads) == 0 {
				t.Errorf("no loads: the case does not exercise capacities")
			}
			if c.trios && res.Metrics.Trios == 0 {
				t.Errorf("no trios: the case does not exercise trios")
			}
		})
	}
}

func TestGroups(t *testing.T) {
	s := compile(t, "groups.schema.json")
	r := skills.Demo()
	for _, c := range []struct {
		name string
		opt  cohort.Options
	}{
		{"peer-mentoring team", cohort.PeerMentoringTeam()},
		{"shared focus", func() cohort.Options { o := cohort.PeerMentoringTeam(); o.SharedFocus = true; return o }()},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.opt.Seed = 1
			res, err := cohort.Form(context.Background(), r, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := cohort.WriteJSON(&b, res); err != nil {
				t.Fatal(err)
			}
			if err := validate(t, s, b.Bytes()); err != nil {
				t.Fatalf("%v\n%s", err, b.Bytes())
			}
			if _, err := cohort.ReadJSON(bytes.NewReader(b.Bytes())); err != nil {
				t.Fatalf("ReadJSON: %v", err)
			}
		})
	}
}

// demoPlan builds the plan of peermatch demo (cmd/peermatch/demo.go).
func demoPlan(t *testing.T) *schedule.Plan {
	t.Helper()
	ctx := context.Background()
	r := skills.Demo()
	pairs, err := pairing.Pairs(ctx, r, pairing.Options{})
	if err != nil {
		t.Fatal(err)
	}
	teams := cohort.PeerMentoringTeam()
	teams.Seed = 1
	groups, err := cohort.Form(ctx, r, teams)
	if err != nil {
		t.Fatal(err)
	}
	sg, err := schedule.GroupsFromCohort(r, groups)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := schedule.PairsFromPairing(r, pairs)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := schedule.Build(sg, schedule.Options{
		Format:    schedule.PeerMentoring,
		Start:     time.Date(2027, time.January, 12, 0, 0, 0, 0, time.UTC),
		Location:  "Europe/Paris",
		Weekdays:  []time.Weekday{time.Tuesday},
		Cadence:   schedule.Cadence{Kind: schedule.NthWeekday, Nth: 2, Weekday: time.Tuesday},
		Blackouts: []schedule.DateRange{{From: time.Date(2027, 12, 15, 0, 0, 0, 0, time.UTC), To: time.Date(2028, 1, 5, 0, 0, 0, 0, time.UTC), Label: "December holidays"}},
		Pairs:     sp,
	})
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

func TestSchedule(t *testing.T) {
	s := compile(t, "schedule.schema.json")
	var b bytes.Buffer
	if err := schedule.WriteJSON(&b, demoPlan(t)); err != nil {
		t.Fatal(err)
	}
	if err := validate(t, s, b.Bytes()); err != nil {
		t.Fatalf("%v", err)
	}
	if !bytes.Contains(b.Bytes(), []byte(`"kind": "session"`)) {
		t.Error("the demo plan has no regular session")
	}
}

// edit decodes doc, applies f to it and encodes it again.
func edit(t *testing.T, doc []byte, f func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func first(m map[string]any, key string) map[string]any {
	return m[key].([]any)[0].(map[string]any)
}

// TestInvalid checks that each schema rejects a document with an unknown
// field and one without a required field.
func TestInvalid(t *testing.T) {
	pairs, _ := pairsJSON(t, pairing.Options{})
	trio, _ := pairsJSON(t, pairing.Options{Trio: true, IgnoreCapacity: true, HardRules: pairing.HardRules{AllowNoExchange: true, MaxGradeGap: new(10)}}, true)
	var groups, plan bytes.Buffer
	teams := cohort.PeerMentoringTeam()
	teams.Seed = 1
	res, err := cohort.Form(context.Background(), skills.Demo(), teams)
	if err != nil {
		t.Fatal(err)
	}
	if err := cohort.WriteJSON(&groups, res); err != nil {
		t.Fatal(err)
	}
	if err := schedule.WriteJSON(&plan, demoPlan(t)); err != nil {
		t.Fatal(err)
	}
	roster := rosterJSON(t)
	cases := []struct {
		schema, name string
		doc          []byte
		f            func(m map[string]any)
	}{
		{"roster", "unknown top-level field", roster, func(m map[string]any) { m["teams"] = []any{} }},
		{"roster", "unknown person field", roster, func(m map[string]any) { first(m, "people")["salary"] = 1 }},
		{"roster", "person without id", roster, func(m map[string]any) { delete(first(m, "people"), "id") }},
		{"roster", "level above 5", roster, func(m map[string]any) { first(m, "people")["have"] = map[string]any{"Coaching": 6} }},
		{"roster", "bad date", roster, func(m map[string]any) { first(m, "people")["unavailable"] = []any{"12/01/2027"} }},
		{"pairs", "unknown field", pairs, func(m map[string]any) { m["rounds"] = 2 }},
		{"pairs", "missing metrics", pairs, func(m map[string]any) { delete(m, "metrics") }},
		{"pairs", "pair without score", pairs, func(m map[string]any) { delete(first(m, "pairs"), "score") }},
		{"pairs", "unknown rule", pairs, func(m map[string]any) {
			m["metrics"].(map[string]any)["rejected"] = map[string]any{"too_tall": 1}
		}},
		{"pairs", "load without capacity", pairs, func(m map[string]any) { delete(first(m, "loads"), "capacity") }},
		{"pairs", "trio lists without c", trio, func(m map[string]any) {
			for _, p := range m["pairs"].([]any) {
				if _, ok := p.(map[string]any)["c"]; ok {
					delete(p.(map[string]any), "c")
					p.(map[string]any)["c_teaches_b"] = []any{}
				}
			}
		}},
		{"groups", "unknown field", groups.Bytes(), func(m map[string]any) { m["focus"] = "x" }},
		{"groups", "group without topics", groups.Bytes(), func(m map[string]any) { delete(first(m, "groups"), "topics") }},
		{"groups", "missing metrics", groups.Bytes(), func(m map[string]any) { delete(m, "metrics") }},
		{"schedule", "unknown field", plan.Bytes(), func(m map[string]any) { first(m, "sessions")["room"] = "B12" }},
		{"schedule", "session without end", plan.Bytes(), func(m map[string]any) { delete(first(m, "sessions"), "end") }},
		{"schedule", "unknown kind", plan.Bytes(), func(m map[string]any) { first(m, "sessions")["kind"] = "party" }},
		{"schedule", "start not a date-time", plan.Bytes(), func(m map[string]any) { first(m, "sessions")["start"] = "next Tuesday" }},
	}
	for _, c := range cases {
		t.Run(c.schema+"/"+c.name, func(t *testing.T) {
			s := compile(t, c.schema+".schema.json")
			if err := validate(t, s, c.doc); err != nil {
				t.Fatalf("the unedited document is invalid: %v", err)
			}
			if err := validate(t, s, edit(t, c.doc, c.f)); err == nil {
				t.Error("the edited document passed")
			}
		})
	}
}
