"""CRM import: accounts, contacts (stakeholders), notes and financials from CSV exports.

All-or-nothing per file: every row is parsed and checked first (account references
against the database); one bad row rejects the file, nothing is written and every bad
row is listed by line and column. A good file is written in ONE transaction with one
audit entry, so an import killed halfway leaves nothing behind.

Idempotent, by these keys (all within the workspace):
- accounts: CRM id (Account ID / Record ID), else the normalised name;
- contacts: (account, normalised full name), else (account, email);
- notes: sha256 of "team_id|account_id|written_on|body";
- financials: (account, period);
- users (`kam import users`: CRM owner -> Slack user): the owner's email, else their folded name.
A row equal to its record is `unchanged`; a differing one `updated`. An empty cell never
erases a stored value. `Annual Revenue` is the customer's own size
(Account.customer_annual_revenue); what they pay us comes only from financials.

Accounts also bring their owner and tier. Each distinct CRM owner is linked to a Slack user
(an earlier OwnerLink, else the `directory`: kam_domain/services/owner_linking.py) and becomes the
KAM of their accounts unless a person set that KAM; a tier column imports key accounts
(kam_domain/services/import_tiers.py). Without a directory no owner is linked, and the summary
says so. Financials refuse negative amounts (a negative revenue only on a row a Credit column
marks as a credit note) and periods before 2000 or more than a year ahead.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator

from rapidfuzz import fuzz, process
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from kam_domain.clock import SystemClock
from kam_domain.errors import UserError
from kam_domain.importing.csv_reader import (
    KINDS, BadImportFile, HeaderMap, MissingColumns, Record, decode, map_headers, missing_required,
    read_table, required_labels,
)
from kam_domain.importing.values import (
    check_period_range, clean_body, clean_text, is_empty, parse_date, parse_email, parse_money, parse_period,
    parse_yes_no, says_key,
)
from kam_domain.models import Account, AuditEntry, Financial, Note, OwnerLink, Stakeholder, utcnow
from kam_domain.rules.meeting_log import sentiment as note_sentiment
from kam_domain.rules.names import normalize_account_name, normalize_person_name
from kam_domain.rules.people_matching import email_key, name_key
from kam_domain.rules.relationships import parse_attitude, parse_influence, parse_role
from kam_domain.services import import_tiers, owner_linking
from kam_domain.services.directory import PeopleDirectory
from kam_domain.services.owner_linking import CrmOwner, OwnerResolution, owner_of
from kam_domain.services.workspaces import ensure_workspace
from kam_domain.store.uow import UowFactory

__all__ = [
    "BadImportFile", "ImportRejected", "ImportReport", "MissingColumns", "RowError", "UnknownImportKind",
    "content_hash", "import_file", "import_rows", "normalize_kind",
]

Progress = Callable[[int, int], None]

MAX_LISTED_ERRORS = 50
PROGRESS_EVERY = 1000
WRITE_CHUNK = 1000
MONEY_TOLERANCE = 0.005
MAX_NOTE_CHARS = 100_000  # a long meeting write-up is ~20k; anything bigger is a paste gone wrong

_KIND_NAMES = {
    "accounts": "accounts", "account": "accounts", "companies": "accounts", "company": "accounts",
    "contacts": "contacts", "contact": "contacts", "stakeholders": "contacts", "stakeholder": "contacts",
    "notes": "notes", "note": "notes",
    "financials": "financials", "financial": "financials", "finance": "financials", "finances": "financials",
    "users": "users", "user": "users", "owners": "users", "owner": "users",
}
_ENTITY = {"accounts": "account", "contacts": "stakeholder", "notes": "note", "financials": "financial",
           "users": "owner_link"}


# --------------------------------------------------------------------------- results and errors


@dataclass(frozen=True)
class RowError:
    """What is wrong with one cell (or a whole row when `column` is None) and how to fix it."""

    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}, {self.column}" if self.column else f"line {self.line}"
        return f"{where}: {self.message}"


class UnknownImportKind(BadImportFile):
    """Not one of accounts, contacts, notes, financials."""


class ImportRejected(UserError):
    """Some rows are bad: nothing was written. `errors` lists every bad row."""

    def __init__(self, source: str, kind: str, rows: int, errors: list[RowError]):
        self.source, self.kind, self.rows, self.errors = source, kind, rows, errors
        lines = [str(e) for e in errors[:MAX_LISTED_ERRORS]]
        if len(errors) > MAX_LISTED_ERRORS:
            lines.append(f"and {len(errors) - MAX_LISTED_ERRORS} more")
        bad_lines = len({e.line for e in errors})
        head = (f"{source} was not imported: {bad_lines} of {rows} rows have problems, so nothing was written. "
                "Fix them and import the file again:")
        super().__init__("\n".join([head, *lines]))


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    kind: str
    source: str
    rows: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    encoding: str = "utf-8"
    delimiter: str = ","
    columns: dict[str, str] = field(default_factory=dict)  # our field -> the file's header
    ignored_columns: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Owners (accounts and users imports): CRM owner as the file names them -> Slack user id; the owners
    # no Slack user matched; the ambiguous ones with their candidates' ids; why nothing was linked.
    linked: dict[str, str] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    linking_skipped: str | None = None
    relinked_accounts: int = 0  # accounts whose KAM this import set or moved
    key_accounts_imported: int = 0  # accounts made key from the CRM's tier column
    notes: list[str] = field(default_factory=list)  # what the import says about owners and tiers

    def summary(self) -> str:
        """One line for the CLI, then the ignored columns and warnings."""
        if self.dry_run:
            head = (f"Dry run of {self.source} ({self.rows} rows of {self.kind}), nothing written: would create "
                    f"{self.created}, update {self.updated}, leave {self.unchanged} unchanged.")
        else:
            head = (f"Imported {self.rows} rows of {self.kind} from {self.source}: {self.created} created, "
                    f"{self.updated} updated, {self.unchanged} unchanged.")
        lines = [head]
        if self.ignored_columns:
            lines.append("Ignored columns: " + ", ".join(self.ignored_columns) + ".")
        return "\n".join(lines + self.warnings + self.notes)


# --------------------------------------------------------------------------- entry points


def import_file(uow_factory: UowFactory, team_id: str, kind: str, path: Path, dry_run: bool = False,
                progress: Progress | None = None, actor: str = "import", directory: PeopleDirectory | None = None,
                today: date | None = None) -> ImportReport:
    """Import one CRM export file (`kam import KIND FILE`).

    `directory` (bot.slack_directory.directory_for) links CRM owners to Slack users; None links none.
    `today` dates imported key accounts (key_since) and bounds financial periods; default: the clock's."""
    kind = normalize_kind(kind)
    path = Path(path)
    decoded = read_csv_file(path)
    return import_rows(uow_factory, team_id, kind, decoded.text, source=path.name, dry_run=dry_run,
                       progress=progress, actor=actor, encoding=decoded.encoding, directory=directory, today=today)


def read_csv_file(path: Path):
    """A CSV file's text (encoding detected), or a BadImportFile saying why it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BadImportFile(f"{path} does not exist: check the file name.") from None
    except IsADirectoryError:
        raise BadImportFile(f"{path} is a folder, not a CSV file.") from None
    except OSError as exc:
        raise BadImportFile(f"{path} cannot be read ({exc.strerror or exc}).") from None
    return decode(data, path.name)


def import_rows(uow_factory: UowFactory, team_id: str, kind: str, text: str, *, source: str = "the file",
                dry_run: bool = False, progress: Progress | None = None, actor: str = "import",
                encoding: str = "utf-8", directory: PeopleDirectory | None = None,
                today: date | None = None) -> ImportReport:
    """Import CSV text already read (an upload, a paste): same rules as `import_file`."""
    today = today or SystemClock().today()
    kind = normalize_kind(kind)
    table = read_table(text, kind, source)
    mapping = map_headers(table.headers, kind)
    _require_columns(mapping, kind, source)
    report = ImportReport(kind=kind, source=source, rows=len(table.records), dry_run=dry_run,
                          encoding=encoding, delimiter=table.delimiter, columns=mapping.used_headers(),
                          ignored_columns=mapping.ignored)
    if table.footer_lines:
        report.warnings.append(f"Skipped the report footer on lines {table.footer_lines[0]}-{table.footer_lines[-1]}.")
    ticker = _Ticker(progress, 2 * len(table.records))
    rows = _parse_rows(table.records, mapping, kind, ticker)
    with uow_factory() as uow:
        session = uow.session
        ctx = _Context(session, team_id, mapping, rows.valid, rows.errors, today=today, directory=directory)
        plan = PLANNERS[kind](ctx)
        if rows.errors:
            raise ImportRejected(source, kind, len(table.records), sorted(rows.errors, key=_error_order))
        report.created, report.updated = len(plan.inserts), len(plan.updates)
        report.unchanged = plan.unchanged
        report.warnings += plan.warnings
        after = FINISHERS[kind](ctx, plan, report, actor) if kind in FINISHERS else None
        if not dry_run:
            _write(uow, team_id, plan, report, actor, ticker, after)
        elif after is not None:
            after(session, False)
    ticker.finish()
    return report


def normalize_kind(kind: str) -> str:
    """'Accounts', 'companies' -> 'accounts'; anything else is a clear error."""
    name = _KIND_NAMES.get(str(kind).strip().lower())
    if name is None:
        raise UnknownImportKind(f"'{kind}' is not something I can import: use one of {', '.join(KINDS)}.")
    return name


def content_hash(team_id: str, account_id: int, written_on: date, body: str) -> str:
    """The idempotence key of a note."""
    return hashlib.sha256(f"{team_id}|{account_id}|{written_on.isoformat()}|{body}".encode()).hexdigest()


def _require_columns(mapping: HeaderMap, kind: str, source: str) -> None:
    missing = missing_required(mapping, kind)
    if not missing:
        return
    if len(mapping.headers) == 1 and not mapping.fields:
        raise BadImportFile(
            f"{source} has everything in one column (its header reads '{_short(mapping.headers[0], 60)}'): "
            "separate the columns with commas, semicolons, tabs or | and try again.")
    found = ", ".join(_short(h, 30) for h in mapping.headers[:15] if h) or "no named columns"
    if len(mapping.headers) > 15:
        found += f" and {len(mapping.headers) - 15} more"
    raise MissingColumns(
        f"{source} lacks the column{'s' if len(missing) > 1 else ''} {' and '.join(missing)}: importing {kind} needs "
        f"{', '.join(required_labels(kind))}, and the file has {found}.",
        required=required_labels(kind), found=list(mapping.headers))


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _error_order(error: RowError) -> tuple[int, str]:
    return error.line, error.column or ""


# --------------------------------------------------------------------------- parsing cells


def _text(limit: int) -> Callable[[str], str | None]:
    def parse(cell: str) -> str | None:
        value = clean_text(cell)
        if value is not None and len(value) > limit:
            raise ValueError(f"is {len(value)} characters long; shorten it to {limit}")
        return value
    return parse


def _bounded(value: str | None, limit: int) -> str | None:
    if value is not None and len(value) > limit:
        raise ValueError(f"is {len(value):,} characters long; a note may have up to {limit:,}: split it into several")
    return value


def _optional(parser: Callable[[str], Any]) -> Callable[[str], Any]:
    """Empty cell -> None (never overwrites); otherwise the rules module's parser."""
    def parse(cell: str) -> Any:
        return None if is_empty(cell) else parser(cell.strip())
    return parse


def _non_negative_money(cell: str) -> float | None:
    value = parse_money(cell)
    if value is not None and value < 0:
        raise ValueError(f"'{cell.strip()}' is negative; a company's annual revenue cannot be")
    return value


def _email(cell: str) -> str | None:
    value = parse_email(cell)
    if value is not None and len(value) > 254:
        raise ValueError("is longer than 254 characters")
    return value


_SLACK_USER_ID = re.compile(r"[UW][A-Z0-9_]{2,31}")  # as bot/console.py and kam_domain/rules/team.py read them
_MENTION = re.compile(r"<@([A-Za-z0-9_]+)(?:\|[^>]*)?>")


def _slack_user_id(cell: str) -> str | None:
    """`U012AB3CD`, `<@U012AB3CD>` or `@U012AB3CD`; empty -> None."""
    value = clean_text(cell)
    if value is None or is_empty(value):
        return None
    if m := _MENTION.fullmatch(value):
        value = m.group(1)
    value = value.lstrip("@")
    if not _SLACK_USER_ID.fullmatch(value):
        shown = value if len(value) <= 40 else value[:39] + "\u2026"
        raise ValueError(f"'{shown}' is not a Slack user id: it looks like U012AB3CD (in Slack, open the person's "
                         "profile, then \u22ee > Copy member ID)")
    return value


def _crm_owner(cell: str) -> str | None:
    value = clean_text(cell)
    if value is not None and len(value) > 254:
        raise ValueError(f"is {len(value)} characters long; a CRM owner's name or email has up to 254")
    return None if value is None or is_empty(value) else value


CELL_PARSERS: dict[str, Callable[[str], Any]] = {
    "name": _text(200), "crm_id": _text(64), "industry": _text(120), "country": _text(120),
    "customer_annual_revenue": _non_negative_money, "crm_owner_name": _text(200),
    "first_name": _text(100), "last_name": _text(100), "full_name": _text(200), "title": _text(200),
    "account": clean_text, "account_crm_id": clean_text, "email": _email,
    "role": _optional(lambda c: parse_role(c).value), "influence": _optional(parse_influence),
    "attitude": _optional(parse_attitude),
    "written_on": parse_date, "author": _text(200), "body": lambda cell: _bounded(clean_body(cell), MAX_NOTE_CHARS),
    "period": parse_period, "revenue": parse_money, "cost": parse_money,
    "crm_owner_email": _email, "tier": says_key, "key_account": parse_yes_no, "crm_type": says_key,
    "credit": parse_yes_no, "crm_owner": _crm_owner, "user_id": _slack_user_id,
}

# Cells that must not be empty: (fields any of which will do, the message).
REQUIRED_CELLS: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "accounts": ((("name",), "is empty; every account needs a name"),),
    "contacts": ((("account", "account_crm_id"), "is empty; say which account this contact works for"),
                 (("first_name", "last_name", "full_name"), "is empty; every contact needs a name")),
    "notes": ((("account", "account_crm_id"), "is empty; say which account the note is about"),
              (("written_on",), "is empty; give the note's date, e.g. 2026-11-03"),
              (("body",), "is empty; there is no note to import")),
    "financials": ((("account", "account_crm_id"), "is empty; say which account the figures are for"),
                   (("period",), "is empty; give the period, e.g. 2026-Q3 or 2026-09"),
                   (("revenue",), "is empty; put 0 if nothing was billed")),
    "users": ((("crm_owner",), "is empty; give the CRM owner's name or email as the accounts file has it"),
              (("user_id", "email"), "is empty; give the Slack user id (U012AB3CD) or the email of their Slack "
                                     "account")),
}


@dataclass
class _Row:
    line: int
    values: dict[str, Any]
    headers: dict[str, str]  # field -> header, for messages

    def header(self, *fields: str) -> str:
        return next((self.headers[f] for f in fields if f in self.headers), fields[0])


@dataclass
class _Parsed:
    valid: list[_Row]
    errors: list[RowError]


def _parse_rows(records: list[Record], mapping: HeaderMap, kind: str, ticker: "_Ticker") -> _Parsed:
    """Turn every record into typed values, collecting every cell error."""
    parsed = _Parsed([], [])
    headers = mapping.used_headers()
    width = len(mapping.headers)
    for record in records:
        errors = _cell_errors_for_width(record, width, mapping)
        values: dict[str, Any] = {}
        for name, index in mapping.fields.items():
            cell = record.cells[index] if index < len(record.cells) else ""
            try:
                values[name] = CELL_PARSERS[name](cell)
            except ValueError as exc:
                errors.append(RowError(record.line, headers[name], _sentence(exc)))
        errors += _missing_cells(record.line, values, kind, headers)
        if errors:
            parsed.errors += errors
        else:
            parsed.valid.append(_Row(record.line, values, headers))
        ticker.advance()
    return parsed


def _sentence(exc: ValueError) -> str:
    text = str(exc).strip().rstrip(".")
    return text[:1].lower() + text[1:]


def _cell_errors_for_width(record: Record, width: int, mapping: HeaderMap) -> list[RowError]:
    """More filled values than header columns: an unquoted separator shifted the row."""
    extra = [c for c in record.cells[width:] if c.strip()]
    if not extra:
        return []
    return [RowError(record.line, None,
                     f"has {width + len(extra)} values but the header has {width} columns; "
                     "put quotes around values that contain the separator")]


def _missing_cells(line: int, values: dict[str, Any], kind: str, headers: dict[str, str]) -> list[RowError]:
    """Required cells left empty (a cell that failed to parse already has its own error)."""
    errors = []
    for fields, message in REQUIRED_CELLS[kind]:
        present = [f for f in fields if f in headers]
        failed = any(f not in values for f in present)
        if present and not failed and all(values[f] is None for f in present):
            errors.append(RowError(line, headers[present[0]], message))
    return errors


# --------------------------------------------------------------------------- planning


@dataclass
class _Context:
    session: Session
    team_id: str
    mapping: HeaderMap
    rows: list[_Row]
    errors: list[RowError]
    today: date = field(default_factory=date.today)
    directory: PeopleDirectory | None = None

    def error(self, row: _Row, column: str | None, message: str) -> None:
        self.errors.append(RowError(row.line, column, message))

    @property
    def listing_full(self) -> bool:
        return len(self.errors) >= MAX_LISTED_ERRORS


@dataclass
class _Plan:
    model: type
    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    rows: list[Any] = field(default_factory=list)  # what a finisher needs per row (accounts, users)


class _AccountIndex:
    """The workspace's accounts by CRM id, normalised name and alias: one query."""

    def __init__(self, session: Session, team_id: str):
        rows = session.execute(
            select(Account.id, Account.name, Account.crm_id, Account.normalized_name, Account.aliases)
            .where(Account.team_id == team_id)).all()
        self.by_crm = {r.crm_id: r.id for r in rows if r.crm_id}
        self.by_name = {r.normalized_name: r.id for r in rows}
        for r in rows:
            for alias in r.aliases or []:
                self.by_name.setdefault(normalize_account_name(alias), r.id)
        self.names = [r.name for r in rows]

    def find(self, name: str | None, crm_id: str | None) -> int | None:
        """By the CRM id column, then the account cell as a CRM id, then as a name."""
        for key in (crm_id, name):
            if key and key in self.by_crm:
                return self.by_crm[key]
        return self.by_name.get(normalize_account_name(name)) if name else None

    def suggestion(self, name: str | None) -> str | None:
        if not name or not self.names:
            return None
        best = process.extractOne(name, self.names, scorer=fuzz.WRatio, score_cutoff=85)
        return best[0] if best else None


def _account_of(ctx: _Context, accounts: _AccountIndex, row: _Row) -> int | None:
    """The referenced account's id, or a row error naming the account and a likely match."""
    name, crm_id = row.values.get("account"), row.values.get("account_crm_id")
    account_id = accounts.find(name, crm_id)
    if account_id is not None:
        return account_id
    if name:
        hint = None if ctx.listing_full else accounts.suggestion(name)
        message = f"there is no account '{_short(name, 60)}' in this workspace; " + (
            f"did you mean '{hint}'?" if hint else "import accounts first or fix the name")
        ctx.error(row, row.header("account"), message)
    else:
        ctx.error(row, row.header("account_crm_id"),
                  f"there is no account with CRM id '{crm_id}' in this workspace; import accounts first")
    return None


def _differs(old: Any, new: Any) -> bool:
    if new is None:
        return False
    if isinstance(new, float) and old is not None:
        return abs(float(old) - new) > MONEY_TOLERANCE
    return old != new


def _changes(current: dict[str, Any], new: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {f: new[f] for f in fields if _differs(current.get(f), new.get(f))}


class _Once:
    """Remembers the first line that claimed a key, to name it when a later row repeats it."""

    def __init__(self) -> None:
        self.lines: dict[Any, int] = {}

    def first_line(self, key: Any, line: int) -> int | None:
        first = self.lines.setdefault(key, line)
        return None if first == line else first


# ----------------------------------------------------------------- accounts

_ACCOUNT_FIELDS = ("crm_id", "industry", "country", "customer_annual_revenue", "crm_owner_name", "crm_owner_email")
_OWNER_LABEL = "Account Owner"


@dataclass(frozen=True)
class _AccountRow:
    """What the accounts finisher needs of one row: the account (by its normalised name after the
    write), its CRM owner, whether the file marks it key (None: the file does not say), and if it is new."""

    norm: str
    owner: CrmOwner | None
    key: bool | None
    new: bool


def _key_flag(values: dict[str, Any]) -> bool | None:
    """The file's word on the tier: `Key Account` yes/no, else `Tier`, else a `Type` saying "Key"."""
    for name in ("key_account", "tier", "crm_type"):
        if values.get(name) is not None:
            return values[name]
    return None


def _plan_accounts(ctx: _Context) -> _Plan:
    plan = _Plan(Account)
    existing = ctx.session.execute(
        select(Account.id, Account.name, Account.normalized_name, Account.aliases, Account.owner_user_id, *[
            getattr(Account, f) for f in _ACCOUNT_FIELDS]).where(Account.team_id == ctx.team_id)).mappings().all()
    by_crm = {r["crm_id"]: r for r in existing if r["crm_id"]}
    by_name = {r["normalized_name"]: r for r in existing}
    names, crm_ids, touched = _Once(), _Once(), _Once()
    recoded: list[str] = []
    now = utcnow()
    for row in ctx.rows:
        values = row.values
        norm = normalize_account_name(values["name"])
        if not norm:
            ctx.error(row, row.header("name"), f"'{values['name']}' has no letters or digits to name an account")
            continue
        if not _account_unique_in_file(ctx, row, norm, names, crm_ids):
            continue
        crm_id = values.get("crm_id")
        current = by_crm.get(crm_id) if crm_id else None
        by_crm_match = current is not None
        current = current or by_name.get(norm)
        owner, key = owner_of(values.get("crm_owner_name"), values.get("crm_owner_email")), _key_flag(values)
        if key and owner is None and not (current and current["owner_user_id"]):
            ctx.error(row, row.header("crm_owner_name", "crm_owner_email") if _has_owner_column(row) else _OWNER_LABEL,
                      "is empty, and the file marks this a key account: a key account needs an owner (its KAM)")
            continue
        plan.rows.append(_AccountRow(norm, owner, key, current is None))
        if current is None:
            plan.inserts.append(_new_account(ctx.team_id, values, norm, now))
            continue
        if (first := touched.first_line(current["id"], row.line)) is not None:
            ctx.error(row, row.header("name"), f"matches the same account as line {first} ('{current['name']}'); "
                                               "keep one row per account")
            continue
        other = by_name.get(norm)
        if by_crm_match and other is not None and other["id"] != current["id"]:
            ctx.error(row, row.header("name"), f"'{values['name']}' is already the name of another account "
                                               f"(CRM id {other['crm_id'] or 'none'}); rename one of them")
            continue
        changes = _account_changes(current, values, norm)
        if "crm_id" in changes and current["crm_id"]:
            recoded.append(f"line {row.line}: '{values['name']}' was {current['crm_id']}, now {crm_id}")
        if changes:
            plan.updates.append({"id": current["id"], **changes, "updated_at": now})
        else:
            plan.unchanged += 1
    if recoded:
        plan.warnings.append(f"{len(recoded)} account(s) matched by name took the file's CRM id "
                             f"(e.g. {recoded[0]}).")
    return plan


def _has_owner_column(row: _Row) -> bool:
    return "crm_owner_name" in row.headers or "crm_owner_email" in row.headers


def _finish_accounts(ctx: _Context, plan: _Plan, report: ImportReport, actor: str):
    """Link the file's owners (Slack calls happen here, before anything is written) and return the pass
    that sets KAMs and tiers once the accounts are written (or, in a dry run, counts what would change)."""
    rows: list[_AccountRow] = plan.rows
    resolution = owner_linking.resolve_owners(ctx.session, ctx.team_id, (r.owner for r in rows if r.owner),
                                              ctx.directory)
    _report_owners(report, resolution)
    tiered = [r for r in rows if r.key is not None]

    def after(session: Session, write: bool) -> None:
        now = utcnow()
        ids = {r.normalized_name: r.id for r in session.execute(
            select(Account.id, Account.normalized_name).where(Account.team_id == ctx.team_id))}
        relinked = None
        if write:
            owner_linking.remember_links(session, ctx.team_id, resolution.new_links, owner_linking.MATCHED, now)
            wanted = {ids[r.norm]: (user, r.owner.label) for r in rows
                      if r.norm in ids and (user := resolution.user_of(r.owner))}
            relinked = owner_linking.relink_accounts(session, ctx.team_id, wanted, actor, now)
            report.relinked_accounts = relinked.accounts
        tiers = import_tiers.apply_tiers(
            session, ctx.team_id, {ids[r.norm]: r.key for r in tiered if r.norm in ids},
            {ids[r.norm] for r in tiered if r.new and r.norm in ids}, actor, now, ctx.today, write=write)
        if not write:  # new accounts have no id yet
            tiers.promoted += sum(1 for r in tiered if r.new and r.key)
        report.key_accounts_imported = tiers.promoted
        report.notes += owner_linking.summary_lines(resolution, relinked, not write) + tiers.lines(not write)

    return after


def _report_owners(report: ImportReport, resolution: OwnerResolution) -> None:
    report.linked = resolution.linked
    report.unmatched = list(resolution.unmatched)
    report.ambiguous = {label: list(ids) for label, ids in resolution.ambiguous.items()}
    report.linking_skipped = resolution.skipped


def _account_unique_in_file(ctx: _Context, row: _Row, norm: str, names: _Once, crm_ids: _Once) -> bool:
    crm_id = row.values.get("crm_id")
    if crm_id and (first := crm_ids.first_line(crm_id, row.line)) is not None:
        ctx.error(row, row.header("crm_id"), f"'{crm_id}' is already on line {first}; keep one row per account")
        return False
    if (first := names.first_line(norm, row.line)) is not None:
        ctx.error(row, row.header("name"), f"'{row.values['name']}' names the same account as line {first}; "
                                           "merge the rows or rename one")
        return False
    return True


def _new_account(team_id: str, values: dict[str, Any], norm: str, now) -> dict[str, Any]:
    return {
        "team_id": team_id, "name": values["name"], "normalized_name": norm, "aliases": [],
        **{f: values.get(f) for f in _ACCOUNT_FIELDS},
        "tier": "regular", "restricted": False, "created_at": now, "updated_at": now,
    }


def _account_changes(current: dict[str, Any], values: dict[str, Any], norm: str) -> dict[str, Any]:
    """The fields the row changes; a renamed account keeps its old name as an alias."""
    changes = _changes(current, values, _ACCOUNT_FIELDS)
    if values["name"] != current["name"]:
        changes["name"] = values["name"]
        if norm != current["normalized_name"]:
            changes["normalized_name"] = norm
            aliases = list(current["aliases"] or [])
            if current["name"] not in aliases:
                changes["aliases"] = aliases + [current["name"]]
    return changes


# ----------------------------------------------------------------- contacts

_CONTACT_FIELDS = ("title", "email", "role", "influence", "attitude")


def _plan_contacts(ctx: _Context) -> _Plan:
    plan = _Plan(Stakeholder)
    accounts = _AccountIndex(ctx.session, ctx.team_id)
    existing = ctx.session.execute(
        select(Stakeholder.id, Stakeholder.account_id, Stakeholder.name, Stakeholder.normalized_name,
               *[getattr(Stakeholder, f) for f in _CONTACT_FIELDS])
        .where(Stakeholder.team_id == ctx.team_id)).mappings().all()
    by_name = {(r["account_id"], r["normalized_name"]): r for r in existing}
    by_email = {(r["account_id"], r["email"].lower()): r for r in existing if r["email"]}
    people, touched = _Once(), _Once()
    first_emails: dict[tuple[int, str], str | None] = {}
    repeats: list[str] = []
    now = utcnow()
    for row in ctx.rows:
        name = _full_name(row.values)
        account_id = _account_of(ctx, accounts, row)
        if account_id is None:
            continue
        norm = normalize_person_name(name)
        if not norm:
            ctx.error(row, row.header("last_name", "full_name"), f"'{name}' has no letters to name a person")
            continue
        if len(name) > 200:
            ctx.error(row, row.header("last_name", "full_name"), "the full name is longer than 200 characters")
            continue
        email = row.values.get("email")
        if (first := people.first_line((account_id, norm), row.line)) is not None:
            if _same_person(first_emails[(account_id, norm)], email):
                repeats.append(f"{row.line} (same as {first})")
                plan.unchanged += 1
                continue
            ctx.error(row, row.header("last_name", "full_name"),
                      f"'{name}' at this account is already on line {first} with another email; keep one row per "
                      "person (add a middle initial if they are two people)")
            continue
        first_emails[(account_id, norm)] = email
        current = by_name.get((account_id, norm)) or (by_email.get((account_id, email)) if email else None)
        if current is None:
            plan.inserts.append(_new_contact(ctx.team_id, account_id, name, norm, row.values, now))
            continue
        if (first := touched.first_line(current["id"], row.line)) is not None:
            ctx.error(row, row.header("email"), f"matches the same contact as line {first} ('{current['name']}')")
            continue
        if norm != current["normalized_name"] and (account_id, norm) in by_name:
            ctx.error(row, row.header("last_name", "full_name"),
                      f"'{name}' is already another contact at this account; the email {email} belongs to "
                      f"'{current['name']}'")
            continue
        changes = _changes(current, row.values, _CONTACT_FIELDS)
        if name != current["name"]:
            changes.update(name=name, normalized_name=norm)
        if changes:
            plan.updates.append({"id": current["id"], **changes, "updated_at": now})
        else:
            plan.unchanged += 1
    if repeats:
        plan.warnings.append(f"Imported once the contacts repeated on line(s) {', '.join(repeats[:10])}"
                             + (" and more." if len(repeats) > 10 else "."))
    return plan


def _same_person(first_email: str | None, email: str | None) -> bool:
    """A CRM that exports one person twice (a merge left undone) repeats the name with the same email,
    or leaves it out once; two different emails are two people who share a name."""
    return first_email is None or email is None or first_email == email


def _full_name(values: dict[str, Any]) -> str:
    parts = [values.get("first_name"), values.get("last_name")]
    return " ".join(p for p in parts if p) or values.get("full_name") or ""


def _new_contact(team_id: str, account_id: int, name: str, norm: str, values: dict[str, Any], now) -> dict[str, Any]:
    return {
        "team_id": team_id, "account_id": account_id, "name": name, "normalized_name": norm,
        "title": values.get("title"), "email": values.get("email"),
        "role": values.get("role") or "unknown",
        "influence": 3 if values.get("influence") is None else values["influence"],
        "attitude": 0 if values.get("attitude") is None else values["attitude"],
        "contact_level": "none", "created_at": now, "updated_at": now,
    }


# ----------------------------------------------------------------- notes

UNKNOWN_AUTHOR = "unknown"


def _plan_notes(ctx: _Context) -> _Plan:
    plan = _Plan(Note)
    accounts = _AccountIndex(ctx.session, ctx.team_id)
    existing = {r.content_hash: r for r in ctx.session.execute(
        select(Note.id, Note.content_hash, Note.author).where(Note.team_id == ctx.team_id))}
    seen, repeats = _Once(), []
    now = utcnow()
    for row in ctx.rows:
        account_id = _account_of(ctx, accounts, row)
        if account_id is None:
            continue
        values = row.values
        digest = content_hash(ctx.team_id, account_id, values["written_on"], values["body"])
        if (first := seen.first_line(digest, row.line)) is not None:
            repeats.append(f"{row.line} (same as {first})")
            plan.unchanged += 1
            continue
        author = values.get("author")
        current = existing.get(digest)
        if current is None:
            plan.inserts.append({
                "team_id": ctx.team_id, "account_id": account_id, "written_on": values["written_on"],
                "author": author or UNKNOWN_AUTHOR, "body": values["body"], "source": "import",
                "sentiment": note_sentiment(values["body"]),
                "content_hash": digest, "indexed_at": None, "created_at": now})
        elif author and author != current.author:
            plan.updates.append({"id": current.id, "author": author})
        else:
            plan.unchanged += 1
    if repeats:
        plan.warnings.append(f"Imported once the notes repeated on line(s) {', '.join(repeats[:10])}"
                             + (" and more." if len(repeats) > 10 else "."))
    return plan


# ----------------------------------------------------------------- financials


def _plan_financials(ctx: _Context) -> _Plan:
    plan = _Plan(Financial)
    accounts = _AccountIndex(ctx.session, ctx.team_id)
    existing = {(r.account_id, r.period): r for r in ctx.session.execute(
        select(Financial.id, Financial.account_id, Financial.period, Financial.revenue, Financial.cost_to_serve)
        .where(Financial.team_id == ctx.team_id))}
    periods = _Once()
    for row in ctx.rows:
        account_id = _account_of(ctx, accounts, row)
        if account_id is None:
            continue
        values = row.values
        if not _financial_values_ok(ctx, row):
            continue
        key = (account_id, values["period"])
        if (first := periods.first_line(key, row.line)) is not None:
            ctx.error(row, row.header("period"), f"{values['period']} for this account is already on line {first}; "
                                                 "keep one row per account and period")
            continue
        current = existing.get(key)
        if current is None:
            plan.inserts.append({"team_id": ctx.team_id, "account_id": account_id, "period": values["period"],
                                 "revenue": values["revenue"], "cost_to_serve": values.get("cost") or 0.0})
            continue
        changes = {}
        if _differs(current.revenue, values["revenue"]):
            changes["revenue"] = values["revenue"]
        if _differs(current.cost_to_serve, values.get("cost")):
            changes["cost_to_serve"] = values["cost"]
        if changes:
            plan.updates.append({"id": current.id, **changes})
        else:
            plan.unchanged += 1
    return plan


def _financial_values_ok(ctx: _Context, row: _Row) -> bool:
    """No negative cost; a negative revenue only on a row a Credit column marks as a credit note; a period
    from 2000 to a year ahead. Each problem is a row error."""
    values, ok = row.values, True
    revenue, cost = values.get("revenue"), values.get("cost")
    if revenue is not None and revenue < 0 and not values.get("credit"):
        if "credit" in row.headers:
            fix = f"write yes in {row.header('credit')} if this row is a credit note, or write a positive amount"
        else:
            fix = "write a positive amount, or add a Credit column with yes on the rows that are credit notes"
        ctx.error(row, row.header("revenue"), f"{_amount(revenue)} is negative; {fix}")
        ok = False
    if cost is not None and cost < 0:
        ctx.error(row, row.header("cost"), f"{_amount(cost)} is negative; a cost to serve is a positive amount "
                                           "(put 0 if there was none)")
        ok = False
    try:
        check_period_range(values["period"], ctx.today)
    except ValueError as exc:
        ctx.error(row, row.header("period"), _sentence(exc))
        ok = False
    return ok


def _amount(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


# ----------------------------------------------------------------- users (CRM owner -> Slack user)


@dataclass(frozen=True)
class _UserRow:
    key: str
    label: str
    user_id: str


def _plan_users(ctx: _Context) -> _Plan:
    """Each row names a CRM owner and their Slack user (an id, or an email the directory resolves)."""
    plan = _Plan(OwnerLink)
    links = owner_linking.existing_links(ctx.session, ctx.team_id)
    seen: dict[str, tuple[int, str]] = {}
    now = utcnow()
    for row in ctx.rows:
        owner = row.values["crm_owner"]
        try:
            key = email_key(parse_email(owner))
        except ValueError:
            key = name_key(owner)
        if not key:
            ctx.error(row, row.header("crm_owner"), f"'{owner}' has no letters to name a CRM owner")
            continue
        user_id = row.values.get("user_id") or _user_by_email(ctx, row)
        if user_id is None:
            continue
        if key in seen:
            first, first_user = seen[key]
            if first_user != user_id:
                ctx.error(row, row.header("crm_owner"), f"'{owner}' is already on line {first} with another Slack "
                                                        f"user ({first_user}); keep one row per CRM owner")
            continue
        seen[key] = (row.line, user_id)
        plan.rows.append(_UserRow(key, owner, user_id))
        link = links.get(key)
        if link is None:
            plan.inserts.append({"team_id": ctx.team_id, "crm_owner_key": key, "crm_owner_name": owner,
                                 "user_id": user_id, "source": owner_linking.MANUAL_LINK, "linked_at": now})
        elif (link.user_id, link.source) != (user_id, owner_linking.MANUAL_LINK):
            plan.updates.append({"id": link.id, "user_id": user_id, "source": owner_linking.MANUAL_LINK,
                                 "crm_owner_name": owner, "linked_at": now})
        else:
            plan.unchanged += 1
    return plan


def _user_by_email(ctx: _Context, row: _Row) -> str | None:
    """The Slack user with the row's email, or a row error saying why there is none."""
    email, column = row.values.get("email"), row.header("email")
    if ctx.directory is None:
        ctx.error(row, column, "needs Slack to find the user with this email, and this import runs without Slack; "
                               "give the Slack User ID instead (U012AB3CD)")
        return None
    person = ctx.directory.by_email(email)  # DirectoryUnavailable stops the import: nothing is written
    if person is None:
        ctx.error(row, column, f"no Slack user in {ctx.directory.name} has the email {email}; check it, or give "
                               "the Slack User ID instead")
        return None
    if not person.can_own_accounts:
        what = "a bot" if person.is_bot else "deactivated" if person.deleted else "a guest"
        ctx.error(row, column, f"{email} is {what} in Slack ({person.user_id}) and cannot be a KAM")
        return None
    return person.user_id


def _finish_users(ctx: _Context, plan: _Plan, report: ImportReport, actor: str):
    """Once the links are written, every account of those CRM owners that follows the CRM gets its KAM."""
    rows: list[_UserRow] = plan.rows
    report.linked = {r.label: r.user_id for r in rows}
    by_key = {r.key: r for r in rows}

    def after(session: Session, write: bool) -> None:
        wanted: dict[int, tuple[str, str]] = {}
        for account in session.execute(
                select(Account.id, Account.crm_owner_name, Account.crm_owner_email, Account.owner_user_id,
                       Account.owner_source).where(Account.team_id == ctx.team_id)):
            link = by_key.get(email_key(account.crm_owner_email)) or by_key.get(name_key(account.crm_owner_name))
            if link is not None and owner_linking.follows_crm(account.owner_user_id, account.owner_source) and (
                    account.owner_user_id != link.user_id or account.owner_source != owner_linking.CRM):
                wanted[account.id] = (link.user_id, account.crm_owner_name or link.label)
        if write:
            report.relinked_accounts = owner_linking.relink_accounts(session, ctx.team_id, wanted, actor,
                                                                     utcnow()).accounts
        else:
            report.relinked_accounts = len(wanted)
        count = report.relinked_accounts
        report.notes.append(f"{count} account{'s' if count != 1 else ''} "
                            f"{'would get' if not write else 'got'} their KAM from these links.")

    return after


PLANNERS: dict[str, Callable[[_Context], _Plan]] = {
    "accounts": _plan_accounts, "contacts": _plan_contacts, "notes": _plan_notes, "financials": _plan_financials,
    "users": _plan_users,
}
FINISHERS = {"accounts": _finish_accounts, "users": _finish_users}


# --------------------------------------------------------------------------- writing


class _Ticker:
    """Calls `progress(done, total)` about every 1000 rows; total = 2 x rows (check, then write)."""

    def __init__(self, callback: Progress | None, total: int):
        self.callback, self.total, self.done, self.reported = callback, total, 0, 0

    def advance(self, count: int = 1) -> None:
        self.done = min(self.total, self.done + count)
        if self.callback and self.done - self.reported >= PROGRESS_EVERY:
            self.reported = self.done
            self.callback(self.done, self.total)

    def finish(self) -> None:
        self.done = self.total
        if self.callback and self.reported != self.total:
            self.reported = self.total
            self.callback(self.total, self.total)


def _chunks(items: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _write_all(session: Session, team_id: str, plan: _Plan, ticker: _Ticker) -> None:
    """Bulk inserts then bulk updates by primary key, in chunks, inside the caller's transaction."""
    ensure_workspace(session, team_id)
    for chunk in _chunks(plan.inserts, WRITE_CHUNK):
        session.execute(insert(plan.model).execution_options(render_nulls=True), chunk)
        ticker.advance(len(chunk))
    for chunk in _chunks(plan.updates, WRITE_CHUNK):
        session.execute(update(plan.model), chunk)
        ticker.advance(len(chunk))
    ticker.advance(plan.unchanged)


def _audit(team_id: str, kind: str, actor: str, report: ImportReport) -> AuditEntry:
    """One entry per import, with the counts."""
    return AuditEntry(
        team_id=team_id, actor=(actor or "import")[:32], action=f"import.{kind}", entity=_ENTITY[kind],
        after={"kind": kind, "file": report.source, "rows": report.rows, "created": report.created,
               "updated": report.updated, "unchanged": report.unchanged,
               **({"owners_linked": len(report.linked), "owners_unmatched": len(report.unmatched),
                   "owners_ambiguous": len(report.ambiguous), "kams_set": report.relinked_accounts,
                   "key_accounts_imported": report.key_accounts_imported} if kind in ("accounts", "users") else {})},
        reason=f"CRM import of {kind} from {report.source}")


def _write(uow, team_id: str, plan: _Plan, report: ImportReport, actor: str, ticker: _Ticker,
           after: Callable[[Session, bool], None] | None = None) -> None:
    """Everything in one transaction; a clash with a concurrent writer writes nothing."""
    try:
        _write_all(uow.session, team_id, plan, ticker)
        if after is not None:
            after(uow.session, True)
        uow.session.add(_audit(team_id, report.kind, actor, report))
        uow.commit()
    except IntegrityError:
        uow.rollback()
        raise UserError(f"{report.source} was not imported: some of its records were changed elsewhere while "
                        "importing, so nothing was written; run the import again.") from None
