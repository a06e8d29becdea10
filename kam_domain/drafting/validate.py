"""Checks on drafted output, whoever drafted it: citations and text safe to show.

A point or action whose note is not among the notes retrieved for THIS account (and
workspace) is dropped. Text is cleaned of anything Slack would act on: mentions, broadcast
keywords, links and control characters. The renderers escape again on top of this.
"""
from __future__ import annotations

import re
from typing import Iterable

from kam_domain.drafting.types import QUADRANTS, DraftAction, DraftPoint

MAX_POINT_CHARS = 300
_SLACK_SEQUENCE = re.compile(r"<[!@#][^>]*>|<(?:https?|mailto|tel|slack):[^>]*>", re.IGNORECASE)
_BROADCAST = re.compile(r"(?i)(?<![\w@])[@!](channel|here|everyone|group)\b")
_USER_ID = re.compile(r"(?<![\w])@([UW][A-Z0-9]{6,})\b")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_URL = re.compile(r"\bhttps?://\S+", re.IGNORECASE)


def clean_model_text(text: str, limit: int = MAX_POINT_CHARS) -> str:
    """Plain text: no Slack mentions, broadcasts, links or control characters; one line, clipped."""
    text = _CONTROL.sub("", str(text or ""))
    text = _SLACK_SEQUENCE.sub("", text)
    text = _URL.sub("[link removed]", text)
    text = _BROADCAST.sub(lambda m: m.group(1), text)
    text = _USER_ID.sub(lambda m: m.group(1), text)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > limit:
        text = text[:limit - 1].rsplit(" ", 1)[0] + "…"
    return text


def clean_answer_text(text: str, limit: int = 2500) -> str:
    """Like clean_model_text, but keeps paragraphs and list lines."""
    lines = [clean_model_text(line, limit) for line in str(text or "").splitlines()]
    joined = "\n".join(lines).strip()
    joined = re.sub(r"\n{3,}", "\n\n", joined)
    return joined[:limit]


def valid_points(points: Iterable[DraftPoint], allowed_note_ids: set[int]) -> list[DraftPoint]:
    kept = []
    for point in points:
        if point.note_id not in allowed_note_ids or point.quadrant not in QUADRANTS:
            continue
        text = clean_model_text(point.text)
        if len(text.split()) < 2:
            continue
        also = tuple(n for n in dict.fromkeys(getattr(point, "also", ()) or ())
                     if n in allowed_note_ids and n != point.note_id)
        kept.append(DraftPoint(point.quadrant, text, point.note_id, point.rank, also))
    return kept


def valid_actions(actions: Iterable[DraftAction], allowed_note_ids: set[int]) -> list[DraftAction]:
    kept = []
    for action in actions:
        if action.note_id not in allowed_note_ids:
            continue
        text = clean_model_text(action.text, 280)
        if len(text.split()) < 2:
            continue
        by = action.by if action.by in ("us", "them") else None
        # A promise names who made it; an observation a model calls a commitment is only a follow-up.
        kind = "follow_up" if action.kind == "commitment" and by is None else action.kind
        kept.append(DraftAction(text, clean_model_text(action.reason, 200), action.note_id, kind, action.due,
                                by if kind == "commitment" else None,
                                clean_model_text(action.owner, 80) or None if action.owner else None))
    return kept
