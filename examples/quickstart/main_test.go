package main

// Example runs the quickstart exactly as a newcomer does (go run
// ./examples/quickstart) and checks its output, so the code shown in the
// README is compiled and tested. A change of the pairing scores or rules
// shows up here first.
func Example() {
	main()
	// Output:
	// Leila Levi + Amara Okonkwo (score 68): Giving feedback, Coaching ⇄ Time management, Negotiation
	// Leila Levi + Bastian Sato (score 89): Coaching ⇄ Time management, Negotiation
	// Marit Brandt + Yara Nassar (score 84): Motivation, Change management ⇄ Time management, Delegation
	// Marit Brandt + Celine Demir (score 85): Motivation ⇄ Time management, Delegation
	// Nico Berger + Zeno Santos (score 44): Hiring and interviewing ⇄ Decision making, Performance reviews
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
	// Elif Laurent + Talia Amiri (score 64): Hiring and interviewing ⇄ Coaching, Motivation
	// Fenna Park + Quentin Dubois (score 71): Decision making, Change management, Hiring and interviewing ⇄ Presentation skills
	// Ivo Petrov + Soren Obi (score 80): Hiring and interviewing, Time management ⇄ Motivation, Presentation skills
	// Kofi Jansen + Flora Greco (score 53): Change management, Presentation skills, Negotiation ⇄ Decision making, Conflict resolution, Presentation skills
	// Yara Nassar + Oskar Ferreira (score 83): Performance reviews, Time management ⇄ Motivation
	// Bruno Strand + Nadia Hale (score 95): Decision making, Time management ⇄ Presentation skills
	// Emeka Holm + Willem Mensah (score 76): Delegation, Change management ⇄ Hiring and interviewing, Negotiation
	// Idris Lund + Vesna Volkov (score 42): Delegation, Change management ⇄ Coaching
	// Juno Bakker + Ximena Kapoor (score 31): Decision making, Presentation skills, Conflict resolution ⇄ Delegation, Change management
	// Kasper Ruiz has no partner: no eligible partner among 47 others: 36 more than 1 grade apart, 9 with nothing to exchange, 2 in a line-management link
	// Agnes Solberg has no partner: no eligible partner among 47 others: 28 more than 1 grade apart, 17 with nothing to exchange, 2 in a line-management link
	// Gustav Ek has no partner: no eligible partner among 47 others: 26 with nothing to exchange, 20 more than 1 grade apart, 1 in a line-management link
	// 25 pairs, mean score 65.1
}
