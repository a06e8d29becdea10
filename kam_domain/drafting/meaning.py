"""What a statement means for us, read as a KAM reads it: who acts (a competitor, the customer,
us) and whether it helps or hurts us. Pure.

The readings are checked in order and the first that fits decides: a competitor's move or a
customer's demand on its suppliers is a threat even when it mentions a plan; our edge over a
named rival is a strength even when it says "doesn't"; our gap is a weakness even when it holds
a percentage; our measured result is a strength, not growth; the customer's own plan or wish is
an opportunity unless it asks us for a concession.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_F = re.IGNORECASE
# we speak ("Need to tell Aisha" too): neither a rival's move nor a wish of theirs
_WE_SPEAK = re.compile(r"^(?:we|i|our|need)\b", _F)


@dataclass(frozen=True)
class Meaning:
    quadrant: str
    reading: str  # which reading decided, for tests and debugging


_COMPETITOR_MOVE = re.compile(
    r"\b(?:offer\w*|propos\w*|quot\w*|demo\w*|pitch\w*|bundl\w*|bids?|bidding)\b.*"
    r"\b(?:less|below|under (?:us|our)|cheaper|lower|free|half (?:our|the) price)\b"
    r"|\bfree (?:study|licen[cs]es?|trial|pilot|sensors?|installation|months?|migration)\b"
    r"|\b(?:is|are|was) (?:the )?incumbent\b|\b(?:has|have) it (?:already|allready)\b"
    r"|\bpush(?:ing|es) (?:hard |internally )*for (?!us\b)|\bshift (?:volume|business|orders) to\b"
    r"|\breplace us\b|\bevaluating (?:all|other) (?:options|vendors|suppliers)\b|\bon the shortlist\b"
    r"|\bfriend of their (?:CEO|CFO|owner)\b|\blikes? their\b|\bnot our friend\b|\bagainst us\b"
    r"|\bhas offered\b(?! (?:us|me)\b)(?! to (?:introduce|connect|help|share)\b)|\bpitched (?:as|at)\b"
    r"|\b(?:is|are) also (?:doing|making|submitting|preparing|sending) (?:a|an|their) (?:proposal|bid|offer|quote)\b"
    r"|\balso bidding\b|\b(?:likes?|liked)(?: that)? their\b"
    r"|\b(?:talk\w* up|likes?|liked|favou?rs?) the (?:\w+ )?bundle\b"
    r"|\bcourt(?:s|ed|ing)\b|\bcut (?:their|its) prices?\b|\battended their demo\b", _F)
_NOT_A_RIVAL = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
                r"July|August|September|October|November|December|Teams|Zoom|English|German|French|Spanish)\b")
_NAMED_RIVAL = re.compile(  # a capitalised name the customer's people favour: a rival, not us
    r"\b(?:[Vv]olume|[Bb]usiness|[Oo]rders) to [A-Z]|\bwants? [A-Z][\w-]+ for (?:all|every|the)\b"
    r"|\bused [A-Z][\w-]+ at (?:his|her|their) previous\b|\bprefers? (?!" + _NOT_A_RIVAL + r")[A-Z][\w-]+\b"
    r"|\b[A-Z][\w-]+ (?:also )?hosted [A-Z]|\battended an? [A-Z][\w-]* demo\b|\bwas at [A-Z][\w-]*'s demo\b"
    # head to head: "Q2 and we are invited", "we and AeroPool in the final", "shortlisted with Samsara"
    r"|\b[A-Z][\w-]* and we (?:are|were) (?:invited|shortlisted|bidding|in the final)\b"
    r"|\b[Ww]e and [A-Z][\w-]+ (?:are )?(?:in|on) the (?:final|shortlist)"
    r"|\bshortlisted (?:with|alongside|against) [A-Z]|\b(?:shortlisted|invited|selected) us and [A-Z]"
    r"|\binvited [A-Z][\w-]+ (?:for|to) (?:a |an |their )?(?:[\w-]+ ){0,2}"
    r"(?:workshop|demo|presentation|pitch|proposal)\b"
    r"|\b[A-Z][\w-]+ (?:also )?(?:demoed|pitched) (?:their|its)\b")
_DEMAND_ON_SUPPLIERS = re.compile(
    r"\b(?:all|every) (?:\w+ ){0,2}(?:suppliers?|vendors?|carriers?|contracts?)\b.*"
    r"(?:\d\s?%|reduction|productivity|renegotiat\w*|under review|pay\w*|cost|price|tender|cut)"
    r"|\bsharpen (?:their |the )?pencils?\b"
    r"|\bpay\w*\b.*\b\d+ days instead of \d+|\bpayment terms\b"
    r"|\bbefore (?:she|he|they|we) (?:approves?|signs?|renews?|gives?)\b|\bor they (?:go to tender|look elsewhere)\b"
    r"|\bmust be settled before\b|\brenewal (?:is )?conditional\b"
    r"|\b(?:renewal|contract|extension) only\b|\bonly (?:a )?(?:1|one)-(?:yr|year)\b"
    r"|\bcosts? them \d+\s?% more\b|\b\d+\s?% more expensive\b"
    r"|\bdevaluation\b", _F)
_CUSTOMER_SHRINKS = re.compile(
    r"\b(?:is|are) selling \d|\bselling \d+ of\b|\bsells? (?:off )?\d+ of\b"
    r"|\b(?:will |to )?clos(?:e|es|ing) (?:the|their|its|a) [\w-]+ (?:plant|site|hub|factory|store|office|line)s?\b"
    r"|\b(?:licen[cs]e|user|seat|truck|site) count drops?\b|\bdrops? to \d+ (?:licen[cs]es|users|seats|sites)\b"
    r"|\bshortfall\b|\bcut [\w.]+ (?:\w+ )?first\b"
    r"|\b(?:delay\w*|postpon\w*|cancel\w*) (?:the|their|its) (?:expansion|project|investment|order|rollout)\b"
    r"|\b\d+\s?% of our (?:\w+ ){0,3}(?:value|revenue|business|volume|sales)\b"
    r"|(?<!our )\b(?:capex|opex|budgets?|spend\w*|volumes?|orders?|funding|revenue|sales|headcount|production|"
    r"reimbursements?|frequency)\b.{0,30}(?:\b(?:reduced|cut|down|lower\w*|dropp?\w*|fell|fall\w*|frozen|below plan)\b|"
    r"\s-\d)|\bcut (?:to|in|of) (?:the |their )?(?:[\w&-]+ ){0,2}budget\b"
    r"|\b(?:might|may|will|could) (?:drop|fall|decrease|shrink|go down)\b|\bcould cost us\b|\bwe could lose\b"
    r"|\bat risk\b", _F)
_OUR_EDGE = re.compile(
    r"\bwe (?:have|can|do|offer|support)\b.*,\s*(?:[\w-]+\s){1,3}"
    r"(?:doesn'?t|doesnt|does not|can'?t|cant|cannot|don'?t|dont|do not|has not|hasn'?t|lacks?)\b"
    r"|\bprefers? (?:working with )?us over\b"
    r"|\b(?:our|we)\b.*\b(?:lasts?|lasted|ran|runs)\b.*\b(?:longer|twice as long|\d+(?:\.\d+)?x)\b"
    r"|\b(?:nobody|no one|no other \w+) else\b|\bonly (?:supplier|vendor|one) (?:that|who)\b", _F)
_OUR_GAP = re.compile(
    r"\bwe (?:still )?(?:don'?t|dont|do not|did not|didn'?t|cannot|can'?t) (?:have|give|offer|support|buffer|provide)\b"
    r"|\bwe have no\b|\bwe lack\b|\b(?:and|but) we (?:do not|don'?t|cannot|can'?t)\b|\b(?:raised|filed) a claim\b"
    r"|\bno (?:own |local |dedicated |named |senior )?(?:[\w-]+ )?(?:module|hosting|capability|approval|backup|"
    r"cover|coverage|support contact|sponsor)\b"
    r"|\b(?:our|we)\b.*\bnot (?:yet )?(?:ready|supported|conform\w*|compliant|available)\b"
    r"|\bnot (?:yet )?(?:ready|supported|conform\w*|compliant) in our\b"
    r"|\bour\b.{0,60}\b(?:moved|slipped|pushed|postponed|delayed) (?:to|back|out)\b"
    r"|\bour\b.{0,60}\b(?:was|were|is|are|got) (?:cut|reduced|lowered)\b"
    r"|\bour (?:fault|mistake|error)\b|\b\d+ (?:days?|wks?|weeks?|months?) late\b"
    r"|\btook \d+ (?:days|weeks)\b.*\bcontract\b"
    r"|\bour\b.*\bprice increase\b|\bnew price increase\b|\b(?:in|a|only|still) beta\b|\bbeta (?:by|in|until|only)\b"
    r"|\b(?:wants?|asked for|asks? for|demands?) (?:an? )?"
    r"(?:improvement plan|safety review|root-cause|corrective action|recovery plan)\b"
    r"|\b(?:issue|problem|fault|error)s? on our side\b"
    r"|\b(?:product|R&D|engineering)(?: team)? says?\b.*\b(?:Q[1-4]|20\d\d|first half|second half|next year)\b", _F)
_BAD = re.compile(r"\b(?:problems?|issues?|slow|late|out of spec|out-of-spec|fail\w*|crash\w*|outages?|broke|"
                  r"broken|errors?|complain\w*|backlog|delay\w*|short of|short \d+|missed|lose|lost|sick|skipped|"
                  r"not conform\w*|no answer|angry|furious|annoyed|embarrass\w*|worse)\b", _F)
_RECOVERED = re.compile(r"\b(?:solved|fixed|resolved|accepted|gone|done|released|live|no more|recovery|caught|"
                        r"prevented|before any)\b", _F)
_US_ANY = re.compile(r"\b(?:we|our|us)\b", _F)
# unhappy with their other supplier is an opening, not our weakness
_DISCONTENT = re.compile(r"(?:\bnot (?:happy|pleased|satisfied|convinced)|\bunhappy|\bangry|\bfurious|\bannoyed|"
                         r"\b(?:will not|won'?t|does(?:n'?t| not)) like)\b"
                         r"(?! with (?:their|the) (?:current|other|existing|old))", _F)
_FALLS = re.compile(r"\b(?:down|dropped|fell|reduced|cut|lower)(?: by)? ~?\d[\d,.]*\s?%"
                    r"|\b(?:down|dropped|fell|reduced|cut|lower) (?:[\w-]+ ){0,4}from ~?\d[\d,.]*\s?%? to ~?\d"
                    r"|\d[\d,.]*\s?% (?:fewer|less|lower)\b", _F)
_CAN_DO = re.compile(r"^we (?:can|could) (?:do|offer|provide|support|help|deliver)\b", _F)
_ASKS_US = re.compile(r"\bask\w* (?:us )?(?:if|whether) we (?:can|could)\b", _F)
_FOR_US = re.compile(r"\b(?:on|with|since|using|running|after|from|in|by|via|through|thanks to) our\b|^our\b|"
                     r"\bsince (?:the|we) (?:[\w-]+ ){0,3}"
                     r"(?:rollout|roll-out|go-live|launch|deployment|took over|started)\b|"
                     r"\bour [\w-]+(?: [\w-]+){0,3} (?:cut|reduced|saved|improved|rose|raised|lifted)\b", _F)
_MOVED = re.compile(r"\b(?:rose|grew|increased|up|improved|cut|down|dropped|fell|reduced|saved|savings?|fewer|"
                    r"from \d[\d.,]*\s?%? to)\b", _F)
_SHARE_OF_THEIR = re.compile(r"\d\s?% of (?:their|there)\b", _F)
_US = re.compile(r"\b(?:us|we)\b", _F)
_OUR_RECORD = re.compile(r"\bwe (?:moved|supply|supplied|delivered|handled|hold) \d[\d,.]*\s?%? of\b"
                         r"|\b(?:our [\w-]+|we) (?:fixed|solved|caught|prevented|restored|spotted|detected)\b"
                         r"|\bour\b.*\b(?:found|recovered|saved)\b"
                         r"|\b(?:averaged|average of|at) ~?[\d.,]+ (?:[\w-]+ ){0,4}against (?:a |the )?contractual\b"
                         r"|\b(?:goal|target) was ~?\d"
                         r"|^(?!.*\btheir (?:\w+ )?customers?\b).*"
                         r"\bsign(?:s|ed)? (?:the|a|our) (?:[\w-]+ ){0,3}(?:contract|renewal|agreement|extension)\b"
                         r"|\bdelivered every \w+ on (?:schedule|time)\b|\bbetter than the contract\b", _F)
_GROWS = re.compile(r"\b(?:merging with|merges? with|acquisition of|acquires|acquiring|acquired (?!by)|(?<!we )won|"
                    r"awarded|adds? (?:about |approx\.? |~)?[\d.,]+k? (?:new )?(?:members|stores|sites|trucks|hotels|"
                    r"plants|users|customers|employees|staff|locations|beds|lines|routes))", _F)
_RISES = re.compile(r"\bpush\w* (?:hard |internally )*for us\b|\bdefend\w* us\b"
                    r"|\b(?:is|are) (?:now )?(?:on|in) our side\b|"
                    r"\bpromoted\b|\bchairs? the (?:[\w-]+ ){0,2}(?:panel|committee|board)\b"
                    r"|\bsits? on the (?:tender|decision|selection|steering|buying) (?:panel|committee|board)\b", _F)
_INVITED = re.compile(
    r"\b(?:tender|RFP|RFI) (?:docs?|documents?|pack)\b.*\b(?:to us|expected)\b"
    r"|\b(?:tender|RFP|RFI|bid|pitch|final|shortlist)\b.*\bwe(?:'re| are) invited\b"
    r"|\b(?:we (?:are|were|have been) )invited to (?:bid|tender|quote|pitch)\b|\binvited us to\b", _F)
_WISH = re.compile(
    r"(?<!\bwe )(?<!\bi )\b(?:wants?|needs?|plans? to|planning|plans (?:a|an|two|three|\d)|intends? to|"
    r"would like)\b", _F)
_CONCESSION = re.compile(
    r"\b(?:discount|rebate|reduction|\d+\s?% off|price lock|lower price|cheaper|decision|refund|compensation|"
    r"review of our|improvement plan|safety review|penalt\w*|pricing|payment in|terms)\b", _F)
_THREAT_WISH = re.compile(  # a wish that is itself a threat to us: to re-tender, sell, insource, cut what they spend
    r"\b(?:re-?tender\w*|tender|sell|divest\w*|insourc\w*|in-house|switch\w*|drop us|"
    r"cut (?:costs?|spend\w*|budgets?|prices?|vendors?|suppliers?)|costs? down|savings?)\b", _F)


def meaning(text: str) -> Meaning | None:
    """The first reading that fits, or None when the words say nothing about who acts."""
    ours = bool(_WE_SPEAK.match(text))
    for quadrant, reading, fits in _READINGS:
        if fits(text, ours):
            return Meaning(quadrant, reading)
    return None


def _their_wish(text: str, ours: bool) -> bool:
    return not ours and bool(_WISH.search(text))


_READINGS = (  # strongest first
    ("threat", "competitor's move",
     lambda t, ours: not ours and bool(_COMPETITOR_MOVE.search(t) or _NAMED_RIVAL.search(t))),
    ("threat", "demand on its suppliers",
     lambda t, ours: bool(_DEMAND_ON_SUPPLIERS.search(t)) or (_their_wish(t, ours) and bool(_THREAT_WISH.search(t)))),
    ("threat", "the customer shrinks or our exposure", lambda t, ours: bool(_CUSTOMER_SHRINKS.search(t))),
    ("strength", "our edge over a rival", lambda t, ours: bool(_OUR_EDGE.search(t))),
    ("weakness", "our gap", lambda t, ours: bool(_OUR_GAP.search(t)) or _our_trouble(t)),
    ("strength", "our measured result", lambda t, ours: _our_result(t)),
    # a bad number falling; budgets and volumes falling were read as threats above
    ("strength", "a number we improved", lambda t, ours: bool(_FALLS.search(t))),
    ("strength", "a supporter backs us or gains power", lambda t, ours: bool(_RISES.search(t))),
    ("opportunity", "invited to bid", lambda t, ours: bool(_INVITED.search(t))),
    ("opportunity", "the customer grows", lambda t, ours: not ours and bool(_GROWS.search(t))),
    ("opportunity", "they ask what we can do", lambda t, ours: bool(_CAN_DO.search(t) or _ASKS_US.search(t))),
    ("opportunity", "the customer's own plan or wish",
     lambda t, ours: _their_wish(t, ours) and not _CONCESSION.search(t) and not _THREAT_WISH.search(t)),
)


def _our_result(text: str) -> bool:
    """A measured change our work made, or our share of their business."""
    measured = bool(_FOR_US.search(text) and _MOVED.search(text) and re.search(r"\d", text))
    share = bool(_SHARE_OF_THEIR.search(text) and _US.search(text))
    return measured or share or bool(_OUR_RECORD.search(text))


def _our_trouble(text: str) -> bool:
    """Something went wrong on our side (and is not told as fixed), or someone is unhappy."""
    if _DISCONTENT.search(text):
        return True
    return bool(_US_ANY.search(text) and _BAD.search(text) and not _RECOVERED.search(text))
