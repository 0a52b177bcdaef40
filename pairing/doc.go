// Package pairing forms complementary buddy pairs from a skills.Roster,
// explains them, and measures them.
//
// # Scores
//
// With have and want levels scaled to [0, 1], how much person i can teach
// person j is
//
//	teach(i, j) = Σ_s want_j[s] · have_i[s] · (1 − have_j[s]),
//
// the matrix H · (W ∘ (1 − H))ᵀ (TeachMatrix computes it densely with
// gonum for small rosters). The two directions of a pair combine by the
// Options.Mutual rule: Harmonic (default, 2ab/(a+b): both must learn, and
// an even exchange scores best), OneWay (max), Sum or Min. Soft criteria
// (same location, shared focus, department diversity, a shared tag value)
// add user weights to pairs with a positive mutual score; history adds a
// bonus for people left unmatched last round and, under PenaliseRepeats, a
// penalty decaying with the age of a repeat. This is the optimisation
// score, Pair.Weight. The displayed score, Pair.Score, runs from 0 to 100:
// the mutual rule applied to the share of each partner's need
// (Σ want·(1 − have)) that the other covers, times 100.
//
// # Hard rules
//
// A pair is eligible unless it breaks a Rule: never-pair lists (the
// explanation never says who asked), line management (direct, or the whole
// chain with Options.ManagerChain), same department (with
// Options.DifferentDepartment), grade gap above Options.MaxGradeGap
// (default 1), a repeat of an earlier round (Options.History), or the peer
// rule: the two must differ in knowledge (skill-profile distance), in
// experience (years) or in authority (grade), otherwise there is nothing to
// learn from each other; and the pair must have something to exchange: a
// positive mutual score (RuleNothingToExchange; under the default Harmonic
// score both must learn something; Options.AllowNoExchange lifts it, and a
// pinned pair is kept with a note). Eligible and Explain report the rule;
// results count rejections per rule and give every unmatched person a
// reason.
//
// # Strategies
//
// Pairs runs one of Optimal (most pairs, then largest total, exactly, with
// a dual certificate), MaxMin (most pairs, best worst pair, then total),
// Stable (Irving's stable roommates), Greedy and Random. All return the
// same Result with the same Metrics. Pinned pairs are kept and the rest is
// optimised around them; Options.Trio lets a leftover person join the pair
// they add most to. Suggest lists a person's best eligible partners and
// Mentor assigns mentees to mentors with capacities.
//
// Rosters above Options.DenseLimit people never get an n×n structure:
// each person's best partners come from threshold searches on an inverted
// index (who has and who needs each skill, by grade) or from a streaming
// row scan, and Optimal prices the pairs left out against the matching's
// dual certificate until none can improve it; see Pairs.
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
// WriteJSON writes one object:
//
//	{"strategy": "optimal",
//	 "pairs": [{"a": "ana", "b": "ben", "score": 100,
//	            "a_teaches_b": [{"skill": "Coaching", "value": 1}],
//	            "b_teaches_a": [{"skill": "Budgeting", "value": 1}]}],
//	 "unmatched": [{"id": "cy", "reason": "odd count: …"}],
//	 "metrics": {"pairs": 1, "trios": 0, "matched": 2, "unmatched": 1,
//	             "total": 1, "mean": 100, "min": 100, "equity": 0,
//	             "want_coverage": 1, "blocking_pairs": 0,
//	             "rejected": {"grade_gap": 2}},
//	 "notes": ["…"]}
//
// Under capacities a person may be in several pairs (one object a link),
// "metrics" also has "links" (buddy links) and "at_capacity" (people with
// as many buddies as their capacity), and the object ends with
// "loads": [{"id": "ana", "load": 2, "capacity": 2}, …], every person by id.
// A trio's pair object also has "c" and the skills each member teaches the
// other two. WriteCSV and WriteText write the same result as CSV (safe to
// open in a spreadsheet) and as a table. ReadHistory reads earlier rounds
// from that JSON or from a CSV of `round,a,b`.
//
// # Solvers
//
// Match, MatchEdges (maximum-weight matching on general graphs, with dual
// certificates) and Assign (rectangular assignment) expose the exact
// solvers the strategies use.
package pairing
