"""FINAL8: a sealed blind set for the language router, field reps on phones, experienced KAMs at their desks
and new hires mixed, 150 phrasings.

Measured once on 2026-11-23 (fifth session), with the phrasebook built from every set before it:
85.3% (128/150) as labelled; 88.0% (132/150) after the relabelling below; BENCHMARKS.md. Moved here after that measurement and tuned on.
Relabelled after that measurement, by a rule fixed before FINAL10/11 were measured: the brief given to
the writer defined `stakeholder` as "show or update one known person", while every earlier set labels a
question that only reads about one known person `stakeholders` with that person (the bot answers it
with the person's entry). Those cases are relabelled `stakeholders`, same person.

Written by a helper session asked to write evaluation data BLIND. Exactly these were read:
/work/shared/DESIGN.md (section 4 "Contract" for the intents and section 2 for the vocabulary, including
the decision role names), /work/main/tests/language/lang_store.py (the fixed store of accounts and people
the labels refer to), lines 1-30 of /work/main/tests/language/lang_eval_cases.py (the Case dataclass and
conventions) and lines 1-45 of /work/main/tests/language/lang_eval_final7.py (its docstring: label
conventions and how the previous blind set was made). Nothing under kam_domain/, bot/, scripts/ or
benchmarks/ was opened, nor BENCHMARKS.md, README.md or any other file in tests/; no other phrasing set
was opened (the directory /work/sealed/ was listed once to check the output path, nothing in it was
read); the repository and its git history were not grepped for phrasings; nothing was run except a syntax
check of this file with ast.parse and an ast-based count of its Cases per intent (no project code
imported, no router, no tests, no benchmark).

It is SEALED until one measurement (nobody has tuned on it).

Personas, 50 phrasings each, mixed through all intents (marked a/b/c in a comment after each case):
- (a) account managers typing fast on phones between meetings: lowercase, about 40% typos, shorthand
  (acct, EB, mtg, f/u, w/, tmrw, pls, asap, imo), CRM ids (SF-1001, SF-2001, SF-3001, 0015000000XYZ12);
- (b) experienced key account managers at their desks: full sentences, often context before the ask;
- (c) people who just joined the sales team: their own words instead of KAM jargon ("the person that
  actually approves the spending", "strong points and weak points", "the important list", "a picture of
  all our customers", "the boss of nordic paper").
Across all: 19 thread follow-ups with memory, 8 asked in the Acme account channel (C_ACME), people by
full name, first name, surname, title ("the CFO", "the IT guy", "the finance boss") and pronoun,
ambiguous "vantor" on read intents (account, stakeholders, next, plan, swot, score), 13 unknown (some
business-sounding near misses: an invoice, a price quote, quota attainment, a CRM opportunity stage,
travel expenses, commission, prospecting email, a customer's stock price) and 9 method questions.
Intent counts: stakeholders 19, log 16, stakeholder 13, unknown 13, account 12, next 10, method 9,
plan 8, swot 7, score_set 7, nominate 6, demote 5, portfolio 5, accounts 5, review 5, score 5, help 5.

Labels follow lang_eval_cases.py: `account` is a store key from lang_store.seed_language_store,
"?vantor" (VANTORS) means the router must ask which Vantor, `intent="unknown"` means it must say what
it can do (account None even when a customer is named), `channel` is the Slack channel asked in (C_ACME
is Acme's account channel), `memory` is what the thread remembers: (account key, person name or None,
last intent). `person` is set where the text names or clearly points at one known stakeholder (by name,
first name, surname, title or pronoun in a thread); a brand-new person being added gets person=None.
`role` where a `stakeholders` question asks for a decision role (coach = champion). Nominations are only
for accounts that are not key (helios, kestrel, vantor_health), demotions only for key ones (borealis,
vantor_energy, acme, nordic). Write intents always have an account determinable from the text, the
channel or the memory.
"""
from __future__ import annotations

from lang_eval_cases import VANTORS
from lang_eval_cases import Case
from lang_eval_cases import Case as C

FINAL8: tuple[Case, ...] = (
    # ---------------------------------------------------------------- stakeholders
    C("whos the EB at nordic", "stakeholders", "nordic", role="economic_buyer"),  # a
    C("stakeholdr map borealis pls", "stakeholders", "borealis"),  # a
    C("who's who at vantor", "stakeholders", VANTORS),  # a
    C("whos the blockr here?", "stakeholders", "acme", role="blocker", channel="C_ACME"),  # a
    C("We're heading into the renewal negotiation at Borealis next month. Who is the decision maker there?",
      "stakeholders", "borealis", role="decision_maker"),  # b
    C("Before the QBR I'd like to see the full relationship map for Nordic Paper, including any coverage gaps.",
      "stakeholders", "nordic"),  # b
    C("Our whole Acme relationship seems to run through me. Are we single-threaded there?",
      "stakeholders", "acme"),  # b
    C("Legal keeps stalling the Vantor Health contract. Who is the gatekeeper on their side?",
      "stakeholders", "vantor_health", role="gatekeeper"),  # b
    C("I want to know who could kill the deal at Acme Retail Group. Do we have a blocker mapped?",
      "stakeholders", "acme", role="blocker"),  # b
    C("Which influencers do we have mapped at Helios Foods so far?", "stakeholders", "helios", role="influencer"),  # b
    C("at helios who is the person that actually approves the spending?", "stakeholders", "helios",
      role="economic_buyer"),  # c
    C("who in kestrel is on our side and helps us from the inside?", "stakeholders", "kestrel", role="champion"),  # c
    C("I need a list of all the people we talk to at Borealis and what part they play in the buying",
      "stakeholders", "borealis"),  # c
    C("who are the people using our product every day at Nordic Paper?", "stakeholders", "nordic",
      role="user_buyer"),  # c
    C("at vantor energy who makes the final decision?", "stakeholders", "vantor_energy", role="decision_maker"),  # c
    C("is there anybody at Acme Retail who is a fan of us?", "stakeholders", "acme", role="champion"),  # c
    C("and who is the one who keeps us away from the bosses?", "stakeholders", "borealis", role="gatekeeper",
      memory=("borealis", None, "stakeholders")),  # c
    C("who is the economic buyer there then?", "stakeholders", "vantor_health", role="economic_buyer",
      memory=("vantor_health", None, "stakeholders")),  # c
    C("ok, and who are the people I should know there?", "stakeholders", "vantor_energy",
      memory=("vantor_energy", None, "account")),  # c
    # ---------------------------------------------------------------- stakeholder
    C("pull up petra schmit", "stakeholders", "borealis", person="Petra Schmidt"),  # a
    C("mark olsen attitude -1 now, he softend a bit", "stakeholder", "acme", person="Mark Olsen"),  # a
    C("add contct kestrel: paul grant, vp eng, tech buyer", "stakeholder", "kestrel"),  # a
    C("set jonas influnce to 4", "stakeholder", "acme", person="Jonas Berg"),  # a
    C("set his attitude to +1", "stakeholder", "borealis", person="Jan Novak",
      memory=("borealis", "Jan Novak", "stakeholder")),  # a
    C("Nina Patel now reports to the new CEO at Helios. Please update her entry.", "stakeholder", "helios",
      person="Nina Patel"),  # b
    C("What do we have on file for Henrik Lund at Nordic?", "stakeholders", "nordic", person="Henrik Lund"),  # b
    C("Borealis has hired a new CFO, Claudia Meier. Please add her to the map as economic buyer.",
      "stakeholder", "borealis"),  # b
    C("What do we know about the CFO these days?", "stakeholders", "acme", person="Ana Ruiz", channel="C_ACME"),  # b
    C("Understood. What about the CIO, what's his current entry?", "stakeholders", "acme", person="Mark Olsen",
      memory=("acme", None, "stakeholders")),  # b
    C("can you show me the info about the finance boss at Vantor Health?", "stakeholders", "vantor_health",
      person="Sofia Rossi"),  # c
    C("I want to change who owns the contact with Lund, it should be me now", "stakeholder", "nordic",
      person="Henrik Lund"),  # c
    C("what else do we know about this man?", "stakeholders", "vantor_energy", person="Erik Dahl",
      memory=("vantor_energy", "Erik Dahl", "log")),  # c
    # ---------------------------------------------------------------- log
    C("met lars today, positve abt expansion, wants pricing by fri", "log", "borealis", person="Lars Henriksen"),  # a
    C("call w/ petra re pricng, she wants 5% off", "log", "borealis", person="Petra Schmidt"),  # a
    C("log mtg w SF-2001 ceo, went ok, f/u next wk", "log", "vantor_energy", person="Erik Dahl"),  # a
    C("lunch w sofia rossi, still skepticl on renewal", "log", "vantor_health", person="Sofia Rossi"),  # a
    C("jsut got off a call w/ mark, still against the migration", "log", "acme", person="Mark Olsen",
      channel="C_ACME"),  # a
    C("log that i met her this mornin, she wants the proposal by fri", "log", "acme", person="Ana Ruiz",
      memory=("acme", "Ana Ruiz", "stakeholder")),  # a
    C("Had a long dinner with Ana Ruiz last night. She is positive about the renewal but wants a multi-year "
      "discount. Please log it.", "log", "acme", person="Ana Ruiz"),  # b
    C("I spoke with Maria Lopez this afternoon about the pilot results; she'll take it to the board. "
      "Log that, please.", "log", "vantor_energy", person="Maria Lopez"),  # b
    C("Please record that I met Nina Patel, the COO of Helios Foods, on Tuesday. She's evaluating three "
      "suppliers.", "log", "helios", person="Nina Patel"),  # b
    C("Log a call with Kestrel Aerospace today: their procurement asked for the security questionnaire again.",
      "log", "kestrel"),  # b
    C("Met Jonas at the store visit today, he's pushing internally for us.", "log", "acme", person="Jonas Berg",
      channel="C_ACME"),  # b
    C("I had a call with him just now. He's open to a three-year deal if we hold prices. Please note it.",
      "log", "nordic", person="Henrik Lund", memory=("nordic", "Henrik Lund", "stakeholder")),  # b
    C("I visited the Borealis office today and talked with the IT guy, he liked the demo. Where do I write this?",
      "log", "borealis", person="Jan Novak"),  # c
    C("I had my first meeting with Helios today, can you save the notes: they want samples in March",
      "log", "helios"),  # c
    C("today I phoned the boss of nordic paper, he said the budget is approved", "log", "nordic",
      person="Henrik Lund"),  # c
    C("I want to note that the Nordic Paper meeting today went fine, nothing special", "log", "nordic"),  # c
    # ---------------------------------------------------------------- account
    C("vantor acct staus", "account", VANTORS),  # a
    C("acct card SF-1001", "account", "borealis"),  # a
    C("0015000000XYZ12 status?", "account", "nordic"),  # a
    C("acct card pls", "account", "acme", channel="C_ACME"),  # a
    C("I have a call with Borealis in ten minutes. Give me the account card so I'm up to speed.",
      "account", "borealis"),  # b
    C("How is Vantor Health doing overall? Revenue, profit, coverage, the usual.", "account", "vantor_health"),  # b
    C("Can you give me a quick overview of ARG before tomorrow's steering committee?", "account", "acme"),  # b
    C("what is the situation with Kestrel Aerospace, is it an important customer for us?", "account",
      "kestrel"),  # c
    C("can you tell me everything in short about Nordic Paper? I'm taking over this customer", "account",
      "nordic"),  # c
    C("which colleague owns the Helios account on our side?", "account", "helios"),  # c
    C("is Helios a key customer or not?", "account", "helios"),  # c
    C("who is in charge of this one on our side and what tier is it?", "account", "vantor_health",
      memory=("vantor_health", None, "account")),  # c
    # ---------------------------------------------------------------- next
    C("next steps borealis?", "next", "borealis"),  # a
    C("wat shud i do next on SF-3001", "next", "acme"),  # a
    C("next steps for vantor?", "next", VANTORS),  # a
    C("k and the next steps?", "next", "acme", memory=("acme", None, "plan")),  # a
    C("I've got a free afternoon tomorrow. What are the most important next actions on Vantor Energy?",
      "next", "vantor_energy"),  # b
    C("We lost momentum at Helios after the tasting event. What should we be doing next there?", "next",
      "helios"),  # b
    C("Next steps for this account, please?", "next", "acme", channel="C_ACME"),  # b
    C("I'm not sure what I should do now with Kestrel, can you suggest the next things?", "next", "kestrel"),  # c
    C("what is my to-do for Vantor Health this week?", "next", "vantor_health"),  # c
    C("thanks! what should I do next with this customer?", "next", "helios",
      memory=("helios", "Nina Patel", "log")),  # c
    # ---------------------------------------------------------------- method
    C("whats a gatekeepr vs a blocker", "method"),  # a
    C("diff btwn star and stratgic quadrant?", "method"),  # a
    C("What's the difference between an economic buyer and a decision maker in our methodology?", "method"),  # b
    C("How often should a Strategic account be reviewed compared to a Status one?", "method"),  # b
    C("What criteria should we use to decide whether an account deserves key status?", "method"),  # b
    C("How many key accounts is too many for a team of our size?", "method"),  # b
    C("what does 'streamline' mean in the matrix with four squares?", "method"),  # c
    C("what is a coach in sales? someone told me I should find one", "method"),  # c
    C("how is the weighted score calculated?", "method"),  # c
    # ---------------------------------------------------------------- plan
    C("plan vantor", "plan", VANTORS),  # a
    C("cool, and where's the acct plan", "plan", "borealis", memory=("borealis", "Petra Schmidt", "log")),  # a
    C("I'm presenting to our sponsor on Thursday. Can you pull up the Acme account plan with objectives by "
      "horizon?", "plan", "acme"),  # b
    C("What goals did we set for Nordic Paper this year, and who owns each objective?", "plan", "nordic"),  # b
    C("where can I see the long-term strategy we wrote for Borealis?", "plan", "borealis"),  # c
    C("is there a document with the goals and actions for ARG?", "plan", "acme"),  # c
    C("what are we trying to reach with Vantor Energy long term, is there a plan?", "plan", "vantor_energy"),  # c
    C("and do we have a written plan for this customer?", "plan", "nordic", memory=("nordic", None, "account")),  # c
    # ---------------------------------------------------------------- swot
    C("draft swot kestral", "swot", "kestrel"),  # a
    C("swot vantor pls", "swot", VANTORS),  # a
    C("draft a swot", "swot", "acme", channel="C_ACME"),  # a
    C("Ahead of the annual planning session, please draft a SWOT for Nordic Paper based on our notes.",
      "swot", "nordic"),  # b
    C("What are Helios Foods' strengths, weaknesses, opportunities and threats as we see them?", "swot",
      "helios"),  # b
    C("can you make the analysis with strong points and weak points for Borealis?", "swot", "borealis"),  # c
    C("can you also do the strong and weak points thing for them?", "swot", "kestrel",
      memory=("kestrel", None, "account")),  # c
    # ---------------------------------------------------------------- score
    C("acme score?", "score", "acme"),  # a
    C("vantor score", "score", VANTORS),  # a
    C("Before I nominate anything, what's Kestrel's weighted score and how does it break down by criterion?",
      "score", "kestrel"),  # b
    C("how many points did Borealis get in the rating of customers?", "score", "borealis"),  # c
    C("and how good is their score?", "score", "borealis", memory=("borealis", None, "account")),  # c
    # ---------------------------------------------------------------- score_set
    C("set product fit borealis 8", "score_set", "borealis"),  # a
    C("kestrel solvncy 4", "score_set", "kestrel"),  # a
    C("existing relationships = 7 pls", "score_set", "acme", channel="C_ACME"),  # a
    C("After the latest financials, Vantor Health's solvency should be a 3. Please update the score.",
      "score_set", "vantor_health"),  # b
    C("Nordic's revenue potential has improved a lot since the merger; set it to 8.", "score_set", "nordic"),  # b
    C("I want to give Helios 9 for how well our product fits them", "score_set", "helios"),  # c
    C("please change their solvency mark to 6", "score_set", "kestrel", memory=("kestrel", None, "score")),  # c
    # ---------------------------------------------------------------- nominate
    C("nominate helios, vol up 2x this yr", "nominate", "helios"),  # a
    C("kestrel shud be key imo, 3 new programs", "nominate", "kestrel"),  # a
    C("Vantor Health has tripled its order volume since spring. I'd like to propose it as a key account.",
      "nominate", "vantor_health"),  # b
    C("Please put Kestrel Aerospace forward for key account status; they just signed a five-year framework "
      "agreement.", "nominate", "kestrel"),  # b
    C("Those scores look strong. Let's nominate them, their growth justifies it.", "nominate", "helios",
      memory=("helios", None, "score")),  # b
    C("Helios is growing very fast, can we make them one of our most important customers?", "nominate",
      "helios"),  # c
    # ---------------------------------------------------------------- demote
    C("demote nordic, vol down 60% no exec access", "demote", "nordic"),  # a
    C("drop SF-2001 from key, margins negative 3 qtrs", "demote", "vantor_energy"),  # a
    C("Borealis has moved most of its volume to a competitor and we have no path back this year. I want to "
      "start the process to remove its key status.", "demote", "borealis"),  # b
    C("Honestly we should take them off the key list. Volume is down 40% and nobody senior takes our calls.",
      "demote", "nordic", memory=("nordic", None, "plan")),  # b
    C("Acme is not a big customer for us anymore, how do I take it off the important list? The reason is "
      "their orders stopped.", "demote", "acme"),  # c
    # ---------------------------------------------------------------- portfolio
    C("portfolo matrix pls", "portfolio"),  # a
    C("show 80/20", "portfolio"),  # a
    C("How does our portfolio look right now across the four quadrants? I need it for the leadership meeting.",
      "portfolio"),  # b
    C("Are we over the key account cap, or close to it?", "portfolio"),  # b
    C("can I see a picture of all our customers, which ones are attractive and where we are strong?",
      "portfolio"),  # c
    # ---------------------------------------------------------------- accounts
    C("list key accts", "accounts"),  # a
    C("which accts does bob own", "accounts"),  # a
    C("Which accounts are currently on the candidate watch-list?", "accounts"),  # b
    C("show me all the customers we have in the system", "accounts"),  # c
    C("which companies are regular customers, not key?", "accounts"),  # c
    # ---------------------------------------------------------------- review
    C("reviews due this wk?", "review"),  # a
    C("any overdue revews", "review"),  # a
    C("I'd like to run the quarterly review for Nordic Paper now and record it.", "review", "nordic"),  # b
    C("Which account reviews are coming up in the next two weeks across my portfolio?", "review"),  # b
    C("my manager said I must do the review meeting for Helios, can you help me go through it?", "review",
      "helios"),  # c
    # ---------------------------------------------------------------- help
    C("hlp", "help"),  # a
    C("wat can u do", "help"),  # a
    C("What commands does the /kam bot support? I'd like a quick overview.", "help"),  # b
    C("sorry I am new here, what kind of things can I ask you?", "help"),  # c
    C("thank you. what other things can you do for me?", "help", memory=("acme", "Jonas Berg", "stakeholder")),  # c
    # ---------------------------------------------------------------- unknown
    C("book a mtg room tmrw 10am", "unknown"),  # a
    C("send invoice to helios asap", "unknown"),  # a
    C("q3 quota attainment for me?", "unknown"),  # a
    C("Can you generate a price quote for Borealis for 500 additional licences at a 12% discount?", "unknown"),  # b
    C("Please draft a cold outreach email to the head of logistics at a new prospect, DHL.", "unknown"),  # b
    C("What's the weather going to be like in Stockholm on Thursday? I'm flying out to see a customer.",
      "unknown"),  # b
    C("Can you update the opportunity stage for the Acme renewal to 'closed won' in Salesforce?", "unknown"),  # b
    C("Please file my travel expenses from last week's customer trip.", "unknown"),  # b
    C("how many holidays do I have left this year?", "unknown"),  # c
    C("can you translate this email from the customer into English for me?", "unknown"),  # c
    C("can you explain how my commission is calculated?", "unknown"),  # c
    C("what is the stock price of Kestrel Aerospace today?", "unknown"),  # c
    C("can you write a LinkedIn post about our new product for me?", "unknown"),  # c
)
