"""What a chat model must return (structured output), checked again in code after parsing."""
from __future__ import annotations

from datetime import date
from typing import Literal, Optional

from pydantic import BaseModel, Field


class SwotPointOut(BaseModel):
    """One SWOT point and the note it comes from."""

    quadrant: Literal["strength", "weakness", "opportunity", "threat"]
    text: str = Field(description="one short statement of fact, at most 25 words")
    note_id: int = Field(description="the number N of the cited [note:N ...]")


class SwotOut(BaseModel):
    """The drafted SWOT."""

    points: list[SwotPointOut] = Field(default_factory=list)


class ActionOut(BaseModel):
    """One next action and the note it comes from."""

    text: str = Field(description="a short imperative line, at most 20 words")
    reason: str = Field(description="why, in a few words")
    kind: Literal["commitment", "request", "question", "risk", "follow_up"]
    note_id: int = Field(description="the number N of the cited [note:N ...]")
    due: Optional[date] = Field(default=None, description="YYYY-MM-DD when the note gives a date")
    by: Optional[Literal["us", "them"]] = Field(
        default=None, description="commitments only: who committed, us (our team) or them (the customer)")
    owner: Optional[str] = Field(default=None, description="who carries it out, when the note names them")


class ActionsOut(BaseModel):
    """The suggested next actions."""

    actions: list[ActionOut] = Field(default_factory=list)


class MethodAnswerOut(BaseModel):
    """An answer from the guides, with the sections it rests on."""

    answer: str
    sources: list[str] = Field(default_factory=list, description="ids of the cited [guide:ID ...] sections")
