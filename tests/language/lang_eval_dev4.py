"""DEV4: a development set for the language router, 150 phrasings, written blind on 2026-11-23.

Written on 2026-11-23 by a helper session asked to write evaluation data BLIND. It read only
DESIGN.md (sections 2 and 4), tests/language/lang_store.py, lines 1-30 of
tests/language/lang_eval_cases.py (the Case dataclass and conventions) and lines 1-36 of
tests/language/lang_eval_final2.py (its docstring, for the label conventions). It never opened the
router's code (nothing under kam_domain/language/ or bot/language/), its exemplars or training
phrasings, or any other phrasing set, and it ran nothing (no router, tests or benchmarks).

DEVELOPMENT set: the router is tuned on it, so a score on DEV4 is not an honest estimate of accuracy;
use a sealed set for that. It was run once before any tuning on it, after the router was tuned on DEV3:
87.3% (131/150), BENCHMARKS.md.

Personas (30 phrasings each), chosen to differ from the usual sales-rep voice:
  1. customer-success and account directors writing Slack-style: emoji shortcodes (:eyes:, :fire:),
     *bold*, bullet-ish fragments, "fyi", "quick q", "heads up";
  2. sales ops / CRM admins who think in records and fields: CRM ids (SF-1001, SF-2001, SF-3001,
     0015000000XYZ12), "record", "field", "update the value", "tier = key";
  3. very short one- to four-word messages ("kestrel eb", "helios next", "acme ppl", "nordic tier");
  4. indirect, hedged askers ("I was wondering whether...", "not sure if this is the right place
     but...", "would it make sense to...");
  5. British, Australian and Indian English idioms and spellings ("organise", "prioritise",
     "do the needful", "revert back", "prepone", "arvo", "cheers", "ta").
Across all personas: 17 thread follow-ups (memory), 9 messages in Acme's account channel (C_ACME),
people named by full name, first name, surname, title and pronoun in a thread, brand-new people
being added, "vantor" alone (ambiguous), 8 unknown messages (some business-sounding near misses:
muting a channel, merging CRM duplicates, a LinkedIn post, a stand-up link) and 10 KAM methodology
questions. Intent mix: stakeholders 19, log 18, account 15, next 11, plan 9, stakeholder 9,
swot 7, score_set 7, score 6, nominate 6, accounts 6, demote 5, portfolio 5, review 5, method 10,
help 4, unknown 8.

Labels follow lang_eval_cases.py: `account` is a store key from lang_store.seed_language_store,
"?vantor" (VANTORS) means the router must ask which Vantor, `intent="unknown"` means it must say what
it can do, `channel` is the Slack channel asked in (C_ACME is Acme's account channel), `memory` is what
the thread remembers: (account key, person name or None, last intent). `person` is set where the text
names or clearly points at one known stakeholder (by name, surname, title or pronoun in a thread);
a brand-new person being added gets person=None. `role` is set where a `stakeholders` question asks
for a decision role (coach = champion). Nominations are only for accounts that are not key (helios,
kestrel, vantor_health), demotions only for key ones (borealis, vantor_energy, acme, nordic). Write
intents always have an account determinable from the text, the channel or the thread memory.
"""
from __future__ import annotations

from lang_eval_cases import VANTORS
from lang_eval_cases import Case
from lang_eval_cases import Case as C

DEV4: tuple[Case, ...] = (
    # ------------------------------------------------ 1. CS / account directors, Slack style
    C(":eyes: quick q - who holds the budget at *Helios*? i.e. the EB", "stakeholders", "helios",
      role="economic_buyer"),
    C("fyi just got off a call w/ Lars at Borealis :fire: he's pushing the renewal to Q2 - pls log it", "log",
      "borealis", person="Lars Henriksen"),
    C("heads up: Acme's CIO is now actively blocking the rollout, way more clout than we thought - "
      "bump his influence to 5 on the map pls", "stakeholder", "acme", person="Mark Olsen"),
    C("*Acme* card pls :pray:", "account", "acme"),
    C("quick q - what do we still owe Nordic? anything overdue :warning:", "next", "nordic"),
    C(":thinking_face: and how does she feel about us these days?", "stakeholders", "vantor_health",
      person="Sofia Rossi", memory=("vantor_health", "Sofia Rossi", "stakeholders")),
    C("fyi met Jonas at the flagship store walk-through today, super positive :tada: he wants the pilot "
      "in 3 more stores", "log", "acme", person="Jonas Berg", channel="C_ACME"),
    C("can someone pull up the *plan* for Borealis? want to see the objectives before the QBR :memo:", "plan",
      "borealis"),
    C(":bulb: draft me a SWOT for Helios, their board meets next week", "swot", "helios"),
    C("heads up - Helios has grown like crazy this year, let's put it forward as a key account :rocket:",
      "nominate", "helios"),
    C("kicking off the *Nordic* account review now :clipboard: can you start it for me?", "review", "nordic"),
    C(":chart_with_upwards_trend: how's the portfolio looking - is the 80/20 profit split still driven by the "
      "key accts?", "portfolio"),
    C("quick q — which accounts are on the *candidate* watch-list?", "accounts"),
    C("quick q: what does the 'Status' quadrant mean again? :thinking_face: as in the theory", "method"),
    C("lol does anyone know a good taco place near the office :taco:", "unknown"),
    C("ok cool - log that i walked their new plant w/ her yesterday :white_check_mark:", "log", "helios",
      person="Nina Patel", memory=("helios", "Nina Patel", "stakeholders")),
    C("*Vantor* revenue + profit this yr?", "account", VANTORS),
    C("fyi we're ending key status for Vantor Energy - contract not renewed, margin gone :broken_heart:",
      "demote", "vantor_energy"),
    C(":100: set product fit 8 for *Kestrel*, solvency 6", "score_set", "kestrel"),
    C("what are the scores on Helios rn? :bar_chart:", "score", "helios"),
    C("great, now log that I emailed her the revised proposal :email:", "log", "acme", person="Ana Ruiz",
      memory=("acme", "Ana Ruiz", "stakeholders")),
    C("heads up, new face at Borealis: *Priya Nair*, VP Supply Chain, looks like an influencer - add her "
      "to the map pls", "stakeholder", "borealis"),
    C("what's on my plate for this account this week :calendar: any open actions?", "next", "acme",
      channel="C_ACME"),
    C(":wave: hey, what can this bot actually do?", "help"),
    C("fyi Ana Ruiz pinged me about the renewal - she's warming up :thermometer: log it under Acme pls", "log",
      "acme", person="Ana Ruiz"),
    C("who's our coach on this account? need a friendly face on the inside :detective:", "stakeholders", "acme",
      role="champion", channel="C_ACME"),
    C("*Kestrel* - owner? sponsor? status? :point_down:", "account", "kestrel"),
    C("and what's still open on that one? :hourglass:", "next", "borealis", memory=("borealis", None, "account")),
    C("can u whip up a swot for this acct :pencil2:", "swot", "acme", channel="C_ACME"),
    C("heads up: the shared channel w/ the customer is getting noisy, can you mute it for me", "unknown"),
    # ------------------------------------------------ 2. sales ops / CRM admins
    C("Pull the record for SF-1001", "account", "borealis"),
    C("What's in the owner field on account SF-3001?", "account", "acme"),
    C("Update the value of the solvency field on Nordic Paper AB to 7", "score_set", "nordic"),
    C("Record SF-2001: set revenue_potential = 9, existing_relationships = 6", "score_set", "vantor_energy"),
    C("Create a new contact record under Helios Foods: Daniel Kim, Procurement Lead, role gatekeeper",
      "stakeholder", "helios"),
    C("Change the role field on Petra Schmidt's record at Borealis from gatekeeper to influencer", "stakeholder",
      "borealis", person="Petra Schmidt"),
    C("Show the score fields for record 0015000000XYZ12", "score", "nordic"),
    C("List all account records where tier = key", "accounts"),
    C("Which contact on SF-2001 has role = economic buyer?", "stakeholders", "vantor_energy",
      role="economic_buyer"),
    C("Add an activity record to Kestrel Aerospace: call with their engineering team, 30 min, discussed the "
      "integration timeline", "log", "kestrel"),
    C("Return every contact record for Vantor Health with title, influence and attitude", "stakeholders",
      "vantor_health"),
    C("Submit a tier change request for Kestrel Aerospace: regular -> key", "nominate", "kestrel"),
    C("Submit a tier change on SF-1001 from key to regular, reason: volume below threshold two quarters "
      "running", "demote", "borealis"),
    C("List the objective records for Acme Retail Group by horizon, with owner and due date", "plan", "acme"),
    C("Which action items on SF-3001 are past their due date?", "next", "acme"),
    C("Check the key-account count against the configured cap - are we over?", "portfolio"),
    C("Log an email activity on Nordic Paper: sent Henrik Lund the updated price file", "log", "nordic",
      person="Henrik Lund"),
    C("Show the account plan record for Vantor Health: goals, objectives by horizon, actions", "plan",
      "vantor_health"),
    C("Log a meeting activity against SF-1001: demo for Jan Novak and his IT team, positive outcome", "log",
      "borealis", person="Jan Novak"),
    C("Merge the two duplicate account records in Salesforce for me", "unknown"),
    C("Same record - also set product_fit to 5", "score_set", "helios", memory=("helios", None, "score_set")),
    C("And the last-contact field for him?", "stakeholders", "nordic", person="Henrik Lund",
      memory=("nordic", "Henrik Lund", "stakeholders")),
    C("Which fields hold revenue and profit for Helios Foods? Show me the values", "account", "helios"),
    C("Start a review record for SF-2001", "review", "vantor_energy"),
    C("Generate the SWOT for Nordic Paper AB from the notes on the record", "swot", "nordic"),
    C("Set up a tier-change request on the Vantor Health record: regular -> key, reason: strategic fit with "
      "the health vertical", "nominate", "vantor_health"),
    C("For the data dictionary: what's the textbook definition of 'share of wallet' in key account "
      "management?", "method"),
    C("What's the executive sponsor field on this account's record?", "account", "acme", channel="C_ACME"),
    C("In KAM terms, how is an economic buyer different from a decision maker?", "method"),
    C("Which stakeholder record on this account is flagged as blocker?", "stakeholders", "acme", role="blocker",
      channel="C_ACME"),
    # ------------------------------------------------ 3. very short messages
    C("kestrel eb", "stakeholders", "kestrel", role="economic_buyer"),
    C("helios next", "next", "helios"),
    C("acme ppl", "stakeholders", "acme"),
    C("nordic tier", "account", "nordic"),
    C("borealis plan", "plan", "borealis"),
    C("vantor health swot", "swot", "vantor_health"),
    C("key accts list", "accounts"),
    C("80/20?", "portfolio"),
    C("scores kestrel", "score", "kestrel"),
    C("promote vantor health", "nominate", "vantor_health"),
    C("demote nordic, lost tender", "demote", "nordic"),
    C("who's Petra?", "stakeholders", "borealis", person="Petra Schmidt"),
    C("met olsen today - tense", "log", "acme", person="Mark Olsen"),
    C("cricket score?", "unknown"),
    C("what can u do", "help"),
    C("review borealis", "review", "borealis"),
    C("vantor owner?", "account", VANTORS),
    C("and his attitude?", "stakeholders", "vantor_energy", person="Erik Dahl",
      memory=("vantor_energy", "Erik Dahl", "stakeholders")),
    C("overdue?", "next", "kestrel", memory=("kestrel", None, "account")),
    C("swot too", "swot", "nordic", memory=("nordic", None, "plan")),
    C("called Nina, all good", "log", "helios", person="Nina Patel"),
    C("log acme call - positive", "log", "acme"),
    C("helios profit", "account", "helios"),
    C("commands?", "help"),
    C("standup link?", "unknown"),
    C("weather?", "unknown"),
    C("candidates list", "accounts"),
    C("borealis revenue", "account", "borealis"),
    C("lunch w/ Maria, went well", "log", "vantor_energy", person="Maria Lopez"),
    C("nordic todo", "next", "nordic"),
    # ------------------------------------------------ 4. indirect, hedged askers
    C("I was wondering whether anyone has written up the account plan for Nordic Paper yet - could I see the "
      "objectives?", "plan", "nordic"),
    C("Not sure if this is the right place, but I had a call with the CFO at Vantor Health this morning and "
      "wanted to note it somewhere - she's still unhappy about pricing", "log", "vantor_health",
      person="Sofia Rossi"),
    C("Would it make sense to propose Kestrel as a key account? If so, could you put the nomination in - their "
      "order volume has doubled", "nominate", "kestrel"),
    C("I might be wrong, but Acme has been key for a while without the numbers to back it up - could we start "
      "the process of taking it off the key list?", "demote", "acme"),
    C("Sorry if this is a silly question, but who actually makes the final call at Helios?", "stakeholders",
      "helios", role="decision_maker"),
    C("I was wondering if there's an account plan behind this one - what are the long-term objectives?", "plan",
      "acme", memory=("acme", None, "account")),
    C("Would you mind reminding me what you're able to help with?", "help"),
    C("I wonder if you could tell me who the technical buyer is at Vantor Energy, if we know", "stakeholders",
      "vantor_energy", role="technical_buyer"),
    C("Perhaps a naive question: in key account management generally, why is it risky when one person on our "
      "side holds all the relationships with a customer?", "method"),
    C("Not entirely sure, but I think we may be missing some follow-ups on Borealis - is there anything we "
      "promised them that's still open?", "next", "borealis"),
    C("Would it be possible to get a first draft of strengths, weaknesses, opportunities and threats for "
      "Kestrel?", "swot", "kestrel"),
    C("I was wondering if there's a quick way to see Helios' numbers - revenue, profit, and who the sponsor "
      "is?", "account", "helios"),
    C("Could I possibly ask you to pencil in a 7 for product fit on Vantor Health? I think we underrated them",
      "score_set", "vantor_health"),
    C("Sorry to bother - could you remind me how we scored this account on the criteria?", "score", "acme",
      channel="C_ACME"),
    C("I'm not sure whether we're over-investing in the key accounts - does most of our profit actually come "
      "from them?", "portfolio"),
    C("I think she also mentioned she now reports to the CEO - would it make sense to update that on her "
      "entry?", "stakeholder", "helios", person="Nina Patel", memory=("helios", "Nina Patel", "stakeholders")),
    C("Hmm, would it be worth looking at what's next on this account then?", "next", "nordic",
      memory=("nordic", None, "review")),
    C("I wonder whether Tom Becker is still the right person to talk to at Vantor Health - what do we have on "
      "him?", "stakeholders", "vantor_health", person="Tom Becker"),
    C("Not sure this is for you, but could you help me write a LinkedIn post about our new product launch?",
      "unknown"),
    C("I think we're due a review on this account - would you mind starting one?", "review", "acme",
      channel="C_ACME"),
    C("I was wondering, roughly how many key accounts is considered healthy for a company - is there a rule "
      "of thumb in the KAM literature?", "method"),
    C("Would it be helpful to log that I bumped into Henrik Lund at the trade fair? Just a quick chat, he "
      "seemed relaxed about the delay", "log", "nordic", person="Henrik Lund"),
    C("Not sure if we have this, but is there a list of all the regular accounts somewhere?", "accounts"),
    C("I suspect Vantor's scores may be out of date - could I see them?", "score", VANTORS),
    C("I'd like to understand, in general terms, how the Star and Strategic quadrants differ and what you're "
      "meant to do with each", "method"),
    C("Would it make sense to log this as a meeting? We went through the rollout plan with him for an hour",
      "log", "acme", person="Mark Olsen", memory=("acme", "Mark Olsen", "stakeholders")),
    C("Hoping someone can tell me - do we know who's acting as gatekeeper at Vantor Health?", "stakeholders",
      "vantor_health", role="gatekeeper"),
    C("Might be worth adding their new head of finance at Kestrel, Laura Chen, to the stakeholder map - an "
      "influencer, I think", "stakeholder", "kestrel"),
    C("I was wondering what the status of Nordic Paper is at the moment - still key? who owns it?", "account",
      "nordic"),
    C("Would you be able to tell me whether there's a plan with goals for Helios, or has no one started one?",
      "plan", "helios"),
    # ------------------------------------------------ 5. British / Australian / Indian English
    C("Kindly do the needful and log my meeting with Ana Ruiz today - she is favourable on the renewal, will "
      "revert back by Friday", "log", "acme", person="Ana Ruiz"),
    C("Please let me know what actions are outstanding on Kestrel, need to organise my week", "next", "kestrel"),
    C("Cheers mate, can you prioritise the Borealis SWOT - need a draft by this arvo", "swot", "borealis"),
    C("Please revert back with the account details of Vantor Energy at the earliest - tier, owner, sponsor",
      "account", "vantor_energy"),
    C("Had a cuppa with Jonas this arvo, he's keen as mustard on expanding the pilot. Pop that in the log "
      "would you", "log", "acme", person="Jonas Berg"),
    C("What's the programme of objectives for Vantor Energy this financial year?", "plan", "vantor_energy"),
    C("Kindly update Ms Lopez at Vantor Energy - her attitude has gone to +2, she's properly championing us now",
      "stakeholder", "vantor_energy", person="Maria Lopez"),
    C("Who is the decision maker at Borealis, could you please let me know at the earliest", "stakeholders",
      "borealis", role="decision_maker"),
    C("Reckon we should take Borealis off key status - they've moved most of the volume to a competitor. Can "
      "you raise the demotion?", "demote", "borealis"),
    C("Please prepone the Kestrel account review and start it today itself", "review", "kestrel"),
    C("Good morning, kindly share the scores of Borealis Logistics", "score", "borealis"),
    C("Kindly update the existing_relationships score for Borealis to 8 - the relationship has improved a lot "
      "after the site visit", "score_set", "borealis"),
    C("Can you analyse which quadrant each of our key accounts sits in and flag any selection warnings?",
      "portfolio"),
    C("Kindly give me a list of all accounts, key and non-key both", "accounts"),
    C("In KAM, what's the recommended behaviour with a Streamline account - do we just serve it at minimum "
      "cost?", "method"),
    C("Brilliant, cheers. Can you also jot down that I rang her afterwards to confirm the numbers?", "log",
      "vantor_health", person="Sofia Rossi", memory=("vantor_health", "Sofia Rossi", "log")),
    C("Sorted, ta. Now what's pending on this one?", "next", "helios", memory=("helios", None, "log")),
    C("Please add one new stakeholder at Nordic Paper: Ingrid Svensson, Head of Logistics, an influencer, "
      "attitude positive", "stakeholder", "nordic"),
    C("Kindly tell me who the blocker is at Vantor Health", "stakeholders", "vantor_health", role="blocker"),
    C("Can you show me the relationship map for this account, want to see who's favourable and who's not",
      "stakeholders", "acme", channel="C_ACME"),
    C("Set solvency to 4 for Helios Foods please, their payment terms have blown out", "score_set", "helios"),
    C("Right, and what's the plan for them going forward?", "plan", "kestrel", memory=("kestrel", None, "account")),
    C("What's the profit on the Acme account this quarter? Rough figure is fine, cheers", "account", "acme"),
    C("I'd like to put Helios Foods forward for key account status - their turnover has grown brilliantly and "
      "they're a good cultural fit", "nominate", "helios"),
    C("Could you tell me what a technical buyer does, as per the standard KAM framework?", "method"),
    C("Can you book my cab to the airport tomorrow morning", "unknown"),
    C("Kindly amend his influence to 4, he's got more say than we assumed", "stakeholder", "vantor_health",
      person="Tom Becker", memory=("vantor_health", "Tom Becker", "stakeholders")),
    C("As a general rule in KAM, how often should a strategic key account be reviewed - monthly or quarterly?",
      "method"),
    C("Who is the CEO at Nordic and what's the lie of the land with him?", "stakeholders", "nordic",
      person="Henrik Lund"),
    C("In theory, what's the difference between a stakeholder's attitude and their influence when you map "
      "them?", "method"),
)
