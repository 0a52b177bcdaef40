package main

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/peermatch/peermatch/internal/termsafe"
	pgm "github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/skills"
)

// surveySection is the survey section of a programme file: how to read a
// survey export whose headers and answers are not peermatch's own.
//
//	survey:
//	  sheet: Form responses 1           # the worksheet of an .xlsx file
//	  rename: {Email Address: email, Full name: name}
//	  ignore: [Timestamp, "*comment*"]
//	  skills:
//	    "{skill} [I can teach]": have
//	    "{skill} [I want to learn]": want
//	  answers: {Yes: 5, No: 0, Beginner: 1, Expert: 5}
type surveySection struct {
	sheet   string
	rename  []surveyEntry // header → column
	ignore  []surveyEntry // header patterns (value unused)
	skills  []surveyEntry // header pattern → have or want
	answers []surveyEntry // word → level
	pos     map[string]position
	// mapped is the section as a skills.Mapping, checked (see mapping).
	mapped *skills.Mapping
}

// surveyEntry is one key of a survey subsection with its value and
// position.
type surveyEntry struct {
	key, value string
	pos        position
}

// surveyKeys are the keys of the survey section.
var surveyKeys = []string{"sheet", "rename", "ignore", "skills", "answers"}

func parseSurveySection(n *yaml.Node, at func(*yaml.Node) position) (*surveySection, error) {
	s := &surveySection{pos: map[string]position{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			// An alias's Value is its anchor's name: *sheet would be read
			// as the key sheet.
			return nil, fmt.Errorf("%s: survey: a key is one of %s, not %s", at(k), strings.Join(surveyKeys, ", "), nodeKind(k))
		}
		key := k.Value
		if !contains(surveyKeys, key) {
			return nil, fmt.Errorf("%s: survey: unknown key %q%s (keys: %s)", at(k), termsafe.Text(key), closest(key, surveyKeys), strings.Join(surveyKeys, ", "))
		}
		if first, dup := s.pos[key]; dup {
			return nil, fmt.Errorf("%s: survey.%s repeats the key at line %d", at(k), key, first.line)
		}
		s.pos[key] = at(k)
		name := "survey." + key
		switch key {
		case "sheet":
			if v.Kind != yaml.ScalarNode || v.Tag == "!!null" || v.Value == "" {
				return nil, fmt.Errorf("%s: %s: want the name of a worksheet, not %s", at(v), name, nodeKind(v))
			}
			s.sheet = v.Value
		case "ignore":
			if v.Kind != yaml.SequenceNode {
				return nil, fmt.Errorf("%s: %s: want a list of headers, not %s", at(v), name, nodeKind(v))
			}
			for _, c := range v.Content {
				if c.Kind != yaml.ScalarNode || c.Tag == "!!null" {
					return nil, fmt.Errorf("%s: %s: want a header, not %s", at(c), name, nodeKind(c))
				}
				s.ignore = append(s.ignore, surveyEntry{key: c.Value, pos: at(c)})
			}
		default:
			if v.Kind != yaml.MappingNode {
				return nil, fmt.Errorf("%s: %s: want a mapping (%s), not %s", at(v), name, surveyExample[key], nodeKind(v))
			}
			var list []surveyEntry
			for j := 0; j+1 < len(v.Content); j += 2 {
				kn, vn := v.Content[j], v.Content[j+1]
				if kn.Kind != yaml.ScalarNode || vn.Kind != yaml.ScalarNode || vn.Tag == "!!null" {
					return nil, fmt.Errorf("%s: %s: want %s", at(kn), name, surveyExample[key])
				}
				for _, e := range list {
					if strings.EqualFold(e.key, kn.Value) {
						return nil, fmt.Errorf("%s: %s: %q repeats the key at line %d (keys compare case-insensitively)", at(kn), name, termsafe.Text(kn.Value), e.pos.line)
					}
				}
				e := surveyEntry{key: kn.Value, value: vn.Value, pos: at(kn)}
				switch key {
				case "answers":
					l, err := strconv.Atoi(vn.Value)
					if err != nil || l < 0 || l > 5 {
						return nil, fmt.Errorf("%s: %s: %q: want a level 0-5, got %q", at(vn), name, termsafe.Text(kn.Value), termsafe.Text(vn.Value))
					}
				case "skills":
					if vn.Value != "have" && vn.Value != "want" {
						return nil, fmt.Errorf("%s: %s: %q: want have or want, got %q", at(vn), name, termsafe.Text(kn.Value), termsafe.Text(vn.Value))
					}
					if strings.Count(kn.Value, "{skill}") != 1 {
						return nil, fmt.Errorf("%s: %s: the pattern %q must hold {skill} exactly once, where the skill's name stands in the header", at(kn), name, termsafe.Text(kn.Value))
					}
				}
				list = append(list, e)
			}
			switch key {
			case "rename":
				s.rename = list
			case "skills":
				s.skills = list
			case "answers":
				s.answers = list
			}
		}
	}
	return s, nil
}

var surveyExample = map[string]string{
	"rename":  `header: column, e.g. "Email Address: email"`,
	"skills":  `"header pattern": have or want, e.g. "{skill} [I can teach]": have`,
	"answers": `word: level, e.g. "Beginner: 1"`,
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// mapping returns the skills.Mapping of the survey section, checked entry
// by entry so that a problem names its line, then as a whole.
func (s *surveySection) mapping() (*skills.Mapping, error) {
	m := &skills.Mapping{}
	check := func(one *skills.Mapping, pos position, key string) error {
		if err := one.Validate(); err != nil {
			return fmt.Errorf("%s: survey.%s: %s", pos, key, termsafe.Text(err.Error()))
		}
		return nil
	}
	for _, e := range s.rename {
		if pgm.IsCheckInColumn(e.value) {
			continue // a check-in form's header (checkins import reads it)
		}
		if err := check(&skills.Mapping{Rename: map[string]string{e.key: e.value}}, e.pos, "rename"); err != nil {
			return nil, err
		}
		if m.Rename == nil {
			m.Rename = map[string]string{}
		}
		m.Rename[e.key] = e.value
	}
	for _, e := range s.ignore {
		if err := check(&skills.Mapping{Ignore: []string{e.key}}, e.pos, "ignore"); err != nil {
			return nil, err
		}
		m.Ignore = append(m.Ignore, e.key)
	}
	for _, e := range s.skills {
		p := skills.SkillPattern{Pattern: e.key, Column: e.value}
		if err := check(&skills.Mapping{Skills: []skills.SkillPattern{p}}, e.pos, "skills"); err != nil {
			return nil, err
		}
		m.Skills = append(m.Skills, p)
	}
	for _, e := range s.answers {
		l, _ := strconv.Atoi(e.value) // checked by parseSurveySection
		if err := check(&skills.Mapping{Answers: map[string]int{e.key: l}}, e.pos, "answers"); err != nil {
			return nil, err
		}
		if m.Answers == nil {
			m.Answers = map[string]int{}
		}
		m.Answers[e.key] = l
	}
	at := position{}
	for _, p := range s.pos {
		if at.line == 0 || p.line < at.line {
			at = p
		}
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("%s: survey: %s", at, termsafe.Text(err.Error()))
	}
	return m, nil
}
