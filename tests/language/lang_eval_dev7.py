"""DEV7: a development set for the language router, 120 phrasings, written blind on 2026-11-23.

Written on 2026-11-23 by a helper session asked to write evaluation data BLIND. It read only
DESIGN.md (sections 2 and 4), tests/language/lang_store.py, lines 1-30 of lang_eval_cases.py (the
Case dataclass and its conventions) and the docstring of lang_eval_final2.py (label conventions). It
never opened the router's code (nothing under kam_domain/language/ or bot/language/), its exemplars
or training phrasings, or any other phrasing set, and it ran nothing (no router, tests or
benchmarks).

DEVELOPMENT set: unlike the FINAL sets, the router may be tuned on this one, so its score is not an
honest estimate of accuracy on unseen phrasings. It was run once before any tuning on it, after the
router was tuned on FINAL4: 87.5% (105/120), BENCHMARKS.md; its brief asked for the hard cases (writes
phrased as wishes, news about people, opinions about scores, reports without a meeting word).

Personas: field reps on phones (typos, slang, abbreviations such as pls, w/, nxt, EB, imo), managers
writing full sentences, new hires asking what things mean, and non-native speakers with broken
grammar. The mix leans on the cases a router gets wrong: writes phrased as wishes or reasons ("I'd
like Borealis to lose its key status because..."), stakeholder updates phrased as news ("Ana got
promoted"), score changes phrased as opinions, meeting reports without a meeting word, questions
that mention a second topic, short thread follow-ups (15 with memory), the Acme account channel (9),
people by first name, surname or title only, business-sounding off-topic requests, and KAM
methodology questions. Counts per intent: stakeholders 13, log 14, account 8, next 9, plan 6, swot 5,
stakeholder 10, score 5, score_set 8, nominate 5, demote 5, accounts 4, portfolio 5, review 4,
method 9, help 3, unknown 7.

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

DEV7: tuple[Case, ...] = (
    # ---------------------------------------------------------------- help (3)
    C("hey bot, what can u do", "help"),
    C("how do i use this thing?? first day here", "help"),
    C("Could you list the commands you understand, please?", "help"),
    # ---------------------------------------------------------------- accounts (4)
    C("list all our key accounts", "accounts"),
    C("which accnts are on the watch list rn", "accounts"),
    C("show me just the regular ones", "accounts"),
    C("Please give me every account we have, all tiers.", "accounts"),
    # ---------------------------------------------------------------- account (8)
    C("what's Borealis worth to us in revenue and profit", "account", "borealis"),
    C("who owns Kestrel on our side?", "account", "kestrel"),
    C("SF-2001 status?", "account", "vantor_energy"),
    C("what tier is this account on and who's our exec sponsor", "account", "acme", channel="C_ACME"),
    C("tell me abt helios foods", "account", "helios"),
    C("Is Vantor Health still only a regular account?", "account", "vantor_health"),
    C("how is nordic paper doing profit-wise, with the price war going on?", "account", "nordic"),
    C("ok and the account itself, how much do they actually bring in?", "account", "vantor_energy",
      memory=("vantor_energy", "Maria Lopez", "stakeholders")),
    # ---------------------------------------------------------------- portfolio (5)
    C("which accounts make 80% of our profit, and are they the key ones?", "portfolio"),
    C("show me the portfolio matrix", "portfolio"),
    C("are we over the cap on key accounts at the moment", "portfolio"),
    C("which of our accounts sit in Strategic and which in Streamline?", "portfolio"),
    C("any warnings on how we've been selecting key accts lately", "portfolio"),
    # ---------------------------------------------------------------- score (5)
    C("how does Helios score?", "score", "helios"),
    C("show me nordic's scores on each criterion", "score", "nordic"),
    C("what did we give ARG for solvency?", "score", "acme"),
    C("and their scores?", "score", "kestrel", memory=("kestrel", None, "account")),
    C("scores for vantor energy pls, curious whether product fit slipped", "score", "vantor_energy"),
    # ---------------------------------------------------------------- score_set (8)
    C("their solvency deserves a 3 after the bad quarter", "score_set", "vantor_health",
      memory=("vantor_health", None, "score")),
    C("Kestrel's product fit is an 8 now that they've standardised on our platform", "score_set", "kestrel"),
    C("set borealis revenue potential to 9", "score_set", "borealis"),
    C("I'd put existing relationships at 7 for this one, both the CFO and the store ops guy like us",
      "score_set", "acme", channel="C_ACME"),
    C("honestly Helios revenue potential is more like a 6 than a 4, can u change it", "score_set", "helios"),
    C("for Nordic Paper please put solvency 5 and product fit 7", "score_set", "nordic"),
    C("Vantor Energy existing relationships should drop to 4, we only really know one person there",
      "score_set", "vantor_energy"),
    C("bump product fit to 8", "score_set", "borealis", memory=("borealis", None, "score")),
    # ---------------------------------------------------------------- nominate (5)
    C("we should really treat Helios as strategic now, they've doubled their orders", "nominate", "helios"),
    C("I'd like to propose Kestrel Aerospace as a key account.", "nominate", "kestrel"),
    C("vantor health deserves key status imo - huge NHS framework contract coming", "nominate",
      "vantor_health"),
    C("given those numbers let's put them forward for key", "nominate", "kestrel",
      memory=("kestrel", None, "score")),
    C("please I want to make Helios Foods a key customer, they grow very fast this year", "nominate", "helios"),
    # ---------------------------------------------------------------- demote (5)
    C("I'd like Borealis to lose its key status because volumes fell 60% this year", "demote", "borealis"),
    C("Nordic Paper shouldn't be key anymore, they moved most lines to a competitor", "demote", "nordic"),
    C("time to downgrade this one to regular, the margin is gone", "demote", "acme", channel="C_ACME"),
    C("drop vantor energy from the key list - reason: parent company is exiting our market", "demote",
      "vantor_energy"),
    C("honestly we should stop treating them as key, cost to serve is eating all the profit", "demote",
      "nordic", memory=("nordic", None, "account")),
    # ---------------------------------------------------------------- plan (6)
    C("show the account plan for Nordic Paper", "plan", "nordic"),
    C("what are our long-term objectives with Borealis?", "plan", "borealis"),
    C("where's the plan for this account, objectives + owners", "plan", "acme", channel="C_ACME"),
    C("and the overall plan behind those?", "plan", "vantor_energy", memory=("vantor_energy", None, "next")),
    C("what goals did we set in the vantor energy account plan", "plan", "vantor_energy"),
    C("do we even have a plan for helios, considering they might become key?", "plan", "helios"),
    # ---------------------------------------------------------------- swot (5)
    C("draft a swot for kestrel", "swot", "kestrel"),
    C("strengths and weaknesses of our position at Borealis, from the notes pls", "swot", "borealis"),
    C("can you put together a SWOT for ARG before the QBR", "swot", "acme"),
    C("can u do the swot bit too", "swot", "nordic", memory=("nordic", None, "plan")),
    C("I need the analysis of strong points, weak points, opportunities and threats for Vantor Health",
      "swot", "vantor_health"),
    # ---------------------------------------------------------------- next (9)
    C("what's next for Helios, given the weak scores?", "next", "helios"),
    C("any overdue actions on ARG?", "next", "acme"),
    C("what should i be doing next here", "next", "acme", channel="C_ACME"),
    C("what follow-ups do I still owe Kestrel", "next", "kestrel"),
    C("ok so what do we do now?", "next", "borealis", memory=("borealis", "Lars Henriksen", "log")),
    C("nxt steps nordic pls", "next", "nordic"),
    C("whats open on vantor", "next", VANTORS),
    C("please tell me which actions I must do for Vantor Health before end of month", "next",
      "vantor_health"),
    C("anything I should be chasing with Borealis this week?", "next", "borealis"),
    # ---------------------------------------------------------------- stakeholders (13)
    C("who's the EB at nordic paper", "stakeholders", "nordic", role="economic_buyer"),
    C("do we have a coach inside Borealis or are we flying blind", "stakeholders", "borealis", role="champion"),
    C("Who is blocking us at ARG?", "stakeholders", "acme", role="blocker"),
    C("who holds the purse strings here?", "stakeholders", "acme", role="economic_buyer", channel="C_ACME"),
    C("how does Sofia feel about us these days", "stakeholders", "vantor_health", person="Sofia Rossi"),
    C("who is jan novak again", "stakeholders", "borealis", person="Jan Novak"),
    C("show me the relationship map for Kestrel Aerospace", "stakeholders", "kestrel"),
    C("is helios single-threaded? who on our side knows whom over there", "stakeholders", "helios"),
    C("Who's the technical buyer at Vantor Energy?", "stakeholders", "vantor_energy", role="technical_buyer"),
    C("and who are the people there?", "stakeholders", "vantor_energy",
      memory=("vantor_energy", None, "account")),
    C("how much say does he actually have in the decision?", "stakeholders", "acme", person="Mark Olsen",
      memory=("acme", "Mark Olsen", "stakeholders")),
    C("who makes the final call at borealis", "stakeholders", "borealis", role="decision_maker"),
    C("stakeholder coverage for vantor pls", "stakeholders", VANTORS),
    # ---------------------------------------------------------------- stakeholder (10)
    C("Ana got promoted to CEO!", "stakeholder", "acme", person="Ana Ruiz"),
    C("heads up: Tom Becker left Vantor Health last week", "stakeholder", "vantor_health", person="Tom Becker"),
    C("I'll own the relationship with Nina from now on", "stakeholder", "helios", person="Nina Patel"),
    C("Mark Olsen has come round, he's actually supportive of us now", "stakeholder", "acme",
      person="Mark Olsen"),
    C("add Priya Shah, new Head of Finance at Kestrel - she'll be the economic buyer", "stakeholder",
      "kestrel"),
    C("Bob from our team should own her from now on", "stakeholder", "borealis", person="Petra Schmidt",
      memory=("borealis", "Petra Schmidt", "stakeholders")),
    C("new contact here: Lena Vogt, Head of eCommerce, influence 4, pretty keen on us", "stakeholder",
      "acme", channel="C_ACME"),
    C("Erik Dahl's influence is more like a 3 than a 5, pls fix", "stakeholder", "vantor_energy",
      person="Erik Dahl"),
    C("the IT director at borealis reports to Lars, put that in the map", "stakeholder", "borealis",
      person="Jan Novak"),
    C("Henrik Lund now is not CEO anymore, he is chairman of the board, please change his title",
      "stakeholder", "nordic", person="Henrik Lund"),
    # ---------------------------------------------------------------- log (14)
    C("saw Lars at the trade fair, he hinted at a budget cut next year", "log", "borealis",
      person="Lars Henriksen"),
    C("had lunch w/ Ana Ruiz today, positive about the renewal but wants 5% off", "log", "acme",
      person="Ana Ruiz"),
    C("today I was visiting Nordic Paper and speak with Henrik, he is not happy about delivery times",
      "log", "nordic", person="Henrik Lund"),
    C("call with kestrel procurement this am, they want a quote by friday", "log", "kestrel"),
    C("Maria rang me - the pilot is on hold until Q2", "log", "vantor_energy", person="Maria Lopez"),
    C("quick note from the store visit: Jonas showed us the new checkout flow, keen to roll out to 40 stores",
      "log", "acme", person="Jonas Berg", channel="C_ACME"),
    C("met her yesterday in Leeds, she confirmed they're going to tender in March", "log", "helios",
      person="Nina Patel", memory=("helios", "Nina Patel", "stakeholders")),
    C("emailed Petra the revised price list, no reply yet", "log", "borealis", person="Petra Schmidt"),
    C("pls log: vantor health QBR went badly, they pushed back hard on pricing", "log", "vantor_health"),
    C("Erik said on the phone they might double volumes if we hit the SLA", "log", "vantor_energy",
      person="Erik Dahl"),
    C("note for borealis: their IT director wants SSO before anything else", "log", "borealis",
      person="Jan Novak"),
    C("mark olsen was in meeting today and he blocked again the cloud migration", "log", "acme",
      person="Mark Olsen"),
    C("bumped into Helios' COO at the airport, they're unhappy with their current supplier", "log", "helios",
      person="Nina Patel"),
    C("log it: visited them today, the new plant manager wants a trial of the recycled grade", "log",
      "nordic", memory=("nordic", None, "account")),
    # ---------------------------------------------------------------- review (4)
    C("start the quarterly review for Nordic", "review", "nordic"),
    C("let's do the account review now", "review", "acme", channel="C_ACME"),
    C("kick off a review of vantor energy, the sponsor wants it done today", "review", "vantor_energy"),
    C("ok lets run the review on this one", "review", "borealis", memory=("borealis", None, "plan")),
    # ---------------------------------------------------------------- method (9)
    C("what's the difference between a Star and a Status account?", "method"),
    C("how should we choose the criteria for picking key accounts?", "method"),
    C("why does being single-threaded matter so much in key account management", "method"),
    C("in theory, how often should a Streamline account be reviewed?", "method"),
    C("how is the weighted score calculated", "method"),
    C("what is cost-to-serve and why should i care", "method"),
    C("new here - what is key account management, actually?", "method"),
    C("how is mutual attractiveness different from just ranking customers by revenue?", "method"),
    C("what does 'perception gap' mean in a customer relationship?", "method"),
    # ---------------------------------------------------------------- unknown (7)
    C("book me a flight to Oslo for thursday", "unknown"),
    C("what's the weather in hamburg tomorrow", "unknown"),
    C("can you reset my Salesforce password", "unknown"),
    C("what's the EUR to NOK exchange rate today?", "unknown"),
    C("write me a cold outreach email for a prospect we've never spoken to", "unknown"),
    C("submit my expense report from last week's client dinner", "unknown"),
    C("who won the match last night lol", "unknown"),
)
