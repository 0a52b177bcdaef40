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
// A pair is eligible unless it breaks a Rule: never-pair lists (the
// explanation never says who asked), line management (direct, or the whole
// chain with Options.ManagerChain), same department (with
// Options.DifferentDepartment), grade gap above Options.MaxGradeGap
// (default 1), a repeat of an earlier round (Options.History), and the
// two halves of the peer rule: peers differ in at least one of knowledge
// (skill-profile distance), experience (years) or authority (grade),
// otherwise there is nothing to learn from each other (RuleNoDifference),
// and are similar in at least one of them — grades at most
// Options.SimilarGrade apart (default 1), years at most
// Options.SimilarYears apart (default 5), or skill profiles at most
// Options.SimilarKnowledge apart (default 0.2) — otherwise they are not
// peers (RuleNotSimilar). Finally the pair must have something to
// exchange: a positive mutual score (RuleNothingToExchange; under the
// default Harmonic score both must learn something;
// Options.AllowNoExchange lifts it, and a pinned pair is kept with a
// note). A Scorer's Eligible and Explain report the rule; results count rejections
// per rule and give every unmatched person a reason.
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
// Rosters above Options.DenseLimit people never get an n×n structure:
// each person's best partners come from threshold searches on an inverted
// index (who has and who needs each skill, by grade) or from a streaming
// row scan, and Optimal prices the pairs left out against the matching's
// dual certificate until none can improve it; see Pairs.
//
// Optimal, MaxMin and Mentor solve exactly with the public packages
// matching (maximum-weight matching on general graphs) and assign
// (rectangular assignment), which take any weights, not only a roster's.
//
// # Capacity
//
// Person.Capacity (the survey's capacity column, default 1) is how many
// buddies a person takes. When someone's is above 1 (and
// Options.IgnoreCapacity is unset), Optimal, Greedy and Random form a
// b-matching: each person has at most their capacity of buddies. Optimal
// maximises, exactly and in this order, the number of people with at least
// one buddy, the number of links, and the total quantised score: everyone
// who can have a buddy gets one before anyone gets a second, and a second
// buddy is never bought by leaving someone alone. MaxMin and Stable still
// give everyone one buddy and add a note saying so. Trio cannot be
// combined with capacities above 1. See Pairs for the method.
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
