"""A read's typed result as the JSON a language model's tool returns: the result dataclass's fields
(dates as ISO strings, enums as their values, bytes left out), trimmed to a size cap by shortening
lists and strings rather than cutting the JSON anywhere."""
from __future__ import annotations

import dataclasses
import json
import math
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from pathlib import PurePath
from typing import Any

# (items kept per list, characters kept per string), tried in turn until the JSON fits
TRIMS = ((None, None), (50, 600), (20, 300), (10, 160), (5, 80), (2, 40))


def result_json(result: Any, cap: int) -> str:
    """`{"type": ..., "result": ...}` in at most `cap` characters; `"trimmed": true` when lists or texts were cut."""
    kind = type(result).__name__
    for items, chars in TRIMS:
        trim = _Trim(items, chars)
        text = json.dumps({"type": kind, "result": trim.value(result), **({"trimmed": True} if trim.cut else {})},
                          ensure_ascii=False, allow_nan=False)
        if len(text) <= cap:
            return text
    return json.dumps({"type": kind, "trimmed": True, "summary": text[: max(0, cap - 80)]}, ensure_ascii=False)


class _Trim:
    def __init__(self, items: int | None, chars: int | None):
        self.items, self.chars, self.cut = items, chars, False

    def value(self, value: Any, depth: int = 0) -> Any:
        if depth > 12:
            self.cut = True
            return None
        if value is None or isinstance(value, (bool, int)):
            return value
        if isinstance(value, float):
            return value if math.isfinite(value) else None
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, Enum):
            return self.value(value.value, depth + 1)
        if isinstance(value, (datetime, date, time)):
            return value.isoformat()
        if isinstance(value, str):
            return self._text(value)
        if isinstance(value, PurePath):
            return self._text(str(value))
        if isinstance(value, (bytes, bytearray, memoryview)):
            return None  # a chart's image: the model reads the numbers, not the picture
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return {f.name: self.value(getattr(value, f.name), depth + 1)
                    for f in dataclasses.fields(value) if not f.name.startswith("_")}
        if isinstance(value, dict):
            return {str(self.value(k, depth + 1)): self.value(v, depth + 1) for k, v in self._first(list(value.items()))}
        if isinstance(value, (list, tuple, set, frozenset)):
            items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else list(value)
            return [self.value(v, depth + 1) for v in self._first(items)]
        if hasattr(value, "model_dump"):  # a pydantic / SQLModel row
            return self.value(value.model_dump(), depth + 1)
        return self._text(str(value))

    def _first(self, items: list) -> list:
        if self.items is not None and len(items) > self.items:
            self.cut = True
            return items[: self.items]
        return items

    def _text(self, text: str) -> str:
        if self.chars is not None and len(text) > self.chars:
            self.cut = True
            return text[: self.chars - 1] + "…"
        return text
