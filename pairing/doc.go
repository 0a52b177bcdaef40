// Package pairing forms complementary buddy pairs from a skills.Roster,
// explains them, and measures them.
//
// # Scores
//
// A skill counts as taught from person i to person j only when j wants it
// and i can really teach it: i's level is at least Options.MinTeachLevel
// (default 3 of 5, skills.TeachLevel, the level from which groups count a
// member as able to teach) and above j's (skills.Advantage). It counts j's
// want times the levels i is ahead; with levels scaled to [0, 1],
//
//	teach(i, j) = Σ_s want_j[s] · (have_i[s] − have_j[s])
//
// over the skills s that i can teach j, at most 1 a skill (TeachMatrix
// computes it densely with gonum for small rosters). Every skill an
// explanation lists passes this test against the survey. The two
// directions of a pair combine by the Options.Mutual rule: Harmonic
// (default, 2ab/(a+b): both must learn, and an even exchange scores best),
// OneWay (max), Sum or Min. Soft criteria (same location, shared focus,
// department diversity, a shared tag value) add user weights to pairs
// with a positive mutual score; history adds a bonus for people left
// unmatched last round and, under PenaliseRepeats, a penalty decaying with
// the age of a repeat. This is the optimisation score, Pair.Weight. The
// displayed score, Pair.Score, runs from 0 to 100: the mutual rule applied
// to the share of each partner's need (Σ want·(1 − have), what an expert
// would teach them) that the other covers, times 100.
//
// # Hard rules
//
// A pair is eligible unless it breaks a Rule (each constant says its rule
// and the option behind it): a never-pair list (an explanation never says
// who asked), line management (direct, or the whole chain), the same
// department (when asked), a grade gap above Options.MaxGradeGap (default
// 1), a repeat of an earlier round, the peer rule — peers differ in
// knowledge, experience or authority (RuleNoDifference) and are similar in
// at least one of them (RuleNotSimilar) — and having nothing to exchange
// (a mutual score of 0: under Harmonic both must learn something;
// Options.AllowNoExchange lifts it). A Scorer's Eligible and Explain
// report the rule; results count rejections per rule and give every
// unmatched person a reason.
//
// # Strategies
//
// Pairs runs one of Optimal (most pairs, then largest total, exactly, with
// a dual certificate), MaxMin (most pairs, then the best worst displayed
// score — the Metrics.Min it reports is never below Optimal's — then the
// total), Stable (a stable matching over every eligible pair: Irving's
// stable roommates up to DenseLimit, the greedy matching above), Greedy
// (best remaining eligible pair first over every eligible pair, which is
// stable because scores are symmetric) and Random. All return the same
// Result with the same Metrics; Stable and Greedy report no blocking pair
// at any size (a pinned pair may still block). Pinned pairs are kept and the rest is
// optimised around them; Options.Trio lets a leftover person join the pair
// they add most to. A Scorer (NewScorer, built once per roster and
// options) explains any pair and suggests a person's best eligible partners;
// Mentor assigns mentees to mentors with capacities.
//
// Above Options.DenseLimit people no n×n structure is built: Optimal
// solves on each person's best candidates and prices every other pair
// against the matching's dual certificate (see Pairs). The exact solvers
// are the public packages matching and assign.
//
// # Capacity
//
// Person.Capacity (default 1) is how many buddies a person takes. When
// someone's is above 1, Optimal, Greedy and Random give each person at
// most their capacity of buddies; Optimal maximises, exactly and in this
// order, the people with a buddy, the links, and the total score, so a
// second buddy is never bought by leaving someone alone. MaxMin and
// Stable give everyone one buddy and say so in a note.
//
// # Output
//
// A Result is plain data. WriteJSON, WriteCSV and WriteText write it as a
// JSON object (for platforms; ReadHistory reads it back as an earlier
// round), a spreadsheet-safe CSV and a terminal-safe table; each names
// every member with their name and e-mail address from the roster, so
// that the output can be acted on. ReadHistory also reads a CSV of
// `round,a,b` and rejects any other document saying what it is.
package pairing
