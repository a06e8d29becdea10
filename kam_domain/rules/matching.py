"""Fuzzy matching of what people type against account names, aliases and CRM ids."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from kam_domain.rules.names import fold, normalize_account_name

EXACT = 100.0
WORD_PREFIX = 96.0
ACCEPT = 84.0  # below this a match is only a suggestion ("did you mean")
SUGGEST = 60.0
AMBIGUITY_MARGIN = 4.0


@dataclass
class NameCandidate:
    id: int
    name: str
    keys: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, id: int, name: str, aliases: list[str] | None = None, crm_id: str | None = None) -> "NameCandidate":
        return cls(id=id, name=name, keys=list(_match_keys(name, tuple(aliases or ()), crm_id)))


@lru_cache(maxsize=100_000)
def _match_keys(name: str, aliases: tuple[str, ...], crm_id: str | None) -> tuple[str, ...]:
    # Memoised on the row's own content, so a renamed account simply gets new keys.
    keys = {normalize_account_name(name), fold(name)}
    keys.update(normalize_account_name(a) for a in aliases if a)
    if crm_id:
        keys.add(fold(crm_id))
    return tuple(sorted(k for k in keys if k))


@dataclass
class MatchOutcome:
    """`match` when one candidate is clearly meant; else `ambiguous` or `suggestions`."""

    match: NameCandidate | None
    score: float
    ambiguous: list[NameCandidate]
    suggestions: list[NameCandidate]


def score_key(query: str, key: str) -> float:
    if query == key:
        return EXACT
    if key.startswith(query + " ") or (" " + query + " ") in (" " + key + " "):
        # "borealis" in "borealis logistics": a whole-word part of the name.
        return WORD_PREFIX - max(0, 3 - len(query.split())) * 0.5
    return float(max(fuzz.ratio(query, key), 0.95 * fuzz.token_sort_ratio(query, key),
                     _prefix_ratio(query, key)))


def _prefix_ratio(query: str, key: str) -> float:
    # Typos in the first words of a long name: "borealis logistcs" vs "borealis logistics gmbh".
    if len(query) < 4:
        return 0.0
    return 0.97 * fuzz.ratio(query, key[: len(query) + 1].rstrip())


def score_candidate(query: str, candidate: NameCandidate) -> float:
    return max((score_key(query, key) for key in candidate.keys), default=0.0)


def match_account(text: str, candidates: list[NameCandidate]) -> MatchOutcome:
    query = normalize_account_name(text)
    if not query:
        return MatchOutcome(None, 0.0, [], [])
    scored = sorted(((score_candidate(query, c), c) for c in candidates), key=lambda sc: (-sc[0], sc[1].name))
    if not scored or scored[0][0] < SUGGEST:
        return MatchOutcome(None, scored[0][0] if scored else 0.0, [], [])
    best_score, best = scored[0]
    if best_score < ACCEPT:
        return MatchOutcome(None, best_score, [], [c for s, c in scored[:3] if s >= SUGGEST])
    rivals = [c for s, c in scored[1:6] if s >= ACCEPT and s >= best_score - AMBIGUITY_MARGIN]
    if rivals and best_score < EXACT:
        return MatchOutcome(None, best_score, [best, *rivals], [])
    return MatchOutcome(best, best_score, [], [])


def match_account_prefix(tokens: list[str], candidates: list[NameCandidate], max_words: int = 7):
    """Split "Borealis Logistics keen on renewal" into the account and the rest.

    Tries every prefix of up to `max_words` words and keeps the best-scoring one; a longer
    prefix wins a tie. Returns (MatchOutcome, words_used).
    """
    best: tuple[float, int, MatchOutcome] | None = None
    for used in range(min(len(tokens), max_words), 0, -1):
        outcome = match_account(" ".join(tokens[:used]), candidates)
        rank = 2 if outcome.match else (1 if outcome.ambiguous else 0)
        key = (rank, outcome.score)
        if best is None or key > (best[0], best[2].score):
            best = (rank, used, outcome)
    if best is None:
        return MatchOutcome(None, 0.0, [], []), 0
    return best[2], best[1]
