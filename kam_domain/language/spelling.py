"""Mend typos of our own vocabulary ("portfolo", "anaylsis", "acounts") and spell out the
abbreviations salespeople type ("acct", "w/", "mtg") before classifying: the embedding model
splits a misspelt or clipped word into unrelated pieces. Pure.

A word the embedding model knows whole (its tokenizer `lexicon`: "owner", "select") is a real
word, never a typo on its own: mending it would change what was said ("owner" is not "lower").
Only its neighbour can make it one: "swat analysis" is the "swot analysis" of our phrasings, a
real word one letter from the vocabulary word that our phrasings put next to that neighbour."""
from __future__ import annotations

import re

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Hamming

from kam_domain.language.text import STOPWORDS, mask, words

EXTRA_WORDS = ("outstanding", "overdue", "pending", "decides", "decide", "decision", "normally", "usually", "technical", "portfolio", "analysis", "stakeholders", "stakeholder", "nominate", "demote", "objectives",
               "overview", "accounts", "account", "quadrant", "quadrants", "scores", "watchlist", "relationship",
               "economic", "buyer", "decision", "makers", "champion", "gatekeeper", "review", "strategy",
               # the decision roles, singular and plural: "influencers" is no typo of "influence"
               "buyers", "champions", "gatekeepers", "influencer", "influencers", "blocker", "blockers", "coach",
               "coaches", "sponsor", "sponsors", "detractor", "detractors")

# Sales shorthand, spelled out whole: never a typo of something else.
ABBREVIATIONS = {
    "acct": "account", "accts": "accounts", "accnt": "account", "accnts": "accounts", "acc": "account",
    "accs": "accounts", "w": "with", "mtg": "meeting", "mtgs": "meetings", "mgmt": "management",
    "mgr": "manager", "opp": "opportunity", "opps": "opportunities", "oppty": "opportunity",
    "yr": "year", "yrs": "years", "biz": "business", "convo": "conversation", "prio": "priority",
    "prios": "priorities", "shd": "should", "shud": "should", "wud": "would", "cud": "could", "abt": "about",
    "tmrw": "tomorrow", "tmr": "tomorrow", "nxt": "next", "thru": "through", "u": "you", "ur": "your", "r": "are", "ppl": "people", "infl": "influence", "rvw": "review",
    "prod": "product", "rev": "revenue",
    # contractions typed without the apostrophe: "doesnt" is no typo of "does" (the negation matters)
    **{bare: bare[:-1] + "'t" for bare in ("dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant",
                                           "couldnt", "shouldnt", "wouldnt", "wont", "hasnt", "havent", "hadnt")},
}


# an acronym typed with dots, three letters or more ("e.g." and "i.e." stay)
_DOTTED = re.compile(r"\b(?:(?:[A-Za-z]\.){2,}[A-Za-z]\.?|(?:[A-Za-z]\.){3,})(?=\s|$|[,;:!?])")


_FOLLOW_UP = re.compile(r"\bf/u\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,.;:!?\n]")
_SPACED = re.compile(r"(?<![\w/])(?:[A-Za-z] ){3,}[A-Za-z](?![\w/])")  # an acronym typed letter by letter, 4 letters or more


class Speller:
    def __init__(self, texts: list[str], lexicon: frozenset[str] | set[str] = frozenset(),
                 leading_verbs: frozenset[str] | set[str] = frozenset()):
        """`leading_verbs`: the words that start the exemplars of a write ("add", "met", "set"): a message
        starting with one of them clipped by a letter ("ad Tim Cole as CTO", "mt Ana today") means it."""
        self._leading = sorted(v for v in leading_verbs if v.isalpha() and v not in STOPWORDS)
        vocabulary = {w.key for text in texts for w in words(text) if len(w.key) >= 4 and w.key.isalpha()}
        self.vocabulary = sorted(vocabulary | set(EXTRA_WORDS))
        self._known = frozenset(self.vocabulary) | STOPWORDS | frozenset(lexicon)
        self._ours = frozenset(self.vocabulary) | STOPWORDS
        # which side matters: "swat for Contoso" is "swot" (swot comes before an account), but "Contoso, store
        # rollout" is no "score" (score never comes right after one)
        self._before: dict[str, set[str]] = {}  # neighbour -> the words right before it
        self._after: dict[str, set[str]] = {}  # neighbour -> the words right after it
        for text in texts:
            keys = [w.key for w in words(text) if w.key not in STOPWORDS]  # "swot for Contoso": swot beside contoso
            for left, right in zip(keys, keys[1:]):
                if len(left) >= 4 and left.isalpha():
                    self._before.setdefault(right, set()).add(left)
                if len(right) >= 4 and right.isalpha():
                    self._after.setdefault(left, set()).add(right)

    def fix(self, word: str) -> str | None:
        """The vocabulary word this one is a typo of, or None."""
        if word in ABBREVIATIONS:
            return ABBREVIATIONS[word]
        if len(word) == 3 and word not in self._known and word.isalpha():
            return self._swapped(word)  # "cna", "teh": two letters swapped in a short word
        if 4 <= len(word) <= 6 and word not in self._known and word.isalpha() and (swapped := self._swapped(word)):
            return swapped  # "sowt": two letters swapped, which a ratio cutoff misses in a short word
        if len(word) < 4 or word in self._known or not word.isalpha():
            return None
        cutoff = 80.0 if len(word) >= 5 else 75.0
        best = process.extractOne(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is None or (len(word) < 5 and best[0][0] != word[0]):
            return None
        return best[0]

    def _swapped(self, word: str) -> str | None:
        for i in range(len(word) - 1):
            candidate = word[:i] + word[i + 1] + word[i] + word[i + 2:]
            if candidate != word and candidate in self._ours:
                return candidate
        return None

    def unclip(self, word: str) -> str | None:
        """The one leading verb this short first word is with one letter dropped ("ad" -> "add"), or None."""
        if not 2 <= len(word) <= 3 or word in STOPWORDS or word in self._ours or not word.isalpha():
            return None
        found = {v for v in self._leading if len(v) == len(word) + 1
                 and any(v[:i] + v[i + 1:] == word for i in range(len(v)))}
        return found.pop() if len(found) == 1 else None

    def fix_in_context(self, word: str, following: str | None, preceding: str | None) -> str | None:
        """A real word that is a typo only beside this neighbour: "swat" before "analysis"."""
        if len(word) < 4 or word in self._ours or not word.isalpha():
            return None
        for seen in (self._before.get(following, ()) if following else (), self._after.get(preceding, ()) if preceding else ()):
            # one letter typed wrong inside the word ("swat"): not another ending ("wants") or another word ("deals")
            choices = sorted(v for v in seen if len(v) == len(word) and v[0] == word[0]
                             and v[-1] == word[-1] and Hamming.distance(v, word) == 1)
            if choices:
                return choices[0]
        return None

    def mend(self, text: str) -> str:
        text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)  # "s.w.o.t." -> "swot", "q.b.r" -> "qbr"
        text = _FOLLOW_UP.sub("follow up", text)  # before "w/" and "u" are read as words
        text = _SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)  # "s w o t" -> "swot"
        ws = words(text)
        fixed = [self.fix(w.key) for w in ws]
        if ws and ws[0].start == 0 and fixed[0] is None:
            fixed[0] = self.unclip(ws[0].key)
        # neighbours as they will read once mended ("swat anaylsis" -> "analysis")
        keys = [f or w.key for f, w in zip(fixed, ws)]
        content = [i for i, key in enumerate(keys) if key not in STOPWORDS]  # neighbours skip "for", "the"...
        spans = []
        for i, w in enumerate(ws):
            mended = fixed[i]
            if mended is None and i in content:
                at = content.index(i)
                # a neighbour across a comma or a full stop belongs to another clause: "Contoso, store rollout"
                after = ws[content[at + 1]] if at + 1 < len(content) else None
                before = ws[content[at - 1]] if at > 0 else None
                following = keys[content[at + 1]] if after and not _CLAUSE_BREAK.search(text[w.end:after.start]) else None
                preceding = keys[content[at - 1]] if before and not _CLAUSE_BREAK.search(text[before.end:w.start]) else None
                mended = self.fix_in_context(w.key, following, preceding)
            if mended:
                spans.append((w.start, w.end, mended))
        return mask(text, spans) if spans else text
