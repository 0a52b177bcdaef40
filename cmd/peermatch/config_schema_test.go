package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/peermatch/peermatch/schemas"
)

var updateSchema = flag.Bool("update-schema", false, "rewrite schemas/programme.schema.json from the commands' flags")

// programmeSchema builds the JSON Schema of the programme file from the
// flags of the commands its sections configure, so that the schema cannot
// drift from the command line.
func programmeSchema(t *testing.T) []byte {
	t.Helper()
	str := map[string]any{"type": "string"}
	list := map[string]any{"type": "array", "items": map[string]any{"anyOf": []any{
		map[string]any{"type": []string{"string", "number", "boolean"}},
		map[string]any{"type": "array", "items": map[string]any{"type": []string{"string", "number"}}},
	}}}
	props := map[string]any{
		"survey": map[string]any{
			"type": []string{"object", "null"}, "additionalProperties": false,
			"description": "how to read the survey export: see peermatch help config",
			"properties": map[string]any{
				"sheet":   map[string]any{"type": "string", "minLength": 1, "description": "the worksheet of an .xlsx export"},
				"rename":  map[string]any{"type": "object", "additionalProperties": str, "description": "source header: our column (id, name, email, have:Skill, tag:key, …)"},
				"ignore":  map[string]any{"type": "array", "items": str, "description": "source headers to leave out; * matches any text"},
				"skills":  map[string]any{"type": "object", "additionalProperties": map[string]any{"enum": []string{"have", "want"}}, "description": "header pattern with {skill}: have or want"},
				"answers": map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "integer", "minimum": 0, "maximum": 5}, "description": "answer word: level 0-5"},
			},
		},
	}
	for _, sec := range programmeSections[1:] {
		fs, _, err := probeCommand(context.Background(), &env{}, sec)
		require.NoError(t, err, sec)
		keys := map[string]any{}
		fs.VisitAll(func(f *flag.Flag) {
			if notConfigurable[f.Name] {
				return
			}
			var p map[string]any
			switch v := f.Value.(type) {
			case listValue:
				p = map[string]any{"oneOf": []any{list, map[string]any{"type": "string"}}}
			case interface{ IsBoolFlag() bool }:
				if v.IsBoolFlag() {
					p = map[string]any{"type": "boolean"}
				}
			}
			if p == nil {
				switch f.Value.(type) {
				case *keyWeightFlag:
					p = map[string]any{"type": []string{"string", "object"}}
				case *commaListFlag:
					p = map[string]any{"oneOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "array", "items": map[string]any{"type": []string{"string", "number"}}}}}
				default:
					p = map[string]any{"type": []string{"string", "number"}}
				}
			}
			p["description"] = f.Usage
			keys[f.Name] = p
		})
		props[sec] = map[string]any{"type": []string{"object", "null"}, "additionalProperties": false, "properties": keys,
			"description": "the flags of peermatch " + sec + " without the dashes"}
	}
	schema := map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  schemas.BaseURI + "programme.schema.json",
		"title":                "peermatch programme file",
		"description":          "The programme file of --config (YAML or JSON): the survey mapping and the settings of pairs, groups, mentor and schedule. Generated from the commands' flags by go test ./cmd/peermatch -run ProgrammeSchema -update-schema.",
		"type":                 "object",
		"additionalProperties": false,
		"properties":           props,
	}
	out, err := json.MarshalIndent(schema, "", "  ")
	require.NoError(t, err)
	return append(out, '\n')
}

// TestProgrammeSchema checks that schemas/programme.schema.json is the one
// the flags give, and that programme files (the help's example and the
// printed defaults) are valid under it.
func TestProgrammeSchema(t *testing.T) {
	want := programmeSchema(t)
	const path = "../../schemas/programme.schema.json"
	if *updateSchema {
		require.NoError(t, os.WriteFile(path, want, 0o644))
	}
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, string(want), string(got), "schemas/programme.schema.json is out of date: go test ./cmd/peermatch -run ProgrammeSchema -update-schema")

	c := jsonschema.NewCompiler()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(got))
	require.NoError(t, err)
	require.NoError(t, c.AddResource(schemas.BaseURI+"programme.schema.json", doc))
	s, err := c.Compile(schemas.BaseURI + "programme.schema.json")
	require.NoError(t, err)
	help := commands["config"].help
	example := help[strings.Index(help, "  survey:"):strings.Index(help, "\nA key of")]
	_, defaults, _ := runCLI(t, "config", "--print")
	for name, text := range map[string]string{"help example": dedent(example), "printed defaults": defaults} {
		var v any
		require.NoError(t, yaml.Unmarshal([]byte(text), &v), name)
		b, err := json.Marshal(v)
		require.NoError(t, err, name)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		require.NoError(t, err)
		require.NoError(t, s.Validate(inst), "%s:\n%s", name, text)
	}
}

func dedent(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "  ")
	}
	return strings.Join(lines, "\n")
}
