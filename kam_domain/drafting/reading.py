"""Reading a note as a key account manager does. Pure.

- `routine`: scheduling and admin ("Set up 3 new dispatcher logins", "Tough meeting with Lars
  Henriksen.") make no SWOT point;
- `quadrant_evidence`: what a statement means for us, from its words: a competitor's move, a
  price demand, a deadline or lost volume is a threat; our gap a weakness; the customer's trust
  and our measured wins a strength; the customer's own plan an opportunity;
  who acts and for whom (`drafting.meaning`) decides over the single cue words when it is clear;
- `salience`: facts first (numbers, money, percentages, dates, named competitors);
- `named_subject`: a statement opening with "He"/"She"/"They" gets its subject named from the note.
"""
from __future__ import annotations

import re

import numpy as np

from kam_domain.drafting.meaning import meaning

QUADRANTS = ("strength", "weakness", "opportunity", "threat")
_F = re.IGNORECASE

_ROUTINE = re.compile(
    r"^(?:(?:good|great|tough|difficult|frank|escalation|admin|check-in|quarterly|annual|yearly|courtesy|teams|short|"
    r"intro\w*|first|"
    r"follow-up|weekly|monthly)\s+)?(?:meeting|call|conversation|lunch|dinner|review|qbr|catch-up|visit|session|"
    r"email|chat)\s+(?:with|from|at)\b[^.;:]{0,60}[.;:]?$"
    r"|^(?:updated|set up|trained|walked|sent|scheduled|booked|moved|rescheduled|shared the agenda|training sessions?|trainings?|"
    r"admin call|check-in call|email from|presented|reviewed the plan|nothing open|next (?:qbr|meeting|call) "
    r"(?:is )?(?:scheduled|booked|planned))\b"
    r"|\b(?:insurance certificate|bank-details letter|billing contact|po number|release notes|new logins?|"
    r"dispatcher logins|took \d+ minutes|out of office|on holiday)\b"
    # "PCD proposal was sent 28 April.", "Next service window booked for October.": admin done, nothing for a SWOT
    r"|^(?!.*\b(?:we|our|us)\b)[^,.;:]{0,50}\b(?:sent|booked|scheduled|rescheduled|submitted|prepared)\b[^,;:]{0,40}$", _F)
_ASKED_FOR = re.compile(r"^(?:[A-Z][\w'’\-]+\s*){1,3}(?:\([^)]*\)\s*)?asked (?:us |me )?for\b")

# Signals per quadrant, strongest first. A hit adds RULE_WEIGHT to the quadrant's score.
_RULES: dict[str, tuple[str, ...]] = {
    "threat": (
        r"\b(?:offered|quoted|quotes?|priced)\b[^.]*\b(?:below|under|cheaper|less than)\b",
        r"\d+\s?% (?:below|under|cheaper)\b", r"\bbelow (?:us|our)\b",
        r"\b(?:piloting|free trial|trial of|trial with|trial at|started a trial|running a trial|is trialling)\b",
        r"\b(?:rebate|discount|\d+\s?% off|price lock|price freeze|match (?:\w+'s|the) (?:price|terms))\b",
        r"\bre-?tender\w*|\btender\b(?! (?:panel|committee|board))|\bRFP\b|\bshortlist\w*\b[^.]*\band\b",
        r"\botherwise\b|\blook elsewhere\b|\bdrop us\b|\bswitch\w*\b",
        r"\bdecision (?:by|expected|due|on|in|at)\b|\bwants a decision\b|\bdecide by\b",
        r"\b(?:sold|divest\w*|off (?:our|the) contract|insourc\w*|in-house|(?:budget|cost|spend\w*|price|job) cuts?|frozen|freeze|"
        r"reviewing all vendors|merger|acquired by|leaving|leaves|resign\w*|contract ends|terminat\w*|churn)\b",
        r"\b(?:delay\w*|postpon\w*|cancel\w*) (?:the|their|its) (?:expansion|project|investment|order)\b|"
        r"\b(?:sell|selling) (?:the|their|its) (?:division|business|unit|company|plant)\b|\brumou?r\b",
        r"\bescalat\w*\b|\bcompetitors?\b|\brival\b",
        r"\b(?:capex|budgets?|spend\w*|volumes?|reimbursements?|orders?|headcount)\b[^.]{0,30}\b(?:reduced|cut|down|"
        r"lower\w*|dropp\w*|fell|fall\w*|frozen)\b",
        r"\b(?:cost reduction|savings plan|saving\w* target|central procurement|procurement moves|on hold|"
        r"price increase|replace us|turned against us|against us)\b",
    ),
    "weakness": (
        r"\b(?:our|we)\b[^.]*\b(?:late|behind|slow|weak|froze|freez\w*|failed|missed|above|too high|expensive|"
        r"not acceptable|rate limits?|backlog|outage|bugs?|incident|cannot|can't|no longer|lost)\b",
        r"\b(?:behind on price|above (?:us|them|\w+ on price)|too expensive|way too|not acceptable|weak on|"
        r"still replans?|by hand|froze|freezing|false alerts|ignoring alerts|negative margin|loss-making|"
        r"three times what the contract|above contract|\d+ weeks? (?:late|behind)|behind on)\b",
        r"\b(?:cool on us|skeptic\w*|sceptic\w*|frustrated|unhappy with (?:us|our)|critic\w*|not convinced|complain\w*|"
        r"price-driven|only cares about price|cares only about price|polite but)\b",
        r"\b(?:no (?:contact|sponsor|one|relationship)|nobody(?! else)|only know|never met)\b",
        r"\b(?:worse than|fails?|failing|broken|crash\w*|drop\w* offline|los(?:e|es|ing) (?:\w+ )?data|manual fixes|"
        r"never trialled|not trialled|no (?:\w+ )?(?:cover|coverage)|waits? \d+ days?|out-of-spec|blockages?|"
        r"we do not know|we don't know)\b",
    ),
    "strength": (
        r"(?<!more )(?<!looks )(?<!feels )(?<!seems )(?<!just )(?<!would )\b(?:likes?|liked|loves?)\b",
        r"\bwe (?:caught|prevented|saved|spotted|detected|fixed|solved)\b|\bbefore any (?:product )?loss\b",
        r"\b(?:trusts?|trusted|convinced|strong supporter|champion|prefers? us|still prefers|"
        r"praised|happy|pleased|positive|warmed up|impressed|best \w+ (?:change|supplier|vendor)|is fine|"
        r"works well|went well|upbeat|ahead (?:on|of))\b",
        r"\b(?:down|up|cut|saved|reduced|improved)\b[^.]{0,40}\b\d+(?:\.\d+)?\s?%|"
        r"\d+(?:\.\d+)?\s?% (?:saved|fewer|less)|"
        r"\bfrom \d+\s?% to \d+\s?%",
        r"\b(?:is live|went live|live on all|signed|renewed|extended (?:our|the) contract|we won)\b",
        r"\bprefers? one platform\b|\bcalls? us first\b",
        r"\b(?:defend\w* us|champions? us|backs? us|(?:is|are|firmly|squarely) on our side|our (?:supporter|champion|sponsor)|"
        r"promoted|"
        r"presents? our results|speaks? up for us|no (?:missing|lost|late)\b)",
    ),
    "opportunity": (
        r"\b(?:plans?|planning|opening|will open|new (?:stores?|sites?|hubs?|dcs?|plant|line|warehouses?|"
        r"centres?|centers?|project|subsidiary|factory|branch)|expan\w*|grow\w*|adding|add about)\b",
        r"\b(?:approved|budget|capex)\b[^.]*\b\d",
        r"\bopen to\b|\binterested in\b|\bwants? (?:it|us|our)\b[^.]*\ball\b",
        r"\basked (?:whether|if) we\b|\bintegrat\w* with their\b|\broll(?:ed)? (?:it )?out\b|"
        r"\b\d[\d,]* (?:more|extra)\b",
        r"\brenewal if\b|\b3-year renewal\b|\bmulti-year\b|\bframework\b|\bsingle supplier\b|\bservice credits\b",
        r"(?<!we )\bwon (?:a|an) (?:[\w-]+ ){0,4}(?:contract|licen[cs]e|tender|deal|order|project)\b",
        r"\basked (?:us |me )?for our\b|\bunhappy with (?:their|the) (?:current|other|existing)\b|"
        r"\blooking for (?:a |new )?(?:partners?|suppliers?|an alternative)\b|"
        r"\b(?:acquisition of|acquires|acquiring)\b|\bacquired (?!by)",
    ),
}
_RULE_RE = {q: [re.compile(p, _F) for p in patterns] for q, patterns in _RULES.items()}
RULE_WEIGHT = 0.2
MEANING_WEIGHT = 2 * RULE_WEIGHT  # who acts and for whom outweighs any single cue word
_LOSING_OURS = re.compile(r"\b(?:champion|sponsor|supporter|contact|ally)\b[^.]*\b(?:leaving|leaves|left|resign\w*|"
                          r"retir\w*|moves? to another)\b", _F)
_RIVAL_PRICE_CUT = re.compile(r"\b(?:cut|cuts|lowered|lowers|dropped|slashed)\s+(?:their|its)\s+prices?\b", _F)
_ACQUIRING = re.compile(r"\b(?:acquisition of|acquires|acquiring)\b|\bacquired (?!by)", _F)
_SELF_PRAISE = re.compile(r"\bgood signal\b|\bworth quoting\b|\bgood news\b|\bpraise\b", _F)
_BAD_NEWS = re.compile(r"\bbad news\b|\bwatch out\b|\bwarning\b|\brisk\b", _F)

_NUMBER = re.compile(r"\d")
_MONEY = re.compile(r"[$€£]\s?\d|\b(?:EUR|USD|GBP)\s?\d|\d\s?(?:k|m|bn|M)\b|\bmillion\b", _F)
_PERCENT = re.compile(r"\d\s?%")
_DATE = re.compile(r"\b(?:Q[1-4]|20\d\d|January|February|March|April|May|June|July|August|September|October|"
                   r"November|December|\d{1,2}/\d{1,2})\b")


def routine(text: str, label: str | None = None) -> bool:
    """Scheduling, admin and bare meeting openers: nothing for a SWOT."""
    if _ROUTINE.search(text):  # the label is no part of it: "Email from Ana: Kraftmann offered ..." is a fact
        return True
    return bool(_ASKED_FOR.search(text)) and not _NUMBER.search(text)


def quadrant_evidence(text: str, label: str | None = None) -> np.ndarray:
    """Rule evidence per quadrant (QUADRANTS order), to add to the similarity and cue scores."""
    scores = np.zeros(len(QUADRANTS), dtype=np.float32)
    for i, quadrant in enumerate(QUADRANTS):
        hits = sum(1 for pattern in _RULE_RE[quadrant] if pattern.search(text))
        scores[i] = RULE_WEIGHT * min(hits, 2)
    if _LOSING_OURS.search(text):  # our champion leaving is a threat, not a strength
        scores[0], scores[3] = 0.0, scores[3] + RULE_WEIGHT
    if _RIVAL_PRICE_CUT.search(text):  # "Kurogane cut their prices 12%": their cut, our threat
        scores[0], scores[3] = 0.0, scores[3] + 2 * RULE_WEIGHT
    if _ACQUIRING.search(text):  # the customer buying a competitor of theirs is growth, not our competitor
        scores[3] = max(0.0, scores[3] - RULE_WEIGHT)
    read = meaning(text)
    if read is not None:  # what it means for us decides; the other quadrants' cue rules no longer count
        decided = QUADRANTS.index(read.quadrant)
        scores[:] = np.where(np.arange(len(QUADRANTS)) == decided, scores.max() + MEANING_WEIGHT, 0.0)
    if label and _SELF_PRAISE.search(label):
        scores[0] += 2 * RULE_WEIGHT  # the note calls it a good signal: never a threat
        scores[3] -= 2 * RULE_WEIGHT
    elif label and _BAD_NEWS.search(label):
        scores[3] += RULE_WEIGHT
    return scores


def salience(text: str) -> float:
    """Facts first: numbers, money, percentages and dates make a point decision-relevant."""
    score = 0.0
    score += 0.04 if _NUMBER.search(text) else 0.0
    score += 0.04 if _MONEY.search(text) else 0.0
    score += 0.04 if _PERCENT.search(text) else 0.0
    score += 0.03 if _DATE.search(text) else 0.0
    return score


# --------------------------------------------------------------------------- naming the subject

_PERSON = re.compile(r"\b([A-Z][a-zà-ÿßöäüçğışñ'’\-]+(?:\s+[A-Z][a-zà-ÿßöäüçğışñ'’\-]+){1,2})\b")
_NOT_A_NAME = frozenset(
    "the our their this that email call met heard good great tough qbr internal account short head vp new bad "
    "watch open risk opening big weak honest worth quarterly teams site trade prep dinner lunch review check "
    "admin training presented driving tender update stakeholders decision".split())
_PRONOUN = re.compile(r"^(?:he|she)\b(?!['’])\s*", _F)
_POSSESSIVE = re.compile(r"^(?:his|her)\b\s*", _F)
_THEY = re.compile(r"^(?:they)\b\s*", _F)


def people_in(text: str, account_name: str = "") -> list[str]:
    """Full names (two or three capitalised words) in order, leaving out the account's own name."""
    found = []
    account_words = set(account_name.lower().split())
    for match in _PERSON.finditer(text):
        name = match.group(1)
        first = name.split()[0].lower()
        if first in _NOT_A_NAME or set(name.lower().split()) <= account_words:
            continue
        found.append(name)
    return found


def named_subject(statement: str, before: str, account_name: str) -> str:
    """"She is cool on us." -> "Katrin Vogel is cool on us." (the last person named before it);
    "They plan ..." -> "<Account>: they plan ..."."""
    people = people_in(before, account_name)
    if _PRONOUN.match(statement) and people:
        return _PRONOUN.sub(people[-1] + " ", statement, count=1)
    if _POSSESSIVE.match(statement) and people:
        return _POSSESSIVE.sub(people[-1] + "'s ", statement, count=1)
    if _THEY.match(statement) and account_name:
        return f"{account_name}: {statement[:1].lower()}{statement[1:]}"
    return statement
