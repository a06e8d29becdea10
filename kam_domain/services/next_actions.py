"""What to do next on an account, each with its reason, from the rules in
`kam_domain.rules.next_actions`: overdue and due-soon actions, cold key people, uncovered
decision roles, influential detractors, the review, opportunities without a next step and a
stale plan.

`drafted` is the seam for suggestions drafted from the account's notes (the drafts service);
this module leaves it empty, and the renderers show it when it is not.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from kam_domain.errors import UserError
from kam_domain.models import Account, Action, Opportunity, Review
from kam_domain.rules.next_actions import (
    HIGH,
    LOW,
    NORMAL,
    URGENT,
    OpenAction,
    OpenOpportunity,
    SuggestedAction,
    SuggestionKind,
    rule_based_next_actions,
)
from kam_domain.services import key_status, queries
from kam_domain.services.authz import Actor, Permission, allowed, require
from kam_domain.services.plans import PlanChanged, add_action
from kam_domain.store.uow import UnitOfWork

PRIORITY_LABELS = {URGENT: "urgent", HIGH: "high", NORMAL: "normal", LOW: "low"}
# Suggestions that are not yet anybody's action, so "Add to actions" makes sense for them.
ADOPTABLE = {SuggestionKind.COLD_KEY_PERSON, SuggestionKind.INFLUENTIAL_DETRACTOR, SuggestionKind.UNCOVERED_ROLE,
             SuggestionKind.OPPORTUNITY_WITHOUT_NEXT_STEP, SuggestionKind.STALE_PLAN}


@dataclass
class NextAction:
    key: str  # stable for the same situation: what a button names to re-find it
    kind: str
    text: str
    reason: str
    priority: int
    due_on: date | None
    owner_user_id: str | None
    stakeholder_id: int | None = None
    action_id: int | None = None
    opportunity_id: int | None = None

    @property
    def priority_label(self) -> str:
        return PRIORITY_LABELS.get(self.priority, str(self.priority))

    @property
    def adoptable(self) -> bool:
        return SuggestionKind(self.kind) in ADOPTABLE


@dataclass
class NextActions:
    account_id: int
    account_name: str
    tier: str
    items: list[NextAction]
    can_edit: bool
    today: date
    drafted: list = field(default_factory=list)  # drafted from notes (drafts service); shown when not empty


def next_actions(uow: UnitOfWork, actor: Actor, account_text: str, today: date) -> NextActions:
    with uow:
        account = queries.resolve_account(uow.session, actor.team_id, account_text, command="next")
        return build_next_actions(uow.session, actor, account, today)


def next_actions_by_id(uow: UnitOfWork, actor: Actor, account_id: int, today: date) -> NextActions:
    with uow:
        account = queries.account_by_id(uow.session, actor.team_id, int(account_id))
        return build_next_actions(uow.session, actor, account, today)


def build_next_actions(session: Session, actor: Actor, account: Account, today: date) -> NextActions:
    require(session, actor, Permission.READ, account)
    suggestions = suggest(session, account, today)
    return NextActions(account.id, account.name, account.tier, [_row(s) for s in suggestions],
                       allowed(session, actor, Permission.WRITE, account), today)


def suggest(session: Session, account: Account, today: date) -> list[SuggestedAction]:
    actions = session.exec(select(Action).where(Action.team_id == account.team_id, Action.account_id == account.id,
                                                Action.status == "open")).all()
    awake = [a for a in actions if not (a.snoozed_until and a.snoozed_until > today)]
    opportunities = session.exec(select(Opportunity).where(Opportunity.team_id == account.team_id,
                                                           Opportunity.account_id == account.id,
                                                           Opportunity.status == "open")).all()
    next_review = session.exec(select(func.min(Review.due_on)).where(
        Review.team_id == account.team_id, Review.account_id == account.id, Review.done_at.is_(None))).one()
    return rule_based_next_actions(
        today=today, tier=account.tier,
        actions=[OpenAction(a.id, a.title, a.owner_user_id, a.due_on) for a in awake],
        stakeholders=queries.stakeholder_views(session, account), next_review_due=next_review,
        plan_last_updated=account.plan_updated_at.date() if account.plan_updated_at else None,
        opportunities=[OpenOpportunity(o.id, o.name, o.value, o.next_step, o.close_on) for o in opportunities],
        executive_sponsor_user_id=account.sponsor_user_id, kam_user_id=account.owner_user_id,
        missed_conditions=_missed_conditions(session, account, today),
    )


def _missed_conditions(session: Session, account: Account, today: date) -> list:
    if account.tier != "key":
        return []
    change = key_status.latest_approved(session, account)
    if change is None or not change.decision_reason:
        return []
    return [s for s in key_status.condition_states(change, account, today) if s.missed]


def _key(s: SuggestedAction) -> str:
    ref = s.action_id or s.stakeholder_id or s.opportunity_id
    return f"{s.kind.value}:{ref}" if ref is not None else f"{s.kind.value}:{s.text}"[:120]


def _row(s: SuggestedAction) -> NextAction:
    return NextAction(_key(s), s.kind.value, s.text, s.reason, s.priority, s.due, s.owner_user_id,
                      s.stakeholder_id, s.action_id, s.opportunity_id)


def adopt(uow: UnitOfWork, actor: Actor, account_id: int, key: str, today: date, now: datetime) -> PlanChanged:
    """"Add to actions": the suggestion is worked out again now, and becomes an open action.

    The button names the suggestion by its key only; what is written comes from today's rules.
    """
    with uow:
        account = queries.account_by_id(uow.session, actor.team_id, int(account_id))
        require(uow.session, actor, Permission.WRITE, account)
        match = next((s for s in suggest(uow.session, account, today) if _key(s) == key), None)
        if match is None:
            raise UserError("That suggestion no longer applies; run `/kam next` again to see what is next.")
        if match.kind not in ADOPTABLE:
            raise UserError("That one is already an action on the plan.")
        open_titles = set(uow.session.exec(select(Action.title).where(
            Action.account_id == account.id, Action.status == "open")).all())
        if match.text in open_titles:
            raise UserError(f"“{match.text}” is already an open action on the {account.name} plan.")
    due = match.due if match.due and match.due >= today else today
    return add_action(uow, actor, account_id, None, match.text, match.owner_user_id or actor.user_id, due, today, now,
                      source="rule")
