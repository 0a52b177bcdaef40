// Package cohort partitions a skills.Roster into balanced learning groups and
// gives each group a learning plan.
//
// This package is not implemented yet: it holds only this overview.
package cohort
