"""Split a note into short statements (sentences and clauses) a SWOT point can quote.

Pure. Reporting wrappers ("Ana told me that ...", "Watch out: ... (heard from Ana)") are
taken off so the statement says the fact itself; the label in front of a colon is kept
as `label` because it is a strong hint ("Risk:", "Opening:", "Open question:").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kam_domain.drafting.reading import named_subject

MAX_STATEMENT = 240
MIN_WORDS = 4

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Za-z0-9])|\n+|;\s+|\s[-–—]\s")
# a full stop that ends no sentence: "incl. ETS", "approx. 40k", "Dr. Hoffmann", "Sofia K. (procurement)"
_NOT_AN_END = re.compile(r"(?:(?<=\W)|^)(?:incl|approx|appr|ca|vs|e\.g|i\.e|cf|dr|mr|mrs|ms|st|nr|ext|avg|est|dept|"
                         r"prof|mgmt|asst|ref|tel|wks?|hrs?|yrs?|sched|[A-Z])\.(\s+)", re.IGNORECASE)
_KEEP = "\x00"
_LABEL = re.compile(r"^\s*([A-Za-z][^:]{0,60}?):\s+(?=\S)")
_NAME = r"(?:[A-Z][\w'’.\-]*)(?:\s+(?:van|von|de|der|da|di|la|le|[A-Z][\w'’.\-]*)){0,3}"
_SPEAKER = re.compile(
    rf"^(?:{_NAME}|they|he|she|the customer|the client)\s+"
    r"(?:(?:told (?:me|us)|said(?: it plainly)?|confirmed|warned (?:me|us)|let slip|mentioned|reminded (?:me|us)"
    r"|explained|admitted|noted|stressed|reported|was blunt)(?:\s+that)?[:,]?|(?:hinted|complained|shared) that)\s+",
    re.IGNORECASE)
_ACCORDING = re.compile(rf"^(?:according to|per|via|heard from)\s+{_NAME}\s*(?:,|that)\s*", re.IGNORECASE)
_TRAILING_SOURCE = re.compile(r"\s*\((?:heard\s+)?(?:from|via|per)?\s*[A-Z][^()]{0,40}\)\s*[.!]?$")


@dataclass(frozen=True)
class Statement:
    text: str  # the statement as a point would show it
    label: str | None = None  # "Risk", "Opening", "Open question", "Email from Ana" ...
    sentence: str = ""  # the sentence it came from, label and wrappers included
    position: int = 0  # order within the note


def split_statements(body: str, account_name: str = "") -> list[Statement]:
    """The note's statements in order, each naming its subject ("She is cool on us" -> "Katrin
    Vogel is cool on us"); "X, but Y" gives two statements; very short fragments are dropped."""
    statements: list[Statement] = []
    body = body or ""
    for sentence in _sentences(body):
        label, rest = _take_label(sentence)
        if label and not rest:
            continue
        before = body[:body.find(sentence)] if sentence in body else ""
        for clause in _clauses(_unwrap(rest)):
            text = _tidy(named_subject(_EQUALS.sub(" is ", clause), before, account_name))
            if len(text.split()) < MIN_WORDS and not (len(text.split()) == MIN_WORDS - 1 and _ABOUT_US.search(text)):
                continue
            statements.append(Statement(text=text, label=label, sentence=sentence, position=len(statements)))
    return statements


_ABOUT_US = re.compile(r"\b(?:us|our)\b", re.IGNORECASE)  # "Birte defends us." says enough in three words
_EQUALS = re.compile(r"\s+=\s+")
_BUT = re.compile(r",?\s+but\s+", re.IGNORECASE)
_VERB_FIRST = re.compile(r"^(?:wants?|needs?|is|was|has|had|did|does|says|said|stayed|remains|asked|will|would|"
                         r"could|can|cannot|still|also|clearly)\b", re.IGNORECASE)
_LEADING_NAME = re.compile(r"^((?:[A-Z][\w'’\-]+\s+){0,2}[A-Z][\w'’\-]+)(?:\s*\([^)]*\))?\s")


def _clauses(text: str) -> list[str]:
    """"Linda approved $1.2M but wants a price lock" -> the approval, and "Linda wants a price lock"."""
    parts = _BUT.split(text, maxsplit=1)
    if len(parts) < 2 or len(parts[0].split()) < 3 or len(parts[1].split()) < 3:
        return [text]
    first, second = parts
    subject = _LEADING_NAME.match(first)
    if _VERB_FIRST.match(second) and subject:
        second = f"{subject.group(1)} {second}"
    return [first, second]


def _sentences(body: str) -> list[str]:
    body = re.sub(r"[ \t]+", " ", body.replace("\r", "\n"))
    body = _NOT_AN_END.sub(lambda m: m.group(0)[:-len(m.group(1))] + _KEEP, body)
    parts = []
    for chunk in _SENTENCE_END.split(body):
        chunk = chunk.replace(_KEEP, " ").strip(" \n\t-–—•*")
        if chunk:
            parts.append(chunk)
    return parts


def _take_label(sentence: str) -> tuple[str | None, str]:
    """"Email from Ana: Risk: ..." -> ("Email from Ana; Risk", "..."): at most two labels."""
    labels, rest = [], sentence
    for _ in range(2):
        match = _LABEL.match(rest)
        if not match or len(match.group(1).split()) > 8:
            break
        labels.append(match.group(1).strip())
        rest = rest[match.end():].strip()
    return ("; ".join(labels) or None), rest


def _unwrap(text: str) -> str:
    text = _ACCORDING.sub("", text)
    text = _SPEAKER.sub("", text, count=1)
    return _TRAILING_SOURCE.sub("", text)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:-–—")
    if len(text) > MAX_STATEMENT:
        cut = text[:MAX_STATEMENT].rsplit(" ", 1)[0]
        text = cut.rstrip(",;:") + "…"
    if text and text[-1] not in ".!?…":
        text += "."
    return text[:1].upper() + text[1:]
