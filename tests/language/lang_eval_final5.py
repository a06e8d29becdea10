"""FINAL5: a fifth sealed test set for the language router (field reps, managers, new hires), 120 phrasings.

Measured once on 2026-11-23 after the sixth tuning round (DEV7): 88.3% (106/120), BENCHMARKS.md. Then,
with the router otherwise unchanged, once more with the phrasebook (the labelled sets as extra classifier
examples, FINAL5 not among them): 93.3% (112/120). Moved here after those two measurements and tuned on.

Written on 2026-11-23 by a helper session asked to write evaluation data BLIND: without seeing the
router's code, its training phrasings or exemplars, and without running the router, its tests or any
benchmark. Exactly these were read: /work/shared/DESIGN.md (section 4 "Contract", section 2 for the
vocabulary), /work/main/tests/language/lang_store.py (the fixed store of accounts and people),
lines 1-30 of /work/main/tests/language/lang_eval_cases.py (the Case dataclass and conventions) and
lines 1-36 of /work/main/tests/language/lang_eval_final2.py (its docstring: label conventions).
Nothing under kam_domain/language/ or bot/language/ was opened, no other phrasing set (no other file
in tests/language/ or in the sealed directory) was opened, the repository was not searched for
phrasings, and nothing was run except a syntax check of this file (ast.parse).

It was SEALED until those measurements (nobody tuned on it before).

Personas, mixed through every intent rather than grouped:
- about 40 field reps on phones: terse, lowercase, roughly 40% with typos, slang and abbreviations
  (acct, EB, DM, mtg, f/u, w/, tmrw, pls, rn, imo, em);
- about 40 managers and directors at their desks: full sentences, context before the ask, sometimes
  two or three sentences;
- about 40 new hires and non-native speakers: their own words instead of KAM jargon ("the person
  that has the money to sign", "strong points, weak points"), polite padding, unusual grammar.
Across all: 15 thread follow-ups with memory, 9 asked in the Acme account channel (one of them about
another account), people by full name, first name, surname, title and pronoun, the alias ARG and a
CRM id, unqualified "vantor" on read intents, 7 unknown (some business-sounding near misses) and 9
methodology questions. Intent counts: stakeholders 15, log 14, account 11, next 9, method 9, plan 7,
stakeholder 7, unknown 7, swot 5, score 5, score_set 5, nominate 5, demote 5, accounts 5,
portfolio 4, review 4, help 3.

Labels follow lang_eval_cases.py: `account` is a store key from lang_store.seed_language_store,
"?vantor" (VANTORS) means the router must ask which Vantor, `intent="unknown"` means it must say what
it can do, `channel` is the Slack channel asked in (C_ACME is Acme's account channel), `memory` is what
the thread remembers: (account key, person name or None, last intent). `person` is set where the text
names or clearly points at one known stakeholder (by name, surname, title or pronoun in a thread); a
brand-new person being added gets person=None. `role` is set where a `stakeholders` question asks for
a decision role (coach = champion). Nominations are only for accounts that are not key (helios,
kestrel, vantor_health), demotions only for key ones (borealis, vantor_energy, acme, nordic). Write
intents always have an account determinable from the text, the channel or the thread memory.
"""
from __future__ import annotations

from lang_eval_cases import VANTORS
from lang_eval_cases import Case
from lang_eval_cases import Case as C

FINAL5: tuple[Case, ...] = (
    # ---------------------------------------------------------------- help (3)
    C("wat can u do", "help"),
    C("I've just been added to this channel. What can this bot help me with, and what kind of requests "
      "does it understand?", "help"),
    C("Hello! I am new in the team. How do I use you, please?", "help"),

    # ---------------------------------------------------------------- accounts (5)
    C("list key accts", "accounts"),
    C("Which customers are in the watch list, the ones that maybe will become key later?", "accounts"),
    C("I want to see every regular account we have, i.e. the ones that are not on the key list.", "accounts"),
    C("Which accounts do we have in total? Just the names and their tiers, please.", "accounts"),
    C("Please show me all of our customers, I want to learn the names.", "accounts"),

    # ---------------------------------------------------------------- account (11)
    C("acme acct snapshot", "account", account="acme"),
    C("hows nordc doing $$ wise", "account", account="nordic"),
    C("whos the acct owner for kestrel", "account", account="kestrel"),
    C("SF-1001 details?", "account", account="borealis"),
    C("How much money we earn from Vantor? And are they a key customer?", "account", account=VANTORS),
    C("I'm preparing the board pack. What did Vantor Energy bring in last period, and what was the profit "
      "after cost to serve?", "account", account="vantor_energy"),
    C("Give me the one-page overview of Helios Foods: tier, owner, sponsor and how profitable they are.",
      "account", account="helios"),
    C("Thanks. Now what's the overall status of that account, and who is our executive sponsor there?",
      "account", account="borealis", memory=("borealis", None, "stakeholders")),
    C("Can you please tell me the general information about the company Kestrel Aerospace? Who is "
      "responsible, how much they pay us... I am new in the team.", "account", account="kestrel"),
    C("Is this customer a key one or a normal one? And how much money do we make with them?", "account",
      account="acme", channel="C_ACME"),
    C("what is the situation of Nordic Paper, revenue and profit? is it a good customer for us?", "account",
      account="nordic"),

    # ---------------------------------------------------------------- portfolio (4)
    C("which accts make 80% of our profit", "portfolio"),
    C("How close are we to the cap on key accounts, and are there any selection warnings I should know "
      "about before the planning round?", "portfolio"),
    C("Show me the portfolio matrix: which accounts sit in Strategic, Star, Status and Streamline right now?",
      "portfolio"),
    C("Is our profit coming mostly from the key customers or from the other ones? I want to understand the "
      "whole picture of all the accounts.", "portfolio"),

    # ---------------------------------------------------------------- score (5)
    C("kestrel scores?", "score", account="kestrel"),
    C("Helios has which score now? Please show me.", "score", account="helios"),
    C("How does Vantor Health rate against our selection criteria at the moment? I want to see each "
      "criterion, not just the total.", "score", account="vantor_health"),
    C("And how does it score on each criterion? Has anything moved lately?", "score", account="nordic",
      memory=("nordic", None, "account")),
    C("Which points did we give to Borealis in the evaluation of the criteria?", "score", account="borealis"),

    # ---------------------------------------------------------------- score_set (5)
    C("helios prod fit 8 solvncy 6", "score_set", account="helios"),
    C("bump existing relationships to 9 here", "score_set", account="acme", channel="C_ACME"),
    C("After the credit check came back, Kestrel's solvency should go down to 4. Please update it.",
      "score_set", account="kestrel"),
    C("I want to give Vantor Health 7 points for revenue potential, because they open two new clinics.",
      "score_set", account="vantor_health"),
    C("Please change the product fit to 9 for them.", "score_set", account="borealis",
      memory=("borealis", None, "score")),

    # ---------------------------------------------------------------- nominate (5)
    C("helios shld be key imo, theyre growing like crazy. put em fwd", "nominate", account="helios"),
    C("can we push kestrel up to key? they just won a big defence contract", "nominate", account="kestrel"),
    C("Vantor Health has doubled its spend with us this year and the relationship keeps deepening. I'd like "
      "to propose making them a key account.", "nominate", account="vantor_health"),
    C("Those numbers justify it. Let's ask the sponsor to approve Helios as a key account.", "nominate",
      account="helios", memory=("helios", None, "score")),
    C("I think Kestrel Aerospace deserves to be in the group of most important customers, the key ones. "
      "Can you please make the request for this?", "nominate", account="kestrel"),

    # ---------------------------------------------------------------- demote (5)
    C("nordic isnt worth key anymore, rev halved. drop it pls", "demote", account="nordic"),
    C("take vantor energy off the key list, they went w/ a competitor", "demote", account="vantor_energy"),
    C("Borealis has moved its whole logistics tender to a competitor for the next three years. It's time we "
      "stopped treating them as a key account; please start that process.", "demote", account="borealis"),
    C("I'll be honest: this account no longer justifies key status given the margins. Please request the "
      "downgrade, reason: negative profit four quarters in a row.", "demote", account="acme",
      channel="C_ACME"),
    C("The customer Nordic Paper is not so important for us now, they buy very little. Can we remove it "
      "from the key accounts?", "demote", account="nordic"),

    # ---------------------------------------------------------------- plan (7)
    C("plan for ARG?", "plan", account="acme"),
    C("whats our goals on nordic this yr", "plan", account="nordic"),
    C("I'm going through long-term objectives across the key accounts. Start with Vantor Energy: what are "
      "the short, mid and long horizon objectives and who owns each?", "plan", account="vantor_energy"),
    C("Different account, but while I'm here: what objectives do we have in the Borealis account plan?",
      "plan", account="borealis", channel="C_ACME"),
    C("Do we actually have a plan written for them yet? Show me what's in it.", "plan", account="helios",
      memory=("helios", None, "account")),
    C("What are we trying to achieve with Kestrel in the next year? Is there some strategy document "
      "with the goals?", "plan", account="kestrel"),
    C("the vantor plan please", "plan", account=VANTORS),

    # ---------------------------------------------------------------- swot (5)
    C("draft swot kestrel", "swot", account="kestrel"),
    C("strenghts n weaknesses for nordic?", "swot", account="nordic"),
    C("Ahead of the strategy offsite I need an honest view of where we stand with Borealis: our strengths, "
      "our weak spots, the opportunities and the threats, based on what's in the notes.", "swot",
      account="borealis"),
    C("Can you make the analysis with strong points, weak points, opportunities and risks for this client?",
      "swot", account="acme", channel="C_ACME"),
    C("Can you also prepare the SWOT for them?", "swot", account="vantor_health",
      memory=("vantor_health", None, "account")),

    # ---------------------------------------------------------------- next (9)
    C("whats overdue on borealis", "next", account="borealis"),
    C("nxt steps nordic?", "next", account="nordic"),
    C("ARG open f/ups?", "next", account="acme"),
    C("k what shld i do next w them", "next", account="vantor_energy",
      memory=("vantor_energy", "Maria Lopez", "log")),
    C("I have a free afternoon tomorrow. Which follow-ups on Helios are still open, and which ones are late?",
      "next", account="helios"),
    C("What should our team be doing next on Vantor Health to move the tender forward?", "next",
      account="vantor_health"),
    C("Please, what are the tasks I still need to do for Kestrel? I don't want to forget something.", "next",
      account="kestrel"),
    C("From this plan, which actions are already late?", "next", account="nordic",
      memory=("nordic", None, "plan")),
    C("what is the next thing to do with vantor?", "next", account=VANTORS),

    # ---------------------------------------------------------------- review (4)
    C("ok lets kick off the review for em, its due", "review", account="nordic",
      memory=("nordic", None, "next")),
    C("The monthly check-in for Vantor Energy is overdue. Let's go through the review checklist now and "
      "record it.", "review", account="vantor_energy"),
    C("Borealis is due for its account review this month. Open it and let's work through the checklist.",
      "review", account="borealis"),
    C("My manager said I must do the periodic review of Helios Foods today. Can we begin it?", "review",
      account="helios"),

    # ---------------------------------------------------------------- stakeholders (15)
    C("who's the EB at nordic", "stakeholders", account="nordic", role="economic_buyer"),
    C("whos the DM on helios", "stakeholders", account="helios", role="decision_maker"),
    C("relationshp map borealis pls", "stakeholders", account="borealis"),
    C("is he still agaisnt us?", "stakeholders", account="acme", person="Mark Olsen",
      memory=("acme", "Mark Olsen", "stakeholders")),
    C("vantor contacts?", "stakeholders", account=VANTORS),
    C("Before my call with Vantor Health tomorrow I'd like to understand who we actually know there and "
      "where the gaps are. Can you show me the people?", "stakeholders", account="vantor_health"),
    C("I keep hearing that Kestrel is single-threaded. Who are the contacts we have mapped there and who on "
      "our side owns them?", "stakeholders", account="kestrel"),
    C("Who is our coach inside Acme Retail Group?", "stakeholders", account="acme", role="champion"),
    C("What is Erik Dahl's stance toward us these days?", "stakeholders", account="vantor_energy",
      person="Erik Dahl"),
    C("Who's blocking us in this account? I need to know before the steering committee.", "stakeholders",
      account="acme", role="blocker", channel="C_ACME"),
    C("Please, can you tell me who is the person that has the money to sign at Vantor Energy?",
      "stakeholders", account="vantor_energy", role="economic_buyer"),
    C("who is Petra? I see her name in the notes but I don't know her job", "stakeholders",
      account="borealis", person="Petra Schmidt"),
    C("Sorry for asking, at Borealis who are the people that decide on the technical side, like IT?",
      "stakeholders", account="borealis", role="technical_buyer"),
    C("And the persons we know there, how do they feel about us?", "stakeholders", account="vantor_health",
      memory=("vantor_health", None, "account")),
    C("Is their CFO friendly with us or not so much?", "stakeholders", account="acme", person="Ana Ruiz",
      memory=("acme", None, "account")),

    # ---------------------------------------------------------------- stakeholder (7)
    C("add new contact @ helios: raj mehta, cfo, EB", "stakeholder", account="helios"),
    C("set jonas influence to 4, hes got the regional dirs ear now", "stakeholder", account="acme",
      person="Jonas Berg"),
    C("make me her rel owner", "stakeholder", account="borealis", person="Petra Schmidt",
      memory=("borealis", "Petra Schmidt", "stakeholders")),
    C("Mark Olsen at Acme has come round after the security workshop. Please change his attitude to neutral "
      "and record him as an influencer rather than a blocker.", "stakeholder", account="acme",
      person="Mark Olsen"),
    C("Nordic Paper has a new CFO, Ingrid Sandvik. Please put her on the map as an economic buyer with "
      "influence 4; Bob owns that relationship.", "stakeholder", account="nordic"),
    C("There is a new person at Kestrel, Mr. David Cho, he is the procurement manager. Can you please put "
      "him in the system?", "stakeholder", account="kestrel"),
    C("From now on I will be the person responsible for the contact with Ana Ruiz. Can you change this?",
      "stakeholder", account="acme", person="Ana Ruiz", channel="C_ACME"),

    # ---------------------------------------------------------------- log (14)
    C("log mtg w/ lars today, hes pushing for the 3yr deal", "log", account="borealis",
      person="Lars Henriksen"),
    C("jus had call w henrik lund, wants pricing by fri. log it", "log", account="nordic",
      person="Henrik Lund"),
    C("note: met jonas at the flagship store this am, pilot numbers look grt", "log", account="acme",
      person="Jonas Berg", channel="C_ACME"),
    C("spoke to him 10 min ago, hes ok w the renewal terms. pls log", "log", account="nordic",
      person="Henrik Lund", memory=("nordic", "Henrik Lund", "stakeholders")),
    C("I sent an email to Mr. Becker about the tender deadline at Vantor Health, he did not answer yet. "
      "Please register this.", "log", account="vantor_health", person="Tom Becker"),
    C("Please record that I had lunch with Sofia Rossi from Vantor Health today. She is still sceptical "
      "about the price increase but open to a phased rollout.", "log", account="vantor_health",
      person="Sofia Rossi"),
    C("I ran the quarterly business meeting with Nordic Paper this morning. Volumes are up 12% and they want "
      "to talk about a second mill. Can you put that on file?", "log", account="nordic"),
    C("Add a meeting note for Kestrel: video call with their engineering team, they asked for a demo in "
      "January.", "log", account="kestrel"),
    C("Capture this for Helios Foods: Nina Patel called me, the board approved the budget for the new "
      "plant.", "log", account="helios", person="Nina Patel"),
    C("Hello, yesterday I visited the Borealis office and talked with the IT director about the integration. "
      "I would like to save this conversation in the system.", "log", account="borealis", person="Jan Novak"),
    C("I had a phone talk with Maria from Vantor Energy, she said the technical tests are fine. Please write "
      "it down.", "log", account="vantor_energy", person="Maria Lopez"),
    C("Today I met her in person, she was very positive about the renewal. Can you keep this as a note?",
      "log", account="acme", person="Ana Ruiz", memory=("acme", "Ana Ruiz", "stakeholders")),
    C("Please note that we had a meeting with the CIO today, he is still not happy with the security review.",
      "log", account="acme", person="Mark Olsen", channel="C_ACME"),
    C("log: kestrel demo went ok, they want a quote by eom", "log", account="kestrel"),

    # ---------------------------------------------------------------- method (9)
    C("diff between EB and DM?", "method"),
    C("how often shld star accts get reviewed", "method"),
    C("In the McDonald model, what's the difference between a Status and a Streamline account, and how "
      "should we treat each?", "method"),
    C("What does a perception gap mean in practice, and why would it matter for how we manage a "
      "relationship?", "method"),
    C("How many key accounts is it sensible for a business to have, according to the KAM literature?",
      "method"),
    C("Sorry, what is a 'champion' or 'coach'? I read it in the documents but I don't understand.",
      "method"),
    C("What is the meaning of a 'single-threaded' account?", "method"),
    C("How should I write a good objective for an account plan? Is there a rule for it?", "method"),
    C("What means 'cost to serve'? Is it the same as the price?", "method"),

    # ---------------------------------------------------------------- unknown (7)
    C("book me a flight to oslo tmrw am", "unknown"),
    C("whats the eur to nok rate rn", "unknown"),
    C("Can you draft a cold outreach email to a prospect we met at the trade fair last week?", "unknown"),
    C("What's my commission going to be this quarter if we close the big deal next week?", "unknown"),
    C("Can you please tell me how to request vacation days in this company?", "unknown"),
    C("What is the weather in Hamburg tomorrow? I visit a customer there.", "unknown"),
    C("reset my salesforce pw pls", "unknown"),
)
