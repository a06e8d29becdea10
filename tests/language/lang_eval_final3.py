"""FINAL3: field account managers typing on a phone between meetings (terse, typos, slang), 100 phrasings.

Measured once on 2026-11-23 after the third tuning round: 89.0% (89/100), BENCHMARKS.md; moved here
from the sealed directory after that measurement and tuned on in the fourth round.

Written on 2026-11-23 by a helper session asked to write evaluation data BLIND. Exactly these were
read, and nothing else: /work/shared/DESIGN.md (section 4 "Contract" for what each /kam subcommand
does, section 2 for the domain vocabulary such as tiers, quadrants and decision roles),
/work/main/tests/language/lang_store.py (the fixed store of accounts and people the labels refer to),
lines 1-30 of /work/main/tests/language/lang_eval_cases.py (the Case dataclass and conventions) and
lines 1-36 of /work/main/tests/language/lang_eval_final2.py (its docstring: label conventions and the
module header). Nothing under kam_domain/language/ or bot/language/ was opened, no other file in
tests/language/ was opened (none of the other phrasing sets, none of the tests), and the repository
was not searched for phrasings. Nothing was run: not the router, not the tests, not any benchmark;
the only command run on this file was a syntax check with ast.parse.

It was SEALED until that one measurement (nobody tuned on it before); the number recorded is that one.

Persona: field account managers on a phone between customer meetings. Terse, lowercase, typos in
about 40% of messages (dropped, swapped or doubled letters in account names, people's names and
keywords), sales slang and abbreviations (acct, EB, DM = decision maker, mtg, f/u, w/, tmrw, pls, rn,
q3, asap, KAM), fragments without a verb, thread follow-ups (13, with memory, pronouns "he/she/it/
them"), the Acme account channel (8, "here"/"this acct"), people by full name, first name, surname or
title ("their cfo", "vantor energy's cto"), the alias ARG and a CRM id, ambiguous "vantor", a few
long two-to-three sentence messages whose main ask is still clear, off-topic messages with KAM-ish
words in them ("who's ordering lunch", "book a meeting room"), and casual methodology questions that
use decision-role words without asking about any account. The command words are mostly avoided.

Mix (100): stakeholders 13, log 12, account 10, next 8, method 7, plan 6, stakeholder 6, swot 5,
unknown 5, accounts 4, portfolio 4, score 4, score_set 4, help 3, nominate 3, demote 3, review 3.

Labels follow lang_eval_cases.py: `account` is a store key from lang_store.seed_language_store,
"?vantor" (VANTORS) means the router must ask which Vantor, `intent="unknown"` means it must say what
it can do, `channel` is the Slack channel asked in (C_ACME is Acme's account channel), `memory` is what
the thread remembers: (account key, person name or None, last intent). `person` is set where the text
names or clearly points at one known stakeholder (by name, surname, title or pronoun in a thread);
`role` where a `stakeholders` question asks for a decision role (coach = champion). Nominations are
only for accounts that are not key (helios, kestrel, vantor_health), demotions only for key ones.
Where a known stakeholder is named, `account` is that person's account (e.g. "henriksen" is
Borealis, "erik dahl from vantor" is Vantor Energy). Write intents (log, stakeholder, score_set,
nominate, demote) always have an account determinable from the text, the channel or the thread.
"""
from __future__ import annotations

from lang_eval_cases import VANTORS
from lang_eval_cases import Case
from lang_eval_cases import Case as C

FINAL3: tuple[Case, ...] = (
    # ---- help
    C("hey bot what cna you do", "help"),
    C("new here, how do i evn use this thing", "help"),
    C("how do i log a mtg thru you, whats the syntax", "help"),
    # ---- accounts
    C("list all our key accts pls", "accounts"),
    C("whos on the watchlist rn", "accounts"),
    C("show me evry regular account we got", "accounts"),
    C("which custmers are key at the moment", "accounts"),
    # ---- portfolio
    C("which accts make 80% of our profit", "portfolio"),
    C("are we over the cap on key accts?", "portfolio"),
    C("pull up the matirx w all 4 quadrants", "portfolio"),
    C("hows the overall portfolo looking before the board mtg thurs", "portfolio"),
    # ---- account
    C("acct card for vanotr energy", "account", "vantor_energy"),
    C("heading into nordic in 20 min and havent looked at them in weeks. whats the basic pictrue - tier, "
      "who owns it, what theyre worth to us", "account", "nordic"),
    C("kestral - tier? revenue?", "account", "kestrel", channel="C_ACME"),
    C("how much profit did helois make us last yr", "account", "helios"),
    C("vantor quick overview", "account", VANTORS),
    C("whos the KAM on vantor health", "account", "vantor_health"),
    C("is ARG still a key acct", "account", "acme"),
    C("SF-1001 status?", "account", "borealis"),
    C("same for borealsi pls", "account", "borealis", memory=("nordic", None, "account")),
    C("how r we doing here money wise", "account", "acme", channel="C_ACME"),
    # ---- score
    C("acme scorecard, how does it rate on each critera", "score", "acme"),
    C("helios socres pls", "score", "helios"),
    C("how did we rate nordc on solvency", "score", "nordic"),
    C("and how does it score on our criteria", "score", "kestrel", memory=("kestrel", None, "account")),
    # ---- score_set
    C("borelais product fit is an 8 now, solvency 6", "score_set", "borealis"),
    C("kestrel: fit 5, solvncy 7, rev potential 9, relationships 3", "score_set", "kestrel"),
    C("bump revenue potential to 8", "score_set", "helios", memory=("helios", None, "score")),
    C("existing relationships for this acct -> 9 pls", "score_set", "acme", channel="C_ACME"),
    # ---- nominate
    C("helios should really be key now, they doubled orders this qtr - can u put it forward", "nominate",
      "helios"),
    C("pls propse kestrel for key status, big defence contract coming", "nominate", "kestrel"),
    C("can we push this one up to key?", "nominate", "vantor_health", memory=("vantor_health", None, "account")),
    # ---- demote
    C("take nordic off the key list, volumes down 40% and no growth in sight", "demote", "nordic"),
    C("downgrade borealis from key, we lost the tendr to DHL", "demote", "borealis"),
    C("ok demote it. reason: budget frozen till 2028", "demote", "vantor_energy",
      memory=("vantor_energy", None, "account")),
    # ---- plan
    C("acme acct plna", "plan", "acme"),
    C("what are our q3 objetcives for nordic", "plan", "nordic"),
    C("long term goals w/ borealis?", "plan", "borealis"),
    C("where are we vs the objectives we set for vantor enrgy", "plan", "vantor_energy"),
    C("whats the plan here for next yr", "plan", "acme", channel="C_ACME"),
    C("prepping the exec deck for helios tmrw and need to remind myself what goals we agreed and who owns "
      "which objective. can u pull that up", "plan", "helios"),
    # ---- swot
    C("swto for kestrel", "swot", "kestrel"),
    C("strenghts/weaknesses for nordic paper?", "swot", "nordic"),
    C("draft me a swot on vantor", "swot", VANTORS),
    C("threats and opps for this acct", "swot", "acme", channel="C_ACME"),
    C("can u do the swot too", "swot", "borealis", memory=("borealis", None, "account")),
    # ---- next
    C("whats on my plate for borealis this wk", "next", "borealis"),
    C("any overdue f/u on nordic", "next", "nordic"),
    C("next steps heilos?", "next", "helios"),
    C("open action items here?", "next", "acme", channel="C_ACME"),
    C("ok and what should i do next with them", "next", "nordic", memory=("nordic", None, "account")),
    C("what actions r still open on vantor energy", "next", "vantor_energy"),
    C("recomended next moves for kestrel?", "next", "kestrel"),
    C("just got off a rough call w vantor health, they keep stalling on the contract. what should i be "
      "chasing next there", "next", "vantor_health"),
    # ---- stakeholders (read)
    C("who's the EB at nordic", "stakeholders", "nordic", role="economic_buyer"),
    C("whos the DM at helios", "stakeholders", "helios", role="decision_maker"),
    C("got a new exec joining the acme team next month and want to brief her properly. who are all the "
      "ppl we deal with over there and where do they stand on us", "stakeholders", "acme"),
    C("who is jonas agian", "stakeholders", "acme", person="Jonas Berg"),
    C("whos henriksen", "stakeholders", "borealis", person="Lars Henriksen"),
    C("their cfo at vantor health - friend or foe?", "stakeholders", "vantor_health", person="Sofia Rossi"),
    C("who's blocking us here", "stakeholders", "acme", role="blocker", channel="C_ACME"),
    C("do we have a coach inside kestrl", "stakeholders", "kestrel", role="champion"),
    C("and the tech buyer?", "stakeholders", "borealis", role="technical_buyer",
      memory=("borealis", None, "stakeholders")),
    C("when did we last speak to him", "stakeholders", "borealis", person="Lars Henriksen",
      memory=("borealis", "Lars Henriksen", "stakeholders")),
    C("who signs the cheques at vantor", "stakeholders", VANTORS, role="economic_buyer"),
    C("who's the gatekeepr at vantor health", "stakeholders", "vantor_health", role="gatekeeper"),
    C("relationship map nordc, any gaps?", "stakeholders", "nordic"),
    # ---- stakeholder (write)
    C("update maria lopez at vantor energy: attitude +2, she's basically our champion now", "stakeholder",
      "vantor_energy", person="Maria Lopez"),
    C("mark olsen has softened, set him to neutral", "stakeholder", "acme", person="Mark Olsen"),
    C("change her attitude to 0, shes less negative since the pricing call", "stakeholder", "vantor_health",
      person="Sofia Rossi", memory=("vantor_health", "Sofia Rossi", "stakeholders")),
    C("petra schmidt infuence shld be 4 not 3", "stakeholder", "borealis", person="Petra Schmidt"),
    C("jan novak's new title is CIO, pls updte", "stakeholder", "borealis", person="Jan Novak"),
    C("make me the relationship owner for nina patel @ helios", "stakeholder", "helios", person="Nina Patel"),
    # ---- log
    C("just had coffee w lars at borealis, he wants a pricing proposal by fri", "log", "borealis",
      person="Lars Henriksen"),
    C("call w jonas today, hell champion the pilot w store ops", "log", "acme", person="Jonas Berg"),
    C("mtg notes nordik: henrik ok w/ price increase, wants 3yr deal", "log", "nordic", person="Henrik Lund"),
    C("emailed tom beker re the contract redlines, no reply yet", "log", "vantor_health", person="Tom Becker"),
    C("note for kestrel - site visit went well, they wnat a demo in q3", "log", "kestrel"),
    C("spoke to him this morning, still pushing back on the migration. pls log it", "log", "acme",
      person="Mark Olsen", memory=("acme", "Mark Olsen", "stakeholders")),
    C("record a call w vantor energy's cto - wants the API roadmap asap", "log", "vantor_energy",
      person="Maria Lopez"),
    C("helios mtg done. nina's in, budgt confirmed for h2", "log", "helios", person="Nina Patel"),
    C("ok so the borealis workshop ran 3 hrs, petra grilled us on SLAs for an hour but agreed to move fwd. "
      "can u put that in the log", "log", "borealis", person="Petra Schmidt"),
    C("lunch w erik dahl frm vantor - hes open to expanding scope", "log", "vantor_energy", person="Erik Dahl"),
    C("done - sent them the revised quote today, log that", "log", "nordic", memory=("nordic", None, "next")),
    C("ARG call this am, renewal looks likely but they want a discount", "log", "acme"),
    # ---- review
    C("ok lets start the review then", "review", "borealis", memory=("borealis", None, "next")),
    C("start the acct reveiw", "review", "acme", channel="C_ACME"),
    C("nordic review is due, kick it off", "review", "nordic"),
    # ---- method
    C("whats an econmic buyer vs a decision maker, never got the diff", "method"),
    C("how do we decide which accts should be key", "method"),
    C("diff between a star and a status acct?", "method"),
    C("in general how many key accounts shd a team have", "method"),
    C("whats a gatekeeper in kam speak", "method"),
    C("how often shd stratgic accts get reviewed", "method"),
    C("any tips for getting to the EB when procurement blocks u", "method"),
    # ---- unknown
    C("is it gonna rain in oslo tmrw", "unknown"),
    C("who's ordering lunch today", "unknown"),
    C("tell me a joke lol", "unknown"),
    C("my vpn keeps droping, who do i ask", "unknown"),
    C("can u book a meeting room for 3pm", "unknown"),
)
