"""Mend typos of our own vocabulary ("portfolo", "anaylsis", "acounts") before classifying:
the embedding model splits a misspelt word into unrelated pieces. Pure.

A word the embedding model knows whole (its tokenizer `lexicon`: "owner", "select") is a real
word, never a typo: mending it would change what was said ("owner" is not "lower")."""
from __future__ import annotations

from rapidfuzz import fuzz, process

from kam_domain.language.text import STOPWORDS, mask, words

EXTRA_WORDS = ("portfolio", "analysis", "stakeholders", "stakeholder", "nominate", "demote", "objectives",
               "overview", "accounts", "account", "quadrant", "quadrants", "scores", "watchlist", "relationship",
               "economic", "buyer", "decision", "makers", "champion", "gatekeeper", "review", "strategy")


class Speller:
    def __init__(self, texts: list[str], lexicon: frozenset[str] | set[str] = frozenset()):
        vocabulary = {w.key for text in texts for w in words(text) if len(w.key) >= 4 and w.key.isalpha()}
        self.vocabulary = sorted(vocabulary | set(EXTRA_WORDS))
        self._known = frozenset(self.vocabulary) | STOPWORDS | frozenset(lexicon)

    def fix(self, word: str) -> str | None:
        """The vocabulary word this one is a typo of, or None."""
        if len(word) < 4 or word in self._known or not word.isalpha():
            return None
        cutoff = 80.0 if len(word) >= 5 else 75.0
        best = process.extractOne(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is None or (len(word) < 5 and best[0][0] != word[0]):
            return None
        return best[0]

    def mend(self, text: str) -> str:
        spans = []
        for w in words(text):
            fixed = self.fix(w.key)
            if fixed:
                spans.append((w.start, w.end, fixed))
        return mask(text, spans) if spans else text
