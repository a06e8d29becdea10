"""Place a statement in a SWOT quadrant: who it is about (us, them, the market) and
whether it helps or hurts us.

Two signals, combined: the statement's nearest exemplars of each quadrant (sentence
embeddings, `exemplars.py`) and cue words a KAM writes when the point is of that kind
("late", "complained" for a weakness; "tender", "competitor" for a threat...). Statements
about us ("we", "our") lean to strengths and weaknesses, the rest to opportunities and
threats. Pure apart from the embedder, which is passed in.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from kam_domain.drafting.exemplars import EXEMPLARS, NOT_SWOT

QUADRANTS = ("strength", "weakness", "opportunity", "threat")
NEAREST = 3  # exemplars averaged per quadrant
CUE_WEIGHT = 0.06  # per cue hit, at most two hits count
SUBJECT_WEIGHT = 0.03
NOT_SWOT_MARGIN = 0.02  # a statement closer to "not a SWOT point" than this is dropped
MIN_SCORE = 0.25  # below this similarity to every quadrant, a statement says too little

_CUES = {
    "strength": (r"trust\w*|prais\w*|happy|pleased|satisf\w*|values?|valued|appreciat\w*|likes?|liked|loves?|"
                 r"best|better than|fastest|faster|only (?:vendor|supplier|one) (?:that|who)|strong relationship|"
                 r"credit(?:s|ed)? (?:us|our)|solved|fixed|reliab\w*|preferred supplier|calls? us first|"
                 r"recommend\w*|on time|impressed"),
    "weakness": (r"late|delays?|delayed|complain\w*|complaints?|fed up|frustrat\w*|wrong|too high|expensive|"
                 r"slipp?ed|failed|failures?|missed|nobody|no one|don'?t know|can'?t|cannot|rigid|lost track|"
                 r"dislike\w*|incomplete|hard to|slow|only (?:have|person|contact)|transactional|"
                 r"no (?:executive|sponsor|contacts?|relationship|answer|one)|quality (?:issues?|problems?)|"
                 r"above (?:what|market)|unhappy with (?:us|our)"),
    "opportunity": (r"new (?:site|line|plant|centre|center|project|warehouse|distribution|factory|contract|hires)|"
                    r"expan\w*|grow\w*|goes? up|up by|increas\w*|wants? (?:to|a|one)|plans? to|interested|open to|"
                    r"pilot|consolidat\w*|asked (?:whether|if) we|pitch|invit\w*|subsid\w*|acquisition|acquir\w*|"
                    r"would like|looking for|request for|framework|second line|upgrade|modernis\w*|moderniz\w*"),
    "threat": (r"competitors?|rival|tender|re-tender|below (?:us|our)|cheaper|in-house|insourc\w*|cuts?|merger|"
               r"leaving|leaves|switch\w*|clos(?:e|es|ing|ure)|restructur\w*|froze|freeze|frozen|downgrad\w*|"
               r"sell|rumou?r|regulation|new rules|down \d+|reviewing (?:all|every)|low-cost|drop us|threat\w*|"
               r"on hold|churn|cancel\w*|terminat\w*|escalat\w*"),
}
_CUE_RE = {q: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) for q, pattern in _CUES.items()}
_ABOUT_US = re.compile(r"\b(?:we|our|us|ours)\b", re.IGNORECASE)
_LABEL_HINTS = {
    "threat": re.compile(r"\b(?:risk|watch out|bad news|warning|threat)\b", re.IGNORECASE),
    "opportunity": re.compile(r"\b(?:opening|opportunity|big one)\b", re.IGNORECASE),
    "weakness": re.compile(r"\b(?:weak spot|honest feedback|blunt)\b", re.IGNORECASE),
    "strength": re.compile(r"\b(?:good signal|worth quoting|praise)\b", re.IGNORECASE),
}


@dataclass(frozen=True)
class Placement:
    quadrant: str | None  # None: not a SWOT point
    confidence: float  # margin of the winner over the runner-up
    score: float  # the winner's combined score


_NEGATION = re.compile(r"\b(?:without|no|not|never|nor|zero)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _hits(pattern: re.Pattern, text: str) -> int:
    """Cue hits, leaving out negated ones ("without a failure", "no complaints")."""
    return sum(1 for m in pattern.finditer(text) if not _NEGATION.search(text[max(0, m.start() - 30):m.start()]))


def cue_scores(text: str, label: str | None = None) -> np.ndarray:
    """Cue-word evidence per quadrant (QUADRANTS order)."""
    hits = np.array([min(_hits(_CUE_RE[q], text), 2) for q in QUADRANTS], dtype=np.float32)
    if label:
        for i, q in enumerate(QUADRANTS):
            if _LABEL_HINTS[q].search(label):
                hits[i] += 1
    scores = CUE_WEIGHT * hits
    if _ABOUT_US.search(text):
        scores[:2] += SUBJECT_WEIGHT
    else:
        scores[2:] += SUBJECT_WEIGHT
    return scores


class ExemplarBank:
    """The exemplar vectors of one embedder, computed once per process."""

    _cache: dict[str, "ExemplarBank"] = {}
    _lock = threading.Lock()

    def __init__(self, embedder):
        self.quadrants = [embedder.embed(list(EXEMPLARS[q])) for q in QUADRANTS]
        self.not_swot = embedder.embed(list(NOT_SWOT))

    @classmethod
    def for_embedder(cls, embedder) -> "ExemplarBank":
        key = f"{getattr(embedder, 'name', type(embedder).__name__)}:{id(embedder)}"
        with cls._lock:
            if key not in cls._cache:
                cls._cache[key] = cls(embedder)
            return cls._cache[key]


def _nearest_mean(vectors: np.ndarray, bank: np.ndarray) -> np.ndarray:
    sims = vectors @ bank.T
    k = min(NEAREST, bank.shape[0])
    return np.sort(sims, axis=1)[:, -k:].mean(axis=1)


def similarity_scores(vectors: np.ndarray, bank: ExemplarBank) -> tuple[np.ndarray, np.ndarray]:
    """(statements x quadrants similarity, statements' similarity to non-SWOT talk)."""
    per_quadrant = np.stack([_nearest_mean(vectors, q) for q in bank.quadrants], axis=1)
    return per_quadrant, _nearest_mean(vectors, bank.not_swot)


def place(texts: Sequence[str], labels: Sequence[str | None], vectors: np.ndarray | None,
          bank: ExemplarBank | None, evidence: np.ndarray | None = None) -> list[Placement]:
    """A placement per statement; without vectors (no model) the cue words decide alone.
    `evidence` (statements x quadrants) is what a KAM reads in the words (drafting.reading):
    a statement with such evidence is a SWOT point whatever it resembles."""
    if vectors is not None and bank is not None and len(texts):
        similarity, not_swot = similarity_scores(vectors, bank)
    else:
        similarity, not_swot = np.zeros((len(texts), len(QUADRANTS)), np.float32), None
    placements = []
    for i, text in enumerate(texts):
        ruled = evidence is not None and float(evidence[i].max()) > 0
        combined = similarity[i] + cue_scores(text, labels[i]) + (evidence[i] if ruled else 0)
        order = np.argsort(combined)[::-1]
        best, runner_up = combined[order[0]], combined[order[1]]
        quadrant = QUADRANTS[int(order[0])]
        if ruled:  # the words say what it means for us: a point, whatever it resembles
            pass
        elif not_swot is not None:
            if best < MIN_SCORE or not_swot[i] > best + NOT_SWOT_MARGIN:
                quadrant = None
        elif best - 2 * SUBJECT_WEIGHT <= 0:  # cue words only: no cue, no point
            quadrant = None
        placements.append(Placement(quadrant, float(best - runner_up), float(best)))
    return placements
