"""How people ask for each intent: the phrasings the embedding classifier compares a message to.

`{a}` stands for an account and `{p}` for a person; the router puts the same placeholder words
in place of the account and people it finds in a message before classifying it, so exemplars
and messages look alike whatever the names. Keep 10-30 per intent, varied in wording and
register (questions, orders, slang, terse notes).
"""
from __future__ import annotations

ACCOUNT_WORD = "Contoso"
PERSON_WORD = "Pat Smith"

EXEMPLARS: dict[str, tuple[str, ...]] = {
    "help": (
        "help", "what can you do?", "how do I use this bot?", "what commands are there?",
        "show me the commands", "what can I ask you?", "hi, what do you do?", "hello",
        "how does this assistant work?", "commands please", "I'm lost, what can you do for me?",
        "what are your features", "usage", "list the things you can do", "hey there",
        "what should I type?", "how do I log a meeting with you?", "help with logging",
    ),
    "accounts": (
        "list my key accounts", "show key accounts", "which accounts are key?", "list all accounts",
        "show me the watch list", "which accounts are candidates?", "what's on the watchlist?",
        "list regular accounts", "give me all our accounts", "how many key accounts do we have?",
        "accounts", "show me the accounts", "which customers are key accounts?",
        "who's on the candidate list", "which accounts should we watch?", "all accounts please",
        "our top accounts", "key account list", "what accounts do we have", "show candidates",
    ),
    "account": (
        "tell me about {a}", "{a}", "show {a}", "what's the status of {a}?", "{a} account card",
        "how is {a} doing?", "give me the account card for {a}", "overview of {a}",
        "what tier is {a}?", "who owns {a}?", "{a} revenue and profit", "how much do we make with {a}?",
        "info on {a}", "{a} details", "when is the next review for {a}?", "who is the sponsor of {a}?",
        "which quadrant is {a} in?", "summary of {a}", "what do we know about {a}?", "{a} please",
        "pull up {a}", "is {a} a key account?", "how profitable is {a}", "quick look at {a}",
        "open the {a} account", "how are things at {a}?", "account overview {a}",
        "who is the account manager for {a}?", "who's the KAM on {a}?",
    ),
    "portfolio": (
        "show the portfolio", "portfolio matrix", "show me the matrix", "where are our accounts in the quadrants?",
        "80/20 view", "which accounts make 80% of the profit?", "portfolio overview", "are we over the key account cap?",
        "show the two-axis chart", "strategic star status streamline accounts", "how is our portfolio balanced?",
        "the attractiveness vs strength chart", "pareto of profit", "show the portfolio chart",
        "which accounts are strategic?", "selection warnings", "portfolio check", "the big picture of all accounts",
    ),
    "score": (
        "what's the score of {a}?", "show scores for {a}", "how does {a} score?", "{a} scores",
        "score card for {a}", "how attractive is {a}?", "{a} weighted score", "scoring of {a}",
        "what did we score {a} on product fit?", "show me the criteria scores for {a}",
        "how did {a}'s score change?", "score history of {a}", "rate {a}", "what's {a} rated",
    ),
    "score_set": (
        "set {a} product fit to 8", "score {a} solvency 6", "give {a} an 8 for product fit",
        "change {a} solvency score to 4", "update {a} scores: product fit 7, solvency 5",
        "{a} product fit 9", "rate {a} 7 on cultural fit", "set the solvency of {a} to 3",
        "mark {a} revenue potential as 9", "{a}: product fit 8, relationships 6",
        "bump {a}'s product fit to 8", "lower {a} solvency to 2", "score {a} 8 on buying process",
    ),
    "nominate": (
        "nominate {a} as a key account", "make {a} a key account", "promote {a} to key",
        "I want {a} to be key", "put {a} forward as key account", "nominate {a}",
        "{a} should be a key account, they doubled volume", "can we make {a} key?",
        "propose {a} for key account status", "upgrade {a} to key account", "add {a} to the key accounts",
        "request key status for {a} because of the new plant", "let's make {a} strategic and key",
    ),
    "demote": (
        "demote {a}", "{a} should no longer be key, volumes fell", "remove {a} from key accounts",
        "downgrade {a} to regular", "end key status for {a} because they churned",
        "drop {a} from the key list", "{a} isn't key anymore", "request demotion of {a}",
        "take {a} off the key accounts, no growth", "make {a} a regular account again",
        "demote {a} because revenue dropped 60%", "{a} should be demoted",
    ),
    "plan": (
        "show the plan for {a}", "{a} plan", "account plan of {a}", "what's our plan with {a}?",
        "what are the objectives for {a}?", "{a} goals", "what are we trying to achieve at {a}?",
        "{a} strategy", "plan summary {a}", "show objectives and actions for {a}",
        "what's the long term goal for {a}", "what is the account plan for {a}?", "{a} objectives",
        "our strategy for {a}", "plan for {a} pls",
    ),
    "swot": (
        "swot for {a}", "{a} swot", "draft a swot for {a}", "strengths and weaknesses of {a}",
        "what are the threats at {a}?", "opportunities and threats for {a}", "swot analysis {a}",
        "what are {a}'s weaknesses?", "strengths of our position at {a}", "give me a SWOT of {a}",
        "risks and opportunities at {a}", "analyse {a} strengths weaknesses",
    ),
    "next": (
        "what's next for {a}?", "next steps for {a}", "what should I do next at {a}?", "{a} next actions",
        "what are the open actions for {a}?", "to do for {a}", "what's overdue at {a}?",
        "next best action {a}", "what should we do with {a} this week", "follow ups for {a}",
        "{a} todo", "what actions are due at {a}?", "what do I need to do for {a}",
        "recommend next moves for {a}",
    ),
    "stakeholders": (
        "who are the stakeholders at {a}?", "who's the economic buyer at {a}?", "who is the EB at {a}?",
        "who are the decision makers at {a}?", "stakeholder map {a}", "who do we know at {a}?",
        "who is our champion at {a}?", "relationship map for {a}", "who is the coach at {a}",
        "who signs the contract at {a}?", "who's the budget holder at {a}?", "contacts at {a}",
        "who is {p}?", "tell me about {p}", "who's the blocker at {a}?", "who is the CFO at {a}?",
        "coverage of {a}", "who are the key people at {a}?", "who is the technical buyer at {a}?",
        "{a} stakeholders", "who makes the decision at {a}?", "what is {p}'s role?",
        "and who's their economic buyer?", "is {a} single threaded?", "who are the gatekeepers at {a}",
        "what's {p}'s attitude towards us?", "who owns the relationship with {p}?", "people at {a}",
    ),
    "stakeholder": (
        "add {p} as CTO at {a}", "add {p} to {a} as the economic buyer", "{p} is the new CFO at {a}",
        "update {p}: influence 5", "{p} is now our champion at {a}", "set {p}'s role to decision maker",
        "new contact at {a}: {p}, head of procurement", "{p} is a blocker", "mark {p} as supportive",
        "change {p}'s title to VP Finance", "add stakeholder {p} at {a}", "{p} influence 4, attitude +1",
        "{p} reports to the CEO now", "add {p}, technical buyer, to the {a} map", "{p} turned hostile",
        "record {p} as gatekeeper at {a}",
    ),
    "log": (
        "log a meeting with {a}", "met {p} today, she's keen", "log that I called {p} today",
        "had a call with {p} at {a} yesterday, positive about renewal", "I met {p} from {a} this morning",
        "log {a}: met {p}, send contract Friday", "spoke to {p} today, they want a discount",
        "meeting with {a} went well, next step proposal by Monday", "note that {p} is worried about price",
        "just had lunch with {p}, good vibes", "record a call with {a}", "caught up with {p} last week",
        "visited {a} on Tuesday, demo went great", "log call: {p} unhappy with delivery delays",
        "had a meeting with {p}, need to send the draft contract by Friday", "emailed {p} yesterday",
        "{p} called me, they will sign next month", "log that I met {p} today",
    ),
    "review": (
        "review {a}", "start the review of {a}", "{a} review", "time for the {a} account review",
        "do the quarterly review for {a}", "review checklist for {a}", "let's review {a}",
        "record the review of {a}", "is the {a} review due?", "run the account review {a}",
        "monthly review of {a}",
        # without an account: the reviews due across accounts
        "which reviews are due this week?", "any overdue account reviews?", "upcoming account reviews",
        "what reviews do I have coming up?", "review schedule for the next weeks",
    ),
    "method": (
        "what is an economic buyer?", "how should we choose key accounts?", "what's the difference between star and status?",
        "what does the strategic quadrant mean?", "how many key accounts should we have?", "what is a coach in sales?",
        "how often should I review a key account?", "what is key account management?", "why is single threading bad?",
        "what does coverage amber mean?", "how do I build a stakeholder map?", "what makes a good account plan?",
        "what is mutual attractiveness?", "explain the portfolio matrix", "how do you score accounts?",
        "what criteria should we use to select key accounts?", "what's a gatekeeper?", "best practice for account plans",
        "how to handle a blocker?", "what is share of wallet?", "what is cost to serve?", "why demote a key account?",
        "what is the 80/20 rule in KAM?", "difference between decision maker and economic buyer",
        "how do I win over a hostile stakeholder?", "what is a perception gap?",
        "how do we decide which customers deserve key account status?", "what is the status quadrant?",
        "what does a streamline account need?", "why do we need an executive sponsor?",
        "what's the role of a key account manager?", "how do I run a QBR?",
        "what should a quarterly business review cover?", "how is key account management different from account management?",
        "how do I write a good SWOT?",
    ),
}
