"""Prompt templates (`prompts/*.md`, Python format strings) and the data blocks they carry.

A template is the system part, then a line `<!-- user -->`, then the user part. Retrieved
text goes inside clear delimiters, one note per line as `[note:ID date author] text`;
anything in the text that could pass for a delimiter is defused first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from kam_domain.assets import AssetMissing, prompt_text
from kam_domain.drafting.types import ExcludedPoint, SourceNote
from kam_domain.index.knowledge_docs import KnowledgeChunk

USER_MARKER = "<!-- user -->"
MAX_NOTE_CHARS = 1500
PROMPTS = ("swot", "next_actions", "method_answer")


@dataclass(frozen=True)
class Prompt:
    system: str
    user: str


@lru_cache(maxsize=None)
def template(name: str, directory: str | None = None) -> str:
    """The template `NAME.md` from the bundled prompts (or `directory`); AssetMissing when absent."""
    if not directory:
        return prompt_text(name)
    try:
        return (Path(directory) / f"{name}.md").read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise AssetMissing(f"the prompt {name}.md is missing from {directory}") from exc


def render(name: str, directory: str | None = None, **values) -> Prompt:
    """Fill a template; a missing value is a KeyError (the prompt tests catch it)."""
    text = template(name, directory).format(**values)
    system, marker, user = text.partition(USER_MARKER)
    if not marker:
        raise ValueError(f"prompts/{name}.md has no {USER_MARKER} line")
    return Prompt(system.strip(), user.strip())


_DELIMITERS = re.compile(r"</?\s*(?:notes|guides)\s*>|\[\s*(?:note|guide)\s*:", re.IGNORECASE)


def defuse(text: str) -> str:
    """One line of data that cannot close the data block or pose as another note."""
    text = _DELIMITERS.sub(lambda m: m.group(0).replace("<", "‹").replace(">", "›").replace("[", "("), text or "")
    text = text.replace("<", "‹").replace(">", "›")
    text = re.sub(r"\s+", " ", text).strip()
    return text[:MAX_NOTE_CHARS]


def notes_block(notes: Sequence[SourceNote]) -> str:
    return "\n".join(f"[note:{n.id} {n.written_on.isoformat()} {defuse(n.author)}] {defuse(n.text)}" for n in notes)


def guides_block(chunks: Sequence[KnowledgeChunk]) -> str:
    return "\n".join(f"[guide:{c.id} {defuse(c.title)} / {defuse(c.heading)}] {defuse(c.text)}" for c in chunks)


def excluded_block(points: Sequence[ExcludedPoint]) -> str:
    if not points:
        return "  (none)"
    return "\n".join(f"  - {p.quadrant}: {defuse(p.text)}" for p in points[:40])


def bullet_block(lines: Sequence[str]) -> str:
    return "\n".join(f"  - {defuse(line)}" for line in lines[:40]) or "  (none)"
