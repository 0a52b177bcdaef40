package main

// Example runs the quickstart exactly as a newcomer does (go run
// ./examples/quickstart) and checks its output, so the code shown in the
// README is compiled and tested. A change of the pairing scores or rules
// shows up here first.
func Example() {
	main()
	// Output:
	// Kasper Ruiz + Agnes Solberg (score 0): nothing ⇄ nothing
	// Leila Levi + Bastian Sato (score 89): Coaching ⇄ Time management, Negotiation
	// Marit Brandt + Elif Laurent (score 64): Coaching, Motivation ⇄ Time management, Delegation
	// Nico Berger + Celine Demir (score 82): Motivation ⇄ Decision making, Performance reviews
	// Odile Roux + Gideon Jankauskas (score 91): Giving feedback, Coaching ⇄ Hiring and interviewing, Change management, Performance reviews
	// Pim Ashby + Hana Lindqvist (score 84): Motivation, Presentation skills ⇄ Negotiation, Hiring and interviewing
	// Rasa Hart + Rhea Castro (score 75): Giving feedback, Change management ⇄ Negotiation
	// Silas Haddad + Priya Marsh (score 52): Coaching, Giving feedback ⇄ Negotiation, Change management
	// Thea Farouk + Jolene Raman (score 64): Motivation, Conflict resolution ⇄ Time management, Presentation skills, Hiring and interviewing
	// Ulla Moretti + Helga Conti (score 27): Coaching, Hiring and interviewing ⇄ Negotiation
	// Viggo Rahimi + Umar Morgan (score 22): Coaching, Delegation ⇄ Motivation, Change management
	// Wren Visser + Lotte Aziz (score 57): Change management, Coaching, Giving feedback ⇄ Presentation skills, Conflict resolution
	// Amara Okonkwo + Zeno Santos (score 58): Change management, Hiring and interviewing ⇄ Delegation, Giving feedback
	// Carmen Nyberg + Mateo Vinter (score 57): Change management ⇄ Coaching
	// Dmitri Kovac + Dalia de Vries (score 76): Negotiation, Change management, Giving feedback ⇄ Presentation skills
	// Fenna Park + Vesna Volkov (score 69): Change management ⇄ Presentation skills, Coaching
	// Ivo Petrov + Soren Obi (score 80): Hiring and interviewing, Time management ⇄ Motivation, Presentation skills
	// Kofi Jansen + Talia Amiri (score 58): Hiring and interviewing ⇄ Conflict resolution, Presentation skills
	// Yara Nassar + Oskar Ferreira (score 83): Performance reviews, Time management ⇄ Motivation
	// Bruno Strand + Nadia Hale (score 95): Decision making, Time management ⇄ Presentation skills
	// Emeka Holm + Willem Mensah (score 76): Delegation, Change management ⇄ Hiring and interviewing, Negotiation
	// Flora Greco + Quentin Dubois (score 52): Decision making, Hiring and interviewing ⇄ Presentation skills, Negotiation
	// Gustav Ek + Idris Lund (score 0): nothing ⇄ nothing
	// Juno Bakker + Ximena Kapoor (score 31): Decision making, Presentation skills, Conflict resolution ⇄ Delegation, Change management
	// 24 pairs, mean score 60.1
}
