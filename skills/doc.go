// Package skills holds a peer-mentoring survey as data: a Catalog of skills,
// the People who answered it with their have and want levels per skill, grade,
// experience, department, manager and focus, and the Roster that joins them.
//
// Have and Want levels run from 0 to MaxLevel; Roster.Have and Roster.Want
// return them as gonum matrices (people × skills) scaled to [0, 1].
package skills
