"""Ranking over vectors and words: pure functions (numpy), no index, no model."""
from __future__ import annotations

import math
import re
from datetime import date
from typing import Sequence

import numpy as np

RECENCY_HALF_LIFE_DAYS = 180


def similarities(vectors: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """Exact cosine similarity of unit vectors: rows are items, columns are queries."""
    if vectors.size == 0:
        return np.zeros((0, queries.shape[0]), dtype=np.float32)
    return vectors @ queries.T


def recency(written: Sequence[date], today: date, half_life_days: int = RECENCY_HALF_LIFE_DAYS) -> np.ndarray:
    """1.0 for today, 0.5 after one half-life, and so on; future dates count as today."""
    ages = np.array([max(0, (today - d).days) for d in written], dtype=np.float32)
    return np.power(0.5, ages / float(half_life_days))


_WORD = re.compile(r"[a-z0-9][a-z0-9'\-]+")
_STOP = frozenset("""a an and are as at be but by for from has have he her his i in is it its me my of on or our
out she so that the their them they this to us was we were will with you your not no""".split())


def terms(text: str) -> list[str]:
    return [w for w in _WORD.findall((text or "").lower()) if w not in _STOP]


def lexical_scores(texts: Sequence[str], query_terms: Sequence[str]) -> np.ndarray:
    """A cheap BM25-like score of each text for the query terms (the database fallback)."""
    if not texts:
        return np.zeros(0, dtype=np.float32)
    docs = [terms(t) for t in texts]
    wanted = set(query_terms)
    frequency = {w: sum(1 for d in docs if w in d) for w in wanted}
    average = (sum(len(d) for d in docs) / len(docs)) or 1.0
    scores = []
    for doc in docs:
        score = 0.0
        for word in wanted:
            count = doc.count(word)
            if not count:
                continue
            idf = math.log(1 + (len(docs) - frequency[word] + 0.5) / (frequency[word] + 0.5))
            score += idf * count * 2.2 / (count + 1.2 * (0.25 + 0.75 * len(doc) / average))
        scores.append(score)
    result = np.array(scores, dtype=np.float32)
    top = result.max() if result.size else 0
    return result / top if top > 0 else result
