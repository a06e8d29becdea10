"""FINAL7: a sealed blind set for the language router, field reps, managers and new hires mixed, 150 phrasings.

Measured once on 2026-11-23 with the phrasebook built from every set before it (FINAL6 included):
94.7% (142/150), BENCHMARKS.md; moved here after that measurement and tuned on.

Written on 2026-11-23 by a helper session asked to write evaluation data BLIND. Exactly these were
read: /work/shared/DESIGN.md (section 4 "Contract" for the intents and section 2 for the vocabulary),
/work/main/tests/language/lang_store.py (the fixed store of accounts and people the labels refer to),
lines 1-30 of /work/main/tests/language/lang_eval_cases.py (the Case dataclass and conventions) and
lines 1-36 of /work/main/tests/language/lang_eval_final2.py (its docstring: label conventions).
Nothing under kam_domain/ (including kam_domain/language/ and any phrasebook), bot/language/ or
scripts/ was opened; no other phrasing set was opened (the file names in /work/sealed/ were listed
once to check the output path, none of them was read); the repository was not grepped for
phrasings; nothing was run except a syntax check of this file with ast.parse (no router, no tests,
no benchmark).

It was SEALED until that one measurement (nobody tuned on it before); the number recorded is that one.

Personas, 50 phrasings each, mixed through all intents:
- field reps on phones: terse, lowercase, about 40% typos, slang and abbreviations (acct, EB, mtg,
  f/u, w/, tmrw, pls, rn, imo, tbh), CRM ids;
- managers and directors at their desks: full sentences, context before the ask, sometimes two or
  three sentences;
- new hires and non-native speakers: their own words instead of KAM jargon ("decides about the
  money", "four boxes analysis", "marks we gave"), polite padding, unusual grammar.
Across all: 18 thread follow-ups with memory, 10 asked in the Acme account channel, people by full
name, first name, surname, title and pronoun, ambiguous "vantor" on read intents, 9 unknown (some
business-sounding near misses: a performance review, a revenue forecast, prospecting, a price list)
and 11 method questions. Intent counts (weighted as a sales team asks, scaled to 150): stakeholders
19, log 18, account 14, next 11, method 11, plan 9, stakeholder 9, unknown 9, swot 7, score 6,
score_set 6, nominate 6, portfolio 6, accounts 5, demote 5, review 5, help 4.

Labels follow lang_eval_cases.py: `account` is a store key from lang_store.seed_language_store,
"?vantor" (VANTORS) means the router must ask which Vantor, `intent="unknown"` means it must say what
it can do, `channel` is the Slack channel asked in (C_ACME is Acme's account channel), `memory` is what
the thread remembers: (account key, person name or None, last intent). `person` is set where the text
names or clearly points at one known stakeholder (by name, surname, title or pronoun in a thread);
a brand-new person being added gets person=None. `role` where a `stakeholders` question asks for a
decision role (coach = champion). Nominations are only for accounts that are not key (helios,
kestrel, vantor_health), demotions only for key ones (borealis, vantor_energy, acme, nordic).
Write intents always have an account determinable from the text, the channel or the memory.
"""
from __future__ import annotations

from lang_eval_cases import VANTORS
from lang_eval_cases import Case
from lang_eval_cases import Case as C

FINAL7: tuple[Case, ...] = (
    # ================================================================ field reps on phones (50)
    # ---- stakeholders
    C("whos the EB at vantor energy", "stakeholders", "vantor_energy", role="economic_buyer"),
    C("gatekeper @ borealis?", "stakeholders", "borealis", role="gatekeeper"),
    C("anyone at nordic who can block us?", "stakeholders", "nordic", role="blocker"),
    C("who's the coach here", "stakeholders", "acme", role="champion", channel="C_ACME"),
    C("who do we kno at vantor", "stakeholders", VANTORS),
    C("how does olsen feel abt us rn", "stakeholders", "acme", person="Mark Olsen"),
    C("is she still cold on us?", "stakeholders", "vantor_health", person="Sofia Rossi",
      memory=("vantor_health", "Sofia Rossi", "log")),
    # ---- log
    C("had the qbr w ana ruiz tdy, she's ok w the renewal terms", "log", "acme", person="Ana Ruiz"),
    C("call w henriksen, hes worried abt delivry times into q1", "log", "borealis", person="Lars Henriksen"),
    C("lunch w the helios coo, good vibes, wants a pilot in jan", "log", "helios", person="Nina Patel"),
    C("just spoke to petra, needs revised pricing by fri", "log", "borealis", person="Petra Schmidt"),
    C("met jonas on the shop floor, hes pushing the rollout internaly", "log", "acme", person="Jonas Berg",
      channel="C_ACME"),
    C("kestral demo went well, 6 ppl from engineering, they want a f/u quote", "log", "kestrel"),
    C("spoke 2 him again, still says no budget til march", "log", "nordic", person="Henrik Lund",
      memory=("nordic", "Henrik Lund", "stakeholders")),
    # ---- account
    C("kestrel acct staus pls", "account", "kestrel"),
    C("whos the kam on nordic", "account", "nordic"),
    C("helios rev n profit ytd?", "account", "helios"),
    C("what tier is vantor helth", "account", "vantor_health"),
    C("whats their revenue look like", "account", "borealis", memory=("borealis", None, "stakeholders")),
    # ---- next
    C("anything overdue here?", "next", "acme", channel="C_ACME"),
    C("f/u's i still owe vantor energy?", "next", "vantor_energy"),
    C("whats my next move w borelis", "next", "borealis"),
    C("ok wat do i do next", "next", "kestrel", memory=("kestrel", None, "log")),
    # ---- plan
    C("objectvs for nordic this yr?", "plan", "nordic"),
    C("acct plan for SF-2001 pls", "plan", "vantor_energy"),
    C("wats the long term goal w acme", "plan", "acme"),
    # ---- swot
    C("need a quick swot on kestrel b4 my mtg tmrw", "swot", "kestrel"),
    C("strenghts n weaknesses for borealis?", "swot", "borealis"),
    # ---- stakeholder (write)
    C("add kim yoon head of r&d at kestrel, influencer, i own her", "stakeholder", "kestrel"),
    C("make me the owner for jonas berg", "stakeholder", "acme", person="Jonas Berg"),
    C("maria lopez is basically our champion now, bump her attitude to +2", "stakeholder", "vantor_energy",
      person="Maria Lopez"),
    C("set his attitude to -1, hes cooled off", "stakeholder", "borealis", person="Lars Henriksen",
      memory=("borealis", "Lars Henriksen", "stakeholders")),
    # ---- score
    C("how's borealis scoring", "score", "borealis"),
    C("wat did we score nordic at", "score", "nordic"),
    # ---- score_set
    C("helios product fit 8 solvncy 7", "score_set", "helios"),
    C("kestrel rev potential = 9 pls", "score_set", "kestrel"),
    C("bump relationships to 6", "score_set", "acme", memory=("acme", None, "score")),
    # ---- nominate
    C("lets push kestrel to key imo, big aero program coming", "nominate", "kestrel"),
    C("helios deserves key status tbh, put it fwd", "nominate", "helios"),
    # ---- demote
    C("nordic shld come off the key list, volumes colapsed", "demote", "nordic"),
    C("drop vantor energy from key, they moved everything in-house", "demote", "vantor_energy"),
    # ---- accounts
    C("list key accts", "accounts"),
    C("whats on the watchlist rn", "accounts"),
    # ---- portfolio
    C("r we over the key acct cap?", "portfolio"),
    # ---- review
    C("kick off the review here, its due", "review", "acme", channel="C_ACME"),
    # ---- method
    C("whats the diff btw a blocker n a gatekeeper", "method"),
    # ---- help
    C("wat can u do", "help"),
    # ---- unknown
    C("whats the weather in oslo tmrw", "unknown"),
    C("can u book me a rental car for the hamburg trip", "unknown"),
    C("send me the latest price list pdf", "unknown"),

    # ================================================================ managers and directors (50)
    # ---- stakeholders
    C("Before the board meeting next week I want to understand Borealis properly. Who actually makes the "
      "final decision there?", "stakeholders", "borealis", role="decision_maker"),
    C("We keep losing deals at Acme on technical grounds. Who is the person blocking us, and how much sway "
      "do they have?", "stakeholders", "acme", role="blocker"),
    C("Can you give me the full relationship map for Nordic Paper, including any gaps in coverage?",
      "stakeholders", "nordic"),
    C("Sofia Rossi's name keeps coming up in forecast calls. Who is she and where does she stand on us?",
      "stakeholders", "vantor_health", person="Sofia Rossi"),
    C("Who is the technical evaluator on their side?", "stakeholders", "vantor_energy", role="technical_buyer",
      memory=("vantor_energy", None, "plan")),
    # ---- log
    C("Please record that I had dinner with Erik Dahl, the Vantor Energy CEO, last night. He confirmed the "
      "budget for the grid project and asked for a proposal by the 15th.", "log", "vantor_energy",
      person="Erik Dahl"),
    C("Quick note for the file: Mark Olsen joined our steering call today and was openly hostile about the "
      "integration timeline.", "log", "acme", person="Mark Olsen"),
    C("I spoke with the head of procurement at Vantor Health this morning; they are running a tender in "
      "February and we are invited.", "log", "vantor_health", person="Tom Becker"),
    C("Jan Novak emailed to say the IT security review passed. Can you log that against Borealis?", "log",
      "borealis", person="Jan Novak"),
    C("Capture this please: Ana and I walked through the renewal numbers on Tuesday, and she wants "
      "three-year pricing.", "log", "acme", person="Ana Ruiz", channel="C_ACME"),
    C("Also, I met her again at the trade fair yesterday. She was much warmer and asked about our roadmap.",
      "log", "vantor_energy", person="Maria Lopez", memory=("vantor_energy", "Maria Lopez", "stakeholders")),
    # ---- account
    C("I'm preparing the quarterly business update. What is Acme Retail Group currently worth to us in "
      "revenue and profit?", "account", "acme"),
    C("Who is the executive sponsor for Borealis Logistics, and who on the team owns the account?", "account",
      "borealis"),
    C("Give me the one-page overview of Nordic Paper AB.", "account", "nordic"),
    C("I keep hearing about Vantor in pipeline calls. Can you pull up where the account stands?", "account",
      VANTORS),
    C("And remind me which tier they're in and who owns them?", "account", "helios",
      memory=("helios", None, "score")),
    # ---- next
    C("Alice is off next week and I'm covering for her. What's open or overdue on Acme that I need to chase?",
      "next", "acme"),
    C("What should the team be doing next on Nordic Paper? I'd like the reasons too.", "next", "nordic"),
    C("Which follow-ups are still outstanding for this account?", "next", "acme", channel="C_ACME"),
    C("Fine. What are the next steps from here?", "next", "vantor_energy", memory=("vantor_energy", None, "swot")),
    # ---- plan
    C("I'd like to see what we've committed to with Borealis: the short, mid and long-term objectives and "
      "who owns each.", "plan", "borealis"),
    C("Where do we stand against the objectives we set for Vantor Energy this year?", "plan", "vantor_energy"),
    C("The exec committee asked about our strategy at Acme Retail. Can you pull up the plan?", "plan", "acme"),
    # ---- swot
    C("We have a strategy session with the Helios team on Thursday. Could you draft an analysis of "
      "strengths, weaknesses, opportunities and threats from our notes?", "swot", "helios"),
    C("What are the main threats and opportunities you see at Nordic Paper, based on what's been logged?",
      "swot", "nordic"),
    C("Good. Now draft the SWOT for them as well.", "swot", "borealis", memory=("borealis", None, "plan")),
    # ---- stakeholder (write)
    C("Please add Claire Dubois to the Borealis map: she is the new CFO, economic buyer, influence 5, and I "
      "will own the relationship.", "stakeholder", "borealis"),
    C("Petra Schmidt has been promoted to Chief Procurement Officer. Please update her title.", "stakeholder",
      "borealis", person="Petra Schmidt"),
    C("Henrik Lund's relationship should move from Bob to me going forward. Can you change the owner?",
      "stakeholder", "nordic", person="Henrik Lund"),
    # ---- score
    C("How does Kestrel Aerospace rate on our selection criteria at the moment?", "score", "kestrel"),
    # ---- score_set
    C("After the credit check I'm comfortable raising Vantor Health's solvency to 8 and revenue potential "
      "to 7.", "score_set", "vantor_health"),
    C("Our relationships here have improved a lot this quarter; set existing relationships to 8 for this "
      "account.", "score_set", "acme", channel="C_ACME"),
    # ---- nominate
    C("Helios has grown three quarters in a row and fits our strategy. I'd like to propose them as a key "
      "account.", "nominate", "helios"),
    C("I think Vantor Health has earned a place among our key accounts. Could you start the nomination? The "
      "reason: a new five-year framework agreement.", "nominate", "vantor_health"),
    # ---- demote
    C("Borealis has moved most of its volume to a competitor and the margin is gone. I want to end its key "
      "account status.", "demote", "borealis"),
    C("Given all that, let's take them off the key list. Reason: they've signed an exclusive deal with a "
      "competitor.", "demote", "acme", memory=("acme", None, "account")),
    # ---- accounts
    C("Which accounts do we currently have on the candidate list?", "accounts"),
    # ---- portfolio
    C("The CFO asked whether our key accounts really generate most of our profit. Are they the ones making "
      "up 80% of it?", "portfolio"),
    C("I'd like to see how all our accounts are positioned between their attractiveness and our strength "
      "with them.", "portfolio"),
    C("Are there any warnings about how we've selected our key accounts this year?", "portfolio"),
    # ---- review
    C("Nordic Paper's quarterly review is due. Let's go through it now.", "review", "nordic"),
    C("I want to sit down and do the account review for Vantor Energy with the team this afternoon. Can you "
      "start it?", "review", "vantor_energy"),
    # ---- method
    C("In general, how often should a strategic account be reviewed compared with a status account?",
      "method"),
    C("What's the difference between a star account and a streamline account in the McDonald model?",
      "method"),
    C("According to the literature, how many key accounts can a team realistically manage well?", "method"),
    C("When people talk about a perception gap in a customer relationship, what exactly do they mean?",
      "method"),
    # ---- help
    C("I've just been given access to this bot. Can you tell me what sort of things I can ask you?", "help"),
    # ---- unknown
    C("Can you draft my self-assessment for the annual performance review?", "unknown"),
    C("What's our company's travel policy for international flights?", "unknown"),
    C("Please forecast next quarter's revenue for the whole EMEA region by product line.", "unknown"),

    # ================================================================ new hires and non-native speakers (50)
    # ---- stakeholders
    C("Hello, sorry for the question, who is the person at Borealis that decides about the money?",
      "stakeholders", "borealis", role="economic_buyer"),
    C("Please, can you tell me who is Nina Patel? I see her name in the notes.", "stakeholders", "helios",
      person="Nina Patel"),
    C("Which people do we know in Kestrel Aerospace? I am new in this team.", "stakeholders", "kestrel"),
    C("Is there somebody inside Acme who is helping us and giving us information from inside?", "stakeholders",
      "acme", role="champion"),
    C("What is the feeling of the CEO of Nordic Paper for our company, is he happy with us?", "stakeholders",
      "nordic", person="Henrik Lund"),
    C("Good morning! For Vantor, who are the important persons I should know?", "stakeholders", VANTORS),
    C("Thank you. And who is in charge of the technical side there?", "stakeholders", "borealis",
      role="technical_buyer", memory=("borealis", None, "stakeholders")),
    # ---- log
    C("Today I visited the office of Helios Foods and I talked with Nina about the new packaging line, she "
      "was interested. Can you write this down?", "log", "helios", person="Nina Patel"),
    C("I had a phone call with Mr. Becker yesterday, he told me the tender is delayed one month. Please save "
      "this.", "log", "vantor_health", person="Tom Becker"),
    C("I want to keep a note: I sent an email to Maria Lopez with the technical documents she asked.", "log",
      "vantor_energy", person="Maria Lopez"),
    C("Me and Alice met the CFO this morning, she is asking for a discount of 5 percent. Please remember "
      "this meeting.", "log", "acme", person="Ana Ruiz", channel="C_ACME"),
    C("I met him today at the conference, he said they will decide in January. Please write it.", "log",
      "vantor_energy", person="Erik Dahl", memory=("vantor_energy", "Erik Dahl", "stakeholders")),
    # ---- account
    C("Can you show me the information about Kestrel Aerospace, like who is responsible and how much they "
      "pay us?", "account", "kestrel"),
    C("Excuse me, is Helios Foods an important customer for us or a normal one?", "account", "helios"),
    C("What is the situation of the customer 0015000000XYZ12?", "account", "nordic"),
    C("Sorry, I am new here. What is this customer, who is the manager and how much business do we do with "
      "them?", "account", "acme", channel="C_ACME"),
    # ---- next
    C("What things I must do now for Helios Foods? I don't want to forget something.", "next", "helios"),
    C("Is there any task that is late for Vantor Health?", "next", "vantor_health"),
    C("Okay, thank you. After this meeting, what should I do next?", "next", "nordic",
      memory=("nordic", None, "log")),
    # ---- plan
    C("Where can I see what we want to reach with Kestrel in the next years?", "plan", "kestrel"),
    C("Could you please show me the document with the targets and actions for Nordic Paper?", "plan",
      "nordic"),
    C("And what are our goals with this customer for the short time and the long time?", "plan", "acme",
      memory=("acme", None, "account")),
    # ---- swot
    C("My manager asked me to prepare the four boxes analysis for Vantor Health, the good points, bad "
      "points, chances and dangers. Can you help to make it?", "swot", "vantor_health"),
    C("Can you write for me the strong and weak points of our position in Borealis, using the notes?",
      "swot", "borealis"),
    # ---- stakeholder (write)
    C("There is a new person in Helios, Mr. Ahmed Khan, he is the purchasing manager. I want to put him in "
      "the system, please.", "stakeholder", "helios"),
    C("Tom Becker is not the procurement head anymore, now he is the COO. Please change it.", "stakeholder",
      "vantor_health", person="Tom Becker"),
    # ---- score
    C("How many points does Acme Retail have in our evaluation of customers?", "score", "acme"),
    C("I want to see the marks we gave to Vantor Health for each criteria.", "score", "vantor_health"),
    C("And their points for product fit and the others?", "score", "kestrel", memory=("kestrel", None, "account")),
    # ---- score_set
    C("For Nordic Paper I think the product fit is very good, please give it 9 points.", "score_set", "nordic"),
    # ---- nominate
    C("I believe Kestrel Aerospace should become one of our key customers. Please send the request for this "
      "to the sponsor.", "nominate", "kestrel"),
    C("Then I would like to suggest this customer to be key account, please.", "nominate", "helios",
      memory=("helios", None, "account")),
    # ---- demote
    C("The volume of Vantor Energy is going down very much and they are not strategic now. I think they "
      "should not be key account anymore.", "demote", "vantor_energy"),
    # ---- accounts
    C("Please, can you show me all the customers we have?", "accounts"),
    C("Which customers are the most important ones for our company, the key ones?", "accounts"),
    # ---- portfolio
    C("I want to understand the picture of all customers, which ones are attractive and where we are "
      "strong. Is there a chart?", "portfolio"),
    C("Is it true that few customers make most of our profit? Can you show me this?", "portfolio"),
    # ---- review
    C("My manager says it is time to check the Borealis account together. Can we begin the review now?",
      "review", "borealis"),
    C("Hello, I think it is time for the regular check of this customer, can you start it?", "review", "acme",
      channel="C_ACME"),
    # ---- method
    C("Sorry for the basic question, but what does 'key account' mean exactly and how is it different from "
      "a normal customer?", "method"),
    C("In my old company we did not have this. What is a coach in key account management?", "method"),
    C("How do we decide if a customer is attractive for us? Which things should we look at?", "method"),
    C("Why is it bad when only one person from our side knows all the people at the customer?", "method"),
    C("What should be inside a good account plan, in general?", "method"),
    C("What is the meaning of an economic buyer, and is it the same as a decision maker?", "method"),
    # ---- help
    C("Hi! I am new in the sales team. How do I use you?", "help"),
    C("Excuse me, which commands exist for this bot?", "help"),
    # ---- unknown
    C("Can you please translate this email to German for me?", "unknown"),
    C("How do I request holidays in the HR system?", "unknown"),
    C("Please find me new companies in Poland that could buy our products.", "unknown"),
)
