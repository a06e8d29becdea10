"""FINAL4: a mixed sales organisation (directors, KAMs, new hires, non-native speakers), 100 phrasings.

Measured once on 2026-11-23 after the fourth tuning round (FINAL3, ROUND4, DEV3-DEV6): 90.0% (90/100),
BENCHMARKS.md; moved here from the sealed directory after that measurement and tuned on in the fifth.

Written on 2026-11-23 by a helper session asked to write evaluation data BLIND. Exactly these were
read: /work/shared/DESIGN.md (section 4 "Contract" and section 2 for vocabulary),
main/tests/language/lang_store.py (the fixed store of accounts and people), lines 1-30 of
main/tests/language/lang_eval_cases.py (the Case dataclass and conventions) and lines 1-36 of
main/tests/language/lang_eval_final2.py (its docstring: label conventions and an example header).
Nothing under kam_domain/language/ or bot/language/ was opened, no other phrasing set (including
/work/sealed/lang_eval_final3.py) and no test was opened, the repository was not grepped for
phrasings, and nothing was run (not the router, its tests nor any benchmark; only a syntax check
of this file with ast.parse, and an ast-based count of its labels).

It was SEALED until that one measurement (nobody tuned on it before); the number recorded is that one.

Persona and mix: a mixed sales organisation. Sales directors and key account managers writing full
sentences at their desks; new hires unsure of the jargon who describe what they want in their own
words ("the people who actually sign off the budget"); non-native English speakers (unusual grammar,
"the informations of Helios"); polite padding ("hi! could you please ..."); business context before
the ask; typos in about a fifth of the messages. Eleven thread follow-ups (with memory), seven messages
in the Acme account channel, two ambiguous "vantor" questions, people by full name, first name,
surname or title, five off-topic messages (some businessy near-misses: meeting rooms, expenses,
vacation policy) and seven methodology questions. Counts: help 3, accounts 4, account 10,
portfolio 4, score 4, score_set 4, nominate 4, demote 4, plan 7, swot 5, next 8, stakeholders 12,
stakeholder 6, log 10, review 3, method 7, unknown 5.

Labels follow lang_eval_cases.py: `account` is a store key from lang_store.seed_language_store,
"?vantor" (VANTORS) means the router must ask which Vantor, `intent="unknown"` means it must say what
it can do, `channel` is the Slack channel asked in (C_ACME is Acme's account channel), `memory` is what
the thread remembers: (account key, person name or None, last intent). `person` is set where the text
names or clearly points at one known stakeholder (by name, surname, title or pronoun in a thread);
`role` where a `stakeholders` question asks for a decision role (coach = champion). Nominations are
only for accounts that are not key (helios, kestrel, vantor_health), demotions only for key ones.
A new stakeholder who is not in the store (being added) gets person=None.
"""
from __future__ import annotations

from lang_eval_cases import VANTORS
from lang_eval_cases import Case
from lang_eval_cases import Case as C

FINAL4: tuple[Case, ...] = (
    # ---- help (3)
    C("hi! could you please tell me what kind of things I can ask you?", "help"),
    C("I just joined the sales team last week, how am I supposed to use this bot?", "help"),
    C("what comands do you understand?", "help"),

    # ---- accounts (4)
    C("Can you show me which customers are currently classed as key accounts?", "accounts"),
    C("which accounts are on the watch list, the ones that might become key later?", "accounts"),
    C("please give me the list of all our acounts, key and also not key", "accounts"),
    C("Before my 1:1 with the sales director I need to know: which clients do we treat as just regular ones?",
      "accounts"),

    # ---- account (10)
    C("please give me the informations of Helios", "account", "helios"),
    C("What tier is Vantor Health in right now, and who on our side owns it?", "account", "vantor_health"),
    C("I'm seeing Kestrel on Thursday. Can you pull up a quick summary of the account first - status, "
      "owner, what they're worth to us?", "account", "kestrel"),
    C("how much are we actualy making from Nordic Paper? revenue and profit please", "account", "nordic"),
    C("quick one: is Acme still a key account?", "account", "acme"),
    C("Could you look up SF-1001 for me? I only have the CRM number", "account", "borealis"),
    C("tell me about vantor, I have a call with them in 10 min", "account", VANTORS),
    C("what's the overall status of this account? coverage, next review date, that kind of thing",
      "account", "acme", channel="C_ACME"),
    C("and how much revenue did they bring us last year?", "account", "borealis",
      memory=("borealis", None, "stakeholders")),
    C("Whats the overal picture on Borealis Logistcs? tier, quadrant, owner, the basics", "account", "borealis"),

    # ---- portfolio (4)
    C("Which of our customers bring in 80% of the profit, and are those actually our key accounts?",
      "portfolio"),
    C("are we above the maximum number of key accounts we're allowed to have?", "portfolio"),
    C("show me the matrix with all our acounts in the four quadrents", "portfolio"),
    C("hello, for the QBR deck I need the big picture of the whole customer portfolio, incl. any warnings "
      "about the selection", "portfolio"),

    # ---- score (4)
    C("How does Kestrel rate against our selection criteria?", "score", "kestrel"),
    C("what scores did we gave Helios Foods? Specially product fit and solvency", "score", "helios"),
    C("and how did they score on the criteria?", "score", "nordic", memory=("nordic", None, "account")),
    C("Has Vantor Energy's weighted score gone up or down over the last months?", "score", "vantor_energy"),

    # ---- score_set (4)
    C("Helios just paid late twice in a row, please lower their solvency to 4", "score_set", "helios"),
    C("For Kestrel Aerospace: product fit should be 8, revenue potentail 6", "score_set", "kestrel"),
    C("existing relationships here deserve a 9 now, we finally have three people in with their board",
      "score_set", "acme", channel="C_ACME"),
    C("bump the product fit one up to 7 please", "score_set", "vantor_health",
      memory=("vantor_health", None, "score")),

    # ---- nominate (4)
    C("I'd like to propose Helios Foods to become a key account - they doubled their volume with us this year",
      "nominate", "helios"),
    C("Kestrel has grown a lot since spring, can we start the process to make them key?", "nominate", "kestrel"),
    C("Vantor Health should be upgraded to key account status, their hospital expansion means big potencial "
      "for us", "nominate", "vantor_health"),
    C("given those numbers I think we should put them forward for key status", "nominate", "helios",
      memory=("helios", None, "score")),

    # ---- demote (4)
    C("Borealis has moved most of their volume to a competitor and our margin is gone. Please take them off "
      "the key account list.", "demote", "borealis"),
    C("I want to request that Nordic Paper loses its key status - they were bought by a US group that buys "
      "centrally now, that's the reason", "demote", "nordic"),
    C("we should stop treating this account as key, cost to serve has been higher than what they pay us for "
      "3 quarters", "demote", "acme", channel="C_ACME"),
    C("pls downgrade Vantor Energy from key to regular, they've frozen all new projects untill 2028",
      "demote", "vantor_energy"),

    # ---- plan (7)
    C("What objectives do we have for Borealis for the next 6 months?", "plan", "borealis"),
    C("Can I see the account plan of Nordic Paper please", "plan", "nordic"),
    C("what is our long term goal with acme, like what are we trying to achive over 3 years", "plan", "acme"),
    C("Hi, my manager asked me to present the strategy we have for Vantor Energy. where do I find the goals "
      "and objectives?", "plan", "vantor_energy"),
    C("remind me what's in the plan for ARG", "plan", "acme"),
    C("ok and what's our plan with this customer for this year?", "plan", "nordic",
      memory=("nordic", None, "score")),
    C("i need to know the goals and objectifs we set for Helios", "plan", "helios"),

    # ---- swot (5)
    C("Could you draft a strengths/weaknesses/opportunities/threats analysis for Kestrel Aerospace?",
      "swot", "kestrel"),
    C("What are Borealis' main strengths and weaknesses, based on our meeting notes?", "swot", "borealis"),
    C("prepare me a swot of nordic paper for the steering meeting tomorow", "swot", "nordic"),
    C("can you also write up the opportunities and threats for them?", "swot", "helios",
      memory=("helios", None, "plan")),
    C("Which threats and opportunities do you see for Vantor Health from what's been logged so far?",
      "swot", "vantor_health"),

    # ---- next (8)
    C("What should I be doing next with Acme?", "next", "acme"),
    C("are there any overdue follow ups on Nordic Paper that I forgot about?", "next", "nordic"),
    C("what are the open to-dos for Borealis", "next", "borealis"),
    C("I have one free afternoon this week. What is most urgent to do for Vantor Energy?", "next",
      "vantor_energy"),
    C("anything pending here that someone needs to action?", "next", "acme", channel="C_ACME"),
    C("what should be my next step with them?", "next", "kestrel", memory=("kestrel", None, "account")),
    C("next steps on helios pls, I lost track after the holidays", "next", "helios"),
    C("whats outstnading for vantor?", "next", VANTORS),

    # ---- stakeholders (12)
    C("Who are the people who actually sign off the budget over at Nordic Paper?", "stakeholders", "nordic",
      role="economic_buyer"),
    C("Can you remind me who Erik Dahl is and what his role is?", "stakeholders", "vantor_energy",
      person="Erik Dahl"),
    C("Is there somebody at Acme who is working against us in this deal?", "stakeholders", "acme",
      role="blocker"),
    C("who's our coach inside Acme Retail", "stakeholders", "acme", role="champion"),
    C("Please show me the relationship map for Borealis, I want to see where we have gaps", "stakeholders",
      "borealis"),
    C("Who takes the technical decisions at Vantor Energy?", "stakeholders", "vantor_energy",
      role="technical_buyer"),
    C("at Borealis who decides at the end? I need the desicion maker", "stakeholders", "borealis",
      role="decision_maker"),
    C("who controls the access to the decision makers at Vantor Health, like who is the gate keeper",
      "stakeholders", "vantor_health", role="gatekeeper"),
    C("what do we know about the CFO of Acme?", "stakeholders", "acme", person="Ana Ruiz"),
    C("who does she report to?", "stakeholders", "borealis", person="Petra Schmidt",
      memory=("borealis", "Petra Schmidt", "stakeholders")),
    C("who are the important people there for us?", "stakeholders", "vantor_health",
      memory=("vantor_health", None, "account")),
    C("Novak at Borealis - what's his role in the deal and is he for or against us?", "stakeholders",
      "borealis", person="Jan Novak"),

    # ---- stakeholder (6)
    C("Please add a new contact at Nordic Paper: Karin Holm, Head of Purchasing, she is an influencer",
      "stakeholder", "nordic"),
    C("Mark Olsen from Acme isn't hostile anymore after the workshop, please change his attitude to neutral",
      "stakeholder", "acme", person="Mark Olsen"),
    C("Jonas Berg (Acme) got promoted, his title is now Head of Store Operations. can you update that?",
      "stakeholder", "acme", person="Jonas Berg"),
    C("Petra Schmidt at Borealis has more influence than we thought, put her influence at 4", "stakeholder",
      "borealis", person="Petra Schmidt"),
    C("I'll be the relationship owner for her from now on, please change it", "stakeholder", "vantor_energy",
      person="Maria Lopez", memory=("vantor_energy", "Maria Lopez", "stakeholders")),
    C("we have new person at Kestrel, Dan Reyes, VP Engineering, he is the techincal buyer. pls add him in "
      "the map", "stakeholder", "kestrel"),

    # ---- log (10)
    C("Just got off the phone with Lars Henriksen from Borealis, he's keen to extend the pilot to two more "
      "warehouses.", "log", "borealis", person="Lars Henriksen"),
    C("I have meet today Erik Dahl of Vantor Energy, he say the budget for phase 2 is approved. Please note it.",
      "log", "vantor_energy", person="Erik Dahl"),
    C("had lunch with Ana today, she wants revised pricing before Friday - can you record that?", "log", "acme",
      person="Ana Ruiz", channel="C_ACME"),
    C("Write down that I emailed Tom Becker at Vantor Health the updated tender documents this morning",
      "log", "vantor_health", person="Tom Becker"),
    C("Meeting notes for Helios Foods: visited the plant with Nina Patel, they're worried about delivery times "
      "in Q1 and she asked for a proposal.", "log", "helios", person="Nina Patel"),
    C("I spoke with him yesterday at the trade fair, very friendly, wants a call in January. please log it",
      "log", "nordic", person="Henrik Lund", memory=("nordic", "Henrik Lund", "stakeholders")),
    C("quick call w/ kestrel purchasing team today, they need our AS9100 certificates by end of month. "
      "can u log it", "log", "kestrel"),
    C("Sofia Rossi (Vantor Health) called me, unhappy about the invoice errors and threatening to pause "
      "orders. log this as a call please", "log", "vantor_health", person="Sofia Rossi"),
    C("Record a meeting at Borealis: Jan walked us through their IT security questionaire, we need to answer "
      "by the 15th", "log", "borealis", person="Jan Novak"),
    C("Meting with Olsen went bad again, he still prefer the in-house solution. noting it here for the record",
      "log", "acme", person="Mark Olsen", channel="C_ACME"),

    # ---- review (3)
    C("Let's start the quarterly review of Nordic Paper now", "review", "nordic"),
    C("our review for Borealis is overdue, can we do it now? walk me thru the checklist", "review", "borealis"),
    C("time for this account's monthly review, please kick it off", "review", "acme", channel="C_ACME"),

    # ---- method (7)
    C("What exactly is an economic buyer? I keep hearing the term in meetings", "method"),
    C("How do we decide in general which customers should become key accounts?", "method"),
    C("whats the difference between a Star and a Status account in the matrix", "method"),
    C("how many key accounts should one team realistically manage?", "method"),
    C("Sorry for the basic question, but what is a gatekeeper vs a blocker?", "method"),
    C("what does cost to serve mean and why does it matter for key acounts", "method"),
    C("In KAM, how often is one supposed to review a strategic account?", "method"),

    # ---- unknown (5)
    C("can you book the big meeting room on the 3rd floor for Thursday 2pm", "unknown"),
    C("what's our vacation policy over the christmas period?", "unknown"),
    C("How do I submit my travel expenses from the Hamburg customer visit?", "unknown"),
    C("please translate this email into German for me", "unknown"),
    C("what's the weather in Oslo tomorrow? flying out to see a client", "unknown"),
)
