"""The router's evaluation set: phrasings salespeople type, with typos, partial names and slang,
each labelled with the intent, the account (store key from conftest.seed_language_store) and,
where it matters, the person and the decision role.

`account="?vantor"` means the router must ask which Vantor; `intent="unknown"` means it must
say what it can do. `channel` is the Slack channel asked in; `memory` is what the thread
remembers: (account key, person name or None, last intent).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    text: str
    intent: str
    account: str | None = None
    person: str | None = None
    role: str | None = None
    channel: str | None = None
    memory: tuple[str, str | None, str] | None = None


C = Case
VANTORS = "?vantor"

CASES: tuple[Case, ...] = (
    # ---------------------------------------------------------------- help
    C("help", "help"), C("so what can you actually do", "help"), C("hi there, what do u do", "help"),
    C("how do I use this thing", "help"), C("commands?", "help"), C("hey kam", "help"),
    C("help log", "help"), C("what can i ask u", "help"),
    # ---------------------------------------------------------------- accounts
    C("list key accounts", "accounts"), C("show me our key accounts", "accounts"),
    C("which accounts are on the watch list?", "accounts"), C("watchlist pls", "accounts"),
    C("all accounts", "accounts"), C("which accounts are regular?", "accounts"), C("accounts", "accounts"),
    C("how many key accounts have we got", "accounts"), C("which customers are key?", "accounts"),
    C("show me the candidate accounts", "accounts"), C("lsit all acounts", "accounts"),
    # ---------------------------------------------------------------- account card
    C("tell me about borealis", "account", "borealis"), C("borealis", "account", "borealis"),
    C("how's acme doing?", "account", "acme"), C("ARG", "account", "acme"),
    C("account card for nordic paper", "account", "nordic"), C("what tier is helios?", "account", "helios"),
    C("who owns kestrel aerospace", "account", "kestrel"), C("SF-2001", "account", "vantor_energy"),
    C("status of vantor energy", "account", "vantor_energy"), C("vantor", "account", VANTORS),
    C("info on borealsi logistics", "account", "borealis"), C("how profitable is nordic?", "account", "nordic"),
    C("Vantor Health overview", "account", "vantor_health"), C("pull up the acme retail account", "account", "acme"),
    C("is helios foods a key account?", "account", "helios"),
    C("what's the status here?", "account", "acme", channel="C_ACME"),
    C("0015000000XYZ12", "account", "nordic"), C("kestrel", "account", "kestrel"),
    # ---------------------------------------------------------------- portfolio
    C("show me our portfolio", "portfolio"), C("portfolio matrix pls", "portfolio"), C("give me the 80/20", "portfolio"),
    C("which accounts make most of our profit?", "portfolio"), C("did we go over the cap on key accounts?", "portfolio"),
    C("show me the quadrants chart", "portfolio"), C("portfolio", "portfolio"),
    C("how balanced is our portfolio", "portfolio"), C("portfolo overview", "portfolio"),
    # ---------------------------------------------------------------- score (show)
    C("what's borealis's score?", "score", "borealis"), C("scores for acme", "score", "acme"),
    C("how does helios score", "score", "helios"), C("score card nordic paper", "score", "nordic"),
    C("how attractive is kestrel?", "score", "kestrel"), C("show the scoring of vantor energy", "score", "vantor_energy"),
    C("score history of ARG", "score", "acme"), C("score borealis", "score", "borealis"),
    # ---------------------------------------------------------------- score (set)
    C("set borealis product fit to 8", "score_set", "borealis"), C("score acme solvency 6", "score_set", "acme"),
    C("give helios an 8 for product fit", "score_set", "helios"),
    C("change nordic solvency score to 4", "score_set", "nordic"),
    C("vantor energy product fit 9, solvency 7", "score_set", "vantor_energy"),
    C("score kestrel product_fit=5 solvency=6", "score_set", "kestrel"),
    C("bump acme's revenue potential to 9", "score_set", "acme"),
    C("rate borealis 7 on existing relationships", "score_set", "borealis"),
    # ---------------------------------------------------------------- nominate
    C("nominate helios foods, their new plant doubles volume", "nominate", "helios"),
    C("make kestrel a key account", "nominate", "kestrel"), C("promote vantor health to key", "nominate", "vantor_health"),
    C("helios should be a key account, they doubled volume", "nominate", "helios"),
    C("can we make kestrel aerospace key?", "nominate", "kestrel"),
    C("put helios forward as a key account because of the expansion", "nominate", "helios"),
    C("nominat helios", "nominate", "helios"), C("upgrade vantor helth to key account", "nominate", "vantor_health"),
    # ---------------------------------------------------------------- demote
    C("demote nordic paper because volumes fell 60% and no growth plan", "demote", "nordic"),
    C("nordic should no longer be key, volumes dropped by half", "demote", "nordic"),
    C("remove vantor energy from key accounts, they moved to a competitor", "demote", "vantor_energy"),
    C("downgrade borealis to regular since revenue collapsed last year", "demote", "borealis"),
    C("take acme off the key list - no growth for 3 years", "demote", "acme"),
    C("demote nordic", "demote", "nordic"), C("end key status for nordic paper, they churned", "demote", "nordic"),
    # ---------------------------------------------------------------- plan
    C("borealis logistcs plan", "plan", "borealis"), C("show the plan for acme", "plan", "acme"),
    C("what's our plan with nordic?", "plan", "nordic"), C("objectives for vantor energy", "plan", "vantor_energy"),
    C("helios goals", "plan", "helios"), C("account plan ARG", "plan", "acme"),
    C("whats the strategy for borealis", "plan", "borealis"), C("plan for vantor", "plan", VANTORS),
    C("plan", "plan", "acme", channel="C_ACME"), C("and their plan?", "plan", "borealis", memory=("borealis", None, "account")),
    # ---------------------------------------------------------------- swot
    C("swot for nordic", "swot", "nordic"), C("draft a swot for borealis", "swot", "borealis"),
    C("strengths and weaknesses of acme", "swot", "acme"), C("what are the threats at helios?", "swot", "helios"),
    C("SWOT vantor energy", "swot", "vantor_energy"), C("swot anaylsis kestrel", "swot", "kestrel"),
    C("risks and opportunities at borealis", "swot", "borealis"),
    # ---------------------------------------------------------------- next
    C("whats next for acme", "next", "acme"), C("next steps borealis", "next", "borealis"),
    C("what should i do next at nordic paper?", "next", "nordic"), C("open actions for helios", "next", "helios"),
    C("anything overdue at vantor energy?", "next", "vantor_energy"), C("todo list for ARG", "next", "acme"),
    C("follow ups for kestrel", "next", "kestrel"), C("what's next?", "next", "acme", channel="C_ACME"),
    # ---------------------------------------------------------------- stakeholders
    C("who's the EB at vantor energy?", "stakeholders", "vantor_energy", role="economic_buyer"),
    C("who's the EB at vantor?", "stakeholders", VANTORS, role="economic_buyer"),
    C("who are the decision makers at Borealis?", "stakeholders", "borealis", role="decision_maker"),
    C("who is the economic buyer at acme", "stakeholders", "acme", role="economic_buyer"),
    C("who's our champion at ARG?", "stakeholders", "acme", role="champion"),
    C("stakeholder map for nordic paper", "stakeholders", "nordic"),
    C("who do we know at helios?", "stakeholders", "helios"),
    C("the CFO at Vantor", "stakeholders", "vantor_health", person="Sofia Rossi"),
    C("who is the cto at vantor?", "stakeholders", "vantor_energy", person="Maria Lopez"),
    C("Ana Ruiz's account", "stakeholders", "acme", person="Ana Ruiz"),
    C("who is Lars Henriksen?", "stakeholders", "borealis", person="Lars Henriksen"),
    C("tell me about Maria Lopez", "stakeholders", "vantor_energy", person="Maria Lopez"),
    C("who signs the contract at nordic?", "stakeholders", "nordic", role="economic_buyer"),
    C("who's the budget holder at borealis", "stakeholders", "borealis", role="economic_buyer"),
    C("any blockers at acme?", "stakeholders", "acme", role="blocker"),
    C("who is the gatekeeper at borealis logistics", "stakeholders", "borealis", role="gatekeeper"),
    C("relationship map acme", "stakeholders", "acme"), C("contacts at kestrel", "stakeholders", "kestrel"),
    C("and who is their economic buyer then?", "stakeholders", "borealis", role="economic_buyer",
      memory=("borealis", "Lars Henriksen", "account")),
    C("who's the EB here?", "stakeholders", "acme", role="economic_buyer", channel="C_ACME"),
    C("what does Ruiz think of us?", "stakeholders", "acme", person="Ana Ruiz", memory=("acme", None, "account")),
    C("is acme single threaded?", "stakeholders", "acme"),
    C("who's the technical buyer at borealis?", "stakeholders", "borealis", role="technical_buyer"),
    C("decision makers at helios", "stakeholders", "helios", role="decision_maker"),
    # ---------------------------------------------------------------- stakeholder add / update
    C("add Maria Gomez as CTO at Kestrel, technical buyer, supportive", "stakeholder", "kestrel"),
    C("Ana Ruiz is now our champion at acme", "stakeholder", "acme", person="Ana Ruiz"),
    C("update lars henriksen: influence 4", "stakeholder", "borealis", person="Lars Henriksen"),
    C("new contact at helios: Peter Brandt, head of procurement", "stakeholder", "helios"),
    C("mark Mark Olsen as hostile", "stakeholder", "acme", person="Mark Olsen"),
    C("set Tom Becker's role to decision maker", "stakeholder", "vantor_health", person="Tom Becker"),
    C("add stakeholder Karen Holm to nordic paper as economic buyer", "stakeholder", "nordic"),
    C("Sofia Rossi turned hostile", "stakeholder", "vantor_health", person="Sofia Rossi"),
    C("Erik Dahl influence 5, attitude +1", "stakeholder", "vantor_energy", person="Erik Dahl"),
    # ---------------------------------------------------------------- log
    C("met Ana Ruiz today, she's keen, send contract Fri", "log", "acme", person="Ana Ruiz"),
    C("log that I called her today", "log", "acme", person="Ana Ruiz", memory=("acme", "Ana Ruiz", "stakeholders")),
    C("had a call with Lars at borealis yesterday, positive about renewal", "log", "borealis", person="Lars Henriksen"),
    C("log a meeting with nordic paper: Henrik wants a discount", "log", "nordic"),
    C("spoke to Maria Lopez this morning, they're worried about delays", "log", "vantor_energy", person="Maria Lopez"),
    C("lunch w/ Jonas Berg today, great vibes, next step proposal by monday", "log", "acme", person="Jonas Berg"),
    C("visited helios on tuesday, demo went great", "log", "helios"),
    C("log borealis met petra schmidt, pricing concerns", "log", "borealis", person="Petra Schmidt"),
    C("caught up with Erik Dahl last week, he will sign next month", "log", "vantor_energy", person="Erik Dahl"),
    C("met sofia rossi yesterday. unhappy with support", "log", "vantor_health", person="Sofia Rossi"),
    C("emailed Henrik Lund yesterday about the renewal", "log", "nordic", person="Henrik Lund"),
    C("note that Mark Olsen pushed back on the price today", "log", "acme", person="Mark Olsen"),
    C("met the CFO at acme today, keen on 3 year deal", "log", "acme", person="Ana Ruiz"),
    C("had a meeting with ARG today", "log", "acme"),
    C("called Nina Patel, she wants a proposal by friday", "log", "helios", person="Nina Patel"),
    C("met him this morning, all good", "log", "borealis", person="Lars Henriksen",
      memory=("borealis", "Lars Henriksen", "stakeholders")),
    # ---------------------------------------------------------------- review
    C("review borealis", "review", "borealis"), C("start the review for acme", "review", "acme"),
    C("time for the nordic paper account review", "review", "nordic"),
    C("do the quarterly review of vantor energy", "review", "vantor_energy"),
    C("review checklist helios", "review", "helios"), C("lets review kestrel", "review", "kestrel"),
    # ---------------------------------------------------------------- method
    C("what exactly is an economic buyer", "method"), C("how should we pick key accounts?", "method"),
    C("what's the difference between star and status quadrants?", "method"),
    C("how many key accounts should we have", "method"), C("what does amber coverage mean", "method"),
    C("how often should I review a strategic account?", "method"), C("why is single threading risky?", "method"),
    C("what does a good account plan look like?", "method"), C("what is a coach in sales", "method"),
    C("explain mutual attractiveness", "method"), C("how do I deal with a blocker?", "method"),
    C("what's share of wallet", "method"),
    # ---------------------------------------------------------------- not understood
    C("bananas are yellow", "unknown"), C("asdf qwerty", "unknown"), C("the weather in oslo tomorrow", "unknown"),
)

# Written after the router was tuned on CASES and never tuned on: the honest estimate.
HOLDOUT: tuple[Case, ...] = (
    C("yo what can this bot do", "help"), C("I need help", "help"), C("how does this work", "help"),
    C("give me the list of key accts", "accounts"), C("which accounts are we watching", "accounts"),
    C("show every account we have", "accounts"), C("key accounts?", "accounts"),
    C("quick summary of nordic paper", "account", "nordic"), C("whats up with borealis", "account", "borealis"),
    C("acme retail group", "account", "acme"), C("how much revenue does vantor energy bring", "account", "vantor_energy"),
    C("who's the account owner for helios", "account", "helios"), C("details on kestrl", "account", "kestrel"),
    C("where do our accounts sit in the matrix", "portfolio"), C("portfolio chart please", "portfolio"),
    C("which accounts are strategic vs streamline", "portfolio"),
    C("what score did we give nordic", "score", "nordic"), C("acme scoring", "score", "acme"),
    C("set helios solvency to 5", "score_set", "helios"), C("product fit for kestrel is 3 now", "score_set", "kestrel"),
    C("nominate kestrel aerospace, big defence contract coming", "nominate", "kestrel"),
    C("I'd like helios foods to become a key account", "nominate", "helios"),
    C("vantor health deserves key status", "nominate", "vantor_health"),
    C("demote borealis, lost the tender and volumes are down 70%", "demote", "borealis"),
    C("nordic paper is not a key account anymore, they went bankrupt", "demote", "nordic"),
    C("what are we planning for acme this year", "plan", "acme"), C("borealis objectives and actions", "plan", "borealis"),
    C("goals at nordic paper?", "plan", "nordic"),
    C("strengths weaknesses opportunities threats for vantor energy", "swot", "vantor_energy"),
    C("helios swot pls", "swot", "helios"), C("what threatens our position at borealis", "swot", "borealis"),
    C("what should we do next with helios", "next", "helios"), C("next actions borealis logistics", "next", "borealis"),
    C("whats overdue for ARG", "next", "acme"),
    C("who decides at nordic paper", "stakeholders", "nordic", role="decision_maker"),
    C("who holds the budget at vantor energy", "stakeholders", "vantor_energy", role="economic_buyer"),
    C("who are our contacts at borealis", "stakeholders", "borealis"),
    C("who is petra schmidt", "stakeholders", "borealis", person="Petra Schmidt"),
    C("what's the coverage like at helios", "stakeholders", "helios"),
    C("who's the coach at acme", "stakeholders", "acme", role="champion"),
    C("add Olga Berg as head of IT at nordic paper", "stakeholder", "nordic"),
    C("Jonas Berg is now a blocker", "stakeholder", "acme", person="Jonas Berg"),
    C("change Henrik Lund's influence to 4", "stakeholder", "nordic", person="Henrik Lund"),
    C("Met with Nina Patel yesterday, she is happy with the pilot", "log", "helios", person="Nina Patel"),
    C("call with tom becker today, he wants new pricing by end of month", "log", "vantor_health", person="Tom Becker"),
    C("log: borealis site visit today, good meeting with Jan Novak", "log", "borealis", person="Jan Novak"),
    C("had coffee with Ana Ruiz this morning", "log", "acme", person="Ana Ruiz"),
    C("review nordic paper account", "review", "nordic"), C("start acme review", "review", "acme"),
    C("what is a champion?", "method"), C("how do you select key accounts", "method"),
    C("what's the star quadrant", "method"), C("why have an executive sponsor?", "method"),
    C("tell me a joke", "unknown"), C("lorem ipsum dolor", "unknown"),
)

# Written on 2026-11-23 after the router changes for the three HOLDOUT misses (the speller's real-word
# guard, score values around the account's name, how-to questions), before any of it was run; measured
# once and NOT tuned on. Typos, threads, channels, ambiguity and people by name or title.
FRESH: tuple[Case, ...] = (
    C("hello? what are you for", "help"), C("wat can u do", "help"),
    C("show me what commands you understand", "help"),
    C("list our candidate acounts", "accounts"), C("which of our customers are key accts", "accounts"),
    C("show regular accounts pls", "accounts"),
    C("how are we doing with nordc paper", "account", "nordic"), C("SF-1001 overview", "account", "borealis"),
    C("who is the sponsor for vantor energy", "account", "vantor_energy"),
    C("what quadrant is kestrel aerospace in", "account", "kestrel"), C("vantor helth", "account", "vantor_health"),
    C("how's this account doing?", "account", "acme", channel="C_ACME"),
    C("show me the 80-20 split of profit", "portfolio"), C("portfolio chart, with the cap warnings", "portfolio"),
    C("where do all our key accounts sit on the matrix?", "portfolio"),
    C("what did helios score on solvency", "score", "helios"), C("show acme's weighted scores", "score", "acme"),
    C("scoring for vantor", "score", VANTORS),
    C("set nordic paper revenue potential to 7", "score_set", "nordic"),
    C("solvency at borealis should be 4", "score_set", "borealis"),
    C("give kestrel a 6 on product fit", "score_set", "kestrel"),
    C("kestrl should become a key account, they're expanding fast", "nominate", "kestrel"),
    C("promote helios to key, they signed a 3 year frame deal", "nominate", "helios"),
    C("can you put vantor health forward for key status", "nominate", "vantor_health"),
    C("downgrade acme retail, the contract ended and there's no pipeline", "demote", "acme"),
    C("vantor energy shouldn't be key any more, spend dropped 80%", "demote", "vantor_energy"),
    C("whats the acount plan for kestrel", "plan", "kestrel"), C("objectives at acme for next year", "plan", "acme"),
    C("what about their goals?", "plan", "helios", memory=("helios", None, "account")),
    C("swot on nordic papr", "swot", "nordic"), C("what are acme's biggest weaknesses", "swot", "acme"),
    C("what do i need to do next for vantor health", "next", "vantor_health"),
    C("any follow-ups due for borealis?", "next", "borealis"),
    C("what's overdue here", "next", "acme", channel="C_ACME"),
    C("who's the decision maker at helios foods", "stakeholders", "helios", role="decision_maker"),
    C("who is the champion at acme retail", "stakeholders", "acme", role="champion"),
    C("who's the CEO at nordic", "stakeholders", "nordic", person="Henrik Lund"),
    C("tell me about jan novak", "stakeholders", "borealis", person="Jan Novak"),
    C("and the gatekeeper?", "stakeholders", "borealis", role="gatekeeper", memory=("borealis", None, "stakeholders")),
    C("who signs off on deals at vantor?", "stakeholders", VANTORS, role="economic_buyer"),
    C("what does Sofia Rossi think about us", "stakeholders", "vantor_health", person="Sofia Rossi"),
    C("add Lena Fischer as CFO at borealis, influence 4", "stakeholder", "borealis"),
    C("Nina Patel is now a champion", "stakeholder", "helios", person="Nina Patel"),
    C("Maria Lopez turned sceptical after the outage", "stakeholder", "vantor_energy", person="Maria Lopez"),
    C("met henrik lund for coffee today, wants a bigger discount", "log", "nordic", person="Henrik Lund"),
    C("called him yesterday, he's on board", "log", "vantor_energy", person="Erik Dahl",
      memory=("vantor_energy", "Erik Dahl", "stakeholders")),
    C("had a call w/ petra schmdit this morning re pricing", "log", "borealis", person="Petra Schmidt"),
    C("quick call with kestrel today, they want a demo next week", "log", "kestrel"),
    C("kick off the quarterly review for helios", "review", "helios"), C("review for vantor", "review", VANTORS),
    C("what's a technical buyer", "method"), C("how do we handle a gatekeeper who blocks access?", "method"),
    C("why should key accounts be limited to 35?", "method"),
    C("what time is it in tokyo", "unknown"), C("order pizza for the team", "unknown"),
)
