"""The `/kam` grammar: one registry from which parsing, usage, help and "did you mean" come.

Each subcommand is declared once, in its feature's `COMMANDS` (see `bot.handlers`), with its
argument shape, whether it writes, its intent label and its LLM tool description; the other
layers derive from that declaration (`bot.wiring` builds the registry). Parsing is pure and
never touches the store. Splitting "ACCOUNT rest of text" needs the account
names, so the parser hands the words on and the service resolves the account.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Callable

from rapidfuzz import fuzz, process

from kam_domain.errors import UserError

MAX_COMMAND_TEXT = 4000  # Slack caps slash-command text near this; longer is never legitimate


class Shape(str, Enum):
    NONE = "none"  # no arguments
    CHOICE = "choice"  # one optional word from a fixed list
    TEXT = "text"  # free text (a question)
    ACCOUNT = "account"  # the whole text names an account
    ACCOUNT_KV = "account_kv"  # ACCOUNT [key=value ...]
    ACCOUNT_REST = "account_rest"  # ACCOUNT [free text]
    ACCOUNT_REST_KV = "account_rest_kv"  # ACCOUNT NAME [key=value ...]


class Writes(str, Enum):
    NEVER = "never"
    ALWAYS = "always"
    WITH_FIELDS = "with_fields"  # key=value fields make it a change (`score X product_fit=8`); alone it reads


@dataclass(frozen=True)
class Subcommand:
    name: str
    args: str
    summary: str
    shape: Shape
    handler: Callable | None = None
    choices: tuple[str, ...] = ()
    default_choice: str | None = None
    text_required: bool = False
    kv_keys: tuple[str, ...] | None = None  # None: any key (checked by the service)
    examples: tuple[str, ...] = ()
    details: str = ""
    aliases: tuple[str, ...] = ()
    account_optional: bool = False  # without an account it answers across accounts (`/kam review`: reviews due)
    pageable: bool = False  # a CHOICE that also takes `page N` after the choice (`/kam accounts all page 2`)
    repeatable_keys: tuple[str, ...] = ()  # keys that may be given more than once; the values join with ","
    kv_spaces: bool = False  # words after a key=value belong to its value (`owner=@Anna Keller`)
    writes: Writes = Writes.NEVER
    changes_when: Callable[["Invocation"], bool] | None = None  # a read whose words can make a change (`plan X close action 3`)
    intent_label: str | None = None  # how plain language names it ("Account plan"); None: the router never picks it
    write_intent: tuple[str, str] | None = None  # WITH_FIELDS: the write's own intent and label (score_set, "Set scores")
    tool: str = ""  # what the language model's read tool of this subcommand is told it returns
    # plain words -> option words: (word, regex) pairs the router adds to the line when found (language/choice_cues.py)
    choice_cues: tuple[tuple[str, str], ...] = ()
    routes_text: bool = False  # plain language hands the whole message on (a name to find in it: `owned-by`)

    @property
    def usage(self) -> str:
        return f"/kam {self.name} {self.args}".strip()

    @property
    def needs_account(self) -> bool:
        return self.shape not in (Shape.NONE, Shape.CHOICE, Shape.TEXT) and not self.account_optional

    def is_write(self, invocation: "Invocation") -> bool:
        """Whether this invocation changes data (and so is confirmed first when it came in plain words)."""
        if self.writes == Writes.ALWAYS:
            return True
        if self.writes == Writes.WITH_FIELDS and (invocation.kv or "=" in invocation.text):
            return True
        return self.changes_when is not None and self.changes_when(invocation)


@dataclass
class Invocation:
    command: Subcommand
    text: str  # the argument text, unescaped
    words: list[str] = field(default_factory=list)  # ACCOUNT... words (before any key=value)
    kv: dict[str, str] = field(default_factory=dict)
    choice: str | None = None
    page: int | None = None  # `page N` of a pageable list; None: the first page

    @property
    def account_text(self) -> str:
        return " ".join(self.words)


class UsageError(UserError):
    def __init__(self, command: Subcommand | None, problem: str, suggestions: list[str] | None = None):
        self.command = command
        self.problem = problem
        self.suggestions = suggestions or []
        lines = [problem]
        if command is not None:
            lines.append(f"Usage: `{command.usage}`")
            if command.examples:
                lines.append("Example: `" + command.examples[0] + "`")
        super().__init__("\n".join(lines))


class Registry:
    def __init__(self, commands: tuple[Subcommand, ...] = ()) -> None:
        self._commands: dict[str, Subcommand] = {}
        self._aliases: dict[str, str] = {}
        for command in commands:
            self.add(command)

    def add(self, command: Subcommand) -> Subcommand:
        if command.name in self._commands:
            raise ValueError(f"subcommand {command.name} declared twice")
        self._commands[command.name] = command
        for alias in command.aliases:
            self._aliases[alias] = command.name
        return command

    def get(self, name: str) -> Subcommand | None:
        name = name.lower()
        return self._commands.get(self._aliases.get(name, name))

    def names(self) -> list[str]:
        return list(self._commands)

    def all(self) -> list[Subcommand]:
        return list(self._commands.values())

    def did_you_mean(self, word: str, limit: int = 3) -> list[str]:
        pool = self.names() + list(self._aliases)
        hits = process.extract(word.lower(), pool, scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
        seen: list[str] = []
        for hit, _score, _ in hits:
            name = self._aliases.get(hit, hit)
            if name not in seen:
                seen.append(name)
        return seen

    def parse(self, text: str) -> Invocation:
        text = clean_slack_text(text)
        if len(text) > MAX_COMMAND_TEXT:
            raise UsageError(None, f"That is too long ({len(text)} characters); keep a command under {MAX_COMMAND_TEXT}.")
        head, _, rest = text.strip().partition(" ")
        if not head:
            return Invocation(self._commands["help"], "")
        second, _, after = rest.strip().partition(" ")
        if f"{head} {second}".lower() in self._aliases:  # a two-word alias: "stakeholder map Borealis"
            head, rest = f"{head} {second}", after
        command = self.get(head)
        if command is None:
            suggestions = self.did_you_mean(head)
            hint = f" Did you mean {', '.join('`' + s + '`' for s in suggestions)}?" if suggestions else ""
            shown = head if len(head) <= 40 else head[:39] + "…"
            raise UsageError(None, f"I don't know the subcommand `{shown}`.{hint} Try `/kam help`.", suggestions)
        return parse_arguments(command, rest.strip())


KV = re.compile(r'^([A-Za-z_][\w-]*)=(.*)$', re.S)
TOKEN = re.compile(r'[A-Za-z_][\w-]*="[^"]*"|"[^"]*"|\S+')


def tokenize(text: str) -> list[str]:
    text = text.replace("“", '"').replace("”", '"')
    return TOKEN.findall(text)


def _unquote(token: str) -> str:
    return token[1:-1] if len(token) >= 2 and token[0] == token[-1] == '"' else token


def parse_arguments(command: Subcommand, text: str) -> Invocation:
    shape = command.shape
    if shape == Shape.NONE:
        if text:
            raise UsageError(command, f"`{command.name}` takes no arguments.")
        return Invocation(command, text)
    if shape == Shape.CHOICE:
        return _parse_choice(command, text)
    if shape == Shape.TEXT:
        if command.text_required and not text:
            raise UsageError(command, "Say what you want to know.")
        return Invocation(command, text, words=tokenize(text))
    if not text:
        if command.account_optional:
            return Invocation(command, text)
        raise UsageError(command, "Name an account.")
    words, kv = _split_kv(command, tokenize(text))
    if not words:
        raise UsageError(command, "Name an account before any key=value.")
    if shape == Shape.ACCOUNT and kv:
        raise UsageError(command, f"`{command.name}` takes only an account name.")
    return Invocation(command, text, words=words, kv=kv)


PAGE = re.compile(r"^(?:(.*?)\s+)?page(?:\s+(\S+))?(.*)$", re.S)
MAX_PAGE = 10_000


def _parse_choice(command: Subcommand, text: str) -> Invocation:
    word = text.strip().lower()
    page = None
    if command.pageable and (paged := PAGE.match(word)) and (paged.group(1) is None or " " not in paged.group(1)):
        word, page = (paged.group(1) or "").strip(), _page_number(command, paged.group(2), paged.group(3))
    if not word:
        return Invocation(command, text, choice=command.default_choice, page=page)
    if " " in word:
        raise UsageError(command, f"Choose one of: {', '.join(command.choices)}.")
    if word in command.choices:
        return Invocation(command, text, choice=word, page=page)
    close = process.extractOne(word, command.choices, scorer=fuzz.WRatio, score_cutoff=75)
    if close:
        return Invocation(command, text, choice=close[0], page=page)
    shown = word if len(word) <= 40 else word[:39] + "…"
    raise UsageError(command, f"`{shown}` is not one of: {', '.join(command.choices)}.")


def _page_number(command: Subcommand, number: str | None, after: str) -> int:
    """`page 2` -> 2; a missing, non-numeric, zero or trailing page is the usage."""
    if number is None or after.strip():
        raise UsageError(command, "Give one page number after `page`, e.g. `page 2`.")
    if not number.isdigit() or not 1 <= int(number) <= MAX_PAGE:
        shown = number if len(number) <= 20 else number[:19] + "…"
        raise UsageError(command, f"`{shown}` is not a page number: pages count from 1, e.g. `page 2`.")
    return int(number)


def _split_kv(command: Subcommand, tokens: list[str]) -> tuple[list[str], dict[str, str]]:
    words: list[str] = []
    kv: dict[str, str] = {}
    last_key = None
    for token in tokens:
        match = KV.match(token)
        if match and command.shape in (Shape.ACCOUNT_KV, Shape.ACCOUNT_REST_KV):
            key = match.group(1).lower().replace("-", "_")
            if command.kv_keys is not None and key not in command.kv_keys:
                raise UsageError(command, f"Unknown field `{key}`. Fields: {', '.join(command.kv_keys)}.")
            value = _unquote(match.group(2)).strip()
            last_key = key
            if key in kv and key in command.repeatable_keys:  # add=@a add=@b -> add=@a,@b
                kv[key] = ",".join(v for v in (kv[key], value) if v)
                continue
            if key in kv:
                raise UsageError(command, f"`{key}` is given twice.")
            kv[key] = value
            continue
        if kv and command.kv_spaces and last_key is not None:
            kv[last_key] = f"{kv[last_key]} {_unquote(token)}".strip()
            continue
        if kv:
            raise UsageError(command, f"Put `{token}` before the key=value fields.")
        words.append(_unquote(token))
    return words, kv


_MENTION = re.compile(r"<([@#!])([^|>]+)(?:\|([^>]*))?>")
_LINK = re.compile(r"<(https?://[^|>]+)(?:\|([^>]*))?>")


def _mention(match: re.Match) -> str:
    kind, ident, label = match.groups()
    return kind + ident  # a channel keeps its id (#C123), as a person does (@U123): channel= needs it


def clean_slack_text(text: str) -> str:
    """Slack escapes &, < and >, and wraps mentions as <@U123|name> and channels as <#C123|name>;
    keep their ids, as @U123 and #C123."""
    text = _MENTION.sub(_mention, text or "")
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    return html.unescape(text).replace("\u00a0", " ").strip()


USER_ID = re.compile(r"^@?([UW][A-Z0-9_]{2,})$")


def parse_user_id(value: str) -> str:
    """`owner=@U123` (as Slack sends a mention) -> U123; anything else is an error."""
    match = USER_ID.match((value or "").strip())
    if not match:
        raise UserError(f"`{value}` is not a Slack user: mention them, e.g. owner=@ana.")
    return match.group(1)

