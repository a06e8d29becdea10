"""Find the account, the people and the decision role a message talks about. Pure.

Accounts are searched anywhere in the text (n-gram windows over the words), scored with
`kam_domain.rules.matching`, so "borealis logistcs plan" and "plan for the ARG account"
both find their account. A single common word ("plan", "group") never names an account on
a fuzzy match: it must be the exact first word of a name or an alias.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from kam_domain.language.text import STOPWORDS, Word, window_text, windows, words
from kam_domain.rules.matching import ACCEPT, AMBIGUITY_MARGIN, SUGGEST, NameCandidate, score_candidate
from kam_domain.rules.names import fold
from kam_domain.rules.relationships import DecisionRole

MAX_NAME_WORDS = 6
VOCAB_CUTOFF = 75.0  # a message word this close to a word of a name makes that name a candidate
SUGGEST_FLOOR = SUGGEST + 10  # "did you mean" only for fairly close misses
ONE_SLIP_LENGTH = 6  # a word this long with one letter wrong, missing, extra or two swapped still names an account
CONTAINED_SLACK = 5.0  # a longer name found around a shorter one wins unless clearly worse


@dataclass(frozen=True)
class AccountHit:
    candidate: NameCandidate
    score: float
    start: int  # character span of the words that named it
    end: int

    @property
    def id(self) -> int:
        return self.candidate.id


@dataclass
class AccountFind:
    """`match` when one account is clearly named; `ambiguous` when several are equally close."""

    match: AccountHit | None = None
    ambiguous: list[AccountHit] = field(default_factory=list)
    suggestions: list[AccountHit] = field(default_factory=list)
    explicit: bool = False  # named by "#42"

    @property
    def found(self) -> bool:
        return self.match is not None


@dataclass(frozen=True)
class PersonRef:
    id: int
    account_id: int
    name: str
    title: str | None = None
    role: str = "unknown"


@dataclass(frozen=True)
class PersonHit:
    person: PersonRef
    start: int
    end: int
    how: str  # full_name, last_name, first_name, title
    score: float = 100.0  # how well the words match the name ("w jan novak" less than "jan novak")


# --------------------------------------------------------------------------- accounts


def find_account(text: str, candidates: list[NameCandidate], common_words: frozenset[str] = frozenset()
                 ) -> AccountFind:
    ws = words(text)
    explicit = _explicit_ref(ws, candidates)
    if explicit is not None:
        return AccountFind(match=explicit, explicit=True)
    hits = _window_hits(ws, candidates, common_words)
    accepted = _drop_contained([h for h in hits if h.score >= ACCEPT])
    best = _best_per_account(accepted)
    if not best:
        near = _best_per_account([h for h in hits if h.score >= SUGGEST_FLOOR and h.end - h.start >= 4])
        return AccountFind(suggestions=near[:3])
    top = best[0]
    rivals = [h for h in best[1:] if h.score >= top.score - AMBIGUITY_MARGIN]
    if rivals:
        return AccountFind(ambiguous=[top, *rivals][:5])
    return AccountFind(match=top)


def _explicit_ref(ws: list[Word], candidates: list[NameCandidate]) -> AccountHit | None:
    for w in ws:
        if w.key.startswith("#"):
            account_id = int(w.key[1:])
            known = next((c for c in candidates if c.id == account_id), None)
            # An id from another workspace stays an unknown id: the service refuses it.
            return AccountHit(known or NameCandidate(account_id, w.key), 100.0, w.start, w.end)
    return None


def _name_vocabulary(candidates: list[NameCandidate]) -> dict[str, set[int]]:
    vocab: dict[str, set[int]] = defaultdict(set)
    for c in candidates:
        for key in c.keys:
            for part in key.split():
                vocab[part].add(c.id)
    return vocab


def _candidates_near(ws: list[Word], candidates: list[NameCandidate]) -> dict[int, NameCandidate]:
    """Only names sharing a (fuzzily) similar word with the message are scored: fast at 1,000s of accounts."""
    vocab = _name_vocabulary(candidates)
    terms = list(vocab)
    ids: set[int] = set()
    for w in ws:
        if w.key in STOPWORDS or w.key.startswith("#"):
            continue
        if len(w.key) <= 3:
            ids |= vocab.get(w.key, set())
            continue
        for term, _score, _ in process.extract(w.key, terms, scorer=fuzz.ratio, score_cutoff=VOCAB_CUTOFF,
                                              limit=None):
            ids |= vocab[term]
        for term in terms:  # "boreal" for "borealis": a typed prefix
            if len(w.key) >= 4 and term.startswith(w.key):
                ids |= vocab[term]
    by_id = {c.id: c for c in candidates}
    return {i: by_id[i] for i in ids}


def _window_hits(ws: list[Word], candidates: list[NameCandidate], common: frozenset[str]) -> list[AccountHit]:
    near = _candidates_near(ws, candidates)
    if not near:
        return []
    hits = []
    for i, j in windows(ws, MAX_NAME_WORDS):
        query = window_text(ws, i, j)
        if any(w.key.startswith("#") for w in ws[i:j]):
            continue
        # "nordics score", "acmes plan": a possessive or plural s typed without the apostrophe
        bare = query[:-1] if len(ws[j - 1].key) >= 5 and query.endswith("s") else None
        for candidate in near.values():
            score = _score_window(query, candidate, common)
            if bare is not None and score < ACCEPT:
                score = max(score, _score_window(bare, candidate, common))
            if score >= SUGGEST:
                hits.append(AccountHit(candidate, score, ws[i].start, ws[j - 1].end))
    return hits


def _score_window(query: str, candidate: NameCandidate, common: frozenset[str]) -> float:
    if " " not in query:
        if len(query) < 3 and query not in candidate.keys:
            return 0.0
        firsts = [key.split()[0] for key in candidate.keys]
        if query in common or query in STOPWORDS:
            # a common word names an account only exactly: "next" never fuzzily means "Nexa"
            return score_candidate(query, candidate) if (query in candidate.keys or query in firsts) else 0.0
        if not any(query == key or fuzz.ratio(query, first) >= 80 or first.startswith(query)
                   for key, first in zip(candidate.keys, firsts)):
            return 0.0  # one word names an account by its first word: "health" is not Vantor Health
        score = score_candidate(query, candidate)
        if score < ACCEPT and len(query) >= ONE_SLIP_LENGTH and any(OSA.distance(query, first) <= 1 for first in firsts):
            return ACCEPT  # one slip of the finger in a name's first word: "helois", "kestral"
        return score
    return score_candidate(query, candidate)


def _drop_contained(hits: list[AccountHit]) -> list[AccountHit]:
    """"vantor energy" also contains "vantor" (both Vantors): the longer, as good, name wins."""
    kept = []
    for h in hits:
        covered = any(o.id != h.id and o.start <= h.start and h.end <= o.end and (o.end - o.start) > (h.end - h.start)
                      and o.score >= h.score - CONTAINED_SLACK for o in hits)
        if not covered:
            kept.append(h)
    return kept


def _best_per_account(hits: list[AccountHit]) -> list[AccountHit]:
    best: dict[int, AccountHit] = {}
    for h in hits:
        current = best.get(h.id)
        if current is None or (h.score, h.end - h.start) > (current.score, current.end - current.start):
            best[h.id] = h
    return sorted(best.values(), key=lambda h: (-h.score, h.candidate.name))


# --------------------------------------------------------------------------- people

PERSON_ACCEPT = 85.0  # full name with a typo ("ana ruis")
_TITLE_WORDS = {
    "chief executive officer": "ceo", "chief financial officer": "cfo", "chief information officer": "cio",
    "chief technology officer": "cto", "chief operating officer": "coo", "chief marketing officer": "cmo",
    "chief revenue officer": "cro", "chief procurement officer": "cpo", "vice president": "vp",
    "managing director": "md", "general manager": "gm",
}


_HEAD_OF_IT = ("head of it", "it boss", "it chief", "it guy", "it person")
# what people call the holder of a C-level title in plain words ("the boss at Vantor Energy")
_TITLE_SYNONYMS = {
    "ceo": ("boss", "chief executive", "head honcho", "top person"),
    "cfo": ("finance director", "head of finance", "finance chief", "finance boss", "finance guy", "finance person"),
    "cio": ("it director", *_HEAD_OF_IT),
    "it director": _HEAD_OF_IT,
    "cto": ("head of technology", "technology director", "tech chief"),
    "coo": ("head of operations", "operations director", "ops director", "head of ops"),
}


def title_variants(title: str | None) -> set[str]:
    """'Chief Financial Officer' -> {'chief financial officer', 'cfo', 'finance director', ...}; 'VP Finance' ->
    {'vp finance'}."""
    key = fold(title or "")
    if not key:
        return set()
    variants = {key}
    for long, short in _TITLE_WORDS.items():
        if long in key:
            variants.add(key.replace(long, short))
        if re.search(rf"\b{short}\b", key):
            variants.add(re.sub(rf"\b{short}\b", long, key))
    for short, synonyms in _TITLE_SYNONYMS.items():
        if short in variants:  # the whole title is the C-level one: "CEO", not "Assistant to the CEO"
            variants.update(synonyms)
    return variants


def find_people(text: str, people: list[PersonRef], common_words: frozenset[str] = frozenset(),
                full_names_only: bool = False) -> list[PersonHit]:
    """People named in the text: full name (typos allowed), or, with `full_names_only` False,
    last name, a first name unique among `people`, or their title ("the CFO")."""
    ws = words(text)
    named = _people_near(ws, people)
    hits = _full_name_hits(ws, named)
    if not full_names_only:
        hits += _single_name_hits(ws, named, common_words) + _title_hits(ws, people)
    return _first_per_person(hits)


@dataclass(frozen=True)
class _Named:
    person: PersonRef
    parts: tuple[str, ...]

    @property
    def folded(self) -> str:
        return " ".join(self.parts)


def _people_near(ws: list[Word], people: list[PersonRef]) -> list[_Named]:
    """People sharing a (fuzzily) similar word with the message; the others cannot be named in it."""
    named = [_Named(p, tuple(fold(p.name).split())) for p in people]
    vocab: dict[str, list[int]] = defaultdict(list)
    for index, n in enumerate(named):
        for part in n.parts:
            vocab[part].append(index)
    terms = list(vocab)
    keep: set[int] = set()
    for w in ws:
        if len(w.key) < 3 or w.key in STOPWORDS:
            continue
        for term, _score, _ in process.extract(w.key, terms, scorer=fuzz.ratio, score_cutoff=VOCAB_CUTOFF, limit=None):
            keep.update(vocab[term])
    return [named[i] for i in sorted(keep)]


def _full_name_hits(ws: list[Word], people: list[_Named]) -> list[PersonHit]:
    hits = []
    full = [n for n in people if len(n.parts) >= 2]
    for size in (3, 2):
        for i in range(0, len(ws) - size + 1):
            if any(w.key in STOPWORDS for w in ws[i:i + size]):
                continue  # "and Ruiz" is not "Ana Ruiz"
            query = " ".join(w.key for w in ws[i:i + size])
            scored = sorted(((fuzz.token_sort_ratio(query, n.folded), n) for n in full), key=lambda s: -s[0])
            scored = [s for s in scored if s[0] >= PERSON_ACCEPT]
            if scored and (len(scored) == 1 or scored[1][0] < scored[0][0] or scored[0][1].folded == query):
                hits.append(PersonHit(scored[0][1].person, ws[i].start, ws[i + size - 1].end, "full_name",
                                      scored[0][0]))
    return hits


def _single_name_hits(ws: list[Word], people: list[_Named], common: frozenset[str]) -> list[PersonHit]:
    hits = []
    for w in ws:
        if len(w.key) < 3 or w.key in STOPWORDS:
            continue
        by_last = [n.person for n in people if len(n.parts) > 1 and n.parts[-1] == w.key]
        by_first = [n.person for n in people if n.parts[:1] == (w.key,)]
        if len(by_last) == 1:
            hits.append(PersonHit(by_last[0], w.start, w.end, "last_name"))
        elif not by_last and len(by_first) == 1 and w.key not in common:
            hits.append(PersonHit(by_first[0], w.start, w.end, "first_name"))
        elif not by_last and not by_first and len(w.key) >= 5 and w.key not in common:
            close = [n.person for n in people if n.parts and fuzz.ratio(w.key, n.parts[-1]) >= 88]
            # a first name with one slip of the finger, among this account's people only: "jonsa" for Jonas
            slipped = [n.person for n in people if len(n.parts) > 1 and OSA.distance(w.key, n.parts[0]) <= 1]
            if len(close) == 1:
                hits.append(PersonHit(close[0], w.start, w.end, "last_name"))
            elif not close and len(slipped) == 1:
                hits.append(PersonHit(slipped[0], w.start, w.end, "first_name"))
    return hits


def _title_hits(ws: list[Word], people: list[PersonRef]) -> list[PersonHit]:
    keys = [w.key for w in ws]
    hits = []
    by_variant: dict[str, list[PersonRef]] = defaultdict(list)
    for p in people:
        for variant in title_variants(p.title):
            by_variant[variant].append(p)
    for variant, holders in by_variant.items():
        if len(holders) != 1:
            continue
        parts = variant.split()
        for i in range(0, len(keys) - len(parts) + 1):
            if all(_title_word(k, part) for k, part in zip(keys[i:i + len(parts)], parts)):
                hits.append(PersonHit(holders[0], ws[i].start, ws[i + len(parts) - 1].end, "title"))
    return hits


def _title_word(typed: str, word: str) -> bool:
    """A word of a title as typed: exact, or a one-letter slip in a long word ("directer")."""
    return typed == word or (len(word) >= 6 and typed[:1] == word[:1] and fuzz.ratio(typed, word) >= 85)


def _first_per_person(hits: list[PersonHit]) -> list[PersonHit]:
    rank = {"full_name": 0, "last_name": 1, "title": 2, "first_name": 3}
    chosen: dict[int, PersonHit] = {}
    for h in sorted(hits, key=lambda h: (rank[h.how], -h.score, h.start)):
        chosen.setdefault(h.person.id, h)
    return sorted(chosen.values(), key=lambda h: h.start)


# --------------------------------------------------------------------------- roles

_ROLE_PATTERNS: tuple[tuple[str, DecisionRole], ...] = (
    # the money: "budget authority", "holds the purse strings", "controls the budget", "signs the cheques"
    (r"economic\s+buyers?|\bebs?\b|budget\s+(?:holders?|owners?|authority|signatory)|"
     r"(?:holds?|controls?|owns?)\s+(?:the\s+)?(?:budget|purse(?:[\s\-]strings)?)\b|purse[\s\-]strings|"
     r"signs?\s+(?:the\s+)?(?:contract|cheque|check|deal)|signs?\s+off|who\s+pays|"
     r"(?:controls?|holds?)\s+the\s+(?:money|spend)|approves?\s+(?:the\s+)?(?:budget|spend|money)|"
     r"(?:has|have|holds?)\s+the\s+(?:money|budget)|says?\s+yes\s+to\s+(?:the\s+)?(?:budget|spend|money)|"
     r"decides?\s+(?:about|on)\s+(?:the\s+)?(?:money|budget|spend)|"
     r"(?:approve|sign\s+off)\s+(?:on\s+)?(?:the\s+)?budget", DecisionRole.ECONOMIC_BUYER),
    # the last word: "has the final say", "makes the call"
    (r"decision[\s\-]*makers?|\bdms?\b(?!\s+me)|deciders?|(?:makes?|takes?)\s+the\s+(?:final\s+)?(?:decisions?|call)|who\s+decides|who(?:['’]?s|\s+is|\s+will\s+be)\s+deciding|decides?\s+(?:if|whether|which)\b|"
     r"final\s+(?:say|word|call)|last\s+word", DecisionRole.DECISION_MAKER),
    # the technology: "their techie", "the tech lead", "who evaluates the tech"
    (r"tech(?:nical)?\s+buyers?|\btbs?\b|techies?\b|tech(?:nical)?\s+(?:guy|gal|person|people|evaluators?|lead)\b|"
     r"(?:who\s+)?evaluat\w*\s+(?:the\s+|our\s+)?tech\w*|tech\w*\s+evaluations?|tech\w*\s+decisions?|checks?\b.{0,40}\btechnical\w*|\btechnically\b|technical\s+side|\bthe\s+it\s+side", DecisionRole.TECHNICAL_BUYER),
    (r"user\s+buyers?|end[\s\-]users?|(?:daily|day[\s\-]to[\s\-]day|everyday)\s+users?|(?:who\s+(?:will\s+)?)?us(?:e|es|ing)\s+(?:our|the)\s+"
     r"(?:product|solution|platform|system|tool|software|app)", DecisionRole.USER_BUYER),
    (r"champions?|coach(?:es)?|advocates?|inside\s+(?:man|woman|person)|supports?\s+us|supporters?\b|fans\b|biggest\s+fan\b|fans?\s+of\s+(?:us|ours)\b|help(?:s|ing)\s+us\b|information\s+from\s+(?:the\s+)?inside|"
     r"(?:is|are)\s+on\s+our\s+side|fights?\s+for\s+us", DecisionRole.CHAMPION),
    (r"influencers?", DecisionRole.INFLUENCER),
    (r"gate[\s\-]?keepers?|controls?\s+(?:the\s+)?access\s+to|keeps?\s+us\s+(?:away\s+|out\s+)?from|"
     r"stands?\s+between\s+us\s+and|guards?\s+(?:the\s+)?(?:access|door)", DecisionRole.GATEKEEPER),
    # "anyone working against us?", "who's opposing us"
    (r"blockers?|blocking|block(?:s)?\s+(?:it|us|the\s+deal|this|our)\b|detractors?|(?:working|work|works|is|are|been)\s+against\s+us|oppos(?:es|ing|ed)\s+us",
     DecisionRole.BLOCKER),
)
_ROLE_RES = tuple((re.compile(rf"\b(?:{p})", re.IGNORECASE), role) for p, role in _ROLE_PATTERNS)


@dataclass(frozen=True)
class RoleHit:
    role: DecisionRole
    start: int
    end: int
    plural: bool


_ASKED_ROLE = re.compile(r"\bwho(?:['’]?s|\s+is|\s+are)\s+(?:the|our|their)\s+$", re.IGNORECASE)


def find_role(text: str) -> RoleHit | None:
    """The decision role named in the text ("who's the EB", "decision makers"): the one asked about
    ("... the decision makers at X, like who is the gate keeper"), else the first."""
    found = []
    for pattern, role in _ROLE_RES:
        m = pattern.search(text)
        if m:
            found.append(RoleHit(role, m.start(), m.end(), m.group(0).lower().rstrip().endswith("s")))
    asked = [r for r in found if _ASKED_ROLE.search(text[max(0, r.start - 20):r.start])]
    return min(asked or found, key=lambda r: r.start) if found else None


# --------------------------------------------------------------------------- a person by one name, workspace-wide

# Everyday words that are also first names or surnames ("mark the plan", "will they sign", "the price").
# Such a name names a person only where a name is expected (see `find_by_single_name`).
EVERYDAY_NAME_WORDS = frozenset("""
will mark bill pat sue rob jack frank chase dawn amber max ray art don gene guy sandy rich drew wade miles
cliff earl penny ruby crystal grace hope faith joy rose april may june august summer iris lily victor
bob sam ben dick eve hunter rusty sunny woody
price black white brown green young king long cash wood hill stone lane mills field fields rice bush
shaw hall west north south east page bell ward cook baker fisher miller turner walker park may best
hart short little gross strong sharp swift free noble moss lamb fox love
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())
# words after which a name is expected: "lunch with erik", "w/ jonas", "met mark", "ask pat"
_NAME_BEFORE = frozenset({"with", "w", "met", "ask", "asked", "told", "tell", "called", "emailed", "pinged", "and",
                          "from", "to", "by", "via", "saw", "visited", "meeting", "call", "lunch", "dinner",
                          "coffee", "drinks", "sync", "who's", "whos", "does", "did", "is", "was", "has"})  # "is mark still"


def find_by_single_name(text: str, people: list[PersonRef], common: frozenset[str] = frozenset()
                        ) -> list[PersonHit]:
    """People named by their first name or surname alone ("quick sync w/ jonas", "Olsen, what's his
    story?"), matched exactly (no fuzzy match on a single word). A name that is also an everyday word
    ("mark", "will", "price") or a word of the bot's vocabulary names someone only where a name is
    expected: capitalised inside the sentence, or right after "with", "met", "w/", ... Every person
    carrying that name is returned (two Jonases: both, and the caller asks which account)."""
    ws = words(text)
    by_part: dict[str, list[PersonRef]] = defaultdict(list)
    for p in people:
        parts = fold(p.name).split()
        if len(parts) < 2:
            continue
        for part in {parts[0], parts[-1]}:
            by_part[part].append(p)
    hits: list[PersonHit] = []
    for index, w in enumerate(ws):
        holders = by_part.get(w.key)
        if not holders or len(w.key) < 3 or w.key in STOPWORDS:
            continue
        if (w.key in common or w.key in EVERYDAY_NAME_WORDS) and not _name_position(text, ws, index):
            continue
        hits += [PersonHit(p, w.start, w.end, "last_name" if fold(p.name).split()[-1] == w.key else "first_name")
                 for p in holders]
    return hits


def _name_position(text: str, ws: list[Word], index: int) -> bool:
    w = ws[index]
    sentence_start = not text[:w.start].strip() or text[:w.start].rstrip()[-1] in ".!?:;\n"
    if text[w.start:w.start + 1].isupper() and not sentence_start:
        return True  # "had lunch with Mark", "ask Will about it"
    return index > 0 and ws[index - 1].key in _NAME_BEFORE
