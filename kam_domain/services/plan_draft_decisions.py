"""The plan draft (`/kam plan-draft ACCOUNT`): customer business, objectives by horizon and stakeholder
reads proposed from the notes, each accepted into the plan or rejected, point by point.

Every point has a stable id (its kind, content and notes), so a button or a number names it without
trusting the text a client sends back: a decision drafts again and acts on the point with that id,
or says the draft changed. Accepting goes through the plan and stakeholder services (their checks,
audit and `touch`); rejecting is audited and leaves the point out of later drafts. Points already
in the plan are not offered again.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Callable

from sqlmodel import select

from kam_domain.drafting.objectives import propose_objectives
from kam_domain.drafting.plan_sections import customer_business
from kam_domain.errors import FieldErrors, UserError
from kam_domain.models import AuditEntry, Objective, PlanSection
from kam_domain.rules.plan_health import PlanSectionKind
from kam_domain.services import audit, plan_drafts, plans, queries, stakeholders
from kam_domain.services.authz import Actor, Permission, allowed, require
from kam_domain.services.drafts import Citation
from kam_domain.services.swot_decisions import parse_numbers
from kam_domain.store.uow import UnitOfWork

REJECTED = "plan_draft.rejected"
SECTION_OF = {"goals": PlanSectionKind.CUSTOMER_GOALS, "initiatives": PlanSectionKind.INITIATIVES,
              "financial_health": PlanSectionKind.FINANCIAL_HEALTH, "competitors": PlanSectionKind.COMPETITORS}
ATTITUDE_WORDS = {-2: "strongly against us", -1: "against us", 0: "neutral", 1: "for us", 2: "strongly for us"}


@dataclass(frozen=True)
class DraftPoint:
    """One proposal. kind: section, objective or stakeholder; `target` says where it goes."""

    point_id: str
    kind: str
    target: str  # section name, horizon, or the person's name
    text: str
    citations: tuple[Citation, ...]
    stakeholder_id: int | None = None
    changes: tuple[tuple[str, object, object], ...] = ()  # stakeholder reads: (field, now, proposed)


@dataclass
class PlanDraft:
    account_id: int
    account_name: str
    can_write: bool
    points: list[DraftPoint] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[DraftPoint]:
        return [p for p in self.points if p.kind == kind]


@dataclass(frozen=True)
class PointDecision:
    point: DraftPoint
    accepted: bool
    outcome: str  # what changed, in words


@dataclass
class PlanDraftDecisions:
    account_id: int
    account_name: str
    decisions: list[PointDecision]


def point_id(kind: str, target: str, text: str, note_ids: tuple[int, ...]) -> str:
    raw = "|".join((kind, target, " ".join(text.lower().split()), ",".join(map(str, sorted(note_ids)))))
    return hashlib.sha1(raw.encode()).hexdigest()[:12]


def plan_draft(uow: UnitOfWork, actor: Actor, account_text: str, today: date) -> PlanDraft:
    with uow:
        account = queries.resolve_account(uow.session, actor.team_id, account_text, "plan-draft")
        require(uow.session, actor, Permission.READ, account)
        account_id = account.id
    return plan_draft_by_id(uow, actor, account_id, today)


def plan_draft_by_id(uow: UnitOfWork, actor: Actor, account_id: int, today: date) -> PlanDraft:
    sections = plan_drafts.draft_customer_business(uow, actor, account_id, today)
    reads = plan_drafts.draft_stakeholder_reads(uow, actor, account_id, today)
    with uow:
        session = uow.session
        account = queries.account_by_id(session, actor.team_id, account_id)
        rejected = _rejected(session, account.team_id, account.id)
        written = " ".join(s.body.lower() for s in session.exec(
            select(PlanSection).where(PlanSection.account_id == account.id)).all())
        objectives = {o.title.lower() for o in session.exec(
            select(Objective).where(Objective.account_id == account.id)).all()}
        draft = PlanDraft(account.id, account.name, allowed(session, actor, Permission.WRITE, account))
    points = _section_points(sections) + _objective_points(sections, today) + _read_points(reads)
    draft.points = [p for p in points if p.point_id not in rejected and not _in_plan(p, written, objectives)]
    return draft


def decide(uow: Callable[[], UnitOfWork], actor: Actor, account_id: int, point_ids: list[str], accept: bool,
           today: date, now: datetime) -> PlanDraftDecisions:
    """Accept or reject the points with these ids in the account's current draft."""
    draft = plan_draft_by_id(uow(), actor, account_id, today)
    by_id = {p.point_id: p for p in draft.points}
    missing = [i for i in point_ids if i not in by_id]
    if missing:
        raise UserError(f"The plan draft of {draft.account_name} has changed since it was shown (a note was added "
                        f"or a point decided). Nothing was changed; draft it again with `/kam plan-draft #{account_id}`.")
    act = _accept if accept else _reject
    decisions = [act(uow(), actor, draft, by_id[i], today, now) for i in point_ids]
    return PlanDraftDecisions(draft.account_id, draft.account_name, decisions)


def decide_numbers(uow: Callable[[], UnitOfWork], actor: Actor, account_text: str, words: list[str], accept: bool,
                   today: date, now: datetime) -> PlanDraftDecisions:
    """`plan-draft ACCOUNT accept 1 3` / `reject 2` / `accept all`: the numbers as the draft shows them."""
    draft = plan_draft(uow(), actor, account_text, today)
    verb = "accept" if accept else "reject"
    numbers = parse_numbers(words, f"plan-draft {draft.account_name} {verb} 1 3")
    if not draft.points:
        raise UserError(f"The plan draft of {draft.account_name} has no points to decide on.")
    if numbers is None:
        numbers = list(range(1, len(draft.points) + 1))
    wrong = [n for n in numbers if not 1 <= n <= len(draft.points)]
    if wrong:
        raise UserError(f"The plan draft of {draft.account_name} has points 1-{len(draft.points)}; there is no point "
                        f"{', '.join(map(str, wrong))}. Nothing was changed.")
    return decide(uow, actor, draft.account_id, [draft.points[n - 1].point_id for n in numbers], accept, today, now)


# --------------------------------------------------------------------------- building the points


def _section_points(sections: list[plan_drafts.SectionDraft]) -> list[DraftPoint]:
    return [DraftPoint(point_id("section", s.section, s.text, _ids(s.citations)), "section", s.section, s.text,
                       s.citations) for s in sections]


def _objective_points(sections: list[plan_drafts.SectionDraft], today: date) -> list[DraftPoint]:
    from kam_domain.drafting.plan_sections import SectionProposal

    proposals = [SectionProposal(s.section, s.text, s.citations[0].note_id, _ids(s.citations)[1:]) for s in sections]
    cited = {c.note_id: c for s in sections for c in s.citations}
    points = []
    for o in propose_objectives(proposals, today):
        citations = tuple(cited[i] for i in o.note_ids if i in cited)
        points.append(DraftPoint(point_id("objective", o.horizon, o.title, o.note_ids), "objective", o.horizon,
                                 o.title, citations))
    return points


def _read_points(reads: list[plan_drafts.StakeholderReadDraft]) -> list[DraftPoint]:
    points = []
    for r in reads:
        changes = tuple((name, now, new) for name, now, new in (("attitude", r.attitude, r.proposed_attitude),
                                                                 ("role", r.role, r.proposed_role),
                                                                 ("influence", r.influence, r.proposed_influence))
                        if new is not None and new != now)
        text = f"{r.name}: " + "; ".join(_change_words(name, now, new) for name, now, new in changes)
        points.append(DraftPoint(point_id("stakeholder", r.name, text, _ids(r.citations)), "stakeholder", r.name, text,
                                 r.citations, r.stakeholder_id, changes))
    return points


def _change_words(name: str, now: object, new: object) -> str:
    if name == "attitude":
        return f"{ATTITUDE_WORDS.get(new, new)} (map says {ATTITUDE_WORDS.get(now, now)})"
    if name == "role":
        return f"role {str(new).replace('_', ' ')} (map says {str(now or 'unknown').replace('_', ' ')})"
    return f"influence {new}/5 (map says {now}/5)"


def _ids(citations: tuple[Citation, ...]) -> tuple[int, ...]:
    return tuple(c.note_id for c in citations)


def _rejected(session, team_id: str, account_id: int) -> set[str]:
    rows = session.exec(select(AuditEntry.after).where(AuditEntry.team_id == team_id,
                                                       AuditEntry.account_id == account_id,
                                                       AuditEntry.action == REJECTED)).all()
    return {(after or {}).get("point_id") for after in rows}


def _in_plan(point: DraftPoint, written: str, objectives: set[str]) -> bool:
    if point.kind == "section":
        return point.text.lower() in written
    if point.kind == "objective":
        return point.text.lower() in objectives
    return False  # a read already applied is no longer proposed (it changes nothing)


# --------------------------------------------------------------------------- deciding


def _accept(uow: UnitOfWork, actor: Actor, draft: PlanDraft, point: DraftPoint, today: date,
            now: datetime) -> PointDecision:
    if point.kind == "section":
        kind = SECTION_OF[point.target]
        body = _section_body(uow, actor, draft.account_id, kind)
        line = f"- {point.text} ({_sources(point.citations)})"
        try:
            plans.save_section(uow, actor, draft.account_id, kind.value, f"{body}\n{line}".strip(), now)
        except FieldErrors:
            raise UserError(f"{kind.label} of {draft.account_name} is full ({plans.MAX_SECTION} characters): shorten "
                            f"it in `/kam plan #{draft.account_id}` first. Nothing was changed.") from None
        return PointDecision(point, True, f"added to {kind.label}")
    if point.kind == "objective":
        plans.save_objective(uow, actor, draft.account_id, None, point.text, point.target, None, None, today, now)
        return PointDecision(point, True, f"added as a {point.target}-term objective")
    fields = {name: (f"{new:+d}" if name == "attitude" else str(new)) for name, _, new in point.changes}
    stakeholders.update_person(uow, actor, draft.account_id, point.stakeholder_id, fields, today, now)
    return PointDecision(point, True, "the stakeholder map now says so")


def _section_body(uow: UnitOfWork, actor: Actor, account_id: int, kind: PlanSectionKind) -> str:
    with uow:
        row = uow.session.exec(select(PlanSection).where(PlanSection.account_id == account_id,
                                                         PlanSection.team_id == actor.team_id,
                                                         PlanSection.section == kind.value)).first()
        return row.body if row else ""


def _reject(uow: UnitOfWork, actor: Actor, draft: PlanDraft, point: DraftPoint, today: date,
            now: datetime) -> PointDecision:
    with uow:
        session = uow.session
        account = queries.account_by_id(session, actor.team_id, draft.account_id)
        require(session, actor, Permission.WRITE, account)
        audit.record(session, actor, REJECTED, "account", account.id, account_id=account.id,
                     after={"point_id": point.point_id, "kind": point.kind, "target": point.target,
                            "text": point.text}, reason="rejected from a plan draft")
        uow.commit()
    return PointDecision(point, False, "left out of later drafts")


def _sources(citations: tuple[Citation, ...]) -> str:
    return "; ".join(f"note #{c.note_id}, {c.written_on.isoformat()}, {c.author}" for c in citations[:3])
