package pairing

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
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

func (h *History) lastRound() int {
	last := 0
	for _, r := range h.Rounds {
		last = max(last, r.Round)
	}
	return last
}

// Add appends res as the round after the last one.
func (h *History) Add(res *Result) {
	rd := Round{Round: h.lastRound() + 1}
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
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
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
		var rounds []historyRound
		if len(raw) > 0 && raw[0] == '[' {
			if err := json.Unmarshal(raw, &rounds); err != nil {
				return nil, fmt.Errorf("%w: %w", ErrInvalidHistory, err)
			}
		} else {
			var one historyRound
			if err := json.Unmarshal(raw, &one); err != nil {
				return nil, fmt.Errorf("%w: %w", ErrInvalidHistory, err)
			}
			rounds = []historyRound{one}
		}
		for _, hr := range rounds {
			if err := addRound(hr); err != nil {
				return nil, err
			}
		}
	}
	return h, nil
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
			h.Rounds[x].Groups = append(h.Rounds[x].Groups, ids)
		}
	}
	return h, nil
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
