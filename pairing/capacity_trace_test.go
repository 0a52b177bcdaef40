package pairing

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"
)

// TestCapacityTrace logs the phases of Optimal under capacities on a
// synthetic roster of PEERMATCH_CAP_TRACE people × 200 skills (20% at
// capacity 2–3): PEERMATCH_CAP_TRACE=10000 go test -run CapacityTrace -v ./pairing
func TestCapacityTrace(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("PEERMATCH_CAP_TRACE"))
	if n == 0 {
		t.Skip("set PEERMATCH_CAP_TRACE to a roster size")
	}
	r := capSynthetic(n, 200, 1, 0.2)
	start := time.Now()
	tune := tuning{trace: func(f string, a ...any) { t.Logf("%8.2fs "+f, append([]any{time.Since(start).Seconds()}, a...)...) }}
	res, err := pairsTuned(context.Background(), r, Options{}, tune)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%.2fs: %d links, %d matched; %v", time.Since(start).Seconds(), res.Metrics.Links, res.Metrics.Matched, res.Notes)
}
