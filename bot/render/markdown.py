"""Standard markdown (streamed messages, markdown blocks), where Slack mrkdwn does not apply:
**bold**, # headings, [links](url). Data goes through `markdown_escape` so it never becomes markup."""
from __future__ import annotations

import re

from bot.render.escape import slack_escape

MAX_MARKDOWN = 12_000  # markdown_text per streaming call; all markdown blocks of one message together
_INLINE_MARKUP = re.compile(r"([\\`*_~\[\]])")  # data always follows our own line prefix: only inline markup


def markdown_escape(text: str | None) -> str:
    """Data as literal markdown text inside a line we start: &, <, > escaped as for Slack, broadcasts
    defused, inline markup characters backslash-escaped, whitespace made one line."""
    return _INLINE_MARKUP.sub(r"\\\1", slack_escape(" ".join(str(text or "").split())))


def split_markdown(chunks: tuple[str, ...] | list[str], limit: int = MAX_MARKDOWN) -> list[str]:
    """The chunks in order, each at most `limit` characters: a longer one is cut at line ends
    (inside a line only when one line is longer than the limit)."""
    pieces: list[str] = []
    for chunk in chunks:
        if not chunk:
            continue
        current = ""
        for line in chunk.splitlines(keepends=True):
            while len(line) > limit:
                if current:
                    pieces.append(current)
                    current = ""
                pieces.append(line[:limit])
                line = line[limit:]
            if len(current) + len(line) > limit:
                pieces.append(current)
                current = ""
            current += line
        if current:
            pieces.append(current)
    return pieces
