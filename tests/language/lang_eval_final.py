"""FINAL: the sealed test set for the language router (80 phrasings), measured once at the end.

Measured once on 2026-11-23 after the tuning round on DEV2: 92.5% (74/80), BENCHMARKS.md. Moved here
from the sealed directory after that measurement.

Written on 2026-11-23 by a helper session asked to write evaluation data BLIND: without seeing the
router's code, its training phrasings or exemplars (nothing under kam_domain/language/ or
bot/language/ was opened) and without running the router or any benchmark. Only DESIGN.md section 4,
lang_store.py and the Case format of lang_eval_cases.py were read; phrasings already in CASES,
HOLDOUT and FRESH were avoided.

One pool of 150 phrasings was written as a sales team types them (typos ~30%, partial names, aliases,
CRM ids, slang, thread follow-ups, the Acme channel, ambiguous "vantor", people by name or title) and
split at random, stratified by intent, into this set and the development set DEV2
(main/tests/language/lang_eval_dev2.py). NOBODY TUNES ON THIS SET: do not read it while changing
the router; run it once, at the end, for the honest estimate.

Import with both this directory and main/tests/language on sys.path (for lang_eval_cases.Case).

Labels follow lang_eval_cases.py: `account` is a store key from lang_store.seed_language_store,
"?vantor" (VANTORS) means the router must ask which Vantor, `intent="unknown"` means it must say what
it can do, `channel` is the Slack channel asked in (C_ACME is Acme's account channel), `memory` is what
the thread remembers: (account key, person name or None, last intent). `person` is set where the text
names or clearly points at a known stakeholder (by name, title or pronoun in a thread); `role` where a
`stakeholders` question asks for a decision role (coach = champion).
"""
from __future__ import annotations

from lang_eval_cases import VANTORS
from lang_eval_cases import Case
from lang_eval_cases import Case as C

FINAL: tuple[Case, ...] = (
    # ------------------------------------------------------------ help
    C('what kinda stuff can i aks you', 'help'),
    C('how do i use the nominate comand', 'help'),
    C('morning! what are you able to help me with?', 'help'),
    C('list of comands pls', 'help'),
    # ------------------------------------------------------------ accounts
    C('which accts r key rn', 'accounts'),
    C('whats on our canddate list', 'accounts'),
    C("who's on the watch-list at the moment?", 'accounts'),
    C('show the regualr tier', 'accounts'),
    # ------------------------------------------------------------ account
    C('kestrl: key, candidate or regular?', 'account', 'kestrel'),
    C('Nordic Paper AB', 'account', 'nordic'),
    C('vantor hlth card', 'account', 'vantor_health'),
    C('0015000000XYZ12 details pls', 'account', 'nordic'),
    C('give me the card for this one', 'account', 'acme', channel='C_ACME'),
    C("pull up borealis's card", 'account', 'borealis', channel='C_ACME'),
    # ------------------------------------------------------------ portfolio
    C('how close are we to the key account cap?', 'portfolio'),
    C('matrix chart of all our accounts', 'portfolio'),
    C('portfollio pls', 'portfolio'),
    C('are our key accounts actually the ones making the money?', 'portfolio'),
    # ------------------------------------------------------------ score
    C('whats nordics score', 'score', 'nordic'),
    C('borealis scores pls', 'score', 'borealis'),
    C('how did we rate vantor health on product fit?', 'score', 'vantor_health'),
    C('vantor scroes', 'score', VANTORS),
    # ------------------------------------------------------------ score_set
    C('borealis solvency = 7', 'score_set', 'borealis'),
    C('nordic paper existing relationships -> 3', 'score_set', 'nordic'),
    C('helios revenue potental 8 pls', 'score_set', 'helios'),
    C('put vantor down as a 5 on solvncy', 'score_set', VANTORS),
    # ------------------------------------------------------------ nominate
    C('I want to propose helios as a key acct', 'nominate', 'helios'),
    C('helios is ready to go key imo, lets nominate them', 'nominate', 'helios'),
    C('nomiate helios foods pls', 'nominate', 'helios'),
    C("ok let's nominate them, the defence contract is signed", 'nominate', 'kestrel',
      memory=('kestrel', None, 'account')),
    # ------------------------------------------------------------ demote
    C('demote borealis, they insourced logistics IT and spend is down 50%', 'demote', 'borealis'),
    C('nordic paper: end key status, mill closures cut our volume to almost nothing', 'demote', 'nordic'),
    C('request demotion of sf-1001, revenue fell off a cliff', 'demote', 'borealis'),
    C("demote this account, they've basically stopped buying from us", 'demote', 'acme', channel='C_ACME'),
    # ------------------------------------------------------------ plan
    C('acct plan for borealis pls', 'plan', 'borealis'),
    C('hows the account plan for helios looking', 'plan', 'helios'),
    C("what's in ARG's account plan?", 'plan', 'acme'),
    C('acct plan vantr', 'plan', VANTORS),
    # ------------------------------------------------------------ swot
    C('swto helios', 'swot', 'helios'),
    C('can u draft me a SWOT for SF-3001', 'swot', 'acme'),
    C('vantor swot', 'swot', VANTORS),
    C('swot for them?', 'swot', 'borealis', memory=('borealis', None, 'account')),
    # ------------------------------------------------------------ next
    C('folow-ups on kestrel aerospace pls', 'next', 'kestrel'),
    C('nxt actions vantor energy', 'next', 'vantor_energy'),
    C('ok and whats overdue', 'next', 'nordic', memory=('nordic', None, 'plan')),
    C('whats left to do on this acct? follow-ups?', 'next', 'acme', channel='C_ACME'),
    # ------------------------------------------------------------ stakeholders
    C('EB at nordic paper?', 'stakeholders', 'nordic', role='economic_buyer'),
    C("borealis COO - who's that?", 'stakeholders', 'borealis', person='Lars Henriksen'),
    C("who's jonas berg", 'stakeholders', 'acme', person='Jonas Berg'),
    C('who is mark olsen agian?', 'stakeholders', 'acme', person='Mark Olsen'),
    C("who's the head of procurement at vantor", 'stakeholders', 'vantor_health', person='Tom Becker'),
    C('do we have a coach at kestrel?', 'stakeholders', 'kestrel', role='champion'),
    C('gatekeeper at vantor?', 'stakeholders', VANTORS, role='gatekeeper'),
    C('whos got budget authority at kestrl', 'stakeholders', 'kestrel', role='economic_buyer'),
    C("who's their technical buyer?", 'stakeholders', 'vantor_energy', role='technical_buyer',
      memory=('vantor_energy', None, 'account')),
    # ------------------------------------------------------------ stakeholder
    C('add new contact Kari Nilsen, procurement lead at nordic paper, gatekeeper', 'stakeholder', 'nordic'),
    C('add helios stakeholder: Raj Mehta, CFO, economic buyer, influence 5', 'stakeholder', 'helios'),
    C('new person at kestrl: Dana White, VP Engineering', 'stakeholder', 'kestrel'),
    C('add Eva Lind, head of marketing, as a stakehlder', 'stakeholder', 'acme', channel='C_ACME'),
    C('set her attitude to -2', 'stakeholder', 'vantor_health', person='Sofia Rossi',
      memory=('vantor_health', 'Sofia Rossi', 'stakeholders')),
    # ------------------------------------------------------------ log
    C('log: visited the nordic paper mill today, Henrik Lund joined for the tour', 'log', 'nordic',
      person='Henrik Lund'),
    C('had a demo w/ kestrel today, they loved it', 'log', 'kestrel'),
    C('mtg w erik dahl yday, budget approved for q1', 'log', 'vantor_energy', person='Erik Dahl'),
    C("spoke with tom becker, they're issuing an RFP in march", 'log', 'vantor_health', person='Tom Becker'),
    C('log sf-1001 call today, discussed the warehouse expansion', 'log', 'borealis'),
    C('log: store walk with the ops team this morning, they want more handhelds', 'log', 'acme',
      channel='C_ACME'),
    C('catchup with lars henriksn today, renewal on track', 'log', 'borealis', person='Lars Henriksen'),
    # ------------------------------------------------------------ review
    C('nordic paper is due a review, start it pls', 'review', 'nordic'),
    C("vantor energy monthly reveiw, let's go", 'review', 'vantor_energy'),
    C('right, time to do their review', 'review', 'acme', memory=('acme', None, 'next')),
    C('reveiw kestrel aerospace', 'review', 'kestrel'),
    # ------------------------------------------------------------ method
    C("what's the difference between KAM and normal account management?", 'method'),
    C('how do i run a good QBR', 'method'),
    C('whats the streamline quadrant mean', 'method'),
    C('gatekeeper vs blocker - whats the diffrence', 'method'),
    C('explian the portfolio matrix axes to me', 'method'),
    # ------------------------------------------------------------ unknown
    C('whats the wether in hamburg tmrw', 'unknown'),
    C('who won the match last night?', 'unknown'),
    C('whats 15% of 240', 'unknown'),
    C('my vpn keeps dropping, can u fix it', 'unknown'),
)
