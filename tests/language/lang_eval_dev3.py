"""DEV3: a development set for the language router, 150 phrasings, written blind on 2026-11-23.

Written by a helper session that read only DESIGN.md (section 4 "Contract" and section 2 for the
vocabulary), tests/language/lang_store.py, the Case dataclass and conventions at the top of
lang_eval_cases.py and the docstring of lang_eval_final2.py. It never opened the router's code
(nothing under kam_domain/language/ or bot/language/), its exemplars or any other phrasing set, and
it ran nothing (no router, tests or benchmarks).

This is a DEVELOPMENT set: the router is tuned on it, so its score is not an honest estimate of
accuracy on unseen phrasings. Use the sealed sets for that. It was run once before any tuning on it,
after the first part of the fourth round (FINAL3 and ROUND4): 81.3% (122/150), BENCHMARKS.md.

Three personas, 50 phrasings each (the trailing comment on each line says which):
- `rep`: field reps on phones. Terse, lowercase, typos in about 40% of them (in names and in
  keywords), slang and abbreviations (acct, EB, DM, mtg, f/u, w/, tmrw, pls, rn, lmk, tdy).
- `mgr`: managers and directors. Full sentences, business context first and the ask after it,
  sometimes two or three sentences.
- `new`: new hires and non-native speakers. Their own words instead of KAM jargon ("the four
  boxes", "the money", "paying ability"), polite padding, unusual grammar.
Across all: 15 thread follow-ups (`memory`), 9 questions asked in Acme's account channel, people by
full name, first name, surname, title and pronoun, 8 off-topic messages (several business-sounding
near misses: HR, IT, expenses, calendar, weather, company-wide figures) and 10 methodology
questions. Intents are weighted as a sales team asks: stakeholders 19, log 16, account 15, next 12,
method 10, plan 9, stakeholder 9, unknown 8, score 7, score_set 7, swot 7, nominate 6, demote 6,
accounts 5, portfolio 5, review 5, help 4.

Labels follow lang_eval_cases.py: `account` is a store key from lang_store.seed_language_store,
"?vantor" (VANTORS) means the router must ask which Vantor, `intent="unknown"` means it must say what
it can do, `channel` is the Slack channel asked in (C_ACME is Acme's account channel), `memory` is what
the thread remembers: (account key, person name or None, last intent). `person` is set where the text
names or clearly points at one known stakeholder (by name, surname, title or pronoun in a thread);
a brand-new person being added gets person=None. `role` is set where a `stakeholders` question asks
for a decision role (coach = champion). Nominations are only for accounts that are not key (helios,
kestrel, vantor_health), demotions only for key ones (borealis, vantor_energy, acme, nordic).
Write intents always have an account determinable from the text, the channel or the thread.
"""
from __future__ import annotations

from lang_eval_cases import VANTORS
from lang_eval_cases import Case
from lang_eval_cases import Case as C

DEV3: tuple[Case, ...] = (
    # ---- help
    C("wat can u do", "help"),  # rep
    C("commands pls", "help"),  # rep
    C("I've just been added to this channel by my director. Before I start relying on you, can you tell me "
      "what you're able to help with?", "help"),  # mgr
    C("Hello, I am new in the team, please can you explain me how I should use you?", "help"),  # new

    # ---- accounts
    C("list key accts", "accounts"),  # rep
    C("show all regualr accounts", "accounts"),  # rep
    C("For the board pack I need the current list of our key accounts. Can you pull that?", "accounts"),  # mgr
    C("Which customers are on the watching list, the ones that maybe become important later?",
      "accounts"),  # new
    C("Please, I would like to see every customer we have, all of them.", "accounts"),  # new

    # ---- account
    C("acme revnue this yr?", "account", account="acme"),  # rep
    C("SF-1001 status", "account", account="borealis"),  # rep
    C("whos exec sponsor on this acct", "account", account="acme", channel="C_ACME"),  # rep
    C("k and how profitble r they", "account", account="helios", memory=("helios", None, "score")),  # rep
    C("kestral tier + owner?", "account", account="kestrel"),  # rep
    C("I'm meeting the Nordic Paper finance team next week and want the numbers straight. What's our revenue "
      "and profit with them?", "account", account="nordic"),  # mgr
    C("Quick sanity check before tomorrow's pipeline call: is Kestrel Aerospace a key account or still "
      "regular, and who's responsible for it?", "account", account="kestrel"),  # mgr
    C("Finance flagged record 0015000000XYZ12 in their margin report. Which account is that, and what's its "
      "overall picture?", "account", account="nordic"),  # mgr
    C("We're reorganising territories. Give me the Borealis account at a glance: tier, owner, sponsor, "
      "revenue.", "account", account="borealis"),  # mgr
    C("Who is the responsible person from our company for Borealis?", "account", account="borealis"),  # new
    C("Can you give me the general information card of Helios please?", "account", account="helios"),  # new
    C("How is it going with Vantor Health in general? The tier, the money, everything.", "account",
      account="vantor_health"),  # new
    C("I would like to know how much money the customer Vantor Energy gives us and if we earn something "
      "from it.", "account", account="vantor_energy"),  # new
    C("Is the company ARG important customer for us or normal one?", "account", account="acme"),  # new
    C("Good morning. In short, what is Nordic Paper for us: important or not, and how much do they buy?",
      "account", account="nordic"),  # new

    # ---- portfolio
    C("80/20 rn?", "portfolio"),  # rep
    C("show me the matrx", "portfolio"),  # rep
    C("The CFO asked whether our key accounts are actually where the profit comes from. Which accounts make "
      "up 80% of profit, and do they match the key list?", "portfolio"),  # mgr
    C("We keep adding key accounts. Are we over the cap yet, and are there any warnings about how we've "
      "selected them?", "portfolio"),  # mgr
    C("I want to see the big picture with the four boxes, where every customer is placed.", "portfolio"),  # new

    # ---- score
    C("wats borealis solvncy score", "score", account="borealis"),  # rep
    C("wht did it score", "score", account="kestrel", memory=("kestrel", None, "account")),  # rep
    C("Before I argue for more investment in Nordic Paper, I'd like to see how it scored on our criteria.",
      "score", account="nordic"),  # mgr
    C("Ahead of the steering committee, can you show me how this account is rated on product fit and "
      "relationships?", "score", account="acme", channel="C_ACME"),  # mgr
    C("How good is Acme in our scoring, please?", "score", account="acme"),  # new
    C("Which marks did we give to Helios Foods for each point of evaluation?", "score", account="helios"),  # new
    C("How many points does Vantor Health have in the evaluation?", "score", account="vantor_health"),  # new

    # ---- score_set
    C("helios product fit 8 solvency 6", "score_set", account="helios"),  # rep
    C("set kestrl rev potential to 7", "score_set", account="kestrel"),  # rep
    C("bump existing relationships to 8", "score_set", account="acme", memory=("acme", None, "score")),  # rep
    C("After the audit of their financials I'm comfortable raising Nordic Paper's solvency to 9. Please "
      "record that.", "score_set", account="nordic"),  # mgr
    C("Vantor Energy's relationship with us has improved a lot this year; update existing relationships to 7 "
      "and revenue potential to 8.", "score_set", account="vantor_energy"),  # mgr
    C("I want to give Kestrel Aerospace a mark of 4 for how well our product suits them.", "score_set",
      account="kestrel"),  # new
    C("Please change the number for paying ability of Borealis to 5, they pay very late now.", "score_set",
      account="borealis"),  # new

    # ---- nominate
    C("nominate helios pls, they doubled orders", "nominate", account="helios"),  # rep
    C("can we make kestrel key? lmk", "nominate", account="kestrel"),  # rep
    C("Kestrel Aerospace just signed a five-year framework with us. I think it's time we put them forward "
      "for key account status.", "nominate", account="kestrel"),  # mgr
    C("Given all that, let's put this account forward for key status; the growth story is there.",
      "nominate", account="helios", memory=("helios", None, "account")),  # mgr
    C("I think Vantor Health should become one of our most important customers, can you ask for this?",
      "nominate", account="vantor_health"),  # new
    C("Helios is a candidate since long time. Please start the process to upgrade them.", "nominate",
      account="helios"),  # new

    # ---- demote
    C("demote vantor enrgy, volumes tanked", "demote", account="vantor_energy"),  # rep
    C("time to take this one off key, they went w/ a competitor", "demote", account="acme",
      channel="C_ACME"),  # rep
    C("Borealis has moved most of its freight contracts to a competitor and the relationship no longer "
      "justifies the investment. Please end their key account status.", "demote", account="borealis"),  # mgr
    C("Nordic Paper's margin has been negative for four quarters. I want to downgrade them from key; reason: "
      "unprofitable and no growth plan.", "demote", account="nordic"),  # mgr
    C("Nordic Paper is not so important for us anymore, they buy much less. We should make them a normal "
      "customer again.", "demote", account="nordic"),  # new
    C("Please remove the key status from this customer, they are closing many stores.", "demote",
      account="acme", memory=("acme", None, "account")),  # new

    # ---- plan
    C("borealis acct plan", "plan", account="borealis"),  # rep
    C("whats the plan 4 nordic", "plan", account="nordic"),  # rep
    C("ok and the plan?", "plan", account="nordic", memory=("nordic", None, "swot")),  # rep
    C("I'm taking over Vantor Energy from Alice next month. Can you show me the account plan, especially the "
      "objectives and who owns them?", "plan", account="vantor_energy"),  # mgr
    C("Our long-term goals for Acme need a refresh before the board meeting. What objectives do we currently "
      "have for them, by horizon?", "plan", account="acme"),  # mgr
    C("Kestrel isn't key, but is there any plan on file for them: goals, objectives, anything?", "plan",
      account="kestrel"),  # mgr
    C("What are we trying to reach with Helios this year and in the long time?", "plan", account="helios"),  # new
    C("Could you show me the plan we have for this customer, please?", "plan", account="acme",
      channel="C_ACME"),  # new
    C("Where can I read the strategy document for Borealis Logistics, with the goals and targets?", "plan",
      account="borealis"),  # new

    # ---- swot
    C("swot 4 kestrel", "swot", account="kestrel"),  # rep
    C("draft swat acme", "swot", account="acme"),  # rep
    C("I'm building the strategy deck for Borealis. Could you draft strengths, weaknesses, opportunities and "
      "threats from our notes?", "swot", account="borealis"),  # mgr
    C("The plan feels thin on analysis. Can you draft a SWOT to go with it?", "swot", account="vantor_energy",
      memory=("vantor_energy", None, "plan")),  # mgr
    C("What are our biggest risks and opportunities at Helios, based on what the team has written down? A "
      "SWOT would be ideal.", "swot", account="helios"),  # mgr
    C("Please write for me the good points and bad points of our position at Nordic Paper, and the chances "
      "and dangers.", "swot", account="nordic"),  # new
    C("Can you prepare the strengths and weaknesses analysis for Vantor Health?", "swot",
      account="vantor_health"),  # new

    # ---- next
    C("whats overdue on borealis", "next", account="borealis"),  # rep
    C("nxt steps acme?", "next", account="acme"),  # rep
    C("any f/u i owe nordic", "next", account="nordic"),  # rep
    C("any open actions here?", "next", account="acme", channel="C_ACME"),  # rep
    C("I have a call with Vantor Energy's leadership on Friday. What open actions do we have with them so I "
      "don't get caught out?", "next", account="vantor_energy"),  # mgr
    C("The Helios team has gone quiet on us. What should we be doing next there, and why?", "next",
      account="helios"),  # mgr
    C("Thanks. Given that conversation, what follow-ups should we be tracking?", "next", account="borealis",
      memory=("borealis", None, "log")),  # mgr
    C("Our Q4 push on Acme needs to stay on track. Which actions are overdue, and who owns them?", "next",
      account="acme"),  # mgr
    C("What is the next thing I must do for Kestrel Aerospace?", "next", account="kestrel"),  # new
    C("Is there some task for Nordic Paper that is late?", "next", account="nordic"),  # new
    C("Please tell me what are the things still not done with Vantor Health.", "next",
      account="vantor_health"),  # new
    C("For Helios Foods, what are the next steps I should do, please?", "next", account="helios"),  # new

    # ---- stakeholders
    C("who's the EB at vantor", "stakeholders", account=VANTORS, role="economic_buyer"),  # rep
    C("who r the DMs at borealis", "stakeholders", account="borealis", role="decision_maker"),  # rep
    C("how dos olsen feel abt us", "stakeholders", account="acme", person="Mark Olsen"),  # rep
    C("who's our coach here", "stakeholders", account="acme", role="champion", channel="C_ACME"),  # rep
    C("lars henriksn title?", "stakeholders", account="borealis", person="Lars Henriksen"),  # rep
    C("who's the cto there", "stakeholders", account="vantor_energy", person="Maria Lopez",
      memory=("vantor_energy", None, "account")),  # rep
    C("We're about to send the renewal proposal to Acme. Who on their side is most likely to block it?",
      "stakeholders", account="acme", role="blocker"),  # mgr
    C("Before I meet their board, I'd like to see the full relationship map for Nordic Paper: who's who and "
      "where the gaps are.", "stakeholders", account="nordic"),  # mgr
    C("Has anyone on our side actually spoken with him this quarter?", "stakeholders", account="acme",
      person="Mark Olsen", memory=("acme", "Mark Olsen", "stakeholders")),  # mgr
    C("Every deal at Borealis seems to stall at the front door. Who's the gatekeeper there, and how much "
      "influence do they have?", "stakeholders", account="borealis", role="gatekeeper"),  # mgr
    C("Sofia Rossi has been cold in every meeting. What do we know about her attitude and influence?",
      "stakeholders", account="vantor_health", person="Sofia Rossi"),  # mgr
    C("I want to understand who has sway over the decision at Vantor Energy without actually signing it. "
      "Who are the influencers there?", "stakeholders", account="vantor_energy", role="influencer"),  # mgr
    C("Who at Borealis checks if our solution is good technically?", "stakeholders", account="borealis",
      role="technical_buyer"),  # new
    C("Can you tell me who is Petra Schmidt?", "stakeholders", account="borealis", person="Petra Schmidt"),  # new
    C("I don't know anybody in Helios. Which people there are important for us?", "stakeholders",
      account="helios"),  # new
    C("Please show me the people of Kestrel that we know, and what they think about us.", "stakeholders",
      account="kestrel"),  # new
    C("Who is the person who will use our product every day at Acme Retail?", "stakeholders", account="acme",
      role="user_buyer"),  # new
    C("Who in Nordic Paper has the money and says yes to the budget?", "stakeholders", account="nordic",
      role="economic_buyer"),  # new
    C("How does the finance director of this company see us, positive or negative?", "stakeholders",
      account="acme", person="Ana Ruiz", channel="C_ACME"),  # new

    # ---- stakeholder
    C("add kim wu to helois, vp supply chain, influencer", "stakeholder", account="helios"),  # rep
    C("mark olsen now neutral, attitude 0", "stakeholder", account="acme", person="Mark Olsen"),  # rep
    C("set him as blocker, influence 4", "stakeholder", account="vantor_health", person="Tom Becker",
      memory=("vantor_health", "Tom Becker", "stakeholders")),  # rep
    C("Borealis hired a new CFO, Greta Voss, who'll own the budget for next year. Please add her to the map as "
      "economic buyer.", "stakeholder", account="borealis"),  # mgr
    C("Jonas Berg has been promoted to Head of Store Operations at Acme. Can you update his title?",
      "stakeholder", account="acme", person="Jonas Berg"),  # mgr
    C("Their new Head of IT Security, Priya Nair, will have a say on the rollout. Add her as an influencer "
      "with influence 3.", "stakeholder", account="acme", channel="C_ACME"),  # mgr
    C("There is a new person at Kestrel, Mr. David Okafor, he is the chief engineer. Please put him in our "
      "list of contacts.", "stakeholder", account="kestrel"),  # new
    C("Please change for Nina Patel from Helios that she is now positive to us.", "stakeholder",
      account="helios", person="Nina Patel"),  # new
    C("Please update his role to champion and put me as the owner of this relationship.", "stakeholder",
      account="nordic", person="Henrik Lund", memory=("nordic", "Henrik Lund", "stakeholders")),  # new

    # ---- log
    C("log: mtg w/ ana ruiz today, positive on renewal", "log", account="acme", person="Ana Ruiz"),  # rep
    C("just had call w lars @ borealis, wants pricing by fri, pls log", "log", account="borealis",
      person="Lars Henriksen"),  # rep
    C("emaild erik dhal at vantor energy re contract ext, no reply yet. note it", "log",
      account="vantor_energy", person="Erik Dahl"),  # rep
    C("mtg w petra schmit (borealis) tdy, pushback on payment terms, log pls", "log", account="borealis",
      person="Petra Schmidt"),  # rep
    C("log: call w jonas, stores love the pilot", "log", account="acme", person="Jonas Berg",
      channel="C_ACME"),  # rep
    C("just spoke w him, still hostile, log it", "log", account="acme", person="Mark Olsen",
      memory=("acme", "Mark Olsen", "stakeholders")),  # rep
    C("I spent two hours with Henrik Lund at their Stockholm office this morning. He's open to a three-year "
      "deal if we can match the current price. Please record the meeting.", "log", account="nordic",
      person="Henrik Lund"),  # mgr
    C("Quick record for the file: the Helios operations team called us yesterday to complain about late "
      "deliveries; no named contact.", "log", account="helios"),  # mgr
    C("Can you capture that I had lunch with Maria Lopez, Vantor Energy's CTO, today? She's keen on the API "
      "roadmap but worried about the integration effort.", "log", account="vantor_energy",
      person="Maria Lopez"),  # mgr
    C("For the record: we met Acme's finance and store teams today. Renewal looks likely; price is the "
      "sticking point.", "log", account="acme"),  # mgr
    C("Erik and I had dinner in Oslo last night; he hinted they'd expand the contract to the offshore "
      "division. Log it against Vantor Energy.", "log", account="vantor_energy", person="Erik Dahl"),  # mgr
    C("Today I have visited Kestrel Aerospace and spoken with their purchasing people, they want a demo in "
      "January. Can you save this?", "log", account="kestrel"),  # new
    C("I had a telephone with Sofia Rossi, she was not happy about the invoice. Please write it down.", "log",
      account="vantor_health", person="Sofia Rossi"),  # new
    C("I met him yesterday, he likes our security solution. Please keep a note of this meeting.", "log",
      account="borealis", person="Jan Novak", memory=("borealis", "Jan Novak", "stakeholders")),  # new
    C("I want to register a meeting with Tom Becker from Vantor Health, we discussed the new tender.", "log",
      account="vantor_health", person="Tom Becker"),  # new
    C("I want to say that we had a call with Nordic Paper today, prices are agreed and the contract comes "
      "next week. Please keep this.", "log", account="nordic"),  # new

    # ---- review
    C("start helios reveiw", "review", account="helios"),  # rep
    C("k start the review on it", "review", account="borealis", memory=("borealis", None, "next")),  # rep
    C("It's been three months since we last looked properly at Nordic Paper. Let's kick off the account "
      "review now.", "review", account="nordic"),  # mgr
    C("The monthly review for Acme is overdue. Please start it so we can work through the checklist today.",
      "review", account="acme"),  # mgr
    C("I would like to begin the regular check of the Vantor Energy account, with the checklist.", "review",
      account="vantor_energy"),  # new

    # ---- method
    C("star vs status quadrnt?? whats the diff", "method"),  # rep
    C("whats a perception gap", "method"),  # rep
    C("We're debating internally how many key accounts is too many. What does the KAM literature "
      "recommend?", "method"),  # mgr
    C("When an account looks very attractive to us but the customer sees us as a weak supplier, what's the "
      "recommended strategy?", "method"),  # mgr
    C("How often should strategic accounts be reviewed compared with candidates, according to best "
      "practice?", "method"),  # mgr
    C("In the methodology, what's the role of an executive sponsor on a key account, and why does it "
      "matter?", "method"),  # mgr
    C("Our team disagrees on how the weighted account score is calculated. Can you explain the formula?",
      "method"),  # mgr
    C("What is the difference between an economic buyer and a decision maker? I confuse them.", "method"),  # new
    C("Please explain me what means a 'single-threaded' account and why it is a problem.", "method"),  # new
    C("What criteria do companies normally use to choose their most important customers?", "method"),  # new

    # ---- unknown
    C("how many pto days do i hve left", "unknown"),  # rep
    C("vpn down again?? who do i call", "unknown"),  # rep
    C("I travelled to Hamburg for a customer meeting last week. How do I submit the train ticket for "
      "reimbursement?", "unknown"),  # mgr
    C("Our CEO mentioned the company's headcount at the town hall. How many employees do we have worldwide "
      "now?", "unknown"),  # mgr
    C("What was our share price at yesterday's close?", "unknown"),  # mgr
    C("Can you book for me a meeting room on Thursday at 14:00?", "unknown"),  # new
    C("Do you know if it will rain in Oslo tomorrow? I must go to a customer.", "unknown"),  # new
    C("Where can I find the form for changing my bank account for the salary?", "unknown"),  # new
)
