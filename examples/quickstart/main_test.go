package main

// Example runs the quickstart exactly as a newcomer does (go run
// ./examples/quickstart) and checks its output, so the code shown in the
// README is compiled and tested. A change of the pairing scores or rules
// shows up here first.
func Example() {
	main()
	// Output:
	// Leila Levi + Amara Okonkwo (score 60): Giving feedback, Coaching ⇄ Time management
	// Leila Levi + Bastian Sato (score 86): Coaching ⇄ Time management, Negotiation
	// Marit Brandt + Yara Nassar (score 81): Motivation ⇄ Time management, Delegation
	// Marit Brandt + Celine Demir (score 82): Motivation ⇄ Time management, Delegation
	// Nico Berger + Zeno Santos (score 42): Hiring and interviewing ⇄ Decision making, Performance reviews
	// Odile Roux + Carmen Nyberg (score 81): Coaching ⇄ Hiring and interviewing, Change management
	// Pim Ashby + Hana Lindqvist (score 79): Motivation ⇄ Negotiation, Hiring and interviewing
	// Rasa Hart + Rhea Castro (score 71): Giving feedback ⇄ Negotiation
	// Silas Haddad + Priya Marsh (score 42): Coaching, Giving feedback ⇄ Negotiation
	// Thea Farouk + Jolene Raman (score 54): Motivation ⇄ Time management, Presentation skills, Hiring and interviewing
	// Ulla Moretti + Vesna Volkov (score 40): Change management ⇄ Negotiation
	// Wren Visser + Lotte Aziz (score 52): Change management, Coaching, Giving feedback ⇄ Presentation skills
	// Amara Okonkwo + Zeno Santos (score 49): Change management, Hiring and interviewing ⇄ Delegation
	// Dmitri Kovac + Dalia de Vries (score 67): Negotiation, Change management ⇄ Presentation skills
	// Elif Laurent + Talia Amiri (score 63): Hiring and interviewing ⇄ Coaching, Motivation
	// Fenna Park + Quentin Dubois (score 71): Decision making, Change management, Hiring and interviewing ⇄ Presentation skills
	// Gideon Jankauskas + Helga Conti (score 46): Hiring and interviewing ⇄ Giving feedback
	// Ivo Petrov + Soren Obi (score 79): Hiring and interviewing, Time management ⇄ Motivation, Presentation skills
	// Kofi Jansen + Juno Bakker (score 38): Change management ⇄ Decision making, Presentation skills
	// Yara Nassar + Oskar Ferreira (score 83): Performance reviews, Time management ⇄ Motivation
	// Bruno Strand + Nadia Hale (score 95): Decision making, Time management ⇄ Presentation skills
	// Emeka Holm + Willem Mensah (score 70): Delegation ⇄ Hiring and interviewing, Negotiation
	// Flora Greco + Umar Morgan (score 25): Delegation ⇄ Presentation skills
	// Kasper Ruiz has no partner: no eligible partner among 47 others: 36 more than 1 grade apart, 9 with nothing to exchange, 2 in a line-management link
	// Viggo Rahimi has no partner: no eligible partner among 47 others: 25 with nothing to exchange, 20 more than 1 grade apart, 1 in a line-management link, 1 too alike (same grade, under 2 years apart, near-identical skills)
	// Agnes Solberg has no partner: no eligible partner among 47 others: 28 more than 1 grade apart, 17 with nothing to exchange, 2 in a line-management link
	// Gustav Ek has no partner: no eligible partner among 47 others: 26 with nothing to exchange, 20 more than 1 grade apart, 1 in a line-management link
	// Idris Lund has no partner: no eligible partner among 47 others: 26 with nothing to exchange, 20 more than 1 grade apart, 1 in a line-management link
	// Mateo Vinter has no partner: no eligible partner among 47 others: 36 more than 1 grade apart, 9 with nothing to exchange, 2 in a line-management link
	// Ximena Kapoor has no partner: no eligible partner among 47 others: 25 with nothing to exchange, 20 more than 1 grade apart, 1 in a line-management link, 1 too alike (same grade, under 2 years apart, near-identical skills)
	// 23 pairs, mean score 63.3
}
