package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	pgm "github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/programme/store"
	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/require"
)

// TestWriteHistoryDB writes the fixture of the speed figures in
// docs/programme-year.md: a programme database of $PEERMATCH_HISTORY_N
// (default 10,000) synthetic participants with two years of history, 24
// monthly rounds from 2025-01-06 (random pairs, everyone paired) each with
// two answers a pair, at $PEERMATCH_HISTORY_DB. It is skipped unless
// that variable is set:
//
//	PEERMATCH_HISTORY_DB=/tmp/h.db go test ./cmd/peermatch -run WriteHistoryDB
func TestWriteHistoryDB(t *testing.T) {
	path := os.Getenv("PEERMATCH_HISTORY_DB")
	if path == "" {
		t.Skip("set PEERMATCH_HISTORY_DB to write the fixture")
	}
	n := 10000
	if v := os.Getenv("PEERMATCH_HISTORY_N"); v != "" {
		_, err := fmt.Sscan(v, &n)
		require.NoError(t, err)
	}
	ctx := context.Background()
	s, err := store.Create(ctx, path, store.Options{})
	require.NoError(t, err)
	defer s.Close()
	start := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)
	roster := skills.Synthetic(n, 12, 7, skills.SyntheticOptions{})
	rng := rand.New(rand.NewPCG(1, 2))
	require.NoError(t, s.Update(ctx, func(tx *store.Tx) error {
		if err := tx.SetSettings(ctx, store.Settings{Name: "two years", Start: start}); err != nil {
			return err
		}
		_, err := tx.SaveRoster(ctx, roster, start)
		return err
	}))
	ids := make([]string, n)
	for i, p := range roster.People {
		ids[i] = p.ID
	}
	for k := 0; k < 24; k++ {
		formed := start.AddDate(0, k, 0)
		rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
		rd := pgm.Round{Number: k + 1, Formed: formed, Kind: pgm.KindPairs, Options: "fixture"}
		var answers []pgm.CheckIn
		for i := 0; i+1 < len(ids); i += 2 {
			a, b := ids[i], ids[i+1]
			if b < a {
				a, b = b, a
			}
			rd.Pairs = append(rd.Pairs, pgm.Pair{A: a, B: b, Formed: formed})
			d := formed.AddDate(0, 0, 14)
			answers = append(answers, pgm.CheckIn{Date: d, Person: a, Partner: b, Met: true, Equitable: 4, Progress: 3},
				pgm.CheckIn{Date: d, Person: b, Partner: a, Met: true, Equitable: 5, Progress: 4})
		}
		require.NoError(t, s.Update(ctx, func(tx *store.Tx) error {
			if err := tx.AddRound(ctx, rd); err != nil {
				return err
			}
			_, err := tx.AddCheckIns(ctx, answers)
			return err
		}))
	}
	w, err := os.Create(path + ".survey.csv")
	require.NoError(t, err)
	require.NoError(t, skills.WriteCSV(w, roster))
	require.NoError(t, w.Close())
}
