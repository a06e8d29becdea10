"""DEV6: a development set for the language router, 120 phrasings, written blind on 2026-11-23.

Written on 2026-11-23 by a helper session asked to write evaluation data BLIND. It read only
DESIGN.md (section 4 "Contract" and section 2 for vocabulary), tests/language/lang_store.py (the fixed
store of accounts and people), lines 1-30 of lang_eval_cases.py (the Case dataclass and conventions)
and lines 1-36 of lang_eval_final2.py (its docstring: label conventions). It never opened the router's
code (nothing under kam_domain/language/ or bot/language/), its exemplars or any other phrasing set,
and it ran nothing (no router, tests or benchmarks; only an ast.parse of this file).

This is a DEVELOPMENT set: the router is tuned on it, so a score on it is not an honest estimate of
accuracy. Use a sealed set for that. It was run once before any tuning on it, after the router was
tuned on DEV5: 94.2% (113/120), BENCHMARKS.md.

Persona: field account managers typing quickly on a phone between meetings. Terse, lowercase,
typos in about 40% of phrasings (dropped, swapped or doubled letters in account names, people's names
and keywords), sales slang and abbreviations (acct, EB, DM, mtg, f/u, w/, tmrw, pls, rn, q3, asap,
lmk, imo, tbh, btw), fragments without a verb, one- and two-word messages, 15 thread follow-ups
(memory, pronouns), 9 questions in Acme's account channel ("here", "this acct"), people by first name,
surname or title, a few long rambling messages whose main ask is still clear, 7 off-topic messages
(some with KAM-ish words), 8 casual methodology questions. Mix per intent: stakeholders 15, log 14,
account 11, next 9, stakeholder 7, unknown 7, method 8, plan 6, swot 6, score_set 6, score 5,
nominate 5, demote 5, accounts 5, portfolio 4, review 4, help 3.

Labels follow lang_eval_cases.py: `account` is a store key from lang_store.seed_language_store,
"?vantor" (VANTORS) means the router must ask which Vantor, `intent="unknown"` means it must say what
it can do, `channel` is the Slack channel asked in (C_ACME is Acme's account channel), `memory` is what
the thread remembers: (account key, person name or None, last intent). `person` is set where the text
names or clearly points at one known stakeholder (by name, surname, title or pronoun in a thread); a
brand-new person being added gets person=None. `role` is set where a `stakeholders` question asks who
holds a decision role (coach = champion). Nominations are only for accounts that are not key (helios,
kestrel, vantor_health), demotions only for key ones (borealis, vantor_energy, acme, nordic).
Write-intents always have an account determinable from the text, the channel or the thread memory.
"""
from __future__ import annotations

from lang_eval_cases import VANTORS
from lang_eval_cases import Case
from lang_eval_cases import Case as C

DEV6: tuple[Case, ...] = (
    # ---------------------------------------------------------------- help (3)
    C("hlep", "help"),
    C("what cn this bot do", "help"),
    C("um how do i even use u", "help"),
    # ---------------------------------------------------------------- accounts (5)
    C("lsit key accts", "accounts"),
    C("which acounts r on the watchlist", "accounts"),
    C("show me all our reguler accts", "accounts"),
    C("candidtaes?", "accounts"),
    C("how many accounts do we have total, list em", "accounts"),
    # ---------------------------------------------------------------- portfolio (4)
    C("which accts make 80% of our proffit", "portfolio"),
    C("are we ovr the cap on key accts", "portfolio"),
    C("show me the quadrant chart for the whole book", "portfolio"),
    C("any selction warnings i shd know abt, lmk", "portfolio"),
    # ---------------------------------------------------------------- account (11)
    C("borealsi", "account", account="borealis"),
    C("whats the rev on nordic papr this yr", "account", account="nordic"),
    C("who owns kestral on our side", "account", account="kestrel"),
    C("exec sponsor for vantor enrgy?", "account", account="vantor_energy"),
    C("pull up SF-3001", "account", account="acme"),
    C("ARG tier rn?", "account", account="acme"),
    C("vantor", "account", account=VANTORS),
    C("is nordic stil key", "account", account="nordic"),
    C("quick snapshot of this acct", "account", account="acme", channel="C_ACME"),
    C("ok and revenue?", "account", account="helios", memory=("helios", None, "score")),
    C("remind me who owns it on our side and whos the sponsor", "account", account="borealis",
      memory=("borealis", None, "next")),
    # ---------------------------------------------------------------- next (9)
    C("whats next on borealis", "next", account="borealis"),
    C("overdue actions nordc", "next", account="nordic"),
    C("any f/u i owe kestrell?", "next", account="kestrel"),
    C("what shd i do next w/ helois", "next", account="helios"),
    C("open items vantor enregy", "next", account="vantor_energy"),
    C("anything overdue here?", "next", account="acme", channel="C_ACME"),
    C("ok what are the next steps on this one then", "next", account="vantor_health",
      memory=("vantor_health", None, "account")),
    C("heading into the acme mtg in 10 min and tbh no idea where we left things. "
      "what actions are still open on our side?", "next", account="acme"),
    C("anything i shd chase this wk on borelais", "next", account="borealis"),
    # ---------------------------------------------------------------- plan (6)
    C("borealis acct plan", "plan", account="borealis"),
    C("whats in nordics plan", "plan", account="nordic"),
    C("objectves for vantor energy this yr?", "plan", account="vantor_energy"),
    C("show me the kestrl plan", "plan", account="kestrel"),
    C("long term golas w/ helios", "plan", account="helios"),
    C("and the plan?", "plan", account="acme", memory=("acme", None, "account")),
    # ---------------------------------------------------------------- swot (6)
    C("draft a swot for boreallis", "swot", account="borealis"),
    C("swot nordic", "swot", account="nordic"),
    C("strenghts n weaknesses for vantor energy?", "swot", account="vantor_energy"),
    C("can u write up a swot on helios from the notes, need it for tmrw", "swot", account="helios"),
    C("swto kestrel", "swot", account="kestrel"),
    C("can u do a swot for them too", "swot", account="acme", memory=("acme", None, "plan")),
    # ---------------------------------------------------------------- stakeholders (15)
    C("who's the EB at boraelis", "stakeholders", account="borealis", role="economic_buyer"),
    C("whos who at nordic paper", "stakeholders", account="nordic"),
    C("whos our champion at ARG", "stakeholders", account="acme", role="champion"),
    C("how does mark feel abt us", "stakeholders", account="acme", person="Mark Olsen", channel="C_ACME"),
    C("who's sofia rosi at vantor health", "stakeholders", account="vantor_health", person="Sofia Rossi"),
    C("any blockers here?", "stakeholders", account="acme", role="blocker", channel="C_ACME"),
    C("tech buyer at vantr energy?", "stakeholders", account="vantor_energy", role="technical_buyer"),
    C("gatekeepr at borealis?", "stakeholders", account="borealis", role="gatekeeper"),
    C("is he on our side?", "stakeholders", account="borealis", person="Lars Henriksen",
      memory=("borealis", "Lars Henriksen", "log")),
    C("novack at borealis, friend or foe?", "stakeholders", account="borealis", person="Jan Novak"),
    C("acme cfo - fan of ours or not?", "stakeholders", account="acme", person="Ana Ruiz"),
    C("whats her role in the decision again", "stakeholders", account="helios", person="Nina Patel",
      memory=("helios", "Nina Patel", "log")),
    C("relationship gaps at vantor energy?", "stakeholders", account="vantor_energy"),
    C("whos the DM at helios", "stakeholders", account="helios", role="decision_maker"),
    C("do we have a coach at nordik", "stakeholders", account="nordic", role="champion"),
    # ---------------------------------------------------------------- stakeholder (7)
    C("add sara kim, vp supply chain at borealis, shes an infuencer", "stakeholder", account="borealis"),
    C("jonas berg got promoted, title is head of ops now, pls update", "stakeholder", account="acme",
      person="Jonas Berg", channel="C_ACME"),
    C("mark olson at acme softened a bit, set attitude to -1", "stakeholder", account="acme",
      person="Mark Olsen"),
    C("new contact at kestrle: dave moore, cto, tech buyer", "stakeholder", account="kestrel"),
    C("set her influence to 5", "stakeholder", account="vantor_energy", person="Maria Lopez",
      memory=("vantor_energy", "Maria Lopez", "stakeholders")),
    C("petra at borealis is basically a blocker now, change her role", "stakeholder", account="borealis",
      person="Petra Schmidt"),
    C("add helios cfo grace lee as economic buyer", "stakeholder", account="helios"),
    # ---------------------------------------------------------------- log (14)
    C("met ana from acme today, v positive abt renewal", "log", account="acme", person="Ana Ruiz"),
    C("log call w/ lars henricksen borealis - wants pricing by fri", "log", account="borealis",
      person="Lars Henriksen"),
    C("just had lunch w henrik lund, nordic expanding into finland next yr", "log", account="nordic",
      person="Henrik Lund"),
    C("note for kestrel: mtg went badly, theyre evaluating 2 competitors", "log", account="kestrel"),
    C("call w vantor health procurement, tom wants 10% off", "log", account="vantor_health",
      person="Tom Becker"),
    C("quick mtg w/ jonsa at acme, store rollout on track", "log", account="acme", person="Jonas Berg"),
    C("log that i spoke to him this am re the api integration", "log", account="borealis", person="Jan Novak",
      memory=("borealis", "Jan Novak", "stakeholders")),
    C("emailed erik dal at vantor energy re contract extension, no reply yet", "log",
      account="vantor_energy", person="Erik Dahl"),
    C("ok so just came out of the helios meeting, nina patel was there and honestly it went way better "
      "than expected. they want a pilot in q3 and asked for 2 references. pls log it", "log",
      account="helios", person="Nina Patel"),
    C("mtg notes nordc: budget frozen til jan, revisit in feb", "log", account="nordic"),
    C("mark olsen pushed back hard on the pos integration again today, pls log", "log", account="acme",
      person="Mark Olsen", channel="C_ACME"),
    C("had a call w borealis head of procurement abt the sla, they want changes b4 renewal", "log",
      account="borealis", person="Petra Schmidt"),
    C("just met her, shes pushing the pilot internally. log it", "log", account="vantor_energy",
      person="Maria Lopez", memory=("vantor_energy", "Maria Lopez", "stakeholders")),
    C("spoke w sofia at vantor helth, still skeptical on price", "log", account="vantor_health",
      person="Sofia Rossi"),
    # ---------------------------------------------------------------- score (5)
    C("whats kestrels scroe", "score", account="kestrel"),
    C("how did borealis score on the criteria", "score", account="borealis"),
    C("scores for helois pls", "score", account="helios"),
    C("nordik scoring?", "score", account="nordic"),
    C("hows it scored", "score", account="vantor_energy", memory=("vantor_energy", None, "account")),
    # ---------------------------------------------------------------- score_set (6)
    C("helios product fit 8 solvency 6", "score_set", account="helios"),
    C("set nordic solvancy to 7", "score_set", account="nordic"),
    C("kestrel: rev potential 9, relationships 3, pls update asap", "score_set", account="kestrel"),
    C("bump product fit to 9 here", "score_set", account="acme", channel="C_ACME"),
    C("give borealis a 5 on existing relationships, we lost our main contact", "score_set",
      account="borealis"),
    C("change solvency to 4, theyre paying late", "score_set", account="vantor_health",
      memory=("vantor_health", None, "score")),
    # ---------------------------------------------------------------- nominate (5)
    C("make heilos key", "nominate", account="helios"),
    C("propose kestrel as a key acct, big growth expected q3", "nominate", account="kestrel"),
    C("can we get vantor helth on the key list", "nominate", account="vantor_health"),
    C("helios shud be key imo, orders doubled since spring", "nominate", account="helios"),
    C("scores look great tbh, lets put it forward for key status", "nominate", account="kestrel",
      memory=("kestrel", None, "score")),
    # ---------------------------------------------------------------- demote (5)
    C("drop nordic from key, rev collapsed", "demote", account="nordic"),
    C("borealis shouldnt be key anymore, lost the tendr", "demote", account="borealis"),
    C("downgrade vantor energy, they moved to a competitor", "demote", account="vantor_energy"),
    C("take this acct off key, theyre consolidating vendors and we're out", "demote", account="acme",
      channel="C_ACME"),
    C("end key status for ARG pls, margin negative 3 qtrs running", "demote", account="acme"),
    # ---------------------------------------------------------------- review (4)
    C("start the borealis reveiw", "review", account="borealis"),
    C("kick off the nordic paper acct reivew", "review", account="nordic"),
    C("lets do the review for this acct now", "review", account="acme", channel="C_ACME"),
    C("ok lets run the review on it", "review", account="vantor_energy",
      memory=("vantor_energy", None, "next")),
    # ---------------------------------------------------------------- method (8)
    C("whats the diff between a star and a strategic acct", "method"),
    C("how often shd u review a strategic account in general", "method"),
    C("best way to get to the EB when procurement keeps blocking?", "method"),
    C("is it bad if one person owns all the relationships at an acct", "method"),
    C("what shd a good acct plan include, generally", "method"),
    C("how do u decide which accts deserve key status", "method"),
    C("what does share of wallet actualy mean", "method"),
    C("champion vs coach, same thing?", "method"),
    # ---------------------------------------------------------------- unknown (7)
    C("book a table for the client dinner thurs", "unknown"),
    C("whats the wether in oslo tmrw", "unknown"),
    C("btw can u expense my taxi from the mtg", "unknown"),
    C("reset my salesforce pasword pls", "unknown"),
    C("who won the game last nite", "unknown"),
    C("tell me a joke, rough day", "unknown"),
    C("thx. also remind me to buy milk on the way home", "unknown", memory=("borealis", None, "next")),
)
