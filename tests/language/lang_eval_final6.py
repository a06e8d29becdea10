"""FINAL6: a sixth sealed test set for the language router, three personas mixed (field reps, managers, new hires), 120 phrasings.

Measured once on 2026-11-23 with the phrasebook built from every set before it (FINAL5 included):
94.2% (113/120), BENCHMARKS.md; moved here after that measurement and tuned on.

Written on 2026-11-23 by a helper session asked to write evaluation data BLIND. Exactly these were
read: /work/shared/DESIGN.md (section 4 "Contract" and section 2 for vocabulary),
/work/main/tests/language/lang_store.py (the fixed store of accounts and people), lines 1-30 of
/work/main/tests/language/lang_eval_cases.py (the Case dataclass and conventions) and lines 1-36 of
/work/main/tests/language/lang_eval_final2.py (its docstring: label conventions). Nothing under
kam_domain/ (including kam_domain/language/ and any phrasebook), bot/language/ or scripts/ was opened;
no other phrasing set (no other file in tests/language/ or in /work/sealed/) was opened; the repo was
not grepped for phrasings; the router, its tests and the benchmarks were not run.

It was SEALED until that one measurement (nobody tuned on it before); the number recorded is that one.

Personas and mix: 40 field reps on phones (terse, lowercase, typos in about 40% of their lines,
slang such as acct, EB, DM, mtg, f/u, w/, tmrw, pls, rn, imo, qbr), 40 managers and directors at their
desks (full sentences, context before the ask, sometimes two or three sentences) and 40 new hires and
non-native speakers (their own words instead of KAM jargon, polite padding, unusual grammar), mixed
within every intent. Across all: 15 thread follow-ups with memory, 8 asked in the Acme account
channel, people by full name, first name, surname, title and pronoun, the CRM id and the ARG alias,
an ambiguous "vantor" on read intents, 7 unknown (several business-sounding near misses such as
commission payouts, freight rates or a CRM password) and 9 methodology questions. Intents weighted as
a sales team asks: stakeholders 15, log 14, account 11, next 9, method 9, plan 7, stakeholder 7,
unknown 7, swot 6, score 5, score_set 5, nominate 5, accounts 5, demote 4, portfolio 4, review 4,
help 3.

Labels follow lang_eval_cases.py: `account` is a store key from lang_store.seed_language_store,
"?vantor" (VANTORS) means the router must ask which Vantor, `intent="unknown"` means it must say what
it can do, `channel` is the Slack channel asked in (C_ACME is Acme's account channel), `memory` is what
the thread remembers: (account key, person name or None, last intent). `person` is set where the text
names or clearly points at one known stakeholder (by name, surname, title or pronoun in a thread);
a brand-new person being added gets person=None. `role` is set where a `stakeholders` question asks
for a decision role (coach = champion). Nominations are only for accounts that are not key (helios,
kestrel, vantor_health), demotions only for key ones (borealis, vantor_energy, acme, nordic); write
intents always have an account determinable from the text, the channel or the thread memory.
"""
from __future__ import annotations

from lang_eval_cases import VANTORS
from lang_eval_cases import Case
from lang_eval_cases import Case as C

FINAL6: tuple[Case, ...] = (
    # ---------------------------------------------------------------- help (3)
    C("wat can u do", "help"),
    C("I've just been added to this workspace. Give me a quick rundown of what you can help with.", "help"),
    C("Hello! I am new in the sales team. Can you explain me how to use you?", "help"),
    # ---------------------------------------------------------------- accounts (5)
    C("lsit key accts", "accounts"),
    C("what regular accts do we hve", "accounts"),
    C("Which customers are currently on the watch-list as candidates for key status?", "accounts"),
    C("Before the planning offsite I want a simple overview: which of our accounts are key today?", "accounts"),
    C("Can you show me all the customers we have in the system, please?", "accounts"),
    # ---------------------------------------------------------------- account (11)
    C("acme revnue ytd?", "account", account="acme"),
    C("SF-2001 status", "account", account="vantor_energy"),
    C("hows vantor doing", "account", account=VANTORS),
    C("pull up ARG", "account", account="acme"),
    C("Who's the account owner for Nordic Paper on our side, and do they have an exec sponsor? I need to "
      "escalate a billing dispute.", "account", account="nordic"),
    C("I'm preparing a board update that mentions Borealis. Give me the headline numbers: tier, revenue, "
      "profit, and who owns it on our side.", "account", account="borealis"),
    C("Leadership asked me whether Vantor Health is worth the effort. What revenue and profit did it bring in, "
      "and what tier is it in?", "account", account="vantor_health"),
    C("Where does this account stand overall right now - tier, quadrant, revenue?", "account", account="acme",
      channel="C_ACME"),
    C("Can you give me some general information about the customer Helios Foods? I will take it over from "
      "next month.", "account", account="helios"),
    C("How much money do we earn with Kestrel? Is it profitable for us?", "account", account="kestrel"),
    C("Okay, and in money, how much is this customer bringing to us?", "account", account="vantor_energy",
      memory=("vantor_energy", None, "stakeholders")),
    # ---------------------------------------------------------------- portfolio (4)
    C("pull up the 4 box matrix pls", "portfolio"),
    C("Which of our accounts generate 80% of our profit, and are those actually the ones we've made key?",
      "portfolio"),
    C("Are there any warnings about how we've selected key accounts? Anything in the current mix that looks off?",
      "portfolio"),
    C("Are we above the limit of key customers that is set for our team?", "portfolio"),
    # ---------------------------------------------------------------- score (5)
    C("nordic scroes?", "score", account="nordic"),
    C("whats the wieghted score on ARG", "score", account="acme"),
    C("How does Helios rate against our selection criteria at the moment? I want to see whether a nomination "
      "would hold up.", "score", account="helios"),
    C("What marks does Kestrel Aerospace get in the evaluation of attractiveness?", "score", account="kestrel"),
    C("And the points for each criterion, how are they?", "score", account="borealis",
      memory=("borealis", None, "account")),
    # ---------------------------------------------------------------- score_set (5)
    C("product fit for helios = 8, solvency 7", "score_set", account="helios"),
    C("bump existing relationships to 8 after this wk", "score_set", account="nordic",
      memory=("nordic", None, "score")),
    C("Kestrel's payment behaviour has got worse over the last two quarters. Drop their solvency to a 4.",
      "score_set", account="kestrel"),
    C("Given the new store contract with Acme, please set revenue potential to 9 and product fit to 8.",
      "score_set", account="acme"),
    C("I think the revenue potential of Vantor Health should be 9 and not what it is now. Can you change it?",
      "score_set", account="vantor_health"),
    # ---------------------------------------------------------------- nominate (5)
    C("helios shd be key imo, theyve doubled ordrs. put it fwd", "nominate", account="helios"),
    C("upgrade kestrel to key acct pls - big defnse contract coming", "nominate", account="kestrel"),
    C("Kestrel has grown into one of our five biggest customers and the relationship is strong. I'd like to put "
      "them forward for key account status.", "nominate", account="kestrel"),
    C("Those numbers justify it. Please submit them for promotion, reason: top-quartile scores and growing "
      "spend.", "nominate", account="helios", memory=("helios", None, "score")),
    C("Is it possible to ask that Vantor Health becomes one of our most important customers with special "
      "attention? I think they deserve it.", "nominate", account="vantor_health"),
    # ---------------------------------------------------------------- demote (4)
    C("take nordic off the key list, margins been negative 3 qtrs", "demote", account="nordic"),
    C("this one shouldnt be key anymore, downgrade it - they went tender-only", "demote", account="acme",
      channel="C_ACME"),
    C("Borealis has moved most of its volume to a competitor and we can't serve it profitably anymore. I want "
      "to end its key account status - reason: lost 70% of volume.", "demote", account="borealis"),
    C("I believe Vantor Energy AS should not be a key customer anymore, because they stopped the cooperation "
      "with us. Please make the request.", "demote", account="vantor_energy"),
    # ---------------------------------------------------------------- plan (7)
    C("nordic acct plan?", "plan", account="nordic"),
    C("vantor enrgy objectives + owners pls", "plan", account="vantor_energy"),
    C("Our leadership wants to see what we're aiming for with Borealis over the next three years. Can you show "
      "me the goals and objectives we have written down?", "plan", account="borealis"),
    C("Remind me what objectives we committed to for Acme this year and who owns each one.", "plan",
      account="acme"),
    C("What's our long-term objective with Vantor? Just the plan headline.", "plan", account=VANTORS),
    C("Where can I see the targets we have for Helios Foods, for short time and long time?", "plan",
      account="helios"),
    C("Thank you. Now can I see the whole strategy document for this customer, with the goals?", "plan",
      account="nordic", memory=("nordic", "Henrik Lund", "log")),
    # ---------------------------------------------------------------- swot (6)
    C("need a quick swot on kestrl for tmrw", "swot", account="kestrel"),
    C("where r we strong/weak here, opps & threats? draft it", "swot", account="acme", channel="C_ACME"),
    C("I'd like a first draft of strengths, weaknesses, opportunities and threats for Nordic Paper based on our "
      "notes, so I can edit it before the board pack goes out.", "swot", account="nordic"),
    C("Useful. Can you pull together a SWOT from what we've logged on them?", "swot", account="helios",
      memory=("helios", None, "account")),
    C("Could you please analyse what is good and what is bad in our position with Borealis, and also the risks "
      "and chances?", "swot", account="borealis"),
    C("What are the opportunities and threats for us at Vantor Energy AS?", "swot", account="vantor_energy"),
    # ---------------------------------------------------------------- next (9)
    C("wht do i need to do on kestrel this wk", "next", account="kestrel"),
    C("open f/us here?", "next", account="acme", channel="C_ACME"),
    C("ok whats next then", "next", account="kestrel", memory=("kestrel", None, "log")),
    C("The Nordic Paper renewal is six weeks out. What's still open on our side, and what's already late?",
      "next", account="nordic"),
    C("OK. And what are the concrete next steps we owe them this month?", "next", account="vantor_energy",
      memory=("vantor_energy", None, "plan")),
    C("I'm covering Acme Retail while Alice is on leave. Which follow-ups are pending that I should chase?",
      "next", account="acme"),
    C("Is there something late or forgotten for Borealis that I should do?", "next", account="borealis"),
    C("What should be my next steps with Helios Foods, please?", "next", account="helios"),
    C("I am not sure what I must do now for the customer Vantor Health. Can you tell me what is waiting?",
      "next", account="vantor_health"),
    # ---------------------------------------------------------------- stakeholders (15)
    C("who's the EB at nordc", "stakeholders", account="nordic", role="economic_buyer"),
    C("whos our coach at ARG rn", "stakeholders", account="acme", role="champion"),
    C("is mark still agianst us?", "stakeholders", account="acme", person="Mark Olsen", channel="C_ACME"),
    C("who r the ppl there", "stakeholders", account="vantor_energy", memory=("vantor_energy", None, "account")),
    C("rel map @ borealsi pls, any gaps?", "stakeholders", account="borealis"),
    C("Before I fly to Hamburg next week I want to understand the buying side at Borealis. Who's running the "
      "technical evaluation on their end?", "stakeholders", account="borealis", role="technical_buyer"),
    C("I keep hearing Sofia Rossi's name in the Vantor Health deal. Where does she stand on us?", "stakeholders",
      account="vantor_health", person="Sofia Rossi"),
    C("There's a steering committee with Acme Retail on Thursday. Who on their side is actively working against "
      "us?", "stakeholders", account="acme", role="blocker"),
    C("Thanks. How warm is she towards us these days, honestly?", "stakeholders", account="acme",
      person="Ana Ruiz", memory=("acme", "Ana Ruiz", "log")),
    C("Sorry for the basic question, who is the person at Helios Foods that takes the final decision?",
      "stakeholders", account="helios", role="decision_maker"),
    C("Please can you show me all the people we know at Kestrel Aerospace and what is their role?",
      "stakeholders", account="kestrel"),
    C("Excuse me, who is Petra? I saw her name in an email about Borealis.", "stakeholders", account="borealis",
      person="Petra Schmidt"),
    C("Who is the gatekeeper for Vantor? I must send them some documents.", "stakeholders", account=VANTORS,
      role="gatekeeper"),
    C("What is the position of Mr. Dahl, and is he important for the decision?", "stakeholders",
      account="vantor_energy", person="Erik Dahl"),
    C("Can you tell me who is the CTO over at Vantor Energy and if we have a good relation with this person?",
      "stakeholders", account="vantor_energy", person="Maria Lopez"),
    # ---------------------------------------------------------------- stakeholder (7)
    C("add klaus weber, new procurment lead @ borealis", "stakeholder", account="borealis"),
    C("set mark olsens attitude to -1, hes softened a bit", "stakeholder", account="acme", person="Mark Olsen"),
    C("Please make Bob the relationship owner for Sofia Rossi going forward; he has the better rapport with her.",
      "stakeholder", account="vantor_health", person="Sofia Rossi"),
    C("She's been promoted to CEO as of this month. Update her title and raise her influence to 5.",
      "stakeholder", account="helios", person="Nina Patel", memory=("helios", "Nina Patel", "stakeholders")),
    C("There is a new person at Kestrel Aerospace, Mrs. Jennifer Walsh, she is Head of Engineering. Please add "
      "her to our contacts for this customer.", "stakeholder", account="kestrel"),
    C("Mr. Berg told me he is now Head of Store Operations for the whole group. Can you change his title please?",
      "stakeholder", account="acme", person="Jonas Berg", channel="C_ACME"),
    C("Please put me as the responsible person for the relationship with Mr. Novak at Borealis.", "stakeholder",
      account="borealis", person="Jan Novak"),
    # ---------------------------------------------------------------- log (14)
    C("met ana ruiz today, v positive abt renewal, wants proposal by eom", "log", account="acme",
      person="Ana Ruiz"),
    C("log call w/ lars henrikson - pricing concerns, f/u tmrw", "log", account="borealis",
      person="Lars Henriksen"),
    C("jonas says the store rollout is going well, note that down pls", "log", account="acme",
      person="Jonas Berg", channel="C_ACME"),
    C("just spoke w him, hes in for the pilot. put it in the notes", "log", account="nordic",
      person="Henrik Lund", memory=("nordic", "Henrik Lund", "stakeholders")),
    C("sofia rossi call just now - still skepticl on price, pushing back hard. add to notes", "log",
      account="vantor_health", person="Sofia Rossi"),
    C("I had lunch with Nina Patel from Helios yesterday. She mentioned they're consolidating suppliers next "
      "year and we're on the shortlist. Please get that on record.", "log", account="helios",
      person="Nina Patel"),
    C("Quick note for the Kestrel file: emailed their procurement team the revised SLA this morning, no reply "
      "yet.", "log", account="kestrel"),
    C("Good. I ran into her at the energy conference on Tuesday - she's keen on the integration roadmap. "
      "Capture that, please.", "log", account="vantor_energy", person="Maria Lopez",
      memory=("vantor_energy", "Maria Lopez", "stakeholders")),
    C("For the record: Erik Dahl confirmed in writing today that Vantor Energy will extend the framework "
      "agreement by two years.", "log", account="vantor_energy", person="Erik Dahl"),
    C("Today I visited Nordic Paper together with my manager. The meeting was good and they asked for a demo. "
      "Please keep this in the notes.", "log", account="nordic"),
    C("I want to register that I spoke by phone with Mr. Becker of Vantor Health, he said the budget is not "
      "approved yet.", "log", account="vantor_health", person="Tom Becker"),
    C("The meeting with the operations people of Borealis was not so good, they are looking at another "
      "supplier. I want to save this information.", "log", account="borealis"),
    C("Please take note: I had a video call with Mr. Olsen, he is still not happy about the security "
      "questions.", "log", account="acme", person="Mark Olsen", channel="C_ACME"),
    C("I did the follow-up call with them this morning, they want the offer in English. Can you write it down?",
      "log", account="helios", memory=("helios", None, "next")),
    # ---------------------------------------------------------------- review (4)
    C("kick off acme qbr review", "review", account="acme"),
    C("It's time for the monthly review of Vantor Energy. Let's go through the checklist together.", "review",
      account="vantor_energy"),
    C("I would like to begin now the account review of Nordic Paper, please open it for me.", "review",
      account="nordic"),
    C("Good. Now I want to do the regular review for this account, can we start?", "review", account="borealis",
      memory=("borealis", None, "plan")),
    # ---------------------------------------------------------------- method (9)
    C("whats the diff btw strategic and star accts", "method"),
    C("EB vs DM - whats the difference", "method"),
    C("How often should a Status-quadrant account be reviewed, in principle? I'm trying to set expectations "
      "with the team.", "method"),
    C("What makes a customer worth selecting as key in the first place? Which criteria does the literature "
      "suggest?", "method"),
    C("According to McDonald, at what point does a team have too many key accounts?", "method"),
    C("How should we estimate share of wallet when the customer won't tell us their total spend?", "method"),
    C("What does it mean 'perception gap' in key account management?", "method"),
    C("Why is it dangerous when only one person from our company knows everybody at the customer?", "method"),
    C("What is the job of an executive sponsor in key account management?", "method"),
    # ---------------------------------------------------------------- unknown (7)
    C("book me a meetng room for tmrw 10am", "unknown"),
    C("reset my salesforce pw", "unknown"),
    C("Can you pull last quarter's commission payout for my team? Finance still hasn't sent it.", "unknown"),
    C("What's the going rate for container freight from Rotterdam to Shanghai this month?", "unknown"),
    C("Please can you translate this email into German for me?", "unknown"),
    C("Do you know what the weather will be in Oslo tomorrow? I have a visit there.", "unknown"),
    C("How many holiday days do I still have this year?", "unknown"),
)
