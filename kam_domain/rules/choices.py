"""Answering a numbered question by its number, an ordinal or a name.

Pure: the caller passes the labels it showed ("1. Vantor Energy AS", "2. Vantor Health Ltd")
and what the person typed next. `pick` says which label was meant, or that the reply is not
an answer at all (then it is a new message).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8}
_FILLER = {"the", "one", "number", "no", "option", "choice", "please", "pls", "i", "mean", "meant", "want", "take",
           "that", "is", "it", "ok", "okay", "yes", "a", "an", "nr"}
_NUMBER = re.compile(r"^(\d{1,3})[.)]?$")
_WORD = re.compile(r"[\w']+")
SAME_WORD = 85  # a typed word matches a label word at this rapidfuzz ratio (typos: "helth")


@dataclass(frozen=True)
class Picked:
    index: int | None  # 0-based index of the chosen label; None: not chosen
    by_position: bool  # the reply was a number or an ordinal ("2", "the second", "last")
    out_of_range: bool = False


NOT_AN_ANSWER = Picked(None, False)


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _WORD.findall(text)


def position(text: str) -> int | None:
    """1-based position a reply names ("2", "2.", "the second", "number 2", "the last one" -> -1), else None."""
    words = [w for w in _words(text) if w not in _FILLER]
    if len(words) != 1:
        return None
    word = words[0]
    if (match := _NUMBER.match(word)) is not None:
        return int(match.group(1))
    if word == "last":
        return -1
    return ORDINALS.get(word)


def pick(text: str, labels: list[str]) -> Picked:
    """Which of `labels` the reply `text` chooses: by number or ordinal, or by the words of one label only."""
    spot = position(text)
    if spot is not None:
        if spot == -1 and labels:
            return Picked(len(labels) - 1, True)
        if 1 <= spot <= len(labels):
            return Picked(spot - 1, True)
        return Picked(None, True, out_of_range=True)
    said = [w for w in _words(text) if w not in _FILLER]
    if not said or len(said) > 8:
        return NOT_AN_ANSWER
    fits = [i for i, label in enumerate(labels) if _all_words_in(said, _words(label))]
    return Picked(fits[0], False) if len(fits) == 1 else NOT_AN_ANSWER


def _all_words_in(said: list[str], label_words: list[str]) -> bool:
    return all(any(w == lw or (len(w) >= 4 and fuzz.ratio(w, lw) >= SAME_WORD) for lw in label_words) for w in said)


def is_bare_answer(text: str) -> bool:
    """A reply that only makes sense as the answer to a question ("1", "the second")."""
    return position(text) is not None
