// Package skills holds a peer-mentoring survey as data: a Catalog of skills,
// the People who answered it with their have and want levels per skill, grade,
// experience, department, manager and focus, and the Roster that joins them.
// It reads rosters as CSV, .xlsx and JSON (Read chooses by content) and
// writes them as CSV and JSON, validates them, summarises
// them (Roster.Summary), generates reproducible synthetic populations
// (Synthetic) and embeds a small invented demo roster (Demo).
//
// Have and Want levels run from 0 to MaxLevel; Roster.Have and Roster.Want
// return them as gonum matrices (people × skills) scaled to [0, 1].
//
// # CSV format
//
// One header row, then one row a person (ReadCSV, WriteCSV):
//
//	id,name,email,grade,years,department,manager,location,capacity,focus,unavailable,lead,have:<Skill>,…,want:<Skill>,…,tag:<key>,…
//
// The columns:
//
//   - id is required and unique (two ids that differ only in Unicode
//     normalisation, and so look the same, are an error too). An id names
//     files, calendars, database rows and command-line lists, so one that
//     holds a control character, a line or paragraph separator, a bidi
//     control or invalid UTF-8 is an error at the cell naming the
//     character (names, departments and other text may hold them, and are
//     shown escaped). Every other column is optional and columns may come
//     in any order. Header names compare case-insensitively and
//     surrounding spaces are trimmed, in the header and in cells.
//   - email: blank, or one address: at most MaxEmailBytes (254) bytes, one
//     '@' between a non-empty local part and domain, no spaces, control
//     characters or invisible formatting characters (a zero-width space).
//     Anything else ("n/a", two addresses) is an error at the cell, since
//     an e-mail may name a manager; the domain is not checked.
//   - grade: whole number, higher is more senior. years: experience, a
//     number ≥ 0. capacity: whole number ≥ 0 of partners the person takes;
//     blank means 1. focus: the issue the person brings.
//   - manager: the line manager as HR exports give it: an id, an e-mail or
//     a name. The reader resolves it to an id (Person.Manager), trying an
//     id (exact), then an e-mail (case-insensitive), then a name (exact and
//     unique). An e-mail or name shared by two or more people is an error
//     (ErrAmbiguousManager) at the cell. A value that matches nobody is
//     kept as the id of someone outside the roster (so it follows the
//     rule of ids above) and recorded as a Warning in Roster.Warnings: the
//     line-management rule cannot protect a pair it cannot see. Nobody may manage themselves and the chain may not
//     loop.
//   - unavailable: dates YYYY-MM-DD separated by semicolons, commas or
//     spaces, and ranges such as 2027-12-20..2028-01-02 (both ends
//     included); they are expanded to days, sorted, without repeats. A
//     cell may name at most 3,660 days, ranges expanded and repeats
//     counted (ErrTooLarge).
//   - have:<Skill> and want:<Skill>: a level 0..5; blank means 0. The
//     catalog is the union of the skill names of these columns in order of
//     first appearance (a skill with only a want column exists too); names
//     compare case-insensitively and in Unicode normal form NFC, so
//     have:Coaching and have:coaching may not both appear, and want:Café
//     is the skill of have:Café however each é is encoded.
//   - lead: up to MaxLead (3) skill names of the survey separated by '|',
//     most preferred first: the topics the person would prefer to lead in a
//     group (cohort gives owners their preferences where it can).
//   - tag:<key>: free text kept in Person.Tags (blank cells are left out).
//
// A UTF-8 byte order mark, CRLF line ends, lines that end with a carriage
// return alone (Excel for Mac's "CSV (Macintosh)", recognised from the
// header line) and rows whose cells are all blank are accepted. Fields may be separated by commas, semicolons or tabs (the
// separator is detected from the header line); UTF-16 with a byte order
// mark is converted (an unpaired surrogate becomes U+FFFD, with a Warning
// naming its line), and a file that is not valid UTF-8 is read as
// Windows-1252 with a Warning naming the first line concerned;
// Roster.ReadInfo records what was detected. An .xlsx workbook (ReadXLSX)
// holds the same rows in a sheet, and its errors name cells
// (survey.xlsx:Sheet1!E3). Every problem is reported, not just the first: the error
// wraps ErrInvalidRoster and lists up to 100 *ParseError values formatted
// like
//
//	roster.csv:3:5: want:Coaching: bad value: level 7 outside 0..5
//
// with the 1-based line and field number (spreadsheet column); ParseErrors
// returns them and errors.Is finds the kind (ErrBadValue, ErrDuplicateID,
// ErrUnknownColumn, ErrFieldCount, ErrNoPeople, ErrFormat, ErrTooLarge,
// ErrAmbiguousManager). Warnings do not stop reading: the roster is
// returned with them in Roster.Warnings, each formatted like
//
//	survey.csv:7:4: manager "kim@example.org" of "bo" matches no id, e-mail or name in the roster; the line-management rule cannot keep "bo" from being paired with this manager
//
// ReadOptions bounds the input, and reading stops as soon as a limit is
// exceeded with an error wrapping ErrTooLarge that names the limit and the
// line and column (JSON: the field) where it was crossed:
//
//   - MaxPeople people (default 1,000,000);
//   - MaxSkills distinct skills (default 10,000);
//   - MaxFieldBytes bytes in one cell, header name or JSON string (default
//     64 KiB), and a record of at most that plus 256 bytes a column;
//   - MaxTags tag:<key> columns (JSON: tags of one person; default 1,000);
//   - an .xlsx workbook: 1 GiB zipped or unzipped, and 8 shared strings a
//     person of MaxPeople (at least 65,536).
//
// Text written for a terminal (WriteSummary, ParseError.Error,
// Warning.String) shows control characters in file and column names and
// in department and skill names as Go escapes (see internal/termsafe);
// values in messages are quoted with %q.
//
// # Survey exports
//
// Survey tools export other headers and answers: a Google Forms export
// starts with Timestamp and Email Address and asks grid questions as
// "Coaching [I can teach]"; a Microsoft Forms export starts with ID (the
// response number), Start time and Completion time; answers are words
// such as Yes, No, Beginner or Expert. ReadOptions.Mapping renames
// columns, leaves columns out, turns question headers into have and want
// columns by pattern and answer words into levels; automatic recognition
// (on unless ReadOptions.NoAutoMapping) reads the common shapes without
// one where only one reading is possible, and reports a header it could
// read two ways (ErrAmbiguousColumn) instead of guessing. With no id
// column the e-mail is the id, with a warning. ReadInfo.Columns says how
// every column was read, so a program can show it (`peermatch validate`).
// WriteTemplate writes a blank survey in the CSV format.
//
// # JSON format
//
// One object with stable snake_case names (ReadJSON, WriteJSON):
//
//	{
//	  "skills": [{"name": "Coaching", "category": "people"}, {"name": "Delegation"}],
//	  "people": [
//	    {"id": "ana", "name": "Ana", "email": "ana@example.org", "grade": 3,
//	     "years": 4.5, "department": "Sales", "manager": "kim",
//	     "location": "Leeds", "capacity": 1, "focus": "new manager",
//	     "tags": {"language": "en"},
//	     "unavailable": ["2027-12-20..2028-01-02", "2028-02-14"],
//	     "have": {"Coaching": 3}, "want": {"Delegation": 4}}
//	  ]
//	}
//
// "skills" must come before "people". Text fields (id, name, email,
// department, manager, location, focus, tag keys and values) are trimmed
// as CSV cells are, so "Sales " is the department "Sales" in both formats,
// and a tag whose value is blank is left out. A value holding bytes that
// are not UTF-8 is an error at its field (JSON text is UTF-8; decoding
// would turn them into U+FFFD). Every person field except
// "id" may be left out (zero values, and zero levels, are left out on writing); have
// and want name skills of the catalog; unavailable holds dates and ranges as
// in the CSV format; manager is resolved as in the CSV format, its errors
// and warnings naming the field (people[3].manager). Unknown fields are errors naming the person and field,
// such as
//
//	roster.json: people[4].want: person "ana": bad value: unknown skill "Cooking"
//
// WriteJSON and ReadJSON round-trip a roster exactly, and so do WriteCSV and
// ReadCSV (apart from skill categories, which CSV does not carry).
package skills
