// Package pairengine is the large-roster engine behind pairing's exact
// strategies: it finds a maximum matching of maximum total score over
// every eligible pair of a roster too large to score pair by pair, and
// proves it with the matching's dual certificate.
//
// What goes in:
//
//   - Scores: the people's prepared score data in canonical order —
//     teaching values TV by feature (a skill at a learner's level), sparse
//     needs WantS/WantC with their bounds NeedC, grades — and the scan
//     layout derived from them (ScanOrder, Columns, Columns4). The caller
//     (pairing) builds it from a roster and its options.
//   - A Graph of candidate pairs with their quantised scores (Edge, in
//     units of 1/Quantum), and the people linked to anyone.
//   - For the candidate search on an inverted index (Index, Searcher), the
//     rules in compiled form: the grade window as a Window and the per-pair
//     rule and score as a Judge.
//   - A Pricer: the caller's view of the eligible pairs outside the graph.
//     The rules (grade windows, managers, never-pair lists…) and the soft
//     score terms stay with the caller, which applies them in its Pricer;
//     the engine never sees a person or a rule, only pairs and scores.
//   - A Config of switches and an optional trace for one run (no package
//     state: concurrent runs with different settings are independent).
//
// What comes out: Match returns the final matching.Result — the mate of
// every person and the vertex and blossom duals that cover every eligible
// pair (slack ≥ 0 for each, which is what the Pricer checks) — with the
// graph grown by the pairs pricing added.
//
// The row scans see the rules only in compiled form. Row streams one
// person's row (how much everyone teaches them, four people a word) and
// bounds, filters and ranks it: Each, and HarmonicTopK, which checks the
// caller's rule callback lazily on the best k + LazySlack pairs. A pricing
// round (PriceRound) lays out the certificate by dual (Duals: the prefix
// each row must meet, the slack of a pair met), prices every person's
// reserve and scans their rows — on a Row, or for the cross scans of plain
// Harmonic scores on a SortedScan (the people by grade, then dual) with a
// SortedRow — and keeps the most violated pairs of each person; LowSide
// adds the pairs nearest to violating it among the people pricing scans.
// PriceSums prices a certificate of one value per person (the capacity
// solve's). The grade
// gap reaches them as a Window; what may bound a score, as a slope and a
// per-row term; the candidate lists as RoundSpec.Theta and
// RoundJudge.Reserve; the rules and exact scores as RoundJudge and
// RowJudge callbacks (pairing's roundJudge and rowScorer).
//
// Beside Match and the scans the package holds the integer arithmetic the
// row scans share with the caller: plain Harmonic scores on integer
// teaching units (Harmonic, HarmonicAbove, NeedBelow, NeedCut),
// four-people-a-word SWAR lanes (LaneHigh, LaneOnes, LaneMax) and packed
// needs (PackWant, TeachPacked); top-k selection (TopK); O(log d) slack
// queries on a certificate (Certificate, TopBlossoms, KeptBlossoms);
// violations and their per-person quota (Violation, Quota); and a parallel
// row driver (Rows, Workers). docs/design-pairing.md describes the
// algorithm and which parts of the large-roster solve live in pairing.
package pairengine
