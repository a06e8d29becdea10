"""DEV5: a development set for the language router, 120 phrasings, written blind on 2026-11-23.

Written on 2026-11-23 by a helper session asked to write evaluation data BLIND. It read only
DESIGN.md (section 4 "Contract" and section 2 for vocabulary), tests/language/lang_store.py (the
fixed store of accounts and people), lines 1-30 of lang_eval_cases.py (the Case dataclass and its
conventions) and lines 1-36 of lang_eval_final2.py (its docstring, for the label conventions). It
never opened the router's code (nothing under kam_domain/language/ or bot/language/), its
exemplars or training phrasings, or any other phrasing set, and it ran nothing (no router, no
tests, no benchmarks; only an ast.parse of this file).

This is a DEVELOPMENT set: the router is tuned on it. Its score is therefore not an honest
estimate of accuracy on unseen phrasings; use a sealed set for that. It was run once before any
tuning on it, after the router was tuned on DEV4: 92.5% (111/120), BENCHMARKS.md.

Personas: a mixed sales organisation writing at their desks. Sales directors and key account
managers write full sentences, often with business context before the ask ("Helios paid late
again twice this quarter; lower their solvency score..."); new hires who are unsure of the jargon
describe what they want in their own words ("the people who actually sign off the budget over
there", "a friend in the company who could coach us"); non-native English speakers use unusual
grammar ("please give me the informations of Helios", "how is looking the plan"); many messages
carry polite padding ("hi! could you please..."). About a fifth have typos. The mix: 12 thread
follow-ups (with memory), 7 messages in the Acme account channel, people named by full name,
first name, surname, title at an account or pronoun in a thread, the CRM id SF-1001 and the alias
ARG, ambiguous "vantor" on read questions, 9 KAM methodology questions and 7 off-topic messages
(4 of them business-sounding near misses: travel booking, a CRM password, an invoice, a price
quote). Intents are weighted roughly as a sales team asks: stakeholders 15, log 13, account 11,
next 9, method 9, plan 7, stakeholder 7, unknown 7, swot 6, score_set 6, score 5, nominate 5,
demote 5, accounts 4, portfolio 4, review 4, help 3.

Labels follow lang_eval_cases.py: `account` is a store key from lang_store.seed_language_store,
"?vantor" (VANTORS) means the router must ask which Vantor, `intent="unknown"` means it must say what
it can do, `channel` is the Slack channel asked in (C_ACME is Acme's account channel), `memory` is what
the thread remembers: (account key, person name or None, last intent). `person` is set where the text
names or clearly points at one known stakeholder (by name, surname, title or pronoun in a thread);
a brand-new person being added gets person=None. `role` is set where a `stakeholders` question asks
for a decision role (coach = champion). Nominations are only for accounts that are not key (helios,
kestrel, vantor_health), demotions only for key ones (borealis, vantor_energy, acme, nordic). Every
write intent has an account determinable from the text, the channel or the thread memory.
"""
from __future__ import annotations

from lang_eval_cases import VANTORS
from lang_eval_cases import Case
from lang_eval_cases import Case as C

DEV5: tuple[Case, ...] = (
    # ---------------------------------------------------------------- help (3)
    C("hi! I'm new in the team, what kind of things can I ask you?", "help"),
    C("What are you able to help me with?", "help"),
    C("how do i use this bot, are there any commands I shoud know?", "help"),

    # ---------------------------------------------------------------- accounts (4)
    C("which customers do we have on the watch list at the moment?", "accounts"),
    C("Could you please list all our key accounts?", "accounts"),
    C("show me every acount we have, the regular ones too", "accounts"),
    C("I just joined sales ops - which of our customers count as the VIP ones, the key accounts?", "accounts"),

    # ---------------------------------------------------------------- account (11)
    C("please give me the informations of Helios", "account", "helios"),
    C("How is Borealis doing in general? Tier, revenue, who owns it on our side.", "account", "borealis"),
    C("who is the account owner for Vantor Health in our team?", "account", "vantor_health"),
    C("Before my meeting tomorrow I'd like a quick overview of Nordic Paper: what they bring us in revenue "
      "and profit, and who is the executive sponsor on our side.", "account", "nordic"),
    C("how much profit did we make with kestral aerospace?", "account", "kestrel"),
    C("whats the status of vantor?", "account", VANTORS),
    C("is Acme Retail a key account or not?", "account", "acme"),
    C("Hi, can you show me the summary card for Vantor Energy please? I'm covering for Alice this week.",
      "account", "vantor_energy"),
    C("hi, could you show me the card of this customer please", "account", "acme", channel="C_ACME"),
    C("ok thanks. and how much revenue do they bring us per year?", "account", "helios",
      memory=("helios", None, "stakeholders")),
    C("what's the latest on SF-1001? I need the revenue and the owner", "account", "borealis"),

    # ---------------------------------------------------------------- portfolio (4)
    C("which accounts make 80% of our profit, and are those our key ones?", "portfolio"),
    C("are we over the limit for how many key accounts we are allowed to have?", "portfolio"),
    C("Show me the portfolio matrix please, I want to see who sits in Strategic and who in Streamline.",
      "portfolio"),
    C("Before the sales kickoff I want a look at the whole portfolio - are there any warnings about how we "
      "selected our key accounts?", "portfolio"),

    # ---------------------------------------------------------------- score (5)
    C("how does Helios score on our criteria?", "score", "helios"),
    C("what scores did we give Borealis for product fit and solvency?", "score", "borealis"),
    C("Can you show me Kestrel's scoring? I want to understand why it isn't a key account yet.", "score",
      "kestrel"),
    C("what is the weighted score of vantor health rigth now?", "score", "vantor_health"),
    C("how did we rate Nordic Paper on each criterion? just the numbers pls", "score", "nordic"),

    # ---------------------------------------------------------------- score_set (6)
    C("I think Kestrel deserves a 7 on product fit, please put that in", "score_set", "kestrel"),
    C("Helios paid late twice again this quarter; lower their solvency score to 4 please.", "score_set",
      "helios"),
    C("We have a good relationship with Nordic now, please put existing relationships on 8", "score_set",
      "nordic"),
    C("Revenue potential for Vantor Health should be 9 - they just announced 12 new clinics.", "score_set",
      "vantor_health"),
    C("please put solvency to 6 and revenue potential to 8", "score_set", "helios",
      memory=("helios", None, "score")),
    C("update Borealis scores: product fit 9, solvancy 8, revenue potential 6, relationships 7", "score_set",
      "borealis"),

    # ---------------------------------------------------------------- nominate (5)
    C("I'd like to propose Helios Foods as a key account - they doubled their orders this year.", "nominate",
      "helios"),
    C("Kestrel just won a big defence contract and will need much more from us. Can we make them a key "
      "account?", "nominate", "kestrel"),
    C("please start the process to get Vantor Health promoted to key account, they want a long-term partner "
      "for all their sites", "nominate", "vantor_health"),
    C("ok then I want to propose it as key account, they are growing really fast", "nominate", "kestrel",
      memory=("kestrel", None, "account")),
    C("put helios forward for key acount status pls, reason: strong fit with our new food safety line",
      "nominate", "helios"),

    # ---------------------------------------------------------------- demote (5)
    C("Borealis has been shrinking for two years and the margin is now negative. I want to take them off "
      "the key accounts.", "demote", "borealis"),
    C("Please end the key account status for Nordic Paper - they moved all purchasing to a group contract "
      "that we don't serve.", "demote", "nordic"),
    C("Acme should not be a key account anymore, reason: they selected a competitor for the next 3 years",
      "demote", "acme"),
    C("we lost them basically, the contract is not renewed. please end their key status", "demote",
      "vantor_energy", memory=("vantor_energy", None, "account")),
    C("I want downgrade Vantor Energy to a normal account, they do not buy from us since the summer",
      "demote", "vantor_energy"),

    # ---------------------------------------------------------------- plan (7)
    C("how is looking the plan for Nordic Paper?", "plan", "nordic"),
    C("what are our objectives for Borealis this year and who owns each of them?", "plan", "borealis"),
    C("Can you pull up the account plan for Acme? I want to check the long-term goals before the board "
      "meeting.", "plan", "acme"),
    C("what did we set as goals for vantor energy for the short and mid term?", "plan", "vantor_energy"),
    C("I'm new here - is there some kind of strategy document for Helios, with the goals and the steps we "
      "agreed?", "plan", "helios"),
    C("thanks. now show me their plan", "plan", "borealis", memory=("borealis", None, "swot")),
    C("pls show the acount plan of ARG, specially the objectives with their due dates", "plan", "acme"),

    # ---------------------------------------------------------------- swot (6)
    C("draft a swot for Kestrel please", "swot", "kestrel"),
    C("Can you put together our strengths, weaknesses, opportunities and threats for the Borealis account, "
      "based on the meeting notes?", "swot", "borealis"),
    C("I have to present Nordic Paper to management on thursday. could you write a first SWOT analysis for "
      "it?", "swot", "nordic"),
    C("make me swot analyis for vantor helth", "swot", "vantor_health"),
    C("pls draft a swot for this account", "swot", "acme", channel="C_ACME"),
    C("and the swot?", "swot", "acme", memory=("acme", None, "next")),

    # ---------------------------------------------------------------- next (9)
    C("what should I do next with Borealis?", "next", "borealis"),
    C("Are there any actions for Nordic Paper that are overdue? My manager is asking.", "next", "nordic"),
    C("any open follow ups on vantor that I forgot?", "next", VANTORS),
    C("what is the next steps for Helios? I take over the account from monday", "next", "helios"),
    C("I have a free afternoon - what's on my to-do list for Vantor Energy?", "next", "vantor_energy"),
    C("whcih follow-ups are still pending for Kestrel after last weeks call?", "next", "kestrel"),
    C("what are the open actions for this account?", "next", "acme", channel="C_ACME"),
    C("and what's overdue?", "next", "nordic", memory=("nordic", None, "plan")),
    C("Hello, I would like to know what I must do now for Vantor Health so the deal is moving forward",
      "next", "vantor_health"),

    # ---------------------------------------------------------------- stakeholders (15)
    C("Hi! I'm new on the Nordic Paper team. Who are the people who actually sign off the budget over "
      "there?", "stakeholders", "nordic", role="economic_buyer"),
    C("could you tell me who is the gatekeper at Borealis? everything seems to go through one person there",
      "stakeholders", "borealis", role="gatekeeper"),
    C("quick one - who is Petra Schmidt again and what part does she play in their buying?", "stakeholders",
      "borealis", person="Petra Schmidt"),
    C("How does Maria Lopez feel about us at the moment? I'd like to know before the QBR.", "stakeholders",
      "vantor_energy", person="Maria Lopez"),
    C("We're preparing the Vantor Energy renewal and I worry someone could kill it. Is there anybody there "
      "who is working against us?", "stakeholders", "vantor_energy", role="blocker"),
    C("who makes the techincal decisions at Vantor Energy, like which platform they go with?",
      "stakeholders", "vantor_energy", role="technical_buyer"),
    C("at the end of the day who desides at Kestrel if they go with us or with the competition?",
      "stakeholders", "kestrel", role="decision_maker"),
    C("the CFO of Vantor Health, what is her attitude to us? I heard she is not so happy", "stakeholders",
      "vantor_health", person="Sofia Rossi"),
    C("Do we have gaps in our relationships at Nordic Paper, like important people nobody of us is talking "
      "to?", "stakeholders", "nordic"),
    C("can I see who we know at vantor and how well we know them?", "stakeholders", VANTORS),
    C("Is there someone at Acme who could coach us from the inside, a friend in the company?",
      "stakeholders", "acme", role="champion"),
    C("who's the blocker here?", "stakeholders", "acme", role="blocker", channel="C_ACME"),
    C("how does Mark feel about us these days?", "stakeholders", "acme", person="Mark Olsen",
      channel="C_ACME"),
    C("ok and who is the decision maker there?", "stakeholders", "borealis", role="decision_maker",
      memory=("borealis", None, "account")),
    C("btw who does he report to?", "stakeholders", "borealis", person="Jan Novak",
      memory=("borealis", "Jan Novak", "log")),

    # ---------------------------------------------------------------- stakeholder (7)
    C("add Klaus Weber to Borealis, he's their new Head of Finance and an influencer in the deal",
      "stakeholder", "borealis"),
    C("Mark Olsen has warmed up to us after the workshop, please change his attitude to neutral",
      "stakeholder", "acme", person="Mark Olsen"),
    C("Jonas Berg was promted to Head of Store Operations, can you update his title?", "stakeholder", "acme",
      person="Jonas Berg"),
    C("There is a new person at Helios we should track: Omar Haddad, procurement manager, influence about 3. "
      "Alice owns the relationship.", "stakeholder", "helios"),
    C("he is now supporter of us, please change his attitude to +1", "stakeholder", "vantor_energy",
      person="Erik Dahl", memory=("vantor_energy", "Erik Dahl", "stakeholders")),
    C("please add Lena Fischer, she is the new Head of Category Management here, influencer", "stakeholder",
      "acme", channel="C_ACME"),
    C("Henrik Lund at Nordic now reports to the new group CEO, so his influence should be 4 not 5. pls "
      "update", "stakeholder", "nordic", person="Henrik Lund"),

    # ---------------------------------------------------------------- log (13)
    C("Just got off a call with Lars Henriksen. He is keen to expand the contract to the Austrian "
      "warehouses and wants numbers by end of month. Please note it down.", "log", "borealis",
      person="Lars Henriksen"),
    C("please record: had lunch with Erik Dahl today, he say budget for next year is approved but they want "
      "a discount", "log", "vantor_energy", person="Erik Dahl"),
    C("Sofia Rossi answered my email, she is still unhappy with our pricing and wants a call with our CFO. "
      "can you save that?", "log", "vantor_health", person="Sofia Rossi"),
    C("I met Nina from Helios at the trade fair yesterday, very positive, she asked for a demo in januari",
      "log", "helios", person="Nina Patel"),
    C("log a meeting with Novak from Borealis: walked him through the API roadmap, he has concerns about "
      "the security certification", "log", "borealis", person="Jan Novak"),
    C("Can you write down that I visited Nordic Paper today? Met Henrik Lund and two people from the mill, "
      "all good, they want a proposal for the new site.", "log", "nordic", person="Henrik Lund"),
    C("Short email exchange with Tom Becker at Vantor Health today - the tender has been pushed to Q2. "
      "Please add this to the account history.", "log", "vantor_health", person="Tom Becker"),
    C("Kestrel: I had a first intro call with their purchasing team today, they're evaluating three "
      "vendors. please log it", "log", "kestrel"),
    C("Mark Olsen and I had a meting this morning, honestly it went badly, he thinks our system doesn't fit "
      "their IT architecture. log pls", "log", "acme", person="Mark Olsen"),
    C("I want to register a meeting: today I was with the CTO of Vantor Energy, we discuss the migration "
      "plan, she is supportive but needs more time", "log", "vantor_energy", person="Maria Lopez"),
    C("Spoke to Ana Ruiz on the phone, she confirmed the renewal goes to their board in february. pls add "
      "to the notes", "log", "acme", person="Ana Ruiz"),
    C("log: quick call with Jonas this morning, pilot in 3 stores goes live in march", "log", "acme",
      person="Jonas Berg", channel="C_ACME"),
    C("great, log that I had lunch with her today, she wants the renewal proposal by friday", "log", "acme",
      person="Ana Ruiz", memory=("acme", "Ana Ruiz", "stakeholders")),

    # ---------------------------------------------------------------- review (4)
    C("let's start the quarterly review for Borealis", "review", "borealis"),
    C("I would like to make the account review of Nordic Paper now, it is overdue since 2 weeks", "review",
      "nordic"),
    C("The Vantor Energy review is due today - can you walk me through the checklist and record it?",
      "review", "vantor_energy"),
    C("ok, let's kick off the review now", "review", "acme", memory=("acme", None, "account")),

    # ---------------------------------------------------------------- method (9)
    C("what's the difference between a Star and a Status account?", "method"),
    C("sorry for the basic question, what means 'economic buyer' exactly?", "method"),
    C("in general, how many key accounts can a sales team manage properly?", "method"),
    C("can you explain what a coach is in stakeholder mapping? I keep hearing it in meetings", "method"),
    C("Why do we need an executive sponsor for every key account? What does that person actually do?",
      "method"),
    C("What is a perception gap in KAM and why should I care about it?", "method"),
    C("how often should a key account usually be reviewed, is there a rule of thumb?", "method"),
    C("What criteria do companies normaly use to decide which customers become key accounts?", "method"),
    C("what does it mean when an account is single-threaded? is that bad?", "method"),

    # ---------------------------------------------------------------- unknown (7)
    C("can you book me a flight to Oslo for next tuesday?", "unknown"),
    C("what's the weather going to be like in Hamburg tomorrow", "unknown"),
    C("tell me a joke, it's been a long week", "unknown"),
    C("I forgot my Salesforce password, can you reset it for me?", "unknown"),
    C("please create the invoice for our last delivery and send it to the customer", "unknown"),
    C("can you prepare a price quote for 500 licences with a 10% discount?", "unknown"),
    C("who won the football match last nigth?", "unknown"),
)
