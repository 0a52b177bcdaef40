package pairing

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/peermatch/peermatch/internal/plural"
)

// History is the record of earlier rounds, used by Options.History to avoid
// repeats and to favour people left unmatched last time.
type History struct {
	Rounds []Round
}

// Round is one earlier round: its groups (pairs or trios, as ids) and the
// people left unmatched.
type Round struct {
	// Round numbers the round; larger is more recent.
	Round     int
	Groups    [][]string
	Unmatched []string
}

// lastRound returns the largest round number, or 0 for no rounds; a
// history numbered below 0 has its last round below 0 too.
func (h *History) lastRound() int {
	if len(h.Rounds) == 0 {
		return 0
	}
	last := h.Rounds[0].Round
	for _, r := range h.Rounds[1:] {
		last = max(last, r.Round)
	}
	return last
}

// roundAge returns how many rounds old rd is when last is the latest round
// (1 for the latest), at most math.MaxInt. last − rd + 1 overflows int when
// the numbers span more than it holds (math.MinInt and math.MaxInt), so
// the difference is taken in uint64, where it is exact for last ≥ rd.
func roundAge(last, rd int) int {
	d := uint64(last) - uint64(rd)
	return int(min(d, math.MaxInt-1)) + 1
}

// Add appends res as the round after the last one (numbered one more, or
// math.MaxInt again when the last round is math.MaxInt).
func (h *History) Add(res *Result) {
	last := h.lastRound()
	if last < math.MaxInt {
		last++
	}
	rd := Round{Round: last}
	for _, p := range res.Pairs {
		g := []string{p.A, p.B}
		if p.C != "" {
			g = append(g, p.C)
		}
		rd.Groups = append(rd.Groups, g)
	}
	for _, u := range res.Unmatched {
		rd.Unmatched = append(rd.Unmatched, u.ID)
	}
	h.Rounds = append(h.Rounds, rd)
}

// Summary says how much h holds, for a line such as "read 2 rounds, 41
// pairs": the number of rounds and of pairs, then the trios and the people
// left unmatched when there are any, e.g. "3 rounds, 40 pairs, 1 trio, 2
// unmatched". It takes time linear in the number of groups.
func (h *History) Summary() string {
	pairs, trios, unmatched := 0, 0, 0
	for _, r := range h.Rounds {
		for _, g := range r.Groups {
			if len(g) > 2 {
				trios++
			} else {
				pairs++
			}
		}
		unmatched += len(r.Unmatched)
	}
	s := plural.Count(len(h.Rounds), "round", "rounds") + ", " + plural.Count(pairs, "pair", "pairs")
	if trios > 0 {
		s += ", " + plural.Count(trios, "trio", "trios")
	}
	if unmatched > 0 {
		s += fmt.Sprintf(", %d unmatched", unmatched)
	}
	return s
}

// historyRound is the JSON shape read by ReadHistory: the output of
// WriteJSON (`peermatch pairs --json`), with an optional "round".
type historyRound struct {
	Round *int `json:"round"`
	Pairs []struct {
		A string `json:"a"`
		B string `json:"b"`
		C string `json:"c"`
	} `json:"pairs"`
	Unmatched []struct {
		ID string `json:"id"`
	} `json:"unmatched"`
}

// ReadHistory reads earlier rounds in one of two formats.
//
// JSON: one or more objects in the format of WriteJSON (the output of
// `peermatch pairs --json`), concatenated or in a JSON array, oldest first.
// Only "pairs" (a, b, optional c), "unmatched" (id) and an optional integer
// "round" are read; without "round" the k-th object is round k.
//
// CSV: a header `round,a,b` (optionally `,c`) and one row per pair; a row
// with an empty b records a person left unmatched in that round.
//
// A document that is not a history of pairs is an error that says what it
// is instead: an empty input, a JSON object without "pairs" (a groups
// document of `peermatch groups --json`, a roster, a schedule, an empty
// object, or any other object, named by its keys), an empty JSON array, or
// a CSV whose header is that of a roster, of groups or of `peermatch pairs
// --csv`. History.Summary says how much was read.
//
// Errors wrap ErrInvalidHistory and give the position. An input longer
// than MaxHistoryBytes is an error: ReadHistory reads at most one byte more
// than the limit, so an endless input (/dev/zero) stops there. ReadHistory
// takes time and memory linear in the input.
func ReadHistory(r io.Reader) (*History, error) {
	return readHistory(r, MaxHistoryBytes)
}

// MaxHistoryBytes is the largest input ReadHistory accepts, 64 MiB. A file
// beyond it is not a history of rounds but a mistake (or /dev/zero); split
// a longer history and merge the Rounds.
const MaxHistoryBytes = 64 << 20

// readHistory is ReadHistory with a size limit in bytes.
func readHistory(r io.Reader, limit int64) (*History, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidHistory, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: the history is longer than the limit of %s: reading stopped at byte %d", ErrInvalidHistory, sizeName(limit), limit+1)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("%w: the history is empty: want the JSON of `peermatch pairs --json` or a CSV of round,a,b", ErrInvalidHistory)
	}
	if trimmed[0] == '{' || trimmed[0] == '[' {
		return readHistoryJSON(trimmed)
	}
	return readHistoryCSV(data)
}

func readHistoryJSON(data []byte) (*History, error) {
	h := &History{}
	dec := json.NewDecoder(bytes.NewReader(data))
	k := 0
	addRound := func(hr historyRound) error {
		k++
		rd := Round{Round: k}
		if hr.Round != nil {
			rd.Round = *hr.Round
		}
		for x, p := range hr.Pairs {
			if p.A == "" || p.B == "" {
				return fmt.Errorf("%w: round %d, pair %d: missing a or b", ErrInvalidHistory, rd.Round, x+1)
			}
			g := []string{p.A, p.B}
			if p.C != "" {
				g = append(g, p.C)
			}
			if id := repeatedID(g); id != "" {
				return fmt.Errorf("%w: round %d, pair %d: %q is named twice", ErrInvalidHistory, rd.Round, x+1, id)
			}
			rd.Groups = append(rd.Groups, g)
		}
		for _, u := range hr.Unmatched {
			if u.ID != "" {
				rd.Unmatched = append(rd.Unmatched, u.ID)
			}
		}
		h.Rounds = append(h.Rounds, rd)
		return nil
	}
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("%w: JSON at byte %d: %w", ErrInvalidHistory, dec.InputOffset(), err)
		}
		raw = bytes.TrimSpace(raw)
		var objects []json.RawMessage
		if len(raw) > 0 && raw[0] == '[' {
			if err := json.Unmarshal(raw, &objects); err != nil {
				return nil, fmt.Errorf("%w: %w", ErrInvalidHistory, err)
			}
			if len(objects) == 0 {
				return nil, fmt.Errorf("%w: this is an empty array, not a history of rounds", ErrInvalidHistory)
			}
		} else {
			objects = []json.RawMessage{raw}
		}
		for _, obj := range objects {
			if err := checkPairsObject(obj, k+1); err != nil {
				return nil, err
			}
			var hr historyRound
			if err := json.Unmarshal(obj, &hr); err != nil {
				return nil, fmt.Errorf("%w: %w", ErrInvalidHistory, err)
			}
			if err := addRound(hr); err != nil {
				return nil, err
			}
		}
	}
	return h, nil
}

// checkPairsObject returns nil when obj, the k-th JSON value of a history,
// is an object with "pairs", and otherwise an error that says what it is.
func checkPairsObject(obj json.RawMessage, k int) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(obj, &fields); err != nil || fields == nil {
		return fmt.Errorf("%w: value %d is not a JSON object of `peermatch pairs --json`", ErrInvalidHistory, k)
	}
	if _, ok := fields["pairs"]; ok {
		return nil
	}
	var what string
	_, groups := fields["groups"]
	_, people := fields["people"]
	_, sessions := fields["sessions"]
	switch {
	case len(fields) == 0:
		what = "an empty object"
	case groups:
		what = "a groups document (it has \"groups\" with members, as `peermatch groups --json` writes)"
	case people:
		what = "a roster (it has \"people\")"
	case sessions:
		what = "a schedule (it has \"sessions\")"
	default:
		names := slices.Sorted(maps.Keys(fields))
		more := ""
		if len(names) > 5 {
			names, more = names[:5], ", …"
		}
		quoted := make([]string, len(names))
		for i, n := range names {
			quoted[i] = strconv.Quote(n)
		}
		what = "an object with " + strings.Join(quoted, ", ") + more + " and no \"pairs\""
	}
	where := "this is"
	if k > 1 {
		where = fmt.Sprintf("value %d is", k)
	}
	return fmt.Errorf("%w: %s %s, not a history of pairs: want the JSON of `peermatch pairs --json` or a CSV of round,a,b", ErrInvalidHistory, where, what)
}

// csvKind names the CSV whose header is rec when it is a roster, groups or
// `peermatch pairs --csv` output rather than a history, or returns "".
func csvKind(rec []string) string {
	if len(rec) == 0 {
		return ""
	}
	first := strings.ToLower(strings.TrimSpace(rec[0]))
	second := ""
	if len(rec) > 1 {
		second = strings.ToLower(strings.TrimSpace(rec[1]))
	}
	switch {
	case first == "id":
		return "a roster (its header starts with \"id\")"
	case first == "group" && second == "id":
		return "a groups CSV (its header starts with \"group,id\", as `peermatch groups --csv` writes)"
	case first == "a" && second == "b":
		return "the CSV of `peermatch pairs --csv` (its header starts with \"a,b\"): keep the --json output for --history, or write round,a,b"
	}
	return ""
}

func readHistoryCSV(data []byte) (*History, error) {
	cr := csv.NewReader(bufio.NewReader(bytes.NewReader(data)))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	h := &History{}
	byRound := map[int]int{}
	line := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalidHistory, err)
		}
		line++
		if line == 1 && len(rec) > 0 && strings.EqualFold(strings.TrimSpace(rec[0]), "round") {
			continue
		}
		if what := csvKind(rec); line == 1 && what != "" {
			return nil, fmt.Errorf("%w: this is %s, not a history of pairs", ErrInvalidHistory, what)
		}
		if len(rec) < 2 || len(rec) > 4 {
			return nil, fmt.Errorf("%w: line %d: want round,a,b[,c], got %d fields", ErrInvalidHistory, line, len(rec))
		}
		n, err := strconv.Atoi(strings.TrimSpace(rec[0]))
		if err != nil {
			return nil, fmt.Errorf("%w: line %d, column 1: round %q is not an integer", ErrInvalidHistory, line, rec[0])
		}
		x, ok := byRound[n]
		if !ok {
			x = len(h.Rounds)
			byRound[n] = x
			h.Rounds = append(h.Rounds, Round{Round: n})
		}
		var ids []string
		for _, f := range rec[1:] {
			if f = strings.TrimSpace(f); f != "" {
				ids = append(ids, f)
			}
		}
		switch len(ids) {
		case 0:
			return nil, fmt.Errorf("%w: line %d: no id", ErrInvalidHistory, line)
		case 1:
			h.Rounds[x].Unmatched = append(h.Rounds[x].Unmatched, ids[0])
		default:
			if id := repeatedID(ids); id != "" {
				return nil, fmt.Errorf("%w: line %d: %q is named twice", ErrInvalidHistory, line, id)
			}
			h.Rounds[x].Groups = append(h.Rounds[x].Groups, ids)
		}
	}
	return h, nil
}

// repeatedID returns an id that a group of at most three names twice, or
// "": a person cannot be their own partner, so such a group is a mistake
// in the file, not a pair to avoid. O(1).
func repeatedID(g []string) string {
	for x := range g {
		for y := x + 1; y < len(g); y++ {
			if g[x] == g[y] {
				return g[x]
			}
		}
	}
	return ""
}

// sizeName writes a byte count as "N bytes", followed by " (M MiB)" when it
// is a whole number of mebibytes.
func sizeName(n int64) string {
	s := strconv.FormatInt(n, 10) + " bytes"
	if n >= 1<<20 && n%(1<<20) == 0 {
		s += " (" + strconv.FormatInt(n>>20, 10) + " MiB)"
	}
	return s
}
