"""The arguments of a command read from plain words: list choice, help topic, score values,
nomination and demotion reasons, stakeholder fields, the text of a meeting log. Pure."""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from kam_domain.language.entities import PersonRef, find_role
from kam_domain.language.text import mask, squash, words
from kam_domain.rules.meeting_log import extract_people
from kam_domain.rules.names import fold

_F = re.IGNORECASE


def accounts_choice(text: str) -> str:
    if re.search(r"\bwatch[\s\-]?list\b|\bcandidates?\b|\bshould\s+we\s+watch\b", text, _F):
        return "candidates"
    if re.search(r"\bregular\b", text, _F):
        return "regular"
    if re.search(r"\ball\b|\bevery\b", text, _F) and not re.search(r"\ball\s+key\b", text, _F):
        return "all"
    return "key"


_HELP_TOPICS = {
    "log": r"\blog\w*|\bmeetings?\b", "score": r"\bscor\w*", "stakeholder": r"\badd\w*\s+(?:a\s+)?(?:stakeholder|person|contact)",
    "stakeholders": r"\bstakeholders?\b|\bmap\b", "nominate": r"\bnominat\w*", "demote": r"\bdemot\w*",
    "plan": r"\bplans?\b", "swot": r"\bswot\b", "review": r"\breviews?\b", "portfolio": r"\bportfolio\b",
    "next": r"\bnext\b", "accounts": r"\baccounts\b",
}


def help_topic(text: str) -> str | None:
    for command, pattern in _HELP_TOPICS.items():
        if re.search(pattern, text, _F):
            return command
    return None


# --------------------------------------------------------------------------- scores

# the words between a field (a criterion, a stakeholder's influence) and its new value: "solvency must be
# corrected to 5", "influence has been raised to 4"
_TOWARDS_A_VALUE = frozenset({"is", "of", "to", "at", "now", "be", "should", "must", "has", "been", "up", "down", "set",
                              "it", "its", "go", "goes", "raised", "lowered", "increased", "decreased", "dropped",
                              "moved", "changed", "updated", "corrected"})
_FILLER = _TOWARDS_A_VALUE | {
           "as", "a", "an", "score", "out", "from", "for", "their", "was", "were", "are", "by", "about", "around", "like",
           "maybe",
           # the account pointed at rather than named: "existing relationships for this acct -> 9"
           "this", "that", "the", "account", "acct", "acc", "accnt", "customer", "client", "here", "them", "one",
           "reduced", "adjusted", "bumped",
           # "the value of the solvency field on Nordic Paper to 7"
           "field", "value", "criterion", "rating", "number", "mark", "on", "in", "with",
           "deserve", "deserves", "merit", "merits", "gets", "get", "worth",  # "relationships here deserve a 9"
           # "revenue potential is more like a 6", "existing relationships should drop to 4"
           "more", "closer", "really", "actually", "probably", "drop", "fall", "rise", "increase", "decrease", "move",
           "change", "lower", "raise", "bump", "going"}
_LOOK_AHEAD = 7  # words between a criterion and its value, besides the account's own words


@dataclass(frozen=True)
class CriterionName:
    key: str
    label: str

    def variants(self) -> set[str]:
        names = {v for v in (fold(self.key.replace("_", " ")), fold(self.label)) if v}
        # "prod fit 7", "rev potential 8", "existing rels 9": the shorthand salespeople type
        shorthand = {" ".join(_CRITERION_SHORTHAND.get(w, w) for w in name.split()) for name in names}
        return names | shorthand | set(_CRITERION_SYNONYMS.get(self.key, ()))


_CRITERION_SHORTHAND = {"product": "prod", "revenue": "rev", "relationships": "rels", "relationship": "rel"}
# the default criteria (DESIGN.md section 2) in the words of people who do not know their names
_CRITERION_SYNONYMS = {
    "product_fit": ("fit of our product", "product suits", "fit with our product"),
    "solvency": ("paying ability", "ability to pay", "creditworthiness", "credit rating", "financial health"),
    "revenue_potential": ("growth potential", "sales potential", "potential revenue"),
    "existing_relationships": ("relationship strength", "our relationships", "existing relationship"),
}


def _value(word: str) -> int | None:
    return int(word) if word.isdigit() and 1 <= int(word) <= 10 else None


def score_values(text: str, criteria: list[CriterionName], account_span: tuple[int, int] | None = None
                 ) -> dict[str, int]:
    """criterion key -> 1..10 from "product fit 8", "solvency to 6", "product_fit=8", "an 8 for product fit",
    "product fit for Kestrel is 3 now" (the words naming the account, `account_span`, are skipped)."""
    ws = words(text)
    if account_span is not None:
        ws = [w for w in ws if w.end <= account_span[0] or w.start >= account_span[1]]
    keys = [w.key for w in ws]
    found: dict[str, int] = {}
    for criterion in criteria:
        for variant in sorted(criterion.variants(), key=len, reverse=True):
            size = len(variant.split())
            for i in range(0, len(ws) - size + 1):
                if criterion.key in found:
                    break
                if fuzz.ratio(" ".join(keys[i:i + size]), variant) < 85:
                    continue
                value = _number_after(keys, i + size) or _number_before(keys, i)
                if value is not None:
                    found[criterion.key] = value
    if not found:
        found = _one_value_given(keys, criteria)
    return found


_GIVEN = re.compile(r"\b(?:give|rate|score|mark|put)\s+(?:it|them|that)\s+(?:an?\s+)?(10|[1-9])\b(?!\s*%)|"
                    r"\b(?:set|change|move|bump|raise|lower|update|put)\s+(?:it|that|this)\s+(?:up\s+|down\s+)?(?:to|at)\s+"
                    r"(?:an?\s+)?(10|[1-9])\b(?!\s*%)")


def _one_value_given(keys: list[str], criteria: list[CriterionName]) -> dict[str, int]:
    """"the product fit is very good, please give it 9 points": one criterion named, one value given to "it"."""
    text = " ".join(keys)
    named = [c.key for c in criteria if any(fuzz.partial_ratio(v, text) >= 95 for v in c.variants() if len(v) >= 5)]
    m = _GIVEN.search(text)
    return {named[0]: int(m.group(1) or m.group(2))} if m and len(named) == 1 else {}


def criteria_named(text: str, criteria: list[CriterionName], account_span: tuple[int, int] | None = None
                   ) -> set[str]:
    """The criterion keys the text names, values or not ("what did we give acme for solvency")."""
    ws = words(text)
    if account_span is not None:
        ws = [w for w in ws if w.end <= account_span[0] or w.start >= account_span[1]]
    keys = [w.key for w in ws]
    named = set()
    for criterion in criteria:
        for variant in criterion.variants():
            size = len(variant.split())
            if any(fuzz.ratio(" ".join(keys[i:i + size]), variant) >= 85 for i in range(0, len(ws) - size + 1)):
                named.add(criterion.key)
                break
    return named


_UNITS = {"years", "year", "yrs", "months", "month", "weeks", "week", "days", "day", "percent", "pct", "k", "m",
          "million", "accounts", "people", "times", "am", "pm"}


def _number_after(keys: list[str], start: int) -> int | None:
    for index in range(start, min(len(keys), start + _LOOK_AHEAD)):
        key = keys[index]
        if _value(key) is not None:
            unit = keys[index + 1] if index + 1 < len(keys) else ""
            return None if unit in _UNITS else _value(key)  # "for 3 years" is not a score
        if key not in _FILLER:
            return None
    return None


_BEFORE_CRITERION = {"the", "how", "well", "our", "their", "its", "a", "an", "much"}  # "a 4 for how well our product suits"


def _number_before(keys: list[str], end: int) -> int | None:
    """"an 8 for product fit", "a mark of 4 for how well our product suits them": the value before "for"."""
    at = end
    while at > 0 and end - at < 4 and keys[at - 1] in _BEFORE_CRITERION:
        at -= 1
    if at == 0 or keys[at - 1] not in ("for", "on", "in"):
        return None
    for key in reversed([k for k in keys[max(0, at - 4):at - 1] if k != "the"]):
        if _value(key) is not None:
            return _value(key)
    return None


# --------------------------------------------------------------------------- reasons

_NOMINATE_CUES = (r"\bnominat\w*|\bpromot\w*(?:\s+to(?:\s+a)?\s+key(?:\s+accounts?)?)?|\bupgrade\w*(?:\s+to\s+key(?:\s+accounts?)?)?|"
                  r"\bmake\b|\b(?:a\s+)?key(?:\s+accounts?)?(?:\s+status)?\b|\bput\b|\bforward\b|\bas\s+(?:a\s+)?key(?:\s+account)?|"
                  r"\bshould\s+be\s+(?:a\s+)?key(?:\s+account)?|\bplease\b|\bcan\s+we\b|\bi\s+want\b|\bto\s+be\s+key\b|"
                  r"\brequest\b|\bpropose\b|\blet['’]?s\b")
_DEMOTE_CUES = (r"\bstop(?:ped|ping)?\s+(?:treating|calling|handling|managing|running)\b(?:\s+\w+){0,3}?\s+as\s+(?:a\s+)?key"
                r"(?:\s+account)?|\b(?:lose|loses|losing)\s+(?:its|their)\s+key(?:\s+account)?\s+status|\bdemot\w*|\bdowngrad\w*(?:\s+to\s+regular)?|\bno\s+longer\s+(?:be\s+)?(?:a\s+)?key(?:\s+account)?|"
                r"\bisn['’]?t\s+key(?:\s+any\s*more)?|\bnot\s+key(?:\s+any\s*more)?|\bremove\b|\bdrop\b|\btake\b|"
                r"\b(?:from|off)\s+(?:the\s+)?key(?:\s+(?:list|accounts?))?|\bend\s+key\s+status(?:\s+for)?|"
                r"\bshould\s+be\b|\bmake\b|\b(?:a\s+)?regular(?:\s+account)?\s+again|\bplease\b|\brequest(?:\s+a)?\b|"
                r"\bof\b|\bshould\b|\bany\s*more\b")
_CONNECTOR = re.compile(r"\b(?:because|since|as|due\s+to|reason:?)\b|[:,;\-–—]", _F)


def reason(text: str, account_span: tuple[int, int] | None, nominate: bool) -> str:
    """What is left of "demote Vantor Health because volumes fell 60%" once the account and the ask go."""
    rest = mask(text, [(account_span[0], account_span[1], " ")]) if account_span else text
    rest = re.sub(_NOMINATE_CUES if nominate else _DEMOTE_CUES, " ", rest, flags=_F)
    parts = _CONNECTOR.split(rest, maxsplit=1)
    if len(parts) == 2 and len(squash(parts[1])) >= 3:
        rest = parts[1]
    rest = squash(rest).strip(" ,.;:-–—")
    rest = re.sub(r"^(?:for|to|the|a|an|it|is|are)\b\s*", "", rest, flags=_F)
    return rest


# --------------------------------------------------------------------------- stakeholders

_ATTITUDES = (
    (r"\bhostile\b|\bagainst\s+us\b|\bturned\s+hostile\b", -2),
    (r"\bsceptical\b|\bskeptical\b|\bnegative\b|\bdetractor\b|\bunhappy\b|\bcritical\b", -1),
    (r"\bneutral\b", 0),
    (r"\bsupportive\b|\bpositive\b|\ba\s+fan\b|\bkeen\b|\bfriendly\b", 1),
)
_TITLE_RE = (r"(?:c[efotimp]o|cpo|vp(?:\s+(?:of\s+)?[a-z]+)?|head\s+of\s+[a-z]+(?:\s+[a-z]+)?|"
             r"(?:it|finance|procurement|purchasing|operations|sales|marketing|technical|logistics)\s+"
             r"(?:director|manager|lead)|(?:director|manager)\s+of\s+[a-z]+|managing\s+director|general\s+manager|"
             r"chief\s+[a-z]+\s+officer|owner|founder|president|buyer)")


@dataclass(frozen=True)
class StakeholderEdit:
    name: str | None
    fields: dict[str, str]


def stakeholder_edit(text: str, person: PersonRef | None, account_names: list[str]) -> StakeholderEdit:
    name = person.name if person else _new_name(text, account_names)
    fields: dict[str, str] = {}
    title = _title(text, name)
    if title:
        fields["title"] = title
    role = find_role(text)
    if role:
        fields["role"] = role.role.value
    attitude = _attitude(text, role is not None and role.role.value == "champion")
    if attitude is not None:
        fields["attitude"] = f"{attitude:+d}" if attitude else "0"
    influence = _influence(text)
    if influence:
        fields["influence"] = str(influence)
    return StakeholderEdit(name, fields)


def _new_name(text: str, account_names: list[str]) -> str | None:
    companies = {fold(n) for n in account_names}
    for mention in extract_people(text):
        if mention.name and fold(mention.name) not in companies and len(mention.name.split()) >= 2:
            return mention.name
    m = re.search(r"\b(?:add|new\s+(?:contact|stakeholder|person)(?:\s+at\s+\S+)?\s*:?)\s+(?:stakeholder\s+)?"
                  r"([^\W\d_][\w'’\-]+(?:\s+[^\W\d_][\w'’\-]+)?)(?=\s*(?:,|\bas\b|\bto\b|\bat\b|\(|$))", text, _F)
    if m and fold(m.group(1)) not in companies:
        return " ".join(w[:1].upper() + w[1:] for w in m.group(1).split())
    return None


def _title(text: str, name: str | None) -> str | None:
    patterns = (rf"\b(?:title\s*(?:to|=|:)\s*|as\s+(?:the\s+|our\s+|their\s+|a\s+|an\s+)?(?:new\s+)?|"
                rf"is\s+(?:now\s+)?(?:the\s+|our\s+|their\s+|a\s+|an\s+)(?:new\s+)?|"
                rf"(?:promoted|appointed|moved)\s+(?:to|as)\s+(?:the\s+|our\s+|their\s+|a\s+|an\s+)?(?:new\s+)?|,\s*)({_TITLE_RE})\b",
                rf"\(({_TITLE_RE})\)")
    for pattern in patterns:
        m = re.search(pattern, text, _F)
        if m:
            title = squash(m.group(1))
            return title.upper() if len(title) <= 3 else title[:1].upper() + title[1:]
    return None


# between a stakeholder field and its new value: "influence 4", "influence shld be 4 not 3", "influence went up, put it at 4"
_FIELD_GAP = _TOWARDS_A_VALUE | {"shld", "shd", "shud", "needs", "need", "went", "gone", "have", "put",
                                 "->", "=>", "→", "=", ":"}
_FIELD_TOKEN = re.compile(r"[+\-]?\d+|[^\W\d_]+|->|=>|→|[=:]")


def _field_value(text: str, field_name: str) -> int | None:
    """The number a stakeholder field is set to, after the field's name and a few connecting words."""
    for m in re.finditer(rf"\b{field_name}\b", text, _F):  # "more influence than we thought, put her influence at 4"
        for token in _FIELD_TOKEN.findall(text[m.end():].lower())[:7]:
            if re.fullmatch(r"[+\-]?\d+", token):
                return int(token)
            if token not in _FIELD_GAP:
                break
    return None


def person_field_values(text: str) -> bool:
    """Whether the text gives a stakeholder's influence or attitude a number ("bump his influence to 5")."""
    influence, attitude = _field_value(text, "influence"), _field_value(text, "attitude")
    return (influence is not None and 1 <= influence <= 5) or (attitude is not None and -2 <= attitude <= 2)


def _attitude(text: str, champion: bool) -> int | None:
    for pattern, value in _ATTITUDES:
        if re.search(pattern, text, _F):
            return value
    value = _field_value(text, "attitude")
    if value is not None and -2 <= value <= 2:
        return value
    return 2 if champion else None


def _influence(text: str) -> int | None:
    value = _field_value(text, "influence")
    if value is not None and 1 <= value <= 5:
        return value
    if re.search(r"\bvery\s+influential\b|\bhuge\s+influence\b", text, _F):
        return 5
    if re.search(r"\binfluential\b|\bhigh\s+influence\b", text, _F):
        return 4
    if re.search(r"\blow\s+influence\b|\bnot\s+influential\b", text, _F):
        return 2
    return None


# --------------------------------------------------------------------------- meeting logs

_LOG_LEAD = re.compile(r"^\s*(?:please\s+|can\s+you\s+|pls\s+)?(?:log|note|record)\b(?:\s+(?:that|this|down|a\s+(?:meeting|call)"
                       r"(?:\s+with)?|my\s+(?:meeting|call)(?:\s+with)?))*\s*[:,\-]?\s*", _F)
_PRONOUN = re.compile(r"\b(her|him|she|he)\b", _F)


def log_text(text: str, person_from_memory: PersonRef | None = None) -> str:
    """The meeting as the log service should read it: no "log that" lead-in, the remembered person named."""
    body = _LOG_LEAD.sub("", text, count=1)
    if person_from_memory is not None and fold(person_from_memory.name) not in fold(body):
        body = _PRONOUN.sub(person_from_memory.name, body, count=1)
    body = squash(body)
    return body[:1].upper() + body[1:] if body else body


# --------------------------------------------------------------------------- quarters

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "a": 1}
_COUNT = r"(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_PERIODS = ((re.compile(rf"\b{_COUNT}\s*-?\s*(?:quarters?|qtrs?|q)\b", _F), 1),
            (re.compile(rf"\b{_COUNT}\s*-?\s*(?:years?|yrs?)\b", _F), 4))
_ONE_PERIOD = ((re.compile(r"\b(?:last|past|previous|this)\s+(?:quarter|qtr)\b", _F), 1),
               (re.compile(r"\b(?:last|past|previous)\s+(?:year|yr|12\s+months)\b|\byear\s+over\s+year\b", _F), 4))
_MONTHS = re.compile(rf"\b{_COUNT}\s*-?\s*months?\b", _F)


def quarters_asked(text: str) -> int | None:
    """How many quarters a question about an account's money spans: "over the last 8 quarters" -> 8,
    "the past two years" -> 8, "last quarter" -> 1, "6 months" -> 2; None when it does not say."""
    for pattern, per in _PERIODS:
        if m := pattern.search(text or ""):
            return _count(m.group(1)) * per
    if m := _MONTHS.search(text or ""):
        return max(1, -(-_count(m.group(1)) // 3))
    for pattern, quarters in _ONE_PERIOD:
        if pattern.search(text or ""):
            return quarters
    return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]
