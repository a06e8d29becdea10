"""FINAL9: a sealed blind set for the language router, non-native speakers, sales directors and
customer success / presales colleagues mixed, 150 phrasings.

Measured once on 2026-11-23 (fifth session), with the phrasebook built from every set before it:
89.3% (134/150) as labelled; 91.3% (137/150) after the relabelling below; BENCHMARKS.md. Moved here after that measurement and tuned on.
Relabelled after that measurement, by a rule fixed before FINAL10/11 were measured: the brief given to
the writer defined `stakeholder` as "show or update one known person", while every earlier set labels a
question that only reads about one known person `stakeholders` with that person (the bot answers it
with the person's entry). Those cases are relabelled `stakeholders`, same person.

Written on 2026-11-23 by a helper session asked to write evaluation data BLIND. Exactly these were
read: /work/shared/DESIGN.md (section 4 "Contract" for the intents and section 2 for the vocabulary),
/work/main/tests/language/lang_store.py (the fixed store of accounts and people the labels refer to),
lines 1-30 of /work/main/tests/language/lang_eval_cases.py (the Case dataclass and conventions) and
lines 1-45 of /work/main/tests/language/lang_eval_final7.py (its docstring: label conventions).
Nothing under kam_domain/ (including any phrasebook), bot/, scripts/ or benchmarks/ was opened, nor
BENCHMARKS.md, README.md or any other test file; no other phrasing set was opened (/work/sealed/ was
listed once to check the output path, nothing in it was read); the repository and its history were not
grepped for phrasings; nothing was run except a syntax check of this file with ast.parse and a count of
its Cases per intent by parsing it with ast (no project code imported, no router, no tests, no benchmark).

It is SEALED until one measurement (nobody has tuned on it).

Personas, 50 phrasings each, mixed through all intents:
- non-native English speakers (German, Spanish, Indian, Scandinavian colleagues): their own grammar
  and word order ("it is key or not?", "who all are", "what means ..."), polite padding ("kindly",
  "please could you", "por favor"), small words from their language (Angebot, Telefonat, Besuch,
  leider, danke, bitte, reunión, renovación, próximos pasos, plan de cuenta, pues, hej, hei);
- sales directors and heads of sales: business prose about the portfolio, key-account selection,
  nominations and demotions with reasons, reviews, coverage and profitability;
- customer success and presales colleagues helping account teams: terse Slack style, about people,
  meetings, demos, workshops and plans.
Across all: 18 thread follow-ups with memory, 7 asked in the Acme account channel (C_ACME), 7
ambiguous "vantor" on read intents (account, next, plan, swot, score, stakeholders), people by full
name, first name (Jan, Jonas, Maria), surname (Mr. Henriksen), title (the Acme CIO, the Vantor Health
CFO, Nordic's CEO, the Helios COO) and pronoun in a thread, an alias (ARG) and a CRM id (SF-2001),
14 unknown (business-sounding near misses among them: a performance review for HR, a revenue forecast,
a price list, prospecting for leads, a commission plan, expense approval, an invoice, a contract offer)
and 10 method questions. Intent counts (weighted as a sales team asks, scaled to 150): stakeholders
19, log 17, unknown 14, account 13, next 12, stakeholder 10, method 10, plan 8, swot 6, score 6,
score_set 6, nominate 5, demote 5, portfolio 5, accounts 5, review 5, help 4.

Labels follow lang_eval_cases.py: `account` is a store key from lang_store.seed_language_store,
"?vantor" (VANTORS) means the router must ask which Vantor, `intent="unknown"` means it must say what
it can do (account None), `channel` is the Slack channel asked in (C_ACME is Acme's account channel),
`memory` is what the thread remembers: (account key, person name or None, last intent). `person` is
set where the text names or clearly points at one known stakeholder (by name, first name, surname,
title or pronoun in a thread); a brand-new person being added gets person=None. `role` only where a
`stakeholders` question asks for a decision role (coach = champion, budget holder / signs off on the
money = economic_buyer). Nominations are only for accounts that are not key (helios, kestrel,
vantor_health), demotions only for key ones (borealis, vantor_energy, acme, nordic). Write intents
always have an account determinable from the text, the channel or the memory. Review questions
without an account (reviews due, overdue, schedule) have account None; general questions about
cadence, scoring or the matrix are `method`.
"""
from __future__ import annotations

from lang_eval_cases import VANTORS
from lang_eval_cases import Case
from lang_eval_cases import Case as C

FINAL9: tuple[Case, ...] = (
    # ---------------------------------------------------------------- stakeholders
    C("Please could you tell me who is the economic buyer at Borealis?", "stakeholders", "borealis",
      role="economic_buyer"),
    C("Kindly share the stakeholder map of Nordic Paper, I have a meeting with them tomorrow", "stakeholders",
      "nordic"),
    C("Who is deciding at Helios? I need to know before the Angebot goes out", "stakeholders", "helios",
      role="decision_maker"),
    C("Before the QBR I would like to understand our coverage at Acme Retail Group: which decision roles are "
      "still uncovered?", "stakeholders", "acme"),
    C("Who holds the budget at Vantor Energy, and do we actually have a relationship with that person?",
      "stakeholders", "vantor_energy", role="economic_buyer"),
    C("who's the technical buyer at borealis? need to line up a demo", "stakeholders", "borealis",
      role="technical_buyer"),
    C("Do we have a champion inside Kestrel Aerospace yet?", "stakeholders", "kestrel", role="champion"),
    C("who at vantor is blocking us?", "stakeholders", VANTORS, role="blocker"),
    C("Who is the gatekeeper at Vantor Health, por favor?", "stakeholders", "vantor_health",
      role="gatekeeper"),
    C("Give me the relationship map for Borealis Logistics along with its coverage status.", "stakeholders",
      "borealis"),
    C("map of the people at ARG pls", "stakeholders", "acme"),
    C("Who is our coach on this account?", "stakeholders", "acme", role="champion", channel="C_ACME"),
    C("and who is the gatekeeper there?", "stakeholders", "borealis", role="gatekeeper",
      memory=("borealis", None, "stakeholders")),
    C("who signs off on the money there?", "stakeholders", "vantor_health", role="economic_buyer",
      memory=("vantor_health", None, "account")),
    C("who do we know over there?", "stakeholders", "kestrel", memory=("kestrel", None, "account")),
    C("Is there a blocker at Nordic Paper we should be worried about before the renewal?", "stakeholders",
      "nordic", role="blocker"),
    C("Hej, who are the influencers at Helios Foods?", "stakeholders", "helios", role="influencer"),
    C("who actually uses our stuff day to day at Acme, i.e. the user buyer?", "stakeholders", "acme",
      role="user_buyer"),
    C("Kindly let me know who all are the decision makers in Vantor Energy", "stakeholders", "vantor_energy",
      role="decision_maker"),

    # ---------------------------------------------------------------- stakeholder
    C("show me Petra Schmidt's entry", "stakeholders", "borealis", person="Petra Schmidt"),
    C("Please update Jan Novak: attitude is now +1, he liked the demo very much", "stakeholder", "borealis",
      person="Jan Novak"),
    C("Add Kari Nilsen, the new CFO of Nordic Paper, as economic buyer with influence 5.", "stakeholder",
      "nordic"),
    C("What do we have on the Acme CIO?", "stakeholders", "acme", person="Mark Olsen"),
    C("Bitte set the owner of Sofia Rossi to @bob, he knows her from before", "stakeholder", "vantor_health",
      person="Sofia Rossi"),
    C("please change her attitude to +2, she is our champion now", "stakeholder", "vantor_energy",
      person="Maria Lopez", memory=("vantor_energy", "Maria Lopez", "log")),
    C("when did anyone on our side last talk to him?", "stakeholders", "acme", person="Mark Olsen",
      memory=("acme", "Mark Olsen", "stakeholder")),
    C("Add her boss as well please: Raj Mehta, CEO, economic buyer", "stakeholder", "helios",
      memory=("helios", "Nina Patel", "stakeholder")),
    C("new contact at Kestrel Aerospace: Dana Whitfield, Head of Engineering, technical buyer", "stakeholder",
      "kestrel"),
    C("Could you show me the details of Mr. Henriksen please", "stakeholders", "borealis",
      person="Lars Henriksen"),

    # ---------------------------------------------------------------- log
    C("Log meeting with Ana Ruiz today, she is positive for the renovación of the contract", "log", "acme",
      person="Ana Ruiz"),
    C("Please log: Telefonat with Petra Schmidt from Borealis, she wants a new price until Friday", "log",
      "borealis", person="Petra Schmidt"),
    C("Kindly log that I met Nina Patel of Helios yesterday, she asked us to revert with a proposal", "log",
      "helios", person="Nina Patel"),
    C("Log a call with Henrik Lund at Nordic Paper. He was not so happy about the delivery times.", "log",
      "nordic", person="Henrik Lund"),
    C("Please record that I had dinner with Erik Dahl, CEO of Vantor Energy, last night; he is open to a "
      "three-year framework agreement.", "log", "vantor_energy", person="Erik Dahl"),
    C("logging a workshop with Jan at Borealis, integration scoping went well", "log", "borealis",
      person="Jan Novak"),
    C("had a call w/ the Vantor Health CFO, she's still sceptical about pricing, pls log it", "log",
      "vantor_health", person="Sofia Rossi"),
    C("log: onsite visit at Kestrel Aerospace today, met their new procurement lead, very early stage", "log",
      "kestrel"),
    C("log: quick call with Jonas, store rollout is on track", "log", "acme", person="Jonas Berg",
      channel="C_ACME"),
    C("ok log that I called her this morning, she approved the budget", "log", "acme", person="Ana Ruiz",
      memory=("acme", "Ana Ruiz", "stakeholder")),
    C("log: met him at the trade fair in Hamburg, he is interested in the warehouse pilot", "log", "borealis",
      person="Lars Henriksen", memory=("borealis", "Lars Henriksen", "stakeholder")),
    C("Please log my meeting with Mark Olsen from Acme today. He remains opposed to the migration but agreed "
      "to a technical deep dive in January.", "log", "acme", person="Mark Olsen"),
    C("I want to register a reunión with Tom Becker from Vantor Health, we talked about the tender", "log",
      "vantor_health", person="Tom Becker"),
    C("Note down that Maria from Vantor Energy joined our presales demo and loved the dashboard", "log",
      "vantor_energy", person="Maria Lopez"),
    C("Log a call with Nordic's CEO: he confirmed the budget for next year is approved.", "log", "nordic",
      person="Henrik Lund"),
    C("I met their head of engineering yesterday, please log it, good first meeting", "log", "kestrel",
      memory=("kestrel", None, "stakeholders")),
    C("Log for Helios Foods: Besuch at their plant today, the COO showed us the new packaging line", "log",
      "helios", person="Nina Patel"),

    # ---------------------------------------------------------------- account
    C("Please could you show me the account card for Borealis Logistics?", "account", "borealis"),
    C("What is the status of Kestrel, it is key or not?", "account", "kestrel"),
    C("Give me an overview of Nordic Paper AB: tier, quadrant, revenue and profit.", "account", "nordic"),
    C("Where does Acme Retail Group sit today in terms of tier and quadrant?", "account", "acme"),
    C("quick overview of helios before my call pls", "account", "helios"),
    C("what's the status on vantor?", "account", VANTORS),
    C("Hola, can you give me the overview of Vantor please?", "account", VANTORS),
    C("Status of this account please, danke", "account", "acme", channel="C_ACME"),
    C("ok and the full account card please", "account", "acme", memory=("acme", None, "stakeholders")),
    C("What tier is Vantor Health in, and who is the account owner on our side?", "account",
      "vantor_health"),
    C("pull up SF-2001", "account", "vantor_energy"),
    C("How profitable is Borealis for us at the moment, and what does the coverage look like on the card?",
      "account", "borealis"),
    C("How is Vantor Energy doing overall? I would like tier, owner, sponsor and next review in one view.",
      "account", "vantor_energy"),

    # ---------------------------------------------------------------- next
    C("What should I do next for Borealis, please?", "next", "borealis"),
    C("Which are the próximos pasos for Acme?", "next", "acme"),
    C("What are the priority actions for Nordic Paper this quarter, and why?", "next", "nordic"),
    C("next steps for vantor?", "next", VANTORS),
    C("anything I should follow up on with Kestrel this week?", "next", "kestrel"),
    C("what are the next actions for us on this account", "next", "acme", channel="C_ACME"),
    C("what are the next steps then?", "next", "helios", memory=("helios", None, "account")),
    C("What do I need to chase on Nordic Paper before the renewal?", "next", "nordic"),
    C("Recommend the next moves on Vantor Energy; the renewal is in March.", "next", "vantor_energy"),
    C("Kindly suggest what to do next on Vantor Health account", "next", "vantor_health"),
    C("what's open / to-do on Borealis?", "next", "borealis"),
    C("Hei, what is the next thing I should do with Helios Foods?", "next", "helios"),

    # ---------------------------------------------------------------- method
    C("What criteria does the KAM literature recommend for selecting key accounts?", "method"),
    C("According to best practice, how many key accounts should a company of our size have?", "method"),
    C("Please could you explain what is the difference between a Star and a Status account?", "method"),
    C("What means 'economic buyer' exactly? I am new in the team", "method"),
    C("how do you build a good stakeholder map in general?", "method"),
    C("What is the recommended review cadence for Strategic accounts compared with Streamline accounts?",
      "method"),
    C("Kindly explain how the weighted score is calculated", "method"),
    C("what's a single-threaded account and why is it bad?", "method"),
    C("What makes a good SWOT analysis in key account management, wie macht man das richtig?", "method"),
    C("In the mutual attractiveness model, what goes on the X axis?", "method"),

    # ---------------------------------------------------------------- plan
    C("Please could you show the account plan of Nordic Paper", "plan", "nordic"),
    C("What are our long-term objectives for Acme Retail Group, and who owns them?", "plan", "acme"),
    C("vantor account plan?", "plan", VANTORS),
    C("Kindly show the plan for this account", "plan", "acme", channel="C_ACME"),
    C("and what does the plan say?", "plan", "kestrel", memory=("kestrel", None, "swot")),
    C("what goals and objectives do we have written down for Borealis?", "plan", "borealis"),
    C("I need the plan de cuenta for Helios Foods, por favor", "plan", "helios"),
    C("Summarise the Vantor Energy account plan: goals, objectives by horizon and the actions under them.",
      "plan", "vantor_energy"),

    # ---------------------------------------------------------------- swot
    C("Could you please prepare a SWOT for Borealis?", "swot", "borealis"),
    C("I need a draft SWOT for Vantor Energy ahead of the executive sponsor meeting.", "swot",
      "vantor_energy"),
    C("strengths/weaknesses/opps/threats for Helios?", "swot", "helios"),
    C("draft a swot as well please", "swot", "nordic", memory=("nordic", None, "plan")),
    C("swot on vantor pls", "swot", VANTORS),
    C("Make me a Stärken-Schwächen analysis (SWOT) for Kestrel Aerospace", "swot", "kestrel"),

    # ---------------------------------------------------------------- score
    C("What is the score of Helios Foods please?", "score", "helios"),
    C("Show me how Kestrel Aerospace scores on each criterion.", "score", "kestrel"),
    C("what did we give borealis for solvency?", "score", "borealis"),
    C("show me the score breakdown", "score", "acme", memory=("acme", None, "account")),
    C("vantor score?", "score", VANTORS),
    C("Kindly tell the weighted score of Nordic Paper and its trend", "score", "nordic"),

    # ---------------------------------------------------------------- score_set
    C("Please set product fit of Helios to 8", "score_set", "helios"),
    C("Update Kestrel Aerospace: solvency 4, revenue potential 7.", "score_set", "kestrel"),
    C("borealis existing relationships should be a 9 now after the QBR", "score_set", "borealis"),
    C("set solvency to 7 for them", "score_set", "helios", memory=("helios", None, "score")),
    C("set revenue potential to 9 here", "score_set", "acme", channel="C_ACME"),
    C("Please change the score for Vantor Health, product fit = 6", "score_set", "vantor_health"),

    # ---------------------------------------------------------------- nominate
    C("I would like to propose Helios Foods for key account status; volumes have doubled and they fit our "
      "strategy.", "nominate", "helios"),
    C("Please could you nominate Kestrel Aerospace as key account? They are growing very fast", "nominate",
      "kestrel"),
    C("can we put Vantor Health forward as a key account? the CFO is tough but the potential is huge",
      "nominate", "vantor_health"),
    C("ok then let's nominate them, the numbers justify it", "nominate", "helios",
      memory=("helios", None, "account")),
    C("Kestrel Aerospace deserves a place among our key accounts; please start the nomination.", "nominate",
      "kestrel"),

    # ---------------------------------------------------------------- demote
    C("Nordic Paper should no longer be a key account: margin has been negative for three quarters.", "demote",
      "nordic"),
    C("Propose to remove this account from key status, the cost to serve is too high compared to revenue",
      "demote", "acme", channel="C_ACME"),
    C("Please demote Borealis, they moved most of the business to a competitor, leider", "demote",
      "borealis"),
    C("we need to take Vantor Energy off the key list, they got acquired and procurement moved to the parent",
      "demote", "vantor_energy"),
    C("I want to downgrade Nordic Paper from key, pues they are not buying from us anymore", "demote",
      "nordic"),

    # ---------------------------------------------------------------- portfolio
    C("Show me the portfolio matrix across all accounts.", "portfolio"),
    C("How is our portfolio split across the four quadrants right now?", "portfolio"),
    C("Are the accounts that generate 80% of our profit actually our key accounts?", "portfolio"),
    C("Please could you show me the whole portfolio with the chart?", "portfolio"),
    C("Are we above the cap for key accounts at the moment?", "portfolio"),

    # ---------------------------------------------------------------- accounts
    C("Please list all key accounts", "accounts"),
    C("Which accounts are currently on the candidate watch-list?", "accounts"),
    C("what accounts does Bob own?", "accounts"),
    C("Kindly give me list of regular accounts", "accounts"),
    C("List every account we have, whatever the tier.", "accounts"),

    # ---------------------------------------------------------------- review
    C("Which account reviews are due this week?", "review"),
    C("Are any key account reviews overdue?", "review"),
    C("let's do the review for it now", "review", "vantor_energy",
      memory=("vantor_energy", None, "account")),
    C("Please start the review for Nordic Paper, we have the meeting today", "review", "nordic"),
    C("what's the review schedule for the next month?", "review"),

    # ---------------------------------------------------------------- help
    C("Hello, please could you explain what you can do for me?", "help"),
    C("how do I use /kam log?", "help"),
    C("What commands does this assistant support?", "help"),
    C("Kindly share the list of commands", "help"),

    # ---------------------------------------------------------------- unknown
    C("Draft my annual performance review for the HR system.", "unknown"),
    C("Forecast next year's revenue for the whole sales team.", "unknown"),
    C("send the latest price list to Ana Ruiz", "unknown"),
    C("Please book a meeting room for tomorrow 10 o'clock", "unknown"),
    C("Can you translate this email to German for the Kunde?", "unknown"),
    C("find me new leads in the Spanish food retail market", "unknown"),
    C("What does our commission plan for Q3 look like?", "unknown"),
    C("thanks. what's the weather in Hamburg tomorrow?", "unknown", memory=("borealis", None, "next")),
    C("Kindly generate the invoice for Kestrel Aerospace", "unknown"),
    C("can you reset my Salesforce password?", "unknown"),
    C("Approve the travel expenses from my trip to Oslo.", "unknown"),
    C("create a zoom link for my call with Jonas", "unknown"),
    C("Draft a contract renewal offer for Acme Retail Group with a 5% discount.", "unknown"),
    C("Can you order flowers for the birthday of Maria Lopez, gracias", "unknown"),
)
