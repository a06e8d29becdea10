"""The language model's tools: READ-ONLY views over our services, scoped in code.

The read tools come from the subcommand declarations (`Subcommand.tool`, the text the model is
told): every subcommand that never writes and has a `tool=` is a tool of the same name, its
parameters from its shape (an account, one of its choices, a text). A tool returns the read's typed
result as JSON (bot.language.typed_json); the answer shows that result through our renderers.

One question, one account: the account the question resolved to (by name, person, thread
memory or channel) or, when it named none, the first account a tool reads. A tool call for
any other account is refused here, whatever the prompt or the model says; every read also
goes through the services' own authorisation, in the asker's workspace only. Writes are only
ever *proposed* (`propose_write` returns a ConfirmWrite that needs a person's click).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from langchain_core.tools import StructuredTool
from pydantic import Field, create_model
from rapidfuzz import fuzz
from sqlmodel import select

from bot.commands import Shape, Subcommand, UsageError, Writes
from bot.context import RequestContext
from bot.dispatch import parse, registry, run_invocation
from bot.language.typed_json import result_json
from kam_domain.errors import NeedsChoice, UserError
from kam_domain.language.route import ConfirmWrite
from kam_domain.models import Note
from kam_domain.services import queries
from kam_domain.services.authz import Permission, require

MAX_TOOL_TEXT = 6000  # characters of a tool's answer the model sees
NOTES_SHOWN = 5
ACCOUNT_SHAPES = (Shape.ACCOUNT, Shape.ACCOUNT_KV, Shape.ACCOUNT_REST, Shape.ACCOUNT_REST_KV)
BAD_ARGUMENTS = "Error: those arguments do not fit this tool's parameters; call it again as they say."


@dataclass
class ToolScope:
    """What the tools may touch for one question, and what they did."""

    ctx: RequestContext
    account_id: int | None = None  # None until the question or the first read fixes it
    results: list[Any] = field(default_factory=list)  # the cards the reads returned
    refusals: list[str] = field(default_factory=list)
    proposal: ConfirmWrite | None = None
    last_intent: str | None = None

    # ------------------------------------------------------------------ the guard

    def account(self, account_text: str) -> int:
        """The account a tool may read: in this workspace, and the question's one."""
        text = str(account_text or "").strip()
        with self.ctx.uow() as uow:
            try:
                account = queries.resolve_account(uow.session, self.ctx.actor.team_id, text)
            except UserError:
                if queries.ACCOUNT_REF.fullmatch(text):  # an id from another workspace, or made up
                    self.refusals.append(f"Refused: account {text} is not in this workspace.")
                    raise PermissionError(self.refusals[-1]) from None
                raise
            account_id, name = account.id, account.name
        if self.account_id is None:
            self.account_id = account_id
        elif account_id != self.account_id:
            message = (f"Refused: this question is about account #{self.account_id}; reading {name} "
                       "is not allowed in it.")
            self.refusals.append(message)
            raise PermissionError(message)
        return account_id

    def run(self, command_line: str) -> str:
        """Run a read's exact line; the model gets its typed result as JSON, the answer keeps the result."""
        invocation = parse(self.ctx, command_line)
        if invocation.command.is_write(invocation):
            return f"Error: `{invocation.command.name}` with those words is a change; use propose_write."
        result = run_invocation(self.ctx, invocation)
        self._same_account(_result_account(result))
        self.results.append(result)
        self.last_intent = invocation.command.name
        return result_json(result, MAX_TOOL_TEXT)

    def _same_account(self, account_id: int | None) -> None:
        """A read that found its account by other words (a person's name) is held to the question's account too."""
        if not isinstance(account_id, int):
            return
        if self.account_id is None:
            self.account_id = account_id
        elif account_id != self.account_id:
            self.refusals.append(f"Refused: this question is about account #{self.account_id}; that read is "
                                 "about another account.")
            raise PermissionError(self.refusals[-1])


def _result_account(result: Any) -> int | None:
    """The account a typed result is about: its `account_id`, or that of a result it holds (next + drafts)."""
    found = getattr(result, "account_id", None)
    if isinstance(found, int) or not dataclasses.is_dataclass(result):
        return found if isinstance(found, int) else None
    inner = (getattr(getattr(result, f.name), "account_id", None) for f in dataclasses.fields(result))
    return next((a for a in inner if isinstance(a, int)), None)


def _guarded(scope: ToolScope, work) -> str:
    """Run a tool; a refusal or a user-facing error goes back to the model as text."""
    try:
        return work()
    except PermissionError as exc:
        return str(exc)
    except NeedsChoice as exc:
        return f"Unclear: {exc.question} Options: " + ", ".join(c.label for c in exc.choices)
    except (UserError, UsageError) as exc:
        return f"Error: {exc.message}"


def build_tools(scope: ToolScope) -> list[StructuredTool]:
    """A read tool per subcommand declared with `tool=` that never writes, then notes search and propose_write."""
    def search_notes(account: str, query: str) -> str:
        """Search the notes and meeting logs of ONE account for what the question is about."""
        return _guarded(scope, lambda: _search_notes(scope, scope.account(account), query))

    def propose_write(command_line: str, summary: str) -> str:
        return _guarded(scope, lambda: _propose(scope, command_line, summary))

    commands = registry(scope.ctx)
    reads = [read_tool(scope, command) for command in commands.all() if is_read_tool(command)]
    return reads + [StructuredTool.from_function(search_notes, handle_validation_error=BAD_ARGUMENTS),
                    StructuredTool.from_function(propose_write, description=propose_description(commands),
                                                 handle_validation_error=BAD_ARGUMENTS)]


def is_read_tool(command: Subcommand) -> bool:
    return bool(command.tool) and command.writes == Writes.NEVER and command.name != "ask"


def tool_name(command: Subcommand) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", command.name)


def read_tool(scope: ToolScope, command: Subcommand) -> StructuredTool:
    """The model's tool for one read subcommand; its parameters follow the declaration's shape."""
    def run(**args) -> str:
        return _guarded(scope, lambda: scope.run(_command_line(scope, command, args)))

    schema = create_model(f"{tool_name(command)}_args", **_parameters(command))
    return StructuredTool.from_function(func=run, name=tool_name(command), description=command.tool,
                                        args_schema=schema, handle_validation_error=BAD_ARGUMENTS)


def _parameters(command: Subcommand) -> dict[str, Any]:
    account = (str, Field(description="The account's name, or #ID."))
    if command.shape in ACCOUNT_SHAPES:
        fields = {"account": (str | None, Field(None, description="The account's name, or #ID; none: across "
                                                                   "accounts.")) if command.account_optional
                  else account}
        after = command.args.removeprefix("ACCOUNT").strip()
        if command.shape == Shape.ACCOUNT_REST and after:
            fields["details"] = (str, Field("", description=f"What may follow the account: {after}"))
        return fields
    if command.shape == Shape.CHOICE:
        return {"choice": (Literal[command.choices] | None,  # type: ignore[valid-type]
                           Field(command.default_choice, description=f"One of: {', '.join(command.choices)}."))}
    if command.shape == Shape.TEXT:
        return {"text": (str, Field(... if command.text_required else "", description=command.args))}
    return {}


def _command_line(scope: ToolScope, command: Subcommand, args: dict[str, Any]) -> str:
    words = [command.name]
    if args.get("account"):
        words.append(f"#{scope.account(args['account'])}")
    elif command.shape in ACCOUNT_SHAPES and not command.account_optional:
        raise UserError("Name the account.")
    for key in ("details", "choice", "text"):
        if args.get(key):
            words.append(" ".join(str(args[key]).split()))
    return " ".join(words)


def propose_description(commands) -> str:
    """The write tool's description: the changes the plain-language router knows, from their declarations."""
    changes = [c.name for c in commands.all() if c.intent_label and c.writes == Writes.ALWAYS]
    changes += [f"{c.name} with values" for c in commands.all() if c.write_intent]
    return (f"Propose a change as a /kam command line ({', '.join(changes)}).\n"
            "Nothing is written: the user sees the summary and clicks \"Yes, do it\" to run it.")


def _search_notes(scope: ToolScope, account_id: int, query: str) -> str:
    ctx = scope.ctx
    with ctx.uow() as uow:
        account = queries.account_by_id(uow.session, ctx.actor.team_id, account_id)
        require(uow.session, ctx.actor, Permission.READ, account)
        notes = uow.session.exec(select(Note).where(Note.team_id == ctx.actor.team_id, Note.account_id == account.id)
                                 .order_by(Note.written_on.desc(), Note.id.desc()).limit(500)).all()
        name = account.name
        notes = [(n.id, n.written_on, n.author, n.body) for n in notes]
    ranked = sorted(notes, key=lambda n: -fuzz.token_set_ratio(query.lower(), n[3].lower()))[:NOTES_SHOWN]
    scope.last_intent = "account"
    if not ranked:
        return f"No notes for {name}."
    return "\n".join(f"[note {i}, {day.isoformat()}, {author}] {body[:400]}" for i, day, author, body in ranked)


def _propose(scope: ToolScope, command_line: str, summary: str) -> str:
    line = (command_line or "").strip().removeprefix("/kam").strip()
    invocation = parse(scope.ctx, line)
    command = invocation.command.name
    if not invocation.command.is_write(invocation):
        return f"Error: `{command}` is not a change; use the read tools for it."
    with scope.ctx.uow() as uow:
        account, rest = queries.resolve_account_and_rest(uow.session, scope.ctx.actor.team_id, invocation.words, command)
        account_id = account.id
    scope.account(f"#{account_id}")
    fields = " ".join(f'{k}="{v}"' if " " in v else f"{k}={v}" for k, v in invocation.kv.items())
    exact = " ".join(part for part in (command, f"#{account_id}", rest, fields) if part)
    scope.proposal = ConfirmWrite(summary=(summary or f"Run /kam {exact}").strip(), command_line=exact,
                                  intent=write_intent(invocation), account_id=account_id)
    scope.last_intent = scope.proposal.intent
    return "Proposed. Nothing is written until the user clicks “Yes, do it”."


def write_intent(invocation) -> str:
    """The intent a proposed change is remembered as: the write's own (score_set) or the subcommand's."""
    command = invocation.command
    return command.write_intent[0] if command.write_intent and invocation.kv else command.name
