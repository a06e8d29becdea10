"""The account plan as the account channel's canvas: what the bot writes there, and asking for it.

The bot owns a few sections of the canvas and nothing else: each is one h2 heading ending in MARK
("Objectives · kept by KAM assistant") and content with no heading of its own (in a canvas every
heading starts a new section; one under ours would be left behind as a stale copy by the next sync).
The Slack side (bot/canvas_sync.py) finds these sections by their heading and replaces only them,
so what people write in the canvas stays as they wrote it.

`plan_sections` is pure (an AccountPlan and a StakeholderMap in, markdown out); `canvas_for` reads
them at send time; `request_canvas` is `/kam plan ACCOUNT canvas` (plan editors only).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from kam_domain.errors import UserError
from kam_domain.models import Account, Delivery
from kam_domain.services import queries
from kam_domain.services.authz import Actor, Permission, require
from kam_domain.services.plan_canvas_queue import PLAN_CANVAS, queue_sync
from kam_domain.services.plans import AccountPlan, HorizonGroup, build_plan
from kam_domain.services.stakeholders import StakeholderMap, build_map
from kam_domain.store.uow import UnitOfWork

MARK = "· kept by KAM assistant"
READER = "kam-canvas"  # the system reader of a sync (workspace-scoped by the delivery's team)
ROLE_WORDS = {"kam": "Key account manager", "sponsor": "Executive sponsor", "member": "Team member",
              "specialist": "Specialist"}
SWOT_TITLES = {"strength": "Strengths", "weakness": "Weaknesses", "opportunity": "Opportunities",
               "threat": "Threats"}
ATTITUDES = {-2: "hostile", -1: "sceptical", 0: "neutral", 1: "supportive", 2: "champion"}
_USER_ID = re.compile(r"^[UW][A-Z0-9_]{2,}$")
_SPECIAL = re.compile(r"([\\`*_\[\]|<>~!#])")
_BULLET = re.compile(r"^(\s*)([-+])(\s)")
_NUMBERED = re.compile(r"^(\s*\d+)([.)])(\s)")


@dataclass(frozen=True)
class CanvasSection:
    key: str
    title: str
    body: str  # markdown with no heading line

    @property
    def heading(self) -> str:
        return f"{self.title} {MARK}"

    @property
    def markdown(self) -> str:
        return f"## {self.heading}\n{self.body.rstrip()}\n"


@dataclass
class PlanCanvas:
    """What one sync writes: where, and the bot's sections as they read now."""

    account_id: int
    account_name: str
    channel_id: str
    canvas_id: str | None  # None: create (or adopt) the channel's canvas first
    sections: list[CanvasSection]

    @property
    def document(self) -> str:
        return document(self.sections)


@dataclass
class CanvasRequest:
    account_id: int
    account_name: str
    channel_id: str
    delivery_id: int


# --------------------------------------------------------------------------- markdown (pure)


def inline(text: str | None) -> str:
    """Customer or team text as one line of canvas markdown: nothing in it formats, links or mentions."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))


def block(text: str | None) -> str:
    """Multi-line text, line by line: no line can become a heading, a list item or a quote."""
    lines = []
    for raw in str(text or "").strip().splitlines():
        line = _SPECIAL.sub(r"\\\1", raw.rstrip())
        lines.append(_NUMBERED.sub(r"\1\\\2\3", _BULLET.sub(r"\1\\\2\3", line)))
    return "\n".join(lines)


def mention(user_id: str | None, missing: str = "_nobody_") -> str:
    if not user_id:
        return missing
    return f"![](@{user_id})" if _USER_ID.match(user_id) else inline(user_id)


def _cell(text: str) -> str:
    return text.replace("\n", " ") or " "


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def business_section(plan: AccountPlan) -> CanvasSection:
    parts = [f"**{inline(s.label)}**\n{block(s.body) if s.body else '_Not written yet._'}" for s in plan.business]
    return CanvasSection("business", "Business", "\n\n".join(parts))


def team_section(plan: AccountPlan) -> CanvasSection:
    lines = [f"- {ROLE_WORDS.get(t.role, inline(t.role.capitalize()))}: {mention(t.user_id)}" for t in plan.team]
    if not plan.team:
        lines.append("_No one on the account team yet._")
    if not plan.sponsor_user_id:
        lines.append("- Executive sponsor: _none yet_")
    return CanvasSection("team", "Team and sponsor", "\n".join(lines))


def swot_section(plan: AccountPlan) -> CanvasSection:
    parts = []
    for quadrant, title in SWOT_TITLES.items():
        points = plan.swot.get(quadrant) or []
        items = "\n".join(f"- {inline(p)}" for p in points) or "_None accepted yet._"
        parts.append(f"**{title}**\n{items}")
    return CanvasSection("swot", "SWOT", "\n\n".join(parts))


def _horizon(group: HorizonGroup) -> str:
    title = f"**{group.title}** ({group.span})"
    if not group.objectives:
        return f"{title}\n_No objectives yet._"
    rows = [(inline(o.title), mention(o.owner_user_id, "_no owner_"),
             o.due_on.isoformat() if o.due_on else "_no date_") for o in group.objectives]
    return f"{title}\n{_table(('Objective', 'Owner', 'Due'), rows)}"


def objectives_section(plan: AccountPlan) -> CanvasSection:
    parts = [_horizon(g) for g in plan.horizons]
    if plan.achieved:
        parts.append(f"_{plan.achieved} objective{'s' if plan.achieved != 1 else ''} achieved so far._")
    return CanvasSection("objectives", "Objectives", "\n\n".join(parts))


def coverage_section(people: StakeholderMap) -> CanvasSection:
    status = inline(people.coverage_status.capitalize())
    summary = f"Coverage: **{status}**" + (f": {inline(people.coverage_reason)}" if people.coverage_reason else "")
    gaps = "\n".join(f"- {inline(g.message)}" for g in people.gaps)
    rows = [(inline(p.display), inline(p.role_label), inline(ATTITUDES.get(p.attitude, str(p.attitude))),
             mention(p.owner_user_id, "_nobody_"),
             p.last_contact_on.isoformat() if p.last_contact_on else "_never_")
            for g in people.groups for p in g.people]
    table = (_table(("Person", "Role", "Attitude", "Owner", "Last contact"), rows) if rows
             else "_No one on the stakeholder map yet._")
    return CanvasSection("coverage", "Stakeholder coverage", "\n\n".join(p for p in (summary, gaps, table) if p))


def plan_sections(plan: AccountPlan, people: StakeholderMap) -> list[CanvasSection]:
    return [business_section(plan), team_section(plan), swot_section(plan), objectives_section(plan),
            coverage_section(people)]


def document(sections: list[CanvasSection]) -> str:
    return "".join(s.markdown for s in sections)


# --------------------------------------------------------------------------- reading and asking


def request_canvas(uow: UnitOfWork, actor: Actor, account_text: str, now: datetime) -> CanvasRequest:
    """`/kam plan ACCOUNT canvas`: queue the sync that creates (or adopts) the channel's canvas."""
    with uow:
        session = uow.session
        account = queries.resolve_account(session, actor.team_id, account_text, command="plan")
        require(session, actor, Permission.WRITE, account)
        if not account.channel_id:
            raise UserError(f"{account.name} has no account channel yet, so there is no canvas to write. Set it "
                            f"with `/kam team {account.name} channel=#channel`, then ask again.")
        delivery = queue_sync(session, account, create=True, now=now, requested_by=actor.user_id)
        request = CanvasRequest(account.id, account.name, account.channel_id, delivery.id)
        uow.commit()
        return request


def canvas_for(session: Session, delivery: Delivery, today: date) -> PlanCanvas | None:
    """What the sync `delivery` writes now; None when there is nothing to write any more (the account
    is gone or has no channel, its canvas is no longer kept, or a newer sync is pending)."""
    account = session.get(Account, delivery.account_id) if delivery.account_id is not None else None
    if account is None or account.team_id != delivery.team_id or not account.channel_id:
        return None
    create = bool((delivery.payload or {}).get("create"))
    if (not create and not account.plan_canvas_id) or _newer_pending(session, delivery):
        return None
    reader = Actor(team_id=delivery.team_id, user_id=READER, is_admin=True)
    sections = plan_sections(build_plan(session, reader, account, today), build_map(session, reader, account, today))
    return PlanCanvas(account.id, account.name, account.channel_id, None if create else account.plan_canvas_id,
                      sections)


def _newer_pending(session: Session, delivery: Delivery) -> bool:
    return session.exec(select(Delivery.id).where(
        Delivery.kind == PLAN_CANVAS, Delivery.team_id == delivery.team_id, Delivery.account_id == delivery.account_id,
        Delivery.status == "pending", Delivery.id > delivery.id)).first() is not None


def remember_canvas(uow: UnitOfWork, team_id: str, account_id: int, canvas_id: str | None) -> None:
    """The canvas the bot keeps for the account (None: it is gone, stop syncing)."""
    with uow:
        account = uow.session.get(Account, account_id)
        if account is not None and account.team_id == team_id and account.plan_canvas_id != canvas_id:
            account.plan_canvas_id = canvas_id
            uow.commit()
