"""DEV2: a second development set for the language router (70 phrasings).

Written on 2026-11-23 by a helper session asked to write evaluation data BLIND: without seeing the
router's code, its training phrasings or exemplars (nothing under kam_domain/language/ or
bot/language/ was opened) and without running the router or any benchmark. Only DESIGN.md section 4,
lang_store.py and the Case format of lang_eval_cases.py were read; phrasings already in CASES,
HOLDOUT and FRESH were avoided.

One pool of 150 phrasings was written as a sales team types them (typos ~30%, partial names, aliases,
CRM ids, slang, thread follow-ups, the Acme channel, ambiguous "vantor", people by name or title) and
split at random, stratified by intent, into this set and a sealed final test set kept elsewhere.
This set may be tuned on; the sealed one must not be.

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

DEV2: tuple[Case, ...] = (
    # ------------------------------------------------------------ help
    C('hlep', 'help'),
    C('new here - where do i start with this bot?', 'help'),
    C('help score', 'help'),
    # ------------------------------------------------------------ accounts
    C("every acct we've got pls", 'accounts'),
    C('full account list pls', 'accounts'),
    C('what are our current key accts', 'accounts'),
    # ------------------------------------------------------------ account
    C('acct card sf-3001', 'account', 'acme'),
    C('revenue and proift for acme this yr', 'account', 'acme'),
    C('quick look at helios fods', 'account', 'helios'),
    C("how's vantor enrgy looking these days", 'account', 'vantor_energy'),
    C('vantor acct pls', 'account', VANTORS),
    # ------------------------------------------------------------ portfolio
    C('pareto of profit by acount', 'portfolio'),
    C('strategic / star / status / streamline split for the whole book', 'portfolio'),
    C('any warnings on our key acount selection?', 'portfolio'),
    # ------------------------------------------------------------ score
    C('scoring breakdwon for kestrel aerospace', 'score', 'kestrel'),
    C('sf-3001 score?', 'score', 'acme'),
    C('what are the scores on this one', 'score', 'acme', channel='C_ACME'),
    C('and the scores?', 'score', 'helios', memory=('helios', None, 'account')),
    # ------------------------------------------------------------ score_set
    C('set product fit for ARG to 6', 'score_set', 'acme'),
    C("change kestrel's solvency to 9, they just closed a funding round", 'score_set', 'kestrel'),
    C('vantor health product_fit=4', 'score_set', 'vantor_health'),
    C('make solvency a 6', 'score_set', 'helios', memory=('helios', None, 'score')),
    # ------------------------------------------------------------ nominate
    C('pls nominate kestrel for key, they won the airbus deal', 'nominate', 'kestrel'),
    C("nominate vantor hlth, they're consolidating all their suppliers to us", 'nominate', 'vantor_health'),
    C('put kestrel aerospace up for key acount status', 'nominate', 'kestrel'),
    # ------------------------------------------------------------ demote
    C('drop ARG from key, we lost the framwork contract in sept', 'demote', 'acme'),
    C('honestly we should demote them, zero growth in 3 yrs', 'demote', 'vantor_energy',
      memory=('vantor_energy', None, 'plan')),
    C('demot nordc, they got acquired and buy centrally now', 'demote', 'nordic'),
    # ------------------------------------------------------------ plan
    C('what are the short term objectves for nordic', 'plan', 'nordic'),
    C('vantor helth acct plan', 'plan', 'vantor_health'),
    C('kestrel plan', 'plan', 'kestrel'),
    C("what about nordic's plan then", 'plan', 'nordic', memory=('borealis', None, 'account')),
    # ------------------------------------------------------------ swot
    C('swot borealis pls', 'swot', 'borealis'),
    C('vantor hlth swot, draft pls', 'swot', 'vantor_health'),
    C('do a swat analysis on nordic paper', 'swot', 'nordic'),
    C('opps and threats for kestrel', 'swot', 'kestrel'),
    # ------------------------------------------------------------ next
    C('next steps w/ helios?', 'next', 'helios'),
    C('am i behind on anything at nordic', 'next', 'nordic'),
    C('what are my open to-dos for borelis', 'next', 'borealis'),
    C("what's pending w/ vantor", 'next', VANTORS),
    # ------------------------------------------------------------ stakeholders
    C('name of the CEO at vantor?', 'stakeholders', 'vantor_energy', person='Erik Dahl'),
    C("who's rooting for us at borealis? any champoins?", 'stakeholders', 'borealis', role='champion'),
    C("who's blocking us at ARG", 'stakeholders', 'acme', role='blocker'),
    C('relationship map for vantor health', 'stakeholders', 'vantor_health'),
    C('show the stakeholders at helios fods', 'stakeholders', 'helios'),
    C('how influential is he', 'stakeholders', 'nordic', person='Henrik Lund',
      memory=('nordic', 'Henrik Lund', 'stakeholders')),
    C('list the decision-makers on their side', 'stakeholders', 'acme', role='decision_maker',
      channel='C_ACME'),
    C('stakehlder map SF-2001', 'stakeholders', 'vantor_energy'),
    # ------------------------------------------------------------ stakeholder
    C("set erik dahl's infleunce to 4 pls", 'stakeholder', 'vantor_energy', person='Erik Dahl'),
    C("change petra schmidt's title to Chief Procurement Officer", 'stakeholder', 'borealis',
      person='Petra Schmidt'),
    C('mark olsen is warming up to us, set his attitude to 0', 'stakeholder', 'acme', person='Mark Olsen'),
    C('Nina Patel attitude +2 now', 'stakeholder', 'helios', person='Nina Patel'),
    C('make me the relationship owner for Henrik Lund', 'stakeholder', 'nordic', person='Henrik Lund'),
    # ------------------------------------------------------------ log
    C('jsut got off the phone w/ jan novak, integration timeline is slipping', 'log', 'borealis',
      person='Jan Novak'),
    C("call with sofia rossi this am - she's threatning to churn", 'log', 'vantor_health',
      person='Sofia Rossi'),
    C("dinner with ARG's CFO last night, she's pushing for longer payment terms", 'log', 'acme',
      person='Ana Ruiz'),
    C('teams call w/ nina patel just now, pilot extnded 2 months', 'log', 'helios', person='Nina Patel'),
    C('log a call with vantor this morning, renewal looks good', 'log', VANTORS),
    C('met her this aft, she wants a 5% cut on the rates', 'log', 'borealis', person='Petra Schmidt',
      memory=('borealis', 'Petra Schmidt', 'stakeholders')),
    # ------------------------------------------------------------ review
    C('kick off borealis acct review', 'review', 'borealis'),
    C('mark the helios review as done, outcome: stays a candidate', 'review', 'helios'),
    C("let's do the account review now", 'review', 'acme', channel='C_ACME'),
    # ------------------------------------------------------------ method
    C('which sections go into an account plan?', 'method'),
    C('how do you decide if a customer is key account material?', 'method'),
    C('how often should candidate accts be reviewed', 'method'),
    C('what counts as good stakeholder coverage?', 'method'),
    C('when does it make sense to drop a customer from key status?', 'method'),
    # ------------------------------------------------------------ unknown
    C('book a meeting room for 3pm', 'unknown'),
    C('write me a poem about hitting quota', 'unknown'),
    C('translate thank you into norwegian', 'unknown'),
)
