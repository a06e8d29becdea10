"""Reading what a modal submission carries, and placing errors on its fields.

`form_state(view)` gives {block_id: the state of its one element}; the readers take a value of
one kind from it (plain_text_input, selects, users_select, conversations_select, datepicker,
checkboxes). Nothing here trusts the payload: a value of the wrong shape is caught by
`form_problems` before anything is saved.
"""
from __future__ import annotations

import json
from datetime import date
from typing import Any, Iterable, Mapping

from kam_domain.errors import FieldErrors

MAX_FIELD_TEXT = 3000  # Slack's largest plain_text_input; a longer value never comes from a real form
MAX_ERROR_TEXT = 1900  # what Slack shows under a field
_STRING_KEYS = ("value", "selected_date", "selected_user", "selected_conversation", "selected_channel")


# --------------------------------------------------------------------------- values


def form_state(view: dict) -> dict[str, dict]:
    """block_id -> the state of its (only) element, whatever its action_id."""
    values = (view.get("state") or {}).get("values") or {}
    return {block: next(iter(actions.values()), {}) for block, actions in values.items()
            if isinstance(actions, dict) and actions}


def text(state: dict, block: str) -> str | None:
    """A plain_text_input, stripped; None when the block is absent."""
    value = (state.get(block) or {}).get("value")
    return value.strip() if isinstance(value, str) else None


def day(state: dict, block: str) -> date | None:
    """A datepicker's date; a value that is no date is an error on that field."""
    raw = (state.get(block) or {}).get("selected_date")
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise FieldErrors({block: "Pick a date from the calendar."}) from None


def choice(state: dict, block: str) -> str | None:
    """A static_select / radio_buttons / external_select value."""
    return ((state.get(block) or {}).get("selected_option") or {}).get("value")


def choices(state: dict, block: str) -> list[str]:
    """A multi-select's or checkboxes' values."""
    return [o.get("value") for o in (state.get(block) or {}).get("selected_options") or []]


def user(state: dict, block: str) -> str | None:
    return (state.get(block) or {}).get("selected_user")


def users(state: dict, block: str) -> list[str]:
    """A multi_users_select's ids; anything but a list of ids is an error on that field."""
    picked = (state.get(block) or {}).get("selected_users") or []
    if not isinstance(picked, list) or not all(isinstance(u, str) for u in picked):
        raise FieldErrors({block: "This field came in a form I can't read; pick the people again."})
    return picked


def conversation(state: dict, block: str) -> str | None:
    return (state.get(block) or {}).get("selected_conversation")


def answer(state: dict, block: str) -> str | None:
    """A field's value whatever its input type: the chosen option's value, else the typed text."""
    element = state.get(block) or {}
    chosen = element.get("selected_option") or {}
    return chosen.get("value") if chosen else element.get("value")


def form_metadata(view: dict) -> dict:
    """The form's private_metadata as a dict; anything else (garbage, a list, a number) as {}."""
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except (TypeError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def form_int(raw: Any) -> int:
    """An id from a form or a button: 0 (found nowhere) unless it is a whole number a database id can be."""
    try:
        value = int(raw)
    except (TypeError, ValueError, OverflowError):
        return 0
    return value if 0 < value < 2 ** 63 else 0


# --------------------------------------------------------------------------- errors on fields


def input_blocks(view: dict) -> list[str]:
    """Where Slack can show an error: the form's input blocks (else, what was submitted)."""
    inputs = [b.get("block_id") for b in view.get("blocks") or [] if isinstance(b, dict) and b.get("type") == "input"]
    return inputs or list(form_state(view))


def anchor_block(view: dict, preferred: Iterable[str]) -> str:
    """The field that carries an error about no field in particular: the first preferred one the form
    has (the first preferred when it has none), else its first field."""
    preferred = list(preferred)
    blocks = input_blocks(view)
    for block in preferred:
        if block in blocks or not blocks:
            return block
    return blocks[0] if blocks else "value"


def place_errors(view: dict, errors: dict[str, str], anchor: str,
                 aliases: Mapping[str, str] | None = None) -> dict[str, str]:
    """{block_id: message} for `response_action: errors`: service field names are our block ids
    (or are mapped to one by `aliases`); an error about anything else goes on the anchor field.
    Several errors on one field are joined."""
    known = set(input_blocks(view))
    placed: dict[str, str] = {}
    for key, message in errors.items():
        block = (aliases or {}).get(key, key)
        block = block if block in known else anchor
        placed[block] = (placed[block] + " " + message if block in placed else message)[:MAX_ERROR_TEXT]
    return placed


def form_problems(view: dict) -> dict[str, str]:
    """{block_id: what to fix} for values no form of ours sends: a text over MAX_FIELD_TEXT, or a
    value of the wrong type. Checked before any submission is saved, so these write nothing."""
    values = (view.get("state") or {}).get("values") if isinstance(view.get("state"), dict) else None
    if values is None:
        return {}
    known = {b.get("block_id") for b in view.get("blocks") or [] if isinstance(b, dict) and b.get("type") == "input"}
    if not isinstance(values, dict):
        return {next(iter(known), "value"): "This form came in a shape I can't read; open it again."} if known else {}
    problems: dict[str, str] = {}
    for block_id, actions in values.items():
        problem = _element_problem(actions)
        if problem and (block_id in known or not known):
            problems[block_id] = problem
        elif problem:
            problems.setdefault(next(iter(sorted(known))), "This form came with a field I don't know; open it again.")
    return problems


def _element_problem(actions) -> str | None:
    unreadable = "This field came in a form I can't read; type or pick it again."
    if not isinstance(actions, dict):
        return unreadable
    for element in actions.values():
        if not isinstance(element, dict):
            return unreadable
        for key in _STRING_KEYS:
            if element.get(key) is not None and not isinstance(element[key], str):
                return unreadable
        value = element.get("value")
        if isinstance(value, str) and len(value.strip()) > MAX_FIELD_TEXT:
            return f"This is {len(value.strip())} characters long; keep it to {MAX_FIELD_TEXT} characters."
        option = element.get("selected_option")
        if option is not None and not (isinstance(option, dict) and isinstance(option.get("value", ""), str)):
            return unreadable
        options = element.get("selected_options")
        if options is not None and not (isinstance(options, list) and all(
                isinstance(o, dict) and isinstance(o.get("value", ""), str) for o in options)):
            return unreadable
    return None
