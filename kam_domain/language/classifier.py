"""Intent classification: nearest exemplars under the embedding model, nudged by cue words.

The embedding model is a port: `encode(list[str]) -> array of L2-normalised rows`. The
exemplar matrix is encoded once per classifier; keep one classifier per process
(`classifier_for`).
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from kam_domain.language.cues import WRITES, cue_boosts
from kam_domain.language.data import phrasebook as packaged_phrasebook
from kam_domain.language.exemplars import ACCOUNT_WORD, EXEMPLARS, PERSON_WORD
from kam_domain.language.spelling import Speller
from kam_domain.language.text import words

Encode = Callable[[list[str]], np.ndarray]
TOP_K = 2  # an intent's similarity: the mean of its best K exemplars
CACHE_SIZE = 2048  # query vectors kept: "help", "plan" and friends come back often


@dataclass(frozen=True)
class Ranked:
    intent: str
    score: float


def fill(exemplar: str) -> str:
    return exemplar.replace("{a}", ACCOUNT_WORD).replace("{p}", PERSON_WORD)


def _normalised(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


class IntentClassifier:
    def __init__(self, encode: Encode, exemplars: dict[str, Sequence[str]] = EXEMPLARS,
                 phrasebook: dict[str, Sequence[str]] | None = None):
        # `phrasebook`: more examples per intent for the embedding matrix only (default: the packaged
        # kam_domain/language/data/phrasebook.json); the speller and the exact-match table read `exemplars` alone
        self._encode = encode
        self.intents = list(exemplars)
        texts, owners = [], []
        for index, intent in enumerate(self.intents):
            for phrase in exemplars[intent]:
                texts.append(fill(phrase))
                owners.append(index)
        book = packaged_phrasebook() if phrasebook is None else phrasebook
        examples = [(fill(phrase), index) for index, intent in enumerate(self.intents) for phrase in book.get(intent, ())]
        self._matrix = _normalised(encode(texts + [text for text, _ in examples]))
        self._owners = np.asarray(owners + [index for _, index in examples])
        self._from_exemplars = np.arange(len(self._owners)) < len(texts)
        # the model's own whole words (if the port offers them: bot.language.encoder.QueryEncoder.lexicon)
        placeholders = {w.key for w in words(f"{ACCOUNT_WORD} {PERSON_WORD}")}
        leading = {w.key for intent in WRITES for phrase in exemplars.get(intent, ())
                   for w in words(fill(phrase))[:1]} - placeholders
        self.speller = Speller(texts, getattr(encode, "lexicon", frozenset()), leading)
        self._exact = _exact_phrases(texts, [self.intents[i] for i in owners])
        self._cache: dict[str, np.ndarray] = {}  # recent query vectors, least recently used first
        self._mended: dict[str, str] = {}  # masked text -> query text (pure: never stale)
        self.queries_encoded = 0  # messages that needed the model (the others hit the cache or were certain)

    def vector(self, text: str) -> np.ndarray:
        cached = self._cache.pop(text, None)  # least recently used goes first: re-insert on a hit
        if cached is None:
            cached = _normalised(self._encode([text]))[0]
            self.queries_encoded += 1
        self._remember(text, cached)
        return cached

    def exact_intent(self, query_text: str) -> str | None:
        """The intent whose exemplar this (masked, mended) text IS, punctuation and case aside:
        certain without embedding it ("Contoso plan", "swot for Contoso", "help")."""
        return self._exact.get(_phrase_key(query_text))

    def prime(self, texts: Sequence[str]) -> None:
        """Encode many texts in one batch (much faster per text), e.g. an evaluation set."""
        missing = sorted({t for t in texts if t not in self._cache})
        if missing:
            for text, row in zip(missing, _normalised(self._encode(missing))):
                self._remember(text, row)

    def clear_cache(self) -> None:
        self._cache.clear()
        self._mended.clear()

    def _remember(self, text: str, row: np.ndarray) -> None:
        if len(self._cache) >= CACHE_SIZE:
            self._cache.pop(next(iter(self._cache)))
        self._cache[text] = row

    def similarities(self, text: str, exemplars_only: bool = False) -> dict[str, float]:
        """intent -> similarity of the text to its nearest examples; `exemplars_only` leaves the phrasebook
        out (a measure of how close a message is to anything we do, not which of our intents it is)."""
        sims = self._matrix @ self.vector(text)
        scores = {}
        for index, intent in enumerate(self.intents):
            mask = self._owners == index
            if exemplars_only:
                mask &= self._from_exemplars
            mine = np.sort(sims[mask])[::-1][:TOP_K]
            scores[intent] = float(mine.mean())
        return scores

    def query_text(self, masked_text: str) -> str:
        """What is embedded for a message: the masked text with typos of our vocabulary mended."""
        mended = self._mended.get(masked_text)
        if mended is None:  # the router asks more than once per message (exact match, role, ranking)
            if len(self._mended) >= CACHE_SIZE:
                self._mended.pop(next(iter(self._mended)))
            mended = self._mended[masked_text] = self.speller.mend(masked_text)
        return mended

    def rank(self, masked_text: str, exemplars_only: bool = False) -> list[Ranked]:
        """Intents best first: similarity of the masked text (typos of our vocabulary mended) plus cue boosts."""
        mended = self.query_text(masked_text)
        scores = self.similarities(mended, exemplars_only)
        for intent, boost in cue_boosts(mended).items():
            if intent in scores:
                scores[intent] += boost
        return sorted((Ranked(i, s) for i, s in scores.items()), key=lambda r: (-r.score, r.intent))


def _phrase_key(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+(?:['’][^\W_]+)*|\d+", text.lower().replace("’", "'")))


def _exact_phrases(texts: list[str], intents: list[str]) -> dict[str, str]:
    """Normalised exemplar text -> its intent, for phrasings that belong to one intent only."""
    owners: dict[str, set[str]] = {}
    for text, intent in zip(texts, intents):
        owners.setdefault(_phrase_key(text), set()).add(intent)
    return {key: next(iter(found)) for key, found in owners.items() if key and len(found) == 1}


_CACHE: dict[object, IntentClassifier] = {}
_LOCK = threading.Lock()


def classifier_for(key: object, encode: Encode) -> IntentClassifier:
    """One classifier (one encoded exemplar matrix) per process and embedding model."""
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = IntentClassifier(encode)
        return _CACHE[key]
