"""Cue words: small, explainable nudges on top of the embedding similarity.

Each cue is a regex and the boost it gives an intent. They encode what the KAM vocabulary
makes certain ("swot", "demote", "=8") so the embedding only has to settle the rest.
"""
from __future__ import annotations

import re

from kam_domain.language.exemplars import ACCOUNT_WORD, PERSON_WORD

_F = re.IGNORECASE
_PAST = (r"(?:today|yesterday|this\s+morning|this\s+afternoon|earlier|just\s+now|\d+\s+days?\s+ago|"
         r"last\s+(?:week|night|mon|tue|wed|thu|fri|monday|tuesday|wednesday|thursday|friday)|on\s+(?:mon|tue|wed|thu|fri)\w*)")
_ROLE_WORDS = (r"(?:economic\s+buyer|\beb\b|decision[\s\-]*makers?|\bdm\b|champion|coach|blocker|gatekeeper|"
               r"influencer|technical\s+buyer|user\s+buyer|budget\s+(?:holder|owner|authority)|purse[\s\-]strings|"
               r"final\s+(?:say|word|call)|techies?)")
# the tiers as a list: "the regular tier", "candidate ones"; two tiers offered as a choice ask which one an account is
_TIER = r"(?:key|candidate|regular)"
TIER_QUESTION = re.compile(rf"\b{_TIER}\s*(?:,|/|\bor\b)\s*(?:{_TIER}\s*(?:,|/|\bor\b)\s*)*(?:or\s+)?{_TIER}\b|"
                           r"\b(?:what|which)\s+tier\b|\btier\s+(?:is|are)\b|"
                           # "is ARG an important customer for us or a normal one?"
                           r"\b(?:important|key|strategic)\b.{0,30}\bor\s+(?:a\s+)?(?:normal|regular|standard|ordinary)\b|"
                           # "is nordic still key", "is helios a candidate?"
                           r"^\s*(?:is|are)\s+(?:\w+\s+){1,4}?(?:still\s+|already\s+|now\s+)?(?:an?\s+)?(?:key|candidate|regular)"
                           r"(?:\s+(?:account|acct|customer|client))?\s*[?.!]*\s*$",
                           re.IGNORECASE)
# "explain the portfolio matrix", "what does single-threaded mean": the concept, not our data
EXPLAIN = re.compile(r"(?:^|[.!?]\s+)(?:(?:can|could|would)\s+(?:you|u)\s+)?(?:please\s+|pls\s+)?(?:explain|define)\b|"
                     r"\bwhat\s+(?:do|does)\b.{1,60}\bmean\b|\bmeaning\s+of\b", re.IGNORECASE)
# asking for advice is asking about the method: "tips on building a relationship map", "any advice for a first review?"
ADVICE = re.compile(r"^\s*(?:any\s+)?(?:tips?|advice|pointers|best\s+practices?)\b|\bany\s+(?:tips|advice)\b|"
                    # the concepts compared: "how the Star and Strategic quadrants differ and what you're meant to do"
                    r"\bdiff(?:er|ers|erence|erences)?\b|\bcalculat\w*|\bformula\b|\baccording\s+to\b|\bat\s+what\s+point\b|"
                    r"\b(?:does|should)\s+a\s+team\b|\bin\s+general\s+terms\b|\b(?:you|we)(?:['’]re|\s+are)\s+(?:meant|supposed)\s+to\b",
                    re.IGNORECASE)
# product words that are the topic of an explanation or of advice, not something to show
_TOPIC_CUES = ("portfolio", "plan", "swot", "accounts", "score", "stakeholders", "review")
_NEGATION = r"(?:not|never|no\s+longer|isn['’]?t|shouldn['’]?t|won['’]?t|can['’]?t|doesn['’]?t|don['’]?t)"
# "how do I add a stakeholder with you?": a question about using the bot, not about the method
_ABOUT_THE_BOT = re.compile(r"\b(?:with|using|in)\s+(?:you|u|this\s+(?:bot|thing|app|tool)|the\s+bot)\s*[?.!]*\s*$", _F)
# "isn't key any more", "doesn't deserve key status", "no longer a key account": a demotion
# "isn't a key account yet" is no demotion: it is not key, yet
_NEGATED_KEY = rf"\b{_NEGATION}\s+(?:[a-z]+\s+){{0,3}}?(?:a\s+)?key\b(?!(?:\s+account)?\s+yet\b)"
# "please end their key account status", "remove the key status from this customer"
END_KEY_STATUS = (r"\b(?:end(?:ing)?|remov(?:e|ing)|drop(?:ping)?|revok(?:e|ing)|withdraw(?:ing)?|cancel(?:l?ing)?|"
                  r"tak(?:e|ing)\s+away|los(?:e|es|ing))\b(?:\s+\w+){0,3}?\s+key(?:\s+account)?\s+status\b|"
                  # "we should stop treating this account as key"
                  r"\bstop(?:ped|ping)?\s+(?:treating|calling|handling|managing|running)\b.{0,40}?\bas\s+(?:a\s+)?key\b")
# a tier change spelled out: "regular -> key" nominates, "from key to regular" demotes
TO_KEY = r"\b(?:regular|candidate)\s*(?:->|=>|→|to)\s*key\b"
FROM_KEY = r"\bkey\s*(?:->|=>|→|to)\s*(?:regular|candidate)\b"
_PERSON = re.escape(PERSON_WORD).replace(r"\ ", r"\s+")
_ACCOUNT = re.escape(ACCOUNT_WORD)
_TITLE_WORDS = r"(?:ceo|cfo|cto|coo|cio|cmo|cpo|vp\b|head\s+of|director|manager)"
_ATTITUDE_WORDS = r"(?:supportive|hostile|neutral|sceptical|skeptical|negative|positive|detractor|fan\b)"

CUES: tuple[tuple[str, re.Pattern, float], ...] = (
    # "s.w.o.t.", "sowt", "swto": the acronym dotted or with two letters swapped
    ("swot", re.compile(r"\bs\.\s?w\.\s?o\.\s?t\b|\b(?:sowt|wsot|swto)\b|\bswot\b|\bstrengths?\b|\bweakness(?:es)?\b|\bthreat(?:s|en|ens|ened|ening)?\b|"
                        r"\bweak\s+(?:spots?|points?|sides?)\b|\bstrong\s+(?:points?|sides?)\b|\bvulnerab\w*", _F), 0.30),
    ("portfolio", re.compile(r"\bportfolio\b|\bmatrix\b|\b80\s*/\s*20\b|\b80-20\b|\bpareto\b|\bquadrants\b|"
                             r"key[\s\-]account\s+cap\b|\b(?:limit|maximum|quota|allowed)\b.{0,40}\bkey\s+accounts?\b|"
                             r"\bkey\s+accounts?\b.{0,40}\b(?:limit|maximum|quota|allowed)\b|\b(?:the|our|configured|agreed)\s+cap\b|over\s+the\s+cap\b|\b(?:vs|versus|against|under|near)\s+the\s+cap\b|"
                             r"\bover[\s\-]?weighted\b|\bquadrant\s+(?:chart|view|matrix|map|grid|picture)\b|\b(?:whole|entire)\s+book\b|\bbalanc(?:e|ed)\b(?!\s+sheet)|\b80\s*%\s+of\s+(?:the\s+|our\s+)?(?:profit|revenue|margin)|"
                             r"\bfour\s+(?:boxes|quadrants|squares)\b|\btwo[\s\-]by[\s\-]two\b|\b2\s*x\s*2\b|\bbig\s+picture\b|"
                             r"\b(?:every|each|all\s+(?:our\s+)?)\s*(?:customer|account|client)s?\b.{0,20}\b(?:placed|sits?|stands?|falls?)\b|\battractiveness\b.{0,60}\b(?:position|strength)\b|"
                             r"\b(?:position|strength)\b.{0,60}\battractiveness\b|\bdepend\w*\b.{0,30}\bfew\s+(?:customers|accounts|clients)\b|"
                             r"\bfew\s+(?:customers|accounts|clients)\b.{0,30}\b(?:most|bulk)\b|"
                             r"\btoo\s+many\s+key\b|\b(?:selection\s+|cap\s+)?warnings?\b|"
                             r"\b(?:most|bulk)\s+of\s+(?:the|our)\s+(?:profit|margin|revenue|money)\b", _F), 0.25),
    # measured against the cap: "are we over the limit for how many key accounts we are allowed to have?"
    ("portfolio", re.compile(r"\b(?:over|above|exceed\w*|within|under|hit(?:ting)?)\s+(?:the\s+|our\s+)?(?:cap|limit|maximum|quota)\b",
                             _F), 0.15),
    # which accounts make the money: "are our key accounts the ones making the money?" (not "is acme making money")
    ("portfolio", re.compile(r"\b(?:accounts|customers|clients|ones|which|who)\b.{0,40}\b(?:mak|earn|generat|bring)\w*\s+"
                             r"(?:in\s+)?(?:us\s+)?(?:the\s+|our\s+)?(?:most\s+|real\s+)?(?:money|profits?|revenue|margins?)\b|"
                             r"\b(?:money|profits?|revenue|margins?)\s+(?:really\s+)?(?:comes?|coming)\s+from\b", _F), 0.25),
    # "should be a key account", "to become key"; not after a negation ("shouldn't be key" is a demotion)
    ("nominate", re.compile(TO_KEY + r"|(?<!stop\s)\btreat(?:ed|ing)?\b.{0,40}\bas\s+(?:a\s+)?(?:key|strategic|important)\b|"
                            r"\b(?:approve|accept|list|register|add)\b.{0,40}\bas\s+(?:a\s+)?key(?:\s+account)?\b|\bnominat\w*|(?<!got\s)(?<!been\s)(?<!was\s)(?<!gets\s)\bpromot\w*|\bupgrade\b|\bmake\b.{1,40}\bkey\b|key\s+(?:account\s+)?status\b|"
                            r"\bput\b.{1,40}\bforward\b|\b(?:be|become|becoming)\s+(?:one\s+of\s+)?(?:our\s+)?(?:most\s+important|strategic|top|key)\s+"
                            r"(?:customers?|accounts?|clients?)\b|\b(?:propos|suggest|submit|recommend|pitch)\w*\b.{1,40}\bkey\b|(?<!n't )(?<!n’t )(?<!not )(?<!never )(?<!longer )"
                            r"\b(?:be|become|becoming|turn\s+into)\s+(?:a\s+)?key\b", _F), 0.25),
    ("demote", re.compile(rf"\bdemot\w*|\bdowngrad\w*|{_NEGATED_KEY}|"
                          r"\b(?:remov|drop|tak)\w*\b.{1,40}\b(?:from|off|out\s+of)\s+(?:the\s+)?key\b|"
                          rf"{FROM_KEY}|\bend\s+key\s+status\b|"
                          r"\b(?:regular|normal|standard|ordinary)\s+(?:(?:account|customer|client|one)\s+)?again\b|"
                          rf"{END_KEY_STATUS}|\bnot\s+(?:so\s+|that\s+|very\s+)?important\b.{{0,40}}\bany\s*more\b|"
                          # "acme should go back to regular", "move nordic to regular", "make them a regular account"
                          r"\b(?:make|move|moved|moving|put|go|goes|going|drop|bring|become|back)\b(?:\s+\w+){0,3}?\s+(?:to\s+)?"
                          r"(?:a\s+)?regular\b(?!\s+(?:accounts|tier|ones|list)\b)", _F), 0.35),
    ("score_set", re.compile(r"\w=\s*\d|\b(?:go|goes|went|gone)\s+(?:up|down)\b.{0,20}\b(?:[1-9]|10)\b|"
                             r"\b(?:set|change|update|bump|lower|raise|give|rate|mark|correct(?:ed)?|adjust(?:ed)?|increase[ds]?|"
                             r"decrease[ds]?|reduce[ds]?|move[ds]?)\b.{0,60}\b(?:[1-9]|10)\b"
                             r"(?!\s*(?:%|days?|weeks?|months?|years?|am|pm|k\b|m\b))", _F), 0.20),
    ("score", re.compile(r"\bscor(?:e|es|ed|ing)\b|\brated?\b|\brating\b|\bhow\s+attractive\b|\bcriteria\b", _F), 0.12),
    ("log", re.compile(r"\b(?:met|meeting|called|spoke|talked|lunch|dinner|coffee|visited|caught\s+up|emailed|"
                       r"phoned|rang|chatted|demo(?:ed)?|log(?:ged)?)\b|\b(?:on|off)\s+(?:the|a)\s+(?:phone|call)\b|"
                       r"\b(?:phone|teams|zoom|video|quick|short)\s+call\b|\bcall\s+with\b", _F), 0.12),
    # "today I phoned the boss of nordic paper, he said...": we reached someone, told in the first person
    ("log", re.compile(r"\b(?:i|we)\s+(?:just\s+|finally\s+|also\s+)?(?:phoned|called|rang|met|visited|emailed|spoke|talked|"
                       r"chatted)\b(?!\s+(?:about|it)\b)", _F), 0.10),
    # a meeting told as it happened: "quick sync w/ ...", "had drinks with ...", "site visit at ...", "catch-up with ..."
    ("log", re.compile(r"\b(?:bumped|ran)\s+into\b|\b(?:qbr|review|meeting|call|demo|visit)\s+went\b|"
                       r"\b(?:quick\s+|short\s+|weekly\s+)?sync(?:ed)?\s+(?:w/?|with)\b|\bquick\s+sync\b|"
                       r"\bhad\s+(?:a\s+)?(?:lunch|dinner|drinks|coffee|breakfast|beers?|a\s+(?:quick\s+)?(?:sync|catch[\s\-]?up))\b|"
                       r"\bsite\s+vis\w*|\bcatch[\s\-]?up\s+(?:w/?|with)\b|\bcaught\s+up\b|\bworkshop\s+(?:w/?|with|at)\b|"
                       r"\b(?:presented|pitched|demoed|walked\s+(?:them|him|her)\s+through|met\s+up)\b", _F), 0.15),
    ("log", re.compile(rf"\b(?:met|meet|confirmed|mentioned|told\s+(?:me|us)|called|spoke|talked|visited|caught\s+up|emailed|phoned|sent|shared|presented|delivered|had\s+an?\s+(?:\w+\s+){{0,2}}?(?:call|meeting|chat|conference|session|workshop|presentation)|"
                       rf"went)\b.*\b{_PAST}|\b{_PAST}\b.*\b(?:met|called|spoke|talked|visited|meeting|call)\b", _F), 0.15),
    ("log", re.compile(r"^\s*(?:please\s+|pls\s+|kindly\s+)?(?:log|note|record|register)\b|^\s*for\s+the\s+record\b|\b(?:meeting|call|visit)\s+notes?\b|"
                       r"\b(?:log|register|record|note\s+down)\s+(?:a|the|my|this|our)\s+(?:meeting|call|visit|conversation|chat)\b",
                       _F), 0.15),
    # "please add this to the account history", "pls add to the notes": the meeting told before is to be logged
    ("log", re.compile(r"\badd\s+(?:this|that|it\s+)?\s*to\s+(?:the\s+|my\s+|our\s+)?(?:account\s+)?(?:history|notes?|log|timeline|"
                       r"activit(?:y|ies))\b|\bemail\s+exchange\b|\bphone\s+(?:talk|conversation|chat)\b|"
                       r"\b(?:register|record|log|capture|note|write)\s+(?:this|it|that)(?:\s+down)?\s*[.!]*\s*$|"
                       r"^\s*capture\s+this\b", _F), 0.25),
    # arranging a meeting is not reporting one: "book the big meeting room", "schedule a call for tuesday"
    ("log", re.compile(r"\b(?:book|reserve|schedule|arrange|set\s+up)\b.{0,30}\b(?:meeting|call|room|slot)\b|\bmeeting\s+rooms?\b",
                       _F), -0.20),
    # someone added by name: "please add one new stakeholder at Nordic: ...", "adding ... Laura Chen, to the map"
    ("stakeholder", re.compile(r"\badd(?:ing)?\s+(?:a\s+|one\s+|the\s+)?(?:new\s+)?(?:stakeholder|contact|person)\b|"
                               r"\badd(?:ing)?\b.{1,80}\bto\s+(?:the\s+|our\s+)?(?:stakeholder\s+|relationship\s+)?map\b|"
                               r"\b(?:put|add|note)\s+(?:that|this|it)\s+(?:in|on|into)\s+(?:the\s+)?(?:stakeholder\s+|relationship\s+)?map\b|"
                               r"\bupdate\s+the\s+(?:stakeholder\s+|relationship\s+)?map\b", _F), 0.20),
    # news about a person is an update to their entry: "Tom Becker left Vantor Health", "Mark has come round, he's
    # supportive now", "I'll own the relationship with Nina", "Bob should own her from now on"
    ("stakeholder", re.compile(rf"\b{_PERSON}\s+(?:has\s+)?(?:left|quit|resigned|retired)\b|\b(?:come|came)\s+round\b|"
                               rf"\b(?:changed\s+(?:his|her)\s+mind|warmed\s+up)\b|"
                               rf"\b(?:is|['’]s)\s+(?:now\s+|actually\s+|really\s+|more\s+)?(?:a\s+)?{_ATTITUDE_WORDS}|"
                               r"\b(?:put|set|make|add)\s+me\s+(?:in\s+)?(?:as\s+)?(?:the\s+)?(?:responsible|owner|relationship\s+owner)\b|"
                               rf"\b{_PERSON}['’]?s?\s+relationship\s+(?:should|will|must|to)\b|\bchange\s+the\s+(?:relationship\s+)?owner\b|"
                               rf"\bown(?:s)?\s+the\s+relationship\b|\b(?:should|will|to)\s+own\s+(?:him|her|them|{_PERSON})\b|"
                               r"\b(?:i['’]?ll|i\s+will)\s+own\b", _F), 0.25),
    ("stakeholder", re.compile(rf"\badd(?:ing)?\b.{{1,40}}\b(?:as|to)\b|\bnew\s+(?:contact|stakeholder|person)\b|"
                               rf"\bis\s+(?:now\s+)?(?:our|the|their|a|an)\s+(?:new\s+)?(?:{_ROLE_WORDS}|{_TITLE_WORDS})|"
                               rf"^\s*(?:please\s+|pls\s+|kindly\s+)?add\b.{{1,60}}\b{_TITLE_WORDS}|"
                               r"\b(?:been\s+)?(?:promoted|appointed)\s+(?:to|as)\b|\b(?:got|gets|was|been)\s+promoted\b|\btitle\s+is\s+now\b|"
                               rf"\b{_PERSON}\s+(?:is\s+)?now\s+(?:(?:our|the|their|a|an)\s+)?(?:{_ROLE_WORDS}|{_TITLE_WORDS}|{_ATTITUDE_WORDS})|"
                               rf"\b(?:influence|attitude)\s*(?:[:=]|->|to|is|now|of|at|should\s+be)?\s*[+\-]?\d|\breports\s+to\b|"
                               rf"\b(?:title|role)\s+to\b|\bmark\b.{{1,40}}\bas\b|\bturned\s+{_ATTITUDE_WORDS}|"
                               rf"\bis\s+(?:now\s+)?(?:a\s+)?{_ATTITUDE_WORDS}", _F), 0.20),
    # "set Pat Smith's title ...", "make Pat Smith our champion", "... set his attitude to 0": a named person changed
    ("stakeholder", re.compile(rf"\b(?:set(?!\s+up)|change|update|assign|make)\b.{{0,30}}\b(?:{_PERSON}|his|her|their)\b|"
                               rf"\b{_PERSON}\b.{{0,60}}\b(?:set(?!\s+up)|change|update)\s+(?:his|her|their)\b|"
                               rf"\bmake\s+(?:me|us|him|her)\s+(?:the\s+)?(?:relationship\s+)?owner\b|"
                               r"\b(?:i['’]?ll|i\s+will|i\s+am|i['’]?m)\s+(?:be\s+)?(?:the\s+)?(?:new\s+)?(?:relationship\s+)?owner\b|"
                               r"\bown\s+the\s+relationship\b", _F), 0.15),
    ("stakeholders", re.compile(rf"\bwho(?:['’]?s|['’]re|\s+is|\s+are|\s+signs|\s+makes|\s+decides|\s+holds|\s+has|\s+controls|\s+owns)\b.*"
                                rf"(?:{_ROLE_WORDS}|{_TITLE_WORDS}|\bsigns?\b|\bdecid|\bbudget\b|\bpeople\b|\bcontacts?\b)",
                                _F), 0.25),
    # about a person: "what's his story?", "IT director - name?", "anyone working against us?"
    ("stakeholders", re.compile(r"\bwhat['’]?s\s+(?:his|her|their)\s+(?:story|deal|background|angle|take)\b|"
                                r"(?:^|[\-–:,]\s*)name\s*\?|\bname\s+of\s+(?:the|their)\b|"
                                r"\b(?:anyone|anybody|someone|who)\b.{0,40}\bagainst\s+us\b", _F), 0.25),
    # how a person feels about us: "how does she feel about us?", "what is her position about us?"
    ("stakeholders", re.compile(rf"\bhow\s+(?:does|do)\s+(?:he|she|they|{_PERSON})\s+feel\b|\bfeel\s+about\s+us\b|"
                                r"\b(?:position|stance|attitude|view|opinion|feelings?)\s+(?:about|on|to|towards?|of)\s+(?:us|our)\b|"
                                r"\bthink\s+(?:of|about)\s+us\b|\bstand\s+on\s+us\b|\bsees?\s+us\b|"
                                r"\b(?:know|knows)\s+(?:anybody|anyone|someone|nobody|people)\b|\bimportant\s+people\b|"
                                r"\bwhich\s+people\b|\bknows?\s+whom\b|\bwho\s+knows\s+who\b|\bpeople\s+there\b|\bwho\s+(?:is|are)\s+important\b|"
                                rf"\b{_ACCOUNT}\s+(?:people|folks|contacts)\b", _F), 0.20),
    # one person's entry, to read: "pull up petra schmit", "what do we have on the Acme CIO?", "Pat Smith's details"
    ("stakeholders", re.compile(rf"\b(?:pull\s+up|show(?:\s+me)?|open|display|bring\s+up|look\s+up|"
                                rf"(?:details|info(?:rmation)?|entry|record|profile)\s+(?:of|on|about|for)|"
                                rf"(?:have|know|got)\s+(?:on\s+file\s+)?(?:on|about|for))\s+"
                                rf"(?:{_PERSON}|(?:the\s+)?(?:{_ACCOUNT}\s+)?{_TITLE_WORDS})|"
                                rf"\b{_PERSON}['’]?s?\s+(?:entry|details|profile|record|card|info)\b", _F), 0.25),
    # "all the people we talk to at X and what part they play in the buying"
    ("stakeholders", re.compile(r"\bpeople\s+we\s+(?:talk|speak|deal|work)\s+(?:to|with)\b|"
                                r"\bwhat\s+(?:part|role)s?\s+(?:they|he|she|each\s+\w+)\s+plays?\b", _F), 0.20),
    ("stakeholders", re.compile(r"\bstakeholders\b|\brelationship\s+map\b|\bcontact\s+records\b|\bevery\s+contact\b|"
                                r"\ball\s+(?:the\s+)?contacts\b|\bcontacts\s+at\b|\bpeople\s+at\b|"
                                r"\bcoverage\b|\bsingle[\s\-]threaded\b|\bwho\s+do\s+we\s+know\b", _F), 0.15),
    ("next", re.compile(r"\bpriorit(?:y|ies)\s+(?:\w+\s+)?(?:actions?|tasks?|to[\s\-]?dos?)\b|\bpending\b|\b(?:i|we)\s+(?:still\s+)?owe\b|\bon\s+(?:my|our)\s+plate\b|\boutstanding\b|\bbehind\s+on\b|"
                        r"\bnext\s+(?:steps?|actions?|moves?|best)\b|\bwhat['’]?s\s+next\b|\bto[\s\-]?dos?\b|"
                        r"\bfollow[\s\-]?ups?\b|\boverdue\b|\bopen\s+actions\b|\bwhat\s+should\s+(?:i|we)\s+(?:be\s+)?(?:do|doing)\b|"
                        r"\b(?:do|doing)\s+next\b|\bactions?\b.{0,25}\b(?:late|overdue|behind)\b|\bwhich\s+actions\b|\bwhat\s+do\s+(?:i|we)\s+do\s+(?:now|next)\b|\bwhat\s+now\b|"
                        r"\bwhat['’]?s\s+open\b|\bopen\s+(?:items|tasks|points)\b|\banything\s+open\b|\btasks?\b|\b(?:is|are)\s+late\b|\bnot\s+(?:yet\s+)?done\b|\bstill\s+open\b|"
                        r"\bdeadlines?\b|\bdue\s+(?:dates?|soon|this\s+week)\b|\bcoming\s+up\b|\bstuck\b|"
                        r"\b(?:i|we)\s+(?:need|have)\s+to\s+(?:do|push|chase|send|follow)\b|\bchas(?:e|ing)\b",
                        _F), 0.20),
    # what slipped: "anything I dropped the ball on", "did we forget to send", "what's slipping"
    ("next", re.compile(r"\bdrop(?:ped)?\s+the\s+ball\b|\bfall(?:en|ing)?\s+through\s+the\s+cracks\b|"
                        r"\b(?:forgot|forgotten|forget)\s+to\b|\bslipp(?:ed|ing)\b|\bpromised\b|\bcommitted\s+to\b",
                        _F), 0.20),
    ("plan", re.compile(r"\bplan(?:s|ned|ning)?\b|\bobjectives?\b|\bhorizons?\b|\bgoals?\b|\bstrategy\b|\btargets?\b|\bvalue\s+prop\w*|"
                        r"\bwhat\s+do\s+we\s+want\s+to\s+achieve\b|\bwrote\s+down\b", _F), 0.15),
    ("review", re.compile(r"(?<!next\s)(?<!last\s)\breview\b(?!\s+(?:date|due|went|was)\b)|\bqbrs?\b(?!\s+(?:went|was)\b)|\bchecklist\b|\bhealth[\s\-]?check\b|"
                          r"\b(?:regular|periodic|annual|yearly|quarterly)\s+(?:check|check[\s\-]?up|review)\b", _F), 0.15),
    # the reviews due across accounts: "any overdue reviews", "reviews coming up", "the review schedule"
    ("review", re.compile(r"\breviews\b(?:\s+\w+){0,3}?\s+(?:due|overdue|coming|upcoming|scheduled|planned|this\s+week|next\s+week)\b|"
                          r"\b(?:overdue|upcoming|due|pending|outstanding|scheduled)\s+(?:\w+\s+){0,2}?reviews\b|"
                          r"\breview\s+(?:schedule|calendar)\b", _F), 0.30),
    ("accounts", re.compile(r"\b(?:most\s+important|biggest|top|strategic|priority)\s+(?:customers|accounts|clients|ones)\b|"
                            rf"\bhow\s+many\s+(?:customers|accounts|clients)\b|\b(?:in|on|at)\s+(?:the\s+)?{_TIER}\s+(?:status|tier|level|list)\b|"
                            r"\b(?:list|all|which|our|my)\b.{0,20}\baccounts\b|\bwatch[\s\-]?list\b|\bcandidates\b|"
                            r"\bkey\s+accounts\b", _F), 0.12),
    # a tier as a list: "show the regular tier", "the candidate ones", "regular accounts"
    ("accounts", re.compile(rf"\b{_TIER}\s+(?:tier|ones|list)\b|\btier\s+of\s+{_TIER}\b|\bregular\s+accounts\b", _F), 0.20),
    # "what is a coach", not "what are our key accounts" (our own data); "what counts as good coverage"
    ("method", re.compile(r"^\s*(?:what\s+(?:is|are|does|makes)\s+(?!our\b|my\b|your\b|their\b|we\b)(?:an?\s+)?|"
                          r"what['’]s\s+an?\s+|how\s+(?:should|do|to|many|often|can)\b|"
                          r"why\b|explain\b|define\b)|\bdiff(?:erence)?\s+between\b|\bbest\s+practices?\b|\bmean\b|"
                          r"\bwhat\s+counts\s+as\b|\bwhat\s+does\s+good\b|\bin\s+general\b|\brule\s+of\s+thumb\b|"
                          r"\bwhen\s+(?:does\s+it\s+make\s+sense|should\s+(?:you|we|i|one))\b", _F), 0.12),
    ("method", ADVICE, 0.15),
    # the norm, not our data: "a good number of key accounts", "why does the 80/20 rule matter"
    ("method", re.compile(r"\b(?:companies|teams|people|organi[sz]ations|firms|others)\s+(?:normal+y|usual+y|typical+y|general+y)\b|"
                          r"^\s*is\s+it\s+(?:bad|ok|okay|fine|normal|risky|wise|smart|dangerous|a\s+problem)\b|"
                          r"\b(?:at|in|for|with)\s+an?\s+(?:account|acct|customer|client)\b|"
                          r"\bgood\s+(?:number|amount|size|way)\b|\bright\s+(?:number|amount|size|way)\b|"
                          r"\bideal(?:ly)?\b|\bbest\s+way\b|\bproperly\b|\bmatters?\b", _F), 0.10),
    # "how do you select key accounts": a how-to about the method, never a request for a list
    ("method", re.compile(r"^\s*how\s+(?:(?:do|does|should|can|would|could)\s+(?:you|we|i|one|people|teams?)|to)\s+"
                          r"(?!use\b|see\b|show\b|get\b|find\b|list\b|view\b|open\b|log\b|add\b|type\b|ask\b|talk\b|"
                          r"say\b|start\b|undo\b|cancel\b)[a-z]+", _F), 0.08),
    ("help", re.compile(r"^\s*(?:help|hlp|halp|hepl|hi|hello|hey)\b|\bwhat\s+can\s+you\s+do\b|\bcommands\b|\bhow\s+do\s+i\s+use\b", _F), 0.20),
    # how to type a command: "the syntax for the stakeholder command", "usage of log"
    ("help", re.compile(r"\bexamples?\s+(?:of\s+)?(?:questions?|commands?|things\s+to\s+ask)\b|"
                        r"\bwhat\s+(?:you|u)\s+can\s+(?:help\s+(?:me\s+)?with|do)\b|"
                        r"\b(?:you|u)(?:['’]re|\s+are)\s+able\s+to\s+(?:help|do)\b|\bcan\s+(?:you|u)\s+help\s+(?:me\s+)?with\b|"
                        r"\bwhat\s+(?:kind\s+of\s+|sort\s+of\s+)?(?:questions|things)\s+can\s+i\s+ask\b|\b(?:syntax|usage)\b|\bcommand\s*[?.!]*\s*$|\bwhat\s+do\s+i\s+type\b", _F), 0.15),
    # the reasons behind the method: "the rationale behind the strategic quadrant"
    ("method", re.compile(r"\brationale\b|\breasoning\s+behind\b|\blogic\s+behind\b|\bthinking\s+behind\b|"
                          r"\bliterature\b|\btextbooks?\b|\btheory\b|\b(?:is|are)\s+calculated\b|\bformula\b", _F), 0.15),
    ("help", _ABOUT_THE_BOT, 0.20),
    ("method", EXPLAIN, 0.15),
    ("account", TIER_QUESTION, 0.25),
    # our own side of the account (its owner) is on the card, not on the customer's stakeholder map
    ("account", re.compile(r"\b(?:kam|account\s+(?:manager|owner|lead|director|exec(?:utive)?))\b(?!\s+(?:process|method|team\s+size))|"
                           r"\bwho\s+(?:looks\s+after|covers|handles|runs|manages)\b|"
                           r"\b(?:responsible|person|owner|lead|contact)\s+(?:from|on)\s+our\s+side\b|"
                           r"\bhow\s+much\s+(?:business|revenue|money|volume)\b|"
                           r"\bresponsible\s+(?:person|for)\b|\bin\s+charge\s+of\b", _F), 0.20),  # "kestrel: key, candidate or regular?", "what tier is helios"
    ("account", re.compile(r"\btell\s+me\s+about\b|\banything\s+new\b|\bwhat['’]?s\s+new\b|\blatest\s+(?:on|at|with)\b|"
                           r"\boverview\b|\bsummary\b|\boverall\s+picture\b|\brecord\s+(?:for|of|on)\b|"
                           r"\bpull\s+(?:up\s+)?(?:the\s+)?(?:record|card|file|details)\b|\bsnapshot\b|\brundown\s+(?:on|of)\b|\bstatus\s+of\b|\baccount\s+card\b|\bhow\s+is\b.*\bdoing\b|"
                           r"(?<!key\s)(?<!regular\s)(?<!candidate\s)\btier\b|\brevenue\b|\bprofit\w*\b|\bwho\s+owns\b|(?<!relationship\s)\bowner\b|\bsponsor\b|"
                           # "how are we doing with X", "how are things going at X": how the account is going
                           r"\bhow(?:['’]s|\s+is|\s+are)\b.{0,30}\b(?:doing|going|things)\b", _F), 0.10),
    # questions about the portfolio that name no account (bot/handlers/insights.py): the list asked for, not
    # the list of accounts ("which key accounts have gone cold?", "accounts owned by Hannah")
    ("growth", re.compile(r"\bgrow(?:ing|th|n)\b|\bgrew\b|\bshrink\w*|\bdeclin(?:ing|ers?)\b|\brevenue\s+(?:drops?|fell|falling)\b", _F), 0.12),
    ("margins", re.compile(r"\bmargins?\b|\bunprofitable\b|\blos(?:e|ing)\s+(?:us\s+)?money\b|\bloss[\s\-]?making\b|"
                           r"\bin\s+the\s+red\b|\bcost(?:s)?\s+(?:us\s+)?(?:the\s+)?most\s+to\s+serve\b|\bexpensive\s+to\s+serve\b", _F), 0.12),
    ("gaps", re.compile(r"\b(?:without|no|missing|lack(?:s|ing)?|need)\s+(?:an?\s+|any\s+)?(?:account\s+)?"
                        r"(?:plans?|(?:exec(?:utive)?\s+)?sponsors?|(?:slack\s+)?channels?)\b|"
                        r"\b(?:not|no|haven['’]?t|hasn['’]?t)\s+(?:been\s+)?(?:contacted|spoken|talked|met)\b.{0,30}\b\d+\s+(?:days|weeks|months)\b|"
                        r"\bno\s+(?:recent\s+)?contact\b", _F), 0.15),
    ("cold", re.compile(r"\b(?:gone|going|went|turned)\s+cold\b|\bcold\s+(?:key\s+)?(?:people|contacts?|stakeholders?|relationships?)\b|"
                        r"\blost\s+touch\b|\bneglect\w*", _F), 0.15),
    ("trends", re.compile(r"\b(?:engagement|loyalty)\b|\b(?:fewer|less\s+frequent)\s+meetings\b|\bmeeting\s+(?:\w+\s+)?less\b", _F), 0.12),
    ("movers", re.compile(r"\bquadrants?\b.{0,25}\b(?:mov\w*|chang\w*|shift\w*|switch\w*)|"
                          r"\b(?:mov\w*|chang\w*|shift\w*|switch\w*|slid|slipp\w*)\b.{0,30}\bquadrants?\b|\bmovers\b", _F), 0.15),
    # (a capital letter starts a colleague's name: case matters there only)
    ("owned-by", re.compile(r"(?i:\b(?:accounts?|customers?|clients?)\s+(?:owned|managed|run|handled|sponsored)\s+by\b)|"
                            r"(?i:\b(?:does|do|is))\s+[A-Z]\w+(?:\s+[A-Z]\w+)?\s+(?i:own|manage|look\s+after|work\s+on|handle|run|sponsor)\b|"
                            r"(?i:\b(?:am\s+i|i['’]m)\s+(?:on|the\s+kam|kam)\b|\bdo\s+i\s+(?:own|manage|look\s+after|work\s+on)\b)|"
                            r"\b[A-Z]\w+['’]s\s+(?i:(?:key\s+)?accounts)\b|(?i:\baccounts\s+(?:for|of))\s+[A-Z]\w+"), 0.15),
)


# A question ("is Helios a key account?", "who is the CTO?") asks to read, not to change anything.
QUESTION = re.compile(r"^\s*(?:is|are|does|do|has|have|who|what|which|when|where|how|whats|who['’]s|what['’]s)\b"
                      r"(?!.*\b(?:met|called|spoke|had\s+a)\b)", _F)
# "can you log that I met Ana?", "pls add Tim as CTO?": a request, even with a question mark
REQUEST = re.compile(r"^\s*(?:(?:can|could|would|will)\s+(?:you|u)|please|pls|kindly)\b|"
                      r"\b(?:would\s+it\s+make\s+sense\s+to|(?:could|can|shall)\s+(?:we|you|u))\b", _F)
WRITES = ("score_set", "nominate", "demote", "stakeholder", "log")
QUESTION_PENALTY = -0.10
ABOUT_THE_BOT_METHOD = -0.15


def cue_boosts(text: str) -> dict[str, float]:
    """intent -> summed boost of the cues found in the text."""
    boosts: dict[str, float] = {}
    for intent, pattern, boost in CUES:
        if pattern.search(text):
            boosts[intent] = boosts.get(intent, 0.0) + boost
    if _ABOUT_THE_BOT.search(text):
        boosts["method"] = ABOUT_THE_BOT_METHOD  # a how-to about the bot is help, not the method
        boosts["help"] = boosts.get("help", 0.0) + 0.10
    if EXPLAIN.search(text) or ADVICE.search(text):
        for intent in _TOPIC_CUES:  # the product word is what to explain, not what to show
            boosts.pop(intent, None)
    tier_question = TIER_QUESTION.search(text)
    if tier_question:
        boosts.pop("nominate", None)  # asking which tier an account is changes nothing
        boosts.pop("accounts", None)
    if "nominate" in boosts and re.search(FROM_KEY, text, _F):
        del boosts["nominate"]  # "from key to regular" changes the tier, downwards
    if "nominate" in boosts and re.search(END_KEY_STATUS, text, _F):
        del boosts["nominate"]  # "end their key account status" names the status it ends
    if "nominate" in boosts and re.search(_NEGATED_KEY, text, _F):
        del boosts["nominate"]  # "doesn't deserve key status" is no nomination
    if QUESTION.search(text) or tier_question or (text.rstrip().endswith("?") and not REQUEST.search(text)):
        for intent in WRITES:
            boosts[intent] = boosts.get(intent, 0.0) + QUESTION_PENALTY
    return boosts


# Our own company's business, not an account's: with no account or person named, none of our intents fits
# ("how many employees do we have worldwide", "can you approve my holiday request", "wifi password?").
OFF_TOPIC = re.compile(r"\b(?:headcount|employees|salar(?:y|ies)|payroll|pay\s*slips?|vacation|holidays?|annual\s+leave|"
                       r"sick\s+leave|expenses?|reimburse\w*|wifi|wi-fi|passwords?|laptops?|printers?|pizza|weather|"
                       r"football|cricket|rugby|tennis|golf|canteen|parking|town\s+hall|merge|duplicates?|salesforce|hubspot|"
                       r"jira|tickets?|exchange\s+rates?|currency|fx|share\s+price|stock\s+price|eur|usd|gbp|nok|sek|"
                       r"cold\s+(?:outreach|emails?|calls?)|prospects?|(?:meet\w*|conference)\s+rooms?|"
                       r"book\s+(?:me\s+|us\s+)?(?:a|an|the)\s+\w+|performance\s+reviews?|self[\s\-]assessments?|appraisals?)\b", _F)


# The method guides' subject: a question goes to the guides if it speaks KAM's own vocabulary (or is
# close to a method exemplar). Everyday words ("score", "plan", "price") are not enough: "what's the
# score of the arsenal game", "what time is it in tokyo" are not method questions.
KAM_VOCABULARY = re.compile(
    rf"\b(?:kam|key[\s\-]accounts?|account\s+(?:plan\w*|management|managers?|reviews?|selection|teams?)|"
    rf"strategic\s+accounts?|stakeholders?|{_ROLE_WORDS}|buyers?|decision[\s\-]*mak\w*|executive\s+sponsors?|"
    r"sponsors?|portfolio|quadrants?|streamline|swot|qbrs?|business\s+reviews?|criteria|attractiveness|"
    r"selection|nominat\w*|demot\w*|coverage|(?:single|multi)[\s\-]?thread(?:ed|ing)?|"
    r"relationship\s+maps?|share\s+of\s+wallet|cost\s+to\s+serve|pareto|80\s*/\s*20|profitability|"
    r"perception\s+gaps?|relationships?|weighted\s+scor\w*|scoring\s+model|criteria\s+weights?|mutual|value\s+proposition|upsell\w*|cross[\s\-]sell\w*|negotiat\w*|procurement)\b", _F)


# Sales work that is not key account management, even for an account we know: quotes, invoices, contracts,
# calendar invites, CRM stages, the stock price. "send the invoice to helios" is not "tell me about Helios".
_ASK = r"(?:^|[.!?;]\s+|\b(?:can|could|would|will)\s+(?:you|u)\s+|\b(?:please|pls|kindly)\s+)"
_PAPERWORK = (r"(?:invoices?|quotes?|quotations?|price\s*lists?|pric(?:es|ing)\s+(?:sheet|table|list)s?|discounts?|"
              r"contracts?|(?:renewal\s+)?offers?|(?:zoom|teams|meet|webex|calendar|outlook)\s+(?:links?|invites?|"
              r"invitations?|meetings?)|invit(?:e|es|ation|ations)|flowers|gifts?|e-?mails?|newsletters?|"
              r"(?:purchase|sales)\s+orders?|slides?|slide\s+decks?|powerpoints?|(?:sales\s+)?forecasts?|"
              r"(?:meeting\s+)?rooms?|flights?|hotels?|taxis?|venues?|job\s+(?:ads?|adverts?|postings?|descriptions?))")
_CRM_RECORD = r"(?:(?:opportunity|deal|pipeline|sales)\s+stages?|opportunit(?:y|ies)|salesforce|hubspot|(?:the\s+)?crm\b)"
OFF_TASK = re.compile(
    rf"{_ASK}(?:send|generate|create|draft|prepare|write|order|issue|raise|make|produce|book)\s+(?:\w+\s+){{0,3}}?{_PAPERWORK}\b|"
    rf"{_ASK}(?:update|change|move|set|close|mark)\s+(?:\w+\s+){{0,3}}?{_CRM_RECORD}|"
    r"\b(?:stock|share)\s+price\b|\bcommissions?\b|\bforecast(?:s|ing)?\b\s+(?:\w+\s+){0,2}?(?:revenue|sales|pipeline|bookings)\b|"
    r"^\s*forecast\b", _F)
# ... unless the message tells a meeting (a log that mentions a contract or a quote)
_TOLD = re.compile(r"\b(?:met|meeting(?!\s+rooms?)|called|spoke|talked|visited|phoned|chatted|emailed|told\s+(?:me|us)|"
                   r"mentioned|asked\s+(?:for|about)|had\s+(?:a\s+)?(?:call|meeting|lunch|coffee|chat|demo))\b", _F)


def asks_for_other_work(text: str) -> bool:
    """"generate a price quote for Borealis", "update the opportunity stage in Salesforce": not ours."""
    return OFF_TASK.search(text) is not None and _TOLD.search(text) is None
