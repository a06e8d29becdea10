"""Words of a message with their positions, n-gram windows over them, and masking."""
from __future__ import annotations

import re
from dataclasses import dataclass

from kam_domain.rules.names import fold

_WORD = re.compile(r"#\d{1,12}|[^\W_]+(?:['’][^\W_]+)*|\d+")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)

# Words that never start or end a name window: too common to be part of what is named.
STOPWORDS = frozenset("""
a an the and or but of at in on for to from with by about into over as is are was were be been am
i me my we us our you your they them their he him his she her it its this that these those there here
who whom whose what which when where why how do does did done doing have has had can could will would
should shall may might must not no yes please pls plz thanks thx hi hey hello ok okay so just also then
than too very really some any all each every more most much many few up down out off again now today
yesterday tomorrow week month year let lets let's i'm i've i'd we're we've it's that's what's who's
whats whos s t am pm
""".split())


@dataclass(frozen=True)
class Word:
    text: str  # as typed
    key: str  # folded, possessive dropped: "Ana's" -> "ana"
    start: int
    end: int


def words(text: str) -> list[Word]:
    found = []
    for m in _WORD.finditer(text):
        raw = m.group(0)
        key = raw if raw.startswith("#") else fold(_POSSESSIVE.sub("", raw))
        if key:
            found.append(Word(raw, key, m.start(), m.end()))
    return found


def windows(ws: list[Word], max_len: int) -> list[tuple[int, int]]:
    """(i, j) word index ranges, longest first, whose edges are not stopwords."""
    spans = []
    for size in range(min(max_len, len(ws)), 0, -1):
        for i in range(0, len(ws) - size + 1):
            j = i + size
            if ws[i].key in STOPWORDS or ws[j - 1].key in STOPWORDS:
                continue
            spans.append((i, j))
    return spans


def window_text(ws: list[Word], i: int, j: int) -> str:
    return " ".join(w.key for w in ws[i:j])


def mask(text: str, spans: list[tuple[int, int, str]]) -> str:
    """Replace character spans (start, end, replacement); spans may not overlap."""
    out, cursor = [], 0
    for start, end, replacement in sorted(spans):
        if start < cursor:
            continue
        out.append(text[cursor:start])
        out.append(replacement)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
