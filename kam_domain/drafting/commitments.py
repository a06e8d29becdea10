"""Commitments made, questions left open, requests and risks raised, found in notes. Pure.

"I promised to send the revised TCO model by Friday." is a commitment due on the Friday
after the note was written; "Open question: who signs off above 250k?" is a question to
answer; "Risk: Lars may leave" is a risk to act on. Dates are read relative to the note's
date with the meeting-log date rules (`parse_due_date`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kam_domain.rules.meeting_log import parse_due_date

_F = re.IGNORECASE
_SENTENCES = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n+")

_COMMITMENT = re.compile(
    r"\b(?:(?:i|we)\s+(?:promised|will|shall|owe|agreed|need\s+to|have\s+to|must|am\s+going\s+to|are\s+going\s+to)"
    r"|(?:i|we)['’]ll|promised|agreed\s+to|action\s+on\s+(?:me|us)|will\s+(?:send|set\s+up|loop\s+in|book|call|share|"
    r"prepare|draft|follow|arrange|check|come\s+back)|sending\s+(?:it\s+)?(?:tomorrow|today|on\s+\w+|this\s+week|next\s+week))\b",
    _F)
_REQUEST = re.compile(r"\b(?:asked\s+(?:us\s+|me\s+)?(?:for|to|whether|if)|requested|wants?\s+(?:us|me)\s+to)\b", _F)
_QUESTION = re.compile(
    r"\b(?:open\s+question|still\s+unclear|unclear\s+(?:whether|if|who)|need\s+to\s+(?:find\s+out|check|confirm)|"
    r"not\s+sure\s+(?:yet\s+)?(?:if|whether|who)|(?:we\s+)?still\s+don['’]?t\s+know|don['’]t\s+know\s+(?:who|when|whether|if)|"
    r"to\s+be\s+confirmed|question\s+for)\b", _F)
_RISK = re.compile(r"\b(?:risk|watch\s+out|could\s+escalate|will\s+escalate|threatened\s+to)\b", _F)
_FOLLOW_UP = re.compile(r"\b(?:follow[\s\-]?up\s+with|check\s+(?:this\s+)?with|worth\s+a\s+call|discuss\s+with)\b", _F)

_OWN_PREFIX = re.compile(
    r"^(?:action\s+on\s+(?:me|us)\s*:\s*|(?:i|we)\s+(?:promised|agreed|need|have|am\s+going|are\s+going)\s+to\s+|"
    r"(?:i|we)\s+(?:will|shall|must)\s+|(?:i|we)['’]ll\s+|will\s+|agreed\s+to\s+|need\s+to\s+)", _F)
_LABEL = re.compile(r"^\s*([A-Za-z][^:]{0,40}?):\s+(?=\S)")
_TRAILING_SOURCE = re.compile(r"\s*\((?:heard\s+)?(?:from|via|per)\s+[^()]{1,40}\)(?=\s*[.!]?$)")


@dataclass(frozen=True)
class Finding:
    kind: str  # commitment, request, question, risk, follow_up
    text: str  # as an action title
    sentence: str  # the note's sentence, as written
    due: date | None
    by: str | None = None  # commitments: "us" or "them"
    owner: str | None = None  # who carries it out, when named ("me": the note's author)


def sentences(body: str) -> list[str]:
    return [s.strip(" \n\t-–—•*") for s in _SENTENCES.split(re.sub(r"[ \t]+", " ", body or "")) if s.strip()]


_ACTION_LABEL = re.compile(r"(?:action(?:\s+on\s+(?:me|us))?|actions|to-?dos?|next\s+steps?|follow[\s\-]?ups?)", _F)


def kind_of(sentence: str) -> str | None:
    """What a sentence asks of us. A label ("Risk:", "Open question:", "Action on me:") decides
    first; otherwise the words after it do ("Weak spot we need to own: ..." is no to-do). A
    clause that promises something ("...; I will line one up") makes it a commitment."""
    labels, text = _labels(sentence)
    label = " ".join(labels).lower()
    if "risk" in label or "watch out" in label:
        return "risk"
    if "question" in label or label in {"open", "unclear", "tbc"} or _QUESTION.search(text):
        return "question"
    if any(_ACTION_LABEL.fullmatch(part.strip()) for part in labels):
        return "commitment"
    if any(_promises(clause) for clause in _CLAUSE.split(text)):
        return "commitment"
    if _REQUEST.search(text):
        return "request"
    if _RISK.search(text) or _ULTIMATUM.search(text):
        return "risk"
    if _FOLLOW_UP.search(text):
        return "follow_up"
    return None


_CLAUSE = re.compile(r";\s+|,\s+(?=(?:and\s+)?(?:i|we)\b)|\s+and\s+(?=(?:i|we)\s)", _F)
_THEIRS = re.compile(
    r"(?:^|\bsaid\s+(?:that\s+)?|,\s*)(?:they|he|she|(?:[A-Z][\w'’\-]+)(?:\s+[A-Z][\w'’\-]+)?)\s*"
    r"(?:promised\s+to|will|['’]ll|committed\s+to|agreed\s+to|are\s+going\s+to|is\s+going\s+to)\s+"
    r"(?:send|share|confirm|provide|deliver|publish|come\s+back|get\s+back|revert|forward|sign|return|introduce|"
    r"book|schedule|organi[sz]e|arrange|check|invite|pay|place|issue)\b")
_OBSERVATION = re.compile(r"^(?:according\s+to|per)\b|\b(?:love|loves|like|likes|told\s+me|said)\b", _F)
_ULTIMATUM = re.compile(r"\botherwise\b|\bor\s+we\s+look\s+elsewhere\b|\bre-?tender\b", _F)
_OWNER = re.compile(r"\b([A-Z][\w'’\-]+)\s+(?:owns\s+it|to\s+(?:build|send|prepare|draft|own|run|set\s+up)\b)"
                    r"|\b(I)\s+own\b")
_COMMITTED = re.compile(r"^[A-Z][\w'’\-]+\s+to\s+(?:build|send|prepare|draft|run|set\s+up)\b|"
                        r"\b(?:i|we)\s+committed\s+to\b|\bwe\s+agreed\s+(?:a|an|the|to)\b|\bowns\s+it\b|"
                        r"\bi\s+own\s+the\b", _F)
_FIRST_PERSON = re.compile(r"^\s*(?:i|we)\b", _F)


def _promises(clause: str) -> bool:
    """"I will line one up" or "They promised to send the forecast by May": a commitment, ours
    or theirs. "They love our on-site team" is an observation, never a promise."""
    clause = clause.strip()
    if _QUESTION.search(clause):
        return False
    if _THEIRS.search(clause) and not _FIRST_PERSON.match(clause):
        return True
    if _OBSERVATION.search(clause) and not re.search(r"\b(?:i|we)\s+(?:will|promised|committed)\b", clause, _F):
        return False
    if _REQUEST.search(clause) and not _FIRST_PERSON.match(clause):
        return bool(re.search(r"\b(?:i|we)\s+(?:will|promised|committed|owe)\b|\bsending\b", clause, _F))
    return bool(_COMMITMENT.search(clause) or _COMMITTED.search(clause))


def committed_by(sentence: str) -> str:
    """"us" or "them": who made the promise in this sentence."""
    for clause in _CLAUSE.split(_labels(sentence)[1]):
        if _promises(clause):
            clause = clause.strip()
            return "them" if _THEIRS.search(clause) and not _FIRST_PERSON.match(clause) else "us"
    return "us"


def owner_of(sentence: str) -> str | None:
    """Who the note says carries it out ("Nadia owns it", "Kenji to build ..."; "me": the author)."""
    match = _OWNER.search(sentence)
    if match is None:
        return None
    return "me" if match.group(2) else match.group(1)


def find(body: str, written_on: date) -> list[Finding]:
    """Every commitment, request, open question, risk and follow-up in a note."""
    findings = []
    for sentence in sentences(body):
        kind = kind_of(sentence)
        if kind is None:
            continue
        by = committed_by(sentence) if kind == "commitment" else None
        owner = owner_of(sentence) if by else None
        if by == "us" and owner is None and re.search(r"\bI\b|^\s*(?:will|promised|owe)\b", _labels(sentence)[1], _F):
            owner = "me"
        findings.append(Finding(kind, action_title(kind, sentence), sentence, parse_due_date(sentence, written_on),
                                by, owner))
    return findings


def action_title(kind: str, sentence: str) -> str:
    text = _labels(_TRAILING_SOURCE.sub("", sentence.strip()))[1]
    if kind == "commitment":
        text = _OWN_PREFIX.sub("", text, count=1)
        text = re.sub(r"^i\s+", "", text, flags=_F)  # "I owe Ana an answer" -> "owe Ana an answer"
    elif kind == "question":
        text = "Find out: " + re.sub(r"^(?:open\s+question|question)\s*:\s*", "", text, flags=_F)
    elif kind == "risk":
        text = "Act on the risk: " + re.sub(r"^risk\s*(?:flagged\s+by\s+[^:]+)?:\s*", "", text, flags=_F)
    return _tidy(text)


def _labels(sentence: str) -> tuple[list[str], str]:
    """("Email from Ana: Risk: Lars may leave") -> (["Email from Ana", "Risk"], "Lars may leave")."""
    labels, text = [], sentence
    for _ in range(2):
        label = _LABEL.match(text)
        if not label or len(label.group(1).split()) > 8:
            break
        labels.append(label.group(1))
        text = text[label.end():]
    return labels, text


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:-–—")
    if len(text) > 280:
        text = text[:279].rsplit(" ", 1)[0] + "…"
    text = text.rstrip(".")
    return text[:1].upper() + text[1:]
