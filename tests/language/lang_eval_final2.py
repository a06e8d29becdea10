"""FINAL2: a second sealed test set for the language router (100 phrasings), measured once.

Measured once on 2026-11-23 after the tuning round on FINAL: 81.0% (81/100), BENCHMARKS.md; moved
here from the sealed directory after that measurement.

Written on 2026-11-23 by a helper session asked to write evaluation data BLIND: without seeing the
router's code, its training phrasings or exemplars (nothing under kam_domain/language/ or
bot/language/ was opened) and without running the router, its tests or any benchmark. Only DESIGN.md
section 4, lang_store.py and the Case format and label conventions of lang_eval_cases.py,
lang_eval_dev2.py and lang_eval_final.py were read; phrasings already in those sets were avoided.

SEALED: nobody tunes on this set. Do not read it while changing the router; run it once, at the end,
for an honest estimate of the router's accuracy, and record that one number.

The phrasings are written as a sales team types them in Slack: typos (about a third), partial names,
aliases (ARG), CRM ids, slang and abbreviations (acct, EB, w/, pls, rn, asap), thread follow-ups,
the Acme account channel, ambiguous "vantor", people by full name, first name, surname or title;
questions, commands, fragments, long messages and one-word messages. Intents are weighted roughly as
a sales team asks (more stakeholders, log, account and next; fewer portfolio and review).

Import with both this directory and main/tests/language on sys.path (for lang_eval_cases.Case).

Labels follow lang_eval_cases.py: `account` is a store key from lang_store.seed_language_store,
"?vantor" (VANTORS) means the router must ask which Vantor, `intent="unknown"` means it must say what
it can do, `channel` is the Slack channel asked in (C_ACME is Acme's account channel), `memory` is what
the thread remembers: (account key, person name or None, last intent). `person` is set where the text
names or clearly points at one known stakeholder (by name, surname, title or pronoun in a thread);
`role` where a `stakeholders` question asks for a decision role (coach = champion). Nominations are
only for accounts that are not key (helios, kestrel, vantor_health), demotions only for key ones.
"""
from __future__ import annotations

from lang_eval_cases import VANTORS
from lang_eval_cases import Case
from lang_eval_cases import Case as C

FINAL2: tuple[Case, ...] = (
    # ------------------------------------------------------------ help
    C("hey, first time using this bot - what's it good for?", "help"),
    C("whats the sytnax for the stakeholder command", "help"),
    C("wat do i type to get started", "help"),
    C("can u give me a rundown of what u do, one line each", "help"),
    # ------------------------------------------------------------ accounts
    C("who are our key accts atm", "accounts"),
    C("list candidates + regulars pls", "accounts"),
    C("dump the whole acount list", "accounts"),
    C("accnts on the candidate tier?", "accounts"),
    C("rn which customers r flagged key? need it for the board deck", "accounts"),
    # ------------------------------------------------------------ account
    C("helios foods - owner + sponsor?", "account", "helios"),
    C("SF-3001 status", "account", "acme"),
    C("how much do we bill kestrel per yr", "account", "kestrel"),
    C("borelias acct summary pls", "account", "borealis"),
    C("Vantor Energy AS", "account", "vantor_energy"),
    C("what's going on with vantor lately", "account", VANTORS),
    C("nordik paper ab, quick status", "account", "nordic"),
    C("remind me what tier these guys are", "account", "acme", channel="C_ACME"),
    C("and who's the exec sponsor on our side?", "account", "kestrel", memory=("kestrel", None, "plan")),
    # ------------------------------------------------------------ portfolio
    C("need the full matrix for tmrw's mgmt meeting - where's everyone sitting?", "portfolio"),
    C("are we over-weighted on key accts vs the cap", "portfolio"),
    C("prfoit concentration across the book, 80/20 style", "portfolio"),
    C("any selection warnings i shoud know about?", "portfolio"),
    # ------------------------------------------------------------ score
    C("nordic scoring pls, esp product fit", "score", "nordic"),
    C("kestrel's existing relationships score?", "score", "kestrel"),
    C("whats the attractivness score for helois", "score", "helios"),
    C("how does vantor rate on our criteria", "score", VANTORS),
    C("how'd they score on solvency?", "score", "vantor_health", memory=("vantor_health", None, "stakeholders")),
    # ------------------------------------------------------------ score_set
    C("rev potential for kestrel = 6, new program ramping", "score_set", "kestrel"),
    C("ARG existing relationships 9, we know everyone there now", "score_set", "acme"),
    C("set sf-2001 solvncy to 3", "score_set", "vantor_energy"),
    C("lower borealis product fit to 5, their new WMS doesnt integrate w/ us", "score_set", "borealis"),
    C("pls set product fit to 4 for this acct", "score_set", "acme", channel="C_ACME"),
    # ------------------------------------------------------------ nominate
    C("vantor health ticks every box now - can we submit them for key status?", "nominate", "vantor_health"),
    C("nominte kestrel aero, they're moving all their MRO work to us", "nominate", "kestrel"),
    C("time to propose Helios as a key account. the second plant goes live in Q2, volumes will roughly "
      "double and they've asked for a dedicated team on our side", "nominate", "helios"),
    C("great, then let's get them nominated", "nominate", "helios", memory=("helios", None, "score")),
    # ------------------------------------------------------------ demote
    C("vantor energy AS: pls raise a demotion, they re-tendered and we only kept 10% of the volume",
      "demote", "vantor_energy"),
    C("acme shud go back to regular, margin's been negative 2 yrs running", "demote", "acme"),
    C("0015000000XYZ12 - take off the key list, the mill is closing", "demote", "nordic"),
    C("agreed, kick them down to regular. spend is gone", "demote", "borealis", memory=("borealis", None, "score")),
    # ------------------------------------------------------------ plan
    C("got the plan for SF-1001 handy?", "plan", "borealis"),
    C("nordic paper long term goals + actions", "plan", "nordic"),
    C("what did we commit to in the heilos plan", "plan", "helios"),
    C("pull up the plan, boss wants to see it before friday", "plan", "acme", channel="C_ACME"),
    C("what are we aiming for w/ vantor enregy over the next 3 yrs? objectives + actions", "plan", "vantor_energy"),
    # ------------------------------------------------------------ swot
    C("nordic paper s.w.o.t. pls", "swot", "nordic"),
    C("draft a swot for vantor, the enrgy one", "swot", "vantor_energy"),
    C("need a swot on ARG for the exec deck", "swot", "acme"),
    C("can you write up a sowt for helios foods", "swot", "helios"),
    # ------------------------------------------------------------ next
    C("what's on my to-do for nordic this week", "next", "nordic"),
    C("anything i dropped the ball on w/ kestrel?", "next", "kestrel"),
    C("next best actions on borealis pls", "next", "borealis"),
    C("overdue tasks SF-3001", "next", "acme"),
    C("wut r the nxt steps for vantor", "next", VANTORS),
    C("ok so what do i need to do next", "next", "vantor_health", memory=("vantor_health", "Sofia Rossi", "log")),
    C("what's my next move on this one", "next", "acme", channel="C_ACME"),
    C("anythign overdue on helios foods?", "next", "helios"),
    # ------------------------------------------------------------ stakeholders
    C("borealis IT directer - name?", "stakeholders", "borealis", person="Jan Novak"),
    C("EB @ ARG?", "stakeholders", "acme", role="economic_buyer"),
    C("only know one guy at nordic paper i think? show me who we've got", "stakeholders", "nordic"),
    C("who's our inside coach at vantor enrgy", "stakeholders", "vantor_energy", role="champion"),
    C("Olsen, what's his story?", "stakeholders", "acme", person="Mark Olsen"),
    C("becker at vantor health, who is he again", "stakeholders", "vantor_health", person="Tom Becker"),
    C("anyone at borealis activley working against us?", "stakeholders", "borealis", role="blocker"),
    C("kestral aerospace - when it comes down to it, who decides?", "stakeholders", "kestrel", role="decision_maker"),
    C("need the decision maker(s) for vantor, who r they?", "stakeholders", VANTORS, role="decision_maker"),
    C("is she supportive?", "stakeholders", "vantor_energy", person="Maria Lopez",
      memory=("vantor_energy", "Maria Lopez", "stakeholders")),
    C("who else do we know there?", "stakeholders", "helios", memory=("helios", "Nina Patel", "log")),
    C("who's the gatekeeper in this acct", "stakeholders", "acme", role="gatekeeper", channel="C_ACME"),
    # ------------------------------------------------------------ stakeholder
    C("add Priya Shah to helios - procurement mgr, gatekeeper, neutral", "stakeholder", "helios"),
    C("jan novak got promoted to CTO, pls update his title", "stakeholder", "borealis", person="Jan Novak"),
    C("jonas berg attitiude +1 now, less keen since the reorg", "stakeholder", "acme", person="Jonas Berg"),
    C("new contact at vantor energy: Ole Hansen, procurement director, gatekeeper", "stakeholder",
      "vantor_energy"),
    C("tom beker should be tagged as a blocker now, he's stalling the PO", "stakeholder", "vantor_health",
      person="Tom Becker"),
    C("change his role to economic buyer, he controls the budget now", "stakeholder", "borealis", person="Lars Henriksen",
      memory=("borealis", "Lars Henriksen", "stakeholders")),
    # ------------------------------------------------------------ log
    C("quick sync w/ jonas this morning, rollout to 40 stores approved", "log", "acme", person="Jonas Berg"),
    C("site vist at borealis hamburg today, pricing still the sticking point", "log", "borealis"),
    C("had lunch with erik, he hinted at a bigger rollout next yr", "log", "vantor_energy", person="Erik Dahl"),
    C("log call w/ sofia rossi: escalation about invoices, need credit note asap", "log", "vantor_health",
      person="Sofia Rossi"),
    C("met nordic's CEO at the trade fair yesterday, wants to talk volumes in jan", "log", "nordic",
      person="Henrik Lund"),
    C("mtg w helios today, nina wants revised pricng by eow", "log", "helios", person="Nina Patel"),
    C("just had a call with vantor, they want to push the go-live", "log", VANTORS),
    C("met the CIO this morning, still sceptical about the integration", "log", "acme", person="Mark Olsen",
      channel="C_ACME"),
    C("talked to him again today, he's fine with the 3% increase", "log", "borealis", person="Lars Henriksen",
      memory=("borealis", "Lars Henriksen", "log")),
    C("phnoe call with kestrl ops team today, RFQ coming next week", "log", "kestrel"),
    C("met maria lopz this arvo re the outage, they want an SLA credit", "log", "vantor_energy",
      person="Maria Lopez"),
    # ------------------------------------------------------------ review
    C("run the qbr for nordic paper now", "review", "nordic"),
    C("borealis review done - stays key, next one in 6 months", "review", "borealis"),
    C("time for vantor health's half-year review", "review", "vantor_health"),
    C("start the acct reivew for sf-2001", "review", "vantor_energy"),
    # ------------------------------------------------------------ method
    C("what's the ideal number of stakeholders to cover per key acct?", "method"),
    C("what should a QBR agenda include?", "method"),
    C("whats teh rationale behind putting an account in the strategic quadrant", "method"),
    C("hwo do I turn a gatekeeper into a champion", "method"),
    C("is revenue alone enough reason to make someone a key account?", "method"),
    C("how far ahead should acount plan objectives look", "method"),
    # ------------------------------------------------------------ unknown
    C("can u submitt my expense report", "unknown"),
    C("whos on call for IT support tonight", "unknown"),
    C("convert 500 EUR to NOK", "unknown"),
    C("any good sushi places near the oslo office?", "unknown"),
)
