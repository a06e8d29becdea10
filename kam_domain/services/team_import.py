"""`kam import teams FILE`: set up account teams in bulk from a CSV file.

Columns (headers matched case-, space- and punctuation-insensitively):
- `Account`: the account's name (or an alias) or its CRM id, matched exactly;
- `Member`: a Slack user id (U0123ABCD, @U0123ABCD, <@U0123ABCD>) or an email, looked up in the
  workspace's people directory (`directory.by_email(email) -> SlackPerson | None`);
- `Role` (optional): kam (or owner), sponsor, member, specialist; any other label (e.g. "Legal")
  makes the person a member.

All-or-nothing: every row is checked first; any bad row rejects the file, nothing is written and
each bad row is listed by line and column. Idempotent: importing the same file again changes
nothing. Additive: people not in the file stay on their teams. A KAM set this way is
`owner_source="manual"`, so a CRM accounts import never overwrites it; the replaced KAM (or
sponsor) stays on the team as a member. Every change is one audit entry.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlmodel import Session, select

from kam_domain.errors import UserError
from kam_domain.importing.csv_reader import DELIMITERS, BadImportFile, header_key
from kam_domain.models import Account, TeamMember
from kam_domain.rules import team as rules
from kam_domain.rules.matching import match_account
from kam_domain.rules.names import fold, normalize_account_name
from kam_domain.services import audit, queries
from kam_domain.services.authz import Actor
from kam_domain.services.importing import ImportRejected, ImportReport, RowError, read_csv_file
from kam_domain.services.teams import MANUAL, set_role
from kam_domain.store.uow import UowFactory

KIND = "teams"
COLUMNS = {
    "account": ("Account", "Account Name", "Company", "Company name", "Account ID", "CRM ID", "Record ID"),
    "member": ("Member", "Slack User ID", "Slack User", "User", "User ID", "Member Email", "Email", "Person"),
    "role": ("Role", "Team Role", "Member Role"),
}
REQUIRED = ("account", "member")


class Directory(Protocol):
    def by_email(self, email: str):  # -> SlackPerson | None (kam_domain.rules.people_matching)
        ...


@dataclass
class _Row:
    line: int
    account_id: int
    account_name: str
    user_id: str
    role: str  # kam, sponsor, member, specialist


def import_teams(uow_factory: UowFactory, team_id: str, path_or_text: str | Path, dry_run: bool = False,
                 directory: Directory | None = None, *, actor: str = "import") -> ImportReport:
    """Import account teams from a CSV file (a Path, or a path string) or CSV text (a string with a line break)."""
    text, source = _read(path_or_text)
    headers, records, delimiter = _table(text, source)
    columns = _columns(headers, source)
    report = ImportReport(kind=KIND, source=source, rows=len(records), dry_run=dry_run, delimiter=delimiter,
                          columns={f: headers[i] for f, i in columns.items()},
                          ignored_columns=[h for i, h in enumerate(headers) if h and i not in columns.values()])
    errors: list[RowError] = []
    with uow_factory() as uow:
        session = uow.session
        accounts = _AccountIndex(session, team_id)
        rows = [row for row in (_parse(record, line, headers, columns, accounts, directory, errors)
                                for line, record in records) if row is not None]
        errors += _conflicts(rows, headers, columns)
        if errors:
            raise ImportRejected(source, KIND, len(records), sorted(errors, key=lambda e: (e.line, e.column or "")))
        who = Actor(team_id, actor, is_admin=True)
        for row in rows:
            outcome = _apply(session, who, row, source)
            setattr(report, outcome, getattr(report, outcome) + 1)
            session.flush()
        if not dry_run:
            uow.commit()
    return report


# --------------------------------------------------------------------------- reading


def _read(path_or_text: str | Path) -> tuple[str, str]:
    if isinstance(path_or_text, str) and ("\n" in path_or_text or "\r" in path_or_text):
        return path_or_text.lstrip("\ufeff"), "the pasted CSV"
    path = Path(path_or_text)
    return read_csv_file(path).text, path.name


def _table(text: str, source: str) -> tuple[list[str], list[tuple[int, list[str]]], str]:
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise BadImportFile(f"{source} is empty: it needs a header row (Account, Member, Role) and one row a person.")
    delimiter = max(DELIMITERS, key=lambda d: (len(_mapped(next(csv.reader([first], delimiter=d)))),
                                               d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)
    records: list[tuple[int, list[str]]] = []
    end = 0
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                records.append((start, cells))
    except csv.Error as exc:
        raise BadImportFile(f"{source} could not be read as CSV at line {end + 1} ({exc}): "
                            "check the quotes around that line.") from None
    if not records:
        raise BadImportFile(f"{source} is empty: it needs a header row (Account, Member, Role) and one row a person.")
    headers = [h.replace("\ufeff", "").strip() for h in records[0][1]]
    if len(records) == 1:
        raise BadImportFile(f"{source} has a header row but no data rows: there is nothing to import.")
    return headers, records[1:], delimiter


def _mapped(headers: list[str]) -> dict[str, int]:
    keys = [header_key(h) for h in headers]
    found: dict[str, int] = {}
    for name, aliases in COLUMNS.items():
        for alias in aliases:
            index = next((i for i, k in enumerate(keys) if k == header_key(alias) and i not in found.values()), None)
            if index is not None:
                found[name] = index
                break
    return found


def _columns(headers: list[str], source: str) -> dict[str, int]:
    columns = _mapped(headers)
    missing = [COLUMNS[name][0] for name in REQUIRED if name not in columns]
    if missing:
        raise BadImportFile(f"{source} has no {' or '.join(missing)} column. A teams file has the columns "
                            f"Account, Member and Role (found: {', '.join(h for h in headers if h) or 'none'}).")
    return columns


# --------------------------------------------------------------------------- checking rows


class _AccountIndex:
    """Exact look-up of an account by name, alias or CRM id, in one workspace."""

    def __init__(self, session: Session, team_id: str):
        self.candidates = queries.account_candidates(session, team_id)
        self.names = {c.id: c.name for c in self.candidates}
        self.by_key: dict[str, set[int]] = {}
        for c in self.candidates:
            for key in c.keys:
                self.by_key.setdefault(key, set()).add(c.id)

    def find(self, text: str) -> tuple[int | None, str]:
        """(account id, "") or (None, what is wrong)."""
        ids: set[int] = set()
        for key in {normalize_account_name(text), fold(text)} - {""}:
            ids |= self.by_key.get(key, set())
        if len(ids) == 1:
            return ids.pop(), ""
        if ids:
            names = ", ".join(sorted(self.names[i] for i in ids))
            return None, f"“{text}” names more than one account ({names}): use the full name or the CRM id."
        outcome = match_account(text, self.candidates)
        near = [c.name for c in (outcome.ambiguous or outcome.suggestions or
                                 ([outcome.match] if outcome.match else []))][:3]
        hint = f" Did you mean {', '.join(near)}?" if near else " Check the name, or use the account's CRM id."
        return None, f"No account called “{text}” in this workspace.{hint}"


def _cell(record: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return record[index].strip() if index is not None and index < len(record) else ""


def _parse(record: list[str], line: int, headers: list[str], columns: dict[str, int], accounts: _AccountIndex,
           directory: Directory | None, errors: list[RowError]) -> _Row | None:
    def error(column: str, message: str) -> None:
        errors.append(RowError(line, headers[columns[column]], message))

    account_text, member, role_text = (_cell(record, columns, c) for c in ("account", "member", "role"))
    account_id = None
    if not account_text:
        error("account", "The account is empty: give its name or CRM id.")
    else:
        account_id, problem = accounts.find(account_text)
        if problem:
            error("account", problem)
    user_id = _member(member, directory, lambda message: error("member", message))
    if account_id is None or user_id is None:
        return None
    return _Row(line, account_id, accounts.names[account_id], user_id, rules.import_role(role_text))


def _member(text: str, directory: Directory | None, error) -> str | None:
    if not text:
        error("The member is empty: give their Slack user id (U0123ABCD) or email.")
        return None
    if rules.is_email(text):
        if directory is None:
            error(f"{text} is an email, and emails need the Slack directory: use Slack user ids (U0123ABCD) "
                  "in this column, or run the import with the bot token (SLACK_BOT_TOKEN) set.")
            return None
        try:
            person = directory.by_email(text.strip())
        except UserError as exc:  # the directory could not answer
            error(f"{text} could not be looked up in Slack: {exc.message}")
            return None
        if person is None:
            error(f"No Slack user has the email {text}: check it, or use their Slack user id.")
            return None
        if getattr(person, "is_bot", False) or getattr(person, "deleted", False) or getattr(person, "is_guest", False):
            kind = "a bot" if person.is_bot else "deactivated" if person.deleted else "a guest"
            error(f"{text} is {kind} in Slack, and can't be on an account team.")
            return None
        return person.user_id
    try:
        return rules.user_id(text, names_resolvable=False)
    except rules.NotAUser:
        error(f"`{text[:40]}` is neither a Slack user id (U0123ABCD) nor an email.")
        return None


def _conflicts(rows: list[_Row], headers: list[str], columns: dict[str, int]) -> list[RowError]:
    """Two KAMs (or sponsors) for one account, one person in two roles, the KAM as sponsor."""
    errors: list[RowError] = []
    seen_single: dict[tuple[int, str], _Row] = {}
    seen_person: dict[tuple[int, str], _Row] = {}
    role_header = headers[columns["role"]] if "role" in columns else None
    member_header = headers[columns["member"]]
    for row in rows:
        if row.role in (rules.KAM, rules.SPONSOR):
            first = seen_single.setdefault((row.account_id, row.role), row)
            if first is not row and first.user_id != row.user_id:
                what = "KAM" if row.role == rules.KAM else "executive sponsor"
                errors.append(RowError(row.line, role_header, f"{row.account_name} has a second {what} in this "
                                                              f"file (line {first.line}): an account has one."))
        earlier = seen_person.setdefault((row.account_id, row.user_id), row)
        if earlier is not row and earlier.role != row.role:
            errors.append(RowError(row.line, member_header, f"{row.user_id} is on the {row.account_name} team "
                                                            f"twice with different roles (also line {earlier.line})."))
    for (account_id, role), row in seen_single.items():
        if role == rules.KAM:
            sponsor = seen_single.get((account_id, rules.SPONSOR))
            if sponsor and sponsor.user_id == row.user_id and not any(e.line == sponsor.line for e in errors):
                errors.append(RowError(sponsor.line, role_header, f"{row.user_id} can't be both the KAM and the "
                                                                  f"executive sponsor of {row.account_name}."))
    return errors


# --------------------------------------------------------------------------- writing


def _apply(session: Session, actor: Actor, row: _Row, source: str) -> str:
    """created, updated or unchanged."""
    account = session.get(Account, row.account_id)
    members = {m.user_id: m for m in session.exec(select(TeamMember).where(
        TeamMember.team_id == account.team_id, TeamMember.account_id == account.id)).all()}
    reason = f"kam import teams {source}"
    if row.role == rules.KAM:
        if account.owner_user_id == row.user_id and account.owner_source == MANUAL \
                and getattr(members.get(row.user_id), "role", None) == rules.KAM:
            return "unchanged"
        before = {"owner_user_id": account.owner_user_id, "owner_source": account.owner_source}
        old = account.owner_user_id
        account.owner_user_id, account.owner_source = row.user_id, MANUAL
        if old and old != row.user_id:
            set_role(session, account, members, old, rules.MEMBER)
        set_role(session, account, members, row.user_id, rules.KAM)
        session.add(account)
        audit.record(session, actor, "team.owner_changed", "account", account.id, account_id=account.id,
                     before=before, after={"owner_user_id": row.user_id, "owner_source": MANUAL}, reason=reason)
        return "updated" if old else "created"
    if row.role == rules.SPONSOR:
        if account.sponsor_user_id == row.user_id and getattr(members.get(row.user_id), "role", None) == rules.SPONSOR:
            return "unchanged"
        old = account.sponsor_user_id
        account.sponsor_user_id = row.user_id
        if old and old != row.user_id and old != account.owner_user_id:
            set_role(session, account, members, old, rules.MEMBER)
        set_role(session, account, members, row.user_id, rules.SPONSOR)
        session.add(account)
        audit.record(session, actor, "team.sponsor_changed", "account", account.id, account_id=account.id,
                     before={"sponsor_user_id": old}, after={"sponsor_user_id": row.user_id}, reason=reason)
        return "updated" if old else "created"
    if row.user_id in (account.owner_user_id, account.sponsor_user_id):
        return "unchanged"  # the KAM or sponsor is on the team already, in that role
    current = members.get(row.user_id)
    if current is not None and current.role == row.role:
        return "unchanged"
    before: dict[str, Any] | None = {"user_id": row.user_id, "role": current.role} if current else None
    member = set_role(session, account, members, row.user_id, row.role)
    session.flush()
    audit.record(session, actor, "team.member_added" if current is None else "team.member_role_changed",
                 "team_member", member.id, account_id=account.id, before=before,
                 after={"user_id": row.user_id, "role": row.role}, reason=reason)
    return "created" if current is None else "updated"
