"""Cue words: small, explainable nudges on top of the embedding similarity.

Each cue is a regex and the boost it gives an intent. They encode what the KAM vocabulary
makes certain ("swot", "demote", "=8") so the embedding only has to settle the rest.
"""
from __future__ import annotations

import re

_F = re.IGNORECASE
_PAST = (r"(?:today|yesterday|this\s+morning|this\s+afternoon|earlier|just\s+now|\d+\s+days?\s+ago|"
         r"last\s+(?:week|night|mon|tue|wed|thu|fri|monday|tuesday|wednesday|thursday|friday)|on\s+(?:mon|tue|wed|thu|fri)\w*)")
_ROLE_WORDS = (r"(?:economic\s+buyer|\beb\b|decision[\s\-]*makers?|\bdm\b|champion|coach|blocker|gatekeeper|"
               r"influencer|technical\s+buyer|user\s+buyer|budget\s+holder)")
_TITLE_WORDS = r"(?:ceo|cfo|cto|coo|cio|cmo|cpo|vp\b|head\s+of|director|manager)"
_ATTITUDE_WORDS = r"(?:supportive|hostile|neutral|sceptical|skeptical|negative|positive|detractor|fan\b)"

CUES: tuple[tuple[str, re.Pattern, float], ...] = (
    ("swot", re.compile(r"\bswot\b|\bstrengths?\b|\bweakness(?:es)?\b|\bthreat(?:s|en|ens|ened|ening)?\b", _F), 0.30),
    ("portfolio", re.compile(r"\bportfolio\b|\bmatrix\b|\b80\s*/\s*20\b|\b80-20\b|\bpareto\b|\bquadrants\b|"
                             r"key[\s\-]account\s+cap\b|over\s+the\s+cap\b", _F), 0.25),
    ("nominate", re.compile(r"\bnominat\w*|\bpromot\w*|\bupgrade\b|\bmake\b.{1,40}\bkey\b|key\s+(?:account\s+)?status\b|"
                            r"\bput\b.{1,40}\bforward\b|\bshould\s+be\s+(?:a\s+)?key\b", _F), 0.25),
    ("demote", re.compile(r"\bdemot\w*|\bdowngrad\w*|\b(?:not|no\s+longer|isn['’]?t|shouldn['’]?t)\s+(?:be\s+)?(?:a\s+)?key\b|"
                          r"\b(?:remove|drop|take)\b.{1,40}\b(?:from|off)\s+(?:the\s+)?key\b|\bend\s+key\s+status\b|"
                          r"\bregular\s+(?:account\s+)?again\b", _F), 0.35),
    ("score_set", re.compile(r"\w=\s*\d|\b(?:set|change|update|bump|lower|raise|give|rate|mark)\b.{0,60}\b(?:[1-9]|10)\b"
                             r"(?!\s*(?:%|days?|weeks?|months?|years?|am|pm|k\b|m\b))", _F), 0.20),
    ("score", re.compile(r"\bscor(?:e|es|ed|ing)\b|\brated?\b|\brating\b|\bhow\s+attractive\b", _F), 0.12),
    ("log", re.compile(r"\b(?:met|meeting|called|spoke|talked|lunch|dinner|coffee|visited|caught\s+up|emailed|"
                       r"phoned|rang|chatted|demo(?:ed)?|log(?:ged)?)\b", _F), 0.12),
    ("log", re.compile(rf"\b(?:met|called|spoke|talked|visited|caught\s+up|emailed|phoned|had\s+a\s+(?:call|meeting|chat)|"
                       rf"went)\b.*\b{_PAST}|\b{_PAST}\b.*\b(?:met|called|spoke|talked|visited|meeting|call)\b", _F), 0.15),
    ("log", re.compile(r"^\s*(?:please\s+)?(?:log|note|record)\b", _F), 0.15),
    ("stakeholder", re.compile(rf"\badd\b.{{1,40}}\b(?:as|to)\b|\bnew\s+(?:contact|stakeholder|person)\b|"
                               rf"\bis\s+(?:now\s+)?(?:our|the|their|a|an)\s+(?:new\s+)?(?:{_ROLE_WORDS}|{_TITLE_WORDS})|"
                               rf"\binfluence\s*[:=]?\s*\d|\battitude\s*[:=]?\s*[+\-]?\d|\breports\s+to\b|"
                               rf"\b(?:title|role)\s+to\b|\bmark\b.{{1,40}}\bas\b|\bturned\s+{_ATTITUDE_WORDS}|"
                               rf"\bis\s+(?:now\s+)?(?:a\s+)?{_ATTITUDE_WORDS}", _F), 0.20),
    ("stakeholders", re.compile(rf"\bwho(?:['’]s|\s+is|\s+are|\s+signs|\s+makes|\s+decides|\s+holds)\b.*"
                                rf"(?:{_ROLE_WORDS}|{_TITLE_WORDS}|\bsigns?\b|\bdecid|\bbudget\b|\bpeople\b|\bcontacts?\b)",
                                _F), 0.25),
    ("stakeholders", re.compile(r"\bstakeholders\b|\brelationship\s+map\b|\bcontacts\s+at\b|\bpeople\s+at\b|"
                                r"\bcoverage\b|\bsingle[\s\-]threaded\b|\bwho\s+do\s+we\s+know\b", _F), 0.15),
    ("next", re.compile(r"\bnext\s+(?:steps?|actions?|moves?|best)\b|\bwhat['’]?s\s+next\b|\bto[\s\-]?dos?\b|"
                        r"\bfollow[\s\-]?ups?\b|\boverdue\b|\bopen\s+actions\b|\bwhat\s+should\s+(?:i|we)\s+do\b",
                        _F), 0.20),
    ("plan", re.compile(r"\bplan(?:s|ned|ning)?\b|\bobjectives?\b|\bgoals?\b|\bstrategy\b", _F), 0.15),
    ("review", re.compile(r"\breview\b", _F), 0.15),
    ("accounts", re.compile(r"\b(?:list|all|which|our|my)\b.{0,20}\baccounts\b|\bwatch[\s\-]?list\b|\bcandidates\b|"
                            r"\bkey\s+accounts\b", _F), 0.12),
    ("method", re.compile(r"^\s*(?:what\s+(?:is|are|does|makes)\s+(?:an?\s+)?|what['’]s\s+an?\s+|how\s+(?:should|do|to|many|often|can)\b|"
                          r"why\b|explain\b|define\b)|\bdifference\s+between\b|\bbest\s+practices?\b|\bmean\b", _F), 0.12),
    # "how do you select key accounts": a how-to about the method, never a request for a list
    ("method", re.compile(r"^\s*how\s+(?:(?:do|does|should|can|would|could)\s+(?:you|we|i|one|people|teams?)|to)\s+"
                          r"(?!use\b|see\b|show\b|get\b|find\b|list\b|view\b|open\b|log\b|add\b|type\b|ask\b|talk\b|"
                          r"say\b|start\b|undo\b|cancel\b)[a-z]+", _F), 0.08),
    ("help", re.compile(r"^\s*(?:help|hi|hello|hey)\b|\bwhat\s+can\s+you\s+do\b|\bcommands\b|\bhow\s+do\s+i\s+use\b", _F), 0.20),
    ("account", re.compile(r"\btell\s+me\s+about\b|\boverview\b|\bstatus\s+of\b|\baccount\s+card\b|\bhow\s+is\b.*\bdoing\b|"
                           r"\btier\b|\brevenue\b|\bprofit\w*\b|\bwho\s+owns\b|\bowner\b|\bsponsor\b", _F), 0.10),
)


# A question ("is Helios a key account?", "who is the CTO?") asks to read, not to change anything.
QUESTION = re.compile(r"^\s*(?:is|are|does|do|has|have|who|what|which|when|where|how|whats|who['’]s|what['’]s)\b"
                      r"(?!.*\b(?:met|called|spoke|had\s+a)\b)", _F)
WRITES = ("score_set", "nominate", "demote", "stakeholder", "log")
QUESTION_PENALTY = -0.10


def cue_boosts(text: str) -> dict[str, float]:
    """intent -> summed boost of the cues found in the text."""
    boosts: dict[str, float] = {}
    for intent, pattern, boost in CUES:
        if pattern.search(text):
            boosts[intent] = boosts.get(intent, 0.0) + boost
    if QUESTION.search(text):
        for intent in WRITES:
            boosts[intent] = boosts.get(intent, 0.0) + QUESTION_PENALTY
    return boosts
