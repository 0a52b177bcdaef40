package pairing

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"
)

// peerScript reads a matching instance with integer weights on stdin and
// prints NetworkX's maximum-weight matching as a mate array.
const peerScript = `
import json, sys
import networkx as nx
n, m = map(int, sys.stdin.readline().split())
G = nx.Graph()
G.add_nodes_from(range(n))
for _ in range(m):
    u, v, w = sys.stdin.readline().split()
    G.add_edge(int(u), int(v), weight=int(w))
mate = [-1] * n
for u, v in nx.max_weight_matching(G):
    mate[u], mate[v] = v, u
print(json.dumps(mate))
`

// TestCapacityPeerNetworkX solves the node-splitting reduction of rosters
// of 30–120 people with NetworkX's max_weight_matching (Debian
// python3-networkx, /usr/bin/python3) and compares the objective of the
// b-matching it encodes with Pairs. It runs only with PEERMATCH_PEER=1:
// PEERMATCH_PEER=1 go test -run CapacityPeer -v ./pairing
func TestCapacityPeerNetworkX(t *testing.T) {
	if os.Getenv("PEERMATCH_PEER") != "1" {
		t.Skip("set PEERMATCH_PEER=1 to compare with NetworkX")
	}
	for x, n := range []int{30, 60, 90, 120, 120} {
		r := capSynthetic(n, 12, uint64(100+x), 0.3)
		opt := Options{HardRules: HardRules{MaxGradeGap: GradeGap(2)}}
		res, err := Pairs(context.Background(), r, opt)
		require.NoError(t, err)
		got := checkCapResult(t, r, opt, res)
		// the candidate-graph solve (small premiums, proven by the bounds,
		// or the large premiums) must agree with the peer too
		sp := opt
		sp.DenseLimit, sp.CandidateK = 10, 3
		sparse, err := Pairs(context.Background(), r, sp)
		require.NoError(t, err)
		require.Equal(t, got, checkCapResult(t, r, opt, sparse), "n %d: sparse", n)

		p, err := newProblem(r, opt)
		require.NoError(t, err)
		cp := p.capacityPlan()
		act, q, err := p.dense(context.Background())
		require.NoError(t, err)
		m := len(act)
		qb := make([]int64, p.n)
		for a := 0; a < m; a++ {
			for b := 0; b < m; b++ {
				qb[act[a]] = max(qb[act[a]], q[a*m+b])
			}
		}
		g, err := p.newCapModel(cp, act, qb)
		require.NoError(t, err)
		for a := 0; a < m; a++ {
			for b := a + 1; b < m; b++ {
				if v := q[a*m+b]; v >= 0 {
					g.add(act[a], act[b], v)
				}
			}
		}
		var in bytes.Buffer
		fmt.Fprintf(&in, "%d %d\n", g.nv, len(g.es))
		for _, e := range g.es {
			fmt.Fprintf(&in, "%d %d %.0f\n", e.U, e.V, e.W)
		}
		cmd := exec.Command("/usr/bin/python3", "-c", peerScript)
		cmd.Stdin = &in
		out, err := cmd.Output()
		require.NoError(t, err, "NetworkX: %s", out)
		var mate []int
		require.NoError(t, json.Unmarshal(out, &mate))
		var peer capValue
		load := make([]int, p.n)
		for _, l := range g.links(mate) {
			load[l[0]]++
			load[l[1]]++
			peer.links++
			peer.q += p.qscore(l[0], l[1])
		}
		for _, l := range load {
			if l > 0 {
				peer.covered++
			}
		}
		require.Equal(t, peer, got, "n %d", n)
		t.Logf("n %d: %d vertices, %d edges: %+v", n, g.nv, len(g.es), got)
	}
}
