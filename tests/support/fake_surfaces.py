"""Slack's newer surfaces in the fake Slack (support/fake_slack.py): assistant threads, streamed messages,
channel canvases and Workflow Builder custom steps, each with the validation and error names of Slack's
method reference (docs.slack.dev/reference/methods/<method>):

- ``assistant.threads.setStatus`` / ``setSuggestedPrompts`` (1..4 prompts, each with ``title`` and
  ``message``) / ``setTitle``: ``channel_id`` and ``thread_ts`` of a thread Slack knows
  (``channel_not_found``, ``invalid_thread_ts``): one the fake started (:meth:`FakeSlack.start_assistant_thread`)
  or any message the conversation holds.
- ``chat.startStream`` / ``appendStream`` / ``stopStream``: a stream is the message (channel + ts) it started;
  appending to or stopping an unknown stream answers ``message_not_found``, a stopped one
  ``message_not_in_streaming_state``; ``markdown_text`` at most 12,000 characters; outside a DM
  ``recipient_user_id`` and ``recipient_team_id`` are required; ``stopStream`` blocks are message blocks.
- ``conversations.canvases.create`` (one canvas per channel: ``channel_canvas_already_exists``),
  ``canvases.sections.lookup`` (criteria ``section_types`` 1..3 of any_header/h1/h2/h3 and/or
  ``contains_text``), ``canvases.edit`` (exactly one change; a ``section_id`` that is not in the canvas
  answers ``canvas_editing_failed``). A canvas is an ordered list of sections parsed from markdown, a new
  section at every heading line.
- ``functions.completeSuccess`` / ``completeError``: the ``function_execution_id`` of a
  ``function_executed`` event the fake built (:meth:`FakeSlack.function_executed_event`), completed once
  (``function_execution_not_found``, ``execution_not_in_running_state``).
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from support import slack_rules

if TYPE_CHECKING:
    from support.fake_slack import FakeSlack

MAX_PROMPTS = 4
MAX_STREAM_MARKDOWN = 12_000  # chat.startStream / appendStream / stopStream markdown_text
MAX_CANVAS_MARKDOWN = 1_048_576  # conversations.canvases.create: "limited to 1 MiB"
CANVAS_OPERATIONS = frozenset({"insert_after", "insert_before", "insert_at_start", "insert_at_end",
                               "replace", "delete", "rename"})
SECTION_TYPES = frozenset({"any_header", "h1", "h2", "h3"})
FEATURE_ERRORS = frozenset({"not_allowed", "paid_teams_only", "team_tier_cannot_create_channel_canvases",
                            "canvas_disabled_user_team", "restricted_action"})
"""Answers of a workspace whose plan or settings lack a surface (:meth:`FakeSlack.deny_feature`)."""
RULES = frozenset({"invalid_thread_ts", "invalid_chunks", "message_not_in_streaming_state",
                   "channel_canvas_already_exists", "canvas_not_found", "canvas_editing_failed",
                   "function_execution_not_found", "execution_not_in_running_state"})
"""Rules of this module a test can turn off by name (:meth:`FakeSlack.allow`)."""

_HEADING = re.compile(r"^(#{1,3})\s+\S")


@dataclass
class Stream:
    """One streamed message: what was appended, and whether it was stopped."""

    channel: str
    ts: str
    markdown: list[str] = field(default_factory=list)
    chunks: list[dict[str, Any]] = field(default_factory=list)
    stopped: bool = False


@dataclass
class Canvas:
    canvas_id: str
    channel_id: str
    title: str
    sections: list[dict[str, str]] = field(default_factory=list)  # {"id", "type", "markdown"}

    @property
    def markdown(self) -> str:
        return "".join(s["markdown"] for s in self.sections)


@dataclass
class Surfaces:
    """What the fake holds of the newer surfaces (reset with the fake)."""

    threads: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (channel, ts) -> state
    streams: dict[tuple[str, str], Stream] = field(default_factory=dict)
    canvases: dict[str, Canvas] = field(default_factory=dict)
    channel_canvases: dict[str, str] = field(default_factory=dict)  # channel id -> canvas id
    executions: dict[str, dict[str, Any]] = field(default_factory=dict)


# --------------------------------------------------------------------------- canvas markdown


def parse_sections(markdown: str) -> list[dict[str, str]]:
    """Markdown -> sections: a heading line (#, ##, ###) starts one; text before the first is its own."""
    sections: list[dict[str, str]] = []
    for line in markdown.splitlines(keepends=True):
        heading = _HEADING.match(line)
        if heading or not sections:
            kind = f"h{len(heading.group(1))}" if heading else "paragraph"
            sections.append({"id": f"temp:C:{uuid.uuid4().hex[:28].upper()}", "type": kind, "markdown": ""})
        sections[-1]["markdown"] += line
    if sections and not sections[-1]["markdown"].endswith("\n"):
        sections[-1]["markdown"] += "\n"
    return sections


def _heading_text(section: dict[str, str]) -> str:
    return section["markdown"].splitlines()[0].lstrip("#").strip()


def section_matches(section: dict[str, str], types: list[str], text: str) -> bool:
    """canvases.sections.lookup criteria: with section_types, the heading kind and its text; else any text."""
    if types:
        is_heading = section["type"] != "paragraph"
        if not any(t == section["type"] or (t == "any_header" and is_heading) for t in types):
            return False
        return text.lower() in _heading_text(section).lower()
    return text.lower() in section["markdown"].lower()


def change_problem(canvas: Canvas, change: dict[str, Any]) -> str | None:
    """Why Slack would fail this canvases.edit change on this canvas (canvas_editing_failed), or None."""
    operation, section_id = change.get("operation"), change.get("section_id")
    if operation == "rename":
        title = (change.get("title_content") or {}).get("markdown")
        return None if isinstance(title, str) and title else "rename needs title_content {type: markdown, markdown}"
    if operation in ("insert_after", "insert_before", "delete") and section_id is None:
        return f"{operation} needs a section_id"
    content = change.get("document_content")
    if operation != "delete" and not (isinstance(content, dict) and isinstance(content.get("markdown"), str)):
        return f"{operation} needs document_content"
    if section_id is not None and section_id not in [s["id"] for s in canvas.sections]:
        return f"no section {section_id} in canvas {canvas.canvas_id}"
    return None


def apply_change(canvas: Canvas, change: dict[str, Any]) -> None:
    """Apply one canvases.edit change that :func:`change_problem` found nothing wrong with."""
    operation, section_id = change.get("operation"), change.get("section_id")
    if operation == "rename":
        canvas.title = change["title_content"]["markdown"]
        return
    new = [] if operation == "delete" else parse_sections(change["document_content"]["markdown"])
    if operation == "insert_at_start":
        canvas.sections[:0] = new
    elif operation == "insert_at_end":
        canvas.sections.extend(new)
    elif operation == "replace" and section_id is None:
        canvas.sections = new
    else:
        at = [s["id"] for s in canvas.sections].index(section_id)
        start, end = {"insert_after": (at + 1, at + 1), "insert_before": (at, at)}.get(operation, (at, at + 1))
        canvas.sections[start:end] = new


# --------------------------------------------------------------------------- checks (strict rules)


def _text_refusal(fake: "FakeSlack", value: Any, name: str, required: bool) -> dict[str, Any] | None:
    if value is None or value == "":
        return fake._refuse("invalid_arguments", f"missing required field: {name}") if required else None
    if not isinstance(value, str) or len(value) > MAX_STREAM_MARKDOWN:
        return fake._refuse("invalid_arguments", f"{name} must be a string of at most {MAX_STREAM_MARKDOWN} characters")
    return None


def _chunks_refusal(fake: "FakeSlack", chunks: Any) -> dict[str, Any] | None:
    if chunks is None:
        return None
    if not isinstance(chunks, list) or not all(isinstance(c, dict) and c.get("type") for c in chunks):
        return fake._refuse("invalid_chunks", "chunks must be a list of objects with a type")
    for chunk in chunks:
        if chunk["type"] == "markdown_text":
            refusal = _text_refusal(fake, chunk.get("text"), "chunks[].text", required=True)
            if refusal:
                return refusal
    return None


def _thread_refusal(fake: "FakeSlack", args: dict[str, Any]) -> dict[str, Any] | None:
    channel, ts = str(args.get("channel_id") or ""), str(args.get("thread_ts") or "")
    if not channel:
        return fake._refuse("channel_not_found", "channel_id is required")
    with fake._lock:
        known = (channel, ts) in fake._surfaces.threads
    if not known and not fake._known_message(channel, ts):
        return fake._refuse("invalid_thread_ts", f"no assistant thread {ts or '(no thread_ts)'} in {channel}")
    return None


def check_set_status(fake: "FakeSlack", args: dict[str, Any]) -> dict[str, Any] | None:
    if "status" not in args:
        return fake._refuse("invalid_arguments", "missing required field: status")
    return _thread_refusal(fake, args)


def check_set_title(fake: "FakeSlack", args: dict[str, Any]) -> dict[str, Any] | None:
    if not args.get("title"):
        return fake._refuse("invalid_arguments", "missing required field: title")
    return _thread_refusal(fake, args)


def check_set_prompts(fake: "FakeSlack", args: dict[str, Any]) -> dict[str, Any] | None:
    prompts = args.get("prompts")
    if not isinstance(prompts, list) or not 1 <= len(prompts) <= MAX_PROMPTS:
        return fake._refuse("invalid_arguments", f"prompts must hold 1..{MAX_PROMPTS} prompts")
    for i, prompt in enumerate(prompts):
        if not isinstance(prompt, dict) or not all(isinstance(prompt.get(k), str) and prompt[k]
                                                   for k in ("title", "message")):
            return fake._refuse("invalid_arguments", f"prompts[{i}] needs a title and a message")
    return _thread_refusal(fake, args)


def _is_dm(channel: str) -> bool:
    return channel[:1] in ("D", "U", "W")


def check_start_stream(fake: "FakeSlack", args: dict[str, Any]) -> dict[str, Any] | None:
    channel = str(args.get("channel") or "")
    if not channel:
        return fake._refuse("channel_not_found", "channel is required")
    if not _is_dm(channel) and not (args.get("recipient_user_id") and args.get("recipient_team_id")):
        return fake._refuse("invalid_arguments",
                            "recipient_user_id and recipient_team_id are required when streaming outside a DM")
    return (fake._channel_refusal(channel) or _text_refusal(fake, args.get("markdown_text"), "markdown_text", False)
            or _chunks_refusal(fake, args.get("chunks")))


def _stream_refusal(fake: "FakeSlack", args: dict[str, Any]) -> dict[str, Any] | None:
    key = (fake._dm_or_channel(str(args.get("channel") or "")), str(args.get("ts") or ""))
    with fake._lock:
        stream = fake._surfaces.streams.get(key)
    if stream is None:
        return fake._refuse("message_not_found", f"no stream {key[1] or '(no ts)'} in {key[0] or '(no channel)'}")
    if stream.stopped:
        return fake._refuse("message_not_in_streaming_state", f"the stream {key[1]} was stopped")
    return None


def check_append_stream(fake: "FakeSlack", args: dict[str, Any]) -> dict[str, Any] | None:
    if args.get("markdown_text") is None and args.get("chunks") is None:
        return fake._refuse("invalid_arguments", "missing required field: markdown_text (or chunks)")
    return (_stream_refusal(fake, args) or _text_refusal(fake, args.get("markdown_text"), "markdown_text", False)
            or _chunks_refusal(fake, args.get("chunks")))


def check_stop_stream(fake: "FakeSlack", args: dict[str, Any]) -> dict[str, Any] | None:
    return (_stream_refusal(fake, args) or _text_refusal(fake, args.get("markdown_text"), "markdown_text", False)
            or _chunks_refusal(fake, args.get("chunks")) or fake._message_refusal(args, needs_text=False))


def _document_refusal(fake: "FakeSlack", content: Any, required: bool) -> dict[str, Any] | None:
    if content is None:
        return fake._refuse("invalid_arguments", "missing required field: document_content") if required else None
    if not isinstance(content, dict) or content.get("type") != "markdown" or not isinstance(
            content.get("markdown"), str):
        return fake._refuse("invalid_arguments", "document_content must be {type: markdown, markdown: <text>}")
    if len(content["markdown"]) > MAX_CANVAS_MARKDOWN:
        return fake._refuse("invalid_arguments",
                            f"document_content.markdown must be at most {MAX_CANVAS_MARKDOWN} characters")
    return None


def check_canvas_create(fake: "FakeSlack", args: dict[str, Any]) -> dict[str, Any] | None:
    channel = str(args.get("channel_id") or "")
    if not channel:
        return fake._refuse("channel_not_found", "channel_id is required")
    with fake._lock:
        existing = fake._surfaces.channel_canvases.get(channel)
    if existing:
        return fake._refuse("channel_canvas_already_exists", f"{channel} already has canvas {existing}")
    return fake._channel_refusal(channel) or _document_refusal(fake, args.get("document_content"), required=False)


def _canvas_refusal(fake: "FakeSlack", args: dict[str, Any]) -> dict[str, Any] | None:
    with fake._lock:
        known = str(args.get("canvas_id") or "") in fake._surfaces.canvases
    return None if known else fake._refuse("canvas_not_found", f"no canvas {args.get('canvas_id') or '(none)'}")


def check_sections_lookup(fake: "FakeSlack", args: dict[str, Any]) -> dict[str, Any] | None:
    criteria = args.get("criteria")
    if not isinstance(criteria, dict) or not (criteria.get("section_types") or criteria.get("contains_text")):
        return fake._refuse("invalid_arguments", "criteria needs section_types or contains_text")
    types = criteria.get("section_types") or []
    if not isinstance(types, list) or not 0 <= len(types) <= 3 or not set(types) <= SECTION_TYPES:
        return fake._refuse("invalid_arguments", f"criteria.section_types must hold 1..3 of {sorted(SECTION_TYPES)}")
    return _canvas_refusal(fake, args)


def check_canvas_edit(fake: "FakeSlack", args: dict[str, Any]) -> dict[str, Any] | None:
    changes = args.get("changes")
    if not isinstance(changes, list) or len(changes) != 1 or not isinstance(changes[0], dict):
        return fake._refuse("invalid_arguments", "changes must hold exactly one change (one operation per call)")
    change = changes[0]
    operation = change.get("operation")
    if operation not in CANVAS_OPERATIONS:
        return fake._refuse("invalid_arguments", f"changes[0].operation must be one of {sorted(CANVAS_OPERATIONS)}")
    needs_content = operation not in ("delete", "rename")
    refusal = _canvas_refusal(fake, args) or (
        _document_refusal(fake, change.get("document_content"), required=True) if needs_content else None)
    if refusal:
        return refusal
    with fake._lock:
        problem = change_problem(fake._surfaces.canvases[str(args["canvas_id"])], change)
    return fake._refuse("canvas_editing_failed", problem) if problem else None


def _execution_refusal(fake: "FakeSlack", args: dict[str, Any]) -> dict[str, Any] | None:
    execution_id = str(args.get("function_execution_id") or "")
    with fake._lock:
        execution = fake._surfaces.executions.get(execution_id)
    if execution is None:
        return fake._refuse("function_execution_not_found", f"no function execution {execution_id or '(none)'}")
    if execution["state"] != "running":
        return fake._refuse("execution_not_in_running_state", f"{execution_id} is already {execution['state']}")
    return None


def check_complete_success(fake: "FakeSlack", args: dict[str, Any]) -> dict[str, Any] | None:
    if not isinstance(args.get("outputs"), dict):
        return fake._refuse("invalid_arguments", "outputs must be an object")
    return _execution_refusal(fake, args)


def check_complete_error(fake: "FakeSlack", args: dict[str, Any]) -> dict[str, Any] | None:
    if not args.get("error"):
        return fake._refuse("invalid_arguments", "missing required field: error")
    return _execution_refusal(fake, args)


# --------------------------------------------------------------------------- answers


def _thread_state(fake: "FakeSlack", args: dict[str, Any]) -> dict[str, Any]:
    key = (str(args.get("channel_id") or ""), str(args.get("thread_ts") or ""))
    return fake._surfaces.threads.setdefault(key, {"status": "", "prompts": [], "prompts_title": None, "title": None})


def set_status(fake: "FakeSlack", args: dict[str, Any], request: Any) -> dict[str, Any]:
    with fake._lock:
        _thread_state(fake, args)["status"] = str(args.get("status") or "")
    return {}


def set_prompts(fake: "FakeSlack", args: dict[str, Any], request: Any) -> dict[str, Any]:
    with fake._lock:
        state = _thread_state(fake, args)
        state["prompts"] = [dict(p) for p in args.get("prompts") or [] if isinstance(p, dict)]
        state["prompts_title"] = args.get("title")
    return {}


def set_title(fake: "FakeSlack", args: dict[str, Any], request: Any) -> dict[str, Any]:
    with fake._lock:
        _thread_state(fake, args)["title"] = str(args.get("title") or "")
    return {}


def _append(stream: Stream, args: dict[str, Any]) -> None:
    if args.get("markdown_text"):
        stream.markdown.append(str(args["markdown_text"]))
    for chunk in args.get("chunks") or []:
        if isinstance(chunk, dict):
            stream.chunks.append(chunk)
            if chunk.get("type") == "markdown_text":
                stream.markdown.append(str(chunk.get("text") or ""))


def start_stream(fake: "FakeSlack", args: dict[str, Any], request: Any) -> dict[str, Any]:
    channel = fake._dm_or_channel(str(args.get("channel") or ""))
    with fake._lock:
        ts = fake._next_ts()
        stream = Stream(channel, ts)
        _append(stream, args)
        message = fake._message({"text": "".join(stream.markdown),
                                 **{k: args[k] for k in ("thread_ts",) if k in args}}, ts)
        message["streaming"] = True
        fake._history.setdefault(channel, []).append(message)
        fake._surfaces.streams[(channel, ts)] = stream
    return {"channel": channel, "ts": ts}


def _stored(fake: "FakeSlack", stream: Stream) -> dict[str, Any]:
    return next(m for m in fake._history.get(stream.channel, []) if m["ts"] == stream.ts)


def _lenient_stream(fake: "FakeSlack", channel: str, ts: str) -> Stream:
    """The stream at channel+ts; one made up when a lenient fake (strict=False / allow) let an unknown one by."""
    stream = fake._surfaces.streams.get((channel, ts))
    if stream is None:
        stream = fake._surfaces.streams[(channel, ts)] = Stream(channel, ts)
        fake._history.setdefault(channel, []).append(fake._message({}, ts))
    return stream


def append_stream(fake: "FakeSlack", args: dict[str, Any], request: Any) -> dict[str, Any]:
    channel = fake._dm_or_channel(str(args.get("channel") or ""))
    with fake._lock:
        stream = _lenient_stream(fake, channel, str(args.get("ts") or ""))
        _append(stream, args)
        _stored(fake, stream)["text"] = "".join(stream.markdown)
    return {"channel": channel, "ts": stream.ts}


def stop_stream(fake: "FakeSlack", args: dict[str, Any], request: Any) -> dict[str, Any]:
    channel = fake._dm_or_channel(str(args.get("channel") or ""))
    with fake._lock:
        stream = _lenient_stream(fake, channel, str(args.get("ts") or ""))
        _append(stream, args)
        stream.stopped = True
        message = _stored(fake, stream)
        message["text"] = "".join(stream.markdown)
        message.pop("streaming", None)
        message.update({k: args[k] for k in ("blocks", "metadata") if k in args})
        final = dict(message)
    return {"channel": channel, "ts": stream.ts, "message": final}


def canvas_create(fake: "FakeSlack", args: dict[str, Any], request: Any) -> dict[str, Any]:
    channel = str(args.get("channel_id") or "")
    content = args.get("document_content") if isinstance(args.get("document_content"), dict) else {}
    canvas = Canvas(f"F{fake._next('canvas'):08d}", channel, str(args.get("title") or ""),
                    parse_sections(str(content.get("markdown") or "")))
    with fake._lock:
        fake._surfaces.canvases[canvas.canvas_id] = canvas
        fake._surfaces.channel_canvases[channel] = canvas.canvas_id
        properties = fake._channels.setdefault(channel, {}).setdefault("properties", {})
        properties["canvas"] = {"file_id": canvas.canvas_id, "is_empty": not canvas.sections}
    return {"canvas_id": canvas.canvas_id}


def sections_lookup(fake: "FakeSlack", args: dict[str, Any], request: Any) -> dict[str, Any]:
    criteria = args.get("criteria") if isinstance(args.get("criteria"), dict) else {}
    types, text = criteria.get("section_types") or [], str(criteria.get("contains_text") or "")
    with fake._lock:
        canvas = fake._surfaces.canvases.get(str(args.get("canvas_id")))
        sections = list(canvas.sections) if canvas else []
    return {"sections": [{"id": s["id"]} for s in sections if section_matches(s, types, text)]}


def canvas_edit(fake: "FakeSlack", args: dict[str, Any], request: Any) -> dict[str, Any]:
    with fake._lock:
        canvas = fake._surfaces.canvases.get(str(args.get("canvas_id")))
        changes = args.get("changes") if isinstance(args.get("changes"), list) else []
        for change in changes[:1] if canvas is not None else []:
            if isinstance(change, dict) and change.get("operation") in CANVAS_OPERATIONS \
                    and change_problem(canvas, change) is None:
                apply_change(canvas, change)
    return {}


def _complete(state: str) -> Callable[["FakeSlack", dict[str, Any], Any], dict[str, Any]]:
    def answer(fake: "FakeSlack", args: dict[str, Any], request: Any) -> dict[str, Any]:
        with fake._lock:
            execution = fake._surfaces.executions.get(str(args.get("function_execution_id")))
            if execution is not None:
                execution.update(state=state, outputs=args.get("outputs"), error=args.get("error"))
        return {}
    return answer


CHECKS: dict[str, Callable[..., dict[str, Any] | None]] = {
    "assistant.threads.setStatus": check_set_status,
    "assistant.threads.setSuggestedPrompts": check_set_prompts,
    "assistant.threads.setTitle": check_set_title,
    "chat.startStream": check_start_stream,
    "chat.appendStream": check_append_stream,
    "chat.stopStream": check_stop_stream,
    "conversations.canvases.create": check_canvas_create,
    "canvases.sections.lookup": check_sections_lookup,
    "canvases.edit": check_canvas_edit,
    "functions.completeSuccess": check_complete_success,
    "functions.completeError": check_complete_error,
}

HANDLERS: dict[str, Callable[..., dict[str, Any]]] = {
    "assistant.threads.setStatus": set_status,
    "assistant.threads.setSuggestedPrompts": set_prompts,
    "assistant.threads.setTitle": set_title,
    "chat.startStream": start_stream,
    "chat.appendStream": append_stream,
    "chat.stopStream": stop_stream,
    "conversations.canvases.create": canvas_create,
    "canvases.sections.lookup": sections_lookup,
    "canvases.edit": canvas_edit,
    "functions.completeSuccess": _complete("completed"),
    "functions.completeError": _complete("failed"),
}

assert CHECKS.keys() == HANDLERS.keys() <= slack_rules.METHOD_SCOPES.keys()


# --------------------------------------------------------------------------- what tests call


class SurfaceHelpers:
    """FakeSlack's test-facing side of the newer surfaces (mixed into FakeSlack)."""

    def grant_scopes(self: "FakeSlack", *scopes: str) -> "FakeSlack":
        """Grant bot scopes the manifest does not ask for (e.g. ``assistant:write``, ``canvases:write``)."""
        with self._lock:
            self.scopes = self.scopes | frozenset(scopes)
        return self

    def deny_feature(self: "FakeSlack", method: str, error: str = "not_allowed") -> None:
        """From now on ``method`` answers ``{"ok": false, "error": error}`` as for a workspace whose plan or
        settings lack the surface (``not_allowed``, ``paid_teams_only``...): Slack's answer, not an app mistake,
        so it is no refusal."""
        if error not in FEATURE_ERRORS:
            raise ValueError(f"{error!r} is not a feature error; use one of {sorted(FEATURE_ERRORS)}")
        self.set_response(method, {"ok": False, "error": error})

    def start_assistant_thread(self: "FakeSlack", user_id: str, context_channel: str | None = None,
                               team_id: str | None = None) -> dict[str, Any]:
        """Open an assistant thread (the user's DM with the app) as Slack does; returns the
        ``assistant_thread_started`` event (its ``assistant_thread`` holds channel_id and thread_ts)."""
        channel, ts = f"D{user_id}", self._next_ts()
        team = team_id or self.team_id
        with self._lock:
            self._surfaces.threads[(channel, ts)] = {"status": "", "prompts": [], "prompts_title": None, "title": None}
            self._opened.add(channel)
        context = {"channel_id": context_channel, "team_id": team, "enterprise_id": None} if context_channel else {}
        return {"type": "assistant_thread_started", "event_ts": ts,
                "assistant_thread": {"user_id": user_id, "context": context, "channel_id": channel, "thread_ts": ts}}

    def assistant_thread(self: "FakeSlack", channel_id: str, thread_ts: str) -> dict[str, Any]:
        """The thread's ``status``, ``prompts`` (title/message dicts), ``prompts_title`` and ``title``."""
        with self._lock:
            return dict(self._surfaces.threads[(channel_id, thread_ts)])

    def stream(self: "FakeSlack", channel: str, ts: str) -> Stream:
        """A streamed message: ``markdown`` (each append), ``chunks``, ``stopped``."""
        with self._lock:
            return self._surfaces.streams[(self._dm_or_channel(channel), ts)]

    def channel_canvas(self: "FakeSlack", channel_id: str) -> Canvas | None:
        """The channel's canvas (``markdown``, ``sections``, ``title``), or None."""
        with self._lock:
            canvas_id = self._surfaces.channel_canvases.get(channel_id)
            return self._surfaces.canvases[canvas_id] if canvas_id else None

    def canvas(self: "FakeSlack", canvas_id: str) -> Canvas:
        with self._lock:
            return self._surfaces.canvases[canvas_id]

    def edit_canvas_as_user(self: "FakeSlack", canvas_id: str, operation: str, markdown: str = "",
                            section_id: str | None = None) -> list[str]:
        """A person edits the canvas in Slack (no API call is recorded); returns the ids of the sections the
        edit added. ValueError for an edit Slack's editor could not make."""
        change: dict[str, Any] = {"operation": operation, "section_id": section_id,
                                  "document_content": {"type": "markdown", "markdown": markdown},
                                  "title_content": {"type": "markdown", "markdown": markdown}}
        with self._lock:
            canvas = self._surfaces.canvases[canvas_id]
            problem = change_problem(canvas, change) if operation in CANVAS_OPERATIONS else f"no operation {operation}"
            if problem:
                raise ValueError(problem)
            before = {s["id"] for s in canvas.sections}
            apply_change(canvas, change)
            return [s["id"] for s in canvas.sections if s["id"] not in before]

    def function_executed_event(self: "FakeSlack", callback_id: str, inputs: dict[str, Any]) -> dict[str, Any]:
        """A ``function_executed`` event for the app's custom step ``callback_id``, with a fresh
        ``function_execution_id`` and a ``bot_access_token`` the fake accepts."""
        execution_id = f"Fx{uuid.uuid4().hex[:10].upper()}"
        token = f"xwfp-{uuid.uuid4().hex}"
        self.set_token(token, self.team_id)
        with self._lock:
            self._surfaces.executions[execution_id] = {"state": "running", "callback_id": callback_id,
                                                       "inputs": dict(inputs), "outputs": None, "error": None}
        ts = self._next_ts()
        return {"type": "function_executed", "event_ts": ts, "inputs": dict(inputs),
                "function_execution_id": execution_id, "workflow_execution_id": f"Wx{uuid.uuid4().hex[:10].upper()}",
                "bot_access_token": token,
                "function": {"id": f"Fn{uuid.uuid4().hex[:10].upper()}", "callback_id": callback_id,
                             "title": callback_id, "type": "app", "app_id": "A_KAM", "date_created": int(float(ts))}}

    def function_execution(self: "FakeSlack", execution_id: str) -> dict[str, Any]:
        """``state`` (running / completed / failed), ``outputs``, ``error``, ``inputs``, ``callback_id``."""
        with self._lock:
            return dict(self._surfaces.executions[execution_id])
