"""What Slack's Web API refuses, written once from Slack's reference (docs.slack.dev, Block Kit and
Web API method pages), for the fake Slack in tests/support/fake_slack.py.

Every check answers ``None`` (Slack accepts) or a short reason naming the path and the rule broken;
the fake answers ``invalid_blocks`` for messages and ``invalid_arguments`` for views, as Slack does,
and puts the reason in ``response_metadata.messages`` like Slack's ``[ERROR] ...`` lines.

Limits (docs.slack.dev/reference/block-kit): header text plain_text <= 150; section text <= 3000,
fields <= 10 each <= 2000; button text plain_text <= 75, value <= 2000, url <= 3000; action_id and
block_id <= 255; a message holds <= 50 blocks, a modal or home view <= 100; context elements <= 10;
actions elements <= 25; option text <= 75, value <= 150, <= 100 options; overflow 2..5 options;
placeholder <= 150; input label <= 2000, hint <= 2000; image alt_text <= 2000; confirm title <= 100,
text <= 300, confirm/deny <= 30; modal title, submit and close plain_text <= 24, callback_id and
external_id <= 255, private_metadata <= 3000; a modal holding an input block needs ``submit``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_MESSAGE_TEXT = 40_000

BLOCK_TYPES = frozenset({"actions", "context", "divider", "file", "header", "image", "input", "rich_text",
                         "section", "video", "markdown", "call", "context_actions", "table", "data_visualization"})
SELECTS = frozenset({"static_select", "external_select", "users_select", "conversations_select",
                     "channels_select"})
MULTI_SELECTS = frozenset("multi_" + s for s in SELECTS)
INPUT_ELEMENTS = frozenset({"plain_text_input", "email_text_input", "url_text_input", "number_input",
                            "rich_text_input", "file_input", "datepicker", "timepicker", "datetimepicker",
                            "checkboxes", "radio_buttons"}) | SELECTS | MULTI_SELECTS
INTERACTIVE_ELEMENTS = INPUT_ELEMENTS | {"button", "overflow", "workflow_button"}
ACTIONS_ELEMENTS = INTERACTIVE_ELEMENTS - {"plain_text_input", "email_text_input", "url_text_input",
                                           "number_input", "rich_text_input", "file_input"}
ACCESSORY_ELEMENTS = ACTIONS_ELEMENTS | {"image"}
TEXT_TYPES = frozenset({"plain_text", "mrkdwn"})

METHOD_SCOPES: dict[str, str | None] = {
    # method -> the bot scope it needs (None: any token). docs.slack.dev/reference/methods/<method>
    "auth.test": None,
    "api.test": None,
    "apps.connections.open": None,  # app-level token with connections:write
    "oauth.v2.access": None,
    "chat.postMessage": "chat:write",
    "chat.postEphemeral": "chat:write",
    "chat.update": "chat:write",
    "chat.delete": "chat:write",
    "chat.getPermalink": None,
    "views.open": None,
    "views.update": None,
    "views.push": None,
    "views.publish": None,
    "users.info": "users:read",
    "users.list": "users:read",
    "users.lookupByEmail": "users:read.email",
    "conversations.info": "channels:read",
    "conversations.open": "im:write",
    "conversations.history": "channels:history",
    "files.getUploadURLExternal": "files:write",
    "files.completeUploadExternal": "files:write",
    "team.info": "team:read",
    "assistant.threads.setStatus": "assistant:write",
    "assistant.threads.setSuggestedPrompts": "assistant:write",
    "assistant.threads.setTitle": "assistant:write",
    "chat.startStream": "chat:write",
    "chat.appendStream": "chat:write",
    "chat.stopStream": "chat:write",
    "conversations.canvases.create": "canvases:write",
    "canvases.edit": "canvases:write",
    "canvases.sections.lookup": "canvases:read",
    "functions.completeSuccess": None,  # "No scopes required"; the event's bot_access_token
    "functions.completeError": None,
}
"""Scopes per method. For conversations.* the scope depends on the conversation kind: see scope_for."""

_HISTORY_SCOPES = {"C": "channels:history", "G": "groups:history", "D": "im:history"}
_READ_SCOPES = {"C": "channels:read", "G": "groups:read", "D": "im:read"}


def scope_for(method: str, args: dict[str, Any]) -> str | None:
    """The scope `method` needs for these arguments (the conversation kind picks the history scope)."""
    channel = str(args.get("channel") or "")
    if method == "conversations.history":
        return _HISTORY_SCOPES.get(channel[:1], "channels:history")
    if method == "conversations.info":
        return _READ_SCOPES.get(channel[:1], "channels:read")
    return METHOD_SCOPES.get(method)


def manifest_bot_scopes(manifest: Path | None = None) -> frozenset[str]:
    """The bot scopes the app asks for in manifest.yaml (oauth_config.scopes.bot)."""
    import yaml

    path = manifest or Path(__file__).resolve().parents[2] / "manifest.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return frozenset(data["oauth_config"]["scopes"]["bot"])


# --------------------------------------------------------------------------- composition objects


def _text(obj: Any, path: str, *, max_len: int, plain: bool = False, required: bool = True) -> str | None:
    if obj is None:
        return f"{path} is required" if required else None
    if not isinstance(obj, dict):
        return f"{path} must be a text object"
    kind = obj.get("type")
    if kind not in TEXT_TYPES:
        return f"{path}.type must be plain_text or mrkdwn, not {kind!r}"
    if plain and kind != "plain_text":
        return f"{path} must be plain_text, not {kind}"
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        return f"{path}.text must be a non-empty string"
    if len(text) > max_len:
        return f"{path}.text must be at most {max_len} characters (has {len(text)})"
    return None


def _string(value: Any, path: str, max_len: int, required: bool = False) -> str | None:
    if value is None:
        return f"{path} is required" if required else None
    if not isinstance(value, str):
        return f"{path} must be a string"
    if required and not value:
        return f"{path} must not be empty"
    if len(value) > max_len:
        return f"{path} must be at most {max_len} characters (has {len(value)})"
    return None


def _first(*reasons: str | None) -> str | None:
    return next((r for r in reasons if r), None)


def _confirm(obj: Any, path: str) -> str | None:
    if obj is None:
        return None
    if not isinstance(obj, dict):
        return f"{path} must be an object"
    return _first(_text(obj.get("title"), f"{path}.title", max_len=100, plain=True),
                  _text(obj.get("text"), f"{path}.text", max_len=300),
                  _text(obj.get("confirm"), f"{path}.confirm", max_len=30, plain=True),
                  _text(obj.get("deny"), f"{path}.deny", max_len=30, plain=True))


def _option(obj: Any, path: str) -> str | None:
    if not isinstance(obj, dict):
        return f"{path} must be an option object"
    return _first(_text(obj.get("text"), f"{path}.text", max_len=75),
                  _string(obj.get("value"), f"{path}.value", 150, required=True),
                  _text(obj.get("description"), f"{path}.description", max_len=75, required=False))


def _options(options: Any, path: str, max_count: int = 100, min_count: int = 0) -> str | None:
    if options is None:
        return None
    if not isinstance(options, list):
        return f"{path} must be a list"
    if not min_count <= len(options) <= max_count:
        return f"{path} must hold {min_count}..{max_count} options (has {len(options)})"
    return _first(*(_option(o, f"{path}[{i}]") for i, o in enumerate(options)))


# --------------------------------------------------------------------------- elements


def check_element(element: Any, path: str, allowed: frozenset[str]) -> str | None:
    """One block element (button, select, input...) in a place that allows the `allowed` types."""
    if not isinstance(element, dict):
        return f"{path} must be an object"
    kind = element.get("type")
    if kind not in allowed:
        return f"{path}.type {kind!r} is not allowed here"
    if kind == "image":
        return _first(_string(element.get("image_url"), f"{path}.image_url", 3000, required="slack_file" not in element),
                      _string(element.get("alt_text"), f"{path}.alt_text", 2000, required=True))
    reasons = [_string(element.get("action_id"), f"{path}.action_id", 255), _confirm(element.get("confirm"), f"{path}.confirm")]
    if kind == "button":
        reasons += [_text(element.get("text"), f"{path}.text", max_len=75, plain=True),
                    _string(element.get("value"), f"{path}.value", 2000),
                    _string(element.get("url"), f"{path}.url", 3000)]
        if element.get("style") not in (None, "primary", "danger"):
            reasons.append(f"{path}.style must be primary or danger")
    elif kind == "overflow":
        reasons.append(_options(element.get("options"), f"{path}.options", max_count=5, min_count=2)
                       or (None if element.get("options") is not None else f"{path}.options is required"))
    elif kind in ("static_select", "multi_static_select"):
        if element.get("options") is None and element.get("option_groups") is None:
            reasons.append(f"{path} needs options or option_groups")
        reasons.append(_options(element.get("options"), f"{path}.options"))
        reasons.append(_options(element.get("initial_options"), f"{path}.initial_options"))
        if element.get("initial_option") is not None:
            reasons.append(_option(element["initial_option"], f"{path}.initial_option"))
    elif kind in ("checkboxes", "radio_buttons"):
        reasons.append(_options(element.get("options"), f"{path}.options", max_count=10, min_count=1)
                       or (None if element.get("options") is not None else f"{path}.options is required"))
    if "placeholder" in element:
        reasons.append(_text(element.get("placeholder"), f"{path}.placeholder", max_len=150, plain=True))
    if kind == "plain_text_input":
        for key in ("min_length", "max_length"):
            if key in element and not (isinstance(element[key], int) and 0 <= element[key] <= 3000):
                reasons.append(f"{path}.{key} must be an integer 0..3000")
        reasons.append(_string(element.get("initial_value"), f"{path}.initial_value", 3000))
    return _first(*reasons)


# --------------------------------------------------------------------------- blocks


def check_block(block: Any, path: str) -> str | None:
    """One layout block."""
    if not isinstance(block, dict):
        return f"{path} must be an object"
    kind = block.get("type")
    if kind not in BLOCK_TYPES:
        return f"{path}.type {kind!r} is not a Block Kit block"
    reason = _string(block.get("block_id"), f"{path}.block_id", 255)
    if reason:
        return reason
    if kind == "header":
        return _text(block.get("text"), f"{path}.text", max_len=150, plain=True)
    if kind == "section":
        return _section(block, path)
    if kind == "context":
        elements = block.get("elements")
        if not isinstance(elements, list) or not 1 <= len(elements) <= 10:
            return f"{path}.elements must hold 1..10 elements"
        for i, element in enumerate(elements):
            where = f"{path}.elements[{i}]"
            reason = (check_element(element, where, frozenset({"image"}))
                      if isinstance(element, dict) and element.get("type") == "image"
                      else _text(element, where, max_len=3000))
            if reason:
                return reason
        return None
    if kind == "actions":
        elements = block.get("elements")
        if not isinstance(elements, list) or not 1 <= len(elements) <= 25:
            return f"{path}.elements must hold 1..25 elements"
        return _first(*(check_element(e, f"{path}.elements[{i}]", ACTIONS_ELEMENTS) for i, e in enumerate(elements)))
    if kind == "input":
        return _first(_text(block.get("label"), f"{path}.label", max_len=2000, plain=True),
                      _text(block.get("hint"), f"{path}.hint", max_len=2000, plain=True, required=False),
                      check_element(block.get("element"), f"{path}.element", INPUT_ELEMENTS))
    if kind in _NEWER_BLOCKS:
        return _NEWER_BLOCKS[kind](block, path)
    if kind == "image":
        return _first(_string(block.get("image_url"), f"{path}.image_url", 3000, required="slack_file" not in block),
                      _string(block.get("alt_text"), f"{path}.alt_text", 2000, required=True),
                      _text(block.get("title"), f"{path}.title", max_len=2000, plain=True, required=False))
    return None


def _section(block: dict[str, Any], path: str) -> str | None:
    text, fields = block.get("text"), block.get("fields")
    if text is None and not fields:
        return f"{path} needs text or fields"
    reasons = [_text(text, f"{path}.text", max_len=3000, required=False)]
    if fields is not None:
        if not isinstance(fields, list) or len(fields) > 10:
            return f"{path}.fields must hold at most 10 text objects"
        reasons += [_text(f, f"{path}.fields[{i}]", max_len=2000) for i, f in enumerate(fields)]
    if block.get("accessory") is not None:
        reasons.append(check_element(block["accessory"], f"{path}.accessory", ACCESSORY_ELEMENTS))
    return _first(*reasons)


# Newer blocks (docs.slack.dev/reference/block-kit/blocks/table-block, markdown-block,
# data-visualization-block): table rows <= 100, cells per row <= 20 (raw_text or rich_text), column_settings
# <= 20, one table per message; markdown text <= 12,000 (and all markdown blocks of a payload together);
# data_visualization title <= 50, chart pie (1..6 segments) or bar/area/line (1..6 series, one data point
# per axis_config category, unique series names).
MAX_TABLE_ROWS = 100
MAX_TABLE_CELLS = 20
MAX_MARKDOWN_TEXT = 12_000
MAX_CHART_TITLE = 50
MAX_CHART_PARTS = 6
CHART_TYPES = frozenset({"pie", "bar", "area", "line"})


def _table_cell(cell: Any, path: str) -> str | None:
    if not isinstance(cell, dict) or cell.get("type") not in ("raw_text", "rich_text"):
        return f"{path} must be a raw_text or rich_text cell"
    if cell["type"] == "raw_text":
        return _string(cell.get("text"), f"{path}.text", MAX_MESSAGE_TEXT, required=True)
    return None if isinstance(cell.get("elements"), list) else f"{path}.elements must be a list"


def _table(block: dict[str, Any], path: str) -> str | None:
    rows = block.get("rows")
    if not isinstance(rows, list) or not 1 <= len(rows) <= MAX_TABLE_ROWS:
        return f"{path}.rows must hold 1..{MAX_TABLE_ROWS} rows"
    for i, row in enumerate(rows):
        if not isinstance(row, list) or not 1 <= len(row) <= MAX_TABLE_CELLS:
            return f"{path}.rows[{i}] must hold 1..{MAX_TABLE_CELLS} cells"
        if len(row) != len(rows[0]):
            return f"{path}.rows[{i}] has {len(row)} cells, the first row {len(rows[0])}"
        reason = _first(*(_table_cell(c, f"{path}.rows[{i}][{j}]") for j, c in enumerate(row)))
        if reason:
            return reason
    settings = block.get("column_settings")
    if settings is not None and (not isinstance(settings, list) or len(settings) > MAX_TABLE_CELLS):
        return f"{path}.column_settings must hold at most {MAX_TABLE_CELLS} items"
    return None


def _markdown(block: dict[str, Any], path: str) -> str | None:
    return _string(block.get("text"), f"{path}.text", MAX_MARKDOWN_TEXT, required=True)


def _chart_parts(parts: Any, path: str) -> str | None:
    if not isinstance(parts, list) or not 1 <= len(parts) <= MAX_CHART_PARTS:
        return f"{path} must hold 1..{MAX_CHART_PARTS} items"
    return None


def _series(chart: dict[str, Any], path: str) -> str | None:
    series, axis = chart.get("series"), chart.get("axis_config")
    reason = _chart_parts(series, f"{path}.series")
    if reason:
        return reason
    categories = axis.get("categories") if isinstance(axis, dict) else None
    if not isinstance(categories, list) or not categories:
        return f"{path}.axis_config.categories is required"
    names = [s.get("name") if isinstance(s, dict) else None for s in series]
    if len(set(names)) != len(names) or not all(isinstance(n, str) and n for n in names):
        return f"{path}.series need unique names"
    for i, one in enumerate(series):
        points = one.get("data")
        labels = [p.get("label") for p in points if isinstance(p, dict)] if isinstance(points, list) else None
        if labels != categories or not all(isinstance(p.get("value"), (int, float)) for p in points):
            return f"{path}.series[{i}].data needs one numeric value per category, in the categories' order"
    return None


def _data_visualization(block: dict[str, Any], path: str) -> str | None:
    reason = _string(block.get("title"), f"{path}.title", MAX_CHART_TITLE, required=True)
    chart = block.get("chart")
    if reason or not isinstance(chart, dict) or chart.get("type") not in CHART_TYPES:
        return reason or f"{path}.chart.type must be one of {sorted(CHART_TYPES)}"
    if chart["type"] != "pie":
        return _series(chart, f"{path}.chart")
    segments = chart.get("segments")
    reason = _chart_parts(segments, f"{path}.chart.segments")
    if reason is None and not all(isinstance(s, dict) and isinstance(s.get("label"), str)
                                  and isinstance(s.get("value"), (int, float)) for s in segments):
        reason = f"{path}.chart.segments need a label and a numeric value each"
    return reason


def _feedback_side(button: Any, path: str) -> str | None:
    """positive_button / negative_button of feedback_buttons: text plain_text <= 75, value <= 2000,
    accessibility_label <= 75 (docs.slack.dev/reference/block-kit/block-elements/feedback-buttons-element)."""
    if not isinstance(button, dict):
        return f"{path} is required"
    return _first(_text(button.get("text"), f"{path}.text", max_len=75, plain=True),
                  _string(button.get("value"), f"{path}.value", 2000, required=True),
                  _string(button.get("accessibility_label"), f"{path}.accessibility_label", 75))


def _context_action(element: Any, path: str) -> str | None:
    if not isinstance(element, dict) or element.get("type") not in ("feedback_buttons", "icon_button"):
        return f"{path}.type must be feedback_buttons or icon_button"
    reason = _string(element.get("action_id"), f"{path}.action_id", 255)
    if element["type"] == "icon_button":
        return _first(reason, _string(element.get("icon"), f"{path}.icon", 255, required=True),
                      _text(element.get("text"), f"{path}.text", max_len=75, plain=True),
                      _string(element.get("value"), f"{path}.value", 2000))
    return _first(reason, _feedback_side(element.get("positive_button"), f"{path}.positive_button"),
                  _feedback_side(element.get("negative_button"), f"{path}.negative_button"))


def _context_actions(block: dict[str, Any], path: str) -> str | None:
    """context_actions: 1..5 feedback_buttons / icon_button elements."""
    elements = block.get("elements")
    if not isinstance(elements, list) or not 1 <= len(elements) <= 5:
        return f"{path}.elements must hold 1..5 elements"
    return _first(*(_context_action(e, f"{path}.elements[{i}]") for i, e in enumerate(elements)))


_NEWER_BLOCKS = {"table": _table, "markdown": _markdown, "data_visualization": _data_visualization,
                 "context_actions": _context_actions}


def _per_message(blocks: list[Any]) -> str | None:
    """Limits across a message's blocks: one table; the markdown blocks' text together <= 12,000."""
    kinds = [b.get("type") for b in blocks if isinstance(b, dict)]
    if kinds.count("table") > 1:
        return "a message holds at most one table block"
    markdown = sum(len(str(b.get("text") or "")) for b in blocks if isinstance(b, dict) and b.get("type") == "markdown")
    if markdown > MAX_MARKDOWN_TEXT:
        return f"markdown blocks hold at most {MAX_MARKDOWN_TEXT} characters together (have {markdown})"
    return None


def check_blocks(blocks: Any, max_blocks: int, path: str = "blocks") -> str | None:
    if not isinstance(blocks, list):
        return f"{path} must be a list"
    if len(blocks) > max_blocks:
        return f"{path} must hold at most {max_blocks} blocks (has {len(blocks)})"
    return _first(*(check_block(b, f"{path}[{i}]") for i, b in enumerate(blocks)))


def check_message(args: dict[str, Any]) -> tuple[str, str] | None:
    """A chat.postMessage / postEphemeral / update / response_url body: (error, reason) or None."""
    blocks = args.get("blocks")
    if blocks is not None and blocks != "":
        reason = check_blocks(blocks, MAX_MESSAGE_BLOCKS) or _per_message(blocks)
        if reason:
            return "invalid_blocks", reason
    text = args.get("text")
    if isinstance(text, str) and len(text) > MAX_MESSAGE_TEXT:
        return "msg_too_long", f"text must be at most {MAX_MESSAGE_TEXT} characters"
    return None


def check_view(view: Any) -> str | None:
    """A views.open / push / update / publish view: the reason Slack answers invalid_arguments, or None."""
    if not isinstance(view, dict):
        return "view must be a JSON object"
    kind = view.get("type")
    if kind not in ("modal", "home"):
        return f"view.type must be modal or home, not {kind!r}"
    blocks = view.get("blocks")
    if blocks is None:
        return "view.blocks is required"
    reasons = [check_blocks(blocks, MAX_VIEW_BLOCKS, "view.blocks"),
               _string(view.get("callback_id"), "view.callback_id", 255),
               _string(view.get("external_id"), "view.external_id", 255),
               _string(view.get("private_metadata"), "view.private_metadata", 3000)]
    if kind == "modal":
        reasons += [_text(view.get("title"), "view.title", max_len=24, plain=True),
                    _text(view.get("submit"), "view.submit", max_len=24, plain=True, required=False),
                    _text(view.get("close"), "view.close", max_len=24, plain=True, required=False)]
        if isinstance(blocks, list) and view.get("submit") is None and any(
                isinstance(b, dict) and b.get("type") == "input" for b in blocks):
            reasons.append("view.submit is required when the modal holds an input block")
    return _first(*reasons)
