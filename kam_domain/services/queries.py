"""Read helpers shared by services: every query is scoped to one workspace."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import func
from sqlalchemy.dialects import postgresql
from sqlmodel import Session, select

from kam_domain.errors import Choice, NeedsChoice, UserError
from kam_domain.models import Account, Criterion, Financial, Score, Stakeholder
from kam_domain.rules.names import normalize_account_name
from kam_domain.rules.matching import NameCandidate, match_account, match_account_prefix
from kam_domain.rules.relationships import ContactLevel, DecisionRole, StakeholderView
from kam_domain.rules.criteria_templates import DEFAULT_TEMPLATE
from kam_domain.rules.scoring import CriterionDef


Row = TypeVar("Row")

# "#42" is how a button's choice names an account exactly (see NeedsChoice.retry_command).
ACCOUNT_REF = re.compile(r"#\d{1,12}")


def account_candidates(session: Session, team_id: str) -> list[NameCandidate]:
    rows = session.exec(
        select(Account.id, Account.name, Account.aliases, Account.crm_id).where(Account.team_id == team_id)
    ).all()
    return [NameCandidate.build(id_, name, aliases, crm_id) for id_, name, aliases, crm_id in rows]


def resolve_account(session: Session, team_id: str, text: str, command: str = "account") -> Account:
    """The account the user means, or a question ("which one?") / "did you mean" error."""
    text = (text or "").strip()
    if not text:
        raise UserError("Name an account, e.g. `/kam account Borealis`.")
    if ACCOUNT_REF.fullmatch(text):
        return account_by_id(session, team_id, int(text[1:]))
    exact = _exact_name(session, team_id, text)
    if exact is not None:
        return exact
    candidates = account_candidates(session, team_id)
    outcome = match_account(text, candidates)
    return _account_from(session, team_id, text, outcome, command, rest="")


def resolve_account_and_rest(session: Session, team_id: str, tokens: list[str], command: str) -> tuple[Account, str]:
    """Split "Borealis Logistics met Ana today" into the account and the rest of the text."""
    if not tokens:
        raise UserError(f"Name an account, e.g. `/kam {command} Borealis ...`.")
    if ACCOUNT_REF.fullmatch(tokens[0]):
        return account_by_id(session, team_id, int(tokens[0][1:])), " ".join(tokens[1:])
    outcome, used = match_account_prefix(tokens, account_candidates(session, team_id))
    rest = " ".join(tokens[used:]) if used else ""
    account_text = " ".join(tokens[:used]) if used else tokens[0]
    return _account_from(session, team_id, account_text, outcome, command, rest), rest


def account_at_start(session: Session, team_id: str, tokens: list[str], command: str) -> tuple[Account | None, int]:
    """The account the first words name and how many words it took, for plain language: (None, 0) when
    they name none clearly (no "did you mean": the caller reads the message another way); a name that
    fits two accounts still asks which (NeedsChoice)."""
    if not tokens:
        return None, 0
    if ACCOUNT_REF.fullmatch(tokens[0]):
        account = workspace_row(session, Account, team_id, int(tokens[0][1:]))
        return (account, 1) if account is not None else (None, 0)
    exact = _exact_name(session, team_id, " ".join(tokens))
    if exact is not None:
        return exact, len(tokens)
    outcome, used = match_account_prefix(tokens, account_candidates(session, team_id))
    if outcome.match is None and not outcome.ambiguous:
        return None, 0
    return _account_from(session, team_id, " ".join(tokens[:used]), outcome, command, rest=""), used


def _account_from(session, team_id, text, outcome, command, rest) -> Account:
    tail = f" {rest}" if rest else ""
    if outcome.match is not None:
        account = session.get(Account, outcome.match.id)
        if account is not None and account.team_id == team_id:
            return account
    if outcome.ambiguous:
        choices = [Choice(c.name, str(c.id)) for c in outcome.ambiguous[:5]]
        raise NeedsChoice(f"Which account do you mean by “{text}”?", choices,
                          retry_command=f"{command} #{{choice}}{tail}")
    if outcome.suggestions:
        choices = [Choice(c.name, str(c.id)) for c in outcome.suggestions]
        names = ", ".join(c.name for c in outcome.suggestions)
        raise NeedsChoice(f"No account called “{text}”. Did you mean {names}?", choices,
                          retry_command=f"{command} #{{choice}}{tail}")
    raise UserError(f"No account matches “{text}”. Try `/kam accounts all` to see the names.")


def _exact_name(session: Session, team_id: str, text: str) -> Account | None:
    """The common case, a full name, answered by the unique index without a fuzzy scan."""
    return session.exec(
        select(Account).where(Account.team_id == team_id, Account.normalized_name == normalize_account_name(text))
    ).first()


def workspace_row(session: Session, model: type[Row], team_id: str, row_id: int) -> Row | None:
    """The row with that id if it is this workspace's: an id from another workspace reads as missing."""
    row = session.get(model, row_id)
    return row if row is not None and row.team_id == team_id else None


def row_in_workspace(session: Session, model: type[Row], team_id: str, row_id: int, what: str, *,
                     account_id: int | None = None, missing: str | None = None) -> Row:
    """The row of this workspace (and of that account, when given), or a UserError that it no longer exists.

    Every id that comes from a button, a form or a command is read through here."""
    row = workspace_row(session, model, team_id, row_id)
    if row is None or (account_id is not None and row.account_id != account_id):
        raise UserError(missing or f"That {what} no longer exists in this workspace.")
    return row


def account_by_id(session: Session, team_id: str, account_id: int) -> Account:
    return row_in_workspace(session, Account, team_id, account_id, "account")


def criteria_defs(session: Session, team_id: str) -> list[CriterionDef]:
    """The active criteria; a workspace that never chose any has the day-one template in force."""
    rows = session.exec(
        select(Criterion).where(Criterion.team_id == team_id, Criterion.active == True)  # noqa: E712
        .order_by(Criterion.position, Criterion.id)
    ).all()
    if not rows and default_criteria_in_force(session, team_id):
        return default_defs()
    return [CriterionDef(key=c.key, label=c.label, weight=c.weight, axis=c.axis) for c in rows]


def current_scores(session: Session, team_id: str, account_ids: list[int] | None = None) -> dict[int, dict[str, int]]:
    """The newest score per account and criterion."""
    ranked = (
        select(
            Score.account_id, Criterion.key, Score.value,
            func.row_number().over(
                partition_by=(Score.account_id, Score.criterion_id),
                order_by=(Score.scored_at.desc(), Score.id.desc()),
            ).label("rank"),
        )
        .join(Criterion, Criterion.id == Score.criterion_id)
        .where(Score.team_id == team_id, Criterion.active == True)  # noqa: E712
    )
    if account_ids is not None:
        ranked = ranked.where(Score.account_id.in_(account_ids))
    ranked = ranked.subquery()
    rows = session.exec(select(ranked.c.account_id, ranked.c.key, ranked.c.value).where(ranked.c.rank == 1)).all()
    scores: dict[int, dict[str, int]] = defaultdict(dict)
    for account_id, key, value in rows:
        scores[account_id][key] = value
    return scores


@dataclass(frozen=True)
class Money:
    revenue: float
    cost: float

    @property
    def profit(self) -> float:
        return self.revenue - self.cost


def recent_periods(session: Session, team_id: str, count: int = 4) -> list[str]:
    rows = session.exec(
        select(Financial.period).where(Financial.team_id == team_id).distinct().order_by(Financial.period.desc())
        .limit(count)
    ).all()
    return sorted(rows)


def money_by_account(session: Session, team_id: str, periods: list[str],
                     account_ids: list[int] | None = None) -> dict[int, Money]:
    """Our revenue and cost to serve over the given periods, per account."""
    if not periods:
        return {}
    query = (
        select(Financial.account_id, func.sum(Financial.revenue), func.sum(Financial.cost_to_serve))
        .where(Financial.team_id == team_id, Financial.period.in_(periods))
        .group_by(Financial.account_id)
    )
    if account_ids is not None:
        query = query.where(Financial.account_id.in_(account_ids))
    return {aid: Money(float(rev or 0), float(cost or 0)) for aid, rev, cost in session.exec(query).all()}


def stakeholder_views(session: Session, account: Account) -> list[StakeholderView]:
    rows = session.exec(
        select(Stakeholder).where(Stakeholder.team_id == account.team_id, Stakeholder.account_id == account.id)
        .order_by(Stakeholder.name)
    ).all()
    return [to_view(s) for s in rows]


def to_view(s: Stakeholder) -> StakeholderView:
    return StakeholderView(
        id=s.id, name=s.name, title=s.title, role=_enum(DecisionRole, s.role, DecisionRole.UNKNOWN),
        influence=s.influence, attitude=s.attitude,
        contact_level=_enum(ContactLevel, s.contact_level, ContactLevel.NONE), owner_user_id=s.owner_user_id, last_contact=s.last_contact_on,
        reports_to_id=s.reports_to_id,
    )


def _enum(kind, value, default):
    try:
        return kind(value)
    except ValueError:
        return default


def default_criteria_in_force(session: Session, team_id: str) -> bool:
    """True when the workspace never chose criteria: the day-one template is in force."""
    return session.exec(select(Criterion.id).where(Criterion.team_id == team_id).limit(1)).first() is None


def default_defs() -> list[CriterionDef]:
    return [CriterionDef(d.key, d.label, d.weight, d.axis) for d in DEFAULT_TEMPLATE.criteria]


def active_criterion_keys(session: Session, team_id: str) -> dict[int, str]:
    rows = session.exec(
        select(Criterion.id, Criterion.key).where(Criterion.team_id == team_id, Criterion.active == True)  # noqa: E712
    ).all()
    return dict(rows)


def workspace_current_scores(session: Session, team_id: str) -> dict[int, dict[str, int]]:
    """The newest score per account and active criterion, for the whole workspace.

    The same answer as current_scores (newest by scored_at, then id), shaped for the
    whole portfolio: run on the Core connection (the ORM's per-row cost dominates at 10,000
    accounts) and with each database's fastest "newest row per group" form.
    """
    keys = active_criterion_keys(session, team_id)
    if not keys:
        return {}
    where = (Score.team_id == team_id, Score.criterion_id.in_(list(keys)))
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        # SQLite takes a bare column from the row that holds the max(); scored_at is stored
        # as fixed-width text, so "scored_at + zero-padded id" orders by time, then id.
        newest = func.max(Score.scored_at.op("||")(func.printf("%012d", Score.id)))
        inner = select(Score.account_id, Score.criterion_id, Score.value, newest.label("newest")) \
            .where(*where).group_by(Score.account_id, Score.criterion_id).subquery()
        query = select(inner.c.account_id, inner.c.criterion_id, inner.c.value)
    elif dialect == "postgresql":
        query = select(Score.account_id, Score.criterion_id, Score.value).where(*where) \
            .ext(postgresql.distinct_on(Score.account_id, Score.criterion_id)) \
            .order_by(Score.account_id, Score.criterion_id, Score.scored_at.desc(), Score.id.desc())
    else:
        ranked = select(Score.account_id, Score.criterion_id, Score.value, func.row_number().over(
            partition_by=(Score.account_id, Score.criterion_id),
            order_by=(Score.scored_at.desc(), Score.id.desc())).label("rank")).where(*where).subquery()
        query = select(ranked.c.account_id, ranked.c.criterion_id, ranked.c.value).where(ranked.c.rank == 1)
    scores: dict[int, dict[str, int]] = defaultdict(dict)
    for account_id, criterion_id, value in session.connection().execute(query).all():
        scores[account_id][keys[criterion_id]] = value
    return scores
