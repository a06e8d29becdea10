"""FINAL11: a sealed blind set for the language router, field reps, a sales operations analyst and
managers mixed, 150 phrasings.

Measured once on 2026-11-23 (fifth session), after the router was tuned on FINAL8 and FINAL9 and with the
phrasebook built from every set before it: 92.7% (139/150) as labelled; 95.3% (143/150) after the relabelling below; BENCHMARKS.md.
Moved here after that measurement. Relabelled by the rule fixed after FINAL8/9 and before this set was
measured: the brief given to the writer defined `stakeholder` as "show or update one known person", while
every earlier set labels a question that only reads about one known person `stakeholders` with that person
(the bot answers it with the person's entry); those cases are relabelled `stakeholders`, same person.

Written on 2026-11-23 by a helper session asked to write evaluation data BLIND. Exactly these were
read: /work/shared/DESIGN.md (section 4 "Contract" for the intents and subcommands, section 2 for the
vocabulary), /work/main/tests/language/lang_store.py (the fixed store of accounts and people the
labels refer to), lines 1-30 of /work/main/tests/language/lang_eval_cases.py (the Case dataclass and
conventions) and lines 1-45 of /work/main/tests/language/lang_eval_final7.py (its docstring: label
conventions and how a previous blind set was made). Nothing under kam_domain/, bot/, scripts/ or
benchmarks/ was opened, nor BENCHMARKS.md, README.md or any other file in tests/; no other phrasing
set was opened (/work/sealed/ was listed once to check the output path, it was empty); the
repository and its history were not grepped for phrasings; nothing was run except a syntax check of
this file with ast.parse and a count of its Cases per intent by parsing it with ast (no project
code imported, no router, no tests, no benchmark).

It is SEALED until one measurement (nobody has tuned on it).

Personas, 50 phrasings each, mixed through all intents (the persona is noted after each case):
- (a) field sales reps in a hurry: lowercase, typos in account and person names (a letter missing,
  swapped or doubled: boraelis, nordc, kestral, helois, acem, mark olson, erik dhal), emoji-free
  Slack slang (w/, pls, abt, r, u, acct, EB, mtg, tmrw, wk, hows, wat);
- (b) a sales operations analyst: scores, criteria, tiers, lists, review dates, CRM ids, exact
  field names (revenue_potential=7, influence=4);
- (c) managers coaching their team: KAM methodology, what good looks like, what the team should do
  next on an account, context before the ask.
Across all: 18 thread follow-ups with memory, 7 asked in the Acme account channel (C_ACME), people
by full name, first name, surname, title and pronoun, 7 ambiguous "vantor" on read intents,
15 unknown (some business-sounding near misses: a pipeline forecast, a commission payout, an
invoice, a price quote, performance reviews, prospecting) and 10 method questions.
Intent counts: stakeholders 18, log 18, unknown 15, account 14, next 12, method 10, stakeholder 10,
plan 7, swot 6, score 6, score_set 6, nominate 5, accounts 5, review 5, portfolio 5, demote 4,
help 4.

Labels follow lang_eval_cases.py: `account` is a store key from lang_store.seed_language_store,
"?vantor" (VANTORS) means the router must ask which Vantor, `intent="unknown"` means it must say what
it can do, `channel` is the Slack channel asked in (C_ACME is Acme's account channel), `memory` is what
the thread remembers: (account key, person name or None, last intent). `person` is set where the text
names or clearly points at one known stakeholder (by name, first name, surname, title or pronoun in a
thread); a brand-new person being added gets person=None. `role` where a `stakeholders` question asks
for a decision role (coach = champion, EB = economic buyer). Nominations are only for accounts that
are not key (helios, kestrel, vantor_health), demotions only for key ones (borealis, vantor_energy,
acme, nordic). Write intents always have an account determinable from the text (an account name or a
known person), the channel or the memory.
"""
from __future__ import annotations

from lang_eval_cases import VANTORS
from lang_eval_cases import Case
from lang_eval_cases import Case as C

FINAL11: tuple[Case, ...] = (
    # ---------------------------------------------------------------- help (4)
    C("Hi, I'm new to the team - what can this assistant help me with?", "help"),  # c
    C("wat can u do", "help"),  # a
    C("What are the /kam subcommands and what does each one do?", "help"),  # b
    C("How do I use this bot with my team? Which commands are there?", "help"),  # c

    # ---------------------------------------------------------------- stakeholders (18)
    C("whos who at boraelis", "stakeholders", "borealis"),  # a
    C("who's the EB at nordc?", "stakeholders", "nordic", role="economic_buyer"),  # a
    C("who signs the cheques at vantor health", "stakeholders", "vantor_health", role="economic_buyer"),  # a
    C("whos the gatekeper at borealis", "stakeholders", "borealis", role="gatekeeper"),  # a
    C("tech buyer at vantor?", "stakeholders", VANTORS, role="technical_buyer"),  # a
    C("who r the blockers at acem", "stakeholders", "acme", role="blocker"),  # a
    C("Show the stakeholder map for Kestrel Aerospace with coverage status", "stakeholders", "kestrel"),  # b
    C("Which decision roles are still uncovered at Helios Foods?", "stakeholders", "helios"),  # b
    C("List the influencers at Borealis Logistics", "stakeholders", "borealis", role="influencer"),  # b
    C("Who is the user buyer at Nordic Paper?", "stakeholders", "nordic", role="user_buyer"),  # b
    C("Is the Vantor Energy relationship single-threaded? Show me the map", "stakeholders",
      "vantor_energy"),  # b
    C("Before the QBR I want the team to know who actually makes the final decision at Acme - who is it?",
      "stakeholders", "acme", role="decision_maker"),  # c
    C("Do we have a coach inside Vantor Energy, someone who'll tell us how the deal really stands?",
      "stakeholders", "vantor_energy", role="champion"),  # c
    C("Walk me through the relationship map at vantor, I want to see where we're exposed", "stakeholders",
      VANTORS),  # c
    C("Who at Kestrel holds the budget? We keep pitching to engineers who can't buy", "stakeholders",
      "kestrel", role="economic_buyer"),  # c
    C("And who are the key people there?", "stakeholders", "borealis", memory=("borealis", None, "account")),  # c
    C("who's blocking us there?", "stakeholders", "vantor_health", role="blocker",
      memory=("vantor_health", None, "stakeholders")),  # c
    C("who's our champion here?", "stakeholders", "acme", role="champion", channel="C_ACME"),  # c

    # ---------------------------------------------------------------- stakeholder (10)
    C("whats the deal w/ mark olson at acme", "stakeholders", "acme", person="Mark Olsen"),  # a
    C("add Klaus Meyer new CFO at borealis, EB, influence 4", "stakeholder", "borealis"),  # a
    C("update erik dhal attitude to +1", "stakeholder", "vantor_energy", person="Erik Dahl"),  # a
    C("Show the stakeholder entry for Jan Novak", "stakeholders", "borealis", person="Jan Novak"),  # b
    C("Set influence=4 for Tom Becker at Vantor Health", "stakeholder", "vantor_health",
      person="Tom Becker"),  # b
    C("Tell me about the COO at Helios - how warm is she towards us?", "stakeholders", "helios",
      person="Nina Patel"),  # c
    C("Set her attitude to +2; she's fully on board now", "stakeholder", "vantor_energy",
      person="Maria Lopez", memory=("vantor_energy", "Maria Lopez", "log")),  # b
    C("Change her role to influencer, she's less of a gatekeeper since the reorg", "stakeholder",
      "borealis", person="Petra Schmidt", memory=("borealis", "Petra Schmidt", "stakeholder")),  # c
    C("tell me about the CEO there", "stakeholders", "vantor_energy", person="Erik Dahl",
      memory=("vantor_energy", None, "account")),  # c
    C("what's the CIO's attitude these days?", "stakeholders", "acme", person="Mark Olsen",
      channel="C_ACME"),  # b

    # ---------------------------------------------------------------- log (18)
    C("met lars henrikson today, good vibes on renewal", "log", "borealis", person="Lars Henriksen"),  # a
    C("log call w/ maria lopes at vantor energy, she wants a demo next wk", "log", "vantor_energy",
      person="Maria Lopez"),  # a
    C("just had lunch w/ Erik from vantor, he's ok with the budget", "log", "vantor_energy",
      person="Erik Dahl"),  # a
    C("log mtg with Petra Schmitt borealis - pricing pushback again", "log", "borealis",
      person="Petra Schmidt"),  # a
    C("spoke to sofia rosi, still cold on price, log it", "log", "vantor_health", person="Sofia Rossi"),  # a
    C("quick call with nina patell at helois, pilot is a go", "log", "helios", person="Nina Patel"),  # a
    C("note: saw Novak at borealis, IT signoff slipping to june", "log", "borealis", person="Jan Novak"),  # a
    C("Log a meeting for Nordic Paper on 2026-11-20: QBR with Henrik Lund, outcome positive", "log",
      "nordic", person="Henrik Lund"),  # b
    C("Record a contact with Tom Becker, Head of Procurement at Vantor Health, today: RFP timeline "
      "confirmed for Q1", "log", "vantor_health", person="Tom Becker"),  # b
    C("log kestrel: intro call with their supply chain team, no decision makers present", "log",
      "kestrel"),  # b
    C("Log for the team: I met Acme's CFO yesterday and she's supportive of the three-year renewal",
      "log", "acme", person="Ana Ruiz"),  # c
    C("Can you log that our CTO met Mark Olsen at Acme today - he's still opposed to the migration",
      "log", "acme", person="Mark Olsen"),  # c
    C("Log that the Nordic team presented the roadmap to Lund this morning; he asked for a business case",
      "log", "nordic", person="Henrik Lund"),  # c
    C("log that I called her this morning, she wants the renewal numbers by friday", "log", "acme",
      person="Ana Ruiz", memory=("acme", "Ana Ruiz", "stakeholder")),  # a
    C("just had coffee with her, keen on a pilot in Q2, pls log", "log", "helios", person="Nina Patel",
      memory=("helios", "Nina Patel", "stakeholder")),  # a
    C("OK, log that we sent them the proposal today", "log", "nordic", memory=("nordic", None, "next")),  # c
    C("Had a follow-up with her just now, she's asking for two customer references. Log it please",
      "log", "vantor_health", person="Sofia Rossi",
      memory=("vantor_health", "Sofia Rossi", "stakeholder")),  # b
    C("log: met Jonas in store today, he'll push the pilot internally", "log", "acme", person="Jonas Berg",
      channel="C_ACME"),  # a

    # ---------------------------------------------------------------- account (14)
    C("status on boreallis?", "account", "borealis"),  # a
    C("acct card nordc pls", "account", "nordic"),  # a
    C("hows kestral looking", "account", "kestrel"),  # a
    C("tell me abt vantor", "account", VANTORS),  # a
    C("vantro health overview quick", "account", "vantor_health"),  # a
    C("What tier is Helios Foods in right now?", "account", "helios"),  # b
    C("Show account SF-3001", "account", "acme"),  # b
    C("Account card for Vantor Energy: tier, quadrant, owner and revenue", "account", "vantor_energy"),  # b
    C("What are revenue and profit on Nordic Paper AB this year?", "account", "nordic"),  # b
    C("Give me a quick overview of where we stand with Borealis before my 1:1 with Alice", "account",
      "borealis"),  # c
    C("How is vantor doing overall? I'm prepping the team meeting", "account", VANTORS),  # c
    C("Who is our executive sponsor on Kestrel?", "account", "kestrel"),  # c
    C("show the account card", "account", "acme", channel="C_ACME"),  # b
    C("remind me what tier they're in", "account", "helios", memory=("helios", None, "next")),  # b

    # ---------------------------------------------------------------- next (12)
    C("whats next w/ helois", "next", "helios"),  # a
    C("next steps acme?", "next", "acme"),  # a
    C("any actions due at vantor", "next", VANTORS),  # a
    C("wat should i do next on kestrl", "next", "kestrel"),  # a
    C("List the open next actions for Nordic Paper with their reasons", "next", "nordic"),  # b
    C("Which next actions for Vantor Energy are overdue?", "next", "vantor_energy"),  # b
    C("What should the team focus on at Borealis over the next two weeks?", "next", "borealis"),  # c
    C("My rep is stuck on Vantor Health - what are the next best actions there?", "next",
      "vantor_health"),  # c
    C("ok whats next there", "next", "nordic", memory=("nordic", None, "stakeholders")),  # a
    C("What should we do next with him?", "next", "nordic", person="Henrik Lund",
      memory=("nordic", "Henrik Lund", "log")),  # c
    C("so what's our next move with him", "next", "acme", person="Mark Olsen",
      memory=("acme", "Mark Olsen", "stakeholder")),  # c
    C("What should we be doing next on this account?", "next", "acme", channel="C_ACME"),  # c

    # ---------------------------------------------------------------- method (10)
    C("What does a good account plan look like, in general?", "method"),  # c
    C("How many key accounts can one KAM realistically handle?", "method"),  # c
    C("What's the difference between a Star and a Status account, and how should we treat each?",
      "method"),  # c
    C("How should my team approach a customer where a senior person is openly hostile to us?",
      "method"),  # c
    C("Why is being single-threaded on an account so risky?", "method"),  # c
    C("What's the right way to decide which accounts deserve key status?", "method"),  # c
    C("Which scoring criteria do you recommend for customer attractiveness?", "method"),  # b
    C("How is the weighted score calculated?", "method"),  # b
    C("What does the perception gap flag mean?", "method"),  # b
    C("whats the diff btw a champion n an influencer", "method"),  # a

    # ---------------------------------------------------------------- plan (7)
    C("plan for nordc?", "plan", "nordic"),  # a
    C("acme acct plan pls", "plan", "acme"),  # a
    C("Show the short-, mid- and long-term objectives for Vantor Energy with owners and due dates",
      "plan", "vantor_energy"),  # b
    C("Which account goals are in the Acme Retail Group plan?", "plan", "acme"),  # b
    C("Pull up vantor's account plan, I want to challenge the objectives with the team", "plan",
      VANTORS),  # c
    C("Is the Borealis plan still credible after their reorg? Show it to me", "plan", "borealis"),  # c
    C("Can you show me their plan?", "plan", "acme", memory=("acme", None, "account")),  # c

    # ---------------------------------------------------------------- swot (6)
    C("swot for kestrl pls", "swot", "kestrel"),  # a
    C("draft swot helios", "swot", "helios"),  # a
    C("Draft a SWOT for Nordic Paper with the note citations", "swot", "nordic"),  # b
    C("What are our strengths and weaknesses at Borealis versus the competition? A SWOT would help",
      "swot", "borealis"),  # c
    C("Put together a SWOT on Vantor Energy I can use with the team on Thursday", "swot",
      "vantor_energy"),  # c
    C("and the swot?", "swot", "acme", memory=("acme", None, "plan")),  # c

    # ---------------------------------------------------------------- score (6)
    C("score for vantor?", "score", VANTORS),  # a
    C("hows borealsi scoring", "score", "borealis"),  # a
    C("Show the criteria scores for Nordic Paper", "score", "nordic"),  # b
    C("What did Acme get on solvency?", "score", "acme"),  # b
    C("Weighted score for Helios Foods and how it has trended", "score", "helios"),  # b
    C("Thanks. What's their weighted score?", "score", "kestrel", memory=("kestrel", None, "swot")),  # c

    # ---------------------------------------------------------------- score_set (6)
    C("set product fit 8 for helois", "score_set", "helios"),  # a
    C("kestrel solvency is a 4 now", "score_set", "kestrel"),  # a
    C("Nordic Paper: revenue_potential=7, solvency=9", "score_set", "nordic"),  # b
    C("Update the existing relationships score for Vantor Energy to 6", "score_set", "vantor_energy"),  # b
    C("Set product_fit=9 for this account", "score_set", "acme", channel="C_ACME"),  # b
    C("set solvency to 7", "score_set", "helios", memory=("helios", None, "score")),  # b

    # ---------------------------------------------------------------- nominate (5)
    C("nominate helios for key, they doubled volume", "nominate", "helios"),  # a
    C("can we make vantor helth a key acct? big rfp coming", "nominate", "vantor_health"),  # a
    C("Propose Vantor Health for key account status: revenue potential scored 9", "nominate",
      "vantor_health"),  # b
    C("I think Kestrel has earned key status - can we put them forward?", "nominate", "kestrel"),  # c
    C("OK, nominate them then, they just signed a three-year framework", "nominate", "kestrel",
      memory=("kestrel", None, "account")),  # c

    # ---------------------------------------------------------------- demote (4)
    C("remove key status from vantor enrgy, we lost the tender", "demote", "vantor_energy"),  # a
    C("Demote Nordic Paper: revenue dropped 60% over four quarters and there is no growth plan",
      "demote", "nordic"),  # b
    C("Borealis moved their logistics in-house, we should take them off the key list - please start "
      "the demotion", "demote", "borealis"),  # c
    C("Let's propose taking this account off the key list, they've cut spend to almost nothing",
      "demote", "acme", channel="C_ACME"),  # c

    # ---------------------------------------------------------------- portfolio (5)
    C("show me the portfolio matrix", "portfolio"),  # a
    C("Are we over the key account cap?", "portfolio"),  # b
    C("Show the 80/20 view: which accounts make 80% of our profit?", "portfolio"),  # b
    C("How balanced is our portfolio across Strategic, Star, Status and Streamline?", "portfolio"),  # c
    C("Give me the whole portfolio on one page for the sales kickoff", "portfolio"),  # c

    # ---------------------------------------------------------------- accounts (5)
    C("list all key accts", "accounts"),  # a
    C("Which accounts are on the candidate watch-list?", "accounts"),  # b
    C("List the regular accounts", "accounts"),  # b
    C("Which accounts does Bob own?", "accounts"),  # b
    C("Show me every account we have, all tiers", "accounts"),  # c

    # ---------------------------------------------------------------- review (5)
    C("any reviews overdue?", "review"),  # a
    C("Which account reviews are due this week?", "review"),  # b
    C("Show the review schedule for December", "review"),  # b
    C("Start the review checklist for Borealis", "review", "borealis"),  # b
    C("Let's run the quarterly review for Nordic now", "review", "nordic"),  # c

    # ---------------------------------------------------------------- unknown (15)
    C("whats the weather in hamburg tmrw", "unknown"),  # a
    C("can u reset my salesforce pw", "unknown"),  # a
    C("book me a flight to oslo fri", "unknown"),  # a
    C("how many vacay days do i have left", "unknown"),  # a
    C("order pizza for the team", "unknown"),  # a
    C("Export last quarter's pipeline forecast to Excel", "unknown"),  # b
    C("What's my commission payout for Q3?", "unknown"),  # b
    C("Raise an invoice for the March delivery", "unknown"),  # b
    C("Generate a price quote for 500 licences at list price", "unknown"),  # b
    C("Convert 2.4M EUR to NOK", "unknown"),  # b
    C("Schedule my team's annual performance reviews with HR", "unknown"),  # c
    C("Find me 20 new prospects in the logistics sector in Poland", "unknown"),  # c
    C("Write a LinkedIn post announcing our new product", "unknown"),  # c
    C("Draft a job ad for a new account manager", "unknown"),  # c
    C("Book the big meeting room for Thursday 2pm", "unknown"),  # c
)
